//! One input's request and its answer: from the cache when it holds it, else sent by the
//! one-shot path's route and fetch, and judged like a one-shot answer. With `--api auto`, a
//! chat endpoint's 404 that says the model lives at the Responses API sends the input's
//! Responses twin there, and every later input for that model goes straight there.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io;
use std::sync::Mutex;

use serde_json::Value;

use super::{Answered, Request};
use crate::api::responses::Wire;
use crate::cache;
use crate::commands::cached;
use crate::commands::chat::{self, Route};
use crate::config::Config;
use crate::error::{BadResponse, Error, Expected, Problem};
use crate::http::client::Api;
use crate::http::ratelimit::Gate;
use crate::output;

/// What the workers share: one rate-limit state, and the models the chat endpoint said
/// are served only by the Responses API.
pub(crate) struct Shared {
    gate: Gate,
    moved: Mutex<HashSet<String>>,
}

impl Default for Shared {
    fn default() -> Shared {
        Shared {
            gate: Gate::new(),
            moved: Mutex::default(),
        }
    }
}

impl Shared {
    fn moved(&self, model: &str) -> bool {
        self.moved.lock().is_ok_and(|moved| moved.contains(model))
    }

    /// Remembers that `model` lives at the Responses API; true the first time.
    fn learn(&self, model: &str) -> bool {
        (self.moved.lock()).is_ok_and(|mut moved| moved.insert(model.to_string()))
    }
}

/// Asks one input's request (input line `line`), at the Responses API when the chat
/// endpoint sends its model there.
pub(super) fn ask(
    api: &mut Option<Api>,
    config: &Config,
    shared: &Shared,
    request: Request,
    line: usize,
) -> Result<Answered, Error> {
    let Request {
        model,
        wire,
        body,
        fallback,
    } = request;
    let (route, body, fallback) = match fallback {
        Some(Ok(twin)) if shared.moved(&model) => (Route::new(config, Wire::Responses), twin, None),
        fallback => (Route::new(config, wire), body, fallback),
    };
    match (ask_at(api, config, &shared.gate, &route, body), fallback) {
        (Err(Error::Api(failure)), Some(twin)) if chat::falls_back(config, wire, &failure) => {
            let route = Route::new(config, Wire::Responses);
            if shared.learn(&model) {
                chat::log_fallback(config, &model, &route, &mut io::stderr());
            }
            let twin = twin.map_err(|why| Error::from(Problem::Refused { line, why }))?;
            ask_at(api, config, &shared.gate, &route, twin)
        }
        (answered, _) => answered,
    }
}

/// Asks `body` by `route`: from the cache, or fetched through the shared `gate` (and kept
/// when the answer was good).
fn ask_at(
    api: &mut Option<Api>,
    config: &Config,
    gate: &Gate,
    route: &Route,
    body: Vec<u8>,
) -> Result<Answered, Error> {
    let slot = cached::slot(config, &route.url, &body);
    let cached = slot
        .as_ref()
        .and_then(|s| cached::lookup(config, s, &mut io::stderr()));
    // Line mode sends whole-answer requests only: a stream entry cannot be theirs.
    if let Some(entry) = cached.filter(|e| e.kind == cache::Kind::Whole) {
        return answered(config, route.wire, parse(&entry.payload)?);
    }
    let api = match api {
        Some(api) => api,
        None => api.insert(Api::new(&config.http())?),
    };
    let fetched = chat::fetch(config, api, route, body, Some(gate), &mut io::stderr())?;
    let answer = answered(config, route.wire, parse(&fetched.body)?)?;
    if let Some(slot) = slot.filter(|_| fetched.status == reqwest::StatusCode::OK) {
        cached::store(&slot, cache::Kind::Whole, &fetched.body, &mut io::stderr());
    }
    Ok(answer)
}

fn parse(bytes: &[u8]) -> Result<Value, Error> {
    serde_json::from_slice(bytes).map_err(|e| BadResponse::not_a(Expected::Json, e, None).into())
}

/// Judges a whole answer from `wire` (a response, or one line of a batch's output file):
/// a Responses API answer is read as the chat completion it maps to, so its record is a
/// chat answer's.
pub(crate) fn answered(config: &Config, wire: Wire, value: Value) -> Result<Answered, Error> {
    let parsed = chat::read_whole(wire, &value, None)?;
    let usage_as_sent = match wire {
        // Looked up by hand on purpose: the object as sent, which `Usage` would not keep.
        Wire::Chat => value.get("usage").cloned(),
        // Under its chat names, as every record's usage is (the Responses API's differ).
        Wire::Responses => (parsed.usage.as_ref()).and_then(|u| serde_json::to_value(u).ok()),
    };
    let endings = output::judge_answer(&parsed, &config.request.format, &mut io::sink())?;
    let first_ending = endings.iter().find(|e| e.index == 0);
    let calls = (first_ending.filter(|e| e.asks_for_tools())).map(|e| e.calls.clone().finish());
    let model = parsed.model.unwrap_or_else(|| config.request.model.clone());
    let cost = parsed.usage.as_ref().and_then(|u| u.cost(&model));
    let first = parsed.choices.iter().find(|c| c.index == 0);
    let message = first.and_then(|c| c.message.as_ref());
    // A null content (tool calls) stays null.
    let content = (message.filter(|m| m.content.is_some())).map(|m| m.parts().answer.to_string());
    Ok(Answered {
        calls,
        model,
        extracted: (config.extract)
            .map(|which| output::extract::block(content.as_deref().unwrap_or_default(), which)),
        content,
        reasoning: message
            .and_then(|m| m.parts().reasoning)
            .map(Cow::into_owned),
        usage: parsed.usage,
        usage_as_sent,
        response: value,
        cost,
    })
}
