//! The chat's files: the conversation saved by `/save FILE`, and the message `/edit`
//! writes in an editor.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::refused::Refused;
use super::view;
use crate::api::message::Message;
use crate::config::Places;
use crate::error::{Error, Saved, Task};

/// How `/save` writes a conversation, by the file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One message per line, as history files hold them: `--history FILE` continues it.
    Jsonl,
    /// A `.md` file: for reading.
    Markdown,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        match path.extension() {
            Some(ext) if ext.eq_ignore_ascii_case("md") => Format::Markdown,
            _ => Format::Jsonl,
        }
    }
}

/// The file a `/save` names: `~/` at its start is the home folder, as a shell would read
/// it; anything else is a path as typed, relative to the working directory.
pub fn path(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(typed),
    }
}

/// Writes the conversation to `path` whole or not at all (a temporary file, then a
/// rename: habit 15), readable only by its owner like every conversation oaichat keeps. A
/// file that exists is refused unless this chat wrote it (`written`, to which `path` is
/// added), so that saving again as the chat goes on works, and nothing else is replaced.
pub fn save<'m>(
    path: &Path,
    messages: impl Iterator<Item = &'m Message>,
    written: &mut Vec<PathBuf>,
) -> Result<Format, Refused> {
    let known = |path: &Path| path.canonicalize().ok();
    if path.exists() && !known(path).is_some_and(|p| written.contains(&p)) {
        return Err(Refused::Exists(path.to_path_buf()));
    }
    let format = Format::of(path);
    let bytes = match format {
        Format::Jsonl => crate::history::encode(&messages.cloned().collect::<Vec<_>>()),
        Format::Markdown => view::markdown(messages).into_bytes(),
    };
    crate::jsonl::replace(path, &bytes).map_err(|source| Error::Save {
        what: Saved::Conversation(path.to_path_buf()),
        source,
    })?;
    written.extend(known(path));
    Ok(format)
}

/// `/edit`: runs the editor on a new empty file and returns what was written there, once
/// the editor ends well with some text; the file is removed either way.
pub fn edit(places: &Places) -> Result<String, Refused> {
    let editor = places.editor.as_deref().ok_or(Refused::NoEditor)?;
    let failed = |e| Refused::Failed(Error::local(Task::EditMessage, e));
    let path = draft(&places.temp_dir).map_err(failed)?;
    let ran = run(editor, &path);
    let written = std::fs::read_to_string(&path);
    let _ = std::fs::remove_file(&path);
    ran?;
    let text = written.map_err(failed)?;
    let text = text.trim_end();
    match text.trim().is_empty() {
        true => Err(Refused::EmptyMessage),
        false => Ok(text.to_string()),
    }
}

/// A new empty file for the message, readable only by its owner (a message can hold
/// secrets), with a name no other run has (`.md`: editors highlight it as markdown).
fn draft(dir: &Path) -> std::io::Result<PathBuf> {
    let pid = std::process::id();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut n = 0;
    loop {
        let path = dir.join(format!("oaichat-message-{pid}-{n}.md"));
        match options.open(&path) {
            Ok(mut file) => return file.flush().map(|()| path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Runs the editor (a program and its arguments, split at spaces and run without a
/// shell, as `oaichat config --edit` runs it) on `path`, on the terminal it shares.
fn run(editor: &str, path: &Path) -> Result<(), Refused> {
    let mut words = editor.split_whitespace();
    let program = words.next().ok_or(Refused::NoEditor)?;
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| Error::local(Task::EditMessage, format!("cannot run {program}: {e}")))?;
    match status.success() {
        true => Ok(()),
        false => Err(Refused::Editor {
            program: program.to_string(),
            status,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::message::Role;

    #[test]
    fn the_format_follows_the_extension_and_a_tilde_is_home() {
        assert_eq!(Format::of(Path::new("notes.MD")), Format::Markdown);
        assert_eq!(Format::of(Path::new("chat.jsonl")), Format::Jsonl);
        assert_eq!(Format::of(Path::new("chat")), Format::Jsonl);
        let home = Path::new("/home/me");
        assert_eq!(path("~/a.md", Some(home)), Path::new("/home/me/a.md"));
        assert_eq!(path("~/a.md", None), Path::new("~/a.md"));
        assert_eq!(path("my notes.md", Some(home)), Path::new("my notes.md"));
    }

    #[test]
    fn save_writes_new_files_and_its_own_again_but_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let messages = [
            Message::new(Role::User, "q"),
            Message::new(Role::Assistant, "a"),
        ];
        let mut written = Vec::new();
        let jsonl = dir.path().join("chat.jsonl");
        assert_eq!(
            save(&jsonl, messages.iter(), &mut written).unwrap(),
            Format::Jsonl
        );
        let read = crate::history::read(&jsonl, &mut std::io::sink()).unwrap();
        assert_eq!(read, messages);
        // Again, with more: this chat wrote it.
        save(&jsonl, messages.iter().chain(&messages), &mut written).unwrap();
        assert_eq!(
            crate::history::read(&jsonl, &mut std::io::sink())
                .unwrap()
                .len(),
            4
        );
        let other = dir.path().join("other.md");
        std::fs::write(&other, "mine").unwrap();
        let refused = save(&other, messages.iter(), &mut written).unwrap_err();
        assert!(matches!(refused, Refused::Exists(_)), "{refused}");
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "mine");
    }
}
