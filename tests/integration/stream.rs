//! `--stream`: SSE decoding over real TCP, flushing, raw chunks, and broken streams.

use std::io::Read;
use std::time::Duration;

use serde_json::json;

use crate::support::*;

fn pause() -> Step {
    // Long enough that the client reads the pieces separately, short enough to be cheap.
    Step::Sleep(Duration::from_millis(30))
}

fn write(text: &str) -> Step {
    Step::Write(text.as_bytes().to_vec())
}

#[test]
fn deltas_split_anywhere_across_tcp_writes_are_reassembled() {
    let first = delta("안녕");
    let (a, b) = first.as_bytes().split_at(first.len() - 9); // inside the JSON
    let korean = delta("하세요");
    let cut = korean.find("하").unwrap() + 1; // inside a UTF-8 character
    let (c, d) = korean.as_bytes().split_at(cut);
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(a.to_vec()),
        pause(),
        Step::Write(b.to_vec()),
        pause(),
        Step::Write(c.to_vec()),
        pause(),
        Step::Write(d.to_vec()),
        write(&finish("stop")),
        write(DONE),
    ])]);
    Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .success()
        .stdout("안녕하세요\n");
}

#[test]
fn keep_alives_crlf_and_no_space_after_colon_are_understood() {
    let chunk = delta("b");
    let crlf_no_space = chunk.replacen("data: ", "data:", 1).replace('\n', "\r\n");
    let server = Server::start(vec![Reply::stream(vec![
        write(": keep-alive\n\n"),
        write(&delta("a")),
        write(":\n\n"),
        write(&crlf_no_space),
        write(DONE),
    ])]);
    Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .success()
        .stdout("ab\n");
}

#[test]
fn done_ends_the_answer_without_waiting_for_the_connection_to_close() {
    let (_gate, never) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        write(&delta("x")),
        write(DONE),
        never,
    ])]);
    Cmd::at(&server)
        .args(["--stream", "hi"])
        .timeout(Duration::from_secs(10))
        .run()
        .success()
        .stdout("x\n");
}

