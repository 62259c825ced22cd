//! The filter: one prompt (arguments, stdin, `-f` files) in, one answer out, and the
//! exchange saved to the conversation it continues or starts.

use std::io::Write;

use crate::api::message::{Message, Role};
use crate::commands::chat;
use crate::config::{Ask, Config, Facts};
use crate::conversation::Transcript;
use crate::error::{BadResponse, Error, Place, Problem, ToolProblem};
use crate::prompt::{self, Source};
use crate::tools::{self, Call};

pub fn run(
    config: &Config,
    ask: Ask,
    facts: Facts,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let earlier = ask.conversation.read(err)?;
    let mut transcript = Transcript::new(config.system.clone(), earlier, ask.turns.clone());
    // Tool results answer the calls the conversation ends with, in place of a prompt.
    let prompt = match ask.tool_results.is_empty() {
        true => Some(read_prompt(&ask, facts, err)?),
        false => {
            let results = tool_results(&ask, &transcript)?;
            transcript =
                Transcript::new(config.system.clone(), transcript.saved().to_vec(), results);
            None
        }
    };
    let saving = !config.dry_run && ask.conversation.saves();
    let mut client = chat::Client::default();
    let show = chat::Show::new(config, facts, saving);
    let answer = chat::exchange(
        config,
        &mut client,
        &transcript,
        prompt.as_deref(),
        show,
        out,
        err,
    )?;
    if let Some(calls) = answer.calls {
        return calls_as_data(
            calls,
            answer.text,
            (&mut transcript, prompt.as_deref()),
            saving,
            (&ask, config),
            out,
            err,
        );
    }
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

/// "Tool calls as data": one JSON line per call on stdout for the script that runs them,
/// the calls kept in the conversation so that `--tool-result` can answer them, exit 10.
fn calls_as_data(
    calls: Vec<Call>,
    text: Option<String>,
    (transcript, prompt): (&mut Transcript, Option<&str>),
    saving: bool,
    (ask, config): (&Ask, &Config),
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    let mut lines = Vec::new();
    for call in &calls {
        let line = call.line();
        if line.arguments_raw.is_some() {
            crate::log::warning(
                err,
                format_args!(
                    "the arguments of {} ({}) are not valid JSON: they are in \"arguments_raw\"",
                    call.function.name, call.id
                ),
            );
        }
        // Serialising strings and parsed JSON cannot fail.
        serde_json::to_writer(&mut lines, &line).expect("a call line serialises");
        lines.push(b'\n');
    }
    out.write_all(&lines)
        .and_then(|()| out.flush())
        .map_err(Error::Write)?;
    let mut names: Vec<String> = Vec::new();
    for call in &calls {
        if !names.contains(&call.function.name) {
            names.push(call.function.name.clone());
        }
    }
    let hint = match (saving, ask.conversation.continues.is_some()) {
        (true, true) => "answer them with --tool-result ID=VALUE and the same --history or -c",
        (true, false) => "answer them with -c --tool-result ID=VALUE",
        (false, _) => "to answer them with --tool-result, keep the conversation: --history FILE",
    };
    if saving && !calls.is_empty() {
        let new = transcript.record_answer(prompt, Message::calls(text.unwrap_or_default(), calls));
        (ask.conversation).save(transcript.saved(), &new, config.verbose, err)?;
    }
    Err(Error::CallsPrinted { names, hint })
}

/// `--tool-result`s as tool messages, one for each call the conversation's last answer
/// made, in the calls' order; a missing, unknown or extra result is refused before
/// anything is sent.
fn tool_results(ask: &Ask, transcript: &Transcript) -> Result<Vec<Message>, Error> {
    if ask.conversation.continues.is_none() {
        return Err(Problem::from(ToolProblem::ResultWithoutHistory).into());
    }
    let asked = match transcript.last() {
        Some(last) if !last.tool_calls.is_empty() => &last.tool_calls,
        Some(_) => return Err(Problem::from(ToolProblem::NoCallsPending(String::new())).into()),
        None => {
            let why = " (the conversation is empty)".to_string();
            return Err(Problem::from(ToolProblem::NoCallsPending(why)).into());
        }
    };
    let mut given = tools::results(&ask.tool_results).map_err(Problem::from)?;
    let ids = || {
        asked
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some((id, _)) = given
        .iter()
        .find(|(id, _)| !asked.iter().any(|c| &c.id == id))
    {
        let (id, asked) = (id.clone(), ids());
        return Err(Problem::from(ToolProblem::UnknownCall { id, asked }).into());
    }
    let missing: Vec<&str> = (asked.iter())
        .filter(|c| !given.iter().any(|(id, _)| *id == c.id))
        .map(|c| c.id.as_str())
        .collect();
    if !missing.is_empty() {
        let missing = missing.join(", ");
        return Err(Problem::from(ToolProblem::MissingResults { missing }).into());
    }
    Ok(asked
        .iter()
        .map(|call| {
            let at = given.iter().position(|(id, _)| *id == call.id);
            // Every call has its result: checked just above.
            let (id, text) = given.swap_remove(at.expect("each call has a result"));
            Message::tool_result(id, text)
        })
        .collect())
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
