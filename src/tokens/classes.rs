//! The character classes of tiktoken's split patterns, one class per character.
//!
//! The patterns name `\p{L}` and its parts, `\p{M}`, `\p{N}` and `\s`; these classes are
//! the pieces those sets are made of (build.rs generates the table from regex-syntax, the
//! Unicode tables of the regex engine that tiktoken-rs splits with), and the methods below
//! are the sets.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `\p{Lu}`, `\p{Lt}`.
    Upper,
    /// `\p{Ll}`.
    Lower,
    /// `\p{Lm}`, `\p{Lo}`: letters without case, such as Hangul and CJK.
    Caseless,
    /// `\p{M}`: combining marks; not letters, but o200k_base joins them to words.
    Mark,
    /// `\p{N}`.
    Number,
    /// `\r`, `\n`.
    Newline,
    /// `\s` but the newlines.
    Space,
    /// Everything else: punctuation, symbols, emoji, controls.
    Symbol,
}

include!(concat!(env!("OUT_DIR"), "/classes.rs"));

impl Class {
    pub fn of(c: char) -> Class {
        let code = c as u32;
        if code < 128 {
            return ASCII[code as usize];
        }
        match RANGES.binary_search_by(|&(start, end, _)| {
            if end < code {
                std::cmp::Ordering::Less
            } else if start > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => RANGES[i].2,
            Err(_) => Class::Symbol,
        }
    }

    pub fn of_ascii(byte: u8) -> Class {
        ASCII[usize::from(byte & 0x7f)]
    }

    /// `\p{L}`.
    pub fn is_letter(self) -> bool {
        matches!(self, Class::Upper | Class::Lower | Class::Caseless)
    }

    /// o200k_base's `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`.
    pub fn is_upper_like(self) -> bool {
        matches!(self, Class::Upper | Class::Caseless | Class::Mark)
    }

    /// o200k_base's `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
    pub fn is_lower_like(self) -> bool {
        matches!(self, Class::Lower | Class::Caseless | Class::Mark)
    }

    /// `\s`.
    pub fn is_space(self) -> bool {
        matches!(self, Class::Newline | Class::Space)
    }

    /// `[^\r\n\p{L}\p{N}]`: what may stand before a word.
    pub fn leads_word(self) -> bool {
        matches!(self, Class::Mark | Class::Space | Class::Symbol)
    }

    /// `[^\s\p{L}\p{N}]`: punctuation and symbols (and marks).
    pub fn is_punctuation(self) -> bool {
        matches!(self, Class::Mark | Class::Symbol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_fall_in_the_classes_of_their_general_category() {
        let cases = [
            ('A', Class::Upper),
            ('ǅ', Class::Upper), // titlecase
            ('z', Class::Lower),
            ('한', Class::Caseless),
            ('ʰ', Class::Caseless), // modifier letter
            ('\u{301}', Class::Mark),
            ('7', Class::Number),
            ('Ⅻ', Class::Number),
            ('\n', Class::Newline),
            ('\t', Class::Space),
            ('\u{3000}', Class::Space),
            ('\u{85}', Class::Space),
            ('!', Class::Symbol),
            ('😀', Class::Symbol),
            ('\u{10FFFF}', Class::Symbol),
        ];
        for (c, class) in cases {
            assert_eq!(Class::of(c), class, "{c:?}");
        }
    }
}
