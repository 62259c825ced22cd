//! A pure, incremental decoder for server-sent events (the streaming wire format).
//!
//! Feed it bytes exactly as they come off the socket, split anywhere (inside a line, between
//! `\r` and `\n`, inside a UTF-8 character), and it yields the same events. It follows the
//! WHATWG event-stream rules that matter for the API: lines end in LF, CRLF or CR; `data:`
//! with or without one space; several `data` lines join with `\n`; lines starting with `:`
//! are comments (keep-alives); an event is dispatched at a blank line; unknown fields are
//! ignored. At the end of input, [`Decoder::finish`] also dispatches a last event that had
//! no closing blank line, since some servers close right after `data: [DONE]`.

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The `event:` field, when the server sent one (OpenAI does not; some servers send
    /// `event: error`).
    pub event: Option<String>,
    /// The `data` lines, joined with `\n`, as raw bytes.
    pub data: Vec<u8>,
}

impl Event {
    /// The stream's end marker.
    pub fn is_done(&self) -> bool {
        self.data == b"[DONE]"
    }
}

#[derive(Debug, Default)]
pub struct Decoder {
    /// The incomplete line carried over from the previous feed.
    line: Vec<u8>,
    data: Vec<u8>,
    has_data: bool,
    event: Option<String>,
    /// The previous feed ended in `\r`: a `\n` starting the next one belongs to it.
    skip_lf: bool,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Decodes `bytes`, appending each completed event to `out`.
    pub fn feed(&mut self, mut bytes: &[u8], out: &mut Vec<Event>) {
        loop {
            if self.skip_lf {
                match bytes.first() {
                    None => return,
                    Some(b'\n') => bytes = &bytes[1..],
                    Some(_) => {}
                }
                self.skip_lf = false;
            }
            let Some(end) = memchr::memchr2(b'\n', b'\r', bytes) else {
                self.line.extend_from_slice(bytes);
                return;
            };
            if self.line.is_empty() {
                self.line_done(&bytes[..end], out);
            } else {
                let mut line = std::mem::take(&mut self.line);
                line.extend_from_slice(&bytes[..end]);
                self.line_done(&line, out);
                // Keep the allocation for the next split line.
                line.clear();
                self.line = line;
            }
            self.skip_lf = bytes[end] == b'\r';
            bytes = &bytes[end + 1..];
        }
    }

