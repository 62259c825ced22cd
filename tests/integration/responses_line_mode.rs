//! Line mode for the models served only by the Responses API: `--each` and `--jsonl` with
//! `-m o3-pro` ask `/v1/responses` with the body a one-shot run would send, refuse what it
//! refuses before anything is sent, and print the same records, failures and summary as
//! for a chat model. With `--api auto` a model the chat endpoint sends away is asked there
//! again, and every later input for it goes straight there.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::*;

/// Answers at `/v1/responses` "re: QUESTION" after the delay named in it (`sleep=MS`); a
/// question containing "fail" gets a failed response, one containing "filter" a response
/// withheld by the content filter. The chat endpoint serves no model but gpt-4o-mini.
fn responses_server() -> Server {
    Server::handle(|request| {
        if !request.path.ends_with("/responses") {
            return match request.json()["model"].as_str() {
                Some("gpt-4o-mini") => answer(&format!("re: {}", question(request))),
                _ => only_in_responses(),
            };
        }
        let question = responses_question(request);
        let mut body = response_body(&format!("re: {question}"));
        if question.contains("fail") {
            body["status"] = json!("failed");
            body["error"] = json!({"code": "server_error", "message": "Something broke."});
        } else if question.contains("filter") {
            body["status"] = json!("incomplete");
            body["incomplete_details"] = json!({"reason": "content_filter"});
        }
        let sleep: u64 = (question.split("sleep=").nth(1))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        let mut reply = Reply::json(200, &body);
        (reply.steps).insert(0, Step::Sleep(Duration::from_millis(sleep)));
        reply
    })
}

fn paths(server: &Server) -> Vec<String> {
    server.requests().iter().map(|r| r.path.clone()).collect()
}

/// The body of the request that asked `question` (workers send in any order).
fn asking(server: &Server, question: &str) -> Value {
    let requests = server.requests();
    let asked = requests.iter().find(|r| responses_question(r) == question);
    asked.expect("a request asked it").json()
}

