//! The TOML config file: where it is found, how it ranks below the environment and flags,
//! what its keys put in the request, its errors, and `oaichat config --path`.
//!
//! Files live in the command's temporary working directory and are named by absolute
//! paths, so every path a message shows is the one the test wrote.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::*;

/// The default file's place when `HOME` is the working directory's `home`.
const HOME_FILE: &str = "home/.config/oaichat/config.toml";

/// The absolute path of `relative` under the command's working directory (temporary
/// directories have ASCII names).
fn under(cmd: &Cmd, relative: &str) -> String {
    let path = cmd.dir.path().join(relative);
    path.to_str().expect("a UTF-8 temporary path").to_string()
}

/// Writes `content` at `relative` under the command's working directory, making the
/// folders, and returns the file's absolute path.
fn put(cmd: &Cmd, relative: &str, content: &str) -> String {
    let path = under(cmd, relative);
    std::fs::create_dir_all(Path::new(&path).parent().expect("a parent"))
        .expect("make the folders");
    std::fs::write(&path, content).expect("write a test file");
    path
}

/// A clean command and the absolute path of `oaichat.toml` holding `toml` in its
/// working directory (named by nothing yet).
fn with_config(toml: &str) -> (Cmd, String) {
    let cmd = Cmd::new();
    let path = put(&cmd, "oaichat.toml", toml);
    (cmd, path)
}

/// Runs `cmd ARGS hi` against a fresh server and returns the model it sent.
fn model_sent(cmd: Cmd, args: &[&str]) -> Value {
    let server = Server::start(vec![answer("ok")]);
    cmd.env("OPENAI_BASE_URL", &server.base_url())
        .args(args)
        .args(["hi"])
        .run()
        .success()
        .stdout("ok\n");
    server.request().json()["model"].clone()
}

/// Runs `cmd --dry-run ARGS hi` without a key and returns the body it prints.
fn dry_run(cmd: Cmd, args: &[&str]) -> Value {
    let assert = cmd
        .env_remove("OPENAI_API_KEY")
        .args(["--dry-run"])
        .args(args)
        .args(["hi"])
        .run()
        .success();
    serde_json::from_str(&stdout(&assert)).expect("stdout is the JSON body")
}

/// Runs `oaichat --config FILE hi` with `toml` in the file: exit 2, one line on stderr,
/// nothing sent. Returns the file's path and the line.
fn refused(toml: &str) -> (String, String) {
    let server = Server::start(vec![]);
    let cmd = Cmd::at(&server);
    let path = put(&cmd, "oaichat.toml", toml);
    let assert = cmd.args(["--config", &path, "hi"]).run().code(2).stdout("");
    let err = stderr(&assert);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(server.requests().is_empty());
    (path, err.trim_end().to_string())
}

/// Runs `oaichat ARGS config --path` and returns its stdout.
fn config_path(cmd: Cmd, args: &[&str]) -> String {
    let assert = cmd.args(args).args(["config", "--path"]).run().success();
    stdout(&assert)
}

#[test]
fn the_files_model_beats_the_default() {
    let (cmd, path) = with_config("model = \"from-file\"\n");
    assert_eq!(model_sent(cmd, &["--config", &path]), "from-file");
}

#[test]
fn openai_model_beats_the_files_model() {
    let (cmd, path) = with_config("model = \"from-file\"\n");
    let cmd = cmd.env("OPENAI_MODEL", "from-env");
    assert_eq!(model_sent(cmd, &["--config", &path]), "from-env");
}

#[test]
fn a_dotenv_model_beats_the_files_model() {
    let (cmd, path) = with_config("model = \"from-file\"\n");
    cmd.file(".env", "OPENAI_MODEL=from-dotenv\n");
    assert_eq!(model_sent(cmd, &["--config", &path]), "from-dotenv");
}

#[test]
fn the_model_flag_beats_openai_model_and_the_file() {
    let (cmd, path) = with_config("model = \"from-file\"\n");
    let cmd = cmd.env("OPENAI_MODEL", "from-env");
    let model = model_sent(cmd, &["--config", &path, "-m", "from-flag"]);
    assert_eq!(model, "from-flag");
}

#[test]
fn sampling_fields_from_the_file_land_in_the_body_under_their_api_names() {
    let (cmd, path) = with_config(
        r#"model = "gpt-4.1-nano"
temperature = 0.2
top_p = 0.5
frequency_penalty = -0.5
presence_penalty = 1
max_tokens = 64
seed = 42
stop = ["END", "\n\n"]
stream = true
usage = true
"#,
    );
    assert_eq!(
        dry_run(cmd, &["--config", &path]),
        json!({
            "model": "gpt-4.1-nano",
            "messages": [{"role": "user", "content": "hi"}],
            "temperature": 0.2, "top_p": 0.5, "max_tokens": 64,
            "stop": ["END", "\n\n"], "seed": 42,
            "frequency_penalty": -0.5, "presence_penalty": 1.0,
            "stream": true, "stream_options": {"include_usage": true}
        })
    );
}

