//! Tool definitions as `--tools` gives them: OpenAI's `tools` list, one
//! `{"type":"function","function":{…}}`, or a bare `{"name","description","parameters"}`,
//! checked before anything is sent (the API's name pattern, parameters an object schema,
//! no unknown keys: a misspelt `paramters` would otherwise reach the model as nothing).
//!
//! A definition may carry oaichat's own `"command"` (the argv that runs the tool), beside
//! `type`/`function` or at the top of a bare one. It is never sent.

use serde_json::{Map, Value};

use super::ToolProblem;

/// One function tool (`ChatCompletionTool` with its `FunctionObject`).
#[derive(Debug, Clone, PartialEq)]
pub struct Tool {
    /// `^[a-zA-Z0-9_-]{1,64}$`, as the API requires.
    pub name: String,
    pub description: Option<String>,
    /// A JSON Schema of `"type": "object"`; absent means no parameters.
    pub parameters: Option<Value>,
    pub strict: Option<bool>,
    /// The command that runs it (argv, no shell), when oaichat is to run it.
    pub command: Option<Vec<String>>,
}

impl Tool {
    /// The definition as the request carries it, without `command`.
    pub fn wire(&self) -> Value {
        let mut function = Map::new();
        function.insert("name".into(), self.name.clone().into());
        if let Some(description) = &self.description {
            function.insert("description".into(), description.clone().into());
        }
        if let Some(parameters) = &self.parameters {
            function.insert("parameters".into(), parameters.clone());
        }
        if let Some(strict) = self.strict {
            function.insert("strict".into(), strict.into());
        }
        serde_json::json!({"type": "function", "function": function})
    }
}

/// The definitions in `value` (parsed from a file or from the flag's JSON); `origin` names
/// where they came from in errors.
pub fn parse(value: Value, origin: &str) -> Result<Vec<Tool>, ToolProblem> {
    match value {
        Value::Array(items) => items.into_iter().map(|v| one(v, origin)).collect(),
        other => Ok(vec![one(other, origin)?]),
    }
}

fn one(value: Value, origin: &str) -> Result<Tool, ToolProblem> {
    let problem = |why: String| ToolProblem::Definition {
        origin: origin.to_string(),
        why,
    };
    let Value::Object(mut outer) = value else {
        return Err(problem("a definition must be a JSON object".into()));
    };
    let command = command(outer.remove("command")).map_err(problem)?;
    let function = match outer.remove("function") {
        Some(Value::Object(function)) => {
            match outer.remove("type") {
                Some(Value::String(kind)) if kind == "function" => {}
                None => {}
                Some(other) => {
                    return Err(problem(format!(
                        "\"type\" is {other}; only \"function\" tools exist in Chat Completions"
                    )));
                }
            }
            if let Some(key) = outer.keys().next() {
                return Err(problem(format!("unknown key {key:?} beside \"function\"")));
            }
            function
        }
        Some(_) => return Err(problem("\"function\" must be an object".into())),
        None => outer,
    };
    let tool = function_object(function).map_err(problem)?;
    Ok(Tool { command, ..tool })
}

/// A `FunctionObject`: name, description, parameters, strict, and nothing else.
fn function_object(mut function: Map<String, Value>) -> Result<Tool, String> {
    let name = match function.remove("name") {
        Some(Value::String(name)) => name,
        Some(_) => return Err("\"name\" must be a string".into()),
        None => return Err("it has no \"name\"".into()),
    };
    if !valid_name(&name) {
        return Err(format!(
            "the name {name:?} is not 1 to 64 letters, digits, '_' or '-', as the API requires"
        ));
    }
    let description = match function.remove("description") {
        None => None,
        Some(Value::String(text)) => Some(text),
        Some(_) => return Err(format!("{name}: \"description\" must be a string")),
    };
    let parameters = function.remove("parameters");
    if let Some(parameters) = &parameters {
        let kind = parameters.get("type").and_then(Value::as_str);
        if !parameters.is_object() || kind.is_some_and(|k| k != "object") {
            return Err(format!(
                "{name}: \"parameters\" must be a JSON Schema object, {{\"type\": \"object\", \
                 \"properties\": …}}"
            ));
        }
    }
    let strict = match function.remove("strict") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(strict)) => Some(strict),
        Some(_) => return Err(format!("{name}: \"strict\" must be true or false")),
    };
    if let Some(key) = function.keys().next() {
        return Err(format!(
            "{name}: unknown key {key:?} (a function has name, description, parameters, strict)"
        ));
    }
    Ok(Tool {
        name,
        description,
        parameters,
        strict,
        command: None,
    })
}

/// `"command": ["program", "arg", …]`: a non-empty list of strings.
fn command(value: Option<Value>) -> Result<Option<Vec<String>>, String> {
    let Some(value) = value else { return Ok(None) };
    let words: Option<Vec<String>> = match value {
        Value::Array(words) => words
            .into_iter()
            .map(|w| w.as_str().map(String::from))
            .collect(),
        _ => None,
    };
    match words {
        Some(words) if !words.is_empty() && !words[0].is_empty() => Ok(Some(words)),
        _ => Err("\"command\" must be a list of strings, the program first: [\"./weather.sh\", \"--json\"]".into()),
    }
}

/// The API's pattern for function names, `^[a-zA-Z0-9_-]{1,64}$`.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
#[path = "definition_tests.rs"]
mod tests;
