//! Inline markdown within one line: emphasis, strong, strikethrough, inline code, links.
//!
//! Hand-written rather than pulldown-cmark: the renderer works line by line as the answer
//! streams, and a line is all this parser ever sees. It follows CommonMark's delimiter rules
//! closely enough for what models write (`snake_case_names` stay plain, `2 * 3 * 4` is not
//! emphasis) and leaves anything it cannot match as the literal text.

use super::styled::{Attr, Attrs, Color, Ink, Piece};

/// The colour of inline code and of links, so they read as such without the markers.
const CODE: Color = Color::Yellow;
const LINK: Color = Color::Blue;

/// A run of `*`, `_` or `~` that may open or close a span.
#[derive(Clone, Copy, Debug)]
struct Delim {
    ch: char,
    len: usize,
    can_open: bool,
    can_close: bool,
}

/// Parsed text, and the delimiter it is the literal text of (until matched).
struct Node {
    pieces: Vec<Piece>,
    delim: Option<Delim>,
}

/// The styled pieces of one line of inline markdown.
pub(crate) fn parse(text: &str, ink: Ink) -> Vec<Piece> {
    let mut nodes = tokenize(text, ink);
    match_delimiters(&mut nodes, ink);
    let mut pieces: Vec<Piece> = Vec::new();
    for piece in nodes.into_iter().flat_map(|n| n.pieces) {
        match pieces.last_mut() {
            Some(last) if same_style(last, &piece) => last.text.push_str(&piece.text),
            _ if piece.text.is_empty() => {}
            _ => pieces.push(piece),
        }
    }
    pieces
}

fn same_style(a: &Piece, b: &Piece) -> bool {
    a.attrs == b.attrs && a.color == b.color && a.link == b.link
}

/// Splits a line into text, code spans, links and delimiter runs.
fn tokenize(text: &str, ink: Ink) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut plain = String::new();
    let flush = |plain: &mut String, nodes: &mut Vec<Node>| {
        if !plain.is_empty() {
            nodes.push(Node {
                pieces: vec![Piece::plain(std::mem::take(plain))],
                delim: None,
            });
        }
    };
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let special = match c {
            '\\' => {
                escaped(&text[at..]).map(|ch| (ch.len_utf8() + 1, vec![Piece::plain(ch)], None))
            }
            '`' => code_span(&text[at..], ink).map(|(len, piece)| (len, vec![piece], None)),
            '[' => link(&text[at..], ink).map(|(len, pieces)| (len, pieces, None)),
            '<' => autolink(&text[at..], ink).map(|(len, pieces)| (len, pieces, None)),
            '*' | '_' | '~' => {
                let delim = delimiter(text, at, c);
                let literal = c.to_string().repeat(delim.len);
                Some((delim.len, vec![Piece::plain(literal)], Some(delim)))
            }
            _ => None,
        };
        match special {
            Some((len, pieces, delim)) => {
                flush(&mut plain, &mut nodes);
                nodes.push(Node { pieces, delim });
                at += len;
            }
            None => {
                plain.push(c);
                at += c.len_utf8();
            }
        }
    }
    flush(&mut plain, &mut nodes);
    nodes
}

/// `\*` and the like: the punctuation after a backslash is literal (CommonMark 2.4).
fn escaped(rest: &str) -> Option<char> {
    rest[1..].chars().next().filter(char::is_ascii_punctuation)
}

/// A code span: a run of backticks up to the next run of the same length.
fn code_span(rest: &str, ink: Ink) -> Option<(usize, Piece)> {
    let ticks = rest.len() - rest.trim_start_matches('`').len();
    let body = &rest[ticks..];
    let mut search = 0;
    while let Some(found) = body[search..].find('`') {
        let start = search + found;
        let run = body[start..].len() - body[start..].trim_start_matches('`').len();
        if run == ticks {
            let code = &body[..start];
            let inner = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                Some(inner) if !inner.trim().is_empty() => inner,
                _ => code,
            };
            // Without colour the backticks are all that marks code: they stay.
            let shown = if ink.color {
                inner.to_string()
            } else {
                rest[..ticks * 2 + start].to_string()
            };
            return Some((
                ticks * 2 + start,
                Piece::styled(shown, Attrs::default(), Some(CODE)),
            ));
        }
        search = start + run;
    }
    None
}

