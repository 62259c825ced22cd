//! The filter: one prompt (arguments, stdin, `-f` files) in, one answer out, and the
//! exchange saved to the conversation it continues or starts.

use std::io::Write;

use crate::api::message::{Message, Role};
use crate::commands::chat;
use crate::commands::tool_calls;
use crate::commands::tool_results;
use crate::config::{Ask, Config, Facts};
use crate::conversation::Transcript;
use crate::error::{BadResponse, Error, Place};
use crate::prompt::{self, Source};

pub fn run(
    config: &Config,
    ask: Ask,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let earlier = ask.conversation.read(err)?;
    let mut transcript = Transcript::new(config.system.clone(), earlier, ask.turns.clone());
    let prompt = prompt_or_results(&ask, facts, &mut transcript, err)?;
    // After the prompt is read: a bad one must not start servers.
    let started = tool_calls::start_mcp(config)?;
    let config = started.config(config);
    let saving = !config.dry_run && ask.conversation.saves();
    let mut client = chat::Client::default();
    let show = chat::Show::new(config, facts, saving);
    let first = chat::exchange(
        config,
        &mut client,
        &transcript,
        prompt.as_deref(),
        show,
        out,
        err,
    )?;
    let calls = tool_calls::Context {
        config,
        conversation: &ask.conversation,
        saving,
        facts,
        calls_as_data: true,
        mcp: started.servers(),
    };
    let (answer, prompt) = calls.settle(
        (&mut client, show),
        &mut transcript,
        (prompt, first),
        out,
        err,
    )?;
    // The whole answer is kept in the conversation, whatever -x printed of it.
    if let (true, Some(text)) = (saving, answer.text) {
        let new = transcript.record_answer(prompt.as_deref(), Message::new(Role::Assistant, text));
        (ask.conversation).save(transcript.saved(), &new, config.verbose, err)?;
    }
    match answer.no_block {
        Some(missing) => Err(BadResponse::NoCodeBlock(missing).into()),
        None => Ok(()),
    }
}

/// The prompt; or, with `--tool-result`, none: the results answer the calls the
/// conversation ends with, in its place.
fn prompt_or_results(
    ask: &Ask,
    facts: Facts,
    transcript: &mut Transcript,
    err: &mut impl Write,
) -> Result<Option<String>, Error> {
    if ask.tool_results.is_empty() {
        return read_prompt(ask, facts, err).map(Some);
    }
    let results = tool_results::results(ask, transcript)?;
    transcript.add_turns(results);
    Ok(None)
}

/// The prompt: the instruction, then the material from stdin and `-f` files.
fn read_prompt(ask: &Ask, facts: Facts, err: &mut impl Write) -> Result<String, Error> {
    let sources = prompt::plan(prompt::Inputs {
        args: &ask.args,
        files: &ask.files,
        no_stdin: ask.no_stdin,
        stdin_is_terminal: facts.stdin_is_terminal,
    })?;
    let mut material = Vec::with_capacity(sources.len());
    for source in sources {
        material.push(match source {
            Source::Stdin => {
                // Only a pipe next to a prompt can be a forgotten one worth a notice.
                let notice = (ask.instruction.is_some()).then_some(prompt::STDIN_NOTICE_AFTER);
                prompt::decode(prompt::read_stdin(notice, err)?, Place::Stdin)?
            }
            Source::File(path) => prompt::read_file(&path)?,
        });
    }
    Ok(prompt::assemble(ask.instruction.clone(), material)?)
}
