//! The progress bar a person at a terminal sees on stderr while many things are done: line
//! mode's inputs and `batch wait`'s requests (issue 15). Drawn by indicatif, at a bounded
//! rate, cut to the terminal's width, with the time taken and (when the total is known) an
//! ETA; a spinner instead of a bar when it is not.
//!
//! One at a time, held in a global (as the spinner is) so that a line written to stderr from
//! anywhere (a retry's warning on a worker thread, a failed input, Ctrl-C's "interrupted")
//! goes above the bar instead of through it: [`crate::log::line`] writes through [`above`],
//! which clears the bar, writes, and draws it again. Never made when stderr is not a
//! terminal: a pipe sees only the plain lines, byte for byte what it saw before.

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Redraws a second at most (indicatif drops the ones in between): enough for the eye,
/// and no more writes than that however fast answers come.
const REDRAWS_PER_SECOND: u8 = 10;
/// How often the times and the spinner move when nothing else changes: below the redraw
/// rate, so that a change of counts still finds a redraw to spend.
const TICK: Duration = Duration::from_millis(125);
/// The spinner's frames, as the model-thinking spinner's (the last is the finished one).
const FRAMES: &str = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ ";
/// Columns below which the bar's graphic (20 of them) is left out, so that the counts,
/// the failures and the times keep their room: the line holds them at 70, and at 50
/// with the graphic it kept only "3/5 done".
const ROOM_FOR_THE_GRAPHIC: u16 = 70;

/// Whether a bar is drawn, and in colour: decided once from the facts and `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draw {
    /// stderr is not a terminal: nothing is drawn.
    Off,
    /// A bar without colour (`--color never`, `NO_COLOR`).
    Plain,
    /// A bar in colour.
    Painted,
}

impl Draw {
    /// `paint`: whether `--color` paints stderr.
    pub fn new(stderr_is_terminal: bool, paint: bool) -> Draw {
        match (stderr_is_terminal, paint) {
            (false, _) => Draw::Off,
            (true, false) => Draw::Plain,
            (true, true) => Draw::Painted,
        }
    }
}

/// What the bar shows at one moment: decided by its command, drawn here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Things finished (failed ones too).
    pub done: u64,
    /// How many there are, when known: a bar with an ETA then, else a spinner.
    pub total: Option<u64>,
    /// The counts' words after the numbers; cut, never wrapped, when the terminal is narrow.
    pub message: String,
}

/// The bar, or nothing when [`Draw::Off`]. Cleared (and no longer shown) when dropped.
pub struct Bar {
    shown: Option<Shown>,
}

struct Shown {
    bar: ProgressBar,
    draw: Draw,
    layout: Layout,
}

/// What the line holds besides the message, which follows from the view and the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    /// A total, so a bar and an ETA; else a spinner.
    total_known: bool,
    /// Room for the bar's graphic.
    graphic: bool,
}

impl Layout {
    fn of(view: &View, columns: u16) -> Layout {
        Layout {
            total_known: view.total.is_some(),
            graphic: columns >= ROOM_FOR_THE_GRAPHIC,
        }
    }
}

/// The terminal's width now (it may be resized while the bar shows); 80 when unknown.
fn columns() -> u16 {
    console::Term::stderr().size().1
}

/// The bar being shown, for [`above`] and [`clear`].
static SHOWN: Mutex<Option<ProgressBar>> = Mutex::new(None);

impl Bar {
    /// No bar (a pipe, or the bar's work is over).
    pub fn off() -> Bar {
        Bar { shown: None }
    }

    /// Shows `first` at once. Where the work starts is not progress made: the ETA counts
    /// from here (a batch found half done must not look fast).
    pub fn start(draw: Draw, first: &View) -> Bar {
        if draw == Draw::Off {
            return Bar::off();
        }
        // Our choice of colour, not console's own guess from the environment.
        console::set_colors_enabled_stderr(draw == Draw::Painted);
        let layout = Layout::of(first, columns());
        let target = ProgressDrawTarget::stderr_with_hz(REDRAWS_PER_SECOND);
        let bar = ProgressBar::with_draw_target(first.total, target)
            .with_style(style(draw, layout))
            .with_message(first.message.clone());
        // Drawn once, and the estimate starts from here.
        bar.update(|state| state.set_pos(first.done));
        bar.reset_eta();
        bar.enable_steady_tick(TICK);
        *lock() = Some(bar.clone());
        Bar {
            shown: Some(Shown { bar, draw, layout }),
        }
    }

    pub fn show(&mut self, view: &View) {
        let Some(Shown { bar, draw, layout }) = &mut self.shown else {
            return;
        };
        let now = Layout::of(view, columns());
        if now != *layout {
            bar.set_style(style(*draw, now));
            *layout = now;
        }
        if view.total.is_none() && bar.length().is_some() {
            bar.unset_length();
        }
        bar.update(|state| {
            if let Some(total) = view.total {
                state.set_len(total);
            }
            state.set_pos(view.done);
        });
        // Drawn now (within the rate), the new counts with the new message.
        bar.set_message(view.message.clone());
    }

