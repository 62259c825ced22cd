//! One input's request, for the API its model goes to: the chat endpoint, or the Responses
//! API (issue 16) through the mapping and the checks a one-shot request gets, so that
//! `oaichat -m o3-pro --each` works as `oaichat -m o3-pro` does. With `--api auto`, a
//! request for the chat endpoint carries its Responses twin, asked when that endpoint's
//! 404 says the model lives at the Responses API.

use std::borrow::Cow;

use serde_json::{Map, Value, json};

use super::Template;
use crate::api::message::Message;
use crate::api::request::{self, FieldError, Params, Settings};
use crate::api::responses::{self, Origin, Wire};
use crate::conversation::Transcript;
use crate::error::Refusal;

/// A request ready to send.
#[derive(Debug)]
pub(crate) struct Request {
    /// The model asked, for the workers to remember one the chat endpoint sent away.
    pub model: String,
    pub wire: Wire,
    pub body: Vec<u8>,
    /// With `--api auto`, on the chat endpoint: the same request for the Responses API, or
    /// why it cannot go there.
    pub fallback: Option<Result<Vec<u8>, Refusal>>,
}

/// A prompt's request: what a one-shot run with `settings` would send after `transcript`,
/// with a `--jsonl` record's own `fields` on top.
pub(super) fn prompt(
    template: &Template,
    (settings, transcript): (&Settings, &Transcript),
    prompt: &str,
    fields: Map<String, Value>,
) -> Result<Request, Refusal> {
    let wire = template.api.wire_for(&settings.model);
    let build = |wire, fields| prompt_body(wire, (settings, transcript), prompt, fields);
    let fallback = (template.twin(wire)).then(|| build(Wire::Responses, fields.clone()));
    Ok(Request {
        model: settings.model.clone(),
        wire,
        body: build(wire, fields)?,
        fallback,
    })
}

fn prompt_body(
    wire: Wire,
    (settings, transcript): (&Settings, &Transcript),
    prompt: &str,
    mut fields: Map<String, Value>,
) -> Result<Vec<u8>, Refusal> {
    let mut settings = Cow::Borrowed(settings);
    if wire == Wire::Responses {
        // The record's parameters go under their Responses names too, as flags do.
        let own = take_params(&mut fields, &settings.model)?;
        let params = own.over(&settings.params);
        refuse(&params, Origin::Flags, &settings.model)?;
        settings.to_mut().params = params;
    }
    let request = request::build(&settings, transcript.context(), prompt);
    if fields.is_empty() {
        return responses::encode_for(wire, &request, &settings).map_err(Refusal::Encode);
    }
    let mut body = responses::value_for(wire, &request, &settings).map_err(Refusal::Encode)?;
    if let Value::Object(object) = &mut body {
        object.extend(fields);
    }
    serde_json::to_vec(&body).map_err(Refusal::Encode)
}

/// A whole body `{"messages": […], …}`. The chat endpoint gets it as written, with the
/// run's model when it names none and the run's `-o` fields under its own; for the
/// Responses API its messages and parameters are mapped as a prompt's are.
pub(super) fn whole(template: &Template, object: Map<String, Value>) -> Result<Request, Refusal> {
    let model = match object.get("model") {
        Some(Value::String(model)) => model.clone(),
        _ => template.settings.model.clone(),
    };
    let wire = template.api.wire_for(&model);
    let build = |wire, object| whole_body(wire, template, &model, object);
    let fallback = (template.twin(wire)).then(|| build(Wire::Responses, object.clone()));
    let body = build(wire, object)?;
    Ok(Request {
        model,
        wire,
        body,
        fallback,
    })
}

fn whole_body(
    wire: Wire,
    template: &Template,
    model: &str,
    object: Map<String, Value>,
) -> Result<Vec<u8>, Refusal> {
    let mut body = match wire {
        Wire::Chat => Value::Object(object),
        Wire::Responses => responses_body(model, object)?,
    };
    if let Value::Object(fields) = &mut body {
        fields.entry("model").or_insert_with(|| json!(model));
        // The run's -o fields too: a whole body is still one of this run's requests.
        request::merge_under(fields, &template.settings.extra);
    }
    serde_json::to_vec(&body).map_err(Refusal::Encode)
}

/// A chat body's Responses request: its messages as `instructions` and `input` items, its
/// parameters under their Responses names, its other fields as written.
fn responses_body(model: &str, mut object: Map<String, Value>) -> Result<Value, Refusal> {
    let messages = object.remove("messages").unwrap_or_default();
    let messages: Vec<Message> = serde_json::from_value(messages).map_err(Refusal::Messages)?;
    object.remove("model");
    let settings = Settings {
        model: model.to_string(),
        params: take_params(&mut object, model)?,
        ..Settings::default()
    };
    let request = request::build_after(&settings, &messages, None);
    let mut body = responses::value_for(Wire::Responses, &request, &settings);
    if let Ok(Value::Object(fields)) = &mut body {
        fields.extend(object);
    }
    body.map_err(Refusal::Encode)
}

