//! `oaichat batch` against a local server that implements the files and batches endpoints
//! as the OpenAPI spec describes them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::support::*;

#[derive(Default)]
struct State {
    files: HashMap<String, Vec<u8>>,
    purposes: Vec<String>,
    batches: HashMap<String, (Value, usize)>,
}

/// The value of a multipart field in a request body.
fn multipart_field(body: &[u8], name: &str) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(body);
    let start = text.find(&format!("name=\"{name}\""))?;
    let content = start + text[start..].find("\r\n\r\n")? + 4;
    let end = content + text[content..].find("\r\n--")?;
    Some(text[content..end].as_bytes().to_vec())
}

fn last_user_text(body: &Value) -> String {
    body["messages"]
        .as_array()
        .and_then(|m| m.last())
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// Creates the output and error files for a batch and returns its final state.
fn finish(state: &mut State, id: &str, input_file: &str) -> Value {
    let input = state.files.get(input_file).cloned().unwrap_or_default();
    let (mut output, mut errors) = (Vec::new(), Vec::new());
    let mut failed_batch = None;
    for (i, line) in String::from_utf8_lossy(&input).lines().enumerate() {
        let request: Value = serde_json::from_str(line).unwrap();
        let question = last_user_text(&request["body"]);
        if question.contains("BATCH_FAIL") {
            failed_batch = Some(
                json!({"code": "invalid_request", "message": "this line cannot run", "param": null, "line": i + 1}),
            );
        }
        let record = if question.contains("fail") {
            json!({"id": format!("batch_req_{i}"), "custom_id": request["custom_id"], "error": null,
                   "response": {"status_code": 400, "request_id": format!("req_{i}"),
                                "body": {"error": {"message": "not allowed", "type": "invalid_request_error", "param": null, "code": null}}}})
        } else {
            let mut body = completion(&[&format!("re: {question}")]);
            body["model"] = request["body"]["model"].clone();
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

fn batch_server() -> (Server, Arc<Mutex<State>>) {
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Arc::clone(&state);
    let server = Server::handle(move |request| {
        let mut state = shared.lock().unwrap();
        let path = request.path.as_str();
        match (request.method.as_str(), path) {
            ("POST", "/v1/files") => {
                let file = multipart_field(&request.body, "file").unwrap_or_default();
                let purpose = String::from_utf8(
                    multipart_field(&request.body, "purpose").unwrap_or_default(),
                )
                .unwrap();
                state.purposes.push(purpose.clone());
                let id = format!("file-{}", state.files.len() + 1);
                let bytes = file.len();
                state.files.insert(id.clone(), file);
                Reply::json(
                    200,
                    &json!({"id": id, "object": "file", "bytes": bytes, "created_at": 1,
                                         "filename": "batch.jsonl", "purpose": purpose}),
                )
            }
            ("POST", "/v1/batches") => {
                let body = request.json();
                assert_eq!(body["endpoint"], "/v1/chat/completions");
                assert_eq!(body["completion_window"], "24h");
                let id = format!("batch_{}", state.batches.len() + 1);
                let batch = json!({"id": id, "object": "batch", "endpoint": "/v1/chat/completions",
                    "input_file_id": body["input_file_id"], "completion_window": "24h", "status": "validating",
                    "output_file_id": null, "error_file_id": null, "created_at": 1,
                    "request_counts": {"total": 0, "completed": 0, "failed": 0}});
                state.batches.insert(id, (batch.clone(), 0));
                Reply::json(200, &batch)
            }
            ("GET", "/v1/batches?limit=100") => {
                let mut data: Vec<Value> = state.batches.values().map(|(b, _)| b.clone()).collect();
                data.sort_by_key(|b| b["id"].to_string());
                Reply::json(
                    200,
                    &json!({"object": "list", "data": data, "has_more": false}),
                )
            }
            ("GET", _) if path.starts_with("/v1/files/") && path.ends_with("/content") => {
                let id = path
                    .trim_start_matches("/v1/files/")
                    .trim_end_matches("/content");
                match state.files.get(id) {
                    Some(bytes) => Reply::body(200, "application/octet-stream", bytes.clone()),
                    None => Reply::json(
                        404,
                        &json!({"error": {"message": "no such file", "type": "invalid_request_error"}}),
                    ),
                }
            }
            ("POST", _) if path.ends_with("/cancel") => {
                let id = path
                    .trim_start_matches("/v1/batches/")
                    .trim_end_matches("/cancel")
                    .to_string();
                let entry = state.batches.get_mut(&id).unwrap();
                entry.0["status"] = json!("cancelling");
                Reply::json(200, &entry.0.clone())
            }
            ("GET", _) if path.starts_with("/v1/batches/") => {
                let id = path.trim_start_matches("/v1/batches/").to_string();
                let Some((batch, polls)) = state.batches.get(&id).cloned() else {
                    return Reply::json(
                        404,
                        &json!({"error": {"message": "No batch found", "type": "invalid_request_error"}}),
                    );
                };
                let mut batch = batch;
                if polls == 0 {
                    batch["status"] = json!("in_progress");
                } else if batch["status"] == "cancelling" {
                    // Cancelled with what it had done: the results so far.
                    let input = batch["input_file_id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    let done = finish(&mut state, &id, &input);
                    batch["output_file_id"] = done["output_file_id"].clone();
                    batch["status"] = json!("cancelled");
                } else if !["completed", "failed", "cancelled"]
                    .contains(&batch["status"].as_str().unwrap_or_default())
                {
                    let input = batch["input_file_id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string();
                    let done = finish(&mut state, &id, &input);
                    for (k, v) in done.as_object().unwrap() {
                        batch[k] = v.clone();
                    }
                }
                state.batches.insert(id, (batch.clone(), polls + 1));
                Reply::json(200, &batch)
            }
            _ => Reply::json(
                404,
                &json!({"error": {"message": format!("no route {path}")}}),
            ),
        }
    });
    (server, state)
}

fn create(server: &Server, input: &str, extra: &[&str]) -> String {
    let cmd = Cmd::at(server);
    let path = cmd.file("input.jsonl", input);
    let assert = cmd
        .args(["batch", "create", path.to_str().unwrap()])
        .args(extra)
        .run()
        .success();
    stdout(&assert).trim().to_string()
}

#[test]
fn create_uploads_a_batch_input_file_and_prints_the_id() {
    let (server, state) = batch_server();
    let input = "{\"id\":\"a\",\"prompt\":\"first\",\"temperature\":0.5}\n\n{\"messages\":[{\"role\":\"user\",\"content\":\"second\"}]}\n";
    let id = create(&server, input, &["-m", "gpt-4.1-mini", "-s", "be brief"]);
    assert_eq!(id, "batch_1");
    let state = state.lock().unwrap();
    assert_eq!(state.purposes, ["batch"]);
    let file: Vec<Value> = String::from_utf8_lossy(&state.files["file-1"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        file,
        [
            json!({"custom_id": "a", "method": "POST", "url": "/v1/chat/completions",
                   "body": {"model": "gpt-4.1-mini", "temperature": 0.5,
                            "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "first"}]}}),
            json!({"custom_id": "1", "method": "POST", "url": "/v1/chat/completions",
                   "body": {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "second"}]}}),
        ]
    );
    let auth = server.requests()[0]
        .header("authorization")
        .map(str::to_string);
    assert_eq!(auth, Some(format!("Bearer {KEY}")));
}

#[test]
fn each_lines_become_prompts() {
    let (server, state) = batch_server();
    create(&server, "one\ntwo\n", &["--each"]);
    let state = state.lock().unwrap();
    let text = String::from_utf8_lossy(&state.files["file-1"]).into_owned();
    let ids: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["custom_id"].clone())
        .collect();
    assert_eq!(ids, [json!("0"), json!("1")]);
}

#[test]
fn invalid_input_is_refused_with_its_line_before_any_upload() {
    let (server, _) = batch_server();
    let many: String = (0..50_001).map(|i| format!("q{i}\n")).collect();
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "{\"id\":1,\"prompt\":\"a\"}\n{\"id\":\"1\",\"prompt\":\"b\"}\n",
            &[],
            "line 2: id \"1\" repeats line 1",
        ),
        ("{\"prompt\":\"a\"}\nnot json\n", &[], "line 2: not JSON"),
        ("{\"nothing\":1}\n", &[], "line 1: needs \"prompt\""),
        ("\n\n", &[], "has no requests"),
        (&many, &["--each"], "more than 50000 requests"),
    ];
    for (input, extra, words) in cases {
        let cmd = Cmd::at(&server);
        let path = cmd.file("input.jsonl", input);
        let assert = cmd
            .args(["batch", "create", path.to_str().unwrap()])
            .args(*extra)
            .run()
            .code(2);
        assert!(
            stderr(&assert).contains(words),
            "{words}: {}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn wait_polls_until_done_and_results_come_in_input_order() {
    let (server, _) = batch_server();
    let id = create(
        &server,
        "{\"prompt\":\"one\"}\n{\"prompt\":\"please fail\"}\n{\"prompt\":\"three\"}\n",
        &[],
    );
    let assert = Cmd::at(&server)
        .args(["batch", "wait", &id, "--poll", "0.05"])
        .run()
        .success();
    assert_eq!(
        stdout(&assert),
        "batch_1 completed: 2 of 3 done, 1 failed\n"
    );
    let err = stderr(&assert);
    assert!(
        err.contains("batch_1 in_progress") && err.contains("batch_1 completed"),
        "{err}"
    );

    let assert = Cmd::at(&server)
        .args(["batch", "results", &id])
        .run()
        .code(5);
    let records: Vec<Value> = stdout(&assert)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let contents: Vec<Value> = records.iter().map(|r| r["content"].clone()).collect();
    assert_eq!(
        contents,
        [json!("re: one"), Value::Null, json!("re: three")]
    );
    assert_eq!(records[0]["id"], "0");
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .contains("HTTP 400 Bad Request: not allowed"),
        "{}",
        records[1]
    );

    let assert = Cmd::at(&server)
        .args(["batch", "results", &id, "--each"])
        .run()
        .code(5);
    assert_eq!(stdout(&assert), "re: one\n\nre: three\n");
}

#[test]
fn a_failed_batch_ends_wait_with_its_errors() {
    let (server, _) = batch_server();
    let id = create(&server, "{\"prompt\":\"BATCH_FAIL\"}\n", &[]);
    let assert = Cmd::at(&server)
        .args(["batch", "wait", &id, "--poll", "0.05"])
        .run()
        .code(12);
    let err = stderr(&assert);
    assert!(
        err.contains("the batch ended batch_1 failed")
            && err.contains("line 1: this line cannot run"),
        "{err}"
    );
    let assert = Cmd::at(&server)
        .args(["batch", "results", &id])
        .run()
        .code(12);
    assert!(stderr(&assert).contains("failed"), "{}", stderr(&assert));
}

/// A batch still running has no results yet: its own message and exit code, not the
/// server-error code of a batch that "ended".
#[test]
fn results_before_the_batch_finishes_say_not_finished_yet() {
    let (server, _) = batch_server();
    let id = create(&server, "{\"prompt\":\"x\"}\n", &[]);
    let assert = Cmd::at(&server)
        .args(["batch", "results", &id])
        .run()
        .code(11);
    let err = stderr(&assert);
    assert!(
        err.contains("batch_1 in_progress") && err.contains("not finished yet"),
        "{err}"
    );
    assert!(!err.contains("ended"), "{err}");
}

#[test]
fn a_cancelled_batch_gives_the_results_it_has_then_exit_12() {
    let (server, _) = batch_server();
    let id = create(&server, "{\"prompt\":\"one\"}\n", &[]);
    Cmd::at(&server)
        .args(["batch", "status", &id])
        .run()
        .success();
    Cmd::at(&server)
        .args(["batch", "cancel", &id])
        .run()
        .success();
    let assert = Cmd::at(&server)
        .args(["batch", "results", &id, "--each"])
        .run()
        .code(12);
    assert_eq!(stdout(&assert), "re: one\n");
    assert!(
        stderr(&assert).contains("the batch ended batch_1 cancelled"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn status_cancel_and_list() {
    let (server, _) = batch_server();
    let id = create(&server, "{\"prompt\":\"x\"}\n", &[]);
    Cmd::at(&server)
        .args(["batch", "status", &id])
        .run()
        .success()
        .stdout("batch_1 in_progress: 0 of 0 done, 0 failed\n");
    let assert = Cmd::at(&server)
        .args(["batch", "status", &id, "--raw"])
        .run()
        .success();
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&assert)).unwrap()["object"],
        "batch"
    );
    // The mock finished the batch on the second look; cancelling still reports.
    Cmd::at(&server)
        .args(["batch", "cancel", &id])
        .run()
        .success()
        .stdout("batch_1 cancelling: 1 of 1 done, 0 failed\n");
    Cmd::at(&server)
        .args(["batch", "list"])
        .run()
        .success()
        .stdout("batch_1 cancelling: 1 of 1 done, 0 failed\n");
    let assert = Cmd::at(&server)
        .args(["batch", "status", "batch_9", "--max-retries", "0"])
        .run()
        .code(5);
    let err = stderr(&assert);
    assert!(
        err.contains("No batch found") && err.contains("check the batch id"),
        "{err}"
    );
    assert!(!err.contains("--model"), "the hint fits the command: {err}");
}

/// The server has done the work once it answers: an upload or a batch creation whose
/// answer is cut off is not asked again (that would upload, or pay for, it twice).
#[test]
fn an_upload_whose_answer_is_cut_off_is_not_sent_again() {
    let uploaded = json!({"id": "file-1", "object": "file", "purpose": "batch"}).to_string();
    let server = Server::start(vec![Reply::cut_short(200, &uploaded), answer("never")]);
    let cmd = Cmd::at(&server);
    let path = cmd.file("input.jsonl", "{\"prompt\":\"x\"}\n");
    let assert = cmd
        .args(["batch", "create", path.to_str().unwrap()])
        .run()
        .code(8);
    assert!(stderr(&assert).contains("cut off"), "{}", stderr(&assert));
    assert_eq!(server.requests().len(), 1);
}
