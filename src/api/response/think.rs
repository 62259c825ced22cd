//! A `<think>…</think>` block at the start of an answer's content: the model's reasoning,
//! which some servers (llama.cpp or Ollama without a reasoning parser, DeepSeek-R1 style
//! models behind a plain proxy) leave inline instead of in `reasoning_content` (issue 13).
//!
//! Only a block at the very start counts (after whitespace, as aichat reads it): a tag in
//! the middle of an answer is the answer's own text. What follows `</think>`, without its
//! leading whitespace, is the answer; a block that never closes is all reasoning.
//! [`split`] reads a whole content; [`Splitter`] reads one in streamed pieces, which may
//! cut a tag anywhere, and gives the same parts.

const OPEN: &str = "<think>";
const CLOSE: &str = "</think>";

/// A whole content, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The block's text, as it stood between the tags; None without a block.
    pub reasoning: Option<&'a str>,
    pub answer: &'a str,
    /// The block never closed, so the answer is empty.
    pub unclosed: bool,
}

/// Splits a whole content into its leading `<think>` block and the answer.
pub fn split(content: &str) -> Split<'_> {
    let Some(inner) = content.trim_start().strip_prefix(OPEN) else {
        return Split {
            reasoning: None,
            answer: content,
            unclosed: false,
        };
    };
    match inner.find(CLOSE) {
        Some(at) => Split {
            reasoning: Some(&inner[..at]),
            answer: inner[at + CLOSE.len()..].trim_start(),
            unclosed: false,
        },
        None => Split {
            reasoning: Some(inner),
            answer: "",
            unclosed: true,
        },
    }
}

/// A piece of streamed content, once the splitter knows which part it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Reasoning(&'a str),
    Answer(&'a str),
}

/// Where the streamed content stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum State {
    /// Nothing but whitespace and a beginning of `<think>` so far: held.
    #[default]
    Start,
    /// Inside the block; what could be the start of `</think>` is held.
    Inside,
    /// After `</think>`: whitespace before the answer is dropped.
    After,
    /// The answer: every piece passes straight through (the common case, kept cheap).
    Answer,
}

/// Splits streamed content as [`split`] splits the whole of it.
#[derive(Debug, Clone, Default)]
pub struct Splitter {
    state: State,
    held: String,
}

impl Splitter {
    /// Reads the next piece of content, passing on what can be told apart already.
    pub fn feed<E>(
        &mut self,
        text: &str,
        mut emit: impl FnMut(Piece<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.state {
            State::Answer => emit(Piece::Answer(text)),
            State::After => self.after(text, emit),
            State::Start => {
                self.held.push_str(text);
                let rest = self.held.trim_start();
                if let Some(inner) = rest.strip_prefix(OPEN) {
                    self.held = inner.to_string();
                    self.state = State::Inside;
                    self.inside(emit)
                } else if OPEN.starts_with(rest) {
                    Ok(())
                } else {
                    self.state = State::Answer;
                    let held = std::mem::take(&mut self.held);
                    emit(Piece::Answer(&held))
                }
            }
            State::Inside => {
                self.held.push_str(text);
                self.inside(emit)
            }
        }
    }

    /// Ends the content: what was held is passed on. True when a block never closed.
    pub fn finish<E>(
        &mut self,
        mut emit: impl FnMut(Piece<'_>) -> Result<(), E>,
    ) -> Result<bool, E> {
        let held = std::mem::take(&mut self.held);
        let unclosed = self.state == State::Inside;
        match self.state {
            State::Start if !held.is_empty() => emit(Piece::Answer(&held))?,
            State::Inside if !held.is_empty() => emit(Piece::Reasoning(&held))?,
            _ => {}
        }
        self.state = State::Answer;
        Ok(unclosed)
    }

    /// Inside the block, with the text so far held: passes on the reasoning up to the
    /// close tag, or up to what may be its beginning.
    fn inside<E>(&mut self, mut emit: impl FnMut(Piece<'_>) -> Result<(), E>) -> Result<(), E> {
        if let Some(at) = self.held.find(CLOSE) {
            let held = std::mem::take(&mut self.held);
            self.state = State::After;
            if at > 0 {
                emit(Piece::Reasoning(&held[..at]))?;
            }
            return self.after(&held[at + CLOSE.len()..], emit);
        }
        // The tag is ASCII, so a suffix that begins it starts on a character boundary.
        let keep = (1..CLOSE.len())
            .rev()
            .find(|&n| self.held.ends_with(&CLOSE[..n]))
            .unwrap_or(0);
        let ready = self.held.len() - keep;
        if ready > 0 {
            emit(Piece::Reasoning(&self.held[..ready]))?;
            self.held.drain(..ready);
        }
        Ok(())
    }

    fn after<E>(
        &mut self,
        text: &str,
        mut emit: impl FnMut(Piece<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let answer = text.trim_start();
        if answer.is_empty() {
            return Ok(());
        }
        self.state = State::Answer;
        emit(Piece::Answer(answer))
    }
}

#[cfg(test)]
#[path = "think_tests.rs"]
mod tests;
