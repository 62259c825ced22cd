//! The checker itself, on bodies with known faults: a conformance test that passes proves
//! something only if these fail.

use serde_json::json;

use crate::support::spec::faults;

fn said(value: serde_json::Value, name: &str) -> Vec<String> {
    faults(&value, name).iter().map(|f| f.to_string()).collect()
}

#[test]
fn a_conforming_body_has_no_faults_and_null_passes_where_the_spec_allows_it() {
    let body = json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}],
                      "temperature": null, "stop": null});
    assert_eq!(
        said(body, "CreateChatCompletionRequest"),
        Vec::<String>::new()
    );
}

#[test]
fn a_misspelt_key_fails_even_where_additional_properties_is_open() {
    let body = json!({"model": "m", "messages": [{"role": "user", "content": "hi",
                      "nmae": "x"}], "max_token": 5});
    let found = said(body, "CreateChatCompletionRequest");
    assert!(
        found.contains(&"$.max_token: a key the spec does not define".to_string()),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.starts_with("$.messages[0]")),
        "the message's stray key: {found:#?}"
    );
}

#[test]
fn a_wrong_enum_a_wrong_type_and_a_missing_key_are_each_named() {
    let body = json!({"model": "m", "messages": [{"role": "user", "content": [
        {"type": "image_url", "image_url": {"url": "u", "detail": "huge"}}]}], "n": "2"});
    let found = said(body, "CreateChatCompletionRequest");
    let named = |needle: &str| found.iter().any(|f| f.contains(needle));
    assert!(
        named("$.messages[0].content[0].image_url.detail: \"huge\" is not one of"),
        "{found:#?}"
    );
    assert!(named("$.n: \"2\" is not of type integer"), "{found:#?}");
    let missing = said(json!({"messages": []}), "CreateChatCompletionRequest");
    assert!(
        missing.contains(&"$.model: required, and missing".to_string()),
        "{missing:#?}"
    );
}

#[test]
fn an_error_body_needs_all_four_fields() {
    let found = said(
        json!({"error": {"message": "no", "type": "invalid_request_error"}}),
        "ErrorResponse",
    );
    assert_eq!(
        found,
        [
            "$.error.param: required, and missing",
            "$.error.code: required, and missing"
        ]
    );
}

#[test]
fn a_misspelt_key_deep_in_a_responses_body_is_found_through_its_unions() {
    let body = json!({"model": "o3-pro", "store": false,
        "input": [{"type": "message", "role": "user", "content": [
                      {"type": "input_text", "text": "hi"},
                      {"type": "input_image", "image_url": "u", "detail": "auto", "detial": "x"}]},
                  {"type": "function_call_output", "call_id": "c", "output": "o", "id_": 1}],
        "text": {"format": {"type": "json_schema", "name": "n", "schema": {"anything": 1},
                            "strict": true, "stict": true}},
        "tools": [{"type": "function", "name": "f", "parameters": null, "strict": false,
                   "descripton": "d"}]});
    let found = said(body, "CreateResponse");
    for stray in ["detial", "id_", "stict", "descripton"] {
        assert!(
            found.iter().any(|f| f.contains(stray)),
            "{stray}: {found:#?}"
        );
    }
    assert!(!found.iter().any(|f| f.contains("anything")), "{found:#?}");
}
