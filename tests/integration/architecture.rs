//! The module graph of src/ (../shared/STYLE.md, "Imports point down"): no module imports
//! one that imports it back, directly or around a circle, and nothing imports the crate
//! root. A module is a top-level one, or a child of a layer folder (api::request,
//! commands::each, config::cli, http::client); its files and submodules count as one.
//! A layer's mod.rs counts as importing its children. Comments and `#[cfg(test)]` code are
//! left out: tests may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: [&str; 5] = ["api", "commands", "config", "error", "http"];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") && !is_test_file(&path) {
            found.push(path);
        }
    }
}

/// Files of tests only: `tests.rs`, `chat_tests.rs`, `fastchunk_properties.rs`.
fn is_test_file(path: &Path) -> bool {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    stem == "tests" || stem.ends_with("_tests") || stem.ends_with("_properties")
}

/// The Rust module path of a file: `src/commands/each/jobs.rs` → [commands, each, jobs].
fn path_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("a file under src/");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// `src/commands/each/jobs.rs` → `commands::each`; `src/log.rs` → `log`; lib/main → `crate`.
fn module_of(src: &Path, file: &Path) -> String {
    granule(&path_of(src, file))
}

/// The module a module path belongs to, at the granularity this test checks.
fn granule(parts: &[String]) -> String {
    match parts {
        [one] if one == "lib" || one == "main" => "crate".into(),
        [layer, child, ..] if LAYERS.contains(&layer.as_str()) => format!("{layer}::{child}"),
        [first, ..] => first.clone(),
        [] => "crate".into(),
    }
}

/// The modules that `super::…` paths in `code` name, seen from the module at `path`.
fn super_targets(code: &str, path: &[String], modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::") {
            continue; // a chain is read from its first `super::`
        }
        let (mut ups, mut tail) = (0, &code[at..]);
        while let Some(next) = tail.strip_prefix("super::") {
            (ups, tail) = (ups + 1, next);
        }
        let mut target = path[..path.len().saturating_sub(ups)].to_vec();
        let name: String = tail
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        target.push(name);
        if !modules.contains(&granule(&target)) {
            target.pop();
        }
        found.insert(granule(&target));
    }
    found
}

/// The code of a file that counts: before its tests, without comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module each `crate::…` path names: the longest prefix that is a module; an item of
/// the root (`crate::Something`, `crate::run`) is the root.
fn targets(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        let two = parts.get(..2).map(|p| p.join("::"));
        let one = parts.first().map(|p| p.to_string());
        match (two, one) {
            (Some(two), _) if modules.contains(&two) => found.insert(two),
            (_, Some(one)) if modules.contains(&one) => found.insert(one),
            (_, Some(_)) => found.insert("crate".into()),
            // `use crate::{a, b}`: each name is a module of the root.
            (_, None) => found.insert("crate".into()),
        };
    }
    found
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let from = module_of(&src, file);
        let text = std::fs::read_to_string(file).expect("a readable source file");
        let code = code(&text);
        let edges = graph.entry(from.clone()).or_default();
        edges.extend(targets(&code, &modules));
        edges.extend(super_targets(&code, &path_of(&src, file), &modules));
        edges.remove(&from);
    }
    // A layer's mod.rs declares and re-exports its children, so whoever imports it
    // (`crate::config::Config`) depends on them all.
    for module in &modules {
        if let Some((layer, _)) = module.split_once("::") {
            graph
                .entry(layer.into())
                .or_default()
                .insert(module.clone());
        }
    }
    graph
}

/// The modules reachable from `start`.
fn reachable(graph: &Graph, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_string()];
    while let Some(next) = todo.pop() {
        for to in graph.get(&next).into_iter().flatten() {
            if seen.insert(to.clone()) {
                todo.push(to.clone());
            }
        }
    }
    seen
}

#[test]
fn no_module_imports_the_crate_root() {
    let graph = graph();
    let importers: Vec<&String> = graph
        .iter()
        .filter(|(from, to)| *from != "crate" && to.contains("crate"))
        .map(|(from, _)| from)
        .collect();
    assert!(importers.is_empty(), "these import the root: {importers:?}");
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    let mut cycles = Vec::new();
    for (from, to) in &graph {
        for next in to {
            if reachable(&graph, next).contains(from) {
                cycles.push(format!("{from} -> {next} -> … -> {from}"));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_finds_a_cycle_and_a_root_import() {
    let modules: BTreeSet<String> = ["api::request", "config", "log"].map(String::from).into();
    let code = code("use crate::api::request::X;\n// crate::log in a comment\nuse crate::Facts;");
    assert_eq!(
        targets(&code, &modules),
        ["api::request", "crate"].map(String::from).into()
    );
    let seen_from_resolve = super_targets(
        "use super::mode::Mode;\nuse super::{Config, Env};",
        &["config".into(), "resolve".into()],
        &["config", "config::mode", "config::resolve"]
            .map(String::from)
            .into(),
    );
    assert_eq!(
        seen_from_resolve,
        ["config", "config::mode"].map(String::from).into()
    );
    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("a".into());
    assert!(reachable(&graph, "b").contains("a"));
}
