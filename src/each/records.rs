//! What line mode writes: one line or JSON record per input, the `--resume` file, and the
//! summary on stderr.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};

use super::Outcome;
use crate::error::Error;
use crate::jsonl::{self, Appender};

/// Writes one outcome to `out` (stdout) as its line: see [`outcome_line`].
pub(crate) fn write_outcome(
    out: &mut dyn Write,
    o: &Outcome,
    jsonl: bool,
    raw: bool,
    err: &mut impl Write,
) -> Result<(), Error> {
    if let Some(line) = outcome_line(o, jsonl, raw, err) {
        out.write_all(&line)?;
    }
    Ok(())
}

/// One outcome as one whole line, serialised before anything is written, so that a file
/// gets it in one write (a kill cannot leave half a record, see [`crate::jsonl`]). None
/// for a skipped input. A failed `--each` input is an empty line, its reason on `err`.
pub(crate) fn outcome_line(
    o: &Outcome,
    jsonl: bool,
    raw: bool,
    err: &mut impl Write,
) -> Option<Vec<u8>> {
    if o.skipped {
        return None;
    }
    if jsonl {
        let (content, usage, error) = match &o.result {
            Ok(a) => (
                json!(a.content),
                a.usage.clone().unwrap_or(Value::Null),
                Value::Null,
            ),
            Err(e) => (Value::Null, Value::Null, json!(e.to_string())),
        };
        let mut record = json!({"id": o.id, "index": o.index, "content": content, "usage": usage, "error": error});
        if let (true, Ok(a)) = (raw, &o.result) {
            record["response"] = a.response.clone();
        }
        let mut line = record.to_string().into_bytes();
        line.push(b'\n');
        return Some(line);
    }
    let mut line = match &o.result {
        Ok(a) => escape_line(a.content.as_deref().unwrap_or_default()).into_bytes(),
        Err(e) => {
            // The line stays (so output lines match input lines); the reason goes to stderr.
            let _ = writeln!(err, "oaichat: input line {}: error: {e}", o.line);
            Vec::new()
        }
    };
    line.push(b'\n');
    Some(line)
}

/// One answer per line: backslashes, newlines and carriage returns are escaped as `\\`,
/// `\n` and `\r`, so the text can be restored exactly.
pub fn escape_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Opens the `--resume` file for appending, cutting off a record a killed run left torn.
pub(super) fn open_for_append(path: &Path, err: &mut dyn Write) -> Result<Appender, Error> {
    let failed = |e: io::Error| Error::usage(format!("cannot open {}: {e}", path.display()));
    let mut file = Appender::open(path, jsonl::any_line).map_err(failed)?;
    file.mend(err).map_err(failed)?;
    Ok(file)
}

/// Ids with a successful record in a `--resume` file (mended first, so every line must
/// be a record: a malformed one is an error naming it, never silently skipped).
pub(super) fn answered_ids(path: &Path) -> Result<HashSet<String>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(Error::usage(format!("cannot read {}: {e}", path.display()))),
    };
    let mut ids = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(line).map_err(|e| {
            Error::usage(format!(
                "resume file {} line {}: not a record ({e}): fix or remove that line",
                path.display(),
                i + 1
            ))
        })?;
        if record.get("error").is_none_or(Value::is_null)
            && let Some(id) = record.get("id")
        {
            ids.insert(id_key(id));
        }
    }
    Ok(ids)
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

/// Ids compare by their text: `7` and `"7"` are the same input.
pub(crate) fn id_key(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Counts, tokens, cost and (on a terminal) progress.
pub(crate) struct Summary {
    done: usize,
    failed: usize,
    skipped: usize,
    tokens: u64,
    cost: f64,
    first_error: Option<u8>,
    started: Instant,
    progress: bool,
    /// Inputs in all, when known (files are counted first; stdin is not).
    total: Option<usize>,
}

impl Summary {
    pub(crate) fn new(progress: bool, total: Option<usize>) -> Summary {
        Summary {
            done: 0,
            failed: 0,
            skipped: 0,
            tokens: 0,
            cost: 0.0,
            first_error: None,
            started: Instant::now(),
            progress,
            total,
        }
    }

    pub(crate) fn count(&mut self, o: &Outcome, err: &mut impl Write) {
        match (&o.result, o.skipped) {
            (_, true) => self.skipped += 1,
            (Ok(a), _) => {
                self.done += 1;
                self.tokens += a
                    .usage
                    .as_ref()
                    .and_then(|u| u.get("total_tokens"))
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                self.cost += a.cost.unwrap_or(0.0);
            }
            (Err(e), _) => {
                self.failed += 1;
                self.first_error.get_or_insert(e.exit_code());
            }
        }
        if self.progress {
            let _ = write!(err, "\roaichat: {} ", self.progress_line());
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

    pub(crate) fn finish(&self, err: &mut impl Write) -> Result<(), Error> {
        if self.progress {
            let _ = write!(err, "\r\x1b[K");
        }
        let skipped = if self.skipped > 0 {
            format!(", {} already answered", self.skipped)
        } else {
            String::new()
        };
        crate::log(
            err,
            format_args!(
                "{} done, {} failed{skipped}, {} tokens, cost ≈ ${:.4} in {:.1}s",
                self.done,
                self.failed,
                self.tokens,
                self.cost,
                self.started.elapsed().as_secs_f64()
            ),
        );
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

    #[test]
    fn escaping_keeps_one_line_and_is_reversible() {
        assert_eq!(escape_line("a\nb\\n\r"), "a\\nb\\\\n\\r");
        assert_eq!(escape_line("한 줄"), "한 줄");
    }

    #[test]
    fn clock_reads_naturally() {
        assert_eq!(clock(42.4), "42s");
        assert_eq!(clock(185.0), "3m05s");
        assert_eq!(clock(3720.0), "1h02m");
    }

    #[test]
    fn ids_compare_as_text() {
        assert_eq!(id_key(&json!(7)), "7");
        assert_eq!(id_key(&json!("7")), "7");
    }
}
