//! Why a chat command did nothing: said in one line on stderr, and the chat goes on
//! (unless the line cannot be said, or an answer cannot be saved: see [`Refused::ends`]).
//! A line that is no command at all is the decider's [`super::commands::Problem`].

use std::path::PathBuf;
use std::process::ExitStatus;

use crate::error::Error;

#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("nothing to retry: no question has been asked in this conversation")]
    NothingToRetry,
    #[error("nothing to undo: no question has been asked in this conversation")]
    NothingToUndo,
    /// `/save` makes new files only (or one it made in this chat): a history file, or
    /// anything else, is never replaced by a slip of the hand.
    #[error(
        "{} exists: /save writes a new file (or one it wrote in this chat); choose \
         another name",
        .0.display()
    )]
    Exists(PathBuf),
    #[error("/edit needs an editor: set $VISUAL or $EDITOR (e.g. EDITOR=nano)")]
    NoEditor,
    #[error("the editor ({program}) ended with {status}: nothing was sent")]
    Editor { program: String, status: ExitStatus },
    #[error("the message is empty: nothing was sent")]
    EmptyMessage,
    /// `/retry` got its new answer, but the conversation's file could not be rewritten:
    /// the old answer stays, in memory as in the file.
    #[error("the new answer is not kept: {0}")]
    NotKept(Error),
    /// Something failed; the chat goes on unless it is a closed stdout.
    #[error(transparent)]
    Failed(Error),
    /// What ends the chat, as it would after a question: a closed stdout, or an answer
    /// that could not be saved.
    #[error(transparent)]
    Ends(Error),
}

impl Refused {
    /// The error that ends the chat, if this is one.
    pub fn ends(self) -> Result<Refused, Error> {
        match self {
            Refused::Ends(e) => Err(e),
            Refused::Failed(e) if e.is_broken_pipe() => Err(e),
            refused => Ok(refused),
        }
    }
}

impl From<Error> for Refused {
    fn from(e: Error) -> Refused {
        Refused::Failed(e)
    }
}
