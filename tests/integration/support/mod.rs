//! Helpers shared by the integration tests: the command, the server, canned API bodies.

pub mod mcp;
pub mod responses;
pub mod server;
pub mod spec;
pub mod terminal;
pub mod tls;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::assert::Assert;
use serde_json::{Value, json};
use tempfile::TempDir;

pub use responses::*;
pub use server::{Gate, Recorded, Reply, Server, Step};
pub use terminal::{
    at_a_terminal, on_a_terminal, on_a_terminal_with, paints, visible, without_escapes,
};

/// The key every test uses. No output of any test may contain it.
pub const KEY: &str = "sk-test-oaichat-SECRET-7f3a9c";

/// Fails when the key appears in captured output.
pub fn assert_no_key(output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    assert!(
        !text.contains(KEY),
        "the API key leaked into output:\n{text}"
    );
}

/// The `oaichat` binary with a clean environment, a fresh empty working directory (so no
/// stray `.env` is read) and the test key.
pub struct Cmd {
    cmd: assert_cmd::Command,
    pub dir: TempDir,
}

impl Cmd {
    pub fn new() -> Cmd {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("oaichat");
        cmd.env_clear()
            .current_dir(dir.path())
            .env("OPENAI_API_KEY", KEY)
            .timeout(Duration::from_secs(60));
        Cmd { cmd, dir }
    }

    /// Pointed at a test server.
    pub fn at(server: &Server) -> Cmd {
        Cmd::new().env("OPENAI_BASE_URL", &server.base_url())
    }

    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn env(mut self, name: &str, value: &str) -> Cmd {
        self.cmd.env(name, value);
        self
    }

    pub fn env_remove(mut self, name: &str) -> Cmd {
        self.cmd.env_remove(name);
        self
    }

    /// Kills the run after this long (default 60 s): for tests where waiting is the bug.
    pub fn timeout(mut self, limit: Duration) -> Cmd {
        self.cmd.timeout(limit);
        self
    }

    pub fn stdin(mut self, data: impl Into<Vec<u8>>) -> Cmd {
        self.cmd.write_stdin(data);
        self
    }

    /// With `toml` as its config file: `oaichat.toml` in the working directory, named by
    /// `OAICHAT_CONFIG`.
    pub fn with_config(toml: &str) -> Cmd {
        let cmd = Cmd::new();
        let path = cmd.file("oaichat.toml", toml);
        let path = path.to_str().expect("a UTF-8 temporary path").to_string();
        cmd.env("OAICHAT_CONFIG", &path)
    }

    /// Writes a file in the working directory and returns its path.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("write a test file");
        path
    }

    /// Runs it, checking that the key appears in neither stdout nor stderr.
    pub fn run(mut self) -> Assert {
        let assert = self.cmd.assert();
        let output = assert.get_output();
        assert_no_key(&output.stdout);
        assert_no_key(&output.stderr);
        assert
    }
}

/// A running `oaichat` with piped stdio, for tests that talk to it while it runs.
pub struct Spawned {
    pub child: std::process::Child,
    _dir: TempDir,
}

impl Spawned {
    /// Presses Ctrl-C: SIGINT to the process, as a terminal sends it.
    pub fn interrupt(&self) {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -INT {pid}");
    }
}

/// Starts `oaichat ARGS` against the server with a clean environment and an empty working
/// directory, stdin, stdout and stderr all piped.
pub fn spawn(server: &Server, args: &[&str]) -> Spawned {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("oaichat"))
        .env_clear()
        .current_dir(dir.path())
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start oaichat");
    Spawned { child, _dir: dir }
}

/// A chat completion body with one choice per content.
pub fn completion(contents: &[&str]) -> Value {
    let choices: Vec<Value> = contents
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "index": i, "finish_reason": "stop", "logprobs": null,
                "message": {"role": "assistant", "content": c, "refusal": null}
            })
        })
        .collect();
    json!({
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1741570283,
        "model": "gpt-4o-mini", "choices": choices,
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}
    })
}

/// An `ErrorResponse` body: all four fields of `Error`, `param` and `code` nullable.
pub fn api_error(message: &str, kind: &str, code: Option<&str>) -> Value {
    json!({"error": {"message": message, "type": kind, "param": null, "code": code}})
}

/// A 200 reply carrying one answer.
pub fn answer(content: &str) -> Reply {
    Reply::json(200, &completion(&[content]))
}

/// One SSE event line for a chunk whose choice 0 has `content` in its delta.
pub fn delta(content: &str) -> String {
    let chunk = json!({
        "id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1741570283,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": null}]
    });
    format!("data: {chunk}\n\n")
}

/// A long stream as a fast server sends it: `count` events whose deltas read "0 1 2 …",
/// one HTTP chunk each, `per_write` chunks to a TCP write, then the finish and `[DONE]`.
/// Returns the steps and the text they make.
pub fn numbered_stream(count: usize, per_write: usize) -> (Vec<Step>, String) {
    let events: Vec<Vec<u8>> = (0..count)
        .map(|i| delta(&format!("{i} ")).into_bytes())
        .collect();
    let mut steps: Vec<Step> = events
        .chunks(per_write)
        .map(|group| Step::Chunks(group.to_vec()))
        .collect();
    steps.push(Step::Write(finish("stop").into_bytes()));
    steps.push(Step::Write(DONE.as_bytes().to_vec()));
    let text = (0..count).map(|i| format!("{i} ")).collect();
    (steps, text)
}

/// The closing chunk with a finish reason.
pub fn finish(reason: &str) -> String {
    let chunk = json!({
        "id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1741570283,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "delta": {}, "finish_reason": reason}]
    });
    format!("data: {chunk}\n\n")
}

/// The last chunk of a stream asked for `include_usage`: no choices, the usage.
pub fn usage_chunk(prompt: u32, completion: u32) -> String {
    let chunk = json!({
        "id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1741570283,
        "model": "gpt-4o-mini", "choices": [],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                  "total_tokens": prompt + completion}
    });
    format!("data: {chunk}\n\n")
}

pub const DONE: &str = "data: [DONE]\n\n";

/// A stream reply of these events, each in its own TCP write.
pub fn sse(events: &[String]) -> Reply {
    Reply::stream(
        events
            .iter()
            .map(|e| Step::Write(e.clone().into_bytes()))
            .collect(),
    )
}

/// The text of stdout.
pub fn stdout(assert: &Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// The text of stderr.
pub fn stderr(assert: &Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// The last user message of a recorded request.
pub fn question(request: &Recorded) -> String {
    let body = request.json();
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    messages
        .last()
        .map(|m| m["content"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Answers "re: QUESTION" after the delay named in it (`sleep=MS`), and fails questions
/// containing "fail" with a 400; at `/v1/responses` as the Responses API does.
pub fn echo_server() -> Server {
    Server::handle(|request| {
        if request.path.ends_with("/responses") {
            return responses_answer(&format!("re: {}", responses_question(request)));
        }
        let q = question(request);
        if q.contains("fail") {
            return Reply::json(
                400,
                &api_error("cannot do that", "invalid_request_error", None),
            );
        }
        let sleep: u64 = q
            .split("sleep=")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let mut reply = answer(&format!("re: {q}"));
        reply
            .steps
            .insert(0, Step::Sleep(Duration::from_millis(sleep)));
        reply
    })
}
