//! MCP servers (issue 14): start them, list their tools, call a tool, and shut them down,
//! leaving no process behind.
//!
//! oaichat is a blocking program, and the SDK (`rmcp`) is async: [`Servers`] owns a
//! current-thread tokio runtime of its own and blocks on it, as the HTTP layer does with
//! its driver, so the rest of oaichat sees plain calls that return within their wait.
//! A stdio server is a child process spawned here (not by the SDK) so that this module
//! holds the process itself: it leads its own process group (the terminal's Ctrl-C reaches
//! oaichat, which decides), it is registered with [`crate::interrupt`] (whose exit runs no
//! destructors), its stderr is kept in a small ring for error messages instead of spilling
//! onto the user's terminal, and shutting down ends the whole group.
//!
//! A leaf: the configuration resolves [`ServerSpec`]s, the commands call [`Servers`].

use std::collections::BTreeMap;
use std::time::Duration;

use futures::future::join_all;

mod child;
mod connect;
mod content;
mod error;
mod names;
mod tail;

pub use error::{McpError, Stage};

use connect::Connection;

/// One MCP server as the user configured it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerSpec {
    /// Its name: `[mcp.NAME]`, or the program's for `--mcp`. Prefixes its tools' names
    /// when two servers offer the same name.
    pub name: String,
    pub transport: Transport,
}

/// How oaichat talks to a server.
#[derive(Clone, PartialEq, Eq)]
pub enum Transport {
    /// A child process speaking JSON-RPC on its stdin and stdout. `env` is its whole
    /// environment: it inherits nothing else (see `config::mcp`).
    Stdio {
        command: String,
        args: Vec<String>,
        env: BTreeMap<String, String>,
    },
    /// A streamable-HTTP server at `url`, sent `headers` with every request.
    Http {
        url: String,
        headers: Vec<(String, String)>,
    },
}

/// Header values and the child's environment may hold tokens: Debug shows names only.
impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Stdio { command, args, env } => f
                .debug_struct("Stdio")
                .field("command", command)
                .field("args", args)
                .field("env", &env.keys().collect::<Vec<_>>())
                .finish(),
            Transport::Http { url, headers } => f
                .debug_struct("Http")
                .field("url", url)
                .field("headers", &headers.iter().map(|h| &h.0).collect::<Vec<_>>())
                .finish(),
        }
    }
}

/// A tool a server offers, and the name it is offered to the model under.
#[derive(Debug, Clone, PartialEq)]
pub struct McpTool {
    /// The server's name.
    pub server: String,
    /// The tool's name on its server.
    pub name: String,
    /// The name offered to the model: valid for OpenAI (`^[a-zA-Z0-9_-]{1,64}$`) and
    /// unique among all servers' tools.
    pub exposed: String,
    pub description: Option<String>,
    /// The tool's `inputSchema`: a JSON Schema object.
    pub input_schema: serde_json::Value,
}

/// What a tool call returned, as text for the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallResult {
    /// The text parts joined by newlines; other parts described in brackets.
    pub text: String,
    /// The server said the tool failed (`isError: true`): the text says why.
    pub is_error: bool,
}

/// Running MCP servers and their tools. Dropping it shuts them down.
pub struct Servers {
    runtime: Runtime,
    connections: Vec<Connection>,
    tools: Vec<McpTool>,
}

impl Servers {
    /// Starts every server (at once), initialises it and lists all its tools, each within
    /// `wait`. The first server to fail (in `specs` order) is the error; those that had
    /// started are shut down.
    pub fn start(specs: &[ServerSpec], wait: Duration) -> Result<Servers, McpError> {
        let (servers, mut failed) = Servers::start_each(specs, wait)?;
        match failed.is_empty() {
            true => Ok(servers),
            // Dropping `servers` shuts down the ones that started.
            false => Err(failed.swap_remove(0)),
        }
    }

    /// Starts every server as [`Servers::start`] does, but a server that fails is left out
    /// and its error returned beside the others (in `specs` order): for `mcp list`, which
    /// shows what works and says what does not.
    pub fn start_each(
        specs: &[ServerSpec],
        wait: Duration,
    ) -> Result<(Servers, Vec<McpError>), McpError> {
        let runtime = Runtime::new()?;
        let opened = join_all(specs.iter().map(|spec| Connection::open(spec, wait)));
        let started = runtime.block_on(opened);
        let mut servers = Servers {
            runtime,
            connections: Vec::new(),
            tools: Vec::new(),
        };
        let (mut listed, mut failed) = (Vec::new(), Vec::new());
        for result in started {
            match result {
                Ok((connection, tools)) => {
                    listed.push((connection.name().to_string(), tools));
                    servers.connections.push(connection);
                }
                Err(e) => failed.push(e),
            }
        }
        servers.tools = names::expose(listed);
        Ok((servers, failed))
    }

    /// Every server's tools, server by server in the order given, each server's in the
    /// order it listed them.
    pub fn tools(&self) -> &[McpTool] {
        &self.tools
    }

    /// Calls the tool offered as `exposed` with `arguments` (a JSON object), within `wait`.
    /// A result the server marks as an error is a [`CallResult`] with `is_error`; a server
    /// that crashes, hangs past `wait` or breaks the protocol is an [`McpError`].
    pub fn call(
        &mut self,
        exposed: &str,
        arguments: serde_json::Value,
        wait: Duration,
    ) -> Result<CallResult, McpError> {
        let tool = (self.tools.iter().find(|t| t.exposed == exposed))
            .ok_or_else(|| McpError::UnknownTool(exposed.to_string()))?;
        let connection = (self.connections.iter_mut())
            .find(|c| c.name() == tool.server)
            .ok_or_else(|| McpError::UnknownTool(exposed.to_string()))?;
        let name = tool.name.clone();
        self.runtime
            .block_on(connection.call(&name, arguments, wait))
    }

    /// Shuts every server down (at once): see [`Connection::close`]. Dropping does the same.
    pub fn shutdown(mut self) {
        self.close_all();
    }

    fn close_all(&mut self) {
        let connections = std::mem::take(&mut self.connections);
        if !connections.is_empty() {
            (self.runtime).block_on(join_all(connections.into_iter().map(Connection::close)));
        }
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        self.close_all();
    }
}

/// The runtime the SDK runs on, shut down without waiting for its blocking threads.
struct Runtime(Option<tokio::runtime::Runtime>);

impl Runtime {
    fn new() -> Result<Runtime, McpError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(McpError::Runtime)?;
        Ok(Runtime(Some(runtime)))
    }

    fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        let runtime = self
            .0
            .as_ref()
            .expect("the runtime lives until Servers is dropped");
        runtime.block_on(future)
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

#[cfg(test)]
mod tests;
