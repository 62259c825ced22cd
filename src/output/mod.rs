//! Writing answers to stdout and judging how each choice ended.
//!
//! Writers take `&mut impl Write`, so tests run them into a `Vec<u8>`. Streamed text is
//! flushed as soon as it is decoded: the stream reader flushes after the deltas of each
//! network read, so a pipe reader sees every token the moment it arrives, without a write
//! system call per token when a read brings many.
//! Diagnostics (warnings, refusals) never go to stdout.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::api::response::{ChatResponse, ChunkChoice, FinishReason, Usage};
use crate::catalog;

mod judge;

pub use judge::{judge, judge_answer};

/// The line written between answers when `-n` asks for more than one.
pub const SEPARATOR: &str = "---\n";

/// How one choice ended, gathered from a whole response or from a stream.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ending {
    pub index: u32,
    pub finish_reason: Option<FinishReason>,
    pub refusal: Option<String>,
    /// The full text, kept only when it has to be checked (`--json`).
    pub text: Option<String>,
    /// The tools the model asked to call, by name.
    pub tool_calls: Vec<String>,
}

/// Writes every choice's text, in index order, separated by [`SEPARATOR`].
pub fn write_response(out: &mut impl Write, response: &ChatResponse) -> io::Result<()> {
    let mut choices: Vec<_> = response.choices.iter().collect();
    choices.sort_by_key(|c| c.index);
    for (i, choice) in choices.iter().enumerate() {
        if i > 0 {
            out.write_all(SEPARATOR.as_bytes())?;
        }
        let content = choice
            .message
            .as_ref()
            .and_then(|m| m.content.as_deref())
            .unwrap_or_default();
        write_text(out, content)?;
    }
    out.flush()
}

/// The endings of a whole response; `keep_text` keeps each content for checking.
pub fn response_endings(response: &ChatResponse, keep_text: bool) -> Vec<Ending> {
    response
        .choices
        .iter()
        .map(|choice| {
            let message = choice.message.clone().unwrap_or_default();
            let tool_calls = crate::api::response::tool_names(
                message.tool_calls.as_deref(),
                message.function_call.as_ref(),
            );
            Ending {
                index: choice.index,
                finish_reason: choice.finish_reason.clone(),
                refusal: message.refusal,
                text: keep_text.then(|| message.content.unwrap_or_default()),
                tool_calls,
            }
        })
        .collect()
}

