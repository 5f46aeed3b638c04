//! `backcheck batch`: inputs, error rows, exit codes, resume, determinism,
//! BOM, sharding, streaming and the HTML report's structure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The report files a batch writes (besides the report/ folder).
const REPORTS: [&str; 4] = [
    "findings.csv",
    "summary.csv",
    "findings.jsonl",
    "report.html",
];

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path.strip_prefix(dir).expect("under").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Every report of two output folders is byte-identical, the report
/// folder's pages included, and neither holds a page the other lacks.
fn assert_same_reports(a: &Path, b: &Path) {
    for name in REPORTS {
        assert_eq!(read(a, name), read(b, name), "{name} differs");
    }
    let (fa, fb) = (
        files_under(&a.join("report")),
        files_under(&b.join("report")),
    );
    assert_eq!(fa, fb, "the report folders hold different files");
    for f in fa {
        let name = Path::new("report").join(&f);
        let name = s(&name);
        assert_eq!(read(a, name), read(b, name), "{name} differs");
    }
}

/// `backcheck batch --pair-dirs o t --out out` with `extra` arguments.
fn batch_dirs(o: &Path, t: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["batch", "--pair-dirs", s(o), s(t), "--out", s(out)];
    args.extend_from_slice(extra);
    backcheck(&args, None)
}

/// Two folders: a (seed pair), b (identical), c (empty translation),
/// d (original only), e (translation only).
fn pair_dirs(dir: &Path) -> (PathBuf, PathBuf) {
    let (o, t) = (dir.join("orig"), dir.join("trans"));
    std::fs::create_dir_all(&o).expect("mkdir");
    std::fs::create_dir_all(&t).expect("mkdir");
    let copy = |from: &str, to: PathBuf| std::fs::copy(root().join(from), to).expect("copy");
    copy(ORIG, o.join("a.txt"));
    copy(TRANS, t.join("a.txt"));
    copy("seeds/002_742852bff4c18cee.txt", o.join("b.txt"));
    copy("seeds/002_742852bff4c18cee.txt", t.join("b.txt"));
    copy("seeds/003_cc95dd6a1261e1bc.txt", o.join("c.txt"));
    std::fs::write(t.join("c.txt"), "").expect("write");
    copy("seeds/004_c1d1c7b347887001.txt", o.join("d.txt"));
    copy("seeds/004_c1d1c7b347887001.txt", t.join("e.txt"));
    (o, t)
}

fn summary(out: &Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(out.join("summary.csv")).expect("summary.csv");
    r.records().map(|x| x.expect("row")).collect()
}

fn read(out: &Path, name: &str) -> Vec<u8> {
    std::fs::read(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn pair_dirs_with_bad_pairs_complete_the_rest_and_exit_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = pair_dirs(tmp.path());
    let out = tmp.path().join("out");
    let run = batch_dirs(&o, &t, &out, &["--jobs", "2"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("c.txt: empty file"), "{stderr}");
    let rows = summary(&out);
    let status: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[1])).collect();
    assert_eq!(
        status,
        [
            ("a", "ok"),
            ("b", "ok"),
            ("c", "error"),
            ("d", "error"),
            ("e", "error")
        ]
    );
    assert!(rows[3][22].contains("no translation"), "{:?}", &rows[3]);
    assert!(rows[4][22].contains("no original"), "{:?}", &rows[4]);
    assert_eq!(&rows[1][10], "100.0", "identical pair scores 100");
    let mut findings = csv::Reader::from_path(out.join("findings.csv")).expect("findings");
    let pairs: Vec<String> = findings
        .records()
        .map(|r| r.expect("row")[0].to_string())
        .collect();
    assert!(pairs.len() > 50 && pairs.iter().all(|p| p == "a"));
    let jsonl = String::from_utf8(read(&out, "findings.jsonl")).expect("utf-8");
    assert_eq!(jsonl.lines().count(), pairs.len());
    assert!(
        !out.join(".backcheck-runs").exists(),
        "the run's folder was left"
    );
}

