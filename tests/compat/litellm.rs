//! The LiteLLM proxy: its `mock` model (a fixed `mock_response`, so here the text may be
//! checked: it is ours, not a model's), `mock-tools` (fixed tool calls), `smollm2` passed
//! through to llama.cpp's server, and its own errors for what it does not know.

use serde_json::Value;

use crate::support::{Cmd, MOCK_ANSWER, MOCK_REASONING, stderr, stdout};

#[test]
fn a_mock_answer_arrives_whole_and_streamed_byte_for_byte() {
    let whole = Cmd::litellm().args(["-m", "mock", "hi"]).run().success();
    assert_eq!(stdout(&whole), format!("{MOCK_ANSWER}\n"));
    assert_eq!(stderr(&whole), "");
    let streamed = Cmd::litellm()
        .args(["-m", "mock", "--stream", "hi"])
        .run()
        .success();
    assert_eq!(stdout(&streamed), format!("{MOCK_ANSWER}\n"));
}

#[test]
fn raw_stream_deltas_make_the_streamed_text() {
    let raw = Cmd::litellm()
        .args(["-m", "mock", "--stream", "--raw", "hi"])
        .run()
        .success();
    let text: String = stdout(&raw)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("one JSON chunk per line"))
        .filter_map(|chunk| {
            chunk["choices"][0]["delta"]["content"]
                .as_str()
                .map(str::to_string)
        })
        .collect();
    assert_eq!(text, MOCK_ANSWER);
}

#[test]
fn usage_is_reported_whole_and_streamed() {
    for stream in [false, true] {
        let mut args = vec!["-m", "mock", "--usage", "hi"];
        if stream {
            args.push("--stream");
        }
        let assert = Cmd::litellm().args(&args).run().success();
        let err = stderr(&assert);
        assert!(
            err.starts_with("oaichat: usage: "),
            "stream {stream}: {err}"
        );
        assert!(!err.contains("not reported"), "stream {stream}: {err}");
    }
}

