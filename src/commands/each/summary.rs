//! The line-mode summary on stderr (done, failed, tokens, cost) and live progress on a
//! terminal. Shared with `batch results`.

use std::io::Write;
use std::time::Instant;

use super::{Outcome, Skip};
use crate::error::Error;

/// Counts, tokens, cost and (on a terminal) progress.
pub(crate) struct Summary {
    done: usize,
    failed: usize,
    skipped: usize,
    tokens: u64,
    cost: Cost,
    first_error: Option<u8>,
    started: Instant,
    progress: bool,
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
    pub(crate) fn new(progress: bool, total: Option<usize>) -> Summary {
        Summary {
            done: 0,
            failed: 0,
            skipped: 0,
            tokens: 0,
            cost: Cost::default(),
            first_error: None,
            started: Instant::now(),
            progress,
            total,
        }
    }

    pub(crate) fn count(&mut self, o: &Outcome, err: &mut impl Write) {
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
        if self.progress {
            crate::log::progress(err, format_args!("{}", self.progress_line()));
        }
    }

    /// `done[/total] done, failed, rate, ETA` (the total and ETA when the input size is known).
    fn progress_line(&self) -> String {
        let elapsed = self.started.elapsed().as_secs_f64().max(1e-3);
        let finished = self.done + self.failed;
        let rate = finished as f64 / elapsed;
        let (of, eta) = match self.total {
            Some(total) if rate > 0.0 => {
                let left = total.saturating_sub(finished + self.skipped);
                (
                    format!("/{}", total - self.skipped.min(total)),
                    format!(", ETA {}", clock(left as f64 / rate)),
                )
            }
            _ => (String::new(), String::new()),
        };
        format!(
            "{finished}{of} done ({} failed), {rate:.1}/s{eta}",
            self.failed
        )
    }

    /// The summary line, on stderr (replacing the progress line on a terminal).
    pub(crate) fn report(&self, err: &mut impl Write) {
        if self.progress {
            let _ = write!(err, "\r\x1b[K");
        }
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

/// Seconds as `1h02m`, `3m05s` or `42s`.
fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, min, sec) => format!("{min}m{sec:02}s"),
        (h, min, _) => format!("{h}h{min:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_naturally() {
        assert_eq!(clock(42.4), "42s");
        assert_eq!(clock(185.0), "3m05s");
        assert_eq!(clock(3720.0), "1h02m");
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
