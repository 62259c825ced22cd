//! Fences as CommonMark has them, whole and in pieces.

use proptest::prelude::*;

use super::*;

fn extract(text: &str, which: Which) -> Result<String, Missing> {
    block(text, which)
}

const ANSWER: &str =
    "Run this:\n\n```sh\nfind . -size +100M\n```\n\nOr:\n~~~\nls -la\n  ~~~\nDone.";

#[test]
fn the_first_and_the_last_block_without_fences() {
    assert_eq!(
        extract(ANSWER, Which::First).unwrap(),
        "find . -size +100M\n"
    );
    assert_eq!(extract(ANSWER, Which::Last).unwrap(), "ls -la\n");
}

#[test]
fn prose_alone_or_a_block_that_never_closes_gives_nothing() {
    assert_eq!(
        extract("Just prose.\n", Which::First),
        Err(Missing::NoBlock)
    );
    assert_eq!(
        extract("```sh\nrm -rf /tmp/x", Which::First),
        Err(Missing::Unclosed)
    );
    assert_eq!(
        extract("``not a fence``\n", Which::First),
        Err(Missing::NoBlock)
    );
    assert_eq!(
        extract("    ```\n    indented four\n    ```\n", Which::First),
        Err(Missing::NoBlock)
    );
}

#[test]
fn fences_close_by_their_own_kind_and_length_and_lose_their_indentation() {
    let text = "````md\n```\ninner\n```\n````\n";
    assert_eq!(extract(text, Which::First).unwrap(), "```\ninner\n```\n");
    let text = "  ```\n  two\n    four\n ```\n";
    assert_eq!(extract(text, Which::First).unwrap(), "two\n  four\n");
    let text = "```\n~~~\nstill code\n``` \n";
    assert_eq!(extract(text, Which::First).unwrap(), "~~~\nstill code\n");
    assert_eq!(extract("```\n```\n", Which::First).unwrap(), "");
}

#[test]
fn the_writer_prints_the_first_block_as_soon_as_it_closes() {
    let mut out = Vec::new();
    let mut extractor = Extractor::new(Which::First);
    extractor.push(&mut out, b"Here:\n```\necho hi\n").unwrap();
    extractor.push(&mut out, b"``").unwrap();
    assert_eq!(out, b"");
    extractor.push(&mut out, b"`\nmore prose\n```\n").unwrap();
    assert_eq!(out, b"echo hi\n");
    extractor.push(&mut out, b"second\n```\n").unwrap();
    assert_eq!(extractor.finish(&mut out).unwrap(), Ok(()));
    assert_eq!(out, b"echo hi\n");
}

proptest! {
    #[test]
    fn any_split_of_the_answer_gives_the_same_output(cuts in proptest::collection::vec(0..ANSWER.len(), 0..8)) {
        for which in [Which::First, Which::Last] {
            let mut cuts = cuts.clone();
            cuts.sort();
            let mut out = Vec::new();
            let mut extractor = Extractor::new(which);
            let mut from = 0;
            for cut in cuts.into_iter().chain([ANSWER.len()]) {
                extractor.push(&mut out, &ANSWER.as_bytes()[from..cut]).unwrap();
                from = cut;
            }
            prop_assert_eq!(extractor.finish(&mut out).unwrap(), Ok(()));
            prop_assert_eq!(String::from_utf8(out).unwrap(), extract(ANSWER, which).unwrap());
        }
    }
}

#[test]
fn the_verdict_needs_one_block_and_names_the_answers_without() {
    let mut err = Vec::new();
    let found = [
        (0, Err(Missing::NoBlock)),
        (1, Ok(())),
        (2, Err(Missing::Unclosed)),
    ];
    assert_eq!(verdict(&found, &mut err), Ok(()));
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("answer 1 of 3 has no fenced code block"),
        "{err}"
    );
    assert!(
        err.contains("answer 3 of 3 has a code block that never closed"),
        "{err}"
    );
    let none = [(1, Err(Missing::NoBlock)), (0, Err(Missing::Unclosed))];
    assert_eq!(verdict(&none, &mut Vec::new()), Err(Missing::Unclosed));
}
