//! Line mode (issue #6): --each, --jsonl, -P, ordering, failures, rate limits, --resume.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::*;

#[test]
fn answers_come_out_in_input_order_despite_varying_delays() {
    let server = echo_server();
    let input: String = (0..16)
        .map(|i| format!("item {i} sleep={}\n", (16 - i) * 15))
        .collect();
    let assert = Cmd::at(&server)
        .args(["--each", "-P", "8", "classify"])
        .stdin(input)
        .run()
        .success();
    let expected: String = (0..16)
        .map(|i| format!("re: classify\\n\\nitem {i} sleep={}\n", (16 - i) * 15))
        .collect();
    assert_eq!(stdout(&assert), expected);
    assert_eq!(server.requests().len(), 16);
    assert!(
        stderr(&assert).contains("16 done, 0 failed"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn a_failing_input_keeps_its_line_and_makes_the_exit_non_zero() {
    let server = echo_server();
    let assert = Cmd::at(&server)
        .args(["--each", "--max-retries", "0"])
        .stdin("one\n\nplease fail\nthree\n")
        .run()
        .code(5);
    // Output line N answers input line N: a blank input line gets a blank output line,
    // a failed one an empty line, and messages count lines the same way.
    assert_eq!(stdout(&assert), "re: one\n\n\nre: three\n");
    let err = stderr(&assert);
    assert!(
        err.contains("input line 3: error: HTTP 400 Bad Request: cannot do that"),
        "{err}"
    );
    assert!(err.contains("2 done, 1 failed"), "{err}");
    assert!(err.contains("1 of 3 inputs failed"), "{err}");
}

#[test]
fn jsonl_records_carry_id_index_content_usage_and_error() {
    let server = echo_server();
    let input = [
        json!({"id": "a", "prompt": "first", "system": "sys", "model": "gpt-4.1-nano", "temperature": 0.3}),
        json!({"messages": [{"role": "user", "content": "second"}], "id": 7, "stream": true}),
        json!({"prompt": "will fail"}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>()
        + "not json\n";
    // The exit code is the first failure's, in input order: the 400 on line 3.
    let assert = Cmd::at(&server)
        .args(["--jsonl", "--max-retries", "0"])
        .stdin(input)
        .run()
        .code(5);
    let records: Vec<Value> = stdout(&assert)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    assert_eq!(
        records[0],
        json!({"id": "a", "index": 0, "content": "re: first", "error": null,
               "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}})
    );
    assert_eq!(
        (records[1]["id"].clone(), records[1]["content"].clone()),
        (json!(7), json!("re: second"))
    );
    assert_eq!(records[2]["content"], Value::Null);
    assert!(
        records[2]["error"].as_str().unwrap().contains("HTTP 400"),
        "{}",
        records[2]
    );
    assert!(
        records[3]["error"]
            .as_str()
            .unwrap()
            .contains("line 4: not JSON"),
        "{}",
        records[3]
    );
    let mut bodies: Vec<Value> = server.requests().iter().map(|r| r.json()).collect();
    bodies.sort_by_key(|b| b.to_string());
    let first = bodies
        .iter()
        .find(|b| b["model"] == "gpt-4.1-nano")
        .unwrap();
    assert_eq!(
        *first,
        json!({"model": "gpt-4.1-nano", "temperature": 0.3,
               "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "first"}]})
    );
    let second = bodies
        .iter()
        .find(|b| b["messages"][0]["content"] == "second")
        .unwrap();
    assert_eq!(
        *second,
        json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "second"}]})
    );
}

#[test]
fn raw_puts_the_whole_response_in_each_record() {
    let server = echo_server();
    let assert = Cmd::at(&server)
        .args(["--jsonl", "--raw"])
        .stdin("{\"prompt\":\"x\"}\n")
        .run()
        .success();
    let record: Value = serde_json::from_str(stdout(&assert).trim()).unwrap();
    assert_eq!(record["response"]["object"], "chat.completion");
    assert_eq!(record["content"], "re: x");
}

/// One 429 pauses every worker, not just the one that got it (server-side clock).
#[test]
fn a_429_on_one_worker_pauses_the_others() {
    let count = AtomicUsize::new(0);
    let first_at = Mutex::new(None);
    let server = Server::handle(move |request| {
        if count.fetch_add(1, Ordering::SeqCst) == 0 {
            *first_at.lock().unwrap() = Some(request.at);
            return Reply::json(429, &json!({"error": {"message": "slow down", "type": "rate_limit_error", "code": "rate_limit_exceeded"}}))
                .header("retry-after-ms", "500");
        }
        let mut reply = answer("ok");
        reply
            .steps
            .insert(0, Step::Sleep(Duration::from_millis(50)));
        reply
    });
    let input: String = (0..12).map(|i| format!("q{i}\n")).collect();
    Cmd::at(&server)
        .args(["--each", "-P", "4"])
        .stdin(input)
        .run()
        .success();
    let mut times: Vec<_> = server.requests().iter().map(|r| r.at).collect();
    times.sort();
    assert_eq!(times.len(), 13); // 12 inputs and one retry
    // The first four went out together; everything after waited for the shared pause.
    for later in &times[4..] {
        let waited = later.duration_since(times[0]);
        assert!(
            waited >= Duration::from_millis(450),
            "a request went out {waited:?} after the 429"
        );
    }
}

#[test]
fn resume_sends_only_the_missing_inputs_and_appends_them() {
    let server = echo_server();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    std::fs::write(
        &path,
        "{\"id\":0,\"index\":0,\"content\":\"re: a\",\"usage\":null,\"error\":null}\n\
         {\"id\":1,\"index\":1,\"content\":null,\"usage\":null,\"error\":\"HTTP 500\"}\n\
         {\"id\":2,\"index\":2,\"con",
    )
    .unwrap();
    let assert = Cmd::at(&server)
        .args(["--each", "--resume", path.to_str().unwrap()])
        .stdin("a\nb\nc\nd\n")
        .run()
        .success()
        .stdout("");
    let mut sent: Vec<String> = server.requests().iter().map(question).collect();
    sent.sort();
    assert_eq!(sent, ["b", "c", "d"]);
    assert!(
        stderr(&assert).contains("3 done, 0 failed, 1 already answered"),
        "{}",
        stderr(&assert)
    );
    // The torn record was cut off with a warning; every line is a record now.
    assert!(
        stderr(&assert).contains("torn record"),
        "{}",
        stderr(&assert)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let answered: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is a record"))
        .collect();
    // Inputs without ids are keyed by index: `--each` records have a null id.
    let keys: Vec<(Value, Value)> = answered
        .iter()
        .filter(|r| r["error"].is_null())
        .map(|r| (r["id"].clone(), r["index"].clone()))
        .collect();
    assert_eq!(
        keys,
        [
            (json!(0), json!(0)),
            (json!(null), json!(1)),
            (json!(null), json!(2)),
            (json!(null), json!(3))
        ]
    );
}

#[test]
fn line_mode_reads_files_in_order() {
    let server = echo_server();
    let cmd = Cmd::at(&server);
    let a = cmd.file("a.txt", "x\ny\n");
    let b = cmd.file("b.txt", "z");
    cmd.args([
        "--each",
        "-f",
        a.to_str().unwrap(),
        "-f",
        b.to_str().unwrap(),
    ])
    .run()
    .success()
    .stdout("re: x\nre: y\nre: z\n");
}

/// Progress appears only when stderr is a terminal: run under `script` for a pseudo-terminal.
#[test]
fn progress_shows_on_a_terminal_and_not_in_a_pipe() {
    let server = echo_server();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.txt"), "a\nb\nc\n").unwrap();
    let bin = assert_cmd::cargo::cargo_bin!("oaichat");
    let command = format!("{} --each -f in.txt x > out.txt", bin.display());
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .env_clear()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .output()
        .expect("run under script (util-linux)");
    let terminal = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{terminal}");
    // Files are counted first, so progress has a total and an ETA.
    assert!(
        terminal.contains("\roaichat: 3/3 done (0 failed)"),
        "{terminal:?}"
    );
    assert!(terminal.contains("ETA"), "{terminal:?}");
    assert_no_key(&output.stdout);
    // In a pipe, only the summary line.
    let assert = Cmd::at(&server)
        .args(["--each", "x"])
        .stdin("a\n")
        .run()
        .success();
    assert!(!stderr(&assert).contains('\r'), "{:?}", stderr(&assert));
}

#[test]
fn a_line_model_gets_the_reasoning_rules() {
    let server = echo_server();
    Cmd::at(&server)
        .args(["--jsonl", "--max-tokens", "40"])
        .stdin("{\"prompt\":\"a\",\"model\":\"o4-mini\"}\n")
        .run()
        .success();
    let body = server.request().json();
    assert_eq!(body["max_completion_tokens"], 40);
    assert!(body.get("max_tokens").is_none(), "{body}");
}