#[test]
fn manifest_paths_are_relative_to_the_manifest_and_missing_files_are_rows() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (_o, _t) = pair_dirs(tmp.path());
    std::fs::write(
        tmp.path().join("m.csv"),
        "id,original,translation\nseed,orig/a.txt,trans/a.txt\nlost,orig/a.txt,trans/nothing.txt\nsame,orig/b.txt,trans/b.txt\n",
    )
    .expect("manifest");
    let out = tmp.path().join("out");
    let run = backcheck(
        &[
            "batch",
            "--manifest",
            s(&tmp.path().join("m.csv")),
            "--out",
            s(&out),
        ],
        None,
    );
    assert_eq!(run.status.code(), Some(2));
    let rows = summary(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!((&rows[1][0], &rows[1][1]), ("lost", "error"));
    assert!(
        rows[1][22].contains("nothing.txt") && rows[1][22].contains("no such file"),
        "{:?}",
        &rows[1]
    );
    assert_eq!(&rows[2][1], "ok");
}

fn jsonl_input() -> Vec<u8> {
    let text = |p: &str| std::fs::read_to_string(root().join(p)).expect("seed");
    let mut s = String::new();
    let line = |id: &str, o: &str, t: &str| {
        serde_json::json!({"id": id, "original": o, "translation": t}).to_string() + "\n"
    };
    s += &line("seed", &text(ORIG), &text(TRANS));
    s += "{this is not json\n";
    s += &line(
        "same",
        &text("seeds/002_742852bff4c18cee.txt"),
        &text("seeds/002_742852bff4c18cee.txt"),
    );
    s += "\n";
    s += &line(
        "short",
        "Officials met in Kyiv for three days.",
        "Officials met in Kiev for four days.",
    );
    s.into_bytes()
}

#[test]
fn jsonl_from_stdin_names_the_bad_line_and_continues() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let run = backcheck(
        &["batch", "--jsonl", "-", "--out", s(&out)],
        Some(&jsonl_input()),
    );
    assert_eq!(run.status.code(), Some(2));
    let rows = summary(&out);
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["seed", "line-2", "same", "short"]);
    assert_eq!(&rows[1][1], "error");
    assert!(
        rows[1][22].contains("line 2") && rows[1][22].contains("not a JSON"),
        "{:?}",
        &rows[1]
    );
    assert_eq!(&rows[3][1], "ok");
}

#[test]
fn output_is_byte_identical_for_any_number_of_jobs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    std::fs::write(&input, jsonl_input()).expect("write");
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    backcheck(
        &[
            "batch",
            "--jsonl",
            s(&input),
            "--out",
            s(&one),
            "--jobs",
            "1",
        ],
        None,
    );
    backcheck(
        &[
            "batch",
            "--jsonl",
            s(&input),
            "--out",
            s(&two),
            "--jobs",
            "2",
        ],
        None,
    );
    assert_same_reports(&one, &two);
}

#[test]
fn resume_skips_finished_pairs_and_gives_the_same_reports() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = pair_dirs(tmp.path());
    let fresh = tmp.path().join("fresh");
    batch_dirs(&o, &t, &fresh, &[]);
    // A first run that saw only part of the input, then the full input resumed.
    let out = tmp.path().join("out");
    let partial_manifest = tmp.path().join("part.csv");
    std::fs::write(
        &partial_manifest,
        // Pair b comes second in the full run: its stored section is
        // anchored again at its new position.
        "id,original,translation\nb,orig/b.txt,trans/b.txt\n",
    )
    .expect("m");
    backcheck(
        &[
            "batch",
            "--manifest",
            s(&partial_manifest),
            "--out",
            s(&out),
        ],
        None,
    );
    // An older version kept the sections in a side file: never read, removed.
    let old_sections = out.join(".backcheck-sections.html");
    std::fs::write(&old_sections, "<section>stale</section>").expect("old sections");
    let run = batch_dirs(&o, &t, &out, &["--resume"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("5 pairs (1 resumed)"), "{stderr}");
    assert_same_reports(&fresh, &out);
    assert!(!old_sections.exists());
}

