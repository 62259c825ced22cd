//! Profiles: `-p`, `OAICHAT_PROFILE` and `default_profile`; every profile key; the
//! connection (URL, key, headers) taken from one layer as a unit; key commands.

use serde_json::Value;

use crate::support::*;

/// A key no output may show, as [`KEY`] for the standard variable.
const PROFILE_KEY: &str = "sk-profile-SECRET-41d0";

fn assert_hidden(assert: &assert_cmd::assert::Assert, secret: &str) {
    let output = assert.get_output();
    for text in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(text);
        assert!(!text.contains(secret), "a key leaked:\n{text}");
    }
}

/// `[profiles.local]` at `server`, with a literal key.
fn local_profile(server: &Server) -> String {
    format!(
        "[profiles.local]\nbase_url = \"{}\"\nmodel = \"llama3.2\"\napi_key = \"{PROFILE_KEY}\"\n",
        server.base_url()
    )
}

fn bearer(request: &Recorded) -> Option<&str> {
    request.header("authorization")
}

#[test]
fn a_named_profile_owns_the_connection_over_openai_base_url_and_the_key() {
    let answers = vec![answer("ok"), answer("ok"), answer("ok")];
    let (profile_server, env_server) = (Server::start(answers), Server::start(vec![]));
    for select in [&["-p", "local"][..], &["--profile", "local"]] {
        let cmd = Cmd::with_config(&local_profile(&profile_server))
            .env("OPENAI_BASE_URL", &env_server.base_url());
        let assert = cmd.args(select).args(["hi"]).run().success().stdout("ok\n");
        assert_hidden(&assert, PROFILE_KEY);
    }
    let cmd = Cmd::with_config(&local_profile(&profile_server))
        .env("OPENAI_BASE_URL", &env_server.base_url())
        .env("OAICHAT_PROFILE", "local");
    cmd.args(["hi"]).run().success();
    assert!(
        env_server.requests().is_empty(),
        "nothing goes to OPENAI_BASE_URL"
    );
    let requests = profile_server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(
            bearer(request),
            Some(format!("Bearer {PROFILE_KEY}").as_str())
        );
        assert_eq!(request.json()["model"], "llama3.2");
    }
}

#[test]
fn the_default_profile_yields_to_a_url_in_the_environment_with_its_key() {
    let (profile_server, env_server) = (Server::start(vec![]), Server::start(vec![answer("ok")]));
    let toml = format!(
        "default_profile = \"local\"\n{}",
        local_profile(&profile_server)
    );
    let cmd = Cmd::with_config(&toml).env("OPENAI_BASE_URL", &env_server.base_url());
    cmd.args(["hi"]).run().success().stdout("ok\n");
    assert!(profile_server.requests().is_empty());
    let request = env_server.request();
    assert_eq!(bearer(&request), Some(format!("Bearer {KEY}").as_str()));
    // The profile's other settings still apply below the environment.
    assert_eq!(request.json()["model"], "llama3.2");
}

#[test]
fn the_default_profile_never_sends_the_exported_openai_key_to_its_url() {
    let server = Server::start(vec![answer("ok")]);
    let toml = format!(
        "default_profile = \"work\"\n[profiles.work]\nbase_url = \"{}\"\napi_key_env = \"WORK_KEY\"\n",
        server.base_url()
    );
    let cmd = Cmd::with_config(&toml).env("WORK_KEY", PROFILE_KEY);
    let assert = cmd.args(["hi"]).run().success();
    assert_hidden(&assert, PROFILE_KEY);
    let request = server.request();
    assert_eq!(
        bearer(&request),
        Some(format!("Bearer {PROFILE_KEY}").as_str())
    );
}

