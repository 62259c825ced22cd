//! Command lines that parse but would not do what was meant, refused with the fix.
//!
//! A prompt that starts with a subcommand's name (`oaichat batch processing in python`)
//! fails as that subcommand: say to put `--` before it. And an option of the main command
//! given before a subcommand (`oaichat -s x models`) would be ignored: refuse it.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory};

use super::Cli;

/// What may follow each subcommand's name when it really is that subcommand.
const SUBCOMMANDS: [(&str, &[&str]); 6] = [
    ("models", &[]),
    ("mcp", &["list", "help"]),
    ("cache", &["clear", "path", "help"]),
    ("roles", &["show", "help"]),
    (
        "batch",
        &[
            "create", "status", "wait", "results", "cancel", "list", "help",
        ],
    ),
    (
        "help",
        &["models", "batch", "roles", "cache", "mcp", "help"],
    ),
];

/// Replaces a parse error with the `--` hint when the words from a subcommand's name on
/// read as a prompt rather than as that subcommand.
pub(super) fn prompt_hint(args: &[OsString], err: clap::Error) -> clap::Error {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        return err;
    }
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let Some(at) = words
        .iter()
        .skip(1)
        .position(|w| is_subcommand(w))
        .map(|i| i + 1)
    else {
        return err;
    };
    if words[1..at].iter().any(|w| w == "--") || !reads_as_prompt(&words[at], words.get(at + 1)) {
        return err;
    }
    // Only when that is the fix: with `--` the command line must parse (another mistake,
    // such as an out-of-range flag, keeps clap's own message).
    let mut with_dashes: Vec<OsString> = args[..at].to_vec();
    with_dashes.push("--".into());
    with_dashes.extend_from_slice(&args[at..]);
    if Cli::command().try_get_matches_from(&with_dashes).is_err() {
        return err;
    }
    let prompt = words[at..].join(" ");
    let mut fixed: Vec<String> = words[..at].iter().map(|w| quoted(w)).collect();
    fixed[0] = "oaichat".into();
    fixed.push("--".into());
    fixed.extend(words[at..].iter().map(|w| quoted(w)));
    clap::Error::raw(
        ErrorKind::InvalidSubcommand,
        format!(
            "`{prompt}` reads as the subcommand `{}`; to send it as a prompt, put -- before \
             it: {}\n",
            words[at],
            fixed.join(" ")
        ),
    )
}

fn is_subcommand(word: &str) -> bool {
    SUBCOMMANDS.iter().any(|(name, _)| *name == word)
}

/// Whether what follows a subcommand's name is not something that subcommand takes.
fn reads_as_prompt(name: &str, next: Option<&String>) -> bool {
    let Some(next) = next else {
        return false;
    };
    let allowed = SUBCOMMANDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, after)| *after)
        .unwrap_or_default();
    !next.starts_with('-') && !allowed.contains(&next.as_str())
}

/// A word as a shell would need it.
fn quoted(word: &str) -> String {
    let plain = word
        .chars()
        .all(|c| c.is_alphanumeric() || "-_./=:,@+%".contains(c));
    if plain && !word.is_empty() {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// With a subcommand, only options that apply to every command (the connection ones and
/// -v) may come before it: the main command's options would be ignored there.
pub(super) fn only_global_options(matches: &ArgMatches) -> Result<(), clap::Error> {
    let Some((name, _)) = matches.subcommand() else {
        return Ok(());
    };
    let command = Cli::command();
    let given = command.get_arguments().find(|arg| {
        !arg.is_global_set()
            && matches.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine)
    });
    let Some(arg) = given else {
        return Ok(());
    };
    let flag = match (arg.get_long(), arg.get_short()) {
        (Some(long), _) => format!("--{long}"),
        (None, Some(short)) => format!("-{short}"),
        (None, None) => format!("the prompt ({})", arg.get_id()),
    };
    Err(clap::Error::raw(
        ErrorKind::ArgumentConflict,
        format!(
            "{flag} does not apply to `oaichat {name}`: drop it, or put the subcommand's own \
             options after its name (oaichat {name} --help lists them)\n"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::parse_from;

    fn error(args: &[&str]) -> String {
        parse_from(args.iter().copied())
            .expect_err("refused")
            .to_string()
    }

    #[test]
    fn a_prompt_starting_with_a_subcommand_name_gets_the_double_dash_hint() {
        let err = error(&["oaichat", "batch", "processing", "in", "python"]);
        assert!(
            err.contains("put -- before it: oaichat -- batch processing in python"),
            "{err}"
        );
        let err = error(&["oaichat", "-t", "0.5", "help", "me", "write", "a", "poem"]);
        assert!(
            err.contains("oaichat -t 0.5 -- help me write a poem"),
            "{err}"
        );
        let err = error(&["oaichat", "models", "are", "cool"]);
        assert!(err.contains("oaichat -- models are cool"), "{err}");
        let err = error(&["oaichat", "roles", "of", "a", "CTO"]);
        assert!(err.contains("oaichat -- roles of a CTO"), "{err}");
        // A real subcommand's own mistake keeps clap's message, and so does another
        // mistake that -- would not fix.
        let err = error(&["oaichat", "batch", "status"]);
        assert!(!err.contains("put --"), "{err}");
        let err = error(&["oaichat", "-t", "5", "tell", "me", "about", "models", "now"]);
        assert!(!err.contains("put --") && err.contains("-t"), "{err}");
    }

    #[test]
    fn options_of_the_main_command_before_a_subcommand_are_refused() {
        let err = error(&["oaichat", "-s", "be brief", "models"]);
        assert!(
            err.contains("--system does not apply to `oaichat models`"),
            "{err}"
        );
        let err = error(&["oaichat", "-m", "x", "batch", "list"]);
        assert!(
            err.contains("--model does not apply to `oaichat batch`"),
            "{err}"
        );
        // Connection options and -v apply everywhere.
        assert!(parse_from(["oaichat", "-v", "--timeout", "5", "models"]).is_ok());
        assert!(parse_from(["oaichat", "batch", "list", "--base-url", "http://h/v1"]).is_ok());
    }
}
