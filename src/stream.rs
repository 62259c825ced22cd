//! Reading a streamed answer: bytes → SSE events → chunks → text on stdout, and the
//! model's reasoning on stderr.
//!
//! Works over any source of bytes whose failures already say what happened (the HTTP
//! layer's body reads), or any `Read`, so it is tested without a socket. Text already
//! written stays written when the stream fails; the line is ended so the error starts on
//! its own line.

use std::io::{self, Read, Write};

use crate::api::response::{Chunk, ChunkChoice, Usage, error_value_detail};
use crate::api::responses::Wire;
use crate::api::responses::event::{self, Step, StreamEvent};
use crate::api::sse::{Decoder, Event};
use crate::error::{BadResponse, Error};
use crate::output::extract::Which;
use crate::output::{Ending, StreamText};

pub use crate::output::ReasoningView;

/// Read size: large enough for bulk streams, and a read returns as soon as any bytes
/// arrive, so a small delta is never held back.
const READ_SIZE: usize = 16 * 1024;

#[derive(Debug, Default)]
pub struct Finished {
    pub endings: Vec<Ending>,
    pub usage: Option<Usage>,
    pub model: Option<String>,
}

/// How to print the stream.
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// One JSON object per line, one per chunk, instead of the text.
    pub raw: bool,
    /// Keep each choice's whole text for checking (`--json`).
    pub keep_text: bool,
    /// How the model's reasoning is shown (never with `raw`).
    pub reasoning: ReasoningView,
    /// `-x`: only each choice's code block (never with `raw`).
    pub extract: Option<Which>,
    /// Tools are offered: hold choice 0's text until it is known not to come with calls.
    pub hold: bool,
    /// At a terminal: the answer rendered as markdown (never with `raw`).
    pub render: Option<crate::output::live::Rendering>,
    /// Which API's events these are: chat chunks, or the Responses API's typed events.
    pub wire: Wire,
}

/// Reads the stream from `body` to `[DONE]`, printing as it goes: the answer to `out`, the
/// reasoning to `err`. `read_error` turns a failed read into the error to report.
pub fn consume(
    body: &mut impl Read,
    out: &mut impl Write,
    err: &mut impl Write,
    mode: Mode,
    read_error: impl Fn(&io::Error) -> Error,
) -> Result<Finished, Error> {
    let read = |buf: &mut [u8]| loop {
        match body.read(buf) {
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            read => return read.map_err(|err| read_error(&err)),
        }
    };
    consume_from(read, out, err, mode)
}

/// Reads the stream to `[DONE]`, printing as it goes. `read` fills a buffer with the
/// next bytes of the body (0 at its end), or fails with an error that already says what
/// went wrong (the HTTP layer's: which wait ran out, a cut, a stop).
pub fn consume_from<E: Into<Error>>(
    mut read: impl FnMut(&mut [u8]) -> Result<usize, E>,
    out: &mut impl Write,
    err: &mut impl Write,
    mode: Mode,
) -> Result<Finished, Error> {
    let mut state = State {
        text: StreamText::new(mode.keep_text, !mode.raw, mode.reasoning)
            .extracting(mode.extract)
            .holding(mode.hold)
            .rendering(mode.render),
        usage: None,
        model: None,
        raw: mode.raw,
        wire: mode.wire,
    };
    match state.run(&mut read, out, err) {
        Ok(()) => Ok(Finished {
            endings: state.text.finish(out, err).map_err(Error::Write)?,
            usage: state.usage,
            model: state.model,
        }),
        Err(error) => {
            // The error goes to stderr; end the lines first (best effort: stdout may be
            // the thing that failed).
            let _ = state.text.end_line(out, err);
            Err(error)
        }
    }
}

struct State {
    text: StreamText,
    usage: Option<Usage>,
    model: Option<String>,
    raw: bool,
    wire: Wire,
}

