//! Response, stream chunk and error-body types, tolerant of what compatible servers send.
//!
//! Shapes follow `CreateChatCompletionResponse`, `CreateChatCompletionStreamResponse` and
//! `ErrorResponse` in the OpenAPI spec. Every field oaichat does not need is ignored, and
//! every field it reads may be missing or null: Azure sends chunks with empty `choices`,
//! local servers leave out `index`, and error bodies come in many shapes.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;

mod calls;
mod error_body;
mod finish;
mod text;
pub mod think;

pub use calls::{Function, ToolCall, add_calls};
pub use error_body::{ErrorDetail, error_detail, error_value_detail};
pub use finish::FinishReason;

use crate::error::response::{BadResponse, Expected};

/// `CompletionUsage`. Serialized (under the chat names, what it lacks left out) for a
/// `--jsonl` record of a Responses API answer, whose own usage has other names.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Usage {
    #[serde(default)]
    pub prompt_tokens: u64,
    #[serde(default)]
    pub completion_tokens: u64,
    #[serde(default)]
    pub total_tokens: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_tokens_details: Option<PromptDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_tokens_details: Option<CompletionDetails>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct PromptDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_tokens: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct CompletionDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<u64>,
}

impl Usage {
    pub fn cached(&self) -> u64 {
        self.prompt_tokens_details
            .as_ref()
            .and_then(|d| d.cached_tokens)
            .unwrap_or(0)
    }

    pub fn reasoning(&self) -> u64 {
        self.completion_tokens_details
            .as_ref()
            .and_then(|d| d.reasoning_tokens)
            .unwrap_or(0)
    }

    /// The estimated cost in USD at the catalog's list prices; None for unknown models.
    pub fn cost(&self, model: &str) -> Option<f64> {
        let known = crate::catalog::lookup(model)?;
        Some(crate::catalog::cost(
            &known.price,
            self.prompt_tokens,
            self.cached(),
            self.completion_tokens,
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ChatResponse {
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub usage: Option<Usage>,
    /// The model that answered (often a dated id), for the cost estimate.
    #[serde(default)]
    pub model: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Choice {
    #[serde(default)]
    pub index: u32,
    #[serde(default)]
    pub message: Option<AnswerMessage>,
    #[serde(default)]
    pub finish_reason: Option<FinishReason>,
}

impl Choice {
    /// Whether the answer asks for tools: calls came, or the finish reason says so.
    pub fn asks_for_tools(&self) -> bool {
        let message = self.message.as_ref();
        let calls = message.and_then(|m| m.tool_calls.as_ref());
        calls.is_some_and(|c| !c.is_empty())
            || message.is_some_and(|m| m.function_call.is_some())
            || matches!(
                self.finish_reason,
                Some(FinishReason::ToolCalls | FinishReason::FunctionCall)
            )
    }
}

/// The assistant message of a whole response.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AnswerMessage {
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub refusal: Option<String>,
    /// Calls the model asks for instead of (or with) an answer.
    #[serde(default)]
    pub tool_calls: Option<Vec<ToolCall>>,
    /// The deprecated single-function form.
    #[serde(default)]
    pub function_call: Option<Function>,
    /// The model's reasoning, as vLLM, llama.cpp and DeepSeek spell it (issue 13); read
    /// leniently, as oaichat only shows it.
    #[serde(default, deserialize_with = "lenient")]
    pub reasoning_content: Option<String>,
    /// The same, as Ollama, OpenRouter and newer vLLM spell it.
    #[serde(default, deserialize_with = "lenient")]
    pub reasoning: Option<String>,
}

impl AnswerMessage {
    /// The reasoning and the answer: a reasoning field, a leading `<think>` block of the
    /// content (see [`think`]), or both.
    pub fn parts(&self) -> Parts<'_> {
        let split = think::split(self.content.as_deref().unwrap_or_default());
        let field = reasoning_field(self.reasoning_content.as_deref(), self.reasoning.as_deref());
        let texts = [field, split.reasoning].map(|t| t.map(str::trim).filter(|t| !t.is_empty()));
        let reasoning = match texts {
            [Some(field), Some(inline)] => Some(Cow::Owned(format!("{field}\n\n{inline}"))),
            [one, other] => one.or(other).map(Cow::Borrowed),
        };
        Parts {
            reasoning,
            answer: split.answer,
            unclosed: split.unclosed,
        }
    }
}

/// What an answer says, with its reasoning apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<'a> {
    /// Without the whitespace at its ends; None when there is none.
    pub reasoning: Option<Cow<'a, str>>,
    pub answer: &'a str,
    /// A `<think>` block never closed: all of the content was reasoning.
    pub unclosed: bool,
}

/// The reasoning of a message or delta: `reasoning_content` when it has text, else
/// `reasoning` (vLLM has sent both with the same text; one is shown, not both).
pub fn reasoning_field<'a>(
    content: Option<&'a str>,
    reasoning: Option<&'a str>,
) -> Option<&'a str> {
    content
        .filter(|t| !t.is_empty())
        .or(reasoning.filter(|t| !t.is_empty()))
}

