//! What line mode writes: one line or JSON record per input, and the `--resume` file that
//! remembers which inputs have their answer.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Answered, Outcome, Skip};
use crate::error::{Error, Input, Problem};
use crate::jsonl::{self, Appender};

/// How outcomes are written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Format {
    /// JSON records (`--jsonl`, `--resume`), else one escaped text line per input.
    pub jsonl: bool,
    /// Records carry the whole response.
    pub raw: bool,
    /// Text answers that are JSON (`--json`, `--schema`) are printed compactly, so that
    /// each line is a JSON value `jq` reads (escaping a pretty-printed one is not).
    pub compact_json: bool,
}

/// Writes one outcome to `out` (stdout) as its line: see [`outcome_line`].
pub(crate) fn write_outcome(
    out: &mut dyn Write,
    o: &Outcome,
    format: Format,
    err: &mut impl Write,
) -> Result<(), Error> {
    if let Some(line) = outcome_line(o, format, err) {
        out.write_all(&line).map_err(Error::Write)?;
    }
    Ok(())
}

/// One outcome as one whole line, serialised before anything is written, so that a file
/// gets it in one write (a kill cannot leave half a record, see [`crate::jsonl`]). None
/// when the input has no line of its own there: answered before, or a blank line among
/// records. A failed `--each` input is an empty line, with its reason on `err`.
pub(crate) fn outcome_line(o: &Outcome, format: Format, err: &mut impl Write) -> Option<Vec<u8>> {
    match (o.skipped, format.jsonl) {
        (Some(Skip::Answered), _) | (Some(Skip::Blank), true) => return None,
        (Some(Skip::Blank), false) => return Some(b"\n".to_vec()),
        (None, _) => {}
    }
    let mut line = if format.jsonl {
        // Serialising borrowed strings and values cannot fail.
        serde_json::to_vec(&record(o, format.raw)).expect("a record serialises")
    } else {
        let failure = o.result.as_ref().ok().and_then(Answered::failure);
        match (&o.result, failure.as_ref()) {
            (Ok(_), Some(e)) | (Err(e), _) => {
                // The line stays (so output lines match input lines); the reason goes to stderr.
                crate::log::line(err, format_args!("input line {}: error: {e}", o.line));
                Vec::new()
            }
            (Ok(a), None) => match &a.extracted {
                // The block's last newline ends the line instead of being escaped into it.
                Some(Ok(block)) => {
                    escape_line(block.strip_suffix('\n').unwrap_or(block)).into_bytes()
                }
                _ => text_line(a.content.as_deref().unwrap_or_default(), format),
            },
        }
    };
    line.push(b'\n');
    Some(line)
}

/// `{"id", "index", "content", "usage", "error"}` (and `"reasoning"` when the model sent
/// some, `"response"` with `--raw`). An input without an id has `"id": null`: its index is
/// its key, and cannot be taken for an id.
#[derive(Serialize)]
struct Record<'a> {
    /// The input's own id: any JSON the input gave, written back as it came.
    id: Option<&'a Value>,
    index: usize,
    content: Option<&'a str>,
    /// Absent, not null, without reasoning: records stay as they were for other models.
    #[serde(skip_serializing_if = "Option::is_none")]
    reasoning: Option<&'a str>,
    /// With `-x` only: the code block, or null when the answer had none (`error` says so).
    #[serde(skip_serializing_if = "Option::is_none")]
    extracted: Option<Option<&'a str>>,
    /// When the answer asks for tools: the calls, as a one-shot run prints them.
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_calls: Option<Vec<crate::tools::CallLine<'a>>>,
    usage: Option<&'a Value>,
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<&'a Value>,
}

fn record(o: &Outcome, raw: bool) -> Record<'_> {
    let answered = o.result.as_ref().ok();
    Record {
        id: o.id.as_ref(),
        index: o.index,
        content: answered.and_then(|a| a.content.as_deref()),
        reasoning: answered.and_then(|a| a.reasoning.as_deref()),
        extracted: answered
            .and_then(|a| a.extracted.as_ref())
            .map(|e| e.as_deref().ok()),
        tool_calls: (answered.and_then(|a| a.calls.as_ref()))
            .map(|calls| calls.iter().map(crate::tools::Call::line).collect()),
        usage: answered.and_then(|a| a.usage_as_sent.as_ref()),
        error: match &o.result {
            Ok(a) => a.failure().as_ref().map(Error::to_string),
            Err(e) => Some(e.to_string()),
        },
        response: answered.filter(|_| raw).map(|a| &a.response),
    }
}

fn text_line(content: &str, format: Format) -> Vec<u8> {
    let compact = format.compact_json.then(|| compact_json(content)).flatten();
    escape_line(compact.as_deref().unwrap_or(content)).into_bytes()
}

/// JSON text without the whitespace between tokens; None when it is not JSON. Strings and
/// numbers are kept byte for byte (a round trip through a parser could change a number).
pub(crate) fn compact_json(text: &str) -> Option<String> {
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            (escaped, in_string) = match (escaped, c) {
                (true, _) => (false, true),
                (false, '\\') => (true, true),
                (false, '"') => (false, false),
                _ => (false, true),
            };
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            continue;
        }
        out.push(c);
    }
    Some(out)
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
    let failed = |source| Error::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut file = Appender::open(path, jsonl::any_line).map_err(failed)?;
    file.mend(err).map_err(failed)?;
    Ok(file)
}

/// What identifies an input in a resume file. Given ids and indexes never meet, so an
/// input without an id can never be taken for one with an id (issue 10).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Given(String),
    Index(usize),
}

