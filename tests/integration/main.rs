//! Integration tests: the real `oaichat` binary against a local HTTP server.
//!
//! One test binary, one module per concern (as ripgrep does), with helpers in `support`.
//! Every run goes through `support::Cmd::run`, which fails if the API key appears in any
//! stdout or stderr, so the whole suite checks that the key never leaks.

mod support;

mod architecture;
mod batch;
mod cli;
mod config;
mod conversation;
mod crash_safety;
mod each;
mod each_inputs;
mod errors;
mod features;
mod input;
mod interactive;
mod output;
mod properties;
mod proxies;
mod reliability;
mod request;
mod stream;
mod tls;
