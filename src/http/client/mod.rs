//! Talking to the API: sending with retries, rate limits shared between workers, and
//! statuses turned into errors. `setup` makes the reqwest client from the [`Options`];
//! the driver runs the requests and reads the bodies.

use std::io::Write;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{self, HeaderMap};
use reqwest::{Client as Http, RequestBuilder, StatusCode};

pub use crate::http::driver::Response;
use crate::http::driver::{Driver, Stop};
use crate::http::error::Error;
use crate::http::options::{Auth, Options, Wait};
use crate::http::ratelimit::{self, Gate};
use crate::http::retry::{self, Failure, Verdict};
use crate::http::status::Target;
use crate::secret::ApiKey;

mod errors;
mod setup;

pub use errors::read_limited;
use errors::{check, network_error, read_failure};

/// A whole answer larger than this is not an answer (and would exhaust memory).
pub const BODY_LIMIT: u64 = 64 * 1024 * 1024;

pub const USER_AGENT: &str = concat!("oaichat/", env!("CARGO_PKG_VERSION"));

/// A successful response, its body still to read, and what the verbose log wants to know.
pub struct Sent {
    pub response: Response,
    pub elapsed: Duration,
    pub request_id: Option<String>,
}

/// A successful response read whole.
pub struct Fetched {
    pub status: StatusCode,
    pub elapsed: Duration,
    pub request_id: Option<String>,
    pub body: Vec<u8>,
}

/// Where a request goes: its URL, what it is for (the hints of its errors differ), how
/// long it waits, the rate-limit state it shares with other workers, if any, and whether
/// a success whose body was cut off may be asked again.
#[derive(Clone, Copy)]
pub struct Call<'a> {
    pub url: &'a str,
    pub target: Target,
    /// Bounds the wait for the headers and for each read of the body.
    pub wait: Wait,
    pub gate: Option<&'a Gate>,
    /// False where asking again would do the work twice on the server: a batch created or
    /// a file uploaded (a chat answer is asked again, as the SDKs do: it was never shown).
    pub retry_cut_body: bool,
}

impl<'a> Call<'a> {
    pub fn new(url: &'a str, target: Target, wait: Wait) -> Call<'a> {
        Call {
            url,
            target,
            wait,
            gate: None,
            retry_cut_body: true,
        }
    }
}

/// `GET` the call's URL (`{base}/models`), with the same headers, timeouts and retries.
pub fn get(options: &Options, call: Call<'_>, log: &mut dyn Write) -> Result<Fetched, Error> {
    Api::new(options)?.fetch(log, call, BODY_LIMIT, |http| {
        http.get(call.url).timeout(call.wait.limit)
    })
}

/// An HTTP client configured once, so that many requests (line mode, batches) reuse
/// connections. Its connections run on the thread that sends: one `Api` per thread.
pub struct Api {
    http: Http,
    driver: Driver,
    api_key: ApiKey,
    auth: Auth,
    connect_timeout: Duration,
    max_retries: u32,
    verbose: bool,
}

impl Api {
    pub fn new(options: &Options) -> Result<Api, Error> {
        let driver = Driver::new(crate::interrupt::requested).map_err(Error::Runtime)?;
        Ok(Api {
            http: setup::http_client(options)?,
            driver,
            api_key: options.api_key.clone(),
            auth: options.auth,
            connect_timeout: options.connect_timeout,
            max_retries: options.max_retries,
            verbose: options.verbose,
        })
    }

    /// `POST {base}/chat/completions` for a stream, retrying what the retry policy allows; the
    /// body is read by the caller. A non-success status becomes [`Error::Status`] with the
    /// server's own words. Nothing is written to stdout before this returns, so a retry
    /// never duplicates output.
    pub fn post_chat(
        &self,
        body: Vec<u8>,
        log: &mut dyn Write,
        call: Call<'_>,
    ) -> Result<Sent, Error> {
        let body = Bytes::from(body); // cloned per attempt without copying the bytes
        self.send(log, call, |http| chat_request(http, call.url, &body))
    }

    /// `POST {base}/chat/completions` for a whole answer, read within the attempt.
    pub fn fetch_chat(
        &self,
        body: Vec<u8>,
        log: &mut dyn Write,
        call: Call<'_>,
    ) -> Result<Fetched, Error> {
        let body = Bytes::from(body);
        self.fetch(log, call, BODY_LIMIT, |http| {
            // A total deadline for a one-shot answer, body included.
            chat_request(http, call.url, &body).timeout(call.wait.limit)
        })
    }

    /// Sends a request built by `request`, with retries; the body is left to read.
    pub fn send(
        &self,
        log: &mut dyn Write,
        call: Call<'_>,
        request: impl Fn(&Http) -> RequestBuilder,
    ) -> Result<Sent, Error> {
        self.with_retries(log, call, |log| self.attempt(log, call, &request))
    }

