//! The reasoning that compatible servers send (vLLM, llama.cpp, Ollama, OpenRouter,
//! DeepSeek): in `reasoning_content` or `reasoning`, or inline as a leading `<think>` block.
//! It goes to stderr, never to stdout, histories or a record's `content`; and a server that
//! answers fewer choices than `-n` asked for gets a warning, not a failure.

use serde_json::{Value, json};

use crate::support::*;

const FIELDS: [&str; 2] = ["reasoning_content", "reasoning"];

/// An SSE event whose choice 0 has this delta.
fn chunk(delta: Value) -> String {
    let chunk = json!({
        "id": "chatcmpl-r1", "object": "chat.completion.chunk", "created": 1741570283,
        "model": "deepseek-r1",
        "choices": [{"index": 0, "delta": delta, "finish_reason": null}]
    });
    format!("data: {chunk}\n\n")
}

/// A reasoning delta, as vLLM sends it (`content` null).
fn thought(field: &str, text: &str) -> String {
    chunk(json!({"role": "assistant", "content": null, field: text}))
}

/// A stream of reasoning pieces in `field`, then the answer in pieces.
fn reasoning_stream(field: &str) -> Reply {
    sse(&[
        thought(field, "The user wants"),
        thought(field, " a capital.\n"),
        delta("Paris"),
        delta("."),
        finish("stop"),
        DONE.into(),
    ])
}

/// A stream of content pieces (a `<think>` block among them, or not).
fn content_stream(pieces: &[&str]) -> Reply {
    let mut events: Vec<String> = pieces.iter().map(|p| delta(p)).collect();
    events.push(finish("stop"));
    events.push(DONE.into());
    sse(&events)
}

/// A whole answer whose choice 0 has this message.
fn completion_with(message: Value) -> Value {
    json!({
        "id": "chatcmpl-r1", "object": "chat.completion", "created": 1741570283,
        "model": "deepseek-r1",
        "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 9, "total_tokens": 14}
    })
}

fn whole(message: Value) -> Reply {
    Reply::json(200, &completion_with(message))
}

/// Runs `oaichat ARGS hi` against one reply; returns stdout and stderr, after checking the
/// exit code is 0 and that stderr, a pipe here, carries no escape codes.
fn run(reply: Reply, args: &[&str]) -> (String, String) {
    let server = Server::start(vec![reply]);
    let assert = Cmd::at(&server).args(args).args(["hi"]).run().success();
    let (out, err) = (stdout(&assert), stderr(&assert));
    assert!(!err.contains('\x1b'), "escape codes on a pipe: {err:?}");
    (out, err)
}

#[test]
fn streamed_reasoning_in_either_field_goes_to_stderr_then_a_blank_line() {
    for field in FIELDS {
        assert_eq!(
            run(reasoning_stream(field), &["--stream"]),
            ("Paris.\n".into(), "The user wants a capital.\n\n".into()),
            "{field}"
        );
    }
}

#[test]
fn a_whole_answers_reasoning_in_either_field_goes_to_stderr_before_it() {
    for field in FIELDS {
        let message = json!({"role": "assistant", "content": "Paris.", field: "\nA capital.\n"});
        assert_eq!(
            run(whole(message), &[]),
            ("Paris.\n".into(), "A capital.\n\n".into()),
            "{field}"
        );
    }
}

#[test]
fn an_inline_think_block_is_reasoning_whole_or_streamed() {
    let content = "<think>\nA capital.\n</think>\n\nParis.";
    let expected = ("Paris.\n".to_string(), "A capital.\n\n".to_string());
    let message = json!({"role": "assistant", "content": content});
    assert_eq!(run(whole(message), &[]), expected);
    assert_eq!(run(content_stream(&[content]), &["--stream"]), expected);
}

