//! Whether and how an answer is rendered as markdown (issue 15), decided from the settings
//! and the terminal.

use crate::config::{Config, Facts};
use crate::output::live::Rendering;

/// Whether and how the answer is rendered: `--render`, for prose only; colour as
/// `--color` says, where `--render always` counts as a terminal (it is asked for to be
/// read with `less -R`); links and width as the terminal allows.
pub(super) fn rendering(config: &Config, facts: Facts) -> Option<Rendering> {
    use crate::output::render_choice::{Answer, RenderChoice};
    let prose = !config.raw
        && !config.dry_run
        && config.extract.is_none()
        && !config.request.format.is_json();
    let to_terminal = facts.answer_is_terminal;
    if !config.render.renders(Answer { to_terminal, prose }) {
        return None;
    }
    let forced = config.render == RenderChoice::Always;
    let color = config.color.paints(to_terminal || forced);
    let var = |name: &str| std::env::var(name).ok();
    let style = crate::render::Style {
        color,
        hyperlinks: to_terminal && crate::terminal::shows_hyperlinks(var),
        width: crate::terminal::render_width(var("COLUMNS").as_deref()),
        background: crate::terminal::background(var("COLORFGBG").as_deref()),
    };
    Some(Rendering {
        style,
        redraw: to_terminal,
    })
}