    /// Clears the bar for good, before a line that is to stay where it was.
    pub fn end(&mut self) {
        if let Some(shown) = self.shown.take() {
            clear();
            hide(&shown.bar);
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.end();
    }
}

fn lock() -> std::sync::MutexGuard<'static, Option<ProgressBar>> {
    SHOWN.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `write` (a line to the terminal) with the bar out of the way: cleared before, drawn
/// again after. Just runs it when no bar shows.
pub fn above<R>(write: impl FnOnce() -> R) -> R {
    // Cloned out of the lock, so that a bar drawing or a line written elsewhere waits on
    // indicatif's own lock only.
    let shown = lock().clone();
    match shown {
        Some(bar) => bar.suspend(write),
        None => write(),
    }
}

/// Clears the bar, if one shows, for good: nothing draws it again (Ctrl-C, or its end).
pub fn clear() {
    let shown = lock().take();
    if let Some(bar) = shown {
        hide(&bar);
    }
}

fn hide(bar: &ProgressBar) {
    bar.finish_and_clear();
    bar.set_draw_target(ProgressDrawTarget::hidden());
}

/// The line: counts, then the message (padded, so the times stand at the right edge, and
/// cut when there is no room), then the times.
fn template(draw: Draw, layout: Layout) -> String {
    let (bar, spinner, times) = match draw {
        Draw::Painted => ("{bar:20.cyan/blue}", "{spinner:.cyan}", "{times:.dim}"),
        Draw::Plain | Draw::Off => ("{bar:20}", "{spinner}", "{times}"),
    };
    let counts = match (layout.total_known, layout.graphic) {
        (true, true) => format!("{bar} {{pos}}/{{len}}"),
        (true, false) => "{pos}/{len}".to_string(),
        (false, _) => format!("{spinner} {{pos}}"),
    };
    format!("oaichat: {counts} {{wide_msg}} {times}")
}

fn style(draw: Draw, layout: Layout) -> ProgressStyle {
    ProgressStyle::with_template(&template(draw, layout))
        .expect("every template() makes is valid (tested)")
        .tick_chars(FRAMES)
        .with_key("times", |state: &ProgressState, w: &mut dyn fmt::Write| {
            // The ETA once there is a rate to reckon it from.
            let eta = (state.len().is_some() && state.per_sec() > 0.0).then(|| state.eta());
            let _ = w.write_str(&times(state.elapsed(), eta));
        })
}

/// `12s` or `3m05s, ETA 1h02m`.
fn times(elapsed: Duration, eta: Option<Duration>) -> String {
    let taken = clock(elapsed);
    match eta {
        Some(left) => format!("{taken}, ETA {}", clock(left)),
        None => taken,
    }
}

/// A duration as `1h02m`, `3m05s` or `42s`.
fn clock(duration: Duration) -> String {
    let s = duration.as_secs_f64().round() as u64;
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, min, sec) => format!("{min}m{sec:02}s"),
        (h, min, _) => format!("{h}h{min:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_naturally() {
        let secs = Duration::from_secs_f64;
        assert_eq!(clock(secs(42.4)), "42s");
        assert_eq!(clock(secs(185.0)), "3m05s");
        assert_eq!(clock(secs(3720.0)), "1h02m");
    }

    #[test]
    fn the_eta_follows_the_time_taken_when_there_is_one() {
        let secs = Duration::from_secs;
        assert_eq!(times(secs(12), None), "12s");
        assert_eq!(times(secs(185), Some(secs(3720))), "3m05s, ETA 1h02m");
    }

    /// Every layout: with and without a total, wide and narrow.
    fn layouts() -> Vec<Layout> {
        let (known, unknown) = (Some(3), None);
        [(known, 80), (known, 40), (unknown, 80), (unknown, 40)]
            .into_iter()
            .map(|(total, columns)| {
                let view = View {
                    done: 1,
                    total,
                    message: String::new(),
                };
                Layout::of(&view, columns)
            })
            .collect()
    }

    #[test]
    fn only_a_terminal_gets_a_bar_and_colour_only_when_painting() {
        assert_eq!(Draw::new(false, true), Draw::Off);
        assert_eq!(Draw::new(true, false), Draw::Plain);
        assert_eq!(Draw::new(true, true), Draw::Painted);
        for layout in layouts() {
            let (plain, painted) = (
                template(Draw::Plain, layout),
                template(Draw::Painted, layout),
            );
            assert!(!plain.contains('.'), "{plain}");
            assert!(painted.contains(".dim"), "{painted}");
            // The message is the one part that gives way to a narrow terminal.
            assert!(plain.contains("{wide_msg}") && painted.contains("{wide_msg}"));
            style(Draw::Plain, layout);
            style(Draw::Painted, layout);
        }
    }

    #[test]
    fn a_narrow_terminal_gets_the_counts_without_the_graphic() {
        let shown: Vec<String> = layouts()
            .into_iter()
            .map(|layout| template(Draw::Plain, layout))
            .collect();
        assert_eq!(
            shown,
            [
                "oaichat: {bar:20} {pos}/{len} {wide_msg} {times}",
                "oaichat: {pos}/{len} {wide_msg} {times}",
                "oaichat: {spinner} {pos} {wide_msg} {times}",
                "oaichat: {spinner} {pos} {wide_msg} {times}",
            ]
        );
    }

    #[test]
    fn an_off_bar_draws_nothing_and_registers_nothing() {
        let view = View {
            done: 1,
            total: Some(3),
            message: "done".into(),
        };
        let mut bar = Bar::start(Draw::Off, &view);
        bar.show(&view);
        assert!(lock().is_none());
        assert_eq!(above(|| 7), 7);
        drop(bar);
    }
}
