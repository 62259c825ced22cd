//! JSON Lines files that oaichat appends to (`--history`, `last.jsonl`, `--resume`), kept
//! whole when a run is killed at any moment and when several runs share one file.
//!
//! The rules (STYLE.md habit 15, issue 10):
//! - A record (one or more complete lines) is serialised first and written with one
//!   `write_all`, so a record is never spread over many system calls.
//! - Every append holds an exclusive lock on the file, so two runs never interleave.
//! - A kill can still land inside that one write. Before anything is appended (and before
//!   a conversation is read), a torn record at the end, a last line without its newline,
//!   is cut off with a warning naming the file and the byte count. A last line without a
//!   newline that is complete JSON (a file edited by hand) is kept and ended instead.
//! - A malformed line in the middle is not repaired here: readers report it.
//! - A whole-file rewrite goes to a temporary file in the same directory, synced, then
//!   renamed over the old one.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// A JSON Lines file opened for appending whole records.
pub struct Appender {
    file: File,
    path: PathBuf,
    /// Whether the walk back after a cut stops at (and keeps) a line: lines of the torn
    /// record that did get written whole are cut too, back to the end of the last record.
    keeps: fn(&[u8]) -> bool,
}

/// What mending found at the end of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mended {
    /// The file was empty or ended with a newline.
    Whole,
    /// The last line was complete JSON without its newline: the newline was added.
    Ended,
    /// A torn record was cut off: this many bytes.
    Cut(u64),
}

/// Every line is a record of its own (resume files).
pub fn any_line(_: &[u8]) -> bool {
    true
}

/// A UTF-8 byte order mark, which editors on Windows put at the start of a file.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// A line without the byte order mark it has when it is the file's first.
fn without_bom(line: &[u8], at: u64) -> &[u8] {
    match at {
        0 => line.strip_prefix(BOM).unwrap_or(line),
        _ => line,
    }
}

impl Appender {
    /// Opens `path` for appending, creating it (and its directory) when missing; a new
    /// file is readable only by its owner, since conversations and answers can hold secrets.
    pub fn open(path: &Path, keeps: fn(&[u8]) -> bool) -> io::Result<Appender> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = OpenOptions::new();
        options.read(true).append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        Ok(Appender {
            file: options.open(path)?,
            path: path.to_path_buf(),
            keeps,
        })
    }

    /// Under the lock, cuts off a torn record at the end (saying so on `warn`).
    pub fn mend(&mut self, warn: &mut dyn Write) -> io::Result<Mended> {
        self.file.lock()?;
        let mended = self.mend_locked(warn);
        self.file.unlock()?;
        mended
    }

    /// Under the lock, mends the end and reads the whole file: a record another run is
    /// writing at that moment is either all there or not at all.
    pub fn read(&mut self, warn: &mut dyn Write) -> io::Result<Vec<u8>> {
        self.file.lock()?;
        let read = self.mend_locked(warn).and_then(|_| {
            let mut bytes = Vec::new();
            self.file.seek(SeekFrom::Start(0))?;
            self.file.read_to_end(&mut bytes)?;
            Ok(bytes)
        });
        self.file.unlock()?;
        read
    }

    /// Appends `lines` (whole lines, each ending in `\n`) in one write, under the lock,
    /// after mending the end of the file (another run may have been killed mid-write).
    pub fn append(&mut self, lines: &[u8], warn: &mut dyn Write) -> io::Result<()> {
        debug_assert!(lines.is_empty() || lines.ends_with(b"\n"));
        self.file.lock()?;
        let written = self
            .mend_locked(warn)
            .and_then(|_| self.file.write_all(lines));
        // The lock goes with the write's outcome either way; closing would release it too.
        let unlocked = self.file.unlock();
        written.and(unlocked)
    }

    fn mend_locked(&mut self, warn: &mut dyn Write) -> io::Result<Mended> {
        let mended = mend(&mut self.file, self.keeps)?;
        if let Mended::Cut(bytes) = mended {
            crate::log::warning(
                warn,
                format_args!(
                    "{} ended in a torn record (a run was stopped while writing it); cut \
                     off its {bytes} bytes",
                    self.path.display()
                ),
            );
        }
        Ok(mended)
    }
}

/// Ends or cuts an unterminated last line; see the module comment. The caller holds the
/// lock. Pure file arithmetic, tested on temporary files.
pub fn mend(file: &mut File, keeps: fn(&[u8]) -> bool) -> io::Result<Mended> {
    let len = file.metadata()?.len();
    if len == 0 || last_byte(file, len)? == b'\n' {
        return Ok(Mended::Whole);
    }
    let start = line_start(file, len)?;
    let tail = read_range(file, start, len)?;
    let tail = without_bom(&tail, start);
    if tail.iter().all(u8::is_ascii_whitespace) || is_json(tail) {
        file.write_all(b"\n")?;
        return Ok(Mended::Ended);
    }
    // The torn line goes; so do whole lines before it back to the end of the last complete
    // record (a conversation's exchange is several lines written at once), stopping at
    // any line `keeps` says to keep.
    let mut keep = start;
    while keep > 0 {
        let previous = line_start(file, keep - 1)?;
        let line = read_range(file, previous, keep - 1)?;
        let line = without_bom(&line, previous);
        if line.iter().all(u8::is_ascii_whitespace) || keeps(line) {
            break;
        }
        keep = previous;
    }
    file.set_len(keep)?;
    Ok(Mended::Cut(len - keep))
}

