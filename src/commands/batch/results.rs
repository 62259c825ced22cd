//! A finished batch's files turned into line mode's output, in input order.

use std::collections::HashMap;
use std::io::Write;

use serde_json::{Value, json};

use crate::commands::each::{self, Outcome};
use crate::config::Config;
use crate::error::Error;

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
            id: Some(json!(custom_id)),
            result,
            skipped: None,
        });
    }
    Ok(outcomes)
}

/// A batch output line: `{"response": {"status_code", "body"}, "error": …}`.
fn record_result(config: &Config, record: Value) -> Result<each::Answered, Error> {
    if let Some(error) = record.get("error").filter(|e| !e.is_null()) {
        let detail = crate::api::response::error_value_detail(error)
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
        let detail = crate::api::response::error_value_detail(&body)
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
            target: crate::error::Target::Chat,
        }));
    }
    each::answered(config, body)
}

/// Writes the outcomes in line mode's formats, with line mode's summary on stderr; Err
/// when any input failed.
pub(crate) fn write_results(
    outcomes: &[Outcome],
    jsonl: bool,
    raw: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let mut summary = each::Summary::new(false, None);
    let format = each::Format {
        jsonl,
        raw,
        compact_json: false,
    };
    for outcome in outcomes {
        each::write_outcome(out, outcome, format, err)?;
        summary.count(outcome, err);
    }
    out.flush()?;
    summary.report(err);
    summary.verdict()
}
