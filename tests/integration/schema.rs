//! `--schema`: a JSON Schema sent as a strict `response_format`, the answer checked, and
//! a schema that cannot be read refused before sending.

use serde_json::json;

use crate::support::*;

#[test]
fn schema_from_a_file_is_sent_strict_and_the_answer_checked() {
    let server = Server::start(vec![
        answer(r#"{"capitals":["Seoul"]}"#),
        answer("not json"),
    ]);
    let schema = json!({"type": "object", "properties": {"capitals": {"type": "array", "items": {"type": "string"}}},
        "required": ["capitals"], "additionalProperties": false});
    let cmd = Cmd::at(&server);
    let path = cmd.file("capitals.json", schema.to_string());
    cmd.args([
        "--schema".as_ref(),
        path.as_os_str(),
        "one Asian capital".as_ref(),
    ])
    .run()
    .success()
    .stdout("{\"capitals\":[\"Seoul\"]}\n");
    assert_eq!(
        server.requests()[0].json()["response_format"],
        json!({"type": "json_schema", "json_schema": {"name": "capitals", "schema": schema, "strict": true}})
    );
    let assert = Cmd::at(&server)
        .args(["--schema", r#"{"type":"object"}"#, "hi"])
        .run()
        .code(8);
    assert!(
        stderr(&assert).contains("--schema: the answer is not valid JSON"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn schema_input_errors_are_exit_2() {
    let server = Server::start(vec![]);
    for (args, words) in [
        (["--schema", "{broken"], "not valid JSON"),
        (["--schema", "missing.json"], "missing.json"),
        (["--json", "--schema"], "cannot be used with"),
    ] {
        let assert = Cmd::at(&server)
            .args(args)
            .args([r#"{"type":"object"}"#])
            .run()
            .code(2);
        assert!(
            stderr(&assert).contains(words),
            "{args:?}: {}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
}

/// The body `oaichat --dry-run ARGS hi` prints in `cmd`'s directory, without a key.
fn dry_run(cmd: Cmd, args: &[&str]) -> serde_json::Value {
    let assert = (cmd.env_remove("OPENAI_API_KEY"))
        .args(["--dry-run"])
        .args(args)
        .args(["hi"])
        .run()
        .success();
    serde_json::from_str(&stdout(&assert)).expect("stdout is the JSON body")
}

#[test]
fn the_config_files_schema_is_read_next_to_it_and_a_profile_may_ask_for_json() {
    let schema = json!({"type": "object", "properties": {}});
    let at = |dir: &std::path::Path| {
        std::fs::create_dir(dir.join("conf")).unwrap();
        std::fs::write(dir.join("conf/answer.json"), schema.to_string()).unwrap();
        let toml = "schema = \"answer.json\"\n[profiles.j]\njson = true\n";
        std::fs::write(dir.join("conf/c.toml"), toml).unwrap();
    };
    let cmd = Cmd::new();
    at(cmd.dir.path());
    let body = dry_run(cmd, &["--config", "conf/c.toml"]);
    assert_eq!(
        body["response_format"],
        json!({"type": "json_schema", "json_schema": {"name": "answer", "schema": schema, "strict": true}})
    );
    let cmd = Cmd::new();
    at(cmd.dir.path());
    let body = dry_run(cmd, &["--config", "conf/c.toml", "-p", "j"]);
    assert_eq!(body["response_format"], json!({"type": "json_object"}));
}
