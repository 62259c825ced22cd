//! The base URL: which are accepted, which proxy reaches it, and how endpoint paths join it.
//!
//! Plain http is for this machine only unless allowed: a typo'd URL, or a proxy in the
//! environment, must not send the key across a network in clear text.

use crate::config::proxy::{self, Proxy, is_loopback};
use crate::error::{Error, Problem};

pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// Checks the base URL is http(s) and drops trailing slashes, so that both
/// `http://host/v1` and `http://host/v1/` work. Plain http is for this machine only unless
/// allowed: a typo'd URL must not send the key across a network in clear text.
pub fn base_url(given: Option<&str>, allow_insecure_http: bool) -> Result<String, Error> {
    let raw = given.unwrap_or(DEFAULT_BASE_URL).trim();
    let parsed = reqwest::Url::parse(raw).map_err(|err| Problem::BaseUrlNotUrl {
        raw: raw.to_string(),
        cause: err,
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Problem::BaseUrlScheme(raw.to_string()).into());
    }
    if parsed.fragment().is_some() {
        // A fragment never reaches the server, and joining paths after it would put them
        // inside it: every request would go to the base path itself.
        return Err(Problem::BaseUrlFragment(raw.to_string()).into());
    }
    if parsed.scheme() == "http" && !allow_insecure_http && !is_loopback(&parsed) {
        let host = parsed.host_str().unwrap_or_default().to_string();
        return Err(Problem::InsecureHttp(host).into());
    }
    Ok(raw.trim_end_matches('/').to_string())
}

/// The proxy that requests to `base_url` (checked by [`base_url`]) go through, from the
/// variables `get` reads. A plain-http request through a proxy hands the proxy the whole
/// request, key included, to read: like the base URL itself, that proxy must be on this
/// machine unless allowed, whether it is reached over TLS or not. (An https request only
/// asks a proxy for a tunnel; the key stays inside TLS from end to end.)
pub fn route<'a>(
    base_url: &str,
    get: impl Fn(&str) -> Option<&'a str>,
    allow_insecure_http: bool,
) -> Result<Option<Proxy>, Error> {
    let parsed = reqwest::Url::parse(base_url).map_err(|cause| Problem::BaseUrlNotUrl {
        raw: base_url.to_string(),
        cause,
    })?;
    let proxy = proxy::for_url(&parsed, get)?;
    if let Some(proxy) = &proxy
        && parsed.scheme() == "http"
        && !allow_insecure_http
        && !proxy.is_loopback()
    {
        return Err(Problem::InsecureProxy {
            proxy: proxy.shown(),
            variable: proxy.variable,
            host: parsed.host_str().unwrap_or_default().to_string(),
        }
        .into());
    }
    Ok(proxy)
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

    fn route_with(base: &str, vars: &[(&str, &str)], allow: bool) -> Result<Option<Proxy>, Error> {
        route(
            base,
            |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| *v),
            allow,
        )
    }

    #[test]
    fn a_fragment_is_refused() {
        let err = base_url(Some("http://localhost:8000/v1#x"), false).unwrap_err();
        assert!(err.to_string().contains("#fragment"), "{err}");
    }

    #[test]
    fn plain_http_through_a_proxy_on_another_machine_is_refused_unless_allowed() {
        let vars = [("HTTP_PROXY", "http://user:pw@proxy.corp:3128")];
        let err = route_with("http://localhost:11434/v1", &vars, false).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let text = err.to_string();
        assert!(
            text.contains("http://proxy.corp:3128 (from HTTP_PROXY)"),
            "{text}"
        );
        assert!(text.contains("add localhost to NO_PROXY"), "{text}");
        assert!(!text.contains("pw"), "{text}");
        assert!(route_with("http://localhost:11434/v1", &vars, true).is_ok());
    }

    #[test]
    fn tunnels_local_proxies_and_no_proxy_are_fine() {
        let http = [("HTTP_PROXY", "http://proxy.corp:3128")];
        let https = [("HTTPS_PROXY", "http://proxy.corp:3128")];
        assert!(
            route_with("https://api.openai.com/v1", &https, false)
                .unwrap()
                .is_some()
        );
        // A proxy reached over TLS still reads a plain-http request whole.
        let tls = [("HTTP_PROXY", "https://proxy.corp:443")];
        assert!(route_with("http://localhost:1/v1", &tls, false).is_err());
        let local = [("HTTP_PROXY", "http://127.0.0.1:8080")];
        assert!(
            route_with("http://localhost:1/v1", &local, false)
                .unwrap()
                .is_some()
        );
        let bypass = [
            ("HTTP_PROXY", "http://proxy.corp:3128"),
            ("NO_PROXY", "localhost"),
        ];
        assert_eq!(
            route_with("http://localhost:1/v1", &bypass, false).unwrap(),
            None
        );
        assert!(route_with("http://localhost:1/v1", &http, false).is_err());
    }

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
            "http://0.0.0.0:8000/v1",
            "http://[::ffff:127.0.0.1]/v1",
        ] {
            let err = base_url(Some(bad), false).unwrap_err();
            assert!(err.to_string().contains("--allow-insecure-http"), "{err}");
            assert!(base_url(Some(bad), true).is_ok());
        }
    }
}