/// Cuts `text` at `count` pseudo-random character boundaries (a fixed seed: the same cuts
/// every run, different ones per seed).
fn random_pieces(text: &str, seed: u64, count: usize) -> Vec<&str> {
    let bounds: Vec<usize> = (1..text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut cuts: Vec<usize> = (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            bounds[(state >> 33) as usize % bounds.len()]
        })
        .collect();
    cuts.extend([0, text.len()]);
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

#[test]
fn an_inline_think_block_cut_anywhere_between_chunks_gives_the_same_output() {
    let content = "<think>\n서울? No: the </thi is not a tag.\n</think>\n\n파리, Paris.";
    let expected = (
        "파리, Paris.\n".to_string(),
        "서울? No: the </thi is not a tag.\n\n".to_string(),
    );
    let one_character_each: Vec<String> = content.chars().map(String::from).collect();
    let one_character_each: Vec<&str> = one_character_each.iter().map(String::as_str).collect();
    let mut splits = vec![one_character_each];
    splits.extend((1..=10).map(|seed| random_pieces(content, seed, 6)));
    for pieces in splits {
        assert_eq!(
            run(content_stream(&pieces), &["--stream"]),
            expected,
            "{pieces:?}"
        );
    }
}

#[test]
fn a_think_block_that_never_closes_is_reasoning_an_empty_answer_and_a_warning() {
    let warning = "oaichat: warning: the answer is empty: the model's <think> block never \
                   closed, so all it wrote was reasoning\n";
    let expected = (String::new(), format!("Still thinking about it\n{warning}"));
    let message = json!({"role": "assistant", "content": "<think>Still thinking about it"});
    assert_eq!(run(whole(message), &[]), expected);
    let stream = content_stream(&["<think>", "Still thinking", " about it"]);
    assert_eq!(run(stream, &["--stream"]), expected);
}

#[test]
fn hide_reasoning_shows_none_of_it() {
    let hidden = ("Paris.\n".to_string(), String::new());
    for field in FIELDS {
        assert_eq!(
            run(reasoning_stream(field), &["--stream", "--hide-reasoning"]),
            hidden
        );
    }
    let message = json!({"role": "assistant", "content": "<think>x</think>Paris."});
    assert_eq!(run(whole(message), &["--hide-reasoning"]), hidden);
}

#[test]
fn raw_prints_the_apis_json_as_it_came_and_no_reasoning_on_stderr() {
    let message =
        json!({"role": "assistant", "content": "<think>x</think>Paris.", "reasoning": "y"});
    let body = completion_with(message.clone()).to_string();
    assert_eq!(
        run(whole(message), &["--raw"]),
        (format!("{body}\n"), String::new())
    );
    let events = [
        thought("reasoning_content", "y"),
        delta("<think>x</think>Paris."),
        finish("stop"),
    ];
    let mut stream = events.to_vec();
    stream.push(DONE.into());
    let lines: String = events
        .iter()
        .map(|e| format!("{}\n", e.trim_start_matches("data: ").trim_end()))
        .collect();
    assert_eq!(
        run(sse(&stream), &["--stream", "--raw"]),
        (lines, String::new())
    );
}

#[test]
fn stdout_is_byte_identical_with_or_without_reasoning() {
    let plain = json!({"role": "assistant", "content": "Paris.\n\nThe capital."});
    let (without, _) = run(whole(plain), &[]);
    let with_field = json!({"role": "assistant", "content": "Paris.\n\nThe capital.", "reasoning_content": "Hmm."});
    let inline =
        json!({"role": "assistant", "content": "<think>Hmm.</think>\n\nParis.\n\nThe capital."});
    assert_eq!(run(whole(with_field), &[]).0, without);
    assert_eq!(run(whole(inline), &[]).0, without);
    let streamed = content_stream(&["<think>Hmm.</think>\n", "\nParis.\n\nThe", " capital."]);
    assert_eq!(run(streamed, &["--stream"]).0, without);
    let streamed = sse(&[
        thought("reasoning", "Hmm."),
        delta("Paris.\n\nThe capital."),
        DONE.into(),
    ]);
    assert_eq!(run(streamed, &["--stream"]).0, without);
}

#[test]
fn histories_keep_the_answer_without_its_reasoning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chat.jsonl");
    let path = path.to_str().expect("a UTF-8 temporary path");
    let inline = json!({"role": "assistant", "content": "<think>Hmm.</think>\n\nParis."});
    run(whole(inline), &["--history", path]);
    run(
        reasoning_stream("reasoning_content"),
        &["--stream", "--history", path],
    );
    let saved: Vec<Value> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let exchange = [
        json!({"role": "user", "content": "hi"}),
        json!({"role": "assistant", "content": "Paris."}),
    ];
    assert_eq!(saved, [exchange.clone(), exchange].concat());
}