#[test]
fn resume_after_an_interruption_and_again_after_completion() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = pair_dirs(tmp.path());
    let run = |out: &Path, resume: bool| {
        let extra: &[&str] = if resume { &["--resume"] } else { &[] };
        String::from_utf8_lossy(&batch_dirs(&o, &t, out, extra).stderr).to_string()
    };
    let fresh = tmp.path().join("fresh");
    run(&fresh, false);
    // An interrupted run: the state's last line cut short, a page left
    // under its temporary name and one of a pair no longer in the input.
    let out = tmp.path().join("out");
    run(&out, false);
    let state_path = out.join(".backcheck-state.jsonl");
    let state = std::fs::read_to_string(&state_path).expect("state");
    let lines: Vec<&str> = state.lines().collect();
    let cut = format!("{}\n{}", lines[0], &lines[1][..lines[1].len() / 2]);
    std::fs::write(&state_path, cut).expect("cut state");
    let pairs = out.join("report/pairs");
    std::fs::write(pairs.join(".b-x.html.partial"), "<h2>half a page").expect("partial");
    std::fs::write(pairs.join("gone-0000000000000000.html"), "stale").expect("stale");
    let stderr = run(&out, true);
    assert!(stderr.contains("5 pairs (1 resumed)"), "{stderr}");
    // Pairs that failed are tried again; the two good ones are resumed.
    let stderr = run(&out, true);
    assert!(stderr.contains("5 pairs (2 resumed)"), "{stderr}");
    assert_same_reports(&fresh, &out);
}

/// Makes a finished run of `out` look interrupted before it committed:
/// findings.jsonl, report.html, the report folder and the state are
/// moved back into a run folder (`.backcheck-runs/1`, no `committed` marker), findings.jsonl
/// cut to `keep` bytes. Returns where pair `a`'s findings lay in it.
fn interrupt(out: &Path, keep: impl Fn((u64, u64)) -> u64) -> (u64, u64) {
    let state = std::fs::read_to_string(out.join(".backcheck-state.jsonl")).expect("state");
    let a = state
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("state line"))
        .find(|v| v["summary"]["pair"] == "a")
        .expect("pair a in the state");
    let at = (
        a["findings_at"]["offset"].as_u64().expect("offset"),
        a["findings_at"]["len"].as_u64().expect("length"),
    );
    for name in ["findings.csv", "summary.csv"] {
        std::fs::remove_file(out.join(name)).expect("remove");
    }
    let run = out.join(".backcheck-runs/1");
    std::fs::create_dir_all(&run).expect("run folder");
    for name in ["report.html", "report"] {
        std::fs::rename(out.join(name), run.join(name)).expect("rename");
    }
    std::fs::rename(out.join(".backcheck-state.jsonl"), run.join("state.jsonl")).expect("rename");
    let partial = run.join("findings.jsonl");
    std::fs::rename(out.join("findings.jsonl"), &partial).expect("rename");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&partial)
        .expect("partial");
    file.set_len(keep(at)).expect("cut");
    at
}

#[test]
fn resume_reads_findings_back_from_an_interrupted_runs_partial_output() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = pair_dirs(tmp.path());
    let fresh = tmp.path().join("fresh");
    batch_dirs(&o, &t, &fresh, &[]);
    let out = tmp.path().join("out");
    batch_dirs(&o, &t, &out, &[]);
    let resumed = |out: &Path| {
        String::from_utf8_lossy(&batch_dirs(&o, &t, out, &["--resume"]).stderr).to_string()
    };
    // Pair a's findings only half written: a is checked again, and so is
    // b, whose (empty) findings would start past the end.
    let (offset, len) = interrupt(&out, |(offset, len)| offset + len / 2);
    assert!(len > 0, "pair a has findings");
    assert_eq!(offset, 0);
    let stderr = resumed(&out);
    assert!(stderr.contains("5 pairs (0 resumed)"), "{stderr}");
    assert_same_reports(&fresh, &out);
    // All of them written: both good pairs come back from the partial file.
    interrupt(&out, |(offset, len)| offset + len);
    let stderr = resumed(&out);
    assert!(stderr.contains("5 pairs (2 resumed)"), "{stderr}");
    assert_same_reports(&fresh, &out);
    // The interrupted run's folder is gone once the resumed run commits.
    assert!(!out.join(".backcheck-runs").exists());
}

