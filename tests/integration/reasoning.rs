//! Reasoning models (o-series, gpt-5): `max_completion_tokens` and `reasoning_effort` in
//! the body, and their rules checked before anything is sent, for a model named in a
//! line mode record too.

use serde_json::json;

use crate::support::*;

#[test]
fn reasoning_models_get_max_completion_tokens_and_effort() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server)
        .args([
            "-m",
            "o4-mini",
            "--max-tokens",
            "300",
            "--reasoning-effort",
            "low",
            "hi",
        ])
        .run()
        .success();
    assert_eq!(
        server.request().json(),
        json!({
            "model": "o4-mini",
            "messages": [{"role": "user", "content": "hi"}],
            "max_completion_tokens": 300,
            "reasoning_effort": "low"
        })
    );
}

#[test]
fn reasoning_model_rules_are_checked_before_sending() {
    let server = Server::start(vec![]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["-m", "gpt-5", "-t", "0.3", "hi"],
            "only takes temperature 1",
        ),
        (
            &["-m", "o3", "--reasoning-effort", "minimal", "hi"],
            "gpt-5 family",
        ),
        (
            &["-m", "gpt-4o", "--reasoning-effort", "high", "hi"],
            "not a reasoning model",
        ),
        (
            &["--max-tokens", "5", "--max-completion-tokens", "5", "hi"],
            "--max-completion-tokens",
        ),
        (
            &["--reasoning-effort", "extreme", "hi"],
            "--reasoning-effort",
        ),
    ];
    for (args, words) in cases {
        let assert = Cmd::at(&server).args(*args).run().code(2);
        assert!(
            stderr(&assert).contains(words),
            "{args:?}: {}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn a_line_model_gets_the_reasoning_rules() {
    let server = echo_server();
    Cmd::at(&server)
        .args(["--jsonl", "--max-tokens", "40"])
        .stdin("{\"prompt\":\"a\",\"model\":\"o4-mini\"}\n")
        .run()
        .success();
    let body = server.request().json();
    assert_eq!(body["max_completion_tokens"], 40);
    assert!(body.get("max_tokens").is_none(), "{body}");
}
