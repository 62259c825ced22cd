//! Ctrl-C (SIGINT): keep what was printed, end the line, exit 130 (128 + SIGINT).
//!
//! The handler runs on its own thread while the main thread may be blocked reading the
//! socket or writing a full pipe, so it cannot wait for the main thread. It writes the
//! closing newline from a helper thread, gives that a moment, and exits either way.
//!
//! In the interactive chat a first Ctrl-C only stops the answer being streamed (the stream
//! reader checks [`take_request`] after every read) and the chat goes on; a second one,
//! before the first was noticed, exits as above.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crate::error::code;

/// Whether streamed text on stdout stands without its final newline.
static LINE_OPEN: AtomicBool = AtomicBool::new(false);
/// Set by the interactive chat: Ctrl-C stops an answer instead of the program.
static SOFT: AtomicBool = AtomicBool::new(false);
/// A soft Ctrl-C not yet acted on.
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// How long the newline may take before oaichat exits without it (a full pipe whose
/// reader stopped would block it forever).
const NEWLINE_GRACE: Duration = Duration::from_millis(200);

/// Records whether stdout's last streamed byte ended a line.
pub fn set_line_open(open: bool) {
    LINE_OPEN.store(open, Ordering::Relaxed);
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

/// Installs the handler. Without it (if installing fails) Ctrl-C still ends oaichat,
/// through the default signal action, just without the tidy line end.
pub fn install() -> bool {
    ctrlc::set_handler(on_interrupt).is_ok()
}

fn on_interrupt() {
    if SOFT.load(Ordering::Relaxed) && !REQUESTED.swap(true, Ordering::Relaxed) {
        return;
    }
    if LINE_OPEN.load(Ordering::Relaxed) {
        let (done_tx, done_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\n").and_then(|()| out.flush());
            let _ = done_tx.send(());
        });
        let _ = done_rx.recv_timeout(NEWLINE_GRACE);
    }
    crate::log::line(&mut std::io::stderr(), format_args!("interrupted"));
    keep_partial_output();
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
