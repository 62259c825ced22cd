//! The colour choice, resolved with the rest of the configuration (see
//! [`crate::output::color`] for what it decides).

use super::cli::Cli;
use super::env::Env;
use super::layers::Layers;

/// `--color`, `NO_COLOR`, `CLICOLOR_FORCE`, then the layers' `color`.
pub(super) fn color(cli: &Cli, env: &Env, layers: &Layers) -> crate::output::color::ColorChoice {
    let file = layers.pick("color", None, None, |l| l.color);
    let (no_color, force) = (env.get("NO_COLOR"), env.get("CLICOLOR_FORCE"));
    crate::output::color::ColorChoice::decide(cli.color, no_color, force, file)
}
