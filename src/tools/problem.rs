//! Tool definitions and results that cannot be sent (exit 2, through
//! [`crate::error::Problem::Tool`]). Defined here, beside the tools, so that this leaf
//! imports nothing of the crate.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ToolProblem {
    #[error("cannot read the tools file {path}: {cause}")]
    Read {
        path: PathBuf,
        #[source]
        cause: std::io::Error,
    },
    #[error("{origin}: not valid JSON ({cause}): give a tools list or one tool definition")]
    Json {
        origin: String,
        #[source]
        cause: serde_json::Error,
    },
    #[error("{origin}: {why}")]
    Definition { origin: String, why: String },
    #[error("two tools are named {0}: give each tool its own name")]
    Twice(String),
    #[error(
        "the tool {name} is defined with --tools and offered by the MCP server {server}: rename one"
    )]
    McpTwice { name: String, server: String },

    #[error("--tool-choice needs tools to choose from: add --tools")]
    ChoiceWithoutTools,
    #[error("--tool-cmd {name}: no tool has that name (the tools are {known})")]
    UnknownCommand { name: String, known: String },
    #[error(
        "--tool-cmd {0} is not NAME=COMMAND: write e.g. --tool-cmd get_weather='./weather.sh --json'"
    )]
    CommandForm(String),
    #[error("--tool-choice {name}: no tool has that name (the tools are {known})")]
    UnknownChoice { name: String, known: String },
    #[error(
        "--tool-result {0} is not ID=VALUE: write e.g. --tool-result call_abc='{{\"temp\":21}}'"
    )]
    ResultForm(String),
    #[error("--tool-result {0} is given twice: give one result per call")]
    ResultTwice(String),
    #[error("--tool-result @- reads stdin once: give the other results as text or @FILE")]
    StdinTwice,
    #[error("cannot read a --tool-result from stdin: {cause}")]
    Stdin {
        #[source]
        cause: std::io::Error,
    },
    #[error(
        "--tool-result needs the conversation that asked for the calls: add --history FILE \
         or -c"
    )]
    ResultWithoutHistory,
    #[error("--tool-result: the conversation's last message asked for no tool calls{0}")]
    NoCallsPending(String),
    #[error("--tool-result {id}: the model asked for no call of that id (it asked for {asked})")]
    UnknownCall { id: String, asked: String },
    #[error("--tool-result: no result given for {missing} (each call needs one)")]
    MissingResults { missing: String },
}
