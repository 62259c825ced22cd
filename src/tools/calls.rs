//! The calls a model makes: assembled from whole messages or from stream deltas (where
//! the arguments arrive in pieces, keyed by the call's index), printed for a script as one
//! JSON line each, and answered with `--tool-result ID=VALUE`.

use std::io::Read;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ToolProblem;

/// One call: `ChatCompletionMessageToolCall`, as history files keep it and the API takes
/// it back (`{"id","type":"function","function":{"name","arguments"}}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub id: String,
    #[serde(rename = "type", default = "function")]
    pub kind: String,
    pub function: Function,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub name: String,
    /// JSON as the model wrote it, which need not parse.
    #[serde(default)]
    pub arguments: String,
}

fn function() -> String {
    "function".into()
}

impl Call {
    pub fn new(id: String, name: String, arguments: String) -> Call {
        Call {
            id,
            kind: function(),
            function: Function { name, arguments },
        }
    }

    /// The line a script reads: the arguments parsed, or, when the model wrote invalid
    /// JSON, the string as `arguments_raw` (and the caller says so on stderr).
    pub fn line(&self) -> CallLine<'_> {
        let raw = &self.function.arguments;
        // No arguments at all is an empty object, as a function without parameters gets.
        let parsed = match raw.trim() {
            "" => Ok(Value::Object(Default::default())),
            text => serde_json::from_str::<Value>(text),
        };
        CallLine {
            id: &self.id,
            name: &self.function.name,
            arguments: parsed.as_ref().ok().cloned(),
            arguments_raw: parsed.is_err().then_some(raw.as_str()),
        }
    }
}

/// `{"id":"call_…","name":"get_weather","arguments":{"city":"Seoul"}}`.
#[derive(Debug, Serialize)]
pub struct CallLine<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arguments_raw: Option<&'a str>,
}

/// Calls being assembled from stream deltas, in the order of their indexes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calls(Vec<(u32, Call)>);

impl Calls {
    /// Adds one delta's piece of the call at `index`: its id and name come once, its
    /// arguments in pieces.
    pub fn add(
        &mut self,
        index: u32,
        id: Option<&str>,
        name: Option<&str>,
        arguments: Option<&str>,
    ) {
        let at = match self.0.iter().position(|(i, _)| *i == index) {
            Some(at) => at,
            None => {
                self.0.push((
                    index,
                    Call::new(String::new(), String::new(), String::new()),
                ));
                self.0.len() - 1
            }
        };
        let call = &mut self.0[at].1;
        if let Some(id) = id.filter(|id| !id.is_empty()) {
            call.id = id.to_string();
        }
        // A server that repeats the name in every piece must not double it.
        if let Some(name) = name.filter(|n| !n.is_empty() && call.function.name != *n) {
            call.function.name.push_str(name);
        }
        if let Some(arguments) = arguments {
            call.function.arguments.push_str(arguments);
        }
    }

    /// The calls, ordered by index; a call the server sent without an id gets one made
    /// from its index, so that `--tool-result` can still name it.
    pub fn finish(mut self) -> Vec<Call> {
        self.0.sort_by_key(|(i, _)| *i);
        (self.0.into_iter())
            .map(|(i, mut call)| {
                if call.id.is_empty() {
                    call.id = format!("call_{i}");
                }
                call
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names of the calls so far, in the order they came.
    pub fn names(&self) -> impl Iterator<Item = String> + '_ {
        self.0.iter().map(|(_, c)| c.function.name.clone())
    }
}

/// `--tool-result ID=VALUE`s: each call's id and the text sent back as its result. VALUE
/// is the text itself (JSON or not), `@FILE` a file's text, `@-` stdin's.
pub fn results(given: &[String]) -> Result<Vec<(String, String)>, ToolProblem> {
    let mut stdin_taken = false;
    let mut results: Vec<(String, String)> = Vec::with_capacity(given.len());
    for item in given {
        let Some((id, value)) = item.split_once('=').filter(|(id, _)| !id.is_empty()) else {
            return Err(ToolProblem::ResultForm(item.clone()));
        };
        if results.iter().any(|(seen, _)| seen == id) {
            return Err(ToolProblem::ResultTwice(id.to_string()));
        }
        let text = match value.strip_prefix('@') {
            Some("-") if stdin_taken => return Err(ToolProblem::StdinTwice),
            Some("-") => {
                stdin_taken = true;
                let mut text = String::new();
                (std::io::stdin().read_to_string(&mut text))
                    .map_err(|cause| ToolProblem::Stdin { cause })?;
                text
            }
            Some(path) => std::fs::read_to_string(path).map_err(|cause| ToolProblem::Read {
                path: PathBuf::from(path),
                cause,
            })?,
            None => value.to_string(),
        };
        results.push((id.to_string(), text));
    }
    Ok(results)
}
