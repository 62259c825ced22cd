//! The cache's files: one per entry, named by its key, in a folder only the user can
//! enter. Writes are atomic (a temporary file in the same folder, synced, then renamed),
//! so a reader sees a whole entry or none, and two runs writing one entry both succeed:
//! the last rename wins, and either entry is whole.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Tells apart the temporary files of one process's threads (line mode's workers may
/// store the same entry at once); the pid tells processes apart.
static TEMPS: AtomicU64 = AtomicU64::new(0);

/// Reads an entry's bytes; `None` when there is none.
pub fn read(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` as `dir/name`, whole or not at all, readable only by the user.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    private_dir(dir)?;
    let n = TEMPS.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let written = private_new_file(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let renamed = written.and_then(|()| fs::rename(&temp, dir.join(name)));
    if renamed.is_err() {
        let _ = fs::remove_file(&temp);
    }
    renamed
}

/// Removes the files `is_entry` names, and temporary files a killed run left; returns how
/// many entries went. A missing folder holds none.
pub fn clear(dir: &Path, is_entry: fn(&str) -> bool) -> io::Result<usize> {
    let listing = match fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for item in listing {
        let name = item?.file_name();
        let name = name.to_string_lossy();
        let entry = is_entry(&name);
        if entry || (name.starts_with('.') && name.ends_with(".tmp")) {
            match fs::remove_file(dir.join(&*name)) {
                // Another run's clear got there first.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
                Ok(()) => removed += usize::from(entry),
            }
        }
    }
    Ok(removed)
}

/// The folder (and its parents), made only-the-user when new: answers can hold secrets.
fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn private_new_file(path: &Path) -> io::Result<fs::File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_are_private_and_whole() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/oaichat");
        write(&dir, "e", b"one").unwrap();
        write(&dir, "e", b"two").unwrap();
        assert_eq!(read(&dir.join("e")).unwrap().as_deref(), Some(&b"two"[..]));
        assert_eq!(read(&dir.join("none")).unwrap(), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir), 0o700);
            assert_eq!(mode(&dir.join("e")), 0o600);
        }
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn clear_counts_entries_and_leaves_other_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["aa", "bb", ".aa.1.0.tmp", "notes"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        let is_entry = |name: &str| name.len() == 2;
        assert_eq!(clear(dir.path(), is_entry).unwrap(), 2);
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
        assert_eq!(clear(&dir.path().join("missing"), is_entry).unwrap(), 0);
    }
}
