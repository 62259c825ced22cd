//! Finding roles: files over built-ins, names that cannot be paths, and the folder's place.

use serde_json::json;

use super::*;
use crate::api::request::{Format, Schema};

/// A shelf over `roles/` in a fresh temporary folder, with these files in it.
fn shelf(files: &[(&str, &str)]) -> (tempfile::TempDir, Shelf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("roles")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("roles").join(name), text).unwrap();
    }
    let location = Location {
        path: dir.path().join("config.toml"),
        named: false,
    };
    let env = Env::new(
        [("SHELL".into(), "/bin/fish".into())].into(),
        Default::default(),
    );
    let shelf = Shelf::new(Some(&location), false, &env);
    (dir, shelf)
}

#[test]
fn the_folder_is_next_to_the_config_file_and_none_without_one() {
    let env = Env::default();
    let at = |path: &str| Location {
        path: path.into(),
        named: true,
    };
    let dir = |shelf: Shelf| shelf.dir;
    let named = Shelf::new(Some(&at("/x/c.toml")), false, &env);
    assert_eq!(dir(named), RoleDir::At("/x/roles".into()));
    let ignored = Shelf::new(Some(&at("/x/c.toml")), true, &env);
    assert_eq!(dir(ignored), RoleDir::NoConfig);
    assert_eq!(dir(Shelf::new(None, false, &env)), RoleDir::Nowhere);
}

#[test]
fn a_file_is_read_with_its_front_matter_and_its_schema_beside_it() {
    let (dir, shelf) = shelf(&[(
        "ko.md",
        "+++\nmodel = \"m\"\nschema = \"answer.json\"\n+++\nTranslate.\n",
    )]);
    std::fs::write(dir.path().join("roles/answer.json"), r#"{"type":"object"}"#).unwrap();
    let role = shelf.load("ko").unwrap();
    let path = dir.path().join("roles/ko.md");
    assert_eq!(role.origin, Origin::File(path));
    assert_eq!(role.layer.model.as_deref(), Some("m"));
    assert_eq!(role.layer.system.as_deref(), Some("Translate."));
    let schema = Schema {
        name: "answer".into(),
        schema: json!({"type": "object"}),
    };
    assert_eq!(role.layer.format(), Some(Format::JsonSchema(schema)));
}

#[test]
fn a_file_overrides_the_built_in_of_its_name() {
    let (dir, shelf) = shelf(&[("shell", "not a role: no .md"), ("shell.md", "Mine.")]);
    let role = shelf.load("shell").unwrap();
    let path = dir.path().join("roles/shell.md");
    assert_eq!(role.origin, Origin::Overrides(path));
    assert_eq!(role.layer.system.as_deref(), Some("Mine."));
    let code = shelf.load("code").unwrap();
    assert_eq!(code.origin, Origin::Builtin);
    assert_eq!(code.layer.system.as_deref(), Some(code.written.as_str()));
    let explain = shelf.load("explain-shell").unwrap();
    assert!(
        explain.written.contains("in fish on"),
        "{}",
        explain.written
    );
}

#[test]
fn no_config_reads_no_file_but_keeps_the_built_ins() {
    let env = Env::default();
    let shelf = Shelf::new(None, true, &env);
    assert_eq!(shelf.load("code").unwrap().origin, Origin::Builtin);
    assert_eq!(shelf.names().unwrap(), ["code", "explain-shell", "shell"]);
}

#[test]
fn an_unknown_role_names_where_it_looked_and_the_roles_there_are() {
    let (dir, shelf) = shelf(&[("ko.md", "Translate."), ("notes.txt", "x"), (".x.md", "")]);
    let err = shelf.load("kr").unwrap_err();
    assert_eq!(err.exit_code(), 2);
    let file = dir.path().join("roles/kr.md");
    assert_eq!(
        err.to_string(),
        format!(
            "there is no role `kr` (no file {} and no built-in of that name); the roles are \
             code, explain-shell, ko, shell",
            file.display()
        )
    );
}

#[test]
fn names_that_could_leave_the_folder_are_refused() {
    let (_dir, shelf) = shelf(&[]);
    for name in ["../x", "a/b", ".hidden", "", "a.b", "a b"] {
        let err = shelf.load(name).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("role name `{name}` may hold")),
            "{err}"
        );
    }
    assert!(
        shelf
            .load("번역")
            .unwrap_err()
            .to_string()
            .contains("no role `번역`")
    );
}

