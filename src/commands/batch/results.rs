//! A finished batch's files turned into line mode's output, in input order.

use std::collections::HashMap;
use std::io::Write;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::response::{error_value_detail, from_object, lenient};
use crate::api::responses::Wire;
use crate::commands::each::{self, Outcome};
use crate::config::Config;
use crate::error::{BadLine, BadResponse, Error};
use crate::progress::Draw;

/// One line of a batch's output or error file: the Batch API's request output object.
#[derive(Debug, Default, PartialEq, Deserialize)]
struct OutputLine {
    #[serde(default, deserialize_with = "id_text")]
    custom_id: Option<String>,
    /// Why the request was not run. Error objects come in many shapes, which
    /// [`error_value_detail`] reads; `null` is none.
    #[serde(default)]
    error: Option<Value>,
    #[serde(default, deserialize_with = "object")]
    response: Response,
}

/// The HTTP response a request got.
#[derive(Debug, Default, PartialEq, Deserialize)]
struct Response {
    #[serde(default, deserialize_with = "lenient")]
    status_code: Option<u64>,
    #[serde(default, deserialize_with = "lenient")]
    request_id: Option<String>,
    /// A chat completion, a Responses API `Response`, or an error body, kept as it came:
    /// `--raw` records print it.
    #[serde(default)]
    body: Value,
}

/// A line of the batch's input file, of which only the `custom_id` matters here.
#[derive(Debug, Default, PartialEq, Deserialize)]
struct InputLine {
    #[serde(default, deserialize_with = "id_text")]
    custom_id: Option<String>,
}

/// A `custom_id` as line mode compares ids: by their text. oaichat writes strings; any
/// JSON (`null` too) is read as before.
fn id_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Some(each::id_key(&Value::deserialize(d)?)))
}

fn object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned + Default,
{
    Ok(from_object(Value::deserialize(d)?))
}

