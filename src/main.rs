//! The `oaichat` binary: parse, run, and turn the outcome into one line and an exit code.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap prints --help and usage errors itself (exit 0 / 2); `run` prints --version.
    // Neither reads any configuration.
    let cli = oaichat::config::cli::parse();
    oaichat::interrupt::install();
    let facts = oaichat::config::Facts {
        stdin_is_terminal: io::stdin().is_terminal(),
        stderr_is_terminal: io::stderr().is_terminal(),
    };
    // Buffered: a one-shot answer is written in one go; streamed deltas flush themselves.
    // Not locked for the whole run, so the Ctrl-C handler can still end the line.
    let mut out = BufWriter::new(io::stdout());
    let mut err = io::stderr();
    let result = oaichat::run(&cli, facts, &mut out, &mut err)
        .and_then(|()| out.flush().map_err(oaichat::error::Error::Write));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            oaichat::log::error(&mut err, &e);
            ExitCode::from(e.exit_code())
        }
    }
}
