//! The tool settings (issue 14): `--tools` and the file's `tools`, how the model may use
//! them and how oaichat runs them; and the check that keeps MCP servers' traffic off plain
//! http to other machines.

use std::time::Duration;

use super::cli::Cli;
use super::layers::Layers;
use crate::error::Problem;

/// The tool flags, or the tools and choice of the highest layer that sets them (`--tools`
/// replaces a profile's list, as every flag replaces a setting).
pub(super) fn tools(cli: &Cli, layers: &Layers) -> Result<crate::tools::Tools, Problem> {
    let args = &cli.tools;
    let flagged = (!args.tools.is_empty()).then(Vec::new);
    let loaded = layers.pick("tools", flagged, None, |l| l.loaded_tools.clone());
    let choice = layers.pick("tool_choice", args.tool_choice.clone(), None, |l| {
        l.tool_choice.clone()
    });
    let given = crate::tools::Given {
        tools: &args.tools,
        choice: choice.as_deref(),
        parallel: args.no_parallel_tool_calls.then_some(false),
        commands: &args.tool_cmd,
        base: None,
        loaded: loaded.as_deref(),
    };
    let run = crate::tools::RunSettings {
        wait: Duration::from_secs_f64(args.tool_timeout),
        max_rounds: args.max_tool_rounds,
        yes: args.yes,
    };
    Ok(crate::tools::load(given, run)?)
}

/// The typed settings that flags outside the layers set, which `-o` may not set again.
pub(super) fn flagged(cli: &Cli) -> Vec<&'static str> {
    let args = &cli.tools;
    [
        ("n", cli.n.is_some()),
        ("tools", !args.tools.is_empty()),
        ("tool_choice", args.tool_choice.is_some()),
        ("parallel_tool_calls", args.no_parallel_tool_calls),
    ]
    .into_iter()
    .filter_map(|(name, set)| set.then_some(name))
    .collect()
}

/// The MCP servers (the file's, then `--mcp`), checked as URLs are.
pub(super) fn mcp_servers(
    cli: &Cli,
    layers: &Layers,
) -> Result<Vec<crate::mcp::ServerSpec>, Problem> {
    let servers = super::mcp::servers(&cli.mcp, layers)?;
    insecure_mcp(&servers, cli.allow_insecure_http)?;
    Ok(servers)
}

/// Plain http to an MCP server is for this machine only unless allowed, as for the API:
/// its headers may hold a token.
fn insecure_mcp(servers: &[crate::mcp::ServerSpec], allowed: bool) -> Result<(), Problem> {
    for server in servers {
        let crate::mcp::Transport::Http { url, .. } = &server.transport else {
            continue;
        };
        let Ok(parsed) = reqwest::Url::parse(url) else {
            continue; // the client names a URL it cannot parse when it starts
        };
        if parsed.scheme() == "http" && !allowed && !super::proxy::is_loopback(&parsed) {
            let host = parsed.host_str().unwrap_or_default().to_string();
            let server = server.name.clone();
            return Err(Problem::InsecureMcp { server, host });
        }
    }
    Ok(())
}
