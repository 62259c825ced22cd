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

pub fn count(pattern: Pattern, vocab: &Vocab, text: &str) -> usize {
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
