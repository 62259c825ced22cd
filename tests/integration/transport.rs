//! What the connection carries (issue #3): gzip bodies are decoded, a body over 64 MiB is
//! refused, and plain http to another machine is refused. Proxies are held to the same
//! rule in proxies.rs; https is tls.rs.

use std::io::Write;

use crate::support::*;

#[test]
fn a_gzip_body_is_decoded() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(completion(&["unzipped"]).to_string().as_bytes())
        .unwrap();
    let reply = Reply::body(200, "application/json", gz.finish().unwrap())
        .header("content-encoding", "gzip");
    let server = Server::start(vec![reply]);
    Cmd::at(&server)
        .args(["hi"])
        .run()
        .success()
        .stdout("unzipped\n");
    let accepted = server
        .request()
        .header("accept-encoding")
        .map(str::to_string);
    assert!(accepted.unwrap_or_default().contains("gzip"));
}

#[test]
fn an_enormous_body_is_refused_at_64_mib() {
    let huge = vec![b' '; 64 * 1024 * 1024 + 10];
    let server = Server::start(vec![Reply::body(200, "application/json", huge)]);
    let assert = Cmd::at(&server).args(["hi"]).run().code(8);
    assert!(
        stderr(&assert).contains("larger than 64 MiB"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn plain_http_to_another_host_is_refused_unless_allowed() {
    let assert = Cmd::new()
        .env("OPENAI_BASE_URL", "http://api.example.invalid/v1")
        .args(["hi"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("--allow-insecure-http"),
        "{}",
        stderr(&assert)
    );
    // That --allow-insecure-http lifts it is a unit test (src/config/endpoint.rs): an
    // integration test would have to send traffic off this machine.
}
