//! The variables oaichat reads: the process environment over a `.env` file.
//!
//! dotenvy's rule holds: a file never overrides a variable that is already set. The process
//! environment is read once into an [`Env`], never changed (no `set_var`), and passed down.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Error;

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

/// Parses an env file with dotenvy, without changing the process environment.
fn read_dotenv(path: &Path) -> Result<HashMap<String, String>, Error> {
    let shown = path.display();
    let items = dotenvy::from_path_iter(path).map_err(|err| {
        Error::usage(format!(
            "cannot read env file {shown}: {}",
            dotenv_reason(&err)
        ))
    })?;
    let mut vars = HashMap::new();
    for item in items {
        match item {
            Ok((key, value)) => {
                vars.insert(key, value);
            }
            Err(dotenvy::Error::LineParse(line, _)) => {
                let number = line_number(path, &line)
                    .map(|n| format!("line {n}"))
                    .unwrap_or_else(|| "a line".into());
                return Err(Error::usage(format!(
                    "env file {shown}: cannot parse {number} `{}`: write it as NAME=value",
                    line.lines().next().unwrap_or_default().trim()
                )));
            }
            Err(err) => {
                return Err(Error::usage(format!(
                    "cannot read env file {shown}: {}",
                    dotenv_reason(&err)
                )));
            }
        }
    }
    Ok(vars)
}

fn dotenv_reason(err: &dotenvy::Error) -> String {
    match err {
        dotenvy::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

/// dotenvy reports the text of a bad line, not its number; find it in the file.
fn line_number(path: &Path, bad: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let first = bad.lines().next()?.trim();
    text.lines()
        .position(|line| line.trim() == first)
        .map(|i| i + 1)
}
