//! The commands that change the conversation as a whole or write it out: `/retry`,
//! `/undo`, `/clear` and `/save`.
//!
//! A conversation's file holds what memory holds. `/retry` and `/undo` rewrite it whole
//! (a temporary file, then a rename: habit 15), and only once the change is sure: a retry
//! whose question fails leaves the last answer in both, and a file that cannot be
//! rewritten leaves memory as it was.

use std::io::Write;

use super::Session;
use crate::commands::interactive::files;
use crate::commands::interactive::refused::Refused;
use crate::conversation::Transcript;
use crate::history::Conversation;

impl Session<'_> {
    /// `/retry`: a question that got no answer is asked again; else the last question,
    /// whose new answer replaces the last one (tool rounds saved only with it).
    pub(super) fn retry(
        &mut self,
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Result<(), Refused> {
        if let Some(question) = self.unanswered.take() {
            return self.ask(question, out, err).map_err(Refused::Ends);
        }
        let mut trial = self.transcript.clone();
        let question = trial.last_question().ok_or(Refused::NothingToRetry)?;
        let question = question.to_string();
        trial.undo();
        let asked = self.exchange(&mut trial, &question, false, out, err);
        if asked.map_err(Refused::Ends)?.is_none() {
            return Ok(()); // said already; the last answer stays
        }
        let verbose = self.config.verbose;
        (self.conversation.rewrite(trial.saved(), verbose, err)).map_err(Refused::NotKept)?;
        self.transcript = trial;
        Ok(())
    }

    /// `/undo`: the last question goes, with its answer and any tool turns between.
    pub(super) fn undo(&mut self, err: &mut impl Write) -> Result<(), Refused> {
        let mut trial = self.transcript.clone();
        let dropped = trial.undo().ok_or(Refused::NothingToUndo)?;
        let verbose = self.config.verbose;
        self.conversation.rewrite(trial.saved(), verbose, err)?;
        self.transcript = trial;
        self.unanswered = None;
        let said = format!("dropped the last question and its answer ({dropped} messages)");
        crate::log::line(err, format_args!("{said}"));
        Ok(())
    }

    /// `/clear`: a new conversation, with the chat's settings and system message. The last
    /// one stays in its file: a `--history` file is left alone, and the new conversation
    /// is kept as a run without `--history` or `-c` keeps its own, in `last.jsonl`
    /// (replaced at its first answer, so `-c` continues it). When the last conversation
    /// was `last.jsonl` itself, it stays there until then, as it would for a new run.
    pub(super) fn clear(&mut self, err: &mut impl Write) {
        self.unanswered = None;
        let fresh = Transcript::new(self.system.clone(), Vec::new(), Vec::new());
        let was_empty = self.transcript.saved().is_empty();
        self.transcript = fresh;
        if was_empty {
            // Nothing to keep apart: the conversation's file stays its file.
            crate::log::line(err, format_args!("a new conversation"));
            return;
        }
        let old = self.conversation.continues.take();
        let old = old.or(self.conversation.starts.take());
        let last = self.places.last.clone();
        self.conversation = Conversation {
            continues: None,
            starts: last.clone(),
        };
        let said = match (old, last) {
            (None, _) => "a new conversation".to_string(),
            (Some(old), Some(last)) if old == last => format!(
                "a new conversation: its first answer replaces the last one in {}",
                last.display()
            ),
            (Some(old), Some(last)) => format!(
                "a new conversation, kept in {}; the last one stays in {}",
                last.display(),
                old.display()
            ),
            (Some(old), None) => format!(
                "a new conversation, not kept (no data directory); the last one stays in {}",
                old.display()
            ),
        };
        crate::log::line(err, format_args!("{said}"));
    }

    /// `/save FILE`: the conversation so far, as it is sent (the system message first).
    pub(super) fn save(&mut self, typed: &str, err: &mut impl Write) -> Result<(), Refused> {
        let path = files::path(typed, self.places.home.as_deref());
        let messages = self.transcript.messages();
        let format = files::save(&path, messages, &mut self.written)?;
        let how = match format {
            files::Format::Jsonl => "JSON Lines",
            files::Format::Markdown => "markdown",
        };
        let said = format!("saved the conversation to {} ({how})", path.display());
        crate::log::line(err, format_args!("{said}"));
        Ok(())
    }
}