#[test]
fn flags_beat_the_environment_which_beats_the_profile_which_beats_the_file() {
    let server = Server::start(vec![answer("1"), answer("2"), answer("3"), answer("4")]);
    let toml = format!(
        "model = \"file\"\ntemperature = 0.1\ntop_p = 0.1\n{}temperature = 0.2\n",
        local_profile(&server)
    );
    let run = |cmd: Cmd, args: &[&str]| {
        cmd.args(["-p", "local"])
            .args(args)
            .args(["hi"])
            .run()
            .success();
    };
    run(Cmd::with_config(&toml), &[]);
    run(Cmd::with_config(&toml).env("OPENAI_MODEL", "env"), &[]);
    run(
        Cmd::with_config(&toml).env("OPENAI_MODEL", "env"),
        &["-m", "flag", "-t", "0.3"],
    );
    let bodies: Vec<Value> = server.requests().iter().map(Recorded::json).collect();
    let pick = |body: &Value| {
        (
            body["model"].clone(),
            body["temperature"].clone(),
            body["top_p"].clone(),
        )
    };
    assert_eq!(
        pick(&bodies[0]),
        ("llama3.2".into(), 0.2.into(), 0.1.into())
    );
    assert_eq!(pick(&bodies[1]), ("env".into(), 0.2.into(), 0.1.into()));
    assert_eq!(pick(&bodies[2]), ("flag".into(), 0.3.into(), 0.1.into()));
}

#[test]
fn every_request_key_of_a_profile_reaches_the_body() {
    let toml = "[profiles.all]\nmodel = \"gpt-4.1-nano\"\nsystem = \"Be terse.\"\ntemperature = 0.5\n\
                top_p = 0.9\nmax_tokens = 20\nseed = 7\nfrequency_penalty = 0.5\npresence_penalty = -0.5\n\
                stop = [\"END\"]\nstream = true\nusage = true\n";
    let assert = Cmd::with_config(toml)
        .env_remove("OPENAI_API_KEY")
        .args(["-p", "all", "--dry-run", "hi"])
        .run()
        .success();
    let body: Value = serde_json::from_str(&stdout(&assert)).expect("JSON body");
    assert_eq!(
        body,
        serde_json::json!({
            "model": "gpt-4.1-nano",
            "messages": [{"role": "system", "content": "Be terse."}, {"role": "user", "content": "hi"}],
            "temperature": 0.5, "top_p": 0.9, "max_tokens": 20, "stop": ["END"], "seed": 7,
            "frequency_penalty": 0.5, "presence_penalty": -0.5,
            "stream": true, "stream_options": {"include_usage": true}
        })
    );
    let reasoning = "[profiles.r]\nmodel = \"o4-mini\"\nmax_completion_tokens = 99\nreasoning_effort = \"low\"\n";
    let assert = Cmd::with_config(reasoning)
        .args(["-p", "r", "--dry-run", "hi"])
        .run()
        .success();
    let body: Value = serde_json::from_str(&stdout(&assert)).expect("JSON body");
    assert_eq!(
        (
            body["max_completion_tokens"].clone(),
            body["reasoning_effort"].clone()
        ),
        (99.into(), "low".into())
    );
}

#[test]
fn a_profiles_timeouts_and_retries_apply() {
    let server = Server::start(vec![
        Reply::json(500, &serde_json::json!({})),
        answer("late"),
    ]);
    let toml = format!("{}max_retries = 0\ntimeout = 30\n", local_profile(&server));
    Cmd::with_config(&toml)
        .args(["-p", "local", "hi"])
        .run()
        .code(6);
    assert_eq!(server.requests().len(), 1, "max_retries = 0: no retry");
    let (gate, wait) = Gate::new();
    let slow = Server::start(vec![Reply::stream(vec![
        wait,
        Step::Write(delta("x").into_bytes()),
    ])]);
    let toml = format!(
        "{}idle_timeout = 0.3\nstream = true\n",
        local_profile(&slow)
    );
    let assert = Cmd::with_config(&toml)
        .args(["-p", "local", "hi"])
        .run()
        .failure();
    gate.open();
    assert!(
        stderr(&assert).contains("--idle-timeout"),
        "{}",
        stderr(&assert)
    );
}

#[test]
fn api_key_env_reads_the_named_variable_from_the_environment_or_dotenv() {
    let server = Server::start(vec![answer("ok"), answer("ok")]);
    let toml = format!(
        "[profiles.w]\nbase_url = \"{}\"\napi_key_env = \"WORK_KEY\"\n",
        server.base_url()
    );
    Cmd::with_config(&toml)
        .env("WORK_KEY", PROFILE_KEY)
        .args(["-p", "w", "hi"])
        .run()
        .success();
    let cmd = Cmd::with_config(&toml);
    cmd.file(".env", format!("WORK_KEY={PROFILE_KEY}\n"));
    cmd.args(["-p", "w", "hi"]).run().success();
    for request in server.requests() {
        assert_eq!(
            bearer(&request),
            Some(format!("Bearer {PROFILE_KEY}").as_str())
        );
    }
    let assert = Cmd::with_config(&toml)
        .args(["-p", "w", "hi"])
        .run()
        .code(2);
    assert_eq!(
        stderr(&assert),
        "oaichat: error: WORK_KEY is not set (the key of profile w): export WORK_KEY=... or put it in a .env file\n"
    );
}