#[test]
fn a_listing_reads_every_role_and_keeps_a_broken_ones_error() {
    let (_dir, shelf) = shelf(&[("ko.md", "Translate."), ("bad.md", "+++\nmodel = 1\n+++\n")]);
    let listed: Vec<(String, bool)> = (shelf.list().unwrap().into_iter())
        .map(|(name, role)| (name, role.is_ok()))
        .collect();
    let names = ["bad", "code", "explain-shell", "ko", "shell"];
    let expected: Vec<(String, bool)> =
        names.iter().map(|n| (n.to_string(), *n != "bad")).collect();
    assert_eq!(listed, expected);
}

#[test]
fn the_flags_system_message_goes_after_the_roles_text() {
    let (_dir, shelf) = shelf(&[("ko.md", "Translate."), ("bare.md", "+++\nseed = 1\n+++\n")]);
    let ko = shelf.load("ko").unwrap();
    let flag = Some("Be formal.".to_string());
    assert_eq!(
        system_after(Some(&ko), flag.clone()).as_deref(),
        Some("Translate.\n\nBe formal.")
    );
    // Without -s, the role's text comes as its layer's `system`, ranked like its fields.
    assert_eq!(system_after(Some(&ko), None).as_deref(), None);
    let bare = shelf.load("bare").unwrap();
    assert_eq!(system_after(Some(&bare), flag.clone()), flag);
    assert_eq!(system_after(None, flag.clone()), flag);
}

/// The run's configuration for `oaichat ARGS` with the config file and role given.
fn resolved(args: &[&str], role: Option<Role>, roles: &Shelf) -> crate::config::Config {
    let cli =
        crate::config::cli::parse_from(std::iter::once("oaichat").chain(args.iter().copied()));
    let env = Env::new(
        [("OPENAI_API_KEY".into(), "k".into())].into(),
        Default::default(),
    );
    let files = crate::config::Files {
        role,
        roles: roles.clone(),
        ..Default::default()
    };
    let (file, mode) = (Default::default(), crate::config::Mode::Models);
    crate::config::Config::resolve(&cli.unwrap(), &env, files, &file, &mode).unwrap()
}

/// A record's role is laid over the run's settings by hand (`record.rs`), while `-r` is
/// ranked by `Layers::pick`: both must give the same request, the flags winning in both.
#[test]
fn a_records_role_gives_what_the_same_role_gives_with_r() {
    let every = "+++\nmodel = \"my-model\"\ntemperature = 0.2\ntop_p = 0.5\nmax_tokens = 9\n\
                 reasoning_effort = \"low\"\nseed = 3\nfrequency_penalty = 1\n\
                 presence_penalty = -1\nstop = [\"END\"]\njson = true\n+++\nBe brief.\n";
    let (_dir, shelf) = shelf(&[("r.md", every)]);
    for args in [
        &["hi"][..],
        &["-t", "1.5", "-m", "flag-model", "-s", "Sir.", "hi"],
    ] {
        let with_r = resolved(args, Some(shelf.load("r").unwrap()), &shelf);
        let run = resolved(args, None, &shelf);
        let (settings, system) = run.record_roles.apply("r", &run.request).unwrap();
        assert_eq!(settings, with_r.request, "{args:?}");
        assert_eq!(system, with_r.system, "{args:?}");
    }
    let with_r = resolved(&["-t", "1.5", "hi"], Some(shelf.load("r").unwrap()), &shelf);
    assert_eq!(with_r.request.params.temperature, Some(1.5));
    assert_eq!(with_r.request.format, Format::JsonObject);
}
