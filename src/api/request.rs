//! The Chat Completions request body, built by a pure function from the config and prompt.
//!
//! Shapes follow `CreateChatCompletionRequest` in the OpenAPI spec. Only fields the user set
//! are serialized: no nulls, and no defaults the server did not ask for, so that strict
//! OpenAI-compatible servers accept the body and the API's own defaults apply.

use serde::Serialize;

use crate::config::Config;

/// Added when `--json` is on and no message mentions JSON: the API rejects json_object
/// mode with a 400 unless the word "json" appears in the messages.
pub const JSON_INSTRUCTION: &str = "Respond with a single valid JSON object.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    Developer,
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message<'a> {
    pub role: Role,
    pub content: Content<'a>,
}

/// A message's content: a string, or parts when images are attached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Content<'a> {
    Text(&'a str),
    Parts(Vec<Part<'a>>),
}

impl Content<'_> {
    fn mentions_json(&self) -> bool {
        match self {
            Content::Text(text) => mentions_json(text),
            Content::Parts(parts) => parts
                .iter()
                .any(|p| matches!(p, Part::Text { text } if mentions_json(text))),
        }
    }
}

/// ChatCompletionRequestMessageContentPartText / …PartImage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Part<'a> {
    Text { text: &'a str },
    ImageUrl { image_url: ImageUrl<'a> },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageUrl<'a> {
    pub url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<&'a str>,
}

/// `response_format`: ResponseFormatJsonObject or ResponseFormatJsonSchema.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ResponseFormat<'a> {
    JsonObject,
    JsonSchema { json_schema: JsonSchema<'a> },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonSchema<'a> {
    pub name: &'a str,
    pub schema: &'a serde_json::Value,
    pub strict: bool,
}

/// `stream_options` (ChatCompletionStreamOptions).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StreamOptions {
    pub include_usage: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChatRequest<'a> {
    pub model: &'a str,
    pub messages: Vec<Message<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_completion_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// StopConfiguration allows a string or an array; an array of 1–4 is always valid.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub stop: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_format: Option<ResponseFormat<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_options: Option<StreamOptions>,
}

/// Builds the request for one prompt.
pub fn build<'a>(config: &'a Config, prompt: &'a str) -> ChatRequest<'a> {
    let mut messages = Vec::with_capacity(config.history.len() + config.turns.len() + 3);
    // A continued conversation usually starts with the same system message: send it once.
    let repeated = |system: &str| {
        config
            .history
            .iter()
            .any(|m| m.role == Role::System && m.content == system)
    };
    if let Some(system) = config.system.as_deref().filter(|s| !repeated(s)) {
        messages.push(Message {
            role: Role::System,
            content: Content::Text(system),
        });
    }
    messages.extend(config.history.iter().map(|m| Message {
        role: m.role,
        content: Content::Text(&m.content),
    }));
    messages.extend(config.turns.iter().map(|turn| Message {
        role: if turn.assistant {
            Role::Assistant
        } else {
            Role::User
        },
        content: Content::Text(&turn.text),
    }));
    messages.push(Message {
        role: Role::User,
        content: user_content(config, prompt),
    });
    if config.json && !messages.iter().any(|m| m.content.mentions_json()) {
        // After the leading system messages, so theirs stay first and unchanged.
        let at = messages
            .iter()
            .take_while(|m| m.role == Role::System)
            .count();
        messages.insert(
            at,
            Message {
                role: Role::System,
                content: Content::Text(JSON_INSTRUCTION),
            },
        );
    }
    let params = &config.params;
    ChatRequest {
        model: &config.model,
        messages,
        temperature: params.temperature,
        top_p: params.top_p,
        max_tokens: params.max_tokens,
        max_completion_tokens: params.max_completion_tokens,
        reasoning_effort: params.reasoning_effort.as_deref(),
        n: params.n,
        stop: &params.stop,
        seed: params.seed,
        frequency_penalty: params.frequency_penalty,
        presence_penalty: params.presence_penalty,
        response_format: response_format(config),
        stream: config.stream.then_some(true),
        // Exact usage for --usage needs the final usage chunk, which is opt-in.
        stream_options: (config.stream && config.usage).then_some(StreamOptions {
            include_usage: true,
        }),
    }
}

/// The prompt as plain text, or as a text part followed by one part per image.
fn user_content<'a>(config: &'a Config, prompt: &'a str) -> Content<'a> {
    if config.images.is_empty() {
        return Content::Text(prompt);
    }
    let mut parts = Vec::with_capacity(config.images.len() + 1);
    parts.push(Part::Text { text: prompt });
    parts.extend(config.images.iter().map(|url| Part::ImageUrl {
        image_url: ImageUrl {
            url,
            detail: config.image_detail.as_deref(),
        },
    }));
    Content::Parts(parts)
}

fn response_format(config: &Config) -> Option<ResponseFormat<'_>> {
    if let Some(schema) = &config.schema {
        return Some(ResponseFormat::JsonSchema {
            json_schema: JsonSchema {
                name: &schema.name,
                schema: &schema.schema,
                strict: true,
            },
        });
    }
    config.json.then_some(ResponseFormat::JsonObject)
}

/// Whether the text contains "json" in any letter case, without copying a large prompt.
pub fn mentions_json(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Env, Params};
    use serde_json::json;

    fn config(args: &[&str]) -> Config {
        let cli =
            crate::config::cli::parse_from(std::iter::once("oaichat").chain(args.iter().copied()))
                .expect("valid test command line");
        let env = Env::new(
            [("OPENAI_API_KEY".to_string(), "k".to_string())].into(),
            Default::default(),
        );
        Config::resolve(&cli, &env, Default::default()).expect("valid config")
    }

    fn body(config: &Config, prompt: &str) -> serde_json::Value {
        serde_json::to_value(build(config, prompt)).expect("serializable")
    }

    #[test]
    fn minimal_request_has_only_model_and_messages() {
        assert_eq!(
            body(&config(&[]), "hi"),
            json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]})
        );
    }

    #[test]
    fn every_parameter_is_sent_under_its_api_name() {
        let config = config(&[
            "-m",
            "m",
            "-s",
            "sys",
            "-t",
            "0.5",
            "--top-p",
            "0.9",
            "--max-tokens",
            "7",
            "-n",
            "2",
            "--stop",
            "x",
            "--stop",
            "y",
            "--seed",
            "-3",
            "--frequency-penalty",
            "-1",
            "--presence-penalty",
            "1.5",
            "--stream",
        ]);
        assert_eq!(config.params.stop.len(), 2);
        assert_eq!(
            body(&config, "q"),
            json!({
                "model": "m",
                "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "q"}],
                "temperature": 0.5, "top_p": 0.9, "max_tokens": 7, "n": 2, "stop": ["x", "y"],
                "seed": -3, "frequency_penalty": -1.0, "presence_penalty": 1.5, "stream": true
            })
        );
    }

    #[test]
    fn json_mode_adds_an_instruction_only_when_json_is_not_mentioned() {
        let with = config(&["--json", "-s", "be brief"]);
        assert_eq!(
            body(&with, "list 3 colors"),
            json!({
                "model": "gpt-4o-mini",
                "messages": [
                    {"role": "system", "content": "be brief"},
                    {"role": "system", "content": JSON_INSTRUCTION},
                    {"role": "user", "content": "list 3 colors"}
                ],
                "response_format": {"type": "json_object"}
            })
        );
        let request = build(&with, "give me JSON please");
        assert_eq!(request.messages.len(), 2);
    }

    #[test]
    fn turns_schema_reasoning_and_usage_fields() {
        let mut config = config(&[
            "-m",
            "o3",
            "--user",
            "q1",
            "--assistant",
            "a1",
            "--max-tokens",
            "5",
            "--reasoning-effort",
            "high",
            "--stream",
            "--usage",
        ]);
        config.schema = Some(crate::schema::Schema {
            name: "s".into(),
            schema: json!({"type": "object"}),
        });
        assert_eq!(
            body(&config, "q2"),
            json!({
                "model": "o3",
                "messages": [
                    {"role": "user", "content": "q1"},
                    {"role": "assistant", "content": "a1"},
                    {"role": "user", "content": "q2"}
                ],
                "max_completion_tokens": 5,
                "reasoning_effort": "high",
                "response_format": {"type": "json_schema",
                    "json_schema": {"name": "s", "schema": {"type": "object"}, "strict": true}},
                "stream": true,
                "stream_options": {"include_usage": true}
            })
        );
    }

    #[test]
    fn images_make_the_prompt_a_list_of_parts() {
        let mut config = config(&["--image-detail", "low", "--json"]);
        config.images = vec![
            "https://x.test/a.png".into(),
            "data:image/gif;base64,R0lG".into(),
        ];
        assert_eq!(
            body(&config, "what is in these? answer in json")["messages"],
            json!([{"role": "user", "content": [
                {"type": "text", "text": "what is in these? answer in json"},
                {"type": "image_url", "image_url": {"url": "https://x.test/a.png", "detail": "low"}},
                {"type": "image_url", "image_url": {"url": "data:image/gif;base64,R0lG", "detail": "low"}}
            ]}])
        );
    }

    #[test]
    fn mentions_json_ignores_case() {
        assert!(mentions_json("As Json"));
        assert!(mentions_json("JSON"));
        assert!(!mentions_json("jso n"));
        assert!(!mentions_json("한국어"));
    }

    #[test]
    fn unset_params_serialize_to_nothing() {
        let mut config = config(&[]);
        config.params = Params::default();
        let text = serde_json::to_string(&build(&config, "x")).unwrap();
        assert!(!text.contains("null"), "{text}");
    }
}
