//! `oaichat config`: the effective settings, one per line, with the layer each came from
//! (flag, env, .env, role, profile, file, default). The key is never shown, nor fetched: an
//! `api_key_cmd` is named, not run.

use std::io::Write;
use std::path::Path;

use crate::config::{Config, Env, KeySource, Source};
use crate::error::Error;

/// Prints the settings of `config` as `NAME  VALUE  SOURCE` lines; `file` is the config
/// file that was read, if any.
pub fn show(
    config: &Config,
    file: Option<&Path>,
    env: &Env,
    out: &mut impl Write,
) -> Result<(), Error> {
    let mut text = String::new();
    let file_line = file.map_or("(none read)".into(), |p| p.display().to_string());
    text.push_str(&format!("{:<22}{file_line}\n", "config file"));
    for (name, value, source) in rows(config, env) {
        let source = match source {
            // The profile is the one place where "file" means a key, not a value.
            Some(Source::File) if name == "profile" => "file (default_profile)".into(),
            Some(source) => source.to_string(),
            None => String::new(),
        };
        let line = format!("{name:<22}{value:<40} {source}");
        text.push_str(line.trim_end());
        text.push('\n');
    }
    out.write_all(text.as_bytes()).map_err(Error::Write)
}

type Row = (&'static str, String, Option<Source>);

/// Every setting a run uses, in the order a user thinks of them.
fn rows(config: &Config, env: &Env) -> Vec<Row> {
    let mut rows = request_rows(config);
    let from = |key: &str| Some(config.source(key).cloned().unwrap_or(Source::Default));
    let waits = [
        ("timeout", config.timeout),
        ("connect_timeout", config.connect_timeout),
        ("idle_timeout", config.idle_timeout),
    ];
    rows.extend(waits.map(|(key, wait)| (key, format!("{}s", wait.as_secs_f64()), from(key))));
    rows.push((
        "max_retries",
        config.max_retries.to_string(),
        from("max_retries"),
    ));
    rows.extend(cache_rows(config));
    rows.extend(tool_rows(config));
    rows.push(("base_url", config.base_url.clone(), from("base_url")));
    if let Some(deployment) = &config.deployment {
        rows.push((
            "azure deployment",
            deployment.name.clone(),
            from("base_url"),
        ));
    }
    rows.push(("api_key", key(config, env), from("api_key")));
    let sent_as = match config.auth {
        crate::http::Auth::Bearer => "Authorization: Bearer",
        crate::http::Auth::ApiKeyHeader => "api-key header (Azure)",
    };
    rows.push(("key sent as", sent_as.into(), None));
    let headers = config.headers.iter();
    let headers: Vec<String> = headers
        .map(|h| format!("{}: {}", h.name, h.shown()))
        .collect();
    rows.push((
        "headers",
        or_dash(Some(headers.join(", ")).filter(|h| !h.is_empty())),
        None,
    ));
    rows
}

/// The tools offered (MCP servers' are known only once started: the servers are named),
/// and the colour choice.
fn tool_rows(config: &Config) -> Vec<Row> {
    let from = |key: &str| Some(config.source(key).cloned().unwrap_or(Source::Default));
    let tools = &config.request.tools.defs;
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_str()).collect();
    let servers: Vec<&str> = config.mcp.iter().map(|s| s.name.as_str()).collect();
    let color = format!("{:?}", config.color).to_lowercase();
    let render = format!("{:?}", config.render).to_lowercase();
    let api = format!("{:?}", config.api).to_lowercase();
    vec![
        (
            "tools",
            or_dash(Some(names.join(", ")).filter(|n| !n.is_empty())),
            from("tools"),
        ),
        (
            "mcp servers",
            or_dash(Some(servers.join(", ")).filter(|n| !n.is_empty())),
            None,
        ),
        ("color", color, None),
        ("render", render, from("render")),
        ("api", api, from("api")),
    ]
}

/// `--cache`: off, or on with its folder; then its age limit.
fn cache_rows(config: &Config) -> Vec<Row> {
    let from = |key: &str| Some(config.source(key).cloned().unwrap_or(Source::Default));
    let Some(cache) = &config.cache else {
        return vec![("cache", "off".into(), from("cache"))];
    };
    let ttl = cache.ttl.map(|ttl| format!("{}s", ttl.as_secs()));
    vec![
        (
            "cache",
            format!("on ({})", cache.dir.display()),
            from("cache"),
        ),
        (
            "cache_ttl",
            ttl.unwrap_or_else(|| "none (any age)".into()),
            from("cache_ttl"),
        ),
    ]
}

/// The request's fields; an unset one is `-` (the server decides).
fn request_rows(config: &Config) -> Vec<Row> {
    let (request, params) = (&config.request, &config.request.params);
    let from = |key: &str| Some(config.source(key).cloned().unwrap_or(Source::Default));
    let row = |key: &'static str, value: Option<String>| (key, or_dash(value), from(key));
    let profile_source = config.profile.as_ref().and_then(|_| from("profile"));
    vec![
        ("profile", or_dash(config.profile.clone()), profile_source),
        (
            "role",
            or_dash(config.role.clone()),
            config.role.as_ref().map(|_| Source::Flag),
        ),
        row("model", Some(request.model.clone())),
        row("system", config.system.as_deref().map(first_line)),
        row("temperature", opt(params.temperature)),
        row("top_p", opt(params.top_p)),
        row("max_tokens", opt(params.max_tokens)),
        // The two limits come from one layer, as a pair.
        (
            "max_completion_tokens",
            or_dash(opt(params.max_completion_tokens)),
            from("max_tokens"),
        ),
        row(
            "reasoning_effort",
            params
                .reasoning_effort
                .map(|e| format!("{e:?}").to_lowercase()),
        ),
        row("seed", opt(params.seed)),
        row("frequency_penalty", opt(params.frequency_penalty)),
        row("presence_penalty", opt(params.presence_penalty)),
        row(
            "stop",
            (!params.stop.is_empty()).then(|| format!("{:?}", params.stop)),
        ),
        row("stream", Some(request.stream.to_string())),
        row("usage", Some(request.usage.to_string())),
        // Each field of it may come from another layer: `--dry-run` shows the body.
        (
            "options",
            or_dash(
                (!request.extra.is_empty())
                    .then(|| serde_json::Value::Object(request.extra.clone()).to_string()),
            ),
            None,
        ),
    ]
}

fn opt(value: Option<impl ToString>) -> Option<String> {
    value.map(|v| v.to_string())
}

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "-".into())
}

/// Where the key is and whether it is there, never the key.
fn key(config: &Config, env: &Env) -> String {
    match &config.key_source {
        KeySource::Var(name) if env.get(name).is_some() => format!("{name} (set)"),
        KeySource::Var(name) => format!("{name} (NOT SET)"),
        KeySource::Literal(_) => "api_key in the file (redacted)".into(),
        KeySource::Command { line, .. } => format!("api_key_cmd `{line}` (not run here)"),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let short: String = line.chars().take(60).collect();
    match short.len() < line.len() || text.lines().nth(1).is_some() {
        true => format!("{short}…"),
        false => short,
    }
}