    /// Ends the input: a pending last line and event are dispatched.
    pub fn finish(&mut self, out: &mut Vec<Event>) {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.line_done(&line, out);
        }
        self.dispatch(out);
        self.skip_lf = false;
    }

    fn line_done(&mut self, line: &[u8], out: &mut Vec<Event>) {
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if line[0] == b':' {
            return; // a comment, used as a keep-alive
        }
        let (field, value) = match memchr::memchr(b':', line) {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &[][..]),
        };
        match field {
            b"data" => {
                if self.has_data {
                    self.data.push(b'\n');
                } else {
                    // One allocation of the right size instead of doubling up to it.
                    self.data.reserve_exact(value.len());
                }
                self.data.extend_from_slice(value);
                self.has_data = true;
            }
            b"event" => self.event = Some(String::from_utf8_lossy(value).into_owned()),
            _ => {} // id, retry and unknown fields do not matter here
        }
    }

    fn dispatch(&mut self, out: &mut Vec<Event>) {
        if self.has_data {
            out.push(Event {
                event: self.event.take(),
                data: std::mem::take(&mut self.data),
            });
        }
        self.has_data = false;
        self.event = None;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn decode_in_pieces(input: &[u8], piece: usize) -> Vec<Event> {
        let mut decoder = Decoder::new();
        let mut out = Vec::new();
        for chunk in input.chunks(piece.max(1)) {
            decoder.feed(chunk, &mut out);
        }
        decoder.finish(&mut out);
        out
    }

    fn data(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| String::from_utf8_lossy(&e.data).into_owned())
            .collect()
    }

    const STREAM: &[u8] =
        b": keep-alive\r\n\r\ndata: {\"a\":\"\xec\x95\x88\"}\r\n\r\ndata:{\"b\":2}\n\n\
event: error\ndata: {\"c\":3}\rdata: x\r\r:ping\n\ndata: [DONE]\n\n";

    #[test]
    fn decodes_all_line_endings_comments_and_fields() {
        let events = decode_in_pieces(STREAM, STREAM.len());
        assert_eq!(
            data(&events),
            ["{\"a\":\"안\"}", "{\"b\":2}", "{\"c\":3}\nx", "[DONE]"]
        );
        assert_eq!(events[2].event.as_deref(), Some("error"));
        assert_eq!(events[1].event, None);
        assert!(events[3].is_done());
    }

    #[test]
    fn every_split_gives_the_same_events() {
        let whole = decode_in_pieces(STREAM, STREAM.len());
        for piece in 1..STREAM.len() {
            assert_eq!(decode_in_pieces(STREAM, piece), whole, "pieces of {piece}");
        }
    }

    #[test]
    fn a_split_between_cr_and_lf_is_one_line_end() {
        let mut decoder = Decoder::new();
        let mut out = Vec::new();
        decoder.feed(b"data: a\r", &mut out);
        decoder.feed(b"\ndata: b\r", &mut out);
        decoder.feed(b"\n\r", &mut out);
        decoder.feed(b"\n", &mut out);
        assert_eq!(data(&out), ["a\nb"]);
    }

    #[test]
    fn finish_dispatches_an_unterminated_last_event() {
        assert_eq!(data(&decode_in_pieces(b"data: [DONE]", 3)), ["[DONE]"]);
        assert_eq!(data(&decode_in_pieces(b"data: x\n", 1)), ["x"]);
        assert!(decode_in_pieces(b": only a comment", 1).is_empty());
    }

    #[test]
    fn field_without_colon_and_empty_data() {
        assert_eq!(data(&decode_in_pieces(b"data\n\ndata:\n\n", 1)), ["", ""]);
    }

    // Property tests: any events, written any way a server may, split anywhere, decode to
    // the same data; arbitrary bytes never panic.

    /// One event as a server might write it: its data lines, the line ending, whether a
    /// space follows `data:`, and an optional comment line before it.
    #[derive(Debug, Clone)]
    struct Written {
        lines: Vec<String>,
        ending: &'static str,
        space: bool,
        comment: Option<String>,
    }

    fn written() -> impl Strategy<Value = Written> {
        // Data without CR/LF (those end lines); any other character, including multibyte.
        let line = "[^\r\n]{0,12}";
        (
            prop::collection::vec(line, 1..4),
            prop::sample::select(vec!["\n", "\r\n", "\r"]),
            any::<bool>(),
            prop::option::of("[^\r\n]{0,8}"),
        )
            .prop_map(|(lines, ending, space, comment)| Written {
                lines,
                ending,
                space,
                comment,
            })
    }

    fn encode(events: &[Written]) -> Vec<u8> {
        let mut out = String::new();
        for e in events {
            if let Some(c) = &e.comment {
                out.push_str(&format!(":{c}{}", e.ending));
            }
            for line in &e.lines {
                let sep = if e.space { ": " } else { ":" };
                out.push_str(&format!("data{sep}{line}{}", e.ending));
            }
            out.push_str(e.ending);
        }
        out.into_bytes()
    }

    /// What the decoder must produce for these events. A value that starts with a space loses
    /// exactly one when written with `data: ` (the format strips one).
    fn expected(events: &[Written]) -> Vec<Vec<u8>> {
        events
            .iter()
            .map(|e| {
                let lines: Vec<&str> = e
                    .lines
                    .iter()
                    .map(|l| {
                        if e.space {
                            l.as_str()
                        } else {
                            l.strip_prefix(' ').unwrap_or(l)
                        }
                    })
                    .collect();
                lines.join("\n").into_bytes()
            })
            .collect()
    }

    fn decode(bytes: &[u8], cuts: &[usize]) -> Vec<Event> {
        let mut decoder = Decoder::new();
        let mut out = Vec::new();
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
        cuts.sort_unstable();
        let mut start = 0;
        for cut in cuts.into_iter().chain(std::iter::once(bytes.len())) {
            decoder.feed(&bytes[start..cut], &mut out);
            start = cut;
        }
        decoder.finish(&mut out);
        out
    }

    proptest! {
        #[test]
        fn any_split_decodes_to_the_same_events(
            events in prop::collection::vec(written(), 0..8),
            cuts in prop::collection::vec(any::<usize>(), 0..12),
        ) {
            let bytes = encode(&events);
            let whole: Vec<Vec<u8>> = decode(&bytes, &[]).into_iter().map(|e| e.data).collect();
            prop_assert_eq!(&whole, &expected(&events));
            let split: Vec<Vec<u8>> = decode(&bytes, &cuts).into_iter().map(|e| e.data).collect();
            prop_assert_eq!(split, whole);
        }

        #[test]
        fn arbitrary_bytes_never_panic_the_decoder(
            bytes in prop::collection::vec(any::<u8>(), 0..512),
            cuts in prop::collection::vec(any::<usize>(), 0..8),
        ) {
            let _ = decode(&bytes, &cuts);
        }
    }
}
