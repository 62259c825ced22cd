//! GFM tables, aligned by display width.
//!
//! A column's width is known only when its last row is in, so the renderer buffers a
//! table's rows and hands them here whole. Widths are display columns (`unicode-width`):
//! a Korean cell of three syllables is six columns, and its border lines up.

use super::inline;
use super::styled::{Attr, Attrs, Ink, Piece, width};

/// A column's alignment, from the delimiter row's colons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Left,
    Center,
    Right,
}

/// The rendered lines of a table's rows (each row as written, with its pipes).
// A table wider than the terminal is left to the terminal to wrap: cells are not wrapped.
pub(crate) fn render(rows: &[String], ink: Ink) -> Vec<Vec<Piece>> {
    let mut cells: Vec<Vec<&str>> = rows.iter().map(|r| split(r)).collect();
    let aligns = cells.get(1).and_then(|row| delimiter(row));
    let has_header = aligns.is_some();
    if has_header {
        cells.remove(1);
    }
    let aligns = aligns.unwrap_or_default();
    let bold = Attrs::default().with(Attr::Bold);
    let parsed: Vec<Vec<Vec<Piece>>> = cells
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let header = has_header && i == 0;
            row.iter()
                .map(|cell| {
                    let mut pieces = inline::parse(cell, ink);
                    if header {
                        pieces
                            .iter_mut()
                            .for_each(|p| p.attrs = p.attrs.union(bold));
                    }
                    pieces
                })
                .collect()
        })
        .collect();
    let columns = parsed.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            let cell_width = |row: &Vec<Vec<Piece>>| row.get(c).map_or(0, |p| width(p));
            parsed.iter().map(cell_width).max().unwrap_or(0)
        })
        .collect();
    let mut lines = Vec::new();
    for (i, row) in parsed.iter().enumerate() {
        lines.push(row_line(row, &widths, &aligns));
        if has_header && i == 0 {
            lines.push(separator(&widths));
        }
    }
    lines
}

fn border(text: &str) -> Piece {
    Piece::styled(text, Attrs::default().with(Attr::Dim), None)
}

fn row_line(row: &[Vec<Piece>], widths: &[usize], aligns: &[Align]) -> Vec<Piece> {
    let mut line = vec![border("│")];
    for (c, column_width) in widths.iter().enumerate() {
        let cell = row.get(c).map(Vec::as_slice).unwrap_or_default();
        let gap = column_width - width(cell);
        let (left, right) = match aligns.get(c).copied().unwrap_or(Align::Left) {
            Align::Left => (0, gap),
            Align::Right => (gap, 0),
            Align::Center => (gap / 2, gap - gap / 2),
        };
        line.push(Piece::plain(" ".repeat(left + 1)));
        line.extend(cell.iter().cloned());
        line.push(Piece::plain(" ".repeat(right + 1)));
        line.push(border("│"));
    }
    line
}

fn separator(widths: &[usize]) -> Vec<Piece> {
    let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
    vec![border(&format!("├{}┤", parts.join("┼")))]
}

/// The cells of a row: split at pipes that are neither escaped nor inside a code span.
fn split(row: &str) -> Vec<&str> {
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = inner
        .strip_suffix('|')
        .filter(|s| !s.ends_with('\\'))
        .unwrap_or(inner);
    let (mut cells, mut start, mut in_code, mut escaped) = (Vec::new(), 0, false, false);
    for (i, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code => {
                cells.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(inner[start..].trim());
    cells
}

/// The alignments, if this row is a delimiter row (`|---|:---:|`).
fn delimiter(cells: &[&str]) -> Option<Vec<Align>> {
    cells
        .iter()
        .map(|cell| {
            let dashes = cell.trim_start_matches(':').trim_end_matches(':');
            if dashes.is_empty() || !dashes.chars().all(|c| c == '-') {
                return None;
            }
            Some(match (cell.starts_with(':'), cell.ends_with(':')) {
                (true, true) => Align::Center,
                (false, true) => Align::Right,
                _ => Align::Left,
            })
        })
        .collect()
}
