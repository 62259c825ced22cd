//! Rate limits in line mode: a 429 or a spent `x-ratelimit-*` budget pauses every
//! worker, not only the one that was told, and the pause is said once.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::json;

use crate::support::*;

/// One 429 pauses every worker, not just the one that got it (server-side clock).
#[test]
fn a_429_on_one_worker_pauses_the_others() {
    let count = AtomicUsize::new(0);
    let first_at = Mutex::new(None);
    let server = Server::handle(move |request| {
        if count.fetch_add(1, Ordering::SeqCst) == 0 {
            *first_at.lock().unwrap() = Some(request.at);
            return Reply::json(429, &json!({"error": {"message": "slow down", "type": "rate_limit_error", "code": "rate_limit_exceeded"}}))
                .header("retry-after-ms", "500");
        }
        let mut reply = answer("ok");
        reply
            .steps
            .insert(0, Step::Sleep(Duration::from_millis(50)));
        reply
    });
    let input: String = (0..12).map(|i| format!("q{i}\n")).collect();
    Cmd::at(&server)
        .args(["--each", "-P", "4"])
        .stdin(input)
        .run()
        .success();
    let mut times: Vec<_> = server.requests().iter().map(|r| r.at).collect();
    times.sort();
    assert_eq!(times.len(), 13); // 12 inputs and one retry
    // The first four went out together; everything after waited for the shared pause.
    for later in &times[4..] {
        let waited = later.duration_since(times[0]);
        assert!(
            waited >= Duration::from_millis(450),
            "a request went out {waited:?} after the 429"
        );
    }
}

#[test]
fn a_rate_limit_pause_is_said_once_with_its_reason() {
    let server = Server::handle(|_| {
        answer("ok")
            .header("x-ratelimit-remaining-requests", "0")
            .header("x-ratelimit-reset-requests", "300ms")
    });
    let assert = Cmd::at(&server)
        .args(["--each", "-P", "1", "x"])
        .stdin("a\nb\n")
        .timeout(Duration::from_secs(20))
        .run()
        .success();
    let err = stderr(&assert);
    let said = err.matches("rate limit: no requests left").count();
    assert!((1..=2).contains(&said), "{err}");
    assert!(err.contains("every request waits 0.3s"), "{err}");
}

/// A 429 pauses every worker; the pause is said once, without -v.
#[test]
fn a_429_pause_is_said_once() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let count = AtomicUsize::new(0);
    let server = Server::handle(move |_| {
        if count.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::json(429, &json!({"error": {"message": "slow down"}}))
                .header("retry-after-ms", "200")
        } else {
            answer("ok")
        }
    });
    let assert = Cmd::at(&server)
        .args(["--each", "-P", "1", "x"])
        .stdin("a\nb\n")
        .run()
        .success();
    let err = stderr(&assert);
    assert_eq!(
        err.matches("rate limit: HTTP 429; every request waits 0.2s")
            .count(),
        1,
        "{err}"
    );
}
