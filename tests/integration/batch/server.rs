//! A local server that implements the files and batches endpoints as the OpenAPI spec
//! describes them: uploads are kept, a batch is in progress at its first poll and done at
//! the next (or, when a test asks, a request further at each of a few polls in between),
//! and its results come back in reverse order (oaichat must restore it). A batch's endpoint
//! is `/v1/chat/completions` or `/v1/responses` (`CreateBatchRequest.endpoint`); its
//! answers are chat completions or `Response` objects to match, and a line whose `url` is
//! not the batch's endpoint fails the batch, as the Batch API's validation does.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::support::*;

#[derive(Default)]
pub struct State {
    pub files: HashMap<String, Vec<u8>>,
    pub purposes: Vec<String>,
    /// Polls that find a batch in progress with its total known, one request further at
    /// each, before the one that finds it done (0: in progress, 0 of 0, then done).
    pub counted_polls: usize,
    /// Each created batch's endpoint, in order.
    pub endpoints: Vec<String>,
    batches: HashMap<String, (Value, usize)>,
}

const CHAT: &str = "/v1/chat/completions";
const RESPONSES: &str = "/v1/responses";

/// The value of a multipart field in a request body.
fn multipart_field(body: &[u8], name: &str) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(body);
    let start = text.find(&format!("name=\"{name}\""))?;
    let content = start + text[start..].find("\r\n\r\n")? + 4;
    let end = content + text[content..].find("\r\n--")?;
    Some(text[content..end].as_bytes().to_vec())
}

