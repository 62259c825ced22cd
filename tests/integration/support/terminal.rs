//! oaichat on a pseudo-terminal: typed at all at once (util-linux `script`), or step by
//! step, each step waiting for what the screen shows (python3's pty module).

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

/// Drives oaichat on a pseudo-terminal step by step: for each `(shown, typed)`, waits
/// (10 s at most) until the screen shows `shown` after the previous step's, then types
/// `typed`. Then waits for oaichat to end (killed after 10 s, which the screen says).
/// Returns the screen as it came, `\r\n` and all.
pub fn at_a_terminal(server: &Server, args: &[&str], steps: &[(&str, &str)]) -> String {
    const DRIVER: &str = r#"
import json, os, pty, select, sys, time
steps, argv = json.loads(sys.argv[1]), sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
seen, mark = b"", 0
def read(limit):
    global seen
    if select.select([fd], [], [], limit)[0]:
        try:
            seen += os.read(fd, 4096)
        except OSError:
            return False
    return True
for shown, typed in steps:
    end = time.time() + 10
    while seen.find(shown.encode(), mark) < 0 and time.time() < end:
        if not read(0.05):
            break
    at = seen.find(shown.encode(), mark)
    mark = at + len(shown.encode()) if at >= 0 else len(seen)
    os.write(fd, typed.encode())
end = time.time() + 10
while os.waitpid(pid, os.WNOHANG) == (0, 0):
    if time.time() > end:
        os.kill(pid, 9)
        seen += b"[oaichat did not end]"
        break
    read(0.1)
while read(0.05) and select.select([fd], [], [], 0)[0]:
    pass
sys.stdout.write(seen.decode(errors="replace"))
"#;
    let steps = serde_json::to_string(steps).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new("python3")
        .args(["-c", DRIVER, &steps])
        .arg(assert_cmd::cargo::cargo_bin!("oaichat"))
        .args(args)
        .env_clear()
        .env("TERM", "xterm")
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .current_dir(dir.path())
        .output()
        .expect("python3 drives the pseudo-terminal");
    assert_no_key(&output.stdout);
    String::from_utf8_lossy(&output.stdout).into_owned()
}
