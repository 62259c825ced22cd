//! Every documented exit code, end to end, and what the error line says.

use std::net::TcpListener;

use serde_json::json;

use crate::support::*;

/// Each status maps to its exit code (README "Exit codes") and is reported with the
/// server's message, type and code, and the request id.
#[test]
fn http_statuses_map_to_documented_exit_codes() {
    let table = [
        (400, "invalid_request_error", 5),
        (401, "invalid_request_error", 3),
        (403, "permission_error", 3),
        (404, "invalid_request_error", 5),
        (422, "invalid_request_error", 5),
        (429, "rate_limit_error", 4),
        (500, "server_error", 6),
        (503, "server_error", 6),
    ];
    for (status, kind, code) in table {
        let reply = Reply::json(status, &api_error("It went wrong", kind, Some("some_code")))
            .header("x-request-id", "req_42");
        let server = Server::start(vec![reply]);
        // Retries have their own tests (retries.rs); here one answer is one request.
        let assert = Cmd::at(&server)
            .args(["--max-retries", "0", "hi"])
            .run()
            .code(code)
            .stdout("");
        let err = stderr(&assert);
        assert!(
            err.starts_with(&format!("oaichat: error: HTTP {status} ")),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "It went wrong (type {kind}, code some_code) (request id req_42)"
            )),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
}

#[test]
fn an_html_error_page_shows_its_title_on_one_line() {
    let page = "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n\
                <body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n\
                </body>\n</html>\n";
    let server = Server::start(vec![Reply::body(502, "text/html", page)]);
    let assert = Cmd::at(&server)
        .args(["--max-retries", "0", "hi"])
        .run()
        .code(6);
    assert_eq!(
        stderr(&assert),
        "oaichat: error: HTTP 502 Bad Gateway: 502 Bad Gateway\n"
    );
}

#[test]
fn a_long_plain_body_is_cut_at_200_characters() {
    let body = format!("upstream failed {}", "x".repeat(400));
    let server = Server::start(vec![Reply::body(502, "text/plain", body)]);
    let assert = Cmd::at(&server)
        .args(["--max-retries", "0", "hi"])
        .run()
        .code(6);
    let err = stderr(&assert);
    assert!(
        err.contains("HTTP 502 Bad Gateway: upstream failed xxx"),
        "{err}"
    );
    assert!(err.trim_end().ends_with('…'), "{err}");
}

/// A local server's Python traceback: the error stays one line; -v shows all of it.
#[test]
fn a_message_of_many_lines_is_one_line_unless_verbose() {
    let traceback = "Internal Server Error\nTraceback (most recent call last):\n  File \"server.py\", \
                     line 12, in handle\nKeyError: 'messages'\n";
    let reply = || Reply::json(500, &json!({"detail": traceback}));
    let server = Server::start(vec![reply(), reply()]);
    let assert = Cmd::at(&server)
        .args(["--max-retries", "0", "hi"])
        .run()
        .code(6);
    assert_eq!(
        stderr(&assert),
        "oaichat: error: HTTP 500 Internal Server Error: Internal Server Error (and 3 more \
         lines: -v shows them)\n"
    );
    let assert = Cmd::at(&server)
        .args(["--max-retries", "0", "-v", "hi"])
        .run()
        .code(6);
    assert!(
        stderr(&assert).contains("KeyError: 'messages'"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn non_openai_error_shapes_are_reported_readably() {
    let server = Server::start(vec![Reply::json(
        404,
        &json!({"error": "model 'llama9' not found"}),
    )]);
    let assert = Cmd::at(&server).args(["-m", "llama9", "hi"]).run().code(5);
    assert!(
        stderr(&assert).contains("HTTP 404 Not Found: model 'llama9' not found"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn connection_refused_is_exit_7() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    }; // closed again: nothing listens there now
    let assert = Cmd::new()
        .env("OPENAI_BASE_URL", &format!("http://127.0.0.1:{port}/v1"))
        .args(["hi"])
        .run()
        .code(7);
    assert!(
        stderr(&assert).contains("cannot connect to"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn a_body_that_is_not_a_completion_is_exit_8() {
    for body in ["not json at all", "{\"object\": \"list\"}", ""] {
        let server = Server::start(vec![Reply::body(200, "application/json", body)]);
        let assert = Cmd::at(&server).args(["hi"]).run().code(8);
        assert!(
            stderr(&assert).contains("not a chat completion"),
            "{}",
            stderr(&assert)
        );
    }
}

#[test]
fn a_missing_key_is_exit_2_with_how_to_set_it_and_no_request() {
    let server = Server::start(vec![]);
    let assert = Cmd::at(&server)
        .env_remove("OPENAI_API_KEY")
        .args(["hi"])
        .run()
        .code(2)
        .stdout("");
    let err = stderr(&assert);
    assert!(
        err.contains("OPENAI_API_KEY is not set") && err.contains(".env"),
        "{err}"
    );
    assert!(server.requests().is_empty());
}

/// Exit 1 is for local failures: here stdout is a full disk (`> /dev/full`).
#[test]
fn an_unwritable_stdout_is_exit_1() {
    let server = Server::start(vec![answer("lost")]);
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" hi > /dev/full")
        .arg(assert_cmd::cargo::cargo_bin!("oaichat"))
        .env_clear()
        .current_dir(dir.path())
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run oaichat under sh");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("oaichat: error: cannot write the answer:"),
        "{err}"
    );
    assert_no_key(&output.stderr);
}
