//! The command line itself: bad flags, help, version, and committed completions.

use std::path::Path;

use clap_complete::{Generator, Shell};

use crate::support::*;

/// Bad input: exit 2, a message naming the problem, and no request. Each case (its
/// arguments and the text the message must contain) runs in a directory holding
/// `binary.bin` (a zip header) and `notes.txt`.
fn assert_refused(cases: &[(&[&str], &str)]) {
    let server = Server::start(vec![]);
    for (args, named) in cases {
        let cmd = Cmd::at(&server);
        cmd.file("binary.bin", b"PK\x03\x04\0\0");
        cmd.file("notes.txt", "notes");
        let assert = cmd.args(*args).run().code(2).stdout("");
        assert!(
            stderr(&assert).contains(named),
            "{args:?}: {}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
fn numbers_out_of_range_or_unparsable_are_exit_2_without_a_request() {
    assert_refused(&[
        (&["-t", "2.5", "hi"], "--temperature"),
        (&["-t", "hot", "hi"], "--temperature"),
        (&["--top-p", "-1", "hi"], "--top-p"),
        (&["--max-tokens", "0", "hi"], "--max-tokens"),
        (&["-n", "0", "hi"], "-n"),
        (&["--frequency-penalty", "3", "hi"], "--frequency-penalty"),
        (&["--presence-penalty", "-3", "hi"], "--presence-penalty"),
        (&["--timeout", "0", "hi"], "--timeout"),
        (&["--idle-timeout", "-1", "hi"], "--idle-timeout"),
        (&["--connect-timeout", "soon", "hi"], "--connect-timeout"),
        (&["--max-retries", "-1", "hi"], "--max-retries"),
        (&["--seed", "1.5", "hi"], "--seed"),
    ]);
}

#[test]
fn a_blank_model_or_too_many_stops_is_exit_2_without_a_request() {
    assert_refused(&[
        (&["-m", "", "hi"], "--model"),
        (&["-m", "  ", "hi"], "--model"),
        (
            &[
                "--stop", "a", "--stop", "b", "--stop", "c", "--stop", "d", "--stop", "e", "hi",
            ],
            "at most 4",
        ),
    ]);
}

#[test]
fn a_bad_base_url_is_exit_2_without_a_request() {
    assert_refused(&[
        (&["--base-url", "ftp://example.com/v1", "hi"], "http://"),
        (&["--base-url", "api.openai.com/v1", "hi"], "not a URL"),
        (
            &["--base-url", "http://example.com/v1", "hi"],
            "--allow-insecure-http",
        ),
        // Issue 10: a base URL whose paths would vanish.
        (
            &["--base-url", "http://localhost:1/v1#chat", "hi"],
            "#fragment",
        ),
    ]);
}

#[test]
fn unreadable_or_conflicting_files_are_exit_2_without_a_request() {
    assert_refused(&[
        (
            &["-s", "a", "--system-file", "notes.txt", "hi"],
            "--system-file",
        ),
        (&["--system-file", "missing.txt", "hi"], "missing.txt"),
        (&["-f", "binary.bin", "hi"], "looks binary"),
        (&["-f", ".", "hi"], "is a directory"),
        (&["-f", "missing.txt", "hi"], "cannot read missing.txt"),
        (&["--no-stdin", "-"], "--no-stdin"),
        (&["--ca-cert", "missing.pem", "hi"], "missing.pem"),
        (&["--env-file", "missing.env", "hi"], "missing.env"),
    ]);
}

#[test]
fn unknown_or_misplaced_words_are_exit_2_without_a_request() {
    assert_refused(&[
        (&["--no-such-flag", "hi"], "--no-such-flag"),
        // Issue 10: the words after a subcommand's name that do not parse as it, and
        // options that do nothing where they were given.
        (
            &["batch", "processing", "in", "python"],
            "put -- before it: oaichat -- batch processing in python",
        ),
        (
            &["help", "me", "write", "a", "poem"],
            "oaichat -- help me write a poem",
        ),
        (
            &["-s", "be brief", "models"],
            "--system does not apply to `oaichat models`",
        ),
        (&["models", "-m", "gpt-4o"], "'-m'"),
        (
            &["batch", "list", "--idle-timeout", "5"],
            "'--idle-timeout'",
        ),
    ]);
}

/// A subcommand's help lists only what applies to it.
#[test]
fn subcommand_help_lists_only_what_applies() {
    let assert = Cmd::new().args(["models", "--help"]).run().success();
    let help = stdout(&assert);
    for absent in ["--system", "--model", "--idle-timeout", "--temperature"] {
        assert!(!help.contains(absent), "{absent} in:\n{help}");
    }
    assert!(
        help.contains("--raw") && help.contains("--timeout"),
        "{help}"
    );
    let assert = Cmd::new()
        .args(["batch", "create", "--help"])
        .run()
        .success();
    let help = stdout(&assert);
    assert!(
        help.contains("--model") && help.contains("--temperature"),
        "{help}"
    );
    assert!(
        !help.contains("--idle-timeout") && !help.contains("--raw"),
        "{help}"
    );
}

#[test]
fn help_and_version_need_no_key_and_no_dotenv() {
    let cmd = Cmd::new().env_remove("OPENAI_API_KEY");
    cmd.file(".env", "this is not a valid env file\n");
    let assert = cmd.args(["--help"]).run().success();
    assert!(stdout(&assert).contains("--temperature"));
    let cmd = Cmd::new().env_remove("OPENAI_API_KEY");
    cmd.file(".env", "this is not a valid env file\n");
    cmd.args(["--version"]).run().success().stdout(concat!(
        "oaichat ",
        env!("CARGO_PKG_VERSION"),
        "\n"
    ));
}

#[test]
fn verbose_version_adds_the_commit_and_features() {
    let assert = Cmd::new()
        .env_remove("OPENAI_API_KEY")
        .args(["-v", "--version"])
        .run()
        .success();
    let text = stdout(&assert);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], concat!("oaichat ", env!("CARGO_PKG_VERSION")));
    assert!(lines[1].starts_with("commit "), "{text}");
    assert!(lines[2].starts_with("features: rustls"), "{text}");
    Cmd::new().args(["-V"]).run().success().stdout(concat!(
        "oaichat ",
        env!("CARGO_PKG_VERSION"),
        "\n"
    ));
}

/// The man page is generated from the clap definition and committed beside the
/// completions. Regenerate with `OAICHAT_BLESS=1 cargo test man_page`.
#[test]
fn man_page_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/oaichat.1");
    let mut generated = Vec::new();
    clap_mangen::Man::new(oaichat::config::cli::command())
        .render(&mut generated)
        .expect("render the man page");
    if std::env::var_os("OAICHAT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run OAICHAT_BLESS=1 cargo test man_page",
        path.display()
    );
}

/// Completion scripts are generated from the clap definition and committed. Regenerate
/// with `OAICHAT_BLESS=1 cargo test completions`.
#[test]
fn completions_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("OAICHAT_BLESS").is_some();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut generated = Vec::new();
        clap_complete::generate(
            shell,
            &mut oaichat::config::cli::command(),
            "oaichat",
            &mut generated,
        );
        let path = dir.join(shell.file_name("oaichat"));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run OAICHAT_BLESS=1 cargo test completions",
            path.display()
        );
    }
}
