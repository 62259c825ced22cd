//! The Batch API input file: one request line per input, validated before any upload.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::{ENDPOINT, MAX_FILE_BYTES, MAX_REQUESTS};
use crate::commands::each::{self, Kind, Work};
use crate::config::Config;
use crate::conversation::Transcript;
use crate::error::Error;

/// Builds the Batch API input file from an input file: one request line per input, with
/// its id as `custom_id`. Lines are read as line mode reads them; every problem is an error
/// naming its line, and nothing is uploaded.
pub fn input_file(config: &Config, path: &Path, kind: Kind) -> Result<Vec<u8>, Error> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| Error::usage(format!("cannot read {shown}: {e}")))?;
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut count = 0;
    let mut failure = None;
    let mut add = |job: each::Job| -> Result<(), Error> {
        let body = match job.work {
            Work::Send(body) => body,
            Work::Refuse(why) => return Err(Error::usage(format!("{shown}: {why}"))),
            // A blank text line asks nothing; the batch has no line for it.
            Work::Blank => return Ok(()),
        };
        let custom_id = custom_id(job.id.as_ref(), job.index);
        if let Some(first) = seen.insert(custom_id.clone(), job.line) {
            return Err(Error::usage(format!(
                "{shown} line {}: custom_id {custom_id} repeats line {first} (an input \
                 without an id has its index as custom_id); custom ids must be unique",
                job.line
            )));
        }
        count += 1;
        if count > MAX_REQUESTS {
            return Err(Error::usage(format!(
                "{shown} has more than {MAX_REQUESTS} requests, the Batch API's limit: split it"
            )));
        }
        // The body is JSON we just serialized; embed it without parsing it again.
        out.extend_from_slice(
            format!(
                "{{\"custom_id\":{},\"method\":\"POST\",\"url\":\"{ENDPOINT}\",\"body\":",
                serde_json::Value::String(custom_id)
            )
            .as_bytes(),
        );
        out.extend_from_slice(&body);
        out.extend_from_slice(b"}\n");
        Ok(())
    };
    let template = each::Template {
        settings: config.request.clone(),
        transcript: Transcript::new(config.system.clone(), Vec::new(), Vec::new()),
        instruction: None,
    };
    let read = each::read_jobs(&template, kind, BufReader::new(file), |job| {
        match add(job) {
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
    read.map_err(|e| Error::usage(format!("{shown}: {e}")))?;
    if count == 0 {
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

/// An input's id as the Batch API's `custom_id`; an input without one has its index, which
/// an explicit id can repeat: the API needs them unique, so that is refused like any repeat.
fn custom_id(id: Option<&serde_json::Value>, index: usize) -> String {
    match id {
        Some(id) => each::id_key(id),
        None => index.to_string(),
    }
}
