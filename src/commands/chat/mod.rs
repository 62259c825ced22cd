//! One round trip: build the request for a prompt, check its size, send it, print the
//! answer, and return the answer's text for the conversation.
//!
//! The one-shot pipeline and the interactive loop both call [`exchange`].

use std::io::Write;

use crate::api::request::{self, ChatRequest};
use crate::api::response::Usage;
use crate::cache;
use crate::config::{Config, Facts};
use crate::conversation::Transcript;
use crate::error::{Error, Missing, Problem, Target, Task};
use crate::http::{self, client::Api, client::Call};
use crate::output::ReasoningView;
use crate::output::live::Rendering;
mod answer;
mod rendering;
use crate::tokens::{self, Encoding};
use answer::{answer_stream, answer_whole, shows_usage};

/// What the conversation keeps of an answer: choice 0's text, when it had one.
#[derive(Debug, Default)]
pub struct Answer {
    pub text: Option<String>,
    /// With `-x`: why no answer had the code block asked for (and nothing was printed).
    pub no_block: Option<Missing>,
    /// When the answer asks for tools: its calls (none when only its finish reason asked).
    pub calls: Option<Vec<crate::tools::Call>>,
    /// Its tokens, when they were reported or counted (see [`Show::tally`]).
    pub spent: Option<Spent>,
}

/// What an answer cost in tokens: as the server reported them, or as counted here when it
/// reported none (the `--usage` line says which).
#[derive(Debug, Clone, PartialEq)]
pub struct Spent {
    pub usage: Usage,
    /// The model that answered, whose prices apply.
    pub model: String,
    /// The encoding the tokens were counted with, when the server reported none.
    pub estimated: Option<&'static str>,
}

impl Spent {
    /// The figures as the `--usage` line takes them.
    pub fn tally(&self) -> crate::output::Tally<'_> {
        match self.estimated {
            Some(encoding) => crate::output::Tally::Estimated(&self.usage, encoding),
            None => crate::output::Tally::Reported(&self.usage),
        }
    }
}

/// How an exchange shows its answer, decided by the command that runs it.
#[derive(Debug, Clone, Copy)]
pub struct Show {
    /// Return the text even for streams (a conversation needs it).
    pub keep_text: bool,
    /// How the model's reasoning is shown on stderr.
    pub reasoning: ReasoningView,
    /// With tools offered, hold a streamed answer's text until it is known not to come
    /// with calls: a script must find only calls on stdout. A person at a terminal sees
    /// it stream.
    pub hold_for_tools: bool,
    /// Spin on stderr until the answer starts: a person waits at a terminal.
    pub spinner: bool,
    /// The answer rendered as markdown (`--render`).
    pub render: Option<Rendering>,
    /// Keep the answer's tokens (counted when the server reports none) even without
    /// `--usage`: the chat's `/usage` adds them up.
    pub tally: bool,
    /// The prompt's tokens, counted when the usage line is shown, for an estimate if the
    /// server reports no usage (set by [`exchange`]).
    prompt_tokens: Option<(Encoding, u64)>,
}

impl Show {
    pub fn new(config: &Config, facts: Facts, keep_text: bool) -> Show {
        let (hide, paint) = (
            config.hide_reasoning,
            config.color.paints(facts.stderr_is_terminal),
        );
        Show {
            keep_text,
            reasoning: ReasoningView::decide(hide, paint),
            hold_for_tools: !facts.answer_is_terminal,
            spinner: facts.stderr_is_terminal && facts.answer_is_terminal && !config.raw,
            render: rendering::rendering(config, facts),
            tally: false,
            prompt_tokens: None,
        }
    }

    /// The same, keeping every answer's tokens (see [`Show::tally`]).
    pub fn tallied(self) -> Show {
        Show {
            tally: true,
            ..self
        }
    }
}

/// The HTTP client a run's exchanges share, made when the first one sends (a dry run needs
/// none), so that the chat's questions reuse its connections; and what the answers it
/// fetched cost, tool rounds included (cached answers cost nothing).
#[derive(Default)]
pub struct Client {
    api: Option<Api>,
    spent: Vec<Spent>,
}

impl Client {
    fn api(&mut self, config: &Config) -> Result<&Api, Error> {
        let api = match self.api.take() {
            Some(api) => api,
            None => Api::new(&config.http())?,
        };
        Ok(self.api.insert(api))
    }

    /// Every fetched answer's tokens, in order (with [`Show::tally`] or `--usage`).
    pub fn spent(&self) -> &[Spent] {
        &self.spent
    }
}

/// Sends `prompt` (after the transcript's messages; none after tool results) and prints
/// the answer as `show` says.
pub fn exchange(
    config: &Config,
    client: &mut Client,
    transcript: &Transcript,
    prompt: Option<&str>,
    show: Show,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    let mut request = request::build_after(&config.request, transcript.context(), prompt);
    fit(config, &mut request, err)?;
    let body = request::encode(&request, &config.request.extra)
        .map_err(|e| Error::local(Task::EncodeRequest, e))?;
    if config.dry_run {
        return dry_run(config, &request, &body, out, err);
    }
    // Counted now, while the request is here: whether the server reports usage is known
    // only at the end (llama.cpp's server never does). Counting is quick (issue 13).
    let show = Show {
        prompt_tokens: (shows_usage(config) || show.tally).then(|| {
            let encoding = Encoding::for_model(&config.request.model);
            (encoding, tokens::request_tokens(encoding, &request) as u64)
        }),
        ..show
    };
    drop(request); // borrows the prompt; the body is what goes out

    let slot = super::cached::slot(config, &config.chat_url(), &body);
    if let Some(entry) = slot
        .as_ref()
        .and_then(|s| super::cached::lookup(config, s, err))
    {
        return replay(config, entry, show, out, err);
    }
    log_request(config, body.len(), err);
    // Until the first thing printed (the stream printer stops it), or the exchange ends.
    let _spinning = crate::spinner::start(show.spinner);
    let record = slot.is_some();
    let (answer, kept) = match config.request.stream {
        false => fetch_whole(config, client, body, show, out, err)?,
        true => fetch_stream(config, client, body, show, record, out, err)?,
    };
    // Only here when the answer was well formed and passed its checks.
    if let (Some(slot), Some((kind, payload))) = (slot, kept) {
        super::cached::store(&slot, kind, &payload, err);
    }
    client.spent.extend(answer.spent.clone());
    Ok(answer)
}

