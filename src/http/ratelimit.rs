//! One rate-limit state shared by every worker of `--each`/`--jsonl`.
//!
//! When any request is told to slow down (a 429 with a wait, or `x-ratelimit-remaining-*:
//! 0` with its `x-ratelimit-reset-*`), every worker waits before its next request, instead
//! of each finding out with a 429 of its own.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::http::retry::MAX_SERVER_WAIT;

#[derive(Debug, Default)]
pub struct Gate {
    until: Mutex<Option<Instant>>,
}

impl Gate {
    pub fn new() -> Gate {
        Gate::default()
    }

    /// Blocks until the shared pause (if any) is over.
    pub fn wait(&self) {
        loop {
            let until = *self.until.lock().unwrap_or_else(|e| e.into_inner());
            match until {
                Some(t) if t > Instant::now() => std::thread::sleep(t - Instant::now()),
                _ => return,
            }
        }
    }

    /// Makes every worker wait at least `wait` from now. True when no pause was in
    /// effect: a new pause, worth saying once.
    pub fn pause(&self, wait: Duration) -> bool {
        let mut until = self.until.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let new = until.is_none_or(|t| t <= now);
        if until.is_none_or(|t| t < now + wait) {
            *until = Some(now + wait);
        }
        new
    }
}

/// A pause asked for by the rate-limit headers of a successful response.
#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    /// How long every worker waits: the reset, at most [`MAX_SERVER_WAIT`].
    pub wait: Duration,
    /// What ran out: `requests` or `tokens`.
    pub kind: &'static str,
    /// The server's reset as it wrote it (`1m10s`).
    pub reset: String,
    /// The reset, when longer than the wait.
    pub capped_from: Option<Duration>,
}

impl Pause {
    /// What to say on stderr, once per pause: a long silent stall looks like a hang.
    pub fn message(&self) -> String {
        let capped = match self.capped_from {
            Some(reset) => format!(
                " (the server's reset is {}s; oaichat waits at most {}s, then tries)",
                reset.as_secs_f64(),
                MAX_SERVER_WAIT.as_secs()
            ),
            None => String::new(),
        };
        format!(
            "rate limit: no {} left until x-ratelimit-reset-{}: {}; every request waits {}s{capped}",
            self.kind,
            self.kind,
            self.reset,
            self.wait.as_secs_f64()
        )
    }
}

/// The pause asked for by OpenAI's rate-limit headers of a successful response: when no
/// requests (or tokens) remain, wait until the matching reset, but no longer than a
/// `retry-after` is waited for; past that the next request finds out (and a 429 says how
/// long, which the retry rules judge).
pub fn header_pause(header: impl Fn(&str) -> Option<String>) -> Option<Pause> {
    ["requests", "tokens"]
        .into_iter()
        .filter(|kind| {
            header(&format!("x-ratelimit-remaining-{kind}"))
                .and_then(|v| v.trim().parse::<u64>().ok())
                == Some(0)
        })
        .filter_map(|kind| {
            let reset = header(&format!("x-ratelimit-reset-{kind}"))?;
            let wait = parse_reset(&reset)?;
            Some(Pause {
                wait: wait.min(MAX_SERVER_WAIT),
                kind,
                reset: reset.trim().to_string(),
                capped_from: (wait > MAX_SERVER_WAIT).then_some(wait),
            })
        })
        .max_by_key(|pause| pause.wait)
}

