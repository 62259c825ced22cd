//! Streamed text into `Vec`s: what reaches stdout, what reaches stderr, how choices end.

use super::*;

fn delta(index: u32, content: &str) -> ChunkChoice<'_> {
    ChunkChoice {
        index,
        delta: Some(Delta {
            content: Some(content.into()),
            ..Delta::default()
        }),
        finish_reason: None,
    }
}

fn thought(index: u32, reasoning: &str) -> ChunkChoice<'_> {
    ChunkChoice {
        index,
        delta: Some(Delta {
            reasoning: Some(reasoning.into()),
            ..Delta::default()
        }),
        finish_reason: None,
    }
}

/// Streams the chunks; returns stdout, stderr and the endings.
fn streamed(text: StreamText, chunks: &[&[ChunkChoice<'_>]]) -> (String, String, Vec<Ending>) {
    let (mut text, mut out, mut err) = (text, Vec::new(), Vec::new());
    for chunk in chunks {
        text.on_choices(&mut out, &mut err, chunk).unwrap();
    }
    let endings = text.finish(&mut out, &mut err).unwrap();
    let utf8 = |bytes| String::from_utf8(bytes).unwrap();
    (utf8(out), utf8(err), endings)
}

fn plain(keep_text: bool) -> StreamText {
    StreamText::new(keep_text, true, ReasoningView::Plain)
}

#[test]
fn stream_prints_choice_zero_live_and_the_rest_after() {
    let mut text = plain(false);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    text.on_choices(&mut out, &mut err, &[delta(0, "a"), delta(1, "x")])
        .unwrap();
    assert_eq!(out, b"a");
    text.on_choices(&mut out, &mut err, &[delta(1, "y"), delta(0, "b")])
        .unwrap();
    text.finish(&mut out, &mut err).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "ab\n---\nxy\n");
    assert!(err.is_empty());
}

#[test]
fn reasoning_goes_to_stderr_with_a_blank_line_and_stdout_keeps_only_the_answer() {
    let chunks: &[&[ChunkChoice]] = &[
        &[thought(0, "Hmm, ")],
        &[thought(0, "Paris.\n")],
        &[delta(0, "Paris.")],
    ];
    let (out, err, endings) = streamed(plain(true), chunks);
    assert_eq!(
        (out.as_str(), err.as_str()),
        ("Paris.\n", "Hmm, Paris.\n\n")
    );
    assert_eq!(endings[0].text.as_deref(), Some("Paris."));
}

#[test]
fn an_inline_think_block_is_reasoning_for_every_choice_and_shown_for_the_first() {
    let chunks: &[&[ChunkChoice]] = &[
        &[delta(0, "<thi"), delta(1, "<think>other")],
        &[delta(0, "nk>\nHmm.\n</th"), delta(1, "</think>B")],
        &[delta(0, "ink>\n\nA")],
    ];
    let (out, err, endings) = streamed(plain(true), chunks);
    assert_eq!((out.as_str(), err.as_str()), ("A\n---\nB\n", "Hmm.\n\n"));
    let texts: Vec<_> = endings.iter().map(|e| e.text.as_deref()).collect();
    assert_eq!(texts, [Some("A"), Some("B")]);
}

#[test]
fn a_think_block_that_never_closes_is_all_reasoning_and_says_so_in_its_ending() {
    let (out, err, endings) = streamed(
        plain(true),
        &[&[delta(0, "<think>still ")], &[delta(0, "thinking")]],
    );
    assert_eq!((out.as_str(), err.as_str()), ("", "still thinking\n"));
    assert!(endings[0].unclosed_think);
    assert_eq!(endings[0].text.as_deref(), Some(""));
}

#[test]
fn hidden_or_raw_shows_no_reasoning_and_raw_no_text_but_both_judge_the_answer_alone() {
    let chunks: &[&[ChunkChoice]] = &[&[thought(0, "x")], &[delta(0, "<think>y</think>{}")]];
    let hidden = StreamText::new(true, true, ReasoningView::Hidden);
    let raw = StreamText::new(true, false, ReasoningView::Dim);
    let (out, err, endings) = streamed(raw, chunks);
    assert_eq!((out.as_str(), err.as_str()), ("", ""));
    assert_eq!(endings[0].text.as_deref(), Some("{}"));
    let (out, err, _) = streamed(hidden, chunks);
    assert_eq!((out.as_str(), err.as_str()), ("{}\n", ""));
}
