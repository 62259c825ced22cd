//! Flags over variables into one [`Config`]. The files that flags name are read first
//! ([`Files::read`]), so that [`Config::resolve`] is a pure function tests drive without
//! touching the process.

use std::path::PathBuf;
use std::time::Duration;

use super::cli::Cli;
use super::env::Env;
use super::file::Defaults;
use super::mode::Mode;
use super::resolved::{
    Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MODEL, DEFAULT_TIMEOUT,
};
use crate::api::request::{Format, Params, Settings};
use crate::catalog;
use crate::error::{Error, Problem};
use crate::schema::Schema;
use crate::secret::ApiKey;

/// The API's limit on stop sequences (StopConfiguration, maxItems 4).
const MAX_STOP: usize = 4;

/// What flags name that has to be read from files first.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub system: Option<String>,
    pub schema: Option<Schema>,
    /// `--image` values as URLs to send.
    pub images: Vec<String>,
}

impl Files {
    /// Reads `--system-file`, `--schema` and `--image` files, and checks that a named
    /// `--ca-cert` exists even when this URL needs no TLS: a typo is still worth hearing
    /// about. (Its contents are read when a client needs them.)
    pub fn read(cli: &Cli) -> Result<Files, Error> {
        let request = &cli.request;
        let files = Files {
            system: request
                .system_file
                .as_deref()
                .map(crate::prompt::read_file)
                .transpose()?,
            schema: request
                .schema
                .as_deref()
                .map(crate::schema::load)
                .transpose()?,
            images: cli
                .images
                .iter()
                .map(|arg| crate::image::load(arg))
                .collect::<Result<_, _>>()?,
        };
        if let Some(path) = cli.ca_cert.as_deref().filter(|p| !p.is_file()) {
            return Err(Problem::NoCaCertificate(path.to_path_buf()).into());
        }
        Ok(files)
    }
}

impl Config {
    /// Resolves flags over variables over the config file's `defaults`; `files` holds what
    /// the flags named.
    pub fn resolve(
        cli: &Cli,
        env: &Env,
        files: Files,
        defaults: &Defaults,
        mode: &Mode,
    ) -> Result<Config, Error> {
        let base_url = (cli.base_url.as_deref())
            .or(env.get("OPENAI_BASE_URL"))
            .or(defaults.base_url.as_deref());
        let base_url = super::endpoint::base_url(base_url, cli.allow_insecure_http)?;
        let proxy =
            super::endpoint::route(&base_url, |name| env.get(name), cli.allow_insecure_http)?;
        let max_retries = max_retries(cli.max_retries, env, defaults.max_retries)?;
        let ca_certs = cli
            .ca_cert
            .iter()
            .cloned()
            .chain(env.get("SSL_CERT_FILE").map(PathBuf::from))
            .collect();
        let request = settings(cli, env, defaults, (files.images, files.schema), mode)?;
        let usage = request.usage;
        Ok(Config {
            api_key: api_key(env, cli.dry_run)?,
            base_url,
            proxy,
            organization: env.get("OPENAI_ORG_ID").map(str::to_string),
            project: env.get("OPENAI_PROJECT_ID").map(str::to_string),
            headers: super::headers::parse(&cli.headers)?,
            request,
            system: (cli.request.system.clone())
                .or(files.system)
                .or_else(|| defaults.system.clone()),
            history_limit: cli.history_limit,
            dry_run: cli.dry_run,
            usage,
            raw: cli.raw,
            verbose: cli.verbose,
            timeout: secs_or(cli.timeout.or(defaults.timeout), DEFAULT_TIMEOUT),
            connect_timeout: secs_or(
                cli.connect_timeout.or(defaults.connect_timeout),
                DEFAULT_CONNECT_TIMEOUT,
            ),
            idle_timeout: secs_or(
                cli.idle_timeout.or(defaults.idle_timeout),
                DEFAULT_IDLE_TIMEOUT,
            ),
            max_retries,
            ca_certs,
        })
    }
}