#[test]
fn jsonl_records_carry_the_reasoning_apart_and_each_lines_only_the_answer() {
    let messages = [
        json!({"role": "assistant", "content": "Paris.", "reasoning": "A capital."}),
        json!({"role": "assistant", "content": "<think>A capital.</think>\nParis."}),
        json!({"role": "assistant", "content": "Paris."}),
    ];
    let records = |args: &[&str]| {
        let server = Server::start(messages.iter().cloned().map(whole).collect());
        let assert = Cmd::at(&server)
            .args(args)
            .args(["-P", "1"])
            .stdin("{\"prompt\":\"a\"}\n{\"prompt\":\"b\"}\n{\"prompt\":\"c\"}\n")
            .run()
            .success();
        stdout(&assert)
    };
    let jsonl: Vec<Value> = records(&["--jsonl"])
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let fields: Vec<(Value, Value)> = jsonl
        .iter()
        .map(|r| {
            (
                r["content"].clone(),
                r.get("reasoning").cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    let (paris, capital) = (json!("Paris."), json!("A capital."));
    assert_eq!(
        fields,
        [
            (paris.clone(), capital.clone()),
            (paris.clone(), capital),
            (paris, Value::Null)
        ]
    );
    assert!(
        jsonl[2].get("reasoning").is_none(),
        "absent without reasoning"
    );
    assert_eq!(records(&["--each"]), "Paris.\nParis.\nParis.\n");
}

#[test]
fn fewer_answers_than_n_asked_for_are_printed_with_a_warning() {
    let warning = "oaichat: warning: 1 of 2 answers came back (the server may ignore -n)\n";
    let expected = ("Paris.\n".to_string(), warning.to_string());
    assert_eq!(run(answer("Paris."), &["-n", "2"]), expected);
    assert_eq!(
        run(content_stream(&["Paris."]), &["-n", "2", "--stream"]),
        expected
    );
    let server = Server::start(vec![Reply::json(200, &completion(&["a", "b"]))]);
    Cmd::at(&server)
        .args(["-n", "2", "hi"])
        .run()
        .success()
        .stdout("a\n---\nb\n")
        .stderr("");
}

#[test]
fn color_always_or_clicolor_force_dims_the_reasoning_even_in_a_pipe_and_no_color_wins() {
    let dimmed = |cmd: Cmd| {
        let server = Server::start(vec![reasoning_stream("reasoning_content")]);
        let assert = cmd
            .env("OPENAI_BASE_URL", &server.base_url())
            .args(["--stream", "hi"])
            .run()
            .success();
        assert_eq!(stdout(&assert), "Paris.\n", "stdout is never painted");
        stderr(&assert).contains("\x1b[2m")
    };
    let with = |toml: Option<&str>| toml.map_or_else(Cmd::new, Cmd::with_config);
    assert!(dimmed(with(None).args(["--color", "always"])));
    assert!(dimmed(with(None).env("CLICOLOR_FORCE", "1")));
    assert!(dimmed(with(Some("color = \"always\"\n"))));
    assert!(!dimmed(
        with(None).env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1")
    ));
    assert!(!dimmed(
        with(Some("color = \"always\"\n")).env("NO_COLOR", "1")
    ));
    assert!(dimmed(
        with(None).env("NO_COLOR", "1").args(["--color", "always"])
    ));
}
