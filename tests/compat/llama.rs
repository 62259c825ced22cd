//! llama.cpp's server (llama-cpp-python) with SmolLM2-135M-Instruct. Temperature 0 makes
//! its answers greedy, so the same request gets the same text whole, streamed and raw; a
//! few tokens keep each request short. What the model says is never checked.

use serde_json::Value;

use crate::support::{Cmd, Recorder, servers, stderr, stdout};

/// Greedy and short.
const SHORT: [&str; 4] = ["-t", "0", "--max-tokens", "16"];
/// SmolLM2 answers this in Hangul: the deltas then split syllables across tokens.
const KOREAN: &str = "Translate to Korean: Good morning, friend.";

#[test]
fn one_shot_prints_the_answer_and_one_newline() {
    let assert = Cmd::llama().args(SHORT).arg("Say hello.").run().success();
    let out = stdout(&assert);
    assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{out:?}");
    assert!(!out.trim().is_empty(), "an empty answer: {out:?}");
}

#[test]
fn korean_streams_as_valid_utf8_exactly_as_the_server_sent_it() {
    let recorder = Recorder::to(&servers().llama);
    let assert = Cmd::llama_through(&recorder)
        .args(SHORT)
        .args(["--stream", KOREAN])
        .run()
        .success();
    // stdout() fails the test on a syllable broken across two deltas.
    let out = stdout(&assert);
    let sent = text_of(&recorder.events());
    assert!(
        !sent.is_ascii(),
        "the model answered without Korean this time; the test needs a prompt it answers in Korean: {sent:?}"
    );
    assert_eq!(out, format!("{sent}\n"));
}

#[test]
fn raw_stream_prints_each_chunk_the_server_sent() {
    let recorder = Recorder::to(&servers().llama);
    let assert = Cmd::llama_through(&recorder)
        .args(SHORT)
        .args(["--stream", "--raw", KOREAN])
        .run()
        .success();
    let printed: Vec<Value> = stdout(&assert)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON chunk per line"))
        .collect();
    assert_eq!(printed, recorder.events());
    assert!(!text_of(&printed).is_empty());
}

/// The text the deltas of these chunks make.
fn text_of(chunks: &[Value]) -> String {
    chunks
        .iter()
        .filter_map(|chunk| chunk["choices"][0]["delta"]["content"].as_str())
        .collect()
}

#[test]
fn usage_is_the_servers_whole_and_estimated_when_a_stream_has_none() {
    let whole = Cmd::llama()
        .args(SHORT)
        .args(["--usage", "Say hello."])
        .run()
        .success();
    let err = stderr(&whole);
    assert!(err.contains("oaichat: usage: "), "{err}");
    assert!(!err.contains("not reported"), "{err}");
    let streamed = Cmd::llama()
        .args(SHORT)
        .args(["--stream", "--usage", "Say hello."])
        .run()
        .success();
    let err = stderr(&streamed);
    assert!(
        err.contains("usage: not reported by the server; estimated"),
        "{err}"
    );
}

