//! Fields beyond the typed ones (`-o KEY=VALUE`, `options` tables): merged into the body
//! as JSON, so that new API fields and servers' own (`top_k`, `min_p`) need no release.

use serde::Serialize;
use serde_json::{Map, Value};

/// Top-level request fields to set, already resolved (see `config::options`): objects in it
/// are merged into the typed body's objects (`stream_options`), other values replace.
pub type Extra = Map<String, Value>;

/// The body of `request` with `extra` over it. Without extra fields this is plain
/// serialization: the common case pays nothing.
pub fn encode(request: &impl Serialize, extra: &Extra) -> serde_json::Result<Vec<u8>> {
    if extra.is_empty() {
        return serde_json::to_vec(request);
    }
    serde_json::to_vec(&with_extra(request, extra)?)
}

/// The body of `request` as a value, with `extra` over it.
pub fn with_extra(request: &impl Serialize, extra: &Extra) -> serde_json::Result<Value> {
    let mut body = serde_json::to_value(request)?;
    if let Value::Object(fields) = &mut body {
        merge_over(fields, extra);
    }
    Ok(body)
}

/// Sets every field of `over` in `base`: objects meet objects key by key, anything else
/// replaces.
pub fn merge_over(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (key, value) in over {
        match (base.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(more)) => merge_over(inner, more),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Sets the fields of `under` that `base` lacks (a `--jsonl` record's own fields win over
/// the run's), meeting objects key by key.
pub fn merge_under(base: &mut Map<String, Value>, under: &Map<String, Value>) {
    for (key, value) in under {
        match (base.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(more)) => merge_under(inner, more),
            (Some(_), _) => {}
            (None, _) => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => panic!("an object"),
        }
    }

    #[test]
    fn objects_merge_and_other_values_replace() {
        let body =
            json!({"model": "m", "temperature": 0.2, "stream_options": {"include_usage": true}});
        let extra = map(json!({"temperature": 0.5, "top_k": 40,
                               "stream_options": {"include_obfuscation": false}}));
        assert_eq!(
            with_extra(&body, &extra).unwrap(),
            json!({"model": "m", "temperature": 0.5, "top_k": 40,
                   "stream_options": {"include_usage": true, "include_obfuscation": false}})
        );
        let untouched = encode(&body, &Map::new()).unwrap();
        assert_eq!(untouched, serde_json::to_vec(&body).unwrap());
    }

    #[test]
    fn a_records_own_fields_win_over_the_runs() {
        let mut record = map(json!({"temperature": 1.0, "metadata": {"a": "record"}}));
        merge_under(
            &mut record,
            &map(json!({"temperature": 0.1, "top_k": 5, "metadata": {"a": "run", "b": "run"}})),
        );
        assert_eq!(
            Value::Object(record),
            json!({"temperature": 1.0, "metadata": {"a": "record", "b": "run"}, "top_k": 5})
        );
    }
}
