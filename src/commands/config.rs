//! `oaichat config`: the config file itself (its path, for now).

use std::io::Write;

use crate::config::file::Location;
use crate::error::{Error, Problem};

/// `oaichat config --path`: the path oaichat reads, whether or not the file exists yet.
pub fn path(location: Option<&Location>, out: &mut impl Write) -> Result<(), Error> {
    let location = location.ok_or(Problem::NoConfigPlace)?;
    writeln!(out, "{}", location.path.display()).map_err(Error::Write)
}
