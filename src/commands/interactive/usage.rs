//! `/usage`: the tokens and cost of the chat's answers so far, added up from what each
//! answer's `--usage` line would say (reported, or counted when the server reported none),
//! each priced by the model that gave it.

use crate::api::response::Usage;
use crate::catalog;
use crate::commands::chat::Spent;

/// One line: the answers, their tokens, and their cost at list prices where the models
/// are known.
pub fn summary(spent: &[Spent]) -> String {
    if spent.is_empty() {
        return "usage: no answers yet in this chat".into();
    }
    let mut total = Usage::default();
    let (mut cached, mut reasoning) = (0, 0);
    for s in spent {
        total.prompt_tokens += s.usage.prompt_tokens;
        total.completion_tokens += s.usage.completion_tokens;
        total.total_tokens += s.usage.total_tokens;
        cached += s.usage.cached();
        reasoning += s.usage.reasoning();
    }
    let estimated: Vec<&'static str> = spent.iter().filter_map(|s| s.estimated).collect();
    let answers = match spent.len() {
        1 => "1 answer".to_string(),
        n => format!("{n} answers"),
    };
    let how = match estimated.first() {
        None => String::new(),
        Some(encoding) => format!(
            ", {} counted here ({encoding}) as the server reported none",
            estimated.len()
        ),
    };
    format!(
        "usage in this chat ({answers}{how}): {} prompt + {} completion = {} tokens ({cached} \
         cached, {reasoning} reasoning){}",
        total.prompt_tokens,
        total.completion_tokens,
        total.total_tokens,
        cost(spent, !estimated.is_empty())
    )
}

/// `; cost ≈ $…` for the answers of known models, naming them and those without a price.
fn cost(spent: &[Spent], estimated: bool) -> String {
    let (mut usd, mut priced, mut unknown) = (0.0, Vec::new(), Vec::new());
    for s in spent {
        let model = s.model.as_str();
        match s.usage.cost(model) {
            Some(cost) => {
                usd += cost;
                if !priced.contains(&model) {
                    priced.push(model);
                }
            }
            None if !unknown.contains(&model) => unknown.push(model),
            None => {}
        }
    }
    let basis = if estimated {
        " with the counted ones"
    } else {
        ""
    };
    let unknown = unknown.join(", ");
    let date = catalog::PRICES_AS_OF;
    match (priced.join(", "), unknown.is_empty()) {
        (priced, _) if priced.is_empty() => format!("; cost unknown for model {unknown}"),
        (priced, true) => format!("; cost ≈ ${usd:.6}{basis} ({priced} at list prices of {date})"),
        (priced, false) => format!(
            "; cost ≈ ${usd:.6}{basis} ({priced} at list prices of {date}; unknown for \
             {unknown})"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spent(model: &str, prompt: u64, completion: u64, estimated: bool) -> Spent {
        Spent {
            usage: Usage {
                prompt_tokens: prompt,
                completion_tokens: completion,
                total_tokens: prompt + completion,
                ..Usage::default()
            },
            model: model.into(),
            estimated: estimated.then_some("o200k_base"),
        }
    }

    #[test]
    fn nothing_asked_yet() {
        assert_eq!(summary(&[]), "usage: no answers yet in this chat");
    }

    #[test]
    fn answers_are_added_up_and_priced_by_their_model() {
        let one = spent("gpt-4o-mini", 1000, 500, false);
        let alone = one.usage.cost("gpt-4o-mini").unwrap();
        let line = summary(&[one.clone(), one]);
        assert_eq!(
            line,
            format!(
                "usage in this chat (2 answers): 2000 prompt + 1000 completion = 3000 tokens \
                 (0 cached, 0 reasoning); cost ≈ ${:.6} (gpt-4o-mini at list prices of {})",
                2.0 * alone,
                catalog::PRICES_AS_OF
            )
        );
    }

    #[test]
    fn counted_answers_and_unknown_models_are_said() {
        let line = summary(&[
            spent("gpt-4o-mini", 10, 5, true),
            spent("llama3", 10, 5, false),
        ]);
        assert!(
            line.starts_with(
                "usage in this chat (2 answers, 1 counted here (o200k_base) as the server \
                 reported none): 20 prompt + 10 completion = 30 tokens"
            ),
            "{line}"
        );
        assert!(
            line.contains(" with the counted ones (gpt-4o-mini at"),
            "{line}"
        );
        assert!(line.ends_with("; unknown for llama3)"), "{line}");
        let line = summary(&[spent("llama3", 1, 1, false)]);
        assert!(line.ends_with("; cost unknown for model llama3"), "{line}");
    }
}
