//! MCP servers' tools in a run: offered to the model with the request, called when the
//! model asks (with consent, as command tools are), their failures answered to the model.

use serde_json::{Value, json};

use crate::support::mcp::{everything_stdio, fault, path};
use crate::support::*;
use crate::tools::{call_then, result_sent};

fn with_mcp(server: &Server, mcp: &str) -> Cmd {
    Cmd::at(server).env("PATH", &path()).args(["--mcp", mcp])
}

#[test]
fn a_servers_tools_are_offered_and_called_and_the_answer_follows() {
    let server = Server::start(call_then("echo", r#"{"message":"안녕"}"#, "It said 안녕."));
    let assert = with_mcp(&server, &fault("ok"))
        .args(["--yes", "say hi"])
        .run()
        .success()
        .stdout("It said 안녕.\n");
    assert!(
        stderr(&assert).contains("→ echo {\"message\":\"안녕\"}"),
        "{}",
        stderr(&assert)
    );
    let offered = server.requests()[0].json();
    let names: Vec<&Value> = (offered["tools"].as_array().unwrap().iter())
        .map(|t| &t["function"]["name"])
        .collect();
    assert_eq!(names, [&json!("echo"), &json!("add")]);
    assert_eq!(
        offered["tools"][0]["function"]["description"],
        "Says the message back."
    );
    assert_eq!(result_sent(&server), "안녕");
}

#[test]
fn the_reference_servers_echo_is_called_over_stdio() {
    let server = Server::start(call_then("echo", r#"{"message":"hello"}"#, "Done."));
    with_mcp(&server, &everything_stdio())
        .args(["--yes", "echo hello"])
        .run()
        .success()
        .stdout("Done.\n");
    let result = result_sent(&server);
    assert!(result.contains("hello"), "{result}");
}

#[test]
fn an_error_result_and_a_crash_are_answered_to_the_model() {
    let server = Server::start(call_then("fail", "{}", "It failed."));
    with_mcp(&server, &fault("error"))
        .args(["--yes", "try"])
        .run()
        .success();
    assert_eq!(result_sent(&server), "the tool failed on purpose");
    let server = Server::start(call_then("boom", "{}", "It crashed."));
    let assert = with_mcp(&server, &fault("crash"))
        .args(["--yes", "try"])
        .run()
        .success()
        .stdout("It crashed.\n");
    let result = result_sent(&server);
    assert!(result.starts_with("the tool failed: "), "{result}");
    assert!(result.contains("about to crash"), "{result}");
    assert!(
        stderr(&assert).contains("boom: failed"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn invalid_arguments_are_not_sent_to_the_server() {
    let server = Server::start(call_then("echo", "{\"message\":", "Sorry."));
    with_mcp(&server, &fault("ok"))
        .args(["--yes", "try"])
        .run()
        .success();
    let result = result_sent(&server);
    assert!(
        result.starts_with("the arguments are not valid JSON"),
        "{result}"
    );
}

#[test]
fn without_consent_the_calls_are_printed_as_data() {
    let server = Server::start(call_then("add", r#"{"a":1,"b":2}"#, "unused"));
    with_mcp(&server, &fault("ok"))
        .args(["add"])
        .run()
        .code(10)
        .stdout("{\"id\":\"call_1\",\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}\n");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_server_that_fails_to_start_stops_the_run_before_anything_is_sent() {
    let server = Server::start(vec![]);
    let assert = with_mcp(&server, &fault("exit-start"))
        .args(["hi"])
        .run()
        .code(6);
    assert!(
        stderr(&assert).starts_with("oaichat: error: "),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_tool_named_twice_by_tools_and_a_server_is_refused() {
    let server = Server::start(vec![]);
    let assert = with_mcp(&server, &fault("ok"))
        .args(["--tools", r#"{"name":"echo"}"#, "hi"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("offered by the MCP server"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}

#[test]
fn ctrl_c_while_the_model_answers_leaves_no_server_behind() {
    use crate::support::mcp::{fault_with_pid, pid_in, running, wait_for};
    use std::process::{Command, Stdio};
    use std::time::Duration;
    let (gate, wait) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![wait])]);
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let mut oaichat = Command::new(assert_cmd::cargo::cargo_bin!("oaichat"))
        .env_clear()
        .env("PATH", path())
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .args([
            "--mcp",
            &fault_with_pid("ok", &pid_file),
            "--no-stdin",
            "--stream",
            "hi",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let server_pid = pid_in(&pid_file);
    // The request is out (the MCP server started first): the model is "answering".
    wait_for(Duration::from_secs(10), || {
        (!server.requests().is_empty()).then_some(())
    });
    let pid = oaichat.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = wait_for(Duration::from_secs(10), || oaichat.try_wait().unwrap());
    assert_eq!(status.code(), Some(130));
    wait_for(Duration::from_secs(5), || {
        (!running(server_pid)).then_some(())
    });
    gate.open();
}

#[test]
fn a_remote_server_over_plain_http_is_refused() {
    let toml = "[mcp.remote]\nurl = \"http://mcp.example.com/mcp\"\nheaders = { Authorization = \"Bearer t\" }\n";
    for args in [&["mcp", "list"][..], &["hi"]] {
        let assert = Cmd::with_config(toml).args(args).run().code(2);
        assert_eq!(
            stderr(&assert),
            "oaichat: error: refusing to reach the MCP server remote over plain http at \
             mcp.example.com: its headers and the tools' arguments would cross the network \
             readable; use https://, or pass --allow-insecure-http if that network is trusted\n"
        );
    }
}

#[test]
fn a_call_that_hangs_is_answered_as_timed_out_and_a_server_without_tools_offers_none() {
    let server = Server::start(call_then("wait", "{}", "Gave up."));
    with_mcp(&server, &fault("hang"))
        .args(["--yes", "--tool-timeout", "0.5", "try"])
        .run()
        .success()
        .stdout("Gave up.\n");
    let result = result_sent(&server);
    assert!(result.starts_with("the tool failed: "), "{result}");
    let server = Server::start(vec![answer("ok")]);
    with_mcp(&server, &fault("empty"))
        .args(["hi"])
        .run()
        .success();
    assert!(server.request().json().get("tools").is_none());
}
