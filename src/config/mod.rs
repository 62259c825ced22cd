//! Flags and variables resolved into one validated [`Config`].
//!
//! Precedence: flags beat the environment, the environment beats `.env` (see [`Env`]).
//! Files named by flags are read before, so resolution is a pure function that tests can
//! drive without touching the process.

use std::path::PathBuf;
use std::time::Duration;

pub mod cli;
pub mod endpoint;
pub mod env;
pub mod proxy;
pub mod secret;

use crate::catalog;
use crate::config::cli::{Cli, Turn};
pub use crate::config::env::Env;
use crate::config::secret::ApiKey;
use crate::error::Error;
use crate::history;
use crate::schema::Schema;

pub use crate::config::endpoint::DEFAULT_BASE_URL;
pub const DEFAULT_MODEL: &str = "gpt-4o-mini";
/// The official SDKs give a request 10 minutes; so do we.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A healthy stream sends something far more often than this; a long one is never cut.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// The API's limit on stop sequences (StopConfiguration, maxItems 4).
const MAX_STOP: usize = 4;

/// Generation parameters, sent only when the user set them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub max_tokens: Option<u32>,
    pub max_completion_tokens: Option<u32>,
    pub reasoning_effort: Option<String>,
    pub n: Option<u32>,
    pub stop: Vec<String>,
    pub seed: Option<i64>,
    pub frequency_penalty: Option<f64>,
    pub presence_penalty: Option<f64>,
}

