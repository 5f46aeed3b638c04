//! The stages import each other in one direction only: the graph of
//! `crate::` references between the top-level modules of `src/` has no
//! cycle (test modules aside).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Names the crate root re-exports, and the module each comes from.
const ROOT_EXPORTS: [(&str, &str); 6] = [
    ("Document", "ingest"),
    ("IngestError", "ingest"),
    ("Label", "ingest"),
    ("Warning", "ingest"),
    ("Sentence", "segment"),
    ("segment", "segment"),
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules each top-level module refers to.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let path_ref = regex::Regex::new(r"crate::([a-z_]+)").expect("regex");
    let root_use = regex::Regex::new(r"use crate::\{([^}]*)\}").expect("regex");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src");
        let first = relative.components().next().expect("a component");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable");
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let deps = graph.entry(module.clone()).or_default();
        for c in path_ref.captures_iter(&code) {
            deps.insert(c[1].to_string());
        }
        for c in root_use.captures_iter(&code) {
            for name in c[1].split(|ch: char| !ch.is_alphanumeric() && ch != '_') {
                if let Some((_, m)) = ROOT_EXPORTS.iter().find(|(n, _)| *n == name) {
                    deps.insert(m.to_string());
                }
            }
        }
        deps.remove(&module);
    }
    graph
}

/// A cycle through `node`, if the depth-first walk finds one.
fn find_cycle(
    graph: &BTreeMap<String, BTreeSet<String>>,
    node: &str,
    stack: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(at) = stack.iter().position(|n| n == node) {
        let mut cycle = stack[at..].to_vec();
        cycle.push(node.to_string());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    stack.push(node.to_string());
    for next in graph.get(node).into_iter().flatten() {
        if graph.contains_key(next) {
            if let Some(cycle) = find_cycle(graph, next, stack, done) {
                return Some(cycle);
            }
        }
    }
    stack.pop();
    done.insert(node.to_string());
    None
}

#[test]
fn stage_modules_import_each_other_in_one_direction() {
    let graph = module_graph();
    // The walk sees the stages (a broken parse would see nothing).
    for stage in [
        "ingest",
        "segment",
        "analysis",
        "align",
        "correspond",
        "check",
        "summary",
    ] {
        assert!(graph.contains_key(stage), "{stage} not found: {graph:?}");
    }
    assert!(graph["align"].contains("analysis"), "{:?}", graph["align"]);
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let cycle = find_cycle(&graph, node, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "import cycle {cycle:?} in {graph:#?}");
    }
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    let cycle = find_cycle(&graph, "a", &mut Vec::new(), &mut BTreeSet::new());
    assert_eq!(
        cycle,
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
