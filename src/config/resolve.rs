//! Flags over variables into one [`Config`]. The files that flags name are read first
//! ([`Files::read`]), so that [`Config::resolve`] is a pure function tests drive without
//! touching the process.

use std::path::PathBuf;
use std::time::Duration;

use super::cli::Cli;
use super::connection::{self, KeySource};
use super::endpoint;
use super::env::Env;
use super::file::{ConfigFile, Layer};
use super::keys;
use super::layers::{Layers, Source};
use super::mode::Mode;
use super::resolved::{
    Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MCP_START, DEFAULT_MODEL,
    DEFAULT_TIMEOUT,
};
use super::roles::{self, RecordRoles, Role, Shelf};
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
    /// `--role`.
    pub role: Option<Role>,
    /// Where roles are found, for `--jsonl` records that name one.
    pub roles: Shelf,
}

impl Files {
    /// Reads `--system-file`, `--schema` and `--image` files and the `--role` from
    /// `roles`, and checks that a named `--ca-cert` exists even when this URL needs no
    /// TLS: a typo is still worth hearing about. (Its contents are read when a client
    /// needs them.)
    pub fn read(cli: &Cli, roles: Shelf) -> Result<Files, Error> {
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
            role: cli
                .role
                .as_deref()
                .map(|name| roles.load(name))
                .transpose()?,
            roles,
        };
        if let Some(path) = cli.ca_cert.as_deref().filter(|p| !p.is_file()) {
            return Err(Problem::NoCaCertificate(path.to_path_buf()).into());
        }
        Ok(files)
    }
}

impl Config {
    /// Resolves flags over the role, the environment, the profile and the config file
    /// (see [`super::layers`]); `files` holds what the flags named.
    pub fn resolve(
        cli: &Cli,
        env: &Env,
        files: Files,
        file: &ConfigFile,
        mode: &Mode,
    ) -> Result<Config, Error> {
        let layers = layers(cli, env, file, files.role.as_ref())?;
        let request = settings(cli, &layers, (files.images, files.schema), mode)?;
        let (extract, max_retries) = (extract(cli), max_retries(cli.max_retries, &layers)?);
        let flags = (cli.base_url.as_deref(), cli.headers.as_slice());
        let chosen = connection::choose(&layers, flags, cli.allow_insecure_http, &request.model)?;
        let proxy = endpoint::route(&chosen.base_url, |n| env.get(n), cli.allow_insecure_http)?;
        let api_key = api_key(cli, mode, &chosen, env)?;
        let (system, flag_system) = system(cli, files.system, files.role.as_ref(), &layers);
        let timeouts = timeouts(cli, &layers);
        let mcp = super::tools::mcp_servers(cli, &layers)?;
        let mut warnings = warnings(&chosen, file);
        let cache = super::cache::cache(cli, &layers, env, &mut warnings);
        Ok(Config {
            api_key,
            auth: chosen.auth,
            warnings,
            key_source: chosen.key,
            base_url: chosen.base_url,
            deployment: chosen.deployment,
            proxy,
            organization: env.get("OPENAI_ORG_ID").map(str::to_string),
            project: env.get("OPENAI_PROJECT_ID").map(str::to_string),
            headers: chosen.headers,
            profile: layers.profile.map(|p| p.name.to_string()),
            role: files.role.as_ref().map(|role| role.name.clone()),
            usage: request.usage,
            request,
            system,
            history_limit: cli.history_limit,
            dry_run: cli.dry_run,
            raw: cli.raw,
            extract,
            hide_reasoning: cli.hide_reasoning,
            color: super::color::color(cli, env, &layers),
            render: (layers.pick("render", cli.render, None, |l| l.render)).unwrap_or_default(),
            api: (layers.pick("api", cli.api, None, |l| l.api)).unwrap_or_default(),
            verbose: cli.verbose,
            cache,
            timeout: timeouts.0,
            connect_timeout: timeouts.1.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            mcp_start: timeouts.1.unwrap_or(DEFAULT_MCP_START),
            mcp,
            idle_timeout: timeouts.2,
            max_retries,
            ca_certs: ca_certs(cli, env),
            record_roles: RecordRoles {
                shelf: files.roles,
                flag_system,
                flagged: layers.flagged(),
            },
            sources: layers.sources(),
        })
    }
}

/// The system message (from the layers, after a role's) and the one the flags gave
/// (`-s`, `--system-file`), which line mode's records with a role of their own need.
fn system(
    cli: &Cli,
    file_system: Option<String>,
    role: Option<&Role>,
    layers: &Layers,
) -> (Option<String>, Option<String>) {
    let flag_system = (cli.request.system.clone()).or(file_system);
    let system = roles::system_after(role, flag_system.clone());
    let system = layers.pick("system", system, None, |l| l.system.clone());
    (system, flag_system)
}

