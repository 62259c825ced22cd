//! The chat's lines, decided (issue 15): a message for the model, a command, the end of
//! the chat, or nothing. Pure, so that every rule is tested without a terminal or a
//! server; what a command does is the session's business.
//!
//! A command is a line that starts with `/`; `//` escapes it (the line is sent without its
//! first `/`), so no message is ever out of reach. An unknown command is an error, never a
//! message: a typo such as `/hisotry` must not reach the model.

use std::fmt;

/// What a line of the chat asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A blank line: nothing.
    Empty,
    /// The end of the chat: an exit word or `/exit`.
    Exit,
    /// A message for the model, as typed.
    Message(String),
    Command(Command),
}

/// A command with what it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Model(String),
    System(String),
    Role(String),
    Clear,
    Retry,
    Undo,
    Save(String),
    Usage,
    History,
    Edit,
}

/// Every command's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    Help,
    Model,
    System,
    Role,
    Clear,
    Retry,
    Undo,
    Save,
    Usage,
    History,
    Edit,
    Exit,
}

/// What follows a command's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    Nothing,
    /// One word (a name), described for the error that says it is missing.
    Word(&'static str),
    /// The rest of the line, spaces and new lines included.
    Text(&'static str),
}

/// A command as `/help` lists it and completion offers it.
#[derive(Debug)]
pub struct Spec {
    pub name: Name,
    /// What is typed: `/model`.
    pub word: &'static str,
    /// What follows it in `/help`: `NAME`.
    pub argument: &'static str,
    pub help: &'static str,
    takes: Takes,
}

const fn spec(
    name: Name,
    word: &'static str,
    (takes, argument): (Takes, &'static str),
    help: &'static str,
) -> Spec {
    Spec {
        name,
        word,
        argument,
        help,
        takes,
    }
}

const NOTHING: (Takes, &str) = (Takes::Nothing, "");

/// The commands, in `/help`'s order.
pub const COMMANDS: [Spec; 12] = [
    spec(Name::Help, "/help", NOTHING, "this list"),
    spec(
        Name::Model,
        "/model",
        (Takes::Word("a model's name"), "NAME"),
        "ask with model NAME from now on",
    ),
    spec(
        Name::System,
        "/system",
        (Takes::Text("the new system message"), "TEXT"),
        "replace the system message",
    ),
    spec(
        Name::Role,
        "/role",
        (Takes::Word("a role's name"), "NAME"),
        "apply role NAME, as -r NAME would (`oaichat roles` lists them)",
    ),
    spec(
        Name::Clear,
        "/clear",
        NOTHING,
        "start a new conversation; the last one stays in its file",
    ),
    spec(
        Name::Retry,
        "/retry",
        NOTHING,
        "ask the last question again; the new answer replaces the last",
    ),
    spec(
        Name::Undo,
        "/undo",
        NOTHING,
        "drop the last question and its answer",
    ),
    spec(
        Name::Save,
        "/save",
        (Takes::Text("a file's name"), "FILE"),
        "save the conversation: JSON Lines, or markdown when FILE ends in .md",
    ),
    spec(
        Name::Usage,
        "/usage",
        NOTHING,
        "tokens and cost so far in this chat",
    ),
    spec(
        Name::History,
        "/history",
        NOTHING,
        "show the conversation so far",
    ),
    spec(
        Name::Edit,
        "/edit",
        NOTHING,
        "write a message in $VISUAL or $EDITOR, sent when the editor exits",
    ),
    spec(
        Name::Exit,
        "/exit",
        NOTHING,
        "end the chat (so do exit, quit, bye, 종료 and Ctrl-D)",
    ),
];

/// A command's entry in [`COMMANDS`].
fn spec_of(name: Name) -> &'static Spec {
    // Every name has its entry: the table test checks it.
    let found = COMMANDS.iter().find(|s| s.name == name);
    found.expect("every command name is in COMMANDS")
}

/// Why a line that starts with `/` is not a command that can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No command has this name (as typed, with its `/`).
    Unknown(String),
    /// The command needs something after its name.
    Missing(Name),
    /// The command takes one word and was given several.
    Words(Name),
    /// The command takes nothing after its name.
    Unexpected(Name),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let usage = |name| {
            let spec = spec_of(name);
            format!("{} {}", spec.word, spec.argument)
        };
        match *self {
            Problem::Unknown(ref word) => write!(
                f,
                "unknown command {word}: /help lists the commands; a line that starts with // \
                 is sent without its first /"
            ),
            Problem::Missing(name) => {
                let what = match spec_of(name).takes {
                    Takes::Word(what) | Takes::Text(what) => what,
                    Takes::Nothing => "nothing",
                };
                write!(f, "{} needs {what}: {}", spec_of(name).word, usage(name))
            }
            Problem::Words(name) => {
                write!(f, "{} takes one word: {}", spec_of(name).word, usage(name))
            }
            Problem::Unexpected(name) => {
                write!(f, "{} takes nothing after it", spec_of(name).word)
            }
        }
    }
}

