//! Splitting text into the pieces that byte-pair merging works on, as tiktoken's regular
//! expressions do, written out by hand: matching the expressions themselves needs a
//! backtracking engine (they look ahead) built at run time, which is what made counting
//! slow to start.
//!
//! Each function below is one alternative of a pattern and returns where its match ends;
//! a pattern tries its alternatives in order at each position and takes the first that
//! matches, as the regex engine does. The patterns (tiktoken's `openai_public.py`):
//!
//! o200k_base:
//! ```text
//! [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//! |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//! |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
//! ```
//! cl100k_base:
//! ```text
//! '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+
//! |\s++$|\s*[\r\n]|\s+(?!\S)|\s
//! ```

use super::classes::Class;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    O200k,
    Cl100k,
}

/// The pieces of `text`, in order; together they are the whole text.
pub fn pieces(pattern: Pattern, text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (_, _, next) = char_at(text, at)?;
        let end = match pattern {
            Pattern::O200k => o200k(text, at),
            Pattern::Cl100k => cl100k(text, at),
        }
        .unwrap_or(next); // every character matches some alternative; this only guards
        let piece = &text[at..end];
        at = end;
        Some(piece)
    })
}

fn o200k(text: &str, at: usize) -> Option<usize> {
    word(text, at, lower_last)
        .or_else(|| word(text, at, upper_first))
        .or_else(|| numbers(text, at))
        .or_else(|| punctuation(text, at, b"\r\n/"))
        .or_else(|| spaces(text, at, false))
}

fn cl100k(text: &str, at: usize) -> Option<usize> {
    contraction(text, at)
        .or_else(|| letters(text, at))
        .or_else(|| numbers(text, at))
        .or_else(|| punctuation(text, at, b"\r\n"))
        .or_else(|| spaces(text, at, true))
}

/// The character at byte `at`, its class, and where the next one starts.
fn char_at(text: &str, at: usize) -> Option<(char, Class, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), Class::of_ascii(byte), at + 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, Class::of(c), at + c.len_utf8()))
}

/// Where the run of characters in `set` that starts at `at` ends.
fn run(text: &str, mut at: usize, set: fn(Class) -> bool) -> usize {
    while let Some((_, class, next)) = char_at(text, at) {
        if !set(class) {
            break;
        }
        at = next;
    }
    at
}

/// o200k_base's words: `[^\r\n\p{L}\p{N}]?` and then `body`; the regex tries the
/// optional character first, then the body alone.
fn word(text: &str, at: usize, body: fn(&str, usize) -> Option<usize>) -> Option<usize> {
    let (_, class, next) = char_at(text, at)?;
    class
        .leads_word()
        .then(|| body(text, next))
        .flatten()
        .or_else(|| body(text, at))
}

/// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+` and a contraction: the
/// upper-like run, and then lower-like characters; if none follow, the run gives back
/// characters until its last lower-like one (caseless letters and marks are both).
fn lower_last(text: &str, at: usize) -> Option<usize> {
    let (mut end, mut last_lower) = (at, None);
    while let Some((_, class, next)) = char_at(text, end) {
        if !class.is_upper_like() {
            break;
        }
        if class.is_lower_like() {
            last_lower = Some(next);
        }
        end = next;
    }
    let lower = run(text, end, Class::is_lower_like);
    let end = if lower > end { lower } else { last_lower? };
    Some(contraction(text, end).unwrap_or(end))
}

/// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*` and a contraction.
fn upper_first(text: &str, at: usize) -> Option<usize> {
    let upper = run(text, at, Class::is_upper_like);
    if upper == at {
        return None;
    }
    let end = run(text, upper, Class::is_lower_like);
    Some(contraction(text, end).unwrap_or(end))
}

/// `'(?i:s|t|re|ve|m|ll|d)`, both patterns' contractions. Case-insensitive matching folds
/// `ſ` (long s) to `s` too; no other character folds to these letters.
fn contraction(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?.strip_prefix('\'')?;
    let mut chars = rest.chars().map(|c| c.to_ascii_lowercase());
    let len = match (chars.next()?, chars.next()) {
        ('s' | 't' | 'm' | 'd', _) => 1,
        ('ſ', _) => 'ſ'.len_utf8(),
        ('r' | 'v', Some('e')) | ('l', Some('l')) => 2,
        _ => return None,
    };
    Some(at + 1 + len)
}

/// cl100k_base's words: `[^\r\n\p{L}\p{N}]?+\p{L}++`.
fn letters(text: &str, at: usize) -> Option<usize> {
    let (_, class, next) = char_at(text, at)?;
    let start = if class.leads_word() { next } else { at };
    let end = run(text, start, Class::is_letter);
    (end > start).then_some(end)
}

/// `\p{N}{1,3}`.
fn numbers(text: &str, mut at: usize) -> Option<usize> {
    let start = at;
    for _ in 0..3 {
        match char_at(text, at) {
            Some((_, Class::Number, next)) => at = next,
            _ => break,
        }
    }
    (at > start).then_some(at)
}

/// ` ?[^\s\p{L}\p{N}]+` followed by any of the `tail` characters.
fn punctuation(text: &str, at: usize, tail: &[u8]) -> Option<usize> {
    let (c, class, next) = char_at(text, at)?;
    let start = match char_at(text, next) {
        _ if class.is_punctuation() => at,
        Some((_, after, _)) if c == ' ' && after.is_punctuation() => next,
        _ => return None,
    };
    let end = run(text, start, Class::is_punctuation);
    let tail_len = text.as_bytes()[end..]
        .iter()
        .take_while(|b| tail.contains(b))
        .count();
    Some(end + tail_len)
}

/// White space: up to its last newline if it has one (`\s*[\r\n]+`, `\s*[\r\n]`); all of
/// it at the end of the text (`\s+(?!\S)`, cl100k_base's `\s++$`); all but its last
/// character before other text (`\s+(?!\S)`), so that the last one joins the word after
/// it; or one character. cl100k_base tries the end of the text before newlines.
fn spaces(text: &str, at: usize, end_first: bool) -> Option<usize> {
    let end = run(text, at, Class::is_space);
    if end == at {
        return None;
    }
    let last_newline = || {
        text.as_bytes()[at..end]
            .iter()
            .rposition(|b| matches!(b, b'\r' | b'\n'))
            .map(|i| at + i + 1)
    };
    if end_first && end == text.len() {
        return Some(end);
    }
    if let Some(after) = last_newline() {
        return Some(after);
    }
    if end == text.len() {
        return Some(end);
    }
    let last = text[at..end]
        .char_indices()
        .next_back()
        .map_or(at, |(i, _)| at + i);
    Some(if last > at { last } else { end })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(pattern: Pattern, text: &str) -> Vec<&str> {
        pieces(pattern, text).collect()
    }

    #[test]
    fn o200k_base_joins_a_leading_space_and_a_contraction_to_words() {
        assert_eq!(
            split(Pattern::O200k, "Hello, world! It's  HTTPServer\n\n  x"),
            [
                "Hello",
                ",",
                " world",
                "!",
                " It's",
                " ",
                " HTTPServer",
                "\n\n",
                " ",
                " x"
            ]
        );
    }

    #[test]
    fn cl100k_base_splits_contractions_and_keeps_trailing_space_whole() {
        assert_eq!(
            split(Pattern::Cl100k, "it's 12345 ok!\n \n  "),
            ["it", "'s", " ", "123", "45", " ok", "!\n", " \n  "]
        );
    }
}
