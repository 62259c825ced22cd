//! The only code that speaks HTTP: the client with its retries and rate limits, and the
//! driver that runs reqwest on the calling thread. It has its own [`Options`], built once
//! from the configuration, and its own [`Error`], which keeps the cause of each failure.

pub mod client;
mod driver;
mod error;
mod options;
pub mod ratelimit;
pub mod retry;
mod status;

pub use driver::{Driver, Response, Stop};
pub use error::{Error, Setting};
pub use options::{Options, Proxy, Wait};
pub use status::{ApiFailure, Target};
