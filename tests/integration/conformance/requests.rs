//! The bodies oaichat sends, captured at the local server, against the spec: each flag
//! combination on both APIs, each body a `CreateChatCompletionRequest` or a
//! `CreateResponse` with no key the spec lacks.

use serde_json::json;

use crate::support::spec::assert_conforms;
use crate::support::*;
use crate::tools::{WEATHER, call, calls_reply};

/// Every body the server received, each against its endpoint's schema; `flags` names the
/// run in a failure.
fn assert_sent_conform(server: &Server, flags: &str) {
    let requests = server.requests();
    assert!(!requests.is_empty(), "{flags}: nothing was sent");
    for request in requests {
        let schema = match request.path.as_str() {
            "/v1/chat/completions" => "CreateChatCompletionRequest",
            "/v1/responses" => "CreateResponse",
            other => panic!("{flags}: a request to {other}"),
        };
        let what = format!("the body of `oaichat {flags}` at {}", request.path);
        assert_conforms(&request.json(), schema, &what);
    }
}

/// Runs `oaichat --api API ARGS` on each API against the echo server, and checks what it
/// sent. How the run ends is other tests' business (the echo is no JSON for `--json`).
fn on_both_apis(args: &[&str]) {
    for api in ["chat", "responses"] {
        let server = echo_server();
        let flags = format!("--api {api} {}", args.join(" "));
        Cmd::at(&server)
            .args(["--api", api, "--no-stdin"])
            .args(args)
            .run();
        assert_sent_conform(&server, &flags);
    }
}

#[test]
fn a_system_prompt_history_turns_and_sampling_flags() {
    let turns = [
        "-s",
        "be brief",
        "--user",
        "2020 winner?",
        "--assistant",
        "The Dodgers.",
    ];
    let sampling = ["-t", "0.5", "--top-p", "0.9", "--max-tokens", "50"];
    on_both_apis(&[&turns[..], &sampling[..], &["their manager?"]].concat());
    // The flags only chat has (the Responses API refuses them before sending).
    let server = echo_server();
    let chat_only = [
        "-n",
        "2",
        "--stop",
        "END",
        "--seed",
        "7",
        "--frequency-penalty",
        "0.1",
    ];
    let args = [
        &chat_only[..],
        &["--presence-penalty", "0.2", "--user", "x", "q"],
    ]
    .concat();
    Cmd::at(&server).args(&args).run().success();
    assert_sent_conform(&server, &args.join(" "));
}

#[test]
fn images_as_files_and_urls_with_and_without_detail() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let png = dir.path().join("cat.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\nrest").expect("write an image");
    let png = png.to_str().expect("a UTF-8 path");
    on_both_apis(&[
        "--image",
        png,
        "--image",
        "https://example.test/a.png",
        "what?",
    ]);
    on_both_apis(&["--image", png, "--image-detail", "low", "what?"]);
}

#[test]
fn json_mode_with_and_without_a_system_prompt() {
    on_both_apis(&["--json", "three capitals"]);
    on_both_apis(&["--json", "-s", "answer in JSON", "three capitals"]);
}

#[test]
fn a_json_schema() {
    let schema = r#"{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":false}"#;
    on_both_apis(&["--schema", schema, "give me a"]);
}

#[test]
fn reasoning_effort_and_token_limits() {
    for effort in ["minimal", "low", "medium", "high"] {
        let limit = ["--max-completion-tokens", "500", "q"];
        on_both_apis(
            &[
                &["-m", "gpt-5-mini", "--reasoning-effort", effort],
                &limit[..],
            ]
            .concat(),
        );
    }
}

#[test]
fn request_fields_given_with_o() {
    let server = echo_server();
    let args = [
        "-o",
        "user=alice",
        "-o",
        "metadata.team=docs",
        "-o",
        "logprobs=true",
    ];
    let more = [
        "-o",
        "top_logprobs=2",
        "-o",
        "service_tier=auto",
        "-o",
        "store=true",
        "q",
    ];
    let args = [&args[..], &more[..]].concat();
    Cmd::at(&server).args(&args).run().success();
    assert_sent_conform(&server, &args.join(" "));

    let server = echo_server();
    let args = [
        "--api",
        "responses",
        "-o",
        "metadata.team=docs",
        "-o",
        "store=true",
    ];
    let more = [
        "-o",
        "reasoning.summary=auto",
        "-o",
        "safety_identifier=u1",
        "q",
    ];
    let args = [&args[..], &more[..]].concat();
    Cmd::at(&server).args(&args).run().success();
    assert_sent_conform(&server, &args.join(" "));
}

#[test]
fn tools_with_a_choice_and_the_results_of_their_calls() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let history = dir.path().join("talk.jsonl");
    let history = history.to_str().expect("a UTF-8 path");
    let asking = calls_reply(
        json!(null),
        vec![call("call_1", "get_weather", r#"{"city":"Seoul"}"#)],
    );
    let server = Server::start(vec![asking, answer("21 C.")]);
    let tools = [
        "--history",
        history,
        "--tools",
        WEATHER,
        "--tool-choice",
        "get_weather",
    ];
    let first = [&tools[..], &["--no-parallel-tool-calls", "Seoul?"]].concat();
    Cmd::at(&server).args(&first).run().code(10);
    let second = [&tools[..], &["--tool-result", "call_1=21 C"]].concat();
    Cmd::at(&server).args(&second).run().success();
    assert_sent_conform(&server, &first.join(" "));

    let history = dir.path().join("responses.jsonl");
    let history = history.to_str().expect("a UTF-8 path");
    let server = Server::start(vec![
        function_call_answer("call_1", "get_weather", r#"{"city":"Seoul"}"#),
        responses_answer("21 C."),
    ]);
    let tools = [
        "--api",
        "responses",
        "--history",
        history,
        "--tools",
        WEATHER,
    ];
    let first = [&tools[..], &["--tool-choice", "required", "Seoul?"]].concat();
    Cmd::at(&server).args(&first).run().code(10);
    let second = [&tools[..], &["--tool-result", "call_1=21 C"]].concat();
    Cmd::at(&server).args(&second).run().success();
    assert_sent_conform(&server, &first.join(" "));
}

#[test]
fn a_stream_with_usage() {
    let chat = sse(&[delta("Hi"), finish("stop"), usage_chunk(4, 2), DONE.into()]);
    let server = Server::start(vec![chat]);
    Cmd::at(&server)
        .args(["--stream", "--usage", "hi"])
        .run()
        .success();
    assert_sent_conform(&server, "--stream --usage hi");

    let events = [created(), text_delta("Hi"), completed("Hi")];
    let server = Server::start(vec![sse(&events)]);
    let args = ["--api", "responses", "--stream", "--usage", "hi"];
    Cmd::at(&server).args(args).run().success();
    assert_sent_conform(&server, &args.join(" "));
}

#[test]
fn line_mode_records_and_lines() {
    let server = echo_server();
    let records = [
        r#"{"id":"a","prompt":"one","system":"be brief","temperature":0.3,"stream":true}"#,
        r#"{"messages":[{"role":"user","content":"two"}],"max_tokens":20,"model":"gpt-4o"}"#,
    ];
    let args = ["--jsonl", "-s", "terse"];
    Cmd::at(&server).args(args).stdin(records.join("\n")).run();
    assert_sent_conform(&server, &format!("{} < {records:?}", args.join(" ")));
    let server = echo_server();
    let args = ["--each", "classify", "--json"];
    Cmd::at(&server).args(args).stdin("x\ny\n").run();
    assert_sent_conform(&server, &args.join(" "));
}
