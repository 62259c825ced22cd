//! `--render auto|always|never`: whether an answer is rendered as markdown (issue 15).

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum RenderChoice {
    /// Rendered when stdout is a terminal.
    #[default]
    Auto,
    /// Rendered wherever it goes (for `less -R`).
    Always,
    /// Never: the answer's text as the model wrote it.
    Never,
}

/// What the answer is for, as far as rendering goes.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    /// stdout is a terminal (not with `-O FILE`).
    pub to_terminal: bool,
    /// Text for a person to read: not `--raw`, `--json`, `--schema`, `-x` or `--dry-run`,
    /// whose output is data a program reads and must stay byte for byte as it came.
    pub prose: bool,
}

impl RenderChoice {
    pub fn renders(self, answer: Answer) -> bool {
        answer.prose
            && match self {
                RenderChoice::Auto => answer.to_terminal,
                RenderChoice::Always => true,
                RenderChoice::Never => false,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RenderChoice::*;

    #[test]
    fn auto_renders_prose_at_a_terminal_and_data_never() {
        let at = |to_terminal, prose| Answer { to_terminal, prose };
        assert!(Auto.renders(at(true, true)));
        assert!(!Auto.renders(at(false, true)));
        assert!(Always.renders(at(false, true)));
        assert!(!Always.renders(at(true, false)));
        assert!(!Never.renders(at(true, true)));
    }
}
