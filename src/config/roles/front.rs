//! A role file's text: optional TOML front matter between a first line `+++` and a closing
//! `+++` line (Hugo's and Zola's form, and TOML as the config file is), then the system
//! message. The front matter is a [`Layer`] with the config file's keys and checks, less
//! those that are not a role's to set.

use std::path::Path;

use crate::config::file::{Layer, line_of};
use crate::error::{NotInRole, RoleProblem};

/// A role file cut in two: the front matter without its `+++` lines, and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts<'a> {
    pub front: Option<&'a str>,
    pub text: &'a str,
}

/// Cuts a role file at its front matter; None when a front matter is opened and never
/// closed. Lines may end in `\r\n`; a UTF-8 byte order mark is skipped.
pub fn split(file: &str) -> Option<Parts<'_>> {
    let file = file.strip_prefix('\u{feff}').unwrap_or(file);
    let first = file.find('\n').map_or(file.len(), |i| i + 1);
    if !is_fence(&file[..first]) {
        return Some(Parts {
            front: None,
            text: file,
        });
    }
    let rest = &file[first..];
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if is_fence(line) {
            return Some(Parts {
                front: Some(&rest[..at]),
                text: &rest[at + line.len()..],
            });
        }
        at += line.len();
    }
    None
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Parses a role file: the front matter's settings, with the text (without the white
/// space around it) as `system`, None when there is none. `path` names the file in errors.
pub fn parse(file: &str, path: &Path) -> Result<Layer, RoleProblem> {
    let Parts { front, text } = split(file).ok_or_else(|| RoleProblem::Unclosed(path.into()))?;
    let front = front.unwrap_or_default();
    let mut layer: Layer = toml::from_str(front).map_err(|e| RoleProblem::Syntax {
        path: path.to_path_buf(),
        // The front matter starts on the file's second line.
        line: e.span().map(|span| line_of(front, span.start) + 1),
        message: e.message().trim().to_string(),
    })?;
    if let Some((key, why)) = refused(&layer) {
        let line = key_line(front, key);
        let path = path.to_path_buf();
        return Err(RoleProblem::Refused {
            path,
            line,
            key,
            why,
        });
    }
    layer
        .check(false)
        .map_err(|(key, why)| RoleProblem::Value {
            path: path.to_path_buf(),
            line: key_line(front, &key),
            key,
            why,
        })?;
    let text = text.trim();
    layer.system = (!text.is_empty()).then(|| text.to_string());
    Ok(layer)
}

/// The first key a role may not set, and why: a role sets request fields; the connection
/// belongs to a profile (a key is never sent somewhere a role chose), and the text is the
/// system message.
fn refused(layer: &Layer) -> Option<(&'static str, NotInRole)> {
    use NotInRole::*;
    let keys = [
        ("base_url", layer.base_url.is_some(), Connection),
        ("azure", layer.azure.is_some(), Connection),
        ("api_key", layer.api_key.is_some(), Connection),
        ("api_key_env", layer.api_key_env.is_some(), Connection),
        ("api_key_cmd", layer.api_key_cmd.is_some(), Connection),
        (
            "api_key_cmd_timeout",
            layer.api_key_cmd_timeout.is_some(),
            Connection,
        ),
        ("headers", layer.headers.is_some(), Connection),
        ("profiles", !layer.profiles.is_empty(), ConfigFile),
        // A role may come from a shared folder: it starts no programs.
        ("mcp", !layer.mcp.is_empty(), ConfigFile),
        (
            "default_profile",
            layer.default_profile.is_some(),
            ConfigFile,
        ),
        ("system", layer.system.is_some(), System),
    ];
    keys.into_iter()
        .find(|(_, set, _)| *set)
        .map(|(key, _, why)| (key, why))
}

