//! Wrapping prose to the terminal's width, measured in display columns.
//!
//! Issue 15: Korean syllables and emoji take two columns and must never be split. Lines
//! break at spaces; only a word wider than the line is cut, and then between characters,
//! keeping a character together with the zero-width ones that modify it (combining marks,
//! variation selectors, and whatever a zero-width joiner joins).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::styled::{Piece, width};

const ZWJ: char = '\u{200d}';
const SKIN_TONES: std::ops::RangeInclusive<char> = '\u{1f3fb}'..='\u{1f3ff}';

fn is_regional(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

/// A word or a run of spaces, as the pieces (styles) it spans.
struct Token {
    pieces: Vec<Piece>,
    space: bool,
}

/// The lines being filled.
struct Lines<'a> {
    done: Vec<Vec<Piece>>,
    current: Vec<Piece>,
    used: usize,
    has_word: bool,
    rest: &'a [Piece],
    width: usize,
}

/// Wraps `content` to `width` columns. The first line starts with `first`, the others with
/// `rest` (a list item's bullet, then the indentation under its text).
pub(crate) fn wrap(
    content: &[Piece],
    first: &[Piece],
    rest: &[Piece],
    width: usize,
) -> Vec<Vec<Piece>> {
    let mut lines = Lines {
        done: Vec::new(),
        current: first.to_vec(),
        used: self::width(first),
        has_word: false,
        rest,
        width,
    };
    let mut space: Option<Vec<Piece>> = None;
    for token in tokens(content) {
        if token.space {
            // Spaces at the start of a wrapped line are dropped, as at its end.
            space = lines.has_word.then_some(token.pieces);
            continue;
        }
        let word_width = self::width(&token.pieces);
        let space_width = space.as_deref().map_or(0, self::width);
        if lines.has_word && lines.used + space_width + word_width > width {
            lines.break_line();
        } else if let Some(space) = space.take() {
            lines.used += space_width;
            lines.current.extend(space);
        }
        space = None;
        lines.place(token.pieces, word_width);
    }
    lines.done.push(lines.current);
    lines.done
}

impl Lines<'_> {
    fn break_line(&mut self) {
        let next = self.rest.to_vec();
        self.done.push(std::mem::replace(&mut self.current, next));
        self.used = width(self.rest);
        self.has_word = false;
    }

    /// Puts a word on the line, cutting it between characters if it is wider than a line.
    fn place(&mut self, word: Vec<Piece>, word_width: usize) {
        if self.used + word_width <= self.width {
            self.current.extend(word);
            self.used += word_width;
            self.has_word = true;
            return;
        }
        for piece in word {
            let mut part = String::new();
            for cluster in clusters(&piece.text) {
                let w = cluster.width();
                // At least one cluster per line, however narrow the terminal.
                if self.used + w > self.width && (self.has_word || !part.is_empty()) {
                    if !part.is_empty() {
                        self.current
                            .push(piece.with_text(std::mem::take(&mut part)));
                    }
                    self.break_line();
                }
                part.push_str(cluster);
                self.used += w;
            }
            if !part.is_empty() {
                self.current.push(piece.with_text(part));
                self.has_word = true;
            }
        }
    }
}

/// Splits pieces into words and runs of spaces; a word may span pieces (`**bold**text`).
fn tokens(content: &[Piece]) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for piece in content {
        let mut rest = piece.text.as_str();
        while let Some(first) = rest.chars().next() {
            let space = first == ' ';
            let len = rest
                .find(|c: char| (c == ' ') != space)
                .unwrap_or(rest.len());
            let part = piece.with_text(&rest[..len]);
            match tokens.last_mut() {
                Some(last) if last.space == space => last.pieces.push(part),
                _ => tokens.push(Token {
                    pieces: vec![part],
                    space,
                }),
            }
            rest = &rest[len..];
        }
    }
    tokens
}

/// The places a word may be cut: after a character and the zero-width ones that follow it,
/// never right after a zero-width joiner, before a skin tone, or inside a flag's pair of
/// regional indicators. (A simplification of UAX #29's grapheme clusters, enough for the
/// scripts and emoji that answers hold.)
fn clusters(text: &str) -> Vec<&str> {
    let mut cuts = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let flag =
            is_regional(c) && text[start..i].chars().filter(|&c| is_regional(c)).count() == 1;
        let joined = prev == Some(ZWJ) || c.width() == Some(0) || SKIN_TONES.contains(&c) || flag;
        if i > start && !joined {
            cuts.push(&text[start..i]);
            start = i;
        }
        prev = Some(c);
    }
    if start < text.len() {
        cuts.push(&text[start..]);
    }
    cuts
}

#[cfg(test)]
#[path = "wrap_tests.rs"]
mod tests;
