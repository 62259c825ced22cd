//! Many prompts: `--each` (every input line is a prompt) and `--jsonl` (every line a JSON
//! request), sent `-P N` at a time, answered one line per input in input order.
//!
//! A reader thread parses lines lazily; workers share one HTTP client and one rate-limit
//! gate; the calling thread writes each result as soon as the next one in order is ready.
//! A fixed window bounds how far the reader may run ahead of the writer, so memory depends
//! on `--parallel`, never on the size of the input.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::{Value, json};

use crate::client::{self, Api};
use crate::config::Config;
use crate::error::Error;
use crate::ratelimit::Gate;
use crate::response::{ChatResponse, Usage};
use crate::{catalog, output, request};

/// Results the reader may run ahead of the writer, per worker.
const WINDOW_PER_WORKER: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Every line is a prompt for the shared instruction.
    Each,
    /// Every line is `{"prompt": …}` or a whole request body.
    Jsonl,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub kind: Kind,
    pub parallel: usize,
    /// Put the whole response object in each JSONL record.
    pub raw: bool,
    /// Skip inputs already answered in this file and append the rest to it.
    pub resume: Option<PathBuf>,
    /// Show progress on stderr (a terminal).
    pub progress: bool,
}

/// One input, ready to send (or already failed to parse).
struct Job {
    index: usize,
    line: usize,
    id: Value,
    body: Result<Vec<u8>, String>,
}

struct Outcome {
    index: usize,
    line: usize,
    id: Value,
    result: Result<Answered, Error>,
    skipped: bool,
}

struct Answered {
    content: Option<String>,
    usage: Option<Value>,
    response: Value,
    cost: Option<f64>,
}

/// Runs line mode over `input`; answers go to `out`, or are appended to `--resume FILE`.
pub fn run(
    config: &Config,
    instruction: Option<String>,
    options: &Options,
    input: impl BufRead + Send,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let done = match &options.resume {
        Some(path) => answered_ids(path)?,
        None => HashSet::new(),
    };
    let mut resume_file = match &options.resume {
        Some(path) => Some(open_for_append(path)?),
        None => None,
    };
    let jsonl_out = options.kind == Kind::Jsonl || resume_file.is_some();
    let api = Api::new(config)?;
    let gate = Gate::new();
    let parallel = options.parallel.max(1);
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(parallel);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (result_tx, result_rx) = mpsc::channel::<Outcome>();
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(parallel * WINDOW_PER_WORKER);
    let mut summary = Summary::new(options.progress);

    std::thread::scope(|scope| -> Result<(), Error> {
        // Owned here, so that an early return (a closed stdout) drops them and every
        // thread blocked on a channel wakes up with an error instead of waiting forever.
        let (permit_rx, job_rx, result_rx) = (permit_rx, job_rx, result_rx);
        let reader_results = result_tx.clone();
        let instruction = instruction.as_deref();
        scope.spawn(move || {
            read_jobs(
                config,
                instruction,
                options.kind,
                input,
                &done,
                |job, skip| {
                    // Blocks while the writer is a full window behind.
                    if permit_tx.send(()).is_err() {
                        return false;
                    }
                    if skip {
                        let outcome = Outcome {
                            index: job.index,
                            line: job.line,
                            id: job.id,
                            result: Err(Error::usage("skipped")),
                            skipped: true,
                        };
                        return reader_results.send(outcome).is_ok();
                    }
                    job_tx.send(job).is_ok()
                },
            );
        });
        for _ in 0..parallel {
            let job_rx = Arc::clone(&job_rx);
            let results = result_tx.clone();
            let (api, gate) = (&api, &gate);
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    let result = match job.body {
                        Ok(body) => ask(api, config, gate, body),
                        Err(message) => Err(Error::usage(message)),
                    };
                    let outcome = Outcome {
                        index: job.index,
                        line: job.line,
                        id: job.id,
                        result,
                        skipped: false,
                    };
                    if results.send(outcome).is_err() {
                        return;
                    }
                }
            });
        }
        drop(result_tx);
        drop(job_rx);

        let mut pending = BTreeMap::new();
        let mut next = 0;
        for outcome in result_rx {
            pending.insert(outcome.index, outcome);
            while let Some(outcome) = pending.remove(&next) {
                let sink: &mut dyn Write = match resume_file.as_mut() {
                    Some(file) => file,
                    None => &mut *out,
                };
                write_outcome(sink, &outcome, jsonl_out, options.raw, err)?;
                sink.flush()?;
                summary.count(&outcome, err);
                next += 1;
                // The writer caught up by one: let the reader go on.
                let _ = permit_rx.try_recv();
            }
        }
        Ok(())
    })?;
    summary.finish(err)
}

