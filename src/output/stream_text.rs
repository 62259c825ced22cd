//! Printing a streamed answer: choice 0 live, the other choices (`-n`) after it, and choice
//! 0's reasoning on stderr as it comes: from the reasoning fields, or from a `<think>` block
//! at the start of its content, which never reaches stdout.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::extract::{self, Extractor, Which};
use super::live::{Live, Rendering};
use super::reasoning::{Reasoning, ReasoningView};
use super::{Ending, SEPARATOR, write_text};
use crate::api::response::think::{Piece, Splitter};
use crate::api::response::{ChunkChoice, Delta};

/// Prints a streamed answer and gathers how each choice ended.
#[derive(Debug)]
pub struct StreamText {
    choices: BTreeMap<u32, Choice>,
    printer: Printer,
    keep_text: bool,
}

/// One choice as it streams: how it ends, and where its content stands as to `<think>`.
#[derive(Debug)]
struct Choice {
    ending: Ending,
    think: Splitter,
}

/// What is printed where; kept apart from the choices so that both can be borrowed at once.
#[derive(Debug)]
struct Printer {
    /// False with `--raw`: the chunks are printed instead, the text is only judged.
    print: bool,
    /// Whether anything of choice 0 was written and whether it ended with a newline.
    wrote: bool,
    at_line_start: bool,
    reasoning: Reasoning,
    others: BTreeMap<u32, String>,
    /// With `-x`: choice 0's block finder, which prints its block the moment it closes.
    extractor: Option<Extractor>,
    /// With tools offered: choice 0's text, held until the answer ends, when it is known
    /// whether it is the answer (stdout) or words that came with tool calls (stderr).
    held: Option<String>,
    /// At a terminal: how the answer is rendered as markdown, and choice 0's renderer.
    rendering: Option<Rendering>,
    live: Option<Live>,
}

impl StreamText {
    pub fn new(keep_text: bool, print: bool, view: ReasoningView) -> StreamText {
        let view = if print { view } else { ReasoningView::Hidden };
        StreamText {
            choices: BTreeMap::new(),
            printer: Printer {
                print,
                wrote: false,
                at_line_start: true,
                reasoning: Reasoning::new(view),
                others: BTreeMap::new(),
                extractor: None,
                held: None,
                rendering: None,
                live: None,
            },
            keep_text,
        }
    }

    /// `-x`: prints each choice's code block instead of its text (nothing with `--raw`).
    pub fn extracting(mut self, which: Option<Which>) -> StreamText {
        self.printer.extractor = which.filter(|_| self.printer.print).map(Extractor::new);
        self
    }

    /// With tools offered, holds choice 0's text back until the answer ends (see
    /// [`Printer::held`]); its reasoning still shows as it comes.
    pub fn holding(mut self, hold: bool) -> StreamText {
        self.printer.held = (hold && self.printer.print).then(String::new);
        self
    }

    /// Renders the answers as markdown (a person reads them at a terminal); never with
    /// `--raw`, whose bytes are the API's.
    pub fn rendering(mut self, rendering: Option<Rendering>) -> StreamText {
        self.printer.rendering = rendering.filter(|_| self.printer.print);
        self.printer.live = self.printer.rendering.map(Live::new);
        self
    }

