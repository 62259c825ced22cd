//! oaichat on a pseudo-terminal (util-linux `script`): what a person at a terminal sees,
//! escape sequences and all.

use std::io::Write as _;
use std::process::{Command, Stdio};

use super::{KEY, Server, assert_no_key};

/// Runs oaichat on a pseudo-terminal, typing `typed` at it; stdout and stderr both go to
/// the terminal. A clean environment but for the key and the server: no `TERM`.
pub fn on_a_terminal(server: &Server, args: &[&str], typed: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("oaichat");
    let quoted: Vec<String> = std::iter::once(bin.display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let mut child = Command::new("script")
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run under script (util-linux)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(typed.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_no_key(&output.stdout);
    String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n")
}
