//! `--cache`: answers to requests seen before, from files, without a network call (issue
//! 13, "A response cache for scripts and CI").
//!
//! Off by default. Only successful answers are stored (the caller decides what counts);
//! a damaged or unreadable entry is a miss, replaced by the next answer, never an error.
//! This module knows nothing of HTTP or the configuration: it is handed the key's parts,
//! the folder and the age bound.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod entry;
mod key;
mod store;

pub use entry::{Entry, Kind};
pub use key::{Key, Parts};

/// Where the cache lives and how old an entry may be (`None`: any age).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub dir: PathBuf,
    pub ttl: Option<Duration>,
}

/// `$XDG_CACHE_HOME/oaichat` (an absolute one), else `~/.cache/oaichat`.
pub fn dir(xdg_cache_home: Option<&str>, home: Option<&str>) -> Option<PathBuf> {
    let base = match (xdg_cache_home, home) {
        (Some(xdg), _) if Path::new(xdg).is_absolute() => PathBuf::from(xdg),
        (_, Some(home)) => Path::new(home).join(".cache"),
        _ => return None,
    };
    Some(base.join("oaichat"))
}

/// What a look-up found.
#[derive(Debug)]
pub enum Lookup {
    Hit(Entry),
    Miss(Miss),
}

/// Why there was no answer to reuse.
#[derive(Debug)]
pub enum Miss {
    Absent,
    /// Older than `--cache-ttl`.
    Expired,
    /// Damaged or unreadable: ignored, and replaced by the next answer.
    Unusable(String),
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Miss::Absent => f.write_str("not cached"),
            Miss::Expired => f.write_str("cached answer too old (--cache-ttl)"),
            Miss::Unusable(why) => write!(f, "cached answer ignored: {why}"),
        }
    }
}

/// One request's place in the cache.
#[derive(Debug, Clone)]
pub struct Slot {
    dir: PathBuf,
    key: Key,
    ttl: Option<Duration>,
}

impl Slot {
    pub fn new(settings: &Settings, parts: Parts<'_>) -> Slot {
        Slot {
            dir: settings.dir.clone(),
            key: Key::new(parts),
            ttl: settings.ttl,
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(self.key.as_str())
    }

    /// The stored answer, when there is one young enough at `now`.
    pub fn get(&self, now: SystemTime) -> Lookup {
        let path = self.path();
        let bytes = match store::read(&path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Lookup::Miss(Miss::Absent),
            Err(e) => return Lookup::Miss(Miss::Unusable(format!("{}: {e}", path.display()))),
        };
        match Entry::decode(bytes) {
            Ok(entry) if fresh(entry.stored, seconds(now), self.ttl) => Lookup::Hit(entry),
            Ok(_) => Lookup::Miss(Miss::Expired),
            Err(why) => Lookup::Miss(Miss::Unusable(format!("{}: {why}", path.display()))),
        }
    }

    /// Stores an answer, replacing any entry (an old, damaged or concurrent one).
    pub fn put(&self, kind: Kind, payload: &[u8], now: SystemTime) -> io::Result<()> {
        let entry = Entry {
            kind,
            stored: seconds(now),
            payload: payload.to_vec(),
        };
        store::write(&self.dir, self.key.as_str(), &entry.encode())
    }
}

/// `oaichat cache clear`: removes every entry in `dir`; returns how many.
pub fn clear(dir: &Path) -> io::Result<usize> {
    store::clear(dir, Key::is_entry_name)
}

/// Whether an entry stored at `stored` may answer at `now`. A time in the future (a clock
/// set back) counts as age zero.
fn fresh(stored: u64, now: u64, ttl: Option<Duration>) -> bool {
    ttl.is_none_or(|ttl| now.saturating_sub(stored) <= ttl.as_secs())
}

fn seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `--cache-ttl`: a whole number and a unit, `90s`, `10m`, `2h` or `7d`.
pub fn parse_ttl(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.len().saturating_sub(1);
    let (number, unit) = (text.get(..split).unwrap_or(""), text.get(split..));
    let scale = match unit {
        Some("s") => 1,
        Some("m") => 60,
        Some("h") => 3600,
        Some("d") => 86_400,
        _ => {
            return Err(format!(
                "'{text}' is not a number with s, m, h or d, as 90s or 7d"
            ));
        }
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a whole number with s, m, h or d, as 90s or 7d"))?;
    n.checked_mul(scale)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("'{text}' is too long"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttls_take_a_unit() {
        assert_eq!(parse_ttl("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_ttl("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_ttl("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_ttl("7d"), Ok(Duration::from_secs(604_800)));
        for bad in ["", "s", "10", "1.5h", "-1m", "10w", "99999999999999999999d"] {
            assert!(parse_ttl(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn age_is_bounded_only_by_a_ttl() {
        assert!(fresh(0, 1_000_000, None));
        let ttl = Some(Duration::from_secs(60));
        assert!(fresh(100, 160, ttl));
        assert!(!fresh(100, 161, ttl));
        assert!(fresh(200, 100, ttl), "a future time is age zero");
    }

    #[test]
    fn the_folder_follows_xdg_then_home() {
        let dir = |x, h| super::dir(x, h);
        assert_eq!(dir(Some("/x"), Some("/h")), Some("/x/oaichat".into()));
        assert_eq!(
            dir(Some("rel"), Some("/h")),
            Some("/h/.cache/oaichat".into())
        );
        assert_eq!(dir(None, None), None);
    }

    #[test]
    fn a_slot_stores_and_finds_its_answer() {
        let root = tempfile::tempdir().unwrap();
        let settings = Settings {
            dir: root.path().join("oaichat"),
            ttl: Some(Duration::from_secs(60)),
        };
        let parts = Parts {
            url: "u",
            headers: &[],
            body: b"{}",
        };
        let slot = Slot::new(&settings, parts);
        let now = SystemTime::now();
        assert!(matches!(slot.get(now), Lookup::Miss(Miss::Absent)));
        slot.put(Kind::Whole, b"answer", now).unwrap();
        let Lookup::Hit(entry) = slot.get(now) else {
            panic!("a hit")
        };
        assert_eq!(
            (entry.kind, &entry.payload[..]),
            (Kind::Whole, &b"answer"[..])
        );
        let later = now + Duration::from_secs(61);
        assert!(matches!(slot.get(later), Lookup::Miss(Miss::Expired)));
        std::fs::write(slot.path(), "junk").unwrap();
        assert!(matches!(slot.get(now), Lookup::Miss(Miss::Unusable(_))));
    }
}
