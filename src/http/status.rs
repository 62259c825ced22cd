//! A non-success status, with what the server said about it, and the message it makes:
//! the status, the server's own words, the request id, and the fix the user can make.

use std::fmt;
use std::time::Duration;

use crate::http::retry::MAX_SERVER_WAIT;

/// An error from an HTTP status, with what the server said about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiFailure {
    pub status: u16,
    /// The server's own words: `error.message` (with type and code) or the start of the body.
    pub detail: String,
    /// `x-request-id`, which OpenAI support asks for.
    pub request_id: Option<String>,
    /// Set when the server asked for a wait too long to sleep through before a retry.
    pub wait_refused: Option<Duration>,
    /// What the request was for, so that the hint fits the command.
    pub target: Target,
    /// Where the key came from, when not `OPENAI_API_KEY`: a 401's hint names it.
    pub key_from: Option<String>,
    /// The error body's `type`, when it has one.
    pub kind: Option<String>,
}

/// LiteLLM's proxy looks up every key but its master key in its database; without one it
/// answers any other key with a 400 of this type instead of a 401.
const LITELLM_NO_DATABASE: &str = "no_db_connection";

impl ApiFailure {
    /// Whether the server refused the key: a 401 or 403, or the 400 by which a LiteLLM
    /// proxy without a database refuses a key that is not its master key.
    pub fn refuses_key(&self) -> bool {
        matches!(self.status, 401 | 403)
            || (self.status == 400 && self.kind.as_deref() == Some(LITELLM_NO_DATABASE))
    }
}

/// What a request was for. A 404 from the chat endpoint means a model or a URL, from the
/// batches endpoint a batch id: the hints differ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Target {
    #[default]
    Chat,
    /// The Responses API (`/v1/responses`), which many compatible servers do not offer.
    Responses,
    Models,
    Batches,
    Files,
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", status_text(self.status), self.detail)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        if let Some(wait) = self.wait_refused {
            write!(
                f,
                "; the server asks to wait {}s before a retry, longer than oaichat \
                 waits ({}s): try again later",
                wait.as_secs_f64().ceil(),
                MAX_SERVER_WAIT.as_secs()
            )?;
        } else if self.status == 401 {
            let key = self.key_from.as_deref().unwrap_or("OPENAI_API_KEY");
            write!(f, "; check {key}")?;
        } else if self.refuses_key() && self.status == 400 {
            let key = self.key_from.as_deref().unwrap_or("OPENAI_API_KEY");
            write!(
                f,
                "; this LiteLLM proxy has no database, so only its master key is \
                 accepted: check {key}"
            )?;
        } else if let Some(hint) = status_hint(self.status, self.target) {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

fn status_text(status: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("HTTP {status} {reason}"),
        None => format!("HTTP {status}"),
    }
}

/// The fix a user can make for the common statuses, in the terms of the command.
fn status_hint(status: u16, target: Target) -> Option<&'static str> {
    match (status, target) {
        (403, Target::Chat) => Some("the key has no access to this model or project"),
        (403, _) => Some("the key has no access to this project"),
        (404, Target::Chat) => Some("check --model and OPENAI_BASE_URL"),
        (404, Target::Responses) => Some(
            "check --model and OPENAI_BASE_URL; a server without the Responses API \
             (/v1/responses) needs --api chat",
        ),
        (404, Target::Models) => Some("check OPENAI_BASE_URL (it usually ends in /v1)"),
        (404, Target::Batches) => Some("check the batch id and OPENAI_BASE_URL"),
        (404, Target::Files) => {
            Some("check OPENAI_BASE_URL: this server may not offer the Files API")
        }
        (429, _) => Some("wait and retry, or check your plan and billing"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(status: u16) -> ApiFailure {
        ApiFailure {
            status,
            detail: "Slow down".into(),
            request_id: None,
            wait_refused: None,
            target: Target::Chat,
            key_from: None,
            kind: None,
        }
    }

    #[test]
    fn a_refused_wait_replaces_the_hint() {
        let refused = ApiFailure {
            wait_refused: Some(Duration::from_millis(90_500)),
            ..failure(429)
        };
        assert_eq!(
            refused.to_string(),
            format!(
                "HTTP 429 Too Many Requests: Slow down; the server asks to wait 91s before a \
                 retry, longer than oaichat waits ({}s): try again later",
                MAX_SERVER_WAIT.as_secs()
            )
        );
        assert_eq!(
            failure(429).to_string(),
            "HTTP 429 Too Many Requests: Slow down; wait and retry, or check your plan and \
             billing"
        );
    }

    #[test]
    fn litellms_400_for_a_key_it_cannot_check_is_a_refused_key() {
        let no_database = ApiFailure {
            detail: "No connected db. (type no_db_connection, code 400)".into(),
            kind: Some(LITELLM_NO_DATABASE.into()),
            ..failure(400)
        };
        assert!(no_database.refuses_key());
        assert_eq!(
            no_database.to_string(),
            "HTTP 400 Bad Request: No connected db. (type no_db_connection, code 400); this \
             LiteLLM proxy has no database, so only its master key is accepted: check \
             OPENAI_API_KEY"
        );
        assert!(!failure(400).refuses_key());
        assert!(failure(403).refuses_key());
    }

    #[test]
    fn an_unknown_status_has_no_reason_and_no_hint() {
        assert_eq!(failure(599).to_string(), "HTTP 599: Slow down");
    }
}
