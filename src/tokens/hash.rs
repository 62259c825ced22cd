//! The hash of a token's bytes and the layout of a vocabulary's hash slots, shared by
//! build.rs (which fills the slots) and [`super::vocab`] (which probes them), so the two
//! cannot disagree.
//!
//! A slot is a little-endian u32: the rank plus one in the low [`RANK_BITS`] (0 marks an
//! empty slot) and a tag of other hash bits above it, so that a probe that lands on
//! another token's slot is usually rejected without touching that token's bytes.

// Each side uses its part: build.rs fills slots, src/tokens/vocab.rs reads them.
#![allow(dead_code)]

/// Enough for o200k_base's 199,998 ranks.
pub const RANK_BITS: u32 = 18;
pub const RANK_MASK: u32 = (1 << RANK_BITS) - 1;

/// Word-at-a-time multiply-rotate (as FxHash) with a final avalanche, so the high bits
/// used for the slot index and the tag depend on every byte. The last 1 to 8 bytes are
/// read as one word, overlapping the word before when there is one: no copy, no loop.
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut rest = bytes;
    while rest.len() > 8 {
        h = mix(h, word(rest));
        rest = &rest[8..];
    }
    let n = rest.len();
    let last = match n {
        8 => word(rest),
        4..=7 => u64::from(half(rest)) << 32 | u64::from(half(&rest[n - 4..])),
        1..=3 => u64::from(rest[0]) << 16 | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]),
        _ => 0,
    };
    h = mix(h, last);
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^ (h >> 33)
}

/// The first 8 bytes, little-endian.
fn word(bytes: &[u8]) -> u64 {
    let mut buf = [0; 8];
    buf.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(buf)
}

/// The first 4 bytes, little-endian.
fn half(bytes: &[u8]) -> u32 {
    let mut buf = [0; 4];
    buf.copy_from_slice(&bytes[..4]);
    u32::from_le_bytes(buf)
}

/// The first slot to probe in a table of `1 << bits` slots.
pub fn home(h: u64, bits: u32) -> usize {
    (h >> (64 - bits)) as usize
}

/// The tag a slot keeps above its rank.
pub fn tag(h: u64) -> u32 {
    (h as u32) >> RANK_BITS
}

/// A filled slot.
pub fn slot(h: u64, rank: u32) -> u32 {
    (tag(h) << RANK_BITS) | (rank + 1)
}

/// The filter word to test in a filter of `words` (a power of two) u64s.
pub fn filter_word(h: u64, words: usize) -> usize {
    h as usize & (words - 1)
}

/// The three bits of that word that are all set for every token with this hash: most
/// byte strings looked up while merging are not tokens, and a filter small enough to stay
/// in the cache turns most of them away before the slots, megabytes of them, are read.
pub fn filter_bits(h: u64) -> u64 {
    (1 << ((h >> 20) & 63)) | (1 << ((h >> 26) & 63)) | (1 << ((h >> 32) & 63))
}

/// About ten bits of filter for each token: one lookup in fifty passes it wrongly.
pub fn filter_words(tokens: usize) -> usize {
    (tokens * 10 / 64).next_power_of_two()
}

/// Slots for `tokens` (in rank order), with a load of at most a half: lookups of byte
/// strings that are not tokens, the most common kind while merging, stop at an empty slot.
pub fn table_bits(tokens: usize) -> u32 {
    (2 * tokens).next_power_of_two().trailing_zeros()
}
