//! The config file: defaults for what flags set, so that what a user types every day is
//! written once. TOML at `--config PATH`, else `OAICHAT_CONFIG`, else
//! `$XDG_CONFIG_HOME/oaichat/config.toml`, else `~/.config/oaichat/config.toml`;
//! `--no-config` reads none. Flags and the environment beat it; it beats the built-in
//! defaults (see [`super::resolve`]). An unknown key or a wrong type is an error naming the
//! file, the line and the key: a typo must never pass silently.

use std::path::{Path, PathBuf};

use super::env::Env;
use crate::error::{Error, Input, Problem};

mod layer;
mod mcp;
pub mod options;

pub use layer::{Azure, Layer};
pub use mcp::McpServer;

/// Where the config file is, and whether the user named it (then it must exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub named: bool,
}

/// `--config PATH`, else `OAICHAT_CONFIG`, else the XDG place; None when there is no home.
pub fn locate(flag: Option<&Path>, env: &Env) -> Option<Location> {
    let named = flag
        .map(Path::to_path_buf)
        .or_else(|| env.get("OAICHAT_CONFIG").map(PathBuf::from));
    if let Some(path) = named {
        return Some(Location { path, named: true });
    }
    let base = match (env.get("XDG_CONFIG_HOME"), env.get("HOME")) {
        (Some(xdg), _) if Path::new(xdg).is_absolute() => PathBuf::from(xdg),
        (_, Some(home)) => Path::new(home).join(".config"),
        _ => return None,
    };
    Some(Location {
        path: base.join("oaichat").join("config.toml"),
        named: false,
    })
}

/// The config file as read: its top level (profiles inside), and where it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigFile {
    pub top: Layer,
    /// None when no file was read.
    pub path: Option<PathBuf>,
}

/// Reads the file: a missing default file is no file; a file the user named must exist.
pub fn load(location: Option<&Location>) -> Result<ConfigFile, Error> {
    let Some(Location { path, named }) = location else {
        return Ok(ConfigFile::default());
    };
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(ConfigFile {
            top: read_schemas(parse(&text, path)?, path)?,
            path: Some(path.clone()),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => Ok(ConfigFile::default()),
        Err(e) => Err(Error::read(Input::ConfigFile(path.clone()), e)),
    }
}

/// Parses and checks the file's text; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Layer, Problem> {
    let top: Layer = toml::from_str(text).map_err(|e| Problem::ConfigSyntax {
        path: path.to_path_buf(),
        line: e.span().map(|span| line_of(text, span.start)),
        message: e.message().trim().to_string(),
    })?;
    top.check(true).map_err(|(key, why)| Problem::ConfigValue {
        path: path.to_path_buf(),
        key,
        why,
    })?;
    Ok(top)
}

/// Reads the `schema` files the top level and the profiles name, next to the file.
fn read_schemas(mut top: Layer, path: &Path) -> Result<Layer, Error> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let in_file = |source| Error::InFile {
        file: path.to_path_buf(),
        source: Box::new(source),
    };
    top.read_files(dir).map_err(in_file)?;
    for profile in top.profiles.values_mut() {
        profile.read_files(dir).map_err(in_file)?;
    }
    Ok(top)
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::request::{Format, ReasoningEffort, Schema};

    fn env(pairs: &[(&str, &str)]) -> Env {
        let map = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Env::new(map, Default::default())
    }

    fn at(path: &str, named: bool) -> Option<Location> {
        let path = PathBuf::from(path);
        Some(Location { path, named })
    }

    #[test]
    fn the_flag_beats_the_variable_which_beats_the_xdg_place() {
        let all = env(&[
            ("OAICHAT_CONFIG", "/v.toml"),
            ("XDG_CONFIG_HOME", "/x"),
            ("HOME", "/h"),
        ]);
        assert_eq!(
            locate(Some(Path::new("/f.toml")), &all),
            at("/f.toml", true)
        );
        assert_eq!(locate(None, &all), at("/v.toml", true));
        let xdg = env(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")]);
        assert_eq!(locate(None, &xdg), at("/x/oaichat/config.toml", false));
        let relative = env(&[("XDG_CONFIG_HOME", "x"), ("HOME", "/h")]);
        assert_eq!(
            locate(None, &relative),
            at("/h/.config/oaichat/config.toml", false)
        );
        assert_eq!(locate(None, &env(&[])), None);
    }

    #[test]
    fn keys_are_read_under_their_flag_names() {
        let text = "model = \"m\"\ntemperature = 0.5\nreasoning_effort = \"low\"\nstop = [\"x\"]\n\
                    stream = true\ntimeout = 30\nmax_retries = 0\n";
        let read = parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(
            read,
            Layer {
                model: Some("m".into()),
                temperature: Some(0.5),
                reasoning_effort: Some(ReasoningEffort::Low),
                stop: Some(vec!["x".into()]),
                stream: Some(true),
                timeout: Some(30.0),
                max_retries: Some(0),
                ..Layer::default()
            }
        );
    }

    #[test]
    fn a_schema_is_read_next_to_the_file_and_excludes_json() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("s.json"), r#"{"type":"object"}"#).unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "schema = \"s.json\"\n[profiles.j]\njson = true\n").unwrap();
        let file = load(Some(&Location { path, named: true })).unwrap();
        let schema = Schema {
            name: "s".into(),
            schema: serde_json::json!({"type": "object"}),
        };
        assert_eq!(file.top.format(), Some(Format::JsonSchema(schema)));
        assert_eq!(file.top.profiles["j"].format(), Some(Format::JsonObject));
        let both = parse("json = true\nschema = '{}'\n", Path::new("c.toml"));
        assert_eq!(
            both.unwrap_err().to_string(),
            "config file c.toml: schema: give json = true or schema, not both"
        );
    }

    #[test]
    fn a_typo_a_wrong_type_and_a_value_out_of_range_name_the_file_line_and_key() {
        let shown = |text: &str| parse(text, Path::new("c.toml")).unwrap_err().to_string();
        let typo = shown("model = \"m\"\nmodle = \"x\"\n");
        assert!(
            typo.starts_with("config file c.toml line 2: unknown field `modle`"),
            "{typo}"
        );
        let wrong = shown("\n\ntemperature = \"hot\"\n");
        assert!(
            wrong.starts_with("config file c.toml line 3: invalid type"),
            "{wrong}"
        );
        assert_eq!(
            shown("temperature = 3\n"),
            "config file c.toml: temperature: out of range; give a number from 0 to 2"
        );
        assert_eq!(
            shown("timeout = 0\n"),
            "config file c.toml: timeout: out of range; give a number of seconds more than 0 \
             and at most 86400"
        );
    }
}
