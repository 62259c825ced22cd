//! Tool calls as responses carry them: whole in a message, or in pieces across a
//! stream's deltas, gathered into [`Calls`].

use serde::Deserialize;

use crate::tools::Calls;

/// A tool call, or a streamed piece of one (which has an `index`, and its id, name and
/// arguments in pieces).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ToolCall {
    #[serde(default)]
    pub index: Option<u32>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub function: Option<Function>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Function {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub arguments: Option<String>,
}

/// Adds the calls of a message or delta (or its deprecated `function_call`, as call 0) to
/// those being assembled; a whole message's calls are numbered by their place.
pub fn add_calls(to: &mut Calls, calls: Option<&[ToolCall]>, function: Option<&Function>) {
    for (place, call) in calls.into_iter().flatten().enumerate() {
        let f = call.function.as_ref();
        let index = call.index.unwrap_or(place as u32);
        let name = f.and_then(|f| f.name.as_deref());
        let arguments = f.and_then(|f| f.arguments.as_deref());
        to.add(index, call.id.as_deref(), name, arguments);
    }
    if let Some(f) = function {
        to.add(0, None, f.name.as_deref(), f.arguments.as_deref());
    }
}
