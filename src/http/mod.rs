//! The only code that speaks HTTP: the client with its retries and rate limits, and the
//! driver that runs reqwest on the calling thread.

pub mod client;
mod driver;
mod error;
mod options;
pub mod ratelimit;
pub mod retry;
mod status;

pub use driver::{Cancelled, Driver, Response, Shared, Stop};
pub use error::{Error, Setting};
pub use options::{Options, Proxy, Wait};
pub use status::{ApiFailure, Target};
