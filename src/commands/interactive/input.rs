//! Where the chat's lines come from. At a terminal, the line editor (rustyline, with
//! in-session history), which talks to the terminal itself so that stdout carries only
//! answers: Tab completes the commands. From a pipe, plain lines, with the prompt on
//! stderr, which is also how the tests drive it.

use std::io::{self, BufRead, Write};

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;

use super::commands;
use crate::config::Facts;
use crate::error::{self, Error, Task};

/// The prompt in a pipe, as it has always been.
pub const PIPED_PROMPT: &str = "> ";

type Editor = rustyline::Editor<Helper, DefaultHistory>;

pub enum Input {
    Editor(Box<Editor>),
    Piped(io::StdinLock<'static>),
}

impl Input {
    /// The editor when stdin is a terminal, with `roles` for completing `/role NAME`.
    pub fn open(facts: Facts, roles: Vec<String>) -> Result<Input, Error> {
        if !facts.stdin_is_terminal {
            return Ok(Input::Piped(io::stdin().lock()));
        }
        let config = rustyline::Config::builder()
            .behavior(rustyline::Behavior::PreferTerm)
            .auto_add_history(true)
            .completion_type(rustyline::CompletionType::List)
            .build();
        let mut editor =
            Editor::with_config(config).map_err(|e| Error::local(Task::StartEditor, e))?;
        editor.set_helper(Some(Helper { roles }));
        Ok(Input::Editor(Box::new(editor)))
    }

    /// The next line, or None at the end of input. `prompt` is the editor's; a pipe's is
    /// always [`PIPED_PROMPT`].
    pub fn read(&mut self, prompt: &str, err: &mut impl Write) -> Result<Option<String>, Error> {
        match self {
            Input::Editor(editor) => edit(editor, prompt),
            Input::Piped(stdin) => {
                let _ = write!(err, "{PIPED_PROMPT}");
                let _ = err.flush();
                let mut line = String::new();
                let n = stdin
                    .read_line(&mut line)
                    .map_err(|e| Error::read(error::Input::Stdin, e))?;
                Ok((n > 0).then(|| line.trim_end_matches(['\n', '\r']).to_string()))
            }
        }
    }
}

/// A line from the editor; None at Ctrl-D.
fn edit(editor: &mut Editor, prompt: &str) -> Result<Option<String>, Error> {
    loop {
        match editor.readline(prompt) {
            Ok(line) => return Ok(Some(line)),
            // Ctrl-C at the prompt drops the line, as shells do.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return Ok(None),
            Err(e) => return Err(Error::local(Task::ReadLine, e)),
        }
    }
}

/// What the editor knows of the chat: its commands, and the roles `/role` can apply.
pub struct Helper {
    roles: Vec<String>,
}

impl rustyline::completion::Completer for Helper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(commands::complete(&line[..pos], &self.roles))
    }
}

impl rustyline::hint::Hinter for Helper {
    type Hint = String;
}

impl rustyline::highlight::Highlighter for Helper {}

impl rustyline::validate::Validator for Helper {}

impl rustyline::Helper for Helper {}
