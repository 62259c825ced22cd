//! Byte-pair merging of one piece of text, as tiktoken does it: start from single bytes
//! and repeatedly merge the adjacent pair whose joined bytes are the token of lowest rank,
//! the leftmost of equals first, until no adjacent pair joins into a token.
//!
//! Short pieces keep their parts in a vector and scan it for the lowest rank, which is
//! quickest at the sizes words have; long ones (a line of base64, a run of digits in
//! cl100k_base) use a heap, so a megabyte without a space takes O(n log n), not O(n²).
//! Both choose the same merges; tiktoken switches at the same length.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::vocab::Vocab;

const LONG: usize = 100;
const NONE: u32 = u32::MAX;

/// Reusable buffers, so that counting a long text allocates once, not once a piece.
#[derive(Default)]
pub struct Merger {
    /// Short pieces: (start, rank of this part joined with the next).
    parts: Vec<(u32, u32)>,
    /// Long pieces, indexed by a part's start: where it ends, where the part before it
    /// starts, and the rank of it joined with the next part.
    ends: Vec<usize>,
    prevs: Vec<usize>,
    ranks: Vec<u32>,
    heap: BinaryHeap<Reverse<(u32, usize)>>,
}

impl Merger {
    /// Calls `token` with the bytes of each token of `piece`, in order.
    pub fn tokens<'p>(&mut self, vocab: &Vocab, piece: &'p [u8], mut token: impl FnMut(&'p [u8])) {
        if piece.len() <= 1 || vocab.rank(piece).is_some() {
            if !piece.is_empty() {
                token(piece);
            }
        } else if piece.len() < LONG {
            self.merge_short(vocab, piece);
            for pair in self.parts.windows(2) {
                token(&piece[pair[0].0 as usize..pair[1].0 as usize]);
            }
        } else {
            self.merge_long(vocab, piece);
            let mut start = 0;
            while start < piece.len() {
                token(&piece[start..self.ends[start]]);
                start = self.ends[start];
            }
        }
    }

    /// How many tokens `piece` is.
    pub fn count(&mut self, vocab: &Vocab, piece: &[u8]) -> usize {
        let mut n = 0;
        self.tokens(vocab, piece, |_| n += 1);
        n
    }

    /// Leaves the parts' starts in `parts`, followed by the piece's end. Starts fit a u32
    /// (and the vector stays small): short pieces are under [`LONG`] bytes.
    fn merge_short(&mut self, vocab: &Vocab, piece: &[u8]) {
        let rank = |from: u32, to: u32| {
            vocab
                .rank(&piece[from as usize..to as usize])
                .unwrap_or(NONE)
        };
        let pair = |i: usize| vocab.pair(piece[i], piece[i + 1]).unwrap_or(NONE);
        let end = piece.len() as u32;
        let parts = &mut self.parts;
        parts.clear();
        parts.extend((0..piece.len() - 1).map(|i| (i as u32, pair(i))));
        parts.push((end - 1, NONE));
        parts.push((end, NONE));
        loop {
            let mut best = (NONE, 0);
            for (i, &(_, r)) in parts[..parts.len() - 1].iter().enumerate() {
                if r < best.0 {
                    best = (r, i);
                }
            }
            let (r, i) = best;
            if r == NONE {
                break;
            }
            parts.remove(i + 1);
            // The joined part and the one before it have new neighbours to join with.
            let joined = |parts: &[(u32, u32)], j: usize| match parts.get(j + 2) {
                Some(&(to, _)) => rank(parts[j].0, to),
                None => NONE,
            };
            parts[i].1 = joined(parts, i);
            if i > 0 {
                parts[i - 1].1 = joined(parts, i - 1);
            }
        }
    }

    /// Leaves, for each part's start, its end in `ends`.
    fn merge_long(&mut self, vocab: &Vocab, piece: &[u8]) {
        let n = piece.len();
        let rank = |from: usize, to: usize| vocab.rank(&piece[from..to]).unwrap_or(NONE);
        self.ends.clear();
        self.ends.extend(1..=n);
        self.prevs.clear();
        self.prevs.extend((0..n).map(|i| i.wrapping_sub(1)));
        self.ranks.clear();
        let pair = |i: usize| match piece.get(i..i + 2) {
            Some(&[a, b]) => vocab.pair(a, b).unwrap_or(NONE),
            _ => NONE,
        };
        self.ranks.extend((0..n).map(pair));
        self.heap.clear();
        let ranked = self.ranks.iter().enumerate().filter(|(_, r)| **r != NONE);
        self.heap.extend(ranked.map(|(i, &r)| Reverse((r, i))));

        while let Some(Reverse((r, left))) = self.heap.pop() {
            if self.ranks[left] != r {
                continue; // outdated: that part has joined or its neighbour changed
            }
            let right = self.ends[left];
            self.ranks[right] = NONE;
            let end = self.ends[right];
            self.ends[left] = end;
            if end < n {
                self.prevs[end] = left;
            }
            self.update(left, end, rank);
            if left > 0 {
                self.update(self.prevs[left], left, rank);
            }
        }
    }

    /// Re-ranks the part at `start` (ending at `end`) joined with the part after it.
    fn update(&mut self, start: usize, end: usize, rank: impl Fn(usize, usize) -> u32) {
        let r = match self.ends.get(end) {
            Some(&next_end) => rank(start, next_end),
            None => NONE,
        };
        self.ranks[start] = r;
        if r != NONE {
            self.heap.push(Reverse((r, start)));
        }
    }
}