/// The request's fields: the model, its rules for reasoning models, and the answer's form.
/// The chat always streams.
fn settings(
    cli: &Cli,
    env: &Env,
    defaults: &Defaults,
    (images, schema): (Vec<String>, Option<Schema>),
    mode: &Mode,
) -> Result<Settings, Error> {
    let args = &cli.request;
    if args.stop.len() > MAX_STOP {
        return Err(Problem::TooManyStops {
            given: args.stop.len(),
            most: MAX_STOP,
        }
        .into());
    }
    let model = (args.model.clone())
        .or_else(|| env.get("OPENAI_MODEL").map(str::to_string))
        .or_else(|| defaults.model.clone())
        .unwrap_or_else(|| DEFAULT_MODEL.to_string());
    let params = params(cli, defaults);
    let (max_tokens, max_completion_tokens) = catalog::token_limits(
        &model,
        params.temperature,
        params.reasoning_effort,
        (params.max_tokens, params.max_completion_tokens),
    )?;
    let format = match (schema, args.json) {
        (Some(schema), _) => Format::JsonSchema(schema),
        (None, true) => Format::JsonObject,
        (None, false) => Format::Text,
    };
    Ok(Settings {
        model,
        params: Params {
            max_tokens,
            max_completion_tokens,
            ..params
        },
        format,
        images,
        image_detail: cli.image_detail,
        stream: match mode {
            Mode::Interactive(_) => true,
            Mode::Ask(_) => cli.stream || defaults.stream == Some(true),
            // Line mode and batches read whole answers (clap refuses --stream with them), so
            // the file's `stream` is not theirs.
            _ => false,
        },
        usage: cli.usage || defaults.usage == Some(true),
    })
}

/// The sampling fields: each flag, else the config file's value. The token limits come as
/// a pair (a flag's, else the file's), since the two may not both be sent.
fn params(cli: &Cli, defaults: &Defaults) -> Params {
    let args = &cli.request;
    let limits = match (args.max_tokens, args.max_completion_tokens) {
        (None, None) => (defaults.max_tokens, defaults.max_completion_tokens),
        given => given,
    };
    Params {
        temperature: args.temperature.or(defaults.temperature),
        top_p: args.top_p.or(defaults.top_p),
        max_tokens: limits.0,
        max_completion_tokens: limits.1,
        reasoning_effort: args.reasoning_effort.or(defaults.reasoning_effort),
        n: cli.n,
        stop: match args.stop.is_empty() {
            true => defaults.stop.clone().unwrap_or_default(),
            false => args.stop.clone(),
        },
        seed: args.seed.or(defaults.seed),
        frequency_penalty: args.frequency_penalty.or(defaults.frequency_penalty),
        presence_penalty: args.presence_penalty.or(defaults.presence_penalty),
    }
}

/// The key; a dry run sends nothing, so it needs none.
fn api_key(env: &Env, dry_run: bool) -> Result<ApiKey, Error> {
    let key = env
        .get("OPENAI_API_KEY")
        .or(dry_run.then_some(""))
        .ok_or(Problem::NoApiKey)?;
    Ok(ApiKey::new(key.trim().to_string()))
}

