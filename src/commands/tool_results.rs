//! `--tool-result ID=VALUE`: the answers to the calls a conversation ends with, checked
//! against those calls (each answered once, none unknown) before anything is sent.

use crate::api::message::Message;
use crate::config::Ask;
use crate::conversation::Transcript;
use crate::error::{Error, Problem, ToolProblem};
use crate::tools::{self, Call};

/// `--tool-result`s as tool messages, one for each call the conversation's last answer
/// made, in the calls' order; a missing, unknown or extra result is refused before
/// anything is sent.
pub fn results(ask: &Ask, transcript: &Transcript) -> Result<Vec<Message>, Error> {
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
    let given = tools::results(&ask.tool_results).map_err(Problem::from)?;
    match_results(asked, given).map_err(|p| Problem::from(p).into())
}

/// Pairs each call with its result, in the calls' order.
fn match_results(
    asked: &[Call],
    mut given: Vec<(String, String)>,
) -> Result<Vec<Message>, ToolProblem> {
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
        return Err(ToolProblem::UnknownCall {
            id: id.clone(),
            asked: ids(),
        });
    }
    let missing: Vec<&str> = (asked.iter())
        .filter(|c| !given.iter().any(|(id, _)| *id == c.id))
        .map(|c| c.id.as_str())
        .collect();
    if !missing.is_empty() {
        let missing = missing.join(", ");
        return Err(ToolProblem::MissingResults { missing });
    }
    let mut messages = Vec::with_capacity(asked.len());
    for call in asked {
        // Every call has its result: checked just above.
        let at = given
            .iter()
            .position(|(id, _)| *id == call.id)
            .expect("each call has a result");
        let (id, text) = given.swap_remove(at);
        messages.push(Message::tool_result(id, text));
    }
    Ok(messages)
}