#[test]
fn reasoning_fields_from_the_file_land_in_the_body() {
    let (cmd, path) = with_config(
        "model = \"o4-mini\"\nmax_completion_tokens = 300\nreasoning_effort = \"high\"\n",
    );
    assert_eq!(
        dry_run(cmd, &["--config", &path]),
        json!({
            "model": "o4-mini",
            "messages": [{"role": "user", "content": "hi"}],
            "max_completion_tokens": 300,
            "reasoning_effort": "high"
        })
    );
}

#[test]
fn the_files_system_is_the_system_message() {
    let (cmd, path) = with_config("system = \"You are terse.\"\n");
    assert_eq!(
        dry_run(cmd, &["--config", &path])["messages"],
        json!([
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "hi"}
        ])
    );
}

#[test]
fn the_system_flag_beats_the_files_system() {
    let (cmd, path) = with_config("system = \"from the file\"\n");
    assert_eq!(
        dry_run(cmd, &["--config", &path, "-s", "from the flag"])["messages"],
        json!([
            {"role": "system", "content": "from the flag"},
            {"role": "user", "content": "hi"}
        ])
    );
}

#[test]
fn a_system_file_beats_the_files_system() {
    let (cmd, path) = with_config("system = \"from the config file\"\n");
    let system = put(&cmd, "system.txt", "from the system file\n");
    assert_eq!(
        dry_run(cmd, &["--config", &path, "--system-file", &system])["messages"][0],
        json!({"role": "system", "content": "from the system file"})
    );
}

#[test]
fn the_files_base_url_is_where_the_request_goes() {
    let server = Server::start(vec![answer("ok")]);
    let (cmd, path) = with_config(&format!("base_url = \"{}\"\n", server.base_url()));
    cmd.args(["--config", &path, "hi"])
        .run()
        .success()
        .stdout("ok\n");
    assert_eq!(server.request().path, "/v1/chat/completions");
}

#[test]
fn openai_base_url_beats_the_files_base_url() {
    // Nothing listens on port 9 (discard): only the server can answer.
    let server = Server::start(vec![answer("ok")]);
    let (cmd, path) = with_config("base_url = \"http://127.0.0.1:9/v1\"\n");
    cmd.env("OPENAI_BASE_URL", &server.base_url())
        .args(["--config", &path, "hi"])
        .run()
        .success()
        .stdout("ok\n");
    assert_eq!(server.requests().len(), 1);
}

/// Two quick 500s, then an answer.
fn failing_twice() -> Server {
    let body = json!({"error": {"message": "boom", "type": "server_error"}});
    let fail = || Reply::json(500, &body).header("retry-after-ms", "10");
    Server::start(vec![fail(), fail(), answer("ok")])
}

