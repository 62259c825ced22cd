//! Tools the model may call (issue 14): their definitions (`--tools`), how the model may
//! use them (`--tool-choice`, `--no-parallel-tool-calls`), and the calls it makes, which a
//! script gets as JSON lines ("tool calls as data") and answers with `--tool-result`.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;

mod calls;
mod definition;
mod problem;
pub mod run;

pub use calls::{Call, CallLine, Calls, results};
pub use definition::Tool;
pub use problem::ToolProblem;

/// What a request offers the model to call, and how oaichat runs the calls.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tools {
    pub defs: Vec<Tool>,
    pub choice: Option<ToolChoice>,
    /// `Some(false)` with `--no-parallel-tool-calls`; unset otherwise (the API's default).
    pub parallel: Option<bool>,
    pub run: RunSettings,
}

/// How command tools run: `--tool-timeout`, `--max-tool-rounds`, `--yes`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSettings {
    pub wait: Duration,
    pub max_rounds: u32,
    pub yes: bool,
}

/// The tool flags as given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Given<'a> {
    /// `--tools` values: files, or JSON when they start with `[` or `{`.
    pub tools: &'a [String],
    pub choice: Option<&'a str>,
    pub parallel: Option<bool>,
    /// `--tool-cmd NAME=COMMAND`s.
    pub commands: &'a [String],
    /// Where relative tool files are (the config file's folder for its own).
    pub base: Option<&'a Path>,
    /// Definitions read before (the config file's), used when `tools` is empty.
    pub loaded: Option<&'a [Tool]>,
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

/// Reads each `--tools` value and checks the whole set: names unique, a named
/// `--tool-choice` and each `--tool-cmd` among them.
pub fn load(given: Given<'_>, run: RunSettings) -> Result<Tools, ToolProblem> {
    let mut defs = match given.tools.is_empty() {
        true => given.loaded.unwrap_or_default().to_vec(),
        false => Vec::new(),
    };
    for value in given.tools {
        defs.extend(read(value, given.base)?);
    }
    for (i, tool) in defs.iter().enumerate() {
        if defs[..i].iter().any(|t| t.name == tool.name) {
            return Err(ToolProblem::Twice(tool.name.clone()));
        }
    }
    for command in given.commands {
        let (name, argv) = tool_command(command)?;
        let known = known(&defs);
        let tool = (defs.iter_mut().find(|t| t.name == name))
            .ok_or(ToolProblem::UnknownCommand { name, known })?;
        tool.command = Some(argv);
    }
    let choice = given.choice.map(ToolChoice::parse);
    match &choice {
        Some(_) if defs.is_empty() => return Err(ToolProblem::ChoiceWithoutTools),
        Some(ToolChoice::Named(name)) if !defs.iter().any(|t| &t.name == name) => {
            let (name, known) = (name.clone(), known(&defs));
            return Err(ToolProblem::UnknownChoice { name, known });
        }
        _ => {}
    }
    Ok(Tools {
        defs,
        choice,
        parallel: given.parallel,
        run,
    })
}

/// The tools' names, for messages.
fn known(defs: &[Tool]) -> String {
    match defs.is_empty() {
        true => "none: add --tools".into(),
        false => defs
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// `--tool-cmd NAME=COMMAND`: the name and the command's words (split as a shell would,
/// run without one).
fn tool_command(given: &str) -> Result<(String, Vec<String>), ToolProblem> {
    let form = || ToolProblem::CommandForm(given.to_string());
    let (name, command) = given.split_once('=').ok_or_else(form)?;
    let argv = shlex::split(command)
        .filter(|w| !w.is_empty())
        .ok_or_else(form)?;
    Ok((name.to_string(), argv))
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
