//! A vocabulary read in place from tables that build.rs generated: a token's bytes by
//! rank, and a hash table from bytes to rank. Nothing is built or parsed at run time; the
//! pages a count touches are all it costs.

use super::hash::{self, RANK_BITS, RANK_MASK};

pub struct Vocab {
    /// Every token's bytes, in rank order.
    bytes: &'static [u8],
    /// u32 LE: where each rank starts in `bytes`, then the end.
    starts: &'static [u8],
    /// u32 LE slots (src/tokens/hash.rs), a power of two of them.
    slots: &'static [u8],
    bits: u32,
    /// u32 LE: the rank of each two-byte token by its bytes (a big-endian u16), or
    /// u32::MAX.
    pairs: &'static [u8],
    /// u64 LE words of a Bloom filter of the tokens, a power of two of them.
    filter: &'static [u8],
}

macro_rules! generated {
    ($name:literal) => {
        Vocab::new(
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".bytes")),
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".starts")),
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".slots")),
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".pairs")),
            include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".filter")),
        )
    };
}

pub static O200K_BASE: Vocab = generated!("o200k_base");
pub static CL100K_BASE: Vocab = generated!("cl100k_base");

impl Vocab {
    const fn new(
        bytes: &'static [u8],
        starts: &'static [u8],
        slots: &'static [u8],
        pairs: &'static [u8],
        filter: &'static [u8],
    ) -> Vocab {
        Vocab {
            bytes,
            starts,
            slots,
            bits: (slots.len() / 4).trailing_zeros(),
            pairs,
            filter,
        }
    }

    /// The rank of the two-byte token `a b`, if there is one; quicker than [`Self::rank`].
    pub fn pair(&self, a: u8, b: u8) -> Option<u32> {
        let rank = u32_at(self.pairs, usize::from(u16::from_be_bytes([a, b])));
        (rank != u32::MAX).then_some(rank)
    }

    /// The rank of the token whose bytes are `piece`, if there is one.
    pub fn rank(&self, piece: &[u8]) -> Option<u32> {
        let h = hash::hash(piece);
        let word = hash::filter_word(h, self.filter.len() / 8);
        let bits = hash::filter_bits(h);
        if u64_at(self.filter, word) & bits != bits {
            return None;
        }
        let tag = hash::tag(h);
        let mask = (1 << self.bits) - 1;
        let mut i = hash::home(h, self.bits);
        // Ends: build.rs leaves at least half of the slots empty.
        loop {
            let slot = u32_at(self.slots, i);
            if slot == 0 {
                return None;
            }
            if slot >> RANK_BITS == tag {
                let rank = (slot & RANK_MASK) - 1;
                if self.token(rank) == piece {
                    return Some(rank);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The bytes of the token of `rank`.
    pub fn token(&self, rank: u32) -> &'static [u8] {
        let rank = rank as usize;
        let (start, end) = (u32_at(self.starts, rank), u32_at(self.starts, rank + 1));
        &self.bytes[start as usize..end as usize]
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.starts.len() / 4 - 1
    }
}

fn u64_at(bytes: &[u8], i: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[8 * i..8 * i + 8]);
    u64::from_le_bytes(word)
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_found_at_its_rank() {
        for vocab in [&O200K_BASE, &CL100K_BASE] {
            for rank in 0..vocab.len() as u32 {
                let token = vocab.token(rank);
                assert_eq!(vocab.rank(token), Some(rank));
                if let [a, b] = token[..] {
                    assert_eq!(vocab.pair(a, b), Some(rank));
                }
            }
        }
        assert_eq!((O200K_BASE.len(), CL100K_BASE.len()), (199_998, 100_256));
    }

    #[test]
    fn bytes_that_are_no_token_are_not_found() {
        assert_eq!(O200K_BASE.rank(b""), None);
        assert_eq!(O200K_BASE.pair(0xff, 0xff), None);
        assert_eq!(
            O200K_BASE.rank("no such token in any vocabulary".as_bytes()),
            None
        );
    }
}
