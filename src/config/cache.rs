//! The response cache's settings (`--cache`, `--cache-ttl`, and the file's `cache` and
//! `cache_ttl`), resolved with the rest of the configuration.

use super::cli::Cli;
use super::env::Env;
use super::layers::Layers;

/// `--cache` and `--cache-ttl`, each from the first layer that sets it. Without a folder
/// to keep answers in, the run goes on uncached, saying so.
pub(super) fn cache(
    cli: &Cli,
    layers: &Layers,
    env: &Env,
    warnings: &mut Vec<String>,
) -> Option<crate::cache::Settings> {
    let flag = match (cli.cache.cache, cli.cache.no_cache) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let on = layers.pick("cache", flag, None, |l| l.cache);
    // The file's value was checked when it was read.
    let ttl = layers.pick("cache_ttl", cli.cache.cache_ttl, None, |l| {
        (l.cache_ttl.as_deref()).and_then(|t| crate::cache::parse_ttl(t).ok())
    });
    if on != Some(true) || cli.dry_run {
        return None;
    }
    let Some(dir) = crate::cache::dir(env.get("XDG_CACHE_HOME"), env.get("HOME")) else {
        warnings.push(
            "warning: --cache: neither XDG_CACHE_HOME nor HOME is set; nothing is cached".into(),
        );
        return None;
    };
    Some(crate::cache::Settings { dir, ttl })
}
