//! The MCP servers of a run: the config file's `[mcp.NAME]` tables (a profile's replacing
//! the top level's of the same name), then each `--mcp 'COMMAND ARGS…'`, which adds a
//! server (flags add to the file's servers rather than replacing them, so that a one-off
//! server can join the usual ones; `--no-config` leaves the file's out).
//!
//! A started program inherits only a few variables that programs need to run (the MCP
//! SDKs' default: PATH, HOME, USER …), plus its table's `env`: the API key and whatever
//! else is in oaichat's environment stay out of a third-party server's reach.

use std::collections::BTreeMap;

use super::env::Env;
use super::file::McpServer;
use super::layers::Layers;
use crate::error::Problem;
use crate::mcp::{ServerSpec, Transport};

/// What a started server inherits from oaichat's environment, when set.
const INHERITED: [&str; 9] = [
    "HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG", "LC_ALL", "TMPDIR",
];

/// The file's servers in name order (the profile's over the top level's), then the flags'.
pub fn servers(flags: &[String], layers: &Layers) -> Result<Vec<ServerSpec>, Problem> {
    let mut tables: BTreeMap<&str, &McpServer> = BTreeMap::new();
    let profile = layers.profile.map(|selected| selected.layer);
    for layer in std::iter::once(layers.file).chain(profile) {
        tables.extend(
            layer
                .mcp
                .iter()
                .map(|(name, server)| (name.as_str(), server)),
        );
    }
    let mut specs: Vec<ServerSpec> = tables
        .into_iter()
        .map(|(name, server)| from_table(name, server, layers.env))
        .collect();
    for flag in flags {
        let words = shlex::split(flag)
            .filter(|words| !words.is_empty())
            .ok_or_else(|| Problem::McpFlag(flag.clone()))?;
        let taken: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
        let name = unique(&flag_name(&words), &taken);
        let (command, args) = words.split_first().expect("not empty: checked above");
        specs.push(ServerSpec {
            name,
            transport: Transport::Stdio {
                command: command.clone(),
                args: args.to_vec(),
                env: inherited(layers.env),
            },
        });
    }
    Ok(specs)
}

fn from_table(name: &str, server: &McpServer, env: &Env) -> ServerSpec {
    let transport = match server.clone() {
        McpServer::Stdio {
            command,
            args,
            env: added,
        } => {
            let mut env = inherited(env);
            env.extend(added);
            Transport::Stdio { command, args, env }
        }
        McpServer::Http { url, headers } => Transport::Http {
            url,
            headers: headers.into_iter().collect(),
        },
    };
    ServerSpec {
        name: name.to_string(),
        transport,
    }
}

fn inherited(env: &Env) -> BTreeMap<String, String> {
    let set = INHERITED
        .iter()
        .filter_map(|&name| Some((name, env.get(name)?)));
    set.map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// Programs that run the server named by their first argument that is not an option.
const LAUNCHERS: [&str; 11] = [
    "npx", "bunx", "pnpx", "uvx", "uv", "pipx", "node", "deno", "bun", "python", "python3",
];

/// A flag's server is named after its program, or after what a launcher runs
/// (`npx -y @modelcontextprotocol/server-everything` is `everything`), without the
/// `mcp-server-`/`server-` decorations and in the characters a name may hold.
fn flag_name(words: &[String]) -> String {
    let program = base(&words[0]);
    let launched = (LAUNCHERS.contains(&program.as_str()))
        .then(|| {
            words[1..]
                .iter()
                .find(|w| !w.starts_with('-') && *w != "run")
        })
        .flatten();
    let mut name = launched.map_or(program, |w| base(w));
    for prefix in ["mcp-server-", "server-", "mcp-"] {
        if let Some(rest) = name.strip_prefix(prefix).filter(|r| !r.is_empty()) {
            name = rest.to_string();
            break;
        }
    }
    for suffix in ["-mcp-server", "-server", "-mcp"] {
        if let Some(rest) = name.strip_suffix(suffix).filter(|r| !r.is_empty()) {
            name = rest.to_string();
            break;
        }
    }
    let name: String = (name.chars())
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(24)
        .collect();
    if name.is_empty() { "mcp".into() } else { name }
}

/// The last part of a path or a package (`@scope/pkg@1.2` is `pkg`), without an extension.
fn base(word: &str) -> String {
    let last = word.rsplit('/').next().unwrap_or(word);
    let last = match last.find('@') {
        Some(at) if at > 0 => &last[..at],
        _ => last,
    };
    let stem = match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() && ext.len() <= 4 => stem,
        _ => last,
    };
    stem.to_string()
}

/// `name`, or `name-2`, `name-3` … whichever no server has yet.
fn unique(name: &str, taken: &[&str]) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while taken.contains(&candidate.as_str()) {
        candidate = format!("{name}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(line: &str) -> String {
        flag_name(&shlex::split(line).unwrap())
    }

    #[test]
    fn a_flag_s_server_is_named_after_what_it_runs() {
        assert_eq!(
            named("npx -y @modelcontextprotocol/server-everything"),
            "everything"
        );
        assert_eq!(
            named("npx -y @modelcontextprotocol/server-everything@2026.8.31"),
            "everything"
        );
        assert_eq!(named("mcp-server-fetch"), "fetch");
        assert_eq!(named("uvx mcp-server-git --repository ."), "git");
        assert_eq!(named("python3 tests/fixtures/mcp/fault.py crash"), "fault");
        assert_eq!(named("/usr/local/bin/github-mcp-server stdio"), "github");
        assert_eq!(named("./my.tool.v2"), "my_tool");
        assert_eq!(named("uv run weather.py"), "weather");
        assert_eq!(named("sh -c 'server --stdio; exit'"), "sh");
        assert_eq!(unique("fault", &["fault", "fault-2"]), "fault-3");
    }
}
