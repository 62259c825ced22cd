//! Surviving the real network: retries, timeouts, Ctrl-C, hostile bodies (issue #3).
//!
//! Waits are driven by the server's `retry-after-ms` where the test is not about the
//! backoff itself, so the suite stays fast; timings are read from the server's clock and
//! asserted loosely, never as upper bounds.

use std::io::{Read, Write};
use std::time::Duration;

use serde_json::json;

use crate::support::*;

fn error_reply(status: u16, kind: &str, code: &str) -> Reply {
    let body = json!({"error": {"message": format!("status {status}"), "type": kind, "param": null, "code": code}});
    Reply::json(status, &body)
}

fn quick(reply: Reply) -> Reply {
    reply.header("retry-after-ms", "10")
}

#[test]
fn a_429_then_200_is_retried_into_one_answer() {
    let server = Server::start(vec![
        quick(error_reply(429, "rate_limit_error", "rate_limit_exceeded")),
        answer("after the wait"),
    ]);
    let assert = Cmd::at(&server)
        .args(["-v", "hi"])
        .run()
        .success()
        .stdout("after the wait\n");
    assert_eq!(server.requests().len(), 2);
    let err = stderr(&assert);
    assert!(err.contains("retry 1/2 in 0.01s after: HTTP 429"), "{err}");
    // Both attempts sent the same body.
    let bodies: Vec<_> = server.requests().iter().map(|r| r.json()).collect();
    assert_eq!(bodies[0], bodies[1]);
}

#[test]
fn retry_after_ms_is_honoured_by_the_servers_clock() {
    let server = Server::start(vec![
        error_reply(429, "rate_limit_error", "rate_limit_exceeded").header("retry-after-ms", "300"),
        answer("ok"),
    ]);
    Cmd::at(&server).args(["hi"]).run().success();
    let requests = server.requests();
    let waited = requests[1].at - requests[0].at;
    assert!(
        waited >= Duration::from_millis(300),
        "waited only {waited:?}"
    );
}

#[test]
fn without_server_advice_the_backoff_starts_near_half_a_second() {
    let server = Server::start(vec![
        error_reply(503, "server_error", "overloaded"),
        answer("ok"),
    ]);
    Cmd::at(&server).args(["hi"]).run().success();
    let requests = server.requests();
    let waited = requests[1].at - requests[0].at;
    // 0.5 s minus up to 25 % jitter.
    assert!(
        waited >= Duration::from_millis(370),
        "waited only {waited:?}"
    );
}

