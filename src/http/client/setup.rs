//! The reqwest client an [`Api`](super::Api) sends with: its headers, proxy, TLS roots and
//! connect timeout, from the layer's [`Options`].

use reqwest::Client as Http;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::USER_AGENT;
use crate::http::error::{Error, Setting};
use crate::http::options::Options;

pub(super) fn http_client(options: &Options) -> Result<Http, Error> {
    // The proxy was chosen (and checked) with the configuration; reqwest must not pick
    // one of its own from the environment.
    let mut builder = Http::builder()
        .user_agent(USER_AGENT)
        .default_headers(headers(options)?)
        .connect_timeout(options.connect_timeout)
        .no_proxy();
    if let Some(proxy) = &options.proxy {
        // The error is not kept: it could quote the URL, password and all.
        let variable = proxy.variable;
        let proxy = reqwest::Proxy::all(&proxy.url).map_err(|_| Setting::BadProxy { variable })?;
        builder = builder.proxy(proxy);
    }
    if !options.tls {
        // Plain http needs no CA at all, and reading the system store (or an
        // SSL_CERT_FILE bundle) costs milliseconds at every start: measured with
        // callgrind, a fifth of the instructions of a 20,000-chunk stream run.
        builder = builder.tls_certs_only(Vec::new());
    } else if !options.ca_certs.is_empty() {
        builder = builder.tls_certs_merge(ca_certs(options)?);
    }
    builder.build().map_err(Error::Client)
}

fn ca_certs(options: &Options) -> Result<Vec<reqwest::Certificate>, Error> {
    let mut certs = Vec::new();
    for path in &options.ca_certs {
        let pem = std::fs::read(path).map_err(|cause| Setting::CaUnreadable {
            path: path.clone(),
            cause,
        })?;
        let found =
            reqwest::Certificate::from_pem_bundle(&pem).map_err(|cause| Setting::CaNotPem {
                path: path.clone(),
                cause,
            })?;
        if found.is_empty() {
            return Err(Setting::CaEmpty { path: path.clone() }.into());
        }
        certs.extend(found);
    }
    Ok(certs)
}

fn headers(options: &Options) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::new();
    let pairs = [
        (
            "openai-organization",
            options.organization.as_deref(),
            "OPENAI_ORG_ID",
        ),
        (
            "openai-project",
            options.project.as_deref(),
            "OPENAI_PROJECT_ID",
        ),
    ];
    for (name, value, variable) in pairs {
        if let Some(value) = value {
            let value = HeaderValue::from_str(value.trim())
                .map_err(|cause| Setting::BadHeader { variable, cause })?;
            headers.insert(name, value);
        }
    }
    // A later header of a name replaces an earlier one (and OpenAI-Organization/-Project).
    for header in &options.headers {
        // Checked when the configuration was resolved; a failure here is skipped, not sent.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(header.name.as_bytes()),
            HeaderValue::from_str(&header.value),
        ) {
            headers.insert(name, value);
        }
    }
    Ok(headers)
}
