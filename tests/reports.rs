//! The reports, byte for byte: the seed pair's `check` CSV, JSON and
//! summary file, its `align` and `segment` tables, and a small batch's
//! four reports and stream (a checked pair, a line that is not JSON, a
//! pair with markup characters), against the files in tests/expected/.
//! A change that alters a report on purpose updates them in the same
//! commit: `UPDATE_EXPECTED=1 cargo test --release --test reports`, then
//! review `git diff tests/expected`.

mod common;

use std::path::Path;

use common::*;

fn expected(name: &str) -> Vec<u8> {
    let path = root().join("tests/expected").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Compares bytes, showing the first line that differs. With
/// `UPDATE_EXPECTED=1` it writes `got` as the new expected file instead
/// (for a change that alters reports on purpose; review the diff).
fn assert_same(got: &[u8], name: &str) {
    if std::env::var_os("UPDATE_EXPECTED").is_some_and(|v| v == "1") {
        let path = root().join("tests/expected").join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        std::fs::write(&path, got).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let want = expected(name);
    if got != want.as_slice() {
        let (g, w) = (String::from_utf8_lossy(got), String::from_utf8_lossy(&want));
        let line = g.lines().zip(w.lines()).position(|(a, b)| a != b);
        panic!(
            "{name} differs ({} bytes, expected {}); first different line: {line:?}",
            got.len(),
            want.len()
        );
    }
}

#[test]
fn seed_pair_check_reports_are_unchanged() {
    assert_same(&run_ok(&["check", ORIG, TRANS]).stdout, "seed.csv");
    let dir = tempfile::tempdir().expect("tmp");
    let summary = dir.path().join("summary.json");
    let json = run_ok(&[
        "check",
        ORIG,
        TRANS,
        "--format",
        "json",
        "--summary",
        summary.to_str().expect("utf-8 path"),
    ]);
    assert_same(&json.stdout, "seed.json");
    assert_same(
        &std::fs::read(&summary).expect("summary file"),
        "seed.summary.json",
    );
}

#[test]
fn seed_pair_align_and_segment_tables_are_unchanged() {
    assert_same(&run_ok(&["align", ORIG, TRANS]).stdout, "seed.align.tsv");
    assert_same(&run_ok(&["segment", TRANS]).stdout, "seed.segment.tsv");
}

#[test]
fn batch_reports_and_stream_are_unchanged() {
    // Relative to the root, where the binary runs: the error row names it.
    let input = "tests/expected/batch.jsonl";
    let dir = tempfile::tempdir().expect("tmp");
    let out: &Path = dir.path();
    let run = backcheck(
        &[
            "batch",
            "--jsonl",
            input,
            "--out",
            out.to_str().expect("utf-8 path"),
        ],
        None,
    );
    // The line that is not JSON is an error row: exit 2.
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for name in [
        "findings.csv",
        "summary.csv",
        "findings.jsonl",
        "report.html",
    ] {
        let got = std::fs::read(out.join(name)).expect(name);
        assert_same(&got, &format!("batch/{name}"));
    }
    // The report folder: its index and every page, and no other page.
    let got = std::fs::read(out.join("report/index.html")).expect("index");
    assert_same(&got, "batch/report/index.html");
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let pages = names(&out.join("report/pairs"));
    assert_eq!(pages.len(), 3);
    for page in &pages {
        let got = std::fs::read(out.join("report/pairs").join(page)).expect("page");
        assert_same(&got, &format!("batch/report/pairs/{page}"));
    }
    if std::env::var_os("UPDATE_EXPECTED").is_none_or(|v| v != "1") {
        assert_eq!(
            pages,
            names(&root().join("tests/expected/batch/report/pairs")),
            "pinned pages"
        );
    }
    let stream = backcheck(&["batch", "--jsonl", input, "--out", "-"], None);
    assert_eq!(stream.status.code(), Some(2));
    assert_same(&stream.stdout, "batch/stream.jsonl");
}
