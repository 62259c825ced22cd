//! Conversations kept in JSON Lines files: `--history FILE` and `-c/--continue`.
//!
//! One message per line, `{"role": …, "content": …}`, so the file is readable, greppable and
//! appendable. It is never corrupted: a failed request appends nothing; an answer's lines
//! are appended in one write under an exclusive lock (two processes never interleave); a
//! whole new conversation replaces `last.jsonl` by writing a temporary file in the same
//! directory and renaming it over the old one.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::env::Env;
use crate::error::Error;
use crate::request::Role;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

/// Where a run's conversation comes from and goes to.
#[derive(Debug, Clone, Default)]
pub struct Conversation {
    /// `--history FILE` or `-c`: read before, appended to after.
    pub continues: Option<PathBuf>,
    /// Neither: this run starts the conversation `-c` will continue (when there is a data
    /// directory).
    pub starts: Option<PathBuf>,
}

impl Conversation {
    pub fn locate(
        history: Option<&Path>,
        continue_last: bool,
        env: &Env,
    ) -> Result<Conversation, Error> {
        if let Some(path) = history {
            return Ok(Conversation {
                continues: Some(path.to_path_buf()),
                starts: None,
            });
        }
        let last = last_conversation(env);
        if !continue_last {
            return Ok(Conversation {
                continues: None,
                starts: last,
            });
        }
        match last {
            Some(path) if path.is_file() => Ok(Conversation {
                continues: Some(path),
                starts: None,
            }),
            Some(path) => Err(Error::usage(format!(
                "no conversation to continue ({} does not exist yet): ask without -c first",
                path.display()
            ))),
            None => Err(Error::usage(
                "-c needs a place for conversations: set HOME or XDG_DATA_HOME",
            )),
        }
    }

    pub fn saves(&self) -> bool {
        self.continues.is_some() || self.starts.is_some()
    }

    /// Records an exchange: `new` is appended to a continued file; a started conversation
    /// is replaced by `whole`. Appending to a file the user named must work (an error
    /// otherwise); replacing `last.jsonl` is a convenience, so failing there only warns
    /// (with `-v`).
    pub fn save(
        &self,
        config: &Config,
        whole: &[Message],
        new: &[Message],
        err: &mut impl Write,
    ) -> Result<(), Error> {
        if let Some(path) = &self.continues {
            return append(path, new);
        }
        if let Some(path) = &self.starts
            && let Err(e) = replace(path, whole)
            && config.verbose
        {
            crate::log(err, format_args!("warning: {e}"));
        }
        Ok(())
    }
}

/// The messages one exchange adds to a conversation: the system message when the
/// conversation is new, the --user/--assistant turns, the prompt and the answer.
pub fn exchange(config: &Config, prompt: &str, answer: String) -> Vec<Message> {
    let mut messages = Vec::with_capacity(config.turns.len() + 3);
    if let (true, Some(system)) = (config.history.is_empty(), &config.system) {
        messages.push(Message {
            role: Role::System,
            content: system.clone(),
        });
    }
    messages.extend(config.turns.iter().map(|turn| Message {
        role: if turn.assistant {
            Role::Assistant
        } else {
            Role::User
        },
        content: turn.text.clone(),
    }));
    messages.push(Message {
        role: Role::User,
        content: prompt.to_string(),
    });
    messages.push(Message {
        role: Role::Assistant,
        content: answer,
    });
    messages
}

/// The file `-c` continues: `$XDG_DATA_HOME/oaichat/last.jsonl`, else
/// `$HOME/.local/share/oaichat/last.jsonl`.
pub fn last_conversation(env: &Env) -> Option<PathBuf> {
    let base = match (env.get("XDG_DATA_HOME"), env.get("HOME")) {
        (Some(xdg), _) if Path::new(xdg).is_absolute() => PathBuf::from(xdg),
        (_, Some(home)) => Path::new(home).join(".local/share"),
        _ => return None,
    };
    Some(base.join("oaichat").join("last.jsonl"))
}

/// Reads a history file; a missing file is an empty conversation (it will be created).
pub fn read(path: &Path) -> Result<Vec<Message>, Error> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(Error::usage(format!(
            "cannot read history file {}: {err}",
            path.display()
        ))),
    }
}

