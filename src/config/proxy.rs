//! Which proxy a request goes through, decided here rather than inside reqwest, so that
//! the rule "the key never crosses plain http to another machine" can see the proxy too
//! (issue 10): with `HTTP_PROXY=http://proxy:3128` and a local `http://localhost:11434/v1`,
//! the whole request, key included, would go to the proxy in clear text.
//!
//! The variables and their meaning follow curl: `http_proxy` (or `HTTP_PROXY`, ignored in a
//! CGI script, where a request header can set it) for http URLs, `https_proxy` /
//! `HTTPS_PROXY` for https URLs, `all_proxy` / `ALL_PROXY` for both; a value without a
//! scheme is an http proxy. `no_proxy` / `NO_PROXY` lists hosts to reach directly: `*` is
//! every host; an entry matches that host and its subdomains (a leading dot changes
//! nothing), an IP address, or a CIDR range; `host:port` only that port.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Problem};

/// The proxy a request goes through.
#[derive(Clone, PartialEq, Eq)]
pub struct Proxy {
    /// As given (credentials included), for the HTTP client only: never shown.
    url: Url,
    /// The variable it came from.
    pub variable: &'static str,
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Proxy({} from {})", self.shown(), self.variable)
    }
}

impl Proxy {
    /// `scheme://host:port`, without credentials: what messages show.
    pub fn shown(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port_or_known_default() {
            Some(port) => format!("{}://{host}:{port}", self.url.scheme()),
            None => format!("{}://{host}", self.url.scheme()),
        }
    }

    /// The URL for the HTTP client, credentials included.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// Whether the hop to the proxy is inside TLS.
    pub fn is_encrypted(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// Whether the proxy is on this machine.
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.url)
    }
}

/// `localhost`, 127.0.0.0/8 and `::1`: traffic that never leaves the machine. Anything
/// cleverer (`*.nip.io`, `0.0.0.0`, IPv4-mapped addresses) counts as another machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The proxy for `target`, from the variables `get` reads (the environment, then `.env`).
pub fn for_url<'a>(
    target: &Url,
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<Option<Proxy>, Error> {
    let cgi = get("REQUEST_METHOD").is_some();
    let names: &[&'static str] = match target.scheme() {
        "http" if cgi => &["http_proxy", "all_proxy", "ALL_PROXY"],
        "http" => &["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"],
        "https" => &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"],
        _ => return Ok(None),
    };
    let Some((variable, value)) = names
        .iter()
        .find_map(|name| get(name).map(|value| (*name, value.trim())))
    else {
        return Ok(None);
    };
    let no_proxy = get("no_proxy").or_else(|| get("NO_PROXY")).unwrap_or("");
    if bypasses(no_proxy, target) {
        return Ok(None);
    }
    parse(variable, value).map(Some)
}

fn parse(variable: &'static str, value: &str) -> Result<Proxy, Error> {
    // curl's rule: no scheme means an http proxy.
    let text = if value.contains("://") {
        value.to_string()
    } else {
        format!("http://{value}")
    };
    // The value is never shown: it may hold a password.
    let url = Url::parse(&text).ok().filter(|u| u.host_str().is_some());
    let Some(url) = url else {
        return Err(Problem::ProxyNotUrl(variable).into());
    };
    match url.scheme() {
        "http" | "https" => Ok(Proxy { url, variable }),
        scheme => Err(Problem::ProxyScheme {
            variable,
            scheme: scheme.to_string(),
        }
        .into()),
    }
}

/// Whether `no_proxy` sends requests for `target` straight to it.
pub fn bypasses(no_proxy: &str, target: &Url) -> bool {
    let host = match target.host() {
        Some(Host::Domain(name)) => name.trim_end_matches('.').to_ascii_lowercase(),
        Some(Host::Ipv4(ip)) => ip.to_string(),
        Some(Host::Ipv6(ip)) => ip.to_string(),
        None => return false,
    };
    let port = target.port_or_known_default();
    no_proxy
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|entry| !entry.is_empty())
        .any(|entry| entry_matches(entry, &host, port))
}

fn entry_matches(entry: &str, host: &str, port: Option<u16>) -> bool {
    if entry == "*" {
        return true;
    }
    if let Some((net, bits)) = entry.split_once('/') {
        return match (host.parse::<IpAddr>(), net.parse::<IpAddr>(), bits.parse()) {
            (Ok(ip), Ok(net), Ok(bits)) => in_network(ip, net, bits),
            _ => false,
        };
    }
    let (name, entry_port) = split_port(entry);
    if entry_port.is_some() && entry_port != port {
        return false;
    }
    let name = name.trim_start_matches('.').trim_end_matches('.');
    if let (Ok(a), Ok(b)) = (name.parse::<IpAddr>(), host.parse::<IpAddr>()) {
        return a == b;
    }
    let name = name.to_ascii_lowercase();
    host == name
        || host
            .strip_suffix(&name)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// `host:port`, `[v6]:port`, or a bare host (a bare IPv6 address has colons of its own).
fn split_port(entry: &str) -> (&str, Option<u16>) {
    if let Some(rest) = entry.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((ip, tail)) => (ip, tail.strip_prefix(':').and_then(|p| p.parse().ok())),
            None => (entry, None),
        };
    }
    match entry.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') => (name, port.parse().ok()),
        _ => (entry, None),
    }
}

