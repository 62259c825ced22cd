//! The chat (`-i`) at a terminal: the banner and the model in the prompt, Tab completion,
//! a new line without sending (Alt-Enter, Ctrl-J), a paste kept whole, and lines typed
//! before the chat was ready. A pipe sees none of it (chat_commands.rs checks its bytes).

use crate::support::*;

/// The questions the server was asked, in order.
fn asked(server: &Server) -> Vec<String> {
    server.requests().iter().map(question).collect()
}

#[test]
fn a_banner_and_a_prompt_that_names_the_model_and_lines_typed_ahead_asked_in_turn() {
    let server = Server::start(vec![answer("A-one"), answer("A-two")]);
    // Typed before the chat reads: the terminal turns each Enter into a line feed, which
    // the editor alone would take for Ctrl-J.
    let screen = on_a_terminal(&server, &["-i", "--no-stdin"], "one\rtwo\rexit\r");
    let banner = "oaichat chat with gpt-4o-mini. exit or Ctrl-D leaves; /help lists the \
                  commands.\n";
    assert!(screen.contains(banner), "{screen:?}");
    assert!(screen.contains("gpt-4o-mini> one\n"), "{screen:?}");
    assert!(screen.contains("gpt-4o-mini> two\n"), "{screen:?}");
    assert_eq!(asked(&server), ["one", "two"]);
}

#[test]
fn the_banner_names_the_role_and_the_prompt_follows_the_model() {
    let server = Server::start(vec![answer("A-one")]);
    let args = ["-i", "-r", "shell"];
    let steps = [
        ("> ", "/model gpt-4.1\r"),
        ("gpt-4.1> ", "q\r"),
        ("A-one", ""),
        ("> ", "\x04"),
    ];
    let screen = at_a_terminal(&server, &args, &steps);
    assert!(
        screen.contains("oaichat chat with gpt-4o-mini, role shell. "),
        "{screen:?}"
    );
    assert!(!screen.contains("[oaichat did not end]"), "{screen:?}");
    assert_eq!(server.request().json()["model"], "gpt-4.1");
}

#[test]
fn tab_completes_a_commands_name() {
    let server = Server::start(vec![answer("A-one")]);
    let steps = [
        ("> ", "/mo\tgpt-4.1\r"),
        ("gpt-4.1> ", "q\r"),
        ("A-one", ""),
        ("> ", "exit\r"),
    ];
    let screen = at_a_terminal(&server, &["-i"], &steps);
    assert!(screen.contains("/model "), "{screen:?}");
    assert_eq!(server.request().json()["model"], "gpt-4.1", "{screen:?}");
}

#[test]
fn alt_enter_and_ctrl_j_start_a_new_line_without_sending() {
    let server = Server::start(vec![answer("A-one")]);
    let steps = [
        ("> ", "one\x1b\rtwo\nthree\r"),
        ("A-one", ""),
        ("> ", "\x04"),
    ];
    let screen = at_a_terminal(&server, &["-i"], &steps);
    assert_eq!(asked(&server), ["one\ntwo\nthree"], "{screen:?}");
}

#[test]
fn a_bracketed_paste_is_one_message() {
    let server = Server::start(vec![answer("A-one")]);
    let paste = "\x1b[200~first line\nsecond line\x1b[201~\r";
    let steps = [("> ", paste), ("A-one", ""), ("> ", "\x04")];
    let screen = at_a_terminal(&server, &["-i"], &steps);
    // The editor asks the terminal for bracketed paste while it reads.
    assert!(screen.contains("\x1b[?2004h"), "{screen:?}");
    assert_eq!(asked(&server), ["first line\nsecond line"], "{screen:?}");
}

#[test]
fn a_line_typed_while_an_answer_streams_is_asked_next() {
    let slow = Reply::stream(vec![
        Step::Sleep(std::time::Duration::from_millis(800)),
        Step::Write(delta("A-one").into_bytes()),
        Step::Write(finish("stop").into_bytes()),
        Step::Write(DONE.as_bytes().to_vec()),
    ]);
    let server = Server::start(vec![slow, answer("A-two")]);
    // Typed while the spinner waits: the terminal is not in raw mode then.
    let steps = [
        ("> ", "one\r"),
        ("waiting for the model", "two\r"),
        ("A-two", ""),
        ("> ", "\x04"),
    ];
    let screen = at_a_terminal(&server, &["-i"], &steps);
    assert_eq!(asked(&server), ["one", "two"], "{screen:?}");
    assert!(!screen.contains("[oaichat did not end]"), "{screen:?}");
}
