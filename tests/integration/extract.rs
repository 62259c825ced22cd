//! `-x` / `--extract-last`: a fenced code block of the answer and nothing else; nothing at
//! all (exit 8) when the answer has no closed block.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::support::*;

const ANSWER: &str = "Use this:\n\n```sh\nfind . -size +100M\n```\n\nor\n\n```\nls -la\n```\n";

#[test]
fn the_first_or_the_last_block_without_fences() {
    let server = Server::start(vec![answer(ANSWER), answer(ANSWER)]);
    Cmd::at(&server)
        .args(["-x", "hi"])
        .run()
        .success()
        .stdout("find . -size +100M\n");
    let args = ["--extract-last", "hi"];
    Cmd::at(&server)
        .args(args)
        .run()
        .success()
        .stdout("ls -la\n");
}

#[test]
fn prose_or_a_block_cut_off_prints_nothing_and_exits_8() {
    let server = Server::start(vec![
        answer("No code here."),
        answer("```sh\nrm -rf /tmp/build"),
    ]);
    let assert = Cmd::at(&server).args(["-x", "hi"]).run().code(8).stdout("");
    assert!(
        stderr(&assert).contains("no fenced code block"),
        "{}",
        stderr(&assert)
    );
    let assert = Cmd::at(&server).args(["-x", "hi"]).run().code(8).stdout("");
    assert!(
        stderr(&assert).contains("never closed"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn streamed_the_first_block_is_printed_when_it_closes_not_at_the_end() {
    let (gate, wait) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(delta("Run:\n```sh\necho ").into_bytes()),
        Step::Write(delta("hi\n``").into_bytes()),
        Step::Write(delta("`\nThen more prose").into_bytes()),
        wait,
        Step::Write(delta(" and ```\nnot this\n```\n").into_bytes()),
        Step::Write(finish("stop").into_bytes()),
        Step::Write(DONE.as_bytes().to_vec()),
    ])]);
    let mut spawned = spawn(&server, &["-x", "--stream", "--no-stdin", "hi"]);
    let mut stdout = spawned.child.stdout.take().unwrap();
    let started = Instant::now();
    let mut first = [0u8; 8];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"echo hi\n");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "printed before the stream ended"
    );
    gate.open();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "");
    assert!(spawned.child.wait().unwrap().success());
}

#[test]
fn the_whole_answer_is_kept_in_the_history() {
    let server = Server::start(vec![answer(ANSWER)]);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("h.jsonl");
    let args = ["-x", "--history", history.to_str().unwrap(), "hi"];
    Cmd::at(&server)
        .args(args)
        .run()
        .success()
        .stdout("find . -size +100M\n");
    let saved = std::fs::read_to_string(&history).unwrap();
    let last: serde_json::Value = serde_json::from_str(saved.lines().last().unwrap()).unwrap();
    assert_eq!(last["content"], ANSWER, "{saved}");
}

#[test]
fn several_answers_raw_and_line_mode_are_refused_before_anything_is_sent() {
    let server = Server::start(vec![]);
    let assert = Cmd::at(&server)
        .args(["-x", "-n", "2", "hi"])
        .run()
        .code(2)
        .stdout("");
    assert_eq!(
        stderr(&assert),
        "oaichat: error: -x prints one code block, but -n 2 asks for 2 answers: drop -n\n"
    );
    for args in [
        &["-x", "--raw"][..],
        &["-x", "--each"],
        &["-x", "--extract-last"],
        &["--extract-last", "--dry-run"],
    ] {
        let assert = Cmd::at(&server)
            .args(args)
            .args(["hi"])
            .run()
            .code(2)
            .stdout("");
        assert!(
            stderr(&assert).contains("cannot be used with"),
            "{args:?}: {}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
}
