//! The model's reasoning, shown on stderr while it thinks (issue 13): stdout keeps only the
//! answer, so a pipe reads the same bytes whether a server sends reasoning or not.
//!
//! Dim (SGR 2) on a terminal, unless `NO_COLOR` is set; plain text elsewhere (a log file
//! gets no escape codes). Each piece is wrapped in its own dim-and-reset, so an answer
//! stopped by Ctrl-C never leaves the terminal dim. Whitespace at the reasoning's ends is
//! dropped, and a blank line separates it from the answer that follows on stdout.

use std::io::Write;

use crate::api::response::ChatResponse;

const DIM: &[u8] = b"\x1b[2m";
const RESET: &[u8] = b"\x1b[0m";

/// How reasoning is shown, decided once for a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReasoningView {
    /// `--hide-reasoning`, `--raw`, or line mode: not at all.
    #[default]
    Hidden,
    Plain,
    Dim,
}

impl ReasoningView {
    /// `paint`: whether stderr is painted (see [`super::color::ColorChoice::paints`]).
    pub fn decide(hide: bool, paint: bool) -> ReasoningView {
        match (hide, paint) {
            (true, _) => ReasoningView::Hidden,
            (false, true) => ReasoningView::Dim,
            (false, false) => ReasoningView::Plain,
        }
    }
}

/// One answer's reasoning on stderr, as it comes. A closed stderr must not stop the answer
/// (see [`crate::log`]), so failed writes are ignored.
#[derive(Debug, Default)]
pub struct Reasoning {
    view: ReasoningView,
    /// Something was written and its line is not ended yet.
    open: bool,
    /// Whitespace held back: written only when more reasoning follows it.
    pending: String,
}

impl Reasoning {
    pub fn new(view: ReasoningView) -> Reasoning {
        Reasoning {
            view,
            ..Reasoning::default()
        }
    }

    /// Shows a piece of the reasoning.
    pub fn show(&mut self, err: &mut impl Write, text: &str) {
        if self.view == ReasoningView::Hidden {
            return;
        }
        let text = if self.open { text } else { text.trim_start() };
        let body = text.trim_end();
        if body.is_empty() {
            if self.open {
                self.pending.push_str(text);
            }
            return;
        }
        let dim = self.view == ReasoningView::Dim;
        let mut piece = Vec::with_capacity(text.len() + self.pending.len() + 8);
        if dim {
            piece.extend_from_slice(DIM);
        }
        piece.extend_from_slice(self.pending.as_bytes());
        piece.extend_from_slice(body.as_bytes());
        if dim {
            piece.extend_from_slice(RESET);
        }
        self.pending.clear();
        self.pending.push_str(&text[body.len()..]);
        self.open = true;
        let _ = err.write_all(&piece);
    }

    /// The answer starts: the reasoning's line ends, and a blank line follows it.
    pub fn before_answer(&mut self, err: &mut impl Write) {
        self.close(err, b"\n\n");
    }

    /// No answer follows (or the stream stopped): the reasoning's line ends.
    pub fn end(&mut self, err: &mut impl Write) {
        self.close(err, b"\n");
    }

    fn close(&mut self, err: &mut impl Write, ending: &[u8]) {
        if self.open {
            let _ = err.write_all(ending);
            self.open = false;
            self.pending.clear();
        }
    }
}

/// Shows a whole answer's reasoning (choice 0's: the one `-n` prints first), before the
/// answer is written.
pub fn show_whole(err: &mut impl Write, view: ReasoningView, response: &ChatResponse) {
    let first = response.choices.iter().find(|c| c.index == 0);
    let Some(message) = first.and_then(|c| c.message.as_ref()) else {
        return;
    };
    let parts = message.parts();
    let mut reasoning = Reasoning::new(view);
    reasoning.show(err, parts.reasoning.as_deref().unwrap_or_default());
    match parts.answer.is_empty() {
        true => reasoning.end(err),
        false => reasoning.before_answer(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(view: ReasoningView, pieces: &[&str], answer: bool) -> String {
        let mut err = Vec::new();
        let mut reasoning = Reasoning::new(view);
        for piece in pieces {
            reasoning.show(&mut err, piece);
        }
        match answer {
            true => reasoning.before_answer(&mut err),
            false => reasoning.end(&mut err),
        }
        String::from_utf8(err).unwrap()
    }

    #[test]
    fn dim_when_stderr_is_painted_and_nothing_when_hidden() {
        use ReasoningView::*;
        assert_eq!(ReasoningView::decide(false, true), Dim);
        assert_eq!(ReasoningView::decide(false, false), Plain);
        assert_eq!(ReasoningView::decide(true, true), Hidden);
    }

    #[test]
    fn reasoning_ends_with_a_blank_line_before_the_answer_and_its_own_whitespace_dropped() {
        let pieces = ["\n", "  Let me", " think.", "\n\n", "Yes.", "\n"];
        assert_eq!(
            shown(ReasoningView::Plain, &pieces, true),
            "Let me think.\n\nYes.\n\n"
        );
        assert_eq!(
            shown(ReasoningView::Plain, &pieces, false),
            "Let me think.\n\nYes.\n"
        );
        assert_eq!(shown(ReasoningView::Plain, &["\n", " "], true), "");
        assert_eq!(shown(ReasoningView::Hidden, &pieces, true), "");
    }

    #[test]
    fn each_dim_piece_resets_itself() {
        assert_eq!(
            shown(ReasoningView::Dim, &["a ", "b"], true),
            "\x1b[2ma\x1b[0m\x1b[2m b\x1b[0m\n\n"
        );
    }
}