#[test]
fn an_unknown_model_is_an_invalid_request_in_one_line() {
    let assert = Cmd::litellm()
        .args(["-m", "no-such-model", "hi"])
        .run()
        .code(5);
    assert_eq!(stdout(&assert), "");
    let err = stderr(&assert);
    assert!(
        err.starts_with("oaichat: error: HTTP 400 Bad Request: "),
        "{err}"
    );
    assert!(err.contains("no-such-model"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_wrong_key_is_an_authentication_failure_with_the_reason() {
    let assert = Cmd::litellm()
        .env("OPENAI_API_KEY", "sk-not-the-master-key")
        .args(["-m", "mock", "hi"])
        .run()
        .code(3);
    let err = stderr(&assert);
    assert!(err.contains("no_db_connection"), "{err}");
    assert!(err.trim_end().ends_with("check OPENAI_API_KEY"), "{err}");
    assert!(!err.contains("sk-not-the-master-key"), "{err}");
}

#[test]
fn n_2_brings_two_answers_apart() {
    let assert = Cmd::litellm()
        .args(["-m", "mock", "-n", "2", "hi"])
        .run()
        .success();
    assert_eq!(
        stdout(&assert),
        format!("{MOCK_ANSWER}\n---\n{MOCK_ANSWER}\n")
    );
}

#[test]
fn json_that_is_not_json_exits_8() {
    let assert = Cmd::litellm()
        .args(["-m", "mock", "--json", "hi"])
        .run()
        .code(8);
    assert!(
        stderr(&assert).contains("not valid JSON"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn models_lists_the_proxys_model_names() {
    let assert = Cmd::litellm().args(["models"]).run().success();
    let out = stdout(&assert);
    let names: Vec<&str> = out.lines().collect();
    for name in ["mock", "mock-tools", "smollm2"] {
        assert!(names.contains(&name), "{out}");
    }
}

#[test]
fn tool_calls_come_out_as_data_and_a_result_continues_the_conversation() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("t.jsonl");
    let history = history.to_str().unwrap().to_string();
    let tools = r#"{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}"#;
    let asked = Cmd::litellm()
        .args([
            "-m",
            "mock-tools",
            "--history",
            &history,
            "--tools",
            tools,
            "Seoul?",
        ])
        .run()
        .code(10);
    let call: Value = serde_json::from_str(stdout(&asked).trim()).expect("one call line");
    assert_eq!(call["name"], "get_weather");
    assert_eq!(call["arguments"]["city"], "Seoul");
    let id = call["id"].as_str().unwrap().to_string();
    let answered = Cmd::litellm()
        .args(["-m", "mock", "--history", &history, "--tools", tools])
        .args(["--tool-result", &format!("{id}=sunny")])
        .run()
        .success();
    assert_eq!(stdout(&answered), format!("{MOCK_ANSWER}\n"));
    let saved = std::fs::read_to_string(&history).unwrap();
    let roles: Vec<String> = saved
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["role"].to_string())
        .collect();
    assert_eq!(
        roles,
        ["\"user\"", "\"assistant\"", "\"tool\"", "\"assistant\""]
    );
}

#[test]
fn the_responses_api_through_the_proxy_answers_whole() {
    let assert = Cmd::litellm()
        .args(["-m", "mock", "--api", "responses", "--usage", "hi"])
        .run()
        .success();
    assert_eq!(stdout(&assert), format!("{MOCK_ANSWER}\n"));
    assert!(
        stderr(&assert).starts_with("oaichat: usage: "),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn a_real_model_behind_the_proxy_streams_and_counts() {
    let assert = Cmd::litellm()
        .args([
            "-m",
            "smollm2",
            "-t",
            "0",
            "--max-tokens",
            "12",
            "--stream",
            "--usage",
        ])
        .arg("Say hello.")
        .run()
        .success();
    assert!(stdout(&assert).ends_with('\n'));
    // llama.cpp's server sends no usage in a stream; LiteLLM counts and adds it.
    let err = stderr(&assert);
    assert!(err.contains("oaichat: usage: "), "{err}");
    assert!(!err.contains("not reported"), "{err}");
}

#[test]
fn a_stream_the_proxy_fails_to_start_is_one_line_from_its_event() {
    // LiteLLM 1.106 cannot stream a mock model through its Responses bridge: it answers a
    // 500 whose body is the error framed as an event.
    let assert = Cmd::litellm()
        .args([
            "-m",
            "mock",
            "--api",
            "responses",
            "--stream",
            "--max-retries",
            "0",
            "hi",
        ])
        .run()
        .code(6);
    assert_eq!(
        stderr(&assert),
        "oaichat: error: HTTP 500 Internal Server Error: Error processing stream start \
         (type internal_server_error, code 500)\n"
    );
}

#[test]
fn reasoning_goes_to_stderr_and_never_into_the_answer() {
    let shown = Cmd::litellm()
        .args(["-m", "mock-reasoning", "hi"])
        .run()
        .success();
    assert_eq!(stdout(&shown), format!("{MOCK_ANSWER}\n"));
    assert!(
        stderr(&shown).contains(MOCK_REASONING),
        "{}",
        stderr(&shown)
    );
    let hidden = Cmd::litellm()
        .args(["-m", "mock-reasoning", "--hide-reasoning", "hi"])
        .run()
        .success();
    assert_eq!(stdout(&hidden), format!("{MOCK_ANSWER}\n"));
    assert_eq!(stderr(&hidden), "");
    let record = Cmd::litellm()
        .args(["-m", "mock-reasoning", "--jsonl"])
        .stdin("{\"id\":\"r\",\"prompt\":\"hi\"}\n")
        .run()
        .success();
    let record: Value = serde_json::from_str(stdout(&record).trim()).expect("a record");
    assert_eq!(record["content"], MOCK_ANSWER);
    assert_eq!(record["reasoning"], MOCK_REASONING);
}

#[test]
fn the_proxys_own_429_and_500_get_their_exit_codes_in_one_line() {
    for (model, code, status) in [
        ("mock-429", 4, "HTTP 429 Too Many Requests: "),
        ("mock-500", 6, "HTTP 500 Internal Server Error: "),
    ] {
        let assert = Cmd::litellm()
            .args(["-m", model, "--max-retries", "0", "hi"])
            .run()
            .code(code);
        let err = stderr(&assert);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("oaichat: error: {status}")),
            "{err}"
        );
    }
}

#[test]
fn a_429_is_retried_and_said_with_verbose() {
    let assert = Cmd::litellm()
        .args(["-m", "mock-429", "--max-retries", "1", "-v", "hi"])
        .run()
        .code(4);
    let err = stderr(&assert);
    assert!(err.contains("retry 1/1"), "{err}");
    assert_eq!(err.matches("POST ").count(), 1, "{err}");
}
