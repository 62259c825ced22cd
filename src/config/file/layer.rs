//! One layer of settings as the config file writes it: the file's top level, a profile
//! (`[profiles.NAME]`), or a role's front matter. Every key is optional; each is a default
//! for the flag of the same name, or a part of the connection (URL, key, headers, Azure).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::mcp::{self, McpServer};
use crate::api::request::{Format, ReasoningEffort, Schema};
use crate::config::cli::values::{self, MAX_SECONDS, PENALTY, TEMPERATURE, TOP_P};
use crate::config::headers;
use crate::error::{Error, Problem};

/// A layer's keys. Unknown keys are refused (`deny_unknown_fields`): a typo must never
/// pass silently.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub model: Option<String>,
    pub system: Option<String>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub max_tokens: Option<u32>,
    pub max_completion_tokens: Option<u32>,
    pub reasoning_effort: Option<ReasoningEffort>,
    pub seed: Option<i64>,
    pub frequency_penalty: Option<f64>,
    pub presence_penalty: Option<f64>,
    pub stop: Option<Vec<String>>,
    /// JSON mode, as `--json` (`false` turns off a lower layer's `json` or `schema`).
    pub json: Option<bool>,
    /// Structured output, as `--schema`: a JSON Schema file (relative to the file that
    /// names it) or inline JSON starting with `{`.
    pub schema: Option<String>,
    /// `schema`, read by [`Layer::read_files`] when the file is loaded, so that settings
    /// are resolved without touching the disk.
    #[serde(skip)]
    pub loaded_schema: Option<Schema>,
    /// Tools the model may call, as `--tools`: files (relative to the file that names
    /// them) or inline JSON.
    pub tools: Option<Vec<String>>,
    /// `tools`, read when the file is loaded (see [`Layer::read_files`]).
    #[serde(skip)]
    pub loaded_tools: Option<Vec<crate::tools::Tool>>,
    /// As `--tool-choice`.
    pub tool_choice: Option<String>,
    /// Any other request field, as `-o` sets one: `options = { top_k = 40 }`.
    pub options: Option<serde_json::Map<String, serde_json::Value>>,
    pub stream: Option<bool>,
    pub usage: Option<bool>,
    /// Seconds, as the flags take them.
    pub timeout: Option<f64>,
    pub connect_timeout: Option<f64>,
    pub idle_timeout: Option<f64>,
    pub max_retries: Option<u32>,
    /// As `--color`: auto, always or never.
    pub color: Option<crate::output::color::ColorChoice>,
    /// As `--render`: auto, always or never.
    pub render: Option<crate::output::render_choice::RenderChoice>,
    /// As `--api`: chat, responses or auto.
    pub api: Option<crate::api::responses::ApiChoice>,
    /// As `--cache`: answer requests seen before from the cache.
    pub cache: Option<bool>,
    /// As `--cache-ttl`: `90s`, `10m`, `2h`, `7d`.
    pub cache_ttl: Option<String>,
    // The connection: where requests go, and how they are signed. A layer with any of
    // these keys owns the whole connection (see `config::connection`): a key is never sent
    // to another layer's URL. (Not a flattened struct: serde's flatten loses the line
    // numbers errors name, and cannot deny unknown keys.)
    pub base_url: Option<String>,
    pub azure: Option<Azure>,
    /// A literal key: for servers on this machine (a warning otherwise).
    pub api_key: Option<String>,
    /// The name of the variable that holds the key.
    pub api_key_env: Option<String>,
    /// A command that prints the key, run without a shell (its words split as a shell
    /// would; write `sh -c '…'` for a pipeline).
    pub api_key_cmd: Option<String>,
    /// Seconds `api_key_cmd` may take.
    pub api_key_cmd_timeout: Option<f64>,
    /// Headers sent with every request, for gateways.
    pub headers: Option<BTreeMap<String, String>>,
    /// `[mcp.NAME]`: MCP servers, for `oaichat mcp list` and the model's tools. A profile's
    /// table replaces the top level's of the same name; `--mcp` adds more.
    #[serde(default)]
    pub mcp: BTreeMap<String, McpServer>,
    /// The top level only: the profile used when none is named.
    pub default_profile: Option<String>,
    /// The top level only: `[profiles.NAME]`.
    #[serde(default)]
    pub profiles: BTreeMap<String, Layer>,
}

