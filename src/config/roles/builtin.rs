//! The roles oaichat has without any file, the ones sgpt and aichat users reach for:
//! `shell`, `code` and `explain-shell`. A file of the same name overrides one.
//!
//! The prompts are written for a pipe: the answer of `shell` and `code` is meant to be
//! run or saved as it is, so they ask for no prose and no Markdown fences (sgpt's shell
//! role says the same; aichat's code role asks for a fenced block, which a pipe would have
//! to strip).

/// A built-in role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    Code,
    ExplainShell,
    Shell,
}

/// What the built-ins are written for: this machine's OS and the user's shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    pub os: String,
    pub shell: String,
}

impl Host {
    /// `os` as `std::env::consts::OS` names it; `shell` is `$SHELL` (a path), if set.
    pub fn new(os: &str, shell: Option<&str>) -> Host {
        let pretty = match os {
            "linux" => "Linux",
            "macos" => "macOS",
            "windows" => "Windows",
            "freebsd" => "FreeBSD",
            "openbsd" => "OpenBSD",
            "netbsd" => "NetBSD",
            other => other,
        };
        // `/usr/bin/zsh` says zsh; Windows sets no SHELL, and its shell is PowerShell.
        let shell = shell
            .and_then(|path| path.rsplit(['/', '\\']).next())
            .filter(|name| !name.trim().is_empty())
            .map(str::to_string);
        let fallback = if os == "windows" { "PowerShell" } else { "sh" };
        Host {
            os: pretty.to_string(),
            shell: shell.unwrap_or_else(|| fallback.to_string()),
        }
    }
}

impl Default for Host {
    fn default() -> Host {
        Host::new(std::env::consts::OS, None)
    }
}

impl Builtin {
    /// Every built-in, in name order.
    pub const ALL: [Builtin; 3] = [Builtin::Code, Builtin::ExplainShell, Builtin::Shell];

    pub fn name(self) -> &'static str {
        match self {
            Builtin::Code => "code",
            Builtin::ExplainShell => "explain-shell",
            Builtin::Shell => "shell",
        }
    }

    pub fn find(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The system message, written for `host`.
    pub fn text(self, host: &Host) -> String {
        let Host { os, shell } = host;
        match self {
            Builtin::Shell => format!(
                "You turn requests into {shell} commands for {os}.\n\
                 Answer with exactly one command line and nothing else: no explanation, no \
                 comments, no Markdown, no ``` fences, no $ prompt in front.\n\
                 When the task takes several steps, join them on that one line with && (or a \
                 pipe where one step feeds the next).\n\
                 When details are missing, take the most common reading and safe defaults \
                 rather than asking.\n\
                 Use only programs and options that exist on {os}, and quote paths that may \
                 hold spaces."
            ),
            Builtin::Code => "You write code.\n\
                 Answer with the code alone: no explanation before or after it, no Markdown, no \
                 ``` fences.\n\
                 Write complete, working code in the language the request names or implies, \
                 with comments only where a reader needs them.\n\
                 When details are missing, take the most sensible reading and go ahead rather \
                 than asking."
                .to_string(),
            Builtin::ExplainShell => format!(
                "You explain shell commands to someone about to run them in {shell} on {os}.\n\
                 First, one sentence on what the whole command does.\n\
                 Then its parts in order, one short line each: every program, option, \
                 argument, pipe and redirection.\n\
                 Last, the risks, if any: what it deletes or overwrites, what needs root, what \
                 it sends over the network; say so when it only reads.\n\
                 Keep it under about 120 words, in plain text."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_is_named_as_people_write_it() {
        let host = Host::new("macos", Some("/bin/zsh"));
        assert_eq!((host.os.as_str(), host.shell.as_str()), ("macOS", "zsh"));
        assert_eq!(Host::new("linux", None).shell, "sh");
        assert_eq!(Host::new("windows", None).shell, "PowerShell");
        assert_eq!(Host::new("haiku", Some("/x/fish")).os, "haiku");
    }

    #[test]
    fn shell_roles_name_the_os_and_the_shell_and_forbid_fences() {
        let host = Host::new("linux", Some("/usr/bin/fish"));
        let shell = Builtin::Shell.text(&host);
        assert!(shell.starts_with("You turn requests into fish commands for Linux."));
        assert!(shell.contains("no ``` fences") && shell.contains("&&"));
        let explain = Builtin::ExplainShell.text(&host);
        assert!(explain.contains("in fish on Linux"), "{explain}");
        assert!(Builtin::Code.text(&host).contains("no ``` fences"));
    }

    #[test]
    fn names_find_their_role_and_all_is_in_name_order() {
        for builtin in Builtin::ALL {
            assert_eq!(Builtin::find(builtin.name()), Some(builtin));
        }
        let names: Vec<&str> = Builtin::ALL.iter().map(|b| b.name()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(Builtin::find("Shell"), None);
    }
}
