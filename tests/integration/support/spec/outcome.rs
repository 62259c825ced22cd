//! The checker's bookkeeping: a fault and where it is, and what the schemas at one place
//! made of a value.

use std::collections::BTreeSet;

/// One way a value misses its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// Where, as `$.messages[0].content`.
    pub path: String,
    pub what: String,
    /// How many steps below the root: ranks the branches of a union.
    pub(super) depth: usize,
    /// A heading over a nearest branch's faults, left out of the ranking.
    pub(super) note: bool,
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

/// A place in the value being checked.
#[derive(Clone)]
pub struct Path {
    pub text: String,
    pub depth: usize,
}

impl Path {
    pub fn root() -> Path {
        Path {
            text: "$".into(),
            depth: 0,
        }
    }

    pub fn key(&self, key: &str) -> Path {
        Path {
            text: format!("{}.{key}", self.text),
            depth: self.depth + 1,
        }
    }

    pub fn index(&self, i: usize) -> Path {
        Path {
            text: format!("{}[{i}]", self.text),
            depth: self.depth + 1,
        }
    }

    pub fn fault(&self, what: impl Into<String>) -> Fault {
        Fault {
            path: self.text.clone(),
            what: what.into(),
            depth: self.depth,
            note: false,
        }
    }
}

/// What the schemas at one place made of one value: its faults, and (for an object) the
/// keys they define, whether any of them lists `properties`, and whether one leaves the
/// keys open with `additionalProperties`.
#[derive(Default)]
pub struct Outcome {
    pub faults: Vec<Fault>,
    pub known: BTreeSet<String>,
    pub declared: bool,
    pub open: bool,
}

impl Outcome {
    pub fn merge(&mut self, other: Outcome) {
        self.faults.extend(other.faults);
        self.known.extend(other.known);
        self.declared |= other.declared;
        self.open |= other.open;
    }

    /// How near a failed branch came: one that accepts the value's `type` tag beats one that
    /// does not (the tag names the branch meant), then the deeper its shallowest fault, then
    /// the fewer faults.
    pub fn rank(&self, path: &Path) -> (bool, usize, isize) {
        let faults = self.faults.iter().filter(|f| !f.note);
        let tag = path.key("type").text;
        let tag_fits = !self.faults.iter().any(|f| f.path == tag);
        let shallowest = faults.clone().map(|f| f.depth).min().unwrap_or(usize::MAX);
        (tag_fits, shallowest, -(faults.count() as isize))
    }
}
