//! `batch wait`: polls a batch until it is over. In a pipe, a line each time its summary
//! changes; on a terminal, a progress bar of its requests (with an ETA once the total is
//! known) and a line above it each time its status changes (issue 15).

use std::io::Write;
use std::time::Duration;

use super::{Batch, Remote};
use crate::error::Error;
use crate::progress::{Bar, Draw, View};

/// The longest wait between two polls.
const MAX_INTERVAL: Duration = Duration::from_secs(60);

/// Waits for a batch to finish, polling from `first` and backing off to a minute.
pub fn wait(
    remote: &Remote<'_>,
    id: &str,
    first: Duration,
    draw: Draw,
    err: &mut impl Write,
) -> Result<Batch, Error> {
    let mut interval = first;
    let mut last: Option<Batch> = None;
    let mut bar = Bar::off();
    loop {
        let (batch, _) = remote.get(id, err)?;
        let line = logged(last.as_ref(), &batch, draw != Draw::Off);
        if batch.status.is_final() {
            // The last line stays where the bar was.
            bar.end();
        }
        if let Some(line) = line {
            crate::log::line(err, format_args!("{line}"));
        }
        if batch.status.is_final() {
            return Ok(batch);
        }
        match &last {
            None => bar = Bar::start(draw, &view(&batch)),
            Some(_) => bar.show(&view(&batch)),
        }
        last = Some(batch);
        std::thread::sleep(interval);
        interval = (interval.mul_f64(1.5)).min(MAX_INTERVAL);
    }
}

/// The line to log for this poll, if any: in a pipe, the summary whenever it changed (the
/// counts are the only news there); under a bar, which shows the counts, only when the
/// status changed.
fn logged(last: Option<&Batch>, now: &Batch, bar: bool) -> Option<String> {
    let summary = now.summary();
    let news = match (last, bar) {
        (None, _) => true,
        (Some(last), false) => last.summary() != summary,
        (Some(last), true) => last.status != now.status,
    };
    news.then_some(summary)
}

/// The bar: requests finished (failed ones too) of the batch's total, once it has one (a
/// batch being validated counts 0 of 0), and the status. Not the id: the line above says
/// it, and a terminal of 80 columns has no room for both.
fn view(batch: &Batch) -> View {
    let counts = batch.request_counts.clone().unwrap_or_default();
    View {
        done: counts.completed + counts.failed,
        total: (counts.total > 0).then_some(counts.total),
        message: format!("done ({} failed), {}", counts.failed, batch.status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(status: &str, total: u64, completed: u64, failed: u64) -> Batch {
        serde_json::from_value(serde_json::json!({
            "id": "batch_1", "status": status,
            "request_counts": {"total": total, "completed": completed, "failed": failed},
        }))
        .expect("a batch")
    }

    #[test]
    fn a_pipe_hears_of_every_change_and_a_bar_of_every_new_status() {
        let validating = batch("validating", 0, 0, 0);
        let started = batch("in_progress", 4, 0, 0);
        let further = batch("in_progress", 4, 2, 1);
        let polls = [None, Some(&validating), Some(&started), Some(&further)];
        let now = [&validating, &started, &further, &further];
        let seen = |bar: bool| -> Vec<Option<String>> {
            (polls.iter().zip(now))
                .map(|(last, now)| logged(*last, now, bar))
                .collect()
        };
        assert_eq!(
            seen(false),
            [
                Some("batch_1 validating: 0 of 0 done, 0 failed".into()),
                Some("batch_1 in_progress: 0 of 4 done, 0 failed".into()),
                Some("batch_1 in_progress: 2 of 4 done, 1 failed".into()),
                None,
            ]
        );
        assert_eq!(
            seen(true),
            [
                Some("batch_1 validating: 0 of 0 done, 0 failed".into()),
                Some("batch_1 in_progress: 0 of 4 done, 0 failed".into()),
                None,
                None,
            ]
        );
    }

    #[test]
    fn the_bar_counts_finished_requests_once_there_is_a_total() {
        assert_eq!(
            view(&batch("in_progress", 4, 2, 1)),
            View {
                done: 3,
                total: Some(4),
                message: "done (1 failed), in_progress".into()
            }
        );
        assert_eq!(view(&batch("validating", 0, 0, 0)).total, None);
    }
}
