//! Which request fields `-o` and `options` tables may set, and how a key and a value are
//! read: shared by the file's checks and by [`crate::config::options`], which resolves them.

use serde_json::{Map, Value};

/// Fields that flags own outright: `-o` would fight them.
const REFUSED: [(&str, &str); 3] = [
    ("model", "use -m"),
    (
        "messages",
        "give a prompt, --user/--assistant, or --jsonl records",
    ),
    ("stream", "use --stream"),
];

/// The fields typed settings write: the field's path, the setting it comes from (as
/// [`Layers`] records it), and the flag that sets it.
const TYPED: [(&str, &str, &str); 15] = [
    ("temperature", "temperature", "--temperature"),
    ("top_p", "top_p", "--top-p"),
    ("max_tokens", "max_tokens", "--max-tokens"),
    (
        "max_completion_tokens",
        "max_tokens",
        "--max-completion-tokens",
    ),
    ("reasoning_effort", "reasoning_effort", "--reasoning-effort"),
    ("seed", "seed", "--seed"),
    (
        "frequency_penalty",
        "frequency_penalty",
        "--frequency-penalty",
    ),
    ("presence_penalty", "presence_penalty", "--presence-penalty"),
    ("stop", "stop", "--stop"),
    ("n", "n", "-n"),
    ("response_format", "response_format", "--json or --schema"),
    ("stream_options.include_usage", "usage", "--usage"),
    ("tools", "tools", "--tools"),
    ("tool_choice", "tool_choice", "--tool-choice"),
    (
        "parallel_tool_calls",
        "parallel_tool_calls",
        "--no-parallel-tool-calls",
    ),
];

/// A dotted key's segments; None when one is empty.
pub fn path(key: &str) -> Option<Vec<String>> {
    let segments: Vec<String> = key.split('.').map(str::to_string).collect();
    (!segments.iter().any(String::is_empty)).then_some(segments)
}

/// The fix for a field `-o` may not set.
pub fn refused(field: &str) -> Result<(), &'static str> {
    match REFUSED.iter().find(|(name, _)| *name == field) {
        Some((_, fix)) => Err(fix),
        None => Ok(()),
    }
}

/// Why a layer's `options` table cannot be taken, as `(key, why)`: a refused field, a bad
/// key, or a field the same layer also sets typed.
pub fn check_table(options: &Map<String, Value>, typed: &[&str]) -> Result<(), (String, String)> {
    for (key, value) in options {
        let Some(path) = path(key) else {
            return Err((
                format!("options.{key}"),
                "a key's parts must not be empty".into(),
            ));
        };
        if let Err(fix) = refused(&path[0]) {
            return Err((
                format!("options.{key}"),
                format!("oaichat sets it itself: {fix}"),
            ));
        }
        for (leaf, _) in leaves(path, value.clone()) {
            if let Some((field, setting, _)) = typed_field(&leaf)
                && typed.contains(&setting)
            {
                let why = format!("also set as {setting} here: give one of them");
                return Err((format!("options.{field}"), why));
            }
        }
    }
    Ok(())
}

/// The typed field a path touches: the path is inside it, or it inside the path.
pub fn typed_field(path: &[String]) -> Option<(&'static str, &'static str, &'static str)> {
    TYPED.iter().copied().find(|(field, _, _)| {
        let typed: Vec<&str> = field.split('.').collect();
        let shared = typed.len().min(path.len());
        typed[..shared]
            .iter()
            .zip(&path[..shared])
            .all(|(a, b)| *a == b)
    })
}

/// A value's leaves: a non-empty object is its fields', anything else is one leaf.
pub fn leaves(path: Vec<String>, value: Value) -> Box<dyn Iterator<Item = (Vec<String>, Value)>> {
    match value {
        Value::Object(fields) if !fields.is_empty() => {
            Box::new(fields.into_iter().flat_map(move |(key, value)| {
                let mut inner = path.clone();
                inner.push(key);
                leaves(inner, value)
            }))
        }
        value => Box::new(std::iter::once((path, value))),
    }
}
