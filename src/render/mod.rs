//! Markdown rendered for a terminal as the answer streams (issue 15, "Rendering").
//!
//! Line-based, because an answer arrives a few characters at a time and what is on screen
//! must never be taken back: a line is rendered when its newline arrives, and what a block
//! needs to know across lines (inside a code fence, the open list items, a table's rows so
//! far) is the renderer's state. Only a table waits: its columns are aligned when its last
//! row is in. The output depends on the lines alone, never on how the text was chunked.
//!
//! A leaf: it writes to any `Write` and knows nothing of terminals. The caller decides
//! whether to render at all (never into a pipe unless asked), the colours and the width.
//!
//! Hook for the terminal wiring: the unfinished line is [`Renderer::pending`]; a caller may
//! show it as plain text and, when [`Renderer::push`] writes its completed lines, move the
//! cursor back over it first (`\r` plus `\x1b[K`, per wrapped row) so it is drawn once, rendered.

mod blocks;
mod code;
mod inline;
mod styled;
mod table;
mod wrap;

use std::io::Write;

use blocks::{Line, Marker};
use code::Highlighter;
use styled::{Attr, Attrs, Color, Ink, Piece, RESET};

/// How the answer is to look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// SGR colours and attributes. Off, the output holds no escape sequence at all (OSC 8
    /// hyperlinks included): plain text, still wrapped and aligned.
    pub color: bool,
    /// OSC 8 hyperlinks for links; otherwise the URL is shown after the text.
    pub hyperlinks: bool,
    /// The terminal's width in columns: prose wraps to it, rules fill it.
    pub width: usize,
    /// The terminal's background, for the code's colour theme.
    pub background: Background,
}

/// A terminal's background: code is highlighted with a theme made for it, as bat does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Background {
    #[default]
    Dark,
    Light,
}

/// The block the next line continues, if any.
enum Block {
    Prose,
    /// Inside a fence opened by `len` of `ch`; the highlighter only when colour is on.
    Code {
        ch: char,
        len: usize,
        highlighter: Option<Highlighter>,
    },
    /// A table's rows so far, as written.
    Table(Vec<String>),
}

/// A streaming markdown renderer: feed it the answer with [`push`](Renderer::push) as it
/// arrives, and [`finish`](Renderer::finish) it when the answer ends.
pub struct Renderer {
    width: usize,
    ink: Ink,
    background: Background,
    pending: String,
    block: Block,
    /// The indentation of each open list item, outermost first.
    lists: Vec<usize>,
}

/// Headings are bold, coloured by level so the outline reads at a glance.
const HEADING_COLORS: [Color; 6] = [
    Color::Magenta,
    Color::Blue,
    Color::Cyan,
    Color::Green,
    Color::Yellow,
    Color::Red,
];

/// Bullets by nesting depth, so nested lists are told apart.
const BULLETS: [&str; 3] = ["•", "◦", "▪"];

impl Renderer {
    pub fn new(style: Style) -> Renderer {
        Renderer {
            // A width of zero would leave nothing to wrap to: one column at least.
            width: style.width.max(1),
            ink: Ink {
                color: style.color,
                hyperlinks: style.hyperlinks && style.color,
            },
            background: style.background,
            pending: String::new(),
            block: Block::Prose,
            lists: Vec::new(),
        }
    }

    /// Takes the next piece of the answer; writes the lines that completed, rendered.
    pub fn push(&mut self, out: &mut impl Write, text: &str) -> std::io::Result<()> {
        // Only the new piece can hold a newline: the pending text had none.
        let Some(at) = text.rfind('\n') else {
            self.pending.push_str(text);
            return Ok(());
        };
        let end = self.pending.len() + at;
        self.pending.push_str(text);
        let complete: String = self.pending.drain(..=end).collect();
        let mut rendered = String::new();
        for line in complete.split_terminator('\n') {
            self.line(line.strip_suffix('\r').unwrap_or(line), &mut rendered);
        }
        out.write_all(rendered.as_bytes())
    }

    /// The answer ended (possibly mid-line or mid-code-block): renders what is left and
    /// resets colours.
    pub fn finish(mut self, out: &mut impl Write) -> std::io::Result<()> {
        let mut rendered = String::new();
        if !self.pending.is_empty() {
            let last = std::mem::take(&mut self.pending);
            self.line(last.strip_suffix('\r').unwrap_or(&last), &mut rendered);
        }
        if let Block::Table(rows) = std::mem::replace(&mut self.block, Block::Prose) {
            self.emit(&mut rendered, table::render(&rows, self.ink));
        }
        if self.ink.color {
            // Every styled run is closed already; this one is for whatever the terminal
            // had before, so that nothing after the answer inherits a colour.
            rendered.push_str(RESET);
        }
        out.write_all(rendered.as_bytes())
    }

    /// The unfinished line: the text after the last newline, not yet rendered. For the
    /// terminal wiring, which may show it plain until it completes.
    pub fn pending(&self) -> &str {
        &self.pending
    }

