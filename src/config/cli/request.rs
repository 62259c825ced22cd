//! The request's fields, flattened into the main command and into `batch create`: the
//! two places a request is built from flags.

use std::path::PathBuf;

use clap::Args;

use crate::api::request::ReasoningEffort;

use super::values::{non_empty, penalty, temperature, top_p};

#[derive(Args, Debug, Clone, Default, PartialEq)]
pub struct RequestArgs {
    /// Model ID [default: $OPENAI_MODEL, else gpt-4o-mini].
    #[arg(help_heading = "Request", short, long, value_name = "MODEL", value_parser = non_empty)]
    pub model: Option<String>,

    /// System message: how the model should behave.
    #[arg(
        help_heading = "Request",
        short,
        long,
        value_name = "TEXT",
        conflicts_with = "system_file"
    )]
    pub system: Option<String>,

    /// Read the system message from a file.
    #[arg(help_heading = "Request", long, value_name = "PATH")]
    pub system_file: Option<PathBuf>,

    /// Sampling temperature, 0 to 2: lower is more focused, higher more random.
    #[arg(help_heading = "Request", short, long, value_name = "T", value_parser = temperature, allow_negative_numbers = true)]
    pub temperature: Option<f64>,

    /// Nucleus sampling, 0 to 1: only the tokens in the top P probability mass.
    #[arg(help_heading = "Request", long, value_name = "P", value_parser = top_p, allow_negative_numbers = true)]
    pub top_p: Option<f64>,

    /// Upper bound on the tokens in the answer (sent as `max_tokens`, or as
    /// `max_completion_tokens` for reasoning models, which reject `max_tokens`).
    #[arg(help_heading = "Request", long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), allow_negative_numbers = true)]
    pub max_tokens: Option<u32>,

    /// Upper bound on answer plus reasoning tokens, sent as `max_completion_tokens`.
    #[arg(help_heading = "Request", long, value_name = "N", conflicts_with = "max_tokens", value_parser = clap::value_parser!(u32).range(1..), allow_negative_numbers = true)]
    pub max_completion_tokens: Option<u32>,

    /// How hard a reasoning model thinks: minimal (gpt-5 family), low, medium or high.
    #[arg(help_heading = "Request", long, value_name = "EFFORT", value_parser = super::values::reasoning_effort())]
    pub reasoning_effort: Option<ReasoningEffort>,

    /// Set any request field: VALUE is JSON when it parses as JSON, else a string; a
    /// dotted KEY sets a nested field (repeatable). E.g. -o top_k=40 -o service_tier=flex
    /// -o logit_bias='{"1234":-100}' -o stream_options.include_obfuscation=false
    #[arg(
        help_heading = "Request",
        short = 'o',
        long = "option",
        value_name = "KEY=VALUE",
        allow_hyphen_values = true
    )]
    pub options: Vec<String>,

    /// Stop generating at this text (repeatable, at most 4).
    #[arg(
        help_heading = "Request",
        long,
        value_name = "TEXT",
        allow_hyphen_values = true
    )]
    pub stop: Vec<String>,

    /// Ask for deterministic sampling with this seed (best effort).
    #[arg(
        help_heading = "Request",
        long,
        value_name = "INT",
        allow_negative_numbers = true
    )]
    pub seed: Option<i64>,

    /// Penalise tokens by how often they appeared, -2 to 2.
    #[arg(help_heading = "Request", long, value_name = "X", value_parser = penalty, allow_negative_numbers = true)]
    pub frequency_penalty: Option<f64>,

    /// Penalise tokens that appeared at all, -2 to 2.
    #[arg(help_heading = "Request", long, value_name = "X", value_parser = penalty, allow_negative_numbers = true)]
    pub presence_penalty: Option<f64>,

    /// JSON mode: the answer is one JSON object, checked to parse.
    #[arg(help_heading = "Request", long, conflicts_with = "schema")]
    pub json: bool,

    /// Structured output: the answer follows this JSON Schema (a file, or inline JSON
    /// starting with `{`), sent as response_format json_schema with strict: true.
    #[arg(help_heading = "Request", long, value_name = "FILE|JSON")]
    pub schema: Option<String>,
}
