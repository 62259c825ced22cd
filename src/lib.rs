//! oaichat: a Unix filter for OpenAI-compatible Chat Completions APIs.
//!
//! A run reads top to bottom: the flags and the environment resolve into a [`Mode`] and an
//! immutable [`Config`] (`config/`), and the mode's command (`commands/`) does the work with
//! the wire types (`api/`) and the HTTP client (`http/`). `main.rs` only maps the outcome
//! to an exit code.

pub mod api;
pub(crate) mod cache;
pub(crate) mod catalog;
pub(crate) mod commands;
pub mod config;
pub mod conversation;
pub mod error;
pub(crate) mod history;
pub(crate) mod http;
pub(crate) mod image;
pub mod interrupt;
pub(crate) mod jsonl;
pub mod log;
pub mod mcp;
pub(crate) mod output;
pub(crate) mod progress;
pub(crate) mod prompt;
pub(crate) mod render;
pub(crate) mod schema;
pub(crate) mod secret;
pub(crate) mod spinner;
pub mod stream;
pub(crate) mod terminal;
pub mod tokens;
pub(crate) mod tools;

use std::io::Write;

use crate::commands::{ask, batch, each, interactive, models};
use crate::config::cli::{self, Cli};
use crate::config::roles::Shelf;
use crate::config::{Config, ConfigAction, Env, Facts, Files, Mode};
use crate::error::Error;

/// Runs one invocation with its answer on stdout, or in `--output FILE` (written whole or
/// not at all: see [`output::file`]); diagnostics go to `err`.
pub fn run_to_destination(cli: &Cli, facts: Facts, err: &mut impl Write) -> Result<(), Error> {
    let Some(path) = cli
        .output
        .as_deref()
        .filter(|p| *p != std::path::Path::new("-"))
    else {
        // Buffered: a one-shot answer is written in one go; streamed deltas flush
        // themselves. Not locked for the whole run, so the Ctrl-C handler can end the line.
        let mut out = std::io::BufWriter::new(std::io::stdout());
        return run(cli, facts, &mut out, err).and_then(|()| out.flush().map_err(Error::Write));
    };
    let saved = |source| Error::Save {
        what: error::Saved::Output(path.to_path_buf()),
        source,
    };
    let mut pending = output::file::Pending::create(path).map_err(saved)?;
    let facts = Facts {
        answer_is_terminal: false,
        ..facts
    };
    let result = run(cli, facts, &mut pending, err);
    // Line mode's records are whole even when some inputs failed: each says how it ended.
    let whole = matches!(result, Ok(()) | Err(Error::Partial { .. }));
    match pending.finish(whole) {
        Ok(output::file::Kept::Partial(at)) => {
            log::line(
                err,
                format_args!("the answer so far is in {}", at.display()),
            );
        }
        Err(e) if result.is_ok() => return Err(saved(e)),
        _ => {}
    }
    result
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
        out.write_all(cli::version_text(cli.verbose).as_bytes())
            .map_err(Error::Write)?;
        return Ok(());
    }
    let env = Env::load(cli.env_file.as_deref())?;
    let mode = Mode::resolve(cli, &env)?;
    let located = config::file::locate(cli.config.as_deref(), &env);
    if let Mode::Config(ConfigAction::File(action)) = mode {
        // Before the file is read: a broken file is what --edit is for.
        return commands::config::run(action, located.as_ref(), &env, out);
    }
    if let Mode::Cache(action) = mode {
        // The cache's folder depends on the environment only: no file, no key.
        return commands::cache::run(action, &env, out);
    }
    let roles = Shelf::new(located.as_ref(), cli.no_config, &env);
    if let Mode::Roles(action) = mode {
        return commands::roles::run(&action, &roles, out);
    }
    let file = config::file::load(located.as_ref().filter(|_| !cli.no_config))?;
    let config = Config::resolve(cli, &env, Files::read(cli, roles)?, &file, &mode)?;
    for warning in &config.warnings {
        log::line(err, format_args!("{warning}"));
    }
    if config.verbose
        && let Some(warning) = env
            .dotenv_path()
            .and_then(config::env::world_readable_warning)
    {
        log::line(err, format_args!("{warning}"));
    }
    let done = match mode {
        Mode::Ask(ask) => ask::run(&config, ask, facts, out, err),
        Mode::Interactive(chat) => interactive::run(&config, chat, facts, out, err),
        Mode::Lines(lines) => each::lines(&config, lines, facts, out, err),
        Mode::Models => models::list(&config, out, err),
        Mode::Batch(action) => batch::command(&action, &config, facts, out, err),
        Mode::Config(_) => commands::config::show(&config, file.path.as_deref(), &env, out),
        Mode::Mcp(action) => commands::mcp::run(action, &config, out, err),
        // Answered above, before any file is read.
        Mode::Roles(_) | Mode::Cache(_) => Ok(()),
    };
    done.map_err(|e| e.naming_the_key(config.key_origin()))
}
