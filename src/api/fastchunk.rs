//! A fast path for the common shape of a stream chunk; serde_json does everything else.
//!
//! Parsing the chunks' JSON was the largest cost left in a stream: about 420 ns a chunk
//! with serde_json on this project's machine, against 270 ns here (criterion,
//! `chunk_json`), for a 20,000-chunk stream 8.4 ms against 5.4 ms (issue 5). Almost every
//! chunk is one line of compact JSON: a few top-level strings and
//! numbers, and `choices` holding a `delta` with a `content` (or reasoning) string. This reads exactly
//! that, and answers `None` for anything else (escapes, control bytes, nested values it
//! does not need, `usage`, `error`, duplicate keys, any doubt), so the caller falls back to
//! serde. It never accepts a chunk serde_json would refuse, nor reads one differently: a
//! property test holds it to that.

use std::borrow::Cow;

use crate::api::response::{Chunk, ChunkChoice, Delta, FinishReason, reasoning_field};

/// The chunk in `text`, when it has the common shape; `None` means "ask serde".
pub fn parse(text: &str) -> Option<Chunk<'_>> {
    let bytes = text.as_bytes();
    // Raw control bytes are errors inside strings and whitespace outside them; rather
    // than tell the two apart, leave any of them to serde.
    // A fold without an early exit, so that it compiles to vector instructions.
    if bytes.iter().fold(false, |seen, &b| seen | (b < 0x20)) {
        return None;
    }
    let mut p = Parser { text, pos: 0 };
    let chunk = p.chunk()?;
    p.skip_spaces();
    (p.pos == bytes.len()).then_some(chunk)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

/// A value this parser does not keep.
enum Scalar {
    Null,
    Other,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    /// Consumes `byte` (after spaces), or fails.
    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_spaces();
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// Consumes `byte` if it comes next (after spaces).
    fn accept(&mut self, byte: u8) -> bool {
        self.eat(byte).is_some()
    }

