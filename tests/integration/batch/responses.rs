//! Batches for the models served only by the Responses API: their lines go to
//! `/v1/responses` as `CreateResponse` bodies, the batch's endpoint is `/v1/responses`, and
//! their results print as a chat batch's do. A batch has one endpoint: an input that needs
//! both is refused before anything is uploaded.

use serde_json::{Value, json};

use super::create;
use super::server::batch_server;
use crate::support::*;

/// The uploaded input file's lines.
fn uploaded(state: &super::server::State) -> Vec<Value> {
    String::from_utf8_lossy(&state.files["file-1"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn create_for_o3_pro_uploads_responses_requests_for_the_responses_endpoint() {
    let (server, state) = batch_server();
    let input = "{\"id\":\"a\",\"prompt\":\"first\",\"max_tokens\":100}\n\n\
                 {\"messages\":[{\"role\":\"user\",\"content\":\"second\"}]}\n";
    create(&server, input, &["-m", "o3-pro", "-s", "be brief"]);
    let state = state.lock().unwrap();
    assert_eq!(state.endpoints, ["/v1/responses"]);
    let user = |text: &str| json!({"type": "message", "role": "user", "content": text});
    assert_eq!(
        uploaded(&state),
        [
            json!({"custom_id": "a", "method": "POST", "url": "/v1/responses",
                   "body": {"model": "o3-pro", "instructions": "be brief",
                            "input": [user("first")], "max_output_tokens": 100,
                            "store": false}}),
            json!({"custom_id": "1", "method": "POST", "url": "/v1/responses",
                   "body": {"model": "o3-pro", "input": [user("second")], "store": false}}),
        ]
    );
}

#[test]
fn a_batch_that_needs_both_endpoints_is_refused_before_uploading() {
    let (server, state) = batch_server();
    let cmd = Cmd::at(&server);
    let input = "{\"prompt\":\"a\"}\n{\"prompt\":\"b\",\"model\":\"o3-pro\"}\n";
    let path = cmd.file("input.jsonl", input);
    let assert = cmd.args(["batch", "create", path.to_str().unwrap()]);
    let assert = assert.run().code(2);
    let err = stderr(&assert);
    assert!(
        err.contains(
            "line 2: o3-pro is asked at /v1/responses, but line 1 (gpt-4o-mini) at \
             /v1/chat/completions, and a batch has one endpoint"
        ),
        "{err}"
    );
    assert!(err.contains("give --api responses"), "{err}");
    assert!(server.requests().is_empty());
    // The fix it names: every line to the Responses API.
    let fixed = Cmd::at(&server);
    let path = fixed.file("input.jsonl", input);
    let fixed = fixed.args(["batch", "create", path.to_str().unwrap()]);
    fixed
        .args(["--api", "responses"])
        .run()
        .success()
        .stdout("batch_1\n");
    let state = state.lock().unwrap();
    assert_eq!(state.endpoints, ["/v1/responses"]);
    let models: Vec<Value> = uploaded(&state)
        .iter()
        .map(|l| l["body"]["model"].clone())
        .collect();
    assert_eq!(models, [json!("gpt-4o-mini"), json!("o3-pro")]);
}

/// `batch results` of a batch run with `-m` and these inputs, as JSONL records and as
/// `--each` lines.
fn results(model: &str) -> (Vec<Value>, String) {
    let (server, _) = batch_server();
    let input = "{\"prompt\":\"one\"}\n{\"prompt\":\"please fail\"}\n{\"prompt\":\"three\"}\n";
    let id = create(&server, input, &["-m", model]);
    let wait = Cmd::at(&server).args(["batch", "wait", &id, "--poll", "0.05"]);
    wait.run().success();
    let assert = Cmd::at(&server)
        .args(["batch", "results", &id])
        .run()
        .code(5);
    let records = stdout(&assert)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let each = Cmd::at(&server).args(["batch", "results", &id, "--each"]);
    (records, stdout(&each.run().code(5)))
}

#[test]
fn a_responses_batchs_results_print_as_a_chat_batchs_do() {
    let (records, each) = results("o3-pro");
    let (chat_records, chat_each) = results("gpt-4o-mini");
    assert_eq!(each, chat_each);
    assert_eq!(each, "re: one\n\nre: three\n");
    // Record for record the same, but for the usage each server reported.
    let without_usage = |records: &[Value]| -> Vec<Value> {
        let mut records = records.to_vec();
        records.iter_mut().for_each(|r| r["usage"] = Value::Null);
        records
    };
    assert_eq!(without_usage(&records), without_usage(&chat_records));
    // The usage under the chat names, as every record's is.
    assert_eq!(
        records[0]["usage"],
        json!({"prompt_tokens": 36, "completion_tokens": 87, "total_tokens": 123,
               "prompt_tokens_details": {"cached_tokens": 0},
               "completion_tokens_details": {"reasoning_tokens": 64}})
    );
}
