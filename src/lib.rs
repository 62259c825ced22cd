//! oaichat: a Unix filter for OpenAI-compatible Chat Completions APIs.
//!
//! The pipeline reads top to bottom: configuration → prompt → request → send → output.
//! Each step lives in its own module; this file only connects them and does the verbose
//! log, so that `main.rs` stays a thin wrapper that maps errors to exit codes.

pub mod api;
pub mod catalog;
pub mod commands;
pub mod config;
pub mod error;
pub mod history;
pub mod http;
pub mod image;
pub mod interrupt;
pub mod jsonl;
pub mod output;
pub mod prompt;
pub mod schema;
pub mod stream;
pub mod tokens;

use std::io::Write;

use crate::commands::{batch, chat, each, interactive, models};
use crate::config::cli::{self, Cli};
use crate::config::env;
use crate::config::{Config, Env};
use crate::error::Error;
use crate::history::Conversation;
use crate::prompt::Source;

/// What oaichat needs to know about its process, read once by `main`.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub stdin_is_terminal: bool,
    pub stderr_is_terminal: bool,
}

/// Runs one invocation. Answers go to `out`, diagnostics to `err`.
pub fn run(
    cli: &Cli,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    if cli.version {
        // Like --help: no key, no .env, no network.
        out.write_all(cli::version_text(cli.verbose).as_bytes())?;
        return Ok(());
    }
    let env = Env::load(cli.env_file.as_deref())?;
    let conversation = Conversation::locate(cli.history.as_deref(), cli.continue_last, &env)?;
    let files = read_files(cli, &conversation, err)?;
    let config = Config::resolve(cli, &env, files)?;
    if config.verbose
        && let Some(warning) = env.dotenv_path().and_then(env::world_readable_warning)
    {
        log(err, format_args!("{warning}"));
    }
    match &cli.command {
        Some(cli::Sub::Models { .. }) => return models::list(&config, out, err),
        Some(cli::Sub::Batch { action }) => {
            return batch::command(action, &config, out, err);
        }
        None => {}
    }
    if cli.each || cli.jsonl {
        return line_mode(cli, &config, facts, out, err);
    }
    if cli.resume.is_some() {
        return Err(Error::usage(
            "--resume is for line mode: add --each or --jsonl",
        ));
    }
    if cli.interactive {
        let first = prompt::instruction(&cli.prompt);
        return interactive::run(config, &conversation, first, facts, out, err);
    }
    let prompt = read_prompt(cli, facts, err)?;
    let saving = !config.dry_run && conversation.saves();
    let answer = chat::exchange(&config, &prompt, saving, out, err)?;
    if let (true, Some(text)) = (saving, answer.text) {
        let mut whole = config.history.clone();
        let new = history::exchange(&config, &prompt, text);
        whole.extend(new.iter().cloned());
        conversation.save(&config, &whole, &new, err)?;
    }
    Ok(())
}

/// What flags name that has to be read first: the system file, the schema, the images and
/// the conversation being continued.
fn read_files(
    cli: &Cli,
    conversation: &Conversation,
    err: &mut impl Write,
) -> Result<config::Files, Error> {
    let request = &cli.request;
    Ok(config::Files {
        system: request
            .system_file
            .as_deref()
            .map(prompt::read_file)
            .transpose()?,
        schema: request.schema.as_deref().map(schema::load).transpose()?,
        images: cli
            .images
            .iter()
            .map(|arg| image::load(arg))
            .collect::<Result<_, _>>()?,
        history: match &conversation.continues {
            Some(path) => history::read(path, err)?,
            None => Vec::new(),
        },
    })
}

/// `--each`/`--jsonl`: inputs from `-f` files (in order) or stdin.
fn line_mode(
    cli: &Cli,
    config: &Config,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let options = each::Options {
        kind: if cli.jsonl {
            each::Kind::Jsonl
        } else {
            each::Kind::Each
        },
        parallel: usize::from(cli.parallel),
        raw: cli.raw,
        resume: cli.resume.clone(),
        progress: facts.stderr_is_terminal,
        total: None,
    };
    let instruction = prompt::instruction(&cli.prompt);
    if cli.files.is_empty() {
        // stdin can be read only once: its size stays unknown, so progress has no ETA.
        let stdin = std::io::BufReader::new(std::io::stdin());
        return each::run(config, instruction, &options, stdin, out, err);
    }
    // Files are checked whole before anything is sent, and counted for progress.
    let inputs = each::scan_files(&cli.files, options.kind)?;
    let options = each::Options {
        total: options.progress.then_some(inputs),
        ..options
    };
    let input = each::open_files(&cli.files)?;
    each::run(config, instruction, &options, input, out, err)
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
