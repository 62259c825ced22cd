//! oaichat on a pseudo-terminal (util-linux `script`): what a person at a terminal sees,
//! escape sequences and all.

use std::io::Write as _;
use std::process::{Command, Stdio};

use super::{KEY, Server, assert_no_key};

/// Runs oaichat on a pseudo-terminal, typing `typed` at it; stdout and stderr both go to
/// the terminal. A clean environment but for the key and the server: no `TERM`.
pub fn on_a_terminal(server: &Server, args: &[&str], typed: &str) -> String {
    on_a_terminal_with(server, args, typed, &[])
}

/// As [`on_a_terminal`], with `env` set too (`TERM`: progress bars are drawn only on a
/// terminal that says what it is; a dumb one gets none).
pub fn on_a_terminal_with(
    server: &Server,
    args: &[&str],
    typed: &str,
    env: &[(&str, &str)],
) -> String {
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
        .envs(env.iter().copied())
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

/// The screen as it is left: each line as the terminal shows it in the end (what follows
/// its last carriage return, escape sequences left out). A progress bar drawn, cleared
/// and drawn again on a line leaves only what was written after its last clearing.
pub fn visible(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|line| without_escapes(line.rsplit('\r').next().unwrap_or_default()))
        .collect()
}

/// Text without its CSI escape sequences (ESC `[`, parameters, a final letter): colours,
/// line clearing, cursor moves.
pub fn without_escapes(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.clone().next() == Some('[') {
            chars
                .by_ref()
                .find(|c| ('@'..='~').contains(c) && *c != '[');
        } else {
            plain.push(c);
        }
    }
    plain
}

/// Whether the output sets colours or text attributes anywhere (an SGR sequence: ESC `[`,
/// numbers, `m`).
pub fn paints(screen: &str) -> bool {
    screen.split('\x1b').skip(1).any(|after| {
        let params = after.strip_prefix('[').unwrap_or_default();
        let end = params.find(|c: char| !(c.is_ascii_digit() || c == ';'));
        end.is_some_and(|end| params[end..].starts_with('m'))
    })
}
