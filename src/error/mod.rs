//! The one error type of oaichat and the exit codes it maps to.
//!
//! Scripts branch on the exit code, so the table lives here and nowhere else; the README
//! documents the same table and `tests/integration/errors.rs` checks each row end to end.
//! Each variant carries its data and its cause; its message is written here (or, for bad
//! input, in [`problem`]), never at the place that fails.

use std::io;
use std::path::PathBuf;

pub mod code;
pub mod option;
mod place;
pub mod problem;
pub mod response;
pub mod role;

/// A status and what the server said about it (and what the request was for) are the
/// HTTP layer's; the names stay here for the commands that build or match them.
pub use crate::http::{ApiFailure, Target};
pub use crate::tools::ToolProblem;
pub use option::OptionProblem;
pub use problem::{NotText, Place, Problem, Refusal};
pub use response::{BadLine, BadResponse, Declined, Expected, Missing};
pub use role::{NotInRole, RoleDir, RoleProblem};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input found before any request: the message names the problem and the fix.
    #[error(transparent)]
    Usage(Box<Problem>),
    /// What went wrong reading a file the user named, said with its name.
    #[error("{}: {source}", .file.display())]
    InFile { file: PathBuf, source: Box<Error> },
    /// A file the user named could not be opened for appending (`--resume`).
    #[error("cannot open {}: {source}", .path.display())]
    Open { path: PathBuf, source: io::Error },
    /// Something the user named (a file, stdin, the input) could not be read.
    #[error("cannot read {what}: {source}")]
    Read { what: Input, source: io::Error },
    /// The answer could not be written to stdout. A broken pipe is not reported.
    #[error("cannot write the answer: {0}")]
    Write(#[source] io::Error),
    /// A file oaichat keeps could not be written: a history or a resume file.
    #[error("{what}: {source}")]
    Save { what: Saved, source: io::Error },
    /// Something else on this machine failed: the line editor, a reader thread.
    #[error("{task}: {source}")]
    Local { task: Task, source: io::Error },
    /// A non-success HTTP status.
    #[error("{0}")]
    Api(ApiFailure),
    /// An error object sent inside a 200 stream; the exit code follows its `type`.
    #[error("the server sent an error in the stream: {detail}")]
    StreamError {
        detail: String,
        kind: Option<String>,
    },
    /// A Responses API answer whose status is `failed` (issue 16), or a stream's `error`
    /// event; the exit code follows its kind, as a stream error's does.
    #[error("the response failed: {detail}")]
    Failed {
        detail: String,
        kind: Option<String>,
    },
    /// The HTTP layer's other failures: its settings, the network, a body cut off or too
    /// large. Their exit codes are decided in [`Error::exit_code`].
    #[error(transparent)]
    Http(crate::http::Error),
    /// A response that cannot be used as an answer.
    #[error(transparent)]
    BadResponse(Box<BadResponse>),
    /// The model refused or the content filter withheld the answer.
    #[error(transparent)]
    Declined(Declined),
    /// A batch that finished without completing (failed, expired, cancelled), by its
    /// summary line.
    #[error("the batch ended {0}")]
    BatchFailed(String),
    /// A batch whose results were asked for before it finished.
    #[error("{summary}: not finished yet; `oaichat batch wait {id}` waits for it")]
    BatchPending { id: String, summary: String },
    /// The answer is a request to call tools (named, when the calls say), where oaichat
    /// cannot hand the calls on (line mode, the chat).
    #[error(
        "the model asked to call {} instead of answering (--raw shows the calls); nothing \
         was saved",
        tools(.0)
    )]
    ToolCalls(Vec<String>),
    /// The answer is tool calls, printed on stdout for the script to run: not a failure,
    /// the signal to answer them (exit 10).
    #[error(
        "the model asked to call {}: the calls are on stdout, one JSON line each; {}",
        tools(names),
        hint
    )]
    CallsPrinted {
        names: Vec<String>,
        hint: &'static str,
    },
    /// An MCP server failed to start or to answer (its message names it, with the last
    /// lines of its stderr).
    #[error(transparent)]
    Mcp(crate::mcp::McpError),
    /// Ctrl-C stopped an answer (in the interactive chat, which goes on).
    #[error("interrupted")]
    Interrupted,
    /// Some inputs of `--each`/`--jsonl` failed; `code` is the first failure's exit code.
    #[error("{failed} of {total} inputs failed (their lines say why)")]
    Partial {
        failed: usize,
        total: usize,
        code: u8,
    },
}