/// Reads lines, skipping blank ones, and hands each job to `send` (false: stop).
fn read_jobs(
    config: &Config,
    instruction: Option<&str>,
    kind: Kind,
    mut input: impl BufRead,
    done: &HashSet<String>,
    mut send: impl FnMut(Job, bool) -> bool,
) {
    let mut buf = Vec::new();
    let mut index = 0;
    let mut line = 0;
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                let job = Job {
                    index,
                    line: line + 1,
                    id: json!(index),
                    body: Err(format!("cannot read input: {e}")),
                };
                let _ = send(job, false);
                return;
            }
        }
        line += 1;
        let text = String::from_utf8(std::mem::take(&mut buf)).map_err(|e| {
            format!(
                "line {line} is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            )
        });
        let job = match text {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => build_job(
                config,
                instruction,
                kind,
                index,
                line,
                text.trim_end_matches(['\n', '\r']),
            ),
            Err(message) => Job {
                index,
                line,
                id: json!(index),
                body: Err(message),
            },
        };
        let skip = done.contains(&id_key(&job.id));
        index += 1;
        if !send(job, skip) {
            return;
        }
    }
}

fn build_job(
    config: &Config,
    instruction: Option<&str>,
    kind: Kind,
    index: usize,
    line: usize,
    text: &str,
) -> Job {
    let mut id = json!(index);
    let body = match kind {
        Kind::Each => {
            let prompt = match instruction {
                Some(i) => format!("{i}\n\n{text}"),
                None => text.to_string(),
            };
            serde_json::to_vec(&request::build(config, &prompt)).map_err(|e| e.to_string())
        }
        Kind::Jsonl => jsonl_body(config, text, &mut id),
    };
    Job {
        index,
        line,
        id,
        body: body.map_err(|e| format!("line {line}: {e}")),
    }
}

/// `{"prompt": …, "id"?, "system"?, "model"?, other request fields…}` or a whole request
/// body `{"messages": […], …}` (an `id` is taken out of it; streaming is turned off).
fn jsonl_body(config: &Config, text: &str, id: &mut Value) -> Result<Vec<u8>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    let Value::Object(mut object) = value else {
        return Err("must be a JSON object".into());
    };
    if let Some(given) = object.remove("id") {
        *id = given;
    }
    let body = if object.contains_key("messages") {
        object.entry("model").or_insert_with(|| json!(config.model));
        object.remove("stream");
        object.remove("stream_options");
        Value::Object(object)
    } else {
        let Some(Value::String(prompt)) = object.remove("prompt") else {
            return Err("needs \"prompt\" (a string) or \"messages\"".into());
        };
        let mut line_config = config.clone();
        if let Some(Value::String(system)) = object.remove("system") {
            line_config.system = Some(system);
        }
        if let Some(Value::String(model)) = object.remove("model") {
            line_config.model = model;
        }
        let mut body = serde_json::to_value(request::build(&line_config, &prompt))
            .map_err(|e| e.to_string())?;
        if let Value::Object(fields) = &mut body {
            fields.extend(object);
        }
        body
    };
    serde_json::to_vec(&body).map_err(|e| e.to_string())
}

