//! `oaichat roles`: every role with where it comes from and its first line, and `oaichat
//! roles show NAME`, one role as its file would be.

use std::io::Write;

use crate::config::RolesAction;
use crate::config::roles::{Role, Shelf};
use crate::error::Error;

/// The width a listing's lines are cut to, so that each fits a terminal's line.
const WIDTH: usize = 80;

pub fn run(action: &RolesAction, shelf: &Shelf, out: &mut impl Write) -> Result<(), Error> {
    let text = match action {
        RolesAction::List => listing(&shelf.list()?),
        RolesAction::Show(name) => shown(&shelf.load(name)?),
    };
    out.write_all(text.as_bytes()).map_err(Error::Write)
}

/// One line per role: its name, where it comes from, and its text's first line (cut to
/// fit). A role that cannot be read says why instead, whole: that is what to fix.
fn listing(roles: &[(String, Result<Role, Error>)]) -> String {
    let width = roles.iter().map(|(name, _)| name.chars().count()).max();
    let width = width.unwrap_or_default();
    let mut text = String::new();
    for (name, role) in roles {
        let line = match role {
            Ok(role) => {
                let head = format!("{name:<width$}  {}  ", role.origin);
                let room = WIDTH.saturating_sub(head.chars().count()).max(20);
                let first = role.layer.system.as_deref().and_then(|t| t.lines().next());
                format!("{head}{}", cut(first.unwrap_or("(no text)"), room))
            }
            Err(e) => format!("{name:<width$}  error: {e}"),
        };
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// The role as written, ending with a newline.
fn shown(role: &Role) -> String {
    let mut text = role.written.clone();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// `text` in at most `room` characters, an ellipsis marking a cut.
fn cut(text: &str, room: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= room {
        return text.to_string();
    }
    let kept: String = text.chars().take(room.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::file::Layer;
    use crate::config::roles::Origin;
    use crate::error::RoleProblem;

    fn role(name: &str, origin: Origin, text: Option<&str>) -> (String, Result<Role, Error>) {
        let layer = Layer {
            system: text.map(str::to_string),
            ..Layer::default()
        };
        let written = text.unwrap_or_default().to_string();
        let name = name.to_string();
        let role = Role {
            name: name.clone(),
            origin,
            layer,
            written,
        };
        (name, Ok(role))
    }

    #[test]
    fn each_role_is_one_line_cut_to_fit() {
        let long = "Answer with one shell command for Linux and nothing else, never any prose.";
        let roles = [
            role("code", Origin::Builtin, Some("You write code.\nMore.")),
            role("shell", Origin::Overrides("/r/shell.md".into()), Some(long)),
            role("x", Origin::File("/r/x.md".into()), None),
            ("bad".into(), Err(RoleProblem::Name("bad".into()).into())),
        ];
        let text = listing(&roles);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "code   built-in  You write code.",
                "shell  /r/shell.md, overrides built-in  Answer with one shell command for Linux…",
                "x      /r/x.md  (no text)",
                "bad    error: role name `bad` may hold letters, digits, '-' and '_' only (it \
                 names the file roles/NAME.md)",
            ]
        );
        assert_eq!(lines[1].chars().count(), WIDTH);
    }

    #[test]
    fn a_shown_role_ends_with_a_newline() {
        let (_, role) = role("x", Origin::Builtin, Some("text"));
        assert_eq!(shown(&role.unwrap()), "text\n");
        assert_eq!(cut("  abc  ", 3), "abc");
        assert_eq!(cut("abcd", 3), "ab…");
    }
}