fn records(assert: &assert_cmd::assert::Assert) -> Vec<Value> {
    stdout(assert)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn each_sends_o3_pros_inputs_to_the_responses_api_as_one_shot_would() {
    let server = responses_server();
    let assert = Cmd::at(&server)
        .args([
            "-m",
            "o3-pro",
            "--each",
            "-s",
            "Be brief.",
            "--max-tokens",
            "500",
        ])
        .stdin("one\n\ntwo\n")
        .run()
        .success()
        .stdout("re: one\n\nre: two\n");
    assert!(
        stderr(&assert).contains("2 done, 0 failed, 246 tokens"),
        "{}",
        stderr(&assert)
    );
    // In the order the workers sent them.
    let mut bodies: Vec<Value> = server.requests().iter().map(|r| r.json()).collect();
    bodies.sort_by_key(|body| body["input"][0]["content"].to_string());
    let body = |text: &str| {
        json!({"model": "o3-pro", "instructions": "Be brief.",
               "input": [{"type": "message", "role": "user", "content": text}],
               "max_output_tokens": 500, "store": false})
    };
    assert_eq!(bodies, [body("one"), body("two")]);
    assert_eq!(paths(&server), ["/v1/responses", "/v1/responses"]);
}

#[test]
fn jsonl_records_of_responses_answers_are_shaped_as_chat_records() {
    let server = responses_server();
    let input = [
        json!({"id": "a", "prompt": "one", "max_tokens": 100}),
        json!({"id": "b", "messages": [{"role": "system", "content": "S"},
                                       {"role": "user", "content": "two"}]}),
    ]
    .map(|record| format!("{record}\n"))
    .concat();
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--jsonl"])
        .stdin(input)
        .run()
        .success();
    let usage = r#"{"prompt_tokens":36,"completion_tokens":87,"total_tokens":123,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":64}}"#;
    assert_eq!(
        stdout(&assert),
        format!(
            "{{\"id\":\"a\",\"index\":0,\"content\":\"re: one\",\"usage\":{usage},\"error\":null}}\n\
             {{\"id\":\"b\",\"index\":1,\"content\":\"re: two\",\"usage\":{usage},\"error\":null}}\n"
        )
    );
    assert_eq!(asking(&server, "one")["max_output_tokens"], 100);
    assert_eq!(
        asking(&server, "two"),
        json!({"model": "o3-pro", "instructions": "S",
               "input": [{"type": "message", "role": "user", "content": "two"}],
               "store": false})
    );
    // --raw adds the answer as the server wrote it: the Responses API's own object.
    let raw = Cmd::at(&server).args(["-m", "o3-pro", "--jsonl", "--raw"]);
    let raw = records(&raw.stdin("{\"prompt\":\"x\"}\n").run().success());
    assert_eq!(raw[0]["response"], response_body("re: x"));
}

#[test]
fn parallel_inputs_come_out_in_input_order() {
    let server = responses_server();
    let input: String = (0..6)
        .map(|i| format!("q{i} sleep={}\n", (6 - i) * 40))
        .collect();
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--each", "-P", "2"])
        .stdin(input)
        .run()
        .success();
    let expected: String = (0..6)
        .map(|i| format!("re: q{i} sleep={}\n", (6 - i) * 40))
        .collect();
    assert_eq!(stdout(&assert), expected);
    assert_eq!(paths(&server), vec!["/v1/responses"; 6]);
}

#[test]
fn a_failed_or_filtered_response_fails_its_line_only() {
    let server = responses_server();
    let input = "{\"prompt\":\"one\"}\n{\"prompt\":\"please fail\"}\n{\"prompt\":\"filter me\"}\n";
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--jsonl"])
        .stdin(input)
        .run()
        .code(6);
    let errors: Vec<Value> = records(&assert)
        .iter()
        .map(|r| r["error"].clone())
        .collect();
    assert_eq!(
        errors,
        [
            Value::Null,
            json!("the response failed: Something broke. (code server_error)"),
            json!("the answer was withheld by the content filter (finish_reason: content_filter)"),
        ]
    );
    let err = stderr(&assert);
    assert!(err.contains("1 done, 2 failed"), "{err}");
    // --each keeps a failed input's line, empty, and says why on stderr.
    let each = Cmd::at(&server).args(["-m", "o3-pro", "--each"]);
    let assert = each.stdin("one\nplease fail\n").run().code(6);
    assert_eq!(stdout(&assert), "re: one\n\n");
    let err = stderr(&assert);
    assert!(
        err.contains("input line 2: error: the response failed: Something broke."),
        "{err}"
    );
}

#[test]
fn flags_without_a_responses_field_are_refused_before_any_input_is_read() {
    let server = responses_server();
    for (flags, words) in [
        (
            &["--seed", "7"][..],
            "--seed has no equivalent in the Responses API",
        ),
        (
            &["--stop", "x"],
            "--stop has no equivalent in the Responses API",
        ),
        (
            &["--max-tokens", "8"],
            "--max-tokens 8 is below the Responses API's minimum of 16",
        ),
    ] {
        for mode in ["--each", "--jsonl"] {
            let run = Cmd::at(&server).args(["-m", "o3-pro", mode]).args(flags);
            let assert = run.stdin("{\"prompt\":\"a\"}\n").run().code(2).stdout("");
            assert!(stderr(&assert).contains(words), "{}", stderr(&assert));
        }
    }
    assert!(server.requests().is_empty());
}

#[test]
fn a_records_own_field_without_a_responses_place_fails_its_line_unsent() {
    let server = responses_server();
    let input = "{\"prompt\":\"one\"}\n{\"prompt\":\"two\",\"seed\":3}\n";
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--jsonl"])
        .stdin(input)
        .run()
        .code(2);
    let error = records(&assert)[1]["error"].clone();
    assert!(
        error.as_str().unwrap().starts_with(
            "line 2: \"seed\" has no equivalent in the Responses API (it has no seed), where \
             the request for o3-pro goes"
        ),
        "{error}"
    );
    assert_eq!(server.requests().len(), 1);
}

/// One worker, so that the inputs are asked one after the other: with more, each asked
/// before the first 404 came back is asked at both.
#[test]
fn auto_asks_the_responses_api_after_the_404_and_then_goes_straight_there() {
    let server = responses_server();
    let assert = Cmd::at(&server)
        .args(["-m", "gpt-9-ultra", "--each", "-P", "1", "-v"])
        .stdin("a\nb\nc\n")
        .run()
        .success()
        .stdout("re: a\nre: b\nre: c\n");
    assert_eq!(
        paths(&server),
        [
            "/v1/chat/completions",
            "/v1/responses",
            "/v1/responses",
            "/v1/responses"
        ]
    );
    let said = format!(
        "gpt-9-ultra is served only by the Responses API: asking {}/responses instead",
        server.base_url()
    );
    assert_eq!(
        stderr(&assert).matches(&said).count(),
        1,
        "{}",
        stderr(&assert)
    );
}

#[test]
fn api_chat_sends_a_responses_only_model_to_the_chat_endpoint() {
    let server = Server::start(vec![answer("ok")]);
    let run = Cmd::at(&server).args(["-m", "o3-pro", "--api", "chat", "--each"]);
    run.stdin("a\n").run().success().stdout("ok\n");
    assert_eq!(server.request().path, "/v1/chat/completions");
}