fn ask(api: &Api, config: &Config, gate: &Gate, body: Vec<u8>) -> Result<Answered, Error> {
    let sent = api.post_chat(config, body, &mut io::stderr(), Some(gate))?;
    let bytes = client::read_limited(sent.response, client::BODY_LIMIT)
        .map_err(|e| client::body_error(&e, config))?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Error::BadResponse(format!("the response is not JSON ({e})")))?;
    let parsed: ChatResponse = serde_json::from_value(value.clone())
        .map_err(|e| Error::BadResponse(format!("the response is not a chat completion ({e})")))?;
    let endings = output::response_endings(&parsed, true);
    output::judge(&endings, config.json_flag(), &mut io::sink())?;
    let model = parsed.model.clone().unwrap_or_else(|| config.model.clone());
    let cost = parsed.usage.as_ref().and_then(|u| usage_cost(u, &model));
    Ok(Answered {
        content: parsed
            .choices
            .iter()
            .find(|c| c.index == 0)
            .and_then(|c| c.message.as_ref())
            .and_then(|m| m.content.clone()),
        usage: value.get("usage").cloned(),
        response: value,
        cost,
    })
}

fn usage_cost(usage: &Usage, model: &str) -> Option<f64> {
    let known = catalog::lookup(model)?;
    Some(catalog::cost(
        &known.price,
        usage.prompt_tokens,
        usage.cached(),
        usage.completion_tokens,
    ))
}

fn write_outcome(
    out: &mut dyn Write,
    o: &Outcome,
    jsonl: bool,
    raw: bool,
    err: &mut impl Write,
) -> Result<(), Error> {
    if o.skipped {
        return Ok(());
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
        writeln!(out, "{record}")?;
        return Ok(());
    }
    match &o.result {
        Ok(a) => writeln!(
            out,
            "{}",
            escape_line(a.content.as_deref().unwrap_or_default())
        )?,
        Err(e) => {
            // The line stays (so output lines match input lines); the reason goes to stderr.
            writeln!(out)?;
            let _ = writeln!(err, "oaichat: input line {}: error: {e}", o.line);
        }
    }
    Ok(())
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

/// Opens the `--resume` file for appending, ending a line an interrupted run cut off.
fn open_for_append(path: &std::path::Path) -> Result<std::fs::File, Error> {
    let failed = |e: io::Error| Error::usage(format!("cannot open {}: {e}", path.display()));
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(path)
        .map_err(failed)?;
    if !crate::history::ends_with_newline(&mut file).map_err(failed)? {
        file.write_all(b"\n").map_err(failed)?;
    }
    Ok(file)
}

/// Ids with a successful line in a `--resume` file.
fn answered_ids(path: &std::path::Path) -> Result<HashSet<String>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(Error::usage(format!("cannot read {}: {e}", path.display()))),
    };
    let mut ids = HashSet::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        // A half-written last line (an interrupted run) is just not answered yet.
        let Ok(record) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if record.get("error").is_none_or(Value::is_null)
            && let Some(id) = record.get("id")
        {
            ids.insert(id_key(id));
        }
    }
    Ok(ids)
}

/// Ids compare by their text: `7` and `"7"` are the same input.
fn id_key(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Counts, tokens, cost and (on a terminal) progress.
struct Summary {
    done: usize,
    failed: usize,
    skipped: usize,
    tokens: u64,
    cost: f64,
    first_error: Option<u8>,
    started: Instant,
    progress: bool,
}

impl Summary {
    fn new(progress: bool) -> Summary {
        Summary {
            done: 0,
            failed: 0,
            skipped: 0,
            tokens: 0,
            cost: 0.0,
            first_error: None,
            started: Instant::now(),
            progress,
        }
    }

    fn count(&mut self, o: &Outcome, err: &mut impl Write) {
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
            let rate = self.done as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
            let _ = write!(
                err,
                "\roaichat: {} done, {} failed, {rate:.1}/s ",
                self.done, self.failed
            );
        }
    }

    fn finish(&self, err: &mut impl Write) -> Result<(), Error> {
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
    fn ids_compare_as_text() {
        assert_eq!(id_key(&json!(7)), "7");
        assert_eq!(id_key(&json!("7")), "7");
    }
}
