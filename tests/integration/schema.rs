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
