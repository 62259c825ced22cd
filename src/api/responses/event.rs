//! `ResponseStreamEvent`: the typed events of a streamed response, each read as the step
//! of a chat stream it amounts to (a delta of choice 0, its end, or a failure), so that
//! the stream printer serves both APIs. Event types oaichat does not use are ignored, as
//! the spec's list grows (issue 16).

use std::borrow::Cow;

use serde::Deserialize;

use super::response::{Failure, OutputItem, Response};
use crate::api::response::{Delta, FinishReason, Function, ToolCall, Usage};

/// The events oaichat reads; any other type is [`StreamEvent::Other`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type")]
pub enum StreamEvent {
    #[serde(rename = "response.output_text.delta")]
    TextDelta { delta: String },
    #[serde(rename = "response.refusal.delta")]
    RefusalDelta { delta: String },
    #[serde(rename = "response.reasoning_summary_text.delta")]
    SummaryDelta { delta: String },
    /// A new part of the reasoning summary: after the first, a blank line between them.
    #[serde(rename = "response.reasoning_summary_part.added")]
    SummaryPart {
        #[serde(default)]
        summary_index: u32,
    },
    /// The reasoning itself, which open-weight models' servers stream.
    #[serde(rename = "response.reasoning_text.delta")]
    ReasoningDelta { delta: String },
    #[serde(rename = "response.output_item.added")]
    ItemAdded {
        #[serde(default)]
        output_index: u32,
        item: OutputItem,
    },
    #[serde(rename = "response.function_call_arguments.delta")]
    ArgumentsDelta {
        #[serde(default)]
        output_index: u32,
        delta: String,
    },
    #[serde(rename = "response.completed")]
    Completed { response: Response },
    #[serde(rename = "response.incomplete")]
    Incomplete { response: Response },
    #[serde(rename = "response.failed")]
    Failed { response: Response },
    /// `ResponseErrorEvent`: code and message at the top level.
    #[serde(rename = "error")]
    Error {
        #[serde(default)]
        code: Option<String>,
        #[serde(default)]
        message: Option<String>,
    },
    #[serde(other)]
    Other,
}

/// What an event does to the answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A piece of choice 0: text, refusal, reasoning or a tool call's.
    Delta(Delta<'static>),
    /// The answer ended (`response.completed` or `response.incomplete`).
    End {
        finish_reason: FinishReason,
        usage: Option<Usage>,
        model: Option<String>,
    },
    /// `response.failed`.
    Failed(Failure),
    /// An `error` event.
    Error(Failure),
    /// Nothing to show.
    Nothing,
}

/// The step an event amounts to.
pub fn step(event: StreamEvent) -> Step {
    let delta = |delta: Delta<'static>| Step::Delta(delta);
    match event {
        StreamEvent::TextDelta { delta: text } => delta(Delta {
            content: Some(Cow::Owned(text)),
            ..Delta::default()
        }),
        StreamEvent::RefusalDelta { delta: text } => delta(Delta {
            refusal: Some(Cow::Owned(text)),
            ..Delta::default()
        }),
        StreamEvent::SummaryDelta { delta: text } | StreamEvent::ReasoningDelta { delta: text } => {
            delta(reasoning(text))
        }
        StreamEvent::SummaryPart { summary_index } if summary_index > 0 => {
            delta(reasoning("\n\n".into()))
        }
        StreamEvent::ItemAdded {
            output_index,
            item: OutputItem::FunctionCall { call_id, name, .. },
        } => delta(call(output_index, call_id, name, None)),
        StreamEvent::ArgumentsDelta {
            output_index,
            delta: arguments,
        } => delta(call(output_index, None, None, Some(arguments))),
        StreamEvent::Completed { response } | StreamEvent::Incomplete { response } => {
            end(&response)
        }
        StreamEvent::Failed { response } => Step::Failed(
            response
                .failure()
                .unwrap_or_else(|| Failure::new(None, Some("the response failed"))),
        ),
        StreamEvent::Error { code, message } => {
            Step::Error(Failure::new(code.as_deref(), message.as_deref()))
        }
        _ => Step::Nothing,
    }
}

fn reasoning(text: String) -> Delta<'static> {
    Delta {
        reasoning: Some(Cow::Owned(text)),
        ..Delta::default()
    }
}

/// A piece of the call in output item `index`: its id and name come with the item, its
/// arguments in deltas.
fn call(
    index: u32,
    id: Option<String>,
    name: Option<String>,
    arguments: Option<String>,
) -> Delta<'static> {
    let piece = ToolCall {
        index: Some(index),
        id,
        function: Some(Function { name, arguments }),
    };
    Delta {
        tool_calls: Some(Box::new([piece])),
        ..Delta::default()
    }
}

