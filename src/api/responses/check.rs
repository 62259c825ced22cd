//! The flags the Responses API has no field for: refused before anything is sent, rather
//! than dropped without a word (issue 16).

use crate::api::request::Params;
use crate::error::Problem;

/// Who set a value: the run (a flag, the config, a role) or a `--jsonl` record's own
/// field. A refusal names the value the way it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flags,
    Record,
}

/// Why a request with `params` cannot go to the Responses API, where the request for
/// `model` goes: the problem to report before anything is sent (exit 2). None when it can.
pub fn refusal(params: &Params, origin: Origin, model: &str) -> Option<Problem> {
    let model = model.to_string();
    if let Some(unsupported) = unsupported(params) {
        return Some(Problem::NoResponsesField {
            flag: unsupported.name(origin),
            reason: unsupported.reason(),
            model,
        });
    }
    let given = too_few_tokens(params)?;
    let setting = match origin {
        Origin::Flags => "--max-tokens",
        Origin::Record if params.max_completion_tokens.is_some() => "\"max_completion_tokens\"",
        Origin::Record => "\"max_tokens\"",
    };
    Some(Problem::TooFewTokens {
        setting,
        given,
        minimum: MIN_OUTPUT_TOKENS,
        model,
    })
}

/// The first flag set in `params` that the Responses API cannot carry, with the reason.
pub fn unsupported(params: &Params) -> Option<Unsupported> {
    use Unsupported::*;
    let checks = [
        (params.n.is_some_and(|n| n > 1), Choices),
        (!params.stop.is_empty(), Stop),
        (params.seed.is_some(), Seed),
        (params.frequency_penalty.is_some(), FrequencyPenalty),
        (params.presence_penalty.is_some(), PresencePenalty),
    ];
    checks
        .into_iter()
        .find_map(|(set, flag)| set.then_some(flag))
}

/// The fewest output tokens the Responses API takes (`max_output_tokens`' `minimum` in the
/// spec).
pub const MIN_OUTPUT_TOKENS: u32 = 16;

/// The token limit asked for, when it is below [`MIN_OUTPUT_TOKENS`]: the API would answer
/// 400, after the request was paid for in time.
pub fn too_few_tokens(params: &Params) -> Option<u32> {
    (params.max_completion_tokens.or(params.max_tokens)).filter(|&n| n < MIN_OUTPUT_TOKENS)
}

/// A flag without a Responses equivalent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    Choices,
    Stop,
    Seed,
    FrequencyPenalty,
    PresencePenalty,
}

impl Unsupported {
    /// The flag as the user gave it.
    pub fn flag(self) -> &'static str {
        match self {
            Unsupported::Choices => "-n",
            Unsupported::Stop => "--stop",
            Unsupported::Seed => "--seed",
            Unsupported::FrequencyPenalty => "--frequency-penalty",
            Unsupported::PresencePenalty => "--presence-penalty",
        }
    }

    /// The setting as the user wrote it: the flag, or the record's field (quoted).
    pub fn name(self, origin: Origin) -> &'static str {
        match (origin, self) {
            (Origin::Flags, _) => self.flag(),
            (Origin::Record, Unsupported::Choices) => "\"n\"",
            (Origin::Record, Unsupported::Stop) => "\"stop\"",
            (Origin::Record, Unsupported::Seed) => "\"seed\"",
            (Origin::Record, Unsupported::FrequencyPenalty) => "\"frequency_penalty\"",
            (Origin::Record, Unsupported::PresencePenalty) => "\"presence_penalty\"",
        }
    }

    /// What the Responses API lacks.
    pub fn reason(self) -> &'static str {
        match self {
            Unsupported::Choices => "it returns one answer per request",
            Unsupported::Stop => "it has no stop sequences",
            Unsupported::Seed => "it has no seed",
            Unsupported::FrequencyPenalty | Unsupported::PresencePenalty => "it has no penalties",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_setting_as_the_user_wrote_it() {
        let seed = Params {
            seed: Some(1),
            ..Params::default()
        };
        let said = |params: &Params, origin| refusal(params, origin, "o3-pro").unwrap().to_string();
        assert!(said(&seed, Origin::Flags).starts_with("--seed has no equivalent"));
        assert!(said(&seed, Origin::Record).starts_with("\"seed\" has no equivalent"));
        let few = Params {
            max_completion_tokens: Some(8),
            ..Params::default()
        };
        assert!(said(&few, Origin::Flags).starts_with("--max-tokens 8 is below"));
        let record = said(&few, Origin::Record);
        assert!(
            record.starts_with("\"max_completion_tokens\" 8 is below"),
            "{record}"
        );
        assert_eq!(
            refusal(&Params::default(), Origin::Flags, "o3-pro").map(|p| p.to_string()),
            None
        );
    }

    #[test]
    fn a_limit_under_sixteen_tokens_is_named() {
        let limit = |max_tokens| Params {
            max_tokens,
            ..Params::default()
        };
        assert_eq!(too_few_tokens(&limit(Some(8))), Some(8));
        assert_eq!(too_few_tokens(&limit(Some(16))), None);
        assert_eq!(too_few_tokens(&limit(None)), None);
    }

    #[test]
    fn each_flag_without_an_equivalent_is_named_and_one_answer_is_fine() {
        let none = Params::default();
        assert_eq!(unsupported(&none), None);
        let one = Params {
            n: Some(1),
            ..Params::default()
        };
        assert_eq!(unsupported(&one), None);
        let cases = [
            (
                Params {
                    n: Some(2),
                    ..none.clone()
                },
                "-n",
            ),
            (
                Params {
                    stop: vec!["x".into()],
                    ..none.clone()
                },
                "--stop",
            ),
            (
                Params {
                    seed: Some(1),
                    ..none.clone()
                },
                "--seed",
            ),
            (
                Params {
                    frequency_penalty: Some(0.5),
                    ..none.clone()
                },
                "--frequency-penalty",
            ),
            (
                Params {
                    presence_penalty: Some(0.5),
                    ..none.clone()
                },
                "--presence-penalty",
            ),
        ];
        for (params, flag) in cases {
            assert_eq!(unsupported(&params).map(Unsupported::flag), Some(flag));
        }
    }
}
