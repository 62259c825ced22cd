//! How an MCP server failed, said in one line that names the server, what oaichat was
//! doing, and the last lines of the server's stderr (which usually say why).

use std::fmt;
use std::process::ExitStatus;
use std::time::Duration;

/// A cause from the SDK or the HTTP client.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Lines of a server's stderr shown in a message.
pub const SHOWN_LINES: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum McpError {
    /// The server's program could not be started (missing, not executable).
    #[error("MCP server {server}: cannot run `{program}`: {source}")]
    Spawn {
        server: String,
        program: String,
        source: std::io::Error,
    },
    /// The server's process ended (or an HTTP server closed the session) before it answered.
    #[error("MCP server {server} {} while {stage}{}", ended(.status), said(.stderr))]
    Exited {
        server: String,
        stage: Stage,
        status: Option<ExitStatus>,
        stderr: Vec<String>,
    },
    /// No answer within the wait.
    #[error(
        "MCP server {server} did not answer within {} while {stage}{}",
        seconds(*.wait), said(.stderr)
    )]
    TimedOut {
        server: String,
        stage: Stage,
        wait: Duration,
        stderr: Vec<String>,
    },
    /// Anything else: a protocol error, an HTTP failure, an answer that is not MCP.
    #[error("MCP server {server} failed while {stage}: {}{}", chain(.source.as_ref()), said(.stderr))]
    Failed {
        server: String,
        stage: Stage,
        source: Cause,
        stderr: Vec<String>,
    },
    /// A call to a server that had already failed.
    #[error("MCP server {server} is not running any more (it failed earlier)")]
    Gone { server: String },
    /// A call's arguments were not a JSON object.
    #[error("the arguments for MCP tool {tool} are not a JSON object")]
    Arguments { tool: String },
    /// A call for a tool no server offers.
    #[error("no MCP server offers a tool named {0}")]
    UnknownTool(String),
    /// The runtime the SDK runs on could not be made.
    #[error("cannot start the MCP client: {0}")]
    Runtime(std::io::Error),
}

impl McpError {
    /// The server the error is about, if it is about one.
    pub fn server(&self) -> Option<&str> {
        match self {
            McpError::Spawn { server, .. }
            | McpError::Exited { server, .. }
            | McpError::TimedOut { server, .. }
            | McpError::Failed { server, .. }
            | McpError::Gone { server } => Some(server),
            McpError::Arguments { .. } | McpError::UnknownTool(_) | McpError::Runtime(_) => None,
        }
    }
}

/// What oaichat was asking of the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Starting it and the `initialize` handshake.
    Starting,
    /// `tools/list`, every page.
    ListingTools,
    /// `tools/call` of this tool (its name on the server).
    Calling(String),
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stage::Starting => f.write_str("starting"),
            Stage::ListingTools => f.write_str("listing its tools"),
            Stage::Calling(tool) => write!(f, "running tool {tool}"),
        }
    }
}

fn ended(status: &Option<ExitStatus>) -> String {
    match status {
        Some(status) => format!("exited ({status})"),
        None => "closed the connection".to_string(),
    }
}

fn seconds(wait: Duration) -> String {
    format!("{}s", wait.as_secs_f64())
}

/// `; its stderr ended: "a" "b"`, or nothing when it wrote nothing.
fn said(stderr: &[String]) -> String {
    if stderr.is_empty() {
        return String::new();
    }
    format!("; its stderr ended: {}", stderr.join(" | "))
}

/// An error and its causes, as one line: the SDK's messages often leave the cause that
/// matters (connection refused) to `source()`.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = one_line(&error.to_string());
    let mut next = error.source();
    while let Some(cause) = next {
        let said = one_line(&cause.to_string());
        if !text.contains(&said) {
            text = format!("{text}: {said}");
        }
        next = cause.source();
    }
    text
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_is_one_line_naming_the_server_and_the_stage() {
        let exited = McpError::Exited {
            server: "crash".into(),
            stage: Stage::Calling("boom".into()),
            status: None,
            stderr: vec!["about to crash".into(), "bye".into()],
        };
        assert_eq!(
            exited.to_string(),
            "MCP server crash closed the connection while running tool boom; its stderr \
             ended: about to crash | bye"
        );
        let slow = McpError::TimedOut {
            server: "hang".into(),
            stage: Stage::Starting,
            wait: Duration::from_millis(1500),
            stderr: Vec::new(),
        };
        assert_eq!(
            slow.to_string(),
            "MCP server hang did not answer within 1.5s while starting"
        );
        let io = std::io::Error::other("refused\n  twice");
        let failed = McpError::Failed {
            server: "web".into(),
            stage: Stage::ListingTools,
            source: Box::new(io),
            stderr: Vec::new(),
        };
        assert_eq!(
            failed.to_string(),
            "MCP server web failed while listing its tools: refused twice"
        );
    }
}
