//! The chat's commands (`-i`), driven through piped stdin as a script would drive them:
//! what each one sends and says. What they do to the conversation and its file
//! (`/retry`, `/undo`, `/clear`, `/save`) is chat_conversation.rs; at a terminal,
//! chat_terminal.rs.

use assert_cmd::assert::Assert;
use serde_json::{Value, json};

use crate::support::*;

/// `oaichat -i ARGS` in `cmd`, with `typed` as its input; the chat must end well.
pub(crate) fn chat(cmd: Cmd, args: &[&str], typed: &str) -> Assert {
    cmd.args(["-i"]).args(args).stdin(typed).run().success()
}

/// The messages of the `n`th request.
pub(crate) fn sent(server: &Server, n: usize) -> Value {
    server.requests()[n].json()["messages"].clone()
}

pub(crate) fn user(text: &str) -> Value {
    json!({"role": "user", "content": text})
}

pub(crate) fn assistant(text: &str) -> Value {
    json!({"role": "assistant", "content": text})
}

/// The lines of stderr that are errors.
pub(crate) fn errors(assert: &Assert) -> Vec<String> {
    let err = stderr(assert);
    let found = err.split("oaichat: error: ").skip(1);
    found
        .map(|e| e.lines().next().unwrap().to_string())
        .collect()
}

#[test]
fn a_pipe_sees_the_answers_and_the_plain_prompt_only() {
    let server = Server::start(vec![answer("a1"), answer("a2")]);
    let assert = chat(Cmd::at(&server), &[], "q1\nq2\n");
    // Byte for byte: no banner, no model in the prompt, nothing else.
    assert.stdout("a1\na2\n").stderr("> > > ");
}

