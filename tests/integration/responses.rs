//! The Responses API for the models served only there: `oaichat -m o3-pro "hello"` just
//! works, every flag goes under its Responses name, flags without one are refused before
//! sending, and `--api auto` asks there once after the chat endpoint's 404 that says so.

use serde_json::json;

use crate::support::*;

#[test]
fn o3_pro_is_asked_at_the_responses_api_and_its_answer_printed() {
    let server = Server::start(vec![responses_answer("Hello.")]);
    Cmd::at(&server)
        .args(["-m", "o3-pro", "hello"])
        .run()
        .success()
        .stdout("Hello.\n")
        .stderr("");
    let request = server.request();
    assert_eq!(request.path, "/v1/responses");
    assert_eq!(
        request.json(),
        json!({"model": "o3-pro",
               "input": [{"type": "message", "role": "user", "content": "hello"}],
               "store": false})
    );
}

#[test]
fn every_flag_goes_under_its_responses_name_and_usage_reads_its_tokens() {
    let server = Server::start(vec![responses_answer("{\"a\": 1}")]);
    let assert = Cmd::at(&server)
        .args([
            "-m",
            "o3-pro-2025-06-10",
            "--system",
            "be brief",
            "--max-tokens",
            "500",
        ])
        .args(["--reasoning-effort", "high", "--json", "--usage"])
        .args(["-o", "reasoning.summary=auto", "give me json"])
        .run()
        .success()
        .stdout("{\"a\": 1}\n");
    assert_eq!(
        server.request().json(),
        json!({"model": "o3-pro-2025-06-10", "instructions": "be brief",
               "input": [{"type": "message", "role": "user", "content": "give me json"}],
               "max_output_tokens": 500,
               "text": {"format": {"type": "json_object"}},
               "reasoning": {"effort": "high", "summary": "auto"},
               "store": false})
    );
    let err = stderr(&assert);
    assert!(
        err.contains("usage: 36 prompt + 87 completion = 123 tokens (0 cached, 64 reasoning)"),
        "{err}"
    );
}

#[test]
fn a_conversation_continues_in_chat_format_across_both_apis() {
    let server = echo_server();
    let cmd = Cmd::at(&server);
    let history = cmd.dir.path().join("talk.jsonl");
    let history = history.to_str().unwrap().to_string();
    let first = Cmd::at(&server).args(["--history", &history, "-m", "gpt-4o", "one"]);
    first.run().success().stdout("re: one\n");
    let second = Cmd::at(&server).args(["--history", &history, "-m", "o3-pro", "two"]);
    second.run().success().stdout("re: two\n");
    let requests = server.requests();
    assert_eq!(requests[1].path, "/v1/responses");
    assert_eq!(
        requests[1].json()["input"],
        json!([{"type": "message", "role": "user", "content": "one"},
               {"type": "message", "role": "assistant", "content": "re: one"},
               {"type": "message", "role": "user", "content": "two"}])
    );
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(
        saved.ends_with("{\"role\":\"assistant\",\"content\":\"re: two\"}\n"),
        "{saved}"
    );
}

#[test]
fn flags_without_a_responses_field_are_refused_before_sending() {
    let server = Server::start(vec![]);
    for flags in [
        &["--stop", "x"][..],
        &["-n", "2"],
        &["--seed", "7"],
        &["--frequency-penalty", "0.5"],
        &["--presence-penalty", "0.5"],
    ] {
        let assert = Cmd::at(&server)
            .args(["-m", "o3-pro"])
            .args(flags)
            .args(["hi"])
            .run()
            .code(2)
            .stdout("");
        let err = stderr(&assert);
        assert!(
            err.contains(&format!(
                "{} has no equivalent in the Responses API",
                flags[0]
            )),
            "{err}"
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn auto_asks_the_responses_api_once_after_the_chat_endpoints_404() {
    let server = Server::start(vec![only_in_responses(), responses_answer("Hi.")]);
    let assert = Cmd::at(&server)
        .args(["-m", "gpt-9-ultra", "-v", "hello"])
        .run()
        .success()
        .stdout("Hi.\n");
    let paths: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["/v1/chat/completions", "/v1/responses"]);
    let err = stderr(&assert);
    assert!(
        err.contains(&format!(
            "gpt-9-ultra is served only by the Responses API: asking {}/responses instead",
            server.base_url()
        )),
        "{err}"
    );
    // Without -v, nothing is said.
    let server = Server::start(vec![only_in_responses(), responses_answer("Hi.")]);
    let quiet = Cmd::at(&server).args(["-m", "gpt-9-ultra", "hello"]);
    quiet.run().success().stdout("Hi.\n").stderr("");
}

#[test]
fn api_chat_sends_every_model_to_the_chat_endpoint_and_keeps_its_404() {
    let server = Server::start(vec![only_in_responses()]);
    let assert = Cmd::at(&server)
        .args(["--api", "chat", "-m", "o3-pro", "hello"])
        .run()
        .code(5);
    assert!(stderr(&assert).contains("only supported in v1/responses"));
    assert_eq!(server.request().path, "/v1/chat/completions");
}

#[test]
fn a_profile_can_send_every_request_to_the_responses_api() {
    let server = Server::start(vec![responses_answer("ok")]);
    let toml = format!(
        "[profiles.local]\nbase_url = \"{}\"\napi = \"responses\"\n",
        server.base_url()
    );
    Cmd::with_config(&toml)
        .args(["-p", "local", "-m", "llama3", "hi"])
        .run()
        .success()
        .stdout("ok\n");
    assert_eq!(server.request().path, "/v1/responses");
}

#[test]
fn a_whole_answer_cut_at_the_token_limit_warns_and_a_refusal_exits_9() {
    let mut cut = response_body("Partial");
    cut["status"] = json!("incomplete");
    cut["incomplete_details"] = json!({"reason": "max_output_tokens"});
    let mut refused = response_body("");
    refused["output"][1]["content"] = json!([{"type": "refusal", "refusal": "I can't."}]);
    let server = Server::start(vec![Reply::json(200, &cut), Reply::json(200, &refused)]);
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "hi"])
        .run()
        .success()
        .stdout("Partial\n");
    assert!(stderr(&assert).contains("finish_reason: length"));
    let assert = Cmd::at(&server).args(["-m", "o3-pro", "hi"]).run().code(9);
    assert!(stderr(&assert).contains("the model refused: I can't."));
}