#[test]
fn api_key_cmd_runs_without_a_shell_and_its_output_is_the_key() {
    let server = Server::start(vec![answer("ok"), answer("ok")]);
    for command in [
        format!("printf '%s\\n' {PROFILE_KEY}"),
        format!("sh -c 'echo {PROFILE_KEY} | cat'"),
    ] {
        let toml = format!(
            "[profiles.w]\nbase_url = \"{}\"\napi_key_cmd = \"{}\"\n",
            server.base_url(),
            command.replace('\\', "\\\\")
        );
        let assert = Cmd::with_config(&toml)
            .args(["-p", "w", "-v", "hi"])
            .run()
            .success();
        assert_hidden(&assert, PROFILE_KEY);
    }
    for request in server.requests() {
        assert_eq!(
            bearer(&request),
            Some(format!("Bearer {PROFILE_KEY}").as_str())
        );
    }
}

#[test]
fn a_failing_or_slow_key_command_stops_the_run_before_anything_is_sent() {
    let server = Server::start(vec![]);
    let refused = |command: &str, extra: &str| {
        let toml = format!(
            "[profiles.w]\nbase_url = \"{}\"\napi_key_cmd = \"{command}\"\n{extra}",
            server.base_url()
        );
        let assert = Cmd::with_config(&toml)
            .args(["-p", "w", "hi"])
            .run()
            .code(2)
            .stdout("");
        stderr(&assert)
    };
    assert_eq!(
        refused("sh -c 'echo locked >&2; exit 4'", ""),
        "locked\noaichat: error: api_key_cmd of profile w (`sh`) failed (exit status: 4)\n"
    );
    let started = std::time::Instant::now();
    let slow = refused("sleep 30", "api_key_cmd_timeout = 0.5\n");
    assert!(slow.contains("did not finish within 0.5s"), "{slow}");
    assert!(
        started.elapsed().as_secs() < 20,
        "the command was killed, not waited for"
    );
    assert!(refused("true", "").contains("printed nothing"));
    assert!(refused("oaichat-no-such-command", "").contains("cannot be run"));
    assert!(server.requests().is_empty());
}

#[test]
fn profile_headers_are_sent_and_a_flag_replaces_one_and_secrets_are_redacted() {
    let server = Server::start(vec![answer("ok")]);
    let toml = format!(
        "{}headers = {{ \"X-Team\" = \"search\", \"X-Api-Key\" = \"{PROFILE_KEY}\", \"X-Env\" = \"dev\" }}\n",
        local_profile(&server)
    );
    let assert = Cmd::with_config(&toml)
        .args(["-p", "local", "-v", "-H", "X-Env: prod", "hi"])
        .run()
        .success();
    assert_hidden(&assert, PROFILE_KEY);
    let request = server.request();
    assert_eq!(request.header("x-team"), Some("search"));
    assert_eq!(request.header("x-env"), Some("prod"));
    assert_eq!(request.header("x-api-key"), Some(PROFILE_KEY));
}

#[test]
fn a_literal_key_bound_for_another_machine_is_warned_about_with_the_files_mode() {
    let cmd = Cmd::with_config(&format!(
        "[profiles.gw]\nbase_url = \"https://gateway.example.com/v1\"\napi_key = \"{PROFILE_KEY}\"\n"
    ));
    let path = cmd.dir.path().join("oaichat.toml");
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let assert = cmd.args(["-p", "gw", "--dry-run", "hi"]).run().success();
    assert_hidden(&assert, PROFILE_KEY);
    let err = stderr(&assert);
    assert!(
        err.contains("the key of profile gw is written in the config file"),
        "{err}"
    );
    assert!(err.contains("chmod 600"), "{err}");
    // A placeholder for a server on this machine is no secret worth a warning.
    let server = Server::start(vec![answer("ok")]);
    let assert = Cmd::with_config(&local_profile(&server))
        .args(["-p", "local", "hi"])
        .run()
        .success();
    assert_eq!(stderr(&assert), "");
}

