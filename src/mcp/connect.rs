//! One server's session: opened (spawned or connected, initialised, its tools listed),
//! called, and closed. Every wait here is bounded, and every failure is told as an
//! [`McpError`] with the server's stderr tail and, when it died, how it ended.

use std::collections::HashMap;
use std::future::Future;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderName, HeaderValue};
use rmcp::model::{CallToolRequestParams, ClientCapabilities, ClientConfig, Implementation};
use rmcp::service::{ClientInitializeError, RunningService};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::{
    StreamableHttpClientTransportConfig, StreamableHttpError,
};
use rmcp::{RoleClient, ServiceError, ServiceExt};

use super::child::Child;
use super::error::{Cause, McpError, Stage};
use super::{CallResult, McpTool, ServerSpec, Transport, content};

/// How long the SDK gets to end a session cleanly (an HTTP server's DELETE) on shutdown.
const CLOSE_WAIT: Duration = Duration::from_secs(1);

/// How long a server that broke a request gets to show that it died, so that the error
/// says "exited" with its status rather than a protocol message.
const DYING: Duration = Duration::from_millis(300);

type Client = RunningService<RoleClient, ClientConfig>;

pub struct Connection {
    name: String,
    /// None once the server failed: later calls are [`McpError::Gone`].
    client: Option<Client>,
    /// A stdio server's process.
    child: Option<Child>,
}

impl Connection {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Starts the server, initialises the session and lists every page of its tools,
    /// all within `wait`. On failure the server is ended before the error is returned.
    pub async fn open(
        spec: &ServerSpec,
        wait: Duration,
    ) -> Result<(Connection, Vec<McpTool>), McpError> {
        let mut connection = Connection {
            name: spec.name.clone(),
            client: None,
            child: None,
        };
        match connection.start(spec, wait).await {
            Ok(tools) => Ok((connection, tools)),
            Err(e) => {
                connection.close().await;
                Err(e)
            }
        }
    }

    async fn start(&mut self, spec: &ServerSpec, wait: Duration) -> Result<Vec<McpTool>, McpError> {
        let deadline = Instant::now() + wait;
        let started = match &spec.transport {
            Transport::Stdio { command, args, env } => {
                let (child, stdout, stdin) =
                    Child::spawn(command, args, env).map_err(|source| McpError::Spawn {
                        server: spec.name.clone(),
                        program: command.clone(),
                        source,
                    })?;
                self.child = Some(child);
                timeout(deadline, client_config().serve((stdout, stdin))).await
            }
            Transport::Http { url, headers } => {
                let transport = (http_transport(url, headers))
                    .map_err(|source| self.failed_now(Stage::Starting, source))?;
                timeout(deadline, client_config().serve(transport)).await
            }
        };
        let client = match started {
            Some(Ok(client)) => client,
            Some(Err(e)) => return Err(self.failed(Stage::Starting, initialize(e)).await),
            None => return Err(self.timed_out(Stage::Starting, wait).await),
        };
        let listed = timeout(deadline, client.list_all_tools()).await;
        self.client = Some(client);
        match listed {
            Some(Ok(tools)) => Ok(tools.into_iter().map(|t| tool(&spec.name, t)).collect()),
            Some(Err(e)) => Err(self.failed(Stage::ListingTools, service(e)).await),
            None => Err(self.timed_out(Stage::ListingTools, wait).await),
        }
    }

    /// Calls `tool` (its name on this server). A JSON-RPC error in answer (an unknown tool,
    /// arguments the server refuses) is the tool failing, as `isError` is: the server is
    /// fine, and the model can do better with the message.
    pub async fn call(
        &mut self,
        tool: &str,
        arguments: serde_json::Value,
        wait: Duration,
    ) -> Result<CallResult, McpError> {
        let stage = Stage::Calling(tool.to_string());
        let Some(client) = &self.client else {
            return Err(McpError::Gone {
                server: self.name.clone(),
            });
        };
        let mut params = CallToolRequestParams::new(tool.to_string());
        match arguments {
            serde_json::Value::Object(map) => params = params.with_arguments(map),
            serde_json::Value::Null => {}
            _ => return Err(McpError::Arguments { tool: tool.into() }),
        }
        match timeout(Instant::now() + wait, client.call_tool(params)).await {
            Some(Ok(result)) => Ok(content::call_result(result)),
            Some(Err(ServiceError::McpError(refused))) => Ok(CallResult {
                text: format!("error {}: {}", refused.code.0, refused.message),
                is_error: true,
            }),
            Some(Err(e)) => Err(self.failed(stage, service(e)).await),
            None => Err(self.timed_out(stage, wait).await),
        }
    }

