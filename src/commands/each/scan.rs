//! Input files are checked whole before line mode sends anything: a UTF-16 file, a binary
//! line or a repeated id is refused with nothing sent and nothing paid for (issue 10).
//! Stdin can be read only once, so its lines get the same checks as they are read. Then
//! the files are read as one stream of lines.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::Kind;
use super::jobs::{Ids, repeated, text_line};
use crate::error::{Error, Input, Place, Problem};

/// Only the id of a `--jsonl` line; serde skips the rest without building it.
#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<Value>,
}

/// Checks the files and counts their inputs (non-blank lines), for progress.
pub fn scan_files(files: &[PathBuf], kind: Kind) -> Result<usize, Error> {
    let mut ids = Ids::default();
    // Where each id was first seen, by its index in `places`.
    let mut places: Vec<Place> = Vec::new();
    let mut inputs = 0;
    for path in files {
        let unreadable = |e| Error::read(Input::File(path.clone()), e);
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let mut reader = BufReader::new(file);
        let mut buf = Vec::new();
        let mut in_file = 0;
        loop {
            buf.clear();
            let n = reader.read_until(b'\n', &mut buf).map_err(unreadable)?;
            if n == 0 {
                break;
            }
            in_file += 1;
            let place = || Place::FileLine(path.clone(), in_file);
            let text = (text_line(&buf, in_file == 1))
                .map_err(|not| Problem::NotText { what: place(), not })?;
            if text.trim().is_empty() {
                continue;
            }
            inputs += 1;
            if kind == Kind::Jsonl
                && let Ok(IdOnly { id: Some(id) }) = serde_json::from_str(text)
                && !id.is_null()
            {
                if let Some(first) = ids.first_seen(&id, places.len()) {
                    let why = repeated(&id, places[first].clone());
                    return Err(Problem::RepeatedId {
                        place: place(),
                        why,
                    }
                    .into());
                }
                places.push(place());
            }
        }
    }
    Ok(inputs)
}

/// The files as one stream of lines, in order: each one's own lines, whatever the next
/// holds. A file's UTF-8 byte order mark is left out, and a last line without its newline
/// gets one, so that it does not run into the next file's first line.
pub fn open_files(files: &[PathBuf]) -> Result<BufReader<Box<dyn Read + Send>>, Error> {
    let mut stream: Box<dyn Read + Send> = Box::new(std::io::empty());
    for path in files {
        let (file, ended) =
            open_one(path).map_err(|e| Error::read(Input::File(path.clone()), e))?;
        stream = Box::new(stream.chain(file));
        if !ended {
            stream = Box::new(stream.chain(&b"\n"[..]));
        }
    }
    Ok(BufReader::new(stream))
}

/// A file positioned after its byte order mark, and whether it ends with a newline (or is
/// empty).
fn open_one(path: &Path) -> std::io::Result<(File, bool)> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut last = [b'\n'];
    if len > 0 {
        file.seek(SeekFrom::Start(len - 1))?;
        file.read_exact(&mut last)?;
    }
    let mut head = [0u8; 3];
    file.seek(SeekFrom::Start(0))?;
    let bom = len >= 3 && file.read_exact(&mut head).is_ok() && head == *b"\xef\xbb\xbf";
    file.seek(SeekFrom::Start(if bom { 3 } else { 0 }))?;
    Ok((file, last[0] == b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(contents: &[&[u8]]) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        let paths = contents
            .iter()
            .enumerate()
            .map(|(i, content)| {
                let path = dir.path().join(format!("f{i}.txt"));
                std::fs::write(&path, content).unwrap();
                path
            })
            .collect();
        (dir, paths)
    }

    #[test]
    fn files_are_read_as_their_own_lines() {
        let (_dir, paths) = files(&[b"a\nb", b"\xef\xbb\xbfc\n", b""]);
        let mut text = String::new();
        open_files(&paths)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "a\nb\nc\n");
    }

    #[test]
    fn inputs_are_counted_across_files() {
        let (_dir, paths) = files(&[b"a\n\nb\n", b"c"]);
        assert_eq!(scan_files(&paths, Kind::Each).unwrap(), 3);
    }

    #[test]
    fn a_file_that_is_not_text_is_refused_naming_its_line() {
        let (_dir, paths) = files(&[b"a\n", b"\xff\xfeh\0i\0\n"]);
        let err = scan_files(&paths, Kind::Each).unwrap_err().to_string();
        assert!(err.contains("f1.txt line 1 is UTF-16 text"), "{err}");
        let (_dir, paths) = files(&[b"a\nb\0\n"]);
        let err = scan_files(&paths, Kind::Each).unwrap_err().to_string();
        assert!(err.contains("f0.txt line 2 looks binary"), "{err}");
    }

    #[test]
    fn a_repeated_id_names_both_lines_even_across_files() {
        let (_dir, paths) = files(&[
            b"{\"id\":\"a\",\"prompt\":\"x\"}\n{\"prompt\":\"no id\"}\n",
            b"\n{\"id\":\"a\",\"prompt\":\"again\"}\n",
        ]);
        let err = scan_files(&paths, Kind::Jsonl).unwrap_err().to_string();
        assert!(
            err.contains("f1.txt line 2: id \"a\" repeats ")
                && err.contains("f0.txt line 1: ids must be unique"),
            "{err}"
        );
        // Inputs without ids never collide, and --each lines have none.
        let (_dir, paths) = files(&[b"{\"prompt\":\"x\"}\n{\"prompt\":\"x\"}\n"]);
        assert_eq!(scan_files(&paths, Kind::Jsonl).unwrap(), 2);
    }
}
