//! When to try a failed request again, and how long to wait first.
//!
//! The rules follow OpenAI's official SDKs: connection errors, timeouts, 408, 409, 429 and
//! 5xx are retried, other 4xx are not; `x-should-retry` overrides the status rule; the
//! server's `retry-after-ms` / `retry-after` is honoured, else an exponential backoff from
//! 0.5 s doubling to at most 8 s, shortened by up to a quarter at random (jitter) so that
//! many clients do not retry in step. Everything here is pure; the client sleeps.

use std::time::{Duration, SystemTime};

pub const DEFAULT_MAX_RETRIES: u32 = 2;
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// A longer wait asked for by the server is not slept through: a CI job would rather fail
/// now with the reason than hang.
pub const MAX_SERVER_WAIT: Duration = Duration::from_secs(60);

/// What is known about a failed attempt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Failure {
    /// None for a connection error or timeout (no response).
    pub status: Option<u16>,
    /// The `x-should-retry` header, when it was `true` or `false`.
    pub should_retry: Option<bool>,
    /// How long the server asked to wait.
    pub retry_after: Option<Duration>,
    /// `error.code` of the body, e.g. `insufficient_quota`.
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Try again after this wait.
    Retry(Duration),
    /// Do not try again.
    GiveUp,
    /// The server asked for a wait longer than [`MAX_SERVER_WAIT`].
    WaitTooLong(Duration),
}

/// Decides after a failed attempt. `retries_done` counts the retries already made;
/// `jitter` is a random number in `0.0..1.0`.
pub fn decide(failure: &Failure, retries_done: u32, max_retries: u32, jitter: f64) -> Verdict {
    // Quota does not come back by waiting: exit at once with the quota message.
    if failure.code.as_deref() == Some("insufficient_quota") {
        return Verdict::GiveUp;
    }
    let retryable = failure.should_retry.unwrap_or(match failure.status {
        None => true,
        Some(status) => matches!(status, 408 | 409 | 429 | 500..=599),
    });
    if !retryable || retries_done >= max_retries {
        return Verdict::GiveUp;
    }
    match failure.retry_after {
        Some(wait) if wait > MAX_SERVER_WAIT => Verdict::WaitTooLong(wait),
        Some(wait) => Verdict::Retry(wait),
        None => Verdict::Retry(backoff(retries_done, jitter)),
    }
}

/// 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, … each cut by up to 25 % (`jitter` in `0.0..1.0`).
pub fn backoff(retries_done: u32, jitter: f64) -> Duration {
    let doubled = FIRST_BACKOFF.saturating_mul(1u32 << retries_done.min(16));
    let capped = doubled.min(MAX_BACKOFF);
    capped.mul_f64(1.0 - 0.25 * jitter.clamp(0.0, 1.0))
}

