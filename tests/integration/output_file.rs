//! `--output FILE`: the answer is written whole or not at all; what a failed run paid for
//! is kept as FILE.partial.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::*;

/// The names in `dir`, sorted: no temporary file may be left behind.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A folder for the output (a command's working directory goes when it ends) and the
/// absolute path of `out.txt` in it.
fn out_dir() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.txt").to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn the_answer_goes_to_the_file_and_nothing_to_stdout() {
    let server = Server::start(vec![answer("the answer"), answer("second")]);
    let (dir, out) = out_dir();
    let run = |flag: &str| Cmd::at(&server).args([flag, &out, "hi"]).run();
    run("-O").success().stdout("").stderr("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the answer\n");
    assert_eq!(names(dir.path()), ["out.txt"]);
    // Replaced whole by the next run.
    run("--output").success();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "second\n");
}

#[test]
fn a_failed_run_leaves_the_file_as_it_was() {
    let server = Server::start(vec![Reply::json(500, &json!({}))]);
    let (dir, out) = out_dir();
    std::fs::write(&out, "old\n").unwrap();
    let args = ["-O", &out, "--max-retries", "0", "hi"];
    Cmd::at(&server).args(args).run().code(6).stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old\n");
    assert_eq!(names(dir.path()), ["out.txt"]);
}

#[test]
fn a_stream_cut_off_keeps_what_came_as_partial_and_the_target_untouched() {
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(delta("paid for").into_bytes()),
        Step::Sleep(Duration::from_millis(50)),
        Step::Cut,
    ])]);
    let (dir, out) = out_dir();
    let args = ["--stream", "-O", &out, "hi"];
    let assert = Cmd::at(&server).args(args).run().code(8).stdout("");
    let partial = format!("{out}.partial");
    let said = format!("the answer so far is in {partial}");
    assert!(stderr(&assert).contains(&said), "{}", stderr(&assert));
    assert_eq!(std::fs::read_to_string(&partial).unwrap(), "paid for\n");
    assert_eq!(names(dir.path()), ["out.txt.partial"]);
}

#[test]
fn line_mode_records_are_whole_even_when_some_inputs_failed() {
    let server = Server::start(vec![answer("one"), Reply::json(400, &json!({}))]);
    let (dir, out) = out_dir();
    let args = [
        "--each",
        "-P",
        "1",
        "--max-retries",
        "0",
        "-O",
        &out,
        "Say:",
    ];
    let run = Cmd::at(&server).args(args).stdin("a\nb\n").run();
    run.failure().stdout("");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().next(), Some("one"), "{written}");
    assert_eq!(names(dir.path()), ["out.txt"]);
}

#[test]
fn ctrl_c_keeps_what_came_as_partial() {
    let (gate, wait) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(delta("half an answer").into_bytes()),
        wait,
    ])]);
    let (dir, out) = out_dir();
    let mut spawned = spawn(&server, &["--stream", "--no-stdin", "-O", &out, "hi"]);
    // Streamed text is flushed as it comes: wait until the temporary file holds it.
    let started = Instant::now();
    let holds_text = || {
        let entries = std::fs::read_dir(dir.path()).unwrap();
        entries.map(Result::unwrap).any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".oaichat-tmp") && e.metadata().unwrap().len() > 0
        })
    };
    while !holds_text() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no text arrived"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    spawned.interrupt();
    let status = spawned.child.wait().unwrap();
    gate.open();
    assert_eq!(status.code(), Some(130));
    let partial = format!("{out}.partial");
    assert_eq!(std::fs::read_to_string(&partial).unwrap(), "half an answer");
    assert_eq!(names(dir.path()), ["out.txt.partial"]);
}

#[test]
fn output_and_the_chat_do_not_go_together() {
    let assert = Cmd::new().args(["-i", "-O", "x.txt"]).run().code(2);
    assert!(
        stderr(&assert).contains("cannot be used with"),
        "{}",
        stderr(&assert)
    );
}
