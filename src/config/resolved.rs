//! The resolved configuration: what a run needs to know, built once by
//! [`Config::resolve`](super::resolve) and never changed afterwards.

use std::path::PathBuf;
use std::time::Duration;

use super::endpoint;
use super::proxy;
use crate::api::request::Settings;
use crate::http;
use crate::secret::ApiKey;

pub const DEFAULT_MODEL: &str = "gpt-4o-mini";
/// The official SDKs give a request 10 minutes; so do we.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A healthy stream sends something far more often than this; a long one is never cut.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);

/// Everything a run needs to know, resolved and validated; never changed afterwards.
#[derive(Debug, Clone)]
pub struct Config {
    pub api_key: ApiKey,
    /// Without a trailing slash.
    pub base_url: String,
    /// The proxy requests go through, if any (the environment's, checked).
    pub proxy: Option<proxy::Proxy>,
    pub organization: Option<String>,
    pub project: Option<String>,
    /// `--header`s, checked.
    pub headers: Vec<http::Header>,
    /// The request's fields, except its messages.
    pub request: Settings,
    /// The system message (`--system`, `--system-file`).
    pub system: Option<String>,
    pub history_limit: Option<u32>,
    pub dry_run: bool,
    /// Print usage and cost on stderr after the answer.
    pub usage: bool,
    pub raw: bool,
    pub verbose: bool,
    /// Total time for a one-shot answer.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Longest silence in a stream.
    pub idle_timeout: Duration,
    pub max_retries: u32,
    /// Extra CA certificates to trust: `--ca-cert` and `SSL_CERT_FILE`.
    pub ca_certs: Vec<PathBuf>,
}

impl Config {
    /// `POST` target for chat completions.
    pub fn chat_url(&self) -> String {
        self.endpoint("/chat/completions")
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
        let (defaults, mode) = (super::file::Defaults::default(), super::mode::Mode::Models);
        Config::resolve(&cli, &env, files, &defaults, &mode).expect("a valid config")
    }
}
