//! A small HTTP/1.1 server on loopback that plays scripted replies and records requests.
//!
//! Written on `std::net` so a test controls every byte and every pause: replies can be
//! sent whole, in chunked pieces with delays, held until the test releases a gate, or cut
//! off mid-body. Each connection gets one reply and is closed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// One step of a reply body.
pub enum Step {
    /// Write these bytes (one TCP write; one HTTP chunk when chunked).
    Write(Vec<u8>),
    /// Write each piece as its own HTTP chunk, all in one TCP write (a chunked reply
    /// only): what a client sees from a fast server.
    Chunks(Vec<Vec<u8>>),
    /// Pause.
    Sleep(Duration),
    /// Wait until the test calls [`Gate::open`] (at most 20 s, so a bug cannot hang CI).
    Wait(Receiver<()>),
    /// Close the connection here, without finishing the body.
    Cut,
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub steps: Vec<Step>,
    /// `Transfer-Encoding: chunked` (as streaming servers do) instead of Content-Length.
    pub chunked: bool,
    /// Close the connection without answering (a reset, as far as the client can tell).
    pub hang_up: bool,
    /// A Content-Length to announce instead of the body's own (a body cut short).
    pub announced_length: Option<usize>,
}

impl Reply {
    /// A complete body with a Content-Length.
    pub fn body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            steps: vec![Step::Write(body.into())],
            chunked: false,
            hang_up: false,
            announced_length: None,
        }
    }

    /// A JSON body that announces its whole length, sends half, and closes: what a
    /// connection reset mid-answer looks like to the client.
    pub fn cut_short(status: u16, body: &str) -> Reply {
        let half = body.as_bytes()[..body.len() / 2].to_vec();
        Reply {
            announced_length: Some(body.len()),
            ..Reply::body(status, "application/json", half)
        }
    }

    /// Reads the request, then closes the connection without a word.
    pub fn hang_up() -> Reply {
        Reply {
            hang_up: true,
            ..Reply::body(0, "", "")
        }
    }

    pub fn json(status: u16, value: &Value) -> Reply {
        Reply::body(status, "application/json", value.to_string())
    }

    /// A streaming reply: each piece is its own chunk and TCP write.
    pub fn stream(steps: Vec<Step>) -> Reply {
        Reply {
            status: 200,
            headers: vec![(
                "content-type".into(),
                "text/event-stream; charset=utf-8".into(),
            )],
            steps,
            chunked: true,
            hang_up: false,
            announced_length: None,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Lets a test hold part of a reply back until it has seen what it waits for.
pub struct Gate(Sender<()>);

impl Gate {
    pub fn new() -> (Gate, Step) {
        let (tx, rx) = channel();
        (Gate(tx), Step::Wait(rx))
    }

    pub fn open(&self) {
        // The server may have given up waiting already; the test's assertions say so.
        let _ = self.0.send(());
    }
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// When the request arrived, by the server's clock.
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
}

pub struct Server {
    addr: SocketAddr,
    scheme: &'static str,
    log: Log,
}

type Log = Arc<Mutex<Vec<Recorded>>>;

impl Server {
    pub fn start(replies: Vec<Reply>) -> Server {
        Server::listen("http", replies, Some)
    }

    /// A concurrent server whose replies are computed from each request (a thread per
    /// connection, so slow replies overlap as a real API's do).
    pub fn handle<F>(handler: F) -> Server
    where
        F: Fn(&Recorded) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let log: Log = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&log);
        let handler = Arc::new(handler);
        thread::spawn(move || {
            for tcp in listener.incoming() {
                let Ok(mut tcp) = tcp else { continue };
                let seen = Arc::clone(&seen);
                let handler = Arc::clone(&handler);
                thread::spawn(move || {
                    let _ = tcp.set_nodelay(true);
                    let Some(request) = read_request(&mut tcp) else {
                        return;
                    };
                    seen.lock().expect("log lock").push(request.clone());
                    write_reply(&mut tcp, handler(&request));
                });
            }
        });
        Server {
            addr,
            scheme: "http",
            log,
        }
    }

    /// The same server behind TLS, with the given certificate (see `support::tls`).
    pub fn start_tls(replies: Vec<Reply>, config: Arc<rustls::ServerConfig>) -> Server {
        Server::listen("https", replies, move |tcp| {
            let connection = rustls::ServerConnection::new(Arc::clone(&config)).ok()?;
            Some(rustls::StreamOwned::new(connection, tcp))
        })
    }

    fn listen<S, F>(scheme: &'static str, replies: Vec<Reply>, wrap: F) -> Server
    where
        S: Read + Write,
        F: Fn(TcpStream) -> Option<S> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let log: Log = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&log);
        thread::spawn(move || {
            let mut replies = replies.into_iter();
            for tcp in listener.incoming() {
                let Ok(tcp) = tcp else { continue };
                let _ = tcp.set_nodelay(true);
                let Some(mut stream) = wrap(tcp) else {
                    continue;
                };
                // A client that rejects the certificate ends here, with nothing recorded.
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                seen.lock().expect("log lock").push(request);
                let reply = replies.next().unwrap_or_else(|| {
                    Reply::body(500, "text/plain", "test server: no reply scripted")
                });
                write_reply(&mut stream, reply);
            }
        });
        Server { addr, scheme, log }
    }

    /// The base URL, as OPENAI_BASE_URL takes it.
    pub fn base_url(&self) -> String {
        format!("{}://{}/v1", self.scheme, self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().expect("log lock").clone()
    }

    /// The one request the test expected.
    pub fn request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request");
        requests.into_iter().next().expect("one request")
    }
}