    /// A string without escapes (after spaces), borrowed from the input.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let rest = &self.text.as_bytes()[self.pos..];
        let end = quote_or_backslash(rest)?;
        if rest[end] == b'\\' {
            return None;
        }
        // Both ends sit next to an ASCII quote, so they are character boundaries.
        let s = self.text.get(self.pos..self.pos + end)?;
        self.pos += end + 1;
        Some(s)
    }

    /// A string or null.
    fn optional_string(&mut self) -> Option<Option<&'a str>> {
        self.skip_spaces();
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            return Some(None);
        }
        self.string().map(Some)
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        self.skip_spaces();
        let rest = &self.text.as_bytes()[self.pos..];
        rest.starts_with(word.as_bytes())
            .then(|| self.pos += word.len())
    }

    /// A JSON integer: `-?(0|[1-9][0-9]*)`; fractions and exponents go to serde.
    fn integer(&mut self) -> Option<(bool, &'a str)> {
        self.skip_spaces();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits = &self.text[start..self.pos];
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        // A fraction or exponent follows: not an integer, so not this parser's business.
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        Some((negative, digits))
    }

    /// A choice's index: a `u32`, as serde reads it.
    fn index(&mut self) -> Option<u32> {
        match self.integer()? {
            (false, digits) => digits.parse().ok(),
            (true, _) => None,
        }
    }

    /// `null` and nothing else.
    fn null(&mut self) -> Option<()> {
        matches!(self.scalar()?, Scalar::Null).then_some(())
    }

    /// A string, an integer, true, false or null; anything else is left to serde.
    fn scalar(&mut self) -> Option<Scalar> {
        self.skip_spaces();
        match self.peek()? {
            b'"' => self.string().map(|_| Scalar::Other),
            b'n' => self.literal("null").map(|()| Scalar::Null),
            b't' => self.literal("true").map(|()| Scalar::Other),
            b'f' => self.literal("false").map(|()| Scalar::Other),
            b'-' | b'0'..=b'9' => self.integer().map(|_| Scalar::Other),
            _ => None,
        }
    }

    /// `{ "key": value, … }`, calling `member` for each key; the closure reads the value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.accept(b'}') {
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.eat(b':')?;
            member(self, key)?;
            if self.accept(b'}') {
                return Some(());
            }
            self.eat(b',')?;
        }
    }

    fn chunk(&mut self) -> Option<Chunk<'a>> {
        let mut choices = None;
        let mut model = None;
        let mut usage = None;
        self.object(|p, key| match key {
            "choices" => once(&mut choices, p.choices()),
            "model" => once(&mut model, p.optional_string()),
            // `usage: null` is common (stream_options); a real usage object goes to serde.
            "usage" => once(&mut usage, p.null()),
            "error" => None,
            _ => p.scalar().map(drop),
        })?;
        Some(Chunk {
            choices: choices.unwrap_or_default(),
            usage: None,
            model: model.flatten().map(Cow::Borrowed),
            error: None,
        })
    }

    fn choices(&mut self) -> Option<Vec<ChunkChoice<'a>>> {
        self.eat(b'[')?;
        let mut choices = Vec::with_capacity(1);
        if self.accept(b']') {
            return Some(choices);
        }
        loop {
            choices.push(self.choice()?);
            if self.accept(b']') {
                return Some(choices);
            }
            self.eat(b',')?;
        }
    }

    fn choice(&mut self) -> Option<ChunkChoice<'a>> {
        let mut index = None;
        let mut delta = None;
        let mut finish_reason = None;
        self.object(|p, key| match key {
            "index" => once(&mut index, p.index()),
            "delta" => once(&mut delta, p.delta()),
            "finish_reason" => once(&mut finish_reason, p.optional_string()),
            _ => p.scalar().map(drop),
        })?;
        Some(ChunkChoice {
            index: index.unwrap_or(0),
            delta: delta.flatten(),
            finish_reason: finish_reason.flatten().map(FinishReason::from),
        })
    }

    /// `delta`: an object or null.
    fn delta(&mut self) -> Option<Option<Delta<'a>>> {
        self.skip_spaces();
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            return Some(None);
        }
        let (mut content, mut refusal) = (None, None);
        let (mut reasoning_content, mut reasoning) = (None, None);
        let (mut tool_calls, mut function_call) = (None, None);
        self.object(|p, key| match key {
            "content" => once(&mut content, p.optional_string()),
            "refusal" => once(&mut refusal, p.optional_string()),
            // Reasoning servers stream thousands of these before the answer (issue 13).
            "reasoning_content" => once(&mut reasoning_content, p.optional_string()),
            "reasoning" => once(&mut reasoning, p.optional_string()),
            // Only null here: a call (or a value serde would refuse) goes to serde.
            "tool_calls" => once(&mut tool_calls, p.null()),
            "function_call" => once(&mut function_call, p.null()),
            _ => p.scalar().map(drop),
        })?;
        Some(Some(Delta {
            content: content.flatten().map(Cow::Borrowed),
            refusal: refusal.flatten().map(Cow::Borrowed),
            reasoning: reasoning_field(reasoning_content.flatten(), reasoning.flatten())
                .map(Cow::Borrowed),
            tool_calls: None,
            function_call: None,
        }))
    }
}

/// Keeps a known field's value. A field seen twice is a duplicate key, which serde refuses,
/// so the fast path declines it too.
fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value?);
    Some(())
}

