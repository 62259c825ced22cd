//! What every line-mode input's request starts from: the run's settings and messages, and
//! the roles `--jsonl` records name, each applied once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::api::message::Message;
use crate::api::request::Settings;
use crate::api::responses::{self, ApiChoice, Origin, Wire};
use crate::config::Config;
use crate::config::roles::{Applied, RecordRoles};
use crate::conversation::Transcript;
use crate::error::{Error, Problem, Refusal};

/// What every input's request starts from.
#[derive(Debug, Clone)]
pub struct Template {
    pub settings: Settings,
    /// The system message and `--user`/`--assistant` turns, before each prompt.
    pub transcript: Transcript,
    /// The prompt arguments: each `--each` line is material for them.
    pub instruction: Option<String>,
    /// The roles `--jsonl` records name.
    pub roles: RoleCache,
    /// The API each request goes to, by its model (`--api`).
    pub api: ApiChoice,
    /// Give each chat request its Responses twin, for `--api auto`'s second try (line mode
    /// does; a batch cannot try twice).
    pub fallback: bool,
}

impl Template {
    /// The run's settings and system message, before `turns` and each prompt.
    pub fn new(config: &Config, turns: Vec<Message>, instruction: Option<String>) -> Template {
        Template {
            settings: config.request.clone(),
            transcript: Transcript::new(config.system.clone(), Vec::new(), turns),
            instruction,
            roles: RoleCache::new(config.record_roles.clone()),
            api: config.api,
            fallback: false,
        }
    }

    /// The same, giving each chat request its Responses twin (see [`Template::fallback`]).
    pub fn with_fallback(self) -> Template {
        Template {
            fallback: true,
            ..self
        }
    }

    /// Whether a request on `wire` carries its Responses twin.
    pub(super) fn twin(&self, wire: Wire) -> bool {
        self.fallback && self.api == ApiChoice::Auto && wire == Wire::Chat
    }

    /// Refuses, before any input is read, the run's own settings when its model goes to the
    /// Responses API and they have no place there (`--seed`, `--max-tokens 8`): every
    /// input would be refused for them.
    pub fn check(&self) -> Result<(), Problem> {
        let model = &self.settings.model;
        if self.api.wire_for(model) != Wire::Responses {
            return Ok(());
        }
        match responses::refusal(&self.settings.params, Origin::Flags, model) {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// The settings, and the system message when the role has a text, of a record that
    /// names the role `name`.
    pub(super) fn role(&self, name: &str) -> Result<Applied, Refusal> {
        self.roles.get(name, &self.settings)
    }
}

/// Records' roles, each applied once: an input that names one role on every line reads
/// its file once. (The reader thread alone uses it.)
#[derive(Debug, Clone, Default)]
pub struct RoleCache {
    roles: RecordRoles,
    applied: RefCell<HashMap<String, Result<Applied, Arc<Error>>>>,
}

impl RoleCache {
    pub fn new(roles: RecordRoles) -> RoleCache {
        let applied = RefCell::default();
        RoleCache { roles, applied }
    }

    /// The settings and system message for a record naming `name`, from `settings`.
    fn get(&self, name: &str, settings: &Settings) -> Result<Applied, Refusal> {
        let mut applied = self.applied.borrow_mut();
        let made = applied
            .entry(name.to_string())
            .or_insert_with(|| (self.roles.apply(name, settings)).map_err(Arc::new));
        made.clone().map_err(|e| Refusal::Role(e))
    }
}
