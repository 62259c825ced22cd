//! Settings: flags, the environment and `.env` resolved once into an immutable [`Config`]
//! (see [`resolve`]), and the [`Mode`] a run is in.
//!
//! Precedence: flags beat the environment, the environment beats `.env` (see [`Env`]).

mod cache;
pub mod cli;
mod color;
pub(crate) mod connection;
pub(crate) mod endpoint;
pub(crate) mod env;
pub(crate) mod file;
mod headers;
mod keys;
pub(crate) mod layers;
pub(crate) mod mcp;
mod mode;
pub(crate) mod options;
pub(crate) mod proxy;
mod resolve;
mod resolved;
pub mod roles;
mod tools;

pub use cli::{CacheAction, McpAction};
pub use connection::KeySource;
pub use env::Env;
pub use layers::Source;
pub use mode::{
    Ask, Batch, Chat, ConfigAction, Facts, FileAction, Kind, Lines, Mode, Places, RolesAction,
};
pub use resolve::Files;
pub use resolved::{
    Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MODEL, DEFAULT_TIMEOUT,
};
