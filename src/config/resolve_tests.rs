//! Resolution end to end: each layer over the next.

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
        &ConfigFile::default(),
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

/// Azure serves the Responses API only in its v1 API: a deployment's requests go there,
/// with its name as the model.
#[test]
fn an_azure_deployment_asks_the_responses_api_in_the_v1_api_by_its_name() {
    let vars = env(
        &[
            ("AZURE_OPENAI_API_KEY", "k"),
            ("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/"),
            ("OPENAI_API_VERSION", "2024-10-21"),
        ],
        &[],
    );
    let config = resolve(&cli(&["-m", "o3-pro-prod", "hi"]), &vars).unwrap();
    assert_eq!(
        config.chat_url(),
        "https://res.openai.azure.com/openai/deployments/o3-pro-prod/chat/completions?api-version=2024-10-21"
    );
    let v1 = "https://res.openai.azure.com/openai/v1/responses";
    assert_eq!(
        (config.responses_url().as_str(), config.responses_model()),
        (v1, "o3-pro-prod")
    );
    let plain = resolve(
        &cli(&["-m", "o3-pro", "hi"]),
        &env(&[("OPENAI_API_KEY", "k")], &[]),
    );
    let plain = plain.unwrap();
    let openai = "https://api.openai.com/v1/responses";
    assert_eq!(
        (plain.responses_url().as_str(), plain.responses_model()),
        (openai, "o3-pro")
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
    let file = Layer {
        model: Some("file".into()),
        temperature: Some(0.3),
        max_retries: Some(7),
        timeout: Some(30.0),
        stream: Some(true),
        ..Layer::default()
    };
    let with = |args: &[&str], vars: &[(&str, &str)]| {
        let vars = env(&[&[("OPENAI_API_KEY", "k")], vars].concat(), &[]);
        let (cli, files) = (cli(args), Files::default());
        let mode = Mode::resolve(&cli, &vars).unwrap();
        let file = ConfigFile {
            top: file.clone(),
            path: Some("c.toml".into()),
        };
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
