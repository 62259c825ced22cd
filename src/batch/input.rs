//! The Batch API input file: one request line per input, validated before any upload.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};

use super::{ENDPOINT, MAX_FILE_BYTES, MAX_REQUESTS};
use crate::config::Config;
use crate::each::{self, Kind};
use crate::error::Error;

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
