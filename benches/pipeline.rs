//! Criterion benchmarks for the hot paths: SSE decoding (fed in 1-byte, 7-byte and 16 KiB
//! pieces), chunk JSON parsing, and request building. Run: `cargo bench`.

use std::hint::black_box;
use std::io::Cursor;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use oaichat::api::request::{self, Params, Settings};
use oaichat::api::response::Chunk;
use oaichat::api::sse::Decoder;
use oaichat::conversation::Transcript;
use oaichat::error::{Error, Task};
use oaichat::stream;

/// A realistic stream: `n` content chunks as OpenAI sends them, then `[DONE]`.
fn sse_stream(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        out.extend_from_slice(
            format!(
                "data: {{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\",\"created\":1741570283,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_fc9f1d7035\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"tok{i} \"}},\"logprobs\":null,\"finish_reason\":null}}]}}\n\n"
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(b"data: [DONE]\n\n");
    out
}

fn decoder(c: &mut Criterion) {
    let input = sse_stream(2_000);
    let mut group = c.benchmark_group("sse_decoder");
    group.throughput(Throughput::Bytes(input.len() as u64));
    for piece in [1usize, 7, 16 * 1024] {
        group.bench_with_input(BenchmarkId::new("bytes", piece), &piece, |b, &piece| {
            b.iter(|| {
                let mut decoder = Decoder::new();
                let mut events = Vec::new();
                let mut count = 0;
                for part in input.chunks(piece) {
                    decoder.feed(part, &mut events);
                    count += events.len();
                    events.clear();
                }
                decoder.finish(&mut events);
                black_box(count + events.len())
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("sse_decoder_events");
    group.throughput(Throughput::Elements(2_001));
    group.bench_function("16KiB", |b| {
        b.iter(|| {
            let mut decoder = Decoder::new();
            let mut events = Vec::new();
            for part in input.chunks(16 * 1024) {
                decoder.feed(part, &mut events);
            }
            black_box(events.len())
        })
    });
    group.finish();
}

fn chunk_parsing(c: &mut Criterion) {
    let data = br#"{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_fc9f1d7035","choices":[{"index":0,"delta":{"content":" world"},"logprobs":null,"finish_reason":null}]}"#;
    let mut group = c.benchmark_group("chunk_json");
    group.throughput(Throughput::Elements(1));
    group.bench_function("parse", |b| {
        b.iter(|| black_box(serde_json::from_slice::<Chunk<'_>>(black_box(data)).is_ok()))
    });
    let text = std::str::from_utf8(data).expect("ASCII");
    group.bench_function("fast_path", |b| {
        b.iter(|| black_box(oaichat::api::fastchunk::parse(black_box(text)).is_some()))
    });
    group.finish();

    // The whole stream path, bytes to text, without a socket.
    let input = sse_stream(20_000);
    let mut group = c.benchmark_group("stream_consume");
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.sample_size(20);
    group.bench_function("20000_chunks", |b| {
        b.iter(|| {
            let mode = stream::Mode {
                raw: false,
                keep_text: false,
                reasoning: stream::ReasoningView::Plain,
                extract: None,
                hold: false,
                render: None,
                wire: oaichat::api::responses::Wire::Chat,
            };
            let (mut out, mut err) = (std::io::sink(), std::io::sink());
            let read_error = |e: &std::io::Error| Error::local(Task::ReadInput, e.to_string());
            let mut body = Cursor::new(&input);
            black_box(stream::consume(&mut body, &mut out, &mut err, mode, read_error).is_ok())
        })
    });
    group.finish();
}

fn request_building(c: &mut Criterion) {
    // What `oaichat -m gpt-4o -s "You are terse." -t 0.2 --max-tokens 200 PROMPT` sends.
    let settings = Settings {
        model: "gpt-4o".into(),
        params: Params {
            temperature: Some(0.2),
            max_tokens: Some(200),
            ..Params::default()
        },
        ..Settings::default()
    };
    let transcript = Transcript::new(Some("You are terse.".into()), Vec::new(), Vec::new());
    let prompt = "Summarise the following article in three sentences. ".repeat(40);
    let mut group = c.benchmark_group("request");
    group.bench_function("build_and_serialize", |b| {
        b.iter(|| {
            let request = request::build(&settings, transcript.context(), black_box(&prompt));
            black_box(serde_json::to_vec(&request).map(|v| v.len()).unwrap_or(0))
        })
    });
    group.finish();
}

criterion_group!(benches, decoder, chunk_parsing, request_building);
criterion_main!(benches);
