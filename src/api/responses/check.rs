//! The flags the Responses API has no field for: refused before anything is sent, rather
//! than dropped without a word (issue 16).

use crate::api::request::Params;

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