/// `--max-retries`, else `OAICHAT_MAX_RETRIES`, else the config file's, else the default.
fn max_retries(flag: Option<u32>, env: &Env, file: Option<u32>) -> Result<u32, Error> {
    match (flag, env.get("OAICHAT_MAX_RETRIES")) {
        (Some(n), _) => Ok(n),
        (None, Some(text)) => {
            (text.trim().parse()).map_err(|_| Problem::MaxRetries(text.into()).into())
        }
        (None, None) => Ok(file.unwrap_or(crate::http::retry::DEFAULT_MAX_RETRIES)),
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

    /// A mode that changes nothing in the configuration.
    fn resolve(cli: &Cli, env: &Env) -> Result<Config, Error> {
        Config::resolve(
            cli,
            env,
            Files::default(),
            &Defaults::default(),
            &Mode::Models,
        )
    }

    fn cli(args: &[&str]) -> Cli {
        super::super::cli::parse_from(std::iter::once("oaichat").chain(args.iter().copied()))
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
        let config = resolve(&cli(&["hi"]), &vars).expect("resolves");
        assert_eq!(config.request.model, "from-env");
        assert_eq!(config.base_url, "https://d/v1");
        let config = resolve(&cli(&["-m", "flag", "hi"]), &vars).expect("resolves");
        assert_eq!(config.request.model, "flag");
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let config = resolve(&cli(&["hi"]), &env(&[("OPENAI_API_KEY", "k")], &[])).unwrap();
        assert_eq!(config.request.model, DEFAULT_MODEL);
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
        let config = resolve(&cli(&["hi"]), &vars).unwrap();
        assert_eq!(config.api_key.expose(), "k");
        assert_eq!(config.request.model, DEFAULT_MODEL);
    }

    #[test]
    fn missing_key_says_how_to_set_it() {
        let err = resolve(&cli(&["hi"]), &env(&[], &[])).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains(".env"), "{err}");
    }

    #[test]
    fn endpoints_keep_a_base_query_at_the_end() {
        let vars = env(&[("OPENAI_API_KEY", "k")], &[]);
        let with = |url: &str| {
            let cli = cli(&["--base-url", url, "hi"]);
            resolve(&cli, &vars).unwrap()
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
        assert_eq!(resolve(&cli(&["hi"]), &vars).unwrap().max_retries, 5);
        let flag = cli(&["--max-retries", "0", "hi"]);
        assert_eq!(resolve(&flag, &vars).unwrap().max_retries, 0);
        let vars = env(
            &[("OPENAI_API_KEY", "k"), ("OAICHAT_MAX_RETRIES", "many")],
            &[],
        );
        assert!(resolve(&cli(&["hi"]), &vars).is_err());
    }

    #[test]
    fn more_than_four_stops_is_refused() {
        let args = [
            "--stop", "a", "--stop", "b", "--stop", "c", "--stop", "d", "--stop", "e",
        ];
        let err = resolve(&cli(&args), &env(&[("OPENAI_API_KEY", "k")], &[])).unwrap_err();
        assert!(err.to_string().contains("at most 4"), "{err}");
    }

    #[test]
    fn the_config_file_is_beaten_by_the_environment_and_flags_and_beats_defaults() {
        let file = Defaults {
            model: Some("file".into()),
            temperature: Some(0.3),
            max_retries: Some(7),
            timeout: Some(30.0),
            stream: Some(true),
            ..Defaults::default()
        };
        let with = |args: &[&str], vars: &[(&str, &str)]| {
            let vars = env(&[&[("OPENAI_API_KEY", "k")], vars].concat(), &[]);
            let (cli, files) = (cli(args), Files::default());
            let mode = Mode::resolve(&cli, &vars).unwrap();
            Config::resolve(&cli, &vars, files, &file, &mode).unwrap()
        };
        let config = with(&["hi"], &[]);
        assert_eq!(
            (
                config.request.model.as_str(),
                config.request.params.temperature
            ),
            ("file", Some(0.3))
        );
        assert_eq!(
            (config.max_retries, config.timeout),
            (7, Duration::from_secs(30))
        );
        assert!(config.request.stream);
        let config = with(
            &["hi"],
            &[("OPENAI_MODEL", "env"), ("OAICHAT_MAX_RETRIES", "1")],
        );
        assert_eq!(
            (config.request.model.as_str(), config.max_retries),
            ("env", 1)
        );
        let config = with(&["-m", "flag", "-t", "1", "--max-retries", "0", "hi"], &[]);
        assert_eq!(
            (
                config.request.model.as_str(),
                config.request.params.temperature
            ),
            ("flag", Some(1.0))
        );
        assert_eq!(config.max_retries, 0);
    }
}
