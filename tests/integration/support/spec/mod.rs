//! OpenAI's OpenAPI spec, the project's API reference, read at test time and used to
//! judge JSON: what oaichat sends, and what the fake servers answer.
//!
//! The file is `tests/fixtures/openapi/openapi.yaml`, a copy of the project's reference
//! (`../shared/openai-openapi/openapi.yaml`) kept in the repository so that a clean clone
//! needs nothing beside it. It is 3 MB of YAML, parsed once per test process: nextest runs
//! each test in a process of its own, so a test that checks many bodies costs one parse.

mod check;
mod leaf;
mod outcome;

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::{Value, json};

pub use check::{Checker, Fault};

/// The parsed spec.
pub fn document() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi/openapi.yaml");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read the OpenAPI spec at {}: {e}", path.display()));
        serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("parse the OpenAPI spec at {}: {e}", path.display()))
    })
}

/// The faults of `value` against the spec's `components/schemas/NAME`.
pub fn faults(value: &Value, name: &str) -> Vec<Fault> {
    let spec = document();
    assert!(
        spec["components"]["schemas"].get(name).is_some(),
        "the spec has no schema {name}"
    );
    let schema = json!({"$ref": format!("#/components/schemas/{name}")});
    Checker::new(spec).check(&schema, value)
}

/// Fails, naming each fault and showing the value, unless `value` conforms to `name`.
/// `what` says which value this is (the flags that made a request, say).
pub fn assert_conforms(value: &Value, name: &str, what: &str) {
    let faults = faults(value, name);
    if faults.is_empty() {
        return;
    }
    let listed: Vec<String> = faults.iter().map(|f| format!("  {f}")).collect();
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    panic!(
        "{what} does not conform to {name}:\n{}\n{pretty}",
        listed.join("\n")
    );
}
