//! The resolved configuration: what a run needs to know, built once by
//! [`Config::resolve`](super::resolve) and never changed afterwards.

use std::path::PathBuf;
use std::time::Duration;

use super::connection::{Deployment, KeySource};
use super::endpoint;
use super::layers::Source;
use super::proxy;
use super::roles::RecordRoles;
use crate::api::request::Settings;
use crate::http;
use crate::secret::ApiKey;

pub const DEFAULT_MODEL: &str = "gpt-4o-mini";
/// The official SDKs give a request 10 minutes; so do we.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A healthy stream sends something far more often than this; a long one is never cut.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// How long an MCP server may take to start and list its tools, unless --connect-timeout
/// says: longer than a TCP connect, since a server may be a program that loads first.
pub const DEFAULT_MCP_START: Duration = Duration::from_secs(30);

/// Everything a run needs to know, resolved and validated; never changed afterwards.
#[derive(Debug, Clone)]
pub struct Config {
    /// Empty for a dry run and `oaichat config`, which send nothing.
    pub api_key: ApiKey,
    /// How the key is sent: Azure takes it in `api-key`.
    pub auth: http::Auth,
    /// Where the key came from (fetched already).
    pub key_source: KeySource,
    /// Without a trailing slash; a query (Azure's `api-version`) stays at its end.
    pub base_url: String,
    /// An Azure deployment of the classic API (see [`Deployment`]).
    pub deployment: Option<Deployment>,
    /// The proxy requests go through, if any (the environment's, checked).
    pub proxy: Option<proxy::Proxy>,
    pub organization: Option<String>,
    pub project: Option<String>,
    /// The connection's headers, then `--header`s; checked.
    pub headers: Vec<http::Header>,
    /// The selected profile.
    pub profile: Option<String>,
    /// `--role`.
    pub role: Option<String>,
    /// The request's fields, except its messages.
    pub request: Settings,
    /// The system message (`--system`, `--system-file`).
    pub system: Option<String>,
    pub history_limit: Option<u32>,
    pub dry_run: bool,
    /// Print usage and cost on stderr after the answer.
    pub usage: bool,
    pub raw: bool,
    /// `-x`/`--extract-last`: only a code block of the answer.
    pub extract: Option<crate::output::extract::Which>,
    /// `--hide-reasoning`: the model's reasoning is not shown on stderr.
    pub hide_reasoning: bool,
    /// `NO_COLOR` (set and not empty, as no-color.org says): no dimming, even on a terminal.
    /// `--color`, after `NO_COLOR`, `CLICOLOR_FORCE` and the config file.
    pub color: crate::output::color::ColorChoice,
    /// `--render`, after the config file.
    pub render: crate::output::render_choice::RenderChoice,
    /// `--api`, after the profile and the config file.
    pub api: crate::api::responses::ApiChoice,
    pub verbose: bool,
    /// `--cache`: where answers are kept and how long they serve; None when off.
    pub cache: Option<crate::cache::Settings>,
    /// Total time for a one-shot answer.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// How long each MCP server gets to start and list its tools: `--connect-timeout`
    /// when set, else [`DEFAULT_MCP_START`].
    pub mcp_start: Duration,
    /// The MCP servers: the config file's `[mcp.NAME]`, then `--mcp` (see `config::mcp`).
    pub mcp: Vec<crate::mcp::ServerSpec>,
    /// Longest silence in a stream.
    pub idle_timeout: Duration,
    pub max_retries: u32,
    /// Extra CA certificates to trust: `--ca-cert` and `SSL_CERT_FILE`.
    pub ca_certs: Vec<PathBuf>,
    /// What a `--jsonl` record that names a role is resolved with.
    pub record_roles: RecordRoles,
    /// Where each setting came from, in the order they were resolved.
    pub sources: Vec<(&'static str, Source)>,
    /// What to say on stderr before the run starts.
    pub warnings: Vec<String>,
}

impl Config {
    /// `POST` target for chat completions.
    pub fn chat_url(&self) -> String {
        match &self.deployment {
            Some(d) => self.endpoint(&format!("/deployments/{}/chat/completions", d.name)),
            None => self.endpoint("/chat/completions"),
        }
    }

    /// `POST` target for the Responses API (issue 16). Azure serves it only in its v1 API
    /// (`…/openai/v1/responses`, which takes no api-version), so an Azure deployment's
    /// requests go there, not under the deployment's path.
    pub fn responses_url(&self) -> String {
        match &self.deployment {
            Some(d) => endpoint::join(&d.v1_base, "/responses"),
            None => self.endpoint("/responses"),
        }
    }

    /// The `model` of a Responses request: an Azure deployment's name, since its v1 API
    /// picks the deployment by it; else the model asked for.
    pub fn responses_model(&self) -> &str {
        match &self.deployment {
            Some(d) => &d.name,
            None => &self.request.model,
        }
    }

    /// Where the key came from, in words, unless it is the familiar `OPENAI_API_KEY`.
    pub fn key_origin(&self) -> Option<String> {
        if self.key_source == KeySource::Var("OPENAI_API_KEY".into()) {
            return None;
        }
        let key = self.key_source.describe();
        Some(match self.source("api_key") {
            Some(Source::Profile(name)) => format!("{key} of profile {name}"),
            Some(Source::File) => format!("{key} in the config file"),
            _ => key,
        })
    }

    /// Where a setting came from.
    pub fn source(&self, key: &str) -> Option<&Source> {
        let found = self.sources.iter().find(|(k, _)| *k == key);
        found.map(|(_, source)| source)
    }

    /// `GET` target for the model list.
    pub fn models_url(&self) -> String {
        self.endpoint("/models")
    }

    /// An API path under the base URL (see [`endpoint::join`]).
    pub fn endpoint(&self, path: &str) -> String {
        endpoint::join(&self.base_url, path)
    }

    /// What the HTTP layer needs of these settings, for a client to be made with.
    pub fn http(&self) -> http::Options {
        http::Options {
            api_key: self.api_key.clone(),
            auth: self.auth,
            organization: self.organization.clone(),
            project: self.project.clone(),
            headers: self.headers.clone(),
            proxy: self.proxy.as_ref().map(|p| http::Proxy {
                url: p.url().to_string(),
                variable: p.variable,
            }),
            tls: !self.base_url.starts_with("http://")
                || self.proxy.as_ref().is_some_and(|p| p.is_encrypted()),
            ca_certs: self.ca_certs.clone(),
            connect_timeout: self.connect_timeout,
            max_retries: self.max_retries,
            verbose: self.verbose,
        }
    }

    /// The wait for a whole answer, body included (`--timeout`).
    pub fn answer_wait(&self) -> http::Wait {
        http::Wait::whole(self.timeout, "--timeout")
    }

    /// The longest silence in a stream (`--idle-timeout`).
    pub fn stream_wait(&self) -> http::Wait {
        http::Wait::per_piece(self.idle_timeout, "--idle-timeout")
    }

    /// The configuration of `oaichat ARGS` with only a key set, for tests.
    #[cfg(test)]
    pub(crate) fn for_test(args: &[&str]) -> Config {
        let cli = super::cli::parse_from(std::iter::once("oaichat").chain(args.iter().copied()))
            .expect("a valid test command line");
        let env = super::env::Env::new(
            [("OPENAI_API_KEY".to_string(), "k".to_string())].into(),
            Default::default(),
        );
        let files = super::resolve::Files::default();
        let (file, mode) = (
            super::file::ConfigFile::default(),
            super::mode::Mode::Models,
        );
        Config::resolve(&cli, &env, files, &file, &mode).expect("a valid config")
    }
}
