//! Where the prompt comes from: arguments, stdin, both, `-`, `-f`, and bad input.

use std::io::{BufRead, BufReader, Write};

use crate::support::*;

/// The user message the server received.
fn user_message(server: &Server) -> String {
    let body = server.request().json();
    let messages = body["messages"].as_array().expect("messages").clone();
    let last = messages.last().expect("a message");
    assert_eq!(last["role"], "user");
    last["content"]
        .as_str()
        .expect("string content")
        .to_string()
}

#[test]
fn arguments_are_joined_with_spaces() {
    let server = Server::start(vec![answer("Dodgers")]);
    Cmd::at(&server)
        .args(["2020", "월드시리즈", "우승팀은?"])
        .run()
        .success()
        .stdout("Dodgers\n");
    assert_eq!(user_message(&server), "2020 월드시리즈 우승팀은?");
}

#[test]
fn stdin_alone_is_the_prompt_and_one_trailing_newline_is_dropped() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server)
        .stdin("  indented\n\nlast\n")
        .run()
        .success();
    assert_eq!(user_message(&server), "  indented\n\nlast");
}

#[test]
fn stdin_and_args_are_joined_with_a_blank_line() {
    let server = Server::start(vec![answer("fix: typo")]);
    Cmd::at(&server)
        .args(["write", "a commit message"])
        .stdin("-teh\n+the\n")
        .run()
        .success()
        .stdout("fix: typo\n");
    assert_eq!(
        user_message(&server),
        "write a commit message\n\n-teh\n+the"
    );
}

#[test]
fn files_are_material_in_order_and_stdin_is_then_not_read() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::at(&server);
    let a = cmd.file("a.txt", "first\n");
    let b = cmd.file("b.txt", "second");
    cmd.args(["merge"])
        .args([
            "-f".as_ref(),
            a.as_os_str(),
            "--file".as_ref(),
            b.as_os_str(),
        ])
        .stdin("ignored stdin")
        .run()
        .success();
    assert_eq!(user_message(&server), "merge\n\nfirst\n\nsecond");
}

#[test]
fn dash_reads_stdin_explicitly_alongside_files() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::at(&server);
    let a = cmd.file("a.txt", "file text");
    cmd.args(["compare", "-"])
        .args(["-f".as_ref(), a.as_os_str()])
        .stdin("stdin text")
        .run()
        .success();
    assert_eq!(user_message(&server), "compare\n\nstdin text\n\nfile text");
}

#[test]
fn no_stdin_ignores_a_pipe() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server)
        .args(["--no-stdin", "hello"])
        .stdin("not for the model")
        .run()
        .success();
    assert_eq!(user_message(&server), "hello");
}

#[test]
fn args_with_empty_stdin_send_just_the_args() {
    let server = Server::start(vec![answer("ok")]);
    Cmd::at(&server).args(["hello"]).stdin("").run().success();
    assert_eq!(user_message(&server), "hello");
}

#[test]
fn empty_or_blank_prompt_is_exit_2_without_a_request() {
    let server = Server::start(vec![]);
    for input in ["", " \n\t\n"] {
        let assert = Cmd::at(&server).stdin(input).run().code(2).stdout("");
        assert!(
            stderr(&assert).contains("the prompt is empty"),
            "{}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn invalid_utf8_on_stdin_names_the_byte_offset() {
    let server = Server::start(vec![]);
    let assert = Cmd::at(&server)
        .stdin(b"ok \xea\xb0".to_vec())
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("not valid UTF-8 (invalid byte at offset 3)"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}

/// A CI runner may leave stdin open with nobody writing. With a prompt given, oaichat says
/// after 3 seconds that it is waiting, and still uses the input once it comes.
#[test]
fn silent_stdin_gets_one_notice_then_input_is_still_used() {
    let server = Server::start(vec![answer("done")]);
    let mut spawned = spawn(&server, &["summarise"]);
    let child = &mut spawned.child;
    let mut stdin = child.stdin.take().expect("stdin pipe");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr pipe"));
    let mut notice = String::new();
    stderr.read_line(&mut notice).expect("read the notice");
    assert!(
        notice.contains("waiting for stdin") && notice.contains("--no-stdin"),
        "{notice}"
    );
    stdin.write_all(b"late text\n").unwrap();
    drop(stdin);
    let output = spawned.child.wait_with_output().expect("oaichat finishes");
    assert!(output.status.success());
    assert_eq!(output.stdout, b"done\n");
    assert_no_key(&output.stdout);
    assert_no_key(notice.as_bytes());
    assert_eq!(user_message(&server), "summarise\n\nlate text");
}
