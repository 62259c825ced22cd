//! `-i/--interactive`: a console chatbot. Each line is a question; answers stream to
//! stdout; the conversation stays in memory and is saved like any other (`--history`,
//! `-c`, `last.jsonl`) after each answer.
//!
//! On a terminal the line editor (rustyline, with in-session history) talks to the
//! terminal itself, so stdout carries only answers. From a pipe, lines are read plainly and
//! the prompt goes to stderr, which is also how the tests drive it. An API error is shown
//! and the loop goes on; empty lines are ignored; `exit`, `quit`, `bye`, `종료` or end of
//! input (Ctrl-D) end it. Ctrl-C stops the answer being streamed and the chat goes on.

use std::io::{self, BufRead, Write};

use rustyline::error::ReadlineError;

use crate::api::message::{Message, Role};
use crate::commands::chat;
use crate::commands::tool_calls;
use crate::config::{Chat, Config, Facts};
use crate::conversation::Transcript;
use crate::error::{self, Error, Task};

const PROMPT: &str = "> ";
const EXIT_WORDS: [&str; 4] = ["exit", "quit", "bye", "종료"];

/// Whether a line ends the session.
pub fn is_exit(line: &str) -> bool {
    let word = line.trim();
    EXIT_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

enum Input {
    Editor(Box<rustyline::DefaultEditor>),
    Piped(io::StdinLock<'static>),
}

impl Input {
    fn open(facts: Facts) -> Result<Input, Error> {
        if !facts.stdin_is_terminal {
            return Ok(Input::Piped(io::stdin().lock()));
        }
        let config = rustyline::Config::builder()
            .behavior(rustyline::Behavior::PreferTerm)
            .auto_add_history(true)
            .build();
        let editor = rustyline::DefaultEditor::with_config(config)
            .map_err(|e| Error::local(Task::StartEditor, e))?;
        Ok(Input::Editor(Box::new(editor)))
    }

    /// The next line, or None at the end of input.
    fn read(&mut self, err: &mut impl Write) -> Result<Option<String>, Error> {
        match self {
            Input::Editor(editor) => loop {
                match editor.readline(PROMPT) {
                    Ok(line) => return Ok(Some(line)),
                    // Ctrl-C at the prompt drops the line, as shells do.
                    Err(ReadlineError::Interrupted) => continue,
                    Err(ReadlineError::Eof) => return Ok(None),
                    Err(e) => {
                        return Err(Error::local(Task::ReadLine, e));
                    }
                }
            },
            Input::Piped(stdin) => {
                let _ = write!(err, "{PROMPT}");
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

/// Runs the loop. The prompt arguments, if any, are asked before reading input.
pub fn run(
    config: &Config,
    chat: Chat,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let earlier = chat.conversation.read(err)?;
    let mut transcript = Transcript::new(config.system.clone(), earlier, chat.turns);
    // Started once, for the whole chat.
    let started = tool_calls::start_mcp(config)?;
    let config = started.config(config);
    crate::interrupt::set_soft(true);
    let mut input = Input::open(facts)?;
    let mut pending = chat.first;
    let mut client = chat::Client::default();
    let show = chat::Show::new(config, facts, true);
    let calls = tool_calls::Context {
        config,
        conversation: &chat.conversation,
        saving: true,
        facts,
        calls_as_data: false,
        mcp: started.servers(),
    };
    loop {
        let line = match pending.take() {
            Some(line) => line,
            None => match input.read(err)? {
                Some(line) => line,
                None => break,
            },
        };
        if line.trim().is_empty() {
            continue;
        }
        if is_exit(&line) {
            break;
        }
        // A Ctrl-C at the prompt (from a pipe) must not stop the next answer.
        crate::interrupt::take_request();
        ask_one(&calls, (&mut client, show), &mut transcript, line, out, err)?;
    }
    Ok(())
}

/// One question of the chat: asked, its tool calls run (those with a command or an MCP
/// server, each call asked about; others are named and the question goes unanswered), the
/// answer recorded. A failure is shown and the chat goes on without the question; only a
/// closed pipe or a failed save ends it.
fn ask_one(
    calls: &tool_calls::Context<'_>,
    (client, show): (&mut chat::Client, chat::Show),
    transcript: &mut Transcript,
    line: String,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let config = calls.config;
    let answered = chat::exchange(config, client, transcript, Some(&line), show, out, err)
        .and_then(|first| {
            let asked = (Some(line.clone()), first);
            calls.settle((client, show), transcript, asked, out, err)
        });
    match answered {
        Ok((answer, prompt)) => {
            let answer = Message::new(Role::Assistant, answer.text.unwrap_or_default());
            let new = transcript.record_answer(prompt.as_deref(), answer);
            let saved = transcript.saved();
            calls.conversation.save(saved, &new, config.verbose, err)?;
        }
        Err(e) if e.is_broken_pipe() => return Err(e),
        Err(Error::Interrupted) => {
            // Not saved: the question goes unanswered, as if never asked.
            crate::log::line(err, format_args!("answer stopped"));
        }
        Err(e) => {
            // Shown, and the conversation goes on without the failed question.
            crate::log::error(err, &e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_words_in_both_languages() {
        for word in ["exit", "QUIT", " bye ", "종료"] {
            assert!(is_exit(word), "{word}");
        }
        for word in ["exit now", "goodbye", "", "종료해"] {
            assert!(!is_exit(word), "{word}");
        }
    }
}
