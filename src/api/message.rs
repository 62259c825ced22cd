//! A message of a conversation, as the API and the history files spell it: a role and its
//! text, and for tools the calls an assistant message makes and the call a tool message
//! answers. One type for every place that holds one (the command line's --user/--assistant
//! turns, history files, the transcript), so that a role is never spelled twice.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::tools::Call;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    Developer,
    User,
    Assistant,
    /// A tool call's result.
    Tool,
}

/// `{"role","content"}`, plus `tool_calls` (an assistant asking for tools, whose content
/// is then null when it said nothing) or `tool_call_id` (a tool's result), exactly as the
/// API takes them back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    #[serde(serialize_with = "content_or_null", deserialize_with = "null_as_empty")]
    #[serde(default)]
    pub content: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tool_calls: Vec<Call>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
}

impl Message {
    pub fn new(role: Role, content: impl Into<String>) -> Message {
        Message {
            role,
            content: content.into(),
            tool_calls: Vec::new(),
            tool_call_id: None,
        }
    }

    /// An assistant message asking for tools, with what it said besides (often nothing).
    pub fn calls(content: impl Into<String>, calls: Vec<Call>) -> Message {
        Message {
            tool_calls: calls,
            ..Message::new(Role::Assistant, content)
        }
    }

    /// A tool's result for the call `id`.
    pub fn tool_result(id: impl Into<String>, content: impl Into<String>) -> Message {
        Message {
            tool_call_id: Some(id.into()),
            ..Message::new(Role::Tool, content)
        }
    }
}

/// An empty content is written as null: the API's own spelling for an assistant message
/// that only calls tools. Other messages always have text (a user cannot send nothing).
fn content_or_null<S: Serializer>(content: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match content.is_empty() {
        true => serializer.serialize_none(),
        false => serializer.serialize_str(content),
    }
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_its_role_in_lowercase_and_its_text() {
        let message = Message::new(Role::Developer, "be brief");
        let text = serde_json::to_string(&message).unwrap();
        assert_eq!(text, r#"{"role":"developer","content":"be brief"}"#);
        assert_eq!(serde_json::from_str::<Message>(&text).unwrap(), message);
    }

    #[test]
    fn tool_calls_and_results_are_spelled_as_the_api_takes_them_back() {
        let call = Call::new("call_1".into(), "w".into(), "{\"city\":\"Seoul\"}".into());
        let asking = Message::calls("", vec![call]);
        let text = serde_json::to_string(&asking).unwrap();
        assert_eq!(
            text,
            r#"{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"w","arguments":"{\"city\":\"Seoul\"}"}}]}"#
        );
        assert_eq!(serde_json::from_str::<Message>(&text).unwrap(), asking);
        let result = Message::tool_result("call_1", "21 C");
        let text = serde_json::to_string(&result).unwrap();
        assert_eq!(
            text,
            r#"{"role":"tool","content":"21 C","tool_call_id":"call_1"}"#
        );
        assert_eq!(serde_json::from_str::<Message>(&text).unwrap(), result);
    }
}
