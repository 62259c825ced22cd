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
/// those being assembled; a whole message's calls are numbered by their place. With both,
/// `function_call` is ignored: llama-cpp-python sends it beside `tool_calls` as a copy of
/// call 0, whose arguments were otherwise taken twice.
pub fn add_calls(to: &mut Calls, calls: Option<&[ToolCall]>, function: Option<&Function>) {
    let function = function.filter(|_| calls.is_none_or(<[ToolCall]>::is_empty));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn function(name: &str, arguments: &str) -> Function {
        Function {
            name: Some(name.into()),
            arguments: Some(arguments.into()),
        }
    }

    #[test]
    fn a_function_call_beside_tool_calls_is_not_taken_twice() {
        let copy = function("get_weather", r#"{"city":"Seoul"}"#);
        let call = ToolCall {
            index: None,
            id: Some("call_1".into()),
            function: Some(copy.clone()),
        };
        let mut calls = Calls::default();
        add_calls(&mut calls, Some(&[call]), Some(&copy));
        let calls = calls.finish();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].function.arguments, r#"{"city":"Seoul"}"#);

        let mut alone = Calls::default();
        add_calls(&mut alone, None, Some(&copy));
        assert_eq!(alone.finish()[0].function.name, "get_weather");
    }
}
