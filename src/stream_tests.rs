//! Unit tests of [`consume`](super::consume) over in-memory bodies: how a stream ends
//! (`[DONE]`, an error, no `[DONE]`), raw mode, failed reads, and a property test that no
//! JSON in place of a chunk panics it. In their own file to keep stream.rs short.

use std::collections::VecDeque;
use std::io::Cursor;

use proptest::prelude::*;
use serde_json::Value;

use super::*;

const TEXT: Mode = Mode {
    raw: false,
    keep_text: true,
    reasoning: ReasoningView::Plain,
    extract: None,
    hold: false,
    render: None,
    wire: crate::api::responses::Wire::Chat,
};

/// A body that hands out its reads as scripted, errors included.
struct Reads(VecDeque<io::Result<Vec<u8>>>);

impl Read for Reads {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.0.pop_front() {
            None => Ok(0),
            Some(Err(err)) => Err(err),
            Some(Ok(bytes)) => {
                // Each scripted piece fits the stream's 16 KiB reads.
                buf[..bytes.len()].copy_from_slice(&bytes);
                Ok(bytes.len())
            }
        }
    }
}

/// Consumes `body`; returns what reached stdout and the result. A failed read becomes
/// a local error naming its kind.
fn run(body: &mut impl Read, mode: Mode) -> (String, Result<Finished, Error>) {
    let mut out = Vec::new();
    let result = consume(body, &mut out, &mut io::sink(), mode, |e| {
        Error::local(crate::error::Task::ReadInput, format!("{:?}", e.kind()))
    });
    (String::from_utf8(out).expect("UTF-8 output"), result)
}

fn text(body: &str) -> (String, Result<Finished, Error>) {
    run(&mut Cursor::new(body.as_bytes().to_vec()), TEXT)
}

/// An error as the user sees it: its exit code and its line.
fn failure(result: Result<Finished, Error>) -> (u8, String) {
    let err = result.expect_err("the stream fails");
    (err.exit_code(), err.to_string())
}

/// How choice `index` ended when the stream gave no finish reason, its text kept.
fn kept(index: u32, text: &str) -> Ending {
    Ending {
        index,
        text: Some(text.into()),
        ..Ending::default()
    }
}

fn content(text: &str) -> String {
    let chunk = serde_json::json!({"choices": [{"index": 0, "delta": {"content": text}}]});
    format!("data: {chunk}\n\n")
}

#[test]
fn done_ends_the_stream_with_the_text_usage_and_model() {
    let finish = r#"{"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#;
    let usage =
        r#"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"#;
    let body = [
        content("Hello,"),
        content(" world"),
        format!("data: {finish}\n\n"),
        format!("data: {usage}\n\n"),
        "data: [DONE]\n\n".into(),
        // Anything after [DONE] is not read as a chunk.
        "data: not json\n\n".into(),
    ]
    .concat();
    let (out, result) = text(&body);
    assert_eq!(out, "Hello, world\n");
    let finished = result.expect("a whole stream");
    assert_eq!(
        finished.endings,
        [Ending {
            index: 0,
            finish_reason: Some("stop".into()),
            text: Some("Hello, world".into()),
            ..Ending::default()
        }]
    );
    assert_eq!(
        finished.usage,
        Some(Usage {
            prompt_tokens: 3,
            completion_tokens: 2,
            total_tokens: 5,
            ..Usage::default()
        })
    );
    assert_eq!(finished.model.as_deref(), Some("gpt-4o"));
}

#[test]
fn done_without_a_closing_blank_line_still_ends_the_stream() {
    let (out, result) = text(&format!("{}data: [DONE]", content("ok")));
    assert_eq!(out, "ok\n");
    assert_eq!(result.expect("a whole stream").endings, [kept(0, "ok")]);
}

