//! Roles (`-r NAME`): a system message with request defaults, from `roles/NAME.md` next to
//! the config file or built in; where they rank; their errors; `oaichat roles`; and roles
//! in line mode. (`batch create` with roles is in batch/.)
//!
//! `HOME` is the command's working directory's `home`, so role files live in
//! `home/.config/oaichat/roles/`.

use serde_json::{Value, json};

use crate::support::*;

const ROLES: &str = "home/.config/oaichat/roles";

/// A clean command whose HOME is its directory's `home`, with these role files.
fn with_roles(files: &[(&str, &str)]) -> Cmd {
    let cmd = Cmd::new();
    let home = cmd.dir.path().join("home");
    std::fs::create_dir_all(cmd.dir.path().join(ROLES)).expect("make the roles folder");
    for (name, text) in files {
        std::fs::write(cmd.dir.path().join(ROLES).join(name), text).expect("write a role");
    }
    cmd.env("HOME", home.to_str().expect("a UTF-8 temporary path"))
}

/// The absolute path of a role file of `cmd`.
fn role_path(cmd: &Cmd, name: &str) -> String {
    let path = cmd.dir.path().join(ROLES).join(name);
    path.to_str().expect("a UTF-8 temporary path").to_string()
}

/// Runs `cmd --dry-run ARGS hi` without a key and returns the body it prints.
fn dry_run(cmd: Cmd, args: &[&str]) -> Value {
    let assert = (cmd.env_remove("OPENAI_API_KEY"))
        .args(["--dry-run"])
        .args(args)
        .args(["hi"])
        .run()
        .success();
    serde_json::from_str(&stdout(&assert)).expect("stdout is the JSON body")
}

/// Runs `cmd ARGS` expecting exit 2 and one line on stderr, with nothing sent; returns it.
fn refused(cmd: Cmd, args: &[&str]) -> String {
    let server = Server::start(vec![]);
    let cmd = cmd.env("OPENAI_BASE_URL", &server.base_url());
    let assert = cmd.args(args).run().code(2).stdout("");
    let err = stderr(&assert);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(server.requests().is_empty());
    err.trim_end().to_string()
}

const TRANSLATE: &str =
    "+++\nmodel = \"gpt-4.1\"\ntemperature = 0.2\n+++\nTranslate into Korean.\n";

#[test]
fn a_role_files_text_is_the_system_message_and_its_front_matter_the_fields() {
    let server = Server::start(vec![answer("안녕")]);
    let cmd = with_roles(&[("ko.md", TRANSLATE)]).env("OPENAI_BASE_URL", &server.base_url());
    cmd.args(["-r", "ko", "hello"])
        .run()
        .success()
        .stdout("안녕\n");
    assert_eq!(
        server.request().json(),
        json!({"model": "gpt-4.1", "temperature": 0.2, "messages": [
            {"role": "system", "content": "Translate into Korean."},
            {"role": "user", "content": "hello"},
        ]})
    );
}

#[test]
fn json_mode_and_a_schema_beside_the_role_file_set_the_response_format() {
    let schema = json!({"type": "object", "properties": {"word": {"type": "string"}}});
    let roles = || {
        with_roles(&[
            ("j.md", "+++\njson = true\n+++\nAnswer in JSON.\n"),
            ("s.md", "+++\nschema = \"word.json\"\n+++\nOne word.\n"),
            ("word.json", &schema.to_string()),
        ])
    };
    let body = dry_run(roles(), &["-r", "j"]);
    assert_eq!(body["response_format"], json!({"type": "json_object"}));
    let body = dry_run(roles(), &["-r", "s"]);
    assert_eq!(
        body["response_format"],
        json!({"type": "json_schema", "json_schema": {"name": "word", "schema": schema, "strict": true}})
    );
}

#[test]
fn flags_beat_the_roles_fields() {
    let cmd = with_roles(&[("ko.md", TRANSLATE)]);
    let body = dry_run(cmd, &["-r", "ko", "-m", "gpt-4o", "-t", "0.9"]);
    assert_eq!(
        (&body["model"], &body["temperature"]),
        (&json!("gpt-4o"), &json!(0.9))
    );
}

#[test]
fn the_system_flag_goes_after_the_roles_text_with_a_blank_line() {
    let cmd = with_roles(&[("ko.md", TRANSLATE)]);
    let system = cmd.file("system.md", "Keep names in English.\n");
    let body = dry_run(
        cmd,
        &["-r", "ko", "--system-file", system.to_str().unwrap()],
    );
    assert_eq!(
        body["messages"][0],
        json!({"role": "system", "content": "Translate into Korean.\n\nKeep names in English."})
    );
}

