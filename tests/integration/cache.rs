//! `--cache`: a request answered before is answered from `$XDG_CACHE_HOME/oaichat`
//! without a network call; only successful answers are kept; damaged entries are misses.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;
use tempfile::TempDir;

use crate::support::*;

/// `oaichat --cache` at `server`, its cache under `home`.
fn cached(server: &Server, home: &TempDir) -> Cmd {
    Cmd::at(server)
        .env("XDG_CACHE_HOME", home.path().to_str().unwrap())
        .args(["--cache"])
}

/// The cache's entries (not its temporary files).
fn entries(home: &TempDir) -> Vec<PathBuf> {
    let Ok(listing) = std::fs::read_dir(home.path().join("oaichat")) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = listing.map(|e| e.unwrap().path()).collect();
    found.sort();
    found
}

fn only_entry(home: &TempDir) -> PathBuf {
    let found = entries(home);
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

/// A stream of "a", "b", then the finish and `[DONE]`.
fn stream_ab() -> Reply {
    sse(&[delta("a"), delta("b"), finish("stop"), DONE.into()])
}

#[test]
fn a_repeated_request_is_answered_from_the_cache_without_a_request() {
    let server = Server::start(vec![answer("hello")]);
    let home = tempfile::tempdir().unwrap();
    cached(&server, &home)
        .args(["hi"])
        .run()
        .success()
        .stdout("hello\n");
    let assert = cached(&server, &home)
        .args(["-v", "hi"])
        .run()
        .success()
        .stdout("hello\n");
    assert!(
        stderr(&assert).contains("oaichat: cached: "),
        "{}",
        stderr(&assert)
    );
    assert_eq!(server.requests().len(), 1);
    assert_no_key(&std::fs::read(only_entry(&home)).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&home.path().join("oaichat")), 0o700);
        assert_eq!(mode(&only_entry(&home)), 0o600);
    }
}

#[test]
fn a_different_body_model_header_or_url_is_a_miss() {
    let server = Server::start((0..5).map(|i| answer(&format!("answer {i}"))).collect());
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| stdout(&cached(&server, &home).args(args).run().success());
    assert_eq!(run(&["hi"]), "answer 0\n");
    assert_eq!(run(&["hello"]), "answer 1\n");
    assert_eq!(run(&["-m", "gpt-4o", "hi"]), "answer 2\n");
    assert_eq!(run(&["-H", "X-Team: search", "hi"]), "answer 3\n");
    assert_eq!(
        run(&["hi"]),
        "answer 0\n",
        "the first answer is still there"
    );
    assert_eq!(server.requests().len(), 4);
    let other = Server::start(vec![answer("elsewhere")]);
    let assert = cached(&other, &home).args(["hi"]).run().success();
    assert_eq!(stdout(&assert), "elsewhere\n");
    assert_eq!(entries(&home).len(), 5);
}

#[test]
fn a_streamed_answer_is_replayed_through_the_same_reader() {
    let server = Server::start(vec![stream_ab()]);
    let home = tempfile::tempdir().unwrap();
    let raw = |home| {
        stdout(
            &cached(&server, home)
                .args(["--stream", "--raw", "hi"])
                .run()
                .success(),
        )
    };
    let live = raw(&home);
    assert_eq!(live.lines().count(), 3, "{live}");
    assert_eq!(raw(&home), live, "--raw --stream prints the same chunks");
    cached(&server, &home)
        .args(["--stream", "hi"])
        .run()
        .success()
        .stdout("ab\n");
    assert_eq!(server.requests().len(), 1);
    // Not the whole answer's entry: a request without --stream is another request.
    let whole = Server::start(vec![answer("whole")]);
    cached(&whole, &home)
        .args(["hi"])
        .run()
        .success()
        .stdout("whole\n");
}

#[test]
fn an_entry_older_than_the_ttl_is_asked_again_and_replaced() {
    let server = Server::start(vec![answer("first"), answer("second")]);
    let home = tempfile::tempdir().unwrap();
    let run = |ttl: &str| {
        let assert = cached(&server, &home)
            .args(["--cache-ttl", ttl, "hi"])
            .run();
        stdout(&assert.success())
    };
    assert_eq!(run("1h"), "first\n");
    assert_eq!(run("1h"), "first\n");
    // The entry says when it was stored: two days ago.
    let entry = only_entry(&home);
    let bytes = std::fs::read(&entry).unwrap();
    let end = bytes.iter().position(|&b| b == b'\n').unwrap();
    let header = String::from_utf8(bytes[..end].to_vec()).unwrap();
    let mut fields: Vec<String> = header.split(' ').map(str::to_string).collect();
    let stored: u64 = fields[3].parse().unwrap();
    fields[3] = (stored - 2 * 86_400).to_string();
    let mut aged = fields.join(" ").into_bytes();
    aged.extend_from_slice(&bytes[end..]);
    std::fs::write(&entry, aged).unwrap();
    assert_eq!(run("3d"), "first\n", "younger than 3 days");
    assert_eq!(run("1d"), "second\n", "older than a day");
    assert_eq!(run("1d"), "second\n", "the new answer replaced it");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_bad_ttl_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(vec![]);
    let assert = cached(&server, &home)
        .args(["--cache-ttl", "10w", "hi"])
        .run()
        .code(2);
    assert!(stderr(&assert).contains("90s or 7d"), "{}", stderr(&assert));
}

