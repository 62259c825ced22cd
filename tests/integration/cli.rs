//! The command line itself: bad flags, help, version, and committed completions.

use std::path::Path;

use clap_complete::{Generator, Shell};

use crate::support::*;

/// Bad input: exit 2, a message naming the flag, and no request. One line per case.
#[test]
fn bad_flags_are_exit_2_without_a_request() {
    let cases: &[(&[&str], &str)] = &[
        (&["-t", "2.5", "hi"], "--temperature"),
        (&["-t", "hot", "hi"], "--temperature"),
        (&["--top-p", "-1", "hi"], "--top-p"),
        (&["--max-tokens", "0", "hi"], "--max-tokens"),
        (&["-n", "0", "hi"], "-n"),
        (&["--frequency-penalty", "3", "hi"], "--frequency-penalty"),
        (&["--presence-penalty", "-3", "hi"], "--presence-penalty"),
        (&["--timeout", "0", "hi"], "--timeout"),
        (&["-m", "", "hi"], "--model"),
        (
            &[
                "--stop", "a", "--stop", "b", "--stop", "c", "--stop", "d", "--stop", "e", "hi",
            ],
            "at most 4",
        ),
        (&["--base-url", "ftp://example.com/v1", "hi"], "http://"),
        (&["--no-such-flag", "hi"], "--no-such-flag"),
        (&["-s", "a", "--system-file", "b", "hi"], "--system-file"),
    ];
    let server = Server::start(vec![]);
    for (args, named) in cases {
        let assert = Cmd::at(&server).args(*args).run().code(2).stdout("");
        assert!(
            stderr(&assert).contains(named),
            "{args:?}: {}",
            stderr(&assert)
        );
    }
    assert!(server.requests().is_empty());
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
            &mut oaichat::cli::command(),
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
