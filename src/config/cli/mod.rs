//! The command-line definition: every flag, its help text and its value checks.
//!
//! Values that clap can check (ranges, numbers) are checked here, so a bad flag fails with
//! exit 2 before any file, environment variable or network is touched. The doc comments are
//! the `--help` text; `completions/` is generated from [`command`].

use std::path::PathBuf;

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};

use crate::api::message::{Message, Role};
use crate::api::request::ImageDetail;

mod cache;
mod commands;
mod guard;
mod request;
mod tools;
pub(crate) mod values;

pub use cache::CacheArgs;
pub use commands::{BatchAction, CacheAction, McpAction, RolesAction, Sub};
pub use request::RequestArgs;
pub use tools::ToolArgs;
use values::seconds;

const EXAMPLES: &str = "\
Examples:
  cat article.txt | oaichat --system \"요약해\"          summarise stdin
  oaichat -m gpt-4.1-nano \"2020 월드시리즈 우승팀은?\"    prompt from arguments
  git diff | oaichat \"write a commit message\"          instruction + piped text
  oaichat --json \"3 Asian capitals with population\" | jq .
  oaichat --stream \"long answer\"                       print tokens as they arrive
  oaichat -f notes.md -f todo.md \"merge these\"         files as material
  oaichat -r shell \"files over 1 GB in my home\"        a role: here, one shell command

Environment: OPENAI_API_KEY (required), OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_ORG_ID,
OPENAI_PROJECT_ID, OAICHAT_MAX_RETRIES, SSL_CERT_FILE; read from ./.env too, never overriding
variables already set.
Exit codes: 0 ok, 1 unexpected, 2 usage, 3 auth, 4 rate limit, 5 invalid request,
6 server error, 7 network, 8 bad response, 9 declined by the model, 10 tool calls,
11 batch not finished yet, 12 batch did not complete, 130 Ctrl-C.";

