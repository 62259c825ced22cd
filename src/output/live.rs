//! An answer rendered as markdown as it streams (issue 15), on top of [`crate::render`].
//!
//! The renderer writes a line once its newline has come. Until then, at a terminal, the
//! unfinished line is shown as it arrives, plain, so the first token is on screen at once;
//! when the line completes, that plain text is erased (cursor to its first row, clear to
//! the end of the screen) and the line is drawn again, rendered. Only the unfinished line
//! is ever redrawn: no full-screen redraw, nothing above it moves.
//!
//! The cursor cannot go above the screen's top, so a plain line may take at most the
//! screen's height less one row: text past that would scroll into the scrollback, where it
//! could not be erased and would show twice. The rest of such a line (a paragraph longer
//! than the screen) appears when its newline comes, rendered.
//!
//! Into a pipe (`--render always`, for `less -R`) there is no cursor to move: only complete
//! lines are written, rendered.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use crate::render::{Renderer, Style};
use crate::terminal::Size;

/// How an answer is rendered: the look, and whether the unfinished line is shown and
/// redrawn (stdout is a terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rendering {
    pub style: Style,
    pub redraw: bool,
}

/// One answer being rendered as it streams.
pub struct Live {
    renderer: Renderer,
    redraw: bool,
    /// The unfinished line as shown, plain, on the terminal, and where it ends.
    shown: String,
    end: Spot,
    /// The screen's size when the line began; None into a pipe.
    size: Option<Size>,
    /// The unfinished line outgrew the screen: no more of it is shown plain.
    full: bool,
    /// Whether the last thing written ended a line (for the caller's closing newline).
    at_line_start: bool,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").field("shown", &self.shown).finish()
    }
}

impl Live {
    pub fn new(rendering: Rendering) -> Live {
        crate::interrupt::set_painting(rendering.style.color);
        Live {
            renderer: Renderer::new(rendering.style),
            redraw: rendering.redraw,
            shown: String::new(),
            end: Spot::START,
            size: rendering.redraw.then(screen),
            full: false,
            at_line_start: true,
        }
    }

    /// The next piece of the answer.
    pub fn push(&mut self, out: &mut impl Write, text: &str) -> io::Result<()> {
        if !text.contains('\n') {
            self.renderer.push(out, text)?;
            return self.show(out, text);
        }
        self.erase(out)?;
        self.renderer.push(out, text)?;
        self.at_line_start = true;
        if self.redraw && !self.renderer.pending().is_empty() {
            let pending = self.renderer.pending().to_string();
            self.show(out, &pending)?;
        }
        Ok(())
    }

    /// The answer ended, possibly mid-line: the last line rendered, colours reset, and the
    /// line ended.
    pub fn finish(mut self, out: &mut impl Write) -> io::Result<()> {
        self.erase(out)?;
        self.renderer.finish(out)?;
        crate::interrupt::set_painting(false);
        out.flush()
    }

    /// Whether what is on screen ends a line.
    pub fn at_line_start(&self) -> bool {
        self.at_line_start
    }

    /// Shows more of the unfinished line, plain, while it fits on the screen.
    fn show(&mut self, out: &mut impl Write, text: &str) -> io::Result<()> {
        let Some(size) = self.size.filter(|_| !self.full && !text.is_empty()) else {
            return Ok(());
        };
        let end = self.end.after(text, size.columns);
        if end.row + 1 >= size.rows.max(2) {
            self.full = true;
            return Ok(());
        }
        out.write_all(text.as_bytes())?;
        self.shown.push_str(text);
        self.end = end;
        self.at_line_start = false;
        Ok(())
    }

    /// Takes the plain unfinished line off the screen, leaving the cursor where it began.
    fn erase(&mut self, out: &mut impl Write) -> io::Result<()> {
        if !self.redraw {
            return Ok(());
        }
        // The size now, not at the line's start: after a resize, the rows are counted as
        // the terminal has rewrapped them; and the next line is shown to fit it.
        let size = screen();
        if !self.shown.is_empty() {
            out.write_all(erase_sequence(&self.shown, size.columns).as_bytes())?;
            self.shown.clear();
        }
        self.end = Spot::START;
        self.full = false;
        self.size = Some(size);
        Ok(())
    }
}

/// The screen's size, from the terminal on stdout; a terminal that does not know its
/// size (a pseudo-terminal nobody sized) is taken to be the classic 80 by 24.
fn screen() -> Size {
    let classic = Size {
        columns: 80,
        rows: 24,
    };
    crate::terminal::stdout_size().unwrap_or(classic)
}

/// Where the cursor stands after some text of one line: a row (from the line's first)
/// and a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Spot {
    row: usize,
    column: usize,
}