/// Azure OpenAI: the v1 API (`endpoint` alone) or a deployment (`deployment` and
/// `api_version`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Azure {
    /// `https://RESOURCE.openai.azure.com`.
    pub endpoint: String,
    pub deployment: Option<String>,
    pub api_version: Option<String>,
}

/// A key that failed a check, and why.
pub type Fault = (String, String);

impl Layer {
    /// True when this layer says anything about the connection: then it owns all of it.
    pub fn has_connection(&self) -> bool {
        self.base_url.is_some()
            || self.azure.is_some()
            || self.api_key.is_some()
            || self.api_key_env.is_some()
            || self.api_key_cmd.is_some()
            || self.headers.is_some()
    }

    /// The answer's form this layer asks for: its schema, else JSON mode on or off.
    pub fn format(&self) -> Option<Format> {
        match (&self.loaded_schema, self.json) {
            (Some(schema), _) => Some(Format::JsonSchema(schema.clone())),
            (None, Some(true)) => Some(Format::JsonObject),
            (None, Some(false)) => Some(Format::Text),
            (None, None) => None,
        }
    }

    /// Reads `schema`: a path is relative to `dir`, the folder of the file that names it
    /// (so that a file and its schemas can move together).
    pub fn read_files(&mut self, dir: &Path) -> Result<(), Error> {
        if let Some(arg) = &self.schema {
            self.loaded_schema = Some(crate::schema::load_in(arg, dir)?);
        }
        if let Some(tools) = &self.tools {
            let given = crate::tools::Given {
                tools,
                base: Some(dir),
                ..Default::default()
            };
            let loaded = crate::tools::load(given, Default::default());
            self.loaded_tools = Some(loaded.map_err(Problem::from)?.defs);
        }
        Ok(())
    }

    /// The checks the flags' values get, with the key that failed one; `top` is false
    /// inside a profile.
    pub fn check(&self, top: bool) -> Result<(), Fault> {
        let ranges = [
            ("temperature", self.temperature, TEMPERATURE),
            ("top_p", self.top_p, TOP_P),
            ("frequency_penalty", self.frequency_penalty, PENALTY),
            ("presence_penalty", self.presence_penalty, PENALTY),
        ];
        for (key, value, range) in ranges {
            if let Some(value) = value {
                range.check(value).map_err(|why| (key.to_string(), why))?;
            }
        }
        let waits = [
            ("timeout", self.timeout),
            ("connect_timeout", self.connect_timeout),
            ("idle_timeout", self.idle_timeout),
            ("api_key_cmd_timeout", self.api_key_cmd_timeout),
        ];
        for (key, value) in waits {
            if let Some(value) = value {
                values::check_seconds(value, MAX_SECONDS).map_err(|why| (key.to_string(), why))?;
            }
        }
        if let Some(ttl) = &self.cache_ttl {
            crate::cache::parse_ttl(ttl).map_err(|why| ("cache_ttl".to_string(), why))?;
        }
        self.check_counts()?;
        self.check_connection()?;
        for name in self.mcp.keys() {
            mcp::check_name(name).map_err(|why| (format!("mcp.{name}"), why))?;
        }
        if let Some(options) = &self.options {
            super::options::check_table(options, &self.typed())?;
        }
        self.check_profiles(top)
    }

