//! `oaichat models`: the sorted list, `--raw`, a bad key, and `--` for a prompt that is
//! the word "models".

use serde_json::json;

use crate::support::*;

#[test]
fn models_lists_ids_sorted_with_the_key() {
    let list = json!({"object": "list", "data": [
        {"id": "gpt-4o-mini", "object": "model", "created": 1, "owned_by": "system"},
        {"id": "dall-e-3", "object": "model", "created": 1, "owned_by": "system"}]});
    let server = Server::start(vec![Reply::json(200, &list), Reply::json(200, &list)]);
    Cmd::at(&server)
        .args(["models"])
        .run()
        .success()
        .stdout("dall-e-3\ngpt-4o-mini\n");
    let request = server.requests()[0].clone();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/v1/models")
    );
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    let assert = Cmd::at(&server).args(["models", "--raw"]).run().success();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&assert)).unwrap(),
        list
    );
}

#[test]
fn models_with_a_bad_key_is_exit_3() {
    let body = json!({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}});
    let server = Server::start(vec![Reply::json(401, &body)]);
    let assert = Cmd::at(&server).args(["models"]).run().code(3);
    assert!(
        stderr(&assert).contains("Incorrect API key provided"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn double_dash_sends_the_word_models_as_a_prompt() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server).args(["--", "models"]).run().success();
    assert_eq!(server.request().json()["messages"][0]["content"], "models");
}
