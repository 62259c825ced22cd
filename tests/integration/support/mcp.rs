//! MCP servers for the tests: the hand-written fault server, and the reference server
//! `@modelcontextprotocol/server-everything`, installed from the npm registry the first
//! time a test needs it (pinned, with its whole tree, by `tests/fixtures/mcp/npm`), so
//! that a fresh clone needs no setup step.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mcp");

/// `python3 fault.py MODE` (see the script for the modes), as `--mcp` takes it.
pub fn fault(mode: &str) -> String {
    format!("python3 {FIXTURES}/fault.py {mode}")
}

/// The same, writing its process id to `pid_file`.
pub fn fault_with_pid(mode: &str, pid_file: &Path) -> String {
    format!("{} --pid-file {}", fault(mode), pid_file.display())
}

/// The test's PATH, for oaichat to find `python3` and `node` with (its environment is
/// cleared by `Cmd`).
pub fn path() -> String {
    std::env::var("PATH").unwrap_or_default()
}

/// server-everything's entry point (`dist/index.js`), installed into the target folder once: test
/// processes run in parallel, so the install is done under an exclusive file lock, and
/// only when the pinned version is not there yet.
pub fn server_everything() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mcp-npm");
    std::fs::create_dir_all(&dir).expect("create the npm folder");
    let lock = File::create(dir.join(".lock")).expect("create the npm lock file");
    lock.lock().expect("lock the npm folder");
    let package = dir.join("node_modules/@modelcontextprotocol/server-everything");
    let installed = dir.join(".installed");
    let pinned = std::fs::read(Path::new(FIXTURES).join("npm/package-lock.json"))
        .expect("read the pinned package lock");
    if std::fs::read(&installed).ok().as_deref() != Some(pinned.as_slice()) {
        for file in ["package.json", "package-lock.json"] {
            std::fs::copy(Path::new(FIXTURES).join("npm").join(file), dir.join(file))
                .expect("copy the npm package files");
        }
        let status = Command::new("npm")
            .args([
                "ci",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
            ])
            .arg(&dir)
            .stdout(Stdio::null())
            .status()
            .expect("run npm (node is installed on these machines)");
        assert!(status.success(), "npm ci in {} failed", dir.display());
        std::fs::write(&installed, pinned).expect("note the install");
    }
    package.join("dist/index.js")
}

/// `--mcp` for server-everything over stdio: its `mcp-server-everything` command, as npm
/// installs it (a script run by `node` from PATH).
pub fn everything_stdio() -> String {
    let entry = server_everything();
    let modules = entry
        .ancestors()
        .nth(4)
        .expect("node_modules/@scope/package/dist/index.js");
    let bin = modules.join(".bin/mcp-server-everything");
    format!("{} stdio", bin.display())
}

/// server-everything's streamable-HTTP server on 127.0.0.1, on a free port; killed when
/// dropped.
pub struct HttpEverything {
    child: Child,
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl HttpEverything {
    pub fn start() -> HttpEverything {
        let entry = server_everything();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let port_file = dir.path().join("port");
        let child = Command::new("node")
            .arg("--import")
            .arg(format!("file://{FIXTURES}/loopback.mjs"))
            .arg(&entry)
            .arg("streamableHttp")
            .env("OAICHAT_PORT_FILE", &port_file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start node");
        let mut server = HttpEverything {
            child,
            port: 0,
            _dir: dir,
        };
        let port = wait_for(Duration::from_secs(30), || {
            std::fs::read_to_string(&port_file).ok()
        });
        server.port = port.trim().parse().expect("a port number");
        server
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/mcp", self.port)
    }
}

impl Drop for HttpEverything {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The process id a fault server wrote, once it has.
pub fn pid_in(file: &Path) -> u32 {
    let text = wait_for(Duration::from_secs(30), || {
        std::fs::read_to_string(file).ok().filter(|t| !t.is_empty())
    });
    text.trim().parse().expect("a process id")
}

/// Whether a process runs: it exists and is not a zombie (which has ended, and waits
/// only for its parent to reap it).
pub fn running(pid: u32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"));
    stat.is_ok_and(|stat| {
        let state = stat.rsplit(')').next().unwrap_or_default().trim_start();
        !state.starts_with('Z')
    })
}

/// `found()`'s first Some, asked every 20 ms; panics after `limit`.
pub fn wait_for<T>(limit: Duration, mut found: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = found() {
            return value;
        }
        assert!(Instant::now() < deadline, "gave up waiting after {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
