//! `--output FILE`: the answer written to a temporary file beside FILE and renamed over it
//! when the run succeeds, so that a script never finds half an answer where it expects a
//! whole one. A run that fails after writing something keeps it as `FILE.partial` (it was
//! paid for) and says so; one that wrote nothing leaves no file behind.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The answer's file while it is written.
pub struct Pending {
    target: PathBuf,
    temp: PathBuf,
    file: BufWriter<File>,
    written: u64,
}

/// What became of the answer when the run ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Kept {
    /// The whole answer is at the target.
    Whole,
    /// Part of an answer is here; the target is untouched.
    Partial(PathBuf),
    /// Nothing was written; the target is untouched.
    Nothing,
}

impl Pending {
    /// Opens the temporary file in the target's directory (a rename within one file system
    /// is atomic).
    pub fn create(target: &Path) -> io::Result<Pending> {
        let dir = match target.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => dir,
            None => Path::new("."),
        };
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let temp = dir.join(format!(".{name}.{}.oaichat-tmp", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        crate::interrupt::set_pending_output(Some((temp.clone(), partial_path(target))));
        Ok(Pending {
            target: target.to_path_buf(),
            temp,
            file: BufWriter::new(file),
            written: 0,
        })
    }

    /// Ends the file: renamed over the target when `whole`, else kept as `FILE.partial`
    /// when anything was written, else removed.
    pub fn finish(mut self, whole: bool) -> io::Result<Kept> {
        crate::interrupt::set_pending_output(None);
        let synced = self
            .file
            .flush()
            .and_then(|()| self.file.get_ref().sync_all());
        let kept = match (whole, self.written > 0) {
            (true, _) => synced
                .and_then(|()| std::fs::rename(&self.temp, &self.target))
                .map(|()| Kept::Whole),
            (false, true) => {
                let partial = partial_path(&self.target);
                synced
                    .and_then(|()| std::fs::rename(&self.temp, &partial))
                    .map(|()| Kept::Partial(partial))
            }
            (false, false) => Ok(Kept::Nothing),
        };
        if !matches!(kept, Ok(Kept::Whole | Kept::Partial(_))) {
            let _ = std::fs::remove_file(&self.temp);
        }
        kept
    }
}

/// `FILE.partial`.
fn partial_path(target: &Path) -> PathBuf {
    let mut partial = target.as_os_str().to_os_string();
    partial.push(".partial");
    PathBuf::from(partial)
}

impl Write for Pending {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.file.write(bytes)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_changes_only_when_the_run_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("answer.txt");
        std::fs::write(&target, "old\n").unwrap();
        let mut pending = Pending::create(&target).unwrap();
        pending.write_all(b"half").unwrap();
        let partial = dir.path().join("answer.txt.partial");
        assert_eq!(
            pending.finish(false).unwrap(),
            Kept::Partial(partial.clone())
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(std::fs::read_to_string(&partial).unwrap(), "half");
        let pending = Pending::create(&target).unwrap();
        assert_eq!(pending.finish(false).unwrap(), Kept::Nothing);
        let mut pending = Pending::create(&target).unwrap();
        pending.write_all(b"new\n").unwrap();
        assert_eq!(pending.finish(true).unwrap(), Kept::Whole);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            left.len(),
            2,
            "the target and the partial file, no temporary file"
        );
    }
}
