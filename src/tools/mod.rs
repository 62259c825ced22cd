//! Tools the model may call (issue 14): their definitions (`--tools`), how the model may
//! use them (`--tool-choice`, `--no-parallel-tool-calls`), and the calls it makes, which a
//! script gets as JSON lines ("tool calls as data") and answers with `--tool-result`.

use std::path::Path;

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;

mod calls;
mod definition;
mod problem;

pub use calls::{Call, Calls, results};
pub use definition::Tool;
pub use problem::ToolProblem;

/// What a request offers the model to call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tools {
    pub defs: Vec<Tool>,
    pub choice: Option<ToolChoice>,
    /// `Some(false)` with `--no-parallel-tool-calls`; unset otherwise (the API's default).
    pub parallel: Option<bool>,
}

impl Tools {
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    /// The request's `tools` list.
    pub fn wire(&self) -> Vec<Value> {
        self.defs.iter().map(Tool::wire).collect()
    }
}

/// `--tool-choice`: `ChatCompletionToolChoiceOption`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolChoice {
    Auto,
    None,
    Required,
    /// One function, which the model must call.
    Named(String),
}

impl ToolChoice {
    pub fn parse(text: &str) -> ToolChoice {
        match text {
            "auto" => ToolChoice::Auto,
            "none" => ToolChoice::None,
            "required" => ToolChoice::Required,
            name => ToolChoice::Named(name.to_string()),
        }
    }
}

impl Serialize for ToolChoice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ToolChoice::Auto => serializer.serialize_str("auto"),
            ToolChoice::None => serializer.serialize_str("none"),
            ToolChoice::Required => serializer.serialize_str("required"),
            ToolChoice::Named(name) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("type", "function")?;
                map.serialize_entry("function", &serde_json::json!({ "name": name }))?;
                map.end()
            }
        }
    }
}

/// Reads each `--tools` value (a file, or JSON when it starts with `[` or `{`) and checks
/// the whole set: names unique, a named `--tool-choice` among them.
pub fn load(
    given: &[String],
    choice: Option<&str>,
    parallel: Option<bool>,
    base: Option<&Path>,
) -> Result<Tools, ToolProblem> {
    let mut defs = Vec::new();
    for value in given {
        defs.extend(read(value, base)?);
    }
    for (i, tool) in defs.iter().enumerate() {
        if defs[..i].iter().any(|t| t.name == tool.name) {
            return Err(ToolProblem::Twice(tool.name.clone()));
        }
    }
    let choice = choice.map(ToolChoice::parse);
    match &choice {
        Some(_) if defs.is_empty() => return Err(ToolProblem::ChoiceWithoutTools),
        Some(ToolChoice::Named(name)) if !defs.iter().any(|t| &t.name == name) => {
            let known = defs.iter().map(|t| t.name.as_str()).collect::<Vec<_>>();
            return Err(ToolProblem::UnknownChoice {
                name: name.clone(),
                known: known.join(", "),
            });
        }
        _ => {}
    }
    Ok(Tools {
        defs,
        choice,
        parallel,
    })
}

/// One `--tools` value: inline JSON, or a file (relative to `base` when given: the config
/// file's folder for its own `tools`).
fn read(value: &str, base: Option<&Path>) -> Result<Vec<Tool>, ToolProblem> {
    let inline = value.trim_start().starts_with(['[', '{']);
    let (text, origin) = if inline {
        (value.to_string(), "--tools".to_string())
    } else {
        let path = match base {
            Some(base) => base.join(value),
            None => Path::new(value).to_path_buf(),
        };
        let text = std::fs::read_to_string(&path).map_err(|cause| ToolProblem::Read {
            path: path.clone(),
            cause,
        })?;
        (text, path.display().to_string())
    };
    let value: Value = serde_json::from_str(&text).map_err(|cause| ToolProblem::Json {
        origin: origin.clone(),
        cause,
    })?;
    definition::parse(value, &origin)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
