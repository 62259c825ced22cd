//! A JSON-Schema checker for the OpenAPI spec's schemas, stricter than the spec about keys.
//!
//! Hand-written rather than a validator crate: the spec is OpenAPI 3.1 with 3.0's
//! `nullable` still in places, and the check we want is not plain JSON Schema: a key that
//! no schema at its place defines is a fault even where `additionalProperties` is left
//! open, so that a misspelt field fails (what `unevaluatedProperties: false` at every
//! object would say). Keys are counted across `allOf`, `anyOf` and `oneOf`, as
//! `unevaluatedProperties` counts them, so a body built from several parts is judged
//! whole. A union that nothing fits reports the branch that came nearest, not all of them.
//!
//! Not checked: `format` (an annotation in 3.1), `discriminator` (the branches' own
//! `type` enums say the same), and `$recursiveRef` (only in file-search filters).

use serde_json::Value;

use super::leaf;
pub use super::outcome::Fault;
use super::outcome::{Outcome, Path};

/// Checks values against schemas of one OpenAPI document, resolving `$ref`s in it.
pub struct Checker<'s> {
    document: &'s Value,
}

impl<'s> Checker<'s> {
    pub fn new(document: &'s Value) -> Checker<'s> {
        Checker { document }
    }

    /// Every fault of `value` against `schema`; none when it conforms.
    pub fn check(&self, schema: &Value, value: &Value) -> Vec<Fault> {
        self.at(schema, value, &Path::root())
    }

    /// A value at its own place: the schemas' faults, then the keys none of them define.
    /// Only here, never inside `allOf` and its kin, since a sibling may define the key.
    fn at(&self, schema: &Value, value: &Value, path: &Path) -> Vec<Fault> {
        let outcome = self.eval(schema, value, path);
        let mut faults = outcome.faults;
        // A free-form object (`type: object` and nothing more) has no keys to misspell.
        if let (Value::Object(map), true, false) = (value, outcome.declared, outcome.open) {
            let unknown = map.keys().filter(|k| !outcome.known.contains(*k));
            faults.extend(unknown.map(|k| path.key(k).fault("a key the spec does not define")));
        }
        faults
    }

    fn eval(&self, schema: &Value, value: &Value, path: &Path) -> Outcome {
        let mut out = Outcome::default();
        let schema = match schema {
            Value::Bool(true) => return out,
            Value::Bool(false) => {
                out.faults.push(path.fault("nothing is allowed here"));
                return out;
            }
            Value::Object(schema) => schema,
            _ => panic!("a schema at {} is neither an object nor a bool", path.text),
        };
        // OpenAPI 3.0's way to allow null, which this 3.1 spec still uses in places.
        if value.is_null() && schema.get("nullable") == Some(&Value::Bool(true)) {
            return out;
        }
        if let Some(Value::String(reference)) = schema.get("$ref") {
            out.merge(self.eval(self.resolve(reference), value, path));
        }
        if let Some(fault) = leaf::type_fault(schema.get("type"), value) {
            out.faults.push(path.fault(fault));
            return out; // the other keywords would only repeat it
        }
        leaf::values(schema, value, path, &mut out);
        match value {
            Value::Object(map) => self.object(schema, map, path, &mut out),
            Value::Array(items) => self.array(schema, items, path, &mut out),
            Value::String(text) => leaf::string(schema, text, path, &mut out),
            Value::Number(_) => leaf::number(schema, value, path, &mut out),
            _ => {}
        }
        self.combinators(schema, value, path, &mut out);
        out
    }

    fn object(
        &self,
        schema: &serde_json::Map<String, Value>,
        map: &serde_json::Map<String, Value>,
        path: &Path,
        out: &mut Outcome,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        if let Some(properties) = properties {
            out.declared = true;
            for (key, property) in properties {
                if let Some(value) = map.get(key) {
                    out.faults.extend(self.at(property, value, &path.key(key)));
                }
                out.known.insert(key.clone());
            }
        }
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = required.as_str().unwrap_or_default();
            if !map.contains_key(key) {
                out.faults
                    .push(path.key(key).fault("required, and missing"));
            }
        }
        let own = |key: &String| properties.is_some_and(|p| p.contains_key(key));
        let extra = map.iter().filter(|(k, _)| !own(k));
        match schema.get("additionalProperties") {
            Some(Value::Bool(false)) => out.faults.extend(extra.map(|(k, _)| {
                path.key(k)
                    .fault("not allowed here (additionalProperties: false)")
            })),
            Some(Value::Bool(true)) => out.open = true,
            Some(additional) => {
                out.open = true;
                for (key, value) in extra {
                    out.faults
                        .extend(self.at(additional, value, &path.key(key)));
                }
            }
            None => {}
        }
        if let Some(names) = schema.get("propertyNames") {
            for key in map.keys() {
                let name = Value::String(key.clone());
                out.faults.extend(self.at(names, &name, &path.key(key)));
            }
        }
        if let Some(most) = schema.get("maxProperties").and_then(Value::as_u64)
            && map.len() as u64 > most
        {
            out.faults
                .push(path.fault(format!("more than {most} keys")));
        }
    }

