//! Property tests (proptest) for the stream decoder and chunk handling.

use std::io::{self, Cursor};

use oaichat::error::Error;
use oaichat::sse::{Decoder, Event};
use oaichat::stream::{self, Mode};
use proptest::prelude::*;
use serde_json::Value;

/// One event as a server might write it: its data lines, the line ending, whether a
/// space follows `data:`, and an optional comment line before it.
#[derive(Debug, Clone)]
struct Written {
    lines: Vec<String>,
    ending: &'static str,
    space: bool,
    comment: Option<String>,
}

fn written() -> impl Strategy<Value = Written> {
    // Data without CR/LF (those end lines); any other character, including multibyte.
    let line = "[^\r\n]{0,12}";
    (
        prop::collection::vec(line, 1..4),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        any::<bool>(),
        prop::option::of("[^\r\n]{0,8}"),
    )
        .prop_map(|(lines, ending, space, comment)| Written {
            lines,
            ending,
            space,
            comment,
        })
}

fn encode(events: &[Written]) -> Vec<u8> {
    let mut out = String::new();
    for e in events {
        if let Some(c) = &e.comment {
            out.push_str(&format!(":{c}{}", e.ending));
        }
        for line in &e.lines {
            let sep = if e.space { ": " } else { ":" };
            out.push_str(&format!("data{sep}{line}{}", e.ending));
        }
        out.push_str(e.ending);
    }
    out.into_bytes()
}

/// What the decoder must produce for these events. A value that starts with a space loses
/// exactly one when written with `data: ` (the format strips one).
fn expected(events: &[Written]) -> Vec<Vec<u8>> {
    events
        .iter()
        .map(|e| {
            let lines: Vec<&str> = e
                .lines
                .iter()
                .map(|l| {
                    if e.space {
                        l.as_str()
                    } else {
                        l.strip_prefix(' ').unwrap_or(l)
                    }
                })
                .collect();
            lines.join("\n").into_bytes()
        })
        .collect()
}

fn decode(bytes: &[u8], cuts: &[usize]) -> Vec<Event> {
    let mut decoder = Decoder::new();
    let mut out = Vec::new();
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(bytes.len())) {
        decoder.feed(&bytes[start..cut], &mut out);
        start = cut;
    }
    decoder.finish(&mut out);
    out
}

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

fn consume(body: Vec<u8>) -> Result<stream::Finished, Error> {
    let mode = Mode {
        raw: false,
        keep_text: true,
    };
    stream::consume(&mut Cursor::new(body), &mut Vec::new(), mode, |e| {
        Error::io("read", io::Error::new(e.kind(), e.to_string()))
    })
}

proptest! {
    #[test]
    fn any_split_decodes_to_the_same_events(
        events in prop::collection::vec(written(), 0..8),
        cuts in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        let bytes = encode(&events);
        let whole: Vec<Vec<u8>> = decode(&bytes, &[]).into_iter().map(|e| e.data).collect();
        prop_assert_eq!(&whole, &expected(&events));
        let split: Vec<Vec<u8>> = decode(&bytes, &cuts).into_iter().map(|e| e.data).collect();
        prop_assert_eq!(split, whole);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_decoder(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        cuts in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        let _ = decode(&bytes, &cuts);
    }

    #[test]
    fn arbitrary_json_in_place_of_a_chunk_never_panics(values in prop::collection::vec(json_value(), 1..4)) {
        let mut body = Vec::new();
        for value in &values {
            body.extend_from_slice(format!("data: {value}\n\n").as_bytes());
        }
        body.extend_from_slice(b"data: [DONE]\n\n");
        // Ok or a typed error are both fine; a panic fails the test.
        let _ = consume(body);
    }
}
