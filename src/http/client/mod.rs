//! Talking to the API: TLS and timeouts, proxies, headers, sending with retries, and
//! statuses turned into errors. `http` runs the requests and reads the bodies.

use std::io::Write;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Client as Http, RequestBuilder, StatusCode};

use crate::config::Config;
use crate::error::{Error, Target};
pub use crate::http::driver::Response;
use crate::http::driver::{Driver, Stop};
use crate::http::ratelimit::{self, Gate};
use crate::http::retry::{self, Failure, Verdict};

mod errors;

pub use errors::{body_error, read_limited};
use errors::{causes, check, network_error, no_answer, read_failure};

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

/// Where a request goes: its URL, what it is for (the hints of its errors differ), the
/// rate-limit state it shares with other workers, if any, and whether a success whose body
/// was cut off may be asked again.
#[derive(Clone, Copy)]
pub struct Call<'a> {
    pub url: &'a str,
    pub target: Target,
    pub gate: Option<&'a Gate>,
    /// False where asking again would do the work twice on the server: a batch created or
    /// a file uploaded (a chat answer is asked again, as the SDKs do: it was never shown).
    pub retry_cut_body: bool,
}

impl<'a> Call<'a> {
    pub fn new(url: &'a str, target: Target) -> Call<'a> {
        Call {
            url,
            target,
            gate: None,
            retry_cut_body: true,
        }
    }
}

/// The wait that bounds reading: the whole answer, or for a stream the silence between
/// chunks, with the flag that sets it (for messages).
pub fn read_limit(config: &Config) -> (Duration, &'static str) {
    if config.request.stream {
        (config.idle_timeout, "--idle-timeout")
    } else {
        (config.timeout, "--timeout")
    }
}

/// Sends the chat request for a stream, retrying what the retry policy allows. A
/// non-success status becomes [`Error::Api`] with the server's own words. Retries are
/// logged on `log` with `-v`. Nothing is written to stdout before this returns, so a retry
/// never duplicates output.
pub fn post_chat(config: &Config, body: Vec<u8>, log: &mut dyn Write) -> Result<Sent, Error> {
    let url = config.chat_url();
    Api::new(config)?.post_chat(config, body, log, Call::new(&url, Target::Chat))
}

/// Sends the chat request for a whole answer and reads it, retrying as [`Api::fetch`] does.
pub fn fetch_chat(config: &Config, body: Vec<u8>, log: &mut dyn Write) -> Result<Fetched, Error> {
    let url = config.chat_url();
    Api::new(config)?.fetch_chat(config, body, log, Call::new(&url, Target::Chat))
}

/// `GET {base}/models`, with the same headers, timeouts and retries.
pub fn get_models(config: &Config, log: &mut dyn Write) -> Result<Fetched, Error> {
    let url = config.models_url();
    let call = Call::new(&url, Target::Models);
    Api::new(config)?.fetch(config, log, call, BODY_LIMIT, |http| {
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

    /// `POST {base}/chat/completions` for a stream: the body is read by the caller.
    pub fn post_chat(
        &self,
        config: &Config,
        body: Vec<u8>,
        log: &mut dyn Write,
        call: Call<'_>,
    ) -> Result<Sent, Error> {
        let body = Bytes::from(body); // cloned per attempt without copying the bytes
        self.send(config, log, call, |http| {
            chat_request(http, call.url, &body)
        })
    }

    /// `POST {base}/chat/completions` for a whole answer, read within the attempt.
    pub fn fetch_chat(
        &self,
        config: &Config,
        body: Vec<u8>,
        log: &mut dyn Write,
        call: Call<'_>,
    ) -> Result<Fetched, Error> {
        let body = Bytes::from(body);
        self.fetch(config, log, call, BODY_LIMIT, |http| {
            // A total deadline for a one-shot answer, body included.
            chat_request(http, call.url, &body).timeout(config.timeout)
        })
    }

    /// Sends a request built by `request`, with retries; the body is left to read.
    pub fn send(
        &self,
        config: &Config,
        log: &mut dyn Write,
        call: Call<'_>,
        request: impl Fn(&Http) -> RequestBuilder,
    ) -> Result<Sent, Error> {
        self.with_retries(config, log, call, |log| {
            self.attempt(config, log, call, &request)
        })
    }

    /// Sends a request built by `request` and reads its body (up to `limit` bytes), with
    /// retries. A body cut off before its end (a reset, a close before Content-Length) is
    /// retried like a connection error: nothing of it has been shown yet.
    pub fn fetch(
        &self,
        config: &Config,
        log: &mut dyn Write,
        call: Call<'_>,
        limit: u64,
        request: impl Fn(&Http) -> RequestBuilder,
    ) -> Result<Fetched, Error> {
        self.with_retries(config, log, call, |log| {
            let sent = self.attempt(config, log, call, &request)?;
            let status = sent.response.status();
            let body = read_limited(sent.response, limit)
                .map_err(|e| read_failure(&e, config, call.retry_cut_body))?;
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
        config: &Config,
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
                Err((Error::Interrupted, _)) => return Err(Error::Interrupted),
                Err(failed) => failed,
            };
            let wait = match retry::decide(&failure, retries, config.max_retries, retry::jitter()) {
                Verdict::Retry(wait) => wait,
                Verdict::GiveUp => return Err(error),
                Verdict::WaitTooLong(wait) => return Err(error.with_wait_refused(wait)),
            };
            retries += 1;
            if config.verbose {
                crate::log::line(
                    log,
                    format_args!(
                        "retry {retries}/{} in {:.2}s after: {error}",
                        config.max_retries,
                        wait.as_secs_f64()
                    ),
                );
            }
            match (call.gate, failure.status) {
                // Everyone slows down, not just this worker; said once per pause.
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
    }

    /// One try: the request and its status (the body is not read).
    fn attempt(
        &self,
        config: &Config,
        log: &mut dyn Write,
        call: Call<'_>,
        request: &dyn Fn(&Http) -> RequestBuilder,
    ) -> Result<Sent, (Error, Failure)> {
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
        let response = match sent {
            Ok(Ok(response)) => Response::new(response, &self.driver, limit),
            Ok(Err(err)) => {
                return Err((network_error(&err, call.url, config), Failure::default()));
            }
            Err(Stop::TimedOut) => return Err((no_answer(call.url, config), Failure::default())),
            Err(Stop::Cancelled) => return Err((Error::Interrupted, Failure::default())),
        };
        let sent = check(response, started, call.target, config.verbose, log)?;
        if let Some(gate) = call.gate {
            pause_for_headers(gate, sent.response.headers(), log);
        }
        Ok(sent)
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
