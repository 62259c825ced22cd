//! `-i`: the chat loop, driven through piped stdin. Ctrl-C in a chat is interrupt.rs.

use serde_json::json;

use crate::support::*;

fn streamed(text: &str) -> Reply {
    sse(&[delta(text), finish("stop"), DONE.into()])
}

#[test]
fn a_session_keeps_the_conversation_and_ends_at_an_exit_word() {
    let server = Server::start(vec![streamed("LA 다저스"), streamed("데이브 로버츠")]);
    let assert = Cmd::at(&server)
        .args(["-i"])
        .stdin("\n2020 월드시리즈 우승팀은?\n   \n감독은?\n종료\nnever sent\n")
        .run()
        .success()
        .stdout("LA 다저스\n데이브 로버츠\n");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].json()["stream"], json!(true));
    assert_eq!(
        requests[1].json()["messages"],
        json!([
            {"role": "user", "content": "2020 월드시리즈 우승팀은?"},
            {"role": "assistant", "content": "LA 다저스"},
            {"role": "user", "content": "감독은?"}
        ])
    );
    // The prompt goes to stderr, never stdout.
    assert!(stderr(&assert).starts_with("> "), "{}", stderr(&assert));
}

#[test]
fn an_api_error_is_shown_and_the_loop_goes_on() {
    let bad = Reply::json(
        400,
        &json!({"error": {"message": "bad things", "type": "invalid_request_error"}}),
    );
    let server = Server::start(vec![bad, streamed("fine")]);
    let assert = Cmd::at(&server)
        .args(["-i", "-s", "sys"])
        .stdin("first\nsecond\nexit\n")
        .run()
        .success()
        .stdout("fine\n");
    assert!(
        stderr(&assert).contains("oaichat: error: HTTP 400 Bad Request: bad things"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(
        server.requests()[1].json()["messages"],
        json!([{"role": "system", "content": "sys"}, {"role": "user", "content": "second"}])
    );
}

#[test]
fn end_of_input_ends_the_session_and_english_exit_words_work() {
    let server = Server::start(vec![streamed("one")]);
    Cmd::at(&server)
        .args(["-i"])
        .stdin("q1\n")
        .run()
        .success()
        .stdout("one\n");
    let server = Server::start(vec![]);
    Cmd::at(&server)
        .args(["-i"])
        .stdin("QUIT\nq\n")
        .run()
        .success()
        .stdout("");
    assert!(server.requests().is_empty());
}

#[test]
fn a_session_is_appended_to_the_history_file_turn_by_turn() {
    let server = Server::start(vec![streamed("a1"), streamed("a2")]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chat.jsonl");
    Cmd::at(&server)
        .args(["-i", "--history", path.to_str().unwrap(), "q1"])
        .stdin("q2\nbye\n")
        .run()
        .success()
        .stdout("a1\na2\n");
    let saved: Vec<serde_json::Value> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        saved,
        [
            json!({"role": "user", "content": "q1"}),
            json!({"role": "assistant", "content": "a1"}),
            json!({"role": "user", "content": "q2"}),
            json!({"role": "assistant", "content": "a2"})
        ]
    );
}

/// Drives `oaichat -i` on a pseudo-terminal (python3's pty module): waits for the prompt,
/// sends every line of `burst` in one write, as tmux send-keys or expect do without
/// bracketed paste, waits until `until` appears, then ends the session with Ctrl-D.
fn on_a_terminal(server: &Server, burst: &str, until: &str) -> String {
    const DRIVER: &str = r#"
import os, pty, select, sys, time
burst, until, argv = sys.argv[1].encode(), sys.argv[2].encode(), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
seen = b""
def read_until(word, limit):
    global seen
    end = time.time() + limit
    while word not in seen and time.time() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                return
read_until(b"> ", 10)
os.write(fd, burst)
read_until(until, 10)
# Ctrl-D only at the next prompt: typed while an answer streams, the terminal (not yet
# in raw mode) would take it as its own end-of-file and never pass it on.
seen = seen[seen.find(until):]
read_until(b"> ", 10)
os.write(fd, b"\x04")
end = time.time() + 10
while os.waitpid(pid, os.WNOHANG) == (0, 0):
    if time.time() > end:
        os.kill(pid, 9)
        sys.stdout.write("[oaichat did not end at Ctrl-D]")
        break
    read_until(b"\x00never", 0.1)
sys.stdout.write(seen.decode(errors="replace"))
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", DRIVER, burst, until])
        .arg(assert_cmd::cargo::cargo_bin!("oaichat"))
        .args(["-i", "--no-stdin"])
        .env_clear()
        .env("TERM", "xterm")
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .current_dir(tempfile::tempdir().unwrap().path())
        .output()
        .expect("python3 drives the pseudo-terminal");
    assert_no_key(&output.stdout);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Lines that arrive in one burst are each asked in turn, none lost.
#[test]
fn lines_typed_in_one_burst_are_asked_one_after_another() {
    let server = Server::start(vec![
        streamed("A-one"),
        streamed("A-two"),
        streamed("A-three"),
    ]);
    let screen = on_a_terminal(&server, "one\rtwo\rthree\r", "A-three");
    let asked: Vec<String> = server
        .requests()
        .iter()
        .map(|r| {
            let body = r.json();
            let last = body["messages"].as_array().unwrap().last().unwrap().clone();
            last["content"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(asked, ["one", "two", "three"], "{screen}");
    assert!(!screen.contains("did not end"), "{screen}");
}
