//! `--header 'Name: value'`: extra headers for gateways, on every request; the key stays in
//! OPENAI_API_KEY; a header that carries a secret is redacted in `-v`; a malformed one is
//! refused before anything is sent, without its value in the message.

use crate::support::*;

#[test]
fn headers_go_with_every_request_and_a_later_one_of_a_name_wins() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server)
        .args(["-H", "X-Team: search", "--header", "x-team:  ads ", "hi"])
        .args(["--header", "Api-Key: gateway-secret"])
        .run()
        .success();
    let request = server.request();
    let teams: Vec<&str> = (request.headers.iter())
        .filter(|(name, _)| name == "x-team")
        .map(|(_, value)| value.as_str())
        .collect();
    assert_eq!(teams, ["ads"]);
    assert_eq!(request.header("api-key"), Some("gateway-secret"));
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
}

#[test]
fn models_and_other_commands_send_them_too() {
    let list = serde_json::json!({"data": [{"id": "m1"}]});
    let server = Server::start(vec![Reply::json(200, &list)]);
    Cmd::at(&server)
        .args(["models", "-H", "X-Team: search"])
        .run()
        .success();
    assert_eq!(server.request().header("x-team"), Some("search"));
}

#[test]
fn verbose_shows_headers_but_not_a_secret_ones_value() {
    let server = Server::start(vec![answer("ok")]);
    let assert = Cmd::at(&server)
        .args([
            "-v",
            "-H",
            "X-Team: search",
            "-H",
            "api-key: gateway-secret",
            "hi",
        ])
        .run()
        .success();
    let err = stderr(&assert);
    assert!(err.contains("oaichat: X-Team: search\n"), "{err}");
    assert!(err.contains("oaichat: api-key: (redacted)\n"), "{err}");
    assert!(!err.contains("gateway-secret"), "{err}");
}

#[test]
fn malformed_headers_are_refused_before_sending_without_their_value() {
    let server = Server::start(vec![answer("ok")]);
    let refused = |header: &str| {
        let assert = Cmd::at(&server).args(["-H", header, "hi"]).run().code(2);
        stderr(&assert)
    };
    assert_eq!(
        refused("api-key sk-pasted-without-colon"),
        "oaichat: error: --header number 1 is not 'Name: value'\n"
    );
    let bad = refused("Bad Name: x");
    assert_eq!(
        bad,
        "oaichat: error: --header Bad Name: the name or the value has characters a header \
         cannot hold\n"
    );
    let auth = refused("Authorization: Bearer sk-other");
    assert!(auth.contains("OPENAI_API_KEY"), "{auth}");
    assert!(!auth.contains("sk-other"), "{auth}");
    assert!(server.requests().is_empty());
}
