//! `oaichat mcp list`: start each configured MCP server and print its tools, so that a
//! user sees what the model would be offered, and why a server does not start, without a
//! key or a request.

use std::io::Write;

use crate::config::{Config, McpAction};
use crate::error::{Error, Problem};
use crate::log;
use crate::mcp::{McpTool, Servers};

pub fn run(
    action: McpAction,
    config: &Config,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Error> {
    match action {
        McpAction::List => list(config, out, err),
    }
}

/// Every server's tools, server by server in the configured order. A server that fails
/// does not hide the others: each failure is an error line, and the last one is the
/// run's error (and exit code).
fn list(config: &Config, out: &mut impl Write, err: &mut impl Write) -> Result<(), Error> {
    if config.mcp.is_empty() {
        return Err(Problem::NoMcpServers.into());
    }
    let (servers, mut failed) =
        Servers::start_each(&config.mcp, config.mcp_start).map_err(Error::Mcp)?;
    let mut first = true;
    for spec in &config.mcp {
        let tools: Vec<&McpTool> = (servers.tools().iter())
            .filter(|tool| tool.server == spec.name)
            .collect();
        if failed
            .iter()
            .any(|e| e.server() == Some(spec.name.as_str()))
        {
            continue;
        }
        if !first {
            writeln!(out).map_err(Error::Write)?;
        }
        first = false;
        write_server(out, &spec.name, &tools).map_err(Error::Write)?;
    }
    out.flush().map_err(Error::Write)?;
    servers.shutdown();
    let last = failed.pop();
    for earlier in failed {
        log::error(err, &Error::Mcp(earlier));
    }
    last.map_or(Ok(()), |e| Err(Error::Mcp(e)))
}

/// `NAME: N tools`, then a line per tool: its name as the model sees it (and its own name
/// when that differs), and its description on the same line.
fn write_server(out: &mut impl Write, name: &str, tools: &[&McpTool]) -> std::io::Result<()> {
    match tools.len() {
        0 => writeln!(out, "{name}: no tools")?,
        1 => writeln!(out, "{name}: 1 tool")?,
        n => writeln!(out, "{name}: {n} tools")?,
    }
    for tool in tools {
        let shown = match tool.exposed == tool.name {
            true => tool.exposed.clone(),
            false => format!("{} ({} on the server)", tool.exposed, tool.name),
        };
        let description = (tool.description.as_deref().unwrap_or_default())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match description.is_empty() {
            true => writeln!(out, "  {shown}")?,
            false => writeln!(out, "  {shown}: {description}")?,
        }
    }
    Ok(())
}
