//! The files and batches server against the spec: what `oaichat batch create` sends it (a
//! `CreateBatchRequest`, and chat requests in the uploaded file), and each object it
//! answers with through a batch's life (`OpenAIFile`, `Batch`, `ListBatchesResponse`, the
//! output file's response bodies, `ErrorResponse`).

use std::time::Instant;

use serde_json::Value;

use crate::batch::server::{State, batch_server, route};
use crate::support::spec::assert_conforms;
use crate::support::*;

/// A request as the server would have recorded it, to put to its router directly.
fn request(method: &str, path: &str) -> Recorded {
    Recorded {
        method: method.into(),
        path: path.into(),
        headers: Vec::new(),
        body: Vec::new(),
        at: Instant::now(),
    }
}

/// The router's JSON answer to `request`.
fn answer_to(state: &std::sync::Mutex<State>, request: &Recorded) -> Value {
    let reply = route(&mut state.lock().expect("the state lock"), request);
    let Some(Step::Write(body)) = reply.steps.first() else {
        panic!("a whole reply to {}", request.path)
    };
    serde_json::from_slice(body).expect("a JSON answer")
}

fn lines_of(bytes: &[u8]) -> Vec<Value> {
    let text = String::from_utf8_lossy(bytes);
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"));
    lines.collect()
}

/// Creates a batch of three with the binary (one request fails), and returns the server,
/// its state and the batch id.
fn created() -> (Server, std::sync::Arc<std::sync::Mutex<State>>) {
    let (server, state) = batch_server();
    let cmd = Cmd::at(&server);
    let input = "{\"prompt\":\"one\"}\n{\"prompt\":\"please fail\",\"temperature\":0.2}\n";
    let path = cmd.file("input.jsonl", format!("{input}{{\"prompt\":\"three\"}}\n"));
    let path = path.to_str().expect("a UTF-8 path");
    let args = [
        "batch",
        "create",
        path,
        "-m",
        "gpt-4.1-mini",
        "-s",
        "be brief",
    ];
    cmd.args(args).run().success().stdout("batch_1\n");
    (server, state)
}

#[test]
fn what_batch_create_sends() {
    let (server, state) = created();
    let requests = server.requests();
    let create = requests.iter().find(|r| r.path == "/v1/batches");
    let create = create.expect("a POST /v1/batches").json();
    assert_conforms(&create, "CreateBatchRequest", "POST /v1/batches");
    let state = state.lock().expect("the state lock");
    for line in lines_of(&state.files["file-1"]) {
        let what = format!("the body of the input line {line}");
        assert_conforms(&line["body"], "CreateChatCompletionRequest", &what);
    }
}

#[test]
fn the_objects_of_a_batch_s_life() {
    let (server, state) = created();
    for recorded in server.requests() {
        let schema = match recorded.path.as_str() {
            "/v1/files" => "OpenAIFile",
            _ => "Batch",
        };
        let what = format!("the answer to {} {}", recorded.method, recorded.path);
        assert_conforms(&answer_to(&state, &recorded), schema, &what);
    }
    let poll = request("GET", "/v1/batches/batch_1");
    let in_progress = answer_to(&state, &poll);
    assert_eq!(in_progress["status"], "in_progress");
    let done = answer_to(&state, &poll);
    assert_eq!(done["status"], "completed");
    for (what, batch) in [("in progress", &in_progress), ("completed", &done)] {
        assert_conforms(batch, "Batch", &format!("the batch {what}"));
    }
    let list = answer_to(&state, &request("GET", "/v1/batches?limit=100"));
    assert_conforms(&list, "ListBatchesResponse", "the list of batches");
    let cancel = answer_to(&state, &request("POST", "/v1/batches/batch_1/cancel"));
    assert_conforms(&cancel, "Batch", "the cancelled batch");
    let missing = answer_to(&state, &request("GET", "/v1/batches/batch_9"));
    assert_conforms(
        &missing,
        "ErrorResponse",
        "the answer for a batch that is not there",
    );
    let missing = answer_to(&state, &request("GET", "/v1/files/file-9/content"));
    assert_conforms(
        &missing,
        "ErrorResponse",
        "the answer for a file that is not there",
    );
}

#[test]
fn the_output_and_error_files_carry_chat_answers_and_errors() {
    let (_server, state) = created();
    let poll = request("GET", "/v1/batches/batch_1");
    answer_to(&state, &poll);
    let done = answer_to(&state, &poll);
    let state = state.lock().expect("the state lock");
    let files = ["output_file_id", "error_file_id"].map(|k| done[k].as_str().unwrap_or_default());
    for (file, schema) in files
        .into_iter()
        .zip(["CreateChatCompletionResponse", "ErrorResponse"])
    {
        for record in lines_of(&state.files[file]) {
            let what = format!("a record of {file}: {record}");
            assert_conforms(&record["response"]["body"], schema, &what);
        }
    }
}

#[test]
fn a_failed_batch_names_its_errors() {
    let (server, state) = batch_server();
    let cmd = Cmd::at(&server);
    let path = cmd.file("input.jsonl", "{\"prompt\":\"BATCH_FAIL\"}\n");
    let path = path.to_str().expect("a UTF-8 path");
    cmd.args(["batch", "create", path]).run().success();
    let poll = request("GET", "/v1/batches/batch_1");
    answer_to(&state, &poll);
    let failed = answer_to(&state, &poll);
    assert_eq!(failed["status"], "failed");
    assert_conforms(&failed, "Batch", "the failed batch");
}