    /// Renders one complete line (without its newline) into `out`.
    fn line(&mut self, line: &str, out: &mut String) {
        match &mut self.block {
            Block::Code {
                ch,
                len,
                highlighter,
            } => {
                if let Line::Fence {
                    ch: c,
                    len: l,
                    lang,
                } = blocks::classify(line)
                    && c == *ch
                    && l >= *len
                    && lang.is_empty()
                {
                    self.block = Block::Prose;
                    if !self.ink.color {
                        out.push_str(line.trim());
                        out.push('\n');
                    }
                    return;
                }
                let pieces = match highlighter {
                    Some(h) => h.line(line),
                    None => vec![Piece::plain(line)],
                };
                self.emit(out, vec![pieces]);
                return;
            }
            Block::Table(rows) => {
                if let Line::TableRow(row) = blocks::classify(line) {
                    rows.push(row.to_string());
                    return;
                }
                let rows = std::mem::take(rows);
                self.block = Block::Prose;
                self.emit(out, table::render(&rows, self.ink));
            }
            Block::Prose => {}
        }
        self.prose(line, out);
    }

    /// A line outside code blocks and tables.
    fn prose(&mut self, line: &str, out: &mut String) {
        let lines = match blocks::classify(line) {
            Line::Blank => vec![Vec::new()],
            Line::Heading { level, text } => {
                self.lists.clear();
                self.heading(level, text)
            }
            Line::Fence { ch, len, lang } => return self.open_fence(line, ch, len, lang, out),
            Line::Rule => {
                self.lists.clear();
                let dim = Attrs::default().with(Attr::Dim);
                vec![vec![Piece::styled("─".repeat(self.width), dim, None)]]
            }
            Line::Item {
                indent,
                marker,
                text,
            } => self.item(indent, &marker, text),
            Line::Quote { text } => self.quote(text),
            Line::TableRow(row) => {
                self.block = Block::Table(vec![row.to_string()]);
                return;
            }
            Line::Text { indent, text } => {
                // Indented under an open list item, text continues it; otherwise the
                // list is over.
                let depth = self.lists.iter().filter(|&&i| i < indent).count();
                if depth == 0 {
                    self.lists.clear();
                }
                let under = vec![Piece::plain("  ".repeat(depth))];
                wrap::wrap(&inline::parse(text, self.ink), &under, &under, self.width)
            }
        };
        self.emit(out, lines);
    }

    fn heading(&self, level: usize, text: &str) -> Vec<Vec<Piece>> {
        let bold = Attrs::default().with(Attr::Bold);
        let color = Some(HEADING_COLORS[level - 1]);
        let mut pieces = vec![Piece::plain(format!("{} ", "#".repeat(level)))];
        pieces.extend(inline::parse(text, self.ink));
        for piece in &mut pieces {
            piece.attrs = piece.attrs.union(bold);
            piece.color = piece.color.or(color);
        }
        wrap::wrap(&pieces, &[], &[], self.width)
    }

    fn open_fence(&mut self, line: &str, ch: char, len: usize, lang: &str, out: &mut String) {
        let highlighter = self
            .ink
            .color
            .then(|| Highlighter::new(lang, self.background));
        self.block = Block::Code {
            ch,
            len,
            highlighter,
        };
        if self.ink.color {
            let label = if lang.is_empty() { "code" } else { lang };
            let dim = Attrs::default().with(Attr::Dim);
            self.emit(out, vec![vec![Piece::styled(label, dim, None)]]);
        } else {
            // Without colour, the fences are what shows where the code starts and ends.
            out.push_str(line.trim());
            out.push('\n');
        }
    }

    fn item(&mut self, indent: usize, marker: &Marker, text: &str) -> Vec<Vec<Piece>> {
        while self.lists.last().is_some_and(|&i| i > indent) {
            self.lists.pop();
        }
        if self.lists.last() != Some(&indent) {
            self.lists.push(indent);
        }
        let depth = self.lists.len() - 1;
        let marker = match marker {
            Marker::Bullet => BULLETS[depth % BULLETS.len()].to_string(),
            Marker::Number(n) => n.clone(),
        };
        let lead = format!("{}{marker} ", "  ".repeat(depth));
        let hang = " ".repeat(wrap_width(&lead));
        let first = vec![Piece::styled(lead, Attrs::default(), Some(Color::Cyan))];
        let content = inline::parse(text, self.ink);
        wrap::wrap(&content, &first, &[Piece::plain(hang)], self.width)
    }

    fn quote(&mut self, text: &str) -> Vec<Vec<Piece>> {
        self.lists.clear();
        let mut depth = 1;
        let mut text = text;
        while let Some(inner) = text.strip_prefix('>') {
            depth += 1;
            text = inner.strip_prefix(' ').unwrap_or(inner);
        }
        let dim = Attrs::default().with(Attr::Dim);
        let bar = vec![Piece::styled("│ ".repeat(depth), dim, None)];
        let italic = Attrs::default().with(Attr::Italic);
        let mut content = inline::parse(text, self.ink);
        content
            .iter_mut()
            .for_each(|p| p.attrs = p.attrs.union(italic));
        wrap::wrap(&content, &bar, &bar, self.width)
    }

    fn emit(&self, out: &mut String, lines: Vec<Vec<Piece>>) {
        for pieces in lines {
            styled::line(out, &pieces, self.ink);
            out.push('\n');
        }
    }
}

fn wrap_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
