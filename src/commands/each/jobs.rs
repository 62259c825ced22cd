//! Input lines into requests: `--each` prompts and `--jsonl` objects.
//!
//! Line N is input N: a blank `--each` line is an input of its own (answered by a blank
//! line, nothing sent), so output line N answers input line N and messages count lines the
//! same way. Input that is not text (UTF-16, a NUL byte, invalid UTF-8) stops the run:
//! nothing from that line on is sent. An id seen before refuses its input: the answers
//! are found by id, and a repeated one would be taken for answered (issue 10).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::BufRead;

use serde_json::{Map, Value};

use super::request::{self, Request};
use super::{Job, Kind, Template, Work, id_key};
use crate::error::{Error, Input, Place, Problem, Refusal};
use crate::prompt::{self, NotText};

/// Reads lines and hands each job to `send` (false: stop). An error is the end of usable
/// input: not text, or unreadable.
pub(crate) fn read_jobs(
    template: &Template,
    kind: Kind,
    mut input: impl BufRead,
    mut send: impl FnMut(Job) -> bool,
) -> Result<(), Error> {
    let mut buf = Vec::new();
    let mut ids = Ids::default();
    let (mut index, mut line) = (0, 0);
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::read(Input::InputLine(line + 1), e))?;
        if n == 0 {
            return Ok(());
        }
        line += 1;
        let text =
            (text_line(&buf, line == 1)).map_err(|not| Problem::NotTextFromHere { line, not })?;
        let mut job = if !text.trim().is_empty() {
            build_job(template, kind, index, line, text)
        } else if kind == Kind::Each {
            Job {
                index,
                line,
                id: None,
                work: Work::Blank,
            }
        } else {
            continue;
        };
        if let Some(id) = &job.id
            && let Some(first) = ids.first_seen(id, line)
        {
            job.work = Work::Refuse(repeated(id, Place::Line(first)));
        }
        index += 1;
        if !send(job) {
            return Ok(());
        }
    }
}

/// The ids seen so far, with the line each was first seen on.
#[derive(Default)]
pub(crate) struct Ids(HashMap<String, usize>);

impl Ids {
    /// Records `id` at `line`; when it is a repeat, the line that had it first.
    pub(crate) fn first_seen(&mut self, id: &Value, line: usize) -> Option<usize> {
        let first = *self.0.entry(id_key(id)).or_insert(line);
        (first != line).then_some(first)
    }
}

/// What is wrong with a repeated id, `first` naming where it was first seen.
pub(crate) fn repeated(id: &Value, first: Place) -> Refusal {
    Refusal::RepeatedId {
        id: id.to_string(),
        first,
    }
}

/// A line as text, without its line ending (and a first line without a UTF-8 byte order
/// mark): the checks a prompt file gets ([`prompt::check`]), line by line.
pub(crate) fn text_line(bytes: &[u8], first: bool) -> Result<&str, NotText> {
    let bytes = match first {
        true => bytes
            .strip_prefix(b"\xef\xbb\xbf".as_slice())
            .unwrap_or(bytes),
        false => bytes,
    };
    if !first && (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])) {
        // Only a file's start says UTF-16; later, these bytes are just not UTF-8.
        return Err(NotText::Utf8(0));
    }
    Ok(prompt::check(bytes)?.trim_end_matches(['\n', '\r']))
}

fn build_job(template: &Template, kind: Kind, index: usize, line: usize, text: &str) -> Job {
    let mut id = None;
    let request = match kind {
        Kind::Each => {
            // Joined as a one-shot prompt is: instruction, blank line, material.
            let Template {
                settings,
                transcript,
                instruction,
                ..
            } = template;
            prompt::assemble(instruction.clone(), vec![text.to_string()])
                .map_err(Refusal::from)
                .and_then(|prompt| {
                    let run = (settings, transcript);
                    request::prompt(template, run, &prompt, Map::new())
                })
        }
        Kind::Jsonl => jsonl_request(template, text, &mut id),
    };
    Job {
        index,
        line,
        id,
        work: match request {
            Ok(request) => Work::Send(request),
            Err(why) => Work::Refuse(why),
        },
    }
}

