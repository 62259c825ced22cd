//! The exact request the server gets: URL, headers and body for every flag.

use serde_json::json;

use crate::support::*;

fn body_for(args: &[&str]) -> serde_json::Value {
    // "{}" is a fine answer in text mode and valid for --json.
    let server = Server::start(vec![answer("{}")]);
    Cmd::at(&server).args(args).run().success();
    server.request().json()
}

#[test]
fn minimal_body_has_only_model_and_messages() {
    assert_eq!(
        body_for(&["hi"]),
        json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]})
    );
}

#[test]
fn every_request_flag_lands_in_the_body() {
    let body = body_for(&[
        "-m",
        "gpt-4.1-nano",
        "-s",
        "요약해",
        "-t",
        "0.2",
        "--top-p",
        "0.5",
        "--max-tokens",
        "64",
        "-n",
        "1",
        "--stop",
        "\n\n",
        "--stop",
        "END",
        "--seed",
        "42",
        "--frequency-penalty",
        "-0.5",
        "--presence-penalty",
        "1",
        "question",
    ]);
    assert_eq!(
        body,
        json!({
            "model": "gpt-4.1-nano",
            "messages": [
                {"role": "system", "content": "요약해"},
                {"role": "user", "content": "question"}
            ],
            "temperature": 0.2, "top_p": 0.5, "max_tokens": 64, "n": 1,
            "stop": ["\n\n", "END"], "seed": 42,
            "frequency_penalty": -0.5, "presence_penalty": 1.0
        })
    );
}

#[test]
fn system_file_is_the_system_message() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::at(&server);
    let path = cmd.file("system.txt", "You are terse.\n");
    cmd.args(["--system-file".as_ref(), path.as_os_str(), "hi".as_ref()])
        .run()
        .success();
    assert_eq!(
        server.request().json()["messages"][0],
        json!({"role": "system", "content": "You are terse."})
    );
}

#[test]
fn json_without_the_word_adds_a_system_instruction() {
    let server = Server::start(vec![answer(r#"{"colors":["red","green","blue"]}"#)]);
    Cmd::at(&server)
        .args(["--json", "list 3 colors"])
        .run()
        .success()
        .stdout("{\"colors\":[\"red\",\"green\",\"blue\"]}\n");
    assert_eq!(
        server.request().json(),
        json!({
            "model": "gpt-4o-mini",
            "messages": [
                {"role": "system", "content": "Respond with a single valid JSON object."},
                {"role": "user", "content": "list 3 colors"}
            ],
            "response_format": {"type": "json_object"}
        })
    );
}

#[test]
fn json_with_the_word_sends_the_messages_unchanged() {
    assert_eq!(
        body_for(&["--json", "3 Asian capitals with population as JSON"]),
        json!({
            "model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": "3 Asian capitals with population as JSON"}],
            "response_format": {"type": "json_object"}
        })
    );
}

#[test]
fn headers_carry_key_agent_type_org_and_project() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server)
        .env("OPENAI_ORG_ID", "org-123")
        .env("OPENAI_PROJECT_ID", "proj_456")
        .args(["hi"])
        .run()
        .success();
    let request = server.request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/v1/chat/completions");
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("oaichat/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(request.header("openai-organization"), Some("org-123"));
    assert_eq!(request.header("openai-project"), Some("proj_456"));
}

#[test]
fn org_and_project_headers_are_absent_when_unset() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server).args(["hi"]).run().success();
    let request = server.request();
    assert_eq!(request.header("openai-organization"), None);
    assert_eq!(request.header("openai-project"), None);
}

#[test]
fn stream_flag_sets_stream_true() {
    let server = Server::start(vec![sse(&[delta("x"), DONE.into()])]);
    Cmd::at(&server).args(["--stream", "hi"]).run().success();
    assert_eq!(server.request().json()["stream"], json!(true));
}

#[test]
fn user_and_assistant_turns_come_before_the_prompt_in_order() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server)
        .args(["-s", "be brief", "--user", "2020 월드시리즈 우승팀은?"])
        .args(["--assistant", "LA 다저스입니다.", "그 팀의 감독은?"])
        .run()
        .success();
    assert_eq!(
        server.request().json()["messages"],
        json!([
            {"role": "system", "content": "be brief"},
            {"role": "user", "content": "2020 월드시리즈 우승팀은?"},
            {"role": "assistant", "content": "LA 다저스입니다."},
            {"role": "user", "content": "그 팀의 감독은?"}
        ])
    );
}
