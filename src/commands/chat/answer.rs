//! Printing an answer as it came (whole or streamed), judging how each choice ended, and
//! the `--usage` line, reported or estimated.

use std::io::Write;

use serde::Deserialize;

use super::{Answer, Show, Spent};
use crate::api::response::{self, ChatResponse, Usage};
use crate::api::responses::{self, Wire};
use crate::config::Config;
use crate::error::{BadResponse, Error, Expected, Missing};
use crate::output::{self, extract};
use crate::stream;

pub(super) fn answer_whole(
    config: &Config,
    wire: Wire,
    show: Show,
    body: &[u8],
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    crate::spinner::stop();
    let parsed = parse_whole(wire, body);
    if config.raw {
        output::write_raw(out, body).map_err(Error::Write)?;
    }
    let parsed = parsed?;
    let mut extracted = Vec::new();
    if !config.raw {
        output::show_reasoning(err, show.reasoning, &parsed);
        let found = output::write_response(out, err, &parsed, config.extract, show.render);
        extracted = found.map_err(Error::Write)?;
    }
    output::count_answers(parsed.choices.len(), config.request.params.n, err);
    let texts = parsed
        .choices
        .iter()
        .filter_map(|c| c.message.as_ref()?.content.as_deref());
    let (usage, model) = (parsed.usage.as_ref(), parsed.model.as_deref());
    let spent = log_usage(config, show, usage, model, texts, err);
    let endings = output::judge_answer(&parsed, &config.request.format, err)?;
    Ok(Answer {
        spent,
        ..first_text(endings, extracted, err)
    })
}

/// A whole answer's body, read by [`read_whole`] (quoted in the error when it is not one).
fn parse_whole(wire: Wire, body: &[u8]) -> Result<ChatResponse, Error> {
    let mut json = serde_json::Deserializer::from_slice(body);
    let parsed = read_whole(wire, &mut json, Some(body))?;
    // As `serde_json::from_slice` does: nothing but whitespace may follow.
    json.end()
        .map_err(|e| response::not_a(Expected::Json, e, body))?;
    Ok(parsed)
}

/// A whole answer as a chat completion: read as one, or read as a Responses API `Response`
/// and mapped to one (a failed response is the answer's error). `body` is quoted in the
/// error when the JSON is not of that shape. The one-shot answer, line mode's and a
/// batch's results are all read here.
pub(crate) fn read_whole<'de>(
    wire: Wire,
    json: impl serde::Deserializer<'de, Error = serde_json::Error>,
    body: Option<&[u8]>,
) -> Result<ChatResponse, Error> {
    let not_a = |what, e| match body {
        Some(body) => response::not_a(what, e, body),
        None => BadResponse::not_a(what, e, None),
    };
    match wire {
        Wire::Chat => {
            ChatResponse::deserialize(json).map_err(|e| not_a(Expected::ChatCompletion, e).into())
        }
        Wire::Responses => {
            let parsed =
                responses::Response::deserialize(json).map_err(|e| not_a(Expected::Response, e))?;
            (parsed.to_chat()).map_err(|f| Error::Failed {
                detail: f.detail,
                kind: f.kind,
            })
        }
    }
}

pub(super) fn answer_stream<E: Into<Error>>(
    config: &Config,
    wire: Wire,
    read: impl FnMut(&mut [u8]) -> Result<usize, E>,
    show: Show,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Answer, Error> {
    let mode = stream::Mode {
        raw: config.raw,
        // The usage line may have to count the answer (a server that reports no usage).
        // And words that come with tool calls are kept with them in the conversation.
        keep_text: show.keep_text
            || config.request.format.is_json()
            || shows_usage(config)
            || show.tally
            || offers_tools(config),
        reasoning: show.reasoning,
        extract: config.extract,
        hold: show.hold_for_tools && offers_tools(config),
        render: show.render,
        wire,
    };
    let finished = stream::consume_from(read, out, err, mode)?;
    if finished.endings.is_empty() {
        return Err(BadResponse::StreamNoChoices.into());
    }
    output::count_answers(finished.endings.len(), config.request.params.n, err);
    let texts = finished.endings.iter().filter_map(|e| e.text.as_deref());
    let (usage, model) = (finished.usage.as_ref(), finished.model.as_deref());
    let spent = log_usage(config, show, usage, model, texts, err);
    output::judge(&finished.endings, &config.request.format, err)?;
    let extracted = (finished.endings.iter())
        .filter_map(|e| Some((e.index, e.extracted?)))
        .collect();
    Ok(Answer {
        spent,
        ..first_text(finished.endings, extracted, err)
    })
}

/// Whether the request offers tools (`--tools`, or `-o tools=…`): then an answer may be
/// calls, and its text is held until that is known.
fn offers_tools(config: &Config) -> bool {
    !config.request.tools.is_empty() || config.request.extra.contains_key("tools")
}

/// Choice 0's text (the one a conversation keeps) and calls, and what `-x` found in all
/// of them.
fn first_text(
    endings: Vec<output::Ending>,
    extracted: Vec<(u32, Result<(), Missing>)>,
    err: &mut impl Write,
) -> Answer {
    let no_block = match extracted.is_empty() {
        true => None,
        false => extract::verdict(&extracted, err).err(),
    };
    let first = endings.into_iter().find(|e| e.index == 0);
    let calls = (first.as_ref())
        .filter(|e| e.asks_for_tools())
        .map(|e| e.calls.clone().finish());
    Answer {
        text: first.and_then(|e| e.text),
        calls,
        no_block,
        spent: None,
    }
}

pub(super) fn shows_usage(config: &Config) -> bool {
    config.usage || config.verbose
}

/// With `--usage` or `-v`: tokens and cost, priced by the model that answered. When the
/// server reports no usage (llama.cpp's server does not, even when asked), the line gives
/// an estimate: the prompt as counted before sending, and the answers' `texts` counted
/// with the same encoding (issue 13). Returns the figures, also for [`Show::tally`]
/// without the line.
fn log_usage<'t>(
    config: &Config,
    show: Show,
    reported: Option<&Usage>,
    model: Option<&str>,
    texts: impl Iterator<Item = &'t str>,
    err: &mut impl Write,
) -> Option<Spent> {
    if !shows_usage(config) && !show.tally {
        return None;
    }
    let model = model.unwrap_or(&config.request.model).to_string();
    let spent = match (reported, show.prompt_tokens) {
        (Some(usage), _) => Some(Spent {
            usage: usage.clone(),
            model,
            estimated: None,
        }),
        (None, Some((encoding, prompt_tokens))) => {
            let completion_tokens = texts.map(|t| encoding.count(t) as u64).sum::<u64>();
            let usage = Usage {
                prompt_tokens,
                completion_tokens,
                total_tokens: prompt_tokens + completion_tokens,
                ..Usage::default()
            };
            let estimated = Some(encoding.name());
            Some(Spent {
                usage,
                model,
                estimated,
            })
        }
        (None, None) => None,
    };
    if shows_usage(config) {
        let line = match &spent {
            Some(spent) => output::usage_line(spent.tally(), &spent.model),
            None => output::usage_line(output::Tally::NotReported, &config.request.model),
        };
        crate::log::line(err, format_args!("{line}"));
    }
    spent
}
