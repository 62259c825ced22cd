//! `-o` values, paths, refusals and the rank between typed settings and options.

use serde_json::json;

use super::*;
use crate::config::env::Env;
use crate::config::file::Layer;
use crate::config::file::options::check_table;

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_value_is_json_when_it_parses_else_a_string() {
    assert_eq!(parse("top_k=40").unwrap(), (strings(&["top_k"]), json!(40)));
    assert_eq!(parse("service_tier=flex").unwrap().1, json!("flex"));
    assert_eq!(parse("logprobs=true").unwrap().1, json!(true));
    assert_eq!(parse("prefix=\"7\"").unwrap().1, json!("7"));
    assert_eq!(parse("empty=").unwrap().1, json!(""));
    assert_eq!(parse("bias={\"1\":-100}").unwrap().1, json!({"1": -100}));
    assert_eq!(parse("a.b.c=1").unwrap().0, strings(&["a", "b", "c"]));
    assert_eq!(parse("expr=x=y").unwrap().1, json!("x=y"));
}

#[test]
fn bad_keys_and_fields_oaichat_owns_are_refused() {
    for bad in ["novalue", "=1", "a..b=1", ".a=1", "a.=1"] {
        assert!(matches!(parse(bad), Err(OptionProblem::Form(_))), "{bad}");
    }
    for owned in ["model=x", "messages=[]", "stream=true", "stream.x=1"] {
        assert!(
            matches!(parse(owned), Err(OptionProblem::Refused { .. })),
            "{owned}"
        );
    }
}

#[test]
fn a_typed_field_is_touched_by_a_path_inside_it_or_around_it() {
    let touched = |path: &[&str]| typed_field(&strings(path)).map(|t| t.1);
    assert_eq!(touched(&["temperature"]), Some("temperature"));
    assert_eq!(touched(&["stream_options"]), Some("usage"));
    assert_eq!(touched(&["stream_options", "include_usage"]), Some("usage"));
    assert_eq!(touched(&["stream_options", "include_obfuscation"]), None);
    assert_eq!(
        touched(&["response_format", "type"]),
        Some("response_format")
    );
    assert_eq!(touched(&["top_k"]), None);
}

#[test]
fn a_layers_table_may_not_set_a_field_it_also_sets_typed() {
    let table = |value: serde_json::Value| match value {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    };
    let err = check_table(&table(json!({"temperature": 1})), &["temperature"]).unwrap_err();
    assert_eq!(err.0, "options.temperature");
    assert!(check_table(&table(json!({"top_k": 1})), &["temperature"]).is_ok());
    let owned = check_table(&table(json!({"model": "x"})), &[]).unwrap_err();
    assert_eq!(
        owned,
        (
            "options.model".into(),
            "oaichat sets it itself: use -m".into()
        )
    );
}

#[test]
fn ranks_decide_between_typed_settings_and_options_across_layers() {
    let file = Layer {
        temperature: Some(0.1),
        options: Some(match json!({"top_k": 1, "top_p": 0.3}) {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        }),
        ..Layer::default()
    };
    let env = Env::default();
    let layers = Layers::new(&env, &file, None);
    layers.note("temperature", Source::File);
    layers.note("top_p", Source::Flag);
    let extra = resolve(&strings(&["temperature=0.9", "top_k=5"]), &[], &layers).unwrap();
    // -o temperature (a flag) beats the file's typed temperature; the flag's --top-p beats
    // the file's options.top_p; a later layer's top_k replaces an earlier one's.
    assert_eq!(
        serde_json::Value::Object(extra),
        json!({"top_k": 5, "temperature": 0.9})
    );
    let twice = resolve(&strings(&["top_p=0.5"]), &[], &layers).unwrap_err();
    assert_eq!(
        twice.to_string(),
        "-o top_p and --top-p set the same field: give one of them"
    );
    assert!(resolve(&strings(&["n=2"]), &["n"], &layers).is_err());
}