#[test]
fn an_error_mid_stream_keeps_the_text_and_ends_its_line() {
    let error = r#"{"error":{"message":"overloaded","type":"server_error"}}"#;
    let expected = (
        6,
        "the server sent an error in the stream: overloaded (type server_error)".to_string(),
    );
    // As a chunk's `error` member, and as an `event: error` (some servers).
    for event in [
        format!("data: {error}\n\n"),
        format!("event: error\ndata: {error}\n\n"),
    ] {
        let (out, result) = text(&format!("{}{event}{}", content("partial"), content("lost")));
        assert_eq!(out, "partial\n", "{event}");
        assert_eq!(failure(result), expected, "{event}");
    }
}

#[test]
fn a_stream_without_done_is_a_bad_response_with_the_text_kept() {
    let (out, result) = text(&content("cut"));
    assert_eq!(out, "cut\n");
    assert_eq!(
        failure(result),
        (
            8,
            "the stream ended before [DONE]: the answer may be incomplete".to_string()
        )
    );
}

#[test]
fn data_that_is_not_json_is_quoted_up_to_200_characters() {
    let junk = "x".repeat(300);
    let (out, result) = text(&format!("data: {junk}\n\ndata: [DONE]\n\n"));
    assert_eq!(out, "");
    assert_eq!(
        failure(result),
        (
            8,
            format!(
                "the stream sent data that is not a JSON chunk: {}",
                "x".repeat(200)
            )
        )
    );
}

#[test]
fn raw_prints_each_chunk_as_one_line_and_no_text() {
    let one_line = r#"{"choices": [{"index": 0, "delta": {"content": "a"}}]}"#;
    // A chunk written over two data lines, and the same as one compact line.
    let two_lines = "data: {\"choices\":\ndata: [{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\n";
    let compact = r#"{"choices":[{"index":0,"delta":{"content":"b"}}]}"#;
    let body = format!("data: {one_line}\n\n{two_lines}data: [DONE]\n\n");
    let raw = Mode {
        raw: true,
        keep_text: false,
        reasoning: ReasoningView::Plain,
        extract: None,
        hold: false,
        render: None,
        wire: crate::api::responses::Wire::Chat,
    };
    let (out, result) = run(&mut Cursor::new(body.into_bytes()), raw);
    // The first chunk byte for byte; the one split over two data lines re-serialized.
    assert_eq!(out, format!("{one_line}\n{compact}\n"));
    assert_eq!(
        result.expect("a whole stream").endings,
        [Ending {
            index: 0,
            ..Ending::default()
        }]
    );
}

#[test]
fn an_interrupted_read_is_tried_again_and_a_failed_one_reported() {
    let reads = |last: io::Result<Vec<u8>>| {
        Reads(VecDeque::from([
            Ok(content("a").into_bytes()),
            Err(io::ErrorKind::Interrupted.into()),
            last,
        ]))
    };
    let (out, result) = run(&mut reads(Ok(b"data: [DONE]\n\n".to_vec())), TEXT);
    assert_eq!(out, "a\n");
    assert_eq!(result.expect("a whole stream").endings, [kept(0, "a")]);
    let (out, result) = run(&mut reads(Err(io::ErrorKind::TimedOut.into())), TEXT);
    assert_eq!(out, "a\n");
    assert_eq!(
        failure(result),
        (1, "cannot read the input: TimedOut".to_string())
    );
}

// Property test: whatever JSON arrives in place of a chunk, consume answers Ok or a
// typed error, never a panic.

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z_]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "choices",
                    "delta",
                    "content",
                    "index",
                    "finish_reason",
                    "error",
                    "usage",
                    "refusal",
                    "message",
                    "type",
                    "code",
                    "x",
                ])
                .prop_map(str::to_string),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_json_in_place_of_a_chunk_never_panics(values in prop::collection::vec(json_value(), 1..4)) {
        let mut body = Vec::new();
        for value in &values {
            body.extend_from_slice(format!("data: {value}\n\n").as_bytes());
        }
        body.extend_from_slice(b"data: [DONE]\n\n");
        // Ok or a typed error are both fine; a panic fails the test.
        let _ = run(&mut Cursor::new(body), TEXT);
    }
}
