//! A request body's generation parameters read back into typed [`Params`]: a `--jsonl`
//! record is written in Chat Completions terms (`"max_tokens"`, `"seed"`), and when its
//! model is served only by the Responses API those fields must take the road the flags
//! take (mapped to their Responses names, or refused when there is none) instead of
//! reaching a server that answers 400 for them.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Params, ReasoningEffort};

/// The fields of `CreateChatCompletionRequest` that [`Params`] carries.
pub const PARAM_FIELDS: [&str; 10] = [
    "temperature",
    "top_p",
    "max_tokens",
    "max_completion_tokens",
    "reasoning_effort",
    "n",
    "stop",
    "seed",
    "frequency_penalty",
    "presence_penalty",
];

/// Those fields as the spec types them; `null` is unset.
#[derive(Deserialize)]
struct Fields {
    temperature: Option<f64>,
    top_p: Option<f64>,
    max_tokens: Option<u32>,
    max_completion_tokens: Option<u32>,
    reasoning_effort: Option<ReasoningEffort>,
    n: Option<u32>,
    stop: Option<Stop>,
    seed: Option<i64>,
    frequency_penalty: Option<f64>,
    presence_penalty: Option<f64>,
}

/// `StopConfiguration`: one string or an array of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum Stop {
    One(String),
    Many(Vec<String>),
}

/// Takes the generation parameters out of `body`, leaving its other fields; an error when
/// one of them is not of the type the spec gives it.
pub fn take_params(body: &mut Map<String, Value>) -> serde_json::Result<Params> {
    let taken: Map<String, Value> = PARAM_FIELDS
        .iter()
        .filter_map(|name| body.remove_entry(*name))
        .collect();
    let fields: Fields = serde_json::from_value(Value::Object(taken))?;
    Ok(Params {
        temperature: fields.temperature,
        top_p: fields.top_p,
        max_tokens: fields.max_tokens,
        max_completion_tokens: fields.max_completion_tokens,
        reasoning_effort: fields.reasoning_effort,
        n: fields.n,
        stop: match fields.stop {
            None => Vec::new(),
            Some(Stop::One(stop)) => vec![stop],
            Some(Stop::Many(stops)) => stops,
        },
        seed: fields.seed,
        frequency_penalty: fields.frequency_penalty,
        presence_penalty: fields.presence_penalty,
    })
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
        let err = take_params(&mut wrong).unwrap_err().to_string();
        assert!(err.contains("invalid type: string \"seven\""), "{err}");
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
