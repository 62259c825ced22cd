//! Ctrl-C: a one-shot answer stops with its text kept, its line ended and exit 130; in a
//! chat (`-i`) it stops only the answer under way (text arriving, the model silent, or no
//! answer started yet) and the chat goes on.

use std::io::Read;

use serde_json::json;

use crate::support::*;

fn streamed(text: &str) -> Reply {
    sse(&[delta(text), finish("stop"), DONE.into()])
}

#[test]
fn ctrl_c_mid_stream_keeps_the_text_ends_the_line_and_exits_130() {
    let (gate, wait) = Gate::new();
    let server = Server::start(vec![Reply::stream(vec![
        Step::Write(delta("half a sent").into_bytes()),
        wait,
    ])]);
    let mut spawned = spawn(&server, &["--stream", "--no-stdin", "hi"]);
    let mut stdout = spawned.child.stdout.take().unwrap();
    let mut first = [0u8; 11];
    stdout.read_exact(&mut first).unwrap();
    spawned.interrupt();
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let output = spawned.child.wait_with_output().unwrap();
    gate.open();
    assert_eq!(output.status.code(), Some(130));
    assert_eq!(rest, b"\n");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("interrupted"), "{err}");
    assert_no_key(&output.stderr);
}

/// A chat (`oaichat -i`) that has been asked "first".
struct Chat {
    spawned: Spawned,
    stdin: std::process::ChildStdin,
    stdout: std::process::ChildStdout,
}

impl Chat {
    fn asking_first(server: &Server) -> Chat {
        use std::io::Write;
        let mut spawned = spawn(server, &["-i"]);
        let mut stdin = spawned.child.stdin.take().unwrap();
        let stdout = spawned.child.stdout.take().unwrap();
        stdin.write_all(b"first\n").unwrap();
        Chat {
            spawned,
            stdin,
            stdout,
        }
    }

    /// Waits for the first `n` bytes of the answer.
    fn answer_starts(&mut self, n: usize) -> String {
        use std::io::Read;
        let mut first = vec![0u8; n];
        self.stdout.read_exact(&mut first).unwrap();
        String::from_utf8(first).unwrap()
    }

    /// Asks "second", ends the chat, and returns the rest of stdout and all of stderr.
    /// The chat must end with success.
    fn second_and_exit(mut self) -> (String, String) {
        use std::io::{Read, Write};
        self.stdin.write_all(b"second\nexit\n").unwrap();
        drop(self.stdin);
        let mut rest = String::new();
        self.stdout.read_to_string(&mut rest).unwrap();
        let output = self.spawned.child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{err}");
        (rest, err)
    }
}

/// Ctrl-C during an answer stops that answer; the chat goes on with the next question.
#[test]
fn ctrl_c_stops_the_answer_and_the_chat_goes_on() {
    let (gate, wait) = Gate::new();
    let mut steps = vec![Step::Write(delta("half").into_bytes()), wait];
    steps.extend((0..50).map(|_| Step::Write(delta(" more").into_bytes())));
    steps.push(Step::Write(DONE.as_bytes().to_vec()));
    let server = Server::start(vec![Reply::stream(steps), streamed("second answer")]);
    let mut chat = Chat::asking_first(&server);
    assert_eq!(chat.answer_starts(4), "half");
    chat.spawned.interrupt();
    // Let the signal land before more text arrives for the reader to notice it on.
    std::thread::sleep(std::time::Duration::from_millis(200));
    gate.open();
    let (rest, err) = chat.second_and_exit();
    assert_eq!(rest, "\nsecond answer\n");
    assert!(err.contains("answer stopped"), "{err}");
    // The stopped question was not kept: the second request has only the second question.
    assert_eq!(
        server.requests()[1].json()["messages"],
        json!([{"role": "user", "content": "second"}])
    );
}

/// Ctrl-C while the model is silent (thinking before it writes) stops the answer at once,
/// not when the next piece arrives. The first answer's server holds its stream open until
/// the test ends and then cuts it: were the Ctrl-C noticed only then, the chat would show
/// a cut-off error instead of "answer stopped".
#[test]
fn ctrl_c_stops_an_answer_that_is_waiting_for_the_model() {
    use std::sync::Mutex;
    let (gate, wait) = Gate::new();
    let held = Mutex::new(Some(wait));
    let server = Server::handle(move |request| {
        if request.json()["messages"][0]["content"] == "first" {
            let wait = held.lock().unwrap().take().unwrap_or(Step::Cut);
            Reply::stream(vec![
                Step::Write(delta("half").into_bytes()),
                wait,
                Step::Cut,
            ])
        } else {
            streamed("second answer")
        }
    });
    let mut chat = Chat::asking_first(&server);
    assert_eq!(chat.answer_starts(4), "half");
    chat.spawned.interrupt();
    let (rest, err) = chat.second_and_exit();
    gate.open();
    assert_eq!(rest, "\nsecond answer\n");
    assert!(err.contains("answer stopped"), "{err}");
    assert!(!err.contains("error"), "{err}");
}

/// The same while no answer has started at all (a local server loading its model).
#[test]
fn ctrl_c_stops_a_question_still_waiting_for_its_answer_to_start() {
    use std::sync::Mutex;
    let (release, held) = std::sync::mpsc::channel::<()>();
    let held = Mutex::new(held);
    let server = Server::handle(move |request| {
        if request.json()["messages"][0]["content"] == "first" {
            // No status line, no headers: held until the test ends, then hung up on.
            let _ = held
                .lock()
                .unwrap()
                .recv_timeout(std::time::Duration::from_secs(20));
            Reply::hang_up()
        } else {
            streamed("second answer")
        }
    });
    let chat = Chat::asking_first(&server);
    while server.requests().is_empty() {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    chat.spawned.interrupt();
    let (rest, err) = chat.second_and_exit();
    drop(release);
    assert_eq!(rest, "second answer\n");
    assert!(err.contains("answer stopped"), "{err}");
    assert!(!err.contains("error"), "{err}");
}
