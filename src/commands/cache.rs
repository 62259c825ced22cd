//! `oaichat cache path` and `oaichat cache clear`: the folder `--cache` keeps answers in.

use std::io::Write;

use crate::config::{CacheAction, Env};
use crate::error::{Error, Task};

pub fn run(action: CacheAction, env: &Env, out: &mut impl Write) -> Result<(), Error> {
    let dir = crate::cache::dir(env.get("XDG_CACHE_HOME"), env.get("HOME"))
        .ok_or_else(|| Error::local(Task::Cache, "neither XDG_CACHE_HOME nor HOME is set"))?;
    match action {
        CacheAction::Path => writeln!(out, "{}", dir.display()).map_err(Error::Write),
        CacheAction::Clear => {
            let removed = crate::cache::clear(&dir).map_err(|e| {
                Error::local(Task::Cache, format!("cannot clear {}: {e}", dir.display()))
            })?;
            let noun = if removed == 1 { "answer" } else { "answers" };
            writeln!(
                out,
                "removed {removed} cached {noun} from {}",
                dir.display()
            )
            .map_err(Error::Write)
        }
    }
}
