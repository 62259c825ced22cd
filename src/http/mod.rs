//! The only code that speaks HTTP: the client with its retries and rate limits, and the
//! driver that runs reqwest on the calling thread. It has its own [`Options`], built once
//! from the configuration, and its own [`Error`], which keeps the cause of each failure.

pub mod client;
pub mod driver;
pub mod error;
pub mod options;
pub mod ratelimit;
pub mod retry;
pub mod status;

pub use error::Error;
pub use options::{Auth, Header, Options, Proxy, Wait};
pub use status::{ApiFailure, Target};