#[test]
fn three_500s_with_two_retries_fail_after_exactly_three_requests() {
    let replies = (0..4)
        .map(|_| quick(error_reply(500, "server_error", "boom")))
        .collect();
    let server = Server::start(replies);
    Cmd::at(&server)
        .args(["--max-retries", "2", "hi"])
        .run()
        .code(6);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn max_retries_comes_from_the_environment_too() {
    let replies = (0..4)
        .map(|_| quick(error_reply(500, "server_error", "boom")))
        .collect();
    let server = Server::start(replies);
    Cmd::at(&server)
        .env("OAICHAT_MAX_RETRIES", "0")
        .args(["hi"])
        .run()
        .code(6);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn requests_that_will_not_heal_are_sent_once() {
    let cases = [
        (
            quick(error_reply(400, "invalid_request_error", "bad")),
            5,
            "HTTP 400",
        ),
        (
            quick(error_reply(429, "insufficient_quota", "insufficient_quota")),
            4,
            "insufficient_quota",
        ),
        (
            quick(error_reply(503, "server_error", "x")).header("x-should-retry", "false"),
            6,
            "HTTP 503",
        ),
    ];
    for (reply, code, words) in cases {
        let server = Server::start(vec![reply, answer("must not be reached")]);
        let assert = Cmd::at(&server).args(["hi"]).run().code(code);
        assert!(stderr(&assert).contains(words), "{}", stderr(&assert));
        assert_eq!(server.requests().len(), 1, "{words}");
    }
}

#[test]
fn x_should_retry_true_retries_a_4xx() {
    let server = Server::start(vec![
        quick(error_reply(400, "invalid_request_error", "x")).header("x-should-retry", "true"),
        answer("ok"),
    ]);
    Cmd::at(&server).args(["hi"]).run().success().stdout("ok\n");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_long_retry_after_is_not_slept_through() {
    let server = Server::start(vec![
        error_reply(429, "rate_limit_error", "rate_limit_exceeded").header("retry-after", "120"),
        answer("must not be reached"),
    ]);
    let assert = Cmd::at(&server)
        .args(["hi"])
        .timeout(Duration::from_secs(20))
        .run()
        .code(4);
    assert!(
        stderr(&assert).contains("asks to wait 120s"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_dropped_connection_is_retried() {
    let server = Server::start(vec![Reply::hang_up(), answer("second try")]);
    Cmd::at(&server)
        .args(["hi"])
        .run()
        .success()
        .stdout("second try\n");
    assert_eq!(server.requests().len(), 2);
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
fn a_gzip_body_is_decoded() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(completion(&["unzipped"]).to_string().as_bytes())
        .unwrap();
    let reply = Reply::body(200, "application/json", gz.finish().unwrap())
        .header("content-encoding", "gzip");
    let server = Server::start(vec![reply]);
    Cmd::at(&server)
        .args(["hi"])
        .run()
        .success()
        .stdout("unzipped\n");
    let accepted = server
        .request()
        .header("accept-encoding")
        .map(str::to_string);
    assert!(accepted.unwrap_or_default().contains("gzip"));
}

#[test]
fn an_enormous_body_is_refused_at_64_mib() {
    let huge = vec![b' '; 64 * 1024 * 1024 + 10];
    let server = Server::start(vec![Reply::body(200, "application/json", huge)]);
    let assert = Cmd::at(&server).args(["hi"]).run().code(8);
    assert!(
        stderr(&assert).contains("larger than 64 MiB"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn ctrl_c_mid_stream_keeps_the_text_ends_the_line_and_exits_130() {
    let (gate, wait) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(delta("half a sent").into_bytes()),
        wait,
    ])]);
    let mut spawned = spawn(&server, &["--stream", "--no-stdin", "hi"]);
    let mut stdout = spawned.child.stdout.take().unwrap();
    let mut first = [0u8; 11];
    stdout.read_exact(&mut first).unwrap();
    spawned.interrupt();
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let output = spawned.child.wait_with_output().unwrap();
    gate.open();
    assert_eq!(output.status.code(), Some(130));
    assert_eq!(rest, b"\n");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("interrupted"), "{err}");
    assert_no_key(&output.stderr);
}

#[test]
fn plain_http_to_another_host_is_refused_unless_allowed() {
    let assert = Cmd::new()
        .env("OPENAI_BASE_URL", "http://api.example.invalid/v1")
        .args(["hi"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("--allow-insecure-http"),
        "{}",
        stderr(&assert)
    );
    // That --allow-insecure-http lifts it is a unit test (config.rs): an integration test
    // would have to send traffic off this machine.
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

/// A whole answer cut off before its Content-Length is like a dropped connection: nothing
/// reached stdout, so it is retried.
#[test]
fn a_whole_answer_cut_off_mid_body_is_retried() {
    let body = completion(&["whole"]).to_string();
    let server = Server::start(vec![Reply::cut_short(200, &body), answer("whole")]);
    let assert = Cmd::at(&server)
        .args(["-v", "hi"])
        .run()
        .success()
        .stdout("whole\n");
    assert_eq!(server.requests().len(), 2);
    let err = stderr(&assert);
    assert!(
        err.contains("retry 1/2") && err.contains("cut off"),
        "{err}"
    );
    // Without retries it is a bad response, exit 8.
    let server = Server::start(vec![Reply::cut_short(200, &body)]);
    let assert = Cmd::at(&server)
        .args(["--max-retries", "0", "hi"])
        .run()
        .code(8);
    assert!(stderr(&assert).contains("cut off"), "{}", stderr(&assert));
}
