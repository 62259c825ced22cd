//! Running a command tool: the call's arguments as JSON on stdin and in
//! `OAICHAT_TOOL_ARGS`, no shell, a time limit, and stdout (capped) as the result. A
//! command that fails or hangs gives a result that says so, never an error: the model
//! reads it and can recover (try other arguments, answer without the tool).

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The most of a command's stdout sent back to the model.
pub const MAX_RESULT: usize = 1024 * 1024;
/// The most of its stderr kept, for the lines a failure shows.
const STDERR_TAIL: usize = 4096;

/// What a run gave the model, and how it went (for `-v`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    pub result: String,
    /// Exited 0 in time.
    pub ok: bool,
    pub elapsed: Duration,
}

/// Runs `argv` for one call with `arguments` (the model's JSON text), waiting at most
/// `wait`.
pub fn command(argv: &[String], arguments: &str, wait: Duration) -> Ran {
    let started = Instant::now();
    let spawned = Command::new(&argv[0])
        .args(&argv[1..])
        .env("OAICHAT_TOOL_ARGS", arguments)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => {
            return Ran {
                result: format!("the tool's command {} could not start: {e}", argv[0]),
                ok: false,
                elapsed: started.elapsed(),
            };
        }
    };
    // The command stays in oaichat's process group: a Ctrl-C at the terminal stops it too.
    finish(&mut child, arguments, wait, started)
}

/// Feeds stdin, drains stdout and stderr on threads (a command that writes a lot before
/// reading must not block on a full pipe), and waits, killing it at the deadline.
fn finish(child: &mut Child, arguments: &str, wait: Duration, started: Instant) -> Ran {
    let mut stdin = child.stdin.take();
    let input = arguments.as_bytes().to_vec();
    // A command that never reads its stdin closes it: that is not an error.
    let feeder = thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(&input);
        }
    });
    let stdout = child
        .stdout
        .take()
        .map(|out| thread::spawn(move || capped(out, MAX_RESULT)));
    let stderr = child
        .stderr
        .take()
        .map(|err| thread::spawn(move || tail(err, STDERR_TAIL)));
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= wait => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let _ = feeder.join();
    let (out, cut) = stdout.and_then(|t| t.join().ok()).unwrap_or_default();
    let err = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    let mut result = String::from_utf8_lossy(&out).into_owned();
    if cut > 0 {
        result.push_str(&format!(
            "\n[output cut at 1 MB: {cut} more bytes not shown]"
        ));
    }
    let code = status.and_then(|s| s.code());
    let ok = status.is_some_and(|s| s.success());
    let result = match (status, ok) {
        (_, true) => result,
        (None, _) => failed(
            format!("did not finish in {} s and was stopped", wait.as_secs_f64()),
            &result,
            &err,
        ),
        (Some(_), false) => {
            let how = code.map_or("was killed by a signal".to_string(), |c| {
                format!("exited with code {c}")
            });
            failed(how, &result, &err)
        }
    };
    Ran {
        result,
        ok,
        elapsed: started.elapsed(),
    }
}

/// A failure's result: what happened, what it printed, its last stderr lines.
fn failed(how: String, stdout: &str, stderr: &[u8]) -> String {
    let mut text = format!("the tool's command {how}");
    if !stdout.trim().is_empty() {
        text.push_str(&format!("\nits output:\n{}", stdout.trim_end()));
    }
    let stderr = String::from_utf8_lossy(stderr);
    let last: Vec<&str> = stderr.lines().rev().take(10).collect();
    if !last.is_empty() {
        let last: Vec<&str> = last.into_iter().rev().collect();
        text.push_str(&format!(
            "\nthe last lines of its stderr:\n{}",
            last.join("\n")
        ));
    }
    text
}

/// Reads all of `from`, keeping the first `limit` bytes; returns them and how many more
/// there were.
fn capped(mut from: impl Read, limit: usize) -> (Vec<u8>, usize) {
    let (mut kept, mut more) = (Vec::new(), 0);
    let mut buf = [0u8; 16 * 1024];
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        let room = limit.saturating_sub(kept.len()).min(n);
        kept.extend_from_slice(&buf[..room]);
        more += n - room;
    }
    (kept, more)
}

/// Reads all of `from`, keeping the last `limit` bytes.
fn tail(mut from: impl Read, limit: usize) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        kept.extend_from_slice(&buf[..n]);
        if kept.len() > 2 * limit {
            kept.drain(..kept.len() - limit);
        }
    }
    let start = kept.len().saturating_sub(limit);
    kept.split_off(start)
}
