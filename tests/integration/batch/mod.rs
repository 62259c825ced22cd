//! `oaichat batch` against a local server that implements the files and batches endpoints
//! as the OpenAPI spec describes them (server.rs).

mod responses;
pub(crate) mod server;
mod wait;

use serde_json::{Value, json};

use crate::support::*;
use server::batch_server;

pub fn create(server: &Server, input: &str, extra: &[&str]) -> String {
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
        (
            "{\"prompt\":\"a\"}\n",
            &["-m", "o3-pro", "--seed", "1"],
            "--seed has no equivalent in the Responses API",
        ),
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

#[test]
fn create_applies_the_role_to_every_line_and_a_records_own_role_to_its_line() {
    let (server, state) = batch_server();
    let cmd = Cmd::at(&server);
    let roles = cmd.dir.path().join("home/.config/oaichat/roles");
    std::fs::create_dir_all(&roles).unwrap();
    let ko = "+++\nmodel = \"gpt-4.1\"\n+++\nTranslate into Korean.\n";
    std::fs::write(roles.join("ko.md"), ko).unwrap();
    std::fs::write(roles.join("terse.md"), "+++\nseed = 7\n+++\nOne word.\n").unwrap();
    let home = cmd.dir.path().join("home");
    let input = cmd.file(
        "input.jsonl",
        "{\"prompt\":\"one\"}\n{\"prompt\":\"two\",\"role\":\"terse\"}\n",
    );
    cmd.env("HOME", home.to_str().unwrap())
        .args(["batch", "create", input.to_str().unwrap(), "-r", "ko"])
        .run()
        .success();
    let state = state.lock().unwrap();
    let bodies: Vec<Value> = String::from_utf8_lossy(&state.files["file-1"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["body"].clone())
        .collect();
    let user = |text: &str| json!({"role": "user", "content": text});
    assert_eq!(
        bodies,
        [
            json!({"model": "gpt-4.1", "messages": [
                {"role": "system", "content": "Translate into Korean."}, user("one")]}),
            json!({"model": "gpt-4.1", "seed": 7, "messages": [
                {"role": "system", "content": "One word."}, user("two")]}),
        ]
    );
}

#[test]
fn create_sends_the_o_fields_in_every_lines_body() {
    let (server, state) = batch_server();
    let input = "{\"prompt\":\"one\"}\n{\"messages\":[{\"role\":\"user\",\"content\":\"two\"}],\"top_k\":1}\n";
    create(
        &server,
        input,
        &["-o", "top_k=5", "-o", "service_tier=flex"],
    );
    let state = state.lock().unwrap();
    let bodies: Vec<Value> = String::from_utf8_lossy(&state.files["file-1"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["body"].clone())
        .collect();
    assert_eq!(
        (bodies[0]["top_k"].clone(), bodies[1]["top_k"].clone()),
        (json!(5), json!(1))
    );
    assert!(
        bodies.iter().all(|b| b["service_tier"] == "flex"),
        "{bodies:?}"
    );
}
