//! Flags, environment and `.env` resolved into one [`Config`].
//!
//! Precedence: flags beat the environment, the environment beats `.env` (dotenvy's rule:
//! a file never overrides a variable that is already set). The environment is read once
//! into an [`Env`] and passed in, so resolution is a pure function that tests can drive
//! without touching the process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cli::Cli;
use crate::error::Error;
use crate::secret::ApiKey;

pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
pub const DEFAULT_MODEL: &str = "gpt-4o-mini";
/// The official SDKs give a request 10 minutes; so do we.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A healthy stream sends something far more often than this; a long one is never cut.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// The API's limit on stop sequences (StopConfiguration, maxItems 4).
const MAX_STOP: usize = 4;

/// The variables oaichat reads: the process environment over the `.env` file.
#[derive(Debug, Default, Clone)]
pub struct Env {
    process: HashMap<String, String>,
    dotenv: HashMap<String, String>,
    /// The env file that was read, if any.
    dotenv_path: Option<PathBuf>,
}

impl Env {
    pub fn new(process: HashMap<String, String>, dotenv: HashMap<String, String>) -> Env {
        Env {
            process,
            dotenv,
            dotenv_path: None,
        }
    }

    /// Reads the process environment and the env file: `--env-file PATH` (which must
    /// exist), else `./.env` when there is one.
    pub fn load(env_file: Option<&Path>) -> Result<Env, Error> {
        let process = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        let default = Path::new(".env");
        let dotenv_path = match env_file {
            Some(path) => Some(path),
            None => default.is_file().then_some(default),
        };
        let dotenv = match dotenv_path {
            Some(path) => read_dotenv(path)?,
            None => HashMap::new(),
        };
        Ok(Env {
            process,
            dotenv,
            dotenv_path: dotenv_path.map(Path::to_path_buf),
        })
    }

    /// The env file that was read, if any.
    pub fn dotenv_path(&self) -> Option<&Path> {
        self.dotenv_path.as_deref()
    }

    /// A variable's value; an empty value counts as unset (CI often sets `X=""`).
    pub fn get(&self, name: &str) -> Option<&str> {
        [&self.process, &self.dotenv]
            .into_iter()
            .filter_map(|vars| vars.get(name))
            .map(String::as_str)
            .find(|value| !value.trim().is_empty())
    }
}

