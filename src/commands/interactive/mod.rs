//! `-i/--interactive`: a console chatbot. Each line is a question; answers stream to
//! stdout; the conversation stays in memory and is saved like any other (`--history`,
//! `-c`, `last.jsonl`) after each answer. Lines that start with `/` are the chat's
//! commands (`/help` lists them; see `commands`), in a pipe too, so that scripts and
//! tests can drive them.
//!
//! At a terminal (stdin and stderr both) a line on stderr says what the chat is and how
//! to leave it, and the prompt names the model; a pipe sees neither, and its prompt is
//! `> ` on stderr as it has always been (habit 16). stdout carries the answers and
//! `/history`; what the chat says to the person goes to stderr. An API error is shown
//! and the loop goes on; empty lines are ignored; `exit`, `quit`, `bye`, `종료`, `/exit`
//! or end of input (Ctrl-D) end it. Ctrl-C stops the answer being streamed and the chat
//! goes on.

use std::io::Write;

use crate::commands::tool_calls;
use crate::config::{Chat, Config, Facts};
use crate::conversation::Transcript;
use crate::error::Error;

mod commands;
mod files;
mod input;
mod refused;
mod session;
mod usage;
mod view;

use commands::Line;
use input::Input;
use session::Session;

/// Runs the loop. The prompt arguments, if any, are asked before reading input.
pub fn run(
    config: &Config,
    chat: Chat,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let earlier = chat.conversation.read(err)?;
    let transcript = Transcript::new(config.system.clone(), earlier, chat.turns);
    // Started once, for the whole chat.
    let started = tool_calls::start_mcp(config)?;
    let config = started.config(config);
    crate::interrupt::set_soft(true);
    // Listed once, for completing /role: a folder that cannot be read offers none.
    let roles = config.record_roles.shelf.names().unwrap_or_default();
    let mut input = Input::open(facts, roles)?;
    let at_a_terminal = facts.stdin_is_terminal && facts.stderr_is_terminal;
    if at_a_terminal {
        let _ = writeln!(err, "{}", banner(config));
    }
    let kept = (transcript, chat.conversation);
    let mut session = Session::new(config.clone(), kept, chat.places, facts, started.servers());
    // The prompt arguments are a question as they are, never a command.
    let mut pending = chat.first.filter(|first| !first.trim().is_empty());
    loop {
        if let Some(first) = pending.take() {
            session.ask(first, out, err)?;
            continue;
        }
        let prompt = match at_a_terminal {
            true => format!("{}> ", session.config.request.model),
            false => input::PIPED_PROMPT.to_string(),
        };
        let Some(line) = input.read(&prompt, err)? else {
            break;
        };
        match commands::parse(&line) {
            Ok(Line::Empty) => {}
            Ok(Line::Exit) => break,
            Ok(Line::Message(question)) => session.ask(question, out, err)?,
            Ok(Line::Command(command)) => {
                if let Err(refused) = session.run(command, out, err) {
                    crate::log::error(err, &refused.ends()?);
                }
            }
            Err(problem) => crate::log::error(err, &problem),
        }
    }
    Ok(())
}

/// The line a person sees when the chat starts: the model, the profile and role when
/// there are some, how to leave and how to get help.
fn banner(config: &Config) -> String {
    let mut about = vec![config.request.model.clone()];
    about.extend(config.profile.as_ref().map(|p| format!("profile {p}")));
    about.extend(config.role.as_ref().map(|r| format!("role {r}")));
    format!(
        "oaichat chat with {}. exit or Ctrl-D leaves; /help lists the commands.",
        about.join(", ")
    )
}
