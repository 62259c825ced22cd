//! Unit tests of [`consume`](super::consume) over in-memory bodies: a property test that no
//! JSON in place of a chunk panics it. In their own file to keep stream.rs short.

use std::io::Cursor;

use proptest::prelude::*;
use serde_json::Value;

use super::*;

const TEXT: Mode = Mode {
    raw: false,
    keep_text: true,
};

/// Consumes `body`; returns what reached stdout and the result. A failed read becomes
/// a network error naming its kind, as the client's own mapping would.
fn run(body: &mut impl Read, mode: Mode) -> (String, Result<Finished, Error>) {
    let mut out = Vec::new();
    let result = consume(body, &mut out, mode, |e| {
        Error::Network(format!("read failed: {:?}", e.kind()))
    });
    (String::from_utf8(out).expect("UTF-8 output"), result)
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
