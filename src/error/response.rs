//! Answers that cannot be used (exit code 8) and answers the model declined (exit code 9),
//! each with its data and its message.

use std::fmt;

/// A response, or a part of one, that is not what was asked for.
#[derive(Debug, thiserror::Error)]
pub enum BadResponse {
    #[error("the response is not {what} ({cause}){}", excerpt_part(.excerpt.as_deref()))]
    NotA {
        what: Expected,
        #[source]
        cause: serde_json::Error,
        /// The start of the body (or the server's error message in it), when shown.
        excerpt: Option<String>,
    },
    #[error("{what} ({cause})")]
    BadLine {
        what: BadLine,
        #[source]
        cause: serde_json::Error,
    },
    #[error("a listed batch is malformed ({0})")]
    ListedBatch(#[source] serde_json::Error),
    #[error("the response has no choices")]
    NoChoices,
    #[error("the stream carried no choices")]
    StreamNoChoices,
    #[error("the stream ended before [DONE]: the answer may be incomplete")]
    StreamUnfinished,
    #[error("the stream ended before response.completed: the answer may be incomplete")]
    ResponseUnfinished,
    #[error("the stream sent data that is not a JSON chunk: {0}")]
    NotAChunk(String),
    #[error(
        "{flag}: the answer is not valid JSON{}",
        if *.cut { "; it was cut off at the token limit: raise --max-tokens" } else { "" }
    )]
    NotJson {
        /// The flag that asked for JSON.
        flag: &'static str,
        /// Whether the answer was cut off at the token limit (the likely reason).
        cut: bool,
    },
    #[error("{}", no_block(*.0))]
    NoCodeBlock(Missing),
    #[error("the batch names no input file")]
    NoInputFile,
    #[error("the uploaded file has no id")]
    NoFileId,
    #[error("no result in the batch's output or error file")]
    NoBatchResult,
    /// A failed request of a batch, in the server's words.
    #[error("{0}")]
    BatchRequest(String),
}

/// Why `-x` found no block to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// No fence at all.
    NoBlock,
    /// A block opened and never closed: the answer was cut off, or is malformed.
    Unclosed,
}

/// Why `-x` printed nothing.
fn no_block(missing: Missing) -> &'static str {
    match missing {
        Missing::NoBlock => "-x: the answer has no fenced code block, so nothing was printed",
        Missing::Unclosed => {
            "-x: the answer's code block never closed (cut off at the token limit?), so \
             nothing was printed"
        }
    }
}

impl BadResponse {
    /// A body that does not parse as `what`; `excerpt` shows what it is instead.
    pub fn not_a(what: Expected, cause: serde_json::Error, excerpt: Option<String>) -> BadResponse {
        BadResponse::NotA {
            what,
            cause,
            excerpt,
        }
    }
}

/// What a response was expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Json,
    ChatCompletion,
    /// A Responses API `Response` object.
    Response,
    ModelList,
    Batch,
    BatchList,
    FileObject,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Json => "JSON",
            Expected::ChatCompletion => "a chat completion",
            Expected::Response => "a Responses API response",
            Expected::ModelList => "a model list",
            Expected::Batch => "a batch",
            Expected::BatchList => "a batch list",
            Expected::FileObject => "a file object",
        })
    }
}

/// A line of a batch's files that is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadLine {
    /// A line of the output or error file.
    Result,
    /// A line of the input file, downloaded back.
    Input,
}

impl fmt::Display for BadLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadLine::Result => "a batch result line is not JSON",
            BadLine::Input => "the batch input file is not JSON Lines",
        })
    }
}

/// Why the model gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum Declined {
    #[error("the model refused: {0}")]
    Refused(String),
    #[error("the answer was withheld by the content filter (finish_reason: content_filter)")]
    ContentFilter,
}

fn excerpt_part(excerpt: Option<&str>) -> String {
    excerpt.map(|e| format!(": {e}")).unwrap_or_default()
}
