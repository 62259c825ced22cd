//! Many prompts: `--each` (every input line is a prompt) and `--jsonl` (every line a JSON
//! request), sent `-P N` at a time, answered one line per input in input order.
//!
//! A reader thread parses lines lazily; workers share one rate-limit gate; the calling
//! thread writes each result as soon as the next one in order is ready. A fixed window
//! bounds how far the reader may run ahead of the writer, so memory depends on
//! `--parallel`, not on the size of the input (the ids seen, kept to refuse a repeat, are
//! the exception).

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::api::response::Usage;
use crate::config::{Config, Facts, Lines};
use crate::error::{BadResponse, Error, Missing, Problem, Refusal, Saved, Task};
use crate::http::client::Api;
use crate::jsonl::Appender;
use crate::progress::Draw;

mod answer;
mod jobs;
mod records;
mod request;
mod scan;
mod summary;
mod template;

pub(crate) use answer::answered;
use answer::{Shared, ask};
pub(crate) use jobs::read_jobs;
pub(crate) use records::{Format, id_key, write_outcome};
use records::{Key, answered_keys, open_for_append, outcome_line};
pub(crate) use request::Request;
pub use scan::{open_files, scan_files};
pub(crate) use summary::Summary;
pub(crate) use template::Template;

/// Results the reader may run ahead of the writer, per worker.
const WINDOW_PER_WORKER: usize = 8;

pub use crate::config::Kind;

#[derive(Debug, Clone)]
pub struct Options {
    pub kind: Kind,
    pub parallel: usize,
    /// Put the whole response object in each JSONL record.
    pub raw: bool,
    /// Skip inputs already answered in this file and append the rest to it.
    pub resume: Option<PathBuf>,
    /// The progress bar on stderr (a terminal), or none.
    pub progress: Draw,
    /// The answers go to the terminal the bar is on: each is written above it.
    pub answers_on_terminal: bool,
    /// How many inputs there are, when known (for progress and ETA).
    pub total: Option<usize>,
}

/// One input, as read.
pub(crate) struct Job {
    pub index: usize,
    pub line: usize,
    /// The input's own id; None when it has none (its index is its key then).
    pub id: Option<Value>,
    pub work: Work,
}

/// What to do with an input.
pub(crate) enum Work {
    /// Send this request.
    Send(Request),
    /// Send nothing: the input is wrong in this way.
    Refuse(Refusal),
    /// A blank `--each` line: answered by a blank line.
    Blank,
}

impl Job {
    /// What identifies the input in a resume file: its id, else its index.
    fn key(&self) -> Key {
        match &self.id {
            Some(id) => Key::Given(id_key(id)),
            None => Key::Index(self.index),
        }
    }

    fn outcome(self, result: Result<Answered, Error>, skipped: Option<Skip>) -> Outcome {
        Outcome {
            index: self.index,
            line: self.line,
            id: self.id,
            result,
            skipped,
        }
    }
}

/// What became of one input.
pub(crate) struct Outcome {
    pub index: usize,
    pub line: usize,
    pub id: Option<Value>,
    pub result: Result<Answered, Error>,
    pub skipped: Option<Skip>,
}

/// Why an input was not sent although nothing is wrong with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skip {
    /// `--resume` found its answer.
    Answered,
    /// A blank `--each` line.
    Blank,
}

pub(crate) struct Answered {
    /// Choice 0's answer, without a leading `<think>` block.
    pub content: Option<String>,
    /// Its reasoning (a reasoning field or that block), for `--jsonl` records only.
    pub reasoning: Option<String>,
    /// With `-x`: its code block, or why it has none (the input then counts as failed).
    pub extracted: Option<Result<String, Missing>>,
    /// The calls, when the answer asks for tools (the input then counts as failed, exit
    /// 10: line mode does not run tools; `--jsonl` records carry them).
    pub calls: Option<Vec<crate::tools::Call>>,
    /// What the server reported using, for the summary's token count.
    pub usage: Option<Usage>,
    /// The same `usage` as the server wrote it: records print it verbatim, with the
    /// fields [`Usage`] does not read (and a `null` as `null`).
    pub usage_as_sent: Option<Value>,
    /// The whole chat completion as the server wrote it, for `--raw` records.
    pub response: Value,
    /// The model that answered, and the cost at list prices when it is known.
    pub model: String,
    pub cost: Option<f64>,
}