/// Send a prompt to an OpenAI-compatible Chat Completions API and print the answer.
///
/// The prompt comes from the arguments, from stdin, or both: then the arguments are the
/// instruction and stdin the material, sent as one message (instruction, blank line, stdin).
#[derive(Parser, Debug, Clone)]
#[command(name = "oaichat", version, disable_version_flag = true, after_help = EXAMPLES)]
#[command(group = clap::ArgGroup::new("line_mode").args(["each", "jsonl"]))]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Sub>,

    /// The prompt, joined with spaces. A lone `-` reads stdin explicitly. (To send the
    /// single word `models` as a prompt, put `--` before it.)
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,

    /// An earlier user turn, before the prompt (repeatable; kept in order with --assistant).
    #[arg(help_heading = "Input", long = "user", value_name = "TEXT")]
    pub user_turns: Vec<String>,

    /// An earlier answer of the model, before the prompt (repeatable; kept in order with
    /// --user). Example: oaichat --user "What is Rust?" --assistant "A language." "Shorter?"
    #[arg(help_heading = "Input", long = "assistant", value_name = "TEXT")]
    pub assistant_turns: Vec<String>,

    /// --user and --assistant in command-line order (filled by [`parse_from`]).
    #[arg(skip)]
    pub turns: Vec<Message>,

    /// Add a file's text to the prompt, like stdin (repeatable). With -f, stdin is read only
    /// when `-` is given.
    #[arg(
        help_heading = "Input",
        short = 'f',
        long = "file",
        value_name = "PATH"
    )]
    pub files: Vec<PathBuf>,

    /// Attach an image: a PNG, JPEG, WebP or GIF file (sent as a data URL), or an http(s)
    /// URL (repeatable).
    #[arg(help_heading = "Input", long = "image", value_name = "PATH|URL")]
    pub images: Vec<String>,

    /// How closely the model looks at images.
    #[arg(help_heading = "Input", long, value_name = "DETAIL", value_parser = values::image_detail())]
    pub image_detail: Option<ImageDetail>,

    /// Never read stdin, even when it is a pipe (for CI jobs that leave stdin open).
    #[arg(help_heading = "Input", long)]
    pub no_stdin: bool,

    /// The request's fields (shared with `batch create`).
    #[command(flatten)]
    pub request: RequestArgs,

    /// Number of answers to generate (printed separated by a line `---`).
    #[arg(help_heading = "Request", short = 'n', value_name = "N", value_parser = clap::value_parser!(u32).range(1..=128), allow_negative_numbers = true)]
    pub n: Option<u32>,

    /// Keep the conversation in this JSON Lines file: its messages are sent before the
    /// prompt, and the new question and answer are appended after a successful answer.
    #[arg(
        help_heading = "Conversation",
        long,
        value_name = "FILE",
        conflicts_with = "continue_last"
    )]
    pub history: Option<PathBuf>,

    /// Continue the last conversation (the last run without --history), kept in
    /// $XDG_DATA_HOME/oaichat/last.jsonl.
    #[arg(help_heading = "Conversation", short = 'c', long = "continue")]
    pub continue_last: bool,

    /// Drop the oldest turns (never the system message or the new prompt) until the
    /// conversation fits in this many tokens.
    #[arg(help_heading = "Conversation", long, value_name = "TOKENS", value_parser = clap::value_parser!(u32).range(1..), allow_negative_numbers = true)]
    pub history_limit: Option<u32>,

    /// Chat in a loop: a line editor, answers streamed, the conversation kept (and saved
    /// like any other). Lines that start with / are commands (/model, /retry, /save …):
    /// /help lists them. `exit`, `quit`, `bye`, `종료` or Ctrl-D end it.
    #[arg(help_heading = "Conversation", short, long, conflicts_with_all = ["raw", "dry_run", "files"])]
    pub interactive: bool,

    /// Line mode: every line of stdin (or -f FILE) is one input for the prompt arguments;
    /// one answer per line, in input order, newlines escaped as \n.
    #[arg(help_heading = "Many prompts", long, conflicts_with_all = ["jsonl", "stream", "interactive", "history", "continue_last", "dry_run"])]
    pub each: bool,

    /// Line mode: every line is {"prompt": …} (with optional "id", "role", "system", "model"
    /// and request fields) or a whole request body; one JSON record per input, in input
    /// order.
    #[arg(help_heading = "Many prompts", long, conflicts_with_all = ["stream", "interactive", "history", "continue_last", "dry_run"])]
    pub jsonl: bool,

    /// Requests at once in line mode.
    #[arg(help_heading = "Many prompts", short = 'P', long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=256), allow_negative_numbers = true)]
    pub parallel: u16,

    /// Line mode: skip inputs whose id has a successful record in FILE, append the rest to
    /// it (JSON records), so an interrupted run continues where it stopped.
    #[arg(
        help_heading = "Many prompts",
        long,
        value_name = "FILE",
        requires = "line_mode"
    )]
    pub resume: Option<PathBuf>,

    /// After the answer, print token usage and the estimated cost on stderr.
    #[arg(help_heading = "Output", long)]
    pub usage: bool,

    /// Print the request JSON that would be sent, and its token count on stderr; send
    /// nothing (no key needed).
    #[arg(help_heading = "Output", long)]
    pub dry_run: bool,

    /// Print the answer as it is generated.
    #[arg(help_heading = "Output", long)]
    pub stream: bool,

    /// Write the answer to FILE instead of stdout: whole or not at all (a temporary file
    /// renamed when the run succeeds; a failed run keeps what came as FILE.partial).
    #[arg(
        help_heading = "Output",
        short = 'O',
        long,
        value_name = "FILE",
        conflicts_with = "interactive"
    )]
    pub output: Option<PathBuf>,

    /// Print the API's JSON instead of the text (one object per line with --stream).
    #[arg(help_heading = "Output", long)]
    pub raw: bool,

    /// Print only the answer's first fenced code block, without its fences (with
    /// --stream, as soon as it closes; with -n, each answer's; with --jsonl, in an
    /// "extracted" field). No closed block: nothing printed, exit 8.
    #[arg(help_heading = "Output", short = 'x', long, conflicts_with_all = ["extract_last", "raw", "dry_run", "interactive"])]
    pub extract: bool,

    /// Print only the answer's last fenced code block, without its fences.
    #[arg(help_heading = "Output", long, conflicts_with_all = ["raw", "dry_run", "interactive"])]
    pub extract_last: bool,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub tools: ToolArgs,

    /// Do not show the model's reasoning, which reasoning servers (vLLM, llama.cpp,
    /// Ollama, DeepSeek) send, on stderr.
    #[arg(help_heading = "Output", long)]
    pub hide_reasoning: bool,

    /// Colour: auto (on a terminal), always or never. NO_COLOR turns it off and
    /// CLICOLOR_FORCE on, unless this flag is given.
    #[arg(help_heading = "Output", long, value_name = "WHEN", global = true)]
    pub color: Option<crate::output::color::ColorChoice>,

    /// Render the answer as markdown: auto (when stdout is a terminal), always (also into
    /// a pipe, for `less -R`) or never. Never with --raw, --json, --schema, -x.
    #[arg(help_heading = "Output", long, value_name = "WHEN")]
    pub render: Option<crate::output::render_choice::RenderChoice>,

    /// The API to send to: chat (Chat Completions), responses (the Responses API), or auto
    /// (responses for the models served only there, such as o3-pro, and after a chat
    /// endpoint's 404 that says so).
    #[arg(help_heading = "Connection", long, value_name = "API")]
    pub api: Option<crate::api::responses::ApiChoice>,

    /// Give up on a whole answer after this many seconds [default: 600].
    #[arg(help_heading = "Connection", long, global = true, value_name = "SECONDS", value_parser = seconds, allow_negative_numbers = true)]
    pub timeout: Option<f64>,

    /// Give up on connecting after this many seconds [default: 10], or on an MCP server
    /// that has not started and listed its tools [default: 30].
    #[arg(help_heading = "Connection", long, global = true, value_name = "SECONDS", value_parser = seconds, allow_negative_numbers = true)]
    pub connect_timeout: Option<f64>,

    /// With --stream, give up when the server is silent this long [default: 120].
    #[arg(help_heading = "Connection", long, value_name = "SECONDS", value_parser = seconds, allow_negative_numbers = true)]
    pub idle_timeout: Option<f64>,

    /// Retries on connection errors, timeouts, 408, 409, 429 and 5xx
    /// [default: $OAICHAT_MAX_RETRIES, else 2]. 0 disables them.
    #[arg(help_heading = "Connection", long, value_name = "N", value_parser = clap::value_parser!(u32).range(..=100), allow_negative_numbers = true, global = true)]
    pub max_retries: Option<u32>,

    /// API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1].
    #[arg(help_heading = "Connection", long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Trust this CA certificate (PEM) too, e.g. a corporate proxy's. $SSL_CERT_FILE works
    /// the same way.
    #[arg(help_heading = "Connection", long, global = true, value_name = "PATH")]
    pub ca_cert: Option<PathBuf>,

    /// Allow sending the key over plain http:// to a host that is not this machine.
    #[arg(help_heading = "Connection", long, global = true)]
    pub allow_insecure_http: bool,

    /// Send this header with every request, e.g. -H 'X-Team: search' for a gateway
    /// (repeatable; a later one of a name wins). The key goes in OPENAI_API_KEY, not in an
    /// Authorization header.
    #[arg(
        help_heading = "Connection",
        short = 'H',
        long = "header",
        global = true,
        value_name = "NAME: VALUE"
    )]
    pub headers: Vec<String>,

    /// Start this MCP server (a command, split into words as a shell would, run without a
    /// shell) and offer its tools; repeatable, added to the config file's [mcp.NAME]
    /// servers. Example: --mcp 'npx -y @modelcontextprotocol/server-everything'
    #[arg(
        help_heading = "Tools",
        long = "mcp",
        global = true,
        value_name = "COMMAND"
    )]
    pub mcp: Vec<String>,

    /// Read variables from this file instead of ./.env (never overriding the environment).
    #[arg(help_heading = "Connection", long, global = true, value_name = "PATH")]
    pub env_file: Option<PathBuf>,

    /// Read defaults from this TOML file [default: $OAICHAT_CONFIG, else
    /// $XDG_CONFIG_HOME/oaichat/config.toml]. Flags and variables beat it.
    #[arg(
        help_heading = "Configuration",
        long,
        global = true,
        value_name = "PATH",
        conflicts_with = "no_config"
    )]
    pub config: Option<PathBuf>,

    /// Use the config file's [profiles.NAME]: its URL, key, headers and defaults
    /// [default: $OAICHAT_PROFILE, else the file's default_profile].
    #[arg(
        help_heading = "Configuration",
        short = 'p',
        long,
        global = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Read no config file (for jobs that must not depend on a user's home).
    #[arg(help_heading = "Configuration", long, global = true)]
    pub no_config: bool,

    /// Use a role: the system message and request defaults of roles/NAME.md next to the
    /// config file, or the built-in shell, code or explain-shell. -s adds to its text;
    /// flags beat its defaults. `oaichat roles` lists them.
    #[arg(
        help_heading = "Configuration",
        short = 'r',
        long,
        global = true,
        value_name = "NAME"
    )]
    pub role: Option<String>,

    /// Print the request, status, timing and token usage on stderr.
    #[arg(help_heading = "Output", short, long, global = true)]
    pub verbose: bool,

    /// Print the version (with -v, also the git commit and the built-in features).
    #[arg(help_heading = "Output", short = 'V', long)]
    pub version: bool,
}

