//! One input's request and its answer: from the cache when it holds it, else sent and
//! judged like a one-shot answer.

use std::borrow::Cow;
use std::io;

use serde::Deserialize;
use serde_json::Value;

use super::Answered;
use crate::api::response::ChatResponse;
use crate::cache;
use crate::commands::cached;
use crate::config::Config;
use crate::error::{BadResponse, Error, Expected, Target};
use crate::http::client::{Api, Call};
use crate::http::ratelimit::Gate;
use crate::output;

pub(super) fn ask(
    api: &mut Option<Api>,
    config: &Config,
    gate: &Gate,
    body: Vec<u8>,
) -> Result<Answered, Error> {
    let url = config.chat_url();
    let slot = cached::slot(config, &url, &body);
    let cached = slot
        .as_ref()
        .and_then(|s| cached::lookup(config, s, &mut io::stderr()));
    // Line mode sends whole-answer requests only: a stream entry cannot be theirs.
    if let Some(entry) = cached.filter(|e| e.kind == cache::Kind::Whole) {
        return answered(config, parse(&entry.payload)?);
    }
    let api = match api {
        Some(api) => api,
        None => api.insert(Api::new(&config.http())?),
    };
    let call = Call {
        gate: Some(gate),
        ..Call::new(&url, Target::Chat, config.answer_wait())
    };
    let fetched = api.fetch_chat(body, &mut io::stderr(), call)?;
    let answer = answered(config, parse(&fetched.body)?)?;
    if let Some(slot) = slot.filter(|_| fetched.status == reqwest::StatusCode::OK) {
        cached::store(&slot, cache::Kind::Whole, &fetched.body, &mut io::stderr());
    }
    Ok(answer)
}

fn parse(bytes: &[u8]) -> Result<Value, Error> {
    serde_json::from_slice(bytes).map_err(|e| BadResponse::not_a(Expected::Json, e, None).into())
}

/// Judges a chat completion body (a response, or one line of a batch's output file).
pub(crate) fn answered(config: &Config, value: Value) -> Result<Answered, Error> {
    let parsed = ChatResponse::deserialize(&value)
        .map_err(|e| BadResponse::not_a(Expected::ChatCompletion, e, None))?;
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
        // Looked up by hand on purpose: the object as sent, which `Usage` would not keep.
        usage_as_sent: value.get("usage").cloned(),
        response: value,
        cost,
    })
}
