//! The request body: every field under its API name, and nothing the user did not set.

use super::*;
use crate::api::message::Message;
use crate::conversation::Transcript;
use serde_json::json;

fn settings() -> Settings {
    Settings {
        model: "gpt-4o-mini".into(),
        ..Settings::default()
    }
}

fn body(settings: &Settings, context: &[Message], prompt: &str) -> serde_json::Value {
    serde_json::to_value(build(settings, context, prompt)).expect("serializable")
}

#[test]
fn minimal_request_has_only_model_and_messages() {
    assert_eq!(
        body(&settings(), &[], "hi"),
        json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]})
    );
}

#[test]
fn every_parameter_is_sent_under_its_api_name() {
    let settings = Settings {
        model: "m".into(),
        params: Params {
            temperature: Some(0.5),
            top_p: Some(0.9),
            max_tokens: Some(7),
            n: Some(2),
            stop: vec!["x".into(), "y".into()],
            seed: Some(-3),
            frequency_penalty: Some(-1.0),
            presence_penalty: Some(1.5),
            ..Params::default()
        },
        stream: true,
        ..Settings::default()
    };
    let system = Transcript::new(Some("sys".into()), Vec::new(), Vec::new());
    assert_eq!(
        serde_json::to_value(build(&settings, system.context(), "q")).unwrap(),
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
    let with = Settings {
        format: Format::JsonObject,
        ..settings()
    };
    let system = [Message::new(Role::System, "be brief")];
    assert_eq!(
        body(&with, &system, "list 3 colors"),
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
    let request = build(&with, &system, "give me JSON please");
    assert_eq!(request.messages.len(), 2);
}

#[test]
fn turns_schema_reasoning_and_usage_fields() {
    let settings = Settings {
        model: "o3".into(),
        params: Params {
            max_completion_tokens: Some(5),
            reasoning_effort: Some(ReasoningEffort::High),
            ..Params::default()
        },
        format: Format::JsonSchema(crate::schema::Schema {
            name: "s".into(),
            schema: json!({"type": "object"}),
        }),
        stream: true,
        usage: true,
        ..Settings::default()
    };
    let turns = [
        Message::new(Role::User, "q1"),
        Message::new(Role::Assistant, "a1"),
    ];
    assert_eq!(
        body(&settings, &turns, "q2"),
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
    let settings = Settings {
        images: vec![
            "https://x.test/a.png".into(),
            "data:image/gif;base64,R0lG".into(),
        ],
        image_detail: Some(ImageDetail::Low),
        format: Format::JsonObject,
        ..settings()
    };
    assert_eq!(
        body(&settings, &[], "what is in these? answer in json")["messages"],
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
    let text = serde_json::to_string(&build(&settings(), &[], "x")).unwrap();
    assert!(!text.contains("null"), "{text}");
}
