//! Counting a whole text: its pieces merged one by one, with the counts of pieces seen
//! before remembered. Text repeats its words (prose, code, logs), so most pieces of a long
//! prompt are merged once; finding one again in a small map that stays in the cache is
//! several times quicker than merging it in tables of megabytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::bpe::Merger;
use super::hash;
use super::split::{self, Pattern};
use super::vocab::Vocab;

/// Longer pieces seldom repeat.
const REMEMBERED_LEN: usize = 32;
/// A bound on the memory of a text that never repeats itself (a few MB at most).
const REMEMBERED: usize = 1 << 16;

/// Texts this long are counted in two halves at once: a megabyte that never repeats itself
/// takes tens of milliseconds alone, and these machines have two cores.
pub(super) const HALVED: usize = 256 * 1024;
/// How far past the middle a boundary is looked for before the count goes on in one piece.
const SEARCH: usize = 64 * 1024;

pub fn count(pattern: Pattern, vocab: &Vocab, text: &str) -> usize {
    match (text.len() >= HALVED).then(|| boundary(text)).flatten() {
        Some(middle) => {
            let (first, second) = text.split_at(middle);
            std::thread::scope(|scope| {
                let other = scope.spawn(|| count_pieces(pattern, vocab, second));
                let here = count_pieces(pattern, vocab, first);
                // A count cannot panic but for a bug; if it did, the same bug would show here.
                here + other.join().expect("counting half a text does not panic")
            })
        }
        None => count_pieces(pattern, vocab, text),
    }
}

/// A place near the middle of `text` where every split pattern ends a piece, so that the
/// halves' counts add up to the whole's: before the space of a space between two ASCII
/// letters (a word's letters never take a space, and that space starts the next word's
/// piece), or after a line break followed by an ASCII letter (a letter piece never starts
/// with a line break, and no piece holding one goes on with a letter).
fn boundary(text: &str) -> Option<usize> {
    boundary_after(text, text.len() / 2, SEARCH)
}

/// The first such place at or after `from`, looking `search` bytes on.
pub(super) fn boundary_after(text: &str, from: usize, search: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let from = from.max(1);
    let to = (from + search).min(bytes.len());
    let window = bytes.get(from - 1..to)?;
    let found = window.windows(3).position(|w| match w {
        [a, b' ', c] => a.is_ascii_alphabetic() && c.is_ascii_alphabetic(),
        [_, b'\n', c] => c.is_ascii_alphabetic(),
        _ => false,
    })?;
    // The window starts one byte before `from`; the boundary is at its middle byte, or
    // after it for a line break.
    let at = from - 1 + found + 1;
    Some(if bytes[at] == b'\n' { at + 1 } else { at })
}

fn count_pieces(pattern: Pattern, vocab: &Vocab, text: &str) -> usize {
    let mut merger = Merger::default();
    // Sized for a piece in every 8 bytes up front: growing the map rehashed it often
    // enough to show in a megabyte's count.
    let room = (text.len() / 8).min(REMEMBERED);
    let mut seen: HashMap<&str, usize, BuildHasherDefault<PieceHasher>> =
        HashMap::with_capacity_and_hasher(room, BuildHasherDefault::default());
    let mut total = 0;
    for piece in split::pieces(pattern, text) {
        total += match piece.len() {
            1 => 1, // every byte is a token
            2..=REMEMBERED_LEN => match seen.get(piece) {
                Some(&n) => n,
                None => {
                    let n = merger.count(vocab, piece.as_bytes());
                    if seen.len() < REMEMBERED {
                        seen.insert(piece, n);
                    }
                    n
                }
            },
            _ => merger.count(vocab, piece.as_bytes()),
        };
    }
    total
}

/// The vocabulary's hash, which is quick for short byte strings; std's default hasher
/// resists flooding, which a count of the user's own text does not need.
#[derive(Default)]
struct PieceHasher(u64);

impl Hasher for PieceHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(5) ^ hash::hash(bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
