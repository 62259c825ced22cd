//! `oaichat batch`: hand the largest jobs to OpenAI's Batch API (half the price, no local
//! rate limits).
//!
//! `create` turns an input file (the `--jsonl` formats, or text lines with `--each`) into
//! the Batch API's input file (one `/v1/chat/completions` request per line with a
//! `custom_id`), validates it against the API's limits, uploads it (`POST /files`, purpose
//! `batch`) and creates the batch (`POST /batches`). `results` downloads the input, output
//! and error files and prints one result per input, in input order, in line mode's formats.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use reqwest::blocking::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::client::{self, Api};
use crate::config::Config;
use crate::each::{self, Kind, Outcome};
use crate::error::Error;

/// The Batch API's limits on an input file.
pub const MAX_REQUESTS: usize = 50_000;
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
const ENDPOINT: &str = "/v1/chat/completions";

#[derive(Debug, Clone, Deserialize)]
pub struct Batch {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub input_file_id: Option<String>,
    #[serde(default)]
    pub output_file_id: Option<String>,
    #[serde(default)]
    pub error_file_id: Option<String>,
    #[serde(default)]
    pub request_counts: Option<Counts>,
    #[serde(default)]
    pub errors: Option<Errors>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Counts {
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub completed: u64,
    #[serde(default)]
    pub failed: u64,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Errors {
    #[serde(default)]
    pub data: Vec<Value>,
}

impl Batch {
    pub fn is_finished(&self) -> bool {
        matches!(
            self.status.as_str(),
            "completed" | "failed" | "expired" | "cancelled"
        )
    }

    /// One line: id, status, counts, and the first errors of a failed batch.
    pub fn summary(&self) -> String {
        let counts = self.request_counts.clone().unwrap_or_default();
        let mut line = format!(
            "{} {}: {} of {} done, {} failed",
            self.id, self.status, counts.completed, counts.total, counts.failed
        );
        let errors: Vec<String> = self
            .errors
            .iter()
            .flat_map(|e| e.data.iter())
            .take(3)
            .map(|e| {
                let message = e.get("message").and_then(Value::as_str).unwrap_or("error");
                match e.get("line").and_then(Value::as_u64) {
                    Some(n) => format!("line {n}: {message}"),
                    None => message.to_string(),
                }
            })
            .collect();
        if !errors.is_empty() {
            line.push_str(&format!(" ({})", errors.join("; ")));
        }
        line
    }
}

/// Builds the Batch API input file from an input file: one request line per input, with
/// its id as `custom_id`. Every problem is an error naming its line; nothing is uploaded.
pub fn input_file(config: &Config, path: &Path, kind: Kind) -> Result<Vec<u8>, Error> {
    let shown = path.display();
    let text = crate::prompt::read_file(path)?;
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut index = 0;
    for (number, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if line.trim().is_empty() {
            continue;
        }
        let job = each::build_job(config, None, kind, index, number, line);
        let body = job
            .body
            .map_err(|e| Error::usage(format!("{shown}: {e}")))?;
        let custom_id = each::id_key(&job.id);
        if let Some(first) = seen.insert(custom_id.clone(), number) {
            return Err(Error::usage(format!(
                "{shown} line {number}: id {custom_id} repeats line {first}; custom ids must be unique"
            )));
        }
        let body: Value = serde_json::from_slice(&body)
            .map_err(|e| Error::usage(format!("{shown} line {number}: {e}")))?;
        let request =
            json!({"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body});
        serde_json::to_writer(&mut out, &request)
            .map_err(|e| Error::io("cannot encode the batch", std::io::Error::other(e)))?;
        out.push(b'\n');
        index += 1;
        if index > MAX_REQUESTS {
            return Err(Error::usage(format!(
                "{shown} has more than {MAX_REQUESTS} requests, the Batch API's limit: split it"
            )));
        }
    }
    if index == 0 {
        return Err(Error::usage(format!("{shown} has no requests")));
    }
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::usage(format!(
            "the batch file would be {} MB, over the Batch API's 200 MB: split {shown}",
            out.len() / (1024 * 1024)
        )));
    }
    Ok(out)
}

/// The REST calls, with the chat client's headers, timeouts and retries.
pub struct Remote<'a> {
    api: Api,
    config: &'a Config,
}

impl<'a> Remote<'a> {
    pub fn new(config: &'a Config) -> Result<Remote<'a>, Error> {
        Ok(Remote {
            api: Api::new(config)?,
            config,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url)
    }

    fn body(&self, sent: client::Sent) -> Result<Vec<u8>, Error> {
        client::read_limited(sent.response, client::BODY_LIMIT + MAX_FILE_BYTES)
            .map_err(|e| client::body_error(&e, self.config))
    }

    fn json<T: serde::de::DeserializeOwned>(
        &self,
        sent: client::Sent,
        what: &str,
    ) -> Result<T, Error> {
        let bytes = self.body(sent)?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::BadResponse(format!(
                "the response is not {what} ({e}): {}",
                crate::response::error_detail(&bytes).text
            ))
        })
    }

