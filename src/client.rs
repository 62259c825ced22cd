//! Talking to the API: TLS and timeouts, headers, sending with retries, and statuses
//! turned into errors. `http` runs the requests and reads the bodies.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Client as Http, RequestBuilder};

use crate::config::Config;
use crate::error::{ApiFailure, Error};
pub use crate::http::Response;
use crate::http::{Cancelled, Driver, Stop};
use crate::ratelimit::{self, Gate};
use crate::response::error_detail;
use crate::retry::{self, Failure, Verdict};

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

/// The wait that bounds reading: the whole answer, or for a stream the silence between
/// chunks, with the flag that sets it (for messages).
pub fn read_limit(config: &Config) -> (Duration, &'static str) {
    if config.stream {
        (config.idle_timeout, "--idle-timeout")
    } else {
        (config.timeout, "--timeout")
    }
}

/// Sends the chat request, retrying what the retry policy allows. A non-success status
/// becomes [`Error::Api`] with the server's own words. Retries are logged on `log` with
/// `-v`. Nothing is written to stdout before this returns, so a retry never duplicates
/// output.
pub fn post_chat(config: &Config, body: Vec<u8>, log: &mut dyn Write) -> Result<Sent, Error> {
    Api::new(config)?.post_chat(config, body, log, None)
}

/// `GET {base}/models`, with the same headers, timeouts and retries.
pub fn get_models(config: &Config, log: &mut dyn Write) -> Result<Sent, Error> {
    let url = config.models_url();
    Api::new(config)?.send(config, log, None, &url, |http| {
        http.get(&url).timeout(config.timeout)
    })
}

/// An HTTP client configured once, so that many requests (line mode, batches) reuse
/// connections. Its connections run on the thread that sends: one `Api` per thread.
pub struct Api {
    http: Http,
    driver: Driver,
}

impl Api {
    pub fn new(config: &Config) -> Result<Api, Error> {
        let driver = Driver::new(crate::interrupt::requested)
            .map_err(|err| Error::Network(format!("cannot set up the HTTP client: {err}")))?;
        Ok(Api {
            http: http_client(config)?,
            driver,
        })
    }

    /// `POST {base}/chat/completions`. With a `gate`, waits for the shared rate-limit
    /// state before each attempt and tells it when the server asks to slow down.
    pub fn post_chat(
        &self,
        config: &Config,
        body: Vec<u8>,
        log: &mut dyn Write,
        gate: Option<&Gate>,
    ) -> Result<Sent, Error> {
        let body = Bytes::from(body); // cloned per attempt without copying the bytes
        let url = config.chat_url();
        self.send(config, log, gate, &url, |http| {
            let request = http
                .post(&url)
                .header(header::CONTENT_TYPE, "application/json")
                .body(body.clone());
            if config.stream {
                request
            } else {
                // A total deadline for a one-shot answer, body included.
                request.timeout(config.timeout)
            }
        })
    }

    /// Sends a request built by `request`, with retries.
    pub fn send(
        &self,
        config: &Config,
        log: &mut dyn Write,
        gate: Option<&Gate>,
        url: &str,
        request: impl Fn(&Http) -> RequestBuilder,
    ) -> Result<Sent, Error> {
        let mut retries = 0;
        loop {
            if let Some(gate) = gate {
                gate.wait();
            }
            let started = Instant::now();
            let (limit, _) = read_limit(config);
            // Built inside the runtime: reqwest arms its timers when the request is made.
            // The wait for the headers is bounded here; each read of the body bounds its own.
            let sent = self.driver.run_for(limit, async {
                request(&self.http)
                    .bearer_auth(config.api_key.expose())
                    .send()
                    .await
            });
            let sent = match sent {
                Ok(Ok(response)) => Ok(Response::new(response, &self.driver, limit)),
                Ok(Err(err)) => Err(network_error(&err, url, config)),
                Err(Stop::TimedOut) => Err(no_answer(url, config)),
                // Asked to stop: not a failure to retry.
                Err(Stop::Cancelled) => return Err(Error::Interrupted),
            };
            let (error, failure) = match check(sent, started) {
                Ok(sent) => {
                    if let Some(gate) = gate {
                        let headers = sent.response.headers();
                        let header = |name: &str| {
                            headers
                                .get(name)
                                .and_then(|v| v.to_str().ok())
                                .map(str::to_string)
                        };
                        if let Some(pause) = ratelimit::header_pause(header)
                            && gate.pause(pause.wait)
                        {
                            let _ = writeln!(log, "oaichat: {}", pause.message());
                        }
                    }
                    return Ok(sent);
                }
                Err(failed) => failed,
            };
            match retry::decide(&failure, retries, config.max_retries, retry::jitter()) {
                Verdict::Retry(wait) => {
                    retries += 1;
                    if config.verbose {
                        let _ = writeln!(
                            log,
                            "oaichat: retry {retries}/{} in {:.2}s after: {error}",
                            config.max_retries,
                            wait.as_secs_f64()
                        );
                    }
                    match (gate, failure.status) {
                        // Everyone slows down, not just this worker.
                        (Some(gate), Some(429)) => {
                            gate.pause(wait);
                        }
                        _ => std::thread::sleep(wait),
                    }
                }
                Verdict::GiveUp => return Err(error),
                Verdict::WaitTooLong(wait) => {
                    return Err(match error {
                        Error::Api(failure) => Error::Api(ApiFailure {
                            wait_refused: Some(wait),
                            ..failure
                        }),
                        other => other,
                    });
                }
            }
        }
    }
}

