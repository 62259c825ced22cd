//! Every definition form, and each way one is refused.

use serde_json::json;

use super::*;

fn weather() -> serde_json::Value {
    json!({"name": "get_weather", "description": "Weather in a city",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}})
}

#[test]
fn a_list_a_wrapped_tool_and_a_bare_function_give_the_same_definition() {
    let wrapped = json!({"type": "function", "function": weather()});
    let from_list = parse(json!([wrapped.clone()]), "t").unwrap();
    let from_wrapped = parse(wrapped.clone(), "t").unwrap();
    let from_bare = parse(weather(), "t").unwrap();
    assert_eq!(from_list, from_wrapped);
    assert_eq!(from_wrapped, from_bare);
    assert_eq!(from_bare[0].wire(), wrapped);
}

#[test]
fn a_command_is_kept_beside_the_definition_and_never_sent() {
    let wrapped =
        json!({"type": "function", "function": weather(), "command": ["./w.sh", "--json"]});
    let mut bare = weather();
    bare["command"] = json!(["./w.sh", "--json"]);
    for value in [wrapped, bare] {
        let tool = parse(value, "t").unwrap().remove(0);
        assert_eq!(
            tool.command,
            Some(vec!["./w.sh".to_string(), "--json".to_string()])
        );
        assert!(tool.wire().get("command").is_none());
        assert!(tool.wire()["function"].get("command").is_none());
    }
}

#[test]
fn bad_definitions_are_refused_with_the_reason() {
    let why = |value: serde_json::Value| parse(value, "tools.json").unwrap_err().to_string();
    let cases = [
        (json!("get_weather"), "must be a JSON object"),
        (json!({"description": "x"}), "has no \"name\""),
        (json!({"name": "get weather"}), "not 1 to 64 letters"),
        (json!({"name": "x".repeat(65)}), "not 1 to 64 letters"),
        (
            json!({"name": "w", "parameters": {"type": "string"}}),
            "JSON Schema object",
        ),
        (json!({"name": "w", "parameters": []}), "JSON Schema object"),
        (
            json!({"name": "w", "paramters": {}}),
            "unknown key \"paramters\"",
        ),
        (
            json!({"type": "code", "function": {"name": "w"}}),
            "only \"function\" tools",
        ),
        (
            json!({"type": "function", "function": {"name": "w"}, "extra": 1}),
            "unknown key \"extra\"",
        ),
        (
            json!({"name": "w", "command": "./w.sh"}),
            "\"command\" must be a list",
        ),
        (
            json!({"name": "w", "command": []}),
            "\"command\" must be a list",
        ),
        (
            json!({"name": "w", "strict": "yes"}),
            "\"strict\" must be true or false",
        ),
    ];
    for (value, expected) in cases {
        let text = why(value.clone());
        assert!(text.starts_with("tools.json: "), "{value}: {text}");
        assert!(text.contains(expected), "{value}: {text}");
    }
}

#[test]
fn names_follow_the_apis_pattern() {
    assert!(valid_name("get_weather-2"));
    assert!(!valid_name(""));
    assert!(!valid_name("a.b"));
    assert!(!valid_name("날씨"));
}
