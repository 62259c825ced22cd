//! The real servers (installed and started by `servers.py`, shared by every test process
//! of a run) and the `oaichat` command pointed at them.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use assert_cmd::assert::Assert;
use serde_json::Value;
use tempfile::TempDir;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/compat/servers.py");

/// The key oaichat sends to llama.cpp's server, which checks none. No output may hold it.
pub const KEY: &str = "sk-compat-test-9d2e41";

/// What LiteLLM's `mock` model answers (set in `servers.py`).
pub const MOCK_ANSWER: &str = "모의 응답입니다. A mock answer.";

/// The reasoning of LiteLLM's `mock-reasoning` model (set in `servers.py`).
pub const MOCK_REASONING: &str = "Thinking it over.";

/// Where the servers listen, as `servers.json` gives them.
pub struct Servers {
    /// llama.cpp's server (llama-cpp-python) with SmolLM2-135M-Instruct as `smollm2`.
    pub llama: String,
    /// The LiteLLM proxy: `smollm2` through to llama.cpp, and `mock` (a `mock_response`).
    pub litellm: String,
    /// LiteLLM's master key, which it requires of every request.
    pub litellm_key: String,
}

/// The servers, installed the first time (`servers.py install`: about ten minutes, once)
/// and started once per run. This process holds a shared lock on `lease` until it exits;
/// the servers stop a little after the last test process is gone.
pub fn servers() -> &'static Servers {
    static SERVERS: OnceLock<Servers> = OnceLock::new();
    SERVERS.get_or_init(start)
}

fn root() -> PathBuf {
    match std::env::var_os("OAICHAT_COMPAT_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_TARGET_TMPDIR")).join("compat"),
    }
}

fn start() -> Servers {
    let root = root();
    std::fs::create_dir_all(&root).expect("create the compat folder");
    let start_lock = File::create(root.join("start.lock")).expect("create start.lock");
    start_lock.lock().expect("lock start.lock");
    python(&["install"], &root);
    let lease = File::create(root.join("lease")).expect("create the lease file");
    lease.lock_shared().expect("take the lease");
    // Held until this process exits: that is what keeps the servers running.
    std::mem::forget(lease);
    let servers = match running(&root) {
        Some(servers) => servers,
        None => launch(&root),
    };
    drop(start_lock);
    servers
}

fn python(args: &[&str], root: &Path) {
    let status = Command::new("python3")
        .arg(SCRIPT)
        .args(args)
        .arg(root)
        .stdout(Stdio::null())
        .status()
        .expect("run python3 (installed on these machines)");
    assert!(status.success(), "servers.py {args:?} failed");
}

/// The servers a live supervisor published, if there is one.
fn running(root: &Path) -> Option<Servers> {
    let text = std::fs::read_to_string(root.join("servers.json")).ok()?;
    let value: Value = serde_json::from_str(&text).ok()?;
    let pid = value["pid"].as_u64()?;
    if !Path::new(&format!("/proc/{pid}")).exists() {
        return None;
    }
    let field = |name: &str| value[name].as_str().map(str::to_string);
    Some(Servers {
        llama: field("llama")?,
        litellm: field("litellm")?,
        litellm_key: field("litellm_key")?,
    })
}

/// Starts a supervisor, detached from this process's output (so that `cargo test` does
/// not wait for it), and waits for it to publish the servers.
#[expect(
    clippy::zombie_processes,
    reason = "the supervisor outlives this process: it stops once the lease is free"
)]
fn launch(root: &Path) -> Servers {
    let _ = std::fs::remove_file(root.join("servers.json"));
    let log = File::create(root.join("serve.log")).expect("create serve.log");
    let mut child = Command::new("python3")
        .arg(SCRIPT)
        .arg("serve")
        .arg(root)
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("clone the log handle"))
        .stderr(log)
        .spawn()
        .expect("start servers.py serve");
    let deadline = Instant::now() + Duration::from_secs(360);
    loop {
        if let Some(servers) = running(root) {
            return servers;
        }
        if let Ok(Some(status)) = child.try_wait() {
            let log = std::fs::read_to_string(root.join("serve.log")).unwrap_or_default();
            panic!("servers.py serve exited with {status}:\n{log}");
        }
        assert!(Instant::now() < deadline, "the servers did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `oaichat` with a clean environment, an empty working directory and a timeout.
pub struct Cmd {
    cmd: assert_cmd::Command,
    /// The working directory, removed when the command is dropped.
    _dir: TempDir,
}

impl Cmd {
    /// Pointed at llama.cpp's server, model `smollm2`.
    pub fn llama() -> Cmd {
        Cmd::llama_server().args(["-m", "smollm2"])
    }

    /// Pointed at llama.cpp's server, no model named (for `models`).
    pub fn llama_server() -> Cmd {
        Cmd::new(&servers().llama, KEY)
    }

    /// Pointed at the LiteLLM proxy with its master key; the test names the model.
    pub fn litellm() -> Cmd {
        let servers = servers();
        Cmd::new(&servers.litellm, &servers.litellm_key)
    }

    /// Pointed at llama.cpp's server through `recorder`.
    pub fn llama_through(recorder: &Recorder) -> Cmd {
        Cmd::new(&recorder.base_url(), KEY).args(["-m", "smollm2"])
    }

    fn new(base_url: &str, key: &str) -> Cmd {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("oaichat");
        cmd.env_clear()
            .current_dir(dir.path())
            .env("OPENAI_API_KEY", key)
            .env("OPENAI_BASE_URL", base_url)
            .timeout(Duration::from_secs(120));
        Cmd { cmd, _dir: dir }
    }

    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Cmd {
        self.cmd.arg(arg);
        self
    }

    pub fn env(mut self, name: &str, value: &str) -> Cmd {
        self.cmd.env(name, value);
        self
    }

    pub fn stdin(mut self, data: impl Into<Vec<u8>>) -> Cmd {
        self.cmd.write_stdin(data);
        self
    }

    /// Runs it; neither key may appear in stdout or stderr.
    pub fn run(mut self) -> Assert {
        let assert = self.cmd.assert();
        let output = assert.get_output();
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.contains(KEY), "the key leaked:\n{text}");
            assert!(
                !text.contains(&servers().litellm_key),
                "LiteLLM's key leaked:\n{text}"
            );
        }
        assert
    }
}