fn http_client(config: &Config) -> Result<Http, Error> {
    // The proxy was chosen (and checked) with the configuration; reqwest must not pick
    // one of its own from the environment.
    let mut builder = Http::builder()
        .user_agent(USER_AGENT)
        .default_headers(headers(config)?)
        .connect_timeout(config.connect_timeout)
        .no_proxy();
    if let Some(proxy) = &config.proxy {
        // The error is not shown: it could quote the URL, password and all.
        let proxy = reqwest::Proxy::all(proxy.url())
            .map_err(|_| Error::usage(format!("{} is not a usable proxy URL", proxy.variable)))?;
        builder = builder.proxy(proxy);
    }
    let tls_needed = !config.base_url.starts_with("http://")
        || config.proxy.as_ref().is_some_and(|p| p.is_encrypted());
    if !tls_needed {
        // Plain http needs no CA at all, and reading the system store (or an
        // SSL_CERT_FILE bundle) costs milliseconds at every start: measured with
        // callgrind, a fifth of the instructions of a 20,000-chunk stream run.
        builder = builder.tls_certs_only(Vec::new());
    } else if !config.ca_certs.is_empty() {
        builder = builder.tls_certs_merge(ca_certs(config)?);
    }
    builder
        .build()
        .map_err(|err| Error::Network(format!("cannot set up the HTTP client: {}", causes(&err))))
}

fn ca_certs(config: &Config) -> Result<Vec<reqwest::Certificate>, Error> {
    let mut certs = Vec::new();
    for path in &config.ca_certs {
        let shown = path.display();
        let pem = std::fs::read(path)
            .map_err(|err| Error::usage(format!("cannot read CA certificate {shown}: {err}")))?;
        let found = reqwest::Certificate::from_pem_bundle(&pem).map_err(|err| {
            Error::usage(format!(
                "CA certificate {shown} is not PEM: {}",
                causes(&err)
            ))
        })?;
        if found.is_empty() {
            return Err(Error::usage(format!(
                "CA certificate {shown} holds no PEM certificate"
            )));
        }
        certs.extend(found);
    }
    Ok(certs)
}

/// Judges one try. On failure, the error to report and what the retry policy needs.
fn check(sent: Result<Response, Error>, started: Instant) -> Result<Sent, (Error, Failure)> {
    let response = sent.map_err(|err| (err, Failure::default()))?;
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
    let error = Error::Api(ApiFailure {
        status: status.as_u16(),
        detail: detail.text,
        request_id,
        wait_refused: None,
    });
    Err((
        error,
        Failure {
            code: detail.code,
            ..failure
        },
    ))
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

/// A failed read of the body: a stop the user asked for is an interruption, a timeout is
/// the network's fault, anything else leaves a response that cannot be used.
pub fn body_error(err: &io::Error, config: &Config) -> Error {
    if err.get_ref().is_some_and(|inner| inner.is::<Cancelled>()) {
        Error::Interrupted
    } else if is_timeout(err) {
        let (limit, flag) = read_limit(config);
        let what = if config.stream {
            "the stream was silent for"
        } else {
            "no complete answer within"
        };
        Error::Network(format!("{what} {}: raise {flag}", seconds(limit)))
    } else {
        Error::BadResponse(format!("the response was cut off: {}", io_causes(err)))
    }
}

fn is_timeout(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::TimedOut
        || err
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<crate::http::Shared>())
            .is_some_and(|shared| shared.0.is_timeout())
}

fn network_error(err: &reqwest::Error, url: &str, config: &Config) -> Error {
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
fn no_answer(url: &str, config: &Config) -> Error {
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
