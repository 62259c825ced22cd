//! Where the chat's lines come from. At a terminal, the line editor (rustyline, with
//! in-session history), which talks to the terminal itself so that stdout carries only
//! answers: Tab completes the commands, Alt-Enter and Ctrl-J start a new line without
//! sending, and a paste (bracketed paste, on by default in rustyline) stays one message.
//! From a pipe, plain lines, with the prompt on stderr, which is also how the tests drive
//! it.

use std::collections::VecDeque;
use std::io::{self, BufRead, Write};

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Cmd, KeyCode, KeyEvent, Modifiers};

use super::commands;
use crate::config::Facts;
use crate::error::{self, Error, Task};

/// The prompt in a pipe, as it has always been.
pub const PIPED_PROMPT: &str = "> ";

type Editor = rustyline::Editor<Helper, DefaultHistory>;

pub enum Input {
    Editor {
        editor: Box<Editor>,
        /// Lines typed ahead (see [`typed_ahead`]), asked before the editor reads more.
        queued: VecDeque<String>,
        /// A Ctrl-D was typed ahead: the end, once the lines before it are asked.
        ended: bool,
        /// Whether a line typed ahead is shown again after the prompt: stderr is the
        /// terminal.
        echo: bool,
    },
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
            .bracketed_paste(true)
            .build();
        let mut editor =
            Editor::with_config(config).map_err(|e| Error::local(Task::StartEditor, e))?;
        editor.set_helper(Some(Helper { roles }));
        // Alt-Enter arrives as ESC and a carriage return; Ctrl-J as a line feed.
        editor.bind_sequence(KeyEvent(KeyCode::Enter, Modifiers::ALT), Cmd::Newline);
        editor.bind_sequence(KeyEvent::ctrl('J'), Cmd::Newline);
        Ok(Input::Editor {
            editor: Box::new(editor),
            queued: VecDeque::new(),
            ended: false,
            echo: facts.stderr_is_terminal,
        })
    }

    /// The next line, or None at the end of input. `prompt` is the editor's; a pipe's is
    /// always [`PIPED_PROMPT`].
    pub fn read(&mut self, prompt: &str, err: &mut impl Write) -> Result<Option<String>, Error> {
        match self {
            Input::Editor {
                editor,
                queued,
                ended,
                echo,
            } => {
                if queued.is_empty() && !*ended {
                    let typed = typed_ahead().map_err(|e| Error::local(Task::ReadLine, e))?;
                    queued.extend(typed.lines);
                    *ended = typed.ended;
                }
                if let Some(line) = queued.pop_front() {
                    if *echo {
                        let _ = writeln!(err, "{prompt}{line}");
                    }
                    return Ok(Some(line));
                }
                match *ended {
                    true => Ok(None),
                    false => edit(editor, prompt),
                }
            }
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

/// Lines typed while the editor was not reading: while an answer streamed, or while
/// oaichat started.
#[derive(Debug, Default)]
struct TypedAhead {
    lines: Vec<String>,
    /// A Ctrl-D came after them: the person asked to leave.
    ended: bool,
}

/// Reads the lines typed ahead. The terminal, not in raw mode then, has turned each
/// Enter into a line feed, which the editor would read as Ctrl-J, a new line without
/// sending. Read here, they are asked one by one as typed (none lost); a line not yet
/// ended stays for the editor.
///
/// In canonical mode the terminal is readable only when a whole line waits, and each read
/// returns at most one, so this never blocks. (Keys the editor itself read ahead, in a
/// burst at its prompt, are still its own and come after these.)
#[cfg(unix)]
fn typed_ahead() -> io::Result<TypedAhead> {
    let (mut bytes, mut ended) = (Vec::new(), false);
    let mut buf = [0u8; 4096];
    loop {
        let mut stdin = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, and a zero timeout.
        let ready = unsafe { libc::poll(&mut stdin, 1, 0) };
        if ready <= 0 || stdin.revents & libc::POLLIN == 0 {
            break;
        }
        // SAFETY: the buffer is valid for its length.
        let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
        match n {
            0 => {
                ended = true;
                break;
            }
            n if n < 0 => return Err(io::Error::last_os_error()),
            n => bytes.extend_from_slice(&buf[..n as usize]),
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    let lines = text.lines().map(str::to_string).collect();
    Ok(TypedAhead { lines, ended })
}

#[cfg(not(unix))]
fn typed_ahead() -> io::Result<TypedAhead> {
    Ok(TypedAhead::default())
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
