//! What a run does, decided once from the flags (as ripgrep turns low-level arguments into
//! high-level ones): each command gets exactly the inputs it uses.

use std::path::PathBuf;
use std::time::Duration;

use super::cli::{self, BatchAction, Cli, McpAction, Sub};
use super::env::Env;
use crate::api::message::Message;
use crate::error::{Error, Problem};
use crate::history::Conversation;

/// What oaichat needs to know about its process, read once by `main`.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub stdin_is_terminal: bool,
    pub stderr_is_terminal: bool,
    /// The answer goes to a terminal (not a pipe, a file, or `-O FILE`): a person reads
    /// it as it comes.
    pub answer_is_terminal: bool,
}

#[derive(Debug, Clone)]
pub enum Mode {
    /// One prompt, one answer: the filter.
    Ask(Ask),
    /// `-i`: a chat in a loop.
    Interactive(Chat),
    /// `--each`/`--jsonl`: one request per input line.
    Lines(Lines),
    /// `oaichat models`.
    Models,
    /// `oaichat batch ACTION`.
    Batch(Batch),
    /// `oaichat config`, `--path` or `--edit`.
    Config(ConfigAction),
    /// `oaichat roles` or `oaichat roles show NAME`.
    Roles(RolesAction),
    /// `oaichat cache clear` or `oaichat cache path`.
    Cache(cli::CacheAction),
    /// `oaichat mcp list`.
    Mcp(McpAction),
}

/// What `oaichat roles` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RolesAction {
    /// List every role.
    List,
    /// Print one role.
    Show(String),
}

/// `oaichat batch ACTION`, resolved: the input's and the output's formats as [`Kind`]s.
#[derive(Debug, Clone, PartialEq)]
pub enum Batch {
    /// Upload an input file (`--jsonl` records, or `--each` lines) and start a batch.
    Create {
        input: PathBuf,
        kind: Kind,
    },
    Status {
        id: String,
    },
    /// Wait for a batch to finish, polling from this interval.
    Wait {
        id: String,
        poll: Duration,
    },
    /// Print the results in line mode's format for `kind`.
    Results {
        id: String,
        kind: Kind,
    },
    Cancel {
        id: String,
    },
    List,
}

impl Batch {
    fn resolve(action: &BatchAction) -> Batch {
        let kind = |each: bool| if each { Kind::Each } else { Kind::Jsonl };
        match action.clone() {
            BatchAction::Create { input, each, .. } => Batch::Create {
                input,
                kind: kind(each),
            },
            BatchAction::Status { id, .. } => Batch::Status { id },
            BatchAction::Wait { id, poll } => Batch::Wait {
                id,
                poll: Duration::from_secs_f64(poll),
            },
            BatchAction::Results { id, each, .. } => Batch::Results {
                id,
                kind: kind(each),
            },
            BatchAction::Cancel { id, .. } => Batch::Cancel { id },
            BatchAction::List { .. } => Batch::List,
        }
    }
}

/// What `oaichat config` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigAction {
    /// Print the effective settings and where each came from.
    Show,
    /// Something about the file itself, done before it is read.
    File(FileAction),
}

/// What `oaichat config` does with the config file itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    /// Print its path.
    Path,
    /// Open it in the user's editor.
    Edit,
}

/// The two line modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Every line is a prompt for the shared instruction.
    Each,
    /// Every line is `{"prompt": …}` or a whole request body.
    Jsonl,
}

/// The one-shot prompt's sources and the conversation it continues.
#[derive(Debug, Clone)]
pub struct Ask {
    /// The prompt arguments as given (a lone `-` among them reads stdin).
    pub args: Vec<String>,
    /// The arguments joined: the instruction before any material.
    pub instruction: Option<String>,
    pub files: Vec<PathBuf>,
    pub no_stdin: bool,
    pub conversation: Conversation,
    /// `--user`/`--assistant`, in command-line order.
    pub turns: Vec<Message>,
    /// `--tool-result ID=VALUE`s: the answers to the calls the conversation ends with,
    /// sent instead of a prompt.
    pub tool_results: Vec<String>,
}

