//! Timeouts (issue #3): `--connect-timeout`, `--timeout` and `--idle-timeout` each end a
//! request that hangs where it applies, with exit 7 and the flag to raise; none of them
//! delays a quick answer.

use std::time::Duration;

use crate::support::*;

/// `--timeout 0` and `--timeout -1` are told the same range, for every timeout flag.
#[test]
fn zero_and_negative_timeouts_get_the_same_message() {
    for flag in ["--timeout", "--connect-timeout", "--idle-timeout"] {
        let message = |value: &str| {
            let assert = Cmd::new().args([flag, value, "hi"]).run().code(2);
            let err = stderr(&assert);
            let line = err.lines().next().unwrap_or_default().to_string();
            line.replace(&format!("'{value}'"), "VALUE")
        };
        let zero = message("0");
        assert_eq!(zero, message("-1"));
        assert!(zero.contains("more than 0 and at most 86400"), "{zero}");
    }
}

/// A listener whose accept queue is full drops new SYNs, so connecting hangs: exactly what
/// --connect-timeout is for. (Loopback only; the queue is filled by the test itself.)
#[test]
fn a_connect_that_hangs_ends_with_the_connect_timeout() {
    use std::net::{TcpListener, TcpStream};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut held = Vec::new();
    for _ in 0..1024 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(100)) {
            Ok(stream) => held.push(stream),
            Err(_) => break, // the queue is full: new connections now hang
        }
    }
    let assert = Cmd::new()
        .env("OPENAI_BASE_URL", &format!("http://{addr}/v1"))
        .args(["--connect-timeout", "0.3", "--max-retries", "0", "hi"])
        .run()
        .code(7);
    let err = stderr(&assert);
    assert!(
        err.contains("within 0.3s: raise --connect-timeout"),
        "{err}"
    );
    drop(listener);
}

#[test]
fn a_server_that_does_not_answer_in_time_is_exit_7() {
    let (_gate, never) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![never])]);
    // The stalled reply has sent its headers; the body never comes.
    let assert = Cmd::at(&server)
        .args(["--timeout", "0.5", "hi"])
        .run()
        .code(7);
    assert!(
        stderr(&assert).contains("raise --timeout"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn a_stream_that_stalls_ends_with_the_idle_timeout() {
    let (_gate, never) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(delta("so far").into_bytes()),
        never,
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "--idle-timeout", "0.5", "hi"])
        .run()
        .code(7)
        .stdout("so far\n");
    let err = stderr(&assert);
    assert!(
        err.contains("silent for 0.5s: raise --idle-timeout"),
        "{err}"
    );
    // Text had been printed: a retry would duplicate it, so there is none.
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn no_timeout_slower_than_the_limit_is_needed_for_a_quick_answer() {
    // --timeout bounds the request, it does not delay it: a prompt answer still succeeds.
    let server = Server::start(vec![answer("quick")]);
    Cmd::at(&server)
        .args(["--timeout", "5", "hi"])
        .timeout(Duration::from_secs(30))
        .run()
        .success()
        .stdout("quick\n");
}
