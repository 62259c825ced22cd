//! The names tools are offered to the model under. OpenAI takes function names matching
//! `^[a-zA-Z0-9_-]{1,64}$` and they must be unique across every server, while MCP allows
//! any string and two servers may offer the same one. So: a tool keeps its own name where
//! it can; a name two servers share gets its server's name in front (`SERVER__name`); what
//! OpenAI would refuse is replaced character by character; and what still collides gets a
//! number. The same tool lists always give the same names.

use std::collections::{BTreeMap, BTreeSet};

use super::McpTool;

/// The longest function name OpenAI takes.
const MOST: usize = 64;

/// Between a server's name and its tool's, where two servers share a tool name.
const SEPARATOR: &str = "__";

/// Fills in `exposed` for every tool, server by server in order.
pub fn expose(listed: Vec<(String, Vec<McpTool>)>) -> Vec<McpTool> {
    let servers_of = servers_by_name(&listed);
    let mut taken = BTreeSet::new();
    let mut tools = Vec::new();
    for (server, server_tools) in listed {
        for mut tool in server_tools {
            let own = sanitize(&tool.name);
            let wanted = match servers_of.get(&own) {
                Some(servers) if servers.len() > 1 => {
                    sanitize(&format!("{}{SEPARATOR}{}", sanitize(&server), own))
                }
                _ => own,
            };
            tool.exposed = unique(wanted, &mut taken);
            tools.push(tool);
        }
    }
    tools
}

/// For each sanitized tool name, the servers that offer it.
fn servers_by_name(listed: &[(String, Vec<McpTool>)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut servers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (server, tools) in listed {
        for tool in tools {
            servers
                .entry(sanitize(&tool.name))
                .or_default()
                .insert(server.clone());
        }
    }
    servers
}

/// `name` as OpenAI takes it: other characters become `_`, at most 64 of them, never empty.
pub fn sanitize(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' | '-' => c,
            _ => '_',
        })
        .take(MOST)
        .collect();
    if clean.is_empty() {
        "tool".to_string()
    } else {
        clean
    }
}

/// `wanted`, or `wanted_2`, `wanted_3` … (cut to fit), whichever is not taken yet.
fn unique(wanted: String, taken: &mut BTreeSet<String>) -> String {
    let mut name = wanted.clone();
    let mut n = 2;
    while taken.contains(&name) {
        let suffix = format!("_{n}");
        let keep = wanted.len().min(MOST - suffix.len());
        name = format!("{}{suffix}", &wanted[..keep]);
        n += 1;
    }
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool(server: &str, name: &str) -> McpTool {
        McpTool {
            server: server.into(),
            name: name.into(),
            exposed: String::new(),
            description: None,
            input_schema: serde_json::json!({"type": "object"}),
        }
    }

    fn exposed(listed: &[(&str, &[&str])]) -> Vec<String> {
        let listed = listed
            .iter()
            .map(|(server, names)| {
                let tools = names.iter().map(|n| tool(server, n)).collect();
                (server.to_string(), tools)
            })
            .collect();
        expose(listed).into_iter().map(|t| t.exposed).collect()
    }

    #[test]
    fn a_name_two_servers_share_is_prefixed_and_the_others_are_kept() {
        assert_eq!(
            exposed(&[("fs", &["read", "echo"]), ("everything", &["echo", "add"])]),
            ["read", "fs__echo", "everything__echo", "add"]
        );
    }

    #[test]
    fn names_openai_refuses_are_made_valid_and_unique() {
        assert_eq!(
            exposed(&[("a", &["get.weather", "get_weather", "", "Ünïcode"])]),
            ["get_weather", "get_weather_2", "tool", "_n_code"]
        );
        let long = "x".repeat(70);
        let names = exposed(&[("a", &[&long, &long])]);
        assert_eq!(names[0], "x".repeat(64));
        assert_eq!(names[1], format!("{}_2", "x".repeat(62)));
    }

    #[test]
    fn names_that_collide_only_once_sanitized_count_as_shared() {
        assert_eq!(
            exposed(&[("one", &["a.b"]), ("two.x", &["a_b"])]),
            ["one__a_b", "two_x__a_b"]
        );
    }
}