/// Parses JSON Lines; blank lines are skipped, anything else must be a message.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Message>, Error> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|err| {
                Error::usage(format!(
                    "history file {} line {}: {err}; each line must be \
                     {{\"role\": \"user|assistant|system|developer\", \"content\": \"…\"}}",
                    path.display(),
                    i + 1
                ))
            })
        })
        .collect()
}

/// One line per message, each ending in `\n`.
pub fn encode(messages: &[Message]) -> Vec<u8> {
    let mut out = Vec::new();
    for message in messages {
        // Serializing a struct of a unit enum and a String cannot fail.
        if serde_json::to_writer(&mut out, message).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// Appends messages in one write, under an exclusive lock, after making sure the file ends
/// with a newline (a hand-edited file may not).
pub fn append(path: &Path, messages: &[Message]) -> Result<(), Error> {
    let failed = |err: std::io::Error| {
        Error::io(
            format!("cannot append to history file {}", path.display()),
            err,
        )
    };
    create_parent(path).map_err(failed)?;
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(failed)?;
    file.lock().map_err(failed)?;
    let mut bytes = Vec::new();
    if !ends_with_newline(&mut file).map_err(failed)? {
        bytes.push(b'\n');
    }
    bytes.extend(encode(messages));
    file.write_all(&bytes).map_err(failed)?;
    file.flush().map_err(failed)
    // The lock is released when the file closes.
}

/// Replaces the file with these messages: a temporary file, then a rename.
pub fn replace(path: &Path, messages: &[Message]) -> Result<(), Error> {
    let failed = |err: std::io::Error| {
        Error::io(format!("cannot write history file {}", path.display()), err)
    };
    create_parent(path).map_err(failed)?;
    let temp = path.with_extension(format!("jsonl.{}.tmp", std::process::id()));
    let written = private_file(&temp).and_then(|mut file| {
        file.write_all(&encode(messages))?;
        file.sync_all()
    });
    if let Err(err) = written.and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(failed(err));
    }
    Ok(())
}

fn create_parent(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
}

/// Conversations can hold secrets: only the owner may read them.
fn private_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Whether a file is empty or ends with `\n` (appending after a cut-off last line must
/// start a new line).
pub(crate) fn ends_with_newline(file: &mut File) -> std::io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(role: Role, content: &str) -> Message {
        Message {
            role,
            content: content.into(),
        }
    }

    #[test]
    fn parse_reads_lines_and_names_a_bad_one() {
        let text = "{\"role\":\"user\",\"content\":\"hi\"}\n\n{\"role\":\"assistant\",\"content\":\"yo\"}\n";
        assert_eq!(
            parse(text, Path::new("h")).unwrap(),
            [msg(Role::User, "hi"), msg(Role::Assistant, "yo")]
        );
        let bad =
            "{\"role\":\"user\",\"content\":\"hi\"}\n{\"role\":\"robot\",\"content\":\"x\"}\n";
        let err = parse(bad, Path::new("h.jsonl")).unwrap_err();
        assert!(
            err.to_string().starts_with("history file h.jsonl line 2:"),
            "{err}"
        );
    }

    #[test]
    fn append_adds_a_missing_newline_and_replace_rewrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/h.jsonl");
        replace(&path, &[msg(Role::System, "s")]).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(b"{\"role\":\"user\",\"content\":\"no newline\"}"))
            .unwrap();
        append(&path, &[msg(Role::Assistant, "a")]).unwrap();
        assert_eq!(
            read(&path).unwrap(),
            [
                msg(Role::System, "s"),
                msg(Role::User, "no newline"),
                msg(Role::Assistant, "a")
            ]
        );
        replace(&path, &[msg(Role::User, "fresh")]).unwrap();
        assert_eq!(read(&path).unwrap(), [msg(Role::User, "fresh")]);
        assert_eq!(read(&dir.path().join("none.jsonl")).unwrap(), []);
    }

    #[test]
    fn last_conversation_follows_xdg_then_home() {
        let env = |pairs: &[(&str, &str)]| {
            Env::new(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                Default::default(),
            )
        };
        assert_eq!(
            last_conversation(&env(&[("XDG_DATA_HOME", "/x"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/oaichat/last.jsonl"))
        );
        assert_eq!(
            last_conversation(&env(&[("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/share/oaichat/last.jsonl"))
        );
        assert_eq!(last_conversation(&env(&[])), None);
    }
}
