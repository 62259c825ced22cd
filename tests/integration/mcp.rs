//! MCP servers: `oaichat mcp list` against the reference server (over stdio and streamable
//! HTTP) and against servers that fail on purpose, servers from `--mcp` and from the config
//! file, and no server process left behind, even after Ctrl-C.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::mcp::*;
use crate::support::*;

/// `oaichat mcp list` with the test's PATH (to find python3 and node) and no key.
fn list(cmd: Cmd) -> Cmd {
    cmd.env("PATH", &path())
        .env_remove("OPENAI_API_KEY")
        .args(["mcp", "list"])
}

#[test]
fn mcp_list_prints_the_reference_server_s_tools_over_stdio_without_a_key() {
    let listed = list(Cmd::new())
        .args(["--mcp", &everything_stdio()])
        .run()
        .success();
    let out = stdout(&listed);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("everything: 13 tools"), "{out}");
    assert!(
        out.contains("\n  echo: Echoes back the input string\n"),
        "{out}"
    );
    assert!(
        out.contains("\n  get-sum: Returns the sum of two numbers\n"),
        "{out}"
    );
    assert_eq!(stderr(&listed), "");
}

#[test]
fn mcp_list_reaches_a_streamable_http_server_named_in_the_config_file() {
    let server = HttpEverything::start();
    let config = format!("[mcp.web]\nurl = \"{}\"\n", server.url());
    let listed = list(Cmd::with_config(&config)).run().success();
    let out = stdout(&listed);
    assert!(out.starts_with("web: 13 tools\n  echo: "), "{out}");
}

#[test]
fn an_http_server_that_is_not_there_is_named_with_the_cause() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let config = format!("[mcp.web]\nurl = \"http://127.0.0.1:{port}/mcp\"\n");
    let listed = list(Cmd::with_config(&config)).run().code(6);
    assert_eq!(
        stderr(&listed),
        format!(
            "oaichat: error: MCP server web failed while starting: error sending request for \
             url (http://127.0.0.1:{port}/mcp): client error (Connect): tcp connect error: \
             Connection refused (os error 111)\n"
        )
    );
}

#[test]
fn file_servers_come_first_by_name_and_flags_add_to_them() {
    let config = format!(
        "[mcp.zeta]\ncommand = \"python3\"\nargs = [\"{dir}/fault.py\", \"error\"]\n\
         [mcp.alpha]\ncommand = \"python3\"\nargs = [\"{dir}/fault.py\", \"empty\"]\n",
        dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mcp")
    );
    let listed = list(Cmd::with_config(&config))
        .args(["--mcp", &fault("crash"), "--mcp", &fault("hang")])
        .run()
        .success();
    assert_eq!(
        stdout(&listed),
        "alpha: no tools\n\
         \n\
         zeta: 1 tool\n  fail: Always fails.\n\
         \n\
         fault: 1 tool\n  boom: Crashes the server.\n\
         \n\
         fault-2: 1 tool\n  wait: Never answers.\n"
    );
    // --no-config leaves the file's servers out.
    let flags_only = list(Cmd::with_config(&config))
        .args(["--no-config", "--mcp", &fault("ok")])
        .run()
        .success();
    assert!(stdout(&flags_only).starts_with("fault: 2 tools\n"));
}

#[test]
fn two_servers_with_the_same_tools_show_the_names_the_model_gets() {
    let listed = list(Cmd::new())
        .args(["--mcp", &fault("ok"), "--mcp", &fault("ok")])
        .run()
        .success();
    assert_eq!(
        stdout(&listed),
        "fault: 2 tools\n  fault__echo (echo on the server): Says the message back.\n  \
         fault__add (add on the server): Adds a and b.\n\n\
         fault-2: 2 tools\n  fault-2__echo (echo on the server): Says the message back.\n  \
         fault-2__add (add on the server): Adds a and b.\n"
    );
}

#[test]
fn a_server_that_dies_at_start_is_one_error_line_with_its_stderr_and_exit_6() {
    let listed = list(Cmd::new())
        .args(["--mcp", &fault("exit-start"), "--mcp", &fault("ok")])
        .run()
        .code(6);
    assert!(
        stdout(&listed).starts_with("fault-2: 2 tools\n"),
        "the others are listed"
    );
    assert_eq!(
        stderr(&listed),
        "oaichat: error: MCP server fault exited (exit status: 1) while starting; its stderr \
         ended: fault: starting in mode exit-start | fault: cannot start: no configuration\n"
    );
}

#[test]
fn a_server_that_hangs_at_start_times_out_at_the_connect_timeout_and_is_ended() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let began = Instant::now();
    let listed = list(Cmd::new())
        .args(["--connect-timeout", "1"])
        .args(["--mcp", &fault_with_pid("hang-start", &pid_file)])
        .run()
        .code(6);
    assert!(began.elapsed() < Duration::from_secs(10));
    let err = stderr(&listed);
    assert!(
        err.starts_with(
            "oaichat: error: MCP server fault did not answer within 1s while starting; its \
             stderr ended: fault: starting in mode hang-start"
        ),
        "{err}"
    );
    assert!(!running(pid_in(&pid_file)));
}