/// A body as the server sent it (`--raw`), ending its line.
pub fn write_raw(out: &mut impl Write, body: &[u8]) -> io::Result<()> {
    out.write_all(body)?;
    if !body.ends_with(b"\n") {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Text followed by a newline unless it already ends with one (or is empty).
fn write_text(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Where the `--usage` figures come from.
#[derive(Debug, Clone, Copy)]
pub enum Tally<'a> {
    /// As the server reported them.
    Reported(&'a Usage),
    /// Counted locally with the named encoding, because the server reported none.
    Estimated(&'a Usage, &'static str),
}

/// The `--usage` line: tokens, and the cost at the catalog's list prices when the model
/// is known. Estimates say so, and so does the cost made from them.
pub fn usage_line(tally: Tally<'_>, model: &str) -> String {
    let (u, tokens, basis) = match tally {
        Tally::Reported(u) => {
            let tokens = format!(
                "usage: {} prompt + {} completion = {} tokens ({} cached, {} reasoning)",
                u.prompt_tokens,
                u.completion_tokens,
                u.total_tokens,
                u.cached(),
                u.reasoning()
            );
            (u, tokens, "")
        }
        Tally::Estimated(u, encoding) => {
            let tokens = format!(
                "usage: not reported by the server; estimated ({encoding}): {} prompt + {} \
                 completion = {} tokens",
                u.prompt_tokens, u.completion_tokens, u.total_tokens,
            );
            (u, tokens, " from the estimate")
        }
    };
    match u.cost(model) {
        Some(usd) => format!(
            "{tokens}; cost ≈ ${usd:.6}{basis} ({model} at list prices of {})",
            catalog::PRICES_AS_OF
        ),
        None => format!("{tokens}; cost unknown for model {model}"),
    }
}

/// Prints a streamed answer: choice 0 live, other choices (`-n`) after it, separated.
#[derive(Debug, Default)]
pub struct StreamText {
    /// Whether anything of choice 0 was written and whether it ended with a newline.
    wrote: bool,
    at_line_start: bool,
    others: BTreeMap<u32, String>,
    endings: BTreeMap<u32, Ending>,
    keep_text: bool,
    /// False with `--raw`: the chunks are printed instead, the text is only judged.
    print: bool,
}

impl StreamText {
    pub fn new(keep_text: bool, print: bool) -> StreamText {
        StreamText {
            keep_text,
            print,
            at_line_start: true,
            ..StreamText::default()
        }
    }

    /// Writes the deltas of one chunk; the caller flushes (see the module comment).
    pub fn on_choices(
        &mut self,
        out: &mut impl Write,
        choices: &[ChunkChoice<'_>],
    ) -> io::Result<()> {
        for choice in choices {
            let ending = self.endings.entry(choice.index).or_insert_with(|| Ending {
                index: choice.index,
                text: self.keep_text.then(String::new),
                ..Ending::default()
            });
            if let Some(reason) = &choice.finish_reason {
                ending.finish_reason = Some(reason.clone());
            }
            let Some(delta) = &choice.delta else { continue };
            if delta.tool_calls.is_some() || delta.function_call.is_some() {
                ending.tool_calls.extend(crate::api::response::tool_names(
                    delta.tool_calls.as_deref(),
                    delta.function_call.as_ref(),
                ));
            }
            if let Some(refusal) = &delta.refusal {
                ending
                    .refusal
                    .get_or_insert_with(String::new)
                    .push_str(refusal);
            }
            let Some(content) = delta.content.as_deref().filter(|c| !c.is_empty()) else {
                continue;
            };
            if let Some(text) = &mut ending.text {
                text.push_str(content);
            }
            if !self.print {
                continue;
            }
            if choice.index == 0 {
                out.write_all(content.as_bytes())?;
                self.wrote = true;
                self.at_line_start = content.ends_with('\n');
                crate::interrupt::set_line_open(!self.at_line_start);
            } else {
                self.others
                    .entry(choice.index)
                    .or_default()
                    .push_str(content);
            }
        }
        Ok(())
    }

    /// Ends choice 0's line if the text did not, so a shell prompt starts on its own line.
    pub fn end_line(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.wrote && !self.at_line_start {
            out.write_all(b"\n")?;
            self.at_line_start = true;
            out.flush()?;
            crate::interrupt::set_line_open(false);
        }
        Ok(())
    }

    /// Ends the stream: closes choice 0's line, prints the other choices, returns endings.
    pub fn finish(mut self, out: &mut impl Write) -> io::Result<Vec<Ending>> {
        self.end_line(out)?;
        let n = self.others.len();
        for (_, text) in std::mem::take(&mut self.others) {
            out.write_all(SEPARATOR.as_bytes())?;
            write_text(out, &text)?;
        }
        if n > 0 {
            out.flush()?;
        }
        Ok(self.endings.into_values().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::response::Delta;

    fn response(json: &str) -> ChatResponse {
        serde_json::from_str(json).expect("valid test response")
    }

    fn written(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).expect("writes to a Vec");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn one_answer_gets_one_trailing_newline() {
        let r = response(r#"{"choices":[{"index":0,"message":{"content":"hi"}}]}"#);
        assert_eq!(written(|o| write_response(o, &r)), "hi\n");
        let r = response(r#"{"choices":[{"index":0,"message":{"content":"hi\n"}}]}"#);
        assert_eq!(written(|o| write_response(o, &r)), "hi\n");
    }

    #[test]
    fn several_answers_are_ordered_and_separated() {
        let r = response(
            r#"{"choices":[{"index":1,"message":{"content":"b"}},{"index":0,"message":{"content":"a"}}]}"#,
        );
        assert_eq!(written(|o| write_response(o, &r)), "a\n---\nb\n");
    }

    fn delta(index: u32, content: &str) -> ChunkChoice<'_> {
        ChunkChoice {
            index,
            delta: Some(Delta {
                content: Some(content.into()),
                ..Delta::default()
            }),
            finish_reason: None,
        }
    }

    #[test]
    fn stream_prints_choice_zero_live_and_the_rest_after() {
        let mut text = StreamText::new(false, true);
        let mut out = Vec::new();
        text.on_choices(&mut out, &[delta(0, "a"), delta(1, "x")])
            .unwrap();
        assert_eq!(out, b"a");
        text.on_choices(&mut out, &[delta(1, "y"), delta(0, "b")])
            .unwrap();
        text.finish(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "ab\n---\nxy\n");
    }

    #[test]
    fn usage_line_prices_known_models_only() {
        let usage: Usage = serde_json::from_value(serde_json::json!({
            "prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
            "prompt_tokens_details": {"cached_tokens": 200},
            "completion_tokens_details": {"reasoning_tokens": 64}
        }))
        .unwrap();
        // 800 × 0.15 + 200 × 0.075 + 500 × 0.60 per million = 0.000435.
        assert_eq!(
            usage_line(Tally::Reported(&usage), "gpt-4o-mini-2024-07-18"),
            format!(
                "usage: 1000 prompt + 500 completion = 1500 tokens (200 cached, 64 reasoning); \
                 cost ≈ $0.000435 (gpt-4o-mini-2024-07-18 at list prices of {})",
                catalog::PRICES_AS_OF
            )
        );
        assert!(
            usage_line(Tally::Reported(&usage), "llama3")
                .ends_with("cost unknown for model llama3")
        );
    }

    #[test]
    fn usage_line_says_an_estimate_and_its_cost_are_estimates() {
        let usage = Usage {
            prompt_tokens: 1000,
            completion_tokens: 500,
            total_tokens: 1500,
            ..Usage::default()
        };
        // 1000 × 0.15 + 500 × 0.60 per million = 0.00045.
        assert_eq!(
            usage_line(Tally::Estimated(&usage, "o200k_base"), "gpt-4o-mini"),
            format!(
                "usage: not reported by the server; estimated (o200k_base): 1000 prompt + 500 \
                 completion = 1500 tokens; cost ≈ $0.000450 from the estimate (gpt-4o-mini at \
                 list prices of {})",
                catalog::PRICES_AS_OF
            )
        );
        assert!(
            usage_line(Tally::Estimated(&usage, "o200k_base"), "llama3")
                .ends_with("= 1500 tokens; cost unknown for model llama3")
        );
    }
}
