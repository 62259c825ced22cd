//! The one error type of oaichat and the exit codes it maps to.
//!
//! Scripts branch on the exit code, so the table lives here and nowhere else; the README
//! documents the same table and `tests/integration/errors.rs` checks each row end to end.

use std::fmt;
use std::io;

/// Exit codes, stable and documented in README.md ("Exit codes").
pub mod code {
    /// Everything worked.
    pub const OK: u8 = 0;
    /// Something unexpected: a local I/O failure or a bug.
    pub const UNEXPECTED: u8 = 1;
    /// Bad input or usage: a flag, the prompt, the configuration. Nothing was sent.
    /// (clap uses 2 for its own usage errors too.)
    pub const USAGE: u8 = 2;
    /// The server refused the key: HTTP 401 or 403.
    pub const AUTH: u8 = 3;
    /// Rate limit or quota: HTTP 429.
    pub const RATE_LIMIT: u8 = 4;
    /// The server rejected the request: HTTP 400, 404, 422 and other 4xx.
    pub const INVALID_REQUEST: u8 = 5;
    /// The server failed: HTTP 5xx, or an error object in the middle of a stream.
    pub const SERVER: u8 = 6;
    /// No answer from the network: connection refused, DNS, TLS, timeouts.
    pub const NETWORK: u8 = 7;
    /// The answer could not be used: unparseable body, truncated stream, `--json` reply
    /// that is not JSON.
    pub const BAD_RESPONSE: u8 = 8;
    /// The model declined: a refusal or `finish_reason: content_filter`.
    pub const DECLINED: u8 = 9;
    /// The model asked to call tools (which oaichat does not run yet); nothing was saved.
    pub const TOOL_CALLS: u8 = 10;
    /// `batch results` on a batch that has not finished yet: try again later.
    pub const BATCH_PENDING: u8 = 11;
    /// The batch ended without completing: failed (an invalid input file), expired or
    /// cancelled.
    pub const BATCH_INCOMPLETE: u8 = 12;
    /// Ctrl-C (SIGINT), as shells report it: 128 + 2.
    pub const INTERRUPTED: u8 = 130;
}

/// A status and what the server said about it (and what the request was for) are the
/// HTTP layer's; the names stay here for the commands that build or match them.
pub use crate::http::{ApiFailure, Target};

#[derive(Debug)]
pub enum Error {
    /// Bad input detected before any request: the message names the problem and the fix.
    Usage(String),
    /// A non-success HTTP status.
    Api(ApiFailure),
    /// An error object sent inside a 200 stream; the exit code follows its `type`.
    StreamError {
        detail: String,
        kind: Option<String>,
    },
    /// Connection, DNS, TLS or timeout failure.
    Network(String),
    /// A response that cannot be used as an answer.
    BadResponse(String),
    /// The model refused or the content filter withheld the answer.
    Declined(String),
    /// Local I/O, for example writing to stdout. A broken pipe is not reported.
    Io { what: String, source: io::Error },
    /// A batch that finished without completing (failed, expired, cancelled).
    BatchFailed(String),
    /// A batch whose results were asked for before it finished.
    BatchPending(String),
    /// The answer is a request to call tools, which oaichat does not run (yet).
    ToolCalls(String),
    /// Ctrl-C stopped an answer (in the interactive chat, which goes on).
    Interrupted,
    /// Some inputs of `--each`/`--jsonl` failed; `code` is the first failure's exit code.
    Partial {
        failed: usize,
        total: usize,
        code: u8,
    },
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }

    pub fn io(what: impl Into<String>, source: io::Error) -> Error {
        Error::Io {
            what: what.into(),
            source,
        }
    }

    /// The process exit code for this error; see [`code`].
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => code::USAGE,
            Error::Api(failure) => status_exit_code(failure.status),
            Error::StreamError { kind, .. } => stream_error_exit_code(kind.as_deref()),
            Error::Network(_) => code::NETWORK,
            Error::BadResponse(_) => code::BAD_RESPONSE,
            Error::Declined(_) => code::DECLINED,
            Error::Io { .. } => code::UNEXPECTED,
            Error::Partial { code, .. } => *code,
            Error::Interrupted => code::INTERRUPTED,
            Error::BatchFailed(_) => code::BATCH_INCOMPLETE,
            Error::BatchPending(_) => code::BATCH_PENDING,
            Error::ToolCalls(_) => code::TOOL_CALLS,
        }
    }

    /// True when stdout (or stderr) was closed by the reader, as in `oaichat … | head -1`.
    /// That is how a filter is meant to end, so main exits 0 without a word.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Writing the answer is the only I/O that `?` converts implicitly.
