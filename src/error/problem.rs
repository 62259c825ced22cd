//! Bad input found before anything is sent (exit code 2): each problem with its data, and
//! its message (what is wrong, then the fix) written here, next to the others.

use std::path::PathBuf;

pub use super::place::{NotText, Place};

#[derive(Debug, thiserror::Error)]
pub enum Problem {
    // The prompt and the files it is made of.
    #[error("`-` asks to read stdin but --no-stdin says not to: drop one of them")]
    StdinRefused,
    #[error("{}", .not.describe(.what))]
    NotText { what: Place, not: NotText },
    #[error(
        "the prompt is empty: give it as arguments (oaichat \"question\") or pipe text on stdin"
    )]
    EmptyPrompt,
    #[error("{} is a directory: give a file", .0.display())]
    Directory(PathBuf),
    #[error(
        "image {} is {:.1} MB; the API takes at most 20 MB: shrink it first",
        .path.display(), *.bytes as f64 / 1_048_576.0
    )]
    ImageTooLarge { path: PathBuf, bytes: u64 },
    #[error(
        "image {} is not PNG, JPEG, WebP or GIF (judged by its bytes): convert it",
        .0.display()
    )]
    ImageFormat(PathBuf),
    #[error("{what} is not valid JSON ({cause}): give a JSON Schema object")]
    SchemaNotJson {
        what: Place,
        #[source]
        cause: serde_json::Error,
    },
    #[error("{0} must be a JSON object (a JSON Schema such as {{\"type\": \"object\", …}})")]
    SchemaNotObject(Place),

    // The conversation.
    #[error(
        "no conversation to continue ({} does not exist yet): ask without -c first",
        .0.display()
    )]
    NothingToContinue(PathBuf),
    #[error("-c needs a place for conversations: set HOME or XDG_DATA_HOME")]
    NoDataDirectory,
    #[error(
        "history file {} line {line}: {cause}; each line must be {{\"role\": \
         \"user|assistant|system|developer\", \"content\": \"…\"}}",
        .path.display()
    )]
    HistoryLine {
        path: PathBuf,
        line: usize,
        #[source]
        cause: serde_json::Error,
    },
    #[error(
        "--history-limit {limit}: the system message and the prompt alone are {needed} \
         tokens: raise --history-limit, or shorten them"
    )]
    HistoryLimit { limit: u32, needed: usize },
    #[error(
        "the prompt is {tokens} tokens{} and {model}'s context window is {window}: shorten \
         the input, use --history-limit, or pick a model with a larger window",
        answer_part(*.reserved)
    )]
    ContextWindow {
        tokens: usize,
        reserved: usize,
        model: String,
        window: usize,
    },

    #[error(
        "{flag} has no equivalent in the Responses API ({reason}), where the request for \
         {model} goes: drop {flag}, or send it with --api chat to a server that takes it"
    )]
    NoResponsesField {
        flag: &'static str,
        reason: &'static str,
        model: String,
    },
    #[error(
        "{setting} {given} is below the Responses API's minimum of {minimum} output \
         tokens, where the request for {model} goes: give at least {minimum}"
    )]
    TooFewTokens {
        /// The flag, or a `--jsonl` record's field.
        setting: &'static str,
        given: u32,
        minimum: u32,
        model: String,
    },

    // Where requests go.
    #[error("base URL `{raw}` is not a URL ({cause}): give one like https://api.openai.com/v1")]
    BaseUrlNotUrl {
        raw: String,
        #[source]
        cause: url::ParseError,
    },
    #[error("base URL `{0}` must start with http:// or https://")]
    BaseUrlScheme(String),
    #[error("base URL `{0}` has a #fragment, which is never sent: remove it")]
    BaseUrlFragment(String),
    #[error(
        "refusing to send the API key over plain http to {0}: use https://, or pass \
         --allow-insecure-http if that network is trusted"
    )]
    InsecureHttp(String),
    #[error(
        "refusing to reach the MCP server {server} over plain http at {host}: its headers \
         and the tools' arguments would cross the network readable; use https://, or pass \
         --allow-insecure-http if that network is trusted"
    )]
    InsecureMcp { server: String, host: String },
    #[error(
        "refusing to send the API key over plain http through the proxy {proxy} (from \
         {variable}): add {host} to NO_PROXY, use https://, or pass --allow-insecure-http if \
         that network is trusted"
    )]
    InsecureProxy {
        /// The proxy as it may be shown: never its credentials.
        proxy: String,
        variable: &'static str,
        host: String,
    },
    #[error("{0} is not a proxy URL: set it like http://proxy.example.com:3128, or unset it")]
    ProxyNotUrl(&'static str),
    #[error(
        "{variable} names a {scheme} proxy; oaichat speaks to http and https proxies only: \
         unset it, or add this host to NO_PROXY"
    )]
    ProxyScheme {
        variable: &'static str,
        scheme: String,
    },
    /// The header's place among the `--header` flags: its text is not shown, it may hold a
    /// secret.
    #[error("--header number {0} is not 'Name: value'")]
    HeaderForm(usize),
    #[error("--header {0}: the name or the value has characters a header cannot hold")]
    HeaderChars(String),
    #[error(
        "--header {0}: the key is sent from OPENAI_API_KEY as `Authorization: Bearer`; set it \
         there"
    )]
    HeaderAuthorization(String),
    #[error("cannot read CA certificate {}: no such file", .0.display())]
    NoCaCertificate(PathBuf),
    #[error(
        "--mcp `{0}` is empty or has an unclosed quote: give the server's command, such as \
         --mcp 'npx -y @modelcontextprotocol/server-everything'"
    )]
    McpFlag(String),
    #[error(
        "no MCP server to list: give one with --mcp 'COMMAND ARGS…', or add an [mcp.NAME] \
         table to the config file"
    )]
    NoMcpServers,

    // Settings.
    #[error("config file {}{}: {message}", .path.display(), line_part_of(*.line))]
    ConfigSyntax {
        path: PathBuf,
        /// The line of the key or value at fault, when the parser says.
        line: Option<usize>,
        message: String,
    },
    #[error("config file {}: {key}: {why}", .path.display())]
    ConfigValue {
        path: PathBuf,
        key: String,
        why: String,
    },
    #[error(
        "there is no place for a config file: set HOME or XDG_CONFIG_HOME, or pass --config PATH"
    )]
    NoConfigPlace,
    #[error("no editor to open the config file with: set VISUAL or EDITOR")]
    NoEditor,
    #[error("there is no profile `{name}` in {}: {}", .path.display(), profiles_part(.known))]
    NoProfile {
        name: String,
        path: PathBuf,
        known: Vec<String>,
    },
    #[error(
        "profile `{0}` is chosen, but no config file was read (--no-config, or there is none \
         where `oaichat config --path` says)"
    )]
    ProfileWithoutFile(String),
    #[error(transparent)]
    Role(#[from] super::role::RoleProblem),
    #[error(transparent)]
    Option(#[from] super::option::OptionProblem),
    #[error(transparent)]
    Tool(#[from] crate::tools::ToolProblem),
    #[error("{var} is not set (the key of {owner}): export {var}=... or put it in a .env file")]
    NoKeyVar { var: String, owner: String },
    #[error(
        "the key from {0} holds a character a header cannot carry (a line break?): fix it there"
    )]
    KeyNotHeader(String),
    #[error("api_key_cmd of {owner} {why}")]
    KeyCommand { owner: String, why: String },
    #[error(
        "Azure endpoint `{0}` has a query: give the resource's URL alone, such as \
         https://RESOURCE.openai.azure.com"
    )]
    AzureEndpoint(String),
    #[error(
        "`{0}` cannot name an Azure deployment (letters, digits, '-', '_' and '.' only): set \
         azure.deployment, or -m DEPLOYMENT"
    )]
    AzureDeployment(String),
    #[error(
        "env file {}: cannot parse {}{}: write it as NAME=value, with quotes closed (the \
         line is not shown: it may hold a secret)",
        .path.display(), line_part(*.line), setting_part(.setting.as_deref())
    )]
    EnvLine {
        path: PathBuf,
        /// Its number, when it can be found again.
        line: Option<usize>,
        /// The variable the line sets, when that much can be told.
        setting: Option<String>,
    },
    #[error("cannot read env file {}: it is not NAME=value lines", .0.display())]
    EnvNotLines(PathBuf),
    #[error(
        "OPENAI_API_KEY is not set: export OPENAI_API_KEY=sk-... or put OPENAI_API_KEY=sk-... \
         in a .env file in this directory"
    )]
    NoApiKey,
    #[error("OAICHAT_MAX_RETRIES is `{0}`: set it to a whole number such as 2")]
    MaxRetries(String),
    #[error("--stop was given {given} times; the API takes at most {most} stop sequences")]
    TooManyStops { given: usize, most: usize },
    #[error("{model} is a reasoning model and only takes temperature 1: drop {setting}")]
    ReasoningTemperature { model: String, setting: String },
    #[error("{model} is not a reasoning model: drop {setting}")]
    NotReasoning { model: String, setting: String },
    #[error("--reasoning-effort minimal is for the gpt-5 family; {0} takes low, medium or high")]
    MinimalEffort(String),

    // Line mode and the Batch API's input file.
    #[error("-n {0} would pay for {0} answers per input, but line mode keeps one: drop -n")]
    LineModeN(u32),
    #[error("{}; nothing from this line on is sent", .not.describe(&Place::InputLine(*.line)))]
    NotTextFromHere { line: usize, not: NotText },
    #[error("{place}: {why}; nothing was sent")]
    RepeatedId { place: Place, why: Refusal },
    /// An input line mode refuses to send, for a reason of its own.
    #[error("line {line}: {why}")]
    Refused { line: usize, why: Refusal },
    /// An input that was not sent because nothing is wrong with it (answered, or blank).
    #[error("not sent")]
    NotSent,
    #[error(
        "resume file {} line {line}: not a record ({cause}): fix or remove that line",
        .path.display()
    )]
    ResumeRecord {
        path: PathBuf,
        line: usize,
        #[source]
        cause: serde_json::Error,
    },
    #[error("{}: line {line}: {why}", .file.display())]
    BatchRefused {
        file: PathBuf,
        line: usize,
        why: Refusal,
    },

    #[error(
        "{} line {line}: custom_id {custom_id} repeats line {first} (an input without an id \
         has its index as custom_id); custom ids must be unique",
        .file.display()
    )]
    RepeatedCustomId {
        file: PathBuf,
        line: usize,
        custom_id: String,
        first: usize,
    },
    #[error(
        "{} has more than {most} requests, the Batch API's limit: split it",
        .file.display()
    )]
    TooManyRequests { file: PathBuf, most: usize },
    #[error(
        "{} line {line}: {model} is asked at {endpoint}, but line {first} ({first_model}) at \
         {first_endpoint}, and a batch has one endpoint: put each endpoint's models in a file \
         of their own, or give --api responses to send every line to /v1/responses",
        .file.display()
    )]
    BatchEndpoints {
        file: PathBuf,
        line: usize,
        model: String,
        endpoint: &'static str,
        first: usize,
        first_model: String,
        first_endpoint: &'static str,
    },
    #[error("{} has no requests", .0.display())]
    NoRequests(PathBuf),
    #[error(
        "the batch file would be {megabytes} MB, over the Batch API's 200 MB: split {}",
        .file.display()
    )]
    BatchTooLarge { file: PathBuf, megabytes: usize },
}

