//! Conversations kept in JSON Lines files: `--history FILE` and `-c/--continue`.
//!
//! One message per line, `{"role": …, "content": …}`, so the file is readable, greppable and
//! appendable. It survives kills and concurrent runs (see [`crate::jsonl`]): a failed
//! request appends nothing; an exchange's lines are appended in one write under an
//! exclusive lock; an exchange torn by a kill is cut off, back to the last answer, before
//! the file is read or appended to; a whole new conversation replaces `last.jsonl` through
//! a temporary file and a rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::api::message::{Message, Role};
use crate::error::{Error, Input, Problem, Saved};
use crate::jsonl::{self, Appender};

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
    /// `--history FILE`, else `-c` (the `last` conversation, which must exist), else a new
    /// conversation kept in `last` when there is one.
    pub fn locate(
        history: Option<&Path>,
        continue_last: bool,
        last: Option<PathBuf>,
    ) -> Result<Conversation, Error> {
        if let Some(path) = history {
            return Ok(Conversation {
                continues: Some(path.to_path_buf()),
                starts: None,
            });
        }
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
            Some(path) => Err(Problem::NothingToContinue(path).into()),
            None => Err(Problem::NoDataDirectory.into()),
        }
    }

    /// The messages of the conversation being continued (none for a new one).
    pub fn read(&self, warn: &mut dyn Write) -> Result<Vec<Message>, Error> {
        match &self.continues {
            Some(path) => read(path, warn),
            None => Ok(Vec::new()),
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
        whole: &[Message],
        new: &[Message],
        verbose: bool,
        err: &mut impl Write,
    ) -> Result<(), Error> {
        if let Some(path) = &self.continues {
            return append(path, new, err);
        }
        if let Some(path) = &self.starts
            && let Err(e) = replace(path, whole)
            && verbose
        {
            crate::log::line(err, format_args!("warning: {e}"));
        }
        Ok(())
    }
}

impl Conversation {
    /// Replaces the file with `whole`, after the chat's `/retry` or `/undo` changed what
    /// the conversation holds: a temporary file and a rename, so that a kill leaves the
    /// old conversation or the new one, never a mix. As in [`Conversation::save`], failing
    /// on a file the user named is an error, on `last.jsonl` a warning (with `-v`).
    pub fn rewrite(
        &self,
        whole: &[Message],
        verbose: bool,
        err: &mut impl Write,
    ) -> Result<(), Error> {
        match &self.continues {
            Some(path) => replace(path, whole),
            None => self.save(whole, &[], verbose, err),
        }
    }
}

/// The file `-c` continues: `$XDG_DATA_HOME/oaichat/last.jsonl`, else
/// `$HOME/.local/share/oaichat/last.jsonl`.
pub fn last_conversation(xdg_data_home: Option<&str>, home: Option<&str>) -> Option<PathBuf> {
    let base = match (xdg_data_home, home) {
        (Some(xdg), _) if Path::new(xdg).is_absolute() => PathBuf::from(xdg),
        (_, Some(home)) => Path::new(home).join(".local/share"),
        _ => return None,
    };
    Some(base.join("oaichat").join("last.jsonl"))
}

/// Reads a history file; a missing file is an empty conversation (it will be created).
/// When the file can be written, it is read under the lock, after an exchange torn by a
/// kill is cut off (with a warning on `warn`); when it cannot, a torn last line is left
/// out of what is read.
pub fn read(path: &Path, warn: &mut dyn Write) -> Result<Vec<Message>, Error> {
    let locked = match path.is_file() {
        true => Appender::open(path, keeps).ok(),
        false => None,
    };
    let bytes = match locked {
        Some(mut file) => file.read(warn),
        None => std::fs::read(path),
    };
    match bytes {
        Ok(bytes) => parse(&String::from_utf8_lossy(&bytes), path),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(Error::read(Input::History(path.to_path_buf()), err)),
    }
}

/// Where cutting back a torn exchange stops: at an answer (the last line of every exchange
/// oaichat appends), at a system or developer message (a conversation's start, perhaps
/// written by hand), and at a line that is not a message at all (the reader reports it;
/// mending only removes what a killed run wrote).
fn keeps(line: &[u8]) -> bool {
    serde_json::from_slice::<Message>(line).map_or(true, |m| m.role != Role::User)
}

