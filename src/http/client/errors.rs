//! What went wrong with a request, as an [`Error`], and as the [`Failure`] the retry rules
//! judge.

use std::io::Write;
use std::time::{Instant, SystemTime};

use super::{Response, Sent};
use crate::api::response::error_detail;
use crate::http::error::Error;
use crate::http::options::Wait;
use crate::http::retry::{self, Failure};
use crate::http::status::{ApiFailure, Target};

/// Error bodies are read up to this size; a message is never longer.
const ERROR_BODY_LIMIT: u64 = 1024 * 1024;

/// The first read of a whole body: most answers and error messages fit.
const FIRST_READ: usize = 1024;

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
    let error = Error::Status(Box::new(ApiFailure {
        status: status.as_u16(),
        detail: detail.text,
        request_id,
        wait_refused: None,
        target,
        key_from: None,
        kind: detail.kind,
    }));
    Err((
        error,
        Failure {
            code: detail.code,
            ..failure
        },
    ))
}

/// Reads a body up to `limit` bytes; more is an error, not a silent cut.
pub fn read_limited(mut response: Response, limit: u64) -> Result<Vec<u8>, Error> {
    // Read straight into the body, doubled as it fills: most bodies are small, and each
    // byte is zeroed once. One byte past the limit is enough to know it is too large.
    let most = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut body = vec![0u8; FIRST_READ.min(most)];
    let mut filled = 0;
    loop {
        if filled == body.len() {
            body.resize(body.len().saturating_mul(2).min(most), 0);
        }
        let n = response.read(&mut body[filled..])?;
        if n == 0 {
            body.truncate(filled);
            return Ok(body);
        }
        filled += n;
        if filled as u64 > limit {
            return Err(Error::TooLarge { limit });
        }
    }
}

/// A failed read of a whole answer, for the retry rules: only a body cut off is retried,
/// and only where `retry_cut` allows (the deadline of a timeout is spent; a body over its
/// cap will not shrink; a stop was asked for).
pub(super) fn read_failure(error: Error, retry_cut: bool) -> (Error, Failure) {
    let cut_off = matches!(error, Error::CutOff { .. });
    let failure = Failure {
        should_retry: Some(cut_off && retry_cut),
        ..Failure::default()
    };
    (error, failure)
}

/// A request that got no response: which of the waits ran out, or why it failed.
pub(super) fn network_error(
    err: reqwest::Error,
    url: &str,
    connect_timeout: std::time::Duration,
    wait: Wait,
) -> Error {
    let url = url.to_string();
    if err.is_connect() && err.is_timeout() {
        Error::ConnectTimeout {
            url,
            limit: connect_timeout,
            cause: err,
        }
    } else if err.is_timeout() {
        Error::NoAnswer {
            url,
            wait,
            cause: Some(err),
        }
    } else if err.is_connect() {
        Error::Connect { url, cause: err }
    } else {
        Error::Request { url, cause: err }
    }
}
