//! The subcommands: `models` and `batch …`.

use std::path::PathBuf;

use clap::Subcommand;

use super::values::poll_seconds;

#[derive(Subcommand, Debug, Clone, PartialEq)]
pub enum Sub {
    /// List the models the API offers (GET /models), one id per line, sorted. Also the
    /// quickest check that a key works. With --raw, the API's JSON.
    Models,
    /// OpenAI's Batch API: half the price, no local rate limits, results within 24 h.
    Batch {
        #[command(subcommand)]
        action: BatchAction,
    },
}

#[derive(Subcommand, Debug, Clone, PartialEq)]
pub enum BatchAction {
    /// Upload INPUT (--jsonl lines, or text lines with --each) as a batch; prints its id.
    Create {
        /// The input file.
        input: PathBuf,
        /// Every line of INPUT is a prompt (else a --jsonl request object).
        #[arg(long)]
        each: bool,
    },
    /// Print a batch's status and counts (--raw: the batch object).
    Status { id: String },
    /// Wait until a batch finishes, with progress on stderr; non-zero unless it completed.
    Wait {
        id: String,
        /// Seconds between the first polls (then backing off to a minute).
        #[arg(long, value_name = "SECONDS", default_value_t = 5.0, value_parser = poll_seconds)]
        poll: f64,
    },
    /// Print the results in input order, like line mode (--each: text lines; else JSON
    /// records; --raw adds each response).
    Results {
        id: String,
        /// Print text lines as --each does (else JSON records).
        #[arg(long)]
        each: bool,
    },
    /// Cancel a batch.
    Cancel { id: String },
    /// List recent batches: id, status and counts, one per line.
    List,
}
