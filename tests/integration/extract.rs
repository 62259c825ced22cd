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
fn raw_dry_run_and_chat_are_refused_before_anything_is_sent() {
    let server = Server::start(vec![]);
    for args in [
        &["-x", "--raw"][..],
        &["-x", "-i"],
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

#[test]
fn several_answers_print_the_blocks_they_have_and_name_the_others() {
    let three = completion(&["```\na\n```", "Just prose.", "~~~sh\nc\n~~~\nDone."]);
    let prose = completion(&["One.", "Two."]);
    let server = Server::start(vec![Reply::json(200, &three), Reply::json(200, &prose)]);
    let assert = Cmd::at(&server)
        .args(["-x", "-n", "3", "hi"])
        .run()
        .success()
        .stdout("a\n---\nc\n");
    assert_eq!(
        stderr(&assert),
        "oaichat: warning: -x: answer 2 of 3 has no fenced code block; printed the others\n"
    );
    let assert = Cmd::at(&server)
        .args(["-x", "-n", "2", "hi"])
        .run()
        .code(8)
        .stdout("");
    assert!(
        stderr(&assert).contains("no fenced code block"),
        "{}",
        stderr(&assert)
    );
}

/// A chunk of choice `index` with `content` in its delta.
fn delta_of(index: u32, content: &str) -> String {
    let chunk = serde_json::json!({
        "id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1741570283,
        "model": "gpt-4o-mini",
        "choices": [{"index": index, "delta": {"content": content}, "finish_reason": null}]
    });
    format!("data: {chunk}\n\n")
}

#[test]
fn several_streamed_answers_print_each_block_once_every_answer_ends() {
    let server = Server::start(vec![sse(&[
        delta_of(0, "Try:\n```\nfirst "),
        delta_of(1, "Or:\n```\nsecond\n"),
        delta_of(0, "one\n```\n"),
        delta_of(1, "```\nand ```\nnot this\n```\n"),
        finish("stop"),
        finish("stop").replace("\"index\":0", "\"index\":1"),
        DONE.into(),
    ])]);
    Cmd::at(&server)
        .args(["-x", "-n", "2", "--stream", "hi"])
        .run()
        .success()
        .stdout("first one\n---\nsecond\n")
        .stderr("");
}

const LINES: &str = "a\nb\nc\n";

fn line_mode_server() -> Server {
    Server::start(vec![
        answer("```sh\necho 1\necho 2\n```"),
        answer("No code, sorry."),
        answer("```\nls\n```\nThat lists."),
    ])
}

#[test]
fn each_prints_every_input_s_block_on_its_line_and_fails_those_without() {
    let server = line_mode_server();
    let assert = Cmd::at(&server)
        .args(["-x", "--each", "-P", "1"])
        .stdin(LINES)
        .run()
        .code(8)
        .stdout("echo 1\\necho 2\n\nls\n");
    let err = stderr(&assert);
    assert!(
        err.contains("input line 2: error: -x: the answer has no fenced code block"),
        "{err}"
    );
    assert!(err.contains("2 done, 1 failed"), "{err}");
}

#[test]
fn jsonl_records_carry_the_block_beside_the_whole_answer() {
    let server = line_mode_server();
    let assert = Cmd::at(&server)
        .args(["-x", "--jsonl", "-P", "1"])
        .stdin("{\"prompt\":\"a\"}\n{\"prompt\":\"b\"}\n{\"prompt\":\"c\"}\n")
        .run()
        .code(8);
    let records: Vec<serde_json::Value> = stdout(&assert)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let fields: Vec<_> = records
        .iter()
        .map(|r| (r["content"].clone(), r["extracted"].clone()))
        .collect();
    assert_eq!(
        fields,
        [
            (
                "```sh\necho 1\necho 2\n```".into(),
                "echo 1\necho 2\n".into()
            ),
            ("No code, sorry.".into(), serde_json::Value::Null),
            ("```\nls\n```\nThat lists.".into(), "ls\n".into()),
        ]
    );
    let errors: Vec<_> = records.iter().map(|r| r["error"].is_string()).collect();
    assert_eq!(errors, [false, true, false]);
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .contains("no fenced code block")
    );
    assert!(records[1].get("extracted").is_some(), "null, not absent");
}
