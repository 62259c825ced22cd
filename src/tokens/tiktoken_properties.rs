//! The counts are tiktoken's: these tests hold [`Encoding::encode`] to tiktoken-rs's
//! `encode_ordinary` (the same token ids, so the same counts) on generated text, for both
//! encodings. The text mixes every kind of character the split patterns tell apart, so
//! that each alternative of the patterns, and each way they back off, is exercised.
//!
//! proptest replays the seeds saved in `proptest-regressions/tokens/tiktoken_properties.txt`
//! before new cases.

use proptest::prelude::*;
use tiktoken_rs::CoreBPE;

use super::Encoding;

fn oracle(encoding: Encoding) -> &'static CoreBPE {
    match encoding {
        Encoding::O200k => tiktoken_rs::o200k_base_singleton(),
        Encoding::Cl100k => tiktoken_rs::cl100k_base_singleton(),
    }
}

/// Characters of every class, and those the patterns name: contraction letters (with `ſ`,
/// which case-insensitive matching folds to `s`), `/`, `\r`, `\n`, spaces of several
/// kinds, marks, caseless and titlecase letters, numbers beyond ASCII, emoji.
const ALPHABET: &[char] = &[
    'a',
    'b',
    'A',
    'B',
    's',
    'S',
    't',
    'T',
    'r',
    'R',
    'e',
    'E',
    'v',
    'V',
    'm',
    'M',
    'l',
    'L',
    'd',
    'D',
    'ſ',
    'K',
    '\'',
    '0',
    '1',
    '9',
    '٣',
    'Ⅻ',
    '½',
    ' ',
    ' ',
    ' ',
    '\t',
    '\n',
    '\r',
    '\u{a0}',
    '\u{3000}',
    '\u{85}',
    '\u{b}',
    '.',
    ',',
    '!',
    '/',
    '-',
    '_',
    '(',
    '"',
    '€',
    '😀',
    '\u{200d}',
    '\u{1f3fd}',
    '\u{301}',
    '\u{94d}',
    '한',
    '국',
    '中',
    'ʰ',
    'ǅ',
    'é',
    'ß',
    'Ω',
    'ж',
    'ا',
    '\0',
];

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..80)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Words from the alphabet and spaces, some repeated past 100 bytes, where merging
/// switches to its heap.
fn long_runs() -> impl Strategy<Value = String> {
    let run = (prop::sample::select(ALPHABET), 1..300usize, "[a-z]{0,6}")
        .prop_map(|(c, n, word)| format!("{}{word}", c.to_string().repeat(n)));
    prop::collection::vec(run, 1..6).prop_map(|runs| runs.concat())
}

fn same_as_tiktoken(text: &str) -> Result<(), TestCaseError> {
    for encoding in [Encoding::O200k, Encoding::Cl100k] {
        let expected = oracle(encoding).encode_ordinary(text);
        prop_assert_eq!(
            &encoding.encode(text),
            &expected,
            "{:?} {:?}",
            encoding,
            text
        );
        prop_assert_eq!(encoding.count(text), expected.len());
    }
    Ok(())
}

/// Every place where a long text may be cut to count its halves at once: tiktoken's
/// tokens of the halves are the whole's.
fn halves_add_up(text: &str) -> Result<(), TestCaseError> {
    let mut from = 1;
    while let Some(at) = super::count::boundary_after(text, from, text.len()) {
        for encoding in [Encoding::O200k, Encoding::Cl100k] {
            let whole = oracle(encoding).encode_ordinary(text);
            let (a, b) = text.split_at(at);
            let halves = [
                oracle(encoding).encode_ordinary(a),
                oracle(encoding).encode_ordinary(b),
            ];
            prop_assert_eq!(
                &halves.concat(),
                &whole,
                "{:?} cut at {} of {:?}",
                encoding,
                at,
                text
            );
        }
        from = at + 1;
    }
    Ok(())
}

#[test]
fn a_megabyte_counts_the_same_in_halves() {
    let words = [
        "alpha", "beta", "gamma\n", "delta's", " ", "한국", "😀", "x9",
    ];
    let text = (0..200_000)
        .map(|i| words[i * 7 % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.len() > super::count::HALVED);
    let expected = oracle(Encoding::O200k).encode_ordinary(&text).len();
    assert_eq!(Encoding::O200k.count(&text), expected);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_long_text_is_cut_only_where_its_pieces_end(text in mixed_text()) {
        halves_add_up(&text)?;
    }


    #[test]
    fn mixed_text_has_tiktokens_tokens(text in mixed_text()) {
        same_as_tiktoken(&text)?;
    }

    #[test]
    fn any_text_has_tiktokens_tokens(text in any::<String>()) {
        same_as_tiktoken(&text)?;
    }

    #[test]
    fn long_runs_have_tiktokens_tokens(text in long_runs()) {
        same_as_tiktoken(&text)?;
    }
}
