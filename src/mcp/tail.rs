//! The last lines a server wrote on stderr, for the error that says why it failed.
//!
//! A server's stderr is its log: most of it is noise while it works, and the last lines
//! are what explains a crash. It is read all along (a full pipe would block the server)
//! and only a bounded tail is kept, however much the server writes or however long a line.

use std::collections::VecDeque;

/// Lines kept.
const KEEP: usize = 20;
/// Bytes kept of one line; the rest of it is dropped.
const LINE: usize = 400;

#[derive(Debug, Default)]
pub struct Tail {
    lines: VecDeque<String>,
    /// The line being written, not ended yet.
    partial: Vec<u8>,
    /// Whether the partial line went over [`LINE`].
    cut: bool,
}

impl Tail {
    /// Adds what the server wrote.
    pub fn push(&mut self, mut bytes: &[u8]) {
        while let Some(end) = memchr::memchr(b'\n', bytes) {
            self.extend(&bytes[..end]);
            self.end_line();
            bytes = &bytes[end + 1..];
        }
        self.extend(bytes);
    }

    /// Ends the last line: the server closed its stderr.
    pub fn finish(&mut self) {
        if !self.partial.is_empty() {
            self.end_line();
        }
    }

    /// The last `n` lines with something in them, trimmed, control characters (colours,
    /// carriage returns) left out, so that each fits in a one-line message.
    pub fn last(&self, n: usize) -> Vec<String> {
        let mut shown: Vec<String> = (self.lines.iter().rev())
            .map(|line| plain(line).trim().to_string())
            .filter(|line| !line.is_empty())
            .take(n)
            .collect();
        shown.reverse();
        shown
    }

    fn extend(&mut self, bytes: &[u8]) {
        let room = LINE.saturating_sub(self.partial.len());
        self.partial
            .extend_from_slice(&bytes[..bytes.len().min(room)]);
        self.cut |= bytes.len() > room;
    }

    fn end_line(&mut self) {
        let mut line = String::from_utf8_lossy(&self.partial).into_owned();
        if self.cut {
            line.push('…');
        }
        self.partial.clear();
        self.cut = false;
        if self.lines.len() == KEEP {
            self.lines.pop_front();
        }
        self.lines.push_back(line);
    }
}

/// `line` without terminal escapes (`ESC [ … m` colours) and control characters.
fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                // A CSI sequence ends with a byte from '@' to '~'; other escapes are two
                // characters long.
                if chars.next() == Some('[') {
                    chars.by_ref().find(|c| ('@'..='~').contains(c));
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_lines_are_kept_whole_across_pieces_and_cleaned() {
        let mut tail = Tail::default();
        for i in 0..30 {
            tail.push(format!("line {i}\n").as_bytes());
        }
        tail.push(b"\x1b[31mError: bo");
        tail.push(b"om\x1b[0m\r\n\n  ");
        tail.push(b"at main");
        tail.finish();
        assert_eq!(tail.last(3), ["line 29", "Error: boom", "at main"]);
        assert_eq!(
            tail.last(100).len(),
            KEEP - 1,
            "the blank lines are not shown"
        );
    }

    #[test]
    fn a_huge_line_is_cut() {
        let mut tail = Tail::default();
        tail.push(&vec![b'x'; 100_000]);
        tail.push(b"x\nnext\n");
        let last = tail.last(2);
        assert_eq!(last[0], format!("{}…", "x".repeat(LINE)));
        assert_eq!(last[1], "next");
    }
}
