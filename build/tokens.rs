//! Generates the tables that src/tokens reads in place, so that counting tokens builds
//! nothing at run time (issue 13: building tiktoken-rs's tables took 150 ms of every
//! `--dry-run`). Into OUT_DIR, for o200k_base and cl100k_base:
//!
//! - `NAME.bytes`: every token's bytes, concatenated in rank order;
//! - `NAME.starts`: where each token starts in `NAME.bytes`, and the end, as u32 LE;
//! - `NAME.slots`: an open-addressing hash table from bytes to rank (src/tokens/hash.rs);
//! - `NAME.pairs`: the ranks of all two-byte tokens, by their bytes;
//! - `NAME.filter`: a Bloom filter of the tokens, u64 LE words (src/tokens/hash.rs);
//!
//! and `classes.rs`: the Unicode classes that tiktoken's split patterns use, from
//! regex-syntax, the tables the regex engine behind tiktoken-rs matches with.
//!
//! The vocabularies come from tiktoken-rs itself, so they are the ones the tests compare
//! against.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "../src/tokens/hash.rs"]
mod hash;

pub fn generate() {
    println!("cargo:rerun-if-changed=build/tokens.rs");
    println!("cargo:rerun-if-changed=src/tokens/hash.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let o200k = tiktoken_rs::o200k_base().expect("tiktoken-rs builds o200k_base");
    vocabulary(&out, "o200k_base", &o200k, 199_998);
    let cl100k = tiktoken_rs::cl100k_base().expect("tiktoken-rs builds cl100k_base");
    vocabulary(&out, "cl100k_base", &cl100k, 100_256);
    write(&out.join("classes.rs"), classes().as_bytes());
}

/// The ordinary tokens are ranks 0..count; the next rank is unused (special tokens lie
/// beyond it), which is how the count is checked.
fn vocabulary(out: &Path, name: &str, bpe: &tiktoken_rs::CoreBPE, count: u32) {
    let tokens: Vec<Vec<u8>> = (0..count)
        .map(|rank| {
            bpe.decode_bytes(&[rank])
                .expect("ranks below the count exist")
        })
        .collect();
    assert!(
        bpe.decode_bytes(&[count]).is_err(),
        "{name} has {count} tokens"
    );
    assert!(count <= hash::RANK_MASK, "ranks fit a slot");

    let mut bytes = Vec::new();
    let mut starts = Vec::new();
    for token in &tokens {
        starts.extend((bytes.len() as u32).to_le_bytes());
        bytes.extend(token);
    }
    starts.extend((bytes.len() as u32).to_le_bytes());

    write(&out.join(format!("{name}.bytes")), &bytes);
    write(&out.join(format!("{name}.starts")), &starts);
    write(
        &out.join(format!("{name}.slots")),
        &le_bytes(&slots(&tokens)),
    );
    write(
        &out.join(format!("{name}.pairs")),
        &le_bytes(&pairs(&tokens)),
    );
    let filter: Vec<u8> = filter(&tokens)
        .iter()
        .flat_map(|w| w.to_le_bytes())
        .collect();
    write(&out.join(format!("{name}.filter")), &filter);
}

/// The filter that turns away most byte strings that are not tokens.
fn filter(tokens: &[Vec<u8>]) -> Vec<u64> {
    let size = hash::filter_words(tokens.len());
    let mut words = vec![0u64; size];
    for token in tokens {
        let h = hash::hash(token);
        words[hash::filter_word(h, size)] |= hash::filter_bits(h);
    }
    words
}

/// The hash table, filled by linear probing in rank order.
fn slots(tokens: &[Vec<u8>]) -> Vec<u32> {
    let bits = hash::table_bits(tokens.len());
    let mask = (1 << bits) - 1;
    let mut slots = vec![0u32; 1 << bits];
    for (rank, token) in tokens.iter().enumerate() {
        let h = hash::hash(token);
        let mut i = hash::home(h, bits);
        while slots[i] != 0 {
            i = (i + 1) & mask;
        }
        slots[i] = hash::slot(h, rank as u32);
    }
    slots
}

/// The rank of every two-byte token, indexed by its bytes as a big-endian u16, u32::MAX
/// for none: merging starts by looking up every adjacent pair of bytes.
fn pairs(tokens: &[Vec<u8>]) -> Vec<u32> {
    let mut pairs = vec![u32::MAX; 1 << 16];
    for (rank, token) in tokens.iter().enumerate() {
        if let [a, b] = token[..] {
            pairs[usize::from(u16::from_be_bytes([a, b]))] = rank as u32;
        }
    }
    pairs
}

fn le_bytes(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// The classes of src/tokens/classes.rs, each as the regex class it stands for. They do
/// not overlap; a character in none of them is a `Symbol`.
const CLASSES: [(&str, &str); 7] = [
    ("Upper", r"[\p{Lu}\p{Lt}]"),
    ("Lower", r"\p{Ll}"),
    ("Caseless", r"[\p{Lm}\p{Lo}]"),
    ("Mark", r"\p{M}"),
    ("Number", r"\p{N}"),
    ("Newline", r"[\r\n]"),
    ("Space", r"[\s&&[^\r\n]]"),
];

/// `ASCII`, a table for the first 128 characters, and `RANGES`, sorted and merged ranges of
/// the others.
fn classes() -> String {
    let mut ranges: Vec<(u32, u32, &str)> = Vec::new();
    for (name, pattern) in CLASSES {
        let hir = regex_syntax::parse(pattern).expect("a valid class");
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            panic!("{pattern} is a Unicode class");
        };
        for r in class.ranges() {
            ranges.push((r.start() as u32, r.end() as u32, name));
        }
    }
    ranges.sort();
    let mut merged: Vec<(u32, u32, &str)> = Vec::new();
    for (start, end, name) in ranges {
        match merged.last_mut() {
            Some(last) if last.1 >= start => panic!("classes overlap at {start:#x}"),
            Some(last) if last.1 + 1 == start && last.2 == name => last.1 = end,
            _ => merged.push((start, end, name)),
        }
    }
    let class_of = |c: u32| {
        merged
            .iter()
            .find(|r| r.0 <= c && c <= r.1)
            .map_or("Symbol", |r| r.2)
    };
    let mut code = String::from("static ASCII: [Class; 128] = [\n");
    for c in 0..128 {
        writeln!(code, "    Class::{},", class_of(c)).expect("writing to a String");
    }
    code.push_str("];\n\nstatic RANGES: &[(u32, u32, Class)] = &[\n");
    for (start, end, name) in merged.iter().filter(|r| r.1 >= 128) {
        writeln!(
            code,
            "    ({:#x}, {:#x}, Class::{name}),",
            start.max(&128),
            end
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
    code
}

fn write(path: &Path, contents: &[u8]) {
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
