//! The subcommands: `models`, `batch …`, `config`, `roles`, `cache …` and `mcp …`.

use std::path::PathBuf;

use clap::Subcommand;

use super::request::RequestArgs;
use super::values::poll_seconds;

// Parsed once per run: the size of the largest variant (batch create's request fields)
// costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug, Clone, PartialEq)]
pub enum Sub {
    /// List the models the API offers (GET /models), one id per line, sorted. Also the
    /// quickest check that a key works. With --raw, the API's JSON.
    Models {
        /// Print the API's JSON.
        #[arg(long)]
        raw: bool,
    },
    /// OpenAI's Batch API: half the price, no local rate limits, results within 24 h.
    Batch {
        #[command(subcommand)]
        action: BatchAction,
    },
    /// Print the effective settings and where each came from (flag, env, .env, role,
    /// profile, file, default), the key redacted; or the config file's path (--path), or
    /// open it in $VISUAL/$EDITOR (--edit).
    #[command(group = clap::ArgGroup::new("what").args(["path", "edit"]))]
    Config {
        /// Print the config file's path (whether or not it exists yet).
        #[arg(long)]
        path: bool,
        /// Open the config file in $VISUAL or $EDITOR, made with a commented example when
        /// missing; it is checked when the editor closes.
        #[arg(long)]
        edit: bool,
    },
    /// The roles (-r NAME): each with where it comes from and its first line; `roles show
    /// NAME` prints one.
    Roles {
        #[command(subcommand)]
        action: Option<RolesAction>,
    },
    /// The answers --cache keeps: `cache path` prints its folder, `cache clear` empties it.
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
    /// MCP servers (--mcp, and [mcp.NAME] in the config file): `mcp list` starts each and
    /// prints its tools.
    Mcp {
        #[command(subcommand)]
        action: McpAction,
    },
}

#[derive(Subcommand, Debug, Clone, Copy, PartialEq, Eq)]
pub enum McpAction {
    /// Start each server and print its tools with their descriptions (no key needed).
    List,
}

#[derive(Subcommand, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheAction {
    /// Remove every cached answer; says how many.
    Clear,
    /// Print the cache's folder (whether or not it exists yet), e.g. for a CI cache step.
    Path,
}

#[derive(Subcommand, Debug, Clone, PartialEq)]
pub enum RolesAction {
    /// Print a role as its file would be: the front matter, then the text.
    Show { name: String },
}

#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug, Clone, PartialEq)]
pub enum BatchAction {
    /// Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id.
    Create {
        /// The input file.
        input: PathBuf,
        /// Every line of INPUT is a prompt (else a --jsonl request object).
        #[arg(long)]
        each: bool,
        /// The requests' fields, as for a one-shot request.
        #[command(flatten)]
        request: RequestArgs,
        /// The API the requests go to, as for a one-shot request: chat, responses, or auto
        /// (by each line's model). A batch has one endpoint.
        #[arg(help_heading = "Connection", long, value_name = "API")]
        api: Option<crate::api::responses::ApiChoice>,
    },
    /// Print a batch's status and counts (--raw: the batch object).
    Status {
        id: String,
        /// Print the batch object.
        #[arg(long)]
        raw: bool,
    },
    /// Wait until a batch finishes, with progress on stderr; non-zero unless it completed.
    Wait {
        id: String,
        /// Seconds between the first polls (then backing off to a minute).
        #[arg(long, value_name = "SECONDS", default_value_t = 5.0, value_parser = poll_seconds)]
        poll: f64,
    },
    /// Print the results in input order, like line mode (--each: text lines; else JSON
    /// records; --raw adds each response).
    Results {
        id: String,
        /// Print text lines as --each does (else JSON records).
        #[arg(long)]
        each: bool,
        /// Add each response to its record.
        #[arg(long)]
        raw: bool,
    },
    /// Cancel a batch.
    Cancel {
        id: String,
        /// Print the batch object.
        #[arg(long)]
        raw: bool,
    },
    /// List recent batches: id, status and counts, one per line.
    List {
        /// Print the API's JSON.
        #[arg(long)]
        raw: bool,
    },
}
