//! [`Servers`] against `tests/fixtures/mcp/fault.py`, a hand-written stdio server that
//! fails on purpose: each way it fails is an error or a result, never a panic or a hang,
//! and no process outlives the [`Servers`] that started it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::json;

use super::*;

const WAIT: Duration = Duration::from_secs(20);

fn fault(name: &str, mode: &str, pid_file: Option<&PathBuf>) -> ServerSpec {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mcp/fault.py");
    let mut args = vec![script.to_string(), mode.to_string()];
    if let Some(path) = pid_file {
        args.extend(["--pid-file".into(), path.display().to_string()]);
    }
    let env: BTreeMap<String, String> = std::env::var("PATH")
        .map(|path| [("PATH".to_string(), path)].into())
        .unwrap_or_default();
    ServerSpec {
        name: name.into(),
        transport: Transport::Stdio {
            command: "python3".into(),
            args,
            env,
        },
    }
}

fn start(specs: &[ServerSpec]) -> Servers {
    Servers::start(specs, WAIT).expect("the servers start")
}

fn exposed(servers: &Servers) -> Vec<&str> {
    servers.tools().iter().map(|t| t.exposed.as_str()).collect()
}

/// A server that wrote its process id to a file, and the file.
struct Watched {
    dir: tempfile::TempDir,
}

impl Watched {
    fn new() -> Watched {
        Watched {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    fn pid_file(&self) -> PathBuf {
        self.dir.path().join("pid")
    }

    /// Whether the server's process still runs (a zombie has ended).
    fn running(&self) -> bool {
        let pid = std::fs::read_to_string(self.pid_file()).expect("the server wrote its pid");
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()));
        let state = |stat: &str| {
            stat.rsplit(')')
                .next()
                .map(|rest| rest.trim().starts_with('Z'))
        };
        stat.is_ok_and(|stat| state(&stat) == Some(false))
    }
}

#[test]
fn a_working_server_s_tools_are_listed_and_called() {
    let mut servers = start(&[fault("ok", "ok", None)]);
    assert_eq!(exposed(&servers), ["echo", "add"]);
    let echo = &servers.tools()[0];
    assert_eq!(echo.description.as_deref(), Some("Says the message back."));
    assert_eq!(echo.input_schema["properties"]["message"]["type"], "string");
    let said = servers
        .call("echo", json!({"message": "안녕"}), WAIT)
        .unwrap();
    assert_eq!(
        said,
        CallResult {
            text: "안녕".into(),
            is_error: false
        }
    );
    let sum = servers.call("add", json!({"a": 2, "b": 3}), WAIT).unwrap();
    assert_eq!(sum.text, "5");
}

#[test]
fn every_page_of_tools_is_listed_and_an_empty_list_is_no_tools() {
    let servers = start(&[fault("paged", "paged", None), fault("empty", "empty", None)]);
    assert_eq!(exposed(&servers), ["first", "second"]);
}

#[test]
fn two_servers_with_the_same_tool_get_prefixed_names_and_calls_reach_each() {
    let mut servers = start(&[fault("one", "ok", None), fault("two", "error", None)]);
    assert_eq!(exposed(&servers), ["echo", "add", "fail"]);
    let mut shared = start(&[fault("one", "ok", None), fault("two", "ok", None)]);
    assert_eq!(
        exposed(&shared),
        ["one__echo", "one__add", "two__echo", "two__add"]
    );
    let said = shared
        .call("two__echo", json!({"message": "hi"}), WAIT)
        .unwrap();
    assert_eq!(said.text, "hi");
    let unknown = servers.call("echo2", json!({}), WAIT).unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "no MCP server offers a tool named echo2"
    );
}

#[test]
fn an_error_result_and_a_refused_call_are_results_marked_as_errors() {
    let mut servers = start(&[fault("error", "error", None), fault("ok", "ok", None)]);
    let failed = servers.call("fail", json!({}), WAIT).unwrap();
    assert_eq!(
        failed,
        CallResult {
            text: "the tool failed on purpose".into(),
            is_error: true
        }
    );
    let arguments = servers.call("echo", json!([1]), WAIT).unwrap_err();
    assert!(
        matches!(arguments, McpError::Arguments { .. }),
        "{arguments}"
    );
}

#[test]
fn a_crash_mid_call_is_an_error_with_the_exit_status_and_stderr_and_later_calls_fail_fast() {
    let watched = Watched::new();
    let mut servers = start(&[fault("crash", "crash", Some(&watched.pid_file()))]);
    let crashed = servers.call("boom", json!({}), WAIT).unwrap_err();
    let said = crashed.to_string();
    assert!(
        said.starts_with("MCP server crash exited (exit status: 3) while running tool boom"),
        "{said}"
    );
    assert!(said.ends_with("fault: about to crash"), "{said}");
    assert!(!watched.running());
    let again = servers.call("boom", json!({}), WAIT).unwrap_err();
    assert!(matches!(again, McpError::Gone { .. }), "{again}");
}

#[test]
fn a_call_that_hangs_times_out_and_dropping_the_servers_ends_the_server() {
    let watched = Watched::new();
    let mut servers = start(&[fault("hang", "hang", Some(&watched.pid_file()))]);
    let began = Instant::now();
    let slow = servers
        .call("wait", json!({}), Duration::from_millis(300))
        .unwrap_err();
    assert!(began.elapsed() < Duration::from_secs(5));
    assert!(
        slow.to_string()
            .starts_with("MCP server hang did not answer within 0.3s while running tool wait"),
        "{slow}"
    );
    assert!(watched.running(), "a slow tool does not end its server");
    drop(servers);
    assert!(!watched.running());
}

#[test]
fn a_server_that_exits_or_hangs_at_start_is_an_error_and_is_ended() {
    let exits = Servers::start(&[fault("early", "exit-start", None)], WAIT)
        .err()
        .unwrap();
    assert_eq!(
        exits.to_string(),
        "MCP server early exited (exit status: 1) while starting; its stderr ended: fault: \
         starting in mode exit-start | fault: cannot start: no configuration"
    );
    let watched = Watched::new();
    let spec = fault("mute", "hang-start", Some(&watched.pid_file()));
    // Alone: beside it, a working server could itself miss so short a wait on a loaded
    // machine, and be the error named first.
    let hangs = Servers::start(&[spec], Duration::from_millis(500));
    let hangs = hangs.err().unwrap();
    assert!(
        hangs
            .to_string()
            .starts_with("MCP server mute did not answer within 0.5s while starting"),
        "{hangs}"
    );
    assert!(!watched.running());
}

#[test]
fn a_program_that_cannot_run_is_named() {
    let mut spec = fault("gone", "ok", None);
    if let Transport::Stdio { command, .. } = &mut spec.transport {
        *command = "/no/such/oaichat-mcp-server".into();
    }
    let missing = Servers::start(&[spec], WAIT).err().unwrap();
    assert!(
        missing
            .to_string()
            .starts_with("MCP server gone: cannot run `/no/such/oaichat-mcp-server`: No such file"),
        "{missing}"
    );
}
