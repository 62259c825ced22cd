//! Sending one request by its route (the chat endpoint or the Responses API's), or
//! answering it from the cache, and handing the answer to the printers.

use std::io::Write;

use super::answer::{answer_stream, answer_whole};
use super::{Answer, Client, Show};
use crate::api::responses::Wire;
use crate::cache;
use crate::config::Config;
use crate::error::{Error, Target};
use crate::http::client::{Api, Call, Fetched};
use crate::http::{self, ratelimit::Gate};

/// Where a request goes: which API, at which URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub wire: Wire,
    pub url: String,
}

impl Route {
    pub(crate) fn new(config: &Config, wire: Wire) -> Route {
        let url = match wire {
            Wire::Chat => config.chat_url(),
            Wire::Responses => config.responses_url(),
        };
        Route { wire, url }
    }

    /// What the request is for, so that a failure's hint fits the endpoint.
    fn target(&self) -> Target {
        match self.wire {
            Wire::Chat => Target::Chat,
            Wire::Responses => Target::Responses,
        }
    }
}

/// What of an answer `--cache` may keep: how it came and its bytes (an HTTP 200 only).
type Kept = Option<(cache::Kind, Vec<u8>)>;

/// Sends the request `body` by `route`, or answers it from the cache, and prints the
/// answer as `show` says.
pub(super) fn send(
    config: &Config,
    client: &mut Client,
    route: &Route,
    body: Vec<u8>,
    show: Show,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    let slot = crate::commands::cached::slot(config, &route.url, &body);
    if let Some(entry) = slot
        .as_ref()
        .and_then(|s| crate::commands::cached::lookup(config, s, err))
    {
        return replay(config, route.wire, entry, show, out, err);
    }
    log_request(config, route, body.len(), err);
    // Until the first thing printed (the stream printer stops it), or the exchange ends.
    let _spinning = crate::spinner::start(show.spinner);
    let record = slot.is_some();
    let (answer, kept) = match config.request.stream {
        false => fetch_whole(config, client, route, body, show, out, err)?,
        true => fetch_stream(config, client, (route, body), show, record, out, err)?,
    };
    // Only here when the answer was well formed and passed its checks.
    if let (Some(slot), Some((kind, payload))) = (slot, kept) {
        crate::commands::cached::store(&slot, kind, &payload, err);
    }
    client.spent.extend(answer.spent.clone());
    Ok(answer)
}

/// Sends a request for a whole answer and prints it.
fn fetch_whole(
    config: &Config,
    client: &mut Client,
    route: &Route,
    body: Vec<u8>,
    show: Show,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(Answer, Kept), Error> {
    let fetched = fetch(config, client.api(config)?, route, body, None, err)?;
    log_status(
        config,
        fetched.status,
        fetched.elapsed,
        &fetched.request_id,
        err,
    );
    let answer = answer_whole(config, route.wire, show, &fetched.body, out, err)?;
    let ok = fetched.status == reqwest::StatusCode::OK;
    Ok((answer, ok.then_some((cache::Kind::Whole, fetched.body))))
}

/// Posts `body` by `route` and reads the whole answer, within each attempt: a body cut off
/// is asked again, as nothing of it was shown. `gate` is the rate-limit state that line
/// mode's workers share. The one-shot answer and line mode's both come this way.
pub(crate) fn fetch(
    config: &Config,
    api: &Api,
    route: &Route,
    body: Vec<u8>,
    gate: Option<&Gate>,
    err: &mut impl Write,
) -> Result<Fetched, Error> {
    let call = Call {
        gate,
        ..Call::new(&route.url, route.target(), config.answer_wait())
    };
    api.fetch_chat(body, err, call).map_err(Error::from)
}

/// Sends a streamed request and prints the answer as it comes; `record` keeps the event
/// stream's bytes for the cache.
fn fetch_stream(
    config: &Config,
    client: &mut Client,
    (route, body): (&Route, Vec<u8>),
    show: Show,
    record: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(Answer, Kept), Error> {
    let call = Call::new(&route.url, route.target(), config.stream_wait());
    let sent = client.api(config)?.post_chat(body, err, call)?;
    let is_event_stream = sent
        .response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    let status = sent.response.status();
    log_status(config, status, sent.elapsed, &sent.request_id, err);
    let record = record && status == reqwest::StatusCode::OK;
    if !is_event_stream {
        // A server that ignores `stream: true` and answers with plain JSON still gets read.
        let body = http::client::read_limited(sent.response, http::client::BODY_LIMIT)?;
        let answer = answer_whole(config, route.wire, show, &body, out, err)?;
        return Ok((answer, record.then_some((cache::Kind::Whole, body))));
    }
    let (mut response, mut recorded) = (sent.response, Vec::new());
    let read = |buf: &mut [u8]| {
        let read = response.read(buf);
        if let (true, Ok(n)) = (record, &read) {
            recorded.extend_from_slice(&buf[..*n]);
        }
        read
    };
    let answer = answer_stream(config, route.wire, read, show, out, err)?;
    Ok((answer, record.then_some((cache::Kind::Stream, recorded))))
}

/// A cached answer, printed as a fresh one would be: a stream goes through the same
/// reader, so `--stream` and `--raw --stream` print the same bytes.
fn replay(
    config: &Config,
    wire: Wire,
    entry: cache::Entry,
    show: Show,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    match entry.kind {
        cache::Kind::Whole => answer_whole(config, wire, show, &entry.payload, out, err),
        cache::Kind::Stream => {
            let mut rest = &entry.payload[..];
            let read = |buf: &mut [u8]| {
                let n = buf.len().min(rest.len());
                buf[..n].copy_from_slice(&rest[..n]);
                rest = &rest[n..];
                Ok::<_, Error>(n)
            };
            answer_stream(config, wire, read, show, out, err)
        }
    }
}

/// With `-v`: where the request goes, its size and model (never the key).
fn log_request(config: &Config, route: &Route, bytes: usize, err: &mut impl Write) {
    if config.verbose {
        let (url, model) = (&route.url, &config.request.model);
        crate::log::line(
            err,
            format_args!("POST {url} ({bytes} bytes, model {model})"),
        );
        crate::log::line(err, format_args!("authorization: Bearer (redacted)"));
        for header in &config.headers {
            crate::log::line(err, format_args!("{}: {}", header.name, header.shown()));
        }
    }
}

/// With `-v`: the status, how long it took, and the request id.
fn log_status(
    config: &Config,
    status: reqwest::StatusCode,
    elapsed: std::time::Duration,
    request_id: &Option<String>,
    err: &mut impl Write,
) {
    if config.verbose {
        let id = request_id
            .as_deref()
            .map(|id| format!(", x-request-id {id}"));
        crate::log::line(
            err,
            format_args!(
                "{status} in {} ms{}",
                elapsed.as_millis(),
                id.unwrap_or_default()
            ),
        );
    }
}
