//! A stdio server's process: spawned in its own process group, registered so that Ctrl-C
//! ends it, its stderr kept in a [`Tail`], and ended with its whole group.
//!
//! Its own group, because a terminal's Ctrl-C goes to the whole foreground group: the
//! server would die mid-answer before oaichat decided anything, and `npx`, `uvx` or a
//! shell script start the real server as a grandchild, which only a group signal reaches.
//! Ending it follows the MCP spec's order for stdio: close its stdin, wait, SIGTERM, wait,
//! SIGKILL (here to the group, so no grandchild is left behind).

use std::collections::BTreeMap;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::process::{ChildStdin, ChildStdout};
use tokio::task::JoinHandle;

use super::error::SHOWN_LINES;
use super::tail::Tail;
use crate::interrupt::{self, Signal};

/// How long a server gets to exit by itself once its stdin is closed, and again after
/// SIGTERM.
const GRACE: Duration = Duration::from_millis(500);

/// How long to wait for the last of stderr once the server has exited.
const LAST_WORDS: Duration = Duration::from_millis(200);

pub struct Child {
    process: tokio::process::Child,
    /// None once the process has been reaped (its id may then be another's).
    pid: Option<u32>,
    stderr: Arc<Mutex<Tail>>,
    reader: Option<JoinHandle<()>>,
}

impl Child {
    /// Starts `command` with exactly `env` as its environment, and returns it with the
    /// pipes the protocol runs over. Must be called within the runtime.
    pub fn spawn(
        command: &str,
        args: &[String],
        env: &BTreeMap<String, String>,
    ) -> std::io::Result<(Child, ChildStdout, ChildStdin)> {
        let mut cmd = tokio::process::Command::new(command);
        cmd.args(args)
            .env_clear()
            .envs(env)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        cmd.process_group(0);
        let mut process = cmd.spawn()?;
        let pid = process.id();
        if let Some(pid) = pid {
            interrupt::track_child(pid);
        }
        let pipes = (process.stdout.take(), process.stdin.take());
        let stderr = Arc::new(Mutex::new(Tail::default()));
        let reader = process.stderr.take().map(|pipe| {
            let tail = Arc::clone(&stderr);
            tokio::spawn(keep_tail(pipe, tail))
        });
        let child = Child {
            process,
            pid,
            stderr,
            reader,
        };
        match pipes {
            (Some(stdout), Some(stdin)) => Ok((child, stdout, stdin)),
            // Asked for above: std only leaves them out when not piped.
            _ => Err(std::io::Error::other(
                "the server's stdin or stdout is not a pipe",
            )),
        }
    }

    /// How the process ended, if it ends within `within`.
    pub async fn exited(&mut self, within: Duration) -> Option<ExitStatus> {
        let status = tokio::time::timeout(within, self.process.wait()).await;
        let status = status.ok()?.ok()?;
        self.reaped();
        Some(status)
    }

    /// The last lines of stderr. When the process has exited, its last words are waited
    /// for a moment, so that the tail holds what it said as it died.
    pub async fn stderr_tail(&mut self) -> Vec<String> {
        if self.pid.is_none()
            && let Some(reader) = &mut self.reader
        {
            let _ = tokio::time::timeout(LAST_WORDS, reader).await;
        }
        let tail = self.stderr.lock().unwrap_or_else(|p| p.into_inner());
        tail.last(SHOWN_LINES)
    }

    /// Ends the process (its stdin must be closed already): it gets [`GRACE`] to exit by
    /// itself, then SIGTERM and [`GRACE`] again, then SIGKILL. Then whatever is left of its
    /// group gets SIGKILL too.
    pub async fn end(mut self) {
        if let Some(pid) = self.pid {
            if self.exited(GRACE).await.is_none() {
                interrupt::signal_child(pid, Signal::Terminate);
                if self.exited(GRACE).await.is_none() {
                    interrupt::signal_child(pid, Signal::Kill);
                    let _ = self.exited(GRACE).await;
                }
            }
            // The group outlives its leader while a grandchild is in it.
            interrupt::signal_child(pid, Signal::Kill);
        }
    }

    fn reaped(&mut self) {
        if let Some(pid) = self.pid.take() {
            interrupt::untrack_child(pid);
        }
    }
}

/// A child dropped without [`Child::end`] (a failed start, a runtime going away) is killed
/// with its group at once.
impl Drop for Child {
    fn drop(&mut self) {
        if let Some(reader) = &self.reader {
            reader.abort();
        }
        let Some(pid) = self.pid.take() else {
            return;
        };
        interrupt::signal_child(pid, Signal::Kill);
        // Reaped here if it is gone already; else tokio's reaper gets it later.
        let _ = self.process.try_wait();
        interrupt::untrack_child(pid);
    }
}

/// Reads stderr until the server closes it, keeping the tail.
async fn keep_tail(mut pipe: tokio::process::ChildStderr, tail: Arc<Mutex<Tail>>) {
    let mut buffer = vec![0u8; 8192];
    loop {
        let read = pipe.read(&mut buffer).await;
        let mut tail = tail.lock().unwrap_or_else(|p| p.into_inner());
        match read {
            Ok(0) | Err(_) => return tail.finish(),
            Ok(n) => tail.push(&buffer[..n]),
        }
    }
}
