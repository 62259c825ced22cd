use super::*;

const COLOR: Ink = Ink {
    color: true,
    hyperlinks: true,
};
const PLAIN: Ink = Ink {
    color: false,
    hyperlinks: false,
};

fn texts(pieces: &[Piece]) -> Vec<(&str, Attrs)> {
    pieces.iter().map(|p| (p.text.as_str(), p.attrs)).collect()
}

#[test]
fn emphasis_and_strong_lose_their_markers() {
    let none = Attrs::default();
    let pieces = parse("a *b* **c**", COLOR);
    assert_eq!(
        texts(&pieces),
        [
            ("a ", none),
            ("b", none.with(Attr::Italic)),
            (" ", none),
            ("c", none.with(Attr::Bold))
        ]
    );
}

#[test]
fn underscores_inside_words_and_spaced_stars_stay_literal() {
    let pieces = parse("snake_case_name and 2 * 3 * 4", COLOR);
    assert_eq!(
        texts(&pieces),
        [("snake_case_name and 2 * 3 * 4", Attrs::default())]
    );
}

#[test]
fn unmatched_delimiters_stay_literal() {
    let pieces = parse("**open and `code", COLOR);
    assert_eq!(texts(&pieces), [("**open and `code", Attrs::default())]);
}

#[test]
fn without_colour_code_keeps_its_backticks_and_strikes_their_tildes() {
    let shown: String = parse("`x` and ~~y~~", PLAIN)
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(shown, "`x` and ~~y~~");
}

#[test]
fn links_carry_their_target() {
    let pieces = parse("[a *b*](http://x.y)", COLOR);
    assert!(
        pieces
            .iter()
            .all(|p| p.link.as_deref() == Some("http://x.y"))
    );
    let shown: String = parse("[a](http://x.y)", PLAIN)
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(shown, "a (http://x.y)");
}
