//! `Response` objects as the spec shapes them, read as the chat answers they amount to.

use super::*;
use serde_json::{Value, json};

fn read(value: Value) -> Response {
    serde_json::from_value(value).expect("a Response")
}

/// A completed response as the spec's example has it: reasoning, then the message.
fn completed() -> Value {
    json!({
        "id": "resp_1", "object": "response", "created_at": 1741476542,
        "status": "completed", "error": null, "incomplete_details": null,
        "model": "o3-pro-2025-06-10",
        "output": [
            {"type": "reasoning", "id": "rs_1", "summary": [
                {"type": "summary_text", "text": "Thinking."},
                {"type": "summary_text", "text": "Done."}]},
            {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
             "content": [{"type": "output_text", "text": "Hello", "annotations": [],
                          "logprobs": []},
                         {"type": "output_text", "text": " there.", "annotations": [],
                          "logprobs": []}]},
            {"type": "web_search_call", "id": "ws_1", "status": "completed"}
        ],
        "usage": {"input_tokens": 36, "input_tokens_details": {"cached_tokens": 4,
                  "cache_write_tokens": 0}, "output_tokens": 87,
                  "output_tokens_details": {"reasoning_tokens": 64}, "total_tokens": 123}
    })
}

#[test]
fn a_completed_response_is_one_choice_with_its_text_reasoning_and_usage() {
    let chat = read(completed()).to_chat().unwrap();
    let choice = &chat.choices[0];
    let message = choice.message.as_ref().unwrap();
    assert_eq!(message.content.as_deref(), Some("Hello there."));
    assert_eq!(message.reasoning.as_deref(), Some("Thinking.\n\nDone."));
    assert_eq!(message.refusal, None);
    assert_eq!(choice.finish_reason, Some(FinishReason::Stop));
    assert_eq!(chat.model.as_deref(), Some("o3-pro-2025-06-10"));
    let usage = chat.usage.unwrap();
    assert_eq!(
        (
            usage.prompt_tokens,
            usage.completion_tokens,
            usage.total_tokens
        ),
        (36, 87, 123)
    );
    assert_eq!((usage.cached(), usage.reasoning()), (4, 64));
}

#[test]
fn refusals_calls_and_incomplete_answers_end_as_chat_choices_do() {
    let refused = read(json!({"status": "completed", "output": [{"type": "message",
        "content": [{"type": "refusal", "refusal": "I can't help with that."}]}]}));
    let chat = refused.to_chat().unwrap();
    let message = chat.choices[0].message.as_ref().unwrap();
    assert_eq!(message.refusal.as_deref(), Some("I can't help with that."));

    let calls = read(
        json!({"status": "completed", "output": [{"type": "function_call",
        "id": "fc_1", "call_id": "call_1", "name": "get_weather",
        "arguments": "{\"city\":\"Seoul\"}", "status": "completed"}]}),
    );
    let chat = calls.to_chat().unwrap();
    assert_eq!(chat.choices[0].finish_reason, Some(FinishReason::ToolCalls));
    let call = &chat.choices[0]
        .message
        .as_ref()
        .unwrap()
        .tool_calls
        .as_ref()
        .unwrap()[0];
    assert_eq!(call.id.as_deref(), Some("call_1"));
    let function = call.function.as_ref().unwrap();
    assert_eq!(function.name.as_deref(), Some("get_weather"));

    let reason = |reason: &str| {
        let cut = read(json!({"status": "incomplete",
            "incomplete_details": {"reason": reason}, "output": []}));
        cut.to_chat().unwrap().choices[0].finish_reason.clone()
    };
    assert_eq!(reason("max_output_tokens"), Some(FinishReason::Length));
    assert_eq!(reason("content_filter"), Some(FinishReason::ContentFilter));
}

#[test]
fn a_failed_response_is_its_error_with_the_kind_its_code_amounts_to() {
    let failed = read(json!({"status": "failed", "output": [],
        "error": {"code": "rate_limit_exceeded", "message": "Slow down."}}));
    assert_eq!(
        failed.to_chat().unwrap_err(),
        Failure {
            detail: "Slow down. (code rate_limit_exceeded)".into(),
            kind: Some("rate_limit_exceeded".into()),
        }
    );
    let prompt = read(json!({"status": "failed",
        "error": {"code": "invalid_prompt", "message": "No."}}));
    let kind = prompt.to_chat().unwrap_err().kind;
    assert_eq!(kind.as_deref(), Some("invalid_request_error"));
    let bare = read(json!({"status": "failed"}));
    assert_eq!(bare.to_chat().unwrap_err().detail, "the response failed");
}
