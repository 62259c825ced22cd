//! A minimal OpenAI-compatible server for benchmarks (scripts/bench.sh), on loopback only.
//!
//! `bench_server serve PORT` answers `POST /v1/chat/completions` until killed: a small
//! completion (after N ms for the model `bench-sleep-N`), or with `"stream": true` a stream
//! whose length is the number at the end of the model name (`bench-20000` → 20,000 content
//! chunks, about 5 MB of SSE). Streams are sent as OpenAI sends them: chunked transfer
//! encoding, one HTTP chunk per event.
//!
//! `bench_server first-chunk BIN RUNS` measures, RUNS times, the time from the server
//! writing the first content chunk to that text arriving on `BIN --stream`'s stdout pipe,
//! and prints the median in microseconds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The last chunk of a stream, as OpenAI sends it: no content, the finish reason.
const FINISH: &str = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1741570283,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n";

const ANSWER: &str = r#"{"id":"chatcmpl-bench","object":"chat.completion","created":1741570283,"model":"bench","choices":[{"index":0,"message":{"role":"assistant","content":"The 2020 World Series was won by the Los Angeles Dodgers.","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":13,"total_tokens":33}}"#;

/// The plain stream's pieces.
const WORDS: &[&str] = &["token ", "word "];

/// An answer as models write them, a few characters per piece (JSON-escaped).
const MARKDOWN: &[&str] = &[
    "## A ",
    "heading",
    "\\n\\n",
    "Some ",
    "**bold** ",
    "text and ",
    "`inline ",
    "code` ",
    "with a ",
    "[link](https://",
    "example.com) ",
    "that wraps ",
    "past the ",
    "width of ",
    "the terminal ",
    "at some ",
    "point.",
    "\\n\\n",
    "- a ",
    "list ",
    "item",
    "\\n",
    "  - nested ",
    "item",
    "\\n",
    "1. numbered",
    "\\n\\n",
    "```rust",
    "\\n",
    "fn main() ",
    "{",
    "\\n",
    "    let x = ",
    "\\\"text\\\";",
    "\\n",
    "    println!(",
    "\\\"{x}\\\");",
    "\\n",
    "}",
    "\\n",
    "```",
    "\\n\\n",
    "> a quote ",
    "line",
    "\\n\\n",
];

fn chunk(content: &str) -> String {
    format!(
        "data: {{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1741570283,\"model\":\"bench\",\"system_fingerprint\":\"fp_bench\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{content}\"}},\"logprobs\":null,\"finish_reason\":null}}]}}\n\n"
    )
}

/// As OpenAI's API answers a stream: chunked transfer encoding, one HTTP chunk per event.
const HEAD_CHUNKED: &str =
    "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";

/// One SSE event as one HTTP chunk.
fn write_chunk(out: &mut impl Write, event: &[u8]) -> std::io::Result<()> {
    write!(out, "{:x}\r\n", event.len())?;
    out.write_all(event)?;
    out.write_all(b"\r\n")
}

/// Reads one request; answers `100 Continue` when asked (curl does for large bodies).
fn read_request(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut length = 0;
    let mut expect = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(Vec::new());
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        expect |= lower.starts_with("expect: 100-continue");
        if line == "\r\n" {
            break;
        }
    }
    if expect {
        stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(body)
}

/// Answers requests on one connection until the client closes it (keep-alive), so line mode
/// can send 100,000 requests without running out of ports.
fn serve_one(mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    loop {
        let body = read_request(&mut stream)?;
        if body.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&body);
        if !text.contains("\"stream\":true") {
            // "bench-sleep-50": answer after 50 ms, as a slow model would.
            let sleep: u64 = text
                .split("\"model\":\"bench-sleep-")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            std::thread::sleep(Duration::from_millis(sleep));
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                ANSWER.len()
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(ANSWER.as_bytes())?;
            continue;
        }
        let name = (text.split("\"model\":\"bench-").nth(1))
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("1");
        // "bench-md-20000": markdown (headings, lists, code), for the renderer (issue 15).
        let (pieces, count) = match name.strip_prefix("md-") {
            Some(n) => (MARKDOWN, n),
            None => (WORDS, name),
        };
        let chunks: usize = count.parse().unwrap_or(1);
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, stream);
        out.write_all(HEAD_CHUNKED.as_bytes())?;
        for i in 0..chunks {
            write_chunk(&mut out, chunk(pieces[i % pieces.len()]).as_bytes())?;
        }
        write_chunk(&mut out, FINISH.as_bytes())?;
        write_chunk(&mut out, b"data: [DONE]\n\n")?;
        out.write_all(b"0\r\n\r\n")?;
        return out.flush();
    }
}

fn serve(port: u16) {
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind the benchmark port");
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || {
            let _ = serve_one(stream);
        });
    }
}

/// One run of the first-chunk measurement.
fn first_chunk_once(bin: &str) -> Duration {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/v1", listener.local_addr().expect("address"));
    let (tx, rx) = mpsc::channel();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        stream.set_nodelay(true).expect("nodelay");
        read_request(&mut stream).expect("request");
        stream.write_all(HEAD_CHUNKED.as_bytes()).expect("head");
        // Let the client settle into its read loop, then time the first content chunk.
        std::thread::sleep(Duration::from_millis(20));
        let sent = Instant::now();
        write_chunk(&mut stream, chunk("Hello").as_bytes()).expect("chunk");
        tx.send(sent).expect("report");
        std::thread::sleep(Duration::from_millis(5));
        write_chunk(&mut stream, FINISH.as_bytes()).expect("finish");
        write_chunk(&mut stream, b"data: [DONE]\n\n").expect("done");
        stream.write_all(b"0\r\n\r\n").expect("end");
    });
    let mut child = Command::new(bin)
        .args(["--stream", "--no-stdin", "--max-retries", "0", "hi"])
        .env("OPENAI_API_KEY", "sk-bench")
        .env("OPENAI_BASE_URL", &url)
        .env_remove("HOME")
        .env_remove("XDG_DATA_HOME")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the binary");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).expect("first byte");
    let arrived = Instant::now();
    let sent = rx.recv().expect("server time");
    let _ = std::io::copy(&mut stdout, &mut std::io::sink());
    let _ = child.wait();
    let _ = server.join();
    arrived.duration_since(sent)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("serve") => serve(args.get(2).and_then(|p| p.parse().ok()).unwrap_or(18181)),
        Some("first-chunk") => {
            let bin = args.get(2).expect("first-chunk BIN RUNS");
            let runs: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(50);
            let mut times: Vec<Duration> = (0..runs).map(|_| first_chunk_once(bin)).collect();
            times.sort();
            println!("{}", times[times.len() / 2].as_micros());
        }
        _ => eprintln!("usage: bench_server serve PORT | first-chunk BIN RUNS"),
    }
}