/// OpenAI's reset durations: `1s`, `6m0s`, `20ms`, `1h2m3.5s`.
pub fn parse_reset(text: &str) -> Option<Duration> {
    let mut total = 0.0;
    let mut number = String::new();
    let mut chars = text.trim().chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let value: f64 = number.parse().ok()?;
        number.clear();
        let unit = match c {
            'h' => 3600.0,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                0.001
            }
            'm' => 60.0,
            's' => 1.0,
            _ => return None,
        };
        total += value * unit;
        any = true;
    }
    (any && number.is_empty() && total.is_finite()).then(|| Duration::from_secs_f64(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_durations_parse() {
        assert_eq!(parse_reset("1s"), Some(Duration::from_secs(1)));
        assert_eq!(parse_reset("6m0s"), Some(Duration::from_secs(360)));
        assert_eq!(parse_reset("20ms"), Some(Duration::from_millis(20)));
        assert_eq!(
            parse_reset("1h2m3.5s"),
            Some(Duration::from_secs_f64(3723.5))
        );
        assert_eq!(parse_reset("soon"), None);
        assert_eq!(parse_reset("5"), None);
    }

    #[test]
    fn headers_pause_only_when_nothing_remains() {
        let headers = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let none = headers(&[
            ("x-ratelimit-remaining-requests", "5"),
            ("x-ratelimit-reset-requests", "1s"),
        ]);
        assert_eq!(header_pause(none), None);
        let empty = headers(&[
            ("x-ratelimit-remaining-requests", "0"),
            ("x-ratelimit-reset-requests", "250ms"),
            ("x-ratelimit-remaining-tokens", "10"),
            ("x-ratelimit-reset-tokens", "9s"),
        ]);
        let pause = header_pause(empty).unwrap();
        assert_eq!(pause.wait, Duration::from_millis(250));
        assert_eq!(
            pause.message(),
            "rate limit: no requests left until x-ratelimit-reset-requests: 250ms; every \
             request waits 0.25s"
        );
    }

    #[test]
    fn a_long_reset_is_capped_like_retry_after_and_says_so() {
        let long = |name: &str| match name {
            "x-ratelimit-remaining-tokens" => Some("0".to_string()),
            "x-ratelimit-reset-tokens" => Some("1m10s".to_string()),
            _ => None,
        };
        let pause = header_pause(long).unwrap();
        assert_eq!(pause.wait, MAX_SERVER_WAIT);
        assert!(
            pause
                .message()
                .contains("waits 60s (the server's reset is 70s"),
            "{}",
            pause.message()
        );
    }

    #[test]
    fn the_gate_keeps_the_longest_pause() {
        let gate = Gate::new();
        assert!(gate.pause(Duration::from_millis(30)), "a new pause");
        assert!(!gate.pause(Duration::from_millis(1)), "within the first");
        let start = Instant::now();
        gate.wait();
        assert!(start.elapsed() >= Duration::from_millis(25));
    }

    #[test]
    fn malformed_reset_durations_are_refused() {
        let parsed: Vec<_> = ["", "s", "1s5", "1.5.5s", "-1s", "1d"]
            .into_iter()
            .map(parse_reset)
            .collect();
        assert_eq!(parsed, [None, None, None, None, None, None]);
    }

    #[test]
    fn when_requests_and_tokens_both_run_out_the_longer_reset_wins() {
        let both = |name: &str| {
            let value = match name {
                "x-ratelimit-remaining-requests" | "x-ratelimit-remaining-tokens" => "0",
                "x-ratelimit-reset-requests" => "2s",
                "x-ratelimit-reset-tokens" => "1m10s",
                _ => return None,
            };
            Some(value.to_string())
        };
        let pause = header_pause(both).expect("a pause");
        assert_eq!(
            pause,
            Pause {
                wait: MAX_SERVER_WAIT,
                kind: "tokens",
                reset: "1m10s".into(),
                capped_from: Some(Duration::from_secs(70)),
            }
        );
        assert_eq!(
            pause.message(),
            "rate limit: no tokens left until x-ratelimit-reset-tokens: 1m10s; every request \
             waits 60s (the server's reset is 70s; oaichat waits at most 60s, then tries)"
        );
    }

    #[test]
    fn nothing_left_without_a_usable_reset_is_no_pause() {
        for reset in [None, Some("soon")] {
            let header = |name: &str| match name {
                "x-ratelimit-remaining-requests" => Some("0".to_string()),
                "x-ratelimit-reset-requests" => reset.map(str::to_string),
                _ => None,
            };
            assert_eq!(header_pause(header), None, "{reset:?}");
        }
    }

    #[test]
    fn a_pause_after_the_last_one_ended_is_new_again() {
        let gate = Gate::new();
        assert!(gate.pause(Duration::from_millis(5)));
        gate.wait();
        assert!(
            gate.pause(Duration::from_millis(5)),
            "the first one is over"
        );
    }
}
