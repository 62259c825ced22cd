use super::*;

fn lines(text: &str, width: usize) -> Vec<String> {
    wrap(&[Piece::plain(text)], &[], &[], width)
        .iter()
        .map(|line| line.iter().map(|p| p.text.as_str()).collect())
        .collect()
}

#[test]
fn wraps_at_spaces_by_display_width() {
    // Each syllable is two columns: "가나 다라" is 9 columns.
    assert_eq!(lines("가나 다라 마바", 9), ["가나 다라", "마바"]);
}

#[test]
fn a_word_wider_than_the_line_is_cut_between_characters() {
    assert_eq!(lines("가나다라마", 5), ["가나", "다라", "마"]);
    assert_eq!(lines("abcdefg", 3), ["abc", "def", "g"]);
}

#[test]
fn emoji_sequences_are_never_split() {
    // A family (joined by ZWJs) and a thumb with a skin tone modifier.
    let family = "👨\u{200d}👩\u{200d}👧";
    assert_eq!(
        clusters(&format!("{family}👍🏽🇰🇷🇯🇵")),
        [family, "👍🏽", "🇰🇷", "🇯🇵"]
    );
}

#[test]
fn continuation_lines_take_the_hanging_prefix() {
    let wrapped = wrap(
        &[Piece::plain("aa bb cc")],
        &[Piece::plain("- ")],
        &[Piece::plain("  ")],
        5,
    );
    let shown: Vec<String> = wrapped
        .iter()
        .map(|l| l.iter().map(|p| p.text.as_str()).collect())
        .collect();
    assert_eq!(shown, ["- aa", "  bb", "  cc"]);
}
