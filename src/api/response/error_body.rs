//! Error bodies read as one line: OpenAI's `{"error": {…}}`, the shapes other servers use,
//! HTML pages from proxies, and plain text such as a local server's traceback.

use serde_json::Value;

/// What an error body says, in one line, and its `type` when it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetail {
    /// One line: the message's first line, capped (a local server's Python traceback
    /// would otherwise fill the terminal).
    pub text: String,
    pub kind: Option<String>,
    /// `error.code`, e.g. `insufficient_quota`.
    pub code: Option<String>,
    /// The whole message, when [`ErrorDetail::text`] shows less of it (for `-v`).
    pub whole: Option<String>,
}

/// How much of a message or a body to show in the one error line.
const EXCERPT_CHARS: usize = 200;

/// Reads an error body: OpenAI's `{"error": {message, type, param, code}}`, or the shapes
/// other servers use (`{"error": "text"}`, `{"detail": …}`, `{"message": …}`), the same
/// framed as a server-sent event (LiteLLM's failed streams answer `data: {"error": …}`),
/// the title or text of an HTML page (a proxy's), else the start of the body.
pub fn error_detail(body: &[u8]) -> ErrorDetail {
    let json = event_data(body).unwrap_or(body);
    match serde_json::from_slice::<Value>(json) {
        Ok(value) => error_value_detail(&value).unwrap_or_else(|| excerpt(body)),
        Err(_) => excerpt(body),
    }
}

/// The first event's data, when the body is server-sent events.
fn event_data(body: &[u8]) -> Option<&[u8]> {
    let text = std::str::from_utf8(body).ok()?;
    let data = text.trim_start().strip_prefix("data:")?;
    Some(data.lines().next()?.trim().as_bytes())
}

/// Reads an error JSON value (a whole body, or the `error` of a stream chunk). A `Value`
/// read by hand, not a struct: the servers oaichat talks to disagree on the shape (a string
/// for `error`, `detail` for `message`, a number for `code`), and each is worth reading.
pub fn error_value_detail(value: &Value) -> Option<ErrorDetail> {
    let error = value.get("error").unwrap_or(value);
    if let Some(text) = error.as_str() {
        return Some(one_line(text, None, None));
    }
    let message = error
        .get("message")
        .or_else(|| error.get("detail"))
        .map(|m| match m {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })?;
    let kind = error
        .get("type")
        .and_then(Value::as_str)
        .map(str::to_string);
    let code = match error.get("code") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Some(one_line(&message, kind, code))
}

/// The message as one line, with its type and code after it.
fn one_line(message: &str, kind: Option<String>, code: Option<String>) -> ErrorDetail {
    let message = message.trim();
    let (mut text, cut) = first_line(message);
    match (&kind, &code) {
        (Some(kind), Some(code)) => text.push_str(&format!(" (type {kind}, code {code})")),
        (Some(kind), None) => text.push_str(&format!(" (type {kind})")),
        (None, Some(code)) => text.push_str(&format!(" (code {code})")),
        (None, None) => {}
    }
    ErrorDetail {
        text,
        kind,
        code,
        whole: cut.then(|| message.to_string()),
    }
}

/// The first non-empty line, at most [`EXCERPT_CHARS`] characters, control characters
/// blanked; and whether anything was left out (said with `…`, plus how to see the rest).
fn first_line(text: &str) -> (String, bool) {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut first = lines.next().unwrap_or_default().to_string();
    // A heading such as pydantic's "1 validation error:" (llama-cpp-python's server) says
    // nothing alone: the line after it is the reason.
    if first.ends_with(':')
        && let Some(next) = lines.next()
    {
        first = format!("{first} {next}");
    }
    let more = lines.count();
    let mut shown: String = first
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let long = first.chars().count() > EXCERPT_CHARS;
    if long {
        shown.push('…');
    }
    match more {
        0 => {}
        1 => shown.push_str(" (and 1 more line: -v shows it)"),
        _ => shown.push_str(&format!(" (and {more} more lines: -v shows them)")),
    }
    (shown, long || more > 0)
}

