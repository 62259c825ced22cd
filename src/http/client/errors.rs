//! What went wrong with a request, as an [`Error`] with its hint, and as the [`Failure`]
//! the retry rules judge.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant, SystemTime};

use super::{Response, Sent, read_limit};
use crate::api::response::error_detail;
use crate::config::Config;
use crate::error::{ApiFailure, BadResponse, Error, Target};
use crate::http::driver::Cancelled;
use crate::http::retry::{self, Failure};

/// Error bodies are read up to this size; a message is never longer.
const ERROR_BODY_LIMIT: u64 = 1024 * 1024;

/// Judges a response's status. On failure, the error to report (with `-v`, the server's
/// whole message first, when the error line shows only its first line) and what the retry
/// policy needs.
pub(super) fn check(
    response: Response,
    started: Instant,
    target: Target,
    verbose: bool,
    log: &mut dyn Write,
) -> Result<Sent, (Error, Failure)> {
    let elapsed = started.elapsed();
    let headers = response.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let request_id = text("x-request-id").map(str::to_string);
    let status = response.status();
    if status.is_success() {
        return Ok(Sent {
            response,
            elapsed,
            request_id,
        });
    }
    let failure = Failure {
        status: Some(status.as_u16()),
        should_retry: match text("x-should-retry") {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        },
        retry_after: retry::server_wait(
            text("retry-after-ms"),
            text("retry-after"),
            SystemTime::now(),
        ),
        code: None,
    };
    let body = read_limited(response, ERROR_BODY_LIMIT).unwrap_or_default();
    let detail = error_detail(&body);
    if let (true, Some(whole)) = (verbose, &detail.whole) {
        crate::log::line(log, format_args!("HTTP {} said:\n{whole}", status.as_u16()));
    }
    let error = Error::Api(ApiFailure {
        status: status.as_u16(),
        detail: detail.text,
        request_id,
        wait_refused: None,
        target,
    });
    Err((
        error,
        Failure {
            code: detail.code,
            ..failure
        },
    ))
}

/// Reads a body up to `limit` bytes; more is an error, not a silent cut.
pub fn read_limited(response: Response, limit: u64) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    response.take(limit + 1).read_to_end(&mut body)?;
    if body.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("the response is larger than {} MiB", limit / (1024 * 1024)),
        ));
    }
    Ok(body)
}

/// A failed read of the body: a stop the user asked for is an interruption, a timeout is
/// the network's fault, a body over its cap is not an answer, anything else leaves a
/// response that was cut off.
pub fn body_error(err: &io::Error, config: &Config) -> Error {
    if err.get_ref().is_some_and(|inner| inner.is::<Cancelled>()) {
        Error::Interrupted
    } else if is_timeout(err) {
        let (limit, flag) = read_limit(config);
        let what = if config.request.stream {
            "the stream was silent for"
        } else {
            "no complete answer within"
        };
        Error::Network(format!("{what} {}: raise {flag}", seconds(limit)))
    } else if err.kind() == io::ErrorKind::FileTooLarge {
        BadResponse::Body(err.to_string()).into()
    } else {
        BadResponse::Body(format!("the response was cut off: {}", io_causes(err))).into()
    }
}

/// A failed read of a whole answer, for the retry rules: only a body cut off is retried,
/// and only where `retry_cut` allows (the deadline of a timeout is spent; a body over its
/// cap will not shrink).
pub(super) fn read_failure(err: &io::Error, config: &Config, retry_cut: bool) -> (Error, Failure) {
    let cut_off = !is_timeout(err)
        && err.kind() != io::ErrorKind::FileTooLarge
        && !err.get_ref().is_some_and(|inner| inner.is::<Cancelled>());
    let failure = Failure {
        should_retry: Some(cut_off && retry_cut),
        ..Failure::default()
    };
    (body_error(err, config), failure)
}

fn is_timeout(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::TimedOut
        || err
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<crate::http::driver::Shared>())
            .is_some_and(|shared| shared.0.is_timeout())
}

pub(super) fn network_error(err: &reqwest::Error, url: &str, config: &Config) -> Error {
    if err.is_connect() && err.is_timeout() {
        Error::Network(format!(
            "cannot connect to {url} within {}: raise --connect-timeout or check the network",
            seconds(config.connect_timeout)
        ))
    } else if err.is_timeout() {
        no_answer(url, config)
    } else if err.is_connect() {
        Error::Network(format!(
            "cannot connect to {url}: {}; check OPENAI_BASE_URL and the network",
            root_cause(err)
        ))
    } else {
        Error::Network(format!("request to {url} failed: {}", causes(err)))
    }
}