    pub fn upload(&self, file: Vec<u8>, err: &mut dyn Write) -> Result<String, Error> {
        let url = self.url("/files");
        let sent = self.api.send(self.config, err, None, &url, |http| {
            let part = Part::bytes(file.clone()).file_name("batch.jsonl");
            let form = Form::new().text("purpose", "batch").part("file", part);
            http.post(&url).multipart(form).timeout(self.config.timeout)
        })?;
        let uploaded: Value = self.json(sent, "a file object")?;
        uploaded["id"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| Error::BadResponse("the uploaded file has no id".into()))
    }

    pub fn create(&self, file_id: &str, err: &mut dyn Write) -> Result<Batch, Error> {
        let url = self.url("/batches");
        let body =
            json!({"input_file_id": file_id, "endpoint": ENDPOINT, "completion_window": "24h"})
                .to_string();
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.post(&url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone())
                .timeout(self.config.timeout)
        })?;
        self.json(sent, "a batch")
    }

    pub fn get(&self, id: &str, err: &mut dyn Write) -> Result<(Batch, Vec<u8>), Error> {
        let url = self.url(&format!("/batches/{id}"));
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.get(&url).timeout(self.config.timeout)
        })?;
        let bytes = self.body(sent)?;
        let batch = serde_json::from_slice(&bytes)
            .map_err(|e| Error::BadResponse(format!("the response is not a batch ({e})")))?;
        Ok((batch, bytes))
    }

    pub fn cancel(&self, id: &str, err: &mut dyn Write) -> Result<(Batch, Vec<u8>), Error> {
        let url = self.url(&format!("/batches/{id}/cancel"));
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.post(&url).timeout(self.config.timeout)
        })?;
        let bytes = self.body(sent)?;
        let batch = serde_json::from_slice(&bytes)
            .map_err(|e| Error::BadResponse(format!("the response is not a batch ({e})")))?;
        Ok((batch, bytes))
    }

    pub fn list(&self, err: &mut dyn Write) -> Result<Vec<u8>, Error> {
        let url = self.url("/batches?limit=100");
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.get(&url).timeout(self.config.timeout)
        })?;
        self.body(sent)
    }

    pub fn file_content(&self, id: &str, err: &mut dyn Write) -> Result<Vec<u8>, Error> {
        let url = self.url(&format!("/files/{id}/content"));
        let sent = self.api.send(self.config, err, None, &url, |http| {
            http.get(&url).timeout(self.config.timeout)
        })?;
        self.body(sent)
    }
}

/// Waits for a batch to finish, polling from `first` and backing off to a minute.
pub fn wait(
    remote: &Remote<'_>,
    id: &str,
    first: Duration,
    err: &mut impl Write,
) -> Result<Batch, Error> {
    let mut interval = first;
    let mut last = String::new();
    loop {
        let (batch, _) = remote.get(id, err)?;
        let summary = batch.summary();
        if summary != last {
            crate::log(err, format_args!("{summary}"));
            last = summary;
        }
        if batch.is_finished() {
            return Ok(batch);
        }
        std::thread::sleep(interval);
        interval = (interval.mul_f64(1.5)).min(Duration::from_secs(60));
    }
}

/// A finished batch that did not complete is a failure of the server side of the job.
pub fn require_completed(batch: &Batch) -> Result<(), Error> {
    match batch.status.as_str() {
        "completed" => Ok(()),
        _ => Err(Error::StreamError {
            detail: format!("the batch ended {}", batch.summary()),
            kind: None,
        }),
    }
}

/// One outcome per input, in input order, from the batch's input, output and error files.
pub(crate) fn outcomes(
    config: &Config,
    input: &[u8],
    output: &[u8],
    errors: &[u8],
) -> Result<Vec<Outcome>, Error> {
    let mut results: HashMap<String, Value> = HashMap::new();
    for line in output
        .split(|&b| b == b'\n')
        .chain(errors.split(|&b| b == b'\n'))
    {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record: Value = serde_json::from_slice(line)
            .map_err(|e| Error::BadResponse(format!("a batch result line is not JSON ({e})")))?;
        if let Some(id) = record.get("custom_id").map(each::id_key) {
            results.insert(id, record);
        }
    }
    let mut outcomes = Vec::new();
    for (index, line) in input
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .enumerate()
    {
        let request: Value = serde_json::from_slice(line).map_err(|e| {
            Error::BadResponse(format!("the batch input file is not JSON Lines ({e})"))
        })?;
        let custom_id = request
            .get("custom_id")
            .map(each::id_key)
            .unwrap_or_default();
        let result = match results.remove(&custom_id) {
            Some(record) => record_result(config, record),
            None => Err(Error::BadResponse(
                "no result in the batch's output or error file".into(),
            )),
        };
        outcomes.push(Outcome {
            index,
            line: index + 1,
            id: json!(custom_id),
            result,
            skipped: false,
        });
    }
    Ok(outcomes)
}