#[test]
fn json_is_constrained_by_the_server_and_parses() {
    let assert = Cmd::llama()
        .args(["-t", "0", "--max-tokens", "64", "--json"])
        .arg("Describe a cat as a JSON object with the keys name and age.")
        .run()
        .success();
    let out = stdout(&assert);
    serde_json::from_str::<Value>(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
}

#[test]
fn models_lists_the_served_alias() {
    let assert = Cmd::llama_server().args(["models"]).run().success();
    assert_eq!(stdout(&assert), "smollm2\n");
}

#[test]
fn each_in_parallel_keeps_one_answer_line_per_input_in_order() {
    let assert = Cmd::llama()
        .args(SHORT)
        .args(["--each", "-P", "2", "Answer in one word."])
        .stdin("red\n\nblue\ngreen\n")
        .run()
        .success();
    let out = stdout(&assert);
    let lines: Vec<&str> = out.split_terminator('\n').collect();
    assert_eq!(lines.len(), 4, "{out:?}");
    assert_eq!(lines[1], "", "a blank input gets a blank line: {out:?}");
    assert!(stderr(&assert).contains("3 done"), "{}", stderr(&assert));
}

#[test]
fn jsonl_records_come_back_in_order_with_ids_and_usage() {
    let input = "{\"id\":\"a\",\"prompt\":\"Say one.\"}\n\
                 {\"id\":\"b\",\"prompt\":\"Say two.\",\"max_tokens\":4}\n\
                 {\"id\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"Say three.\"}]}\n";
    let assert = Cmd::llama()
        .args(SHORT)
        .args(["--jsonl", "-P", "2"])
        .stdin(input)
        .run()
        .success();
    let records: Vec<Value> = stdout(&assert)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    for record in &records {
        assert!(record["error"].is_null(), "{record}");
        assert!(record["content"].is_string(), "{record}");
        assert!(
            record["usage"]["completion_tokens"].as_u64().unwrap() >= 1,
            "{record}"
        );
    }
    assert!(records[1]["usage"]["completion_tokens"].as_u64().unwrap() <= 4);
}

#[test]
fn a_history_file_and_continue_keep_every_turn() {
    let dir = tempfile::tempdir().unwrap();
    let talk = dir.path().join("talk.jsonl");
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    Cmd::llama()
        .env("XDG_DATA_HOME", data)
        .args(SHORT)
        .args(["--history", talk.to_str().unwrap(), "Hello."])
        .run()
        .success();
    Cmd::llama()
        .env("XDG_DATA_HOME", data)
        .args(SHORT)
        .args(["Hello."])
        .run()
        .success();
    Cmd::llama()
        .env("XDG_DATA_HOME", data)
        .args(SHORT)
        .args(["-c", "And again."])
        .run()
        .success();
    assert_eq!(roles(&talk), ["user", "assistant"]);
    let last = dir.path().join("data/oaichat/last.jsonl");
    assert_eq!(roles(&last), ["user", "assistant", "user", "assistant"]);
}

/// The roles of a conversation file's messages, in order.
fn roles(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["role"]
                .as_str()
                .unwrap()
                .into()
        })
        .collect()
}

#[test]
fn interactive_with_piped_input_answers_each_line() {
    let assert = Cmd::llama()
        .args(SHORT)
        .arg("-i")
        .stdin("Say hi.\nSay bye.\n")
        .run()
        .success();
    assert!(stdout(&assert).ends_with('\n'));
    assert!(!stderr(&assert).contains("error"), "{}", stderr(&assert));
}

#[test]
fn n_2_gets_one_answer_and_a_warning() {
    let assert = Cmd::llama()
        .args(SHORT)
        .args(["-n", "2", "Say hello."])
        .run()
        .success();
    assert!(!stdout(&assert).contains("\n---\n"), "{}", stdout(&assert));
    assert!(
        stderr(&assert).contains("1 of 2 answers came back (the server may ignore -n)"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn a_schema_the_server_cannot_take_is_one_line_with_its_reason() {
    let schema = r#"{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}"#;
    let assert = Cmd::llama()
        .args(SHORT)
        .args(["--max-retries", "0", "--schema", schema, "Give a."])
        .run()
        .code(6);
    assert_eq!(stdout(&assert), "");
    let err = stderr(&assert);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("oaichat: error: HTTP 500 "), "{err}");
    // The server's traceback stays out; its reason, after a heading line, is shown.
    assert!(err.contains("response_format"), "{err}");
    assert!(!err.contains("File \""), "{err}");
}

#[test]
fn a_forced_tool_call_is_one_call_line_with_json_arguments() {
    let tools = r#"{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}"#;
    let assert = Cmd::llama()
        .args(["-t", "0", "--max-tokens", "48", "--tools", tools])
        .args(["--tool-choice", "get_weather", "Weather in Seoul?"])
        .run()
        .code(10);
    let out = stdout(&assert);
    assert_eq!(out.lines().count(), 1, "{out}");
    let call: Value = serde_json::from_str(&out).expect("a call line");
    assert_eq!(call["name"], "get_weather");
    // The server constrains the arguments to the schema, and sends the call twice (as
    // tool_calls and as the deprecated function_call): taken once, they parse.
    assert!(call["arguments"].is_object(), "{call}");
    assert!(call.get("arguments_raw").is_none(), "{call}");
}

#[test]
fn reasoning_effort_is_ignored_by_a_server_without_reasoning() {
    let assert = Cmd::llama()
        .args(SHORT)
        .args(["--reasoning-effort", "low", "Say hello."])
        .run()
        .success();
    assert!(!stdout(&assert).trim().is_empty());
}

#[test]
fn the_responses_api_at_a_server_without_it_is_a_404_that_names_the_fix() {
    let assert = Cmd::llama()
        .args(["--api", "responses", "Say hello."])
        .run()
        .code(5);
    let err = stderr(&assert);
    assert!(
        err.starts_with("oaichat: error: HTTP 404 Not Found"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("needs --api chat"), "{err}");
}