/// `[text](url)`: the text parsed in its turn, then either an OSC 8 link or the URL after it.
fn link(rest: &str, ink: Ink) -> Option<(usize, Vec<Piece>)> {
    let close = matching(rest, '[', ']')?;
    let after = &rest[close + 1..];
    if !after.starts_with('(') {
        return None;
    }
    let end = matching(after, '(', ')')?;
    let target = after[1..end].trim();
    let url = target.split_whitespace().next().unwrap_or_default();
    let text = parse(&rest[1..close], ink);
    Some((close + 1 + end + 1, linked(text, url, ink)))
}

/// `<https://…>`: the URL is its own text.
fn autolink(rest: &str, ink: Ink) -> Option<(usize, Vec<Piece>)> {
    let end = rest.find('>')?;
    let url = &rest[1..end];
    let is_url = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| url.starts_with(s));
    (is_url && !url.contains(char::is_whitespace))
        .then(|| (end + 1, linked(vec![Piece::plain(url)], url, ink)))
}

fn linked(text: Vec<Piece>, url: &str, ink: Ink) -> Vec<Piece> {
    let shown: String = text.iter().map(|p| p.text.as_str()).collect();
    let mut pieces: Vec<Piece> = text
        .into_iter()
        .map(|p| Piece {
            attrs: p.attrs.with(Attr::Underline),
            color: p.color.or(Some(LINK)),
            link: Some(url.to_string()),
            ..p
        })
        .collect();
    if !ink.hyperlinks && shown != url && !url.is_empty() {
        let dim = Attrs::default().with(Attr::Dim);
        pieces.push(Piece::styled(format!(" ({url})"), dim, None));
    }
    pieces
}

/// The byte index of the bracket that closes the one `text` starts with.
fn matching(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A delimiter run at `at`, with whether it can open or close (CommonMark 6.2, simplified:
/// whitespace around decides, and `_` inside a word is never emphasis).
fn delimiter(text: &str, at: usize, ch: char) -> Delim {
    let rest = &text[at..];
    let len = rest.len() - rest.trim_start_matches(ch).len();
    let before = text[..at].chars().next_back();
    let after = rest[len..].chars().next();
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let (mut can_open, mut can_close) = (!space(after), !space(before));
    if ch == '_' {
        can_open &= !word(before);
        can_close &= !word(after);
    }
    Delim {
        ch,
        len,
        can_open,
        can_close,
    }
}

/// The style a matched pair of runs gives, if runs of that length mean anything.
fn style_of(delim: Delim) -> Option<Attrs> {
    let none = Attrs::default();
    match (delim.ch, delim.len) {
        ('~', 1 | 2) => Some(none.with(Attr::Strike)),
        ('~', _) => None,
        (_, 1) => Some(none.with(Attr::Italic)),
        (_, 2) => Some(none.with(Attr::Bold)),
        (_, 3) => Some(none.with(Attr::Bold).with(Attr::Italic)),
        _ => None,
    }
}

/// Pairs closers with the nearest opener of the same kind; unpaired runs stay literal.
fn match_delimiters(nodes: &mut [Node], ink: Ink) {
    let mut openers: Vec<usize> = Vec::new();
    for i in 0..nodes.len() {
        let Some(delim) = nodes[i].delim else {
            continue;
        };
        let Some(style) = style_of(delim) else {
            continue;
        };
        let opener = openers.iter().rposition(|&j| {
            nodes[j]
                .delim
                .is_some_and(|d| d.ch == delim.ch && d.len == delim.len)
        });
        if let Some(at) = opener.filter(|_| delim.can_close) {
            let j = openers[at];
            openers.truncate(at);
            for node in &mut nodes[j + 1..i] {
                for piece in &mut node.pieces {
                    piece.attrs = piece.attrs.union(style);
                }
            }
            // Without colour a strikethrough has nothing but its tildes to show it.
            let keep = !ink.color && delim.ch == '~';
            for k in [j, i] {
                nodes[k].delim = None;
                if !keep {
                    nodes[k].pieces.clear();
                }
            }
        } else if delim.can_open {
            openers.push(i);
        }
    }
}

#[cfg(test)]
#[path = "inline_tests.rs"]
mod tests;
