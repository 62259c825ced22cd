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

use serde_json::Value;

use crate::client::{self, Api};
use crate::config::Config;
use crate::error::Error;
use crate::output;
use crate::ratelimit::Gate;
use crate::response::ChatResponse;
use serde::Deserialize;

mod jobs;
mod records;

pub(crate) use jobs::read_jobs;
pub(crate) use records::Summary;
pub use records::escape_line;
use records::{answered_ids, open_for_append, outcome_line};
pub(crate) use records::{id_key, write_outcome};

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
    /// How many inputs there are, when known (for progress and ETA).
    pub total: Option<usize>,
}

/// One input, ready to send (or already failed to parse).
pub(crate) struct Job {
    pub index: usize,
    pub line: usize,
    pub id: Value,
    pub body: Result<Vec<u8>, String>,
}

/// What became of one input.
pub(crate) struct Outcome {
    pub index: usize,
    pub line: usize,
    pub id: Value,
    pub result: Result<Answered, Error>,
    pub skipped: bool,
}

pub(crate) struct Answered {
    pub content: Option<String>,
    pub usage: Option<Value>,
    pub response: Value,
    pub cost: Option<f64>,
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
    // Mended before it is read: a record a killed run left torn is not an answer.
    let mut resume_file = match &options.resume {
        Some(path) => Some(open_for_append(path, err)?),
        None => None,
    };
    let done = match &options.resume {
        Some(path) => answered_ids(path)?,
        None => HashSet::new(),
    };
    let jsonl_out = options.kind == Kind::Jsonl || resume_file.is_some();
    let gate = Gate::new();
    let parallel = options.parallel.max(1);
    // One client per worker, since a client's connections run on the thread that sends.
    // The first is made here, so that a bad setting (a CA file) stops the run before any
    // work; the others are made by their workers on their first job: in parallel, and
    // not at all by a worker that gets none (each loads the TLS roots, about 4 ms).
    let mut first_api = Some(Api::new(config)?);
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(parallel);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (result_tx, result_rx) = mpsc::channel::<Outcome>();
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(parallel * WINDOW_PER_WORKER);
    let mut summary = Summary::new(options.progress, options.total);

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
            let mut api = first_api.take();
            let job_rx = Arc::clone(&job_rx);
            let results = result_tx.clone();
            let gate = &gate;
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    let result = match job.body {
                        Ok(body) => ask(&mut api, config, gate, body),
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
                if let Some(line) = outcome_line(&outcome, jsonl_out, options.raw, err) {
                    match resume_file.as_mut() {
                        Some(file) => file
                            .append(&line, err)
                            .map_err(|e| Error::io("cannot append to the resume file", e))?,
                        None => {
                            out.write_all(&line)?;
                            out.flush()?;
                        }
                    }
                }
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

fn ask(
    api: &mut Option<Api>,
    config: &Config,
    gate: &Gate,
    body: Vec<u8>,
) -> Result<Answered, Error> {
    let api = match api {
        Some(api) => api,
        None => api.insert(Api::new(config)?),
    };
    let sent = api.post_chat(config, body, &mut io::stderr(), Some(gate))?;
    let bytes = client::read_limited(sent.response, client::BODY_LIMIT)
        .map_err(|e| client::body_error(&e, config))?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Error::BadResponse(format!("the response is not JSON ({e})")))?;
    answered(config, value)
}

/// Judges a chat completion body (a response, or one line of a batch's output file).
pub(crate) fn answered(config: &Config, value: Value) -> Result<Answered, Error> {
    let parsed = ChatResponse::deserialize(&value)
        .map_err(|e| Error::BadResponse(format!("the response is not a chat completion ({e})")))?;
    let endings = output::response_endings(&parsed, true);
    output::judge(&endings, config.json_flag(), &mut io::sink())?;
    let model = parsed.model.clone().unwrap_or_else(|| config.model.clone());
    let cost = parsed.usage.as_ref().and_then(|u| u.cost(&model));
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
