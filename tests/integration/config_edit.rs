//! `oaichat config --edit`: the config file opened in $VISUAL/$EDITOR, made with a
//! commented example when missing, never overwritten, and checked when the editor closes.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::support::*;

/// A command whose config file lives in a directory of its own (XDG_CONFIG_HOME), kept
/// while the returned guard lives.
fn at_home() -> (Cmd, tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("oaichat").join("config.toml");
    let cmd = Cmd::new().env("XDG_CONFIG_HOME", home.path().to_str().unwrap());
    (cmd, home, path)
}

/// An executable shell script in `dir` (the editor a test plays).
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn a_missing_file_is_made_with_the_commented_example_and_opened() {
    let (cmd, _home, path) = at_home();
    let assert = cmd
        .env("EDITOR", "cat")
        .args(["config", "--edit"])
        .run()
        .success();
    let shown = stdout(&assert);
    assert!(shown.starts_with("# oaichat's config file"), "{shown}");
    assert!(shown.contains("# model = \"gpt-4o-mini\""), "{shown}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), shown);
}

#[test]
fn an_existing_file_is_opened_as_it_is_and_visual_beats_editor() {
    let (cmd, _home, path) = at_home();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "model = \"mine\"\n").unwrap();
    let assert = cmd
        .env("VISUAL", "cat")
        .env("EDITOR", "false")
        .args(["config", "--edit"])
        .run()
        .success();
    assert_eq!(stdout(&assert), "model = \"mine\"\n");
}

#[test]
fn what_the_editor_saved_is_checked_when_it_closes() {
    let (cmd, home, path) = at_home();
    let editor = script(home.path(), "typo", "echo 'modle = \"x\"' >> \"$1\"");
    let assert = cmd
        .env("EDITOR", editor.to_str().unwrap())
        .args(["config", "--edit"])
        .run()
        .code(2);
    let err = stderr(&assert);
    let expected = format!("oaichat: error: config file {} line ", path.display());
    assert!(err.starts_with(&expected), "{err}");
    assert!(err.contains("unknown field `modle`"), "{err}");
}

#[test]
fn an_editor_that_fails_or_is_missing_is_an_error() {
    let (cmd, _home, _) = at_home();
    let assert = cmd
        .env("EDITOR", "false")
        .args(["config", "--edit"])
        .run()
        .code(1);
    let err = stderr(&assert);
    assert!(
        err.starts_with("oaichat: error: cannot edit the config file: false ended with"),
        "{err}"
    );
    let (cmd, _home, path) = at_home();
    let assert = cmd.args(["config", "--edit"]).run().code(2);
    assert_eq!(
        stderr(&assert),
        "oaichat: error: no editor to open the config file with: set VISUAL or EDITOR\n"
    );
    assert!(!path.exists(), "nothing is written without an editor");
}

#[test]
fn config_takes_path_or_edit_not_both() {
    let assert = Cmd::new()
        .args(["config", "--path", "--edit"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("cannot be used with"),
        "{}",
        stderr(&assert)
    );
}
