//! `--resume`: only inputs without an answer in the output file are sent again, keyed by
//! their id or, without one, by their index; a torn last record is cut off first. Runs
//! killed mid-write are crash_safety.rs.

use serde_json::{Value, json};

use crate::support::*;

fn records(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

#[test]
fn resume_sends_only_the_missing_inputs_and_appends_them() {
    let server = echo_server();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    std::fs::write(
        &path,
        "{\"id\":0,\"index\":0,\"content\":\"re: a\",\"usage\":null,\"error\":null}\n\
         {\"id\":1,\"index\":1,\"content\":null,\"usage\":null,\"error\":\"HTTP 500\"}\n\
         {\"id\":2,\"index\":2,\"con",
    )
    .unwrap();
    let assert = Cmd::at(&server)
        .args(["--each", "--resume", path.to_str().unwrap()])
        .stdin("a\nb\nc\nd\n")
        .run()
        .success()
        .stdout("");
    let mut sent: Vec<String> = server.requests().iter().map(question).collect();
    sent.sort();
    assert_eq!(sent, ["b", "c", "d"]);
    assert!(
        stderr(&assert).contains("3 done, 0 failed, 1 already answered"),
        "{}",
        stderr(&assert)
    );
    // The torn record was cut off with a warning; every line is a record now.
    assert!(
        stderr(&assert).contains("torn record"),
        "{}",
        stderr(&assert)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let answered: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is a record"))
        .collect();
    // Inputs without ids are keyed by index: `--each` records have a null id.
    let keys: Vec<(Value, Value)> = answered
        .iter()
        .filter(|r| r["error"].is_null())
        .map(|r| (r["id"].clone(), r["index"].clone()))
        .collect();
    assert_eq!(
        keys,
        [
            (json!(0), json!(0)),
            (json!(null), json!(1)),
            (json!(null), json!(2)),
            (json!(null), json!(3))
        ]
    );
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

#[test]
fn resume_without_a_line_mode_is_refused_naming_the_flags_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    let assert = Cmd::new()
        .args(["--resume", path.to_str().unwrap(), "hi"])
        .run()
        .code(2);
    let err = stderr(&assert);
    assert!(err.contains("<--each|--jsonl>"), "{err}");
    assert!(!path.exists(), "nothing was written");
}

#[test]
fn a_resume_file_that_cannot_be_opened_is_named_and_nothing_is_sent() {
    let server = echo_server();
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should be.
    let directory = dir.path();
    let assert = Cmd::at(&server)
        .args(["--each", "--resume", directory.to_str().unwrap()])
        .stdin("a\n")
        .run()
        .code(2);
    let err = stderr(&assert);
    assert!(
        err.starts_with(&format!(
            "oaichat: error: cannot open {}: ",
            directory.display()
        )),
        "{err}"
    );
    assert_eq!(server.requests().len(), 0);
}
