//! At a terminal: a spinner on stderr while the model thinks, cleared before the answer;
//! never in a pipe.

use std::time::Duration;

use crate::support::*;

fn slow_stream() -> Reply {
    Reply::stream(vec![
        Step::Sleep(Duration::from_millis(2300)),
        Step::Write(delta("Hello.").into_bytes()),
        Step::Write(finish("stop").into_bytes()),
        Step::Write(DONE.as_bytes().to_vec()),
    ])
}

#[test]
fn a_spinner_counts_the_wait_and_is_cleared_before_the_answer() {
    let server = Server::start(vec![slow_stream()]);
    let screen = on_a_terminal(&server, &["--stream", "--no-stdin", "hi"], "");
    assert!(screen.contains("⠋ waiting for the model…"), "{screen:?}");
    assert!(screen.contains("waiting for the model… 2s"), "{screen:?}");
    let cleared = screen
        .rfind("\r\x1b[K")
        .expect("the spinner's line is cleared");
    let answer = screen.find("Hello.").expect("the answer");
    assert!(cleared < answer, "{screen:?}");
    assert!(!screen[answer..].contains("waiting"), "{screen:?}");
}

#[test]
fn a_pipe_never_sees_a_spinner() {
    let server = Server::start(vec![slow_stream()]);
    Cmd::at(&server)
        .args(["--stream", "hi"])
        .run()
        .success()
        .stdout("Hello.\n")
        .stderr("");
}