fn read_request(stream: &mut impl Read) -> Option<Recorded> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded {
        method,
        path,
        headers,
        body,
        at: Instant::now(),
    })
}

fn write_reply(stream: &mut impl Write, reply: Reply) {
    if reply.hang_up {
        return; // closed without a word, as a dying proxy does
    }
    if stream.write_all(reply_head(&reply).as_bytes()).is_err() {
        return;
    }
    for step in reply.steps {
        if !play(stream, step, reply.chunked) {
            return;
        }
    }
    if reply.chunked {
        let _ = stream.write_all(b"0\r\n\r\n");
    }
}

/// The status line and headers, with the framing header the body needs.
fn reply_head(reply: &Reply) -> String {
    let mut head = format!(
        "HTTP/1.1 {} Scripted\r\nconnection: close\r\n",
        reply.status
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if reply.chunked {
        head.push_str("transfer-encoding: chunked\r\n");
    } else {
        let length: usize = reply.announced_length.unwrap_or_else(|| {
            reply
                .steps
                .iter()
                .map(|s| if let Step::Write(b) = s { b.len() } else { 0 })
                .sum()
        });
        head.push_str(&format!("content-length: {length}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// Plays one step of a reply body; false once the reply is over early (cut off, or the
/// client went away).
fn play(stream: &mut impl Write, step: Step, chunked: bool) -> bool {
    let written = match step {
        Step::Write(bytes) if chunked => stream.write_all(&chunk(&bytes)),
        Step::Write(bytes) => stream.write_all(&bytes),
        Step::Chunks(pieces) => {
            let framed: Vec<u8> = pieces.iter().flat_map(|piece| chunk(piece)).collect();
            stream.write_all(&framed)
        }
        Step::Sleep(d) => {
            thread::sleep(d);
            Ok(())
        }
        Step::Wait(rx) => {
            let _ = rx.recv_timeout(Duration::from_secs(20));
            Ok(())
        }
        Step::Cut => return false,
    };
    // An error means the client went away, as `| head` makes it do.
    written.and_then(|()| stream.flush()).is_ok()
}

/// One HTTP chunk: its length in hex, the bytes, and the closing CRLF.
fn chunk(bytes: &[u8]) -> Vec<u8> {
    let mut framed = format!("{:x}\r\n", bytes.len()).into_bytes();
    framed.extend_from_slice(bytes);
    framed.extend_from_slice(b"\r\n");
    framed
}
