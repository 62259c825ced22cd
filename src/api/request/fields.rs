//! A request body's generation parameters read back into typed [`Params`]: a `--jsonl`
//! record is written in Chat Completions terms (`"max_tokens"`, `"seed"`), and when its
//! model is served only by the Responses API those fields must take the road the flags
//! take (mapped to their Responses names, or refused when there is none) instead of
//! reaching a server that answers 400 for them.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::Params;

/// A parameter of the wrong type: its name, and what was wrong.
#[derive(Debug)]
pub struct FieldError {
    pub field: &'static str,
    pub cause: serde_json::Error,
}

/// `StopConfiguration`: one string or an array of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum Stop {
    One(String),
    Many(Vec<String>),
}

/// Takes the generation parameters (the fields of `CreateChatCompletionRequest` that
/// [`Params`] carries) out of `body`, leaving its other fields; an error names one that is
/// not of the type the spec gives it. `null` is unset.
pub fn take_params(body: &mut Map<String, Value>) -> Result<Params, FieldError> {
    let stop = match take::<Stop>(body, "stop")? {
        None => Vec::new(),
        Some(Stop::One(stop)) => vec![stop],
        Some(Stop::Many(stops)) => stops,
    };
    Ok(Params {
        temperature: take(body, "temperature")?,
        top_p: take(body, "top_p")?,
        max_tokens: take(body, "max_tokens")?,
        max_completion_tokens: take(body, "max_completion_tokens")?,
        reasoning_effort: take(body, "reasoning_effort")?,
        n: take(body, "n")?,
        stop,
        seed: take(body, "seed")?,
        frequency_penalty: take(body, "frequency_penalty")?,
        presence_penalty: take(body, "presence_penalty")?,
    })
}

fn take<T: DeserializeOwned>(
    body: &mut Map<String, Value>,
    field: &'static str,
) -> Result<Option<T>, FieldError> {
    match body.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => {
            (serde_json::from_value(value).map(Some)).map_err(|cause| FieldError { field, cause })
        }
    }
}

impl Params {
    /// These parameters over `under`: each one set here wins. A token limit set here
    /// replaces both of `under`'s (a record's `max_tokens` must not lose to the run's
    /// `max_completion_tokens`, which the Responses mapping prefers).
    pub fn over(self, under: &Params) -> Params {
        let own_limit = self.max_tokens.is_some() || self.max_completion_tokens.is_some();
        let (max_tokens, max_completion_tokens) = match own_limit {
            true => (self.max_tokens, self.max_completion_tokens),
            false => (under.max_tokens, under.max_completion_tokens),
        };
        Params {
            temperature: self.temperature.or(under.temperature),
            top_p: self.top_p.or(under.top_p),
            max_tokens,
            max_completion_tokens,
            reasoning_effort: self.reasoning_effort.or(under.reasoning_effort),
            n: self.n.or(under.n),
            stop: match self.stop.is_empty() {
                true => under.stop.clone(),
                false => self.stop,
            },
            seed: self.seed.or(under.seed),
            frequency_penalty: self.frequency_penalty.or(under.frequency_penalty),
            presence_penalty: self.presence_penalty.or(under.presence_penalty),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::request::ReasoningEffort;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(fields) => fields,
            _ => unreachable!("the tests give objects"),
        }
    }

    #[test]
    fn the_parameters_are_taken_typed_and_the_rest_left() {
        let mut body = object(json!({"prompt": "hi", "temperature": 0.2, "stop": "END",
            "max_tokens": 100, "reasoning_effort": "high", "seed": null, "user": "u1"}));
        let params = take_params(&mut body).unwrap();
        assert_eq!(
            params,
            Params {
                temperature: Some(0.2),
                max_tokens: Some(100),
                reasoning_effort: Some(ReasoningEffort::High),
                stop: vec!["END".into()],
                ..Params::default()
            }
        );
        assert_eq!(Value::Object(body), json!({"prompt": "hi", "user": "u1"}));
        let mut wrong = object(json!({"seed": "seven"}));
        let err = take_params(&mut wrong).unwrap_err();
        assert_eq!(
            (err.field, err.cause.to_string()),
            (
                "seed",
                "invalid type: string \"seven\", expected i64".into()
            )
        );
    }

    #[test]
    fn a_records_parameters_win_and_its_token_limit_replaces_both() {
        let run = Params {
            temperature: Some(0.5),
            max_completion_tokens: Some(500),
            stop: vec!["x".into()],
            ..Params::default()
        };
        let record = Params {
            max_tokens: Some(100),
            seed: Some(3),
            ..Params::default()
        };
        assert_eq!(
            record.over(&run),
            Params {
                temperature: Some(0.5),
                max_tokens: Some(100),
                max_completion_tokens: None,
                stop: vec!["x".into()],
                seed: Some(3),
                ..Params::default()
            }
        );
        assert_eq!(Params::default().over(&run), run);
    }
}
