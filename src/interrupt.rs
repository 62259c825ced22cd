//! Ctrl-C (SIGINT): keep what was printed, end the line, exit 130 (128 + SIGINT).
//!
//! The handler runs on its own thread while the main thread may be blocked reading the
//! socket or writing a full pipe, so it cannot wait for the main thread. It writes the
//! closing newline from a helper thread, gives that a moment, and exits either way.
//!
//! In the interactive chat a first Ctrl-C only stops the answer being streamed (the stream
//! reader checks [`take_request`] after every read) and the chat goes on; a second one,
//! before the first was noticed, exits as above.
//!
//! `std::process::exit` runs no destructors, so the child processes oaichat started (MCP
//! servers, issue 14) would outlive it: whoever starts one registers it with
//! [`track_child`], and the handler ends every registered child before exiting.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crate::error::code;

/// Whether streamed text on stdout stands without its final newline.
static LINE_OPEN: AtomicBool = AtomicBool::new(false);
/// A rendered answer is being written to stdout: its colours may be open.
static PAINTING: AtomicBool = AtomicBool::new(false);
/// Set by the interactive chat: Ctrl-C stops an answer instead of the program.
static SOFT: AtomicBool = AtomicBool::new(false);
/// A soft Ctrl-C not yet acted on.
static REQUESTED: AtomicBool = AtomicBool::new(false);
/// The handler is ending the program.
static EXITING: AtomicBool = AtomicBool::new(false);

/// How long the newline may take before oaichat exits without it (a full pipe whose
/// reader stopped would block it forever).
const NEWLINE_GRACE: Duration = Duration::from_millis(200);

/// Records whether stdout's last streamed byte ended a line.
pub fn set_line_open(open: bool) {
    LINE_OPEN.store(open, Ordering::Relaxed);
}

/// Records whether a rendered answer is being written (issue 15: Ctrl-C mid-render must
/// leave the terminal's colours as they were).
pub fn set_painting(painting: bool) {
    PAINTING.store(painting, Ordering::Relaxed);
}

/// Makes Ctrl-C stop the current answer only (the interactive chat).
pub fn set_soft(soft: bool) {
    SOFT.store(soft, Ordering::Relaxed);
}

/// Whether a soft Ctrl-C came since the last call (and forgets it).
pub fn take_request() -> bool {
    REQUESTED.swap(false, Ordering::Relaxed)
}

/// Whether a soft Ctrl-C is waiting to be acted on (without forgetting it): lets a wait
/// for the network give up at once instead of at the next piece of the answer.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Lets an exit that has begun finish: called by `main` before it ends the program. Ending
/// the children makes the main thread's wait for them fail at once; without this, its
/// error (and exit code) would beat the handler's "interrupted" and 130.
pub fn yield_to_exit() {
    while EXITING.load(Ordering::SeqCst) {
        std::thread::park();
    }
}

/// Installs the handler. Without it (if installing fails) Ctrl-C still ends oaichat,
/// through the default signal action, just without the tidy line end.
pub fn install() -> bool {
    ctrlc::set_handler(on_interrupt).is_ok()
}

fn on_interrupt() {
    if SOFT.load(Ordering::Relaxed) && !REQUESTED.swap(true, Ordering::Relaxed) {
        return;
    }
    EXITING.store(true, Ordering::SeqCst);
    // No spinner frame, nor a progress bar, may follow the exit's line.
    crate::spinner::stop();
    crate::progress::clear();
    let mut ending = Vec::new();
    if PAINTING.load(Ordering::Relaxed) {
        ending.extend_from_slice(b"\x1b[0m");
    }
    if LINE_OPEN.load(Ordering::Relaxed) {
        ending.push(b'\n');
    }
    if !ending.is_empty() {
        let (done_tx, done_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = std::io::stdout();
            let _ = out.write_all(&ending).and_then(|()| out.flush());
            let _ = done_tx.send(());
        });
        let _ = done_rx.recv_timeout(NEWLINE_GRACE);
    }
    crate::log::line(&mut std::io::stderr(), format_args!("interrupted"));
    keep_partial_output();
    end_children();
    std::process::exit(i32::from(code::INTERRUPTED));
}

