//! oaichat on a pseudo-terminal, where stdin and stderr are a terminal.

use super::{KEY, Server, assert_no_key};

/// Runs oaichat on a pseudo-terminal (util-linux `script`), typing `typed` at it at once,
/// before it is ready to read: returns the screen, with `\r\n` as `\n`.
pub fn on_a_terminal(server: &Server, args: &[&str], typed: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("oaichat");
    let quoted: Vec<String> = std::iter::once(bin.display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let mut child = std::process::Command::new("script")
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
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