    /// The settings this layer writes as typed request fields, by the names
    /// [`crate::config::options`] knows them.
    fn typed(&self) -> Vec<&'static str> {
        let set = [
            ("temperature", self.temperature.is_some()),
            ("top_p", self.top_p.is_some()),
            (
                "max_tokens",
                self.max_tokens.is_some() || self.max_completion_tokens.is_some(),
            ),
            ("reasoning_effort", self.reasoning_effort.is_some()),
            ("seed", self.seed.is_some()),
            ("frequency_penalty", self.frequency_penalty.is_some()),
            ("presence_penalty", self.presence_penalty.is_some()),
            ("stop", self.stop.is_some()),
            (
                "response_format",
                self.json.is_some() || self.schema.is_some(),
            ),
            ("usage", self.usage.is_some()),
        ];
        set.into_iter()
            .filter(|(_, on)| *on)
            .map(|(name, _)| name)
            .collect()
    }

    fn check_counts(&self) -> Result<(), Fault> {
        let fault = |key: &str, why: &str| Err((key.to_string(), why.to_string()));
        if self.max_retries.is_some_and(|n| n > 100) {
            return fault("max_retries", "out of range; give 0 to 100");
        }
        for (key, value) in [
            ("max_tokens", self.max_tokens),
            ("max_completion_tokens", self.max_completion_tokens),
        ] {
            if value == Some(0) {
                return fault(key, "out of range; give 1 or more");
            }
        }
        if self.stop.as_ref().is_some_and(|stop| stop.len() > 4) {
            return fault("stop", "give at most 4 stop sequences, as the API takes");
        }
        if blank(&self.model) {
            return fault("model", "must not be empty");
        }
        if blank(&self.schema) {
            return fault("schema", "must not be empty");
        }
        if self.json == Some(true) && self.schema.is_some() {
            // As --json and --schema: a schema's answer is JSON already.
            return fault("schema", "give json = true or schema, not both");
        }
        Ok(())
    }

    /// Profiles live at the top level only, and each is checked like the top level.
    fn check_profiles(&self, top: bool) -> Result<(), Fault> {
        if !top {
            let nested = ["default_profile", "profiles"];
            let named = [self.default_profile.is_some(), !self.profiles.is_empty()];
            if let Some((key, _)) = nested.iter().zip(named).find(|(_, set)| *set) {
                let why = "belongs at the top of the file, not inside a profile";
                return Err((key.to_string(), why.to_string()));
            }
        }
        for (name, profile) in &self.profiles {
            profile
                .check(false)
                .map_err(|(key, why)| (format!("profiles.{name}.{key}"), why))?;
        }
        if let Some(name) = &self.default_profile
            && !self.profiles.contains_key(name)
        {
            let why = format!("there is no [profiles.{name}] in this file");
            return Err(("default_profile".into(), why));
        }
        Ok(())
    }
}

impl Layer {
    fn check_connection(&self) -> Result<(), Fault> {
        let fault = |key: &str, why: &str| Err((key.to_string(), why.to_string()));
        let sources = [
            ("api_key", self.api_key.is_some()),
            ("api_key_env", self.api_key_env.is_some()),
            ("api_key_cmd", self.api_key_cmd.is_some()),
        ];
        let given: Vec<&str> = sources.iter().filter(|s| s.1).map(|s| s.0).collect();
        if given.len() > 1 {
            let why = format!("give one key source, not {}", given.join(" and "));
            return Err((given[1].to_string(), why));
        }
        if self.base_url.is_some() && self.azure.is_some() {
            return fault("azure", "give base_url or azure, not both");
        }
        for (key, value) in [
            ("api_key", &self.api_key),
            ("api_key_env", &self.api_key_env),
            ("api_key_cmd", &self.api_key_cmd),
        ] {
            if blank(value) {
                return fault(key, "must not be empty");
            }
        }
        if let Some(line) = &self.api_key_cmd
            && shlex::split(line).is_none_or(|words| words.is_empty())
        {
            return fault("api_key_cmd", "has an unclosed quote");
        }
        if self.api_key_cmd_timeout.is_some() && self.api_key_cmd.is_none() {
            return fault(
                "api_key_cmd_timeout",
                "is for api_key_cmd, which is not set",
            );
        }
        if let Some(azure) = &self.azure {
            azure.check()?;
        }
        for (name, value) in self.headers.iter().flatten() {
            let key = format!("headers.{name}");
            headers::check(name, value).map_err(|fault| (key, fault.why().to_string()))?;
        }
        Ok(())
    }
}

impl Azure {
    fn check(&self) -> Result<(), Fault> {
        let fault = |key: &str, why: &str| Err((format!("azure.{key}"), why.to_string()));
        if self.deployment.is_some() && self.api_version.is_none() {
            return fault(
                "deployment",
                "needs api_version too (e.g. \"2024-10-21\"), or drop it for the v1 API",
            );
        }
        // A deployment's name is a part of the URL's path.
        let name_ok = |name: &str| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        if self.deployment.as_deref().is_some_and(|d| !name_ok(d)) {
            return fault("deployment", "use letters, digits, '-', '_' and '.' only");
        }
        if self.api_version.as_deref().is_some_and(|v| !name_ok(v)) {
            return fault("api_version", "give a version such as \"2024-10-21\"");
        }
        Ok(())
    }
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| t.trim().is_empty())
}
