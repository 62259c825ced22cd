//! Files oaichat appends to survive `kill -9` at any moment and runs that share them
//! (issue 10, STYLE.md habit 15): after any number of kills and one more run, every line
//! parses and every input has exactly one answer.
//!
//! The kill moments are random; the seed is printed so that a failure can be replayed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::support::*;

/// A small random generator (xorshift), seeded from the clock unless OAICHAT_TEST_SEED says.
struct Dice(u64);

impl Dice {
    fn new(test: &str) -> Dice {
        let seed = std::env::var("OAICHAT_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
                    | 1
            });
        eprintln!("{test}: OAICHAT_TEST_SEED={seed}");
        Dice(seed)
    }

    /// A number in `range`.
    fn roll(&mut self, range: std::ops::Range<u64>) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        range.start + self.0 % (range.end - range.start)
    }
}

/// Starts oaichat with its output thrown away, to be killed.
fn start(server: &Server, dir: &Path, args: &[&str], input: Option<&Path>) -> std::process::Child {
    let stdin = match input {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("open the input")),
        None => Stdio::null(),
    };
    Command::new(assert_cmd::cargo::cargo_bin!("oaichat"))
        .env_clear()
        .current_dir(dir)
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", server.base_url())
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start oaichat")
}

/// Every line of the file, parsed; a line that is not JSON fails the test, naming it.
fn records(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).expect("read the file");
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "the file ends mid-line"
    );
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line).unwrap_or_else(|e| {
                let start: String = line.chars().take(80).collect();
                panic!("line {} is not JSON ({e}): {start}…", i + 1)
            })
        })
        .collect()
}

/// Successful records per id.
fn answered(records: &[Value]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for record in records.iter().filter(|r| r["error"].is_null()) {
        let id = record["id"].as_str().expect("string ids").to_string();
        *counts.entry(id).or_insert(0) += 1;
    }
    counts
}

/// Answers with many lines, so that a record takes many writes unless it is written whole.
fn many_lines_server() -> Server {
    Server::handle(|request| {
        let q = question(request);
        let text: String = (0..400).map(|i| format!("{q} line {i}\n")).collect();
        let mut reply = answer(&text);
        let pause = q.len() as u64 % 7;
        reply
            .steps
            .insert(0, Step::Sleep(Duration::from_millis(pause)));
        reply
    })
}

fn jsonl_input(dir: &Path, name: &str, ids: std::ops::Range<usize>) -> PathBuf {
    let input: String = ids
        .map(|i| format!("{{\"id\":\"q{i}\",\"prompt\":\"question {i}\"}}\n"))
        .collect();
    let path = dir.join(name);
    std::fs::write(&path, input).expect("write the input");
    path
}

#[test]
fn resume_files_survive_kill_9_at_random_moments() {
    const INPUTS: usize = 60;
    let mut dice = Dice::new("resume_files_survive_kill_9_at_random_moments");
    let server = many_lines_server();
    let dir = tempfile::tempdir().unwrap();
    let input = jsonl_input(dir.path(), "in.jsonl", 0..INPUTS);
    let args = ["--jsonl", "-P", "4", "--resume", "out.jsonl"];
    for _ in 0..8 {
        let mut child = start(&server, dir.path(), &args, Some(&input));
        std::thread::sleep(Duration::from_millis(dice.roll(5..120)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    let out = dir.path().join("out.jsonl");
    Cmd::at(&server)
        .args(
            args.iter()
                .map(|a| a.replace("out.jsonl", out.to_str().unwrap())),
        )
        .stdin(std::fs::read(&input).unwrap())
        .run()
        .success();
    let counts = answered(&records(&out));
    assert_eq!(counts.len(), INPUTS, "every input is answered");
    assert!(
        counts.values().all(|&n| n == 1),
        "an input was answered twice: {counts:?}"
    );
}

#[test]
fn two_runs_sharing_a_resume_file_never_interleave() {
    let server = many_lines_server();
    let dir = tempfile::tempdir().unwrap();
    let halves = [(0..40, "a.jsonl"), (40..80, "b.jsonl")];
    let children: Vec<_> = halves
        .into_iter()
        .map(|(ids, name)| {
            let input = jsonl_input(dir.path(), name, ids);
            let args = ["--jsonl", "-P", "4", "--resume", "out.jsonl"];
            start(&server, dir.path(), &args, Some(&input))
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let counts = answered(&records(&dir.path().join("out.jsonl")));
    assert_eq!(counts.len(), 80);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
}

/// Waits until the file grows past `size` (a write into it has begun), at most 10 s.
fn until_it_grows(path: &Path, size: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if std::fs::metadata(path).is_ok_and(|m| m.len() > size) {
            return;
        }
        std::thread::sleep(Duration::from_micros(50));
    }
}

#[test]
fn histories_survive_kill_9_while_a_large_answer_is_written() {
    let mut dice = Dice::new("histories_survive_kill_9_while_a_large_answer_is_written");
    // Answers of 4 MB: the kernel copies them into the file in pieces, and a kill that
    // arrives meanwhile leaves part of the exchange written.
    let server = Server::handle(|request| {
        let q = question(request);
        answer(&format!("{q}: {}", "답".repeat(1_400_000)))
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    for i in 0..8 {
        let question = format!("question {i}");
        // A model without a known context window: nothing counts the long history's tokens.
        let args = [
            "-m",
            "local",
            "--no-stdin",
            "--history",
            "h.jsonl",
            &question,
        ];
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut child = start(&server, dir.path(), &args, None);
        // Half the kills at a random moment, half just as the exchange is being written.
        if i % 2 == 0 {
            std::thread::sleep(Duration::from_millis(dice.roll(10..150)));
        } else {
            until_it_grows(&path, size);
            std::thread::sleep(Duration::from_micros(dice.roll(0..300)));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    Cmd::at(&server)
        .args([
            "-m",
            "local",
            "--no-stdin",
            "--history",
            path.to_str().unwrap(),
            "last",
        ])
        .run()
        .success();
    let messages = records(&path);
    assert!(
        messages.len() >= 2 && messages.len().is_multiple_of(2),
        "{}",
        messages.len()
    );
    for pair in messages.chunks(2) {
        assert_eq!(pair[0]["role"], "user");
        assert_eq!(pair[1]["role"], "assistant");
        let q = pair[0]["content"].as_str().unwrap();
        assert!(pair[1]["content"].as_str().unwrap().starts_with(q));
    }
    assert_eq!(messages[messages.len() - 2]["content"], "last");
}
