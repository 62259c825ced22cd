//! Input lines into requests: `--each` prompts and `--jsonl` objects.

use std::collections::HashSet;
use std::io::BufRead;

use serde_json::{Value, json};

use super::{Job, Kind};
use crate::config::Config;
use crate::{prompt, request};

/// Reads lines, skipping blank ones, and hands each job to `send` (false: stop).
pub(crate) fn read_jobs(
    config: &Config,
    instruction: Option<&str>,
    kind: Kind,
    mut input: impl BufRead,
    done: &HashSet<String>,
    mut send: impl FnMut(Job, bool) -> bool,
) {
    let mut buf = Vec::new();
    let mut index = 0;
    let mut line = 0;
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                let job = Job {
                    index,
                    line: line + 1,
                    id: json!(index),
                    body: Err(format!("cannot read input: {e}")),
                };
                let _ = send(job, false);
                return;
            }
        }
        line += 1;
        let text = String::from_utf8(std::mem::take(&mut buf)).map_err(|e| {
            format!(
                "line {line} is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            )
        });
        let job = match text {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => build_job(
                config,
                instruction,
                kind,
                index,
                line,
                text.trim_end_matches(['\n', '\r']),
            ),
            Err(message) => Job {
                index,
                line,
                id: json!(index),
                body: Err(message),
            },
        };
        let skip = done.contains(&super::records::id_key(&job.id));
        index += 1;
        if !send(job, skip) {
            return;
        }
    }
}

fn build_job(
    config: &Config,
    instruction: Option<&str>,
    kind: Kind,
    index: usize,
    line: usize,
    text: &str,
) -> Job {
    let mut id = json!(index);
    let body = match kind {
        Kind::Each => {
            // Joined as a one-shot prompt is: instruction, blank line, material.
            prompt::assemble(instruction.map(str::to_string), vec![text.to_string()])
                .map_err(|e| e.to_string())
                .and_then(|prompt| {
                    serde_json::to_vec(&request::build(config, &prompt)).map_err(|e| e.to_string())
                })
        }
        Kind::Jsonl => jsonl_body(config, text, &mut id),
    };
    Job {
        index,
        line,
        id,
        body: body.map_err(|e| format!("line {line}: {e}")),
    }
}

/// `{"prompt": …, "id"?, "system"?, "model"?, other request fields…}` or a whole request
/// body `{"messages": […], …}` (an `id` is taken out of it; streaming is turned off).
fn jsonl_body(config: &Config, text: &str, id: &mut Value) -> Result<Vec<u8>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    let Value::Object(mut object) = value else {
        return Err("must be a JSON object".into());
    };
    if let Some(given) = object.remove("id") {
        *id = given;
    }
    let body = if object.contains_key("messages") {
        object.entry("model").or_insert_with(|| json!(config.model));
        object.remove("stream");
        object.remove("stream_options");
        Value::Object(object)
    } else {
        let Some(Value::String(prompt)) = object.remove("prompt") else {
            return Err("needs \"prompt\" (a string) or \"messages\"".into());
        };
        let mut line_config = config.clone();
        if let Some(Value::String(system)) = object.remove("system") {
            line_config.system = Some(system);
        }
        if let Some(Value::String(model)) = object.remove("model") {
            // The reasoning-model rules follow the line's model, not the default one.
            let params = &mut line_config.params;
            let limits = (params.max_tokens, params.max_completion_tokens);
            let (max, completion) = crate::catalog::token_limits(
                &model,
                params.temperature,
                params.reasoning_effort.as_deref(),
                limits,
            )
            .map_err(|e| e.to_string())?;
            (params.max_tokens, params.max_completion_tokens) = (max, completion);
            line_config.model = model;
        }
        let mut body = serde_json::to_value(request::build(&line_config, &prompt))
            .map_err(|e| e.to_string())?;
        if let Value::Object(fields) = &mut body {
            fields.extend(object);
        }
        body
    };
    serde_json::to_vec(&body).map_err(|e| e.to_string())
}