/// The keys of the successful records in a `--resume` file (mended first, so every line
/// must be a record: a malformed one is an error naming it, never silently skipped).
pub(super) fn answered_keys(path: &Path) -> Result<HashSet<Key>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(Error::read(Input::File(path.to_path_buf()), e)),
    };
    let mut keys = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(line).map_err(|cause| Problem::ResumeRecord {
            path: path.to_path_buf(),
            line: i + 1,
            cause,
        })?;
        let record = Resumed::read(record);
        if record.error.is_none() {
            keys.extend(record_keys(&record));
        }
    }
    Ok(keys)
}

/// A record as `--resume` reads it back: what says whether it is an answer, and to which
/// input. Fields of another type read as missing, as they did when indexed by hand.
#[derive(Debug, Default, Deserialize)]
struct Resumed {
    /// Any JSON the input gave as its id; `null` is none.
    #[serde(default)]
    id: Option<Value>,
    #[serde(default, deserialize_with = "crate::api::response::lenient")]
    index: Option<u64>,
    /// A failed input's reason; `null` is none.
    #[serde(default)]
    error: Option<IgnoredAny>,
}

impl Resumed {
    /// JSON that is not an object is a record of nothing (no error, no keys).
    fn read(record: Value) -> Resumed {
        crate::api::response::from_object(record)
    }
}

/// A record's keys: its id, or its index when the id is null. Files written before ids
/// and indexes were told apart gave an input without an id its index as id: a number
/// equal to the index answers that index too (for the same input, never wrongly: the
/// input at that index is that record's input).
fn record_keys(record: &Resumed) -> Vec<Key> {
    let index = record.index.and_then(|i| usize::try_from(i).ok());
    match (&record.id, index) {
        (Some(id), Some(index)) if id.as_u64() == Some(index as u64) => {
            vec![Key::Given(id_key(id)), Key::Index(index)]
        }
        (Some(id), _) => vec![Key::Given(id_key(id))],
        (None, Some(index)) => vec![Key::Index(index)],
        (None, None) => Vec::new(),
    }
}

/// Ids compare by their text: `7` and `"7"` are the same input.
pub(crate) fn id_key(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escaping_keeps_one_line_and_is_reversible() {
        assert_eq!(escape_line("a\nb\\n\r"), "a\\nb\\\\n\\r");
        assert_eq!(escape_line("한 줄"), "한 줄");
    }

    #[test]
    fn compact_json_keeps_strings_and_numbers_exactly() {
        let pretty = "{\n  \"a b\": \"x\\\" y\\\\\",\n  \"n\": 1.50e3,\n  \"l\": [ 1, 2 ]\n}";
        assert_eq!(
            compact_json(pretty).as_deref(),
            Some("{\"a b\":\"x\\\" y\\\\\",\"n\":1.50e3,\"l\":[1,2]}")
        );
        assert_eq!(compact_json("not json"), None);
    }

    #[test]
    fn records_print_the_usage_and_response_as_the_server_sent_them() {
        let format = Format {
            jsonl: true,
            raw: true,
            compact_json: false,
        };
        let lines: Vec<String> = [answered_with_usage_as_sent(), refused()]
            .iter()
            .map(|o| String::from_utf8(outcome_line(o, format, &mut Vec::new()).unwrap()).unwrap())
            .collect();
        assert_eq!(
            lines,
            [
                "{\"id\":{\"row\":1},\"index\":0,\"content\":\"hi \\\"there\\\"\",\"reasoning\":\"Hmm.\",\
                 \"usage\":{\"total_tokens\":5,\"prompt_tokens_details\":{\"audio_tokens\":0}},\
                 \"error\":null,\"response\":{\"choices\":[],\"extra\":1.5}}\n",
                "{\"id\":null,\"index\":1,\"content\":null,\"usage\":null,\"error\":\"the model refused: no\"}\n",
            ]
        );
    }

    /// Line 1, with an object for its id, answered with a quote in its content and some
    /// reasoning, the usage as the server sent it, and a response with a number written
    /// `1.50`.
    fn answered_with_usage_as_sent() -> Outcome {
        let usage = json!({"total_tokens": 5, "prompt_tokens_details": {"audio_tokens": 0}});
        Outcome {
            index: 0,
            line: 1,
            id: Some(json!({"row": 1})),
            result: Ok(super::super::Answered {
                content: Some("hi \"there\"".into()),
                reasoning: Some("Hmm.".into()),
                extracted: None,
                calls: None,
                usage: None,
                usage_as_sent: Some(usage),
                response: json!({"choices": [], "extra": 1.50}),
                model: "m".into(),
                cost: None,
            }),
            skipped: None,
        }
    }

    /// Line 2, without an id, which the model refused.
    fn refused() -> Outcome {
        Outcome {
            index: 1,
            line: 2,
            id: None,
            result: Err(Error::Declined(crate::error::Declined::Refused(
                "no".into(),
            ))),
            skipped: None,
        }
    }

    #[test]
    fn ids_compare_as_text() {
        assert_eq!(id_key(&json!(7)), "7");
        assert_eq!(id_key(&json!("7")), "7");
    }

    #[test]
    fn records_are_keyed_by_id_or_index_never_both_but_for_old_files() {
        let keys = |r: Value| record_keys(&Resumed::read(r));
        assert_eq!(
            keys(json!({"id": "a", "index": 3})),
            [Key::Given("a".into())]
        );
        assert_eq!(keys(json!({"id": null, "index": 3})), [Key::Index(3)]);
        assert_eq!(keys(json!({"id": 5, "index": 3})), [Key::Given("5".into())]);
        assert_eq!(
            keys(json!({"id": 3, "index": 3})),
            [Key::Given("3".into()), Key::Index(3)]
        );
    }
}