/// The end of the answer: how it ended, by the final response.
fn end(response: &Response) -> Step {
    let calls = (response.output.iter()).any(|i| matches!(i, OutputItem::FunctionCall { .. }));
    Step::End {
        finish_reason: response.finish_reason(calls),
        usage: response.usage.as_ref().map(|u| u.to_chat()),
        model: response.model.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn step_of(value: serde_json::Value) -> Step {
        step(serde_json::from_value(value).expect("an event"))
    }

    #[test]
    fn deltas_are_text_refusal_and_reasoning_of_choice_zero() {
        let text = step_of(
            json!({"type": "response.output_text.delta", "item_id": "msg_1",
            "output_index": 1, "content_index": 0, "delta": "Hel", "sequence_number": 4,
            "logprobs": []}),
        );
        let Step::Delta(delta) = text else {
            panic!("a delta: {text:?}")
        };
        assert_eq!(delta.content.as_deref(), Some("Hel"));
        let summary = step_of(json!({"type": "response.reasoning_summary_text.delta",
            "item_id": "rs_1", "output_index": 0, "summary_index": 0, "delta": "Hmm",
            "sequence_number": 2}));
        assert!(matches!(summary, Step::Delta(d) if d.reasoning.as_deref() == Some("Hmm")));
        let refusal = step_of(json!({"type": "response.refusal.delta", "item_id": "msg_1",
            "output_index": 0, "content_index": 0, "delta": "No", "sequence_number": 3}));
        assert!(matches!(refusal, Step::Delta(d) if d.refusal.as_deref() == Some("No")));
        let second = json!({"type": "response.reasoning_summary_part.added",
            "item_id": "rs_1", "output_index": 0, "summary_index": 1,
            "part": {"type": "summary_text", "text": ""}, "sequence_number": 5});
        assert!(
            matches!(step_of(second), Step::Delta(d) if d.reasoning.as_deref() == Some("\n\n"))
        );
    }

    #[test]
    fn unknown_events_are_nothing_and_the_end_says_how_it_ended() {
        let unknown = json!({"type": "response.web_search_call.searching", "item_id": "ws",
            "output_index": 0, "sequence_number": 1});
        assert_eq!(step_of(unknown), Step::Nothing);
        let created = json!({"type": "response.created", "sequence_number": 0,
            "response": {"status": "in_progress", "output": []}});
        assert_eq!(step_of(created), Step::Nothing);
        let cut = step_of(json!({"type": "response.incomplete", "sequence_number": 9,
            "response": {"status": "incomplete", "model": "o3-pro",
                         "incomplete_details": {"reason": "max_output_tokens"},
                         "output": [], "usage": {"input_tokens": 3, "output_tokens": 16,
                                                 "total_tokens": 19}}}));
        let Step::End {
            finish_reason,
            usage,
            model,
        } = cut
        else {
            panic!("an end: {cut:?}")
        };
        assert_eq!(finish_reason, FinishReason::Length);
        assert_eq!(usage.map(|u| u.completion_tokens), Some(16));
        assert_eq!(model.as_deref(), Some("o3-pro"));
    }

    #[test]
    fn failures_and_error_events_carry_their_code() {
        let failed = step_of(json!({"type": "response.failed", "sequence_number": 3,
            "response": {"status": "failed", "output": [],
                         "error": {"code": "server_error", "message": "Oops."}}}));
        assert_eq!(
            failed,
            Step::Failed(Failure {
                detail: "Oops. (code server_error)".into(),
                kind: Some("server_error".into()),
            })
        );
        let error = step_of(json!({"type": "error", "code": "rate_limit_exceeded",
            "message": "Slow down.", "param": null, "sequence_number": 1}));
        assert!(
            matches!(error, Step::Error(f) if f.kind.as_deref() == Some("rate_limit_exceeded"))
        );
    }

    #[test]
    fn a_function_call_comes_as_its_item_then_its_arguments() {
        let added = step_of(
            json!({"type": "response.output_item.added", "output_index": 1,
            "sequence_number": 2, "item": {"type": "function_call", "id": "fc_1",
            "call_id": "call_1", "name": "get_weather", "arguments": "",
            "status": "in_progress"}}),
        );
        let Step::Delta(delta) = added else {
            panic!("a delta: {added:?}")
        };
        let piece = &delta.tool_calls.as_ref().unwrap()[0];
        assert_eq!(
            (piece.index, piece.id.as_deref()),
            (Some(1), Some("call_1"))
        );
        let arguments = step_of(json!({"type": "response.function_call_arguments.delta",
            "item_id": "fc_1", "output_index": 1, "delta": "{\"ci", "sequence_number": 3}));
        let Step::Delta(delta) = arguments else {
            panic!("a delta: {arguments:?}")
        };
        let function = delta.tool_calls.as_ref().unwrap()[0]
            .function
            .clone()
            .unwrap();
        assert_eq!(function.arguments.as_deref(), Some("{\"ci"));
    }
}