/// A batch output line: `{"response": {"status_code", "body"}, "error": …}`.
fn record_result(config: &Config, record: Value) -> Result<each::Answered, Error> {
    if let Some(error) = record.get("error").filter(|e| !e.is_null()) {
        let detail = crate::response::error_value_detail(error)
            .map(|d| d.text)
            .unwrap_or_else(|| error.to_string());
        return Err(Error::BadResponse(detail));
    }
    let response = record.get("response").cloned().unwrap_or(Value::Null);
    let status = response
        .get("status_code")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let body = response.get("body").cloned().unwrap_or(Value::Null);
    if !(200..300).contains(&status) {
        let detail = crate::response::error_value_detail(&body)
            .map(|d| d.text)
            .unwrap_or_else(|| body.to_string());
        return Err(Error::Api(crate::error::ApiFailure {
            status: u16::try_from(status).unwrap_or(0),
            detail,
            request_id: response
                .get("request_id")
                .and_then(Value::as_str)
                .map(str::to_string),
            wait_refused: None,
        }));
    }
    each::answered(config, body)
}

/// Writes the outcomes in line mode's formats; Err when any input failed.
pub(crate) fn write_results(
    outcomes: &[Outcome],
    jsonl: bool,
    raw: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let mut failed = 0;
    let mut first_code = None;
    for outcome in outcomes {
        each::write_outcome(out, outcome, jsonl, raw, err)?;
        if let Err(e) = &outcome.result {
            failed += 1;
            first_code.get_or_insert(e.exit_code());
        }
    }
    out.flush()?;
    match first_code {
        Some(code) => Err(Error::Partial {
            failed,
            total: outcomes.len(),
            code,
        }),
        None => Ok(()),
    }
}

/// Runs `oaichat batch ACTION`.
pub fn command(
    action: &crate::cli::BatchAction,
    config: &Config,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    use crate::cli::BatchAction;
    let remote = Remote::new(config)?;
    let show = |out: &mut dyn Write, batch: &Batch, bytes: &[u8]| -> Result<(), Error> {
        if config.raw {
            out.write_all(bytes)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", batch.summary())?;
        }
        Ok(out.flush()?)
    };
    match action {
        BatchAction::Create { input, each } => {
            let kind = if *each { Kind::Each } else { Kind::Jsonl };
            let file = input_file(config, input, kind)?;
            let file_id = remote.upload(file, err)?;
            let batch = remote.create(&file_id, err)?;
            writeln!(out, "{}", batch.id)?;
            Ok(out.flush()?)
        }
        BatchAction::Status { id } => {
            let (batch, bytes) = remote.get(id, err)?;
            show(out, &batch, &bytes)
        }
        BatchAction::Wait { id, poll } => {
            let batch = wait(&remote, id, Duration::from_secs_f64(*poll), err)?;
            writeln!(out, "{}", batch.summary())?;
            out.flush()?;
            require_completed(&batch)
        }
        BatchAction::Results { id, each } => {
            let (batch, _) = remote.get(id, err)?;
            if batch.output_file_id.is_none() && batch.error_file_id.is_none() {
                require_completed(&batch)?;
                return Err(Error::BadResponse(format!(
                    "{}: no result files yet",
                    batch.summary()
                )));
            }
            let input_id = batch
                .input_file_id
                .as_deref()
                .ok_or_else(|| Error::BadResponse("the batch names no input file".into()))?;
            let input = remote.file_content(input_id, err)?;
            let fetch = |file: &Option<String>, err: &mut dyn Write| match file {
                Some(id) => remote.file_content(id, err),
                None => Ok(Vec::new()),
            };
            let output = fetch(&batch.output_file_id, err)?;
            let errors = fetch(&batch.error_file_id, err)?;
            let outcomes = outcomes(config, &input, &output, &errors)?;
            write_results(&outcomes, !*each, config.raw, out, err)
        }
        BatchAction::Cancel { id } => {
            let (batch, bytes) = remote.cancel(id, err)?;
            show(out, &batch, &bytes)
        }
        BatchAction::List => {
            let bytes = remote.list(err)?;
            if config.raw {
                out.write_all(&bytes)?;
                writeln!(out)?;
                return Ok(out.flush()?);
            }
            let list: Value = serde_json::from_slice(&bytes).map_err(|e| {
                Error::BadResponse(format!("the response is not a batch list ({e})"))
            })?;
            for item in list["data"].as_array().into_iter().flatten() {
                let batch: Batch = serde_json::from_value(item.clone()).map_err(|e| {
                    Error::BadResponse(format!("a listed batch is malformed ({e})"))
                })?;
                writeln!(out, "{}", batch.summary())?;
            }
            Ok(out.flush()?)
        }
    }
}
