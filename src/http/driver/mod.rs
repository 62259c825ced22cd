//! reqwest's client, driven on the calling thread: blocking calls without a second thread.
//!
//! `reqwest::blocking` runs the connection on a background thread and hands each body
//! frame across to the reader. OpenAI and the servers that copy it send a stream with
//! chunked transfer encoding, one HTTP chunk per event, so every event cost two
//! cross-thread wake-ups: a 20,000-event stream took 956 ms against curl's 18 ms, with
//! 40,000 context switches (scripts/bench.sh, issue 5). Here a current-thread tokio
//! runtime, owned by whoever sends, runs the connection and the reads on one thread. The
//! rest of oaichat still sees plain blocking calls, and reads whose errors are the layer's
//! own [`Error`].
//!
//! The body is pulled by a task of its own (the pump) into a small queue, and a read takes
//! everything queued. Between two tasks a frame costs a hand-off inside the scheduler; a
//! `block_on` for every frame would also cost a poll of the OS for events (tokio does one
//! whenever the future it blocks on wakes up), and the reader one write per frame.

use std::collections::VecDeque;
use std::future::{Future, poll_fn};
use std::io;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Poll, Waker};
use std::time::Duration;

use bytes::{Buf, Bytes};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

use crate::http::error::Error;
use crate::http::options::Wait;

/// How far the pump may read ahead of the reader, in bytes. A bound, so that a reader
/// slower than the network (a full stdout pipe) does not make the body pile up in memory.
const AHEAD: usize = 64 * 1024;

/// How often a wait looks at its `cancelled` check: a Ctrl-C in the chat stops a silent
/// wait (a reasoning model thinking, a local server loading its model) this soon.
const CHECK_EVERY: Duration = Duration::from_millis(100);

/// Runs futures to completion on the calling thread. Cheap to clone; every clone drives
/// the same connections, so it must not be shared between threads that send at once
/// (each line-mode worker has its own).
#[derive(Clone)]
pub struct Driver {
    runtime: Arc<Owned>,
    /// Whether the user has asked to stop waiting.
    cancelled: fn() -> bool,
}

/// Why a wait ended without its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    TimedOut,
    Cancelled,
}

/// The runtime, shut down without waiting when the last `Driver` goes. A plain drop waits
/// for its blocking threads, and a DNS lookup that hangs (getaddrinfo cannot be
/// cancelled) would keep oaichat from exiting after the connect timeout said it failed.
struct Owned(Option<Runtime>);

impl Drop for Owned {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Driver {
    /// A driver whose waits give up once `cancelled` says so.
    pub fn new(cancelled: fn() -> bool) -> io::Result<Driver> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        Ok(Driver {
            runtime: Arc::new(Owned(Some(runtime))),
            cancelled,
        })
    }

    fn runtime(&self) -> &Runtime {
        // Only `Owned::drop` takes it out, and nothing can call this after that.
        self.runtime
            .0
            .as_ref()
            .unwrap_or_else(|| unreachable!("runtime used after drop"))
    }

    /// Blocks until `future` is done, running the connections it needs meanwhile.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime().block_on(future)
    }

    /// Like [`Driver::block_on`], for at most `limit`, and stopping early once the
    /// `cancelled` check says so.
    pub fn run_for<F: Future>(&self, limit: Duration, future: F) -> Result<F::Output, Stop> {
        let cancelled = self.cancelled;
        self.block_on(async {
            let mut future = std::pin::pin!(future);
            let deadline = tokio::time::Instant::now() + limit;
            loop {
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                match tokio::time::timeout(left.min(CHECK_EVERY), future.as_mut()).await {
                    Ok(output) => return Ok(output),
                    Err(_) if left <= CHECK_EVERY => return Err(Stop::TimedOut),
                    Err(_) if cancelled() => return Err(Stop::Cancelled),
                    Err(_) => {}
                }
            }
        })
    }
}

/// A response whose body is read with blocking calls. A read returns as soon as any of
/// the body has arrived, with all that has arrived (up to the buffer's size).
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    driver: Driver,
    pipe: Arc<Mutex<Pipe>>,
    pump: JoinHandle<()>,
    /// The longest wait for the next piece of the body, and the flag that sets it.
    wait: Wait,
}

/// What the pump has read and the reader has not taken yet.
#[derive(Default)]
struct Pipe {
    frames: VecDeque<Bytes>,
    queued: usize,
    /// Set when the body is over: `Ok` at its end, or the error that ended it.
    end: Option<Result<(), Arc<reqwest::Error>>>,
    reader: Option<Waker>,
    pump: Option<Waker>,
}

