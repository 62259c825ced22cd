//! Exit codes, stable and documented in README.md ("Exit codes").

/// Everything worked.
pub const OK: u8 = 0;
/// Something unexpected: a local I/O failure or a bug.
pub const UNEXPECTED: u8 = 1;
/// Bad input or usage: a flag, the prompt, the configuration. Nothing was sent.
/// (clap uses 2 for its own usage errors too.)
pub const USAGE: u8 = 2;
/// The server refused the key: HTTP 401 or 403.
pub const AUTH: u8 = 3;
/// Rate limit or quota: HTTP 429.
pub const RATE_LIMIT: u8 = 4;
/// The server rejected the request: HTTP 400, 404, 422 and other 4xx.
pub const INVALID_REQUEST: u8 = 5;
/// The server failed: HTTP 5xx, or an error object in the middle of a stream; or an MCP
/// server failed to start or to answer.
pub const SERVER: u8 = 6;
/// No answer from the network: connection refused, DNS, TLS, timeouts.
pub const NETWORK: u8 = 7;
/// The answer could not be used: unparseable body, truncated stream, `--json` reply
/// that is not JSON.
pub const BAD_RESPONSE: u8 = 8;
/// The model declined: a refusal or `finish_reason: content_filter`.
pub const DECLINED: u8 = 9;
/// The model asked to call tools (which oaichat does not run yet); nothing was saved.
pub const TOOL_CALLS: u8 = 10;
/// `batch results` on a batch that has not finished yet: try again later.
pub const BATCH_PENDING: u8 = 11;
/// The batch ended without completing: failed (an invalid input file), expired or
/// cancelled.
pub const BATCH_INCOMPLETE: u8 = 12;
/// Ctrl-C (SIGINT), as shells report it: 128 + 2.
pub const INTERRUPTED: u8 = 130;
