//! The Responses body: every flag under the spec's name (`CreateResponse`), the
//! conversation as input items, and nothing the user did not set.

use super::*;
use crate::api::message::Message;
use crate::api::request::{self, Format, ImageDetail, Params, Settings};
use crate::tools::Call;
use serde_json::{Value, json};

fn body(settings: &Settings, context: &[Message], prompt: Option<&str>) -> Value {
    let chat = request::build_after(settings, context, prompt);
    serde_json::to_value(from_chat(&chat, &settings.tools.defs)).expect("serializable")
}

fn settings() -> Settings {
    Settings {
        model: "o3-pro".into(),
        ..Settings::default()
    }
}

#[test]
fn a_prompt_alone_is_one_user_message_and_nothing_is_stored() {
    assert_eq!(
        body(&settings(), &[], Some("hello")),
        json!({"model": "o3-pro",
               "input": [{"type": "message", "role": "user", "content": "hello"}],
               "store": false})
    );
}

#[test]
fn system_becomes_instructions_and_every_parameter_its_field() {
    let settings = Settings {
        params: Params {
            temperature: Some(1.0),
            top_p: Some(0.9),
            max_completion_tokens: Some(500),
            reasoning_effort: Some(request::ReasoningEffort::High),
            ..Params::default()
        },
        format: Format::JsonSchema(crate::schema::Schema {
            name: "answer".into(),
            schema: json!({"type": "object"}),
        }),
        stream: true,
        usage: true,
        ..settings()
    };
    let turns = [
        Message::new(Role::System, "be brief"),
        Message::new(Role::User, "q1"),
        Message::new(Role::Assistant, "a1"),
    ];
    assert_eq!(
        body(&settings, &turns, Some("q2")),
        json!({
            "model": "o3-pro",
            "instructions": "be brief",
            "input": [
                {"type": "message", "role": "user", "content": "q1"},
                {"type": "message", "role": "assistant", "content": "a1"},
                {"type": "message", "role": "user", "content": "q2"}
            ],
            "temperature": 1.0, "top_p": 0.9, "max_output_tokens": 500,
            "text": {"format": {"type": "json_schema", "name": "answer",
                                "schema": {"type": "object"}, "strict": true}},
            "reasoning": {"effort": "high"},
            "stream": true,
            "store": false
        })
    );
}

#[test]
fn json_mode_is_a_text_format_and_its_instruction_joins_the_system_message() {
    let settings = Settings {
        format: Format::JsonObject,
        params: Params {
            max_tokens: Some(100),
            ..Params::default()
        },
        ..settings()
    };
    let system = [Message::new(Role::System, "be brief")];
    assert_eq!(
        body(&settings, &system, Some("three colors")),
        json!({
            "model": "o3-pro",
            "instructions": format!("be brief\n\n{}", request::JSON_INSTRUCTION),
            "input": [{"type": "message", "role": "user", "content": "three colors"}],
            "max_output_tokens": 100,
            "text": {"format": {"type": "json_object"}},
            "store": false
        })
    );
}

#[test]
fn images_are_input_image_parts_with_the_detail_the_spec_requires() {
    let settings = Settings {
        images: vec![
            "https://x.test/a.png".into(),
            "data:image/png;base64,iV".into(),
        ],
        ..settings()
    };
    assert_eq!(
        body(&settings, &[], Some("what is this?"))["input"],
        json!([{"type": "message", "role": "user", "content": [
            {"type": "input_text", "text": "what is this?"},
            {"type": "input_image", "image_url": "https://x.test/a.png", "detail": "auto"},
            {"type": "input_image", "image_url": "data:image/png;base64,iV", "detail": "auto"}
        ]}])
    );
    let low = Settings {
        image_detail: Some(ImageDetail::Low),
        ..settings
    };
    assert_eq!(
        body(&low, &[], Some("q"))["input"][0]["content"][1]["detail"],
        json!("low")
    );
}

#[test]
fn tool_turns_are_function_call_items_and_tools_are_flat() {
    let tool = crate::tools::Tool {
        name: "get_weather".into(),
        description: Some("Weather in a city".into()),
        parameters: Some(json!({"type": "object", "properties": {"city": {"type": "string"}}})),
        strict: None,
        command: None,
    };
    let settings = Settings {
        tools: crate::tools::Tools {
            defs: vec![tool],
            choice: Some(crate::tools::ToolChoice::Named("get_weather".into())),
            parallel: Some(false),
            ..Default::default()
        },
        ..settings()
    };
    let call = Call::new(
        "call_1".into(),
        "get_weather".into(),
        "{\"city\":\"Seoul\"}".into(),
    );
    let turns = [
        Message::new(Role::User, "weather in Seoul?"),
        Message::calls("", vec![call.clone()]),
        Message::tool_result("call_1", "21 C"),
        Message::calls("Checking again.", vec![call]),
        Message::tool_result("call_1", "22 C"),
    ];
    assert_eq!(
        body(&settings, &turns, None),
        json!({
            "model": "o3-pro",
            "input": [
                {"type": "message", "role": "user", "content": "weather in Seoul?"},
                {"type": "function_call", "call_id": "call_1", "name": "get_weather",
                 "arguments": "{\"city\":\"Seoul\"}"},
                {"type": "function_call_output", "call_id": "call_1", "output": "21 C"},
                {"type": "message", "role": "assistant", "content": "Checking again."},
                {"type": "function_call", "call_id": "call_1", "name": "get_weather",
                 "arguments": "{\"city\":\"Seoul\"}"},
                {"type": "function_call_output", "call_id": "call_1", "output": "22 C"}
            ],
            "tools": [{"type": "function", "name": "get_weather",
                       "description": "Weather in a city",
                       "parameters": {"type": "object",
                                      "properties": {"city": {"type": "string"}}},
                       "strict": false}],
            "tool_choice": {"type": "function", "name": "get_weather"},
            "parallel_tool_calls": false,
            "store": false
        })
    );
}

#[test]
fn extra_fields_are_merged_over_the_body() {
    let settings = settings();
    let chat = request::build(&settings, &[], "q");
    let responses = from_chat(&chat, &[]);
    let extra = json!({"store": true, "reasoning": {"summary": "auto"}});
    let Value::Object(extra) = extra else {
        unreachable!()
    };
    let merged = request::with_extra(&responses, &extra).unwrap();
    assert_eq!(merged["store"], json!(true));
    assert_eq!(merged["reasoning"], json!({"summary": "auto"}));
}
