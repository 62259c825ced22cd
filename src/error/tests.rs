//! The exit-code table, the messages of the errors, and the causes they keep.

use super::*;

#[test]
fn statuses_map_to_documented_codes() {
    let table = [
        (400, 5),
        (401, 3),
        (403, 3),
        (404, 5),
        (409, 5),
        (422, 5),
        (429, 4),
        (500, 6),
        (502, 6),
        (503, 6),
        (304, 8),
    ];
    for (status, expected) in table {
        assert_eq!(status_exit_code(status), expected, "status {status}");
    }
}

#[test]
fn a_key_refused_with_a_400_exits_as_authentication() {
    let litellm = |kind: &str| {
        Error::Api(ApiFailure {
            status: 400,
            detail: "No connected db.".into(),
            request_id: None,
            wait_refused: None,
            target: Target::Chat,
            key_from: None,
            kind: Some(kind.into()),
        })
        .exit_code()
    };
    assert_eq!(litellm("no_db_connection"), code::AUTH);
    assert_eq!(litellm("invalid_request_error"), code::INVALID_REQUEST);
}

#[test]
fn codes_are_distinct() {
    let mut all = [
        code::OK,
        code::UNEXPECTED,
        code::USAGE,
        code::AUTH,
        code::RATE_LIMIT,
        code::INVALID_REQUEST,
        code::SERVER,
        code::NETWORK,
        code::BAD_RESPONSE,
        code::DECLINED,
        code::TOOL_CALLS,
        code::BATCH_PENDING,
        code::BATCH_INCOMPLETE,
        code::INTERRUPTED,
    ];
    all.sort_unstable();
    let before = all.len();
    let mut dedup = all.to_vec();
    dedup.dedup();
    assert_eq!(dedup.len(), before);
}

#[test]
fn stream_errors_follow_their_type() {
    let cases = [
        (Some("invalid_request_error"), 5),
        (Some("rate_limit_error"), 4),
        (Some("authentication_error"), 3),
        (Some("server_error"), 6),
        (None, 6),
    ];
    for (kind, expected) in cases {
        let err = Error::StreamError {
            detail: String::new(),
            kind: kind.map(str::to_string),
        };
        assert_eq!(err.exit_code(), expected, "{kind:?}");
    }
}

#[test]
fn only_a_broken_pipe_on_stdout_is_quiet() {
    let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
    assert!(Error::Write(pipe()).is_broken_pipe());
    let saving = Error::Save {
        what: Saved::Resume,
        source: pipe(),
    };
    assert!(!saving.is_broken_pipe());
    assert!(!Error::Write(io::Error::from(io::ErrorKind::StorageFull)).is_broken_pipe());
    assert!(!Error::from(Problem::EmptyPrompt).is_broken_pipe());
}

#[test]
fn a_named_thing_that_cannot_be_read_is_bad_input_unless_the_machine_failed() {
    let read = |kind| Error::read(Input::File("a.txt".into()), io::Error::from(kind));
    assert_eq!(read(io::ErrorKind::NotFound).exit_code(), code::USAGE);
    assert_eq!(
        read(io::ErrorKind::PermissionDenied).exit_code(),
        code::USAGE
    );
    assert_eq!(read(io::ErrorKind::IsADirectory).exit_code(), code::USAGE);
    assert_eq!(read(io::ErrorKind::Other).exit_code(), code::UNEXPECTED);
    let stdin = Error::read(Input::Stdin, io::Error::other("EIO"));
    assert_eq!(stdin.to_string(), "cannot read stdin: EIO");
    assert_eq!(stdin.exit_code(), code::UNEXPECTED);
}

#[test]
fn errors_keep_their_causes() {
    use std::error::Error as _;
    let cause = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
    let err = Error::from(Problem::HistoryLine {
        path: "h.jsonl".into(),
        line: 3,
        cause,
    });
    assert!(
        err.to_string()
            .starts_with("history file h.jsonl line 3: EOF"),
        "{err}"
    );
    let source = err.source().map(|c| c.to_string());
    assert_eq!(
        source.as_deref(),
        Some("EOF while parsing an object at line 1 column 1")
    );
    let write = Error::Write(io::Error::other("disk full"));
    assert_eq!(
        write.source().map(|c| c.to_string()).as_deref(),
        Some("disk full")
    );
}

#[test]
fn api_failure_shows_detail_request_id_and_hint() {
    let err = Error::Api(ApiFailure {
        status: 401,
        detail: "Incorrect API key provided (type invalid_request_error, code invalid_api_key)"
            .into(),
        request_id: Some("req_123".into()),
        wait_refused: None,
        target: Target::Chat,
        key_from: None,
        kind: None,
    });
    assert_eq!(
        err.to_string(),
        "HTTP 401 Unauthorized: Incorrect API key provided (type invalid_request_error, \
         code invalid_api_key) (request id req_123); check OPENAI_API_KEY"
    );
}

#[test]
fn a_404_hint_fits_what_was_asked_for() {
    let not_found = |target| {
        Error::Api(ApiFailure {
            status: 404,
            detail: "No such thing".into(),
            request_id: None,
            wait_refused: None,
            target,
            key_from: None,
            kind: None,
        })
        .to_string()
    };
    assert!(not_found(Target::Chat).ends_with("check --model and OPENAI_BASE_URL"));
    assert!(not_found(Target::Responses).ends_with("needs --api chat"));
    let batch = not_found(Target::Batches);
    assert!(
        batch.ends_with("check the batch id and OPENAI_BASE_URL"),
        "{batch}"
    );
    assert!(!batch.contains("--model"), "{batch}");
}

#[test]
fn http_failures_keep_their_message_and_get_their_exit_code() {
    use crate::http::error::{Error as Http, Setting};
    use crate::http::options::Wait;
    use std::time::Duration;
    let wait = Wait::per_piece(Duration::from_secs(120), "--idle-timeout");
    let url = || "http://127.0.0.1:9/v1/models".to_string();
    let status = |status| {
        Http::Status(Box::new(ApiFailure {
            status,
            detail: "x".into(),
            request_id: None,
            wait_refused: None,
            target: Target::Models,
            key_from: None,
            kind: None,
        }))
    };
    let cases = [
        (status(401), code::AUTH),
        (status(429), code::RATE_LIMIT),
        (status(404), code::INVALID_REQUEST),
        (status(503), code::SERVER),
        (Http::Cancelled, code::INTERRUPTED),
        (
            Http::Setting(Setting::BadProxy {
                variable: "ALL_PROXY",
            }),
            code::USAGE,
        ),
        (
            Http::Setting(Setting::CaUnreadable {
                path: "ca.pem".into(),
                cause: io::Error::from(io::ErrorKind::NotFound),
            }),
            code::USAGE,
        ),
        (Http::Runtime(io::Error::other("no epoll")), code::NETWORK),
        (
            Http::NoAnswer {
                url: url(),
                wait,
                cause: None,
            },
            code::NETWORK,
        ),
        (Http::Silent { wait, cause: None }, code::NETWORK),
        (Http::TooLarge { limit: BODY }, code::BAD_RESPONSE),
    ];
    for (http, expected) in cases {
        let message = http.to_string();
        let err = Error::from(http);
        assert_eq!(err.exit_code(), expected, "{message}");
        assert_eq!(err.to_string(), message);
    }
    assert!(matches!(Error::from(Http::Cancelled), Error::Interrupted));
}

const BODY: u64 = 64 * 1024 * 1024;
