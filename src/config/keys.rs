//! The key, fetched from where the connection says (see [`super::connection`]): a
//! variable, a literal, or the output of `api_key_cmd`. Whatever the source, the key is held
//! as an [`ApiKey`] at once and never shown.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::connection::KeySource;
use super::env::Env;
use super::layers::Source;
use crate::error::{Error, Problem};
use crate::secret::ApiKey;

/// More than any key; a command that prints more is not printing a key.
const MOST_OUTPUT: u64 = 64 * 1024;

/// Fetches the key; `owner` is the layer whose key it is, for messages.
pub fn fetch(source: &KeySource, owner: &Source, env: &Env) -> Result<ApiKey, Error> {
    let key = match source {
        KeySource::Var(var) => match env.get(var) {
            Some(key) => key.trim().to_string(),
            None => return Err(missing(var, owner).into()),
        },
        KeySource::Literal(key) => key.trim().to_string(),
        KeySource::Command { line, timeout } => {
            run(line, *timeout).map_err(|why| Problem::KeyCommand {
                owner: owner_words(owner),
                why,
            })?
        }
    };
    if reqwest::header::HeaderValue::from_str(&key).is_err() {
        return Err(Problem::KeyNotHeader(source.describe()).into());
    }
    Ok(ApiKey::new(key))
}

/// The message for a key variable that is not set: the familiar one for the standard
/// variable, else one that names the layer that chose it.
fn missing(var: &str, owner: &Source) -> Problem {
    let standard = matches!(owner, Source::Default | Source::Env(_) | Source::DotEnv(_));
    if var == "OPENAI_API_KEY" && standard {
        return Problem::NoApiKey;
    }
    Problem::NoKeyVar {
        var: var.to_string(),
        owner: owner_words(owner),
    }
}

fn owner_words(owner: &Source) -> String {
    match owner {
        Source::Profile(name) => format!("profile {name}"),
        Source::File => "the config file".into(),
        Source::Env(var) | Source::DotEnv(var) => format!("the URL in {var}"),
        other => other.to_string(),
    }
}

/// Runs `line` (split into words as a shell would, but with no shell), with no stdin and
/// the terminal's stderr (a passphrase prompt must reach the user), and returns its
/// trimmed stdout; or why it gave none.
fn run(line: &str, timeout: Duration) -> Result<String, String> {
    let words = shlex::split(line).unwrap_or_default();
    let Some((program, args)) = words.split_first() else {
        return Err("is empty or has an unclosed quote".into());
    };
    let shown = format!("(`{program}`)");
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{shown} cannot be run: {e}"))?;
    // Read on a thread, so that a command printing much never blocks on a full pipe.
    let stdout = child.stdout.take().map(|pipe| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.take(MOST_OUTPUT)
                .read_to_end(&mut bytes)
                .map(|_| bytes)
        })
    });
    let status = wait(&mut child, timeout).map_err(|why| format!("{shown} {why}"))?;
    if !status.success() {
        return Err(format!("{shown} failed ({status})"));
    }
    let bytes = stdout
        .and_then(|reader| reader.join().ok())
        .and_then(Result::ok)
        .unwrap_or_default();
    let key = String::from_utf8(bytes).map_err(|_| format!("{shown} printed no text"))?;
    match key.trim() {
        "" => Err(format!("{shown} printed nothing")),
        key => Ok(key.to_string()),
    }
}

/// Waits for the command within `timeout`, killing it when the time is up.
fn wait(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Result<std::process::ExitStatus, String> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                let limit = timeout.as_secs_f64();
                return Err(format!(
                    "did not finish within {limit}s: raise api_key_cmd_timeout if it needs longer"
                ));
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(e) => return Err(format!("could not be waited for: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(line: &str, secs: f64) -> KeySource {
        let timeout = Duration::from_secs_f64(secs);
        KeySource::Command {
            line: line.into(),
            timeout,
        }
    }

    fn fetched(source: &KeySource) -> Result<String, String> {
        let owner = Source::Profile("work".into());
        let key = fetch(source, &owner, &Env::default()).map_err(|e| e.to_string())?;
        Ok(key.expose().to_string())
    }

    #[test]
    fn a_command_s_output_is_the_key_trimmed() {
        assert_eq!(
            fetched(&command("printf ' sk-1\\n'", 10.0)),
            Ok("sk-1".into())
        );
        let piped = command("sh -c 'echo sk-2 | tr 2 3'", 10.0);
        assert_eq!(fetched(&piped), Ok("sk-3".into()));
    }

    #[test]
    fn a_failing_silent_missing_or_slow_command_is_a_clear_error() {
        let failed = fetched(&command("sh -c 'exit 3'", 10.0)).unwrap_err();
        assert_eq!(
            failed,
            "api_key_cmd of profile work (`sh`) failed (exit status: 3)"
        );
        let silent = fetched(&command("true", 10.0)).unwrap_err();
        assert!(silent.ends_with("printed nothing"), "{silent}");
        let missing = fetched(&command("no-such-program-oaichat", 10.0)).unwrap_err();
        assert!(missing.contains("cannot be run"), "{missing}");
        let slow = fetched(&command("sleep 5", 0.2)).unwrap_err();
        assert!(slow.contains("did not finish within 0.2s"), "{slow}");
        let unclosed = fetched(&command("pass 'show", 1.0)).unwrap_err();
        assert!(unclosed.contains("unclosed quote"), "{unclosed}");
    }

    #[test]
    fn a_missing_variable_names_the_layer_and_a_key_with_a_line_break_is_refused() {
        let owner = Source::Profile("azure".into());
        let source = KeySource::Var("AZURE_OPENAI_API_KEY".into());
        let err = fetch(&source, &owner, &Env::default())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("AZURE_OPENAI_API_KEY is not set (the key of profile azure)"));
        let broken = command("printf 'sk-1\\nsk-2'", 10.0);
        assert!(fetched(&broken).unwrap_err().contains("a line break"));
    }
}
