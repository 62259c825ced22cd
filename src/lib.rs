//! oaichat: a Unix filter for OpenAI-compatible Chat Completions APIs.
//!
//! The pipeline reads top to bottom: configuration → prompt → request → send → output.
//! Each step lives in its own module; this file only connects them and does the verbose
//! log, so that `main.rs` stays a thin wrapper that maps errors to exit codes.

pub mod catalog;
pub mod chat;
pub mod cli;
pub mod client;
pub mod config;
pub mod env;
pub mod error;
pub mod history;
pub mod image;
pub mod interrupt;
pub mod models;
pub mod output;
pub mod prompt;
pub mod request;
pub mod response;
pub mod retry;
pub mod schema;
pub mod secret;
pub mod sse;
pub mod stream;
pub mod tokens;

use std::io::Write;
use std::path::PathBuf;

use crate::cli::Cli;
use crate::config::{Config, Env};
use crate::error::Error;
use crate::prompt::Source;
use crate::request::Role;

/// What oaichat needs to know about its process, read once by `main`.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub stdin_is_terminal: bool,
}

/// Runs one invocation. Answers go to `out`, diagnostics to `err`.
pub fn run(
    cli: &Cli,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let env = Env::load(cli.env_file.as_deref())?;
    let conversation = Conversation::locate(cli, &env)?;
    let files = config::Files {
        system: cli
            .system_file
            .as_deref()
            .map(prompt::read_file)
            .transpose()?,
        schema: cli.schema.as_deref().map(schema::load).transpose()?,
        images: cli
            .images
            .iter()
            .map(|arg| image::load(arg))
            .collect::<Result<_, _>>()?,
        history: match &conversation.continues {
            Some(path) => history::read(path)?,
            None => Vec::new(),
        },
    };
    let config = Config::resolve(cli, &env, files)?;
    if config.verbose
        && let Some(warning) = env.dotenv_path().and_then(env::world_readable_warning)
    {
        log(err, format_args!("{warning}"));
    }
    if cli.command == Some(cli::Sub::Models) {
        return models::list(&config, out, err);
    }
    let prompt = read_prompt(cli, facts, err)?;
    let saving = !config.dry_run && conversation.saves();
    let answer = chat::exchange(&config, &prompt, saving, out, err)?;
    if let (true, Some(text)) = (saving, answer.text) {
        conversation.save(&config, &prompt, text, err)?;
    }
    Ok(())
}

/// Where this run's conversation comes from and goes to.
struct Conversation {
    /// `--history FILE` or `-c`: read before, appended to after.
    continues: Option<PathBuf>,
    /// Neither: this run starts the conversation `-c` will continue.
    starts: Option<PathBuf>,
}

impl Conversation {
    fn locate(cli: &Cli, env: &Env) -> Result<Conversation, Error> {
        if let Some(path) = &cli.history {
            return Ok(Conversation {
                continues: Some(path.clone()),
                starts: None,
            });
        }
        let last = history::last_conversation(env);
        if !cli.continue_last {
            return Ok(Conversation {
                continues: None,
                starts: last,
            });
        }
        match last {
            Some(path) if path.is_file() => Ok(Conversation {
                continues: Some(path),
                starts: None,
            }),
            Some(path) => Err(Error::usage(format!(
                "no conversation to continue ({} does not exist yet): ask without -c first",
                path.display()
            ))),
            None => Err(Error::usage(
                "-c needs a place for conversations: set HOME or XDG_DATA_HOME",
            )),
        }
    }

    fn saves(&self) -> bool {
        self.continues.is_some() || self.starts.is_some()
    }

    /// Records the exchange. Appending to a file the user named must work (an error
    /// otherwise); replacing `last.jsonl` is a convenience, so failing there only warns.
    fn save(
        &self,
        config: &Config,
        prompt: &str,
        answer: String,
        err: &mut impl Write,
    ) -> Result<(), Error> {
        let new_file = match &self.continues {
            Some(_) => config.history.is_empty(),
            None => true,
        };
        let mut messages: Vec<history::Message> = Vec::new();
        if let (true, Some(system)) = (new_file, &config.system) {
            messages.push(history::Message {
                role: Role::System,
                content: system.clone(),
            });
        }
        messages.extend(config.turns.iter().map(|turn| history::Message {
            role: if turn.assistant {
                Role::Assistant
            } else {
                Role::User
            },
            content: turn.text.clone(),
        }));
        messages.push(history::Message {
            role: Role::User,
            content: prompt.to_string(),
        });
        messages.push(history::Message {
            role: Role::Assistant,
            content: answer,
        });
        if let Some(path) = &self.continues {
            return history::append(path, &messages);
        }
        if let Some(path) = &self.starts
            && let Err(e) = history::replace(path, &messages)
            && config.verbose
        {
            log(err, format_args!("warning: {e}"));
        }
        Ok(())
    }
}

fn read_prompt(cli: &Cli, facts: Facts, err: &mut impl Write) -> Result<String, Error> {
    let sources = prompt::plan(prompt::Inputs {
        args: &cli.prompt,
        files: &cli.files,
        no_stdin: cli.no_stdin,
        stdin_is_terminal: facts.stdin_is_terminal,
    })?;
    let instruction = prompt::instruction(&cli.prompt);
    let mut material = Vec::with_capacity(sources.len());
    for source in sources {
        material.push(match source {
            Source::Stdin => {
                // Only a pipe next to a prompt can be a forgotten one worth a notice.
                let notice = instruction.is_some().then_some(prompt::STDIN_NOTICE_AFTER);
                prompt::decode(prompt::read_stdin(notice, err)?, "stdin")?
            }
            Source::File(path) => prompt::read_file(&path)?,
        });
    }
    prompt::assemble(instruction, material)
}

/// One diagnostic line on stderr. A closed stderr must not stop the answer.
pub(crate) fn log(err: &mut impl Write, line: std::fmt::Arguments<'_>) {
    let _ = writeln!(err, "oaichat: {line}");
}