impl From<io::Error> for Error {
    fn from(source: io::Error) -> Error {
        Error::io("cannot write the answer", source)
    }
}

/// The HTTP layer's failures, in the variants (and so the exit codes) they have always
/// had: settings the user can fix are usage errors, a status is an API error, a body that
/// cannot be an answer is a bad response, and the rest is the network's.
impl From<crate::http::Error> for Error {
    fn from(err: crate::http::Error) -> Error {
        use crate::http::Error as Http;
        match err {
            Http::Status(failure) => Error::Api(*failure),
            Http::Cancelled => Error::Interrupted,
            Http::Setting(_) => Error::Usage(err.to_string()),
            Http::TooLarge { .. } | Http::CutOff { .. } => Error::BadResponse(err.to_string()),
            Http::Runtime(_)
            | Http::Client(_)
            | Http::ConnectTimeout { .. }
            | Http::Connect { .. }
            | Http::NoAnswer { .. }
            | Http::Request { .. }
            | Http::Silent { .. } => Error::Network(err.to_string()),
        }
    }
}

/// Maps an HTTP status to an exit code. Only called for non-success statuses.
pub fn status_exit_code(status: u16) -> u8 {
    match status {
        401 | 403 => code::AUTH,
        429 => code::RATE_LIMIT,
        400..=499 => code::INVALID_REQUEST,
        500..=599 => code::SERVER,
        // 1xx/3xx that reqwest did not follow: the response is not an answer.
        _ => code::BAD_RESPONSE,
    }
}