/// `{"prompt": …, "id"?, "role"?, "system"?, "model"?, other request fields…}` or a whole
/// request body `{"messages": […], …}`. The `id` is taken out; streaming is turned off
/// (line mode reads whole answers); more than one answer (`n`) is refused, since a record
/// keeps one.
fn jsonl_request(
    template: &Template,
    text: &str,
    id: &mut Option<Value>,
) -> Result<Request, Refusal> {
    // A Value, not a struct: the record's other fields pass through to the request as given.
    let value: Value = serde_json::from_str(text).map_err(Refusal::NotJson)?;
    let Value::Object(mut object) = value else {
        return Err(Refusal::NotObject);
    };
    *id = object.remove("id").filter(|given| !given.is_null());
    object.remove("stream");
    object.remove("stream_options");
    if let Some(n) = object.get("n").and_then(Value::as_u64).filter(|&n| n > 1) {
        return Err(Refusal::SeveralAnswers(n));
    }
    if !object.contains_key("messages") {
        return prompt_request(template, object);
    }
    if object.contains_key("role") {
        // A role's text would have to go among messages the record wrote itself.
        return Err(Refusal::RoleWithMessages);
    }
    request::whole(template, object)
}

/// The prompt form: the request a one-shot run would send, with the record's fields on top.
fn prompt_request(template: &Template, mut object: Map<String, Value>) -> Result<Request, Refusal> {
    let Some(Value::String(prompt)) = object.remove("prompt") else {
        return Err(Refusal::NoPrompt);
    };
    let mut transcript = Cow::Borrowed(&template.transcript);
    let mut settings = Cow::Borrowed(&template.settings);
    // The record's role first: the record's own fields go over it.
    match object.remove("role") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) => {
            let (applied, system) = template.role(&name)?;
            settings = Cow::Owned(applied);
            if let Some(system) = system {
                transcript.to_mut().set_system(system);
            }
        }
        Some(_) => return Err(Refusal::RoleNotName),
    }
    if let Some(Value::String(system)) = object.remove("system") {
        transcript.to_mut().set_system(system);
    }
    if let Some(Value::String(model)) = object.remove("model") {
        // The reasoning-model rules follow the line's model, not the default one.
        let settings = settings.to_mut();
        let params = &mut settings.params;
        let limits = (params.max_tokens, params.max_completion_tokens);
        let (max, completion) = crate::catalog::token_limits(
            &model,
            params.temperature,
            params.reasoning_effort,
            limits,
        )?;
        (params.max_tokens, params.max_completion_tokens) = (max, completion);
        settings.model = model;
    }
    request::prompt(template, (&settings, &transcript), &prompt, object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use serde_json::json;

    /// What line mode starts from for `oaichat ARGS Translate:`.
    fn template(args: &[&str]) -> Template {
        let config = Config::for_test(args);
        Template::new(&config, Vec::new(), Some("Translate:".into()))
    }

    /// A JSONL record's request body and id, or why it is refused.
    fn jsonl(template: &Template, text: &str) -> Result<(Value, Option<Value>), String> {
        let mut id = None;
        let request = jsonl_request(template, text, &mut id).map_err(|why| why.to_string())?;
        let body = serde_json::from_slice(&request.body).expect("the body is JSON");
        Ok((body, id))
    }

    /// What became of each input line: index, line, id, and the work as words.
    fn jobs(
        template: &Template,
        kind: Kind,
        input: &str,
    ) -> Vec<(usize, usize, Option<Value>, String)> {
        let mut seen = Vec::new();
        read_jobs(template, kind, input.as_bytes(), |job| {
            let work = match job.work {
                Work::Send(request) => format!("send {}", String::from_utf8_lossy(&request.body)),
                Work::Refuse(why) => format!("refuse line {}: {why}", job.line),
                Work::Blank => "blank".into(),
            };
            seen.push((job.index, job.line, job.id, work));
            true
        })
        .expect("the input is text");
        seen
    }

    #[test]
    fn a_whole_request_record_keeps_its_fields_but_id_and_streaming() {
        let record = r#"{"id": 7, "messages": [{"role": "user", "content": "hi"}], "stream": true,
            "stream_options": {"include_usage": true}, "temperature": 0.5, "user": "u1"}"#;
        assert_eq!(
            jsonl(&template(&[]), record),
            Ok((
                json!({"messages": [{"role": "user", "content": "hi"}], "temperature": 0.5,
                       "user": "u1", "model": "gpt-4o-mini"}),
                Some(json!(7))
            ))
        );
    }

    #[test]
    fn a_prompt_record_is_the_one_shot_request_with_its_own_fields_on_top() {
        let record =
            r#"{"prompt": "hi", "system": "Be brief.", "model": "gpt-4o", "seed": 3, "id": null}"#;
        assert_eq!(
            jsonl(&template(&["-m", "other", "-t", "0.2"]), record),
            Ok((
                json!({"model": "gpt-4o", "messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "hi"},
                ], "temperature": 0.2, "seed": 3}),
                None
            ))
        );
    }

    #[test]
    fn a_records_role_gives_its_text_and_fields_under_the_records_own() {
        let template = template(&["-m", "flag-model", "-s", "Sir."]);
        let code = crate::config::roles::Shelf::default().load("code").unwrap();
        let code = code.layer.system.unwrap();
        let (body, _) = jsonl(&template, r#"{"prompt": "hi", "role": "code"}"#).unwrap();
        assert_eq!(
            body,
            json!({"model": "flag-model", "messages": [
                {"role": "system", "content": format!("{code}\n\nSir.")},
                {"role": "user", "content": "hi"},
            ]})
        );
        let own = r#"{"prompt": "hi", "role": "code", "system": "Mine.", "model": "m"}"#;
        let (body, _) = jsonl(&template, own).unwrap();
        assert_eq!(body["messages"][0]["content"], "Mine.");
        assert_eq!(body["model"], "m");
    }

    #[test]
    fn records_that_cannot_be_sent_say_why() {
        let template = template(&[]);
        let refused: Vec<String> = [
            "{\"prompt\": ",
            "[1, 2]",
            r#"{"prompt": "hi", "n": 2}"#,
            r#"{"prompt": 5}"#,
            r#"{"system": "s"}"#,
            r#"{"prompt": "hi", "role": 5}"#,
            r#"{"messages": [], "role": "code"}"#,
            r#"{"prompt": "hi", "role": "mine"}"#,
        ]
        .iter()
        .map(|text| jsonl(&template, text).unwrap_err())
        .collect();
        assert_eq!(
            refused,
            [
                "not JSON (EOF while parsing a value at line 1 column 11)",
                "must be a JSON object",
                "\"n\": 2 asks for 2 answers, but a record keeps one: remove \"n\"",
                "needs \"prompt\" (a string) or \"messages\"",
                "needs \"prompt\" (a string) or \"messages\"",
                "\"role\" must be a role's name, a string",
                "\"role\" goes with \"prompt\"; a \"messages\" body writes its own system message",
                "there is no role `mine` (--no-config reads no role files, and no built-in has \
                 that name); the roles are code, explain-shell, shell",
            ]
        );
    }

    #[test]
    fn each_line_is_an_input_and_a_blank_one_is_answered_blank() {
        let user = |text: &str| {
            format!(
                r#"send {{"model":"gpt-4o-mini","messages":[{{"role":"user","content":"{text}"}}]}}"#
            )
        };
        assert_eq!(
            jobs(&template(&[]), Kind::Each, "one\n \r\ntwo"),
            [
                (0, 1, None, user("Translate:\\n\\none")),
                (1, 2, None, "blank".into()),
                (2, 3, None, user("Translate:\\n\\ntwo")),
            ]
        );
    }

    #[test]
    fn jsonl_skips_blank_lines_and_refuses_a_repeated_id_or_a_broken_record() {
        let input =
            "{\"id\": \"a\", \"prompt\": \"x\"}\n\n[]\n{\"id\": \"a\", \"prompt\": \"y\"}\n";
        let user = r#"send {"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}"#;
        assert_eq!(
            jobs(&template(&[]), Kind::Jsonl, input),
            [
                (0, 1, Some(json!("a")), user.to_string()),
                (1, 3, None, "refuse line 3: must be a JSON object".into()),
                (
                    2,
                    4,
                    Some(json!("a")),
                    "refuse line 4: id \"a\" repeats line 1: ids must be unique (answers are \
                     found by id)"
                        .into()
                ),
            ]
        );
    }

    #[test]
    fn text_lines_are_checked_like_prompt_files() {
        assert_eq!(text_line(b"hi\r\n", false), Ok("hi"));
        assert_eq!(text_line(b"\xef\xbb\xbfhi\n", true), Ok("hi"));
        assert_eq!(text_line(b"\xff\xfeh\0i\0\n", true), Err(NotText::Utf16));
        assert_eq!(text_line(b"h\0i\0\n", false), Err(NotText::Nul(1)));
        assert_eq!(text_line(b"ab\xff\n", false), Err(NotText::Utf8(2)));
    }

    #[test]
    fn ids_compare_as_text_and_remember_their_first_line() {
        let mut ids = Ids::default();
        assert_eq!(ids.first_seen(&json!("a"), 1), None);
        assert_eq!(ids.first_seen(&json!(7), 2), None);
        assert_eq!(ids.first_seen(&json!("7"), 5), Some(2));
    }
}
