//! reqwest's client, driven on the calling thread: blocking calls without a second thread.
//!
//! `reqwest::blocking` runs the connection on a background thread and hands each body
//! frame across to the reader. OpenAI and the servers that copy it send a stream with
//! chunked transfer encoding, one HTTP chunk per event, so every event cost two
//! cross-thread wake-ups: a 20,000-event stream took 956 ms against curl's 18 ms, with
//! 40,000 context switches (scripts/bench.sh, issue 5). Here a current-thread tokio
//! runtime, owned by whoever sends, runs the connection and the reads on one thread. The
//! rest of oaichat still sees plain blocking calls and a `Read`.
//!
//! The body is pulled by a task of its own (the pump) into a small queue, and a read takes
//! everything queued. Between two tasks a frame costs a hand-off inside the scheduler; a
//! `block_on` for every frame would also cost a poll of the OS for events (tokio does one
//! whenever the future it blocks on wakes up), and the reader one write per frame.

use std::collections::VecDeque;
use std::future::{Future, poll_fn};
use std::io::{self, Read};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Poll, Waker};
use std::time::Duration;

use bytes::{Buf, Bytes};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

/// How far the pump may read ahead of the reader, in bytes. A bound, so that a reader
/// slower than the network (a full stdout pipe) does not make the body pile up in memory.
const AHEAD: usize = 64 * 1024;

/// Runs futures to completion on the calling thread. Cheap to clone; every clone drives
/// the same connections, so it must not be shared between threads that send at once
/// (each line-mode worker has its own).
#[derive(Clone)]
pub struct Driver {
    runtime: Arc<Owned>,
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
    pub fn new() -> io::Result<Driver> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        Ok(Driver {
            runtime: Arc::new(Owned(Some(runtime))),
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
}

/// A response whose body is read with blocking `Read` calls. A read returns as soon as
/// any of the body has arrived, with all that has arrived (up to the buffer's size).
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    driver: Driver,
    pipe: Arc<Mutex<Pipe>>,
    pump: JoinHandle<()>,
    /// The longest wait for the next piece of the body.
    idle: Duration,
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
    /// Starts pulling the body of `inner` on `driver`. A read waits at most `idle` for
    /// the next piece.
    pub fn new(inner: reqwest::Response, driver: &Driver, idle: Duration) -> Response {
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
            idle,
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

impl Read for Response {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            // No timer at all when something is queued: most reads of a fast stream.
            if !ready(&lock(&self.pipe)) {
                self.wait()?;
            }
            let mut pipe = lock(&self.pipe);
            let filled = pipe.take(buf);
            if let Some(pump) = pipe.pump.take() {
                pump.wake();
            }
            match &pipe.end {
                _ if filled > 0 => return Ok(filled),
                // Shared, so that callers can still ask reqwest whether it timed out.
                Some(Err(err)) => return Err(io::Error::other(Shared(Arc::clone(err)))),
                Some(Ok(())) if pipe.frames.is_empty() => return Ok(0),
                // Only empty frames so far: wait for more.
                _ => {}
            }
        }
    }
}

impl Response {
    /// Runs the connection until the pump has queued something, at most `idle`.
    fn wait(&self) -> io::Result<()> {
        let arrived = poll_fn(|cx| {
            let mut pipe = lock(&self.pipe);
            if ready(&pipe) {
                Poll::Ready(())
            } else {
                pipe.reader = Some(cx.waker().clone());
                Poll::Pending
            }
        });
        let idle = self.idle;
        match self
            .driver
            .block_on(async { tokio::time::timeout(idle, arrived).await })
        {
            Ok(()) => Ok(()),
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("no data for {}s", idle.as_secs_f64()),
            )),
        }
    }
}

impl Pipe {
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

fn ready(pipe: &Pipe) -> bool {
    !pipe.frames.is_empty() || pipe.end.is_some()
}

impl Drop for Response {
    fn drop(&mut self) {
        // A body left unread: stop pulling it, which closes its connection.
        self.pump.abort();
    }
}

/// A reqwest error that ended the body, kept for every read that comes after it.
#[derive(Debug)]
pub struct Shared(pub Arc<reqwest::Error>);

impl std::fmt::Display for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Shared {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::mpsc;