#[test]
fn a_program_that_cannot_run_or_a_bad_flag_is_a_usage_error() {
    let missing = list(Cmd::new())
        .args(["--mcp", "no-such-mcp-server --stdio"])
        .run()
        .code(2);
    assert_eq!(
        stderr(&missing),
        "oaichat: error: MCP server no-such: cannot run `no-such-mcp-server`: No such file or \
         directory (os error 2)\n"
    );
    let unclosed = list(Cmd::new()).args(["--mcp", "npx 'x"]).run().code(2);
    assert!(stderr(&unclosed).contains("--mcp `npx 'x` is empty or has an unclosed quote"));
    let none = list(Cmd::new()).run().code(2);
    assert!(stderr(&none).contains("no MCP server to list"));
    let both = list(Cmd::with_config(
        "[mcp.x]\ncommand = \"a\"\nurl = \"http://h/mcp\"\n",
    ))
    .run()
    .code(2);
    assert!(
        stderr(&both).contains("line 1: give `command` (a program to start) or `url`"),
        "{}",
        stderr(&both)
    );
}

/// A closed stdout (`| head -1`) ends oaichat quietly, and through its normal return, so
/// the server is shut down: this one ignores the end of its stdin and SIGTERM, so only
/// the final SIGKILL to its group ends it.
#[test]
fn a_closed_pipe_ends_oaichat_quietly_and_the_server_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let mut oaichat = Command::new(assert_cmd::cargo::cargo_bin!("oaichat"))
        .env_clear()
        .env("PATH", path())
        .current_dir(dir.path())
        .args([
            "mcp",
            "list",
            "--mcp",
            &fault_with_pid("stubborn", &pid_file),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(oaichat.stdout.take());
    let output = oaichat.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(!running(pid_in(&pid_file)));
}

/// Ctrl-C while a server starts: oaichat exits 130 and ends the server, here a grandchild
/// behind a shell (as `npx` starts one), which only a signal to its process group reaches.
#[test]
fn ctrl_c_leaves_no_server_process_behind() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    // `; exit` keeps sh from replacing itself with python: python is sh's child.
    let server = format!("sh -c '{}; exit'", fault_with_pid("hang-start", &pid_file));
    let mut oaichat = Command::new(assert_cmd::cargo::cargo_bin!("oaichat"))
        .env_clear()
        .env("PATH", path())
        .current_dir(dir.path())
        .args(["mcp", "list", "--mcp", &server])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let server_pid = pid_in(&pid_file);
    assert!(running(server_pid));
    let interrupted = Command::new("kill")
        .args(["-INT", &oaichat.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let status = wait_for(Duration::from_secs(10), || oaichat.try_wait().unwrap());
    assert_eq!(status.code(), Some(130));
    let output = oaichat.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "oaichat: interrupted\n"
    );
    wait_for(Duration::from_secs(5), || {
        (!running(server_pid)).then_some(())
    });
}

/// The library's calls, which the tool loop makes, against the reference server over both
/// transports: text comes back as it is, an image is named with its type and size.
#[test]
fn the_reference_server_s_tools_are_called_over_stdio_and_http() {
    use oaichat::mcp::{ServerSpec, Servers, Transport};
    use serde_json::json;
    let entry = server_everything();
    let http = HttpEverything::start();
    let env = [("PATH".to_string(), path())].into();
    let specs = [
        ServerSpec {
            name: "local".into(),
            transport: Transport::Stdio {
                command: "node".into(),
                args: vec![entry.display().to_string(), "stdio".into()],
                env,
            },
        },
        ServerSpec {
            name: "web".into(),
            transport: Transport::Http {
                url: http.url(),
                headers: vec![("X-Test".into(), "1".into())],
            },
        },
    ];
    let wait = Duration::from_secs(30);
    let mut servers = Servers::start(&specs, wait).unwrap();
    let names: Vec<&str> = servers.tools().iter().map(|t| t.exposed.as_str()).collect();
    assert!(
        names.contains(&"local__echo") && names.contains(&"web__echo"),
        "{names:?}"
    );
    for echo in ["local__echo", "web__echo"] {
        let said = servers
            .call(echo, json!({"message": "안녕"}), wait)
            .unwrap();
        assert_eq!(said.text, "Echo: 안녕");
        assert!(!said.is_error);
    }
    let sum = servers
        .call("web__get-sum", json!({"a": 2, "b": 3}), wait)
        .unwrap();
    assert!(sum.text.contains('5'), "{}", sum.text);
    let image = servers
        .call("local__get-tiny-image", json!({}), wait)
        .unwrap();
    let lines: Vec<&str> = image.text.lines().collect();
    assert_eq!(lines[0], "Here's the image you requested:");
    assert!(lines[1].starts_with("[image image/png, ") && lines[1].ends_with(" bytes]"));
    servers.shutdown();
}
