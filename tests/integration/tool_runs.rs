//! Tools oaichat runs: command tools with their arguments, failures, timeouts and huge
//! output as results, the round limit, the README's shell loop, consent on a terminal,
//! and the chat.

use serde_json::{Value, json};

use crate::support::*;
use crate::tools::{WEATHER, call, call_then, calls_reply, lines, result_sent};

/// One call of get_weather for Seoul, then (after its result) a text answer.
fn seoul_then(answer_text: &str) -> Vec<Reply> {
    call_then("get_weather", r#"{"city":"Seoul"}"#, answer_text)
}

fn run_with(server: &Server, command: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    Cmd::at(server)
        .args([
            "--tools",
            WEATHER,
            "--tool-cmd",
            &format!("get_weather={command}"),
        ])
        .args(extra)
        .args(["weather?"])
        .run()
}

#[test]
fn a_command_tool_runs_with_the_arguments_and_the_answer_follows() {
    let server = Server::start(seoul_then("Sunny in Seoul."));
    let command = r#"sh -c 'printf "stdin=%s env=%s" "$(cat)" "$OAICHAT_TOOL_ARGS"'"#;
    let assert = run_with(&server, command, &["--yes"])
        .success()
        .stdout("Sunny in Seoul.\n");
    assert_eq!(
        stderr(&assert),
        "oaichat: → get_weather {\"city\":\"Seoul\"}\n"
    );
    let args = r#"{"city":"Seoul"}"#;
    assert_eq!(result_sent(&server), format!("stdin={args} env={args}"));
}

#[test]
fn a_definitions_own_command_runs_too() {
    let server = Server::start(seoul_then("ok"));
    let mut tool: Value = serde_json::from_str(WEATHER).unwrap();
    tool["command"] = json!(["echo", "21 C"]);
    Cmd::at(&server)
        .args(["--tools", &tool.to_string(), "--yes", "weather?"])
        .run()
        .success()
        .stdout("ok\n");
    assert_eq!(result_sent(&server), "21 C\n");
}

#[test]
fn without_a_terminal_or_yes_no_tool_runs_and_the_calls_are_printed() {
    let server = Server::start(seoul_then("unused"));
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("ran");
    let command = format!("touch {}", marker.display());
    let assert = run_with(&server, &command, &[]).code(10).stdout(
        "{\"id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Seoul\"}}\n",
    );
    assert!(!marker.exists(), "the command did not run");
    let said = "oaichat: no terminal to ask on before running the tools: --yes runs them\n";
    assert!(stderr(&assert).starts_with(said), "{}", stderr(&assert));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_failing_command_is_a_result_that_says_so() {
    let server = Server::start(seoul_then("Sorry, no weather."));
    let command = r#"sh -c 'echo partial; echo "no network" >&2; exit 3'"#;
    let assert = run_with(&server, command, &["--yes"])
        .success()
        .stdout("Sorry, no weather.\n");
    assert!(
        stderr(&assert).contains("get_weather: failed"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(
        result_sent(&server),
        "the tool's command exited with code 3\nits output:\npartial\nthe last lines of its stderr:\nno network"
    );
}

#[test]
fn a_command_that_hangs_is_stopped_at_the_timeout() {
    let server = Server::start(seoul_then("Timed out."));
    run_with(&server, "sleep 30", &["--yes", "--tool-timeout", "0.3"]).success();
    assert_eq!(
        result_sent(&server),
        "the tool's command did not finish in 0.3 s and was stopped"
    );
}

#[test]
fn a_command_that_cannot_start_is_a_result_too() {
    let server = Server::start(seoul_then("No tool."));
    run_with(&server, "/nonexistent/weather", &["--yes"]).success();
    let result = result_sent(&server);
    assert!(
        result.starts_with("the tool's command /nonexistent/weather could not start"),
        "{result}"
    );
}

#[test]
fn a_huge_output_is_cut_at_a_megabyte_with_a_note() {
    let server = Server::start(seoul_then("Big."));
    // A model whose window takes a megabyte of zeros (half a million tokens).
    run_with(
        &server,
        "head -c 1100000 /dev/zero",
        &["--yes", "-m", "gpt-4.1"],
    )
    .success();
    let result = result_sent(&server);
    assert_eq!(
        result.len(),
        1024 * 1024 + "\n[output cut at 1 MB: 51424 more bytes not shown]".len()
    );
    assert!(result.ends_with("\n[output cut at 1 MB: 51424 more bytes not shown]"));
}

#[test]
fn rounds_stop_at_the_limit_with_the_pending_calls_printed() {
    let again = || {
        calls_reply(
            json!(null),
            vec![call("call_1", "get_weather", r#"{"city":"Seoul"}"#)],
        )
    };
    let server = Server::start(vec![again(), again(), answer("unused")]);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("t.jsonl");
    let h = history.to_str().unwrap();
    let assert = run_with(
        &server,
        "echo 21",
        &["--yes", "--max-tool-rounds", "1", "--history", h],
    )
    .code(10)
    .stdout("{\"id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Seoul\"}}\n");
    assert!(
        stderr(&assert).contains("stopped after 1 rounds of tool calls (--max-tool-rounds)"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(server.requests().len(), 2);
    assert_tool_round_saved(&history);
}

/// The README's loop, as written, with a weather script of its own (and a stand-in for
/// `jq -r .id` where jq is not installed).
#[test]
fn the_readmes_shell_loop_runs_the_calls_and_prints_the_answer() {
    let first = calls_reply(
        json!(null),
        vec![
            call("call_s", "get_weather", r#"{"city":"Seoul"}"#),
            call("call_b", "get_weather", r#"{"city":"Busan"}"#),
        ],
    );
    let server = Server::start(vec![first, answer("Seoul 21, Busan 24.")]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("weather.json"), WEATHER).unwrap();
    let weather = dir.path().join("weather.sh");
    std::fs::write(
        &weather,
        "#!/bin/sh\ncase \"$(cat)\" in *Seoul*) echo 21;; *) echo 24;; esac\n",
    )
    .unwrap();
    std::fs::set_permissions(
        &weather,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("oaichat --history t.jsonl --tools weather.json")
        .unwrap();
    let script = &readme[start..start + readme[start..].find("```").unwrap()];
    let jq = "command -v jq >/dev/null || jq() { python3 -c 'import json,sys; print(json.load(sys.stdin)[\"id\"])'; }\n";
    let bin = assert_cmd::cargo::cargo_bin("oaichat");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "oaichat() {{ '{}' \"$@\"; }}\n{jq}{script}",
            bin.display()
        ))
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Seoul 21, Busan 24.\n"
    );
    let sent = server.requests()[1].json();
    let results: Vec<(Value, Value)> = (sent["messages"].as_array().unwrap().iter())
        .filter(|m| m["role"] == "tool")
        .map(|m| (m["tool_call_id"].clone(), m["content"].clone()))
        .collect();
    assert_eq!(
        results,
        [
            (json!("call_s"), json!("21")),
            (json!("call_b"), json!("24"))
        ]
    );
}

#[test]
fn on_a_terminal_each_call_is_asked_about_and_always_stops_the_asking() {
    let three = calls_reply(
        json!(null),
        vec![
            call("call_1", "get_weather", r#"{"city":"Seoul"}"#),
            call("call_2", "get_weather", r#"{"city":"Busan"}"#),
            call("call_3", "get_weather", r#"{"city":"Jeju"}"#),
        ],
    );
    let server = Server::start(vec![three, answer("Done.")]);
    let args = [
        "--tools",
        WEATHER,
        "--tool-cmd",
        "get_weather=echo fine",
        "weather?",
    ];
    // No to the first, always to the second: the third is not asked about.
    let screen = on_a_terminal(&server, &args, "n\na\n");
    assert_eq!(
        screen.matches("oaichat: run get_weather").count(),
        2,
        "{screen}"
    );
    assert!(
        screen.contains("✗ get_weather {\"city\":\"Seoul\"} (refused)"),
        "{screen}"
    );
    assert!(screen.contains("Done."), "{screen}");
    let sent = server.requests()[1].json();
    let results: Vec<Value> = (sent["messages"].as_array().unwrap().iter())
        .filter(|m| m["role"] == "tool")
        .map(|m| m["content"].clone())
        .collect();
    assert_eq!(
        results,
        [
            json!("The user refused to run this call."),
            json!("fine\n"),
            json!("fine\n")
        ]
    );
}

#[test]
fn the_chat_runs_command_tools_and_keeps_the_tool_turns() {
    let server = Server::start(seoul_then("Sunny."));
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("chat.jsonl");
    let assert = Cmd::at(&server)
        .args(["-i", "--yes", "--history", history.to_str().unwrap()])
        .args(["--tools", WEATHER, "--tool-cmd", "get_weather=echo 21"])
        .stdin("weather?\n")
        .run()
        .success();
    assert!(stdout(&assert).contains("Sunny."), "{}", stdout(&assert));
    assert!(stderr(&assert).contains("→ get_weather {\"city\":\"Seoul\"}"));
    assert_tool_round_saved(&history);
    assert_eq!(lines(&history)[2]["content"], "21\n");
}

#[test]
fn the_chat_names_calls_it_cannot_run_and_goes_on() {
    let server = Server::start(vec![
        calls_reply(json!(null), vec![call("call_1", "get_weather", "{}")]),
        answer("Fine."),
    ]);
    let assert = Cmd::at(&server)
        .args(["-i", "--tools", WEATHER])
        .stdin("weather?\nthanks\n")
        .run()
        .success();
    assert!(stdout(&assert).contains("Fine."), "{}", stdout(&assert));
    let err = stderr(&assert);
    assert!(
        err.contains("error: the model asked to call the tool get_weather"),
        "{err}"
    );
    let second = server.requests()[1].json();
    let roles: Vec<Value> = (second["messages"].as_array().unwrap().iter())
        .map(|m| m["role"].clone())
        .collect();
    assert_eq!(
        roles,
        [json!("user")],
        "the unanswered question is not kept"
    );
}

/// The history holds one round: the question, the calls, their result, the answer.
fn assert_tool_round_saved(history: &std::path::Path) {
    let roles: Vec<Value> = lines(history).iter().map(|m| m["role"].clone()).collect();
    let round = ["user", "assistant", "tool", "assistant"].map(Value::from);
    assert_eq!(roles, round);
}