/// Parses JSON Lines; blank lines are skipped, anything else must be a message. A byte
/// order mark at the start (editors on Windows add one) is not part of the first line. A
/// last line without its newline that does not parse is a torn write, not a message.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Message>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let torn = !text.ends_with('\n');
    let count = text.lines().count();
    let mut messages = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(line) {
            Ok(message) => messages.push(message),
            Err(_) if torn && i + 1 == count => {}
            Err(err) => {
                return Err(Problem::HistoryLine {
                    path: path.to_path_buf(),
                    line: i + 1,
                    cause: err,
                }
                .into());
            }
        }
    }
    Ok(messages)
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

/// Appends an exchange's messages in one write, under an exclusive lock, after cutting off
/// an exchange a killed run left torn.
pub fn append(path: &Path, messages: &[Message], warn: &mut dyn Write) -> Result<(), Error> {
    let failed = |source| Error::Save {
        what: Saved::AppendHistory(path.to_path_buf()),
        source,
    };
    let mut file = Appender::open(path, keeps).map_err(failed)?;
    file.append(&encode(messages), warn).map_err(failed)
}

/// Replaces the file with these messages: a temporary file, then a rename.
pub fn replace(path: &Path, messages: &[Message]) -> Result<(), Error> {
    jsonl::replace(path, &encode(messages)).map_err(|source| Error::Save {
        what: Saved::ReplaceHistory(path.to_path_buf()),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(role: Role, content: &str) -> Message {
        Message::new(role, content)
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
        append(&path, &[msg(Role::Assistant, "a")], &mut std::io::sink()).unwrap();
        assert_eq!(
            read(&path, &mut std::io::sink()).unwrap(),
            [
                msg(Role::System, "s"),
                msg(Role::User, "no newline"),
                msg(Role::Assistant, "a")
            ]
        );
        replace(&path, &[msg(Role::User, "fresh")]).unwrap();
        assert_eq!(
            read(&path, &mut std::io::sink()).unwrap(),
            [msg(Role::User, "fresh")]
        );
        assert_eq!(
            read(&dir.path().join("none.jsonl"), &mut std::io::sink()).unwrap(),
            []
        );
    }

    #[test]
    fn an_exchange_torn_by_a_kill_is_cut_back_to_the_last_answer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let whole = encode(&[msg(Role::User, "q1"), msg(Role::Assistant, "a1")]);
        let mut torn = whole.clone();
        torn.extend(encode(&[msg(Role::User, "q2")]));
        torn.extend(b"{\"role\":\"assistant\",\"content\":\"a2 was lo");
        std::fs::write(&path, &torn).unwrap();
        let mut warn = Vec::new();
        assert_eq!(
            read(&path, &mut warn).unwrap(),
            [msg(Role::User, "q1"), msg(Role::Assistant, "a1")]
        );
        assert_eq!(std::fs::read(&path).unwrap(), whole);
        let warned = String::from_utf8(warn).unwrap();
        assert!(
            warned.contains(&format!("{} bytes", torn.len() - whole.len())),
            "{warned}"
        );
    }

    #[test]
    fn cutting_back_keeps_a_system_line_and_a_line_that_is_not_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let system = encode(&[msg(Role::System, "by hand")]);
        let mut torn = system.clone();
        torn.extend(encode(&[msg(Role::User, "q1")]));
        torn.extend(b"{\"role\":\"assistant\",\"con");
        std::fs::write(&path, &torn).unwrap();
        assert_eq!(
            read(&path, &mut std::io::sink()).unwrap(),
            [msg(Role::System, "by hand")]
        );
        let mut broken = b"not a message\n".to_vec();
        broken.extend(encode(&[msg(Role::User, "q1")]));
        broken.extend(b"{\"role\":\"assistant\",\"con");
        std::fs::write(&path, &broken).unwrap();
        let err = read(&path, &mut std::io::sink()).unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        assert!(
            std::fs::read(&path)
                .unwrap()
                .starts_with(b"not a message\n")
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_line() {
        let text = "\u{feff}{\"role\":\"user\",\"content\":\"hi\"}\n";
        assert_eq!(
            parse(text, Path::new("h")).unwrap(),
            [msg(Role::User, "hi")]
        );
    }

    #[test]
    fn last_conversation_follows_xdg_then_home() {
        assert_eq!(
            last_conversation(Some("/x"), Some("/h")),
            Some(PathBuf::from("/x/oaichat/last.jsonl"))
        );
        assert_eq!(
            last_conversation(Some("relative"), Some("/h")),
            Some(PathBuf::from("/h/.local/share/oaichat/last.jsonl"))
        );
        assert_eq!(last_conversation(None, None), None);
    }
}