#[test]
fn empty_choices_and_null_content_chunks_are_skipped() {
    let azure_first = json!({"id": "", "object": "", "created": 0, "model": "", "choices": [],
        "prompt_filter_results": [{"prompt_index": 0}]});
    let role_only = json!({"choices": [{"index": 0, "delta": {"role": "assistant", "content": null}, "finish_reason": null}]});
    let usage = json!({"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}});
    let server = Server::start(vec![sse(&[
        format!("data: {azure_first}\n\n"),
        format!("data: {role_only}\n\n"),
        delta("fine"),
        finish("stop"),
        format!("data: {usage}\n\n"),
        DONE.into(),
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "-v", "hi"])
        .run()
        .success()
        .stdout("fine\n");
    assert!(stderr(&assert).contains("usage: 3 prompt + 2 completion = 5 tokens"));
}

#[test]
fn a_mid_stream_error_keeps_the_text_and_exits_with_the_server_code() {
    let error = json!({"error": {"message": "The server had an error", "type": "server_error", "param": null, "code": null}});
    let server = Server::start(vec![sse(&[delta("partial"), format!("data: {error}\n\n")])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .code(6)
        .stdout("partial\n");
    assert_eq!(
        stderr(&assert),
        "oaichat: error: the server sent an error in the stream: The server had an error (type server_error)\n"
    );
}

#[test]
fn a_stream_without_done_is_exit_8_with_the_text_kept() {
    let server = Server::start(vec![sse(&[delta("half an ans")])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .code(8)
        .stdout("half an ans\n");
    assert!(
        stderr(&assert).contains("ended before [DONE]"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn a_stream_done_without_a_finish_reason_warns_that_it_may_be_cut_short() {
    // What llama.cpp's server sends when a newer request cuts this one off.
    let server = Server::start(vec![sse(&[delta("Once upon a"), DONE.into()])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .success()
        .stdout("Once upon a\n");
    assert_eq!(
        stderr(&assert),
        "oaichat: warning: the answer came without a finish_reason: the server may have cut \
         it short\n"
    );
}

#[test]
fn a_connection_cut_mid_stream_is_exit_8_with_the_text_kept() {
    let server = Server::start(vec![Reply::stream(vec![
        write(&delta("cut")),
        pause(),
        Step::Cut,
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .code(8)
        .stdout("cut\n");
    assert!(stderr(&assert).contains("cut off"), "{}", stderr(&assert));
}

#[test]
fn data_that_is_not_json_is_exit_8() {
    let server = Server::start(vec![sse(&["data: {not json\n\n".into(), DONE.into()])]);
    let assert = Cmd::at(&server).args(["--stream", "hi"]).run().code(8);
    assert!(
        stderr(&assert).contains("not a JSON chunk: {not json"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn raw_stream_prints_one_json_object_per_chunk() {
    let multi_line = "data: {\"choices\":\ndata: []}\n\n".to_string();
    let server = Server::start(vec![sse(&[
        delta("a"),
        multi_line,
        finish("stop"),
        DONE.into(),
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "--raw", "hi"])
        .run()
        .success();
    let lines: Vec<serde_json::Value> = stdout(&assert)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["choices"][0]["delta"]["content"], "a");
    assert_eq!(lines[1], json!({"choices": []}));
    assert_eq!(lines[2]["choices"][0]["finish_reason"], "stop");
}

#[test]
fn several_streamed_choices_print_in_order() {
    let two = |i: u32, c: &str| {
        format!(
            "data: {}\n\n",
            json!({"choices": [{"index": i, "delta": {"content": c}, "finish_reason": null}]})
        )
    };
    let server = Server::start(vec![sse(&[
        two(0, "a"),
        two(1, "b"),
        two(0, "c"),
        DONE.into(),
    ])]);
    Cmd::at(&server)
        .args(["--stream", "-n", "2", "hi"])
        .run()
        .success()
        .stdout("ac\n---\nb\n");
}

#[test]
fn a_server_that_ignores_stream_and_sends_json_is_still_read() {
    let server = Server::start(vec![answer("whole")]);
    Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .success()
        .stdout("whole\n");
}

/// OpenAI sends one HTTP chunk per event; a fast server packs thousands into each TCP
/// write. Every one must come out, in order, whatever size the reads take.
#[test]
fn thousands_of_events_as_separate_http_chunks_arrive_whole_and_in_order() {
    let (mut steps, expected) = numbered_stream(6000, 1000);
    steps.insert(3, pause());
    let server = Server::start(vec![Reply::stream(steps)]);
    Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .success()
        .stdout(format!("{expected}\n"));
}

fn spawn_streaming(server: &Server) -> Spawned {
    let mut spawned = spawn(server, &["--stream", "--no-stdin", "long answer"]);
    drop(spawned.child.stdin.take());
    spawned
}

/// The first delta must reach a pipe while the server still holds the rest back: this
/// would hang (and fail after 20 s) if stdout were buffered until the end.
#[test]
fn each_delta_is_flushed_to_a_pipe_as_it_arrives() {
    let (gate, wait) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        write(&delta("Hello")),
        wait,
        write(&delta(", world")),
        write(DONE),
    ])]);
    let mut spawned = spawn_streaming(&server);
    let child = &mut spawned.child;
    let mut stdout = child.stdout.take().expect("stdout pipe");
    let mut first = [0u8; 5];
    stdout
        .read_exact(&mut first)
        .expect("the first delta arrives");
    assert_eq!(&first, b"Hello");
    gate.open();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let output = spawned.child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(rest, ", world\n");
    assert_no_key(&output.stderr);
}

/// `oaichat --stream … | head -c 1`: the reader goes away mid-stream; oaichat must end
/// quietly with success, not panic.
#[test]
fn a_closed_pipe_mid_stream_ends_quietly() {
    let (gate, wait) = Gate::new();
    let mut steps = vec![write(&delta("x")), wait];
    steps.extend((0..200).map(|i| write(&delta(&format!("more text {i} ")))));
    steps.push(write(DONE));
    let server = Server::start(vec![Reply::stream(steps)]);
    let mut spawned = spawn_streaming(&server);
    let child = &mut spawned.child;
    let mut stdout = child.stdout.take().expect("stdout pipe");
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    drop(stdout); // what `head -c 1` does after its byte
    gate.open();
    let output = spawned.child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "status {:?}, stderr {err}",
        output.status
    );
    assert_eq!(err, "");
}

#[test]
fn a_streamed_length_finish_warns_and_a_streamed_json_answer_is_checked() {
    let server = Server::start(vec![sse(&[
        delta("{\"a\":"),
        finish("length"),
        DONE.into(),
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "--json", "json"])
        .run()
        .code(8)
        .stdout("{\"a\":\n");
    let err = stderr(&assert);
    assert!(err.contains("warning: the answer was cut off"), "{err}");
    assert!(err.contains("not valid JSON"), "{err}");

    let server = Server::start(vec![sse(&[
        delta("{\"a\":"),
        delta("1}"),
        finish("stop"),
        DONE.into(),
    ])]);
    Cmd::at(&server)
        .args(["--stream", "--json", "json"])
        .run()
        .success()
        .stdout("{\"a\":1}\n");
}

#[test]
fn a_streamed_refusal_goes_to_stderr_and_exits_9() {
    let refusal =
        json!({"choices": [{"index": 0, "delta": {"refusal": "I can't"}, "finish_reason": null}]});
    let more = json!({"choices": [{"index": 0, "delta": {"refusal": " do that."}, "finish_reason": "stop"}]});
    let server = Server::start(vec![sse(&[
        format!("data: {refusal}\n\n"),
        format!("data: {more}\n\n"),
        DONE.into(),
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .code(9)
        .stdout("");
    assert_eq!(
        stderr(&assert),
        "oaichat: error: the model refused: I can't do that.\n"
    );
}
