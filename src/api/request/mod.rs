//! The Chat Completions request body, built by a pure function from the settings, the
//! conversation before the prompt, and the prompt.
//!
//! Shapes follow `CreateChatCompletionRequest` in the OpenAPI spec. Only fields the user set
//! are serialized: no nulls, and no defaults the server did not ask for, so that strict
//! OpenAI-compatible servers accept the body and the API's own defaults apply.

use serde::Serialize;

use crate::api::message::Message;
pub use crate::api::message::Role;
use crate::tools::{Call, ToolChoice};

mod extra;
mod fields;
mod settings;

pub use extra::{Extra, encode, merge_over, merge_under, with_extra};
pub use fields::{FieldError, take_params};
pub use settings::{Format, ImageDetail, Params, ReasoningEffort, Schema, Settings};

/// Added when `--json` is on and no message mentions JSON: the API rejects json_object
/// mode with a 400 unless the word "json" appears in the messages.
pub const JSON_INSTRUCTION: &str = "Respond with a single valid JSON object.";

/// ChatCompletionRequestMessage: a role and a text, or parts when images are attached;
/// an assistant's tool calls (its content then null when it said nothing), a tool's
/// result and the call it answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChatMessage<'a> {
    pub role: Role,
    pub content: Content<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub tool_calls: &'a [Call],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<&'a str>,
}

impl<'a> ChatMessage<'a> {
    pub fn text(role: Role, text: &'a str) -> ChatMessage<'a> {
        ChatMessage {
            role,
            content: Content::Text(text),
            tool_calls: &[],
            tool_call_id: None,
        }
    }

    /// A message of the conversation as the request carries it.
    pub fn of(message: &'a Message) -> ChatMessage<'a> {
        let calls_only = message.content.is_empty() && !message.tool_calls.is_empty();
        ChatMessage {
            role: message.role,
            content: match calls_only {
                true => Content::Null,
                false => Content::Text(&message.content),
            },
            tool_calls: &message.tool_calls,
            tool_call_id: message.tool_call_id.as_deref(),
        }
    }
}

/// A message's content: a string, or parts when images are attached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Content<'a> {
    Text(&'a str),
    Parts(Vec<Part<'a>>),
    /// An assistant message that only calls tools.
    Null,
}

impl Content<'_> {
    fn mentions_json(&self) -> bool {
        match self {
            Content::Text(text) => mentions_json(text),
            Content::Parts(parts) => parts
                .iter()
                .any(|p| matches!(p, Part::Text { text } if mentions_json(text))),
            Content::Null => false,
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
    pub detail: Option<ImageDetail>,
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
    pub messages: Vec<ChatMessage<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_completion_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<&'a ToolChoice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_options: Option<StreamOptions>,
}

/// Builds the request for one prompt: `context` (see
/// [`crate::conversation::Transcript::context`]) comes before it.
pub fn build<'a>(
    settings: &'a Settings,
    context: impl IntoIterator<Item = &'a Message>,
    prompt: &'a str,
) -> ChatRequest<'a> {
    build_after(settings, context, Some(prompt))
}

/// Builds the request that follows `context`, with a new prompt or (after tool results,
/// which end the context) without one.
pub fn build_after<'a>(
    settings: &'a Settings,
    context: impl IntoIterator<Item = &'a Message>,
    prompt: Option<&'a str>,
) -> ChatRequest<'a> {
    let context = context.into_iter();
    let mut messages = Vec::with_capacity(context.size_hint().0 + 2);
    messages.extend(context.map(ChatMessage::of));
    if let Some(prompt) = prompt {
        messages.push(ChatMessage {
            content: user_content(settings, prompt),
            ..ChatMessage::text(Role::User, "")
        });
    }
    if settings.format == Format::JsonObject {
        add_json_instruction(&mut messages);
    }
    let params = &settings.params;
    ChatRequest {
        model: &settings.model,
        messages,
        temperature: params.temperature,
        top_p: params.top_p,
        max_tokens: params.max_tokens,
        max_completion_tokens: params.max_completion_tokens,
        reasoning_effort: params.reasoning_effort,
        n: params.n,
        stop: &params.stop,
        seed: params.seed,
        frequency_penalty: params.frequency_penalty,
        presence_penalty: params.presence_penalty,
        response_format: response_format(&settings.format),
        tools: settings.tools.wire(),
        tool_choice: settings.tools.choice.as_ref(),
        parallel_tool_calls: settings.tools.parallel,
        stream: settings.stream.then_some(true),
        // Exact usage for --usage needs the final usage chunk, which is opt-in.
        stream_options: (settings.stream && settings.usage).then_some(StreamOptions {
            include_usage: true,
        }),
    }
}

/// json_object mode is refused with a 400 unless a message mentions JSON: when none does,
/// an instruction goes after the leading system messages (so theirs stay first, unchanged).
fn add_json_instruction(messages: &mut Vec<ChatMessage<'_>>) {
    if messages.iter().any(|m| m.content.mentions_json()) {
        return;
    }
    let at = messages
        .iter()
        .take_while(|m| m.role == Role::System)
        .count();
    let instruction = ChatMessage::text(Role::System, JSON_INSTRUCTION);
    messages.insert(at, instruction);
}

/// The prompt as plain text, or as a text part followed by one part per image.
fn user_content<'a>(settings: &'a Settings, prompt: &'a str) -> Content<'a> {
    if settings.images.is_empty() {
        return Content::Text(prompt);
    }
    let mut parts = Vec::with_capacity(settings.images.len() + 1);
    parts.push(Part::Text { text: prompt });
    parts.extend(settings.images.iter().map(|url| Part::ImageUrl {
        image_url: ImageUrl {
            url,
            detail: settings.image_detail,
        },
    }));
    Content::Parts(parts)
}

fn response_format(format: &Format) -> Option<ResponseFormat<'_>> {
    match format {
        Format::Text => None,
        Format::JsonObject => Some(ResponseFormat::JsonObject),
        Format::JsonSchema(schema) => Some(ResponseFormat::JsonSchema {
            json_schema: JsonSchema {
                name: &schema.name,
                schema: &schema.schema,
                strict: true,
            },
        }),
    }
}

/// Whether the text contains "json" in any letter case, without copying a large prompt.
pub fn mentions_json(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"json"))
}

#[cfg(test)]
mod tests;
