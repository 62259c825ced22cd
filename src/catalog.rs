//! What oaichat knows about OpenAI's models, in one table: which are reasoning models
//! (they take `max_completion_tokens` and `reasoning_effort`, and only temperature 1),
//! context windows, and list prices for the `--usage` cost estimate.
//!
//! Models not in the table (local servers, new releases) get no special treatment: their
//! parameters are sent as given and no cost is estimated.

use crate::api::request::ReasoningEffort;
use crate::error::problem::Problem;

/// US dollars per one million tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Price {
    pub input: f64,
    pub cached_input: f64,
    pub output: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    /// Matches this id and dated or suffixed variants (`gpt-4o-2024-08-06`).
    pub prefix: &'static str,
    pub reasoning: bool,
    /// `reasoning_effort: minimal` exists only for the gpt-5 family.
    pub minimal_effort: bool,
    /// Tokenised with cl100k_base (gpt-4, gpt-3.5); all newer models use o200k_base.
    pub cl100k: bool,
    pub context_window: u32,
    pub price: Price,
}

/// The date of the list prices below (OpenAI's pricing page, standard tier). Prices change;
/// the estimate says so.
pub const PRICES_AS_OF: &str = "2025-08-07";

const fn model(
    prefix: &'static str,
    reasoning: bool,
    context_window: u32,
    (input, cached_input, output): (f64, f64, f64),
) -> Model {
    Model {
        prefix,
        reasoning,
        minimal_effort: false,
        cl100k: false,
        context_window,
        price: Price {
            input,
            cached_input,
            output,
        },
    }
}

const fn cl100k(model: Model) -> Model {
    Model {
        cl100k: true,
        ..model
    }
}

const fn gpt5(prefix: &'static str, price: (f64, f64, f64)) -> Model {
    Model {
        minimal_effort: true,
        ..model(prefix, true, 400_000, price)
    }
}

static MODELS: &[Model] = &[
    gpt5("gpt-5", (1.25, 0.125, 10.0)),
    gpt5("gpt-5-mini", (0.25, 0.025, 2.0)),
    gpt5("gpt-5-nano", (0.05, 0.005, 0.40)),
    model("gpt-5-chat", false, 128_000, (1.25, 0.125, 10.0)),
    model("gpt-4.1", false, 1_047_576, (2.0, 0.50, 8.0)),
    model("gpt-4.1-mini", false, 1_047_576, (0.40, 0.10, 1.60)),
    model("gpt-4.1-nano", false, 1_047_576, (0.10, 0.025, 0.40)),
    model("gpt-4o", false, 128_000, (2.50, 1.25, 10.0)),
    model("gpt-4o-mini", false, 128_000, (0.15, 0.075, 0.60)),
    cl100k(model("gpt-4-turbo", false, 128_000, (10.0, 10.0, 30.0))),
    cl100k(model("gpt-4", false, 8_192, (30.0, 30.0, 60.0))),
    cl100k(model("gpt-3.5-turbo", false, 16_385, (0.50, 0.50, 1.50))),
    model("o1", true, 200_000, (15.0, 7.50, 60.0)),
    model("o1-mini", true, 128_000, (1.10, 0.55, 4.40)),
    model("o1-pro", true, 200_000, (150.0, 150.0, 600.0)),
    model("o3", true, 200_000, (2.0, 0.50, 8.0)),
    model("o3-mini", true, 200_000, (1.10, 0.55, 4.40)),
    model("o3-pro", true, 200_000, (20.0, 20.0, 80.0)),
    model("o4-mini", true, 200_000, (1.10, 0.275, 4.40)),
];

/// Models OpenAI serves only at `POST /v1/responses` (issue 16): at the chat endpoint they
/// answer 404. Prefixes, as in [`MODELS`]: dated variants (`o3-pro-2025-06-10`) match.
/// A model missing here still works in `--api auto`, after that 404 (see
/// `commands::chat`).
static RESPONSES_ONLY: &[&str] = &[
    "o1-pro",
    "o3-pro",
    "o3-deep-research",
    "o4-mini-deep-research",
    "gpt-5-pro",
    "gpt-5-codex",
    "codex-mini",
    "computer-use-preview",
];

/// The table entry for a model id: the longest prefix that matches whole words, so that
/// `gpt-4o-mini-2024-07-18` is gpt-4o-mini and `gpt-4o` is not gpt-4.
pub fn lookup(model: &str) -> Option<&'static Model> {
    let id = bare(model);
    MODELS
        .iter()
        .filter(|m| is_of(id, m.prefix))
        .max_by_key(|m| m.prefix.len())
}

/// Whether the model is served only by the Responses API.
pub fn responses_only(model: &str) -> bool {
    let id = bare(model);
    RESPONSES_ONLY.iter().any(|prefix| is_of(id, prefix))
}

/// The id without a gateway's provider (`openai/gpt-4o`).
fn bare(model: &str) -> &str {
    model.rsplit('/').next().unwrap_or(model)
}

/// Whether `id` is `prefix` or a variant of it: the prefix ends at a whole word.
fn is_of(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}

