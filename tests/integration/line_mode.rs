//! Line mode (issues #6 and 10): `--each` and `--jsonl` answer line N on line N, in
//! input order whatever the workers (`-P`) finish first; a failure keeps its line; the
//! records and the summary (the progress bar: progress.rs); and a reader that goes away.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::*;

#[test]
fn answers_come_out_in_input_order_despite_varying_delays() {
    let server = echo_server();
    let input: String = (0..16)
        .map(|i| format!("item {i} sleep={}\n", (16 - i) * 15))
        .collect();
    let assert = Cmd::at(&server)
        .args(["--each", "-P", "8", "classify"])
        .stdin(input)
        .run()
        .success();
    let expected: String = (0..16)
        .map(|i| format!("re: classify\\n\\nitem {i} sleep={}\n", (16 - i) * 15))
        .collect();
    assert_eq!(stdout(&assert), expected);
    assert_eq!(server.requests().len(), 16);
    assert!(
        stderr(&assert).contains("16 done, 0 failed"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn a_failing_input_keeps_its_line_and_makes_the_exit_non_zero() {
    let server = echo_server();
    let assert = Cmd::at(&server)
        .args(["--each", "--max-retries", "0"])
        .stdin("one\n\nplease fail\nthree\n")
        .run()
        .code(5);
    // Output line N answers input line N: a blank input line gets a blank output line,
    // a failed one an empty line, and messages count lines the same way.
    assert_eq!(stdout(&assert), "re: one\n\n\nre: three\n");
    let err = stderr(&assert);
    assert!(
        err.contains("input line 3: error: HTTP 400 Bad Request: cannot do that"),
        "{err}"
    );
    assert!(err.contains("2 done, 1 failed"), "{err}");
    assert!(err.contains("1 of 3 inputs failed"), "{err}");
}

#[test]
fn jsonl_records_carry_id_index_content_usage_and_error() {
    let server = echo_server();
    // The exit code is the first failure's, in input order: the 400 on line 3.
    let assert = Cmd::at(&server)
        .args(["--jsonl", "--max-retries", "0"])
        .stdin(mixed_jsonl_input())
        .run()
        .code(5);
    let records: Vec<Value> = stdout(&assert)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_mixed_records(&records);
    assert_mixed_request_bodies(&server);
}

/// Two inputs that succeed (one with its own settings), one the server refuses, and a
/// line that is not JSON.
fn mixed_jsonl_input() -> String {
    [
        json!({"id": "a", "prompt": "first", "system": "sys", "model": "gpt-4.1-nano", "temperature": 0.3}),
        json!({"messages": [{"role": "user", "content": "second"}], "id": 7, "stream": true}),
        json!({"prompt": "will fail"}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>()
        + "not json\n"
}

/// A record per line of [`mixed_jsonl_input`], answers and failures alike.
fn assert_mixed_records(records: &[Value]) {
    assert_eq!(records.len(), 4);
    assert_eq!(
        records[0],
        json!({"id": "a", "index": 0, "content": "re: first", "error": null,
               "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}})
    );
    assert_eq!(
        (records[1]["id"].clone(), records[1]["content"].clone()),
        (json!(7), json!("re: second"))
    );
    assert_eq!(records[2]["content"], Value::Null);
    assert!(
        records[2]["error"].as_str().unwrap().contains("HTTP 400"),
        "{}",
        records[2]
    );
    assert!(
        records[3]["error"]
            .as_str()
            .unwrap()
            .contains("line 4: not JSON"),
        "{}",
        records[3]
    );
}

/// The requests of [`mixed_jsonl_input`]'s answered lines: each line's own settings,
/// the defaults otherwise, and no `stream` or `id`.
fn assert_mixed_request_bodies(server: &Server) {
    let mut bodies: Vec<Value> = server.requests().iter().map(|r| r.json()).collect();
    bodies.sort_by_key(|b| b.to_string());
    let first = bodies
        .iter()
        .find(|b| b["model"] == "gpt-4.1-nano")
        .unwrap();
    assert_eq!(
        *first,
        json!({"model": "gpt-4.1-nano", "temperature": 0.3,
               "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "first"}]})
    );
    let second = bodies
        .iter()
        .find(|b| b["messages"][0]["content"] == "second")
        .unwrap();
    assert_eq!(
        *second,
        json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "second"}]})
    );
}

#[test]
fn raw_puts_the_whole_response_in_each_record() {
    let server = echo_server();
    let assert = Cmd::at(&server)
        .args(["--jsonl", "--raw"])
        .stdin("{\"prompt\":\"x\"}\n")
        .run()
        .success();
    let record: Value = serde_json::from_str(stdout(&assert).trim()).unwrap();
    assert_eq!(record["response"]["object"], "chat.completion");
    assert_eq!(record["content"], "re: x");
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

#[test]
fn a_config_file_that_streams_leaves_line_mode_reading_whole_answers() {
    let server = echo_server();
    let cmd = Cmd::at(&server);
    let config = cmd.file("config.toml", "stream = true\nusage = true\n");
    let assert = cmd
        .args(["--config", config.to_str().unwrap(), "--each", "say"])
        .stdin("a\n")
        .run()
        .success();
    assert_eq!(stdout(&assert), "re: say\\n\\na\n");
    let body: Value = serde_json::from_slice(&server.requests()[0].body).unwrap();
    assert_eq!(body.get("stream"), None, "{body}");
}