/// The last user text of a request line's body: a chat request's last message, or a
/// Responses request's last input item.
fn last_user_text(line: &Value) -> String {
    let body = &line["body"];
    let list = match line["url"].as_str() {
        Some(RESPONSES) => &body["input"],
        _ => &body["messages"],
    };
    list.as_array()
        .and_then(|m| m.last())
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// The answer to a request line: a chat completion, or a `Response` for a Responses line.
fn answer_body(line: &Value, text: &str) -> Value {
    let mut body = match line["url"].as_str() {
        Some(RESPONSES) => response_body(text),
        _ => completion(&[text]),
    };
    body["model"] = line["body"]["model"].clone();
    body
}

/// Creates the output and error files for a batch and returns its final state.
fn finish(state: &mut State, id: &str, batch: &Value) -> Value {
    let input = state
        .files
        .get(&input_file(batch))
        .cloned()
        .unwrap_or_default();
    let (mut output, mut errors) = (Vec::new(), Vec::new());
    let mut failed_batch = None;
    for (i, line) in String::from_utf8_lossy(&input).lines().enumerate() {
        let request: Value = serde_json::from_str(line).unwrap();
        let question = last_user_text(&request);
        if question.contains("BATCH_FAIL") {
            failed_batch = Some(
                json!({"code": "invalid_request", "message": "this line cannot run", "param": null, "line": i + 1}),
            );
        }
        if request["url"] != batch["endpoint"] {
            failed_batch = Some(
                json!({"code": "mismatched_endpoint", "message": "the url of the request does not match the batch's endpoint", "param": "url", "line": i + 1}),
            );
        }
        let record = if question.contains("fail") {
            json!({"id": format!("batch_req_{i}"), "custom_id": request["custom_id"], "error": null,
                   "response": {"status_code": 400, "request_id": format!("req_{i}"),
                                "body": {"error": {"message": "not allowed", "type": "invalid_request_error", "param": null, "code": null}}}})
        } else {
            let body = answer_body(&request, &format!("re: {question}"));
            json!({"id": format!("batch_req_{i}"), "custom_id": request["custom_id"], "error": null,
                   "response": {"status_code": 200, "request_id": format!("req_{i}"), "body": body}})
        };
        let target = if question.contains("fail") {
            &mut errors
        } else {
            &mut output
        };
        target.push(format!("{record}\n"));
    }
    // Results arrive in any order; oaichat must restore the input order.
    output.reverse();
    let total = output.len() + errors.len();
    if let Some(error) = failed_batch {
        return json!({"status": "failed", "errors": {"object": "list", "data": [error]},
                      "request_counts": {"total": total, "completed": 0, "failed": 0}});
    }
    let mut result = json!({"status": "completed",
        "request_counts": {"total": total, "completed": output.len(), "failed": errors.len()}});
    if !output.is_empty() {
        state
            .files
            .insert(format!("{id}-out"), output.concat().into_bytes());
        result["output_file_id"] = json!(format!("{id}-out"));
    }
    if !errors.is_empty() {
        state
            .files
            .insert(format!("{id}-err"), errors.concat().into_bytes());
        result["error_file_id"] = json!(format!("{id}-err"));
    }
    result
}

pub fn batch_server() -> (Server, Arc<Mutex<State>>) {
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Arc::clone(&state);
    let server = Server::handle(move |request| route(&mut shared.lock().unwrap(), request));
    (server, state)
}

/// The answer to one request, by the state so far (the conformance tests call it directly).
pub fn route(state: &mut State, request: &Recorded) -> Reply {
    let path = request.path.as_str();
    match (request.method.as_str(), path) {
        ("POST", "/v1/files") => upload_file(state, request),
        ("POST", "/v1/batches") => create_batch(state, request),
        ("GET", "/v1/batches?limit=100") => list_batches(state),
        ("GET", _) if path.starts_with("/v1/files/") && path.ends_with("/content") => {
            let id = path
                .trim_start_matches("/v1/files/")
                .trim_end_matches("/content");
            file_content(state, id)
        }
        ("POST", _) if path.ends_with("/cancel") => {
            let id = path
                .trim_start_matches("/v1/batches/")
                .trim_end_matches("/cancel");
            cancel_batch(state, id)
        }
        ("GET", _) if path.starts_with("/v1/batches/") => {
            poll_batch(state, path.trim_start_matches("/v1/batches/"))
        }
        _ => Reply::json(
            404,
            &api_error(&format!("no route {path}"), "invalid_request_error", None),
        ),
    }
}

/// `POST /v1/files`: keeps the upload and its purpose.
fn upload_file(state: &mut State, request: &Recorded) -> Reply {
    let file = multipart_field(&request.body, "file").unwrap_or_default();
    let purpose =
        String::from_utf8(multipart_field(&request.body, "purpose").unwrap_or_default()).unwrap();
    state.purposes.push(purpose.clone());
    let id = format!("file-{}", state.files.len() + 1);
    let bytes = file.len();
    state.files.insert(id.clone(), file);
    Reply::json(
        200,
        &json!({"id": id, "object": "file", "bytes": bytes, "created_at": 1,
                "filename": "batch.jsonl", "purpose": purpose, "status": "processed"}),
    )
}

/// `POST /v1/batches`: a new batch, validating.
fn create_batch(state: &mut State, request: &Recorded) -> Reply {
    let body = request.json();
    let endpoint = body["endpoint"].as_str().unwrap_or_default().to_string();
    assert!([CHAT, RESPONSES].contains(&endpoint.as_str()), "{endpoint}");
    assert_eq!(body["completion_window"], "24h");
    state.endpoints.push(endpoint.clone());
    let id = format!("batch_{}", state.batches.len() + 1);
    let batch = json!({"id": id, "object": "batch", "endpoint": endpoint,
        "input_file_id": body["input_file_id"], "completion_window": "24h", "status": "validating",
        "created_at": 1,
        "request_counts": {"total": 0, "completed": 0, "failed": 0}});
    state.batches.insert(id, (batch.clone(), 0));
    Reply::json(200, &batch)
}

/// `GET /v1/batches?limit=100`: every batch, in one page.
fn list_batches(state: &State) -> Reply {
    let mut data: Vec<Value> = state.batches.values().map(|(b, _)| b.clone()).collect();
    data.sort_by_key(|b| b["id"].to_string());
    Reply::json(
        200,
        &json!({"object": "list", "data": data, "has_more": false}),
    )
}

/// `GET /v1/files/{id}/content`.
fn file_content(state: &State, id: &str) -> Reply {
    match state.files.get(id) {
        Some(bytes) => Reply::body(200, "application/octet-stream", bytes.clone()),
        None => Reply::json(
            404,
            &api_error("no such file", "invalid_request_error", None),
        ),
    }
}

/// `POST /v1/batches/{id}/cancel`: cancelling until the next poll.
fn cancel_batch(state: &mut State, id: &str) -> Reply {
    let entry = state.batches.get_mut(id).unwrap();
    entry.0["status"] = json!("cancelling");
    Reply::json(200, &entry.0.clone())
}

/// `GET /v1/batches/{id}`: in progress at the first poll (and the counted ones), finished
/// (or cancelled) at the next.
fn poll_batch(state: &mut State, id: &str) -> Reply {
    let Some((mut batch, polls)) = state.batches.get(id).cloned() else {
        return Reply::json(
            404,
            &api_error("No batch found", "invalid_request_error", None),
        );
    };
    if polls <= state.counted_polls {
        batch["status"] = json!("in_progress");
        if state.counted_polls > 0 {
            let file = state.files.get(&input_file(&batch));
            let total = file.map_or(0, |f| String::from_utf8_lossy(f).lines().count());
            batch["request_counts"] =
                json!({"total": total, "completed": polls.min(total), "failed": 0});
        }
    } else if batch["status"] == "cancelling" {
        // Cancelled with what it had done: the results so far.
        let done = finish(state, id, &batch);
        if let Some(output) = done.get("output_file_id") {
            batch["output_file_id"] = output.clone();
        }
        batch["status"] = json!("cancelled");
    } else if !["completed", "failed", "cancelled"]
        .contains(&batch["status"].as_str().unwrap_or_default())
    {
        let done = finish(state, id, &batch);
        for (k, v) in done.as_object().unwrap() {
            batch[k] = v.clone();
        }
    }
    state
        .batches
        .insert(id.to_string(), (batch.clone(), polls + 1));
    Reply::json(200, &batch)
}

fn input_file(batch: &Value) -> String {
    batch["input_file_id"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}
