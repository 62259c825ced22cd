//! A `--jsonl` record (or a batch input line) that names a `"role"`: that role's text and
//! request fields apply to that record, over the run's settings (those of `-r` too), and
//! the flags still win, as they win over `-r`. The record's own fields go on top of the
//! result (see `commands::each`).
//!
//! The run's settings are resolved once; a record's role is laid over them here rather
//! than resolved again, since a record names its role while the run is under way.

use super::{Shelf, joined};
use crate::api::request::Settings;
use crate::catalog;
use crate::config::file::Layer;
use crate::error::{Error, Problem};

/// A record's settings and, when its role has a text, its system message.
pub type Applied = (Settings, Option<String>);

/// What a record's role is applied with.
#[derive(Debug, Clone, Default)]
pub struct RecordRoles {
    /// Where roles are found.
    pub shelf: Shelf,
    /// `-s`/`--system-file`, which goes after the role's text.
    pub flag_system: Option<String>,
    /// The settings the flags gave, named as `Layers::pick` records them: a role leaves
    /// them alone.
    pub flagged: Vec<&'static str>,
}

impl RecordRoles {
    /// The settings of a record that names `role`, from the run's, and its system message
    /// when the role has a text (else the run's stays).
    pub fn apply(&self, role: &str, settings: &Settings) -> Result<Applied, Error> {
        let role = self.shelf.load(role)?;
        let settings = self.over(settings, &role.layer)?;
        let system =
            (role.layer.system.as_deref()).map(|text| joined(text, self.flag_system.as_deref()));
        Ok((settings, system))
    }

    /// `settings` with the role's request fields where no flag set them, and the
    /// reasoning-model rules checked again for the result. Run-wide settings (stream,
    /// usage, timeouts, retries) are the run's.
    fn over(&self, settings: &Settings, role: &Layer) -> Result<Settings, Problem> {
        let open = |key: &str| !self.flagged.contains(&key);
        fn set<T: Clone>(open: bool, to: &mut Option<T>, from: &Option<T>) {
            if open && from.is_some() {
                to.clone_from(from);
            }
        }
        let mut settings = settings.clone();
        if let Some(model) = role.model.as_ref().filter(|_| open("model")) {
            settings.model.clone_from(model);
        }
        if let Some(format) = role.format().filter(|_| open("response_format")) {
            settings.format = format;
        }
        let p = &mut settings.params;
        set(open("temperature"), &mut p.temperature, &role.temperature);
        set(open("top_p"), &mut p.top_p, &role.top_p);
        let effort = &role.reasoning_effort;
        set(open("reasoning_effort"), &mut p.reasoning_effort, effort);
        set(open("seed"), &mut p.seed, &role.seed);
        let penalty = &role.frequency_penalty;
        set(open("frequency_penalty"), &mut p.frequency_penalty, penalty);
        let penalty = &role.presence_penalty;
        set(open("presence_penalty"), &mut p.presence_penalty, penalty);
        // The two limits come as a pair from one layer: both may not be sent.
        let limits = (role.max_tokens, role.max_completion_tokens);
        if open("max_tokens") && limits != (None, None) {
            (p.max_tokens, p.max_completion_tokens) = limits;
        }
        if let Some(stop) = role.stop.as_ref().filter(|_| open("stop")) {
            p.stop.clone_from(stop);
        }
        let limits = (p.max_tokens, p.max_completion_tokens);
        let limits =
            catalog::token_limits(&settings.model, p.temperature, p.reasoning_effort, limits)?;
        (p.max_tokens, p.max_completion_tokens) = limits;
        Ok(settings)
    }
}
