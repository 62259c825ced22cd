//! Property tests for the fast chunk parser: whatever it accepts, serde_json accepts and
//! reads the same way, over generated chunks of the common shape and damaged ones.
//!
//! In their own file to keep fastchunk.rs under 400 lines. proptest replays the seeds
//! saved in `proptest-regressions/api/fastchunk_properties.txt` before new cases.

use proptest::prelude::*;
use serde_json::Value;

/// A JSON value for a field the fast chunk parser skips or reads: every kind, with
/// strings that need escapes and numbers it must leave to serde.
fn any_value() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z \"\\\\\n\t\u{1}é한]{0,8}".prop_map(Value::from),
    ];
    scalar.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::vec(("[a-z]{1,3}", inner), 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A value for a key the chunk types read: mostly the right type, sometimes anything.
fn field(likely: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![4 => likely, 1 => any_value()].boxed()
}

fn text() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        "[a-z \"\\\\\n한]{0,6}".prop_map(Value::from)
    ]
    .boxed()
}

/// Builds an object from optional (key, value) pairs in the generated order; keys may
/// repeat when `extra` picks a known one.
fn object(pairs: Vec<(String, Option<Value>)>) -> String {
    let members: Vec<String> = pairs
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{}:{}", Value::from(k), v)))
        .collect();
    format!("{{{}}}", members.join(","))
}

/// A choice's `delta`: null, or an object with some of its fields and one more.
fn delta_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just("null".to_string()),
        4 => (
            prop::option::of(field(text())),
            prop::option::of(field(text())),
            prop::option::of(field(text())),
            prop::option::of(field(text())),
            prop::option::of(any_value()),
            prop::sample::select(vec!["content", "refusal", "tool_calls", "reasoning_content", "reasoning", "x"]),
        )
            .prop_map(|(content, refusal, role, reasoning, extra, extra_key)| object(vec![
                ("role".into(), role),
                ("reasoning".into(), reasoning),
                ("content".into(), content),
                ("refusal".into(), refusal),
                (extra_key.to_string(), extra),
            ])),
    ]
}

/// One element of `choices`, its fields of any type now and then.
fn choice_text() -> impl Strategy<Value = String> {
    let index = prop_oneof![
        4 => (0u32..3).prop_map(Value::from),
        1 => any_value(),
    ];
    (
        prop::option::of(index),
        prop::option::of(delta_text()),
        prop::option::of(field(text())),
        prop::option::of(any_value()),
    )
        .prop_map(|(index, delta, finish, logprobs)| {
            let mut pairs = vec![("index".to_string(), index)];
            let delta = delta.map(|d| serde_json::from_str::<Value>(&d).unwrap_or(Value::Null));
            pairs.push(("delta".into(), delta));
            pairs.push(("logprobs".into(), logprobs));
            pairs.push(("finish_reason".into(), finish));
            object(pairs)
        })
}

fn chunk_text() -> impl Strategy<Value = String> {
    let choices = prop_oneof![
        6 => prop::collection::vec(choice_text(), 0..3).prop_map(|c| format!("[{}]", c.join(","))),
        1 => any_value().prop_map(|v| v.to_string()),
    ];
    let known = prop::sample::select(vec!["choices", "model", "usage", "error", "id", "created"]);
    (
        prop::option::of(field(text())),
        prop::option::of(choices),
        prop::option::of(field(Just(Value::Null).boxed())),
        prop::option::of(any_value()),
        prop::option::of((known, any_value())),
        any::<bool>(),
    )
        .prop_map(|(model, choices, usage, id, extra, choices_first)| {
            let choices = choices.and_then(|c| serde_json::from_str::<Value>(&c).ok());
            let mut pairs = vec![
                ("id".to_string(), id),
                ("object".into(), Some(Value::from("chat.completion.chunk"))),
                ("model".into(), model),
                ("usage".into(), usage),
            ];
            let at = if choices_first { 0 } else { pairs.len() };
            pairs.insert(at, ("choices".into(), choices));
            if let Some((key, value)) = extra {
                pairs.push((key.to_string(), Some(value)));
            }
            object(pairs)
        })
}

/// Damages a chunk: cut it short, or put a byte somewhere it may not belong.
fn damaged() -> impl Strategy<Value = String> {
    (
        chunk_text(),
        any::<prop::sample::Index>(),
        prop::sample::select(vec![
            "", " ", "\"", ",", "}", "]", "\\", "0", "-", "n", "\n", ":",
        ]),
        any::<bool>(),
    )
        .prop_map(|(text, at, insert, cut)| {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if cut {
                text[..at].to_string()
            } else {
                format!("{}{insert}{}", &text[..at], &text[at..])
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The fast path may decline any chunk, but what it accepts serde accepts too, and
    /// reads the same way.
    #[test]
    fn the_fast_chunk_parser_agrees_with_serde(text in prop_oneof![chunk_text(), damaged()]) {
        if let Some(fast) = crate::api::fastchunk::parse(&text) {
            let slow: Result<crate::api::response::Chunk, _> = serde_json::from_str(&text);
            prop_assert!(slow.is_ok(), "fast accepted what serde refuses: {text}");
            prop_assert_eq!(fast, slow.unwrap(), "{}", text);
        }
    }
}

/// The agreement test means little if the fast path never answers: most undamaged
/// generated chunks must take it.
#[test]
fn the_generated_chunks_mostly_take_the_fast_path() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = chunk_text();
    let fast = (0..1000)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).expect("a chunk").current();
            crate::api::fastchunk::parse(&text).is_some()
        })
        .count();
    assert!(fast >= 100, "only {fast} of 1000 took the fast path");
}

/// A reasoning server's delta: `content` and the two reasoning spellings, each absent, null,
/// plain text, or now and then something the fast path leaves to serde.
fn reasoning_delta() -> impl Strategy<Value = (String, bool)> {
    let value = prop_oneof![
        4 => "[a-z 생각]{0,8}".prop_map(|t| (Some(Value::from(t)), true)),
        2 => Just((None, true)),
        1 => Just((Some(Value::Null), true)),
        1 => "[a-z]{0,2}[\"\\n\\\\][a-z]{0,2}".prop_map(|t| (Some(Value::from(t)), false)),
        1 => any_value()
            .prop_filter("not text", |v| !v.is_string() && !v.is_null())
            .prop_map(|v| (Some(v), false)),
    ];
    (value.clone(), value.clone(), value).prop_map(|(content, thought, reasoning)| {
        let plain = content.1 && thought.1 && reasoning.1;
        let delta = object(vec![
            ("content".into(), content.0),
            ("reasoning_content".into(), thought.0),
            ("reasoning".into(), reasoning.0),
        ]);
        let chunk = format!(r#"{{"object":"chat.completion.chunk","choices":[{{"index":0,"delta":{delta},"finish_reason":null}}]}}"#);
        (chunk, plain)
    })
}

proptest! {
    /// Reasoning deltas come by the thousand before an answer: plain ones take the fast
    /// path, and every one reads as serde reads it.
    #[test]
    fn reasoning_deltas_take_the_fast_path_and_agree_with_serde((text, plain) in reasoning_delta()) {
        let fast = crate::api::fastchunk::parse(&text);
        prop_assert_eq!(fast.is_some(), plain, "{}", text);
        if let Some(fast) = fast {
            let slow: crate::api::response::Chunk = serde_json::from_str(&text).expect("serde reads it");
            prop_assert_eq!(fast, slow, "{}", text);
        }
    }
}
