//! `[mcp.NAME]`: an MCP server in the config file, either a program oaichat starts
//! (`command`, `args`, `env`) or a streamable-HTTP server (`url`, `headers`). The table is
//! checked as it is read, so that a table that is both or neither, or mixes their keys,
//! fails with the file and the line like a typo does.

use std::collections::BTreeMap;

use reqwest::header::{HeaderName, HeaderValue};
use serde::Deserialize;

/// One server, as its table says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Table")]
pub enum McpServer {
    /// A program speaking MCP on its stdin and stdout; `env` adds to the few variables it
    /// inherits (see `config::mcp`).
    Stdio {
        command: String,
        args: Vec<String>,
        env: BTreeMap<String, String>,
    },
    /// A streamable-HTTP server.
    Http {
        url: String,
        headers: BTreeMap<String, String>,
    },
}

/// The table's keys as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    command: Option<String>,
    args: Option<Vec<String>>,
    env: Option<BTreeMap<String, String>>,
    url: Option<String>,
    headers: Option<BTreeMap<String, String>>,
}

/// Headers the SDK sets itself, per request: a table's value would fight them.
const RESERVED: [&str; 4] = [
    "accept",
    "mcp-session-id",
    "mcp-protocol-version",
    "last-event-id",
];

impl TryFrom<Table> for McpServer {
    type Error = String;

    fn try_from(table: Table) -> Result<McpServer, String> {
        match (table.command, table.url) {
            (Some(_), Some(_)) => Err(
                "give `command` (a program to start) or `url` (a streamable-HTTP server), \
                 not both"
                    .into(),
            ),
            (None, None) => Err(
                "give `command` (a program to start) or `url` (a streamable-HTTP server)".into(),
            ),
            (Some(command), None) => {
                if table.headers.is_some() {
                    return Err("`headers` are for a `url` server; a `command` takes `env`".into());
                }
                if command.trim().is_empty() {
                    return Err("`command` must not be empty".into());
                }
                let (args, env) = (
                    table.args.unwrap_or_default(),
                    table.env.unwrap_or_default(),
                );
                Ok(McpServer::Stdio { command, args, env })
            }
            (None, Some(url)) => {
                if table.args.is_some() || table.env.is_some() {
                    return Err("`args` and `env` are for a `command` server, not a `url`".into());
                }
                check_url(&url)?;
                let headers = table.headers.unwrap_or_default();
                headers
                    .iter()
                    .try_for_each(|(name, value)| check_header(name, value))?;
                Ok(McpServer::Http { url, headers })
            }
        }
    }
}

fn check_url(url: &str) -> Result<(), String> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(()),
        _ => Err(format!(
            "`url` {url:?} is not an http(s) URL, such as \"http://127.0.0.1:3001/mcp\""
        )),
    }
}

/// A header's value is not shown: it is often a token.
fn check_header(name: &str, value: &str) -> Result<(), String> {
    if RESERVED.iter().any(|r| name.eq_ignore_ascii_case(r)) {
        return Err(format!("header {name} is set by oaichat itself: drop it"));
    }
    let valid =
        HeaderName::from_bytes(name.as_bytes()).is_ok() && HeaderValue::from_str(value).is_ok();
    match valid {
        true => Ok(()),
        false => Err(format!(
            "header {name}: a header name is letters, digits and '-', its value visible text"
        )),
    }
}

/// A server's name prefixes its tools' names when two servers share one, and those go to
/// the API as function names: it must be one of their characters.
pub fn check_name(name: &str) -> Result<(), String> {
    let valid = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    match !name.is_empty() && name.len() <= 32 && name.chars().all(valid) {
        true => Ok(()),
        false => Err("name a server with up to 32 letters, digits, '-' and '_'".into()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn shown(text: &str) -> String {
        super::super::parse(text, Path::new("c.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_table_is_a_command_or_a_url_and_is_read_as_one() {
        let text = "[mcp.fs]\ncommand = \"npx\"\nargs = [\"-y\", \"server-fs\"]\n\
                    env = { ROOT = \"/tmp\" }\n[mcp.web]\nurl = \"http://127.0.0.1:3001/mcp\"\n\
                    headers = { Authorization = \"Bearer t\" }\n[profiles.p.mcp.x]\n\
                    command = \"x\"\n";
        let top = super::super::parse(text, Path::new("c.toml")).unwrap();
        let stdio = McpServer::Stdio {
            command: "npx".into(),
            args: vec!["-y".into(), "server-fs".into()],
            env: [("ROOT".into(), "/tmp".into())].into(),
        };
        let http = McpServer::Http {
            url: "http://127.0.0.1:3001/mcp".into(),
            headers: [("Authorization".into(), "Bearer t".into())].into(),
        };
        assert_eq!(top.mcp, [("fs".into(), stdio), ("web".into(), http)].into());
        assert_eq!(top.profiles["p"].mcp.len(), 1);
    }

    #[test]
    fn a_table_that_is_both_neither_or_mixed_is_refused_with_its_line() {
        assert_eq!(
            shown("model = \"m\"\n[mcp.x]\ncommand = \"a\"\nurl = \"http://h/mcp\"\n"),
            "config file c.toml line 2: give `command` (a program to start) or `url` (a \
             streamable-HTTP server), not both"
        );
        assert_eq!(
            shown("[profiles.p.mcp.x]\nargs = []\n"),
            "config file c.toml line 1: give `command` (a program to start) or `url` (a \
             streamable-HTTP server)"
        );
        let mixed = shown("[mcp.x]\ncommand = \"a\"\nheaders = {A = \"b\"}\n");
        assert!(mixed.ends_with("`headers` are for a `url` server; a `command` takes `env`"));
        let ftp = shown("[mcp.x]\nurl = \"ftp://h\"\n");
        assert!(ftp.contains("is not an http(s) URL"), "{ftp}");
        let accept = shown("[mcp.x]\nurl = \"http://h\"\nheaders = {Accept = \"b\"}\n");
        assert!(accept.ends_with("header Accept is set by oaichat itself: drop it"));
        let typo = shown("[mcp.x]\ncommand = \"a\"\ncwd = \"/\"\n");
        assert!(typo.starts_with("config file c.toml line 3: unknown field `cwd`"));
        assert_eq!(
            shown("[mcp.\"a b\"]\ncommand = \"a\"\n"),
            "config file c.toml: mcp.a b: name a server with up to 32 letters, digits, '-' and '_'"
        );
    }
}
