//! The spinner a person at a terminal sees on stderr while the model thinks (issue 15):
//! from the request until the first thing printed, with the seconds waited after two.
//!
//! One at a time, held in a global so that the code that prints first (deep in the stream
//! printer, a log line, the Ctrl-C handler) can stop it without being handed it: every
//! writer to the terminal calls [`stop`] before it writes, so the spinner's line is gone
//! (cleared, not left half-drawn) before anything else appears. Never started when stderr
//! or the answer is not a terminal: a pipe never sees it.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/// A redraw rate the eye reads as motion, and no faster: each frame is a write.
const FRAME: Duration = Duration::from_millis(100);
/// Short waits show no count: it would only flicker.
const COUNT_AFTER: Duration = Duration::from_secs(2);

struct Running {
    done: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

static RUNNING: Mutex<Option<Running>> = Mutex::new(None);
/// Whether one may run: lets [`stop`], called for every chunk of a stream, skip the lock.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Stops the spinner when dropped (an exchange that fails stops it too).
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        stop();
    }
}

/// Starts the spinner when `on` (stderr and the answer are terminals); the guard stops it.
pub fn start(on: bool) -> Guard {
    if on {
        let done = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&done);
        let thread = thread::spawn(move || spin(&flag));
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        ACTIVE.store(true, Ordering::Relaxed);
        if let Some(old) = running.replace(Running { done, thread }) {
            end(old);
        }
    }
    Guard(())
}

/// Stops the spinner, if one runs, and clears its line. Cheap when none does.
pub fn stop() {
    if !ACTIVE.swap(false, Ordering::Relaxed) {
        return;
    }
    let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(running) = running {
        end(running);
    }
}

fn end(running: Running) {
    running.done.store(true, Ordering::Relaxed);
    // The thread clears its own line as it ends; a panic in it changes nothing here.
    let _ = running.thread.join();
}

fn spin(done: &AtomicBool) {
    let started = Instant::now();
    let mut err = std::io::stderr();
    let mut frame = 0;
    while !done.load(Ordering::Relaxed) {
        let _ = write!(
            err,
            "\r{}",
            line(FRAMES[frame % FRAMES.len()], started.elapsed())
        );
        let _ = err.flush();
        frame += 1;
        // Sleeps in short steps so that stopping is quick.
        let next = Instant::now() + FRAME;
        while Instant::now() < next && !done.load(Ordering::Relaxed) {
            thread::sleep(Duration::from_millis(10));
        }
    }
    let _ = write!(err, "\r\x1b[K");
    let _ = err.flush();
}

/// One frame: the spinner, and after two seconds how long the wait has been.
fn line(frame: char, waited: Duration) -> String {
    match waited >= COUNT_AFTER {
        true => format!(
            "{frame} waiting for the model… {:.0}s",
            waited.as_secs_f64()
        ),
        false => format!("{frame} waiting for the model…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_appears_after_two_seconds() {
        assert_eq!(
            line('⠋', Duration::from_millis(1900)),
            "⠋ waiting for the model…"
        );
        assert_eq!(
            line('⠙', Duration::from_millis(2600)),
            "⠙ waiting for the model… 3s"
        );
    }

    #[test]
    fn stopping_without_a_spinner_does_nothing_and_an_off_one_never_starts() {
        stop();
        let guard = start(false);
        assert!(RUNNING.lock().unwrap().is_none());
        drop(guard);
    }
}