impl Answered {
    /// Why an answer that came is still a failed input: it asks for tools (exit 10), or,
    /// with `-x`, it has no block (exit 8, as a one-shot run would). Its record keeps it.
    pub fn failure(&self) -> Option<Error> {
        if let Some(calls) = &self.calls {
            let mut names: Vec<String> = calls.iter().map(|c| c.function.name.clone()).collect();
            names.dedup();
            return Some(Error::ToolCalls(names));
        }
        let missing = *self.extracted.as_ref()?.as_ref().err()?;
        Some(BadResponse::NoCodeBlock(missing).into())
    }
}

/// `--each`/`--jsonl`: inputs from `-f` files (in order) or stdin.
pub fn lines(
    config: &Config,
    lines: Lines,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let template = Template::new(config, lines.turns, lines.instruction).with_fallback();
    // Before any input is read: every input would be refused for them.
    template.check()?;
    let options = Options {
        kind: lines.kind,
        parallel: lines.parallel,
        raw: config.raw,
        resume: lines.resume,
        progress: Draw::new(
            facts.stderr_is_terminal,
            config.color.paints(facts.stderr_is_terminal),
        ),
        answers_on_terminal: facts.answer_is_terminal,
        total: None,
    };
    if lines.files.is_empty() {
        // stdin can be read only once: its size stays unknown, so progress has no ETA.
        let stdin = std::io::BufReader::new(std::io::stdin());
        return run(config, template, &options, stdin, out, err);
    }
    // Files are checked whole before anything is sent, and counted for progress.
    let inputs = scan_files(&lines.files, options.kind)?;
    let options = Options {
        total: (options.progress != Draw::Off).then_some(inputs),
        ..options
    };
    let input = open_files(&lines.files)?;
    run(config, template, &options, input, out, err)
}

/// Runs line mode over `input`; answers go to `out`, or are appended to `--resume FILE`.
pub fn run(
    config: &Config,
    template: Template,
    options: &Options,
    input: impl BufRead + Send + 'static,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let (mut resume_file, done) = resume(options, err)?;
    let format = Format {
        jsonl: options.kind == Kind::Jsonl || resume_file.is_some(),
        raw: options.raw,
        compact_json: config.request.format.is_json(),
    };
    // One client per worker, since a client's connections run on the thread that sends.
    // The first is made here, so that a bad setting (a CA file) stops the run before any
    // work; the others are made by their workers on their first job: in parallel, and
    // not at all by a worker that gets none (each loads the TLS roots, about 4 ms).
    let first_api = Api::new(&config.http())?;
    let parallel = options.parallel.max(1);
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(parallel);
    let (result_tx, result_rx) = mpsc::channel::<Outcome>();
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(parallel * WINDOW_PER_WORKER);
    // The reader and the workers are not joined when the writer fails (a reader of stdout
    // that went away, as `| head -1` does): oaichat ends at once, instead of after the
    // requests under way, or never while a quiet stdin is waited on.
    let config = Arc::new(config.clone());
    let reader = std::thread::spawn({
        let (kind, results) = (options.kind, result_tx.clone());
        move || {
            read_jobs(&template, kind, input, |job| {
                dispatch(job, &done, &permit_tx, &job_tx, &results)
            })
        }
    });
    spawn_workers(&config, parallel, first_api, job_rx, &result_tx);
    drop(result_tx);
    let mut sink = Sink {
        out,
        resume: resume_file.as_mut(),
        above_bar: options.answers_on_terminal && options.progress != Draw::Off,
    };
    let mut summary = Summary::new(options.progress, options.total);
    write_in_order(result_rx, &permit_rx, &mut sink, format, &mut summary, err)?;
    // Every result is in, so the reader has returned.
    let read = reader
        .join()
        .map_err(|_| Error::local(Task::ReadInput, "the reader stopped"))?;
    summary.report(err);
    // Input that stopped being text ends the run with its own error, after what was sent.
    read?;
    summary.verdict()
}

/// The `--resume` file to append to, and the keys it answers. Mended before it is read: a
/// record a killed run left torn is not an answer.
fn resume(
    options: &Options,
    err: &mut impl Write,
) -> Result<(Option<Appender>, HashSet<Key>), Error> {
    match &options.resume {
        Some(path) => Ok((Some(open_for_append(path, err)?), answered_keys(path)?)),
        None => Ok((None, HashSet::new())),
    }
}

