//! `--usage`: tokens and cost on stderr, for whole and streamed answers.

use serde_json::json;

use crate::support::*;

#[test]
fn usage_prints_tokens_and_cost_on_stderr_only() {
    let mut body = completion(&["hi"]);
    body["model"] = json!("gpt-4o-mini-2024-07-18");
    body["usage"] = json!({"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
        "prompt_tokens_details": {"cached_tokens": 200}, "completion_tokens_details": {"reasoning_tokens": 0}});
    let server = Server::start(vec![Reply::json(200, &body)]);
    let assert = Cmd::at(&server)
        .args(["--usage", "hello"])
        .run()
        .success()
        .stdout("hi\n");
    let err = stderr(&assert);
    assert!(
        err.contains("usage: 1000 prompt + 500 completion = 1500 tokens (200 cached, 0 reasoning); cost ≈ $0.000435 (gpt-4o-mini-2024-07-18"),
        "{err}"
    );
}

#[test]
fn streamed_usage_asks_for_the_usage_chunk() {
    let usage = json!({"choices": [], "model": "gpt-4o", "usage": {"prompt_tokens": 4, "completion_tokens": 2, "total_tokens": 6}});
    let server = Server::start(vec![sse(&[
        delta("ok"),
        format!("data: {usage}\n\n"),
        DONE.into(),
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "--usage", "hi"])
        .run()
        .success()
        .stdout("ok\n");
    assert_eq!(
        server.request().json()["stream_options"],
        json!({"include_usage": true})
    );
    assert!(
        stderr(&assert).contains("usage: 4 prompt + 2 completion = 6 tokens"),
        "{}",
        stderr(&assert)
    );
}
