//! What line mode reads (issue 10): `-f` files in order, each with its own lines; ids
//! that must be unique; text, not UTF-16 or binary, checked before it is sent; and one
//! answer per input.

use serde_json::Value;

use crate::support::*;

fn records(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

#[test]
fn line_mode_reads_files_in_order() {
    let server = echo_server();
    let cmd = Cmd::at(&server);
    let a = cmd.file("a.txt", "x\ny\n");
    let b = cmd.file("b.txt", "z");
    cmd.args([
        "--each",
        "-f",
        a.to_str().unwrap(),
        "-f",
        b.to_str().unwrap(),
    ])
    .run()
    .success()
    .stdout("re: x\nre: y\nre: z\n");
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
