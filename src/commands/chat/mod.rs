//! One round trip: build the request for a prompt, check its size, send it, print the
//! answer, and return the answer's text for the conversation.
//!
//! The one-shot pipeline and the interactive loop both call [`exchange`].

use std::io::Write;

use crate::api::request::{self, ChatRequest};
use crate::api::response::Usage;
use crate::api::responses::{self, ApiChoice, Origin, Wire};
use crate::config::{Config, Facts};
use crate::conversation::Transcript;
use crate::error::{ApiFailure, Error, Missing, Problem, Task};
use crate::http::client::Api;
use crate::output::ReasoningView;
use crate::output::live::Rendering;
mod answer;
mod rendering;
mod send;
use crate::tokens::{self, Encoding};
pub(crate) use answer::read_whole;
use answer::shows_usage;
pub(crate) use send::{Route, fetch};

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
    let route = Route::new(config, config.api.wire_for(&config.request.model));
    let body = encode(config, route.wire, &request)?;
    if config.dry_run {
        return dry_run(config, &route, &request, &body, out, err);
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
    match send::send(config, client, &route, body, show, out, err) {
        Err(Error::Api(failure)) if falls_back(config, route.wire, &failure) => {
            let route = Route::new(config, Wire::Responses);
            log_fallback(config, &config.request.model, &route, err);
            let body = encode(config, route.wire, &request)?;
            send::send(config, client, &route, body, show, out, err)
        }
        answered => answered,
    }
}

/// With `--api auto`, a chat request whose 404 says the model lives at the Responses API
/// is asked there once (issue 16): a model missing from the catalog's table still works.
pub(crate) fn falls_back(config: &Config, wire: Wire, failure: &ApiFailure) -> bool {
    config.api == ApiChoice::Auto
        && wire == Wire::Chat
        && failure.status == 404
        && responses::says_responses_only(&failure.detail)
}

/// With `-v`: that `model` is asked again at the Responses API.
pub(crate) fn log_fallback(config: &Config, model: &str, route: &Route, err: &mut impl Write) {
    if config.verbose {
        let url = &route.url;
        crate::log::line(
            err,
            format_args!("{model} is served only by the Responses API: asking {url} instead"),
        );
    }
}

/// The request's body for its API, with the `-o` fields over it. The Responses API has no
/// field for some flags: they are refused, before anything is sent.
fn encode(config: &Config, wire: Wire, request: &ChatRequest<'_>) -> Result<Vec<u8>, Error> {
    let settings = &config.request;
    if wire == Wire::Responses
        && let Some(problem) = responses::refusal(&settings.params, Origin::Flags, &settings.model)
    {
        return Err(problem.into());
    }
    let body = match wire {
        Wire::Chat => request::encode(request, &settings.extra),
        Wire::Responses => {
            // An Azure deployment's v1 API picks the deployment by `model`.
            let mut body = responses::from_chat(request, &settings.tools.defs);
            body.model = config.responses_model();
            request::encode(&body, &settings.extra)
        }
    };
    body.map_err(|e| Error::local(Task::EncodeRequest, e))
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
    route: &Route,
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
            route.url,
            tokens::request_tokens(encoding, request),
            encoding.name()
        ),
    );
    Ok(Answer::default())
}

#[cfg(test)]
#[path = "chat_tests.rs"]
mod tests;
