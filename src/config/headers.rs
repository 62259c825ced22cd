//! `--header 'Name: value'`: extra headers for gateways, checked before anything is sent.

use reqwest::header::{HeaderName, HeaderValue};

use crate::error::Problem;
use crate::http::Header;

/// `--header 'Name: value'`s, checked before anything is sent. Messages name a header by
/// its name, or by its place when it has none: its value may be a secret.
pub fn parse(args: &[String]) -> Result<Vec<Header>, Problem> {
    let mut headers = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let (name, value) = arg.split_once(':').ok_or(Problem::HeaderForm(i + 1))?;
        let (name, value) = (name.trim(), value.trim());
        if name.is_empty() {
            return Err(Problem::HeaderForm(i + 1));
        }
        match check(name, value) {
            Ok(()) => {}
            Err(Fault::Authorization) => return Err(Problem::HeaderAuthorization(name.into())),
            Err(Fault::Chars) => return Err(Problem::HeaderChars(name.into())),
        }
        let (name, value) = (name.to_string(), value.to_string());
        headers.push(Header { name, value });
    }
    Ok(headers)
}

/// Why a header cannot be sent as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The key has its own place; an `Authorization` header would replace it unseen.
    Authorization,
    /// A character no header name or value may hold.
    Chars,
}

impl Fault {
    /// The reason, for the config file's messages.
    pub fn why(self) -> &'static str {
        match self {
            Fault::Authorization => {
                "the key goes in api_key_env or api_key_cmd, not an Authorization header"
            }
            Fault::Chars => "a header name is letters, digits and '-', its value visible text",
        }
    }
}

/// Whether a header can be sent as given.
pub fn check(name: &str, value: &str) -> Result<(), Fault> {
    if name.eq_ignore_ascii_case("authorization") {
        return Err(Fault::Authorization);
    }
    let valid =
        HeaderName::from_bytes(name.as_bytes()).is_ok() && HeaderValue::from_str(value).is_ok();
    if !valid {
        return Err(Fault::Chars);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_and_values_are_trimmed_and_a_bad_one_is_named_without_its_value() {
        let parsed = parse(&args(&["X-Team:  search ", "api-key:k"])).unwrap();
        let pairs: Vec<(&str, &str)> = parsed
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect();
        assert_eq!(pairs, [("X-Team", "search"), ("api-key", "k")]);
        let shown = |list: &[&str]| parse(&args(list)).unwrap_err().to_string();
        assert_eq!(
            shown(&["X-A: 1", "sk-secret"]),
            "--header number 2 is not 'Name: value'"
        );
        assert!(!shown(&["Authorization: Bearer sk-x"]).contains("sk-x"));
        assert!(shown(&["Bad Name: x"]).starts_with("--header Bad Name:"));
    }
}