/// One streamed chunk. Strings borrow from the event's bytes where they can (no escapes),
/// so a chunk costs no allocation per text piece.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Chunk<'a> {
    #[serde(default, borrow)]
    pub choices: Vec<ChunkChoice<'a>>,
    #[serde(default)]
    pub usage: Option<Usage>,
    #[serde(default, borrow, deserialize_with = "text::borrowed")]
    pub model: Option<Cow<'a, str>>,
    /// An error object sent in place of a chunk.
    #[serde(default)]
    pub error: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ChunkChoice<'a> {
    #[serde(default)]
    pub index: u32,
    #[serde(default, borrow)]
    pub delta: Option<Delta<'a>>,
    /// Parsed, not borrowed: the listed reasons need no allocation either.
    #[serde(default)]
    pub finish_reason: Option<FinishReason>,
}

/// `delta` of a chunk choice, as the stream reader uses it.
///
/// Kept at the size it had before reasoning came (96 bytes): one reasoning field for both
/// spellings, and the rare tool calls boxed. Larger, every chunk's choice was moved with
/// a `memcpy` call (callgrind: +2.7 % instructions on a 20,000-chunk stream).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Delta<'a> {
    pub content: Option<Cow<'a, str>>,
    pub refusal: Option<Cow<'a, str>>,
    /// A piece of the model's reasoning, in either spelling (see [`reasoning_field`]).
    pub reasoning: Option<Cow<'a, str>>,
    pub tool_calls: Option<Box<[ToolCall]>>,
    pub function_call: Option<Box<Function>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Delta<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        WireDelta::deserialize(deserializer).map(Delta::from)
    }
}

/// `delta` as sent, with both reasoning spellings.
#[derive(Deserialize)]
struct WireDelta<'a> {
    #[serde(default, borrow, deserialize_with = "text::borrowed")]
    content: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text::borrowed")]
    refusal: Option<Cow<'a, str>>,
    #[serde(default)]
    tool_calls: Option<Box<[ToolCall]>>,
    #[serde(default)]
    function_call: Option<Box<Function>>,
    /// A value that is not a string is left unread rather than failing the chunk.
    #[serde(default, borrow, deserialize_with = "text::borrowed_or_none")]
    reasoning_content: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "text::borrowed_or_none")]
    reasoning: Option<Cow<'a, str>>,
}

impl<'a> From<WireDelta<'a>> for Delta<'a> {
    fn from(wire: WireDelta<'a>) -> Delta<'a> {
        let spellings = [wire.reasoning_content, wire.reasoning];
        Delta {
            content: wire.content,
            refusal: wire.refusal,
            // As reasoning_field picks.
            reasoning: spellings.into_iter().flatten().find(|t| !t.is_empty()),
            tool_calls: wire.tool_calls,
            function_call: wire.function_call,
        }
    }
}

/// A field read as the hand-indexed code it replaced read it: a value of another type than
/// the spec's is `None`, not an error that refuses the whole object (compatible servers,
/// and old files, are not always exact). For fields oaichat only reports, never relies on.
pub(crate) fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(T::deserialize(Value::deserialize(deserializer)?).ok())
}

/// An object read as `T` with [`lenient`] fields: JSON that is not an object reads as
/// `T::default()`, as it did when its fields were looked up with `Value::get`, which finds
/// nothing there (serde alone would read an array's items as the fields, in order).
pub(crate) fn from_object<T>(value: Value) -> T
where
    T: serde::de::DeserializeOwned + Default,
{
    match value {
        Value::Object(_) => T::deserialize(value).unwrap_or_default(),
        _ => T::default(),
    }
}

