//! Tools: definitions checked and sent (flags, the config file, the dry run's count), line
//! mode's records and `--history-limit`. Calls as data are `tool_calls`; running tools is
//! `tool_runs`.

use serde_json::{Value, json};

use crate::support::*;

pub(crate) const WEATHER: &str = r#"{"name":"get_weather","description":"Weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}"#;

pub(crate) fn call(id: &str, name: &str, arguments: &str) -> Value {
    json!({"id": id, "type": "function", "function": {"name": name, "arguments": arguments}})
}

/// A whole answer asking for `calls`, with `content` beside them.
pub(crate) fn calls_reply(content: Value, calls: Vec<Value>) -> Reply {
    let mut body = completion(&[""]);
    body["choices"][0]["finish_reason"] = json!("tool_calls");
    body["choices"][0]["message"] =
        json!({"role": "assistant", "content": content, "refusal": null, "tool_calls": calls});
    Reply::json(200, &body)
}

/// A call of `name` with `arguments`, then a text answer.
pub(crate) fn call_then(name: &str, arguments: &str, answer_text: &str) -> Vec<Reply> {
    vec![
        calls_reply(json!(null), vec![call("call_1", name, arguments)]),
        answer(answer_text),
    ]
}

/// The tool message the second request carried.
pub(crate) fn result_sent(server: &Server) -> String {
    let body = server.requests()[1].json();
    let messages = body["messages"].as_array().unwrap().clone();
    let tool = messages
        .iter()
        .find(|m| m["role"] == "tool")
        .expect("a tool message");
    assert_eq!(tool["tool_call_id"], "call_1");
    tool["content"].as_str().unwrap().to_string()
}

pub(crate) fn lines(path: &std::path::Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn definitions_of_every_form_are_sent_as_the_api_spells_them() {
    let server = Server::start(vec![answer("ok")]);
    let cmd = Cmd::at(&server);
    let file = cmd.file(
        "tools.json",
        format!(r#"[{{"type":"function","function":{WEATHER}}}]"#),
    );
    cmd.args(["--tools", file.to_str().unwrap()])
        .args(["--tools", r#"{"name":"get_time"}"#])
        .args([
            "--tool-choice",
            "required",
            "--no-parallel-tool-calls",
            "hi",
        ])
        .run()
        .success()
        .stdout("ok\n");
    let body = server.request().json();
    let weather: Value = serde_json::from_str(WEATHER).unwrap();
    assert_eq!(
        body["tools"],
        json!([{"type": "function", "function": weather},
               {"type": "function", "function": {"name": "get_time"}}])
    );
    assert_eq!(body["tool_choice"], json!("required"));
    assert_eq!(body["parallel_tool_calls"], json!(false));
}

#[test]
fn line_mode_records_carry_the_calls_and_the_run_exits_10() {
    let server = Server::start(vec![
        answer("plain"),
        calls_reply(
            json!(null),
            vec![call("call_1", "get_weather", r#"{"city":"Seoul"}"#)],
        ),
    ]);
    let assert = Cmd::at(&server)
        .args(["--jsonl", "-P", "1", "--tools", WEATHER])
        .stdin("{\"prompt\":\"a\"}\n{\"prompt\":\"b\"}\n")
        .run()
        .code(10);
    let records: Vec<Value> = (stdout(&assert).lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        records[0].get("tool_calls").is_none(),
        "absent without calls"
    );
    assert_eq!(
        records[1]["tool_calls"],
        json!([{"id": "call_1", "name": "get_weather", "arguments": {"city": "Seoul"}}])
    );
    let error = records[1]["error"].as_str().unwrap();
    assert!(
        error.contains("asked to call the tool get_weather"),
        "{error}"
    );
}

#[test]
fn history_limit_drops_a_call_and_its_result_together() {
    let server = Server::start(vec![answer("ok")]);
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("t.jsonl");
    let long = "word ".repeat(300);
    let turns = [
        json!({"role": "user", "content": long}),
        json!({"role": "assistant", "content": null, "tool_calls": [call("call_1", "get_weather", "{}")]}),
        json!({"role": "tool", "content": long, "tool_call_id": "call_1"}),
        json!({"role": "assistant", "content": "21"}),
        json!({"role": "user", "content": "q2"}),
        json!({"role": "assistant", "content": "a2"}),
    ];
    let text: String = turns.iter().map(|t| format!("{t}\n")).collect();
    std::fs::write(&history, text).unwrap();
    Cmd::at(&server)
        .args([
            "--history",
            history.to_str().unwrap(),
            "--history-limit",
            "200",
            "now",
        ])
        .run()
        .success();
    let sent = server.request().json();
    let roles: Vec<Value> = (sent["messages"].as_array().unwrap().iter())
        .map(|m| m["role"].clone())
        .collect();
    assert_eq!(roles, [json!("user"), json!("assistant"), json!("user")]);
}

#[test]
fn the_config_file_and_profiles_give_tools_and_the_flag_replaces_them() {
    let server = Server::start(vec![answer("a"), answer("b")]);
    let with_file = || {
        let cmd = Cmd::at(&server);
        let conf = cmd.dir.path().join("conf");
        std::fs::create_dir(&conf).unwrap();
        std::fs::write(conf.join("weather.json"), WEATHER).unwrap();
        let toml = "tools = [\"weather.json\"]\n[profiles.t]\ntool_choice = \"get_weather\"\n";
        std::fs::write(conf.join("oaichat.toml"), toml).unwrap();
        let path = conf.join("oaichat.toml").to_str().unwrap().to_string();
        cmd.env("OAICHAT_CONFIG", &path)
    };
    let assert = with_file().args(["-p", "t", "config"]).run().success();
    let shown = stdout(&assert);
    let line = shown.lines().find(|l| l.starts_with("tools ")).unwrap();
    assert!(
        line.contains("get_weather") && line.ends_with(" file"),
        "{shown}"
    );
    with_file().args(["-p", "t", "hi"]).run().success();
    let body = server.requests()[0].json();
    assert_eq!(body["tools"][0]["function"]["name"], "get_weather");
    assert_eq!(body["tool_choice"]["function"]["name"], "get_weather");
    with_file()
        .args(["--tools", r#"{"name":"get_time"}"#, "hi"])
        .run()
        .success();
    let body = server.requests()[1].json();
    let names: Vec<&Value> = (body["tools"].as_array().unwrap().iter())
        .map(|t| &t["function"]["name"])
        .collect();
    assert_eq!(names, [&json!("get_time")]);
}

#[test]
fn the_dry_runs_count_includes_the_tool_definitions() {
    let count = |args: &[&str]| {
        let assert = Cmd::new()
            .args(["--dry-run", "--no-stdin"])
            .args(args)
            .args(["hi"])
            .run()
            .success();
        let err = stderr(&assert);
        let at = err.find("prompt ").unwrap() + "prompt ".len();
        err[at..]
            .split(' ')
            .next()
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    assert!(count(&["--tools", WEATHER]) > count(&[]) + 20);
}
