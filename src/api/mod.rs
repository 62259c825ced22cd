//! The wire: what oaichat sends and what comes back, as the OpenAPI spec shapes them.

pub mod fastchunk;
pub mod message;
pub mod request;
pub mod response;
pub mod responses;
pub mod sse;