    /// Ends the session and the server: the SDK closes its side (a child's stdin, an HTTP
    /// session), then the child gets the spec's shutdown (see [`Child::end`]).
    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            let _ = tokio::time::timeout(CLOSE_WAIT, client.cancel()).await;
        }
        if let Some(child) = self.child.take() {
            child.end().await;
        }
    }

    /// The error for a request that failed: "exited" when the process died, else the cause.
    /// Either way the server is not asked again.
    async fn failed(&mut self, stage: Stage, source: Cause) -> McpError {
        self.client = None;
        let server = self.name.clone();
        let Some(child) = &mut self.child else {
            return McpError::Failed {
                server,
                stage,
                source,
                stderr: Vec::new(),
            };
        };
        let status = child.exited(DYING).await;
        let stderr = child.stderr_tail().await;
        match status {
            Some(status) => McpError::Exited {
                server,
                stage,
                status: Some(status),
                stderr,
            },
            None => McpError::Failed {
                server,
                stage,
                source,
                stderr,
            },
        }
    }

    /// A failure before anything was sent.
    fn failed_now(&self, stage: Stage, source: Cause) -> McpError {
        McpError::Failed {
            server: self.name.clone(),
            stage,
            source,
            stderr: Vec::new(),
        }
    }

    async fn timed_out(&mut self, stage: Stage, wait: Duration) -> McpError {
        let stderr = match &mut self.child {
            Some(child) => child.stderr_tail().await,
            None => Vec::new(),
        };
        McpError::TimedOut {
            server: self.name.clone(),
            stage,
            wait,
            stderr,
        }
    }
}

/// A listed tool, before it is given the name it is offered under.
fn tool(server: &str, tool: rmcp::model::Tool) -> McpTool {
    McpTool {
        server: server.to_string(),
        name: tool.name.to_string(),
        exposed: String::new(),
        description: tool.description.map(|d| d.to_string()),
        input_schema: serde_json::Value::Object((*tool.input_schema).clone()),
    }
}

/// What oaichat says it is: no capabilities (no sampling, roots or elicitation to offer).
fn client_config() -> ClientConfig {
    ClientConfig::new(
        ClientCapabilities::default(),
        Implementation::new("oaichat", env!("CARGO_PKG_VERSION")),
    )
}

/// The SDK's streamable-HTTP client on reqwest, with the configured headers.
fn http_transport(
    url: &str,
    headers: &[(String, String)],
) -> Result<StreamableHttpClientTransport<reqwest::Client>, Cause> {
    let mut custom = HashMap::new();
    for (name, value) in headers {
        custom.insert(
            HeaderName::from_bytes(name.as_bytes())?,
            HeaderValue::from_str(value)?,
        );
    }
    let config = StreamableHttpClientTransportConfig::with_uri(url).custom_headers(custom);
    Ok(StreamableHttpClientTransport::from_config(config))
}

/// The SDK wraps a transport's error (reqwest's, with the cause that matters: connection
/// refused) in one that names the transport's Rust type and hides the cause from
/// `source()`: the transport's own error is the cause to show.
fn service(error: ServiceError) -> Cause {
    match error {
        ServiceError::TransportSend(transport) => unwrapped(transport.error),
        other => Box::new(other),
    }
}

/// The HTTP client's error inside the streamable-HTTP transport's, which does not give it
/// as its `source()` either.
fn unwrapped(error: Cause) -> Cause {
    match error.downcast::<StreamableHttpError<reqwest::Error>>() {
        Ok(http) => match *http {
            StreamableHttpError::Client(client) => Box::new(client),
            other => Box::new(other),
        },
        Err(other) => other,
    }
}

/// As [`service`], for the handshake.
fn initialize(error: ClientInitializeError) -> Cause {
    match error {
        ClientInitializeError::TransportError { error, .. } => unwrapped(error.error),
        other => Box::new(other),
    }
}

/// `future`'s output, or None at `deadline`.
async fn timeout<F: Future>(deadline: Instant, future: F) -> Option<F::Output> {
    let deadline = tokio::time::Instant::from_std(deadline);
    tokio::time::timeout_at(deadline, future).await.ok()
}
