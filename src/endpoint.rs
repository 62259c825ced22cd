//! The base URL: which are accepted, and how endpoint paths join it.
//!
//! Plain http is for this machine only unless allowed: a typo'd URL must not send the key
//! across a network in clear text.

use crate::config::DEFAULT_BASE_URL;
use crate::error::Error;

/// Checks the base URL is http(s) and drops trailing slashes, so that both
/// `http://host/v1` and `http://host/v1/` work. Plain http is for this machine only unless
/// allowed: a typo'd URL must not send the key across a network in clear text.
pub fn base_url(given: Option<&str>, allow_insecure_http: bool) -> Result<String, Error> {
    let raw = given.unwrap_or(DEFAULT_BASE_URL).trim();
    let parsed = reqwest::Url::parse(raw).map_err(|err| {
        Error::usage(format!(
            "base URL `{raw}` is not a URL ({err}): give one like https://api.openai.com/v1"
        ))
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::usage(format!(
            "base URL `{raw}` must start with http:// or https://"
        )));
    }
    if parsed.scheme() == "http" && !allow_insecure_http && !is_loopback(&parsed) {
        return Err(Error::usage(format!(
            "refusing to send the API key over plain http to {}: use https://, or pass \
             --allow-insecure-http if that network is trusted",
            parsed.host_str().unwrap_or_default()
        )));
    }
    Ok(raw.trim_end_matches('/').to_string())
}

/// `localhost`, 127.0.0.0/8 and ::1: traffic that never leaves the machine.
fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// An API path under the base URL. A query in the base URL (gateways that want
/// `?api-version=…`) stays at the end, after the path's own query if it has one.
pub fn join(base_url: &str, path: &str) -> String {
    let (base, base_query) = match base_url.split_once('?') {
        Some((base, query)) => (base.trim_end_matches('/'), Some(query)),
        None => (base_url, None),
    };
    match (base_query, path.contains('?')) {
        (None, _) => format!("{base}{path}"),
        (Some(query), true) => format!("{base}{path}&{query}"),
        (Some(query), false) => format!("{base}{path}?{query}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_trailing_slash_and_scheme() {
        assert_eq!(
            base_url(Some("http://h:1/v1/"), true).unwrap(),
            "http://h:1/v1"
        );
        assert_eq!(
            base_url(Some("http://h:1/v1"), true).unwrap(),
            "http://h:1/v1"
        );
        assert!(base_url(Some("ftp://h/v1"), true).is_err());
        assert!(base_url(Some("localhost:8080"), true).is_err());
    }

    #[test]
    fn plain_http_is_for_loopback_unless_allowed() {
        for ok in [
            "http://localhost:11434/v1",
            "http://127.0.0.1/v1",
            "http://127.8.9.1/v1",
            "http://[::1]:8000/v1",
            "https://example.com/v1",
        ] {
            assert!(base_url(Some(ok), false).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/v1",
            "http://10.0.0.5/v1",
            "http://localhost.evil.com/v1",
        ] {
            let err = base_url(Some(bad), false).unwrap_err();
            assert!(err.to_string().contains("--allow-insecure-http"), "{err}");
            assert!(base_url(Some(bad), true).is_ok());
        }
    }
}