fn is_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

fn last_byte(file: &mut File, len: u64) -> io::Result<u8> {
    let mut byte = [0u8];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut byte)?;
    Ok(byte[0])
}

/// Where the line holding the byte before `end` starts: just after the previous `\n`.
fn line_start(file: &mut File, end: u64) -> io::Result<u64> {
    const BLOCK: u64 = 64 * 1024;
    let mut block = vec![0u8; BLOCK as usize];
    let mut to = end;
    while to > 0 {
        let from = to.saturating_sub(BLOCK);
        let piece = &mut block[..(to - from) as usize];
        file.seek(SeekFrom::Start(from))?;
        file.read_exact(piece)?;
        if let Some(i) = memchr::memrchr(b'\n', piece) {
            return Ok(from + i as u64 + 1);
        }
        to = from;
    }
    Ok(0)
}

fn read_range(file: &mut File, from: u64, to: u64) -> io::Result<Vec<u8>> {
    let mut bytes = vec![0u8; (to - from) as usize];
    file.seek(SeekFrom::Start(from))?;
    file.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// Replaces the file's contents with `bytes`: a temporary file in the same directory,
/// synced, renamed over the old one. Readers see the old file or the new, never a part.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            dir
        }
        None => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = private_file(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&temp, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    renamed
}

/// A new file only its owner may read.
fn private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mended(content: &[u8], keeps: fn(&[u8]) -> bool) -> (Mended, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.jsonl");
        std::fs::write(&path, content).unwrap();
        let mut appender = Appender::open(&path, keeps).unwrap();
        let mut warn = Vec::new();
        let result = appender.mend(&mut warn).unwrap();
        let warned = String::from_utf8(warn).unwrap();
        assert_eq!(
            matches!(result, Mended::Cut(_)),
            !warned.is_empty(),
            "{warned}"
        );
        (result, std::fs::read(&path).unwrap())
    }

    #[test]
    fn whole_files_are_left_alone() {
        assert_eq!(mended(b"", any_line), (Mended::Whole, b"".to_vec()));
        assert_eq!(
            mended(b"{\"a\":1}\n", any_line),
            (Mended::Whole, b"{\"a\":1}\n".to_vec())
        );
    }

    #[test]
    fn a_complete_last_line_without_newline_is_ended() {
        assert_eq!(
            mended(b"{\"a\":1}\n{\"b\":2}", any_line),
            (Mended::Ended, b"{\"a\":1}\n{\"b\":2}\n".to_vec())
        );
    }

    #[test]
    fn a_torn_last_line_is_cut_with_its_byte_count() {
        assert_eq!(
            mended(b"{\"a\":1}\n{\"b\":", any_line),
            (Mended::Cut(5), b"{\"a\":1}\n".to_vec())
        );
        assert_eq!(mended(b"{\"b", any_line), (Mended::Cut(3), Vec::new()));
    }

    #[test]
    fn a_torn_record_of_several_lines_goes_back_to_the_last_record_end() {
        let ends = |line: &[u8]| line.starts_with(b"{\"end\"");
        let (result, left) = mended(b"{\"end\":1}\n{\"q\":2}\n{\"q\":3}\n{\"end\":", ends);
        assert_eq!(result, Mended::Cut(23));
        assert_eq!(left, b"{\"end\":1}\n");
    }

    #[test]
    fn a_byte_order_mark_does_not_make_a_whole_line_look_torn() {
        let (result, left) = mended(b"\xef\xbb\xbf{\"a\":1}", any_line);
        assert_eq!(result, Mended::Ended);
        assert_eq!(left, b"\xef\xbb\xbf{\"a\":1}\n");
        let keeps = |line: &[u8]| line.starts_with(b"{\"keep\"");
        let (result, left) = mended(b"\xef\xbb\xbf{\"keep\":1}\n{\"q\":2}\n{\"to", keeps);
        assert_eq!(result, Mended::Cut(12));
        assert_eq!(left, b"\xef\xbb\xbf{\"keep\":1}\n");
    }

    #[test]
    fn a_torn_line_longer_than_a_block_is_found() {
        let mut content = b"{\"a\":1}\n{\"long\":\"".to_vec();
        content.extend(std::iter::repeat_n(b'x', 200_000));
        let (result, left) = mended(&content, any_line);
        assert_eq!(result, Mended::Cut(200_009));
        assert_eq!(left, b"{\"a\":1}\n");
    }

    #[test]
    fn append_mends_first_then_writes_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/f.jsonl");
        let mut appender = Appender::open(&path, any_line).unwrap();
        appender.append(b"{\"a\":1}\n", &mut io::sink()).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(b"{\"torn"))
            .unwrap();
        let mut warn = Vec::new();
        appender.append(b"{\"b\":2}\n", &mut warn).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"a\":1}\n{\"b\":2}\n");
        let warned = String::from_utf8(warn).unwrap();
        assert!(
            warned.contains("f.jsonl") && warned.contains("6 bytes"),
            "{warned}"
        );
    }

    #[test]
    fn replace_swaps_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("last.jsonl");
        replace(&path, b"one\n").unwrap();
        replace(&path, b"two\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }
}