/// What of an answer `--cache` may keep: how it came and its bytes (an HTTP 200 only).
type Kept = Option<(cache::Kind, Vec<u8>)>;

/// Sends a request for a whole answer and prints it.
fn fetch_whole(
    config: &Config,
    client: &mut Client,
    body: Vec<u8>,
    show: Show,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(Answer, Kept), Error> {
    // Read whole within each attempt: a body cut off is retried, as nothing is shown.
    let url = config.chat_url();
    let call = Call::new(&url, Target::Chat, config.answer_wait());
    let fetched = client.api(config)?.fetch_chat(body, err, call)?;
    log_status(
        config,
        fetched.status,
        fetched.elapsed,
        &fetched.request_id,
        err,
    );
    let answer = answer_whole(config, show, &fetched.body, out, err)?;
    let ok = fetched.status == reqwest::StatusCode::OK;
    Ok((answer, ok.then_some((cache::Kind::Whole, fetched.body))))
}

/// Sends a streamed request and prints the answer as it comes; `record` keeps the event
/// stream's bytes for the cache.
fn fetch_stream(
    config: &Config,
    client: &mut Client,
    body: Vec<u8>,
    show: Show,
    record: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(Answer, Kept), Error> {
    let url = config.chat_url();
    let call = Call::new(&url, Target::Chat, config.stream_wait());
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
        let answer = answer_whole(config, show, &body, out, err)?;
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
    let answer = answer_stream(config, read, show, out, err)?;
    Ok((answer, record.then_some((cache::Kind::Stream, recorded))))
}

/// A cached answer, printed as a fresh one would be: a stream goes through the same
/// reader, so `--stream` and `--raw --stream` print the same bytes.
fn replay(
    config: &Config,
    entry: cache::Entry,
    show: Show,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    match entry.kind {
        cache::Kind::Whole => answer_whole(config, show, &entry.payload, out, err),
        cache::Kind::Stream => {
            let mut rest = &entry.payload[..];
            let read = |buf: &mut [u8]| {
                let n = buf.len().min(rest.len());
                buf[..n].copy_from_slice(&rest[..n]);
                rest = &rest[n..];
                Ok::<_, Error>(n)
            };
            answer_stream(config, read, show, out, err)
        }
    }
}

/// With `-v`: where the request goes, its size and model (never the key).
fn log_request(config: &Config, bytes: usize, err: &mut impl Write) {
    if config.verbose {
        let (url, model) = (config.chat_url(), &config.request.model);
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

/// Applies `--history-limit`, then refuses a request that cannot fit the model's context
/// window (known models only). Tokens are counted only when a byte bound says it matters.
fn fit(config: &Config, request: &mut ChatRequest<'_>, err: &mut impl Write) -> Result<(), Error> {
    let encoding = Encoding::for_model(&config.request.model);
    if let Some(limit) = config.history_limit {
        let dropped = tokens::trim_to(encoding, request, limit as usize)
            .map_err(|needed| Problem::HistoryLimit { limit, needed })?;
        if dropped > 0 && config.verbose {
            crate::log::line(
                err,
                format_args!("--history-limit {limit}: dropped the {dropped} oldest message(s)"),
            );
        }
    }
    let Some(known) = crate::catalog::lookup(&config.request.model) else {
        return Ok(());
    };
    let window = known.context_window as usize;
    let reserved = config
        .request
        .params
        .max_completion_tokens
        .or(config.request.params.max_tokens)
        .unwrap_or(0) as usize;
    if tokens::upper_bound(request) + reserved <= window {
        return Ok(());
    }
    let prompt_tokens = tokens::request_tokens(encoding, request);
    if prompt_tokens + reserved > window {
        return Err(Problem::ContextWindow {
            tokens: prompt_tokens,
            reserved,
            model: config.request.model.clone(),
            window,
        }
        .into());
    }
    Ok(())
}

/// `--dry-run`: the exact body on stdout (pretty-printed), the token count on stderr.
fn dry_run(
    config: &Config,
    request: &ChatRequest<'_>,
    body: &[u8],
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| Error::local(Task::EncodeRequest, e))?;
    serde_json::to_writer_pretty(&mut *out, &value).map_err(|e| Error::Write(e.into()))?;
    writeln!(out).map_err(Error::Write)?;
    out.flush().map_err(Error::Write)?;
    let encoding = Encoding::for_model(&config.request.model);
    crate::log::line(
        err,
        format_args!(
            "dry run: POST {} not sent; prompt {} tokens ({})",
            config.chat_url(),
            tokens::request_tokens(encoding, request),
            encoding.name()
        ),
    );
    Ok(Answer::default())
}

#[cfg(test)]
#[path = "chat_tests.rs"]
mod tests;