#[test]
fn a_failed_response_says_why_and_raw_prints_the_responses_json() {
    let mut failed = response_body("");
    failed["status"] = json!("failed");
    failed["error"] = json!({"code": "server_error", "message": "Something broke."});
    let server = Server::start(vec![Reply::json(200, &failed), responses_answer("Hi.")]);
    let assert = Cmd::at(&server).args(["-m", "o3-pro", "hi"]).run().code(6);
    assert_eq!(
        stderr(&assert),
        "oaichat: error: the response failed: Something broke. (code server_error)\n"
    );
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--raw", "hi"])
        .run()
        .success();
    let printed: serde_json::Value = serde_json::from_str(&stdout(&assert)).unwrap();
    assert_eq!(printed, response_body("Hi."));
}

#[test]
fn dry_run_shows_the_responses_body_and_where_it_would_go() {
    let server = Server::start(vec![]);
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--dry-run", "hi"])
        .run()
        .success();
    let body: serde_json::Value = serde_json::from_str(&stdout(&assert)).unwrap();
    assert_eq!(body["input"][0]["content"], json!("hi"));
    let url = format!("{}/responses", server.base_url());
    assert!(stderr(&assert).contains(&format!("dry run: POST {url} not sent")));
}

#[test]
fn tool_calls_and_their_results_travel_as_function_call_items() {
    let asking = function_call_answer("call_1", "get_weather", "{\"city\":\"Seoul\"}");
    let server = Server::start(vec![asking, responses_answer("21 C.")]);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("t.jsonl");
    let h = history.to_str().unwrap().to_string();
    let weather = crate::tools::WEATHER;
    Cmd::at(&server)
        .args([
            "-m",
            "o3-pro",
            "--history",
            &h,
            "--tools",
            weather,
            "Seoul?",
        ])
        .run()
        .code(10)
        .stdout(
            "{\"id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Seoul\"}}\n",
        );
    Cmd::at(&server)
        .args(["-m", "o3-pro", "--history", &h, "--tools", weather])
        .args(["--tool-result", "call_1=21 C"])
        .run()
        .success()
        .stdout("21 C.\n");
    let requests = server.requests();
    assert_eq!(
        requests[0].json()["tools"],
        json!([{"type": "function", "name": "get_weather", "description": "Weather in a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                               "required": ["city"]},
                "strict": false}])
    );
    assert_eq!(
        requests[1].json()["input"],
        json!([{"type": "message", "role": "user", "content": "Seoul?"},
               {"type": "function_call", "call_id": "call_1", "name": "get_weather",
                "arguments": "{\"city\":\"Seoul\"}"},
               {"type": "function_call_output", "call_id": "call_1", "output": "21 C"}])
    );
}

#[test]
fn a_token_limit_under_the_responses_minimum_is_refused_before_sending() {
    let server = Server::start(vec![responses_answer("Hello.")]);
    let run = Cmd::at(&server).args(["-m", "o3-pro", "--max-tokens", "8", "hi"]);
    let err = stderr(&run.run().code(2).stdout(""));
    assert!(
        err.contains("--max-tokens 8 is below the Responses API's minimum of 16"),
        "{err}"
    );
    assert!(server.requests().is_empty());
    let run = Cmd::at(&server).args(["-m", "o3-pro", "--max-tokens", "16", "hi"]);
    run.run().success().stdout("Hello.\n");
    assert_eq!(server.request().json()["max_output_tokens"], 16);
}