impl State {
    fn run<E: Into<Error>>(
        &mut self,
        read: &mut impl FnMut(&mut [u8]) -> Result<usize, E>,
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Result<(), Error> {
        let mut decoder = Decoder::new();
        let mut events = Vec::new();
        let mut buf = vec![0u8; READ_SIZE];
        loop {
            let n = read(&mut buf).map_err(Into::into)?;
            if crate::interrupt::take_request() {
                return Err(Error::Interrupted);
            }
            if n == 0 {
                decoder.finish(&mut events);
            } else {
                decoder.feed(&buf[..n], &mut events);
            }
            let mut done = false;
            for event in events.drain(..) {
                // A Responses stream ends with its final event (a server may add [DONE]).
                if event.is_done() || self.on_event(&event, out, err)? {
                    done = true;
                    break;
                }
            }
            // Everything this read brought is decoded: show it now, in one write.
            out.flush().map_err(Error::Write)?;
            if done {
                return Ok(());
            }
            if n == 0 {
                return Err(match self.wire {
                    Wire::Chat => BadResponse::StreamUnfinished,
                    Wire::Responses => BadResponse::ResponseUnfinished,
                }
                .into());
            }
        }
    }

    /// Handles one event; true when it was the last (a Responses stream's end).
    fn on_event(
        &mut self,
        event: &Event,
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Result<bool, Error> {
        if self.wire == Wire::Responses {
            return self.on_response_event(event, out, err);
        }
        let not_json = || not_a_chunk(event);
        if event.event.as_deref() == Some("error") {
            // Some servers send `event: error` with the error object itself as data.
            let value: serde_json::Value =
                serde_json::from_slice(&event.data).map_err(|_| not_json())?;
            return Err(stream_error(&value));
        }
        // Validating UTF-8 once for the whole event (std's ASCII fast path) is cheaper than
        // serde_json validating every string of it again (callgrind: 15 % of a stream).
        let text = std::str::from_utf8(&event.data).map_err(|_| not_json())?;
        let chunk: Chunk = match crate::api::fastchunk::parse(text) {
            Some(chunk) => chunk,
            None => serde_json::from_str(text).map_err(|_| not_json())?,
        };
        if let Some(error) = &chunk.error {
            return Err(stream_error(error));
        }
        if self.raw {
            write_raw(out, &event.data).map_err(Error::Write)?;
        }
        if chunk.usage.is_some() {
            self.usage = chunk.usage;
        }
        if self.model.is_none() {
            self.model = chunk.model.map(|m| m.into_owned());
        }
        self.text
            .on_choices(out, err, &chunk.choices)
            .map_err(Error::Write)?;
        Ok(false)
    }

    /// A Responses API event (issue 16), shown as the chat chunk it amounts to; true at
    /// the end of the answer.
    fn on_response_event(
        &mut self,
        event: &Event,
        out: &mut impl Write,
        err: &mut impl Write,
    ) -> Result<bool, Error> {
        let parsed: StreamEvent =
            serde_json::from_slice(&event.data).map_err(|_| not_a_chunk(event))?;
        if self.raw {
            write_raw(out, &event.data).map_err(Error::Write)?;
        }
        let choice = match event::step(parsed) {
            Step::Nothing => return Ok(false),
            Step::Failed(f) => {
                return Err(Error::Failed {
                    detail: f.detail,
                    kind: f.kind,
                });
            }
            Step::Error(f) => {
                return Err(Error::StreamError {
                    detail: f.detail,
                    kind: f.kind,
                });
            }
            Step::Delta(delta) => ChunkChoice {
                index: 0,
                delta: Some(delta),
                finish_reason: None,
            },
            Step::End {
                finish_reason,
                usage,
                model,
            } => {
                (self.usage, self.model) = (usage, model);
                ChunkChoice {
                    index: 0,
                    delta: None,
                    finish_reason: Some(finish_reason),
                }
            }
        };
        let end = choice.finish_reason.is_some();
        let choices = std::slice::from_ref(&choice);
        self.text
            .on_choices(out, err, choices)
            .map_err(Error::Write)?;
        Ok(end)
    }
}

/// An event whose data is not the JSON it should be, shown by its start.
fn not_a_chunk(event: &Event) -> Error {
    let excerpt: String = String::from_utf8_lossy(&event.data)
        .chars()
        .take(200)
        .collect();
    Error::from(BadResponse::NotAChunk(excerpt))
}

fn stream_error(value: &serde_json::Value) -> Error {
    match error_value_detail(value) {
        Some(detail) => Error::StreamError {
            detail: detail.text,
            kind: detail.kind,
        },
        None => Error::StreamError {
            detail: value.to_string(),
            kind: None,
        },
    }
}

/// One chunk per line. `data` that spans several lines is re-serialized compactly, so a
/// reader can rely on one JSON object per line.
fn write_raw(out: &mut impl Write, data: &[u8]) -> io::Result<()> {
    if data.contains(&b'\n') {
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
            serde_json::to_writer(&mut *out, &value)?;
        } else {
            out.write_all(data)?;
        }
    } else {
        out.write_all(data)?;
    }
    out.write_all(b"\n")
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