/// `GET /models`: ListModelsResponse, of which only the ids matter here.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ModelList {
    pub data: Vec<ModelEntry>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ModelEntry {
    pub id: String,
}

/// A body that does not parse as `what`, shown by its start (or by the server's error
/// message in it), which says more than the parser's complaint.
pub fn not_a(what: Expected, cause: serde_json::Error, body: &[u8]) -> BadResponse {
    BadResponse::not_a(what, cause, Some(error_detail(body).text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_text_borrows_unless_escaped() {
        let chunk: Chunk = serde_json::from_str(
            r#"{"choices":[{"delta":{"content":"plain"},"finish_reason":null},{"index":1,"delta":{"content":"a\nb"},"finish_reason":"stop"}]}"#,
        )
        .unwrap();
        let first = chunk.choices[0]
            .delta
            .as_ref()
            .unwrap()
            .content
            .as_ref()
            .unwrap();
        assert!(matches!(first, Cow::Borrowed("plain")));
        let second = chunk.choices[1]
            .delta
            .as_ref()
            .unwrap()
            .content
            .as_ref()
            .unwrap();
        assert_eq!(second, "a\nb");
        assert_eq!(chunk.choices[1].finish_reason, Some(FinishReason::Stop));
        assert!(serde_json::from_str::<Chunk>(r#"{"choices":[{"delta":{"content":5}}]}"#).is_err());
    }

    #[test]
    fn chunks_tolerate_missing_and_null_fields() {
        let chunk: Chunk =
            serde_json::from_str(r#"{"choices":[],"usage":{"prompt_tokens":1}}"#).unwrap();
        assert!(chunk.choices.is_empty());
        let chunk: Chunk = serde_json::from_str(
            r#"{"choices":[{"delta":{"content":null,"role":"assistant"},"finish_reason":null}],"x":1}"#,
        )
        .unwrap();
        assert_eq!(chunk.choices[0].index, 0);
        assert_eq!(chunk.choices[0].delta.as_ref().unwrap().content, None);
    }

    #[test]
    fn reasoning_comes_from_either_field_or_a_leading_think_block() {
        use serde_json::json;
        let parts = |message: serde_json::Value| {
            let message: AnswerMessage = serde_json::from_value(message).unwrap();
            let parts = message.parts();
            (
                parts.reasoning.map(Cow::into_owned),
                parts.answer.to_string(),
            )
        };
        let thought = |t: &str| (Some(t.to_string()), "Paris.".to_string());
        assert_eq!(
            parts(json!({"content": "Paris.", "reasoning_content": "\nHmm.\n"})),
            thought("Hmm.")
        );
        assert_eq!(
            parts(json!({"content": "Paris.", "reasoning": "Hmm."})),
            thought("Hmm.")
        );
        // vLLM has sent both spellings with the same text: it is shown once.
        let both = json!({"content": "Paris.", "reasoning_content": "Hmm.", "reasoning": "Hmm."});
        assert_eq!(parts(both), thought("Hmm."));
        assert_eq!(
            parts(json!({"content": "<think>Hmm.</think>\n\nParis."})),
            thought("Hmm.")
        );
        let inline_too = json!({"content": "<think>b</think>Paris.", "reasoning": "a"});
        assert_eq!(parts(inline_too), thought("a\n\nb"));
        // A reasoning value of another type is not text to show, and fails nothing.
        assert_eq!(
            parts(json!({"content": "Paris.", "reasoning": {"effort": "low"}})),
            (None, "Paris.".to_string())
        );
        let chunk: Chunk =
            serde_json::from_str(r#"{"choices":[{"delta":{"reasoning":{"effort":"low"}}}]}"#)
                .unwrap();
        assert_eq!(chunk.choices[0].delta.as_ref().unwrap().reasoning, None);
        // Of both spellings, the first with text (vLLM has sent both).
        let both = r#"{"choices":[{"delta":{"reasoning_content":"","reasoning":"b"}}]}"#;
        let chunk: Chunk = serde_json::from_str(both).unwrap();
        let delta = chunk.choices[0].delta.as_ref().unwrap();
        assert_eq!(delta.reasoning.as_deref(), Some("b"));
    }

    #[test]
    fn a_chunk_choice_stays_small_enough_to_move_without_a_memcpy_call() {
        // See Delta: 128 bytes are moved inline; more cost a call per chunk.
        assert!(std::mem::size_of::<ChunkChoice>() <= 128);
    }
}
