//! One round trip: build the request for a prompt, check its size, send it, print the
//! answer, and return the answer's text for the conversation.
//!
//! The one-shot pipeline and the interactive loop both call [`exchange`].

use std::io::Write;

use crate::api::request::{self, ChatRequest};
use crate::api::response::{self, ChatResponse, Usage};
use crate::config::Config;
use crate::conversation::Transcript;
use crate::error::{BadResponse, Error, Expected, Problem, Target, Task};
use crate::http::{self, client::Api, client::Call};
use crate::output;
use crate::stream;
use crate::tokens::{self, Encoding};

/// What the conversation keeps of an answer: choice 0's text, when it had one.
#[derive(Debug, Default)]
pub struct Answer {
    pub text: Option<String>,
}

/// The HTTP client a run's exchanges share, made when the first one sends (a dry run needs
/// none), so that the chat's questions reuse its connections.
#[derive(Default)]
pub struct Client(Option<Api>);

impl Client {
    fn api(&mut self, config: &Config) -> Result<&Api, Error> {
        let api = match self.0.take() {
            Some(api) => api,
            None => Api::new(&config.http())?,
        };
        Ok(self.0.insert(api))
    }
}

/// Sends `prompt` (after the transcript's messages) and prints the answer. `keep_text`
/// returns the text even for streams (a conversation needs it).
pub fn exchange(
    config: &Config,
    client: &mut Client,
    transcript: &Transcript,
    prompt: &str,
    keep_text: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    let mut request = request::build(&config.request, transcript.context(), prompt);
    fit(config, &mut request, err)?;
    let body = serde_json::to_vec(&request).map_err(|e| Error::local(Task::EncodeRequest, e))?;
    if config.dry_run {
        return dry_run(config, &request, &body, out, err);
    }
    log_request(config, body.len(), err);

    let url = config.chat_url();
    if !config.request.stream {
        // Read whole within each attempt: a body cut off is retried, as nothing is shown.
        let call = Call::new(&url, Target::Chat, config.answer_wait());
        let fetched = client.api(config)?.fetch_chat(body, err, call)?;
        log_status(
            config,
            fetched.status,
            fetched.elapsed,
            &fetched.request_id,
            err,
        );
        return answer_whole(config, &request, &fetched.body, out, err);
    }
    let call = Call::new(&url, Target::Chat, config.stream_wait());
    let sent = client.api(config)?.post_chat(body, err, call)?;
    let is_event_stream = sent
        .response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    log_status(
        config,
        sent.response.status(),
        sent.elapsed,
        &sent.request_id,
        err,
    );
    if is_event_stream {
        answer_stream(config, &request, sent.response, keep_text, out, err)
    } else {
        // A server that ignores `stream: true` and answers with plain JSON still gets read.
        let body = http::client::read_limited(sent.response, http::client::BODY_LIMIT)?;
        answer_whole(config, &request, &body, out, err)
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

fn answer_whole(
    config: &Config,
    sent: &ChatRequest<'_>,
    body: &[u8],
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    let parsed: Result<ChatResponse, _> = serde_json::from_slice(body);
    if config.raw {
        output::write_raw(out, body).map_err(Error::Write)?;
    }
    let parsed = parsed.map_err(|e| response::not_a(Expected::ChatCompletion, e, body))?;
    if !config.raw {
        output::write_response(out, &parsed).map_err(Error::Write)?;
    }
    let texts = parsed
        .choices
        .iter()
        .filter_map(|c| c.message.as_ref()?.content.as_deref());
    let (usage, model) = (parsed.usage.as_ref(), parsed.model.as_deref());
    log_usage(config, sent, usage, model, texts, err);
    let endings = output::judge_answer(&parsed, &config.request.format, err)?;
    Ok(first_text(endings))
}

fn answer_stream(
    config: &Config,
    sent: &ChatRequest<'_>,
    mut response: http::client::Response,
    keep_text: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    let mode = stream::Mode {
        raw: config.raw,
        // The usage line may have to count the answer (a server that reports no usage).
        keep_text: keep_text || config.request.format.is_json() || shows_usage(config),
    };
    let finished = stream::consume_from(|buf| response.read(buf), out, mode)?;
    if finished.endings.is_empty() {
        return Err(BadResponse::StreamNoChoices.into());
    }
    let texts = finished.endings.iter().filter_map(|e| e.text.as_deref());
    let (usage, model) = (finished.usage.as_ref(), finished.model.as_deref());
    log_usage(config, sent, usage, model, texts, err);
    output::judge(&finished.endings, &config.request.format, err)?;
    Ok(first_text(finished.endings))
}

fn first_text(endings: Vec<output::Ending>) -> Answer {
    Answer {
        text: endings
            .into_iter()
            .find(|e| e.index == 0)
            .and_then(|e| e.text),
    }
}

fn shows_usage(config: &Config) -> bool {
    config.usage || config.verbose
}

/// With `--usage` or `-v`: tokens and cost, priced by the model that answered. When the
/// server reports no usage (llama.cpp's server does not, even when asked), the line gives
/// an estimate: the request and the answers' `texts` counted here with that model's
/// encoding (issue 13).
fn log_usage<'t>(
    config: &Config,
    sent: &ChatRequest<'_>,
    reported: Option<&Usage>,
    model: Option<&str>,
    texts: impl Iterator<Item = &'t str>,
    err: &mut impl Write,
) {
    if !shows_usage(config) {
        return;
    }
    let model = model.unwrap_or(&config.request.model);
    let line = match reported {
        Some(usage) => output::usage_line(output::Tally::Reported(usage), model),
        None => {
            let encoding = Encoding::for_model(model);
            let estimate = estimate_usage(encoding, sent, texts);
            output::usage_line(output::Tally::Estimated(&estimate, encoding.name()), model)
        }
    };
    crate::log::line(err, format_args!("{line}"));
}

fn estimate_usage<'t>(
    encoding: Encoding,
    sent: &ChatRequest<'_>,
    texts: impl Iterator<Item = &'t str>,
) -> Usage {
    let prompt_tokens = tokens::request_tokens(encoding, sent) as u64;
    let completion_tokens = texts.map(|t| encoding.count(t) as u64).sum::<u64>();
    Usage {
        prompt_tokens,
        completion_tokens,
        total_tokens: prompt_tokens + completion_tokens,
        ..Usage::default()
    }
}

#[cfg(test)]
#[path = "chat_tests.rs"]
mod tests;