/// An error inside a stream has no status; its `type` tells what kind it is.
fn stream_error_exit_code(kind: Option<&str>) -> u8 {
    match kind {
        Some("authentication_error" | "permission_error") => code::AUTH,
        Some("rate_limit_error" | "rate_limit_exceeded" | "insufficient_quota") => code::RATE_LIMIT,
        Some("invalid_request_error") => code::INVALID_REQUEST,
        _ => code::SERVER,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => f.write_str(message),
            Error::Api(failure) => failure.fmt(f),
            Error::StreamError { detail, .. } => {
                write!(f, "the server sent an error in the stream: {detail}")
            }
            Error::Network(message)
            | Error::BadResponse(message)
            | Error::Declined(message)
            | Error::BatchFailed(message)
            | Error::BatchPending(message)
            | Error::ToolCalls(message) => f.write_str(message),
            Error::Io { what, source } => write!(f, "{what}: {source}"),
            Error::Interrupted => f.write_str("interrupted"),
            Error::Partial { failed, total, .. } => {
                write!(f, "{failed} of {total} inputs failed (their lines say why)")
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_documented_codes() {
        let table = [
            (400, 5),
            (401, 3),
            (403, 3),
            (404, 5),
            (409, 5),
            (422, 5),
            (429, 4),
            (500, 6),
            (502, 6),
            (503, 6),
            (304, 8),
        ];
        for (status, expected) in table {
            assert_eq!(status_exit_code(status), expected, "status {status}");
        }
    }

    #[test]
    fn codes_are_distinct() {
        let mut all = [
            code::OK,
            code::UNEXPECTED,
            code::USAGE,
            code::AUTH,
            code::RATE_LIMIT,
            code::INVALID_REQUEST,
            code::SERVER,
            code::NETWORK,
            code::BAD_RESPONSE,
            code::DECLINED,
            code::TOOL_CALLS,
            code::BATCH_PENDING,
            code::BATCH_INCOMPLETE,
            code::INTERRUPTED,
        ];
        all.sort_unstable();
        let before = all.len();
        let mut dedup = all.to_vec();
        dedup.dedup();
        assert_eq!(dedup.len(), before);
    }

    #[test]
    fn stream_errors_follow_their_type() {
        let cases = [
            (Some("invalid_request_error"), 5),
            (Some("rate_limit_error"), 4),
            (Some("authentication_error"), 3),
            (Some("server_error"), 6),
            (None, 6),
        ];
        for (kind, expected) in cases {
            let err = Error::StreamError {
                detail: String::new(),
                kind: kind.map(str::to_string),
            };
            assert_eq!(err.exit_code(), expected, "{kind:?}");
        }
    }

    #[test]
    fn only_io_broken_pipe_is_quiet() {
        let pipe = Error::io("x", io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(pipe.is_broken_pipe());
        let other = Error::io("x", io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(!other.is_broken_pipe());
        assert!(!Error::usage("x").is_broken_pipe());
    }

    #[test]
    fn api_failure_shows_detail_request_id_and_hint() {
        let err = Error::Api(ApiFailure {
            status: 401,
            detail: "Incorrect API key provided (type invalid_request_error, code invalid_api_key)"
                .into(),
            request_id: Some("req_123".into()),
            wait_refused: None,
            target: Target::Chat,
        });
        assert_eq!(
            err.to_string(),
            "HTTP 401 Unauthorized: Incorrect API key provided (type invalid_request_error, \
             code invalid_api_key) (request id req_123); check OPENAI_API_KEY"
        );
    }

    #[test]
    fn http_failures_keep_their_message_and_get_their_exit_code() {
        use crate::http::{Error as Http, Setting, Wait};
        use std::time::Duration;
        let wait = Wait::per_piece(Duration::from_secs(120), "--idle-timeout");
        let url = || "http://127.0.0.1:9/v1/models".to_string();
        let status = |status| {
            Http::Status(Box::new(ApiFailure {
                status,
                detail: "x".into(),
                request_id: None,
                wait_refused: None,
                target: Target::Models,
            }))
        };
        let cases = [
            (status(401), code::AUTH),
            (status(429), code::RATE_LIMIT),
            (status(404), code::INVALID_REQUEST),
            (status(503), code::SERVER),
            (Http::Cancelled, code::INTERRUPTED),
            (
                Http::Setting(Setting::BadProxy {
                    variable: "ALL_PROXY",
                }),
                code::USAGE,
            ),
            (
                Http::Setting(Setting::CaUnreadable {
                    path: "ca.pem".into(),
                    cause: io::Error::from(io::ErrorKind::NotFound),
                }),
                code::USAGE,
            ),
            (Http::Runtime(io::Error::other("no epoll")), code::NETWORK),
            (
                Http::NoAnswer {
                    url: url(),
                    wait,
                    cause: None,
                },
                code::NETWORK,
            ),
            (Http::Silent { wait, cause: None }, code::NETWORK),
            (Http::TooLarge { limit: BODY }, code::BAD_RESPONSE),
        ];
        for (http, expected) in cases {
            let message = http.to_string();
            let err = Error::from(http);
            assert_eq!(err.exit_code(), expected, "{message}");
            assert_eq!(err.to_string(), message);
        }
        assert!(matches!(Error::from(Http::Cancelled), Error::Interrupted));
    }

    const BODY: u64 = 64 * 1024 * 1024;

    #[test]
    fn a_404_hint_fits_what_was_asked_for() {
        let not_found = |target| {
            Error::Api(ApiFailure {
                status: 404,
                detail: "No such thing".into(),
                request_id: None,
                wait_refused: None,
                target,
            })
            .to_string()
        };
        assert!(not_found(Target::Chat).ends_with("check --model and OPENAI_BASE_URL"));
        let batch = not_found(Target::Batches);
        assert!(
            batch.ends_with("check the batch id and OPENAI_BASE_URL"),
            "{batch}"
        );
        assert!(!batch.contains("--model"), "{batch}");
    }
}
