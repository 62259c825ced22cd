//! The Responses API request body (`CreateResponse` in the OpenAPI spec), mapped by a pure
//! function from the Chat Completions request oaichat builds anyway: histories stay in the
//! Chat message format, and the history limit and context-window check have already run
//! on that request, so both APIs send the same conversation.
//!
//! As with chat requests, only what the user set is sent, under the spec's names.

use std::borrow::Cow;

use serde::Serialize;

use super::Wire;
use crate::api::message::Role;
use crate::api::request::{self, ChatMessage, ChatRequest, Content, ImageDetail, Part};
use crate::api::request::{ReasoningEffort, ResponseFormat, Settings};
use crate::tools::{Tool, ToolChoice};

/// `CreateResponse`, the fields oaichat sets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponsesRequest<'a> {
    pub model: &'a str,
    /// The leading system messages (a developer message's place in the Responses API).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<Cow<'a, str>>,
    pub input: Vec<InputItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_output_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<TextParam<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<Reasoning>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<FunctionTool<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoiceParam<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    /// Always false: oaichat keeps the conversation itself (and never sends
    /// `previous_response_id`), so nothing need be kept on the server; the Chat
    /// Completions API stores nothing by default either. `-o store=true` overrides it.
    pub store: bool,
}

/// `InputItem`: an `EasyInputMessage`, or the items of a tool turn (`FunctionToolCall`,
/// `FunctionCallOutputItemParam`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InputItem<'a> {
    Message {
        role: Role,
        content: InputContent<'a>,
    },
    FunctionCall {
        call_id: &'a str,
        name: &'a str,
        arguments: &'a str,
    },
    FunctionCallOutput {
        call_id: &'a str,
        output: &'a str,
    },
}

/// A message's content: a string, or `InputMessageContentList` when images are attached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum InputContent<'a> {
    Text(&'a str),
    Parts(Vec<InputPart<'a>>),
}

/// `InputTextContent` / `InputImageContent` (whose `detail` the spec requires).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InputPart<'a> {
    InputText {
        text: &'a str,
    },
    InputImage {
        image_url: &'a str,
        detail: ImageDetail,
    },
}

/// `ResponseTextParam`: only its `format`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextParam<'a> {
    pub format: TextFormat<'a>,
}

/// `TextResponseFormatConfiguration`: flat, unlike chat's `response_format.json_schema`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TextFormat<'a> {
    JsonObject,
    JsonSchema {
        name: &'a str,
        schema: &'a serde_json::Value,
        strict: bool,
    },
}

/// `Reasoning`: only its `effort`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reasoning {
    pub effort: ReasoningEffort,
}

/// `FunctionTool`: flat, with `parameters` and `strict` always present (the spec requires
/// both, nullable).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunctionTool<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    pub parameters: Option<&'a serde_json::Value>,
    /// Chat's default when a definition does not say: the Responses API would otherwise
    /// enforce strict schemas, which a definition written for chat may not meet.
    pub strict: bool,
}

/// `ToolChoiceParam`: a mode, or `ToolChoiceFunction` (flat: `{"type","name"}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ToolChoiceParam<'a> {
    Mode(&'static str),
    Function {
        #[serde(rename = "type")]
        kind: &'static str,
        name: &'a str,
    },
}

/// The body of `chat` for `wire`, with `settings`' `-o` fields over it: the chat request
/// itself, or the Responses request it maps to. One-shot, line mode and batches all encode
/// here, so a request is the same whichever sends it.
pub fn encode_for(
    wire: Wire,
    chat: &ChatRequest<'_>,
    settings: &Settings,
) -> serde_json::Result<Vec<u8>> {
    match wire {
        Wire::Chat => request::encode(chat, &settings.extra),
        Wire::Responses => request::encode(&from_chat(chat, &settings.tools.defs), &settings.extra),
    }
}

/// The same body as a JSON object, for a `--jsonl` record to set its own fields in.
pub fn value_for(
    wire: Wire,
    chat: &ChatRequest<'_>,
    settings: &Settings,
) -> serde_json::Result<serde_json::Value> {
    match wire {
        Wire::Chat => request::with_extra(chat, &settings.extra),
        Wire::Responses => {
            request::with_extra(&from_chat(chat, &settings.tools.defs), &settings.extra)
        }
    }
}

