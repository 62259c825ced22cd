//! A role that cannot be used (exit 2, through [`super::Problem::Role`]): a name that
//! cannot name a file, a name no role has, or a role file that does not parse. Each
//! message names the file and, where it can, the line and the key.

use std::fmt;
use std::path::PathBuf;

/// Where role files are looked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RoleDir {
    /// This folder, `roles/` next to the config file (it need not exist).
    At(PathBuf),
    /// `--no-config`: the built-ins only.
    #[default]
    NoConfig,
    /// No config file is named and neither HOME nor XDG_CONFIG_HOME is set.
    Nowhere,
}

#[derive(Debug, thiserror::Error)]
pub enum RoleProblem {
    #[error(
        "role name `{0}` may hold letters, digits, '-' and '_' only (it names the file \
         roles/NAME.md)"
    )]
    Name(String),
    #[error("there is no role `{name}` ({}); the roles are {}", looked(.name, .dir), .known.join(", "))]
    Unknown {
        name: String,
        dir: RoleDir,
        known: Vec<String>,
    },
    #[error(
        "role file {}: the front matter opened by +++ on line 1 is not closed: end it with a \
         line +++",
        .0.display()
    )]
    Unclosed(PathBuf),
    #[error("role file {}{}: {message}", .path.display(), line_part(*.line))]
    Syntax {
        path: PathBuf,
        /// The line of the key or value at fault, counted in the whole file.
        line: Option<usize>,
        message: String,
    },
    #[error("role file {}{}: {key}: {why}", .path.display(), line_part(*.line))]
    Value {
        path: PathBuf,
        line: Option<usize>,
        key: String,
        why: String,
    },
    #[error("role file {}{}: {key} {why}", .path.display(), line_part(*.line))]
    Refused {
        path: PathBuf,
        line: Option<usize>,
        key: &'static str,
        why: NotInRole,
    },
}

/// Why a config file key is not a role's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotInRole {
    /// The URL, the key and the headers travel together in a profile.
    Connection,
    /// `profiles` and `default_profile`.
    ConfigFile,
    /// The system message is the role's text.
    System,
}

impl fmt::Display for NotInRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotInRole::Connection => {
                "is part of the connection, which a profile sets (a role sets request fields): \
                 put it in a [profiles.NAME] of the config file and add -p NAME"
            }
            NotInRole::ConfigFile => "belongs in the config file, not in a role",
            NotInRole::System => {
                "cannot be set in a role: the text after the front matter is its system message"
            }
        })
    }
}

/// Where a role was looked for, for the message that says it is not there.
fn looked(name: &str, dir: &RoleDir) -> String {
    match dir {
        RoleDir::At(dir) => format!(
            "no file {} and no built-in of that name",
            dir.join(format!("{name}.md")).display()
        ),
        RoleDir::NoConfig => {
            "--no-config reads no role files, and no built-in has that name".into()
        }
        RoleDir::Nowhere => {
            "no built-in has that name, and there is no folder for role files: set HOME or \
             XDG_CONFIG_HOME, or pass --config PATH"
                .into()
        }
    }
}

fn line_part(line: Option<usize>) -> String {
    line.map(|n| format!(" line {n}")).unwrap_or_default()
}
