//! The local server's side of the Responses API (`POST /v1/responses`): bodies and events
//! shaped as the OpenAPI spec's `Response` and `ResponseStreamEvent`.

use serde_json::{Value, json};

use super::server::{Recorded, Reply};

/// A completed `Response` whose message says `text`, after a reasoning item.
pub fn response_body(text: &str) -> Value {
    json!({
        "id": "resp_test", "object": "response", "created_at": 1741476542,
        "status": "completed", "completed_at": 1741476543, "error": null,
        "incomplete_details": null, "instructions": null, "max_output_tokens": null,
        "model": "o3-pro-2025-06-10",
        "output": [
            {"type": "reasoning", "id": "rs_test", "summary": []},
            {"type": "message", "id": "msg_test", "status": "completed", "role": "assistant",
             "content": [{"type": "output_text", "text": text, "annotations": [],
                          "logprobs": []}]}
        ],
        "parallel_tool_calls": true, "temperature": 1.0, "top_p": 1.0,
        "tool_choice": "auto", "tools": [], "truncation": "disabled",
        "usage": {"input_tokens": 36, "input_tokens_details": {"cached_tokens": 0,
                  "cache_write_tokens": 0}, "output_tokens": 87,
                  "output_tokens_details": {"reasoning_tokens": 64}, "total_tokens": 123},
        "metadata": {}
    })
}

/// OpenAI's 404 for a Responses-only model at the chat endpoint.
pub fn only_in_responses() -> Reply {
    Reply::json(
        404,
        &json!({"error": {"message": "This model is only supported in v1/responses and not \
            in v1/chat/completions.", "type": "invalid_request_error", "param": "model",
            "code": null}}),
    )
}

/// A 200 reply carrying one `Response` that says `text`.
pub fn responses_answer(text: &str) -> Reply {
    Reply::json(200, &response_body(text))
}

/// A completed `Response` that asks to call `name` with `arguments`, as `call_id`.
pub fn function_call_body(call_id: &str, name: &str, arguments: &str) -> Value {
    let mut body = response_body("");
    body["output"] = json!([{"type": "function_call", "id": "fc_1", "call_id": call_id,
        "name": name, "arguments": arguments, "status": "completed"}]);
    body
}

/// A 200 reply whose `Response` asks to call `name` with `arguments`, as `call_id`.
pub fn function_call_answer(call_id: &str, name: &str, arguments: &str) -> Reply {
    Reply::json(200, &function_call_body(call_id, name, arguments))
}

/// One SSE event as the Responses API frames it: its type named in `event:` too.
pub fn event(value: Value) -> String {
    let kind = value["type"]
        .as_str()
        .expect("an event has a type")
        .to_string();
    format!("event: {kind}\ndata: {value}\n\n")
}

/// `response.output_text.delta`.
pub fn text_delta(delta: &str) -> String {
    event(
        json!({"type": "response.output_text.delta", "item_id": "msg_test",
        "output_index": 1, "content_index": 0, "delta": delta, "sequence_number": 5,
        "logprobs": []}),
    )
}

/// `response.reasoning_summary_text.delta`.
pub fn summary_delta(delta: &str) -> String {
    event(
        json!({"type": "response.reasoning_summary_text.delta", "item_id": "rs_test",
        "output_index": 0, "summary_index": 0, "delta": delta, "sequence_number": 3}),
    )
}

/// `response.created`, which carries nothing to show: the response as it starts, with no
/// output and no usage yet.
pub fn created() -> String {
    let mut response = response_body("");
    response["status"] = json!("in_progress");
    response["completed_at"] = json!(null);
    response["output"] = json!([]);
    if let Some(fields) = response.as_object_mut() {
        fields.remove("usage");
    }
    event(json!({"type": "response.created", "sequence_number": 0, "response": response}))
}

/// `response.completed`, with the whole response saying `text`.
pub fn completed(text: &str) -> String {
    completed_with(response_body(text))
}

/// `response.completed` with this whole `Response`.
pub fn completed_with(response: Value) -> String {
    event(json!({"type": "response.completed", "sequence_number": 9, "response": response}))
}

/// `response.refusal.delta`.
pub fn refusal_delta(delta: &str) -> String {
    event(
        json!({"type": "response.refusal.delta", "item_id": "msg_test", "output_index": 1,
        "content_index": 0, "delta": delta, "sequence_number": 5}),
    )
}

/// `response.failed`: the response ended with a `ResponseError` (a `ResponseErrorCode`).
pub fn failed(code: &str, message: &str) -> String {
    let mut response = response_body("");
    response["status"] = json!("failed");
    response["completed_at"] = json!(null);
    response["output"] = json!([]);
    response["error"] = json!({"code": code, "message": message});
    event(json!({"type": "response.failed", "sequence_number": 9, "response": response}))
}

/// `error`: the stream's own `ResponseErrorEvent`, its fields at the top level.
pub fn stream_error(code: &str, message: &str) -> String {
    event(
        json!({"type": "error", "code": code, "message": message, "param": null,
        "sequence_number": 1}),
    )
}

/// `response.output_item.added` for a call of `name` (item `fc_1`), its arguments to come.
pub fn call_added(call_id: &str, name: &str) -> String {
    event(
        json!({"type": "response.output_item.added", "output_index": 0, "sequence_number": 1,
        "item": {"type": "function_call", "id": "fc_1", "call_id": call_id, "name": name,
                 "arguments": "", "status": "in_progress"}}),
    )
}

/// `response.function_call_arguments.delta`: a piece of item `fc_1`'s arguments.
pub fn arguments_delta(delta: &str) -> String {
    event(
        json!({"type": "response.function_call_arguments.delta", "item_id": "fc_1",
        "output_index": 0, "delta": delta, "sequence_number": 2}),
    )
}

/// `response.incomplete` at the token limit, the response saying `text` so far.
pub fn incomplete(text: &str) -> String {
    let mut response = response_body(text);
    response["status"] = json!("incomplete");
    response["incomplete_details"] = json!({"reason": "max_output_tokens"});
    event(json!({"type": "response.incomplete", "sequence_number": 9, "response": response}))
}

/// The last user text of a recorded Responses request.
pub fn responses_question(request: &Recorded) -> String {
    let body = request.json();
    let input = body["input"].as_array().cloned().unwrap_or_default();
    let last = input.last().cloned().unwrap_or_default();
    match &last["content"] {
        Value::String(text) => text.clone(),
        parts => parts[0]["text"].as_str().unwrap_or_default().to_string(),
    }
}
