//! Styled text: the one place that turns styles into escape sequences.
//!
//! Everything above this module (inline parsing, wrapping, tables, code) works with
//! [`Piece`]s, so the rule "every coloured line ends with a reset" (issue 15: a cut answer or
//! a Ctrl-C must never leave colour behind) is kept here once, and `color: false` cannot
//! leak an escape: [`line`] writes none then.

use unicode_width::UnicodeWidthStr;

/// The reset that closes every styled run.
pub(crate) const RESET: &str = "\x1b[0m";

/// A text attribute. A fixed set, so an enum; a set of them is [`Attrs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Attr {
    Bold = 1,
    Italic = 2,
    Strike = 4,
    Underline = 8,
    Dim = 16,
}

/// Attributes combined: a bit set of [`Attr`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Attrs(u8);

impl Attrs {
    pub(crate) fn with(self, attr: Attr) -> Attrs {
        Attrs(self.0 | attr as u8)
    }

    pub(crate) fn has(self, attr: Attr) -> bool {
        self.0 & attr as u8 != 0
    }

    pub(crate) fn union(self, other: Attrs) -> Attrs {
        Attrs(self.0 | other.0)
    }
}

/// A foreground colour: the renderer's palette, or a syntax theme's exact colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Color {
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Rgb(u8, u8, u8),
}

/// A run of text in one style, possibly the text of a link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Piece {
    pub(crate) text: String,
    pub(crate) attrs: Attrs,
    pub(crate) color: Option<Color>,
    /// The target of the link this text is part of, for an OSC 8 hyperlink.
    pub(crate) link: Option<String>,
}

impl Piece {
    pub(crate) fn plain(text: impl Into<String>) -> Piece {
        Piece {
            text: text.into(),
            ..Piece::default()
        }
    }

    pub(crate) fn styled(text: impl Into<String>, attrs: Attrs, color: Option<Color>) -> Piece {
        Piece {
            text: text.into(),
            attrs,
            color,
            link: None,
        }
    }

    /// The same style around other text: what wrapping does when it cuts a piece.
    pub(crate) fn with_text(&self, text: impl Into<String>) -> Piece {
        Piece {
            text: text.into(),
            ..self.clone()
        }
    }
}

/// The columns a run of pieces takes on a terminal.
pub(crate) fn width(pieces: &[Piece]) -> usize {
    pieces.iter().map(|p| p.text.width()).sum()
}

/// How escape sequences are written: both are off in a plain rendering.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ink {
    pub(crate) color: bool,
    pub(crate) hyperlinks: bool,
}

/// Writes one terminal line (without its newline) into `out`. A styled run is reset before
/// anything unstyled, a link or the line's end, so the line as a whole ends reset; a link's
/// OSC 8 is opened and closed on the same line, so a wrapped link cannot swallow the lines
/// after it.
pub(crate) fn line(out: &mut String, pieces: &[Piece], ink: Ink) {
    // The attributes of the style left open, if one is.
    let mut open: Option<Attrs> = None;
    // Wrapping cuts runs into words: neighbours in one style are written as one run.
    for run in pieces.chunk_by(|a, b| a.attrs == b.attrs && a.color == b.color && a.link == b.link)
    {
        let first = &run[0];
        let link = first.link.as_deref().filter(|_| ink.hyperlinks);
        // Highlighted code changes colour token by token: a new colour over the same
        // attributes replaces the old one without a reset between (fewer bytes to the
        // terminal, which a slow link feels).
        let recolour =
            (first.color).filter(|_| ink.color && link.is_none() && open == Some(first.attrs));
        if let Some(color) = recolour {
            out.push_str(&format!("\x1b[{}m", color_code(color)));
        } else {
            if open.take().is_some() {
                out.push_str(RESET);
            }
            if let Some(url) = link {
                out.push_str(&format!("\x1b]8;;{url}\x1b\\"));
            }
            if let Some(sgr) = sgr(first).filter(|_| ink.color) {
                out.push_str(&sgr);
                open = Some(first.attrs);
            }
        }
        run.iter().for_each(|p| out.push_str(&p.text));
        if link.is_some() {
            if open.take().is_some() {
                out.push_str(RESET);
            }
            out.push_str("\x1b]8;;\x1b\\");
        }
    }
    if open.is_some() {
        out.push_str(RESET);
    }
}

/// The SGR sequence that starts a piece's style, if it has one.
fn sgr(piece: &Piece) -> Option<String> {
    let attrs = [
        (Attr::Bold, "1"),
        (Attr::Dim, "2"),
        (Attr::Italic, "3"),
        (Attr::Underline, "4"),
        (Attr::Strike, "9"),
    ];
    let mut codes: Vec<String> = attrs
        .iter()
        .filter(|(a, _)| piece.attrs.has(*a))
        .map(|(_, code)| (*code).to_string())
        .collect();
    if let Some(color) = piece.color {
        codes.push(color_code(color));
    }
    (!codes.is_empty()).then(|| format!("\x1b[{}m", codes.join(";")))
}

fn color_code(color: Color) -> String {
    match color {
        Color::Red => "31".into(),
        Color::Green => "32".into(),
        Color::Yellow => "33".into(),
        Color::Blue => "34".into(),
        Color::Magenta => "35".into(),
        Color::Cyan => "36".into(),
        Color::Rgb(r, g, b) => format!("38;2;{r};{g};{b}"),
    }
}
