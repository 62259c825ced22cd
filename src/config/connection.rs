//! The connection: where requests go, which key signs them, and which headers they carry,
//! chosen as one unit from one layer. Settings are ranked field by field (see
//! [`super::layers`]), but a URL and a key from different layers would send a key to a
//! party it was never meant for: an exported `OPENAI_API_KEY` to a profile's gateway, or a
//! gateway's key to `OPENAI_BASE_URL`.
//!
//! The layer that owns the connection, first match:
//! 1. a profile the user named (`-p`, `OAICHAT_PROFILE`) that has a connection key;
//! 2. the environment, when it names a URL (`OPENAI_BASE_URL`, `AZURE_OPENAI_ENDPOINT`);
//! 3. the file's `default_profile`, when it has a connection key;
//! 4. the file's top level, when it has one;
//! 5. the built-in default, `https://api.openai.com/v1`.
//!
//! An owner without a key source takes the standard variable (`OPENAI_API_KEY`, or
//! `AZURE_OPENAI_API_KEY` for Azure). `--base-url` replaces only the owner's URL.

use std::collections::BTreeMap;
use std::time::Duration;

use super::endpoint::{self, DEFAULT_BASE_URL};
use super::file::{Azure, Layer};
use super::layers::{Layers, Source};
use crate::error::{Error, Problem};
use crate::http::{Auth, Header};

/// How long `api_key_cmd` may take unless the profile says: long enough for a person to
/// answer a passphrase prompt, short enough that a hung command is noticed.
pub const KEY_COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// Where the key comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum KeySource {
    /// A variable, by name.
    Var(String),
    /// A literal in the config file.
    Literal(String),
    /// A command that prints it.
    Command { line: String, timeout: Duration },
}

/// Where a URL points: any compatible server, or an Azure OpenAI resource.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Plain(String),
    Azure(Azure),
}

/// An Azure deployment, reached through the classic API (an `api-version` query).
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    /// Chat requests go to `/deployments/NAME/chat/completions`.
    pub name: String,
    /// The resource's v1 API (`…/openai/v1`): Azure serves the Responses API only there,
    /// without an api-version, the deployment named by the body's `model`.
    pub v1_base: String,
}

/// The chosen connection, before its key is fetched.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// Checked, without a trailing slash; for an Azure deployment, the resource's `/openai`
    /// with its `api-version` query.
    pub base_url: String,
    pub deployment: Option<Deployment>,
    pub auth: Auth,
    pub key: KeySource,
    /// The owner's headers, then `--header`s.
    pub headers: Vec<Header>,
    /// The layer that owns it.
    pub owner: Source,
}

impl KeySource {
    /// Where the key is, in words for messages and `oaichat config`.
    pub fn describe(&self) -> String {
        match self {
            KeySource::Var(name) => name.clone(),
            KeySource::Literal(_) => "api_key".into(),
            KeySource::Command { line, .. } => format!("api_key_cmd `{line}`"),
        }
    }
}

/// Chooses the connection; `model` names an Azure deployment when only an API version is
/// given, as the official SDK does.
pub fn choose(
    layers: &Layers,
    flags: (Option<&str>, &[String]),
    allow_insecure_http: bool,
    model: &str,
) -> Result<Chosen, Error> {
    let (base_flag, header_flags) = flags;
    let (owner, layer) = owner(layers);
    let (mut target, key, headers) = match layer {
        Some(layer) => from_layer(layer),
        None => from_env_or_default(layers),
    };
    let auth = match target {
        Target::Azure(_) => Auth::ApiKeyHeader,
        Target::Plain(_) => Auth::Bearer,
    };
    layers.note("base_url", owner.clone());
    if let Some(url) = base_flag {
        target = Target::Plain(url.to_string());
        layers.note("base_url", Source::Flag);
    }
    let (base_url, deployment) = match target {
        Target::Plain(url) => (endpoint::base_url(Some(&url), allow_insecure_http)?, None),
        Target::Azure(azure) => azure_urls(&azure, model, allow_insecure_http)?,
    };
    let mut headers = owned_headers(headers);
    headers.extend(super::headers::parse(header_flags)?);
    layers.note("api_key", owner.clone());
    Ok(Chosen {
        base_url,
        deployment,
        auth,
        key,
        headers,
        owner,
    })
}

