//! oaichat: a Unix filter for OpenAI-compatible Chat Completions APIs.
//!
//! The pipeline reads top to bottom: configuration → prompt → request → send → output.
//! Each step lives in its own module; this file only connects them and does the verbose
//! log, so that `main.rs` stays a thin wrapper that maps errors to exit codes.

pub mod catalog;
pub mod cli;
pub mod client;
pub mod config;
pub mod env;
pub mod error;
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

use std::io::Write;

use crate::cli::Cli;
use crate::config::{Config, Env};
use crate::error::Error;
use crate::prompt::Source;
use crate::response::{ChatResponse, Usage};

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
    };
    let config = Config::resolve(cli, &env, files)?;
    if config.verbose {
        if let Some(warning) = env.dotenv_path().and_then(env::world_readable_warning) {
            log(err, format_args!("{warning}"));
        }
    }
    if cli.command == Some(cli::Sub::Models) {
        return models::list(&config, out, err);
    }
    let prompt = read_prompt(cli, facts, err)?;

    let request = request::build(&config, &prompt);
    let body = serde_json::to_vec(&request)
        .map_err(|e| Error::io("cannot encode the request", std::io::Error::other(e)))?;
    if config.verbose {
        log(
            err,
            format_args!(
                "POST {} ({} bytes, model {})",
                config.chat_url(),
                body.len(),
                config.model
            ),
        );
        log(err, format_args!("authorization: Bearer (redacted)"));
    }

    let sent = client::post_chat(&config, body, err)?;
    let is_event_stream = sent
        .response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    if config.verbose {
        let id = sent
            .request_id
            .as_deref()
            .map(|id| format!(", x-request-id {id}"))
            .unwrap_or_default();
        log(
            err,
            format_args!(
                "{} in {} ms{id}",
                sent.response.status(),
                sent.elapsed.as_millis()
            ),
        );
    }
    // A server that ignores `stream: true` and answers with plain JSON still gets read.
    if config.stream && is_event_stream {
        answer_stream(&config, sent.response, out, err)
    } else {
        answer_whole(&config, sent.response, out, err)
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

fn answer_whole(
    config: &Config,
    response: reqwest::blocking::Response,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let body = client::read_limited(response, client::BODY_LIMIT)
        .map_err(|e| client::body_error(&e, config))?;
    let parsed: Result<ChatResponse, _> = serde_json::from_slice(&body);
    if config.raw {
        out.write_all(&body)?;
        if !body.ends_with(b"\n") {
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    let parsed = parsed.map_err(|e| {
        let excerpt = response::error_detail(&body).text;
        Error::BadResponse(format!(
            "the response is not a chat completion ({e}): {excerpt}"
        ))
    })?;
    if parsed.choices.is_empty() {
        return Err(Error::BadResponse("the response has no choices".into()));
    }
    if !config.raw {
        output::write_response(out, &parsed)?;
    }
    log_usage(config, parsed.usage.as_ref(), parsed.model.as_deref(), err);
    let json_flag = config.json_flag();
    output::judge(
        &output::response_endings(&parsed, json_flag.is_some()),
        json_flag,
        err,
    )
}

fn answer_stream(
    config: &Config,
    mut response: reqwest::blocking::Response,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let mode = stream::Mode {
        raw: config.raw,
        keep_text: config.json_flag().is_some(),
    };
    let finished = stream::consume(&mut response, out, mode, |e| client::body_error(e, config))?;
    if finished.endings.is_empty() {
        return Err(Error::BadResponse("the stream carried no choices".into()));
    }
    log_usage(
        config,
        finished.usage.as_ref(),
        finished.model.as_deref(),
        err,
    );
    output::judge(&finished.endings, config.json_flag(), err)
}

/// With `--usage` or `-v`: tokens and cost, priced by the model that answered.
fn log_usage(config: &Config, usage: Option<&Usage>, model: Option<&str>, err: &mut impl Write) {
    if config.usage || config.verbose {
        let model = model.unwrap_or(&config.model);
        log(err, format_args!("{}", output::usage_line(usage, model)));
    }
}

/// One diagnostic line on stderr. A closed stderr must not stop the answer.
pub(crate) fn log(err: &mut impl Write, line: std::fmt::Arguments<'_>) {
    let _ = writeln!(err, "oaichat: {line}");
}
