//! The cache key: what makes two requests the same request. Pure, so it is tested
//! without files.
//!
//! Keyed: the full chat URL, the headers that can change the answer (the organization,
//! the project, the user's own headers) and the exact body bytes. Never the API key: two
//! keys of one account get the same answer, and the key must not shape a file name.

use sha2::{Digest, Sha256};

/// Marks the key's format, so a change to what is keyed never reuses old entries.
const VERSION: &[u8] = b"oaichat-cache-v1";

/// Headers that carry the key, never part of the cache key (Azure takes it in `api-key`).
const KEY_HEADERS: [&str; 2] = ["authorization", "api-key"];

/// What a request is keyed by.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    pub url: &'a str,
    /// `(name, value)`; names compare without case, as HTTP's do.
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// A request's key: the hex SHA-256 of its canonical bytes, used as the entry's file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key(String);

impl Key {
    pub fn new(parts: Parts<'_>) -> Key {
        let digest = Sha256::digest(canonical(parts));
        Key(hex(&digest))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a file name is an entry's (64 lowercase hex digits).
    pub fn is_entry_name(name: &str) -> bool {
        name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    }
}

/// Every part length-prefixed, so no two different requests share the bytes (a URL that
/// ends where a header begins cannot pass for another). Header names are lowercased and
/// sorted (stably: a repeated name keeps its order), since their order and case do not
/// change the answer.
fn canonical(parts: Parts<'_>) -> Vec<u8> {
    let mut headers: Vec<(String, &str)> = parts
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), *value))
        .filter(|(name, _)| !KEY_HEADERS.contains(&name.as_str()))
        .collect();
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    let mut bytes = Vec::with_capacity(parts.body.len() + 256);
    let mut field = |part: &[u8]| {
        bytes.extend_from_slice(part.len().to_string().as_bytes());
        bytes.push(b':');
        bytes.extend_from_slice(part);
    };
    field(VERSION);
    field(parts.url.as_bytes());
    field(headers.len().to_string().as_bytes());
    for (name, value) in &headers {
        field(name.as_bytes());
        field(value.as_bytes());
    }
    field(parts.body);
    bytes
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(url: &str, headers: &[(&str, &str)], body: &str) -> Key {
        Key::new(Parts {
            url,
            headers,
            body: body.as_bytes(),
        })
    }

    #[test]
    fn the_same_request_has_the_same_key() {
        let a = key("http://h/v1/chat/completions", &[("X-Team", "a")], "{}");
        let b = key("http://h/v1/chat/completions", &[("x-team", "a")], "{}");
        assert_eq!(a, b);
        assert!(Key::is_entry_name(a.as_str()));
    }

    #[test]
    fn url_headers_and_body_each_change_the_key() {
        let base = key("http://h/v1/chat/completions", &[("x-team", "a")], "{}");
        assert_ne!(
            base,
            key("http://g/v1/chat/completions", &[("x-team", "a")], "{}")
        );
        assert_ne!(
            base,
            key("http://h/v1/chat/completions", &[("x-team", "b")], "{}")
        );
        assert_ne!(base, key("http://h/v1/chat/completions", &[], "{}"));
        assert_ne!(
            base,
            key("http://h/v1/chat/completions", &[("x-team", "a")], "{ }")
        );
    }

    #[test]
    fn the_api_key_is_never_keyed() {
        let without = key("u", &[], "{}");
        assert_eq!(without, key("u", &[("api-key", "sk-1")], "{}"));
        assert_eq!(without, key("u", &[("Authorization", "Bearer sk-1")], "{}"));
    }

    #[test]
    fn header_order_does_not_matter_but_boundaries_do() {
        let ab = key("u", &[("a", "1"), ("b", "2")], "{}");
        assert_eq!(ab, key("u", &[("b", "2"), ("a", "1")], "{}"));
        assert_ne!(key("u", &[("a", "b:1")], ""), key("u", &[("a:b", "1")], ""));
    }
}