/// The Responses request that carries what `chat` does; `tools` are the definitions the
/// chat request's `tools` were made from.
pub fn from_chat<'a>(chat: &ChatRequest<'a>, tools: &'a [Tool]) -> ResponsesRequest<'a> {
    let leading = chat
        .messages
        .iter()
        .take_while(|m| m.role == Role::System && matches!(m.content, Content::Text(_)))
        .count();
    let mut input = Vec::with_capacity(chat.messages.len() - leading);
    for message in &chat.messages[leading..] {
        push_items(&mut input, message);
    }
    ResponsesRequest {
        model: chat.model,
        instructions: instructions(&chat.messages[..leading]),
        input,
        temperature: chat.temperature,
        top_p: chat.top_p,
        max_output_tokens: chat.max_completion_tokens.or(chat.max_tokens),
        text: chat.response_format.as_ref().map(|format| TextParam {
            format: text_format(format),
        }),
        reasoning: chat.reasoning_effort.map(|effort| Reasoning { effort }),
        tools: tools.iter().map(function_tool).collect(),
        tool_choice: chat.tool_choice.map(tool_choice),
        parallel_tool_calls: chat.parallel_tool_calls,
        stream: chat.stream,
        store: false,
    }
}

/// The leading system messages' texts, one paragraph each.
fn instructions<'a>(system: &[ChatMessage<'a>]) -> Option<Cow<'a, str>> {
    let texts: Vec<&'a str> = system
        .iter()
        .filter_map(|m| match m.content {
            Content::Text(text) => Some(text),
            _ => None,
        })
        .collect();
    match texts.as_slice() {
        [] => None,
        [one] => Some(Cow::Borrowed(one)),
        many => Some(Cow::Owned(many.join("\n\n"))),
    }
}

/// A chat message as input items: a tool's result is a `function_call_output`; an
/// assistant's tool calls are `function_call` items after what it said, if anything.
fn push_items<'a>(input: &mut Vec<InputItem<'a>>, message: &ChatMessage<'a>) {
    if let (Role::Tool, Some(call_id)) = (message.role, message.tool_call_id) {
        let output = match message.content {
            Content::Text(text) => text,
            _ => "",
        };
        input.push(InputItem::FunctionCallOutput { call_id, output });
        return;
    }
    let content = match &message.content {
        Content::Text(text) if text.is_empty() && !message.tool_calls.is_empty() => None,
        Content::Text(text) => Some(InputContent::Text(text)),
        Content::Parts(parts) => Some(InputContent::Parts(parts.iter().map(part).collect())),
        Content::Null => None,
    };
    if let Some(content) = content {
        let role = message.role;
        input.push(InputItem::Message { role, content });
    }
    input.extend(
        message
            .tool_calls
            .iter()
            .map(|call| InputItem::FunctionCall {
                call_id: &call.id,
                name: &call.function.name,
                arguments: &call.function.arguments,
            }),
    );
}

fn part<'a>(part: &Part<'a>) -> InputPart<'a> {
    match part {
        Part::Text { text } => InputPart::InputText { text },
        Part::ImageUrl { image_url } => InputPart::InputImage {
            image_url: image_url.url,
            detail: image_url.detail.unwrap_or(ImageDetail::Auto),
        },
    }
}

fn text_format<'a>(format: &ResponseFormat<'a>) -> TextFormat<'a> {
    match format {
        ResponseFormat::JsonObject => TextFormat::JsonObject,
        ResponseFormat::JsonSchema { json_schema } => TextFormat::JsonSchema {
            name: json_schema.name,
            schema: json_schema.schema,
            strict: json_schema.strict,
        },
    }
}

fn function_tool(tool: &Tool) -> FunctionTool<'_> {
    FunctionTool {
        kind: "function",
        name: &tool.name,
        description: tool.description.as_deref(),
        parameters: tool.parameters.as_ref(),
        strict: tool.strict.unwrap_or(false),
    }
}

fn tool_choice(choice: &ToolChoice) -> ToolChoiceParam<'_> {
    match choice {
        ToolChoice::Auto => ToolChoiceParam::Mode("auto"),
        ToolChoice::None => ToolChoiceParam::Mode("none"),
        ToolChoice::Required => ToolChoiceParam::Mode("required"),
        ToolChoice::Named(name) => ToolChoiceParam::Function {
            kind: "function",
            name,
        },
    }
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
