//! Streamed answers from the Responses API, with the chat stream's guarantees: text as it
//! comes, reasoning summaries on stderr, the end at `response.completed`, a cut stream's
//! text kept with a non-zero exit, the token limit warned about, unknown events ignored.

use std::time::Duration;

use serde_json::json;

use crate::support::*;

fn stream_of(events: &[String]) -> Reply {
    sse(events)
}

#[test]
fn a_streamed_response_prints_its_text_and_reasoning_and_ends_at_completed() {
    let unknown = event(json!({"type": "response.web_search_call.searching",
        "item_id": "ws", "output_index": 0, "sequence_number": 2}));
    let server = Server::start(vec![stream_of(&[
        created(),
        summary_delta("Thinking"),
        unknown,
        text_delta("Hello"),
        text_delta(" there."),
        completed("Hello there."),
    ])]);
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--stream", "--usage", "hi"])
        .run()
        .success()
        .stdout("Hello there.\n");
    assert_eq!(server.request().json()["stream"], json!(true));
    let err = stderr(&assert);
    assert!(err.starts_with("Thinking\n"), "{err}");
    assert!(
        err.contains("usage: 36 prompt + 87 completion = 123 tokens"),
        "{err}"
    );
}

#[test]
fn each_delta_is_shown_before_the_next_arrives() {
    let (gate, wait) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(text_delta("first ").into_bytes()),
        wait,
        Step::Write(text_delta("second").into_bytes()),
        Step::Write(completed("first second").into_bytes()),
    ])]);
    let mut run = spawn(&server, &["-m", "o3-pro", "--stream", "--no-stdin", "hi"]);
    drop(run.child.stdin.take());
    let mut stdout = run.child.stdout.take().unwrap();
    let mut seen = [0u8; 6];
    std::io::Read::read_exact(&mut stdout, &mut seen).unwrap();
    assert_eq!(&seen, b"first ");
    gate.open();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "second\n");
    assert!(run.child.wait().unwrap().success());
}

#[test]
fn a_stream_cut_before_completed_keeps_its_text_and_fails() {
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(text_delta("Half an ans").into_bytes()),
        Step::Cut,
    ])]);
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--stream", "hi"])
        .run()
        .failure()
        .stdout("Half an ans\n");
    assert_ne!(assert.get_output().status.code(), Some(0));
}

#[test]
fn a_stream_that_ends_without_its_final_event_is_unfinished() {
    let server = Server::start(vec![stream_of(&[text_delta("Half")])]);
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--stream", "hi"])
        .run()
        .code(8)
        .stdout("Half\n");
    assert!(stderr(&assert).contains("the stream ended before response.completed"));
}

#[test]
fn incomplete_at_the_token_limit_warns_as_finish_reason_length_does() {
    let server = Server::start(vec![stream_of(&[text_delta("Par"), incomplete("Par")])]);
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--stream", "--max-tokens", "16", "hi"])
        .run()
        .success()
        .stdout("Par\n");
    assert!(stderr(&assert).contains("finish_reason: length"));
    assert_eq!(server.request().json()["max_output_tokens"], json!(16));
}

#[test]
fn a_streamed_refusal_exits_9_and_a_failure_says_why() {
    let refusal = refusal_delta("I can't.");
    let failed = failed("rate_limit_exceeded", "Slow down.");
    let error = stream_error("server_error", "Oops.");
    let server = Server::start(vec![
        stream_of(&[refusal, completed("")]),
        stream_of(&[text_delta("a"), failed]),
        stream_of(&[error]),
    ]);
    let run = || {
        Cmd::at(&server)
            .args(["-m", "o3-pro", "--stream", "hi"])
            .run()
    };
    let refused = run().code(9);
    assert!(stderr(&refused).contains("the model refused: I can't."));
    let limited = run().code(4).stdout("a\n");
    assert!(stderr(&limited).contains("the response failed: Slow down."));
    let broken = run().code(6);
    assert!(stderr(&broken).contains("the server sent an error in the stream: Oops."));
}

#[test]
fn raw_prints_each_event_as_one_json_line() {
    let events = [created(), text_delta("Hi"), completed("Hi")];
    let server = Server::start(vec![stream_of(&events)]);
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--stream", "--raw", "hi"])
        .timeout(Duration::from_secs(20))
        .run()
        .success();
    let lines: Vec<serde_json::Value> = stdout(&assert)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "response.created",
            "response.output_text.delta",
            "response.completed"
        ]
    );
}

#[test]
fn a_stream_that_stalls_ends_with_the_idle_timeout_and_keeps_its_text() {
    let (_gate, never) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(text_delta("so far").into_bytes()),
        never,
    ])]);
    let assert = Cmd::at(&server)
        .args(["-m", "o3-pro", "--stream", "--idle-timeout", "0.5", "hi"])
        .run()
        .code(7)
        .stdout("so far\n");
    assert!(stderr(&assert).contains("silent for 0.5s: raise --idle-timeout"));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_streamed_function_call_is_assembled_from_its_item_and_argument_deltas() {
    let added = call_added("call_1", "get_weather");
    let piece = arguments_delta;
    let finished = completed_with(function_call_body(
        "call_1",
        "get_weather",
        "{\"city\":\"Seoul\"}",
    ));
    let server = Server::start(vec![stream_of(&[
        added,
        piece("{\"city\":"),
        piece("\"Seoul\"}"),
        finished,
    ])]);
    Cmd::at(&server)
        .args([
            "-m",
            "o3-pro",
            "--stream",
            "--tools",
            crate::tools::WEATHER,
            "Seoul?",
        ])
        .run()
        .code(10)
        .stdout(
            "{\"id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Seoul\"}}\n",
        );
}