/// The run's stdout as UTF-8 (fails the test on invalid UTF-8).
pub fn stdout(assert: &Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("stdout is valid UTF-8")
}

/// The run's stderr, lossily.
pub fn stderr(assert: &Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// A pass-through between oaichat and a server that keeps what the server sent, so that a
/// test can compare oaichat's output with the very stream it read: a real model's answer
/// differs from one request to the next, so two runs cannot be compared.
pub struct Recorder {
    port: u16,
    answers: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Recorder {
    /// Listens on 127.0.0.1 and forwards each connection to `base_url`'s host and port.
    pub fn to(base_url: &str) -> Recorder {
        let upstream = base_url
            .strip_prefix("http://")
            .and_then(|rest| rest.split('/').next())
            .expect("an http:// base URL")
            .to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the recorder");
        let port = listener.local_addr().expect("the recorder's port").port();
        let answers = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&answers);
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let server = TcpStream::connect(&upstream).expect("connect to the server");
                let slot = {
                    let mut answers = kept.lock().unwrap();
                    answers.push(Vec::new());
                    answers.len() - 1
                };
                forward(client, server, Arc::clone(&kept), slot);
            }
        });
        Recorder { port, answers }
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    /// The JSON of every `data:` event the server sent (`[DONE]` left out), in order.
    pub fn events(&self) -> Vec<Value> {
        let answers = self.answers.lock().unwrap();
        answers
            .iter()
            .flat_map(|answer| body_of(answer))
            .collect::<Vec<u8>>()
            .split(|&b| b == b'\n')
            .filter_map(|line| line.strip_prefix(b"data: "))
            .filter(|data| *data != b"[DONE]".as_slice())
            .map(|data| serde_json::from_slice(data).expect("an event's JSON"))
            .collect()
    }
}

/// Copies both ways; what the server sends is kept before it is passed on, so it is all
/// there by the time oaichat has read it and exited.
fn forward(client: TcpStream, server: TcpStream, answers: Arc<Mutex<Vec<Vec<u8>>>>, slot: usize) {
    let (mut client_in, mut server_out) =
        (client.try_clone().unwrap(), server.try_clone().unwrap());
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_in, &mut server_out);
        let _ = server_out.shutdown(Shutdown::Write);
    });
    let (mut server_in, mut client_out) = (server, client);
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n) = server_in.read(&mut buf) {
            if n == 0 {
                break;
            }
            answers.lock().unwrap()[slot].extend_from_slice(&buf[..n]);
            if client_out.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = client_out.shutdown(Shutdown::Write);
    });
}

/// An HTTP/1.1 response's body: after the headers, de-chunked when it came in chunks.
/// oaichat stops reading at `[DONE]`, so the last chunks may not have come yet: the body
/// ends where the bytes do.
fn body_of(response: &[u8]) -> Vec<u8> {
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a whole response head");
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    let mut rest = &response[split + 4..];
    if !head.contains("transfer-encoding: chunked") {
        return rest.to_vec();
    }
    let mut body = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
            .expect("a hexadecimal chunk size");
        let start = line_end + 2;
        let end = (start + size).min(rest.len());
        body.extend_from_slice(&rest[start..end]);
        if size == 0 || end + 2 > rest.len() {
            break;
        }
        rest = &rest[end + 2..];
    }
    body
}
