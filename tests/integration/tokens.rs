//! Tokens counted before sending (issue #4): `--dry-run` prints the body and its count,
//! a prompt beyond the context window is refused, and `--history-limit` drops the oldest
//! whole turns.

use serde_json::{Value, json};

use crate::support::*;

/// Test paths live in temporary directories with ASCII names.
fn text(path: &std::path::Path) -> String {
    path.to_str().expect("a UTF-8 temporary path").to_string()
}

#[test]
fn dry_run_prints_the_exact_body_and_sends_nothing_even_without_a_key() {
    let server = Server::start(vec![]);
    let assert = Cmd::at(&server)
        .env_remove("OPENAI_API_KEY")
        .args([
            "--dry-run",
            "-m",
            "gpt-4o",
            "-s",
            "You are terse.",
            "--json",
            "Hello, world!",
        ])
        .run()
        .success();
    let body: Value = serde_json::from_str(&stdout(&assert)).expect("stdout is the JSON body");
    assert_eq!(
        body,
        json!({
            "model": "gpt-4o",
            "messages": [
                {"role": "system", "content": "You are terse."},
                {"role": "system", "content": "Respond with a single valid JSON object."},
                {"role": "user", "content": "Hello, world!"}
            ],
            "response_format": {"type": "json_object"}
        })
    );
    // 3 per message and 3 for the reply, around texts counted by the (unit-tested) encoder;
    // "Hello, world!" is 4 tokens in o200k_base.
    use oaichat::tokens::Encoding;
    let texts = Encoding::O200k.count("You are terse.")
        + Encoding::O200k.count(oaichat::api::request::JSON_INSTRUCTION);
    let expected = 3 * 3 + 3 + texts + 4;
    let err = stderr(&assert);
    assert!(
        err.contains(&format!("prompt {expected} tokens (o200k_base)")),
        "{err}"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_prompt_beyond_the_context_window_is_refused_with_the_numbers() {
    let server = Server::start(vec![]);
    let long: String = (0..5000).map(|i| format!("word{i} ")).collect();
    let assert = Cmd::at(&server)
        .args(["-m", "gpt-4", "--max-tokens", "500"])
        .stdin(long)
        .run()
        .code(2);
    let err = stderr(&assert);
    assert!(
        err.contains("plus 500 for the answer and gpt-4's context window is 8192"),
        "{err}"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn history_limit_drops_the_oldest_turns_but_not_system_or_prompt() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::at(&server);
    let filler = "lorem ipsum dolor sit amet ".repeat(40); // about 200 tokens
    let history: String = [
        json!({"role": "system", "content": "sys"}),
        json!({"role": "user", "content": format!("old {filler}")}),
        json!({"role": "assistant", "content": format!("older answer {filler}")}),
        json!({"role": "user", "content": "recent"}),
        json!({"role": "assistant", "content": "recent answer"}),
    ]
    .iter()
    .map(|m| format!("{m}\n"))
    .collect();
    let path = cmd.file("h.jsonl", history);
    let assert = cmd
        .args([
            "-v",
            "--history-limit",
            "100",
            "--history",
            &text(&path),
            "now",
        ])
        .run()
        .success();
    assert_eq!(
        server.request().json()["messages"],
        json!([
            {"role": "system", "content": "sys"},
            {"role": "user", "content": "recent"},
            {"role": "assistant", "content": "recent answer"},
            {"role": "user", "content": "now"}
        ])
    );
    assert!(
        stderr(&assert).contains("dropped the 2 oldest message(s)"),
        "{}",
        stderr(&assert)
    );
}

/// Dropping only the long question would fit, but would leave its answer first: a
/// conversation strict chat templates reject. The turn goes whole.
#[test]
fn history_limit_never_drops_half_a_turn() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::at(&server);
    let filler = "lorem ipsum dolor sit amet ".repeat(40);
    let history: String = [
        json!({"role": "user", "content": format!("old {filler}")}),
        json!({"role": "assistant", "content": "short old answer"}),
        json!({"role": "user", "content": "recent"}),
        json!({"role": "assistant", "content": "recent answer"}),
    ]
    .iter()
    .map(|m| format!("{m}\n"))
    .collect();
    let path = cmd.file("h.jsonl", history);
    cmd.args(["--history-limit", "100", "--history", &text(&path), "now"])
        .run()
        .success();
    let roles: Vec<Value> = server.request().json()["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].clone())
        .collect();
    assert_eq!(roles, [json!("user"), json!("assistant"), json!("user")]);
}

#[test]
fn history_limit_below_the_system_message_and_prompt_is_refused() {
    let server = Server::start(vec![]);
    let assert = Cmd::at(&server)
        .args([
            "-s",
            "a long system message of many words",
            "--history-limit",
            "5",
        ])
        .args(["now"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("--history-limit 5: the system message and the prompt alone"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}
