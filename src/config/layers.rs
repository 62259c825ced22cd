//! The layers settings come from, and the one rule that ranks them: a flag, then the
//! role's front matter, then the environment (`.env` included), then the selected profile,
//! then the config file's top level, then the built-in default. Each setting remembers the
//! layer it came from, for `oaichat config` and for messages that name a value's origin.
//!
//! The connection (URL, key, headers) is chosen as one unit instead: see
//! [`super::connection`].

use std::cell::RefCell;
use std::fmt;

use super::env::{Env, Origin};
use super::file::{ConfigFile, Layer};
use crate::error::Problem;

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// A variable of the process environment.
    Env(String),
    /// A variable of the `.env` file.
    DotEnv(String),
    /// A role's front matter.
    Role(String),
    /// `[profiles.NAME]`.
    Profile(String),
    /// The config file's top level.
    File,
    /// oaichat's own default.
    Default,
}

impl Source {
    /// Precedence: lower is stronger.
    pub fn rank(&self) -> u8 {
        match self {
            Source::Flag => 0,
            Source::Role(_) => 1,
            Source::Env(_) | Source::DotEnv(_) => 2,
            Source::Profile(_) => 3,
            Source::File => 4,
            Source::Default => 5,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => f.write_str("flag"),
            Source::Env(name) => write!(f, "env {name}"),
            Source::DotEnv(name) => write!(f, ".env {name}"),
            Source::Role(name) => write!(f, "role {name}"),
            Source::Profile(name) => write!(f, "profile {name}"),
            Source::File => f.write_str("file"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// The selected profile, and whether the user named it (`-p`, `OAICHAT_PROFILE`) or the
/// file's `default_profile` chose it.
#[derive(Debug, Clone, Copy)]
pub struct Selected<'a> {
    pub name: &'a str,
    pub layer: &'a Layer,
    pub named: bool,
}

/// The layers below the flags, and what each setting was taken from.
pub struct Layers<'a> {
    pub env: &'a Env,
    pub role: Option<(&'a str, &'a Layer)>,
    pub profile: Option<Selected<'a>>,
    pub file: &'a Layer,
    picked: RefCell<Vec<(&'static str, Source)>>,
}

impl<'a> Layers<'a> {
    pub fn new(env: &'a Env, file: &'a Layer, profile: Option<Selected<'a>>) -> Layers<'a> {
        Layers {
            env,
            role: None,
            profile,
            file,
            picked: RefCell::new(Vec::new()),
        }
    }

    /// The setting `key`: the flag's value, else the role's, else the variable's (already
    /// parsed), else the profile's, else the file's; None leaves it to the default. The
    /// source is remembered.
    pub fn pick<T>(
        &self,
        key: &'static str,
        flag: Option<T>,
        var: Option<(&str, T)>,
        field: impl Fn(&Layer) -> Option<T>,
    ) -> Option<T> {
        let (value, source) = match (flag, var) {
            (Some(value), _) => (Some(value), Source::Flag),
            (None, var) => match (self.role_value(&field), var) {
                (Some(found), _) => (Some(found.0), found.1),
                (None, Some((name, value))) => (Some(value), self.var_source(name)),
                (None, None) => self.below_env(&field),
            },
        };
        self.note(key, source);
        value
    }

    /// Records where `key` came from, for settings resolved outside [`Layers::pick`].
    pub fn note(&self, key: &'static str, source: Source) {
        let mut picked = self.picked.borrow_mut();
        picked.retain(|(k, _)| *k != key);
        picked.push((key, source));
    }

    /// Where `key` came from, once resolved.
    pub fn source(&self, key: &str) -> Option<Source> {
        let picked = self.picked.borrow();
        picked
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| s.clone())
    }

    /// Where each setting came from, in the order they were resolved.
    pub fn sources(&self) -> Vec<(&'static str, Source)> {
        self.picked.borrow().clone()
    }

    /// The settings that came from flags.
    pub fn flagged(&self) -> Vec<&'static str> {
        let picked = self.picked.borrow();
        let flags = picked.iter().filter(|(_, source)| *source == Source::Flag);
        flags.map(|(key, _)| *key).collect()
    }

    /// The `options` tables of the role, the profile and the file, strongest first.
    pub fn options(&self) -> Vec<(Source, &'a serde_json::Map<String, serde_json::Value>)> {
        let role = self
            .role
            .map(|(name, layer)| (Source::Role(name.to_string()), layer));
        let profile = (self.profile).map(|p| (Source::Profile(p.name.to_string()), p.layer));
        let layers = role
            .into_iter()
            .chain(profile)
            .chain([(Source::File, self.file)]);
        layers
            .filter_map(|(source, layer)| layer.options.as_ref().map(|o| (source, o)))
            .collect()
    }

    /// The source of a variable: the process or `.env`.
    pub fn var_source(&self, name: &str) -> Source {
        match self.env.origin(name) {
            Some(Origin::DotEnv) => Source::DotEnv(name.to_string()),
            _ => Source::Env(name.to_string()),
        }
    }

    fn role_value<T>(&self, field: &impl Fn(&Layer) -> Option<T>) -> Option<(T, Source)> {
        let (name, layer) = self.role?;
        field(layer).map(|value| (value, Source::Role(name.to_string())))
    }

    /// The profile's value, else the file's, else none (the default).
    fn below_env<T>(&self, field: &impl Fn(&Layer) -> Option<T>) -> (Option<T>, Source) {
        let profile = self.profile.and_then(|selected| {
            field(selected.layer).map(|v| (v, Source::Profile(selected.name.to_string())))
        });
        match profile.or_else(|| field(self.file).map(|v| (v, Source::File))) {
            Some((value, source)) => (Some(value), source),
            None => (None, Source::Default),
        }
    }
}

/// The profile to use: `--profile`, else `OAICHAT_PROFILE`, else the file's
/// `default_profile`. A name the file does not have is an error naming those it has.
pub fn select<'a>(
    file: &'a ConfigFile,
    flag: Option<&'a str>,
    env: &'a Env,
) -> Result<Option<Selected<'a>>, Problem> {
    let named = flag.or(env.get("OAICHAT_PROFILE")).map(str::trim);
    let Some((name, named)) = (named.map(|n| (n, true)))
        .or_else(|| file.top.default_profile.as_deref().map(|n| (n, false)))
    else {
        return Ok(None);
    };
    let Some(path) = &file.path else {
        return Err(Problem::ProfileWithoutFile(name.to_string()));
    };
    match file.top.profiles.get_key_value(name) {
        Some((name, layer)) => Ok(Some(Selected { name, layer, named })),
        None => Err(Problem::NoProfile {
            name: name.to_string(),
            path: path.clone(),
            known: file.top.profiles.keys().cloned().collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(process: &[(&str, &str)], dotenv: &[(&str, &str)]) -> Env {
        let map = |pairs: &[(&str, &str)]| {
            (pairs.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        Env::new(map(process), map(dotenv))
    }

    #[test]
    fn each_layer_beats_the_next_and_is_remembered() {
        let file = Layer {
            model: Some("file".into()),
            ..Layer::default()
        };
        let profile = Layer {
            model: Some("profile".into()),
            ..Layer::default()
        };
        let role = Layer {
            model: Some("role".into()),
            ..Layer::default()
        };
        let vars = env(&[], &[("OPENAI_MODEL", "dotenv")]);
        let selected = Selected {
            name: "p",
            layer: &profile,
            named: true,
        };
        let mut layers = Layers::new(&vars, &file, Some(selected));
        let model = |layers: &Layers, flag: Option<&str>, var: Option<(&str, &str)>| {
            let flag = flag.map(str::to_string);
            let var = var.map(|(n, v)| (n, v.to_string()));
            let value = layers.pick("model", flag, var, |l| l.model.clone());
            (value, layers.sources()[0].1.clone())
        };
        let var = Some(("OPENAI_MODEL", "dotenv"));
        assert_eq!(
            model(&layers, None, var),
            (Some("dotenv".into()), Source::DotEnv("OPENAI_MODEL".into()))
        );
        assert_eq!(
            model(&layers, None, None),
            (Some("profile".into()), Source::Profile("p".into()))
        );
        layers.role = Some(("r", &role));
        assert_eq!(
            model(&layers, None, var),
            (Some("role".into()), Source::Role("r".into()))
        );
        assert_eq!(
            model(&layers, Some("flag"), var),
            (Some("flag".into()), Source::Flag)
        );
        let bare = Layers::new(&vars, &file, None);
        assert_eq!(
            model(&bare, None, None),
            (Some("file".into()), Source::File)
        );
        let empty = Layer::default();
        let none = Layers::new(&vars, &empty, None);
        assert_eq!(model(&none, None, None), (None, Source::Default));
    }
}
