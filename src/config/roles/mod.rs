//! Roles: named system prompts with their own defaults (issue 12). `-r NAME` reads
//! `roles/NAME.md` in the config file's folder, else a built-in of that name: its text is
//! the system message (with `-s` after it), and its front matter sets request fields,
//! ranked just below flags, since it was chosen on the command line (see
//! [`super::layers`]). A `--jsonl` record may name a role of its own ([`RecordRoles`]).

use std::fmt;
use std::path::{Path, PathBuf};

use super::env::Env;
use super::file::{Layer, Location};
use crate::error::{Error, Input, RoleDir, RoleProblem};

pub mod builtin;
mod front;
mod record;

use builtin::{Builtin, Host};
pub use record::{Applied, RecordRoles};

/// Where a role comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    File(PathBuf),
    /// A file with a built-in's name, which it replaces.
    Overrides(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin => f.write_str("built-in"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Overrides(path) => write!(f, "{}, overrides built-in", path.display()),
        }
    }
}

/// A role, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub name: String,
    pub origin: Origin,
    /// The front matter's settings (its schema read), with the text as `system`.
    pub layer: Layer,
    /// The role as written: the file, or a built-in's text.
    pub written: String,
}

/// A role's name, and the role or why it cannot be read.
pub type Listed = (String, Result<Role, Error>);

/// Where roles are found: the files of one folder, then the built-ins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shelf {
    dir: RoleDir,
    host: Host,
}

impl Shelf {
    /// `roles/` next to the config file's place (`--no-config`: no folder); built-ins are
    /// written for this OS and `$SHELL`.
    pub fn new(location: Option<&Location>, no_config: bool, env: &Env) -> Shelf {
        let dir = match location {
            _ if no_config => RoleDir::NoConfig,
            Some(location) => {
                let folder = location.path.parent().unwrap_or(Path::new(""));
                RoleDir::At(folder.join("roles"))
            }
            None => RoleDir::Nowhere,
        };
        let host = Host::new(std::env::consts::OS, env.get("SHELL"));
        Shelf { dir, host }
    }

    /// The role `name`: its file when there is one, else the built-in.
    pub fn load(&self, name: &str) -> Result<Role, Error> {
        check_name(name)?;
        let builtin = Builtin::find(name);
        let path = self.path(name).filter(|path| path.exists());
        let Some(path) = path else {
            return builtin.map(|b| self.builtin(b)).ok_or_else(|| {
                let dir = self.dir.clone();
                let builtins = || Builtin::ALL.iter().map(|b| b.name().into()).collect();
                let known = self.names().unwrap_or_else(|_| builtins());
                let name = name.to_string();
                RoleProblem::Unknown { name, dir, known }.into()
            });
        };
        let written = crate::prompt::read_file(&path)?;
        let mut layer = front::parse(&written, &path)?;
        let folder = path.parent().unwrap_or(Path::new(""));
        layer.read_files(folder).map_err(|source| Error::InFile {
            file: path.clone(),
            source: Box::new(source),
        })?;
        let origin = match builtin {
            Some(_) => Origin::Overrides(path),
            None => Origin::File(path),
        };
        Ok(Role {
            name: name.to_string(),
            origin,
            layer,
            written,
        })
    }

    /// Every role's name, in order: the built-ins' and the files'. A folder that cannot be
    /// listed is an error; a missing one holds no roles.
    pub fn names(&self) -> Result<Vec<String>, Error> {
        let mut names: Vec<String> = Builtin::ALL.iter().map(|b| b.name().into()).collect();
        names.extend(self.file_names()?);
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// Every role, each read (or why it cannot be), in name order.
    pub fn list(&self) -> Result<Vec<Listed>, Error> {
        let read = |name: String| {
            let role = self.load(&name);
            (name, role)
        };
        Ok(self.names()?.into_iter().map(read).collect())
    }

    /// The names of the folder's `NAME.md` files whose NAME can be a role's.
    fn file_names(&self) -> Result<Vec<String>, Error> {
        let RoleDir::At(dir) = &self.dir else {
            return Ok(Vec::new());
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::read(Input::File(dir.clone()), e)),
        };
        let names = entries.filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_stem()?.to_str()?;
            let markdown = path.extension().is_some_and(|e| e == "md");
            (markdown && check_name(name).is_ok()).then(|| name.to_string())
        });
        Ok(names.collect())
    }

    fn path(&self, name: &str) -> Option<PathBuf> {
        match &self.dir {
            RoleDir::At(dir) => Some(dir.join(format!("{name}.md"))),
            RoleDir::NoConfig | RoleDir::Nowhere => None,
        }
    }

    fn builtin(&self, builtin: Builtin) -> Role {
        let text = builtin.text(&self.host);
        Role {
            name: builtin.name().to_string(),
            origin: Origin::Builtin,
            layer: Layer {
                system: Some(text.clone()),
                ..Layer::default()
            },
            written: text,
        }
    }
}

/// What `-s` (`flag`) gives `Layers::pick` with a role: the role's text, then `-s`'s after
/// a blank line (the role says how to behave; `-s` adds to it for this run). Without `-s`
/// the role's text comes as its layer's `system`, ranked like its other fields.
pub fn system_after(role: Option<&Role>, flag: Option<String>) -> Option<String> {
    let text = role.and_then(|role| role.layer.system.as_deref());
    match (text, flag) {
        (Some(text), Some(flag)) => Some(joined(text, Some(&flag))),
        (_, flag) => flag,
    }
}

/// A role's text with `-s`'s after it.
fn joined(text: &str, flag: Option<&str>) -> String {
    match flag {
        Some(flag) => format!("{text}\n\n{flag}"),
        None => text.to_string(),
    }
}

/// A role's name becomes a file's: letters, digits, `-` and `_` only, so that it can never
/// reach outside the folder (`../x`, `/etc/x`) or name a hidden file.
fn check_name(name: &str) -> Result<(), RoleProblem> {
    let fits = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    match !name.is_empty() && name.chars().all(fits) {
        true => Ok(()),
        false => Err(RoleProblem::Name(name.to_string())),
    }
}

#[cfg(test)]
mod tests;
