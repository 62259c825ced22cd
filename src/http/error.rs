//! What can go wrong in the HTTP layer, with the data and the cause of each failure; its
//! messages are written here and nowhere else. `crate::error` turns it into oaichat's
//! error and exit code.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::InvalidHeaderValue;

use crate::http::options::Wait;
use crate::http::status::ApiFailure;

#[derive(Debug)]
pub enum Error {
    /// A setting the user can fix, found while making the client: nothing was sent.
    Setting(Setting),
    /// The runtime that drives the connections could not be made.
    Runtime(io::Error),
    /// reqwest could not make the client.
    Client(reqwest::Error),
    ConnectTimeout {
        url: String,
        limit: Duration,
        cause: reqwest::Error,
    },
    Connect {
        url: String,
        cause: reqwest::Error,
    },
    /// No response headers within the call's wait.
    NoAnswer {
        url: String,
        wait: Wait,
        cause: Option<reqwest::Error>,
    },
    /// Any other failure to send or to get the headers.
    Request {
        url: String,
        cause: reqwest::Error,
    },
    /// A non-success status (boxed: it is the largest, and errors are the rare path).
    Status(Box<ApiFailure>),
    /// The body did not come within the call's wait.
    Silent {
        wait: Wait,
        cause: Option<Arc<reqwest::Error>>,
    },
    /// A body over its cap: not an answer, and it would exhaust memory.
    TooLarge {
        limit: u64,
    },
    /// The body ended before its end: a reset, a close before Content-Length.
    CutOff {
        cause: Arc<reqwest::Error>,
    },
    /// The user asked to stop waiting.
    Cancelled,
}

/// A setting the client cannot be made with.
#[derive(Debug)]
pub enum Setting {
    /// A proxy URL reqwest will not take. Its error is not kept: it could quote the URL,
    /// password and all.
    BadProxy {
        variable: &'static str,
    },
    /// An organization or project id that cannot be a header value.
    BadHeader {
        variable: &'static str,
        cause: InvalidHeaderValue,
    },
    CaUnreadable {
        path: PathBuf,
        cause: io::Error,
    },
    CaNotPem {
        path: PathBuf,
        cause: reqwest::Error,
    },
    /// A CA file that is PEM but holds no certificate.
    CaEmpty {
        path: PathBuf,
    },
}

impl From<Setting> for Error {
    fn from(setting: Setting) -> Error {
        Error::Setting(setting)
    }
}

impl Error {
    /// The same error, saying the server asked for a wait too long to sleep through.
    pub fn with_wait_refused(self, wait: Duration) -> Error {
        match self {
            Error::Status(mut failure) => {
                failure.wait_refused = Some(wait);
                Error::Status(failure)
            }
            other => other,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Setting(setting) => setting.fmt(f),
            Error::Runtime(cause) => write!(f, "cannot set up the HTTP client: {cause}"),
            Error::Client(cause) => write!(f, "cannot set up the HTTP client: {}", causes(cause)),
            Error::ConnectTimeout { url, limit, .. } => write!(
                f,
                "cannot connect to {url} within {}: raise --connect-timeout or check the \
                 network",
                seconds(*limit)
            ),
            Error::Connect { url, cause } => write!(
                f,
                "cannot connect to {url}: {}; check OPENAI_BASE_URL and the network",
                root_cause(cause)
            ),
            Error::NoAnswer { url, wait, .. } => {
                let (limit, flag) = (seconds(wait.limit), wait.flag);
                write!(f, "no answer from {url} within {limit}: raise {flag}")
            }
            Error::Request { url, cause } => {
                write!(f, "request to {url} failed: {}", causes(cause))
            }
            Error::Status(failure) => failure.fmt(f),
            Error::Silent { wait, .. } => {
                let what = if wait.per_piece {
                    "the stream was silent for"
                } else {
                    "no complete answer within"
                };
                let (limit, flag) = (seconds(wait.limit), wait.flag);
                write!(f, "{what} {limit}: raise {flag}")
            }
            Error::TooLarge { limit } => write!(
                f,
                "the response is larger than {} MiB",
                limit / (1024 * 1024)
            ),
            Error::CutOff { cause } => {
                write!(f, "the response was cut off: {}", causes(&**cause))
            }
            Error::Cancelled => f.write_str("interrupted"),
        }
    }
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Setting::BadProxy { variable } => write!(f, "{variable} is not a usable proxy URL"),
            Setting::BadHeader { variable, .. } => {
                write!(f, "{variable} has characters not allowed in a header")
            }
            Setting::CaUnreadable { path, cause } => {
                write!(f, "cannot read CA certificate {}: {cause}", path.display())
            }
            Setting::CaNotPem { path, cause } => {
                let causes = causes(cause);
                write!(f, "CA certificate {} is not PEM: {causes}", path.display())
            }
            Setting::CaEmpty { path } => {
                let path = path.display();
                write!(f, "CA certificate {path} holds no PEM certificate")
            }
        }
    }
}

