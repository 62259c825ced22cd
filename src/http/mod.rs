//! The only code that speaks HTTP: the client with its retries and rate limits, and the
//! driver that runs reqwest on the calling thread.

pub mod client;
mod driver;
pub mod ratelimit;
pub mod retry;
mod status;

pub use driver::{Cancelled, Driver, Response, Shared, Stop};
pub use status::{ApiFailure, Target};