/// The wait the server asked for: `retry-after-ms` (milliseconds), else `retry-after`
/// (seconds, or an HTTP date measured from `now`). Unparseable values are ignored.
pub fn server_wait(
    retry_after_ms: Option<&str>,
    retry_after: Option<&str>,
    now: SystemTime,
) -> Option<Duration> {
    if let Some(ms) = retry_after_ms.and_then(|v| v.trim().parse::<f64>().ok())
        && ms.is_finite()
        && ms >= 0.0
    {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    let value = retry_after?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A random number in `0.0..1.0` for jitter, from the per-process random keys that std
/// already seeds for hash maps (no extra crate for one number).
pub fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.subsec_nanos().into())
            .unwrap_or(0),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> Failure {
        Failure {
            status: Some(status),
            ..Failure::default()
        }
    }

    #[test]
    fn retried_statuses_and_network_errors() {
        for s in [408, 409, 429, 500, 502, 503, 504] {
            assert!(
                matches!(decide(&status(s), 0, 2, 0.0), Verdict::Retry(_)),
                "{s}"
            );
        }
        for s in [400, 401, 403, 404, 422] {
            assert_eq!(decide(&status(s), 0, 2, 0.0), Verdict::GiveUp, "{s}");
        }
        assert!(matches!(
            decide(&Failure::default(), 0, 2, 0.0),
            Verdict::Retry(_)
        ));
    }

    #[test]
    fn retries_stop_at_the_maximum() {
        assert!(matches!(decide(&status(500), 1, 2, 0.0), Verdict::Retry(_)));
        assert_eq!(decide(&status(500), 2, 2, 0.0), Verdict::GiveUp);
        assert_eq!(decide(&status(500), 0, 0, 0.0), Verdict::GiveUp);
    }

    #[test]
    fn should_retry_header_overrides_the_status() {
        let mut failure = status(503);
        failure.should_retry = Some(false);
        assert_eq!(decide(&failure, 0, 2, 0.0), Verdict::GiveUp);
        let mut failure = status(400);
        failure.should_retry = Some(true);
        assert!(matches!(decide(&failure, 0, 2, 0.0), Verdict::Retry(_)));
    }

    #[test]
    fn insufficient_quota_is_never_retried() {
        let mut failure = status(429);
        failure.code = Some("insufficient_quota".into());
        assert_eq!(decide(&failure, 0, 2, 0.0), Verdict::GiveUp);
    }

    #[test]
    fn server_wait_is_used_unless_too_long() {
        let mut failure = status(429);
        failure.retry_after = Some(Duration::from_millis(250));
        assert_eq!(
            decide(&failure, 0, 2, 0.9),
            Verdict::Retry(Duration::from_millis(250))
        );
        failure.retry_after = Some(Duration::from_secs(120));
        assert_eq!(
            decide(&failure, 0, 2, 0.0),
            Verdict::WaitTooLong(Duration::from_secs(120))
        );
    }

    #[test]
    fn backoff_doubles_to_a_cap_with_jitter_below() {
        let ms = |n, j| backoff(n, j).as_millis();
        assert_eq!(
            [
                ms(0, 0.0),
                ms(1, 0.0),
                ms(2, 0.0),
                ms(3, 0.0),
                ms(4, 0.0),
                ms(9, 0.0)
            ],
            [500, 1000, 2000, 4000, 8000, 8000]
        );
        assert_eq!(ms(0, 1.0), 375);
        assert_eq!(ms(40, 0.5), 7000);
    }

    #[test]
    fn server_wait_reads_ms_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(
            server_wait(Some("1500"), Some("9"), now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            server_wait(None, Some("2"), now),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            server_wait(None, Some("Wed, 21 Oct 2015 07:28:30 GMT"), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(server_wait(Some("soon"), Some("later"), now), None);
        assert_eq!(server_wait(None, Some("-1"), now), None);
    }

    #[test]
    fn jitter_is_in_range() {
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }

    #[test]
    fn a_server_wait_of_exactly_the_maximum_is_still_waited() {
        let mut failure = status(429);
        failure.retry_after = Some(MAX_SERVER_WAIT);
        assert_eq!(decide(&failure, 0, 2, 0.0), Verdict::Retry(MAX_SERVER_WAIT));
    }

    #[test]
    fn an_unusable_retry_after_ms_falls_back_to_retry_after() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let waits: Vec<_> = ["-5", "NaN", "inf", "", " 250 "]
            .into_iter()
            .map(|ms| server_wait(Some(ms), Some("3"), now))
            .collect();
        assert_eq!(
            waits,
            [
                Some(Duration::from_secs(3)),
                Some(Duration::from_secs(3)),
                Some(Duration::from_secs(3)),
                Some(Duration::from_secs(3)),
                Some(Duration::from_millis(250)),
            ]
        );
    }

    #[test]
    fn a_retry_after_date_already_past_means_no_wait() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(
            server_wait(None, Some("Wed, 21 Oct 2015 07:27:00 GMT"), now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn jitter_outside_its_range_is_clamped() {
        assert_eq!(
            [backoff(0, -1.0), backoff(0, 2.0)],
            [Duration::from_millis(500), Duration::from_millis(375)]
        );
    }
}