/// Everything a run needs, resolved and validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub api_key: ApiKey,
    /// Without a trailing slash.
    pub base_url: String,
    /// The proxy requests go through, if any (the environment's, checked).
    pub proxy: Option<crate::config::proxy::Proxy>,
    pub organization: Option<String>,
    pub project: Option<String>,
    pub model: String,
    pub system: Option<String>,
    /// Messages of a continued conversation, sent after the system message.
    pub history: Vec<history::Message>,
    pub history_limit: Option<u32>,
    /// Earlier turns from --user/--assistant, before the prompt.
    pub turns: Vec<Turn>,
    pub dry_run: bool,
    /// Image URLs (data URLs for files) attached to the prompt.
    pub images: Vec<String>,
    pub image_detail: Option<String>,
    pub params: Params,
    pub json: bool,
    pub schema: Option<Schema>,
    /// Print usage and cost on stderr after the answer.
    pub usage: bool,
    pub stream: bool,
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
    /// Resolves flags over variables. `files` holds what flags named and `lib` read
    /// (`--system-file`, `--schema`), so that this stays free of I/O.
    pub fn resolve(cli: &Cli, env: &Env, files: Files) -> Result<Config, Error> {
        if cli.request.stop.len() > MAX_STOP {
            return Err(Error::usage(format!(
                "--stop was given {} times; the API takes at most {MAX_STOP} stop sequences",
                cli.request.stop.len()
            )));
        }
        let base_url = crate::config::endpoint::base_url(
            cli.base_url.as_deref().or(env.get("OPENAI_BASE_URL")),
            cli.allow_insecure_http,
        )?;
        let proxy = crate::config::endpoint::route(
            &base_url,
            |name| env.get(name),
            cli.allow_insecure_http,
        )?;
        let max_retries = max_retries(cli.max_retries, env)?;
        // A named --ca-cert must exist even when this URL needs no TLS: a typo is still
        // worth hearing about. (Its contents are read when a client needs them.)
        if let Some(path) = cli.ca_cert.as_deref().filter(|p| !p.is_file()) {
            return Err(Error::usage(format!(
                "cannot read CA certificate {}: no such file",
                path.display()
            )));
        }
        let ca_certs = cli
            .ca_cert
            .iter()
            .cloned()
            .chain(env.get("SSL_CERT_FILE").map(PathBuf::from))
            .collect();
        let model = cli
            .request
            .model
            .clone()
            .or_else(|| env.get("OPENAI_MODEL").map(str::to_string))
            .unwrap_or_else(|| DEFAULT_MODEL.to_string());
        let (max_tokens, max_completion_tokens) = catalog::token_limits(
            &model,
            cli.request.temperature,
            cli.request.reasoning_effort.as_deref(),
            (cli.request.max_tokens, cli.request.max_completion_tokens),
        )?;
        // A dry run sends nothing, so it needs no key.
        let api_key = env
            .get("OPENAI_API_KEY")
            .or(cli.dry_run.then_some(""))
            .ok_or_else(|| {
                Error::usage(
                    "OPENAI_API_KEY is not set: export OPENAI_API_KEY=sk-... or put \
                 OPENAI_API_KEY=sk-... in a .env file in this directory",
                )
            })?;
        Ok(Config {
            api_key: ApiKey::new(api_key.trim().to_string()),
            base_url,
            proxy,
            organization: env.get("OPENAI_ORG_ID").map(str::to_string),
            project: env.get("OPENAI_PROJECT_ID").map(str::to_string),
            model,
            system: cli.request.system.clone().or(files.system),
            history: files.history,
            history_limit: cli.history_limit,
            turns: cli.turns.clone(),
            dry_run: cli.dry_run,
            images: files.images,
            image_detail: cli.image_detail.clone(),
            params: Params {
                temperature: cli.request.temperature,
                top_p: cli.request.top_p,
                max_tokens,
                max_completion_tokens,
                reasoning_effort: cli.request.reasoning_effort.clone(),
                n: cli.n,
                stop: cli.request.stop.clone(),
                seed: cli.request.seed,
                frequency_penalty: cli.request.frequency_penalty,
                presence_penalty: cli.request.presence_penalty,
            },
            json: cli.request.json,
            schema: files.schema,
            usage: cli.usage,
            stream: cli.stream,
            raw: cli.raw,
            verbose: cli.verbose,
            timeout: secs_or(cli.timeout, DEFAULT_TIMEOUT),
            connect_timeout: secs_or(cli.connect_timeout, DEFAULT_CONNECT_TIMEOUT),
            idle_timeout: secs_or(cli.idle_timeout, DEFAULT_IDLE_TIMEOUT),
            max_retries,
            ca_certs,
        })
    }

    /// `POST` target for chat completions.
    pub fn chat_url(&self) -> String {
        self.endpoint("/chat/completions")
    }

    /// `GET` target for the model list.
    pub fn models_url(&self) -> String {
        self.endpoint("/models")
    }

    /// An API path under the base URL (see [`crate::config::endpoint::join`]).
    pub fn endpoint(&self, path: &str) -> String {
        crate::config::endpoint::join(&self.base_url, path)
    }

    /// The flag that asked for a JSON answer, if any: the answer is then checked to parse.
    pub fn json_flag(&self) -> Option<&'static str> {
        if self.schema.is_some() {
            Some("--schema")
        } else if self.json {
            Some("--json")
        } else {
            None
        }
    }
}

/// What flags and variables name that had to be read from files first.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub system: Option<String>,
    pub schema: Option<Schema>,
    /// `--image` values as URLs to send.
    pub images: Vec<String>,
    /// Messages of the conversation being continued.
    pub history: Vec<history::Message>,
}

/// `--max-retries`, else `OAICHAT_MAX_RETRIES`, else the default.
fn max_retries(flag: Option<u32>, env: &Env) -> Result<u32, Error> {
    match (flag, env.get("OAICHAT_MAX_RETRIES")) {
        (Some(n), _) => Ok(n),
        (None, Some(text)) => text.trim().parse().map_err(|_| {
            Error::usage(format!(
                "OAICHAT_MAX_RETRIES is `{text}`: set it to a whole number such as 2"
            ))
        }),
        (None, None) => Ok(crate::http::retry::DEFAULT_MAX_RETRIES),
    }
}