/// Why line mode does not send an input; said in that input's record, or, for a batch's
/// input file, as the error that stops the upload.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("not JSON ({0})")]
    NotJson(#[source] serde_json::Error),
    #[error("must be a JSON object")]
    NotObject,
    #[error("\"n\": {0} asks for {0} answers, but a record keeps one: remove \"n\"")]
    SeveralAnswers(u64),
    #[error("needs \"prompt\" (a string) or \"messages\"")]
    NoPrompt,
    #[error("\"role\" must be a role's name, a string")]
    RoleNotName,
    #[error("\"role\" goes with \"prompt\"; a \"messages\" body writes its own system message")]
    RoleWithMessages,
    /// The role a record names cannot be used (an [`super::Error`], shared by every
    /// record that names it).
    #[error(transparent)]
    Role(std::sync::Arc<dyn std::error::Error + Send + Sync>),
    #[error("id {id} repeats {first}: ids must be unique (answers are found by id)")]
    RepeatedId {
        id: String,
        /// Where the id was first seen.
        first: Place,
    },
    /// What the one-shot checks say of the prompt or the model.
    #[error(transparent)]
    Problem(Box<Problem>),
    #[error("cannot encode the request ({0})")]
    Encode(#[source] serde_json::Error),
    /// A parameter the Responses request is made from is not of its chat type.
    #[error("\"{field}\" is not as the Chat Completions API takes it ({cause})")]
    Field {
        field: &'static str,
        #[source]
        cause: serde_json::Error,
    },
    #[error(
        "\"messages\" for the Responses API must be {{\"role\", \"content\": \"text\"}} \
         messages ({0}); images go with a \"prompt\" record and -i"
    )]
    Messages(#[source] serde_json::Error),
}

impl From<Problem> for Refusal {
    fn from(problem: Problem) -> Refusal {
        Refusal::Problem(Box::new(problem))
    }
}

fn answer_part(reserved: usize) -> String {
    match reserved {
        0 => String::new(),
        n => format!(" plus {n} for the answer"),
    }
}

/// The profiles a file has, for a message about one it lacks.
fn profiles_part(known: &[String]) -> String {
    match known {
        [] => "it has none; add a [profiles.NAME] table".into(),
        _ => format!("it has {}", known.join(", ")),
    }
}

fn line_part_of(line: Option<usize>) -> String {
    line.map(|n| format!(" line {n}")).unwrap_or_default()
}

fn line_part(line: Option<usize>) -> String {
    line.map_or_else(|| "a line".into(), |n| format!("line {n}"))
}

fn setting_part(setting: Option<&str>) -> String {
    setting
        .map(|name| format!(" (setting {name})"))
        .unwrap_or_default()
}
