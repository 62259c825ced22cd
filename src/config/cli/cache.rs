//! `--cache` and `--cache-ttl`, kept apart from the other flags: one concern, and the
//! main definition stays readable.

use std::time::Duration;

use clap::Args;

#[derive(Args, Debug, Clone, Default, PartialEq)]
pub struct CacheArgs {
    /// Answer a request seen before (same body, URL and headers) from the cache
    /// ($XDG_CACHE_HOME/oaichat, else ~/.cache/oaichat) without a network call; store new
    /// successful answers there.
    #[arg(help_heading = "Cache", long, conflicts_with = "dry_run")]
    pub cache: bool,

    /// Neither read nor write the cache, whatever the config file or profile says.
    #[arg(help_heading = "Cache", long, conflicts_with = "cache")]
    pub no_cache: bool,

    /// With --cache: reuse only answers younger than this (90s, 10m, 2h, 7d); an older one
    /// is asked again and replaced [default: no limit].
    #[arg(help_heading = "Cache", long, value_name = "DURATION", value_parser = crate::cache::parse_ttl)]
    pub cache_ttl: Option<Duration>,
}