#[test]
fn max_retries_from_the_file_limits_the_attempts() {
    let server = failing_twice();
    let (cmd, path) = with_config("max_retries = 0\n");
    cmd.env("OPENAI_BASE_URL", &server.base_url())
        .args(["--config", &path, "hi"])
        .run()
        .code(6);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn oaichat_max_retries_beats_the_files_max_retries() {
    let server = failing_twice();
    let (cmd, path) = with_config("max_retries = 0\n");
    cmd.env("OPENAI_BASE_URL", &server.base_url())
        .env("OAICHAT_MAX_RETRIES", "2")
        .args(["--config", &path, "hi"])
        .run()
        .success()
        .stdout("ok\n");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn the_file_in_xdg_config_home_is_read_before_home() {
    let cmd = Cmd::new();
    put(&cmd, "xdg/oaichat/config.toml", "model = \"from-xdg\"\n");
    put(&cmd, HOME_FILE, "model = \"from-home\"\n");
    let (xdg, home) = (under(&cmd, "xdg"), under(&cmd, "home"));
    let cmd = cmd.env("XDG_CONFIG_HOME", &xdg).env("HOME", &home);
    assert_eq!(model_sent(cmd, &[]), "from-xdg");
}

#[test]
fn the_file_in_home_dot_config_is_read() {
    let cmd = Cmd::new();
    put(&cmd, HOME_FILE, "model = \"from-home\"\n");
    let home = under(&cmd, "home");
    let cmd = cmd.env("HOME", &home);
    assert_eq!(model_sent(cmd, &[]), "from-home");
}

#[test]
fn a_missing_file_at_the_default_location_is_no_file() {
    let cmd = Cmd::new();
    std::fs::create_dir_all(cmd.dir.path().join("home/.config")).expect("make the folders");
    let (home, xdg) = (under(&cmd, "home"), under(&cmd, "home/.config"));
    let cmd = cmd.env("HOME", &home).env("XDG_CONFIG_HOME", &xdg);
    assert_eq!(model_sent(cmd, &[]), "gpt-4o-mini");
}

#[test]
fn oaichat_config_names_the_file_instead_of_the_default() {
    let cmd = Cmd::new();
    put(&cmd, HOME_FILE, "model = \"from-home\"\n");
    let named = put(&cmd, "named.toml", "model = \"from-named\"\n");
    let home = under(&cmd, "home");
    let cmd = cmd.env("HOME", &home).env("OAICHAT_CONFIG", &named);
    assert_eq!(model_sent(cmd, &[]), "from-named");
}

#[test]
fn the_config_flag_beats_oaichat_config() {
    let (cmd, path) = with_config("model = \"from-flag-file\"\n");
    let named = put(&cmd, "named.toml", "model = \"from-env-file\"\n");
    let cmd = cmd.env("OAICHAT_CONFIG", &named);
    assert_eq!(model_sent(cmd, &["--config", &path]), "from-flag-file");
}

#[test]
fn no_config_ignores_a_file_that_would_break_the_run() {
    let cmd = Cmd::new();
    let broken = "colour = \"blue\"\n";
    put(&cmd, HOME_FILE, broken);
    let named = put(&cmd, "named.toml", broken);
    let home = under(&cmd, "home");
    let cmd = cmd.env("HOME", &home).env("OAICHAT_CONFIG", &named);
    assert_eq!(model_sent(cmd, &["--no-config"]), "gpt-4o-mini");
}

#[test]
fn config_with_no_config_is_a_usage_error() {
    let server = Server::start(vec![]);
    let args = ["--config", "oaichat.toml", "--no-config", "hi"];
    let assert = Cmd::at(&server).args(args).run().code(2);
    let err = stderr(&assert);
    assert!(err.contains("--no-config"), "{err}");
    assert!(server.requests().is_empty());
}

#[test]
fn an_unknown_key_is_refused_with_its_line() {
    let (path, err) = refused("model = \"x\"\n\n# spelt the British way\ncolour = \"blue\"\n");
    let expected = format!("oaichat: error: config file {path} line 4: unknown field `colour`");
    assert!(err.starts_with(&expected), "{err}");
}

#[test]
fn a_value_of_the_wrong_type_is_refused_with_its_line() {
    let (path, err) = refused("model = \"x\"\ntemperature = \"hot\"\n");
    let expected = format!("oaichat: error: config file {path} line 2: invalid type");
    assert!(err.starts_with(&expected), "{err}");
}

#[test]
fn a_value_out_of_range_is_refused_with_the_range() {
    let (path, err) = refused("model = \"x\"\ntemperature = 3\n");
    let problem = "temperature: out of range; give a number from 0 to 2";
    let expected = format!("oaichat: error: config file {path}: {problem}");
    assert_eq!(err, expected);
}

/// A file that `name` points the command at, and that does not exist: exit 2, nothing
/// sent, and the message names it.
fn assert_missing_named_file(name: impl FnOnce(Cmd, &str) -> Cmd) {
    let server = Server::start(vec![]);
    let cmd = Cmd::at(&server);
    let path = under(&cmd, "absent.toml");
    let assert = name(cmd, &path).args(["hi"]).run().code(2);
    let err = stderr(&assert);
    let expected = format!("oaichat: error: cannot read config file {path}: ");
    assert!(err.starts_with(&expected), "{err}");
    assert!(server.requests().is_empty());
}

#[test]
fn a_missing_file_named_by_the_config_flag_is_an_error() {
    assert_missing_named_file(|cmd, path| cmd.args(["--config", path]));
}

#[test]
fn a_missing_file_named_by_oaichat_config_is_an_error() {
    assert_missing_named_file(|cmd, path| cmd.env("OAICHAT_CONFIG", path));
}

#[test]
fn config_path_prints_the_config_flag_even_when_absent() {
    let cmd = Cmd::new().env("HOME", "/h");
    let path = under(&cmd, "absent.toml");
    assert_eq!(config_path(cmd, &["--config", &path]), format!("{path}\n"));
}

#[test]
fn config_path_prints_oaichat_config() {
    let (cmd, path) = with_config("model = \"x\"\n");
    let cmd = cmd.env("HOME", "/h").env("OAICHAT_CONFIG", &path);
    assert_eq!(config_path(cmd, &[]), format!("{path}\n"));
}

#[test]
fn config_path_prints_the_xdg_location() {
    let cmd = Cmd::new().env("HOME", "/h").env("XDG_CONFIG_HOME", "/abs");
    assert_eq!(config_path(cmd, &[]), "/abs/oaichat/config.toml\n");
}

#[test]
fn config_path_prints_the_home_location() {
    let cmd = Cmd::new().env("HOME", "/h");
    assert_eq!(config_path(cmd, &[]), "/h/.config/oaichat/config.toml\n");
}

#[test]
fn config_path_ignores_a_relative_xdg_config_home() {
    let cmd = Cmd::new()
        .env("HOME", "/h")
        .env("XDG_CONFIG_HOME", "relative/config");
    assert_eq!(config_path(cmd, &[]), "/h/.config/oaichat/config.toml\n");
}

#[test]
fn config_path_without_any_location_is_an_error() {
    let assert = Cmd::new().args(["config", "--path"]).run().code(2);
    let err = stderr(&assert);
    assert!(err.starts_with("oaichat: error: "), "{err}");
    assert_eq!(stdout(&assert), "");
}