impl std::error::Error for Setting {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Setting::BadProxy { .. } | Setting::CaEmpty { .. } => None,
            Setting::BadHeader { cause, .. } => Some(cause),
            Setting::CaUnreadable { cause, .. } => Some(cause),
            Setting::CaNotPem { cause, .. } => Some(cause),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Its own message says what is wrong; its source is its cause.
            Error::Setting(setting) => setting.source(),
            Error::Runtime(cause) => Some(cause),
            Error::Client(cause)
            | Error::ConnectTimeout { cause, .. }
            | Error::Connect { cause, .. }
            | Error::Request { cause, .. } => Some(cause),
            Error::NoAnswer { cause, .. } => cause.as_ref().map(|c| c as _),
            Error::Silent { cause, .. } => cause.as_deref().map(|c| c as _),
            Error::CutOff { cause } => Some(&**cause),
            Error::Status(_) | Error::TooLarge { .. } | Error::Cancelled => None,
        }
    }
}

fn seconds(d: Duration) -> String {
    format!("{}s", d.as_secs_f64())
}

/// The error and its causes as one line, without repeats (reqwest nests the same text).
fn causes(err: &(dyn std::error::Error + 'static)) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    use crate::http::Target;

    const ANSWER: Wait = Wait {
        limit: Duration::from_millis(2500),
        flag: "--timeout",
        per_piece: false,
    };
    const STREAM: Wait = Wait {
        limit: Duration::from_secs(120),
        flag: "--idle-timeout",
        per_piece: true,
    };

    #[test]
    fn waits_that_ran_out_name_their_flag() {
        let url = "http://127.0.0.1:9/v1/chat/completions".to_string();
        let no_answer = Error::NoAnswer {
            url,
            wait: ANSWER,
            cause: None,
        };
        assert_eq!(
            no_answer.to_string(),
            "no answer from http://127.0.0.1:9/v1/chat/completions within 2.5s: raise --timeout"
        );
        let whole = Error::Silent {
            wait: ANSWER,
            cause: None,
        };
        assert_eq!(
            whole.to_string(),
            "no complete answer within 2.5s: raise --timeout"
        );
        let stream = Error::Silent {
            wait: STREAM,
            cause: None,
        };
        assert_eq!(
            stream.to_string(),
            "the stream was silent for 120s: raise --idle-timeout"
        );
    }

    #[test]
    fn settings_name_the_variable_or_file_at_fault() {
        let proxy = Setting::BadProxy {
            variable: "HTTPS_PROXY",
        };
        assert_eq!(proxy.to_string(), "HTTPS_PROXY is not a usable proxy URL");
        let cause = reqwest::header::HeaderValue::from_str("a\nb").expect_err("newline");
        let header = Setting::BadHeader {
            variable: "OPENAI_ORG_ID",
            cause,
        };
        assert_eq!(
            header.to_string(),
            "OPENAI_ORG_ID has characters not allowed in a header"
        );
        assert!(header.source().is_some());
        let empty = Setting::CaEmpty {
            path: "ca.pem".into(),
        };
        assert_eq!(
            empty.to_string(),
            "CA certificate ca.pem holds no PEM certificate"
        );
        let unreadable = Setting::CaUnreadable {
            path: "ca.pem".into(),
            cause: io::Error::from(io::ErrorKind::NotFound),
        };
        assert_eq!(
            unreadable.to_string(),
            "cannot read CA certificate ca.pem: entity not found"
        );
        assert!(unreadable.source().is_some());
    }

    #[test]
    fn a_bad_pem_file_keeps_reqwests_error_as_its_cause() {
        let pem = b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n";
        let cause = reqwest::Certificate::from_pem_bundle(pem).expect_err("not PEM");
        let shown = causes(&cause);
        let err = Setting::CaNotPem {
            path: "ca.pem".into(),
            cause,
        };
        assert_eq!(
            err.to_string(),
            format!("CA certificate ca.pem is not PEM: {shown}")
        );
        assert!(err.source().is_some_and(|s| s.is::<reqwest::Error>()));
    }

    #[test]
    fn bodies_say_what_was_wrong_with_them() {
        let large = Error::TooLarge {
            limit: 64 * 1024 * 1024,
        };
        assert_eq!(large.to_string(), "the response is larger than 64 MiB");
        assert_eq!(Error::Cancelled.to_string(), "interrupted");
        assert!(Error::Cancelled.source().is_none());
    }

    #[test]
    fn a_refused_wait_is_added_to_a_status_only() {
        let status = Error::Status(Box::new(ApiFailure {
            status: 503,
            detail: "busy".into(),
            request_id: None,
            wait_refused: None,
            target: Target::Chat,
            key_from: None,
            kind: None,
        }));
        let wait = Duration::from_secs(120);
        let Error::Status(failure) = status.with_wait_refused(wait) else {
            panic!("still a status");
        };
        assert_eq!(failure.wait_refused, Some(wait));
        assert!(matches!(
            Error::Cancelled.with_wait_refused(wait),
            Error::Cancelled
        ));
    }

    #[test]
    fn causes_are_joined_without_repeats() {
        #[derive(Debug)]
        struct Layer(&'static str, Option<Box<Layer>>);
        impl fmt::Display for Layer {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }
        }
        impl std::error::Error for Layer {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                self.1.as_deref().map(|l| l as _)
            }
        }
        let inner = Layer("connection reset", None);
        let middle = Layer("connection reset", Some(Box::new(inner)));
        let outer = Layer("error decoding response body", Some(Box::new(middle)));
        assert_eq!(
            causes(&outer),
            "error decoding response body: connection reset"
        );
        assert_eq!(root_cause(&outer), "connection reset");
    }
}
