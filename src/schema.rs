//! `--schema`: a JSON Schema for Structured Outputs, from a file or inline JSON.
//!
//! Sent as `response_format: {type: json_schema, json_schema: {name, schema, strict: true}}`
//! (ResponseFormatJsonSchema in the spec). The schema must be a JSON object; a file may
//! also hold the whole `json_schema` object (`{"name": …, "schema": {…}}`), as the API
//! docs show it.

use std::path::Path;

use serde_json::Value;

pub use crate::api::request::Schema;
use crate::error::{Error, Place, Problem};

/// Reads `--schema`: inline JSON when it starts with `{`, else a file path.
pub fn load(arg: &str) -> Result<Schema, Error> {
    let trimmed = arg.trim_start();
    if trimmed.starts_with('{') {
        return parse(trimmed, Place::SchemaArgument, "response");
    }
    read(Path::new(arg))
}

/// Reads a config or role file's `schema` key: inline JSON when it starts with `{`, else a
/// path relative to `dir`, the folder of the file that holds the key.
pub fn load_in(value: &str, dir: &Path) -> Result<Schema, Error> {
    let trimmed = value.trim_start();
    if trimmed.starts_with('{') {
        return parse(trimmed, Place::SchemaKey, "response");
    }
    read(&dir.join(value))
}

fn read(path: &Path) -> Result<Schema, Error> {
    let text = crate::prompt::read_file(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let what = Place::SchemaFile(path.to_path_buf());
    parse(&text, what, &name_from(stem.as_deref()))
}

fn parse(text: &str, what: Place, default_name: &str) -> Result<Schema, Error> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(cause) => return Err(Problem::SchemaNotJson { what, cause }.into()),
    };
    let Value::Object(object) = value else {
        return Err(Problem::SchemaNotObject(what).into());
    };
    // The `json_schema` wrapper form: {"name": "...", "schema": {...}, "strict": ...}.
    if let (Some(Value::String(name)), Some(schema @ Value::Object(_))) =
        (object.get("name"), object.get("schema"))
    {
        return Ok(Schema {
            name: name_from(Some(name)),
            schema: schema.clone(),
        });
    }
    Ok(Schema {
        name: default_name.to_string(),
        schema: Value::Object(object),
    })
}

/// A name the API accepts: letters, digits, `_` and `-`, at most 64; else "response".
fn name_from(candidate: Option<&str>) -> String {
    let cleaned: String = candidate
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if cleaned.trim_matches('_').is_empty() {
        "response".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inline_schema_gets_a_default_name() {
        let s = load(r#" {"type":"object","properties":{}}"#).unwrap();
        assert_eq!(s.name, "response");
        assert_eq!(s.schema, json!({"type": "object", "properties": {}}));
    }

    #[test]
    fn wrapper_form_keeps_its_name() {
        let s =
            load(r#"{"name":"capitals list","schema":{"type":"object"},"strict":true}"#).unwrap();
        assert_eq!(s.name, "capitals_list");
        assert_eq!(s.schema, json!({"type": "object"}));
    }

    #[test]
    fn non_objects_and_bad_json_are_refused() {
        assert!(
            load("{nope")
                .unwrap_err()
                .to_string()
                .contains("not valid JSON")
        );
        assert!(load("[1]").is_err()); // not `{`: read as a path, which does not exist
        assert!(
            parse("[1]", Place::SchemaArgument, "r")
                .unwrap_err()
                .to_string()
                .contains("JSON object")
        );
    }

    #[test]
    fn a_keys_schema_file_is_found_next_to_the_file_that_names_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("answer.json"), r#"{"type":"object"}"#).unwrap();
        let s = load_in("answer.json", dir.path()).unwrap();
        assert_eq!(
            (s.name.as_str(), s.schema),
            ("answer", json!({"type": "object"}))
        );
        let inline = load_in(r#"{"type":"string"}"#, Path::new("/nowhere")).unwrap();
        assert_eq!(inline.schema, json!({"type": "string"}));
        let bad = load_in("{nope", Path::new("/nowhere"))
            .unwrap_err()
            .to_string();
        assert!(
            bad.starts_with("the schema key's JSON is not valid JSON"),
            "{bad}"
        );
    }

    #[test]
    fn names_are_made_acceptable() {
        assert_eq!(name_from(Some("my schema.v2")), "my_schema_v2");
        assert_eq!(name_from(Some("한국")), "response");
        assert_eq!(name_from(None), "response");
        assert_eq!(name_from(Some(&"a".repeat(80))).len(), 64);
    }
}
