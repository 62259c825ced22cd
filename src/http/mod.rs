//! The only code that speaks HTTP: the client with its retries and rate limits, and the
//! driver that runs reqwest on the calling thread.

pub mod client;
pub mod driver;
pub mod ratelimit;
pub mod retry;
