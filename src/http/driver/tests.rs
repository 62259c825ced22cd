//! The body reader against a real loopback server: batching, pieces, timeouts, cuts,
//! the read-ahead bound, and exiting while a blocking task hangs.
#![cfg(test)]

use super::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

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
    let driver = Driver::new(|| false).expect("runtime");
    let http = reqwest::Client::new();
    let inner = driver
        .block_on(async { http.get(url).send().await })
        .expect("response");
    Response::new(inner, &driver, per_piece(idle))
}

fn per_piece(idle: Duration) -> Wait {
    Wait::per_piece(idle, "--idle-timeout")
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
    assert!(matches!(err, Error::Silent { cause: None, .. }), "{err:?}");
    drop(go);
}

/// In the chat, Ctrl-C must stop an answer even while nothing arrives (a model that
/// thinks before it writes): the wait checks, it does not sit out the idle timeout.
#[test]
fn a_silent_wait_gives_up_when_cancelled() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STOP: AtomicBool = AtomicBool::new(false);
    let (go, wait) = mpsc::channel::<()>();
    let url = serve(move |stream| {
        stream.write_all(&chunk(b"first")).expect("chunk");
        let _ = wait.recv(); // silent until the test is done
    });
    let driver = Driver::new(|| STOP.load(Ordering::SeqCst)).expect("runtime");
    let inner = driver
        .block_on(async { reqwest::Client::new().get(&url).send().await })
        .expect("response");
    let mut response = Response::new(inner, &driver, per_piece(Duration::from_secs(60)));
    let mut buf = [0u8; 64];
    assert_eq!(response.read(&mut buf).expect("first"), 5);
    let stopper = std::thread::spawn(|| {
        std::thread::sleep(Duration::from_millis(150));
        STOP.store(true, Ordering::SeqCst);
    });
    let err = response.read(&mut buf).expect_err("stopped");
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    stopper.join().expect("stopper");
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
    let mut buf = [0u8; 64];
    let err = loop {
        match response.read(&mut buf) {
            Ok(0) => panic!("the cut body read as whole: {body:?}"),
            Ok(n) => body.extend_from_slice(&buf[..n]),
            Err(err) => break err,
        }
    };
    assert!(body.starts_with(b"partial"), "{body:?}");
    assert!(matches!(err, Error::CutOff { .. }), "{err:?}");
    // The error ends the body: every read after it says so again.
    assert!(matches!(response.read(&mut buf), Err(Error::CutOff { .. })));
}

/// A DNS lookup runs on a blocking thread that cannot be cancelled; after the connect
/// timeout has failed the request, oaichat must exit without waiting for it.
#[test]
fn dropping_the_driver_does_not_wait_for_a_hung_blocking_task() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let driver = Driver::new(|| false).expect("runtime");
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

/// A whole body is read up to its cap, through as many reads and as much growth as it
/// takes; one byte more is an error, not a silent cut.
#[test]
fn a_whole_body_is_read_up_to_its_cap_and_not_past_it() {
    use crate::http::client::read_limited;
    let body: Vec<u8> = (0..5000u32).map(|i| b'a' + (i % 26) as u8).collect();
    let serve_body = |body: Vec<u8>| {
        serve(move |stream| {
            for piece in body.chunks(700) {
                stream.write_all(&chunk(piece)).expect("chunk");
            }
            stream.write_all(b"0\r\n\r\n").expect("end");
        })
    };
    let whole = read_limited(get(&serve_body(body.clone()), IDLE), 5000).expect("at the cap");
    assert_eq!(whole, body);
    let err = read_limited(get(&serve_body(body), IDLE), 4999).expect_err("past the cap");
    assert!(matches!(err, Error::TooLarge { limit: 4999 }), "{err:?}");
}
