//! The Batch API input file: one request line per input, validated before any upload.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::{MAX_FILE_BYTES, MAX_REQUESTS, endpoint};
use crate::api::responses::Wire;
use crate::commands::each::{self, Kind, Request, Work};
use crate::config::Config;
use crate::error::{Error, Input, Problem};

/// A batch's input file, and the API every request in it goes to (its endpoint).
#[derive(Debug)]
pub struct BatchInput {
    pub file: Vec<u8>,
    pub wire: Wire,
}

/// Builds the Batch API input file from an input file: one request line per input, with
/// its id as `custom_id`, for the endpoint its model goes to (the Responses API for the
/// models served only there). Lines are read as line mode reads them; every problem is an
/// error naming its line, and nothing is uploaded.
pub fn input_file(config: &Config, path: &Path, kind: Kind) -> Result<BatchInput, Error> {
    let template = each::Template::new(config, Vec::new(), None);
    template.check()?;
    let file = File::open(path).map_err(|e| Error::read(Input::File(path.to_path_buf()), e))?;
    let mut lines = Lines::new(path);
    let mut failure = None;
    let read = each::read_jobs(&template, kind, BufReader::new(file), |job| {
        match lines.add(job) {
            Ok(()) => true,
            Err(e) => {
                failure = Some(e);
                false
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    read.map_err(|e| Error::InFile {
        file: path.to_path_buf(),
        source: Box::new(e),
    })?;
    lines.finish()
}

/// The input file as it is built: its lines, and the custom ids seen so far.
struct Lines<'a> {
    path: &'a Path,
    out: Vec<u8>,
    /// Each custom id with the line it was first seen on.
    seen: HashMap<String, usize>,
    count: usize,
    /// The first request: a batch has its endpoint, so every other must go there too.
    first: Option<First>,
}

/// The first request's API, model and line, to name in a refusal of a request for the
/// other API.
struct First {
    wire: Wire,
    model: String,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(path: &'a Path) -> Lines<'a> {
        Lines {
            path,
            out: Vec::new(),
            seen: HashMap::new(),
            count: 0,
            first: None,
        }
    }

    /// Adds a job's request line, or says why the input cannot be a batch's.
    fn add(&mut self, job: each::Job) -> Result<(), Error> {
        let file = self.path.to_path_buf();
        let request = match job.work {
            Work::Send(request) => request,
            Work::Refuse(why) => {
                let line = job.line;
                return Err(Problem::BatchRefused { file, line, why }.into());
            }
            // A blank text line asks nothing; the batch has no line for it.
            Work::Blank => return Ok(()),
        };
        let custom_id = custom_id(job.id.as_ref(), job.index);
        if let Some(first) = self.seen.insert(custom_id.clone(), job.line) {
            let line = job.line;
            return Err(Problem::RepeatedCustomId {
                file,
                line,
                custom_id,
                first,
            }
            .into());
        }
        self.same_endpoint(&request, job.line)?;
        self.count += 1;
        if self.count > MAX_REQUESTS {
            let most = MAX_REQUESTS;
            return Err(Problem::TooManyRequests { file, most }.into());
        }
        // The body is JSON we just serialized; embed it without parsing it again.
        let head = format!(
            "{{\"custom_id\":{},\"method\":\"POST\",\"url\":\"{}\",\"body\":",
            serde_json::Value::String(custom_id),
            endpoint(request.wire)
        );
        self.out.extend_from_slice(head.as_bytes());
        self.out.extend_from_slice(&request.body);
        self.out.extend_from_slice(b"}\n");
        Ok(())
    }

    /// Refuses a request for another endpoint than the first one's: the Batch API sends
    /// every line of a batch to its one endpoint, where a model of the other kind would
    /// fail, a day later.
    fn same_endpoint(&mut self, request: &Request, line: usize) -> Result<(), Error> {
        let first = self.first.get_or_insert_with(|| First {
            wire: request.wire,
            model: request.model.clone(),
            line,
        });
        if first.wire == request.wire {
            return Ok(());
        }
        Err(Problem::BatchEndpoints {
            file: self.path.to_path_buf(),
            line,
            model: request.model.clone(),
            endpoint: endpoint(request.wire),
            first: first.line,
            first_model: first.model.clone(),
            first_endpoint: endpoint(first.wire),
        }
        .into())
    }

    /// The whole file, once it is known to be one the Batch API takes.
    fn finish(self) -> Result<BatchInput, Error> {
        let file = self.path.to_path_buf();
        if self.count == 0 {
            return Err(Problem::NoRequests(file).into());
        }
        if self.out.len() as u64 > MAX_FILE_BYTES {
            let megabytes = self.out.len() / (1024 * 1024);
            return Err(Problem::BatchTooLarge { file, megabytes }.into());
        }
        let wire = self.first.map_or(Wire::Chat, |first| first.wire);
        Ok(BatchInput {
            file: self.out,
            wire,
        })
    }
}

/// An input's id as the Batch API's `custom_id`; an input without one has its index, which
/// an explicit id can repeat: the API needs them unique, so that is refused like any repeat.
fn custom_id(id: Option<&serde_json::Value>, index: usize) -> String {
    match id {
        Some(id) => each::id_key(id),
        None => index.to_string(),
    }
}
