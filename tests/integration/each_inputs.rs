//! Line mode answers every input exactly once, and line N answers line N (issue 10): ids,
//! text checks, one answer per input, and what the summary and pauses say.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::*;

fn records(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

#[test]
fn a_repeated_id_on_stdin_is_refused_not_taken_for_answered() {
    let server = echo_server();
    let assert = Cmd::at(&server)
        .args(["--jsonl"])
        .stdin(
            "{\"id\":\"a\",\"prompt\":\"one\"}\n{\"id\":\"b\",\"prompt\":\"two\"}\n\
             {\"id\":\"a\",\"prompt\":\"third, same id\"}\n",
        )
        .run()
        .code(2);
    let out = records(&stdout(&assert));
    assert_eq!(out.len(), 3);
    let error = out[2]["error"].as_str().unwrap();
    assert!(
        error.contains("line 3: id \"a\" repeats line 1: ids must be unique"),
        "{error}"
    );
    let mut sent: Vec<String> = server.requests().iter().map(question).collect();
    sent.sort();
    assert_eq!(sent, ["one", "two"]);
}

#[test]
fn a_repeated_id_in_a_file_is_refused_before_anything_is_sent() {
    let server = echo_server();
    let cmd = Cmd::at(&server);
    cmd.file(
        "in.jsonl",
        "{\"id\":1,\"prompt\":\"one\"}\n\n{\"id\":\"1\",\"prompt\":\"two\"}\n",
    );
    let assert = cmd
        .args(["--jsonl", "--resume", "out.jsonl", "-f", "in.jsonl"])
        .run()
        .code(2);
    let err = stderr(&assert);
    assert!(
        err.contains("in.jsonl line 3: id \"1\" repeats in.jsonl line 1")
            && err.contains("nothing was sent"),
        "{err}"
    );
    assert!(server.requests().is_empty());
}

/// An input without an id is keyed by its index, which an explicit id can never equal:
/// here the failed input without an id must be asked again, though id 1 was answered.
#[test]
fn inputs_without_ids_never_collide_with_explicit_ids() {
    let server = echo_server();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let input = "{\"id\":1,\"prompt\":\"explicit\"}\n{\"prompt\":\"please fail\"}\n";
    let run = || {
        Cmd::at(&server)
            .args([
                "--jsonl",
                "--max-retries",
                "0",
                "--resume",
                out.to_str().unwrap(),
            ])
            .stdin(input)
            .run()
    };
    run().code(5);
    let assert = run().code(5);
    assert!(
        stderr(&assert).contains("0 done, 1 failed, 1 already answered"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(server.requests().len(), 3);
    let written = records(&std::fs::read_to_string(&out).unwrap());
    let ids: Vec<&Value> = written.iter().map(|r| &r["id"]).collect();
    assert_eq!(ids, [&json!(1), &json!(null), &json!(null)]);
}

#[test]
fn a_utf16_file_is_refused_before_anything_is_sent() {
    let server = echo_server();
    let cmd = Cmd::at(&server);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("first\nsecond\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    cmd.file("u16.txt", &utf16);
    let assert = cmd
        .args(["--each", "-f", "u16.txt", "translate"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("u16.txt line 1 is UTF-16 text"),
        "{}",
        stderr(&assert)
    );
    // The same bytes on stdin stop at the first line, before it is sent.
    let assert = Cmd::at(&server)
        .args(["--each", "translate"])
        .stdin(utf16)
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("input line 1 is UTF-16 text"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}

#[test]
fn binary_input_stops_the_run_at_its_line() {
    let server = echo_server();
    let assert = Cmd::at(&server)
        .args(["--each", "x"])
        .stdin(b"fine\nbad\0line\nnever sent\n".to_vec())
        .run()
        .code(2);
    assert_eq!(stdout(&assert), "re: x\\n\\nfine\n");
    assert!(
        stderr(&assert).contains("input line 2 looks binary"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn more_than_one_answer_per_input_is_refused() {
    let server = echo_server();
    let assert = Cmd::at(&server)
        .args(["--each", "-n", "3", "x"])
        .stdin("a\n")
        .run()
        .code(2);
    assert!(stderr(&assert).contains("-n 3"), "{}", stderr(&assert));
    let assert = Cmd::at(&server)
        .args(["--jsonl"])
        .stdin("{\"prompt\":\"a\",\"n\":2}\n")
        .run()
        .code(2);
    let error = records(&stdout(&assert))[0]["error"].clone();
    assert!(error.as_str().unwrap().contains("\"n\": 2"), "{error}");
    assert!(server.requests().is_empty());
}

#[test]
fn json_answers_are_printed_compactly_one_per_line() {
    let server = Server::handle(|_| answer("{\n  \"label\": \"bug\",\n  \"score\": 1.50\n}"));
    let assert = Cmd::at(&server)
        .args(["--each", "--json", "classify as json"])
        .stdin("a\nb\n")
        .run()
        .success();
    assert_eq!(
        stdout(&assert),
        "{\"label\":\"bug\",\"score\":1.50}\n{\"label\":\"bug\",\"score\":1.50}\n"
    );
}

#[test]
fn stream_in_a_record_is_ignored() {
    let server = echo_server();
    let assert = Cmd::at(&server)
        .args(["--jsonl"])
        .stdin("{\"prompt\":\"x\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}\n")
        .run()
        .success();
    assert_eq!(records(&stdout(&assert))[0]["content"], "re: x");
    let body = server.request().json();
    assert_eq!(body.get("stream"), None);
    assert_eq!(body.get("stream_options"), None);
}

#[test]
fn a_rate_limit_pause_is_said_once_with_its_reason() {
    let server = Server::handle(|_| {
        answer("ok")
            .header("x-ratelimit-remaining-requests", "0")
            .header("x-ratelimit-reset-requests", "300ms")
    });
    let assert = Cmd::at(&server)
        .args(["--each", "-P", "1", "x"])
        .stdin("a\nb\n")
        .timeout(Duration::from_secs(20))
        .run()
        .success();
    let err = stderr(&assert);
    let said = err.matches("rate limit: no requests left").count();
    assert!((1..=2).contains(&said), "{err}");
    assert!(err.contains("every request waits 0.3s"), "{err}");
}

#[test]
fn the_summary_says_cost_unknown_for_a_model_without_prices() {
    let server = Server::handle(|_| {
        let mut body = completion(&["ok"]);
        body["model"] = json!("llama3.2");
        Reply::json(200, &body)
    });
    let assert = Cmd::at(&server)
        .args(["--each", "x"])
        .stdin("a\n")
        .run()
        .success();
    let err = stderr(&assert);
    assert!(err.contains("cost unknown for model llama3.2"), "{err}");
    assert!(!err.contains("$0.0000"), "{err}");
}

/// A repeat refused in one run is refused again on --resume, never taken for answered by
/// the record of the input the id was first given to.
#[test]
fn a_repeated_id_stays_refused_on_resume() {
    let server = echo_server();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let input = "{\"id\":\"a\",\"prompt\":\"one\"}\n{\"id\":\"a\",\"prompt\":\"two\"}\n";
    let run = || {
        Cmd::at(&server)
            .args(["--jsonl", "--resume", out.to_str().unwrap()])
            .stdin(input)
            .run()
    };
    run().code(2);
    let assert = run().code(2);
    assert!(
        stderr(&assert).contains("0 done, 1 failed, 1 already answered"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(server.requests().len(), 1);
}

/// A 429 pauses every worker; the pause is said once, without -v.
#[test]
fn a_429_pause_is_said_once() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let count = AtomicUsize::new(0);
    let server = Server::handle(move |_| {
        if count.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::json(429, &json!({"error": {"message": "slow down"}}))
                .header("retry-after-ms", "200")
        } else {
            answer("ok")
        }
    });
    let assert = Cmd::at(&server)
        .args(["--each", "-P", "1", "x"])
        .stdin("a\nb\n")
        .run()
        .success();
    let err = stderr(&assert);
    assert_eq!(
        err.matches("rate limit: HTTP 429; every request waits 0.2s")
            .count(),
        1,
        "{err}"
    );
}

/// Each file keeps its own lines: a last line without its newline does not run into the
/// next file's first line, and a second file's byte order mark is not part of its text.
#[test]
fn files_keep_their_own_lines() {
    let server = echo_server();
    let cmd = Cmd::at(&server);
    cmd.file("a.txt", "one\ntwo");
    cmd.file("b.txt", "\u{feff}three\n");
    let assert = cmd
        .args(["--each", "-P", "1", "-f", "a.txt", "-f", "b.txt", "x"])
        .run()
        .success();
    assert_eq!(
        stdout(&assert),
        "re: x\\n\\none\nre: x\\n\\ntwo\nre: x\\n\\nthree\n"
    );
}

/// A reader of stdout that goes away (`| head -1`) ends line mode at its next write: not
/// after the requests under way (here one the server holds for 20 s), nor never while
/// stdin, still open, sends nothing.
#[test]
fn a_closed_stdout_ends_line_mode_at_once() {
    use std::io::{BufRead, BufReader, Write};
    let server = echo_server();
    let mut spawned = spawn(&server, &["--each", "-P", "2", "x"]);
    let mut stdin = spawned.child.stdin.take().unwrap();
    stdin.write_all(b"a\nb sleep=500\nc sleep=20000\n").unwrap();
    let mut stdout = BufReader::new(spawned.child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, "re: x\\n\\na\n");
    drop(stdout); // as head -1 does
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = spawned.child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(15) {
            let _ = spawned.child.kill();
            panic!("oaichat kept running after its stdout closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    drop(stdin);
}
