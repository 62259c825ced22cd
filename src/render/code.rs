//! Fenced code blocks, highlighted by their language with syntect.
//!
//! Issue 15: the first token on screen must not wait for syntaxes, so they are loaded on the
//! first code block only (once per process, in a `OnceLock`), and never when colour is off.
//! A block is highlighted line by line as it arrives: syntect's parse state carries across
//! lines, so a string or comment spanning lines stays coloured.

use std::sync::OnceLock;

use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme, ThemeSet};
use syntect::parsing::SyntaxSet;

use super::Background;
use super::styled::{Attr, Attrs, Color, Piece};

/// A dark theme that reads on most terminals' default backgrounds, and a light one for
/// light backgrounds (bat chooses between a dark and a light theme the same way).
const DARK: &str = "base16-ocean.dark";
const LIGHT: &str = "InspiredGitHub";

struct Assets {
    syntaxes: SyntaxSet,
    dark: Theme,
    light: Theme,
}

static ASSETS: OnceLock<Assets> = OnceLock::new();

fn assets() -> &'static Assets {
    ASSETS.get_or_init(|| {
        let mut themes = ThemeSet::load_defaults();
        let mut take =
            |name| (themes.themes.remove(name)).expect("syntect's default themes include both");
        Assets {
            // The newlines variant: syntect's grammars are written for lines that end in \n.
            syntaxes: SyntaxSet::load_defaults_newlines(),
            dark: take(DARK),
            light: take(LIGHT),
        }
    })
}

#[cfg(test)]
/// Loads the syntaxes and theme now, if not yet loaded: for measuring the load alone.
pub(crate) fn preload() {
    assets();
}

/// One code block's highlighter, from its fence's language.
pub(crate) struct Highlighter {
    lines: HighlightLines<'static>,
}

impl Highlighter {
    /// The language is a fence's info string: a name (`rust`), an extension (`rs`), or
    /// unknown, which is shown as plain text.
    pub(crate) fn new(lang: &str, background: Background) -> Highlighter {
        let assets = assets();
        let syntax = assets
            .syntaxes
            .find_syntax_by_token(lang)
            .unwrap_or_else(|| assets.syntaxes.find_syntax_plain_text());
        Highlighter {
            lines: HighlightLines::new(
                syntax,
                match background {
                    Background::Dark => &assets.dark,
                    Background::Light => &assets.light,
                },
            ),
        }
    }

    /// One line of code (without its newline) as pieces in the theme's colours.
    pub(crate) fn line(&mut self, code: &str) -> Vec<Piece> {
        let with_newline = format!("{code}\n");
        let Ok(ranges) = self.lines.highlight_line(&with_newline, &assets().syntaxes) else {
            // A grammar's regex failing is no reason to lose the line: shown plain.
            return vec![Piece::plain(code)];
        };
        ranges
            .into_iter()
            .map(|(style, text)| {
                let text = text.strip_suffix('\n').unwrap_or(text);
                let c = style.foreground;
                let mut attrs = Attrs::default();
                if style.font_style.contains(FontStyle::BOLD) {
                    attrs = attrs.with(Attr::Bold);
                }
                if style.font_style.contains(FontStyle::ITALIC) {
                    attrs = attrs.with(Attr::Italic);
                }
                Piece::styled(text, attrs, Some(Color::Rgb(c.r, c.g, c.b)))
            })
            .filter(|p| !p.text.is_empty())
            .fold(Vec::new(), |mut pieces: Vec<Piece>, piece| {
                // Spaces look the same in any colour: they join the piece before them, which
                // saves a colour change for every gap between tokens.
                match pieces.last_mut() {
                    Some(last) if piece.text.trim().is_empty() => last.text.push_str(&piece.text),
                    _ => pieces.push(piece),
                }
                pieces
            })
    }
}
