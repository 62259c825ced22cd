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

/// llama.cpp's server reports no usage, even with `include_usage`: the figures are counted
/// locally, with the answering model's encoding, and the line says they are estimates.
#[test]
fn usage_is_estimated_with_the_models_encoding_when_the_server_reports_none() {
    let mut body = completion(&["hi there"]);
    body.as_object_mut().unwrap().remove("usage");
    body["model"] = json!("gpt-4-0613");
    let server = Server::start(vec![Reply::json(200, &body)]);
    let assert = Cmd::at(&server)
        .args(["-m", "gpt-4", "--usage", "hello"])
        .run()
        .success()
        .stdout("hi there\n");
    // "hello" and "hi there" are 1 and 2 tokens; the prompt adds 3 for its message and 3
    // for the reply. 7 × $30 + 2 × $60 per million.
    let err = stderr(&assert);
    assert!(
        err.starts_with(
            "oaichat: usage: not reported by the server; estimated (cl100k_base): 7 prompt + 2 \
             completion = 9 tokens; cost ≈ $0.000330 from the estimate (gpt-4-0613 at list \
             prices of "
        ),
        "{err}"
    );
}

#[test]
fn a_stream_without_a_usage_chunk_gets_an_estimate_of_the_streamed_text() {
    let chunk = |text: &str| {
        let chunk = json!({"object": "chat.completion.chunk", "model": "llama-3.1-8b-instruct",
            "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": null}]});
        format!("data: {chunk}\n\n")
    };
    let server = Server::start(vec![sse(&[
        chunk("hi"),
        chunk(" there"),
        finish("stop"),
        DONE.into(),
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "--usage", "-m", "local", "hello"])
        .run()
        .success()
        .stdout("hi there\n");
    assert_eq!(
        stderr(&assert),
        "oaichat: usage: not reported by the server; estimated (o200k_base): 7 prompt + 2 \
         completion = 9 tokens; cost unknown for model llama-3.1-8b-instruct\n"
    );
}