/// The non-blank lines of a file, each read as `T`; `what` names the file in an error.
fn lines<T>(file: &[u8], what: BadLine) -> Result<Vec<T>, Error>
where
    T: serde::de::DeserializeOwned + Default,
{
    file.split(|&b| b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .map(|line| {
            let value: Value = serde_json::from_slice(line)
                .map_err(|cause| BadResponse::BadLine { what, cause })?;
            Ok(from_object(value))
        })
        .collect()
}

/// One outcome per input, in input order, from the batch's input, output and error files.
pub(crate) fn outcomes(
    config: &Config,
    input: &[u8],
    output: &[u8],
    errors: &[u8],
) -> Result<Vec<Outcome>, Error> {
    let not_json = BadLine::Result;
    let mut results: HashMap<String, OutputLine> = HashMap::new();
    for mut line in lines::<OutputLine>(output, not_json)?
        .into_iter()
        .chain(lines(errors, not_json)?)
    {
        if let Some(id) = line.custom_id.take() {
            results.insert(id, line);
        }
    }
    let inputs = lines::<InputLine>(input, BadLine::Input)?;
    let mut outcomes = Vec::new();
    for (index, request) in inputs.into_iter().enumerate() {
        let custom_id = request.custom_id.unwrap_or_default();
        let result = match results.remove(&custom_id) {
            Some(line) => line_result(config, line),
            None => Err(BadResponse::NoBatchResult.into()),
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

/// A request's result: its error, the error its HTTP status says, or its answer, judged.
fn line_result(config: &Config, line: OutputLine) -> Result<each::Answered, Error> {
    if let Some(error) = line.error {
        let detail = error_value_detail(&error)
            .map(|d| d.text)
            .unwrap_or_else(|| error.to_string());
        return Err(BadResponse::BatchRequest(detail).into());
    }
    let Response {
        status_code,
        request_id,
        body,
    } = line.response;
    let status = status_code.unwrap_or(0);
    if !(200..300).contains(&status) {
        let (detail, kind) = match error_value_detail(&body) {
            Some(detail) => (detail.text, detail.kind),
            None => (body.to_string(), None),
        };
        return Err(Error::Api(crate::error::ApiFailure {
            status: u16::try_from(status).unwrap_or(0),
            detail,
            request_id,
            wait_refused: None,
            target: crate::error::Target::Chat,
            key_from: None,
            kind,
        }));
    }
    // A `/v1/responses` batch's bodies are `Response` objects, printed as chat answers are.
    each::answered(config, Wire::of_answer(&body), body)
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
    let mut summary = each::Summary::new(Draw::Off, None);
    let format = each::Format {
        jsonl,
        raw,
        compact_json: false,
    };
    for outcome in outcomes {
        each::write_outcome(out, outcome, format, err)?;
        summary.count(outcome);
    }
    out.flush().map_err(Error::Write)?;
    summary.report(err);
    summary.verdict()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(custom_id: &str, content: &str) -> String {
        let body = json!({"model": "gpt-4o-mini-2024-07-18", "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ], "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5,
                     "prompt_tokens_details": {"audio_tokens": 0}}});
        json!({"id": "batch_req", "custom_id": custom_id, "error": null,
               "response": {"status_code": 200, "request_id": "req_1", "body": body}})
        .to_string()
    }

    #[test]
    fn result_lines_are_read_as_the_batch_api_writes_them_and_tolerantly() {
        let file = [
            r#"{"custom_id": "a", "response": {"status_code": 200, "request_id": "req_1", "body": {"x": 1}}, "error": null}"#,
            r#"{"custom_id": 7, "response": null, "error": {"code": "batch_expired", "message": "no time"}}"#,
            "  ",
            r#""not an object""#,
            r#"{"custom_id": null, "response": {"status_code": "200", "request_id": 5}}"#,
        ]
        .join("\n");
        let read: Vec<OutputLine> = lines(file.as_bytes(), BadLine::Result).unwrap();
        assert_eq!(
            read,
            [
                OutputLine {
                    custom_id: Some("a".into()),
                    error: None,
                    response: Response {
                        status_code: Some(200),
                        request_id: Some("req_1".into()),
                        body: json!({"x": 1}),
                    },
                },
                OutputLine {
                    custom_id: Some("7".into()),
                    error: Some(json!({"code": "batch_expired", "message": "no time"})),
                    response: Response::default(),
                },
                OutputLine::default(),
                OutputLine {
                    custom_id: Some("null".into()),
                    ..OutputLine::default()
                },
            ]
        );
        let broken = lines::<InputLine>(b"{}\n{\n", BadLine::Input);
        assert_eq!(
            broken.unwrap_err().to_string(),
            "the batch input file is not JSON Lines (EOF while parsing an object at line 1 column 1)"
        );
    }

    #[test]
    fn outcomes_follow_the_input_order_whatever_each_request_got() {
        let input = ["a", "b", "c", "d"]
            .map(|id| format!(r#"{{"custom_id":"{id}","method":"POST","url":"/v1/chat/completions","body":{{}}}}"#))
            .join("\n");
        let output = [answer("c", "re: c"), answer("a", "re: a")].join("\n");
        let refused = json!({"custom_id": "b", "error": null, "response": {
            "status_code": 400, "request_id": "req_b",
            "body": {"error": {"message": "not allowed", "type": "invalid_request_error"}}}});
        let outcomes = outcomes(
            &Config::for_test(&[]),
            input.as_bytes(),
            output.as_bytes(),
            refused.to_string().as_bytes(),
        )
        .unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let verdict = write_results(&outcomes, true, false, &mut out, &mut err);
        let usage = r#"{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5,"prompt_tokens_details":{"audio_tokens":0}}"#;
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "{{\"id\":\"a\",\"index\":0,\"content\":\"re: a\",\"usage\":{usage},\"error\":null}}\n\
                 {{\"id\":\"b\",\"index\":1,\"content\":null,\"usage\":null,\"error\":\"{}\"}}\n\
                 {{\"id\":\"c\",\"index\":2,\"content\":\"re: c\",\"usage\":{usage},\"error\":null}}\n\
                 {{\"id\":\"d\",\"index\":3,\"content\":null,\"usage\":null,\"error\":\"{}\"}}\n",
                "HTTP 400 Bad Request: not allowed (type invalid_request_error) (request id req_b)",
                "no result in the batch's output or error file"
            )
        );
        assert_eq!(
            verdict.unwrap_err().to_string(),
            "2 of 4 inputs failed (their lines say why)"
        );
        let err = String::from_utf8(err).unwrap();
        let (summary, _seconds) = err.rsplit_once(" in ").expect("a summary line");
        // Tokens are the typed usage's totals: 5 for each of the two answers.
        assert_eq!(
            summary,
            "oaichat: 2 done, 2 failed, 10 tokens, cost ≈ $0.000003"
        );
    }

    #[test]
    fn a_responses_result_is_read_as_the_chat_answer_it_maps_to() {
        let body = json!({"object": "response", "status": "completed", "model": "o3-pro",
            "output": [{"type": "message", "role": "assistant",
                        "content": [{"type": "output_text", "text": "re: a"}]}],
            "usage": {"input_tokens": 3, "output_tokens": 2, "total_tokens": 5}});
        let line = |body: Value| OutputLine {
            response: Response {
                status_code: Some(200),
                request_id: None,
                body,
            },
            ..OutputLine::default()
        };
        let config = Config::for_test(&[]);
        let answered = line_result(&config, line(body.clone())).ok().unwrap();
        assert_eq!(
            (answered.content.as_deref(), answered.model.as_str()),
            (Some("re: a"), "o3-pro")
        );
        assert_eq!(
            answered.usage_as_sent,
            Some(json!({"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}))
        );
        assert_eq!(answered.response, body);
        let mut failed = body;
        failed["status"] = json!("failed");
        failed["error"] = json!({"code": "server_error", "message": "Broke."});
        let failure = line_result(&config, line(failed)).err().unwrap();
        assert_eq!(
            failure.to_string(),
            "the response failed: Broke. (code server_error)"
        );
    }

    #[test]
    fn a_request_the_batch_did_not_run_fails_with_its_reason() {
        let line = OutputLine {
            error: Some(
                json!({"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}),
            ),
            ..OutputLine::default()
        };
        let failure = line_result(&Config::for_test(&[]), line).err().unwrap();
        assert_eq!(
            failure.to_string(),
            "This request could not be executed before the completion window expired. (code \
             batch_expired)"
        );
    }
}