#[test]
fn a_damaged_entry_is_ignored_and_replaced() {
    let server = Server::start(vec![stream_ab(), stream_ab()]);
    let home = tempfile::tempdir().unwrap();
    let run = || {
        cached(&server, &home)
            .args(["-v", "--stream", "hi"])
            .run()
            .success()
    };
    run().stdout("ab\n");
    let entry = only_entry(&home);
    let mut bytes = std::fs::read(&entry).unwrap();
    bytes.truncate(bytes.len() - 20); // a stream cut before its [DONE]
    std::fs::write(&entry, bytes).unwrap();
    let assert = run().stdout("ab\n");
    assert!(
        stderr(&assert).contains("cached answer ignored: ")
            && stderr(&assert).contains("cut short"),
        "{}",
        stderr(&assert)
    );
    assert_eq!(server.requests().len(), 2);
    let assert = run().stdout("ab\n");
    assert!(stderr(&assert).contains("oaichat: cached: "));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn failed_answers_are_not_cached() {
    let mut refusal = completion(&[""]);
    refusal["choices"][0]["message"] =
        json!({"role": "assistant", "content": null, "refusal": "I can't help with that."});
    let error = json!({"error": {"message": "boom", "type": "server_error"}});
    let server = Server::start(vec![
        Reply::json(500, &error),
        Reply::json(200, &refusal),
        sse(&[delta("a")]), // cut off: no [DONE]
        answer("fine"),
    ]);
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        cached(&server, &home)
            .args(["--max-retries", "0"])
            .args(args)
            .run()
    };
    run(&["hi"]).code(6);
    run(&["hi"]).code(9);
    run(&["--stream", "hi"]).code(8);
    assert!(entries(&home).is_empty(), "{:?}", entries(&home));
    run(&["hi"]).success().stdout("fine\n");
    run(&["hi"]).success().stdout("fine\n");
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn two_runs_writing_one_entry_at_once_both_succeed() {
    let server = Server::handle(|_| {
        let mut reply = answer("same");
        // Both requests are under way before either answer is stored.
        reply
            .steps
            .insert(0, Step::Sleep(Duration::from_millis(300)));
        reply
    });
    let home = tempfile::tempdir().unwrap();
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let cmd = cached(&server, &home).args(["hi"]);
            std::thread::spawn(move || stdout(&cmd.run().success()))
        })
        .collect();
    for run in runs {
        assert_eq!(run.join().unwrap(), "same\n");
    }
    assert_eq!(server.requests().len(), 2);
    only_entry(&home); // and no temporary file left
    cached(&server, &home)
        .args(["hi"])
        .run()
        .success()
        .stdout("same\n");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn nothing_is_written_without_cache() {
    let server = Server::start(vec![answer("hello"), answer("hello")]);
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().to_str().unwrap();
    for _ in 0..2 {
        Cmd::at(&server)
            .env("XDG_CACHE_HOME", xdg)
            .args(["hi"])
            .run()
            .success();
    }
    assert_eq!(server.requests().len(), 2);
    assert!(!home.path().join("oaichat").exists());
}

#[test]
fn the_config_file_can_turn_the_cache_on() {
    let server = Server::start(vec![answer("hello")]);
    let home = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let cmd = Cmd::at(&server).env("XDG_CACHE_HOME", home.path().to_str().unwrap());
        let config = cmd.file("config.toml", "cache = true\ncache_ttl = \"7d\"\n");
        cmd.args(["--config", config.to_str().unwrap(), "hi"])
            .run()
            .success()
            .stdout("hello\n");
    }
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn no_cache_overrides_the_config_file() {
    let server = Server::start(vec![answer("one"), answer("two")]);
    let home = tempfile::tempdir().unwrap();
    for expected in ["one\n", "two\n"] {
        let cmd = Cmd::at(&server).env("XDG_CACHE_HOME", home.path().to_str().unwrap());
        let config = cmd.file("config.toml", "cache = true\n");
        cmd.args(["--config", config.to_str().unwrap(), "--no-cache", "hi"])
            .run()
            .success()
            .stdout(expected);
    }
    assert!(entries(&home).is_empty());
}

#[test]
fn cache_path_prints_the_folder_and_clear_empties_it() {
    let server = Server::start(vec![answer("a"), answer("b")]);
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().to_str().unwrap();
    cached(&server, &home).args(["one"]).run().success();
    cached(&server, &home).args(["two"]).run().success();
    let folder = home.path().join("oaichat");
    Cmd::new()
        .env("XDG_CACHE_HOME", xdg)
        .args(["cache", "path"])
        .run()
        .success()
        .stdout(format!("{}\n", folder.display()));
    Cmd::new()
        .env("XDG_CACHE_HOME", xdg)
        .args(["cache", "clear"])
        .run()
        .success()
        .stdout(format!(
            "removed 2 cached answers from {}\n",
            folder.display()
        ));
    assert!(entries(&home).is_empty());
    Cmd::new()
        .env_remove("OPENAI_API_KEY")
        .env("HOME", xdg)
        .args(["cache", "path"])
        .run()
        .success()
        .stdout(format!(
            "{}\n",
            home.path().join(".cache/oaichat").display()
        ));
}

#[test]
fn line_mode_sends_only_the_inputs_not_cached() {
    let server = echo_server();
    let home = tempfile::tempdir().unwrap();
    let first = "q1\nq2\nq3\nq4\nq5\n";
    let run = |input: &str| {
        let cmd = cached(&server, &home)
            .args(["--each", "answer"])
            .stdin(input);
        stdout(&cmd.run().success())
    };
    let answers = run(first);
    assert_eq!(server.requests().len(), 5);
    let again = run(&format!("{first}q6\n"));
    assert_eq!(server.requests().len(), 6, "only q6 was sent");
    assert!(again.starts_with(&answers), "{again}");
    assert_eq!(again.lines().count(), 6);
}
