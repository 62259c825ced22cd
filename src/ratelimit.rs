//! One rate-limit state shared by every worker of `--each`/`--jsonl`.
//!
//! When any request is told to slow down (a 429 with a wait, or `x-ratelimit-remaining-*:
//! 0` with its `x-ratelimit-reset-*`), every worker waits before its next request, instead
//! of each finding out with a 429 of its own.

use std::sync::Mutex;
use std::time::{Duration, Instant};

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

    /// Makes every worker wait at least `wait` from now.
    pub fn pause(&self, wait: Duration) {
        let mut until = self.until.lock().unwrap_or_else(|e| e.into_inner());
        let new = Instant::now() + wait;
        if until.is_none_or(|t| t < new) {
            *until = Some(new);
        }
    }
}

/// The pause asked for by OpenAI's rate-limit headers of a successful response: when no
/// requests (or tokens) remain, wait until the matching reset.
pub fn header_pause(header: impl Fn(&str) -> Option<String>) -> Option<Duration> {
    ["requests", "tokens"]
        .iter()
        .filter(|kind| {
            header(&format!("x-ratelimit-remaining-{kind}"))
                .and_then(|v| v.trim().parse::<u64>().ok())
                == Some(0)
        })
        .filter_map(|kind| header(&format!("x-ratelimit-reset-{kind}")))
        .filter_map(|v| parse_reset(&v))
        .max()
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
        assert_eq!(header_pause(empty), Some(Duration::from_millis(250)));
    }

    #[test]
    fn the_gate_keeps_the_longest_pause() {
        let gate = Gate::new();
        gate.pause(Duration::from_millis(30));
        gate.pause(Duration::from_millis(1));
        let start = Instant::now();
        gate.wait();
        assert!(start.elapsed() >= Duration::from_millis(25));
    }
}
