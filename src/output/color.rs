//! `--color auto|always|never`: whether oaichat paints what it writes (today the dim
//! reasoning on stderr; the rendered answer in time), and how `NO_COLOR` and
//! `CLICOLOR_FORCE` weigh in.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// Colour on a terminal only.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// The choice after the environment: a flag wins; else `NO_COLOR` (set and not empty,
    /// no-color.org) turns colour off and `CLICOLOR_FORCE` (set and not `0`) on; else the
    /// config file's; else auto.
    pub fn decide(
        flag: Option<ColorChoice>,
        no_color: Option<&str>,
        force: Option<&str>,
        file: Option<ColorChoice>,
    ) -> ColorChoice {
        let no_color = no_color.is_some_and(|v| !v.is_empty());
        let force = force.is_some_and(|v| !v.is_empty() && v != "0");
        match (flag, no_color, force) {
            (Some(flag), _, _) => flag,
            (None, true, _) => ColorChoice::Never,
            (None, false, true) => ColorChoice::Always,
            (None, false, false) => file.unwrap_or_default(),
        }
    }

    /// Whether to paint output that goes to a terminal (`is_terminal`) or not.
    pub fn paints(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Auto => is_terminal,
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColorChoice::*;

    #[test]
    fn a_flag_beats_the_environment_which_beats_the_file() {
        assert_eq!(
            ColorChoice::decide(Some(Always), Some("1"), None, None),
            Always
        );
        assert_eq!(
            ColorChoice::decide(None, Some("1"), Some("1"), Some(Always)),
            Never
        );
        assert_eq!(ColorChoice::decide(None, Some(""), Some("1"), None), Always);
        assert_eq!(
            ColorChoice::decide(None, None, Some("0"), Some(Never)),
            Never
        );
        assert_eq!(ColorChoice::decide(None, None, None, None), Auto);
    }

    #[test]
    fn auto_paints_only_a_terminal() {
        assert!(Auto.paints(true) && !Auto.paints(false));
        assert!(Always.paints(false) && !Never.paints(true));
    }
}
