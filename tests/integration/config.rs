//! Configuration: `.env`, `--env-file`, precedence, and the base URL.

use crate::support::*;

#[test]
fn dotenv_supplies_what_the_environment_lacks() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::new().env_remove("OPENAI_API_KEY");
    cmd.file(
        ".env",
        format!(
            "# key for tests\nOPENAI_API_KEY={KEY}\nOPENAI_BASE_URL={}\nOPENAI_MODEL=from-dotenv\n",
            server.base_url()
        ),
    );
    cmd.args(["hi"]).run().success().stdout("ok\n");
    let request = server.request();
    assert_eq!(request.json()["model"], "from-dotenv");
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
}

#[test]
fn environment_beats_dotenv_and_flags_beat_both() {
    let server = Server::start(vec![answer("ok"), answer("ok")]);
    let make = || {
        let cmd = Cmd::at(&server).env("OPENAI_MODEL", "from-env");
        cmd.file(
            ".env",
            "OPENAI_MODEL=from-dotenv\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\n",
        );
        cmd
    };
    make().args(["hi"]).run().success();
    make().args(["-m", "from-flag", "hi"]).run().success();
    let models: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.json()["model"].clone())
        .collect();
    assert_eq!(models, ["from-env", "from-flag"]);
}

#[test]
fn env_file_flag_names_another_file() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::at(&server);
    let path = cmd.file("ci.env", "OPENAI_MODEL=from-env-file\n");
    cmd.file(".env", "OPENAI_MODEL=from-default-dotenv\n");
    cmd.args(["--env-file".as_ref(), path.as_os_str(), "hi".as_ref()])
        .run()
        .success();
    assert_eq!(server.request().json()["model"], "from-env-file");
}

#[test]
fn a_malformed_dotenv_names_the_line() {
    let server = Server::start(vec![]);
    let cmd = Cmd::at(&server);
    cmd.file(
        ".env",
        "# comment\nOPENAI_MODEL=x\nOPENAI_API_KEY sk-forgot-the-equals\n",
    );
    let assert = cmd.args(["hi"]).run().code(2);
    let err = stderr(&assert);
    assert!(
        err.contains(".env: cannot parse line 3 (setting OPENAI_API_KEY)"),
        "{err}"
    );
    assert!(
        !err.contains("sk-forgot"),
        "the value is never shown: {err}"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_missing_env_file_is_an_error() {
    let assert = Cmd::new()
        .args(["--env-file", "nope.env", "hi"])
        .run()
        .code(2);
    assert!(stderr(&assert).contains("nope.env"), "{}", stderr(&assert));
}

#[test]
fn base_url_works_with_and_without_a_trailing_slash() {
    for suffix in ["", "/"] {
        let server = Server::start(vec![answer("ok")]);
        Cmd::new()
            .env("OPENAI_BASE_URL", &format!("{}{suffix}", server.base_url()))
            .args(["hi"])
            .run()
            .success();
        assert_eq!(server.request().path, "/v1/chat/completions");
    }
}

#[test]
fn base_url_flag_beats_the_environment() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::new()
        .env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
        .args(["--base-url", &server.base_url(), "hi"])
        .run()
        .success();
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn verbose_warns_about_a_dotenv_every_user_can_read() {
    use std::os::unix::fs::PermissionsExt;
    let server = Server::start(vec![answer("ok"), answer("ok")]);
    let cmd = Cmd::at(&server);
    let path = cmd.file(".env", "OPENAI_MODEL=m\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let assert = cmd.args(["-v", "hi"]).run().success();
    assert!(
        stderr(&assert).contains("chmod 600 .env"),
        "{}",
        stderr(&assert)
    );

    let cmd = Cmd::at(&server);
    let path = cmd.file(".env", "OPENAI_MODEL=m\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let assert = cmd.args(["-v", "hi"]).run().success();
    assert!(!stderr(&assert).contains("chmod"), "{}", stderr(&assert));
}

#[test]
fn a_query_in_the_base_url_stays_on_every_request() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::new()
        .env(
            "OPENAI_BASE_URL",
            &format!("{}?api-version=2024-06-01", server.base_url()),
        )
        .args(["hi"])
        .run()
        .success();
    assert_eq!(
        server.request().path,
        "/v1/chat/completions?api-version=2024-06-01"
    );
}

/// Editors on Windows start files with a UTF-8 byte order mark: .env and history files
/// that have one are read as if they had none.
#[test]
fn a_byte_order_mark_in_dotenv_and_history_is_accepted() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::at(&server).env_remove("OPENAI_API_KEY");
    cmd.file(
        ".env",
        format!("\u{feff}OPENAI_API_KEY={KEY}\nOPENAI_MODEL=from-bom-file\n"),
    );
    let history = cmd.file(
        "h.jsonl",
        "\u{feff}{\"role\":\"user\",\"content\":\"earlier\"}\n{\"role\":\"assistant\",\"content\":\"yes\"}\n",
    );
    cmd.args(["--history", history.to_str().unwrap(), "now"])
        .run()
        .success()
        .stdout("ok\n");
    let body = server.request().json();
    assert_eq!(body["model"], "from-bom-file");
    assert_eq!(body["messages"][0]["content"], "earlier");
}
