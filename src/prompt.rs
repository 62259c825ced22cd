//! Where the prompt comes from: arguments, stdin, `-` and `-f FILE`, and how they join.
//!
//! The arguments are the instruction; stdin and files are the material. Both together make
//! one user message: the instruction, a blank line, then the material (each piece separated
//! by a blank line). Deciding what to read and joining it are pure functions; reading stdin
//! and files are the only I/O here.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

pub use crate::error::NotText;
use crate::error::{self, Error, Place, Problem};

/// How long a silent stdin may sit before oaichat says it is waiting (issue #2).
pub const STDIN_NOTICE_AFTER: Duration = Duration::from_secs(3);

/// One piece of material, in the order it is joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// The inputs a prompt is made of, as given on the command line.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub args: &'a [String],
    pub files: &'a [PathBuf],
    pub no_stdin: bool,
    pub stdin_is_terminal: bool,
}

/// Decides which material to read, in order. Stdin is read when `-` is given (as the prompt
/// or as `-f -`), or implicitly when it is not a terminal and neither `-f` nor `--no-stdin`
/// was given: like `cat`, naming files means stdin is not read unless asked for.
pub fn plan(inputs: Inputs<'_>) -> Result<Vec<Source>, Error> {
    let dash_arg = inputs.args.iter().any(|a| a == "-");
    let dash_file = inputs.files.iter().any(|f| f.as_os_str() == "-");
    if inputs.no_stdin && (dash_arg || dash_file) {
        return Err(Problem::StdinRefused.into());
    }
    let implicit = !inputs.no_stdin && !inputs.stdin_is_terminal && inputs.files.is_empty();
    let mut sources = Vec::new();
    if dash_arg || implicit {
        sources.push(Source::Stdin);
    }
    for file in inputs.files {
        let source = if file.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::File(file.clone())
        };
        // Stdin can be read only once: a second `-` adds nothing.
        if source != Source::Stdin || !sources.contains(&Source::Stdin) {
            sources.push(source);
        }
    }
    Ok(sources)
}

/// The instruction: the arguments joined with spaces, without the `-` marker.
pub fn instruction(args: &[String]) -> Option<String> {
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "-")
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

/// Turns input bytes into prompt text: UTF-8 only (a byte order mark is left out), no NUL
/// bytes (binary), and one trailing newline dropped (`echo` adds it; it carries no
/// meaning). Other leading and trailing whitespace is kept, since it can matter (code,
/// poetry, tables).
pub fn decode(mut bytes: Vec<u8>, what: Place) -> Result<String, Error> {
    if let Err(not) = check(&bytes) {
        return Err(Problem::NotText { what, not }.into());
    }
    if bytes.ends_with(b"\r\n") {
        bytes.truncate(bytes.len() - 2);
    } else if bytes.ends_with(b"\n") {
        bytes.truncate(bytes.len() - 1);
    }
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    // Checked above: valid UTF-8, and cutting ASCII bytes at either end keeps it so.
    String::from_utf8(bytes).map_err(|e| {
        let not = NotText::Utf8(e.utf8_error().valid_up_to());
        Problem::NotText { what, not }.into()
    })
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// The text in `bytes`, or why there is none: the check every input gets, whole (stdin, a
/// file) or line by line (line mode).
pub fn check(bytes: &[u8]) -> Result<&str, NotText> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(NotText::Utf16);
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(NotText::Nul(offset));
    }
    std::str::from_utf8(bytes).map_err(|e| NotText::Utf8(e.valid_up_to()))
}

/// Joins the instruction and the material into the user message. Material that is empty
/// or only whitespace adds nothing; a prompt that ends up empty is an error.
pub fn assemble(instruction: Option<String>, material: Vec<String>) -> Result<String, Problem> {
    let mut parts: Vec<String> = instruction.into_iter().collect();
    parts.extend(material.into_iter().filter(|m| !m.trim().is_empty()));
    // One part (the common `cat file | oaichat`) is moved, not copied: a 10 MB prompt
    // should not cost 20 MB.
    let prompt = match parts.len() {
        1 => parts.pop().unwrap_or_default(),
        _ => parts.join("\n\n"),
    };
    if prompt.trim().is_empty() {
        return Err(Problem::EmptyPrompt);
    }
    Ok(prompt)
}

/// Reads a text file for the prompt or the system message.
pub fn read_file(path: &Path) -> Result<String, Error> {
    if path.is_dir() {
        return Err(Problem::Directory(path.to_path_buf()).into());
    }
    let bytes = std::fs::read(path)
        .map_err(|err| Error::read(error::Input::File(path.to_path_buf()), err))?;
    decode(bytes, Place::File(path.to_path_buf()))
}

