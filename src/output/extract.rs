//! `-x/--extract`: only a fenced code block of the answer, without its fences. A script
//! that pipes `-x` into `sh` must never run prose, nor half a command: an answer without a
//! closed block prints nothing (exit 8), and a block is printed only once it has closed.
//!
//! Fences follow CommonMark: a line of three or more backticks or tildes, indented at most
//! three spaces, closed by a line of the same character at least as long (with nothing
//! after it but spaces). The opening fence's indentation is taken off the block's lines.

use std::io::{self, Write};

pub use crate::error::Missing;

/// Which block `-x` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// `-x`: the first, printed as soon as it closes.
    First,
    /// `--extract-last`: the last, printed when the answer ends.
    Last,
}

/// An open fence: its character, length and indentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fence {
    mark: u8,
    len: usize,
    indent: usize,
}

/// Finds code blocks in text that arrives in pieces, line by line.
#[derive(Debug, Default)]
pub struct Blocks {
    /// The unfinished line.
    partial: Vec<u8>,
    open: Option<(Fence, Vec<u8>)>,
    /// Closed blocks not yet taken.
    closed: Vec<Vec<u8>>,
}

impl Blocks {
    /// Takes a piece of the answer.
    pub fn push(&mut self, bytes: &[u8]) {
        self.partial.extend_from_slice(bytes);
        while let Some(end) = self.partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=end).collect();
            self.line(&line);
        }
    }

    /// The answer has ended: its last line need not end with a newline.
    pub fn end(&mut self) {
        if !self.partial.is_empty() {
            let mut line = std::mem::take(&mut self.partial);
            line.push(b'\n');
            self.line(&line);
        }
    }

    /// Closed blocks, oldest first, taken.
    pub fn take_closed(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.closed)
    }

    /// Whether a block is open (at the end: it never closed).
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    fn line(&mut self, line: &[u8]) {
        match &mut self.open {
            None => self.open = fence(line).map(|f| (f, Vec::new())),
            Some((open, body)) => {
                if closes(line, *open) {
                    self.closed.push(std::mem::take(body));
                    self.open = None;
                } else {
                    let skip = line
                        .iter()
                        .take(open.indent)
                        .take_while(|&&b| b == b' ')
                        .count();
                    body.extend_from_slice(&line[skip..]);
                }
            }
        }
    }
}

/// An opening fence: up to three spaces, then three or more ` or ~ (a backtick fence's info
/// string may not hold a backtick).
fn fence(line: &[u8]) -> Option<Fence> {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    let rest = &line[indent..];
    let mark = *rest.first()?;
    let len = rest.iter().take_while(|&&b| b == mark).count();
    let info = &rest[len..];
    let ok = indent <= 3 && matches!(mark, b'`' | b'~') && len >= 3;
    (ok && !(mark == b'`' && info.contains(&b'`'))).then_some(Fence { mark, len, indent })
}

fn closes(line: &[u8], open: Fence) -> bool {
    let indent = line.iter().take_while(|&&b| b == b' ').count();
    let rest = &line[indent..];
    let len = rest.iter().take_while(|&&b| b == open.mark).count();
    indent <= 3 && len >= open.len && rest[len..].iter().all(|b| b.is_ascii_whitespace())
}

/// Passes on only the block `which` asks for, of one answer that arrives in pieces: the
/// first as soon as it closes, the last when [`Extractor::finish`] is called.
#[derive(Debug)]
pub struct Extractor {
    which: Which,
    blocks: Blocks,
    printed: bool,
    last: Option<Vec<u8>>,
}

impl Extractor {
    pub fn new(which: Which) -> Extractor {
        Extractor {
            which,
            blocks: Blocks::default(),
            printed: false,
            last: None,
        }
    }

    pub fn which(&self) -> Which {
        self.which
    }

    /// Takes a piece of the answer; writes the first block to `out` once it has closed.
    pub fn push(&mut self, out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
        if self.which == Which::First && self.printed {
            return Ok(());
        }
        self.blocks.push(bytes);
        self.take(out)
    }

    /// The answer has ended: writes the last block when that is the one asked for; says
    /// why nothing was written when nothing was.
    pub fn finish(mut self, out: &mut impl Write) -> io::Result<Result<(), Missing>> {
        self.blocks.end();
        self.take(out)?;
        if let Some(last) = self.last.take() {
            out.write_all(&last)?;
            self.printed = true;
        }
        out.flush()?;
        Ok(match (self.printed, self.blocks.is_open()) {
            (true, _) => Ok(()),
            (false, true) => Err(Missing::Unclosed),
            (false, false) => Err(Missing::NoBlock),
        })
    }

    fn take(&mut self, out: &mut impl Write) -> io::Result<()> {
        for block in self.blocks.take_closed() {
            match self.which {
                Which::First if !self.printed => {
                    out.write_all(&block)?;
                    out.flush()?;
                    self.printed = true;
                }
                Which::First => {}
                Which::Last => self.last = Some(block),
            }
        }
        Ok(())
    }
}

/// The block `which` asks for in a whole answer, or why there is none.
pub fn block(text: &str, which: Which) -> Result<String, Missing> {
    let mut block = Vec::new();
    let mut extractor = Extractor::new(which);
    // Writing to a Vec cannot fail.
    let found = (extractor.push(&mut block, text.as_bytes()))
        .and_then(|()| extractor.finish(&mut block))
        .expect("a Vec takes every write");
    // Whole lines of the text, less some leading spaces: still valid UTF-8, so the lossy
    // conversion replaces nothing.
    found.map(|()| String::from_utf8_lossy(&block).into_owned())
}

/// What `-x` made of the answers of one response (`-n` asks for several): each answer's
/// block, in index order, separated as whole answers are.
///
/// Answers without a block leave no trace on stdout (a script must never run prose), and
/// one that has a block is enough: the others are named on stderr by [`verdict`].
pub fn verdict(found: &[(u32, Result<(), Missing>)], err: &mut impl Write) -> Result<(), Missing> {
    let any = found.iter().any(|(_, r)| r.is_ok());
    if !any {
        let first = found.iter().min_by_key(|(index, _)| *index);
        return Err(first.and_then(|(_, r)| r.err()).unwrap_or(Missing::NoBlock));
    }
    for (index, result) in found {
        if let Err(missing) = result {
            let why = match missing {
                Missing::NoBlock => "has no fenced code block",
                Missing::Unclosed => "has a code block that never closed",
            };
            let (n, of) = (index + 1, found.len());
            crate::log::warning(
                err,
                format_args!("-x: answer {n} of {of} {why}; printed the others"),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "extract_tests.rs"]
mod tests;