/// What `--version` prints; `verbose` adds the commit and features.
pub fn version_text(verbose: bool) -> String {
    let mut text = format!("oaichat {}\n", env!("CARGO_PKG_VERSION"));
    if verbose {
        text.push_str(concat!("commit ", env!("OAICHAT_GIT_COMMIT"), "\n"));
        text.push_str("features: rustls (system trust store), gzip, http/1.1, token counts (o200k_base, cl100k_base: tiktoken's tables, built in)\n");
    }
    text
}

/// The clap command, for completions and for tests of the definition itself.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses the process arguments; prints help, version or a usage error and exits as clap
/// does (0 or 2).
pub fn parse() -> Cli {
    parse_from(std::env::args_os()).unwrap_or_else(|err| err.exit())
}

/// Parses arguments, then orders `--user`/`--assistant` as they were given, which clap's
/// derive cannot express across two flags.
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let matches = command()
        .try_get_matches_from(&args)
        .map_err(|err| guard::prompt_hint(&args, err))?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    cli.turns = ordered_turns(&matches, &cli);
    // A subcommand's own options stand where the rest of oaichat reads them.
    match &cli.command {
        Some(Sub::Models { raw }) => cli.raw = *raw,
        Some(Sub::Batch { action }) => match action {
            BatchAction::Create { request, api, .. } => {
                cli.request = request.clone();
                cli.api = *api;
            }
            BatchAction::Status { raw, .. }
            | BatchAction::Results { raw, .. }
            | BatchAction::Cancel { raw, .. }
            | BatchAction::List { raw } => cli.raw = *raw,
            BatchAction::Wait { .. } => {}
        },
        Some(Sub::Config { .. } | Sub::Roles { .. } | Sub::Cache { .. } | Sub::Mcp { .. }) => {}
        None => return Ok(cli),
    }
    guard::only_global_options(&matches)?;
    Ok(cli)
}

fn ordered_turns(matches: &ArgMatches, cli: &Cli) -> Vec<Message> {
    let indexed = |id: &str, texts: &[String], role: Role| -> Vec<(usize, Message)> {
        let indices = matches.indices_of(id).into_iter().flatten();
        indices
            .zip(texts)
            .map(|(i, text)| (i, Message::new(role, text.as_str())))
            .collect()
    };
    let mut turns = indexed("user_turns", &cli.user_turns, Role::User);
    turns.extend(indexed(
        "assistant_turns",
        &cli.assistant_turns,
        Role::Assistant,
    ));
    turns.sort_by_key(|(i, _)| *i);
    turns.into_iter().map(|(_, turn)| turn).collect()
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