impl Spot {
    const START: Spot = Spot { row: 0, column: 0 };

    /// After `text` more on a terminal `width` columns wide: a character that does not fit
    /// at a row's end starts the next (a Korean syllable is never split), and a tab moves
    /// to the next multiple of 8.
    fn after(self, text: &str, width: usize) -> Spot {
        let width = width.max(1);
        let Spot {
            mut row,
            mut column,
        } = self;
        for ch in text.chars() {
            let w = match ch {
                '\t' => 8 - column % 8,
                _ => ch.width().unwrap_or(0),
            };
            if column + w > width {
                row += 1;
                column = 0;
            }
            column += w.min(width);
        }
        Spot { row, column }
    }
}

/// Back to the first row of `shown` (a line `width` columns wide wraps), and clear from
/// there to the end of the screen.
fn erase_sequence(shown: &str, width: usize) -> String {
    match rows(shown, width) - 1 {
        0 => "\r\x1b[J".to_string(),
        up => format!("\r\x1b[{up}A\x1b[J"),
    }
}

/// The rows `text` (one line, no newline) takes on a terminal `width` columns wide.
fn rows(text: &str, width: usize) -> usize {
    Spot::START.after(text, width).row + 1
}

/// A whole answer (not streamed), rendered.
pub fn render_whole(out: &mut impl Write, text: &str, rendering: Rendering) -> io::Result<()> {
    let mut renderer = Renderer::new(rendering.style);
    renderer.push(out, text)?;
    renderer.finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> Style {
        Style {
            color: true,
            hyperlinks: false,
            width: 40,
            background: crate::render::Background::Dark,
        }
    }

    fn live(redraw: bool, chunks: &[&str]) -> String {
        let mut out = Vec::new();
        let mut live = Live::new(Rendering {
            style: style(),
            redraw,
        });
        for chunk in chunks {
            live.push(&mut out, chunk).unwrap();
        }
        live.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rows_count_display_columns_and_never_split_a_wide_character() {
        assert_eq!(rows("", 10), 1);
        assert_eq!(rows("abcdefghij", 10), 1);
        assert_eq!(rows("abcdefghijk", 10), 2);
        // Five syllables are ten columns; after "a", the fifth does not fit.
        assert_eq!(rows("가나다라마", 10), 1);
        assert_eq!(rows("a가나다라마", 10), 2);
        assert_eq!(rows("\tabc", 8), 2);
    }

    #[test]
    fn the_unfinished_line_is_shown_plain_then_erased_and_rendered() {
        let shown = live(true, &["**bo", "ld**", " done\nnext"]);
        let expected = concat!(
            "**bold**",                  // as it came, plain
            "\r\x1b[J",                  // erased when its line completed
            "\x1b[1mbold\x1b[0m done\n", // and drawn again, rendered
            "next",                      // the next unfinished line, plain
            "\r\x1b[J",                  // erased when the answer ended
            "next\n\x1b[0m",             // rendered, and the colours reset
        );
        assert_eq!(shown, expected);
    }

    #[test]
    fn a_line_longer_than_the_screen_is_shown_only_while_it_fits() {
        // Off a terminal the screen is taken as 80 by 24: 23 rows may be shown plain.
        let long = "word ".repeat(16 * 30); // 30 rows of 80 columns
        let shown = live(
            true,
            &[&long[..80 * 23], &long[80 * 23..80 * 24], &long[80 * 24..]],
        );
        let plain = &shown[..shown.find('\r').expect("erased")];
        assert_eq!(
            plain,
            &long[..80 * 23],
            "the row that would reach the bottom waits"
        );
        assert!(
            shown.starts_with(&format!("{plain}\r\x1b[22A\x1b[J")),
            "{shown:?}"
        );
    }

    #[test]
    fn a_line_that_wrapped_is_erased_from_its_first_row() {
        assert_eq!(erase_sequence("short", 100), "\r\x1b[J");
        assert_eq!(erase_sequence(&"x".repeat(250), 100), "\r\x1b[2A\x1b[J");
        assert_eq!(erase_sequence(&"가".repeat(50), 99), "\r\x1b[1A\x1b[J");
    }

    #[test]
    fn without_redraw_only_rendered_lines_are_written() {
        let piped = live(false, &["**bo", "ld**", " done\nnext"]);
        assert!(!piped.contains("**"), "{piped:?}");
        assert!(!piped.contains('\r'), "{piped:?}");
        let whole = {
            let mut out = Vec::new();
            render_whole(
                &mut out,
                "**bold** done\nnext",
                Rendering {
                    style: style(),
                    redraw: false,
                },
            )
            .unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(piped, whole);
    }
}