/// The layers settings are taken from, with the chosen profile and role.
fn layers<'a>(
    cli: &'a Cli,
    env: &'a Env,
    file: &'a ConfigFile,
    role: Option<&'a Role>,
) -> Result<Layers<'a>, Error> {
    let profile = super::layers::select(file, cli.profile.as_deref(), env)?;
    let mut layers = Layers::new(env, &file.top, profile);
    layers.role = role.map(|role| (role.name.as_str(), &role.layer));
    layers.note("profile", profile_chosen_by(cli, &layers));
    Ok(layers)
}

/// Which layer chose the profile: `-p`, `OAICHAT_PROFILE`, or the file's `default_profile`.
fn profile_chosen_by(cli: &Cli, layers: &Layers) -> Source {
    match (&cli.profile, layers.env.get("OAICHAT_PROFILE")) {
        (Some(_), _) => Source::Flag,
        (None, Some(_)) => layers.var_source("OAICHAT_PROFILE"),
        (None, None) => Source::File,
    }
}

/// The key. A dry run, `oaichat config` and `oaichat mcp` send nothing to the API: no key
/// is fetched, no command run.
/// Called after every check of the flags, so that bad input runs no `api_key_cmd` either.
fn api_key(
    cli: &Cli,
    mode: &Mode,
    chosen: &connection::Chosen,
    env: &Env,
) -> Result<ApiKey, Error> {
    match cli.dry_run || matches!(mode, Mode::Config(_) | Mode::Mcp(_)) {
        true => Ok(ApiKey::new(String::new())),
        false => keys::fetch(&chosen.key, &chosen.owner, env),
    }
}

/// The request's fields: the model, its rules for reasoning models, and the answer's form.
/// The chat always streams.
fn settings(
    cli: &Cli,
    layers: &Layers,
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
    let var = layers.env.get("OPENAI_MODEL");
    let var = var.map(|model| ("OPENAI_MODEL", model.to_string()));
    let model = (layers.pick("model", args.model.clone(), var, |l| l.model.clone()))
        .unwrap_or_else(|| DEFAULT_MODEL.to_string());
    let params = params(cli, layers);
    let (max_tokens, max_completion_tokens) = catalog::token_limits(
        &model,
        params.temperature,
        params.reasoning_effort,
        (params.max_tokens, params.max_completion_tokens),
    )
    .map_err(|problem| with_origin(problem, layers))?;
    let format = match (schema, args.json) {
        (Some(schema), _) => Some(Format::JsonSchema(schema)),
        (None, true) => Some(Format::JsonObject),
        (None, false) => None,
    };
    let format = layers.pick("response_format", format, None, Layer::format);
    let flag = |given: bool| given.then_some(true);
    let stream = layers.pick("stream", flag(cli.stream), None, |l| l.stream);
    let usage = layers.pick("usage", flag(cli.usage), None, |l| l.usage);
    Ok(Settings {
        model,
        params: Params {
            max_tokens,
            max_completion_tokens,
            ..params
        },
        format: format.unwrap_or_default(),
        images,
        image_detail: cli.image_detail,
        stream: streams(mode, stream),
        usage: usage == Some(true),
        tools: super::tools::tools(cli, layers)?,
        // After every typed pick: where each came from decides which wins.
        extra: super::options::resolve(&args.options, &super::tools::flagged(cli), layers)?,
    })
}

/// Whether answers stream: always in the chat, as asked in one-shot; line mode and batches
/// read whole answers (clap refuses --stream with them), so the file's `stream` is not
/// theirs.
fn streams(mode: &Mode, stream: Option<bool>) -> bool {
    match mode {
        Mode::Interactive(_) => true,
        Mode::Ask(_) | Mode::Config(_) => stream == Some(true),
        _ => false,
    }
}

/// A message that says "drop --temperature" names the layer the value came from instead
/// when it was not a flag: the user must know where to look.
fn with_origin(problem: Problem, layers: &Layers) -> Problem {
    let named = |key: &str, setting: String| match layers.source(key) {
        Some(Source::Flag) | None => setting,
        Some(Source::File) => format!("{key} from the config file"),
        Some(source) => format!("{key} (set by {source})"),
    };
    match problem {
        Problem::ReasoningTemperature { model, setting } => Problem::ReasoningTemperature {
            setting: named("temperature", setting),
            model,
        },
        Problem::NotReasoning { model, setting } => Problem::NotReasoning {
            setting: named("reasoning_effort", setting),
            model,
        },
        other => other,
    }
}