/// Reads all of stdin. When `notice_after` is set and stdin has sent nothing by then, says
/// once on stderr that oaichat is waiting and how to skip it, then keeps waiting: a slow
/// producer is legitimate, a forgotten open pipe (CI runners, agents) is not.
pub fn read_stdin(
    notice_after: Option<Duration>,
    stderr: &mut dyn Write,
) -> Result<Vec<u8>, Error> {
    let Some(after) = notice_after else {
        return read_all_stdin();
    };
    let (first_byte_tx, first_byte_rx) = mpsc::channel::<()>();
    let reader = std::thread::spawn(move || -> std::io::Result<Vec<u8>> {
        let mut stdin = std::io::stdin().lock();
        let mut data = Vec::new();
        let mut buf = [0u8; 8192];
        let mut told = false;
        loop {
            let n = match stdin.read(&mut buf) {
                Ok(n) => n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if !told {
                // The receiver may be gone already; that only means nobody waits to hear.
                let _ = first_byte_tx.send(());
                told = true;
            }
            if n == 0 {
                return Ok(data);
            }
            data.extend_from_slice(&buf[..n]);
        }
    });
    if first_byte_rx.recv_timeout(after) == Err(mpsc::RecvTimeoutError::Timeout) {
        // A failed write to stderr must not stop the answer.
        crate::log::line(
            stderr,
            format_args!(
                "waiting for stdin, since it is a pipe; pass --no-stdin (or < /dev/null) to \
                 use only the arguments"
            ),
        );
    }
    match reader.join() {
        Ok(result) => result.map_err(|err| Error::read(error::Input::Stdin, err)),
        Err(_) => Err(Error::read(
            error::Input::Stdin,
            std::io::Error::other("the reader thread stopped"),
        )),
    }
}

fn read_all_stdin() -> Result<Vec<u8>, Error> {
    let mut data = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut data)
        .map_err(|err| Error::read(error::Input::Stdin, err))?;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs<'a>(args: &'a [String], files: &'a [PathBuf], terminal: bool) -> Inputs<'a> {
        Inputs {
            args,
            files,
            no_stdin: false,
            stdin_is_terminal: terminal,
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn piped_stdin_is_read_unless_files_or_no_stdin() {
        let args = strings(&["hi"]);
        assert_eq!(plan(inputs(&args, &[], false)).unwrap(), [Source::Stdin]);
        assert_eq!(plan(inputs(&args, &[], true)).unwrap(), []);
        let files = [PathBuf::from("a.txt")];
        assert_eq!(
            plan(inputs(&args, &files, false)).unwrap(),
            [Source::File("a.txt".into())]
        );
        let mut no = inputs(&args, &[], false);
        no.no_stdin = true;
        assert_eq!(plan(no).unwrap(), []);
    }

    #[test]
    fn dash_reads_stdin_once_even_from_a_terminal() {
        let args = strings(&["-"]);
        let files = [PathBuf::from("-"), PathBuf::from("b")];
        assert_eq!(
            plan(inputs(&args, &files, true)).unwrap(),
            [Source::Stdin, Source::File("b".into())]
        );
        let mut no = inputs(&args, &[], true);
        no.no_stdin = true;
        assert!(plan(no).is_err());
    }

    #[test]
    fn instruction_joins_words_and_drops_dash() {
        assert_eq!(
            instruction(&strings(&["a", "b", "-"])).as_deref(),
            Some("a b")
        );
        assert_eq!(instruction(&strings(&["-"])), None);
        assert_eq!(instruction(&[]), None);
    }

    #[test]
    fn decode_drops_one_trailing_newline_and_keeps_other_space() {
        assert_eq!(decode(b"  x\n\n".to_vec(), Place::Stdin).unwrap(), "  x\n");
        assert_eq!(decode(b"x\r\n".to_vec(), Place::Stdin).unwrap(), "x");
        assert_eq!(decode(b" x ".to_vec(), Place::Stdin).unwrap(), " x ");
    }

    #[test]
    fn decode_leaves_out_a_byte_order_mark_and_names_utf16() {
        assert_eq!(
            decode(b"\xef\xbb\xbfhi\n".to_vec(), Place::Stdin).unwrap(),
            "hi"
        );
        let err = decode(b"\xff\xfeh\0i\0".to_vec(), Place::File("u.txt".into())).unwrap_err();
        assert!(
            err.to_string().starts_with("file u.txt is UTF-16 text"),
            "{err}"
        );
    }

    #[test]
    fn decode_names_the_bad_utf8_offset_and_binary() {
        let err = decode(b"abc\xff".to_vec(), Place::Stdin).unwrap_err();
        assert!(err.to_string().contains("offset 3"), "{err}");
        let err = decode(b"ab\0".to_vec(), Place::File("x".into())).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
    }

    #[test]
    fn assemble_joins_with_blank_lines_and_refuses_empty() {
        let joined = assemble(Some("sum".into()), strings(&["one", "  ", "two"])).unwrap();
        assert_eq!(joined, "sum\n\none\n\ntwo");
        assert_eq!(assemble(None, strings(&["x"])).unwrap(), "x");
        assert!(assemble(None, strings(&[" \n"])).is_err());
        assert!(assemble(None, vec![]).is_err());
    }
}
