//! What one line of markdown is, on its own: the block grammar, without any state.
//!
//! The renderer sees an answer line by line as it streams, so blocks are recognised from
//! their first line (CommonMark's ATX headings, fences, thematic breaks, list items, quotes)
//! and GFM table rows by their leading `|`. What needs more than one line to decide (a
//! setext heading's underline, a table without outer pipes) is read as the simpler thing.

/// A list item's marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    Bullet,
    /// `1.` or `1)`, kept as written: the model's numbering is the reader's.
    Number(String),
}

/// One line, classified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    Blank,
    Heading {
        level: usize,
        text: &'a str,
    },
    /// An opening or closing code fence: its character, length and info string's language.
    Fence {
        ch: char,
        len: usize,
        lang: &'a str,
    },
    Rule,
    Item {
        indent: usize,
        marker: Marker,
        text: &'a str,
    },
    Quote {
        text: &'a str,
    },
    TableRow(&'a str),
    Text {
        indent: usize,
        text: &'a str,
    },
}

/// Classifies one line (without its newline).
pub(crate) fn classify(line: &str) -> Line<'_> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let body = &line[indent..];
    if body.trim().is_empty() {
        return Line::Blank;
    }
    // Four spaces make an indented code block in CommonMark, but models indent list items
    // and their continuations that way: only fences and list items are read at any depth.
    if let Some(fence) = fence(body) {
        return fence;
    }
    if let Some(item) = item(body, indent) {
        return item;
    }
    if indent > 3 {
        return Line::Text { indent, text: body };
    }
    if let Some(heading) = heading(body) {
        return heading;
    }
    if is_rule(body) {
        return Line::Rule;
    }
    if let Some(text) = body.strip_prefix('>') {
        return Line::Quote {
            text: text.strip_prefix(' ').unwrap_or(text),
        };
    }
    if body.starts_with('|') {
        return Line::TableRow(body.trim_end());
    }
    Line::Text { indent, text: body }
}

fn fence(body: &str) -> Option<Line<'_>> {
    let ch = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = body.len() - body.trim_start_matches(ch).len();
    let info = body[len..].trim();
    // A backtick fence's info string cannot hold a backtick (CommonMark 4.5).
    if len < 3 || (ch == '`' && info.contains('`')) {
        return None;
    }
    let lang = info.split([' ', ',', '{']).next().unwrap_or_default();
    Some(Line::Fence { ch, len, lang })
}

fn heading(body: &str) -> Option<Line<'_>> {
    let level = body.len() - body.trim_start_matches('#').len();
    let rest = &body[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    // A closing run of `#`s is not part of the text.
    let text = rest.trim();
    let trimmed = text.trim_end_matches('#');
    let text = if trimmed.is_empty() || trimmed.ends_with(' ') {
        trimmed.trim_end()
    } else {
        text
    };
    Some(Line::Heading { level, text })
}

fn is_rule(body: &str) -> bool {
    let chars: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(first) = chars.chars().next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_') && chars.len() >= 3 && chars.chars().all(|c| c == first)
}

fn item(body: &str, indent: usize) -> Option<Line<'_>> {
    let (marker, rest) = if let Some(rest) = body.strip_prefix(['-', '*', '+']) {
        (Marker::Bullet, rest)
    } else {
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &body[digits..];
        if !(1..=9).contains(&digits) || !rest.starts_with(['.', ')']) {
            return None;
        }
        (Marker::Number(body[..digits + 1].to_string()), &rest[1..])
    };
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) || is_rule(body) {
        return None;
    }
    let text = rest.trim_start();
    Some(Line::Item {
        indent,
        marker,
        text,
    })
}

#[cfg(test)]
#[path = "blocks_tests.rs"]
mod tests;