/// The chat's first question (the prompt arguments, if any) and its conversation.
#[derive(Debug, Clone)]
pub struct Chat {
    pub first: Option<String>,
    pub conversation: Conversation,
    pub turns: Vec<Message>,
    pub places: Places,
}

/// What the chat's commands need of the environment, read once with the rest of it.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// `$VISUAL`, else `$EDITOR`: what `/edit` runs.
    pub editor: Option<String>,
    /// `$HOME`: `/save ~/FILE` names a file in it.
    pub home: Option<PathBuf>,
    /// Where `/edit` writes its file: `$TMPDIR`, else `/tmp`.
    pub temp_dir: PathBuf,
    /// `last.jsonl` (when there is a data directory): where a conversation that `/clear`
    /// starts is kept, as a run without `--history` or `-c` keeps its own.
    pub last: Option<PathBuf>,
}

impl Places {
    fn read(env: &Env, last: Option<PathBuf>) -> Places {
        Places {
            editor: env.get("VISUAL").or(env.get("EDITOR")).map(str::to_string),
            home: env.get("HOME").map(PathBuf::from),
            temp_dir: PathBuf::from(env.get("TMPDIR").unwrap_or("/tmp")),
            last,
        }
    }
}

/// Line mode's inputs and how they are answered.
#[derive(Debug, Clone)]
pub struct Lines {
    pub kind: Kind,
    /// The prompt arguments: each `--each` line is material for them.
    pub instruction: Option<String>,
    /// `-f` files, read in order; stdin when there are none.
    pub files: Vec<PathBuf>,
    pub parallel: usize,
    pub resume: Option<PathBuf>,
    pub turns: Vec<Message>,
}

impl Mode {
    /// Decides the mode. Only locating the conversation looks outside the flags: `-c`
    /// needs its file to exist.
    pub fn resolve(cli: &Cli, env: &Env) -> Result<Mode, Error> {
        match &cli.command {
            Some(Sub::Models { .. }) => return Ok(Mode::Models),
            Some(Sub::Batch { action }) => return Ok(Mode::Batch(Batch::resolve(action))),
            Some(Sub::Config { edit, path }) => {
                let action = match (edit, path) {
                    (true, _) => ConfigAction::File(FileAction::Edit),
                    (_, true) => ConfigAction::File(FileAction::Path),
                    _ => ConfigAction::Show,
                };
                return Ok(Mode::Config(action));
            }
            Some(Sub::Cache { action }) => return Ok(Mode::Cache(*action)),
            Some(Sub::Mcp { action }) => return Ok(Mode::Mcp(*action)),
            Some(Sub::Roles { action }) => {
                let action = match action {
                    Some(cli::RolesAction::Show { name }) => RolesAction::Show(name.clone()),
                    None => RolesAction::List,
                };
                return Ok(Mode::Roles(action));
            }
            None => {}
        }
        let instruction = crate::prompt::instruction(&cli.prompt);
        let turns = cli.turns.clone();
        if cli.each || cli.jsonl {
            if let Some(n) = cli.n.filter(|&n| n > 1) {
                return Err(Problem::LineModeN(n).into());
            }
            return Ok(Mode::Lines(Lines {
                kind: if cli.jsonl { Kind::Jsonl } else { Kind::Each },
                instruction,
                files: cli.files.clone(),
                parallel: usize::from(cli.parallel),
                resume: cli.resume.clone(),
                turns,
            }));
        }
        let last = crate::history::last_conversation(env.get("XDG_DATA_HOME"), env.get("HOME"));
        let conversation =
            Conversation::locate(cli.history.as_deref(), cli.continue_last, last.clone())?;
        if cli.interactive {
            return Ok(Mode::Interactive(Chat {
                first: instruction,
                conversation,
                turns,
                places: Places::read(env, last),
            }));
        }
        Ok(Mode::Ask(Ask {
            args: cli.prompt.clone(),
            instruction,
            files: cli.files.clone(),
            no_stdin: cli.no_stdin,
            conversation,
            turns,
            tool_results: cli.tools.tool_result.clone(),
        }))
    }
}
