//! What the chat's commands do to the conversation and its file: `/retry` and `/undo`
//! change both (the file rewritten whole), `/clear` starts a new one and leaves the last in
//! its file, `/save` writes it out.

use serde_json::json;

use crate::chat_commands::{assistant, chat, errors, sent, user};
use crate::support::*;
use crate::tools::{WEATHER, call_then, lines};

#[test]
fn retry_asks_the_last_question_again_and_its_answer_replaces_the_last() {
    let server = Server::start(vec![
        answer("a1"),
        answer("a2"),
        answer("better"),
        answer("a3"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let cmd = Cmd::at(&server);
    let history = dir.path().join("chat.jsonl");
    let args = ["--history", history.to_str().unwrap()];
    chat(cmd, &args, "q1\nq2\n/retry\nq3\n").stdout("a1\na2\nbetter\na3\n");
    assert_eq!(sent(&server, 2), sent(&server, 1));
    let kept = [user("q1"), assistant("a1"), user("q2"), assistant("better")];
    assert_eq!(
        sent(&server, 3),
        json!([kept.as_slice(), &[user("q3")]].concat())
    );
    let saved = [kept.as_slice(), &[user("q3"), assistant("a3")]].concat();
    assert_eq!(lines(&history), saved);
}

#[test]
fn retry_after_a_failed_question_asks_it_again() {
    let failed = Reply::json(500, &json!({"error": {"message": "overloaded"}}));
    let server = Server::start(vec![failed, answer("a1")]);
    let cmd = Cmd::at(&server).args(["--max-retries", "0"]);
    let assert = chat(cmd, &[], "q1\n/retry\n").stdout("a1\n");
    assert!(
        stderr(&assert).contains("overloaded"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(sent(&server, 1), json!([user("q1")]));
}

#[test]
fn a_retry_that_fails_keeps_the_last_answer() {
    let failed = Reply::json(400, &json!({"error": {"message": "no"}}));
    let server = Server::start(vec![answer("a1"), failed, answer("a2")]);
    let dir = tempfile::tempdir().unwrap();
    let cmd = Cmd::at(&server);
    let history = dir.path().join("chat.jsonl");
    chat(
        cmd,
        &["--history", history.to_str().unwrap()],
        "q1\n/retry\nq2\n",
    );
    assert_eq!(
        sent(&server, 2),
        json!([user("q1"), assistant("a1"), user("q2")])
    );
    assert_eq!(lines(&history).len(), 4);
}

#[test]
fn undo_drops_the_last_exchange_from_the_chat_and_its_file() {
    let server = Server::start(vec![answer("a1"), answer("a2"), answer("a3")]);
    let dir = tempfile::tempdir().unwrap();
    let cmd = Cmd::at(&server);
    let history = dir.path().join("chat.jsonl");
    let args = ["--history", history.to_str().unwrap()];
    let assert = chat(cmd, &args, "q1\nq2\n/undo\nq3\n");
    assert!(stderr(&assert).contains("dropped the last question and its answer (2 messages)"));
    assert_eq!(
        sent(&server, 2),
        json!([user("q1"), assistant("a1"), user("q3")])
    );
    let saved = [user("q1"), assistant("a1"), user("q3"), assistant("a3")];
    assert_eq!(lines(&history), saved);
}

#[test]
fn undo_drops_the_tool_turns_of_the_exchange_too() {
    let mut replies = call_then("get_weather", r#"{"city":"Seoul"}"#, "Sunny.");
    replies.push(answer("a2"));
    let server = Server::start(replies);
    let dir = tempfile::tempdir().unwrap();
    let cmd = Cmd::at(&server);
    let history = dir.path().join("chat.jsonl");
    let tools = [
        "--tools",
        WEATHER,
        "--tool-cmd",
        "get_weather=echo 21",
        "--yes",
    ];
    let args = [&tools[..], &["--history", history.to_str().unwrap()]].concat();
    chat(cmd, &args, "q0\n/undo\nq2\n");
    assert_eq!(sent(&server, 2), json!([user("q2")]));
    assert_eq!(lines(&history), [user("q2"), assistant("a2")]);
}

#[test]
fn clear_starts_a_new_conversation_and_the_last_stays_in_its_file() {
    let server = Server::start(vec![answer("a1"), answer("a2")]);
    let dir = tempfile::tempdir().unwrap();
    let cmd = Cmd::at(&server);
    let (data, history) = (dir.path().join("data"), dir.path().join("trip.jsonl"));
    let cmd = cmd.env("XDG_DATA_HOME", data.to_str().unwrap());
    let args = ["-s", "sys", "--history", history.to_str().unwrap()];
    let assert = chat(cmd, &args, "q1\n/clear\nq2\n");
    let system = json!({"role": "system", "content": "sys"});
    assert_eq!(sent(&server, 1), json!([system, user("q2")]));
    assert_eq!(
        lines(&history),
        [system.clone(), user("q1"), assistant("a1")]
    );
    let last = data.join("oaichat/last.jsonl");
    assert_eq!(lines(&last), [system, user("q2"), assistant("a2")]);
    let said = format!(
        "kept in {}; the last one stays in {}",
        last.display(),
        history.display()
    );
    assert!(stderr(&assert).contains(&said), "{}", stderr(&assert));
}

#[test]
fn save_writes_json_lines_or_markdown_and_never_replaces_another_file() {
    let server = Server::start(vec![answer("a1"), answer("a2")]);
    let dir = tempfile::tempdir().unwrap();
    let (theirs, d) = (dir.path().join("theirs.md"), dir.path().display());
    std::fs::write(&theirs, "not oaichat's").unwrap();
    let typed = format!(
        "q1\n/save {d}/chat.jsonl\n/save {d}/notes.md\nq2\n/save {d}/notes.md\n/save {d}/theirs.md\n"
    );
    let assert = chat(Cmd::at(&server), &["-s", "sys"], &typed);
    let system = json!({"role": "system", "content": "sys"});
    let saved = lines(&dir.path().join("chat.jsonl"));
    assert_eq!(saved, [system, user("q1"), assistant("a1")]);
    // Saved again: this chat wrote it.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.md")).unwrap(),
        "## system\n\nsys\n\n## user\n\nq1\n\n## assistant\n\na1\n\n## user\n\nq2\n\n\
         ## assistant\n\na2\n\n"
    );
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "not oaichat's");
    let refused = format!(
        "{} exists: /save writes a new file (or one it wrote in this chat); choose another name",
        theirs.display()
    );
    assert_eq!(errors(&assert), [refused]);
}
