//! Any request field: `-o KEY=VALUE` (repeatable) and `options` tables in the config file,
//! profiles and roles, resolved into the [`Extra`] fields a request carries.
//!
//! VALUE is JSON when it parses as JSON, else a string; a dotted KEY sets a nested field.
//! Fields oaichat sets itself from other flags are refused (`model`, `messages`, `stream`),
//! and so is setting one field twice in one place (`-o temperature=…` with `-t`). Across
//! layers the usual rank decides, whether a value came typed or as an option: a flag's
//! `-t` beats a profile's `options.temperature`, a flag's `-o temperature` a file's
//! `temperature`.

use serde_json::{Map, Value};

use super::file::options::{leaves, path, refused, typed_field};
use super::layers::{Layers, Source};
use crate::api::request::Extra;
use crate::error::{OptionProblem, Problem};

/// One field to set: its path and value, and the layer that set it.
#[derive(Debug, Clone, PartialEq)]
struct Leaf {
    path: Vec<String>,
    value: Value,
    source: Source,
}

/// `KEY=VALUE`, checked: the path and the value.
pub fn parse(arg: &str) -> Result<(Vec<String>, Value), OptionProblem> {
    let bad = || OptionProblem::Form(arg.to_string());
    let (key, value) = arg.split_once('=').ok_or_else(bad)?;
    let path = path(key.trim()).ok_or_else(bad)?;
    refused(&path[0]).map_err(|fix| OptionProblem::Refused {
        key: path[0].clone(),
        fix,
    })?;
    let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_string()));
    Ok((path, value))
}

/// The extra fields of a request: `-o` flags over the role's, the profile's and the file's
/// `options`, each dropped where a typed setting of a higher layer sets the same field.
/// `flagged` names the typed settings that flags outside the layers set (`n`, the tools).
pub fn resolve(flags: &[String], flagged: &[&str], layers: &Layers) -> Result<Extra, Problem> {
    let mut all = Vec::new();
    for (source, table) in layers.options().into_iter().rev() {
        for (key, value) in table {
            let path = path(key).unwrap_or_else(|| vec![key.clone()]);
            all.extend(leaves(path, value.clone()).map(|(path, value)| Leaf {
                path,
                value,
                source: source.clone(),
            }));
        }
    }
    for arg in flags {
        let (path, value) = parse(arg)?;
        all.extend(leaves(path, value).map(|(path, value)| Leaf {
            path,
            value,
            source: Source::Flag,
        }));
    }
    let typed_source = |setting: &str| match flagged.contains(&setting) {
        true => Some(Source::Flag),
        false => layers.source(setting).filter(|s| *s != Source::Default),
    };
    let mut extra = Map::new();
    for leaf in all {
        if let Some((field, setting, flag)) = typed_field(&leaf.path)
            && let Some(typed) = typed_source(setting)
        {
            if typed == Source::Flag && leaf.source == Source::Flag {
                let key = leaf.path.join(".");
                let flag = flag.to_string();
                return Err(OptionProblem::Twice { key, flag }.into());
            }
            if typed.rank() < leaf.source.rank() {
                let _ = field; // the typed value stays
                continue;
            }
        }
        set(&mut extra, &leaf.path, leaf.value);
    }
    Ok(extra)
}

/// Sets `value` at `path`, making objects on the way (a non-object in the way is replaced).
fn set(map: &mut Map<String, Value>, path: &[String], value: Value) {
    // Cannot fail: `path` and `leaves` only make paths of one segment or more.
    let (last, parents) = path.split_last().expect("a path has a segment");
    let mut here = map;
    for key in parents {
        let slot = here
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        // Cannot fail: the slot was made an object just above if it was not one.
        here = slot.as_object_mut().expect("made an object above");
    }
    here.insert(last.clone(), value);
}

#[cfg(test)]
#[path = "options_tests.rs"]
mod tests;