/// The position of the first `"` or `\\`. Strings here are short, where memchr's set-up
/// costs more than it saves; eight bytes at a time is about three times a byte loop.
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const QUOTES: u64 = u64::from_le_bytes([b'"'; 8]);
    const BACKSLASHES: u64 = u64::from_le_bytes([b'\\'; 8]);
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for (n, word) in words.enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let word = u64::from_le_bytes(eight);
        // A byte of `x` is zero where `word` has the byte searched for. The lowest flag
        // this sets marks the first such byte exactly (a borrow only runs upwards).
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
        let found = zero(word ^ QUOTES) | zero(word ^ BACKSLASHES);
        if found != 0 {
            return Some(n * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    let done = bytes.len() - tail.len();
    tail.iter()
        .position(|&b| b == b'"' || b == b'\\')
        .map(|at| done + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENAI: &str = r#"{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_fc9f1d7035","choices":[{"index":0,"delta":{"content":" world"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"x9Q"}"#;

    fn same_as_serde(text: &str) -> Option<Chunk<'_>> {
        let fast = parse(text);
        if let Some(fast) = &fast {
            let slow: Chunk = serde_json::from_str(text).expect("serde accepts it too");
            assert_eq!(fast, &slow, "{text}");
        }
        fast
    }

    #[test]
    fn the_common_shapes_take_the_fast_path() {
        let chunk = same_as_serde(OPENAI).expect("fast");
        assert_eq!(
            chunk.choices[0].delta.as_ref().unwrap().content.as_deref(),
            Some(" world")
        );
        assert_eq!(chunk.model.as_deref(), Some("gpt-4o-2024-08-06"));
        for text in [
            r#"{"choices":[]}"#,
            r#"{"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}]}"#,
            r#"{"choices":[{"index":1,"delta":{},"finish_reason":"stop"}]}"#,
            r#"{"choices":[{"delta":null}]}"#,
            r#"{"choices":[{"index":0,"delta":{"content":null,"reasoning_content":"Hmm"}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"reasoning":"Hmm","reasoning_content":null}}]}"#,
            r#" { "choices" : [ { "index" : 0 , "delta" : { "content" : "안녕" } } ] } "#,
            r#"{"id":"x","created":-5,"ok":true,"no":false,"choices":[{"index":0,"delta":{"content":"a"}}]}"#,
        ] {
            assert!(same_as_serde(text).is_some(), "{text}");
        }
    }

    #[test]
    fn finish_reasons_are_parsed_on_the_fast_path_as_serde_parses_them() {
        let reason = |json: &str| {
            let text = format!(r#"{{"choices":[{{"delta":{{}},"finish_reason":{json}}}]}}"#);
            same_as_serde(&text).expect("fast").choices[0]
                .finish_reason
                .clone()
        };
        assert_eq!(reason("null"), None);
        assert_eq!(reason(r#""length""#), Some(FinishReason::Length));
        assert_eq!(
            reason(r#""eos_token""#),
            Some(FinishReason::Other("eos_token".into()))
        );
    }

    #[test]
    fn the_word_scan_finds_the_first_quote_or_backslash_anywhere() {
        for len in 0..40 {
            for at in 0..len {
                for byte in [b'"', b'\\'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    // Bytes one off from the searched ones, and a later match, must not
                    // move the answer.
                    if at > 0 {
                        bytes[at - 1] = byte + 1;
                    }
                    if at + 2 < len {
                        bytes[at + 2] = b'"';
                    }
                    assert_eq!(quote_or_backslash(&bytes), Some(at), "{len} {at}");
                }
            }
            let high = vec![0xE2u8; len];
            assert_eq!(quote_or_backslash(&high), None);
        }
    }

    #[test]
    fn anything_else_is_left_to_serde() {
        for text in [
            r#"{"choices":[{"delta":{"content":"line\nbreak"}}]}"#, // an escape
            "{\"choices\":[{\"delta\":{\"content\":\"tab\there\"}}]}", // a raw control byte
            r#"{"choices":[{"delta":{"tool_calls":[{"index":0}]}}]}"#, // a nested value
            r#"{"choices":[{"delta":{"tool_calls":false}}]}"#,      // serde wants a list
            r#"{"choices":[{"delta":{"function_call":"x"}}]}"#,
            r#"{"choices":[],"usage":{"prompt_tokens":1}}"#,
            r#"{"error":{"message":"boom"}}"#,
            r#"{"choices":[],"choices":[]}"#, // serde refuses duplicates
            r#"{"choices":[{"index":1.0}]}"#,
            r#"{"choices":[{"index":-1}]}"#,
            r#"{"choices":[{"index":4294967296}]}"#,
            r#"{"choices":[{"index":01}]}"#,
            r#"{"created":1e9,"choices":[]}"#,
            r#"{"choices":null}"#,
            r#"{"choices":[]} x"#,
            r#"{"choices":[],}"#,
            r#"{"choices":[{"delta":{"content":5}}]}"#,
            r#"{"choices":[{"delta":{"reasoning":{"effort":"low"}}}]}"#, // serde reads None
            r#"{"choices":[{"delta":{"reasoning":"a","reasoning":"b"}}]}"#,
            r#"{"choices":[]"#,
            "",
        ] {
            assert!(parse(text).is_none(), "{text}");
        }
    }
}

#[cfg(test)]
#[path = "fastchunk_properties.rs"]
mod properties;