#[test]
fn the_role_beats_openai_model_the_profile_and_the_config_files_model() {
    let cmd = with_roles(&[("ko.md", TRANSLATE)]);
    let config = "model = \"from-file\"\nsystem = \"From the file.\"\n\
                  [profiles.p]\nmodel = \"from-profile\"\n";
    std::fs::write(
        cmd.dir.path().join("home/.config/oaichat/config.toml"),
        config,
    )
    .unwrap();
    let body = dry_run(
        cmd.env("OPENAI_MODEL", "from-env"),
        &["-r", "ko", "-p", "p"],
    );
    assert_eq!(body["model"], "gpt-4.1");
    assert_eq!(body["messages"][0]["content"], "Translate into Korean.");
}

#[test]
fn a_built_in_role_is_written_for_this_shell() {
    let cmd = Cmd::new().env("SHELL", "/usr/bin/fish");
    let body = dry_run(cmd, &["--no-config", "-r", "shell"]);
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(
        system.starts_with("You turn requests into fish commands for "),
        "{system}"
    );
    assert!(system.contains("no ``` fences"), "{system}");
    let body = dry_run(Cmd::new(), &["--no-config", "-r", "explain-shell"]);
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(system.starts_with("You explain shell commands"), "{system}");
}

#[test]
fn a_file_overrides_the_built_in_and_no_config_ignores_the_file() {
    let cmd = || with_roles(&[("code.md", "My code rules.\n")]);
    let body = dry_run(cmd(), &["-r", "code"]);
    assert_eq!(body["messages"][0]["content"], "My code rules.");
    let body = dry_run(cmd(), &["--no-config", "-r", "code"]);
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(system.starts_with("You write code."), "{system}");
}

#[test]
fn no_config_reads_no_role_file() {
    let cmd = with_roles(&[("ko.md", TRANSLATE)]);
    let err = refused(cmd, &["--no-config", "-r", "ko", "hi"]);
    assert_eq!(
        err,
        "oaichat: error: there is no role `ko` (--no-config reads no role files, and no \
         built-in has that name); the roles are code, explain-shell, shell"
    );
}

#[test]
fn an_unknown_front_matter_key_or_a_wrong_type_names_the_file_line_and_key() {
    let cmd = with_roles(&[("t.md", "+++\nmodel = \"m\"\ntempature = 0.2\n+++\nx\n")]);
    let path = role_path(&cmd, "t.md");
    let err = refused(cmd, &["-r", "t", "hi"]);
    let start = format!("oaichat: error: role file {path} line 3: unknown field `tempature`");
    assert!(err.starts_with(&start), "{err}");
    let cmd = with_roles(&[("t.md", "+++\n\nmax_tokens = \"many\"\n+++\nx\n")]);
    let path = role_path(&cmd, "t.md");
    let err = refused(cmd, &["-r", "t", "hi"]);
    let start = format!("oaichat: error: role file {path} line 3: invalid type");
    assert!(err.starts_with(&start), "{err}");
}

#[test]
fn a_connection_key_in_a_role_is_refused_with_where_it_belongs() {
    let cmd = with_roles(&[(
        "t.md",
        "+++\nmodel = \"m\"\napi_key_env = \"MY_KEY\"\n+++\nx\n",
    )]);
    let path = role_path(&cmd, "t.md");
    assert_eq!(
        refused(cmd, &["-r", "t", "hi"]),
        format!(
            "oaichat: error: role file {path} line 3: api_key_env is part of the connection, \
             which a profile sets (a role sets request fields): put it in a [profiles.NAME] of \
             the config file and add -p NAME"
        )
    );
}

#[test]
fn an_unknown_role_names_where_it_looked_and_the_roles_there_are() {
    let cmd = with_roles(&[("ko.md", TRANSLATE)]);
    let path = role_path(&cmd, "kr.md");
    assert_eq!(
        refused(cmd, &["-r", "kr", "hi"]),
        format!(
            "oaichat: error: there is no role `kr` (no file {path} and no built-in of that \
             name); the roles are code, explain-shell, ko, shell"
        )
    );
    let err = refused(Cmd::new(), &["--no-config", "-r", "../etc/passwd", "hi"]);
    assert!(
        err.contains("role name `../etc/passwd` may hold letters"),
        "{err}"
    );
}

