//! Writing answers to stdout and judging how each choice ended.
//!
//! Writers take `&mut impl Write`, so tests run them into a `Vec<u8>`. Streamed text is
//! flushed as soon as it is decoded: the stream reader flushes after the deltas of each
//! network read, so a pipe reader sees every token the moment it arrives, without a write
//! system call per token when a read brings many.
//! Diagnostics (warnings, refusals) never go to stdout.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::api::response::{ChatResponse, FinishReason, Usage};
use crate::catalog;
use crate::error::Missing;
use extract::Which;

pub mod color;
pub mod extract;
pub mod file;
mod judge;
pub mod live;
mod reasoning;
pub mod render_choice;
mod stream_text;

pub use judge::{count_answers, judge, judge_answer};
pub use reasoning::{ReasoningView, show_whole as show_reasoning};
pub use stream_text::StreamText;

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
    /// The calls the model made (assembled from a stream's pieces).
    pub calls: crate::tools::Calls,
    /// The content was a `<think>` block that never closed: reasoning, and no answer.
    pub unclosed_think: bool,
    /// With `-x`: whether the answer had the code block asked for (and it was printed).
    pub extracted: Option<Result<(), Missing>>,
}

impl Ending {
    /// Whether the choice asked for tools: calls came, or its finish reason says so.
    pub fn asks_for_tools(&self) -> bool {
        !self.calls.is_empty()
            || matches!(
                self.finish_reason,
                Some(FinishReason::ToolCalls | FinishReason::FunctionCall)
            )
    }
}

/// Writes every choice's text, in index order, separated by [`SEPARATOR`]; with `-x`,
/// each choice's code block instead, and what each one had (see [`extract::verdict`]).
///
/// The words of a choice that asks for tools go to `err`: stdout is for the answer, and a
/// script reads the calls there (see [`crate::tools`]).
pub fn write_response(
    out: &mut impl Write,
    err: &mut impl Write,
    response: &ChatResponse,
    extract: Option<Which>,
    rendering: Option<live::Rendering>,
) -> io::Result<Vec<(u32, Result<(), Missing>)>> {
    let mut choices: Vec<_> = response.choices.iter().collect();
    choices.sort_by_key(|c| c.index);
    let mut found = Vec::new();
    let mut wrote = false;
    for choice in choices {
        // The answer without a leading <think> block, which is reasoning (shown on stderr).
        let parts = choice.message.as_ref().map(|m| m.parts());
        let answer = parts.map(|p| p.answer).unwrap_or_default();
        if choice.asks_for_tools() {
            // stderr may be closed; the calls are what matters.
            let _ = write_text(err, answer.as_bytes());
            continue;
        }
        let text = match extract.map(|which| extract::block(answer, which)) {
            None => Cow::Borrowed(answer.as_bytes()),
            Some(Ok(block)) => Cow::Owned(block.into_bytes()),
            Some(Err(missing)) => {
                found.push((choice.index, Err(missing)));
                continue;
            }
        };
        if extract.is_some() {
            found.push((choice.index, Ok(())));
        }
        let separate = std::mem::replace(&mut wrote, true);
        match rendering {
            // -x prints code to be used, not read: never rendered.
            Some(rendering) if extract.is_none() => {
                if separate {
                    live::render_whole(out, SEPARATOR, rendering)?;
                }
                live::render_whole(out, &String::from_utf8_lossy(&text), rendering)?;
            }
            _ => {
                if separate {
                    out.write_all(SEPARATOR.as_bytes())?;
                }
                write_text(out, &text)?;
            }
        }
    }
    out.flush()?;
    Ok(found)
}

/// The endings of a whole response; `keep_text` keeps each content for checking.
pub fn response_endings(response: &ChatResponse, keep_text: bool) -> Vec<Ending> {
    response
        .choices
        .iter()
        .map(|choice| {
            let message = choice.message.clone().unwrap_or_default();
            let mut calls = crate::tools::Calls::default();
            crate::api::response::add_calls(
                &mut calls,
                message.tool_calls.as_deref(),
                message.function_call.as_ref(),
            );
            let parts = message.parts();
            Ending {
                index: choice.index,
                finish_reason: choice.finish_reason.clone(),
                refusal: message.refusal.clone(),
                text: keep_text.then(|| parts.answer.to_string()),
                calls,
                unclosed_think: parts.unclosed,
                extracted: None,
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
fn write_text(out: &mut impl Write, text: &[u8]) -> io::Result<()> {
    out.write_all(text)?;
    if !text.is_empty() && !text.ends_with(b"\n") {
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
    /// None reported, and nothing counted.
    NotReported,
}

/// The `--usage` line: tokens, and the cost at the catalog's list prices when the model
/// is known. Estimates say so, and so does the cost made from them.
pub fn usage_line(tally: Tally<'_>, model: &str) -> String {
    let (u, tokens, basis) = match tally {
        Tally::NotReported => return "usage: not reported by the server".into(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            written(|o| write_response(o, &mut Vec::new(), &r, None, None).map(drop)),
            "hi\n"
        );
        let r = response(r#"{"choices":[{"index":0,"message":{"content":"hi\n"}}]}"#);
        assert_eq!(
            written(|o| write_response(o, &mut Vec::new(), &r, None, None).map(drop)),
            "hi\n"
        );
    }

    #[test]
    fn several_answers_are_ordered_and_separated() {
        let r = response(
            r#"{"choices":[{"index":1,"message":{"content":"b"}},{"index":0,"message":{"content":"a"}}]}"#,
        );
        assert_eq!(
            written(|o| write_response(o, &mut Vec::new(), &r, None, None).map(drop)),
            "a\n---\nb\n"
        );
    }

    #[test]
    fn extracting_several_answers_prints_the_blocks_there_are() {
        let r = response(
            r#"{"choices":[{"index":1,"message":{"content":"```\nb\n```"}},{"index":0,"message":{"content":"none"}},{"index":2,"message":{"content":"~~~\nc\n~~~"}}]}"#,
        );
        let mut found = Vec::new();
        let text = written(|o| {
            found = write_response(o, &mut Vec::new(), &r, Some(Which::First), None)?;
            Ok(())
        });
        assert_eq!(text, "b\n---\nc\n");
        assert_eq!(
            found,
            [(0, Err(Missing::NoBlock)), (1, Ok(())), (2, Ok(()))]
        );
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
