//! `oaichat config`: the config file itself: where it is, and opening it in an editor.

use std::io::Write;
use std::path::Path;

use crate::config::file::{self, Location};
use crate::config::{Env, FileAction};
use crate::error::{Error, Problem, Task};

mod show;

pub use show::show;

/// What a new config file holds: every key, commented out, so that it parses as it is.
const EXAMPLE: &str = r#"# oaichat's config file: defaults for what flags set. Flags and the environment
# (.env included) beat it. Every key is optional: uncomment what you want.

# model = "gpt-4o-mini"
# system = "Answer briefly."
# temperature = 0.3          # also top_p, frequency_penalty, presence_penalty, seed
# max_tokens = 800           # or max_completion_tokens (reasoning models)
# reasoning_effort = "low"   # minimal, low, medium or high
# stop = ["END"]
# stream = true
# usage = true
# timeout = 600              # seconds; also connect_timeout, idle_timeout
# max_retries = 2
# base_url = "https://api.openai.com/v1"
# default_profile = "local"  # used when neither -p nor OAICHAT_PROFILE names one

# Profiles: one per provider, chosen with -p NAME. Each takes the keys above, plus where
# the key comes from (api_key_env, api_key_cmd, or a literal api_key for local servers)
# and headers. The URL, key and headers always come from one place together.
#
# [profiles.local]
# base_url = "http://localhost:11434/v1"
# model = "llama3.2"
# api_key = "ollama"
#
# [profiles.work]
# base_url = "https://gateway.example.com/v1"
# api_key_cmd = "pass show work/openai"   # no shell; its output is the key
# headers = { "X-Team" = "search" }
#
# [profiles.azure]
# azure = { endpoint = "https://myres.openai.azure.com", deployment = "gpt-4o", api_version = "2024-10-21" }
# api_key_env = "AZURE_OPENAI_API_KEY"
"#;

pub fn run(
    action: FileAction,
    location: Option<&Location>,
    env: &Env,
    out: &mut impl Write,
) -> Result<(), Error> {
    let location = location.ok_or(Problem::NoConfigPlace)?;
    match action {
        FileAction::Path => writeln!(out, "{}", location.path.display()).map_err(Error::Write),
        FileAction::Edit => edit(location, env),
    }
}

/// Opens the file in `$VISUAL`, else `$EDITOR` (a program and its arguments, split at
/// spaces, run without a shell), after writing the example when there is no file; then
/// checks what was saved, so that a typo is told now rather than at the next run.
fn edit(location: &Location, env: &Env) -> Result<(), Error> {
    let editor = env
        .get("VISUAL")
        .or(env.get("EDITOR"))
        .ok_or(Problem::NoEditor)?;
    create(&location.path)?;
    let mut words = editor.split_whitespace();
    let program = words.next().ok_or(Problem::NoEditor)?;
    let status = std::process::Command::new(program)
        .args(words)
        .arg(&location.path)
        .status()
        .map_err(|e| Error::local(Task::EditConfig, format!("cannot run {program}: {e}")))?;
    if !status.success() {
        let why = format!("{program} ended with {status}");
        return Err(Error::local(Task::EditConfig, why));
    }
    file::load(Some(location)).map(|_| ())
}

/// Writes the example when there is no file; an existing file is never touched.
fn create(path: &Path) -> Result<(), Error> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::local(Task::EditConfig, e))?;
    }
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(EXAMPLE.as_bytes()));
    made.map_err(|e| Error::local(Task::EditConfig, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_parses_and_sets_nothing() {
        let read = file::parse(EXAMPLE, Path::new("example.toml")).unwrap();
        assert_eq!(read, file::Layer::default());
        // Every commented key and table, uncommented, is a valid file.
        let uncommented: String = EXAMPLE
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| l.contains(" = ") || l.starts_with('['))
            .map(|l| format!("{}\n", l.split(" #").next().unwrap_or(l)))
            .collect();
        let all = file::parse(&uncommented, Path::new("example.toml")).unwrap();
        assert_eq!(all.model.as_deref(), Some("gpt-4o-mini"));
        assert_eq!(all.max_retries, Some(2));
        let names: Vec<&str> = all.profiles.keys().map(String::as_str).collect();
        assert_eq!(names, ["azure", "local", "work"]);
    }
}