    fn array(
        &self,
        schema: &serde_json::Map<String, Value>,
        items: &[Value],
        path: &Path,
        out: &mut Outcome,
    ) {
        if let Some(item) = schema.get("items") {
            for (i, value) in items.iter().enumerate() {
                out.faults.extend(self.at(item, value, &path.index(i)));
            }
        }
        let count = items.len() as u64;
        if let Some(least) = schema.get("minItems").and_then(Value::as_u64)
            && count < least
        {
            out.faults
                .push(path.fault(format!("fewer than {least} items")));
        }
        if let Some(most) = schema.get("maxItems").and_then(Value::as_u64)
            && count > most
        {
            out.faults
                .push(path.fault(format!("more than {most} items")));
        }
    }

    /// `allOf`, `anyOf`, `oneOf` and `not`, at the same place as the schema holding them.
    fn combinators(
        &self,
        schema: &serde_json::Map<String, Value>,
        value: &Value,
        path: &Path,
        out: &mut Outcome,
    ) {
        for part in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.merge(self.eval(part, value, path));
        }
        for keyword in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = schema.get(keyword) {
                self.union(keyword, branches, value, path, out);
            }
        }
        if let Some(not) = schema.get("not")
            && self.eval(not, value, path).faults.is_empty()
        {
            out.faults
                .push(path.fault(format!("matches what `not` forbids: {not}")));
        }
    }

    /// A value fits a union when a branch has no fault; every fitting branch's keys count.
    /// A `oneOf` that two branches fit passes too: that is the spec's overlap (a string
    /// enum beside a string, say), not a fault of the value.
    fn union(
        &self,
        keyword: &str,
        branches: &[Value],
        value: &Value,
        path: &Path,
        out: &mut Outcome,
    ) {
        let outcomes: Vec<Outcome> = branches.iter().map(|b| self.eval(b, value, path)).collect();
        let mut fitted = false;
        let mut nearest: Option<(usize, Outcome)> = None;
        for (i, outcome) in outcomes.into_iter().enumerate() {
            if outcome.faults.is_empty() {
                fitted = true;
                out.merge(outcome);
            } else if nearest
                .as_ref()
                .is_none_or(|(_, n)| outcome.rank(path) > n.rank(path))
            {
                nearest = Some((i, outcome));
            }
        }
        if fitted {
            return;
        }
        let Some((i, nearest)) = nearest else { return };
        let name = branches[i]
            .get("$ref")
            .and_then(Value::as_str)
            .unwrap_or("inline");
        let what = format!(
            "fits none of the {} branches of {keyword}; the nearest is #{i} ({name}):",
            branches.len()
        );
        out.faults.push(Fault {
            note: true,
            ..path.fault(what)
        });
        out.faults.extend(nearest.faults);
    }

    /// The schema a `$ref` names (`#/components/schemas/Name`, or any pointer in the file).
    fn resolve(&self, reference: &str) -> &'s Value {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local $refs are expected, not {reference}"));
        self.document
            .pointer(pointer)
            .unwrap_or_else(|| panic!("the spec has no {reference}"))
    }
}
