//! The Responses API's `Response` object, read into the chat shapes the printers and
//! judges already know: its message texts as the answer, refusal parts as the refusal,
//! reasoning summaries as reasoning, `function_call` items as tool calls, `status` and
//! `incomplete_details` as a finish reason, and `ResponseUsage` as usage.
//!
//! Read as leniently as chat responses: every field may be missing, and item and part
//! types oaichat does not use (web searches, annotations) are skipped.

use serde::Deserialize;

use crate::api::response::{AnswerMessage, ChatResponse, Choice, FinishReason, Function};
use crate::api::response::{CompletionDetails, PromptDetails, ToolCall, Usage};

/// `Response`, the fields oaichat reads.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Response {
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub output: Vec<OutputItem>,
    #[serde(default)]
    pub incomplete_details: Option<IncompleteDetails>,
    #[serde(default)]
    pub usage: Option<ResponseUsage>,
    #[serde(default)]
    pub error: Option<ResponseError>,
    #[serde(default)]
    pub model: Option<String>,
}

/// `Response.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Completed,
    Failed,
    InProgress,
    Cancelled,
    Queued,
    Incomplete,
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct IncompleteDetails {
    #[serde(default)]
    pub reason: Option<String>,
}

/// `ResponseError`: a code from `ResponseErrorCode` and a message.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ResponseError {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// `OutputItem`: the kinds oaichat shows; any other is skipped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OutputItem {
    Message {
        #[serde(default)]
        content: Vec<OutputContent>,
    },
    Reasoning {
        #[serde(default)]
        summary: Vec<SummaryText>,
    },
    FunctionCall {
        #[serde(default)]
        call_id: Option<String>,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        arguments: Option<String>,
    },
    #[serde(other)]
    Other,
}

/// `OutputMessageContent`: `OutputTextContent` or `RefusalContent`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OutputContent {
    OutputText {
        #[serde(default)]
        text: String,
    },
    Refusal {
        #[serde(default)]
        refusal: String,
    },
    #[serde(other)]
    Other,
}

/// `SummaryTextContent`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SummaryText {
    #[serde(default)]
    pub text: String,
}

/// `ResponseUsage`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ResponseUsage {
    #[serde(default)]
    pub input_tokens: u64,
    #[serde(default)]
    pub output_tokens: u64,
    #[serde(default)]
    pub total_tokens: u64,
    #[serde(default)]
    pub input_tokens_details: Option<InputDetails>,
    #[serde(default)]
    pub output_tokens_details: Option<OutputDetails>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct InputDetails {
    #[serde(default)]
    pub cached_tokens: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct OutputDetails {
    #[serde(default)]
    pub reasoning_tokens: Option<u64>,
}

impl ResponseUsage {
    /// The same figures under the chat names the `--usage` line reads.
    pub fn to_chat(&self) -> Usage {
        Usage {
            prompt_tokens: self.input_tokens,
            completion_tokens: self.output_tokens,
            total_tokens: self.total_tokens,
            prompt_tokens_details: (self.input_tokens_details.as_ref()).map(|d| PromptDetails {
                cached_tokens: d.cached_tokens,
            }),
            completion_tokens_details: (self.output_tokens_details.as_ref()).map(|d| {
                CompletionDetails {
                    reasoning_tokens: d.reasoning_tokens,
                }
            }),
        }
    }
}

/// Why a response failed: its error's message and the kind of error it is, which decides
/// the exit code as an error type does (see `crate::error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub detail: String,
    pub kind: Option<String>,
}

impl Failure {
    /// From `ResponseError`'s code and message (also an `error` event's).
    pub fn new(code: Option<&str>, message: Option<&str>) -> Failure {
        let message = message.unwrap_or("no message").trim();
        let detail = match code {
            Some(code) => format!("{message} (code {code})"),
            None => message.to_string(),
        };
        Failure {
            detail,
            kind: code.map(kind_of),
        }
    }
}

/// The error type a `ResponseErrorCode` amounts to: a rate limit, the server's fault, or
/// (every other code: a bad prompt or image) the request's.
fn kind_of(code: &str) -> String {
    match code {
        "rate_limit_exceeded" => code,
        "server_error" | "vector_store_timeout" => "server_error",
        _ => "invalid_request_error",
    }
    .to_string()
}

impl Response {
    /// The answer as a chat completion with one choice, or why it failed.
    pub fn to_chat(&self) -> Result<ChatResponse, Failure> {
        if let Some(failure) = self.failure() {
            return Err(failure);
        }
        let mut message = AnswerMessage::default();
        let mut calls = Vec::new();
        for item in &self.output {
            add_item(&mut message, &mut calls, item);
        }
        let finish_reason = Some(self.finish_reason(!calls.is_empty()));
        message.tool_calls = (!calls.is_empty()).then_some(calls);
        Ok(ChatResponse {
            choices: vec![Choice {
                index: 0,
                message: Some(message),
                finish_reason,
            }],
            usage: self.usage.as_ref().map(ResponseUsage::to_chat),
            model: self.model.clone(),
        })
    }

    /// A failed response's error, or its error object when the status is missing.
    pub fn failure(&self) -> Option<Failure> {
        let failed = self.status == Some(Status::Failed);
        match (&self.error, failed) {
            (Some(error), _) => Some(Failure::new(
                error.code.as_deref(),
                error.message.as_deref(),
            )),
            (None, true) => Some(Failure::new(None, Some("the response failed"))),
            (None, false) => None,
        }
    }

    /// How the answer ended, in chat's terms: `incomplete` for the token limit is
    /// `length` (warned about), for the content filter `content_filter` (exit 9).
    pub fn finish_reason(&self, calls: bool) -> FinishReason {
        let reason = self.incomplete_details.as_ref();
        match (self.status, reason.and_then(|d| d.reason.as_deref())) {
            (Some(Status::Incomplete), Some("max_output_tokens")) => FinishReason::Length,
            (Some(Status::Incomplete), Some("content_filter")) => FinishReason::ContentFilter,
            (Some(Status::Incomplete), other) => {
                FinishReason::Other(other.unwrap_or("incomplete").to_string())
            }
            _ if calls => FinishReason::ToolCalls,
            _ => FinishReason::Stop,
        }
    }
}

/// One output item's part of the answer.
fn add_item(message: &mut AnswerMessage, calls: &mut Vec<ToolCall>, item: &OutputItem) {
    match item {
        OutputItem::Message { content } => {
            for part in content {
                match part {
                    OutputContent::OutputText { text } => push(&mut message.content, text, ""),
                    OutputContent::Refusal { refusal } => push(&mut message.refusal, refusal, ""),
                    OutputContent::Other => {}
                }
            }
        }
        OutputItem::Reasoning { summary } => {
            for part in summary {
                push(&mut message.reasoning, &part.text, "\n\n");
            }
        }
        OutputItem::FunctionCall {
            call_id,
            name,
            arguments,
        } => calls.push(ToolCall {
            index: Some(calls.len() as u32),
            id: call_id.clone(),
            function: Some(Function {
                name: name.clone(),
                arguments: arguments.clone(),
            }),
        }),
        OutputItem::Other => {}
    }
}

/// Appends `text` to a field, after `between` when it has text already.
fn push(field: &mut Option<String>, text: &str, between: &str) {
    match field {
        Some(existing) if !existing.is_empty() => {
            existing.push_str(between);
            existing.push_str(text);
        }
        _ => *field = Some(text.to_string()),
    }
}

#[cfg(test)]
#[path = "response_tests.rs"]
mod tests;