/// Reasoning models take `max_completion_tokens` instead of `max_tokens`, only
/// temperature 1, and `reasoning_effort` (minimal only in the gpt-5 family); other known
/// models reject `reasoning_effort`. Unknown models get what the user asked for. Returns
/// the (max_tokens, max_completion_tokens) to send.
pub fn token_limits(
    model: &str,
    temperature: Option<f64>,
    effort: Option<ReasoningEffort>,
    limits: (Option<u32>, Option<u32>),
) -> Result<(Option<u32>, Option<u32>), Problem> {
    let known = lookup(model);
    let reasoning = known.is_some_and(|m| m.reasoning);
    if reasoning && temperature.is_some_and(|t| t != 1.0) {
        return Err(Problem::ReasoningTemperature {
            model: model.to_string(),
            setting: "--temperature".into(),
        });
    }
    if let (Some(effort), Some(known)) = (effort, known) {
        if !known.reasoning {
            return Err(Problem::NotReasoning {
                model: model.to_string(),
                setting: "--reasoning-effort".into(),
            });
        }
        if effort == ReasoningEffort::Minimal && !known.minimal_effort {
            return Err(Problem::MinimalEffort(model.to_string()));
        }
    }
    Ok(match limits {
        (Some(n), None) if reasoning => (None, Some(n)),
        pair => pair,
    })
}

/// The estimated cost in USD of a request with this usage.
pub fn cost(price: &Price, prompt: u64, cached: u64, completion: u64) -> f64 {
    let uncached = prompt.saturating_sub(cached);
    (uncached as f64 * price.input
        + cached.min(prompt) as f64 * price.cached_input
        + completion as f64 * price.output)
        / 1_000_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(id: &str) -> Option<&'static str> {
        lookup(id).map(|m| m.prefix)
    }

    #[test]
    fn lookup_takes_the_longest_whole_word_prefix() {
        assert_eq!(prefix("gpt-4o-mini-2024-07-18"), Some("gpt-4o-mini"));
        assert_eq!(prefix("gpt-4o-2024-08-06"), Some("gpt-4o"));
        assert_eq!(prefix("gpt-4-0613"), Some("gpt-4"));
        assert_eq!(prefix("gpt-4.1-nano"), Some("gpt-4.1-nano"));
        assert_eq!(prefix("o3-mini-high"), Some("o3-mini"));
        assert_eq!(prefix("gpt-5-chat-latest"), Some("gpt-5-chat"));
        assert_eq!(prefix("openai/gpt-5"), Some("gpt-5"));
        assert_eq!(prefix("o10"), None);
        assert_eq!(prefix("llama3.2"), None);
    }

    #[test]
    fn responses_only_models_and_their_dated_variants_are_known() {
        for id in [
            "o3-pro",
            "o3-pro-2025-06-10",
            "o1-pro",
            "openai/o3-deep-research",
            "o4-mini-deep-research-2025-06-26",
            "gpt-5-pro",
            "gpt-5-codex",
            "codex-mini-latest",
            "computer-use-preview-2025-03-11",
        ] {
            assert!(responses_only(id), "{id}");
        }
        for id in [
            "o3",
            "o3-mini",
            "gpt-5",
            "gpt-5-mini",
            "o1",
            "gpt-4o",
            "o3-professional",
        ] {
            assert!(!responses_only(id), "{id}");
        }
    }

    #[test]
    fn reasoning_families() {
        for id in ["o1", "o3-mini", "o4-mini-2025-04-16", "gpt-5", "gpt-5-nano"] {
            assert!(lookup(id).unwrap().reasoning, "{id}");
        }
        for id in ["gpt-4o", "gpt-4.1-mini", "gpt-5-chat-latest"] {
            assert!(!lookup(id).unwrap().reasoning, "{id}");
        }
        assert!(lookup("gpt-5-mini").unwrap().minimal_effort);
        assert!(!lookup("o3").unwrap().minimal_effort);
    }

    #[test]
    fn reasoning_models_get_max_completion_tokens_and_refuse_temperature() {
        assert_eq!(
            token_limits("o4-mini", None, None, (Some(50), None)).unwrap(),
            (None, Some(50))
        );
        assert_eq!(
            token_limits("gpt-4o", None, None, (Some(50), None)).unwrap(),
            (Some(50), None)
        );
        assert_eq!(
            token_limits("llama3", None, None, (None, Some(9))).unwrap(),
            (None, Some(9))
        );
        assert!(token_limits("gpt-5", Some(1.0), None, (None, None)).is_ok());
        let err = token_limits("gpt-5-mini", Some(0.2), None, (None, None)).unwrap_err();
        assert!(err.to_string().contains("reasoning model"), "{err}");
    }

    #[test]
    fn reasoning_effort_is_checked_against_the_table() {
        use ReasoningEffort::{High, Low, Minimal};
        let check = |model, effort| token_limits(model, None, Some(effort), (None, None));
        assert!(check("gpt-5", Minimal).is_ok());
        assert!(check("o3", High).is_ok());
        assert!(check("o3", Minimal).is_err());
        assert!(check("gpt-4o", Low).is_err());
        // Unknown (local) models get what the user asked for.
        assert!(check("qwen3", Low).is_ok());
    }

    #[test]
    fn cost_charges_cached_input_at_its_own_price() {
        let price = lookup("gpt-4o-mini").unwrap().price;
        // 1M uncached in at 0.15, 1M cached at 0.075, 1M out at 0.60.
        let usd = cost(&price, 2_000_000, 1_000_000, 1_000_000);
        assert!((usd - 0.825).abs() < 1e-9, "{usd}");
        assert_eq!(cost(&price, 0, 0, 0), 0.0);
        // Cached can never exceed prompt tokens.
        assert!((cost(&price, 10, 20, 0) - 10.0 * 0.075 / 1e6).abs() < 1e-12);
    }
}