/// The sampling fields, each from the first layer that sets it. The token limits come as
/// a pair (from one layer), since the two may not both be sent.
fn params(cli: &Cli, layers: &Layers) -> Params {
    let args = &cli.request;
    let limits = match (args.max_tokens, args.max_completion_tokens) {
        (None, None) => None,
        given => Some(given),
    };
    let limits = layers.pick("max_tokens", limits, None, |l| {
        let pair = (l.max_tokens, l.max_completion_tokens);
        (pair != (None, None)).then_some(pair)
    });
    let stop = (!args.stop.is_empty()).then(|| args.stop.clone());
    Params {
        temperature: layers.pick("temperature", args.temperature, None, |l| l.temperature),
        top_p: layers.pick("top_p", args.top_p, None, |l| l.top_p),
        max_tokens: limits.and_then(|l| l.0),
        max_completion_tokens: limits.and_then(|l| l.1),
        reasoning_effort: layers.pick("reasoning_effort", args.reasoning_effort, None, |l| {
            l.reasoning_effort
        }),
        n: cli.n,
        stop: (layers.pick("stop", stop, None, |l| l.stop.clone())).unwrap_or_default(),
        seed: layers.pick("seed", args.seed, None, |l| l.seed),
        frequency_penalty: layers.pick("frequency_penalty", args.frequency_penalty, None, |l| {
            l.frequency_penalty
        }),
        presence_penalty: layers.pick("presence_penalty", args.presence_penalty, None, |l| {
            l.presence_penalty
        }),
    }
}

/// `--timeout`, `--connect-timeout` and `--idle-timeout`, each from the first layer that
/// sets it; the connect timeout None when none does (MCP servers have their own default).
fn timeouts(cli: &Cli, layers: &Layers) -> (Duration, Option<Duration>, Duration) {
    let secs = |key, flag: Option<f64>, field: fn(&Layer) -> Option<f64>, default| {
        (layers
            .pick(key, flag, None, field)
            .map(Duration::from_secs_f64))
        .unwrap_or(default)
    };
    (
        secs("timeout", cli.timeout, |l| l.timeout, DEFAULT_TIMEOUT),
        (layers.pick("connect_timeout", cli.connect_timeout, None, |l| {
            l.connect_timeout
        }))
        .map(Duration::from_secs_f64),
        secs(
            "idle_timeout",
            cli.idle_timeout,
            |l| l.idle_timeout,
            DEFAULT_IDLE_TIMEOUT,
        ),
    )
}

/// `--max-retries`, else `OAICHAT_MAX_RETRIES`, else the profile's or the file's, else the
/// default.
fn max_retries(flag: Option<u32>, layers: &Layers) -> Result<u32, Error> {
    let var = match layers.env.get("OAICHAT_MAX_RETRIES") {
        Some(text) => match text.trim().parse() {
            Ok(n) => Some(("OAICHAT_MAX_RETRIES", n)),
            Err(_) => return Err(Problem::MaxRetries(text.into()).into()),
        },
        None => None,
    };
    let picked = layers.pick("max_retries", flag, var, |l| l.max_retries);
    Ok(picked.unwrap_or(crate::http::retry::DEFAULT_MAX_RETRIES))
}

/// `-x` or `--extract-last`.
fn extract(cli: &Cli) -> Option<crate::output::extract::Which> {
    use crate::output::extract::Which;
    match (cli.extract, cli.extract_last) {
        (true, _) => Some(Which::First),
        (_, true) => Some(Which::Last),
        _ => None,
    }
}

/// `--ca-cert` and `SSL_CERT_FILE`.
fn ca_certs(cli: &Cli, env: &Env) -> Vec<PathBuf> {
    let variable = env.get("SSL_CERT_FILE").map(PathBuf::from);
    cli.ca_cert.iter().cloned().chain(variable).collect()
}

/// What a run says before it starts: a literal key bound for another machine, and a file
/// that holds it readable by others.
fn warnings(chosen: &connection::Chosen, file: &ConfigFile) -> Vec<String> {
    let KeySource::Literal(_) = chosen.key else {
        return Vec::new();
    };
    let local =
        reqwest::Url::parse(&chosen.base_url).is_ok_and(|url| super::proxy::is_loopback(&url));
    if local {
        return Vec::new();
    }
    let mut said = vec![format!(
        "warning: the key of {} is written in the config file and goes to another machine: \
         use api_key_env or api_key_cmd instead",
        chosen.owner
    )];
    said.extend(
        file.path
            .as_deref()
            .and_then(super::env::world_readable_warning),
    );
    said
}

#[cfg(test)]
#[path = "resolve_tests.rs"]
mod tests;
