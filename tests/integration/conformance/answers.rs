//! The fakes' answers against the spec: the chat and Responses bodies, every stream event
//! the support code makes, and the error body, so that what the other tests feed oaichat
//! is what the API would.

use serde_json::{Value, json};

use crate::support::spec::assert_conforms;
use crate::support::*;
use crate::tools::{call, calls_reply};

/// The bytes a scripted reply writes.
fn bytes_of(reply: &Reply) -> Vec<u8> {
    let mut bytes = Vec::new();
    for step in &reply.steps {
        match step {
            Step::Write(b) => bytes.extend_from_slice(b),
            Step::Chunks(pieces) => pieces.iter().for_each(|p| bytes.extend_from_slice(p)),
            _ => {}
        }
    }
    bytes
}

fn json_of(reply: &Reply) -> Value {
    serde_json::from_slice(&bytes_of(reply)).expect("a JSON reply")
}

/// The events of an SSE text: the name its `event:` line gives, if any, and its data
/// (`[DONE]` left out).
fn events_of(text: &str) -> Vec<(Option<String>, Value)> {
    let mut events = Vec::new();
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let field = |name: &str| {
            let prefix = format!("{name}: ");
            block
                .lines()
                .find_map(|l| l.strip_prefix(&prefix))
                .map(str::to_string)
        };
        let data = field("data").expect("an event has data");
        if data != "[DONE]" {
            let value = serde_json::from_str(&data).expect("the data is JSON");
            events.push((field("event"), value));
        }
    }
    events
}

#[test]
fn chat_completions_whole() {
    let bodies = [
        ("completion(one)", completion(&["Hello."])),
        ("completion(three)", completion(&["a", "b", "c"])),
        ("answer", json_of(&answer("ok"))),
        (
            "calls_reply",
            json_of(&calls_reply(
                json!(null),
                vec![call("call_1", "get_weather", "{}")],
            )),
        ),
    ];
    for (what, body) in bodies {
        assert_conforms(&body, "CreateChatCompletionResponse", what);
    }
}

#[test]
fn chat_stream_chunks() {
    let (numbered, _) = numbered_stream(3, 2);
    let numbered = Reply::stream(numbered);
    let mut text = String::from_utf8(bytes_of(&numbered)).expect("UTF-8 events");
    for piece in [
        delta("Hi"),
        finish("stop"),
        finish("length"),
        usage_chunk(4, 2),
    ] {
        text.push_str(&piece);
    }
    for (name, chunk) in events_of(&text) {
        assert_eq!(name, None, "chat events carry no event: line");
        assert_conforms(
            &chunk,
            "CreateChatCompletionStreamResponse",
            &chunk.to_string(),
        );
    }
}

#[test]
fn responses_whole() {
    let asking = function_call_answer("call_1", "get_weather", "{}");
    let bodies = [
        ("response_body", response_body("Hello.")),
        ("responses_answer", json_of(&responses_answer("Hi"))),
        ("function_call_answer", json_of(&asking)),
    ];
    for (what, body) in bodies {
        assert_conforms(&body, "Response", what);
    }
}

#[test]
fn responses_stream_events_are_named_by_their_type() {
    let all = [
        created(),
        summary_delta("Thinking"),
        text_delta("Hello"),
        refusal_delta("I can't."),
        call_added("call_1", "get_weather"),
        arguments_delta("{}"),
        completed("Hello"),
        completed_with(function_call_body("call_1", "get_weather", "{}")),
        incomplete("Hel"),
        failed("rate_limit_exceeded", "Slow down."),
        stream_error("server_error", "Oops."),
    ];
    for (name, event) in events_of(&all.concat()) {
        assert_eq!(name.as_deref(), event["type"].as_str(), "{event}");
        assert_conforms(&event, "ResponseStreamEvent", &event.to_string());
    }
}

#[test]
fn error_bodies() {
    let bodies = [
        api_error("It went wrong", "server_error", None),
        api_error("Slow down", "rate_limit_error", Some("rate_limit_exceeded")),
    ];
    for body in bodies {
        assert_conforms(&body, "ErrorResponse", &body.to_string());
    }
}
