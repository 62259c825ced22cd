//! Response, stream chunk and error-body types, tolerant of what compatible servers send.
//!
//! Shapes follow `CreateChatCompletionResponse`, `CreateChatCompletionStreamResponse` and
//! `ErrorResponse` in the OpenAPI spec. Every field oaichat does not need is ignored, and
//! every field it reads may be missing or null: Azure sends chunks with empty `choices`,
//! local servers leave out `index`, and error bodies come in many shapes.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

mod error_body;
mod finish;

pub use error_body::{ErrorDetail, error_detail, error_value_detail};
pub use finish::FinishReason;

use crate::error::response::{BadResponse, Expected};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Usage {
    #[serde(default)]
    pub prompt_tokens: u64,
    #[serde(default)]
    pub completion_tokens: u64,
    #[serde(default)]
    pub total_tokens: u64,
    #[serde(default)]
    pub prompt_tokens_details: Option<PromptDetails>,
    #[serde(default)]
    pub completion_tokens_details: Option<CompletionDetails>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct PromptDetails {
    #[serde(default)]
    pub cached_tokens: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct CompletionDetails {
    #[serde(default)]
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
}

/// A tool call (or a streamed piece of one), of which oaichat reads only the name: it does
/// not run tools, but says which one the model wanted.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ToolCall {
    #[serde(default)]
    pub function: Option<Function>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Function {
    #[serde(default)]
    pub name: Option<String>,
}

/// The names of the tools a message or delta asks for (empty pieces of a streamed call
/// carry none).
pub fn tool_names(calls: Option<&[ToolCall]>, function: Option<&Function>) -> Vec<String> {
    calls
        .into_iter()
        .flatten()
        .filter_map(|call| call.function.as_ref())
        .chain(function)
        .filter_map(|f| f.name.clone())
        .collect()
}

/// One streamed chunk. Strings borrow from the event's bytes where they can (no escapes),
/// so a chunk costs no allocation per text piece.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Chunk<'a> {
    #[serde(default, borrow)]
    pub choices: Vec<ChunkChoice<'a>>,
    #[serde(default)]
    pub usage: Option<Usage>,
    #[serde(default, borrow, deserialize_with = "borrowed")]
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

/// `delta` of a chunk choice.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Delta<'a> {
    #[serde(default, borrow, deserialize_with = "borrowed")]
    pub content: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "borrowed")]
    pub refusal: Option<Cow<'a, str>>,
    #[serde(default)]
    pub tool_calls: Option<Vec<ToolCall>>,
    #[serde(default)]
    pub function_call: Option<Function>,
}

/// An optional string that borrows from the input when it has no escapes. serde's own
/// `Cow` support borrows only a bare `Cow<str>` field, not one inside an `Option`, and
/// would allocate every delta.
fn borrowed<'de, D>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<Cow<'de, str>>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string or null")
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Borrowed(v)))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_owned())))
        }
        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v)))
        }
    }
    deserializer.deserialize_option(Visitor)
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
}