/// A record's own generation parameters, taken out of its `fields`, refused (naming the
/// field) when the Responses API has no place for them.
fn take_params(fields: &mut Map<String, Value>, model: &str) -> Result<Params, Refusal> {
    let own = request::take_params(fields)
        .map_err(|FieldError { field, cause }| Refusal::Field { field, cause })?;
    refuse(&own, Origin::Record, model)?;
    Ok(own)
}

fn refuse(params: &Params, origin: Origin, model: &str) -> Result<(), Refusal> {
    match responses::refusal(params, origin, model) {
        Some(problem) => Err(problem.into()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn template(args: &[&str]) -> Template {
        Template::new(&Config::for_test(args), Vec::new(), None)
    }

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(fields) => fields,
            _ => unreachable!("the tests give objects"),
        }
    }

    fn body(bytes: &[u8]) -> Value {
        serde_json::from_slice(bytes).expect("a body is JSON")
    }

    /// A prompt's request, as line mode builds it from `template`.
    fn ask(template: &Template, text: &str, fields: Value) -> Result<Request, String> {
        let run = (&template.settings, &template.transcript);
        prompt(template, run, text, object(fields)).map_err(|why| why.to_string())
    }

    #[test]
    fn a_responses_only_models_prompt_gets_the_one_shot_mapping_and_the_records_fields() {
        let template = template(&["-m", "o3-pro", "-s", "Be brief.", "--max-tokens", "500"]);
        let fields = json!({"max_tokens": 100, "reasoning_effort": "high", "user": "u1"});
        let request = ask(&template, "hi", fields).unwrap();
        assert_eq!(
            (request.wire, request.fallback.is_none()),
            (Wire::Responses, true)
        );
        assert_eq!(
            body(&request.body),
            json!({"model": "o3-pro", "instructions": "Be brief.",
                   "input": [{"type": "message", "role": "user", "content": "hi"}],
                   "max_output_tokens": 100, "reasoning": {"effort": "high"},
                   "store": false, "user": "u1"})
        );
    }

    #[test]
    fn a_records_field_without_a_responses_place_is_refused_by_its_name() {
        let template = template(&["-m", "o3-pro"]);
        let refused = |fields| ask(&template, "hi", fields).unwrap_err();
        assert!(refused(json!({"seed": 1})).starts_with("\"seed\" has no equivalent"));
        let few = refused(json!({"max_tokens": 8}));
        assert!(few.starts_with("\"max_tokens\" 8 is below"), "{few}");
        let wrong = refused(json!({"temperature": "warm"}));
        assert!(
            wrong.starts_with("\"temperature\" is not as the Chat Completions API takes it"),
            "{wrong}"
        );
    }

    #[test]
    fn a_whole_chat_body_is_mapped_for_the_responses_api_with_the_runs_o_fields_under() {
        let template = template(&["-m", "gpt-4o-mini", "-o", "service_tier=flex"]);
        let record = json!({"model": "o3-pro", "max_completion_tokens": 64, "metadata": {"k": "v"},
            "messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "q"}]});
        let request = whole(&template, object(record)).unwrap();
        assert_eq!(
            (request.wire, request.model.as_str()),
            (Wire::Responses, "o3-pro")
        );
        assert_eq!(
            body(&request.body),
            json!({"model": "o3-pro", "instructions": "S",
                   "input": [{"type": "message", "role": "user", "content": "q"}],
                   "max_output_tokens": 64, "store": false, "metadata": {"k": "v"},
                   "service_tier": "flex"})
        );
        let image = json!({"model": "o3-pro", "messages": [{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "https://x/y.png"}}]}]});
        let why = whole(&template, object(image)).unwrap_err().to_string();
        assert!(why.contains("images go with a \"prompt\" record"), "{why}");
    }

    #[test]
    fn auto_gives_a_chat_request_its_responses_twin_in_line_mode_only() {
        let twin = |template: &Template| {
            let request = ask(template, "hi", json!({})).unwrap();
            assert_eq!(request.wire, Wire::Chat);
            request.fallback.map(|twin| body(&twin.unwrap()))
        };
        assert_eq!(
            twin(&template(&[]).with_fallback()),
            Some(json!({"model": "gpt-4o-mini",
                        "input": [{"type": "message", "role": "user", "content": "hi"}],
                        "store": false}))
        );
        assert_eq!(twin(&template(&[])), None);
        assert_eq!(twin(&template(&["--api", "chat"]).with_fallback()), None);
        // A twin the Responses API cannot take says why, for when it is needed.
        let seeded = template(&["--seed", "1"]).with_fallback();
        let request = ask(&seeded, "hi", json!({})).unwrap();
        assert!(matches!(request.fallback, Some(Err(_))));
    }
}