#[test]
fn resume_checks_again_a_pair_whose_page_is_gone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = pair_dirs(tmp.path());
    let fresh = tmp.path().join("fresh");
    batch_dirs(&o, &t, &fresh, &[]);
    let out = tmp.path().join("out");
    batch_dirs(&o, &t, &out, &[]);
    std::fs::remove_file(backcheck::report::site::page_path(&out, "a")).expect("remove a's page");
    // A report of an older version, in one page: its side files go.
    for old in [".backcheck-previous.html", ".report.html.partial"] {
        std::fs::write(out.join(old), "<section>old</section>").expect("old file");
    }
    let run = batch_dirs(&o, &t, &out, &["--resume"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("5 pairs (1 resumed)"), "{stderr}");
    assert_same_reports(&fresh, &out);
    assert!(!out.join(".backcheck-previous.html").exists());
    assert!(!out.join(".report.html.partial").exists());
}

#[test]
fn resume_checks_again_a_pair_whose_page_was_damaged() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = pair_dirs(tmp.path());
    let fresh = tmp.path().join("fresh");
    batch_dirs(&o, &t, &fresh, &[]);
    let out = tmp.path().join("out");
    batch_dirs(&o, &t, &out, &[]);
    // Edited by hand: the body's marker is gone.
    std::fs::write(
        backcheck::report::site::page_path(&out, "b"),
        "<html>edited</html>",
    )
    .expect("damage b's page");
    let run = batch_dirs(&o, &t, &out, &["--resume"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("5 pairs (1 resumed)"), "{stderr}");
    assert_same_reports(&fresh, &out);
}

#[test]
fn a_smaller_run_into_the_same_folder_removes_the_pages_it_does_not_own() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = pair_dirs(tmp.path());
    let out = tmp.path().join("out");
    batch_dirs(&o, &t, &out, &[]);
    assert_eq!(files_under(&out.join("report/pairs")).len(), 5);
    let manifest = tmp.path().join("m.csv");
    std::fs::write(
        &manifest,
        "id,original,translation\nb,orig/b.txt,trans/b.txt\n",
    )
    .expect("m");
    backcheck(
        &["batch", "--manifest", s(&manifest), "--out", s(&out)],
        None,
    );
    assert_eq!(
        files_under(&out.join("report/pairs")),
        [PathBuf::from(backcheck::report::site::page_name("b"))]
    );
}

#[test]
fn resume_checks_again_a_pair_whose_findings_were_edited_away() {
    let tmp = tempfile::tempdir().expect("tmp");
    let text = |p: &str| std::fs::read_to_string(root().join(p)).expect("seed");
    let line = |id: &str| {
        serde_json::json!({"id": id, "original": text(ORIG), "translation": text(TRANS)})
            .to_string()
            + "\n"
    };
    let input = tmp.path().join("in.jsonl");
    std::fs::write(&input, line("p1") + &line("p2")).expect("write");
    let args = |out: &Path, resume: bool| {
        let mut a = vec!["batch", "--jsonl", s(&input), "--out", s(out)];
        if resume {
            a.push("--resume");
        }
        backcheck(&a, None)
    };
    let fresh = tmp.path().join("fresh");
    args(&fresh, false);
    let out = tmp.path().join("out");
    args(&out, false);
    // The two pairs' findings swapped: the same lengths and counts, valid
    // JSON, but the state now points each pair at the other's rows.
    let jsonl = std::fs::read_to_string(out.join("findings.jsonl")).expect("findings");
    let (p1, p2): (Vec<&str>, Vec<&str>) = jsonl
        .lines()
        .partition(|l| l.starts_with("{\"pair\":\"p1\""));
    assert!(!p1.is_empty() && p1.len() == p2.len());
    std::fs::write(
        out.join("findings.jsonl"),
        p2.iter()
            .chain(&p1)
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    )
    .expect("swap");
    let run = args(&out, true);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("2 pairs (0 resumed)"), "{stderr}");
    assert_same_reports(&fresh, &out);
}