    /// Writes the deltas of one chunk; the caller flushes stdout (see the module comment of
    /// [`super`]). Reasoning goes to `err` at once.
    pub fn on_choices(
        &mut self,
        out: &mut impl Write,
        err: &mut impl Write,
        choices: &[ChunkChoice<'_>],
    ) -> io::Result<()> {
        if choices.iter().any(|c| c.delta.is_some()) {
            // The answer (or its reasoning) starts: the spinner's line goes.
            crate::spinner::stop();
        }
        for choice in choices {
            let index = choice.index;
            let keep_text = self.keep_text;
            let Choice { ending, think } = self.choices.entry(index).or_insert_with(|| Choice {
                ending: Ending {
                    index,
                    text: keep_text.then(String::new),
                    ..Ending::default()
                },
                think: Splitter::default(),
            });
            if let Some(reason) = &choice.finish_reason {
                ending.finish_reason = Some(reason.clone());
            }
            let Some(delta) = &choice.delta else { continue };
            note(ending, delta);
            let printer = &mut self.printer;
            if let Some(reasoning) = delta.reasoning.as_deref() {
                printer.reasoning(err, index, reasoning);
            }
            let Some(content) = delta.content.as_deref().filter(|c| !c.is_empty()) else {
                continue;
            };
            think.feed(content, |piece| match piece {
                Piece::Reasoning(text) => {
                    printer.reasoning(err, index, text);
                    Ok(())
                }
                Piece::Answer(text) => printer.answer(out, err, ending, text),
            })?;
        }
        Ok(())
    }

    /// Ends choice 0's lines if the text did not (stdout's, so a shell prompt starts on its
    /// own line, and the reasoning's on stderr).
    pub fn end_line(&mut self, out: &mut impl Write, err: &mut impl Write) -> io::Result<()> {
        self.printer.reasoning.end(err);
        self.printer.end_line(out)
    }

    /// Ends the stream: passes on what the think splitters held, closes choice 0's line,
    /// prints the other choices, returns the endings.
    pub fn finish(mut self, out: &mut impl Write, err: &mut impl Write) -> io::Result<Vec<Ending>> {
        let printer = &mut self.printer;
        for Choice { ending, think } in self.choices.values_mut() {
            let index = ending.index;
            let unclosed = think.finish(|piece| match piece {
                Piece::Reasoning(text) => {
                    printer.reasoning(err, index, text);
                    Ok(())
                }
                Piece::Answer(text) => printer.answer(out, err, ending, text),
            })?;
            ending.unclosed_think = unclosed;
        }
        if let Some(held) = self.printer.held.take() {
            let calls = (self.choices.get(&0)).is_some_and(|c| c.ending.asks_for_tools());
            self.printer.release(out, err, &held, calls)?;
        }
        self.end_line(out, err)?;
        let mut endings: Vec<Ending> = self.choices.into_values().map(|c| c.ending).collect();
        let others = std::mem::take(&mut self.printer.others);
        match self.printer.extractor.take() {
            None => write_others(out, others, self.printer.rendering)?,
            Some(first) => extract_all(out, first, others, &mut endings)?,
        }
        Ok(endings)
    }
}

/// The choices after the first, each after a separator, once choice 0 has ended.
fn write_others(
    out: &mut impl Write,
    others: BTreeMap<u32, String>,
    rendering: Option<Rendering>,
) -> io::Result<()> {
    let n = others.len();
    for (_, text) in others {
        match rendering {
            Some(rendering) => {
                super::live::render_whole(out, SEPARATOR, rendering)?;
                super::live::render_whole(out, &text, rendering)?;
            }
            None => {
                out.write_all(SEPARATOR.as_bytes())?;
                write_text(out, text.as_bytes())?;
            }
        }
    }
    if n > 0 {
        out.flush()?;
    }
    Ok(())
}

/// With `-x`: ends choice 0's extraction, then prints the other choices' blocks, each after
/// a separator when a block came before it; notes in each ending whether it had one.
fn extract_all(
    out: &mut impl Write,
    first: Extractor,
    mut others: BTreeMap<u32, String>,
    endings: &mut [Ending],
) -> io::Result<()> {
    let which = first.which();
    // Choice 0's block (the last one, when that was asked for) comes first.
    let first = first.finish(out)?;
    let mut wrote = false;
    for ending in endings.iter_mut() {
        let found = match ending.index {
            0 => first,
            index => {
                let text = others.remove(&index).unwrap_or_default();
                let block = extract::block(&text, which);
                if let Ok(block) = &block {
                    if wrote {
                        out.write_all(SEPARATOR.as_bytes())?;
                    }
                    out.write_all(block.as_bytes())?;
                }
                block.map(drop)
            }
        };
        wrote |= found.is_ok();
        ending.extracted = Some(found);
    }
    out.flush()
}

/// Notes what a delta says about how its choice ends: the tools it asks for, a refusal.
fn note(ending: &mut Ending, delta: &Delta<'_>) {
    if delta.tool_calls.is_some() || delta.function_call.is_some() {
        crate::api::response::add_calls(
            &mut ending.calls,
            delta.tool_calls.as_deref(),
            delta.function_call.as_deref(),
        );
    }
    if let Some(refusal) = &delta.refusal {
        ending
            .refusal
            .get_or_insert_with(String::new)
            .push_str(refusal);
    }
}

impl Printer {
    /// Reasoning is shown for choice 0 only: the one printed live.
    fn reasoning(&mut self, err: &mut impl Write, index: u32, text: &str) {
        if index == 0 {
            self.reasoning.show(err, text);
        }
    }

    /// A piece of a choice's answer: kept for judging, printed live for choice 0.
    fn answer(
        &mut self,
        out: &mut impl Write,
        err: &mut impl Write,
        ending: &mut Ending,
        text: &str,
    ) -> io::Result<()> {
        if let Some(kept) = &mut ending.text {
            kept.push_str(text);
        }
        if !self.print {
            return Ok(());
        }
        if ending.index != 0 {
            self.others.entry(ending.index).or_default().push_str(text);
            return Ok(());
        }
        self.reasoning.before_answer(err);
        if let Some(held) = &mut self.held {
            held.push_str(text);
            return Ok(());
        }
        self.write_answer(out, text)
    }

    /// Choice 0's held text, once the answer has ended: words that came with tool calls
    /// go to stderr, an answer is printed as it would have been.
    fn release(
        &mut self,
        out: &mut impl Write,
        err: &mut impl Write,
        held: &str,
        calls: bool,
    ) -> io::Result<()> {
        if !calls {
            return self.write_answer(out, held);
        }
        if !held.trim().is_empty() {
            // stderr may be closed; the calls on stdout are what matters.
            let _ = write_text(err, held.as_bytes());
        }
        Ok(())
    }

    /// Choice 0's text to stdout (or to `-x`'s block finder).
    fn write_answer(&mut self, out: &mut impl Write, text: &str) -> io::Result<()> {
        if let Some(extractor) = &mut self.extractor {
            // Only the block reaches stdout, and whole lines of it: no line is left open.
            return extractor.push(out, text.as_bytes());
        }
        match &mut self.live {
            Some(live) => {
                live.push(out, text)?;
                self.at_line_start = live.at_line_start();
            }
            None => {
                out.write_all(text.as_bytes())?;
                self.at_line_start = text.ends_with('\n');
            }
        }
        self.wrote = true;
        crate::interrupt::set_line_open(!self.at_line_start);
        Ok(())
    }

    fn end_line(&mut self, out: &mut impl Write) -> io::Result<()> {
        if let Some(live) = self.live.take() {
            // The last line rendered and the colours reset, however the answer ended.
            live.finish(out)?;
            self.at_line_start = true;
            crate::interrupt::set_line_open(false);
        }
        if self.wrote && !self.at_line_start {
            out.write_all(b"\n")?;
            self.at_line_start = true;
            out.flush()?;
            crate::interrupt::set_line_open(false);
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "stream_text_tests.rs"]
mod tests;