#[test]
fn an_unknown_command_is_one_error_line_and_nothing_is_sent() {
    let server = Server::start(vec![]);
    let assert = chat(Cmd::at(&server), &[], "/hisotry\n").stdout("");
    assert_eq!(
        errors(&assert),
        [
            "unknown command /hisotry: /help lists the commands; a line that starts with // \
          is sent without its first /"
        ]
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_double_slash_sends_the_line_without_its_first_slash() {
    let server = Server::start(vec![answer("a folder")]);
    chat(Cmd::at(&server), &[], "//etc is what?\n").stdout("a folder\n");
    assert_eq!(sent(&server, 0), json!([user("/etc is what?")]));
}

#[test]
fn argument_errors_are_one_line_each_and_the_chat_goes_on() {
    let server = Server::start(vec![answer("a1")]);
    let typed = "/model\n/model gpt 4o\n/undo now\n/retry\n/undo\nq1\n";
    let assert = chat(Cmd::at(&server), &[], typed).stdout("a1\n");
    assert_eq!(
        errors(&assert),
        [
            "/model needs a model's name: /model NAME",
            "/model takes one word: /model NAME",
            "/undo takes nothing after it",
            "nothing to retry: no question has been asked in this conversation",
            "nothing to undo: no question has been asked in this conversation",
        ]
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn help_lists_the_commands_on_stderr() {
    let server = Server::start(vec![]);
    let assert = chat(Cmd::at(&server), &[], "/help\n").stdout("");
    let err = stderr(&assert);
    for line in [
        "  /model NAME     ask with model NAME",
        "  /save FILE ",
        "  /edit ",
    ] {
        assert!(err.contains(line), "{line}: {err}");
    }
}

#[test]
fn model_changes_the_model_of_the_questions_after_it() {
    let server = Server::start(vec![answer("a1"), answer("a2")]);
    let assert = chat(Cmd::at(&server), &[], "q1\n/model gpt-4.1\nq2\n");
    assert!(stderr(&assert).contains("oaichat: model gpt-4.1\n"));
    let models: Vec<Value> = (server.requests().iter())
        .map(|r| r.json()["model"].clone())
        .collect();
    assert_eq!(models, [json!("gpt-4o-mini"), json!("gpt-4.1")]);
    assert_eq!(
        sent(&server, 1),
        json!([user("q1"), assistant("a1"), user("q2")])
    );
}

#[test]
fn a_reasoning_model_takes_the_token_limit_as_max_completion_tokens() {
    let server = Server::start(vec![answer("a1")]);
    chat(
        Cmd::at(&server),
        &["--max-tokens", "99"],
        "/model o3-mini\nq1\n",
    );
    let body = server.request().json();
    assert_eq!(body["max_completion_tokens"], 99);
    assert_eq!(body.get("max_tokens"), None);
    // A temperature the model refuses is said, and the model stays.
    let server = Server::start(vec![answer("a1")]);
    let assert = chat(Cmd::at(&server), &["-t", "0.2"], "/model o3-mini\nq1\n");
    assert_eq!(errors(&assert).len(), 1, "{}", stderr(&assert));
    assert_eq!(server.request().json()["model"], "gpt-4o-mini");
}

#[test]
fn system_replaces_the_system_message() {
    let server = Server::start(vec![answer("a1"), answer("a2")]);
    chat(
        Cmd::at(&server),
        &["-s", "old"],
        "q1\n/system Be brief.\nq2\n",
    );
    assert_eq!(
        sent(&server, 1),
        json!([
            {"role": "system", "content": "Be brief."},
            user("q1"),
            assistant("a1"),
            user("q2")
        ])
    );
}

#[test]
fn role_applies_the_roles_text_and_fields_as_r_would() {
    let server = Server::start(vec![answer("a1"), answer("a2")]);
    let cmd = Cmd::at(&server);
    let roles = cmd.dir.path().join("home/.config/oaichat/roles");
    std::fs::create_dir_all(&roles).unwrap();
    let role = "+++\nmodel = \"gpt-4.1\"\ntemperature = 0.2\n+++\nTranslate into Korean.\n";
    std::fs::write(roles.join("ko.md"), role).unwrap();
    let home = cmd.dir.path().join("home");
    let cmd = cmd.env("HOME", home.to_str().unwrap());
    let assert = chat(cmd, &[], "q1\n/role ko\nq2\n/role nope\n");
    let second = server.requests()[1].json();
    assert_eq!(
        (&second["model"], &second["temperature"]),
        (&json!("gpt-4.1"), &json!(0.2))
    );
    let system = json!({"role": "system", "content": "Translate into Korean."});
    assert_eq!(second["messages"][0], system);
    let unknown = &errors(&assert)[0];
    assert!(
        unknown.contains("nope") && unknown.contains("ko"),
        "{unknown}"
    );
}

#[test]
fn usage_adds_up_the_answers_of_the_chat() {
    // Each answer reports 11 prompt + 7 completion tokens from gpt-4o-mini.
    let server = Server::start(vec![answer("a1"), answer("a2")]);
    let assert = chat(Cmd::at(&server), &[], "/usage\nq1\nq2\n/usage\n");
    let err = stderr(&assert);
    assert!(
        err.contains("oaichat: usage: no answers yet in this chat\n"),
        "{err}"
    );
    let line = "oaichat: usage in this chat (2 answers): 22 prompt + 14 completion = 36 tokens \
                (0 cached, 0 reasoning); cost ≈ $";
    assert!(err.contains(line), "{err}");
    assert!(err.contains("(gpt-4o-mini at list prices of "), "{err}");
}

#[test]
fn usage_counts_the_tokens_of_a_stream_that_reports_none() {
    let streamed = sse(&[delta("Hello there."), finish("stop"), DONE.into()]);
    let server = Server::start(vec![streamed]);
    let assert = chat(Cmd::at(&server), &["--stream"], "hi\n/usage\n");
    let err = stderr(&assert);
    let line = "oaichat: usage in this chat (1 answer, 1 counted here (o200k_base) as the \
                server reported none): ";
    assert!(err.contains(line), "{err}");
    // Without --usage the request asks for no usage chunk: the body is as it was.
    assert_eq!(server.request().json().get("stream_options"), None);
}

#[test]
fn history_shows_the_conversation_on_stdout() {
    let server = Server::start(vec![answer("a1")]);
    chat(Cmd::at(&server), &["-s", "sys"], "q1\n/history\n")
        .stdout("a1\nsystem:\nsys\n\nuser:\nq1\n\nassistant:\na1\n\n");
}

/// A command with EDITOR set to a shell script of `body` (its file is `$1`) in `dir`,
/// which is its TMPDIR too.
fn with_editor(server: &Server, dir: &std::path::Path, body: &str) -> Cmd {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("editor.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let cmd = Cmd::at(server).env("EDITOR", script.to_str().unwrap());
    cmd.env("TMPDIR", dir.to_str().unwrap())
}

#[test]
fn edit_sends_what_the_editor_wrote_and_removes_its_file() {
    let server = Server::start(vec![answer("a1")]);
    let dir = tempfile::tempdir().unwrap();
    let body = r#"printf '/not a command\nsecond line\n\n' > "$1""#;
    chat(with_editor(&server, dir.path(), body), &[], "/edit\n").stdout("a1\n");
    let asked = json!([user("/not a command\nsecond line")]);
    assert_eq!(sent(&server, 0), asked);
    let left = std::fs::read_dir(dir.path()).unwrap().flatten();
    let left: Vec<_> = left.map(|e| e.file_name()).collect();
    assert_eq!(left, ["editor.sh"]);
}

#[test]
fn edit_sends_nothing_when_the_editor_fails_or_writes_nothing() {
    let server = Server::start(vec![]);
    let dir = tempfile::tempdir().unwrap();
    let failing = with_editor(&server, dir.path(), r#"echo text > "$1"; exit 3"#);
    let assert = chat(failing, &[], "/edit\n");
    let said = errors(&assert);
    assert!(
        said[0].ends_with("ended with exit status: 3: nothing was sent"),
        "{said:?}"
    );
    let empty = with_editor(&server, dir.path(), "true");
    let assert = chat(empty, &[], "/edit\n");
    assert_eq!(errors(&assert), ["the message is empty: nothing was sent"]);
    let assert = chat(Cmd::at(&server), &[], "/edit\n");
    assert_eq!(
        errors(&assert),
        ["/edit needs an editor: set $VISUAL or $EDITOR (e.g. EDITOR=nano)"]
    );
    assert!(server.requests().is_empty());
}
