//! Retries: which failures are sent again, how long oaichat waits first, and when it
//! gives up (issue #3).
//!
//! Waits are driven by the server's `retry-after-ms` where the test is not about the
//! backoff itself, so the suite stays fast; timings are read from the server's clock and
//! asserted loosely, never as upper bounds.

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
