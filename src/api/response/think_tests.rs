//! The think-tag splitter: whole contents, and the same contents streamed in every split.

use proptest::prelude::*;

use super::*;

/// Feeds `pieces` and returns (reasoning, answer, unclosed) as the pieces came out.
fn streamed(pieces: &[&str]) -> (String, String, bool) {
    let (mut reasoning, mut answer) = (String::new(), String::new());
    let mut take = |piece: Piece<'_>| -> Result<(), ()> {
        match piece {
            Piece::Reasoning(text) => reasoning.push_str(text),
            Piece::Answer(text) => answer.push_str(text),
        }
        Ok(())
    };
    let mut splitter = Splitter::default();
    for piece in pieces {
        splitter.feed(piece, &mut take).unwrap();
    }
    let unclosed = splitter.finish(&mut take).unwrap();
    (reasoning, answer, unclosed)
}

/// What [`split`] makes of the whole, in the same form.
fn whole(content: &str) -> (String, String, bool) {
    let split = split(content);
    let reasoning = split.reasoning.unwrap_or_default().to_string();
    (reasoning, split.answer.to_string(), split.unclosed)
}

#[test]
fn a_leading_block_is_reasoning_and_the_rest_without_its_leading_blank_lines_the_answer() {
    assert_eq!(
        split("<think>\nHmm.\n</think>\n\nParis."),
        Split {
            reasoning: Some("\nHmm.\n"),
            answer: "Paris.",
            unclosed: false
        }
    );
    // Whitespace before the tag is allowed (some templates start with a newline).
    assert_eq!(split("\n <think>a</think>b").reasoning, Some("a"));
}

#[test]
fn a_tag_anywhere_but_the_start_is_the_answers_own_text() {
    for content in [
        "Use <think> tags.",
        "x<think>a</think>",
        "",
        "<thinking>a</thinking>",
    ] {
        assert_eq!(
            split(content),
            Split {
                reasoning: None,
                answer: content,
                unclosed: false
            },
            "{content}"
        );
    }
}

#[test]
fn a_block_that_never_closes_is_all_reasoning() {
    assert_eq!(
        split("<think>still thinking"),
        Split {
            reasoning: Some("still thinking"),
            answer: "",
            unclosed: true
        }
    );
}

#[test]
fn tags_cut_between_pieces_are_still_found() {
    assert_eq!(
        streamed(&["<thi", "nk>I ponder", "</th", "ink>", "\n\n", "An", "swer"]),
        ("I ponder".into(), "Answer".into(), false)
    );
    // A piece that begins a close tag but does not finish it is reasoning after all.
    assert_eq!(
        streamed(&["<think>a </", "b</thi", "nk x", "</think>y"]),
        ("a </b</think x".into(), "y".into(), false)
    );
}

#[test]
fn content_that_only_looks_like_a_start_is_passed_on_unchanged() {
    assert_eq!(
        streamed(&["<th", "ese>"]),
        (String::new(), "<these>".into(), false)
    );
    assert_eq!(
        streamed(&["  ", "<thi"]),
        (String::new(), "  <thi".into(), false)
    );
    assert_eq!(streamed(&["\n"]), (String::new(), "\n".into(), false));
    assert_eq!(
        streamed(&["<think>one", "two"]),
        ("onetwo".into(), String::new(), true)
    );
}

/// Contents with a think block (or something like one) somewhere, in several scripts.
fn content() -> impl Strategy<Value = String> {
    let part = prop::sample::select(vec![
        "<think>", "</think>", "<thi", "</th", "ink>", "\n", " ", "생각", "answer", "<", "/", "é",
        "x",
    ]);
    prop::collection::vec(part, 0..12).prop_map(|parts| parts.concat())
}

proptest! {
    /// However the content is cut into pieces (even inside a character's bytes' worth of
    /// tag), the stream gives the parts the whole gives.
    #[test]
    fn every_split_of_a_stream_gives_the_parts_of_the_whole(
        text in content(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let mut at: Vec<usize> = cuts.iter().map(|i| i.index(text.len() + 1)).collect();
        at.retain(|&i| text.is_char_boundary(i));
        at.push(0);
        at.push(text.len());
        at.sort_unstable();
        at.dedup();
        let pieces: Vec<&str> = at.windows(2).map(|w| &text[w[0]..w[1]]).collect();
        prop_assert_eq!(streamed(&pieces), whole(&text), "{:?}", pieces);
    }
}