/// What could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    /// A prompt file (`-f`), a schema or a system file.
    File(PathBuf),
    Image(PathBuf),
    EnvFile(PathBuf),
    History(PathBuf),
    CaCertificate(PathBuf),
    ConfigFile(PathBuf),
    /// Line mode's input, at this line.
    InputLine(usize),
}

impl std::fmt::Display for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Input::Stdin => f.write_str("stdin"),
            Input::File(path) => write!(f, "{}", path.display()),
            Input::Image(path) => write!(f, "image {}", path.display()),
            Input::EnvFile(path) => write!(f, "env file {}", path.display()),
            Input::History(path) => write!(f, "history file {}", path.display()),
            Input::CaCertificate(path) => write!(f, "CA certificate {}", path.display()),
            Input::ConfigFile(path) => write!(f, "config file {}", path.display()),
            Input::InputLine(line) => write!(f, "input line {line}"),
        }
    }
}

/// Which kept file could not be written, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Appending an exchange to a continued conversation.
    AppendHistory(PathBuf),
    /// Replacing a conversation's file (`last.jsonl`).
    ReplaceHistory(PathBuf),
    /// The chat's `/save FILE`.
    Conversation(PathBuf),
    /// Appending a record to `--resume FILE`.
    Resume,
    /// `--output FILE`.
    Output(PathBuf),
}

impl std::fmt::Display for Saved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Saved::AppendHistory(path) => {
                write!(f, "cannot append to history file {}", path.display())
            }
            Saved::ReplaceHistory(path) => {
                write!(f, "cannot write history file {}", path.display())
            }
            Saved::Conversation(path) => {
                write!(f, "cannot save the conversation to {}", path.display())
            }
            Saved::Resume => f.write_str("cannot append to the resume file"),
            Saved::Output(path) => write!(f, "cannot write output file {}", path.display()),
        }
    }
}

impl From<BadResponse> for Error {
    fn from(bad: BadResponse) -> Error {
        Error::BadResponse(Box::new(bad))
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Error {
        Error::Usage(Box::new(problem))
    }
}

impl From<RoleProblem> for Error {
    fn from(problem: RoleProblem) -> Error {
        Problem::Role(problem).into()
    }
}

/// What oaichat was doing when this machine failed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    EncodeRequest,
    StartEditor,
    ReadLine,
    /// Line mode's reader thread.
    ReadInput,
    /// Creating the config file or running the editor on it.
    EditConfig,
    /// The chat's `/edit`: its file, or running the editor on it.
    EditMessage,
    /// `oaichat cache`: finding its folder, or emptying it.
    Cache,
}

impl std::fmt::Display for Task {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Task::EncodeRequest => "cannot encode the request",
            Task::StartEditor => "cannot start the line editor",
            Task::ReadLine => "cannot read a line",
            Task::ReadInput => "cannot read the input",
            Task::EditConfig => "cannot edit the config file",
            Task::EditMessage => "cannot write the message in an editor",
            Task::Cache => "cannot use the cache",
        })
    }
}

impl Error {
    pub fn local(task: Task, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
        Error::Local {
            task,
            source: io::Error::other(source),
        }
    }

    pub fn read(what: Input, source: io::Error) -> Error {
        Error::Read { what, source }
    }

    /// The process exit code for this error; see [`code`].
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => code::USAGE,
            Error::InFile { source, .. } => source.exit_code(),
            Error::Read { source, .. } | Error::Open { source, .. } => {
                read_exit_code(source.kind())
            }
            Error::Write(_) | Error::Save { .. } | Error::Local { .. } => code::UNEXPECTED,
            Error::Api(failure) => failure_exit_code(failure),
            Error::StreamError { kind, .. } | Error::Failed { kind, .. } => {
                stream_error_exit_code(kind.as_deref())
            }
            Error::Http(http) => http_exit_code(http),
            Error::BadResponse(_) => code::BAD_RESPONSE,
            Error::Declined(_) => code::DECLINED,
            Error::Partial { code, .. } => *code,
            Error::Interrupted => code::INTERRUPTED,
            Error::BatchFailed(_) => code::BATCH_INCOMPLETE,
            Error::BatchPending { .. } => code::BATCH_PENDING,
            Error::ToolCalls(_) | Error::CallsPrinted { .. } => code::TOOL_CALLS,
            Error::Mcp(mcp) => mcp_exit_code(mcp),
        }
    }

    /// Whether this is exit 10's signal, which is said without "error:".
    pub fn is_request_for_tools(&self) -> bool {
        matches!(self, Error::CallsPrinted { .. })
    }

    /// Names where the key came from in a 401's hint, when it was not `OPENAI_API_KEY`.
    pub fn naming_the_key(mut self, key_from: Option<String>) -> Error {
        if let Error::Api(failure) = &mut self {
            failure.key_from = key_from;
        }
        self
    }

    /// True when stdout was closed by the reader, as in `oaichat … | head -1`. That is how
    /// a filter is meant to end, so main exits 0 without a word.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write(source) if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// The tools a model asked for, as words.
