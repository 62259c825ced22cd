//! Proxies: honoured as curl honours them, and held to the rule that the key never crosses
//! plain http to another machine (issue 10). Every proxy here is on loopback or is never
//! contacted.

use crate::support::*;

/// HTTP_PROXY is honoured: the request goes to the proxy in absolute form. The target host
/// is never resolved or contacted; only the loopback proxy is.
#[test]
fn requests_go_through_the_proxy_from_the_environment() {
    let proxy = Server::start(vec![answer("via proxy")]);
    let proxy_url = proxy.base_url().trim_end_matches("/v1").to_string();
    Cmd::new()
        .env("OPENAI_BASE_URL", "http://api.example.invalid/v1")
        .env("HTTP_PROXY", &proxy_url)
        .args(["--allow-insecure-http", "--max-retries", "0", "hi"])
        .run()
        .success()
        .stdout("via proxy\n");
    assert_eq!(
        proxy.request().path,
        "http://api.example.invalid/v1/chat/completions"
    );
}

#[test]
fn no_proxy_sends_loopback_requests_directly() {
    let server = Server::start(vec![answer("direct")]);
    Cmd::at(&server)
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("NO_PROXY", "127.0.0.1")
        .args(["--max-retries", "0", "hi"])
        .run()
        .success()
        .stdout("direct\n");
}

/// With a corporate HTTP_PROXY, a local Ollama URL would hand the proxy the whole request,
/// key included, in clear text.
#[test]
fn plain_http_through_a_proxy_on_another_machine_is_refused() {
    let server = Server::start(vec![answer("never")]);
    let assert = Cmd::at(&server)
        .env(
            "HTTP_PROXY",
            "http://someone:pa55word@proxy.example.invalid:3128",
        )
        .args(["--max-retries", "0", "hi"])
        .run()
        .code(2);
    let err = stderr(&assert);
    assert!(
        err.contains("through the proxy http://proxy.example.invalid:3128 (from HTTP_PROXY)")
            && err.contains("NO_PROXY")
            && err.contains("--allow-insecure-http"),
        "{err}"
    );
    assert!(!err.contains("pa55word"), "{err}");
    assert!(server.requests().is_empty());
}

#[test]
fn a_proxy_from_dotenv_is_held_to_the_same_rule() {
    let cmd = Cmd::new().env("OPENAI_BASE_URL", "http://localhost:11434/v1");
    cmd.file(".env", "http_proxy=proxy.example.invalid:3128\n");
    let assert = cmd.args(["hi"]).run().code(2);
    assert!(
        stderr(&assert).contains("(from http_proxy)"),
        "{}",
        stderr(&assert)
    );
}

/// A proxy on this machine (a debugging proxy, say) keeps the request on this machine.
#[test]
fn a_proxy_on_this_machine_may_carry_plain_http() {
    let proxy = Server::start(vec![answer("via local proxy")]);
    let proxy_url = proxy.base_url().trim_end_matches("/v1").to_string();
    Cmd::new()
        .env("OPENAI_BASE_URL", "http://localhost:1/v1")
        .env("HTTP_PROXY", &proxy_url)
        .args(["--max-retries", "0", "hi"])
        .run()
        .success()
        .stdout("via local proxy\n");
    assert_eq!(
        proxy.request().path,
        "http://localhost:1/v1/chat/completions"
    );
}

/// `NO_PROXY=*` means every host, as in curl: IP addresses too.
#[test]
fn no_proxy_star_sends_an_ip_base_url_directly() {
    let server = Server::start(vec![answer("direct")]);
    Cmd::at(&server)
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("NO_PROXY", "*")
        .args(["--max-retries", "0", "hi"])
        .run()
        .success()
        .stdout("direct\n");
}