    /// Serves one chunked response on loopback: the head, then whatever `body` writes.
    fn serve(body: impl FnOnce(&mut TcpStream) + Send + 'static) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("address"));
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            while reader.read_line(&mut line).expect("request") > 2 {
                line.clear();
            }
            stream
                .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
                .expect("head");
            body(&mut stream);
        });
        url
    }

    fn chunk(data: &[u8]) -> Vec<u8> {
        let mut framed = format!("{:x}\r\n", data.len()).into_bytes();
        framed.extend_from_slice(data);
        framed.extend_from_slice(b"\r\n");
        framed
    }

    fn get(url: &str, idle: Duration) -> Response {
        let driver = Driver::new().expect("runtime");
        let http = reqwest::Client::new();
        let inner = driver
            .block_on(async { http.get(url).send().await })
            .expect("response");
        Response::new(inner, &driver, idle)
    }

    const IDLE: Duration = Duration::from_secs(10);

    /// The point of the pump: frames that have arrived come out many to a read.
    #[test]
    fn reads_take_many_arrived_frames_at_once() {
        let (go, wait) = mpsc::channel::<()>();
        let url = serve(move |stream| {
            let frames: Vec<u8> = (0..200)
                .flat_map(|i| chunk(format!("{i};").as_bytes()))
                .collect();
            stream.write_all(&frames).expect("frames");
            let _ = wait.recv();
            stream.write_all(b"0\r\n\r\n").expect("end");
        });
        let expected: String = (0..200).map(|i| format!("{i};")).collect();
        let mut response = get(&url, IDLE);
        let mut body = Vec::new();
        let mut buf = vec![0; 64 * 1024];
        let mut reads = 0;
        while body.len() < expected.len() {
            let n = response.read(&mut buf).expect("read");
            assert!(n > 0, "the body ended early");
            body.extend_from_slice(&buf[..n]);
            reads += 1;
        }
        assert_eq!(String::from_utf8_lossy(&body), expected);
        assert!(reads <= 20, "200 frames took {reads} reads");
        go.send(()).expect("go");
        assert_eq!(response.read(&mut buf).expect("end"), 0);
    }

    #[test]
    fn a_small_buffer_takes_frames_in_pieces_without_losing_a_byte() {
        let url = serve(|stream| {
            for word in ["alpha", "beta", "gamma delta"] {
                stream.write_all(&chunk(word.as_bytes())).expect("chunk");
            }
            stream.write_all(b"0\r\n\r\n").expect("end");
        });
        let mut response = get(&url, IDLE);
        let mut body = Vec::new();
        let mut buf = [0u8; 3];
        loop {
            let n = response.read(&mut buf).expect("read");
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
        }
        assert_eq!(body, b"alphabetagamma delta");
    }

    #[test]
    fn a_silent_body_times_out_after_the_idle_wait() {
        let (go, wait) = mpsc::channel::<()>();
        let url = serve(move |stream| {
            stream.write_all(&chunk(b"first")).expect("chunk");
            let _ = wait.recv(); // silent until the test is done
        });
        let mut response = get(&url, Duration::from_millis(100));
        let mut buf = [0u8; 64];
        assert_eq!(response.read(&mut buf).expect("first"), 5);
        let err = response.read(&mut buf).expect_err("silence");
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        drop(go);
    }

    #[test]
    fn a_body_cut_off_is_an_error_not_an_end() {
        let url = serve(|stream| {
            stream.write_all(&chunk(b"partial")).expect("chunk");
            stream.write_all(b"40\r\nnot all of").expect("cut chunk");
        });
        let mut response = get(&url, IDLE);
        let mut body = Vec::new();
        let err = response.read_to_end(&mut body).expect_err("cut off");
        assert!(body.starts_with(b"partial"), "{body:?}");
        assert!(err.get_ref().is_some_and(|e| e.is::<Shared>()), "{err:?}");
    }

    /// A DNS lookup runs on a blocking thread that cannot be cancelled; after the connect
    /// timeout has failed the request, oaichat must exit without waiting for it.
    #[test]
    fn dropping_the_driver_does_not_wait_for_a_hung_blocking_task() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let driver = Driver::new().expect("runtime");
        let finished = Arc::new(AtomicBool::new(false));
        let (release, hung) = mpsc::channel::<()>();
        let flag = Arc::clone(&finished);
        driver.block_on(async {
            drop(tokio::task::spawn_blocking(move || {
                let _ = hung.recv_timeout(Duration::from_secs(10));
                flag.store(true, Ordering::SeqCst);
            }));
        });
        drop(driver);
        // Had the drop waited, the task would have run to its end by now.
        assert!(!finished.load(Ordering::SeqCst));
        drop(release);
    }

    #[test]
    fn the_pump_stays_a_bounded_distance_ahead_of_the_reader() {
        let url = serve(|stream| {
            let frame = chunk(&[b'x'; 4096]);
            for _ in 0..256 {
                if stream.write_all(&frame).is_err() {
                    return; // the test is done
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        });
        let mut response = get(&url, IDLE);
        let mut byte = [0u8; 1];
        let mut total = 0;
        while response.read(&mut byte).expect("read") == 1 {
            total += 1;
            let queued = lock(&response.pipe).queued;
            assert!(queued <= AHEAD + 4096, "{queued} bytes read ahead");
            if total == 300_000 {
                break;
            }
        }
        assert_eq!(total, 300_000);
    }
}
