//! The `oaichat` binary: parse, run, and turn the outcome into one line and an exit code.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap prints --help and usage errors itself (exit 0 / 2); `run` prints --version.
    // Neither reads any configuration.
    let cli = oaichat::config::cli::parse();
    oaichat::interrupt::install();
    let facts = oaichat::config::Facts {
        stdin_is_terminal: io::stdin().is_terminal(),
        stderr_is_terminal: io::stderr().is_terminal(),
        answer_is_terminal: io::stdout().is_terminal(),
    };
    let mut err = io::stderr();
    let result = oaichat::run_to_destination(&cli, facts, &mut err);
    oaichat::interrupt::yield_to_exit();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) if e.is_request_for_tools() => {
            oaichat::log::line(&mut err, format_args!("{e}"));
            ExitCode::from(e.exit_code())
        }
        Err(e) => {
            oaichat::log::error(&mut err, &e);
            ExitCode::from(e.exit_code())
        }
    }
}
