//! Records the git commit the binary was built from, for `oaichat -v --version`.
//! Outside a git checkout (a packaged source) the commit is "unknown".
//! Generates the token-counting tables (build/tokens.rs).

use std::process::Command;

#[path = "build/tokens.rs"]
mod tokens;

fn main() {
    tokens::generate();
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=OAICHAT_GIT_COMMIT={commit}");
    // Rebuild when the checked-out commit changes.
    for path in [".git/HEAD", ".git/refs/heads"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