#[test]
fn roles_lists_every_role_with_its_origin_and_first_line() {
    let cmd = with_roles(&[("ko.md", TRANSLATE), ("shell.md", "Mine.\nMore.\n")]);
    let (ko, shell) = (role_path(&cmd, "ko.md"), role_path(&cmd, "shell.md"));
    let assert = cmd.env("SHELL", "/bin/zsh").args(["roles"]).run().success();
    let out = stdout(&assert);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with("code           built-in  You write code."),
        "{out}"
    );
    assert!(
        lines[1].starts_with("explain-shell  built-in  You explain shell"),
        "{out}"
    );
    // The first line is cut to fit 80 columns, as far as the path leaves room.
    let ko_line = format!("ko             {ko}  Translate into");
    assert!(lines[2].starts_with(&ko_line), "{out}");
    assert_eq!(
        lines[3],
        format!("shell          {shell}, overrides built-in  Mine.")
    );
}

#[test]
fn roles_show_prints_a_file_as_written_and_a_built_in_filled_in() {
    let cmd = with_roles(&[("ko.md", TRANSLATE)]);
    cmd.args(["roles", "show", "ko"])
        .run()
        .success()
        .stdout(TRANSLATE);
    let assert = Cmd::new()
        .env("SHELL", "/bin/zsh")
        .args(["roles", "show", "shell"])
        .run();
    let out = stdout(&assert.success());
    assert!(
        out.starts_with("You turn requests into zsh commands for "),
        "{out}"
    );
    let err = refused(Cmd::new(), &["--no-config", "roles", "show", "nope"]);
    assert!(err.contains("there is no role `nope`"), "{err}");
}

#[test]
fn a_jsonl_record_may_name_its_role_under_its_own_fields() {
    let server = Server::start(vec![answer("a"), answer("b"), answer("c")]);
    let cmd = with_roles(&[("ko.md", TRANSLATE)]).env("OPENAI_BASE_URL", &server.base_url());
    let input = "{\"prompt\": \"one\", \"role\": \"ko\"}\n\
                 {\"prompt\": \"two\", \"role\": \"ko\", \"model\": \"gpt-4o\", \"temperature\": 1}\n\
                 {\"prompt\": \"three\", \"role\": \"nope\"}\n";
    let assert = cmd
        .args(["--jsonl", "-P", "1", "-s", "Formal."])
        .stdin(input)
        .run();
    let out = stdout(&assert.code(2));
    let bodies: Vec<Value> = server.requests().iter().map(|r| r.json()).collect();
    let system = json!({"role": "system", "content": "Translate into Korean.\n\nFormal."});
    assert_eq!(
        bodies,
        [
            json!({"model": "gpt-4.1", "temperature": 0.2,
                   "messages": [system, {"role": "user", "content": "one"}]}),
            json!({"model": "gpt-4o", "temperature": 1,
                   "messages": [system, {"role": "user", "content": "two"}]}),
        ]
    );
    let last: Value = serde_json::from_str(out.lines().nth(2).unwrap()).unwrap();
    let error = last["error"].as_str().unwrap();
    assert!(
        error.starts_with("line 3: there is no role `nope`"),
        "{error}"
    );
}

#[test]
fn each_sends_every_line_with_the_role() {
    let server = Server::start(vec![answer("a"), answer("b")]);
    let cmd = with_roles(&[("ko.md", TRANSLATE)]).env("OPENAI_BASE_URL", &server.base_url());
    cmd.args(["--each", "-P", "1", "-r", "ko"])
        .stdin("one\ntwo\n")
        .run()
        .success()
        .stdout("a\nb\n");
    for (request, line) in server.requests().iter().zip(["one", "two"]) {
        assert_eq!(
            request.json(),
            json!({"model": "gpt-4.1", "temperature": 0.2, "messages": [
                {"role": "system", "content": "Translate into Korean."},
                {"role": "user", "content": line},
            ]})
        );
    }
}

#[test]
fn an_interactive_chat_keeps_the_roles_system_message() {
    let streamed = |text: &str| sse(&[delta(text), finish("stop"), DONE.into()]);
    let server = Server::start(vec![streamed("하나"), streamed("둘")]);
    let cmd = with_roles(&[("ko.md", TRANSLATE)]).env("OPENAI_BASE_URL", &server.base_url());
    cmd.args(["-i", "-r", "ko"])
        .stdin("one\ntwo\nexit\n")
        .run()
        .success()
        .stdout("하나\n둘\n");
    let second = server.requests()[1].json();
    assert_eq!(second["model"], "gpt-4.1");
    assert_eq!(
        second["messages"][0],
        json!({"role": "system", "content": "Translate into Korean."})
    );
}