/// `--output FILE`'s temporary file and where a partial answer goes, while it is written.
static OUTPUT: Mutex<Option<(PathBuf, PathBuf)>> = Mutex::new(None);

/// Tells the handler where `--output`'s answer is being written (None when it is done),
/// so that Ctrl-C keeps what came as `FILE.partial` instead of leaving a temporary file.
pub fn set_pending_output(paths: Option<(PathBuf, PathBuf)>) {
    if let Ok(mut output) = OUTPUT.lock() {
        *output = paths;
    }
}

/// Renames a pending `--output` file that has something in it (what was still buffered
/// is lost: the main thread may be in the middle of a write), or removes an empty one.
fn keep_partial_output() {
    let Some((temp, partial)) = OUTPUT.try_lock().ok().and_then(|mut o| o.take()) else {
        return;
    };
    let written = std::fs::metadata(&temp).is_ok_and(|m| m.len() > 0);
    if written && std::fs::rename(&temp, &partial).is_ok() {
        let shown = partial.display();
        crate::log::line(
            &mut std::io::stderr(),
            format_args!("the answer so far is in {shown}"),
        );
    } else {
        let _ = std::fs::remove_file(&temp);
    }
}

/// Children to end before exiting, by process id.
static CHILDREN: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// How long children get to exit after SIGTERM before SIGKILL.
const CHILD_GRACE: Duration = Duration::from_millis(300);

/// Registers a child to end on Ctrl-C. A child that leads its own process group (spawned
/// with `process_group(0)`, so that the terminal's Ctrl-C does not reach it first) is ended
/// with its whole group: `npx` and shell wrappers start the real server as a grandchild.
pub fn track_child(pid: u32) {
    children().push(pid);
}

/// Forgets a child that has been reaped: its id may be given to another process.
pub fn untrack_child(pid: u32) {
    children().retain(|&tracked| tracked != pid);
}

fn children() -> std::sync::MutexGuard<'static, Vec<u32>> {
    // Only pushes and removes happen under the lock: a poisoned list is still whole.
    CHILDREN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// SIGTERM to every tracked child and its group, a short grace to let them exit cleanly,
/// then SIGKILL to whatever is left.
fn end_children() {
    let pids = std::mem::take(&mut *children());
    if pids.is_empty() {
        return;
    }
    for &pid in &pids {
        signal_child(pid, Signal::Terminate);
    }
    let deadline = std::time::Instant::now() + CHILD_GRACE;
    while std::time::Instant::now() < deadline && pids.iter().any(|&pid| alive(pid)) {
        std::thread::sleep(Duration::from_millis(10));
    }
    for &pid in &pids {
        signal_child(pid, Signal::Kill);
    }
}

/// The two signals a child is ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Terminate,
    Kill,
}

/// Sends `signal` to the process group `pid` leads and to `pid` itself (a child that leads
/// no group still gets it). Errors are ignored: the child may be gone already.
pub fn signal_child(pid: u32, signal: Signal) {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return;
        };
        let number = match signal {
            Signal::Terminate => libc::SIGTERM,
            Signal::Kill => libc::SIGKILL,
        };
        // SAFETY: kill(2) takes plain integers and touches no memory of ours; a negative
        // id names the process group.
        unsafe {
            libc::kill(-pid, number);
            libc::kill(pid, number);
        }
    }
    #[cfg(not(unix))]
    let _ = (pid, signal);
}

/// Whether anything of the child's group is still running. The child itself is reaped
/// here if it has exited (its parent is exiting anyway), so that a zombie does not count.
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: waitpid(2) with a null status pointer and kill(2) with signal 0 (a
        // check only) touch no memory of ours.
        unsafe {
            libc::waitpid(pid, std::ptr::null_mut(), libc::WNOHANG);
            libc::kill(-pid, 0) == 0 || libc::kill(pid, 0) == 0
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}
