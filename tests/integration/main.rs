//! Integration tests: the real `oaichat` binary against a local HTTP server.
//!
//! One test binary, one module per behaviour (as ripgrep does), each named for what it
//! covers, never for the issue that asked for it; helpers live in `support`. Every run
//! goes through `support::Cmd::run`, which fails if the API key appears in any stdout or
//! stderr, so the whole suite checks that the key never leaks.

mod support;

mod architecture;
mod azure;
mod batch;
mod cache;
mod chat_commands;
mod chat_conversation;
mod chat_terminal;
mod cli;
mod config;
mod config_edit;
mod config_file;
mod conformance;
mod crash_safety;
mod errors;
mod extract;
mod headers;
mod history;
mod images;
mod input;
mod interactive;
mod interrupt;
mod line_mode;
mod line_mode_inputs;
mod mcp;
mod mcp_tools;
mod models;
mod options;
mod output;
mod output_file;
mod profiles;
mod progress;
mod proxies;
mod rate_limits;
mod reasoning;
mod reasoning_text;
mod render;
mod request;
mod responses;
mod responses_line_mode;
mod responses_stream;
mod resume;
mod retries;
mod roles;
mod schema;
mod stream;
mod terminal;
mod timeouts;
mod tls;
mod tokens;
mod tool_calls;
mod tool_runs;
mod tools;
mod transport;
mod usage;