impl Response {
    /// Starts pulling the body of `inner` on `driver`. A read waits at most `wait.limit`
    /// for the next piece.
    pub fn new(inner: reqwest::Response, driver: &Driver, wait: Wait) -> Response {
        let status = inner.status();
        let headers = inner.headers().clone();
        let pipe = Arc::new(Mutex::new(Pipe::default()));
        let pump = driver.runtime().spawn(pump(inner, Arc::clone(&pipe)));
        Response {
            status,
            headers,
            driver: driver.clone(),
            pipe,
            pump,
            wait,
        }
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

fn lock(pipe: &Mutex<Pipe>) -> MutexGuard<'_, Pipe> {
    // Nothing panics while holding the lock; were it poisoned, the queue is still whole.
    pipe.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Reads the body into the pipe until it ends, staying at most [`AHEAD`] bytes ahead.
async fn pump(mut body: reqwest::Response, pipe: Arc<Mutex<Pipe>>) {
    loop {
        poll_fn(|cx| {
            let mut pipe = lock(&pipe);
            if pipe.queued < AHEAD {
                Poll::Ready(())
            } else {
                pipe.pump = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await;
        let next = body.chunk().await;
        let mut pipe = lock(&pipe);
        let over = match next {
            Ok(Some(frame)) => {
                pipe.queued += frame.len();
                pipe.frames.push_back(frame);
                false
            }
            Ok(None) => {
                pipe.end = Some(Ok(()));
                true
            }
            Err(err) => {
                pipe.end = Some(Err(Arc::new(err)));
                true
            }
        };
        if let Some(reader) = pipe.reader.take() {
            reader.wake();
        }
        if over {
            return;
        }
    }
}

impl Response {
    /// Reads what has arrived of the body into `buf`, waiting for something if nothing
    /// has; 0 at its end. An error ends the body: every later read returns it again.
    pub fn read(&mut self, buf: &mut [u8]) -> Result<usize, Error> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            // No timer at all when something is queued: most reads of a fast stream.
            if !lock(&self.pipe).ready()
                && let Err(stop) = self.wait()
            {
                return Err(self.stopped(stop));
            }
            let mut pipe = lock(&self.pipe);
            let filled = pipe.take(buf);
            if let Some(pump) = pipe.pump.take() {
                pump.wake();
            }
            match &pipe.end {
                _ if filled > 0 => return Ok(filled),
                Some(Err(err)) => return Err(self.failed(err)),
                Some(Ok(())) if pipe.frames.is_empty() => return Ok(0),
                // Only empty frames so far: wait for more.
                _ => {}
            }
        }
    }

    /// The error that ended the body. reqwest times out a whole answer by itself (the
    /// request's deadline); that is the same wait running out as a silence here.
    #[cold]
    fn failed(&self, err: &Arc<reqwest::Error>) -> Error {
        if err.is_timeout() {
            Error::Silent {
                wait: self.wait,
                cause: Some(Arc::clone(err)),
            }
        } else {
            Error::CutOff {
                cause: Arc::clone(err),
            }
        }
    }

    /// A wait for the next piece given up: the silence lasted too long, or the user asked
    /// to stop.
    #[cold]
    fn stopped(&self, stop: Stop) -> Error {
        match stop {
            Stop::TimedOut => Error::Silent {
                wait: self.wait,
                cause: None,
            },
            Stop::Cancelled => Error::Cancelled,
        }
    }

    /// Runs the connection until the pump has queued something, at most the wait.
    fn wait(&self) -> Result<(), Stop> {
        let arrived = poll_fn(|cx| {
            let mut pipe = lock(&self.pipe);
            if pipe.ready() {
                Poll::Ready(())
            } else {
                pipe.reader = Some(cx.waker().clone());
                Poll::Pending
            }
        });
        self.driver.run_for(self.wait.limit, arrived)
    }
}

impl Pipe {
    /// Whether a read can return now: bytes are queued, or the body is over.
    fn ready(&self) -> bool {
        !self.frames.is_empty() || self.end.is_some()
    }

    /// Moves queued bytes into `buf`, as many as fit.
    fn take(&mut self, buf: &mut [u8]) -> usize {
        let mut filled = 0;
        while filled < buf.len() {
            let Some(frame) = self.frames.front_mut() else {
                break;
            };
            let n = frame.len().min(buf.len() - filled);
            buf[filled..filled + n].copy_from_slice(&frame[..n]);
            frame.advance(n);
            filled += n;
            if frame.is_empty() {
                self.frames.pop_front();
            }
        }
        self.queued -= filled;
        filled
    }
}

impl Drop for Response {
    fn drop(&mut self) {
        // A body left unread: stop pulling it, which closes its connection.
        self.pump.abort();
    }
}

// Tests only: the file opens with `#![cfg(test)]`.
mod tests;