/// The layer that owns the connection (see the module's list), and its keys when it is a
/// layer of the file.
fn owner<'a>(layers: &Layers<'a>) -> (Source, Option<&'a Layer>) {
    let profile = layers.profile.filter(|p| p.layer.has_connection());
    let as_owner = |p: super::layers::Selected<'a>| (Source::Profile(p.name.into()), Some(p.layer));
    if let Some(named) = profile.filter(|p| p.named) {
        return as_owner(named);
    }
    for var in ["OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT"] {
        if layers.env.get(var).is_some() {
            return (layers.var_source(var), None);
        }
    }
    if let Some(default) = profile {
        return as_owner(default);
    }
    if layers.file.has_connection() {
        return (Source::File, Some(layers.file));
    }
    (Source::Default, None)
}

type Parts = (Target, KeySource, Option<BTreeMap<String, String>>);

fn from_layer(layer: &Layer) -> Parts {
    let target = match (&layer.azure, &layer.base_url) {
        (Some(azure), _) => Target::Azure(azure.clone()),
        (None, url) => Target::Plain(url.as_deref().unwrap_or(DEFAULT_BASE_URL).to_string()),
    };
    let standard = match target {
        Target::Azure(_) => "AZURE_OPENAI_API_KEY",
        Target::Plain(_) => "OPENAI_API_KEY",
    };
    let key = match (&layer.api_key, &layer.api_key_env, &layer.api_key_cmd) {
        (Some(key), _, _) => KeySource::Literal(key.clone()),
        (_, Some(var), _) => KeySource::Var(var.clone()),
        (_, _, Some(line)) => KeySource::Command {
            line: line.clone(),
            timeout: (layer.api_key_cmd_timeout.map(Duration::from_secs_f64))
                .unwrap_or(KEY_COMMAND_TIMEOUT),
        },
        _ => KeySource::Var(standard.into()),
    };
    (target, key, layer.headers.clone())
}

/// The environment's URL and key when it names a URL, else the built-in default's.
fn from_env_or_default(layers: &Layers) -> Parts {
    let env = layers.env;
    let var = |name: &str| KeySource::Var(name.into());
    if let Some(url) = env.get("OPENAI_BASE_URL") {
        return (Target::Plain(url.into()), var("OPENAI_API_KEY"), None);
    }
    if let Some(endpoint) = env.get("AZURE_OPENAI_ENDPOINT") {
        let azure = Azure {
            endpoint: endpoint.into(),
            deployment: None,
            api_version: env.get("OPENAI_API_VERSION").map(str::to_string),
        };
        return (Target::Azure(azure), var("AZURE_OPENAI_API_KEY"), None);
    }
    (
        Target::Plain(DEFAULT_BASE_URL.into()),
        var("OPENAI_API_KEY"),
        None,
    )
}

/// An Azure resource's base URL: the v1 API (`/openai/v1`), or with an API version the
/// classic one (`/openai?api-version=…`, chat under the deployment, which defaults to the
/// model as the official SDK has it).
fn azure_urls(
    azure: &Azure,
    model: &str,
    allow_insecure_http: bool,
) -> Result<(String, Option<Deployment>), Error> {
    let resource = endpoint::base_url(Some(&azure.endpoint), allow_insecure_http)?;
    if resource.contains('?') {
        return Err(Problem::AzureEndpoint(azure.endpoint.clone()).into());
    }
    let Some(version) = &azure.api_version else {
        return Ok((format!("{resource}/openai/v1"), None));
    };
    let deployment = azure
        .deployment
        .clone()
        .unwrap_or_else(|| model.to_string());
    let name_ok = deployment
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !name_ok {
        return Err(Problem::AzureDeployment(deployment).into());
    }
    let deployment = Deployment {
        name: deployment,
        v1_base: format!("{resource}/openai/v1"),
    };
    Ok((
        format!("{resource}/openai?api-version={version}"),
        Some(deployment),
    ))
}

/// The owner's `headers` table (checked when the file was read).
fn owned_headers(table: Option<BTreeMap<String, String>>) -> Vec<Header> {
    let pairs = table.unwrap_or_default().into_iter();
    pairs.map(|(name, value)| Header { name, value }).collect()
}
