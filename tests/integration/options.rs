//! `-o KEY=VALUE`: any request field, from flags and from `options` tables in the config
//! file, profiles and roles; in every mode; and every refusal.

use serde_json::{Value, json};

use crate::support::*;

/// The body `oaichat ARGS hi` sends to a fresh server.
fn sent(cmd: Cmd, args: &[&str]) -> Value {
    let server = Server::start(vec![answer("ok")]);
    cmd.env("OPENAI_BASE_URL", &server.base_url())
        .args(args)
        .args(["hi"])
        .run()
        .success()
        .stdout("ok\n");
    server.request().json()
}

/// `oaichat ARGS hi` is refused with exit 2 and one line, and sends nothing.
fn refused(cmd: Cmd, args: &[&str]) -> String {
    let server = Server::start(vec![]);
    let assert = cmd
        .env("OPENAI_BASE_URL", &server.base_url())
        .args(args)
        .args(["hi"])
        .run()
        .code(2)
        .stdout("");
    assert!(server.requests().is_empty());
    let err = stderr(&assert);
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn values_are_json_or_strings_and_dotted_keys_nest() {
    let body = sent(
        Cmd::new(),
        &[
            "-o",
            "logprobs=true",
            "-o",
            "top_logprobs=3",
            "-o",
            "logit_bias={\"1234\":-100}",
            "-o",
            "service_tier=flex",
            "-o",
            "metadata.run=ci",
            "-o",
            "metadata.n=\"7\"",
            "--stream",
            "--usage",
            "-o",
            "stream_options.include_obfuscation=false",
        ],
    );
    assert_eq!(body["logprobs"], json!(true));
    assert_eq!(body["top_logprobs"], json!(3));
    assert_eq!(body["logit_bias"], json!({"1234": -100}));
    assert_eq!(body["service_tier"], json!("flex"));
    assert_eq!(body["metadata"], json!({"run": "ci", "n": "7"}));
    assert_eq!(
        body["stream_options"],
        json!({"include_usage": true, "include_obfuscation": false})
    );
}

#[test]
fn dry_run_shows_the_fields_and_a_later_flag_replaces_an_earlier_one() {
    let assert = Cmd::new()
        .env_remove("OPENAI_API_KEY")
        .args([
            "--dry-run",
            "-o",
            "top_k=1",
            "-o",
            "top_k=2",
            "-o",
            "min_p=0.05",
            "hi",
        ])
        .run()
        .success();
    let body: Value = serde_json::from_str(&stdout(&assert)).unwrap();
    assert_eq!(
        (body["top_k"].clone(), body["min_p"].clone()),
        (json!(2), json!(0.05))
    );
}

#[test]
fn fields_oaichat_sets_and_pairs_with_typed_flags_are_refused() {
    let cases: [(&[&str], &str); 8] = [
        (
            &["-o", "model=x"],
            "-o model: oaichat sets that field itself; use -m",
        ),
        (
            &["-o", "messages=[]"],
            "-o messages: oaichat sets that field itself",
        ),
        (&["-o", "stream=true"], "use --stream"),
        (
            &["-t", "0.5", "-o", "temperature=1"],
            "-o temperature and --temperature set the same field",
        ),
        (
            &["--json", "-o", "response_format.type=text"],
            "--json or --schema",
        ),
        (
            &[
                "--stream",
                "--usage",
                "-o",
                "stream_options.include_usage=false",
            ],
            "--usage",
        ),
        (&["-n", "2", "-o", "n=3"], "-o n and -n"),
        (&["-o", "top_k"], "-o top_k is not KEY=VALUE"),
    ];
    for (args, expected) in cases {
        let err = refused(Cmd::new(), args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn options_tables_rank_like_every_other_setting() {
    let toml = "temperature = 0.1\noptions = { top_k = 1, min_p = 0.1 }\n\
                [profiles.p]\noptions = { top_k = 2, temperature = 0.4 }\n";
    let body = sent(Cmd::with_config(toml), &[]);
    assert_eq!(
        (body["top_k"].clone(), body["min_p"].clone()),
        (json!(1), json!(0.1))
    );
    let body = sent(Cmd::with_config(toml), &["-p", "p"]);
    // The profile's options beat the file's typed temperature and options.
    assert_eq!(
        (body["top_k"].clone(), body["temperature"].clone()),
        (json!(2), json!(0.4))
    );
    let body = sent(
        Cmd::with_config(toml),
        &["-p", "p", "-o", "top_k=3", "-t", "0.9"],
    );
    assert_eq!(
        (body["top_k"].clone(), body["temperature"].clone()),
        (json!(3), json!(0.9))
    );
    assert_eq!(body["min_p"], json!(0.1));
}

#[test]
fn a_roles_options_apply_and_a_layer_may_not_set_a_field_twice() {
    let cmd = Cmd::with_config("model = \"m\"\n");
    let roles = cmd.dir.path().join("roles");
    std::fs::create_dir_all(&roles).unwrap();
    std::fs::write(
        roles.join("t.md"),
        "+++\noptions = { top_k = 9 }\n+++\nBe terse.\n",
    )
    .unwrap();
    assert_eq!(sent(cmd, &["-r", "t"])["top_k"], json!(9));
    let err = refused(
        Cmd::with_config("[profiles.p]\ntemperature = 0.2\noptions = { temperature = 0.3 }\n"),
        &["-p", "p"],
    );
    assert!(
        err.contains("profiles.p.options.temperature: also set as temperature here"),
        "{err}"
    );
    let err = refused(Cmd::with_config("options = { stream = true }\n"), &[]);
    assert!(
        err.contains("options.stream: oaichat sets it itself: use --stream"),
        "{err}"
    );
}

#[test]
fn line_mode_sends_the_fields_with_every_input_and_a_records_own_win() {
    let server = Server::start(vec![answer("a"), answer("b")]);
    let input = "{\"prompt\":\"one\"}\n{\"prompt\":\"two\",\"top_k\":7}\n";
    Cmd::at(&server)
        .args(["--jsonl", "-P", "1", "-o", "top_k=3", "-o", "seed_bank=x"])
        .stdin(input)
        .run()
        .success();
    let bodies: Vec<Value> = server.requests().iter().map(Recorded::json).collect();
    assert_eq!(
        (bodies[0]["top_k"].clone(), bodies[1]["top_k"].clone()),
        (json!(3), json!(7))
    );
    assert_eq!(bodies[1]["seed_bank"], json!("x"));
    let server = Server::start(vec![answer("a")]);
    Cmd::at(&server)
        .args(["--each", "-o", "top_k=4", "Say:"])
        .stdin("x\n")
        .run()
        .success();
    assert_eq!(server.request().json()["top_k"], json!(4));
}
