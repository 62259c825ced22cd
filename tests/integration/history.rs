//! Conversations (issue #4): a `--history` file is sent before the prompt and the
//! exchange appended whole, even by runs at once; nothing is appended when the request
//! fails; `-c` continues the last conversation.

use serde_json::{Value, json};

use crate::support::*;

/// Test paths live in temporary directories with ASCII names.
fn text(path: &std::path::Path) -> String {
    path.to_str().expect("a UTF-8 temporary path").to_string()
}

fn lines(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each history line is JSON"))
        .collect()
}

#[test]
fn history_is_sent_before_the_prompt_and_the_exchange_appended() {
    let server = Server::start(vec![answer("LA 다저스"), answer("데이브 로버츠")]);
    // The file outlives each run's own directory.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chat.jsonl");
    Cmd::at(&server)
        .args(["-s", "짧게 답해", "--history", &text(&path)])
        .args(["2020 월드시리즈 우승팀은?"])
        .run()
        .success();
    assert_eq!(
        lines(&path),
        [
            json!({"role": "system", "content": "짧게 답해"}),
            json!({"role": "user", "content": "2020 월드시리즈 우승팀은?"}),
            json!({"role": "assistant", "content": "LA 다저스"}),
        ]
    );
    Cmd::at(&server)
        .args(["--history".as_ref(), path.as_os_str(), "감독은?".as_ref()])
        .run()
        .success()
        .stdout("데이브 로버츠\n");
    assert_eq!(
        server.requests()[1].json()["messages"],
        json!([
            {"role": "system", "content": "짧게 답해"},
            {"role": "user", "content": "2020 월드시리즈 우승팀은?"},
            {"role": "assistant", "content": "LA 다저스"},
            {"role": "user", "content": "감독은?"}
        ])
    );
    assert_eq!(lines(&path).len(), 5);
}

#[test]
fn a_failed_request_appends_nothing() {
    let server = Server::start(vec![Reply::json(
        500,
        &json!({"error": {"message": "down"}}),
    )]);
    let before =
        "{\"role\":\"user\",\"content\":\"q\"}\n{\"role\":\"assistant\",\"content\":\"a\"}\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    std::fs::write(&path, before).unwrap();
    Cmd::at(&server)
        .args(["--max-retries", "0", "--history", &text(&path), "next"])
        .run()
        .code(6);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn a_malformed_history_line_is_named_and_nothing_is_sent() {
    let server = Server::start(vec![]);
    let cmd = Cmd::at(&server);
    let path = cmd.file(
        "h.jsonl",
        "{\"role\":\"user\",\"content\":\"q\"}\n\n{\"role\":\"user\"\n",
    );
    let assert = cmd
        .args(["--history".as_ref(), path.as_os_str(), "next".as_ref()])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("h.jsonl line 3"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}

/// Several processes answering at once append whole exchanges, never interleaved lines.
#[test]
fn concurrent_appends_do_not_interleave() {
    const RUNS: usize = 6;
    let big = |i: usize| format!("answer {i} {}", "x".repeat(200_000));
    let server = Server::start((0..RUNS).map(|i| answer(&big(i))).collect());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.jsonl");
    let children: Vec<_> = (0..RUNS)
        .map(|i| {
            let path = path.to_string_lossy().into_owned();
            let mut spawned = spawn(
                &server,
                &["--no-stdin", "--history", &path, &format!("question {i}")],
            );
            drop(spawned.child.stdin.take());
            spawned
        })
        .collect();
    for spawned in children {
        let output = spawned.child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let messages = lines(&path);
    assert_eq!(messages.len(), 2 * RUNS);
    for pair in messages.chunks(2) {
        assert_eq!(pair[0]["role"], "user");
        assert_eq!(pair[1]["role"], "assistant");
        assert!(
            pair[1]["content"]
                .as_str()
                .unwrap()
                .ends_with(&"x".repeat(200_000))
        );
    }
}

#[test]
fn continue_picks_up_the_last_conversation() {
    let server = Server::start(vec![answer("Paris"), answer("About 2 million")]);
    let data = tempfile::tempdir().unwrap();
    let xdg = data.path().to_string_lossy().into_owned();
    Cmd::at(&server)
        .env("XDG_DATA_HOME", &xdg)
        .args(["capital of France?"])
        .run()
        .success();
    Cmd::at(&server)
        .env("XDG_DATA_HOME", &xdg)
        .args(["-c", "population?"])
        .run()
        .success()
        .stdout("About 2 million\n");
    assert_eq!(
        server.requests()[1].json()["messages"],
        json!([
            {"role": "user", "content": "capital of France?"},
            {"role": "assistant", "content": "Paris"},
            {"role": "user", "content": "population?"}
        ])
    );
    let saved = lines(&data.path().join("oaichat/last.jsonl"));
    assert_eq!(saved.len(), 4);
}

#[test]
fn continue_without_an_earlier_conversation_is_exit_2() {
    let server = Server::start(vec![]);
    let data = tempfile::tempdir().unwrap();
    let assert = Cmd::at(&server)
        .env("XDG_DATA_HOME", &data.path().to_string_lossy())
        .args(["-c", "more"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("no conversation to continue"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}