fn in_network(ip: IpAddr, net: IpAddr, bits: u32) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy_for(target: &str, vars: &[(&str, &str)]) -> Result<Option<Proxy>, Error> {
        let target = Url::parse(target).unwrap();
        for_url(&target, |name| {
            vars.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
        })
    }

    fn shown(target: &str, vars: &[(&str, &str)]) -> Option<(String, &'static str)> {
        proxy_for(target, vars)
            .unwrap()
            .map(|p| (p.shown(), p.variable))
    }

    #[test]
    fn each_scheme_has_its_variables_and_all_proxy_covers_both() {
        let vars = [("HTTP_PROXY", "http://h:1"), ("HTTPS_PROXY", "http://s:2")];
        assert_eq!(
            shown("http://api/v1", &vars),
            Some(("http://h:1".into(), "HTTP_PROXY"))
        );
        assert_eq!(
            shown("https://api/v1", &vars),
            Some(("http://s:2".into(), "HTTPS_PROXY"))
        );
        let all = [("ALL_PROXY", "proxy:3128")];
        assert_eq!(
            shown("https://api/v1", &all),
            Some(("http://proxy:3128".into(), "ALL_PROXY"))
        );
        assert_eq!(shown("http://api/v1", &[]), None);
    }

    #[test]
    fn lower_case_wins_and_cgi_ignores_upper_case_http_proxy() {
        let vars = [
            ("http_proxy", "http://low:1"),
            ("HTTP_PROXY", "http://up:2"),
        ];
        assert_eq!(shown("http://a/v1", &vars).unwrap().1, "http_proxy");
        let cgi = [("HTTP_PROXY", "http://up:2"), ("REQUEST_METHOD", "GET")];
        assert_eq!(shown("http://a/v1", &cgi), None);
    }

    #[test]
    fn no_proxy_star_means_every_host_ips_included() {
        for target in [
            "http://127.0.0.1:8000/v1",
            "http://[::1]:8000/v1",
            "https://x.y/v1",
        ] {
            let vars = [("ALL_PROXY", "http://p:1"), ("NO_PROXY", "*")];
            assert_eq!(shown(target, &vars), None, "{target}");
        }
    }

    #[test]
    fn no_proxy_entries_match_like_curl() {
        let url = |u: &str| Url::parse(u).unwrap();
        let list = "example.com, .corp.test 10.0.0.0/8,::1 ,192.168.1.5,gw.test:8443";
        for direct in [
            "http://example.com/v1",
            "http://API.example.com/v1",
            "http://a.corp.test/v1",
            "http://corp.test/v1",
            "http://10.2.3.4:80/v1",
            "http://[::1]:9/v1",
            "http://192.168.1.5/v1",
            "https://gw.test:8443/v1",
        ] {
            assert!(bypasses(list, &url(direct)), "{direct}");
        }
        for proxied in [
            "http://notexample.com/v1",
            "http://example.com.evil/v1",
            "http://11.0.0.1/v1",
            "http://192.168.1.50/v1",
            "https://gw.test/v1",
        ] {
            assert!(!bypasses(list, &url(proxied)), "{proxied}");
        }
    }

    #[test]
    fn credentials_stay_out_of_what_is_shown() {
        let vars = [("HTTPS_PROXY", "http://me:s3cret@proxy:3128")];
        let proxy = proxy_for("https://api/v1", &vars).unwrap().unwrap();
        assert_eq!(proxy.shown(), "http://proxy:3128");
        assert!(!format!("{proxy:?}").contains("s3cret"));
        assert!(proxy.url().contains("s3cret"), "the client still gets them");
    }

    #[test]
    fn unusable_proxies_are_errors_that_do_not_show_the_value() {
        let err = proxy_for("https://api/v1", &[("HTTPS_PROXY", "socks5://u:pw@h:1")]).unwrap_err();
        assert!(
            err.to_string().contains("HTTPS_PROXY names a socks5 proxy"),
            "{err}"
        );
        assert!(!err.to_string().contains("pw@"), "{err}");
        let err = proxy_for("http://api/v1", &[("HTTP_PROXY", "http://")]).unwrap_err();
        assert!(
            err.to_string().starts_with("HTTP_PROXY is not a proxy URL"),
            "{err}"
        );
        // A variable for the other scheme is not looked at.
        assert!(proxy_for("http://api/v1", &[("HTTPS_PROXY", "socks5://h")]).is_ok());
    }

    #[test]
    fn loopback_and_encryption() {
        let is = |value: &str| {
            let p = proxy_for("http://a/v1", &[("HTTP_PROXY", value)])
                .unwrap()
                .unwrap();
            (p.is_loopback(), p.is_encrypted())
        };
        assert_eq!(is("http://127.0.0.1:8080"), (true, false));
        assert_eq!(is("http://localhost:8080"), (true, false));
        assert_eq!(is("https://proxy:443"), (false, true));
        assert_eq!(is("proxy:3128"), (false, false));
    }
}
