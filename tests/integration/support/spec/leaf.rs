//! The keywords that judge a value alone, with no schema below them: `type`, `enum`,
//! `const`, and the bounds of strings and numbers.

use serde_json::Value;

use super::outcome::{Outcome, Path};

/// `enum` and `const`.
pub fn values(
    schema: &serde_json::Map<String, Value>,
    value: &Value,
    path: &Path,
    out: &mut Outcome,
) {
    if let Some(Value::Array(allowed)) = schema.get("enum")
        && !allowed.iter().any(|a| same(a, value))
    {
        out.faults.push(path.fault(format!(
            "{value} is not one of {}",
            Value::from(allowed.clone())
        )));
    }
    if let Some(constant) = schema.get("const")
        && !same(constant, value)
    {
        out.faults
            .push(path.fault(format!("{value} is not the constant {constant}")));
    }
}

/// Why `value` is not of the schema's `type` (a name, or a list of names in 3.1).
pub fn type_fault(kind: Option<&Value>, value: &Value) -> Option<String> {
    let names: Vec<&str> = match kind? {
        Value::String(name) => vec![name.as_str()],
        Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    let fits = |name: &str| match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.as_f64().is_some_and(|n| n.fract() == 0.0),
        other => panic!("the spec names an unknown type {other}"),
    };
    match names.iter().any(|n| fits(n)) {
        true => None,
        false => Some(format!("{value} is not of type {}", names.join(" or "))),
    }
}

pub fn string(schema: &serde_json::Map<String, Value>, text: &str, path: &Path, out: &mut Outcome) {
    let length = text.chars().count() as u64;
    if let Some(least) = schema.get("minLength").and_then(Value::as_u64)
        && length < least
    {
        out.faults
            .push(path.fault(format!("shorter than {least} characters")));
    }
    if let Some(most) = schema.get("maxLength").and_then(Value::as_u64)
        && length > most
    {
        out.faults
            .push(path.fault(format!("longer than {most} characters")));
    }
    if let Some(Value::String(pattern)) = schema.get("pattern") {
        let regex = regex::Regex::new(pattern)
            .unwrap_or_else(|e| panic!("the spec's pattern {pattern} does not compile: {e}"));
        if !regex.is_match(text) {
            out.faults
                .push(path.fault(format!("{text:?} does not match {pattern}")));
        }
    }
}

pub fn number(
    schema: &serde_json::Map<String, Value>,
    value: &Value,
    path: &Path,
    out: &mut Outcome,
) {
    let n = value.as_f64().expect("a JSON number reads as f64");
    let bound = |key: &str| schema.get(key).and_then(Value::as_f64);
    let checks = [
        (bound("minimum").filter(|&b| n < b), "below the minimum"),
        (bound("maximum").filter(|&b| n > b), "above the maximum"),
        (
            bound("exclusiveMinimum").filter(|&b| n <= b),
            "not above the exclusive minimum",
        ),
        (
            bound("exclusiveMaximum").filter(|&b| n >= b),
            "not below the exclusive maximum",
        ),
    ];
    for (bound, what) in checks {
        if let Some(bound) = bound {
            out.faults
                .push(path.fault(format!("{n} is {what} {bound}")));
        }
    }
}

/// JSON equality, with numbers compared as numbers (`1` is `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}