fn secs_or(flag: Option<f64>, default: Duration) -> Duration {
    flag.map(Duration::from_secs_f64).unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(process: &[(&str, &str)], dotenv: &[(&str, &str)]) -> Env {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        Env::new(map(process), map(dotenv))
    }

    fn cli(args: &[&str]) -> Cli {
        crate::config::cli::parse_from(std::iter::once("oaichat").chain(args.iter().copied()))
            .expect("valid test command line")
    }

    #[test]
    fn flags_beat_env_and_env_beats_dotenv() {
        let vars = env(
            &[("OPENAI_API_KEY", "k"), ("OPENAI_MODEL", "from-env")],
            &[
                ("OPENAI_MODEL", "from-dotenv"),
                ("OPENAI_BASE_URL", "https://d/v1"),
            ],
        );
        let config = Config::resolve(&cli(&["hi"]), &vars, Files::default()).expect("resolves");
        assert_eq!(config.model, "from-env");
        assert_eq!(config.base_url, "https://d/v1");
        let config = Config::resolve(&cli(&["-m", "flag", "hi"]), &vars, Files::default())
            .expect("resolves");
        assert_eq!(config.model, "flag");
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let config = Config::resolve(
            &cli(&["hi"]),
            &env(&[("OPENAI_API_KEY", "k")], &[]),
            Files::default(),
        )
        .unwrap();
        assert_eq!(config.model, DEFAULT_MODEL);
        assert_eq!(
            config.chat_url(),
            "https://api.openai.com/v1/chat/completions"
        );
        assert_eq!(config.timeout, DEFAULT_TIMEOUT);
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let vars = env(
            &[("OPENAI_API_KEY", ""), ("OPENAI_MODEL", " ")],
            &[("OPENAI_API_KEY", "k")],
        );
        let config = Config::resolve(&cli(&["hi"]), &vars, Files::default()).unwrap();
        assert_eq!(config.api_key.expose(), "k");
        assert_eq!(config.model, DEFAULT_MODEL);
    }

    #[test]
    fn missing_key_says_how_to_set_it() {
        let err = Config::resolve(&cli(&["hi"]), &env(&[], &[]), Files::default()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains(".env"), "{err}");
    }

    #[test]
    fn endpoints_keep_a_base_query_at_the_end() {
        let vars = env(&[("OPENAI_API_KEY", "k")], &[]);
        let with = |url: &str| {
            let cli = cli(&["--base-url", url, "hi"]);
            Config::resolve(&cli, &vars, Files::default()).unwrap()
        };
        let gateway = with("https://gw.example/openai/deployments/gpt4o/?api-version=2024-06-01");
        assert_eq!(
            gateway.chat_url(),
            "https://gw.example/openai/deployments/gpt4o/chat/completions?api-version=2024-06-01"
        );
        assert_eq!(
            gateway.endpoint("/batches?limit=100"),
            "https://gw.example/openai/deployments/gpt4o/batches?limit=100&api-version=2024-06-01"
        );
        assert_eq!(
            with("https://api.example/v1/").models_url(),
            "https://api.example/v1/models"
        );
    }

    #[test]
    fn max_retries_from_flag_env_or_default() {
        let vars = env(
            &[("OPENAI_API_KEY", "k"), ("OAICHAT_MAX_RETRIES", "5")],
            &[],
        );
        assert_eq!(
            Config::resolve(&cli(&["hi"]), &vars, Files::default())
                .unwrap()
                .max_retries,
            5
        );
        let flag = cli(&["--max-retries", "0", "hi"]);
        assert_eq!(
            Config::resolve(&flag, &vars, Files::default())
                .unwrap()
                .max_retries,
            0
        );
        let vars = env(
            &[("OPENAI_API_KEY", "k"), ("OAICHAT_MAX_RETRIES", "many")],
            &[],
        );
        assert!(Config::resolve(&cli(&["hi"]), &vars, Files::default()).is_err());
    }

    #[test]
    fn more_than_four_stops_is_refused() {
        let args = [
            "--stop", "a", "--stop", "b", "--stop", "c", "--stop", "d", "--stop", "e",
        ];
        let err = Config::resolve(
            &cli(&args),
            &env(&[("OPENAI_API_KEY", "k")], &[]),
            Files::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("at most 4"), "{err}");
    }
}
