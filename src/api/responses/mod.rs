//! The Responses API (`POST /responses`): the wire for models served only there (o3-pro,
//! the codex and deep-research models, issue 16). A chat request is mapped to it, and its
//! answers, whole or streamed, are read into the chat shapes the printers already know,
//! so every flag behaves the same on either API.

mod check;
mod choice;
pub mod event;
pub mod request;
pub mod response;

pub use check::{MIN_OUTPUT_TOKENS, Origin, Unsupported, refusal, too_few_tokens, unsupported};
pub use choice::{ApiChoice, Wire, says_responses_only};
pub use request::{ResponsesRequest, encode_for, from_chat, value_for};
pub use response::{Failure, Response};