/// No response headers within the wait for an answer.
pub(super) fn no_answer(url: &str, config: &Config) -> Error {
    let (limit, flag) = read_limit(config);
    Error::Network(format!(
        "no answer from {url} within {}: raise {flag}",
        seconds(limit)
    ))
}

fn seconds(d: Duration) -> String {
    format!("{}s", d.as_secs_f64())
}

/// The error and its causes as one line, without repeats (reqwest nests the same text).
pub(super) fn causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut last = err;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

fn io_causes(err: &io::Error) -> String {
    match err.get_ref() {
        Some(inner) => causes(inner),
        None => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt;

    use super::*;

    /// An error with a message and an optional cause, as reqwest and hyper nest them.
    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl fmt::Display for Layer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|e| e as _)
        }
    }

    /// reqwest's chain: its own words, hyper's words repeated inside them, the OS error.
    fn chain() -> Layer {
        let os = Layer("Connection reset by peer (os error 104)", None);
        let hyper = Layer("connection error", Some(Box::new(os)));
        Layer(
            "error sending request: connection error",
            Some(Box::new(hyper)),
        )
    }

    /// An error as the user sees it: its exit code and its line.
    fn shown(err: Error) -> (u8, String) {
        (err.exit_code(), err.to_string())
    }

    #[test]
    fn causes_are_one_line_without_repeats() {
        assert_eq!(
            causes(&chain()),
            "error sending request: connection error: Connection reset by peer (os error 104)"
        );
        assert_eq!(
            root_cause(&chain()),
            "Connection reset by peer (os error 104)"
        );
        assert_eq!(
            io_causes(&io::Error::other(chain())),
            causes(&chain()),
            "an io::Error wrapping a chain shows the chain"
        );
        assert_eq!(
            io_causes(&io::ErrorKind::UnexpectedEof.into()),
            "unexpected end of file"
        );
    }

    #[test]
    fn seconds_show_fractions_only_when_there_are_some() {
        assert_eq!(
            [
                seconds(Duration::from_secs(600)),
                seconds(Duration::from_millis(1500)),
                seconds(Duration::from_millis(300)),
            ],
            ["600s", "1.5s", "0.3s"]
        );
    }

    #[test]
    fn a_timeout_names_the_flag_for_the_wait_that_ran_out() {
        let timed_out = || io::Error::from(io::ErrorKind::TimedOut);
        let whole = Config::for_test(&["hi"]);
        let stream = Config::for_test(&["--stream", "--idle-timeout", "1.5", "hi"]);
        assert_eq!(
            [
                shown(body_error(&timed_out(), &whole)),
                shown(body_error(&timed_out(), &stream)),
                shown(no_answer("http://x/v1", &whole)),
                shown(no_answer("http://x/v1", &stream)),
            ],
            [
                (7, "no complete answer within 600s: raise --timeout".into()),
                (
                    7,
                    "the stream was silent for 1.5s: raise --idle-timeout".into()
                ),
                (
                    7,
                    "no answer from http://x/v1 within 600s: raise --timeout".into()
                ),
                (
                    7,
                    "no answer from http://x/v1 within 1.5s: raise --idle-timeout".into()
                ),
            ]
        );
    }

    #[test]
    fn a_failed_read_is_a_stop_a_cap_or_a_cut() {
        let config = Config::for_test(&["hi"]);
        let too_large = io::Error::new(
            io::ErrorKind::FileTooLarge,
            "the response is larger than 64 MiB",
        );
        assert_eq!(
            [
                shown(body_error(&io::Error::other(Cancelled), &config)),
                shown(body_error(&too_large, &config)),
                shown(body_error(&io::Error::other(chain()), &config)),
            ],
            [
                (130, "interrupted".into()),
                (8, "the response is larger than 64 MiB".into()),
                (8, format!("the response was cut off: {}", causes(&chain()))),
            ]
        );
    }

    /// Only a body cut off is worth sending again, and only where the caller allows it.
    #[test]
    fn only_a_cut_off_body_is_retried() {
        let config = Config::for_test(&["hi"]);
        let retried =
            |err: io::Error, retry_cut: bool| read_failure(&err, &config, retry_cut).1.should_retry;
        let cut = || io::Error::from(io::ErrorKind::UnexpectedEof);
        assert_eq!(
            [
                retried(cut(), true),
                retried(cut(), false),
                retried(io::ErrorKind::TimedOut.into(), true),
                retried(io::ErrorKind::FileTooLarge.into(), true),
                retried(io::Error::other(Cancelled), true),
            ],
            [
                Some(true),
                Some(false),
                Some(false),
                Some(false),
                Some(false)
            ]
        );
        assert_eq!(
            read_failure(&cut(), &config, true).1,
            Failure {
                should_retry: Some(true),
                ..Failure::default()
            }
        );
    }
}
