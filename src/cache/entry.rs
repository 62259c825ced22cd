//! An entry's bytes: one header line, then the answer exactly as the server sent it.
//! Pure, so a torn or edited entry is tested without files.
//!
//! `oaichat-cache 1 KIND STORED LENGTH SHA256\n` then LENGTH bytes. The checksum lets a
//! damaged entry be told apart before anything of it is printed (a stream is replayed as
//! it is read, so a fault found half-way would leave half an answer on stdout).

use sha2::{Digest, Sha256};

use super::key::hex;

const MAGIC: &str = "oaichat-cache";
const FORMAT: &str = "1";

/// How the answer was sent, so it is replayed the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole chat completion (JSON).
    Whole,
    /// The raw event-stream bytes, up to and with `[DONE]`.
    Stream,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Whole => "whole",
            Kind::Stream => "stream",
        }
    }

    fn parse(name: &str) -> Option<Kind> {
        match name {
            "whole" => Some(Kind::Whole),
            "stream" => Some(Kind::Stream),
            _ => None,
        }
    }
}

/// A stored answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// When it was stored, in seconds since the Unix epoch.
    pub stored: u64,
    pub payload: Vec<u8>,
}

impl Entry {
    pub fn encode(&self) -> Vec<u8> {
        let header = format!(
            "{MAGIC} {FORMAT} {} {} {} {}\n",
            self.kind.name(),
            self.stored,
            self.payload.len(),
            hex(&Sha256::digest(&self.payload)),
        );
        let mut bytes = header.into_bytes();
        bytes.extend_from_slice(&self.payload);
        bytes
    }

    /// The entry, or why these bytes are not one.
    pub fn decode(mut bytes: Vec<u8>) -> Result<Entry, &'static str> {
        let end = memchr::memchr(b'\n', &bytes).ok_or("no header line")?;
        let header = std::str::from_utf8(&bytes[..end]).map_err(|_| "a damaged header")?;
        let Header {
            kind,
            stored,
            length,
            sum,
        } = Header::parse(header)?;
        let payload = bytes.split_off(end + 1);
        if payload.len() != length {
            return Err("cut short");
        }
        if hex(&Sha256::digest(&payload)) != sum {
            return Err("its checksum does not match");
        }
        Ok(Entry {
            kind,
            stored,
            payload,
        })
    }
}

/// The header line's fields.
struct Header {
    kind: Kind,
    stored: u64,
    length: usize,
    sum: String,
}

impl Header {
    fn parse(line: &str) -> Result<Header, &'static str> {
        let damaged = "a damaged header";
        let fields: Vec<&str> = line.split(' ').collect();
        let [magic, format, kind, stored, length, sum] = fields[..] else {
            return Err(damaged);
        };
        if magic != MAGIC || format != FORMAT {
            return Err("not an entry of this version");
        }
        Ok(Header {
            kind: Kind::parse(kind).ok_or("an unknown kind")?,
            stored: stored.parse().map_err(|_| damaged)?,
            length: length.parse().map_err(|_| damaged)?,
            sum: sum.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            kind: Kind::Stream,
            stored: 1_700_000_000,
            payload: b"data: {}\n\ndata: [DONE]\n\n".to_vec(),
        }
    }

    #[test]
    fn an_entry_survives_the_round_trip() {
        assert_eq!(Entry::decode(entry().encode()), Ok(entry()));
    }

    #[test]
    fn damage_anywhere_is_found() {
        let bytes = entry().encode();
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(Entry::decode(flipped), Err("its checksum does not match"));
        assert_eq!(
            Entry::decode(bytes[..bytes.len() - 1].to_vec()),
            Err("cut short")
        );
        assert_eq!(Entry::decode(b"garbage".to_vec()), Err("no header line"));
        assert_eq!(Entry::decode(b"a b\n".to_vec()), Err("a damaged header"));
        assert_eq!(Entry::decode(Vec::new()), Err("no header line"));
    }
}