impl std::error::Error for Problem {}

/// Words that end the chat, alone on their line (in any case).
const EXIT_WORDS: [&str; 4] = ["exit", "quit", "bye", "종료"];

/// Whether a line ends the session.
pub fn is_exit(line: &str) -> bool {
    let word = line.trim();
    EXIT_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Decides what a line asks for.
pub fn parse(line: &str) -> Result<Line, Problem> {
    if line.trim().is_empty() {
        return Ok(Line::Empty);
    }
    if is_exit(line) {
        return Ok(Line::Exit);
    }
    let Some(rest) = line.strip_prefix('/') else {
        return Ok(Line::Message(line.to_string()));
    };
    if rest.starts_with('/') {
        return Ok(Line::Message(rest.to_string()));
    }
    let (word, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let spec = (COMMANDS.iter())
        .find(|s| s.word[1..].eq_ignore_ascii_case(word))
        .ok_or_else(|| Problem::Unknown(format!("/{word}")))?;
    let argument = after.trim();
    match (spec.takes, argument.is_empty()) {
        (Takes::Nothing, true) => Ok(command(spec.name, String::new())),
        (Takes::Nothing, false) => Err(Problem::Unexpected(spec.name)),
        (Takes::Word(_) | Takes::Text(_), true) => Err(Problem::Missing(spec.name)),
        (Takes::Word(_), false) if argument.contains(char::is_whitespace) => {
            Err(Problem::Words(spec.name))
        }
        (Takes::Word(_) | Takes::Text(_), false) => Ok(command(spec.name, argument.into())),
    }
}

/// The line for a command's name and what it was given (checked by [`parse`]).
fn command(name: Name, argument: String) -> Line {
    Line::Command(match name {
        Name::Exit => return Line::Exit,
        Name::Help => Command::Help,
        Name::Model => Command::Model(argument),
        Name::System => Command::System(argument),
        Name::Role => Command::Role(argument),
        Name::Clear => Command::Clear,
        Name::Retry => Command::Retry,
        Name::Undo => Command::Undo,
        Name::Save => Command::Save(argument),
        Name::Usage => Command::Usage,
        Name::History => Command::History,
        Name::Edit => Command::Edit,
    })
}

/// Tab completion of the text before the cursor: a command's name (with a space after it
/// when something follows), or after `/role ` a role's name. Returns where the completed
/// word starts and the candidates.
pub fn complete(before: &str, roles: &[String]) -> (usize, Vec<String>) {
    if let Some(started) = before.strip_prefix("/role ") {
        let start = before.len() - started.trim_start().len();
        let word = &before[start..];
        if !word.contains(char::is_whitespace) {
            let names = roles.iter().filter(|r| r.starts_with(word)).cloned();
            return (start, names.collect());
        }
    }
    if !before.starts_with('/') || before.contains(char::is_whitespace) {
        return (before.len(), Vec::new());
    }
    let typed = before.to_lowercase();
    let names = (COMMANDS.iter())
        .filter(|s| s.word.starts_with(&typed))
        .map(|s| match s.takes {
            Takes::Nothing => s.word.to_string(),
            Takes::Word(_) | Takes::Text(_) => format!("{} ", s.word),
        });
    (0, names.collect())
}

#[cfg(test)]
#[path = "commands_tests.rs"]
mod tests;
