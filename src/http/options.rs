//! What the HTTP layer needs to know, in its own terms: built from the configuration
//! (`Config::http`), so that the transport never reads output settings. (The flags named
//! in its messages, such as `--timeout`, come in the call's [`Wait`].)

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::secret::ApiKey;

/// The settings of a client: who is asking, through what, and how patiently.
#[derive(Clone)]
pub struct Options {
    /// Sent as `auth` says; never shown.
    pub api_key: ApiKey,
    pub auth: Auth,
    /// `OpenAI-Organization`, from `OPENAI_ORG_ID`.
    pub organization: Option<String>,
    /// `OpenAI-Project`, from `OPENAI_PROJECT_ID`.
    pub project: Option<String>,
    /// Extra headers (`--header`), sent with every request.
    pub headers: Vec<Header>,
    /// The proxy every request goes through, already chosen and checked.
    pub proxy: Option<Proxy>,
    /// Whether any hop is inside TLS. Plain http needs no CA at all, and loading one
    /// costs milliseconds at every start.
    pub tls: bool,
    /// Extra CA certificates to trust, read when the client is made.
    pub ca_certs: Vec<PathBuf>,
    pub connect_timeout: Duration,
    pub max_retries: u32,
    /// Log retries and the server's whole error message (`-v`).
    pub verbose: bool,
}

/// How the key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer KEY`, as OpenAI and every compatible server take it.
    Bearer,
    /// `api-key: KEY`, as Azure OpenAI takes it.
    ApiKeyHeader,
}

/// A header sent with every request (`--header`), already checked.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// Headers that carry a secret as gateways use them: shown as `(redacted)`.
const SECRET_HEADERS: [&str; 5] = [
    "api-key",
    "x-api-key",
    "proxy-authorization",
    "cookie",
    "authorization",
];

impl Header {
    pub fn is_secret(&self) -> bool {
        SECRET_HEADERS
            .iter()
            .any(|name| self.name.eq_ignore_ascii_case(name))
    }

    /// The value as a log may show it.
    pub fn shown(&self) -> &str {
        if self.is_secret() {
            "(redacted)"
        } else {
            &self.value
        }
    }
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.shown())
    }
}

/// A proxy, as the client needs it.
#[derive(Clone)]
pub struct Proxy {
    /// Credentials included: for reqwest only, never shown.
    pub url: String,
    /// The variable it came from, which messages name instead.
    pub variable: &'static str,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The key and the proxy's credentials must never reach a log.
        f.debug_struct("Options")
            .field("api_key", &"(redacted)")
            .field("auth", &self.auth)
            .field("organization", &self.organization)
            .field("project", &self.project)
            .field("headers", &self.headers)
            .field("proxy", &self.proxy.as_ref().map(|p| p.variable))
            .field("tls", &self.tls)
            .field("ca_certs", &self.ca_certs)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("verbose", &self.verbose)
            .finish()
    }
}

/// How long one call waits: for a whole answer, or for each piece of a stream. It bounds
/// the wait for the response headers and every read of the body. The flag that sets it is
/// named in the message when the wait runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    pub limit: Duration,
    pub flag: &'static str,
    /// True for a stream: the limit is the silence allowed between two pieces.
    pub per_piece: bool,
}

impl Wait {
    /// A whole answer within `limit`.
    pub fn whole(limit: Duration, flag: &'static str) -> Wait {
        Wait {
            limit,
            flag,
            per_piece: false,
        }
    }

    /// A stream silent for no longer than `limit` at a time.
    pub fn per_piece(limit: Duration, flag: &'static str) -> Wait {
        Wait {
            limit,
            flag,
            per_piece: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_neither_the_key_nor_the_proxy_credentials() {
        let options = Options {
            api_key: ApiKey::new("sk-very-secret".into()),
            auth: Auth::Bearer,
            organization: Some("org-1".into()),
            project: None,
            headers: vec![
                Header {
                    name: "Api-Key".into(),
                    value: "gateway-secret".into(),
                },
                Header {
                    name: "X-Team".into(),
                    value: "search".into(),
                },
            ],
            proxy: Some(Proxy {
                url: "http://user:hunter2@proxy:3128".into(),
                variable: "HTTPS_PROXY",
            }),
            tls: true,
            ca_certs: Vec::new(),
            connect_timeout: Duration::from_secs(10),
            max_retries: 2,
            verbose: false,
        };
        let shown = format!("{options:?}");
        assert!(!shown.contains("sk-very-secret"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("gateway-secret"), "{shown}");
        assert!(shown.contains("Api-Key: (redacted)"), "{shown}");
        assert!(shown.contains("X-Team: search"), "{shown}");
        assert!(shown.contains("HTTPS_PROXY"), "{shown}");
    }
}
