use proptest::prelude::*;

use super::*;

/// The fixture set of issue 15's tests: every element, Korean, code, a long line, nested
/// lists, and an answer cut mid-code-block (without a final newline).
const FIXTURES: [(&str, &str); 6] = [
    ("elements", include_str!("fixtures/elements.md")),
    ("korean", include_str!("fixtures/korean.md")),
    ("code", include_str!("fixtures/code.md")),
    ("long_line", include_str!("fixtures/long_line.md")),
    ("nested_lists", include_str!("fixtures/nested_lists.md")),
    ("cut_code", include_str!("fixtures/cut_code.md")),
];

const COLOR: Style = Style {
    color: true,
    hyperlinks: true,
    width: 40,
    background: Background::Dark,
};

const PLAIN: Style = Style {
    color: false,
    hyperlinks: false,
    width: 40,
    background: Background::Dark,
};

/// Renders `chunks` as a stream of pieces of the answer.
fn render_chunks<'a>(style: Style, chunks: impl IntoIterator<Item = &'a str>) -> String {
    let mut renderer = Renderer::new(style);
    let mut out = Vec::new();
    for chunk in chunks {
        renderer
            .push(&mut out, chunk)
            .expect("a Vec takes any write");
    }
    renderer.finish(&mut out).expect("a Vec takes any write");
    String::from_utf8(out).expect("rendered from UTF-8 text")
}

fn render(style: Style, text: &str) -> String {
    render_chunks(style, [text])
}

/// Escapes made visible, so snapshots can be read and reviewed.
fn visible(rendered: &str) -> String {
    rendered.replace('\x1b', "␛")
}

#[test]
fn fixtures_render_in_colour() {
    for (name, text) in FIXTURES {
        insta::assert_snapshot!(format!("{name}_color"), visible(&render(COLOR, text)));
    }
}

#[test]
fn fixtures_render_without_colour() {
    for (name, text) in FIXTURES {
        insta::assert_snapshot!(format!("{name}_plain"), render(PLAIN, text));
    }
}

#[test]
fn links_show_their_url_without_hyperlinks() {
    let style = Style {
        hyperlinks: false,
        ..COLOR
    };
    let text = "See [the docs](https://example.com) and <https://example.org>.\n";
    insta::assert_snapshot!(visible(&render(style, text)));
}

#[test]
fn without_colour_there_is_no_escape_sequence_at_all() {
    let style = Style {
        hyperlinks: true,
        ..PLAIN
    };
    for (name, text) in FIXTURES {
        assert!(
            !render(style, text).contains('\x1b'),
            "{name} has an escape"
        );
    }
}

#[test]
fn every_coloured_line_ends_reset() {
    for (name, text) in FIXTURES {
        for line in render(COLOR, text).lines() {
            assert_eq!(
                line.rfind("\x1b["),
                line.rfind(RESET),
                "{name}: a colour outlives its line: {line:?}"
            );
        }
    }
}

#[test]
fn prose_fits_the_width_in_display_columns() {
    for (name, text) in FIXTURES {
        let mut in_code = false;
        for line in render(PLAIN, text).lines() {
            // Code is never wrapped, and a table is as wide as its cells.
            in_code ^= line.starts_with("```") || line.starts_with("~~~");
            if !in_code && !line.starts_with('│') && !line.starts_with('├') {
                assert!(wrap_width(line) <= 40, "{name}: too wide: {line:?}");
            }
        }
    }
}

#[test]
fn finish_writes_an_unfinished_line_and_a_reset() {
    let mut renderer = Renderer::new(COLOR);
    let mut out = Vec::new();
    renderer.push(&mut out, "done line\nhalf a li").unwrap();
    assert_eq!(renderer.pending(), "half a li");
    let before = out.len();
    renderer.finish(&mut out).unwrap();
    let tail = String::from_utf8(out[before..].to_vec()).unwrap();
    assert_eq!(tail, format!("half a li\n{RESET}"));
}

#[test]
fn a_table_waits_for_its_last_row() {
    let mut renderer = Renderer::new(PLAIN);
    let mut out = Vec::new();
    renderer
        .push(&mut out, "| a | b |\n|---|---|\n| 1 | 2 |\n")
        .unwrap();
    assert!(out.is_empty(), "a table is aligned only when complete");
    renderer.push(&mut out, "after\n").unwrap();
    assert!(String::from_utf8(out).unwrap().ends_with("after\n"));
}

/// Measures what issue 15 bounds (syntect's load under 20 ms; rendering a long answer
/// against writing it plain). Timing is never asserted: run it with
/// `cargo test --release --lib render::tests::measure -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a test"]
fn measure_load_and_render_time() {
    use std::time::Instant;
    let mut err = std::io::stderr();
    let started = Instant::now();
    code::preload();
    let load = started.elapsed();
    let started = Instant::now();
    // syntect links a syntax's contexts on its first use: part of the first block's cost.
    Highlighter::new("rust", Background::Dark).line("fn main() {}");
    let first = started.elapsed();
    let _ = writeln!(err, "syntect: load {load:?}, first Rust line {first:?}");
    let prose = ["elements", "korean", "long_line", "nested_lists"];
    for (kind, names) in [("prose", &prose[..]), ("code", &["code"][..])] {
        let fixtures = FIXTURES.iter().filter(|(n, _)| names.contains(n));
        let text: String = fixtures.map(|(_, t)| *t).collect();
        let answer: String = text
            .lines()
            .cycle()
            .take(20_000)
            .map(|l| format!("{l}\n"))
            .collect();
        let chunks: Vec<&str> = answer.split_inclusive(' ').collect();
        let started = Instant::now();
        let mut plain = Vec::new();
        for chunk in &chunks {
            plain.extend_from_slice(chunk.as_bytes());
        }
        let copy = started.elapsed();
        let started = Instant::now();
        let rendered = render_chunks(COLOR, chunks.iter().copied());
        let rendering = started.elapsed();
        let _ = writeln!(
            err,
            "{kind}: 20000 lines in {} chunks: plain {copy:?}, rendered {rendering:?} \
             ({} bytes → {} bytes)",
            chunks.len(),
            plain.len(),
            rendered.len()
        );
    }
}

proptest! {
    /// The output depends on the lines only, never on how the stream was chunked.
    #[test]
    fn any_chunking_renders_the_same(
        fixture in 0..FIXTURES.len(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..24),
        color in any::<bool>(),
    ) {
        let text = FIXTURES[fixture].1;
        let style = if color { COLOR } else { PLAIN };
        let mut at: Vec<usize> = cuts
            .iter()
            .map(|i| i.index(text.len() + 1))
            .map(|mut i| {
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            })
            .collect();
        at.extend([0, text.len()]);
        at.sort_unstable();
        let chunks = at.windows(2).map(|w| &text[w[0]..w[1]]);
        prop_assert_eq!(render_chunks(style, chunks), render(style, text));
    }
}
