//! HTTPS against a local TLS server whose CA the test generates.

use crate::support::tls::fresh_ca_and_server_cert;
use crate::support::*;

#[test]
fn https_works_with_the_ca_given_by_flag() {
    let tls = fresh_ca_and_server_cert();
    let server = Server::start_tls(vec![answer("over TLS")], tls.server);
    let cmd = Cmd::at(&server);
    let ca = cmd.file("ca.pem", &tls.ca_pem);
    cmd.args(["--ca-cert".as_ref(), ca.as_os_str(), "hi".as_ref()])
        .run()
        .success()
        .stdout("over TLS\n");
    assert_eq!(server.request().path, "/v1/chat/completions");
}

/// A stream over TLS: many events to a record, and records split anywhere.
#[test]
fn a_stream_over_https_arrives_whole() {
    let tls = fresh_ca_and_server_cert();
    let (steps, expected) = numbered_stream(3000, 700);
    let server = Server::start_tls(vec![Reply::stream(steps)], tls.server);
    let cmd = Cmd::at(&server);
    let ca = cmd.file("ca.pem", &tls.ca_pem);
    cmd.args([
        "--ca-cert".as_ref(),
        ca.as_os_str(),
        "--stream".as_ref(),
        "hi".as_ref(),
    ])
    .run()
    .success()
    .stdout(format!("{expected}\n"));
}

#[test]
fn https_works_with_the_ca_in_ssl_cert_file() {
    let tls = fresh_ca_and_server_cert();
    let server = Server::start_tls(vec![answer("over TLS")], tls.server);
    let cmd = Cmd::at(&server);
    let ca = cmd.file("ca.pem", &tls.ca_pem);
    cmd.env("SSL_CERT_FILE", &ca.to_string_lossy())
        .args(["hi"])
        .run()
        .success()
        .stdout("over TLS\n");
}

#[test]
fn an_unknown_ca_is_a_network_error_and_nothing_is_sent() {
    let tls = fresh_ca_and_server_cert();
    let server = Server::start_tls(vec![answer("must not be reached")], tls.server);
    let assert = Cmd::at(&server)
        .args(["--max-retries", "0", "hi"])
        .run()
        .code(7);
    let err = stderr(&assert);
    assert!(err.contains("certificate"), "{err}");
    assert!(server.requests().is_empty());
}

#[test]
fn a_ca_file_that_is_not_pem_is_exit_2() {
    // Over https, where the CA is needed (plain http reads no CA file at all).
    let server = Server::start_tls(vec![], fresh_ca_and_server_cert().server);
    let cmd = Cmd::at(&server);
    let ca = cmd.file("ca.pem", "not a certificate");
    let assert = cmd
        .args(["--ca-cert".as_ref(), ca.as_os_str(), "hi".as_ref()])
        .run()
        .code(2);
    assert!(stderr(&assert).contains("ca.pem"), "{}", stderr(&assert));
    assert!(server.requests().is_empty());
}
