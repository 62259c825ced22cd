//! The chat's state and what its commands do to it: the settings that `/model` and
//! `/role` change, the conversation that questions add to and `/retry`, `/undo` and
//! `/clear` change, and where that conversation is kept.

use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;

use super::commands::Command;
use super::refused::Refused;
use super::{files, usage, view};
use crate::api::message::{Message, Role};
use crate::commands::chat;
use crate::commands::tool_calls;
use crate::config::{Config, Facts, Places};
use crate::conversation::Transcript;
use crate::error::Error;
use crate::history::Conversation;
use crate::mcp::Servers;

pub struct Session<'a> {
    /// The run's settings, with the chat's `/model` and `/role`.
    pub config: Config,
    /// The system message a new conversation (`/clear`) starts with: the run's, or the
    /// last `/system` or `/role` text.
    system: Option<String>,
    transcript: Transcript,
    conversation: Conversation,
    client: chat::Client,
    places: Places,
    facts: Facts,
    mcp: Option<&'a RefCell<Servers>>,
    /// The last question, when it got no answer (it failed, or Ctrl-C stopped it): what
    /// `/retry` asks again.
    unanswered: Option<String>,
    /// The files `/save` wrote in this chat, which it may write again.
    written: Vec<PathBuf>,
}

impl<'a> Session<'a> {
    pub fn new(
        config: Config,
        (transcript, conversation): (Transcript, Conversation),
        places: Places,
        facts: Facts,
        mcp: Option<&'a RefCell<Servers>>,
    ) -> Session<'a> {
        Session {
            system: config.system.clone(),
            config,
            transcript,
            conversation,
            client: chat::Client::default(),
            places,
            facts,
            mcp,
            unanswered: None,
            written: Vec::new(),
        }
    }

    /// Asks a question; its answer is saved like any other. Only a closed stdout or an
    /// answer that cannot be saved ends the chat: a failed question is shown, and kept
    /// for `/retry`.
    pub fn ask(
        &mut self,
        question: String,
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Result<(), Error> {
        let mut transcript = std::mem::take(&mut self.transcript);
        let asked = self.exchange(&mut transcript, &question, true, out, err);
        self.transcript = transcript;
        match asked? {
            Some(new) => {
                self.unanswered = None;
                let (saved, verbose) = (self.transcript.saved(), self.config.verbose);
                self.conversation.save(saved, &new, verbose, err)?;
            }
            None => self.unanswered = Some(question),
        }
        Ok(())
    }

    /// One question of the chat: asked, its tool calls run (those with a command or an
    /// MCP server, each call asked about; others are named and the question goes
    /// unanswered), the answer recorded in `transcript`. Returns the messages it added, or
    /// None when it failed (said on `err`). `saving`: tool rounds save as they go.
    fn exchange(
        &mut self,
        transcript: &mut Transcript,
        question: &str,
        saving: bool,
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Result<Option<Vec<Message>>, Error> {
        // A Ctrl-C at the prompt (from a pipe) must not stop this answer.
        crate::interrupt::take_request();
        let config = &self.config;
        let calls = tool_calls::Context {
            config,
            conversation: &self.conversation,
            saving,
            facts: self.facts,
            calls_as_data: false,
            mcp: self.mcp,
        };
        let (client, show) = (&mut self.client, chat::Show::new(config, self.facts, true));
        let show = show.tallied();
        let answered = chat::exchange(config, client, transcript, Some(question), show, out, err)
            .and_then(|first| {
                let asked = (Some(question.to_string()), first);
                calls.settle((client, show), transcript, asked, out, err)
            });
        match answered {
            Ok((answer, prompt)) => {
                let answer = Message::new(Role::Assistant, answer.text.unwrap_or_default());
                Ok(Some(transcript.record_answer(prompt.as_deref(), answer)))
            }
            Err(e) if e.is_broken_pipe() => Err(e),
            Err(Error::Interrupted) => {
                // Not saved: the question goes unanswered, as if never asked.
                crate::log::line(err, format_args!("answer stopped"));
                Ok(None)
            }
            Err(e) => {
                // Shown, and the conversation goes on without the failed question.
                crate::log::error(err, &e);
                Ok(None)
            }
        }
    }

    /// Does what a command says.
    pub fn run(
        &mut self,
        command: Command,
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Result<(), Refused> {
        match command {
            Command::Help => view::help(err).map_err(Error::Write)?,
            Command::Model(name) => self.set_model(name, err)?,
            Command::System(text) => {
                self.replace_system(text);
                crate::log::line(err, format_args!("system message replaced"));
            }
            Command::Role(name) => self.apply_role(name, err)?,
            Command::Clear => self.clear(err),
            Command::Retry => self.retry(out, err)?,
            Command::Undo => self.undo(err)?,
            Command::Save(typed) => self.save(&typed, err)?,
            Command::Usage => {
                let line = usage::summary(self.client.spent());
                crate::log::line(err, format_args!("{line}"));
            }
            Command::History => {
                let messages = self.transcript.messages();
                let show = chat::Show::new(&self.config, self.facts, true);
                view::history(out, messages, show.render).map_err(Error::Write)?;
            }
            Command::Edit => {
                let message = files::edit(&self.places)?;
                self.ask(message, out, err).map_err(Refused::Ends)?;
            }
        }
        Ok(())
    }

    /// `/model NAME`, checked against the settings as `-m` would be (a reasoning model
    /// takes no temperature but 1, and its limit as `max_completion_tokens`).
    fn set_model(&mut self, name: String, err: &mut impl Write) -> Result<(), Refused> {
        let p = &mut self.config.request.params;
        let limits = (p.max_tokens, p.max_completion_tokens);
        let limits = crate::catalog::token_limits(&name, p.temperature, p.reasoning_effort, limits)
            .map_err(Error::from)?;
        (p.max_tokens, p.max_completion_tokens) = limits;
        crate::log::line(err, format_args!("model {name}"));
        self.config.request.model = name;
        Ok(())
    }

    fn replace_system(&mut self, text: String) {
        self.transcript.replace_system(text.clone());
        self.system = Some(text);
    }

    /// `/role NAME`: the role laid over the chat's settings as a `--jsonl` record's role is
    /// (its fields where no flag set them; flags still win, as over `-r`), and its text
    /// (with `-s` after it) the system message from now on.
    fn apply_role(&mut self, name: String, err: &mut impl Write) -> Result<(), Refused> {
        let roles = &self.config.record_roles;
        let (settings, system) = roles.apply(&name, &self.config.request)?;
        self.config.request = settings;
        let model = &self.config.request.model;
        crate::log::line(err, format_args!("role {name} (model {model})"));
        self.config.role = Some(name);
        if let Some(system) = system {
            self.replace_system(system);
        }
        Ok(())
    }
}

mod edits;