/// The file's line that sets `key` (or the table a dotted key is in): `key = …`,
/// `key.x = …` or `[key…]`. The front matter starts on the file's second line.
fn key_line(front: &str, key: &str) -> Option<usize> {
    let top = key.split('.').next().unwrap_or(key);
    let sets = |line: &str| {
        let line = line.trim_start();
        let line = line.strip_prefix('[').unwrap_or(line).trim_start();
        let after = line.strip_prefix(top).map(str::trim_start);
        after.is_some_and(|after| after.starts_with(['=', '.', ']']))
    };
    front.lines().position(sets).map(|i| i + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(front: Option<&'a str>, text: &'a str) -> Option<Parts<'a>> {
        Some(Parts { front, text })
    }

    #[test]
    fn a_file_without_front_matter_is_all_text() {
        assert_eq!(split("Be brief.\n"), parts(None, "Be brief.\n"));
        assert_eq!(split(""), parts(None, ""));
        // Only a first line of `+++` opens a front matter.
        assert_eq!(split("x\n+++\ny\n+++\n"), parts(None, "x\n+++\ny\n+++\n"));
    }

    #[test]
    fn front_matter_sits_between_two_fence_lines() {
        assert_eq!(
            split("+++\nmodel = \"m\"\n+++\nBe brief.\n"),
            parts(Some("model = \"m\"\n"), "Be brief.\n")
        );
        assert_eq!(split("+++\n+++\n"), parts(Some(""), ""));
        assert_eq!(split("+++\n+++"), parts(Some(""), ""));
        assert_eq!(split("\u{feff}+++\n+++\nhi"), parts(Some(""), "hi"));
    }

    #[test]
    fn crlf_lines_and_trailing_spaces_close_it_too() {
        assert_eq!(
            split("+++\r\nmodel = \"m\"\r\n+++ \r\nBe brief.\r\n"),
            parts(Some("model = \"m\"\r\n"), "Be brief.\r\n")
        );
        let layer = parse(
            "+++\r\nmodel = \"m\"\r\n+++\r\n\r\nBe brief.\r\n",
            Path::new("r.md"),
        );
        let layer = layer.unwrap();
        assert_eq!(layer.model.as_deref(), Some("m"));
        assert_eq!(layer.system.as_deref(), Some("Be brief."));
    }

    #[test]
    fn an_unclosed_front_matter_is_refused() {
        assert_eq!(split("+++\nmodel = \"m\"\nBe brief.\n"), None);
        assert_eq!(split("+++"), None);
        let err = parse("+++\nmodel = \"m\"\n", Path::new("r.md")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "role file r.md: the front matter opened by +++ on line 1 is not closed: end it \
             with a line +++"
        );
    }

    #[test]
    fn the_text_is_the_system_message_and_an_empty_one_is_none() {
        let layer = parse(
            "+++\ntemperature = 0.2\n+++\n\n  Be brief.\n\n",
            Path::new("r.md"),
        );
        let layer = layer.unwrap();
        assert_eq!(layer.temperature, Some(0.2));
        assert_eq!(layer.system.as_deref(), Some("Be brief."));
        let empty = parse("+++\nmodel = \"m\"\n+++\n\n", Path::new("r.md")).unwrap();
        assert_eq!(empty.system, None);
        assert_eq!(parse("", Path::new("r.md")).unwrap(), Layer::default());
    }

    #[test]
    fn errors_name_the_file_the_line_in_the_file_and_the_key() {
        let shown = |file: &str| parse(file, Path::new("r.md")).unwrap_err().to_string();
        let typo = shown("+++\nmodel = \"m\"\nmodle = \"x\"\n+++\nhi");
        assert!(
            typo.starts_with("role file r.md line 3: unknown field `modle`"),
            "{typo}"
        );
        let wrong = shown("+++\n\ntemperature = \"hot\"\n+++\nhi");
        assert!(
            wrong.starts_with("role file r.md line 3: invalid type"),
            "{wrong}"
        );
        assert_eq!(
            shown("+++\nmodel = \"m\"\ntemperature = 3\n+++\nhi"),
            "role file r.md line 3: temperature: out of range; give a number from 0 to 2"
        );
    }

    #[test]
    fn connection_keys_profiles_and_system_are_not_a_roles() {
        let shown = |file: &str| parse(file, Path::new("r.md")).unwrap_err().to_string();
        assert_eq!(
            shown("+++\nmodel = \"m\"\nbase_url = \"http://localhost/v1\"\n+++\nhi"),
            "role file r.md line 3: base_url is part of the connection, which a profile sets \
             (a role sets request fields): put it in a [profiles.NAME] of the config file and \
             add -p NAME"
        );
        let headers = shown("+++\n[headers]\nX-Team = \"a\"\n+++\n");
        assert!(
            headers.starts_with("role file r.md line 2: headers is part"),
            "{headers}"
        );
        assert_eq!(
            shown("+++\n[profiles.x]\nmodel = \"m\"\n+++\n"),
            "role file r.md line 2: profiles belongs in the config file, not in a role"
        );
        assert_eq!(
            shown("+++\n[mcp.fs]\ncommand = \"npx\"\n+++\n"),
            "role file r.md line 2: mcp belongs in the config file, not in a role"
        );
        assert_eq!(
            shown("+++\nsystem = \"s\"\n+++\n"),
            "role file r.md line 2: system cannot be set in a role: the text after the front \
             matter is its system message"
        );
    }
}