/// Hands a job on: to the writer when it needs no request, else to the workers. False
/// when nobody listens any more (the writer stopped).
fn dispatch(
    job: Job,
    done: &HashSet<Key>,
    permit: &SyncSender<()>,
    jobs: &SyncSender<Job>,
    results: &Sender<Outcome>,
) -> bool {
    // Blocks while the writer is a full window behind.
    if permit.send(()).is_err() {
        return false;
    }
    // A refused input (a repeated id) is refused whatever the resume file holds for its
    // key: that record answers the input the id was first given to.
    let skipped = match &job.work {
        Work::Blank => Some(Skip::Blank),
        Work::Send(_) if done.contains(&job.key()) => Some(Skip::Answered),
        _ => None,
    };
    if let Some(skip) = skipped {
        let outcome = job.outcome(Err(Problem::NotSent.into()), Some(skip));
        return results.send(outcome).is_ok();
    }
    let mut job = job;
    let why = match std::mem::replace(&mut job.work, Work::Blank) {
        Work::Refuse(why) => why,
        work => {
            job.work = work;
            return jobs.send(job).is_ok();
        }
    };
    let line = job.line;
    let outcome = job.outcome(Err(Problem::Refused { line, why }.into()), None);
    results.send(outcome).is_ok()
}

fn spawn_workers(
    config: &Arc<Config>,
    parallel: usize,
    first_api: Api,
    jobs: Receiver<Job>,
    results: &Sender<Outcome>,
) {
    let jobs = Arc::new(Mutex::new(jobs));
    let shared = Arc::new(Shared::default());
    let mut first_api = Some(first_api);
    for _ in 0..parallel {
        let mut api = first_api.take();
        let (jobs, results) = (Arc::clone(&jobs), results.clone());
        let (config, shared) = (Arc::clone(config), Arc::clone(&shared));
        std::thread::spawn(move || {
            loop {
                let job = match jobs.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok(mut job) = job else { return };
                let result = match std::mem::replace(&mut job.work, Work::Blank) {
                    Work::Send(request) => ask(&mut api, &config, &shared, request, job.line),
                    Work::Refuse(why) => Err(Problem::Refused {
                        line: job.line,
                        why,
                    }
                    .into()),
                    Work::Blank => Err(Problem::NotSent.into()),
                };
                if results.send(job.outcome(result, None)).is_err() {
                    return;
                }
            }
        });
    }
}

/// Where results go: stdout, or the resume file (one locked write per record).
struct Sink<'a, W: Write> {
    out: &'a mut W,
    resume: Option<&'a mut Appender>,
    /// stdout is the terminal the bar is drawn on.
    above_bar: bool,
}

impl<W: Write> Sink<'_, W> {
    /// One answer on stdout: above the bar when both are on the terminal (drawn again
    /// after it, not through it). Only then: the clearing and drawing forced for each
    /// line would be wasted on a file.
    fn write(&mut self, line: &[u8]) -> Result<(), Error> {
        let out = &mut *self.out;
        let mut write = || out.write_all(line).and_then(|()| out.flush());
        match self.above_bar {
            true => crate::progress::above(write),
            false => write(),
        }
        .map_err(Error::Write)
    }
}

/// Writes each outcome as soon as all before it are written.
fn write_in_order<W: Write>(
    results: Receiver<Outcome>,
    permits: &Receiver<()>,
    sink: &mut Sink<'_, W>,
    format: Format,
    summary: &mut Summary,
    err: &mut impl Write,
) -> Result<(), Error> {
    let mut pending = BTreeMap::new();
    let mut next = 0;
    for outcome in results {
        pending.insert(outcome.index, outcome);
        while let Some(outcome) = pending.remove(&next) {
            if let Some(line) = outcome_line(&outcome, format, err) {
                match sink.resume.as_mut() {
                    Some(file) => file.append(&line, err).map_err(|source| Error::Save {
                        what: Saved::Resume,
                        source,
                    })?,
                    None => sink.write(&line)?,
                }
            }
            summary.count(&outcome);
            next += 1;
            // The writer caught up by one: let the reader go on.
            let _ = permits.try_recv();
        }
    }
    Ok(())
}