#[test]
fn excel_flag_adds_a_bom_and_fail_on_sets_exit_1() {
    let tmp = tempfile::tempdir().expect("tmp");
    let manifest = tmp.path().join("m.csv");
    std::fs::write(
        &manifest,
        format!(
            "id,original,translation\nseed,{},{}\n",
            root().join(ORIG).display(),
            root().join(TRANS).display()
        ),
    )
    .expect("m");
    let (plain, excel) = (tmp.path().join("plain"), tmp.path().join("excel"));
    let run = backcheck(
        &[
            "batch",
            "--manifest",
            s(&manifest),
            "--out",
            s(&plain),
            "--fail-on",
            "critical",
        ],
        None,
    );
    assert_eq!(
        run.status.code(),
        Some(1),
        "critical findings and no errors: exit 1"
    );
    let run = backcheck(
        &[
            "batch",
            "--manifest",
            s(&manifest),
            "--out",
            s(&excel),
            "--excel",
        ],
        None,
    );
    assert_eq!(run.status.code(), Some(0));
    for name in ["findings.csv", "summary.csv"] {
        assert!(
            read(&excel, name).starts_with("\u{FEFF}pair,".as_bytes()),
            "{name}"
        );
        assert!(read(&plain, name).starts_with(b"pair,"), "{name}");
    }
    // The BOM-prefixed CSV still reads back with the same rows.
    let text = String::from_utf8(read(&excel, "findings.csv")).expect("utf-8");
    assert_eq!(
        text.trim_start_matches('\u{FEFF}'),
        String::from_utf8(read(&plain, "findings.csv")).expect("utf-8")
    );
}

#[test]
fn shards_partition_the_input_and_stream_to_stdout() {
    let input = jsonl_input();
    let mut seen = Vec::new();
    for shard in ["1/2", "2/2"] {
        let run = backcheck(
            &["batch", "--jsonl", "-", "--out", "-", "--shard", shard],
            Some(&input),
        );
        let text = String::from_utf8(run.stdout).expect("utf-8");
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json line");
            assert!(v["summary"]["status"].is_string() && v["findings"].is_array());
            seen.push(v["pair"].as_str().expect("pair").to_string());
        }
    }
    seen.sort();
    assert_eq!(seen, ["line-2", "same", "seed", "short"]);
}

#[test]
fn html_report_is_a_folder_of_self_contained_pages() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = pair_dirs(tmp.path());
    let out = tmp.path().join("out");
    batch_dirs(&o, &t, &out, &[]);
    // report.html sends old habits to the index.
    let redirect = String::from_utf8(read(&out, "report.html")).expect("utf-8");
    assert!(
        redirect.contains("url=report/index.html")
            && redirect.contains("href=\"report/index.html\"")
    );
    let index = String::from_utf8(read(&out, "report/index.html")).expect("utf-8");
    let pages = files_under(&out.join("report/pairs"));
    assert_eq!(pages.len(), 5);
    for page in std::iter::once(index.clone()).chain(
        pages
            .iter()
            .map(|p| String::from_utf8(read(&out.join("report/pairs"), s(p))).expect("utf-8")),
    ) {
        assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
        for external in ["http:", "https:", "<link", "src=", "@import", "url("] {
            assert!(!page.contains(external), "external reference {external}");
        }
    }
    // The index's table: one row per pair, worst first (errors, then the
    // lowest score), each linking to its page.
    let json = &index[index
        .find("<script type=\"application/json\" id=\"data\">")
        .expect("data")..];
    let json = &json[json.find('>').expect("tag") + 1..json.find("</script>").expect("end")];
    let rows: Vec<serde_json::Value> = serde_json::from_str(json).expect("json table");
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str().expect("id")).collect();
    assert_eq!(ids, ["c", "d", "e", "a", "b"]);
    for r in &rows {
        let href = r[1].as_str().expect("href");
        assert!(out.join("report").join(href).is_file(), "{href}");
    }
    // Findings are highlighted on both sides with the classes and data
    // the filters use, and changed words are marked.
    let seed = String::from_utf8(
        std::fs::read(backcheck::report::site::page_path(&out, "a")).expect("page a"),
    )
    .expect("utf-8");
    assert!(seed.contains("<mark class=\"s-critical\" data-k=\"name\" data-s=\"critical\""));
    assert!(seed.contains("<span class=\"dw\">"));
    for k in [
        "name",
        "number",
        "dropped",
        "polarity",
        "added",
        "moved",
        "mistranslation",
    ] {
        assert!(
            seed.contains(&format!("data-f=\"k-{k}\"")),
            "filter for {k}"
        );
    }
    // Input order: a's page links on to b, b's back to a.
    let b_name = backcheck::report::site::page_name("b");
    assert!(seed.contains(&format!("rel=\"next\" href=\"{b_name}\"")));
    assert!(!seed.contains("rel=\"prev\""));
    assert!(seed.contains("href=\"../index.html\""));
    assert_eq!(seed.matches("<tr").count(), seed.matches("</tr>").count());
}
