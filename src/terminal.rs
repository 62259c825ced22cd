//! What oaichat asks of the terminal it renders to: its size, its background, and whether
//! it shows OSC 8 hyperlinks. Imports only the renderer's types.

/// A terminal's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub columns: usize,
    pub rows: usize,
}

/// The size of the terminal on stdout; None when stdout is not a terminal (or one that
/// does not know its size, as a pseudo-terminal nobody sized).
#[cfg(unix)]
pub fn stdout_size() -> Option<Size> {
    // SAFETY: TIOCGWINSZ fills the winsize it is given and reads nothing else; a zeroed
    // winsize is a valid value of a plain C struct.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col > 0 && size.ws_row > 0).then_some(Size {
        columns: usize::from(size.ws_col),
        rows: usize::from(size.ws_row),
    })
}

#[cfg(not(unix))]
pub fn stdout_size() -> Option<Size> {
    None
}

/// The width of the terminal on stdout, in columns.
pub fn stdout_width() -> Option<usize> {
    stdout_size().map(|size| size.columns)
}

/// The width to render to: the terminal's; else `COLUMNS` (a pipe into `less -R`); else
/// 80.
pub fn render_width(columns: Option<&str>) -> usize {
    stdout_width()
        .or_else(|| columns?.trim().parse().ok().filter(|&c| c > 0))
        .unwrap_or(80)
}

/// The terminal's background, from `COLORFGBG` ("foreground;background" in the 16 ANSI
/// colours, set by rxvt, Konsole and iTerm2, among others): 7 (white) and 9 to 15 (the
/// bright colours but 8, bright black) are light. Dark when it is not set: most terminals
/// are, and a dark theme stays readable on a light background, if dimly.
pub fn background(colorfgbg: Option<&str>) -> crate::render::Background {
    let bg = colorfgbg.and_then(|v| v.rsplit(';').next()?.trim().parse::<u8>().ok());
    match bg {
        Some(7 | 9..=15) => crate::render::Background::Light,
        _ => crate::render::Background::Dark,
    }
}

/// Whether the terminal shows OSC 8 hyperlinks, judged from its environment.
///
/// A terminal that does not know OSC 8 is meant to ignore it, but some print it, and the
/// link's URL would then be lost in noise; so only terminals known to show links get them,
/// and every other one gets the URL after the text. `FORCE_HYPERLINK` (as the
/// supports-hyperlinks convention has it) decides either way.
pub fn shows_hyperlinks(var: impl Fn(&str) -> Option<String>) -> bool {
    if let Some(force) = var("FORCE_HYPERLINK") {
        return !force.is_empty() && force != "0";
    }
    if var("TMUX").is_some() || var("STY").is_some() {
        // tmux and screen pass OSC 8 on only when configured to; they cannot be asked.
        return false;
    }
    let program = var("TERM_PROGRAM").unwrap_or_default();
    let term = var("TERM").unwrap_or_default();
    let vte = var("VTE_VERSION").and_then(|v| v.parse::<u32>().ok());
    ["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "rio"].contains(&program.as_str())
        || [
            "xterm-kitty",
            "alacritty",
            "foot",
            "xterm-ghostty",
            "wezterm",
        ]
        .iter()
        .any(|t| term.starts_with(t))
        || vte.is_some_and(|v| v >= 5000)
        || var("WT_SESSION").is_some()
        || var("KONSOLE_VERSION").is_some()
        || var("KITTY_WINDOW_ID").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            (vars.iter())
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn known_terminals_show_links_and_others_get_the_url() {
        assert!(shows_hyperlinks(env(&[("TERM_PROGRAM", "iTerm.app")])));
        assert!(shows_hyperlinks(env(&[("TERM", "xterm-kitty")])));
        assert!(shows_hyperlinks(env(&[("VTE_VERSION", "7200")])));
        assert!(!shows_hyperlinks(env(&[("VTE_VERSION", "4600")])));
        assert!(!shows_hyperlinks(env(&[("TERM", "xterm-256color")])));
        assert!(!shows_hyperlinks(env(&[])));
    }

    #[test]
    fn tmux_hides_links_and_force_hyperlink_decides_either_way() {
        let tmux = [("TERM_PROGRAM", "iTerm.app"), ("TMUX", "/tmp/tmux")];
        assert!(!shows_hyperlinks(env(&tmux)));
        assert!(shows_hyperlinks(env(&[("FORCE_HYPERLINK", "1")])));
        let off = [("FORCE_HYPERLINK", "0"), ("TERM", "xterm-kitty")];
        assert!(!shows_hyperlinks(env(&off)));
    }

    #[test]
    fn colorfgbg_names_a_light_or_dark_background() {
        use crate::render::Background::{Dark, Light};
        assert_eq!(background(Some("0;15")), Light);
        assert_eq!(background(Some("0;default;7")), Light);
        assert_eq!(background(Some("15;0")), Dark);
        assert_eq!(background(Some("7;8")), Dark);
        assert_eq!(background(Some("junk")), Dark);
        assert_eq!(background(None), Dark);
    }

    #[test]
    fn the_width_falls_back_to_columns_then_80() {
        if stdout_width().is_none() {
            assert_eq!(render_width(Some("120")), 120);
            assert_eq!(render_width(Some("x")), 80);
            assert_eq!(render_width(Some("0")), 80);
            assert_eq!(render_width(None), 80);
        }
    }
}