/// A warning when the env file (which holds the key) can be read by every user.
#[cfg(unix)]
pub fn world_readable_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o004 != 0).then(|| {
        format!(
            "warning: {} is readable by every user of this machine (mode {:o}) and may hold \
             the API key: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub fn world_readable_warning(_path: &Path) -> Option<String> {
    None
}

/// Parses an env file with dotenvy, without changing the process environment.
fn read_dotenv(path: &Path) -> Result<HashMap<String, String>, Error> {
    let shown = path.display();
    let items = dotenvy::from_path_iter(path).map_err(|err| {
        Error::usage(format!(
            "cannot read env file {shown}: {}",
            dotenv_reason(&err)
        ))
    })?;
    let mut vars = HashMap::new();
    for item in items {
        match item {
            Ok((key, value)) => {
                vars.insert(key, value);
            }
            Err(dotenvy::Error::LineParse(line, _)) => {
                let number = line_number(path, &line)
                    .map(|n| format!("line {n}"))
                    .unwrap_or_else(|| "a line".into());
                return Err(Error::usage(format!(
                    "env file {shown}: cannot parse {number} `{}`: write it as NAME=value",
                    line.lines().next().unwrap_or_default().trim()
                )));
            }
            Err(err) => {
                return Err(Error::usage(format!(
                    "cannot read env file {shown}: {}",
                    dotenv_reason(&err)
                )));
            }
        }
    }
    Ok(vars)
}

fn dotenv_reason(err: &dotenvy::Error) -> String {
    match err {
        dotenvy::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

/// dotenvy reports the text of a bad line, not its number; find it in the file.
fn line_number(path: &Path, bad: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let first = bad.lines().next()?.trim();
    text.lines()
        .position(|line| line.trim() == first)
        .map(|i| i + 1)
}

/// Generation parameters, sent only when the user set them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub max_tokens: Option<u32>,
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
    pub organization: Option<String>,
    pub project: Option<String>,
    pub model: String,
    pub system: Option<String>,
    pub params: Params,
    pub json: bool,
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
    /// Resolves flags over variables. `system_file_text` is the already-read content of
    /// `--system-file`, so that this stays free of I/O.
    pub fn resolve(
        cli: &Cli,
        env: &Env,
        system_file_text: Option<String>,
    ) -> Result<Config, Error> {
        if cli.stop.len() > MAX_STOP {
            return Err(Error::usage(format!(
                "--stop was given {} times; the API takes at most {MAX_STOP} stop sequences",
                cli.stop.len()
            )));
        }
        let base_url = base_url(
            cli.base_url.as_deref().or(env.get("OPENAI_BASE_URL")),
            cli.allow_insecure_http,
        )?;
        let max_retries = match (cli.max_retries, env.get("OAICHAT_MAX_RETRIES")) {
            (Some(n), _) => n,
            (None, Some(text)) => text.trim().parse().map_err(|_| {
                Error::usage(format!(
                    "OAICHAT_MAX_RETRIES is `{text}`: set it to a whole number such as 2"
                ))
            })?,
            (None, None) => crate::retry::DEFAULT_MAX_RETRIES,
        };
        let ca_certs = cli
            .ca_cert
            .iter()
            .cloned()
            .chain(env.get("SSL_CERT_FILE").map(PathBuf::from))
            .collect();
        let model = cli
            .model
            .clone()
            .or_else(|| env.get("OPENAI_MODEL").map(str::to_string))
            .unwrap_or_else(|| DEFAULT_MODEL.to_string());
        let api_key = env.get("OPENAI_API_KEY").ok_or_else(|| {
            Error::usage(
                "OPENAI_API_KEY is not set: export OPENAI_API_KEY=sk-... or put \
                 OPENAI_API_KEY=sk-... in a .env file in this directory",
            )
        })?;
        Ok(Config {
            api_key: ApiKey::new(api_key.trim().to_string()),
            base_url,
            organization: env.get("OPENAI_ORG_ID").map(str::to_string),
            project: env.get("OPENAI_PROJECT_ID").map(str::to_string),
            model,
            system: cli.system.clone().or(system_file_text),
            params: Params {
                temperature: cli.temperature,
                top_p: cli.top_p,
                max_tokens: cli.max_tokens,
                n: cli.n,
                stop: cli.stop.clone(),
                seed: cli.seed,
                frequency_penalty: cli.frequency_penalty,
                presence_penalty: cli.presence_penalty,
            },
            json: cli.json,
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
        format!("{}/chat/completions", self.base_url)
    }
}

fn secs_or(flag: Option<f64>, default: Duration) -> Duration {
    flag.map(Duration::from_secs_f64).unwrap_or(default)
}

/// Checks the base URL is http(s) and drops trailing slashes, so that both
/// `http://host/v1` and `http://host/v1/` work. Plain http is for this machine only unless
/// allowed: a typo'd URL must not send the key across a network in clear text.
fn base_url(given: Option<&str>, allow_insecure_http: bool) -> Result<String, Error> {
    let raw = given.unwrap_or(DEFAULT_BASE_URL).trim();
    let parsed = reqwest::Url::parse(raw).map_err(|err| {
        Error::usage(format!(
            "base URL `{raw}` is not a URL ({err}): give one like https://api.openai.com/v1"
        ))
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::usage(format!(
            "base URL `{raw}` must start with http:// or https://"
        )));
    }
    if parsed.scheme() == "http" && !allow_insecure_http && !is_loopback(&parsed) {
        return Err(Error::usage(format!(
            "refusing to send the API key over plain http to {}: use https://, or pass \
             --allow-insecure-http if that network is trusted",
            parsed.host_str().unwrap_or_default()
        )));
    }
    Ok(raw.trim_end_matches('/').to_string())
}

/// `localhost`, 127.0.0.0/8 and ::1: traffic that never leaves the machine.
fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

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
        Cli::try_parse_from(std::iter::once("oaichat").chain(args.iter().copied()))
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
        let config = Config::resolve(&cli(&["hi"]), &vars, None).expect("resolves");
        assert_eq!(config.model, "from-env");
        assert_eq!(config.base_url, "https://d/v1");
        let config = Config::resolve(&cli(&["-m", "flag", "hi"]), &vars, None).expect("resolves");
        assert_eq!(config.model, "flag");
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let config =
            Config::resolve(&cli(&["hi"]), &env(&[("OPENAI_API_KEY", "k")], &[]), None).unwrap();
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
        let config = Config::resolve(&cli(&["hi"]), &vars, None).unwrap();
        assert_eq!(config.api_key.expose(), "k");
        assert_eq!(config.model, DEFAULT_MODEL);
    }

    #[test]
    fn missing_key_says_how_to_set_it() {
        let err = Config::resolve(&cli(&["hi"]), &env(&[], &[]), None).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains(".env"), "{err}");
    }

    #[test]
    fn base_url_trailing_slash_and_scheme() {
        assert_eq!(
            base_url(Some("http://h:1/v1/"), true).unwrap(),
            "http://h:1/v1"
        );
        assert_eq!(
            base_url(Some("http://h:1/v1"), true).unwrap(),
            "http://h:1/v1"
        );
        assert!(base_url(Some("ftp://h/v1"), true).is_err());
        assert!(base_url(Some("localhost:8080"), true).is_err());
    }

    #[test]
    fn plain_http_is_for_loopback_unless_allowed() {
        for ok in [
            "http://localhost:11434/v1",
            "http://127.0.0.1/v1",
            "http://127.8.9.1/v1",
            "http://[::1]:8000/v1",
            "https://example.com/v1",
        ] {
            assert!(base_url(Some(ok), false).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/v1",
            "http://10.0.0.5/v1",
            "http://localhost.evil.com/v1",
        ] {
            let err = base_url(Some(bad), false).unwrap_err();
            assert!(err.to_string().contains("--allow-insecure-http"), "{err}");
            assert!(base_url(Some(bad), true).is_ok());
        }
    }

    #[test]
    fn max_retries_from_flag_env_or_default() {
        let vars = env(
            &[("OPENAI_API_KEY", "k"), ("OAICHAT_MAX_RETRIES", "5")],
            &[],
        );
        assert_eq!(
            Config::resolve(&cli(&["hi"]), &vars, None)
                .unwrap()
                .max_retries,
            5
        );
        let flag = cli(&["--max-retries", "0", "hi"]);
        assert_eq!(Config::resolve(&flag, &vars, None).unwrap().max_retries, 0);
        let vars = env(
            &[("OPENAI_API_KEY", "k"), ("OAICHAT_MAX_RETRIES", "many")],
            &[],
        );
        assert!(Config::resolve(&cli(&["hi"]), &vars, None).is_err());
    }

    #[test]
    fn more_than_four_stops_is_refused() {
        let args = [
            "--stop", "a", "--stop", "b", "--stop", "c", "--stop", "d", "--stop", "e",
        ];
        let err =
            Config::resolve(&cli(&args), &env(&[("OPENAI_API_KEY", "k")], &[]), None).unwrap_err();
        assert!(err.to_string().contains("at most 4"), "{err}");
    }
}
