//! Tool calls as data: one JSON line per call on stdout and exit 10, words beside them on
//! stderr, the calls kept in the conversation, and `--tool-result` answering them.

use serde_json::{Value, json};

use crate::support::*;
use crate::tools::{WEATHER, call, calls_reply, lines};

fn two_calls() -> Reply {
    calls_reply(
        json!("Let me look."),
        vec![
            call("call_a", "get_weather", r#"{"city":"Seoul"}"#),
            call("call_b", "get_weather", r#"{"city": "Busan"#),
        ],
    )
}

#[test]
fn calls_are_json_lines_on_stdout_with_exit_10_and_kept_in_the_history() {
    let server = Server::start(vec![two_calls()]);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("t.jsonl");
    let assert = Cmd::at(&server)
        .args(["--history", history.to_str().unwrap(), "--tools", WEATHER, "Seoul and Busan?"])
        .run()
        .code(10)
        .stdout(
            "{\"id\":\"call_a\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Seoul\"}}\n\
             {\"id\":\"call_b\",\"name\":\"get_weather\",\"arguments_raw\":\"{\\\"city\\\": \\\"Busan\"}\n",
        );
    assert_eq!(
        stderr(&assert),
        "Let me look.\n\
         oaichat: warning: the arguments of get_weather (call_b) are not valid JSON: they are in \"arguments_raw\"\n\
         oaichat: the model asked to call the tool get_weather: the calls are on stdout, one JSON \
         line each; answer them with --tool-result ID=VALUE and the same --history or -c\n"
    );
    assert_eq!(
        lines(&history),
        [
            json!({"role": "user", "content": "Seoul and Busan?"}),
            json!({"role": "assistant", "content": "Let me look.", "tool_calls": [
                call("call_a", "get_weather", r#"{"city":"Seoul"}"#),
                call("call_b", "get_weather", r#"{"city": "Busan"#)]}),
        ]
    );
}

#[test]
fn tool_results_answer_the_calls_and_the_answer_follows() {
    let server = Server::start(vec![two_calls(), answer("Seoul 21 C, Busan 24 C.")]);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("t.jsonl");
    let busan = dir.path().join("busan.json");
    std::fs::write(&busan, r#"{"temp":24}"#).unwrap();
    let h = history.to_str().unwrap().to_string();
    Cmd::at(&server)
        .args(["--history", &h, "--tools", WEATHER, "Seoul and Busan?"])
        .run()
        .code(10);
    let busan = format!("call_b=@{}", busan.display());
    Cmd::at(&server)
        .args(["--history", &h, "--tools", WEATHER])
        .args([
            "--tool-result",
            &busan,
            "--tool-result",
            r#"call_a={"temp":21}"#,
        ])
        .stdin("stdin is not read")
        .run()
        .success()
        .stdout("Seoul 21 C, Busan 24 C.\n");
    let sent = server.requests()[1].json();
    let results = [
        json!({"role": "tool", "content": "{\"temp\":21}", "tool_call_id": "call_a"}),
        json!({"role": "tool", "content": "{\"temp\":24}", "tool_call_id": "call_b"}),
    ];
    let asked = json!({"role": "assistant", "content": "Let me look.", "tool_calls": [
        call("call_a", "get_weather", r#"{"city":"Seoul"}"#),
        call("call_b", "get_weather", r#"{"city": "Busan"#)]});
    let user = json!({"role": "user", "content": "Seoul and Busan?"});
    let expected = [user, asked, results[0].clone(), results[1].clone()];
    assert_eq!(sent["messages"], json!(expected));
    let answer = json!({"role": "assistant", "content": "Seoul 21 C, Busan 24 C."});
    assert_eq!(lines(&history), [&expected[..], &[answer]].concat());
}

#[test]
fn streamed_calls_assemble_from_pieces_and_their_words_go_to_stderr() {
    let piece = |piece: Value| {
        let chunk = json!({"choices": [{"index": 0, "delta": {"tool_calls": [piece]}, "finish_reason": null}]});
        format!("data: {chunk}\n\n")
    };
    let server = Server::start(vec![sse(&[
        delta("Checking"),
        delta(" now."),
        piece(json!({"index": 0, "id": "call_1", "type": "function",
                     "function": {"name": "get_time", "arguments": ""}})),
        piece(json!({"index": 1, "id": "call_2", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\"ci"}})),
        piece(json!({"index": 0, "function": {"arguments": "{}"}})),
        piece(json!({"index": 1, "function": {"arguments": "ty\":\"Seoul\"}"}})),
        finish("tool_calls"),
        DONE.to_string(),
    ])]);
    let assert = Cmd::at(&server)
        .args([
            "--stream",
            "--tools",
            WEATHER,
            "--tools",
            r#"{"name":"get_time"}"#,
            "now?",
        ])
        .run()
        .code(10)
        .stdout(
            "{\"id\":\"call_1\",\"name\":\"get_time\",\"arguments\":{}}\n\
             {\"id\":\"call_2\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Seoul\"}}\n",
        );
    assert!(
        stderr(&assert).starts_with("Checking now.\n"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn a_streamed_answer_with_tools_offered_is_printed_whole() {
    let server = Server::start(vec![sse(&[
        delta("No tools "),
        delta("needed."),
        finish("stop"),
        DONE.to_string(),
    ])]);
    Cmd::at(&server)
        .args(["--stream", "--tools", WEATHER, "hi"])
        .run()
        .success()
        .stdout("No tools needed.\n")
        .stderr("");
}

#[test]
fn tool_results_that_do_not_match_the_calls_are_refused_before_sending() {
    let server = Server::start(vec![two_calls()]);
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("t.jsonl").to_str().unwrap().to_string();
    Cmd::at(&server)
        .args(["--history", &h, "--tools", WEATHER, "q"])
        .run()
        .code(10);
    let cases: [(&[&str], &str); 4] = [
        (&["--tool-result", "call_a=1"], "no result given for call_b"),
        (
            &["--tool-result", "call_a=1", "--tool-result", "call_x=2"],
            "no call of that id (it asked for call_a, call_b)",
        ),
        (&["--tool-result", "call_a"], "is not ID=VALUE"),
        (
            &["--tool-result", "call_a=1", "--tool-result", "call_a=2"],
            "is given twice",
        ),
    ];
    for (args, expected) in cases {
        let assert = Cmd::at(&server)
            .args(["--history", &h])
            .args(args)
            .run()
            .code(2);
        assert!(
            stderr(&assert).contains(expected),
            "{args:?}: {}",
            stderr(&assert)
        );
    }
    let fresh = cmd_without_history(&server);
    assert!(fresh.contains("needs the conversation"), "{fresh}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn bad_definitions_and_choices_are_refused_before_anything_is_sent() {
    let server = Server::start(vec![]);
    let cases: [(&[&str], &str); 5] = [
        (
            &["--tools", r#"{"name":"get weather"}"#],
            "is not 1 to 64 letters",
        ),
        (
            &["--tools", r#"{"name":"w","parameters":{"type":"array"}}"#],
            "JSON Schema object",
        ),
        (
            &["--tools", "missing.json"],
            "cannot read the tools file missing.json",
        ),
        (&["--tool-choice", "auto"], "add --tools"),
        (
            &["--tools", r#"{"name":"w"}"#, "-o", "tools=[]"],
            "set the same field",
        ),
    ];
    for (args, expected) in cases {
        let assert = Cmd::at(&server).args(args).args(["hi"]).run().code(2);
        let err = stderr(&assert);
        assert!(
            err.starts_with("oaichat: error: ") && err.contains(expected),
            "{args:?}: {err}"
        );
    }
    assert!(server.requests().is_empty());
}

fn cmd_without_history(server: &Server) -> String {
    let assert = Cmd::at(server)
        .args(["--tool-result", "call_a=1"])
        .run()
        .code(2);
    stderr(&assert)
}

#[test]
fn a_conversation_that_asked_for_nothing_takes_no_results() {
    let server = Server::start(vec![answer("plain")]);
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("t.jsonl").to_str().unwrap().to_string();
    Cmd::at(&server)
        .args(["--history", &h, "q"])
        .run()
        .success();
    let assert = Cmd::at(&server)
        .args(["--history", &h, "--tool-result", "call_a=1"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("asked for no tool calls"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn raw_prints_the_apis_json_alone_and_still_exits_10() {
    let body = {
        let mut body = completion(&[""]);
        body["choices"][0]["finish_reason"] = json!("tool_calls");
        body["choices"][0]["message"] = json!({"role": "assistant", "content": null,
            "tool_calls": [call("call_1", "get_weather", "{}")]});
        body
    };
    let server = Server::start(vec![Reply::json(200, &body)]);
    let assert = Cmd::at(&server)
        .args([
            "--raw",
            "--yes",
            "--tools",
            WEATHER,
            "--tool-cmd",
            "get_weather=echo 1",
            "hi",
        ])
        .run()
        .code(10);
    let printed: Value = serde_json::from_str(stdout(&assert).trim()).unwrap();
    assert_eq!(printed, body);
    assert_eq!(server.requests().len(), 1, "no tool ran with --raw");
}

#[test]
fn a_streamed_continuation_sends_the_results_and_streams_the_answer() {
    let piece = json!({"choices": [{"index": 0, "delta": {"tool_calls": [
        {"index": 0, "id": "call_1", "type": "function",
         "function": {"name": "get_weather", "arguments": "{\"city\":\"Seoul\"}"}}]},
        "finish_reason": null}]});
    let server = Server::start(vec![
        sse(&[
            format!("data: {piece}\n\n"),
            finish("tool_calls"),
            DONE.to_string(),
        ]),
        sse(&[
            delta("Sunny "),
            delta("today."),
            finish("stop"),
            DONE.to_string(),
        ]),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("t.jsonl").to_str().unwrap().to_string();
    Cmd::at(&server)
        .args(["--stream", "--history", &h, "--tools", WEATHER, "weather?"])
        .run()
        .code(10);
    Cmd::at(&server)
        .args(["--stream", "--history", &h, "--tools", WEATHER])
        .args(["--tool-result", "call_1=sunny"])
        .run()
        .success()
        .stdout("Sunny today.\n");
    let sent = server.requests()[1].json();
    let last = sent["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        last,
        json!({"role": "tool", "content": "sunny", "tool_call_id": "call_1"})
    );
    assert_eq!(sent["stream"], json!(true));
}