#[test]
fn base_url_flag_replaces_the_profiles_url_and_keeps_its_key() {
    let (unused, server) = (Server::start(vec![]), Server::start(vec![answer("ok")]));
    let cmd = Cmd::with_config(&local_profile(&unused));
    cmd.args(["-p", "local", "--base-url", &server.base_url(), "hi"])
        .run()
        .success();
    assert!(unused.requests().is_empty());
    assert_eq!(
        bearer(&server.request()),
        Some(format!("Bearer {PROFILE_KEY}").as_str())
    );
}

#[test]
fn an_unknown_profile_or_one_without_a_file_is_refused_naming_what_exists() {
    let server = Server::start(vec![]);
    let cmd = Cmd::with_config(&local_profile(&server));
    let path = cmd.dir.path().join("oaichat.toml");
    let assert = cmd.args(["-p", "lcoal", "hi"]).run().code(2);
    assert_eq!(
        stderr(&assert),
        format!(
            "oaichat: error: there is no profile `lcoal` in {}: it has local\n",
            path.display()
        )
    );
    let assert = Cmd::with_config(&local_profile(&server))
        .args(["--no-config", "-p", "local", "hi"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("no config file was read"),
        "{}",
        stderr(&assert)
    );
    let assert = Cmd::new()
        .env("OAICHAT_PROFILE", "x")
        .env("HOME", "/nonexistent")
        .args(["hi"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("profile `x`"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}

#[test]
fn profile_keys_are_checked_when_the_file_is_read() {
    let refused = |toml: &str| {
        let assert = Cmd::with_config(toml).args(["hi"]).run().code(2).stdout("");
        let err = stderr(&assert);
        assert_eq!(err.lines().count(), 1, "{err}");
        err
    };
    let typo = refused("[profiles.a]\nmodel = \"m\"\nbase_ulr = \"x\"\n");
    assert!(typo.contains("line 3: unknown field `base_ulr`"), "{typo}");
    let two = refused("[profiles.a]\napi_key = \"k\"\napi_key_env = \"K\"\n");
    assert!(
        two.contains("profiles.a.api_key_env: give one key source, not api_key and api_key_env"),
        "{two}"
    );
    let nested = refused("[profiles.a]\ndefault_profile = \"a\"\n");
    assert!(
        nested.contains("profiles.a.default_profile: belongs at the top"),
        "{nested}"
    );
    let missing = refused("default_profile = \"b\"\n[profiles.a]\n");
    assert!(
        missing.contains("default_profile: there is no [profiles.b]"),
        "{missing}"
    );
    let header = refused("[profiles.a]\nheaders = { \"Authorization\" = \"Bearer x\" }\n");
    assert!(
        header.contains("profiles.a.headers.Authorization"),
        "{header}"
    );
    let quote = refused("[profiles.a]\napi_key_cmd = \"pass 'show\"\n");
    assert!(quote.contains("unclosed quote"), "{quote}");
    let range = refused("[profiles.a]\ntemperature = 9\n");
    assert!(
        range.contains("profiles.a.temperature: out of range"),
        "{range}"
    );
}

#[test]
fn the_insecure_http_guard_applies_to_every_profile() {
    let toml = "[profiles.lan]\nbase_url = \"http://10.1.2.3:8000/v1\"\napi_key = \"k\"\n";
    let assert = Cmd::with_config(toml)
        .args(["-p", "lan", "hi"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("--allow-insecure-http"),
        "{}",
        stderr(&assert)
    );
}

/// `oaichat config`'s line for `name`: its value and its source, split at runs of spaces.
fn config_line(out: &str, name: &str) -> (String, String) {
    let line = (out.lines())
        .find(|l| l.starts_with(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} line in:\n{out}"));
    let rest = line[name.len()..].trim_start();
    let (value, source) = rest.split_once("  ").unwrap_or((rest, ""));
    (value.trim().to_string(), source.trim().to_string())
}

#[test]
fn oaichat_config_names_where_every_setting_came_from_and_never_the_key() {
    let toml = format!(
        "temperature = 0.1\ntop_p = 0.5\nmax_retries = 5\ncache_ttl = \"7d\"\n[profiles.gw]\n\
         cache = true\nbase_url = \"https://gateway.example.com/v1\"\napi_key = \"{PROFILE_KEY}\"\n\
         temperature = 0.2\nconnect_timeout = 3\nheaders = {{ \"X-Team\" = \"search\" }}\n"
    );
    let cmd = Cmd::with_config(&toml)
        .env("OAICHAT_PROFILE", "gw")
        .env("OPENAI_MODEL", "env-model")
        .env("XDG_CACHE_HOME", "/xdg-cache");
    cmd.file(".env", "OAICHAT_MAX_RETRIES=3\n");
    let assert = cmd
        .args(["-r", "code", "config", "--timeout", "5"])
        .run()
        .success();
    assert_hidden(&assert, PROFILE_KEY);
    let out = stdout(&assert);
    let expect = |name: &str, value: &str, source: &str| {
        assert_eq!(
            config_line(&out, name),
            (value.into(), source.into()),
            "{out}"
        );
    };
    expect("profile", "gw", "env OAICHAT_PROFILE");
    expect("model", "env-model", "env OPENAI_MODEL");
    expect("role", "code", "flag");
    assert_eq!(config_line(&out, "system").1, "role code", "{out}");
    expect("temperature", "0.2", "profile gw");
    expect("top_p", "0.5", "file");
    expect("seed", "-", "default");
    expect("timeout", "5s", "flag");
    expect("connect_timeout", "3s", "profile gw");
    expect("max_retries", "3", ".env OAICHAT_MAX_RETRIES");
    expect("cache", "on (/xdg-cache/oaichat)", "profile gw");
    expect("cache_ttl", "604800s", "file");
    expect("base_url", "https://gateway.example.com/v1", "profile gw");
    expect("api_key", "api_key in the file (redacted)", "profile gw");
    expect("headers", "X-Team: search", "");
    assert!(out.starts_with("config file "), "{out}");
    // Nothing was sent and no key is needed to look.
    let assert = Cmd::new()
        .env_remove("OPENAI_API_KEY")
        .args(["config"])
        .run()
        .success();
    let out = stdout(&assert);
    assert_eq!(
        config_line(&out, "api_key"),
        ("OPENAI_API_KEY (NOT SET)".into(), "default".into())
    );
    assert_eq!(config_line(&out, "model").1, "default");
    assert_eq!(config_line(&out, "cache"), ("off".into(), "default".into()));
}

#[test]
fn a_value_a_model_refuses_is_named_with_the_layer_that_set_it() {
    let toml = "temperature = 0.5\n[profiles.r]\nmodel = \"o4-mini\"\n[profiles.g]\nmodel = \"gpt-4o\"\nreasoning_effort = \"low\"\n";
    let refused = |args: &[&str]| {
        let assert = Cmd::with_config(toml).args(args).args(["hi"]).run().code(2);
        stderr(&assert)
    };
    assert_eq!(
        refused(&["-p", "r"]),
        "oaichat: error: o4-mini is a reasoning model and only takes temperature 1: drop \
         temperature from the config file\n"
    );
    assert!(refused(&["-p", "r", "-t", "0.3"]).ends_with("drop --temperature\n"));
    assert!(refused(&["-p", "g"]).ends_with("drop reasoning_effort (set by profile g)\n"));
}

#[test]
fn a_refused_key_is_named_by_where_it_came_from() {
    let refused = || {
        let body = serde_json::json!({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error", "code": "invalid_api_key"}});
        Server::start(vec![Reply::json(401, &body)])
    };
    let server = refused();
    let toml = format!(
        "[profiles.w]\nbase_url = \"{}\"\napi_key_env = \"WORK_KEY\"\n",
        server.base_url()
    );
    let assert = Cmd::with_config(&toml)
        .env("WORK_KEY", PROFILE_KEY)
        .args(["-p", "w", "hi"])
        .run()
        .code(3);
    assert!(
        stderr(&assert)
            .trim_end()
            .ends_with("; check WORK_KEY of profile w"),
        "{}",
        stderr(&assert)
    );
    let server = refused();
    let assert = Cmd::at(&server).args(["hi"]).run().code(3);
    assert!(
        stderr(&assert)
            .trim_end()
            .ends_with("; check OPENAI_API_KEY"),
        "{}",
        stderr(&assert)
    );
}
