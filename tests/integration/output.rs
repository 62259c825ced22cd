//! What reaches stdout and stderr for whole (non-streamed) answers.

use serde_json::json;

use crate::support::*;

#[test]
fn several_choices_are_separated_by_a_dash_line() {
    let server = Server::start(vec![Reply::json(
        200,
        &completion(&["one", "two\n", "three"]),
    )]);
    Cmd::at(&server)
        .args(["-n", "3", "hi"])
        .run()
        .success()
        .stdout("one\n---\ntwo\n---\nthree\n");
}

#[test]
fn raw_prints_the_body_exactly_and_nothing_else() {
    let body = r#"{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"extra":{"kept":true}}"#;
    let server = Server::start(vec![Reply::body(
        200,
        "application/json",
        format!("{body}\n"),
    )]);
    let assert = Cmd::at(&server).args(["--raw", "hi"]).run().success();
    assert_eq!(stdout(&assert), format!("{body}\n"));
    assert_eq!(stderr(&assert), "");
}

#[test]
fn usage_stays_off_stdout_and_verbose_reports_it_on_stderr() {
    let server = Server::start(vec![answer("hi").header("x-request-id", "req_abc")]);
    let assert = Cmd::at(&server)
        .args(["-v", "hello"])
        .run()
        .success()
        .stdout("hi\n");
    let err = stderr(&assert);
    assert!(
        err.contains(&format!("POST {}/chat/completions", server.base_url())),
        "{err}"
    );
    assert!(err.contains("200 OK in"), "{err}");
    assert!(err.contains("x-request-id req_abc"), "{err}");
    assert!(
        err.contains("usage: 11 prompt + 7 completion = 18 tokens"),
        "{err}"
    );
    assert!(err.contains("Bearer (redacted)"), "{err}");
}

#[test]
fn length_finish_warns_on_stderr_and_keeps_stdout() {
    let mut body = completion(&["partial answ"]);
    body["choices"][0]["finish_reason"] = json!("length");
    let server = Server::start(vec![Reply::json(200, &body)]);
    let assert = Cmd::at(&server)
        .args(["hi"])
        .run()
        .success()
        .stdout("partial answ\n");
    assert!(
        stderr(&assert).contains("warning: the answer was cut off"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn content_filter_exits_9() {
    let mut body = completion(&[""]);
    body["choices"][0]["finish_reason"] = json!("content_filter");
    let server = Server::start(vec![Reply::json(200, &body)]);
    let assert = Cmd::at(&server).args(["hi"]).run().code(9);
    assert!(
        stderr(&assert).contains("content filter"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn refusal_goes_to_stderr_and_exits_9() {
    let mut body = completion(&[""]);
    body["choices"][0]["message"] =
        json!({"role": "assistant", "content": null, "refusal": "I can't help with that."});
    let server = Server::start(vec![Reply::json(200, &body)]);
    let assert = Cmd::at(&server).args(["hi"]).run().code(9).stdout("");
    assert_eq!(
        stderr(&assert),
        "oaichat: error: the model refused: I can't help with that.\n"
    );
}

#[test]
fn json_mode_reply_that_is_not_json_is_printed_then_exit_8() {
    let mut body = completion(&["{\"a\": [1, 2"]);
    body["choices"][0]["finish_reason"] = json!("length");
    let server = Server::start(vec![Reply::json(200, &body)]);
    let assert = Cmd::at(&server)
        .args(["--json", "--max-tokens", "5", "json please"])
        .run()
        .code(8)
        .stdout("{\"a\": [1, 2\n");
    let err = stderr(&assert);
    assert!(
        err.contains("--json: the answer is not valid JSON"),
        "{err}"
    );
    assert!(err.contains("raise --max-tokens"), "{err}");
}

#[test]
fn a_response_without_choices_is_exit_8() {
    let server = Server::start(vec![Reply::json(200, &json!({"choices": []}))]);
    let assert = Cmd::at(&server).args(["hi"]).run().code(8);
    assert!(
        stderr(&assert).contains("no choices"),
        "{}",
        stderr(&assert)
    );
}
