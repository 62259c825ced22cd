//! What a request carries besides its messages, resolved once from the flags.

use serde::Serialize;
use serde_json::Value;

/// A JSON Schema for Structured Outputs (`--schema`), as `response_format` names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// `^[a-zA-Z0-9_-]{1,64}$`, as the API requires.
    pub name: String,
    pub schema: Value,
}

/// Everything about a chat request except its messages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub model: String,
    pub params: Params,
    pub format: Format,
    /// Image URLs (data URLs for files) attached to the prompt.
    pub images: Vec<String>,
    pub image_detail: Option<ImageDetail>,
    pub stream: bool,
    /// Ask a stream for its usage chunk (`--usage`).
    pub usage: bool,
    /// Fields set with `-o KEY=VALUE` or `options` tables, merged over the typed ones.
    pub extra: super::Extra,
    /// Tools the model may call (`--tools`).
    pub tools: crate::tools::Tools,
}

/// Generation parameters, sent only when the user set them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub max_tokens: Option<u32>,
    pub max_completion_tokens: Option<u32>,
    pub reasoning_effort: Option<ReasoningEffort>,
    pub n: Option<u32>,
    pub stop: Vec<String>,
    pub seed: Option<i64>,
    pub frequency_penalty: Option<f64>,
    pub presence_penalty: Option<f64>,
}

/// The shape the answer must have: free text, any JSON object, or a JSON Schema's.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Format {
    #[default]
    Text,
    /// `--json`: `response_format: json_object`.
    JsonObject,
    /// `--schema`: `response_format: json_schema`, strict.
    JsonSchema(Schema),
}

impl Format {
    /// Whether the answer is checked to parse as JSON.
    pub fn is_json(&self) -> bool {
        *self != Format::Text
    }

    /// The flag that asked for JSON, for messages about an answer that is not.
    pub fn flag(&self) -> Option<&'static str> {
        match self {
            Format::Text => None,
            Format::JsonObject => Some("--json"),
            Format::JsonSchema(_) => Some("--schema"),
        }
    }
}

/// `reasoning_effort` (ReasoningEffort in the spec), the values oaichat offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasoningEffort {
    Minimal,
    Low,
    Medium,
    High,
}

impl ReasoningEffort {
    pub const NAMES: [&str; 4] = ["minimal", "low", "medium", "high"];

    pub fn parse(name: &str) -> Option<ReasoningEffort> {
        use ReasoningEffort::*;
        [Minimal, Low, Medium, High]
            .into_iter()
            .zip(Self::NAMES)
            .find_map(|(effort, n)| (n == name).then_some(effort))
    }
}

/// An image part's `detail`: how closely the model looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageDetail {
    Low,
    High,
    Auto,
}

impl ImageDetail {
    pub const NAMES: [&str; 3] = ["low", "high", "auto"];

    pub fn parse(name: &str) -> Option<ImageDetail> {
        use ImageDetail::*;
        [Low, High, Auto]
            .into_iter()
            .zip(Self::NAMES)
            .find_map(|(detail, n)| (n == name).then_some(detail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_to_the_values_that_serialize_back_to_them() {
        for name in ReasoningEffort::NAMES {
            let effort = ReasoningEffort::parse(name).unwrap();
            assert_eq!(serde_json::to_value(effort).unwrap(), name);
        }
        for name in ImageDetail::NAMES {
            let detail = ImageDetail::parse(name).unwrap();
            assert_eq!(serde_json::to_value(detail).unwrap(), name);
        }
        assert_eq!(ReasoningEffort::parse("extreme"), None);
    }
}
