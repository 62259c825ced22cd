//! Beyond one question (issue #4): turns, reasoning models, structured output, usage and
//! cost, and the model list.

use serde_json::json;

use crate::support::*;

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

#[test]
fn reasoning_models_get_max_completion_tokens_and_effort() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server)
        .args([
            "-m",
            "o4-mini",
            "--max-tokens",
            "300",
            "--reasoning-effort",
            "low",
            "hi",
        ])
        .run()
        .success();
    assert_eq!(
        server.request().json(),
        json!({
            "model": "o4-mini",
            "messages": [{"role": "user", "content": "hi"}],
            "max_completion_tokens": 300,
            "reasoning_effort": "low"
        })
    );
}

#[test]
fn reasoning_model_rules_are_checked_before_sending() {
    let server = Server::start(vec![]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["-m", "gpt-5", "-t", "0.3", "hi"],
            "only takes temperature 1",
        ),
        (
            &["-m", "o3", "--reasoning-effort", "minimal", "hi"],
            "gpt-5 family",
        ),
        (
            &["-m", "gpt-4o", "--reasoning-effort", "high", "hi"],
            "not a reasoning model",
        ),
        (
            &["--max-tokens", "5", "--max-completion-tokens", "5", "hi"],
            "--max-completion-tokens",
        ),
        (
            &["--reasoning-effort", "extreme", "hi"],
            "--reasoning-effort",
        ),
    ];
    for (args, words) in cases {
        let assert = Cmd::at(&server).args(*args).run().code(2);
        assert!(
            stderr(&assert).contains(words),
            "{args:?}: {}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn schema_from_a_file_is_sent_strict_and_the_answer_checked() {
    let server = Server::start(vec![
        answer(r#"{"capitals":["Seoul"]}"#),
        answer("not json"),
    ]);
    let schema = json!({"type": "object", "properties": {"capitals": {"type": "array", "items": {"type": "string"}}},
        "required": ["capitals"], "additionalProperties": false});
    let cmd = Cmd::at(&server);
    let path = cmd.file("capitals.json", schema.to_string());
    cmd.args([
        "--schema".as_ref(),
        path.as_os_str(),
        "one Asian capital".as_ref(),
    ])
    .run()
    .success()
    .stdout("{\"capitals\":[\"Seoul\"]}\n");
    assert_eq!(
        server.requests()[0].json()["response_format"],
        json!({"type": "json_schema", "json_schema": {"name": "capitals", "schema": schema, "strict": true}})
    );
    let assert = Cmd::at(&server)
        .args(["--schema", r#"{"type":"object"}"#, "hi"])
        .run()
        .code(8);
    assert!(
        stderr(&assert).contains("--schema: the answer is not valid JSON"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn schema_input_errors_are_exit_2() {
    let server = Server::start(vec![]);
    for (args, words) in [
        (["--schema", "{broken"], "not valid JSON"),
        (["--schema", "missing.json"], "missing.json"),
        (["--json", "--schema"], "cannot be used with"),
    ] {
        let assert = Cmd::at(&server)
            .args(args)
            .args([r#"{"type":"object"}"#])
            .run()
            .code(2);
        assert!(
            stderr(&assert).contains(words),
            "{args:?}: {}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn usage_prints_tokens_and_cost_on_stderr_only() {
    let mut body = completion(&["hi"]);
    body["model"] = json!("gpt-4o-mini-2024-07-18");
    body["usage"] = json!({"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
        "prompt_tokens_details": {"cached_tokens": 200}, "completion_tokens_details": {"reasoning_tokens": 0}});
    let server = Server::start(vec![Reply::json(200, &body)]);
    let assert = Cmd::at(&server)
        .args(["--usage", "hello"])
        .run()
        .success()
        .stdout("hi\n");
    let err = stderr(&assert);
    assert!(
        err.contains("usage: 1000 prompt + 500 completion = 1500 tokens (200 cached, 0 reasoning); cost ≈ $0.000435 (gpt-4o-mini-2024-07-18"),
        "{err}"
    );
}

#[test]
fn streamed_usage_asks_for_the_usage_chunk() {
    let usage = json!({"choices": [], "model": "gpt-4o", "usage": {"prompt_tokens": 4, "completion_tokens": 2, "total_tokens": 6}});
    let server = Server::start(vec![sse(&[
        delta("ok"),
        format!("data: {usage}\n\n"),
        DONE.into(),
    ])]);
    let assert = Cmd::at(&server)
        .args(["--stream", "--usage", "hi"])
        .run()
        .success()
        .stdout("ok\n");
    assert_eq!(
        server.request().json()["stream_options"],
        json!({"include_usage": true})
    );
    assert!(
        stderr(&assert).contains("usage: 4 prompt + 2 completion = 6 tokens"),
        "{}",
        stderr(&assert)
    );
}

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

#[test]
fn image_files_are_sent_as_data_urls_typed_by_their_bytes() {
    let server = Server::start(vec![answer("a cat")]);
    let cmd = Cmd::at(&server);
    // Names that lie about the format: the bytes decide.
    let files = [
        ("png.jpg", b"\x89PNG\r\n\x1a\nrest".to_vec(), "image/png"),
        ("jpeg.png", b"\xff\xd8\xff\xe0rest".to_vec(), "image/jpeg"),
        ("webp.bin", b"RIFF\x04\0\0\0WEBPVP8 ".to_vec(), "image/webp"),
        ("gif", b"GIF89a\x01\0".to_vec(), "image/gif"),
    ];
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    for (name, bytes, _) in &files {
        args.push("--image".into());
        args.push(cmd.file(name, bytes).into());
    }
    args.extend(["--image".into(), "https://example.test/cat.png".into()]);
    args.extend([
        "--image-detail".into(),
        "high".into(),
        "what is this?".into(),
    ]);
    cmd.args(args).run().success().stdout("a cat\n");

    use base64::Engine;
    let mut expected = vec![json!({"type": "text", "text": "what is this?"})];
    for (_, bytes, mime) in &files {
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        expected.push(json!({"type": "image_url",
            "image_url": {"url": format!("data:{mime};base64,{data}"), "detail": "high"}}));
    }
    expected.push(json!({"type": "image_url", "image_url": {"url": "https://example.test/cat.png", "detail": "high"}}));
    assert_eq!(
        server.request().json()["messages"][0]["content"],
        json!(expected)
    );
}

#[test]
fn unsupported_or_oversized_images_are_refused_before_sending() {
    let server = Server::start(vec![]);
    let cmd = Cmd::at(&server);
    let pdf = cmd.file("doc.png", b"%PDF-1.7 not an image");
    let assert = cmd
        .args(["--image".as_ref(), pdf.as_os_str(), "hi".as_ref()])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("not PNG, JPEG, WebP or GIF"),
        "{}",
        stderr(&assert)
    );

    let cmd = Cmd::at(&server);
    let big = cmd.file("big.png", b"\x89PNG\r\n\x1a\n");
    std::fs::File::options()
        .write(true)
        .open(&big)
        .and_then(|f| f.set_len(21 * 1024 * 1024)) // sparse: cheap to make
        .unwrap();
    let assert = cmd
        .args(["--image".as_ref(), big.as_os_str(), "hi".as_ref()])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("at most 20 MB"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}
