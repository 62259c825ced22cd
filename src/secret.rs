//! The API key, in a type that cannot be printed by accident.
//!
//! The key must never reach stdout, stderr, a log or an error message. `ApiKey` has no
//! `Display`, its `Debug` prints `ApiKey(redacted)`, and the only way to the text is
//! [`ApiKey::expose`], which the HTTP client calls to build the `Authorization` header.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: String) -> ApiKey {
        ApiKey(key)
    }

    /// The key itself. Call it only to put the key on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_does_not_show_the_key() {
        let key = ApiKey::new("sk-very-secret".into());
        let shown = format!("{key:?} {:#?}", Some(&key));
        assert!(!shown.contains("sk-very-secret"), "{shown}");
        assert_eq!(key.expose(), "sk-very-secret");
    }
}