fn excerpt(body: &[u8]) -> ErrorDetail {
    let text = String::from_utf8_lossy(body);
    let text = html_text(&text).unwrap_or_else(|| text.trim().to_string());
    if text.is_empty() {
        return one_line("(empty body)", None, None);
    }
    one_line(&text, None, None)
}

/// What an HTML page (a proxy's or a gateway's error page) says: its `<title>`, else its
/// text without tags, on one line. None when the body is not HTML.
fn html_text(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let start = lower.trim_start();
    let is_html = start.starts_with("<!doctype html") || start.starts_with("<html");
    if !is_html {
        return None;
    }
    let title = lower.find("<title").and_then(|at| {
        let open = at + lower[at..].find('>')? + 1;
        let close = open + lower[open..].find("</title")?;
        Some(&body[open..close])
    });
    let text = match title.map(words).filter(|t| !t.is_empty()) {
        Some(title) => title,
        None => words(&strip_tags(body)),
    };
    Some(
        text.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">"),
    )
}

fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Whitespace runs as single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openai_error_shows_message_type_and_code() {
        let body = br#"{"error":{"message":"Bad key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#;
        assert_eq!(
            error_detail(body),
            ErrorDetail {
                text: "Bad key (type invalid_request_error, code invalid_api_key)".into(),
                kind: Some("invalid_request_error".into()),
                code: Some("invalid_api_key".into()),
                whole: None,
            }
        );
    }

    #[test]
    fn other_servers_error_shapes_are_readable() {
        assert_eq!(
            error_detail(br#"{"error":"model not found"}"#).text,
            "model not found"
        );
        assert_eq!(error_detail(br#"{"detail":"Not Found"}"#).text, "Not Found");
        assert_eq!(
            error_detail(br#"{"error":{"message":"x","code":400}}"#).text,
            "x (code 400)"
        );
        assert_eq!(error_detail(b"").text, "(empty body)");
        let long = "a".repeat(300);
        assert_eq!(error_detail(long.as_bytes()).text.chars().count(), 201);
    }

    #[test]
    fn an_error_framed_as_an_event_is_read_as_its_json() {
        let body = b"data: {\"error\": {\"message\": \"Error processing stream start\", \
                     \"type\": \"internal_server_error\", \"code\": \"500\"}}\n\ndata: [DONE]\n\n";
        assert_eq!(
            error_detail(body).text,
            "Error processing stream start (type internal_server_error, code 500)"
        );
        assert_eq!(error_detail(b"data: not json\n\n").text, "data: not json");
    }

    #[test]
    fn an_html_page_is_shown_by_its_title_or_its_text() {
        let page = b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n\
                     <body><center><h1>502 Bad Gateway</h1></center><hr>nginx</body></html>";
        assert_eq!(error_detail(page).text, "502 Bad Gateway");
        assert_eq!(
            error_detail(b"<html>\n<body><h1>Service &amp; more</h1>\n<p>down</p></body></html>")
                .text,
            "Service & more down"
        );
    }

    #[test]
    fn a_message_of_many_lines_is_one_line_and_keeps_the_rest_for_verbose() {
        let traceback = "Internal error\nTraceback (most recent call last):\n  File \"x.py\"\n";
        let detail = error_detail(traceback.as_bytes());
        assert_eq!(
            detail.text,
            "Internal error (and 2 more lines: -v shows them)"
        );
        assert_eq!(detail.whole.as_deref(), Some(traceback.trim()));
        let json =
            serde_json::json!({"error": {"message": "boom\nline two", "type": "server_error"}});
        let detail = error_value_detail(&json).unwrap();
        assert_eq!(
            detail.text,
            "boom (and 1 more line: -v shows it) (type server_error)"
        );
        assert_eq!(error_detail(b"short").whole, None);
        let pydantic = "1 validation error:\n  {'loc': ('body', 'response_format', 'type'), \
                        'msg': \"Input should be 'text' or 'json_object'\"}\n\n  File \"app.py\"\n";
        assert_eq!(
            error_detail(pydantic.as_bytes()).text,
            "1 validation error: {'loc': ('body', 'response_format', 'type'), 'msg': \"Input \
             should be 'text' or 'json_object'\"} (and 1 more line: -v shows it)"
        );
    }
}
