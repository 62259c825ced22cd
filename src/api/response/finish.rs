//! `finish_reason`: why a choice stopped, parsed once where the response is read, so that
//! the code judging an answer matches on variants instead of comparing strings.

use std::fmt;

use serde::Deserialize;

/// The spec's values (`CreateChatCompletionResponse` and `…StreamResponse` choices), and
/// whatever else a compatible server sends, kept as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinishReason {
    Stop,
    Length,
    ToolCalls,
    ContentFilter,
    /// The deprecated single-function form of `tool_calls`.
    FunctionCall,
    /// A reason the spec does not list; parsing never puts a listed one here.
    Other(String),
}

impl FinishReason {
    /// The reason as the server wrote it.
    pub fn as_str(&self) -> &str {
        match self {
            FinishReason::Stop => "stop",
            FinishReason::Length => "length",
            FinishReason::ToolCalls => "tool_calls",
            FinishReason::ContentFilter => "content_filter",
            FinishReason::FunctionCall => "function_call",
            FinishReason::Other(other) => other,
        }
    }
}

/// Parsing: every string is a reason, so this cannot fail; only an unlisted one allocates.
impl From<&str> for FinishReason {
    fn from(text: &str) -> FinishReason {
        match text {
            "stop" => FinishReason::Stop,
            "length" => FinishReason::Length,
            "tool_calls" => FinishReason::ToolCalls,
            "content_filter" => FinishReason::ContentFilter,
            "function_call" => FinishReason::FunctionCall,
            other => FinishReason::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for FinishReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FinishReason {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FinishReason;

            // What a `String` field said before: error messages stay the same.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, v: &str) -> Result<FinishReason, E> {
                Ok(FinishReason::from(v))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_reasons_parse_to_their_variant_and_others_are_kept() {
        let parsed: Vec<FinishReason> = serde_json::from_str(
            r#"["stop","length","tool_calls","content_filter","function_call","eos","st\u006fp"]"#,
        )
        .unwrap();
        assert_eq!(
            parsed,
            [
                FinishReason::Stop,
                FinishReason::Length,
                FinishReason::ToolCalls,
                FinishReason::ContentFilter,
                FinishReason::FunctionCall,
                FinishReason::Other("eos".into()),
                FinishReason::Stop,
            ]
        );
        let written: Vec<String> = parsed.iter().map(ToString::to_string).collect();
        assert_eq!(
            written,
            [
                "stop",
                "length",
                "tool_calls",
                "content_filter",
                "function_call",
                "eos",
                "stop"
            ]
        );
    }

    #[test]
    fn a_reason_that_is_not_a_string_is_refused_as_a_string_field_was() {
        let error = serde_json::from_str::<FinishReason>("5").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `5`, expected a string at line 1 column 1"
        );
    }
}
