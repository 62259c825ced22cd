//! One module per mode: each is the orchestration of what that command does.

pub mod ask;
pub mod batch;
pub mod chat;
pub mod each;
pub mod interactive;
pub mod models;
