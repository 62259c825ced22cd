//! Loading `--tools` values and the set's own rules; calls assembled and printed.

use serde_json::json;

use super::*;

#[test]
fn inline_json_and_files_load_and_names_must_be_unique() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.json"), r#"[{"name":"a"},{"name":"b"}]"#).unwrap();
    let given = ["t.json".to_string(), r#"{"name":"c"}"#.to_string()];
    let commands = ["c=./c.sh --json 'two words'".to_string()];
    let given = Given {
        tools: &given,
        choice: Some("b"),
        parallel: Some(false),
        commands: &commands,
        base: Some(dir.path()),
        loaded: None,
    };
    let tools = load(given, RunSettings::default()).unwrap();
    let argv = ["./c.sh", "--json", "two words"].map(String::from).to_vec();
    assert_eq!(tools.defs[2].command, Some(argv));
    let names: Vec<_> = tools.defs.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(tools.choice, Some(ToolChoice::Named("b".into())));
    let twice = ["t.json".to_string(), r#"{"name":"a"}"#.to_string()];
    let given = Given {
        tools: &twice,
        base: Some(dir.path()),
        ..Given::default()
    };
    let err = load(given, RunSettings::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "two tools are named a: give each tool its own name"
    );
}

#[test]
fn a_choice_or_a_command_needs_tools_and_a_named_one_must_exist() {
    let load = |tools: &[String], choice: Option<&str>, commands: &[String]| {
        let given = Given {
            tools,
            choice,
            commands,
            ..Given::default()
        };
        load(given, RunSettings::default()).unwrap_err().to_string()
    };
    let a = [r#"{"name":"a"}"#.to_string()];
    assert!(load(&[], Some("auto"), &[]).contains("add --tools"));
    assert_eq!(
        load(&a, Some("b"), &[]),
        "--tool-choice b: no tool has that name (the tools are a)"
    );
    assert_eq!(
        load(&a, None, &["b=./b.sh".into()]),
        "--tool-cmd b: no tool has that name (the tools are a)"
    );
    assert!(load(&a, None, &["a".into()]).contains("is not NAME=COMMAND"));
    assert!(load(&a, None, &["a=".into()]).contains("is not NAME=COMMAND"));
}

#[test]
fn a_missing_file_and_bad_json_name_the_source() {
    let load = |value: &str| {
        let tools = [value.to_string()];
        let given = Given {
            tools: &tools,
            ..Given::default()
        };
        load(given, RunSettings::default()).unwrap_err()
    };
    let err = load("/nonexistent/t.json");
    assert!(
        err.to_string()
            .starts_with("cannot read the tools file /nonexistent/t.json"),
        "{err}"
    );
    let err = load("[{]");
    assert!(
        err.to_string().starts_with("--tools: not valid JSON"),
        "{err}"
    );
}

#[test]
fn choices_serialise_as_the_api_spells_them() {
    let text = |c: ToolChoice| serde_json::to_value(c).unwrap();
    assert_eq!(text(ToolChoice::Auto), json!("auto"));
    assert_eq!(text(ToolChoice::None), json!("none"));
    assert_eq!(text(ToolChoice::Required), json!("required"));
    assert_eq!(
        text(ToolChoice::Named("w".into())),
        json!({"type": "function", "function": {"name": "w"}})
    );
}

#[test]
fn streamed_pieces_assemble_by_index_and_lines_parse_the_arguments() {
    let mut calls = Calls::default();
    calls.add(1, Some("call_b"), Some("time"), Some(""));
    calls.add(0, Some("call_a"), Some("weather"), Some("{\"ci"));
    calls.add(0, None, None, Some("ty\":\"Seoul\"}"));
    calls.add(1, None, Some("time"), Some("{bad"));
    let calls = calls.finish();
    let lines: Vec<_> = calls
        .iter()
        .map(|c| serde_json::to_string(&c.line()).unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            r#"{"id":"call_a","name":"weather","arguments":{"city":"Seoul"}}"#,
            r#"{"id":"call_b","name":"time","arguments_raw":"{bad"}"#,
        ]
    );
    let mut nameless = Calls::default();
    nameless.add(0, None, Some("w"), None);
    let call = nameless.finish().remove(0);
    assert_eq!(
        (call.id.as_str(), call.line().arguments),
        ("call_0", Some(json!({})))
    );
}

#[test]
fn results_are_text_files_or_stdin_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.txt");
    std::fs::write(&file, "21 C").unwrap();
    let given = [
        "call_a={\"t\":21}".to_string(),
        format!("call_b=@{}", file.display()),
        "call_c=a=b".to_string(),
    ];
    assert_eq!(
        results(&given).unwrap(),
        [
            ("call_a".to_string(), "{\"t\":21}".to_string()),
            ("call_b".to_string(), "21 C".to_string()),
            ("call_c".to_string(), "a=b".to_string()),
        ]
    );
    assert!(matches!(
        results(&["x".into()]),
        Err(ToolProblem::ResultForm(_))
    ));
    assert!(matches!(
        results(&["=x".into()]),
        Err(ToolProblem::ResultForm(_))
    ));
    let twice = ["a=1".to_string(), "a=2".to_string()];
    assert!(matches!(results(&twice), Err(ToolProblem::ResultTwice(_))));
}
