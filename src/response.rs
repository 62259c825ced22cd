//! Response, stream chunk and error-body types, tolerant of what compatible servers send.
//!
//! Shapes follow `CreateChatCompletionResponse`, `CreateChatCompletionStreamResponse` and
//! `ErrorResponse` in the OpenAPI spec. Every field oaichat does not need is ignored, and
//! every field it reads may be missing or null: Azure sends chunks with empty `choices`,
//! local servers leave out `index`, and error bodies come in many shapes.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

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
    pub finish_reason: Option<String>,
}

/// The assistant message (`message` in a response, `delta` in a chunk).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AnswerMessage {
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub refusal: Option<String>,
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
    #[serde(default, borrow, deserialize_with = "borrowed")]
    pub finish_reason: Option<Cow<'a, str>>,
}

/// `delta` of a chunk choice.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Delta<'a> {
    #[serde(default, borrow, deserialize_with = "borrowed")]
    pub content: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "borrowed")]
    pub refusal: Option<Cow<'a, str>>,
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

/// `GET /models`: ListModelsResponse, of which only the ids matter here.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ModelList {
    pub data: Vec<ModelEntry>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ModelEntry {
    pub id: String,
}

/// What an error body says, in one line, and its `type` when it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetail {
    pub text: String,
    pub kind: Option<String>,
    /// `error.code`, e.g. `insufficient_quota`.
    pub code: Option<String>,
}

/// How much of a body that is not a recognised error to show.
const BODY_EXCERPT_CHARS: usize = 200;

/// Reads an error body: OpenAI's `{"error": {message, type, param, code}}`, or the shapes
/// other servers use (`{"error": "text"}`, `{"detail": …}`, `{"message": …}`), else the
/// first 200 characters of the body.
pub fn error_detail(body: &[u8]) -> ErrorDetail {
    match serde_json::from_slice::<Value>(body) {
        Ok(value) => error_value_detail(&value).unwrap_or_else(|| excerpt(body)),
        Err(_) => excerpt(body),
    }
}

/// Reads an error JSON value (a whole body, or the `error` of a stream chunk).
pub fn error_value_detail(value: &Value) -> Option<ErrorDetail> {
    let error = value.get("error").unwrap_or(value);
    if let Some(text) = error.as_str() {
        return Some(ErrorDetail {
            text: text.to_string(),
            kind: None,
            code: None,
        });
    }
    let message = error
        .get("message")
        .or_else(|| error.get("detail"))
        .map(|m| match m {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })?;
    let kind = error
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_string);
    let code = match error.get("code") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut text = message.trim().to_string();
    match (&kind, &code) {
        (Some(kind), Some(code)) => text.push_str(&format!(" (type {kind}, code {code})")),
        (Some(kind), None) => text.push_str(&format!(" (type {kind})")),
        (None, Some(code)) => text.push_str(&format!(" (code {code})")),
        (None, None) => {}
    }
    Some(ErrorDetail { text, kind, code })
}

fn excerpt(body: &[u8]) -> ErrorDetail {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    let mut shown: String = trimmed
        .chars()
        .take(BODY_EXCERPT_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if trimmed.chars().count() > BODY_EXCERPT_CHARS {
        shown.push('…');
    }
    if shown.is_empty() {
        shown = "(empty body)".into();
    }
    ErrorDetail {
        text: shown,
        kind: None,
        code: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openai_error_shows_message_type_and_code() {
        let body = br#"{"error":{"message":"Bad key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#;
        assert_eq!(
            error_detail(body),
            ErrorDetail {
                text: "Bad key (type invalid_request_error, code invalid_api_key)".into(),
                kind: Some("invalid_request_error".into()),
                code: Some("invalid_api_key".into()),
            }
        );
    }

    #[test]
    fn other_servers_error_shapes_are_readable() {
        assert_eq!(
            error_detail(br#"{"error":"model not found"}"#).text,
            "model not found"
        );
        assert_eq!(error_detail(br#"{"detail":"Not Found"}"#).text, "Not Found");
        assert_eq!(
            error_detail(br#"{"error":{"message":"x","code":400}}"#).text,
            "x (code 400)"
        );
        assert_eq!(
            error_detail(b"<html>\n<h1>502</h1></html>").text,
            "<html> <h1>502</h1></html>"
        );
        assert_eq!(error_detail(b"").text, "(empty body)");
        let long = "a".repeat(300);
        assert_eq!(error_detail(long.as_bytes()).text.chars().count(), 201);
    }

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
        assert_eq!(chunk.choices[1].finish_reason.as_deref(), Some("stop"));
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