fn tools(names: &[String]) -> String {
    match names {
        [] => "a tool".to_string(),
        [one] => format!("the tool {one}"),
        many => format!("the tools {}", many.join(", ")),
    }
}

/// A status is an API error and a stop is an interruption, as everywhere else; the HTTP
/// layer's other failures keep their own error (and its causes).
impl From<crate::http::Error> for Error {
    fn from(err: crate::http::Error) -> Error {
        use crate::http::Error as Http;
        match err {
            Http::Status(failure) => Error::Api(*failure),
            Http::Cancelled => Error::Interrupted,
            other => Error::Http(other),
        }
    }
}

/// Settings the user can fix are bad input; a body that cannot be an answer is a bad
/// response; the rest is the network's.
fn http_exit_code(err: &crate::http::Error) -> u8 {
    use crate::http::Error as Http;
    match err {
        Http::Setting(_) => code::USAGE,
        Http::TooLarge { .. } | Http::CutOff { .. } => code::BAD_RESPONSE,
        Http::Status(failure) => failure_exit_code(failure),
        Http::Cancelled => code::INTERRUPTED,
        Http::Runtime(_)
        | Http::Client(_)
        | Http::ConnectTimeout { .. }
        | Http::Connect { .. }
        | Http::NoAnswer { .. }
        | Http::Request { .. }
        | Http::Silent { .. } => code::NETWORK,
    }
}

/// A server command that cannot be run is the user's to fix; the machine failing to make
/// a runtime is unexpected; every other failure is the server's.
fn mcp_exit_code(err: &crate::mcp::McpError) -> u8 {
    use crate::mcp::McpError as Mcp;
    match err {
        Mcp::Spawn { source, .. } => read_exit_code(source.kind()),
        Mcp::Runtime(_) => code::UNEXPECTED,
        Mcp::Exited { .. }
        | Mcp::TimedOut { .. }
        | Mcp::Failed { .. }
        | Mcp::Gone { .. }
        | Mcp::Arguments { .. }
        | Mcp::UnknownTool(_) => code::SERVER,
    }
}

/// A refused key is an authentication failure whatever the status says (LiteLLM answers
/// some with a 400); anything else goes by its status.
fn failure_exit_code(failure: &ApiFailure) -> u8 {
    if failure.refuses_key() {
        code::AUTH
    } else {
        status_exit_code(failure.status)
    }
}

/// Maps an HTTP status to an exit code. Only called for non-success statuses.
pub fn status_exit_code(status: u16) -> u8 {
    match status {
        401 | 403 => code::AUTH,
        429 => code::RATE_LIMIT,
        400..=499 => code::INVALID_REQUEST,
        500..=599 => code::SERVER,
        // 1xx/3xx that reqwest did not follow: the response is not an answer.
        _ => code::BAD_RESPONSE,
    }
}

/// What the user named and oaichat could not read: one they can fix (it is missing, not
/// theirs to read, or a directory) is bad input; anything else is this machine's failure.
fn read_exit_code(kind: io::ErrorKind) -> u8 {
    use io::ErrorKind::*;
    match kind {
        NotFound | PermissionDenied | IsADirectory | NotADirectory | InvalidFilename => code::USAGE,
        _ => code::UNEXPECTED,
    }
}

/// An error inside a stream has no status; its `type` tells what kind it is. (The spec
/// leaves `type` a free string; these are the values OpenAI sends.)
fn stream_error_exit_code(kind: Option<&str>) -> u8 {
    match kind {
        Some("authentication_error" | "permission_error") => code::AUTH,
        Some("rate_limit_error" | "rate_limit_exceeded" | "insufficient_quota") => code::RATE_LIMIT,
        Some("invalid_request_error") => code::INVALID_REQUEST,
        _ => code::SERVER,
    }
}

#[cfg(test)]
mod tests;
