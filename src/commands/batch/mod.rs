//! `oaichat batch`: hand the largest jobs to OpenAI's Batch API (half the price, no local
//! rate limits).
//!
//! `create` turns an input file (the `--jsonl` formats, or text lines with `--each`) into
//! the Batch API's input file (one request per line with a `custom_id`, to
//! `/v1/chat/completions`, or to `/v1/responses` for the models served only there),
//! validates it against the API's limits, uploads it (`POST /files`, purpose `batch`) and
//! creates the batch (`POST /batches`) for that endpoint. `results` downloads the input, output
//! and error files and prints one result per input, in input order, in line mode's formats;
//! `wait` polls until the batch is over (wait.rs).

use std::io::Write;

use serde::Deserialize;

use crate::api::responses::Wire;
use crate::commands::each::Kind;
use crate::config::{Config, Facts};
use crate::error::{BadResponse, Error, Expected};
use crate::progress::Draw;

mod input;
mod object;
mod remote;
mod results;
mod wait;

pub use input::input_file;
use object::BatchList;
pub use object::{Batch, BatchStatus};
pub use remote::Remote;
use results::{outcomes, write_results};
use wait::wait;

/// The Batch API's limits on an input file.
pub const MAX_REQUESTS: usize = 50_000;
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// The endpoint of a batch whose requests go to `wire` (`CreateBatchRequest.endpoint`, and
/// each input line's `url`).
pub(crate) fn endpoint(wire: Wire) -> &'static str {
    match wire {
        Wire::Chat => "/v1/chat/completions",
        Wire::Responses => "/v1/responses",
    }
}

/// A finished batch that did not complete (failed, expired, cancelled) has its own exit
/// code: scripts tell it from a batch with failed requests, and from one not done yet.
pub fn require_completed(batch: &Batch) -> Result<(), Error> {
    match batch.status {
        BatchStatus::Completed => Ok(()),
        _ => Err(Error::BatchFailed(batch.summary())),
    }
}

/// `batch results`: one result per input, in input order. A batch still running is "not
/// finished yet"; a failed one (its input was refused) has no results; an expired or
/// cancelled one prints the results it has, then fails with its own code.
fn results(
    remote: &Remote<'_>,
    config: &Config,
    id: &str,
    jsonl: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let (batch, _) = remote.get(id, err)?;
    if !batch.status.is_final() {
        return Err(Error::BatchPending {
            id: id.to_string(),
            summary: batch.summary(),
        });
    }
    if batch.status == BatchStatus::Failed {
        require_completed(&batch)?;
    }
    let input_id = batch
        .input_file_id
        .as_deref()
        .ok_or(BadResponse::NoInputFile)?;
    let input = remote.file_content(input_id, err)?;
    let fetch = |file: &Option<String>, err: &mut dyn Write| match file {
        Some(id) => remote.file_content(id, err),
        None => Ok(Vec::new()),
    };
    let output = fetch(&batch.output_file_id, err)?;
    let errors = fetch(&batch.error_file_id, err)?;
    let outcomes = outcomes(config, &input, &output, &errors)?;
    let written = write_results(&outcomes, jsonl, config.raw, out, err);
    // An incomplete batch says so after what it has, whatever its requests did.
    require_completed(&batch)?;
    written
}

/// Runs `oaichat batch ACTION`.
pub fn command(
    action: &crate::config::Batch,
    config: &Config,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    use crate::config::Batch as Action;
    let remote = Remote::new(config)?;
    let show = |out: &mut dyn Write, batch: &Batch, bytes: &[u8]| -> Result<(), Error> {
        let shown = if config.raw {
            out.write_all(bytes).and_then(|()| writeln!(out))
        } else {
            writeln!(out, "{}", batch.summary())
        };
        shown.and_then(|()| out.flush()).map_err(Error::Write)
    };
    match action {
        Action::Create { input, kind } => {
            let input = input_file(config, input, *kind)?;
            let file_id = remote.upload(input.file, err)?;
            let batch = remote.create(&file_id, input.wire, err)?;
            writeln!(out, "{}", batch.id).map_err(Error::Write)?;
            out.flush().map_err(Error::Write)
        }
        Action::Status { id } => {
            let (batch, bytes) = remote.get(id, err)?;
            show(out, &batch, &bytes)
        }
        Action::Wait { id, poll } => {
            let paint = config.color.paints(facts.stderr_is_terminal);
            let draw = Draw::new(facts.stderr_is_terminal, paint);
            let batch = wait(&remote, id, *poll, draw, err)?;
            writeln!(out, "{}", batch.summary()).map_err(Error::Write)?;
            out.flush().map_err(Error::Write)?;
            require_completed(&batch)
        }
        Action::Results { id, kind } => {
            let jsonl = *kind == Kind::Jsonl;
            results(&remote, config, id, jsonl, out, err)
        }
        Action::Cancel { id } => {
            let (batch, bytes) = remote.cancel(id, err)?;
            show(out, &batch, &bytes)
        }
        Action::List => list(&remote, config, out, err),
    }
}

/// `batch list`: one summary line per batch, or the API's JSON with --raw.
fn list(
    remote: &Remote<'_>,
    config: &Config,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let bytes = remote.list(err)?;
    if config.raw {
        out.write_all(&bytes).map_err(Error::Write)?;
        writeln!(out).map_err(Error::Write)?;
        return out.flush().map_err(Error::Write);
    }
    let list: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| BadResponse::not_a(Expected::BatchList, e, None))?;
    // JSON that is not a list object lists nothing, as a list without `data` does.
    let list: BatchList = crate::api::response::from_object(list);
    for item in list.data.into_iter().flatten() {
        let batch = Batch::deserialize(item).map_err(BadResponse::ListedBatch)?;
        writeln!(out, "{}", batch.summary()).map_err(Error::Write)?;
    }
    out.flush().map_err(Error::Write)
}
