//! One module per mode, each the orchestration of what that command does, and `chat`, the
//! round trip that the one-shot answer and the interactive chat share.

pub mod ask;
pub mod batch;
pub mod cache;
pub mod cached;
pub mod chat;
pub mod config;
pub mod each;
pub mod interactive;
pub mod mcp;
pub mod models;
pub mod roles;
pub mod tool_calls;
pub mod tool_results;
