//! The variables oaichat reads: the process environment over a `.env` file.
//!
//! dotenvy's rule holds: a file never overrides a variable that is already set. The process
//! environment is read once into an [`Env`], never changed (no `set_var`), and passed down.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Input, Problem};

/// Where a variable was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Process,
    DotEnv,
}

/// The variables oaichat reads: the process environment over the `.env` file.
#[derive(Debug, Default, Clone)]
pub struct Env {
    process: HashMap<String, String>,
    dotenv: HashMap<String, String>,
    /// The env file that was read, if any.
    dotenv_path: Option<PathBuf>,
}

impl Env {
    pub fn new(process: HashMap<String, String>, dotenv: HashMap<String, String>) -> Env {
        Env {
            process,
            dotenv,
            dotenv_path: None,
        }
    }

    /// Reads the process environment and the env file: `--env-file PATH` (which must
    /// exist), else `./.env` when there is one.
    pub fn load(env_file: Option<&Path>) -> Result<Env, Error> {
        let process = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        let default = Path::new(".env");
        let dotenv_path = match env_file {
            Some(path) => Some(path),
            None => default.is_file().then_some(default),
        };
        let dotenv = match dotenv_path {
            Some(path) => read_dotenv(path)?,
            None => HashMap::new(),
        };
        Ok(Env {
            process,
            dotenv,
            dotenv_path: dotenv_path.map(Path::to_path_buf),
        })
    }

    /// The env file that was read, if any.
    pub fn dotenv_path(&self) -> Option<&Path> {
        self.dotenv_path.as_deref()
    }

    /// Where a variable's value comes from (see [`Env::get`]), if it is set.
    pub fn origin(&self, name: &str) -> Option<Origin> {
        let set = |vars: &HashMap<String, String>| {
            vars.get(name).is_some_and(|value| !value.trim().is_empty())
        };
        match (set(&self.process), set(&self.dotenv)) {
            (true, _) => Some(Origin::Process),
            (false, true) => Some(Origin::DotEnv),
            (false, false) => None,
        }
    }

    /// A variable's value; an empty value counts as unset (CI often sets `X=""`).
    pub fn get(&self, name: &str) -> Option<&str> {
        [&self.process, &self.dotenv]
            .into_iter()
            .filter_map(|vars| vars.get(name))
            .map(String::as_str)
            .find(|value| !value.trim().is_empty())
    }
}

/// A warning when the env file (which holds the key) can be read by every user.
#[cfg(unix)]
pub fn world_readable_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o004 != 0).then(|| {
        format!(
            "warning: {} is readable by every user of this machine (mode {:o}) and may hold \
             the API key: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub fn world_readable_warning(_path: &Path) -> Option<String> {
    None
}

/// Parses an env file with dotenvy, without changing the process environment. A UTF-8
/// byte order mark at the start (Windows editors add one) is not part of the first name.
fn read_dotenv(path: &Path) -> Result<HashMap<String, String>, Error> {
    let unreadable = |err| Error::read(Input::EnvFile(path.to_path_buf()), err);
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut vars = HashMap::new();
    for item in dotenvy::from_read_iter(text) {
        match item {
            Ok((key, value)) => {
                vars.insert(key, value);
            }
            Err(dotenvy::Error::LineParse(line, _)) => {
                return Err(bad_line(path, text, &line).into());
            }
            // Never the error's own text: dotenvy's messages quote the line, which may
            // hold the key.
            Err(dotenvy::Error::Io(err)) => return Err(unreadable(err)),
            Err(_) => return Err(Problem::EnvNotLines(path.to_path_buf()).into()),
        }
    }
    Ok(vars)
}

/// What is wrong with a line, by its number and the variable it was meant to set, never
/// its text: `OPENAI_API_KEY sk-…` (the `=` forgotten) or an unclosed quote would print
/// the key.
fn bad_line(path: &Path, text: &[u8], bad: &str) -> Problem {
    let first = bad.lines().next().unwrap_or_default().trim();
    let number = String::from_utf8_lossy(text)
        .lines()
        .position(|line| line.trim() == first)
        .map(|i| i + 1);
    // A name only when something follows it (`=`, or a space where `=` was forgotten): a
    // key pasted alone on a line would otherwise be shown as its name.
    let rest = first.trim_start_matches("export ").trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.')))
        .unwrap_or(rest.len());
    let follows = rest[end..].chars().next();
    let setting = match follows {
        Some(c) if (c == '=' || c.is_whitespace()) && end > 0 => Some(rest[..end].to_string()),
        _ => None,
    };
    Problem::EnvLine {
        path: path.to_path_buf(),
        line: number,
        setting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(content: &[u8]) -> Result<HashMap<String, String>, Error> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        std::fs::write(&path, content).unwrap();
        read_dotenv(&path)
    }

    #[test]
    fn a_bad_line_is_named_by_number_and_variable_never_by_value() {
        for (content, number, name) in [
            (
                "A=1\nOPENAI_API_KEY sk-secret-value\n",
                "line 2",
                "OPENAI_API_KEY",
            ),
            (
                "OPENAI_API_KEY=\"sk-secret-value\nB=2\n",
                "line 1",
                "OPENAI_API_KEY",
            ),
            (
                "# x\nexport OPENAI_API_KEY='sk-secret-value\n",
                "line 2",
                "OPENAI_API_KEY",
            ),
        ] {
            let err = parsed(content.as_bytes()).unwrap_err().to_string();
            assert!(!err.contains("sk-secret"), "{err}");
            assert!(
                err.contains(number) && err.contains(name),
                "{content:?}: {err}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let vars = parsed(b"\xef\xbb\xbfOPENAI_MODEL=m\n").unwrap();
        assert_eq!(vars.get("OPENAI_MODEL").map(String::as_str), Some("m"));
    }
}
