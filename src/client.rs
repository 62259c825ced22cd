//! The only reqwest code: headers, timeouts, sending, and statuses turned into errors.

use std::io::{self, Read};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client as Http, Response};
use reqwest::header::{self, HeaderMap, HeaderValue};

use crate::config::Config;
use crate::error::{ApiFailure, Error};
use crate::response::error_detail;

/// How long to wait for a TCP/TLS connection before calling the network down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Error bodies are read up to this size; a message is never longer.
const ERROR_BODY_LIMIT: u64 = 1024 * 1024;
/// A whole answer larger than this is not an answer (and would exhaust memory).
pub const BODY_LIMIT: u64 = 64 * 1024 * 1024;

pub const USER_AGENT: &str = concat!("oaichat/", env!("CARGO_PKG_VERSION"));

/// A successful response and what the verbose log wants to know about it.
pub struct Sent {
    pub response: Response,
    pub elapsed: Duration,
    pub request_id: Option<String>,
}

/// Sends the chat request. A non-success status becomes [`Error::Api`] with the server's
/// own words.
pub fn post_chat(config: &Config, body: Vec<u8>) -> Result<Sent, Error> {
    let http = Http::builder()
        .user_agent(USER_AGENT)
        .default_headers(headers(config)?)
        .connect_timeout(CONNECT_TIMEOUT)
        // In the blocking client this bounds each wait: for headers and for every read of
        // the body. For a stream that is the longest silence between two chunks.
        .timeout(config.timeout)
        .build()
        .map_err(|err| {
            Error::Network(format!("cannot set up the HTTP client: {}", causes(&err)))
        })?;
    let url = config.chat_url();
    let mut request = http
        .post(&url)
        .bearer_auth(config.api_key.expose())
        .header(header::CONTENT_TYPE, "application/json")
        .body(body);
    if !config.stream {
        // A total deadline for a one-shot answer, body included.
        request = request.timeout(config.timeout);
    }
    let started = Instant::now();
    let response = request
        .send()
        .map_err(|err| network_error(&err, &url, config.timeout))?;
    let elapsed = started.elapsed();
    let request_id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let status = response.status();
    if !status.is_success() {
        let body = read_limited(response, ERROR_BODY_LIMIT).unwrap_or_default();
        return Err(Error::Api(ApiFailure {
            status: status.as_u16(),
            detail: error_detail(&body).text,
            request_id,
        }));
    }
    Ok(Sent {
        response,
        elapsed,
        request_id,
    })
}

fn headers(config: &Config) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::new();
    let pairs = [
        (
            "openai-organization",
            config.organization.as_deref(),
            "OPENAI_ORG_ID",
        ),
        (
            "openai-project",
            config.project.as_deref(),
            "OPENAI_PROJECT_ID",
        ),
    ];
    for (name, value, variable) in pairs {
        if let Some(value) = value {
            let value = HeaderValue::from_str(value.trim()).map_err(|_| {
                Error::usage(format!("{variable} has characters not allowed in a header"))
            })?;
            headers.insert(name, value);
        }
    }
    Ok(headers)
}

/// Reads a body up to `limit` bytes; more is an error, not a silent cut.
pub fn read_limited(response: Response, limit: u64) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    response.take(limit + 1).read_to_end(&mut body)?;
    if body.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "the response is larger than {} MiB",
            limit / (1024 * 1024)
        )));
    }
    Ok(body)
}

/// A failed read of the body: a timeout is the network's fault, anything else leaves a
/// response that cannot be used.
pub fn body_error(err: &io::Error, timeout: Duration) -> Error {
    if is_timeout(err) {
        Error::Network(format!(
            "the server stopped sending within {}: raise --timeout",
            seconds(timeout)
        ))
    } else {
        Error::BadResponse(format!("the response was cut off: {}", io_causes(err)))
    }
}

fn is_timeout(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::TimedOut
        || err
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
            .is_some_and(reqwest::Error::is_timeout)
}

fn network_error(err: &reqwest::Error, url: &str, timeout: Duration) -> Error {
    if err.is_timeout() {
        Error::Network(format!(
            "no answer from {url} within {}: raise --timeout",
            seconds(timeout)
        ))
    } else if err.is_connect() {
        Error::Network(format!(
            "cannot connect to {url}: {}; check OPENAI_BASE_URL and the network",
            root_cause(err)
        ))
    } else {
        Error::Network(format!("request to {url} failed: {}", causes(err)))
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

fn io_causes(err: &io::Error) -> String {
    match err.get_ref() {
        Some(inner) => causes(inner),
        None => err.to_string(),
    }
}