    /// Sends a request built by `request` and reads its body (up to `limit` bytes), with
    /// retries. A body cut off before its end (a reset, a close before Content-Length) is
    /// retried like a connection error: nothing of it has been shown yet.
    pub fn fetch(
        &self,
        log: &mut dyn Write,
        call: Call<'_>,
        limit: u64,
        request: impl Fn(&Http) -> RequestBuilder,
    ) -> Result<Fetched, Error> {
        self.with_retries(log, call, |log| {
            let sent = self.attempt(log, call, &request)?;
            let status = sent.response.status();
            let body = read_limited(sent.response, limit)
                .map_err(|e| read_failure(e, call.retry_cut_body))?;
            Ok(Fetched {
                status,
                elapsed: sent.elapsed,
                request_id: sent.request_id,
                body,
            })
        })
    }

    /// Runs `attempt` until it succeeds or the retry policy gives up.
    fn with_retries<T>(
        &self,
        log: &mut dyn Write,
        call: Call<'_>,
        mut attempt: impl FnMut(&mut dyn Write) -> Result<T, (Error, Failure)>,
    ) -> Result<T, Error> {
        let mut retries = 0;
        loop {
            if let Some(gate) = call.gate {
                gate.wait();
            }
            let (error, failure) = match attempt(log) {
                Ok(done) => return Ok(done),
                // Asked to stop: not a failure to retry.
                Err((Error::Cancelled, _)) => return Err(Error::Cancelled),
                Err(failed) => failed,
            };
            let wait = match retry::decide(&failure, retries, self.max_retries, retry::jitter()) {
                Verdict::Retry(wait) => wait,
                Verdict::GiveUp => return Err(error),
                Verdict::WaitTooLong(wait) => return Err(error.with_wait_refused(wait)),
            };
            retries += 1;
            if self.verbose {
                crate::log::line(
                    log,
                    format_args!(
                        "retry {retries}/{} in {:.2}s after: {error}",
                        self.max_retries,
                        wait.as_secs_f64()
                    ),
                );
            }
            back_off(call.gate, failure.status, wait, log);
        }
    }

    /// One try: the request and its status (the body is not read).
    fn attempt(
        &self,
        log: &mut dyn Write,
        call: Call<'_>,
        request: &dyn Fn(&Http) -> RequestBuilder,
    ) -> Result<Sent, (Error, Failure)> {
        let started = Instant::now();
        // Built inside the runtime: reqwest arms its timers when the request is made.
        // The wait for the headers is bounded here; each read of the body bounds its own.
        let sent = self.driver.run_for(call.wait.limit, async {
            let request = request(&self.http);
            let key = self.api_key.expose();
            let request = match self.auth {
                Auth::Bearer => request.bearer_auth(key),
                Auth::ApiKeyHeader => request.header("api-key", sensitive(key)),
            };
            request.send().await
        });
        let failed = |error| Err((error, Failure::default()));
        let response = match sent {
            Ok(Ok(response)) => Response::new(response, &self.driver, call.wait),
            Ok(Err(err)) => {
                return failed(network_error(
                    err,
                    call.url,
                    self.connect_timeout,
                    call.wait,
                ));
            }
            Err(Stop::TimedOut) => {
                let (url, wait) = (call.url.to_string(), call.wait);
                return failed(Error::NoAnswer {
                    url,
                    wait,
                    cause: None,
                });
            }
            Err(Stop::Cancelled) => return failed(Error::Cancelled),
        };
        let sent = check(response, started, call.target, self.verbose, log)?;
        if let Some(gate) = call.gate {
            pause_for_headers(gate, sent.response.headers(), log);
        }
        Ok(sent)
    }
}

/// The key as a header value that logs never show (as `bearer_auth` marks its own). The
/// configuration refused a key that cannot be a header value before anything was sent.
fn sensitive(key: &str) -> header::HeaderValue {
    let mut value =
        header::HeaderValue::from_str(key).unwrap_or_else(|_| header::HeaderValue::from_static(""));
    value.set_sensitive(true);
    value
}

/// Sleeps before a retry. After a 429 everyone slows down, not just this worker; said
/// once per pause.
fn back_off(gate: Option<&Gate>, status: Option<u16>, wait: Duration, log: &mut dyn Write) {
    match (gate, status) {
        (Some(gate), Some(429)) => {
            if gate.pause(wait) {
                crate::log::line(
                    log,
                    format_args!(
                        "rate limit: HTTP 429; every request waits {}s",
                        wait.as_secs_f64()
                    ),
                );
            }
        }
        _ => std::thread::sleep(wait),
    }
}

/// The chat request, before its deadline.
fn chat_request(http: &Http, url: &str, body: &Bytes) -> RequestBuilder {
    http.post(url)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.clone())
}

/// When a success says nothing is left until a reset, every worker waits for it.
fn pause_for_headers(gate: &Gate, headers: &HeaderMap, log: &mut dyn Write) {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    if let Some(pause) = ratelimit::header_pause(header)
        && gate.pause(pause.wait)
    {
        crate::log::line(log, format_args!("{}", pause.message()));
    }
}
