//! `--cache` around a chat request, shared by the one-shot answer, the chat and line
//! mode: what the request is keyed by, the look-up (said with `-v`), and the store.
//!
//! The callers decide what is worth storing: an HTTP 200 with a well-formed answer that
//! passed the checks a fresh one gets (no refusal, no cut-off stream).

use std::io::Write;
use std::time::SystemTime;

use crate::cache::{Entry, Kind, Lookup, Parts, Slot};
use crate::config::Config;

/// The request's place in the cache; None when `--cache` is off.
pub fn slot(config: &Config, url: &str, body: &[u8]) -> Option<Slot> {
    let settings = config.cache.as_ref()?;
    // The headers that can change the answer: the account's organization and project,
    // and the user's own. Never the key, nor a header that carries one (a gateway's).
    let mut headers: Vec<(&str, &str)> = Vec::new();
    if let Some(organization) = &config.organization {
        headers.push(("openai-organization", organization));
    }
    if let Some(project) = &config.project {
        headers.push(("openai-project", project));
    }
    let own = config.headers.iter().filter(|h| !h.is_secret());
    headers.extend(own.map(|h| (h.name.as_str(), h.value.as_str())));
    let parts = Parts {
        url,
        headers: &headers,
        body,
    };
    Some(Slot::new(settings, parts))
}

/// The stored answer of `slot`, if there is one to reuse; `-v` says which.
pub fn lookup(config: &Config, slot: &Slot, err: &mut impl Write) -> Option<Entry> {
    match slot.get(SystemTime::now()) {
        Lookup::Hit(entry) => {
            if config.verbose {
                let path = slot.path();
                crate::log::line(
                    err,
                    format_args!("cached: {} (no request sent)", path.display()),
                );
            }
            Some(entry)
        }
        Lookup::Miss(miss) => {
            if config.verbose {
                crate::log::line(err, format_args!("{miss}"));
            }
            None
        }
    }
}

/// Keeps a successful answer. A failure to store costs only the next run's time, so it
/// is a warning, not an error.
pub fn store(slot: &Slot, kind: Kind, payload: &[u8], err: &mut impl Write) {
    if let Err(e) = slot.put(kind, payload, SystemTime::now()) {
        let path = slot.path();
        crate::log::warning(
            err,
            format_args!("cannot cache the answer in {}: {e}", path.display()),
        );
    }
}
