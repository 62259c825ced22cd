//! The line-mode summary on stderr (done, failed, tokens, cost) and, on a terminal, the
//! progress bar ([`crate::progress`]). Shared with `batch results`.

use std::io::Write;
use std::time::{Duration, Instant};

use super::{Outcome, Skip};
use crate::error::Error;
use crate::progress::{Bar, Draw, View};

/// Counts, tokens, cost and (on a terminal) the bar.
pub(crate) struct Summary {
    done: usize,
    failed: usize,
    skipped: usize,
    tokens: u64,
    cost: Cost,
    first_error: Option<u8>,
    started: Instant,
    bar: Bar,
    /// Inputs in all, when known (files are counted first; stdin is not).
    total: Option<usize>,
}

/// What the answers cost at list prices, as far as the catalog knows their models.
#[derive(Debug, Default, Clone, PartialEq)]
struct Cost {
    usd: f64,
    priced: usize,
    unpriced: usize,
    /// A model without known prices, to name.
    unknown_model: Option<String>,
}

impl Cost {
    fn add(&mut self, cost: Option<f64>, model: &str) {
        match cost {
            Some(usd) => {
                self.usd += usd;
                self.priced += 1;
            }
            None => {
                self.unpriced += 1;
                self.unknown_model.get_or_insert_with(|| model.to_string());
            }
        }
    }

    /// `, cost ≈ $…` in `--usage`'s format, or why there is no figure.
    fn text(&self) -> String {
        let model = self.unknown_model.as_deref().unwrap_or_default();
        match (self.priced, self.unpriced) {
            (0, 0) => String::new(),
            (_, 0) => format!(", cost ≈ ${:.6}", self.usd),
            (0, _) => format!(", cost unknown for model {model}"),
            (priced, unpriced) => format!(
                ", cost ≈ ${:.6} for {priced} answers, unknown for {unpriced} (model {model})",
                self.usd
            ),
        }
    }
}

impl Summary {
    pub(crate) fn new(draw: Draw, total: Option<usize>) -> Summary {
        let mut summary = Summary {
            done: 0,
            failed: 0,
            skipped: 0,
            tokens: 0,
            cost: Cost::default(),
            first_error: None,
            started: Instant::now(),
            bar: Bar::off(),
            total,
        };
        summary.bar = Bar::start(draw, &summary.view(Duration::ZERO));
        summary
    }

    pub(crate) fn count(&mut self, o: &Outcome) {
        match (&o.result, o.skipped) {
            (_, Some(Skip::Blank)) => return,
            (_, Some(Skip::Answered)) => self.skipped += 1,
            (Ok(a), None) => {
                // Paid for even when -x found no block in it.
                self.tokens += a.usage.as_ref().map_or(0, |u| u.total_tokens);
                self.cost.add(a.cost, &a.model);
                match a.failure() {
                    None => self.done += 1,
                    Some(e) => {
                        self.failed += 1;
                        self.first_error.get_or_insert(e.exit_code());
                    }
                }
            }
            (Err(e), None) => {
                self.failed += 1;
                self.first_error.get_or_insert(e.exit_code());
            }
        }
        self.bar.show(&self.view(self.started.elapsed()));
    }

    /// What the bar shows: inputs finished of those to send (the total less those already
    /// answered), how many failed, and the rate so far.
    fn view(&self, elapsed: Duration) -> View {
        let finished = self.done + self.failed;
        let rate = finished as f64 / elapsed.as_secs_f64().max(1e-3);
        View {
            done: finished as u64,
            total: (self.total).map(|total| total.saturating_sub(self.skipped) as u64),
            message: format!("done ({} failed), {rate:.1}/s", self.failed),
        }
    }

    /// The summary line, on stderr (where the bar was, on a terminal).
    pub(crate) fn report(&mut self, err: &mut impl Write) {
        // The bar goes first: the summary is the line that stays.
        self.bar.end();
        let skipped = if self.skipped > 0 {
            format!(", {} already answered", self.skipped)
        } else {
            String::new()
        };
        crate::log::line(
            err,
            format_args!(
                "{} done, {} failed{skipped}, {} tokens{} in {:.1}s",
                self.done,
                self.failed,
                self.tokens,
                self.cost.text(),
                self.started.elapsed().as_secs_f64()
            ),
        );
    }

    /// Err when an input failed: the first failure's exit code.
    pub(crate) fn verdict(&self) -> Result<(), Error> {
        match self.first_error {
            Some(code) => Err(Error::Partial {
                failed: self.failed,
                total: self.done + self.failed,
                code,
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A summary after `done` answers, `failed` failures and `skipped` inputs already answered.
    fn after(total: Option<usize>, done: usize, failed: usize, skipped: usize) -> Summary {
        Summary {
            done,
            failed,
            skipped,
            ..Summary::new(Draw::Off, total)
        }
    }

    #[test]
    fn the_bar_counts_the_inputs_to_send_and_how_many_failed() {
        assert_eq!(
            after(Some(10), 4, 1, 2).view(Duration::from_secs(2)),
            View {
                done: 5,
                total: Some(8),
                message: "done (1 failed), 2.5/s".into()
            }
        );
        // stdin's inputs are not counted: a spinner, no total.
        assert_eq!(after(None, 3, 0, 0).view(Duration::ZERO).total, None);
    }

    #[test]
    fn cost_is_unknown_rather_than_zero_for_unpriced_models() {
        let mut cost = Cost::default();
        assert_eq!(cost.text(), "");
        cost.add(None, "llama3");
        assert_eq!(cost.text(), ", cost unknown for model llama3");
        cost.add(Some(0.000435), "gpt-4o-mini");
        assert_eq!(
            cost.text(),
            ", cost ≈ $0.000435 for 1 answers, unknown for 1 (model llama3)"
        );
        let mut known = Cost::default();
        known.add(Some(0.00002), "gpt-4o-mini");
        assert_eq!(known.text(), ", cost ≈ $0.000020");
    }
}
