//! The reliability defects of issue 17, each pinned by a test that fails
//! without its fix: resume keys, folders and devices as input, the
//! output folder's lock, CSV formula injection, `--pair-dirs` entries,
//! `--jobs`, exact numbers, long tokens, messages and path handling.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const REPORTS: [&str; 4] = [
    "findings.csv",
    "summary.csv",
    "findings.jsonl",
    "report.html",
];

fn read(out: &Path, name: &str) -> Vec<u8> {
    std::fs::read(out.join(name)).unwrap_or_else(|e| panic!("{}: {e}", out.join(name).display()))
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
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

/// The four reports and every file of the report folder (the index and
/// the pairs' pages) are byte-identical.
fn assert_same_reports(a: &Path, b: &Path) {
    for name in REPORTS {
        assert!(read(a, name) == read(b, name), "{name} differs");
    }
    let files = files_under(&a.join("report"));
    assert!(!files.is_empty(), "no report folder");
    assert_eq!(
        files,
        files_under(&b.join("report")),
        "the report folders differ"
    );
    for f in files {
        let name = Path::new("report").join(f);
        let name = s(&name);
        assert!(read(a, name) == read(b, name), "{name} differs");
    }
}

fn seed_text(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).expect("seed")
}

fn line(id: serde_json::Value, original: &str, translation: &str) -> String {
    serde_json::json!({"id": id, "original": original, "translation": translation}).to_string()
        + "\n"
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn summary_rows(out: &Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(out.join("summary.csv")).expect("summary.csv");
    r.records().map(|x| x.expect("row")).collect()
}

/// `batch --jsonl input --out out` with `extra` arguments.
fn batch_jsonl(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["batch", "--jsonl", s(input), "--out", s(out)];
    args.extend_from_slice(extra);
    backcheck(&args, None)
}

/// Defect 1: pair `7` (94 findings) and pair `"7"` (an identical text)
/// share an id. A resumed run must not give one the other's result.
#[test]
fn resume_with_duplicate_ids_equals_a_fresh_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (orig, trans) = (seed_text(ORIG), seed_text(TRANS));
    let same = "Officials met in Kyiv for three days. The talks ended well.";
    let first = tmp.path().join("first.jsonl");
    std::fs::write(&first, line(7.into(), &orig, &trans)).expect("write");
    let input = tmp.path().join("in.jsonl");
    std::fs::write(
        &input,
        line("7".into(), same, same) + &line(7.into(), &orig, &trans),
    )
    .expect("write");
    let out = tmp.path().join("out");
    batch_jsonl(&first, &out, &[]);
    let resumed = batch_jsonl(&input, &out, &["--resume"]);
    let fresh = tmp.path().join("fresh");
    let fresh_run = batch_jsonl(&input, &fresh, &[]);
    assert_eq!(resumed.status.code(), fresh_run.status.code());
    assert_same_reports(&fresh, &out);
    let rows = summary_rows(&out);
    assert_eq!(
        (&rows[0][0], &rows[0][1], &rows[0][10]),
        ("7", "ok", "100.0")
    );
    // The later duplicate is an error row naming both lines.
    assert_eq!(&rows[1][1], "error");
    assert!(
        rows[1][22].contains("line 2") && rows[1][22].contains("line 1"),
        "{:?}",
        &rows[1]
    );
    assert_eq!(resumed.status.code(), Some(2), "{}", stderr(&resumed));
}

/// Defect 1, manifest: a repeated id is an error row naming both lines.
#[test]
fn a_manifest_repeating_an_id_gets_an_error_row_naming_both_lines() {
    let tmp = tempfile::tempdir().expect("tmp");
    let manifest = tmp.path().join("m.csv");
    let o = root().join(ORIG);
    let t = root().join(TRANS);
    std::fs::write(
        &manifest,
        format!(
            "id,original,translation\na,{o},{t}\nb,{o},{o}\na,{o},{o}\n",
            o = o.display(),
            t = t.display()
        ),
    )
    .expect("manifest");
    let out = tmp.path().join("out");
    let run = backcheck(
        &["batch", "--manifest", s(&manifest), "--out", s(&out)],
        None,
    );
    assert_eq!(run.status.code(), Some(2));
    let rows = summary_rows(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (&rows[0][1], &rows[1][1], &rows[2][1]),
        ("ok", "ok", "error")
    );
    assert!(
        rows[2][22].contains("line 4") && rows[2][22].contains("line 2"),
        "{:?}",
        &rows[2]
    );
}

/// Defect 2: a changed glossary, or changed text under the same id, is
/// checked again by a resumed run.
#[test]
fn resume_with_a_changed_glossary_or_text_equals_a_fresh_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (orig, trans) = (seed_text(ORIG), seed_text(TRANS));
    let input = tmp.path().join("in.jsonl");
    std::fs::write(&input, line("p".into(), &orig, &trans)).expect("write");
    let glossary = tmp.path().join("g.csv");
    std::fs::write(&glossary, "name,variants,action\nKyiv,Kiev,accept\n").expect("glossary");
    let out = tmp.path().join("out");
    batch_jsonl(&input, &out, &[]);
    let with_glossary = ["--glossary", s(&glossary)];
    let resumed = batch_jsonl(&input, &out, &[&with_glossary[..], &["--resume"]].concat());
    assert!(
        stderr(&resumed).contains("(0 resumed)"),
        "{}",
        stderr(&resumed)
    );
    let fresh = tmp.path().join("fresh");
    batch_jsonl(&input, &fresh, &with_glossary);
    assert_same_reports(&fresh, &out);
    // The same settings again: now the pair is taken over.
    let again = batch_jsonl(&input, &out, &[&with_glossary[..], &["--resume"]].concat());
    assert!(stderr(&again).contains("(1 resumed)"), "{}", stderr(&again));
    assert_same_reports(&fresh, &out);
    // A changed translation under the same id is checked again.
    let changed = trans.replacen("Kiev", "Kyiv", 1);
    assert_ne!(changed, trans);
    std::fs::write(&input, line("p".into(), &orig, &changed)).expect("write");
    let resumed = batch_jsonl(&input, &out, &[&with_glossary[..], &["--resume"]].concat());
    assert!(
        stderr(&resumed).contains("(0 resumed)"),
        "{}",
        stderr(&resumed)
    );
    batch_jsonl(&input, &fresh, &with_glossary);
    assert_same_reports(&fresh, &out);
}

/// Runs `args` and asserts it ends within `limit`, killing it otherwise.
fn run_within(args: &[&str], limit: Duration) -> Output {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_backcheck"))
        .current_dir(root())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("backcheck {} took more than {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn assert_one_line_error(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}

/// Defect 3: a folder or a device as input, or a file as --out, is a
/// one-line error and exit 2, at once.
#[test]
fn folders_and_devices_as_input_are_refused_at_once() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let out = dir.join("out");
    let limit = Duration::from_secs(5);
    for flag in ["--jsonl", "--manifest"] {
        let run = run_within(&["batch", flag, s(dir), "--out", s(&out)], limit);
        assert_one_line_error(&run, "is a folder");
        assert!(stderr(&run).contains(s(dir)));
        #[cfg(unix)]
        {
            let run = run_within(&["batch", flag, "/dev/zero", "--out", s(&out)], limit);
            assert_one_line_error(&run, "/dev/zero: is a device");
        }
    }
    // A file or a device as the output folder.
    let file = dir.join("file");
    std::fs::write(&file, "x").expect("write");
    let input = dir.join("in.jsonl");
    std::fs::write(&input, line("a".into(), "One.", "One.")).expect("write");
    for bad in [s(&file), "/dev/null"] {
        let run = run_within(&["batch", "--jsonl", s(&input), "--out", bad], limit);
        assert_one_line_error(&run, "is not a folder");
        assert!(!stderr(&run).contains("os error"), "{}", stderr(&run));
    }
    // `check` refuses a folder or a device as a document.
    let run = run_within(&["check", s(dir), s(&input)], limit);
    assert_one_line_error(&run, "is a folder");
}

/// Defect 4: a second run into a folder another run is writing to is
/// refused at once, and the first run's reports equal a solo run's.
#[test]
fn a_concurrent_run_is_refused_and_the_first_run_stays_whole() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (orig, trans) = (seed_text(ORIG), seed_text(TRANS));
    let input = line("a".into(), &orig, &trans) + &line("b".into(), &trans, &orig);
    let out = tmp.path().join("out");
    // The first run reads its input from a pipe held open: it stays in
    // the middle of its run until the pipe is closed.
    let mut first = Command::new(env!("CARGO_BIN_EXE_backcheck"))
        .current_dir(root())
        .args(["batch", "--jsonl", "-", "--out", s(&out), "--jobs", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("first run");
    let mut pipe = first.stdin.take().expect("stdin");
    pipe.write_all(line("a".into(), &orig, &trans).as_bytes())
        .expect("write");
    let started = Instant::now();
    while !out.join(".backcheck-runs").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "first run never started"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let other = tmp.path().join("other.jsonl");
    std::fs::write(&other, line("z".into(), "Other text.", "Other text.")).expect("write");
    let second = run_within(
        &["batch", "--jsonl", s(&other), "--out", s(&out)],
        Duration::from_secs(5),
    );
    assert_one_line_error(
        &second,
        &format!("another backcheck run is writing to {}", out.display()),
    );
    pipe.write_all(line("b".into(), &trans, &orig).as_bytes())
        .expect("write");
    drop(pipe);
    let first = first.wait_with_output().expect("first run ends");
    assert!(first.status.success(), "{}", stderr(&first));
    let solo_input = tmp.path().join("solo.jsonl");
    std::fs::write(&solo_input, input).expect("write");
    let solo = tmp.path().join("solo");
    batch_jsonl(&solo_input, &solo, &["--jobs", "1"]);
    assert_same_reports(&solo, &out);
    // Once the first run is over, the folder is free again.
    let later = batch_jsonl(&other, &out, &[]);
    assert!(later.status.success(), "{}", stderr(&later));
}

/// Every cell of a CSV file (its BOM removed).
fn cells(bytes: &[u8]) -> Vec<String> {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    r.records()
        .flat_map(|rec| {
            rec.expect("row")
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn formula_like(cell: &str) -> bool {
    backcheck::report::is_formula_like(cell)
}

/// Defect 5: no CSV cell of `check` or `batch` starts a formula, with or
/// without --excel; --raw-csv keeps the bytes.
#[test]
fn no_csv_cell_starts_a_formula_unless_raw_csv() {
    let tmp = tempfile::tempdir().expect("tmp");
    let orig = "=HYPERLINK(\"http://x\",\"a\") Officials met in Kyiv. -5 people came. @SUM(A1) was said.\n";
    let trans = "+cmd|' /C calc'!A0 Officials met in Kiev. -6 people came. @SUM(A2) was said.\n";
    let input = tmp.path().join("in.jsonl");
    std::fs::write(
        &input,
        line("=1+1".into(), orig, trans) + &line("-2+3".into(), orig, trans) + "[1]\n",
    )
    .expect("write");
    for extra in [&[][..], &["--excel"][..]] {
        let out = tmp.path().join(format!("out{}", extra.len()));
        batch_jsonl(&input, &out, extra);
        for name in ["findings.csv", "summary.csv"] {
            let all = cells(&read(&out, name));
            assert!(
                all.iter().any(|c| c.starts_with("'=1+1")),
                "{name}: {all:?}"
            );
            let bad: Vec<&String> = all.iter().filter(|c| formula_like(c)).collect();
            assert!(bad.is_empty(), "{name}: {bad:?}");
        }
        // Raw: the same cells as they were.
        let raw = tmp.path().join(format!("raw{}", extra.len()));
        batch_jsonl(&input, &raw, &[extra, &["--raw-csv"]].concat());
        let all = cells(&read(&raw, "summary.csv"));
        assert!(all.iter().any(|c| c == "=1+1"), "{all:?}");
        assert!(all.iter().any(|c| c == "-2+3"), "{all:?}");
    }
    let (o, t) = (tmp.path().join("o.txt"), tmp.path().join("t.txt"));
    std::fs::write(&o, orig).expect("write");
    std::fs::write(&t, trans).expect("write");
    for extra in [&[][..], &["--pair", "@x"][..]] {
        let run = run_ok(&[&["check", s(&o), s(&t)][..], extra].concat());
        let all = cells(&run.stdout);
        assert!(all.len() > 14, "findings expected: {all:?}");
        let bad: Vec<&String> = all.iter().filter(|c| formula_like(c)).collect();
        assert!(bad.is_empty(), "{bad:?}");
    }
    let raw = run_ok(&["check", s(&o), s(&t), "--pair", "@x", "--raw-csv"]);
    assert!(cells(&raw.stdout).iter().any(|c| c == "@x"));
    // Plain numbers stay numbers.
    assert!(!formula_like("-5") && !formula_like("+3.25") && formula_like("-5+A1"));
    assert!(formula_like("\tx") && formula_like("\r") && formula_like("-"));
}

/// Defect 7: files that share a stem, broken links and FIFOs are error
/// rows, not dropped.
#[test]
fn pair_dirs_drops_no_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (o, t) = (tmp.path().join("o"), tmp.path().join("t"));
    std::fs::create_dir_all(&o).expect("mkdir");
    std::fs::create_dir_all(&t).expect("mkdir");
    let text = "Officials met in Kyiv for three days.\n";
    for (dir, name) in [
        (&o, "a.txt"),
        (&o, "a.md"),
        (&t, "a.txt"),
        (&o, "b.txt"),
        (&t, "b.txt"),
    ] {
        std::fs::write(dir.join(name), text).expect("write");
    }
    let mut expected = vec![("a", "error"), ("b", "ok")];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(o.join("nothing.txt"), o.join("c.txt")).expect("symlink");
        std::fs::write(t.join("c.txt"), text).expect("write");
        let fifo = Command::new("mkfifo")
            .arg(o.join("d.txt"))
            .status()
            .is_ok_and(|s| s.success());
        std::fs::write(t.join("d.txt"), text).expect("write");
        expected.push(("c", "error"));
        if fifo {
            expected.push(("d", "error"));
        }
    }
    let out = tmp.path().join("out");
    let run = run_within(
        &["batch", "--pair-dirs", s(&o), s(&t), "--out", s(&out)],
        Duration::from_secs(20),
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let rows = summary_rows(&out);
    let got: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[1])).collect();
    assert_eq!(got, expected);
    assert!(
        rows[0][22].contains("a.md")
            && rows[0][22].contains("a.txt")
            && rows[0][22].contains("share the stem"),
        "{:?}",
        &rows[0]
    );
    if expected.len() > 2 {
        assert!(
            rows[2][22].contains("broken symbolic link"),
            "{:?}",
            &rows[2]
        );
    }
    if expected.len() > 3 {
        assert!(rows[3][22].contains("not a regular file"), "{:?}", &rows[3]);
    }
}

/// Defect 8: `--jobs 100000` is clamped with a warning and the run ends
/// within seconds; `--jobs 0` is refused.
#[test]
fn jobs_beyond_reason_are_clamped() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    std::fs::write(&input, line("a".into(), "One met two.", "One met two.")).expect("write");
    let out = tmp.path().join("out");
    let run = run_within(
        &[
            "batch",
            "--jsonl",
            s(&input),
            "--out",
            s(&out),
            "--jobs",
            "100000",
        ],
        Duration::from_secs(10),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("warning: --jobs 100000"),
        "{}",
        stderr(&run)
    );
    let run = run_within(
        &[
            "batch",
            "--jsonl",
            s(&input),
            "--out",
            s(&out),
            "--jobs",
            "0",
        ],
        Duration::from_secs(10),
    );
    assert_one_line_error(&run, "--jobs 0");
    let options = backcheck::batch::BatchOptions {
        out: PathBuf::new(),
        jobs: 100_000,
        shard: None,
        resume: false,
        csv: Default::default(),
        check: Default::default(),
        progress: false,
        log_every: None,
    };
    assert_eq!(options.threads(), backcheck::batch::MAX_JOBS);
}

/// The number findings of one sentence pair.
fn number_findings(orig: &str, trans: &str) -> Vec<backcheck::check::Finding> {
    let o = backcheck::Document::from_bytes("o", orig.as_bytes()).expect("text");
    let t = backcheck::Document::from_bytes("t", trans.as_bytes()).expect("text");
    let report = backcheck::pipeline::check_pair("p", &o, &t, &Default::default());
    report
        .findings
        .into_iter()
        .filter(|f| f.kind == backcheck::check::Kind::Number)
        .collect()
}

/// Defect 9: sign changes, integers past 2^53 and past f64's range, and
/// long numbers are compared exactly.
#[test]
fn numbers_are_compared_exactly() {
    for (orig, trans) in [
        ("Prices fell −5% in May.", "Prices fell 5% in May."),
        (
            "Prices fell -5 points in May.",
            "Prices fell 5 points in May.",
        ),
        (
            "The count was 12345678901234567 units.",
            "The count was 12345678901234568 units.",
        ),
        ("The total was 1e400 units.", "The total was 2e400 units."),
        (
            "The total was 0.1000000000000000001 units.",
            "The total was 0.1 units.",
        ),
    ] {
        assert_eq!(number_findings(orig, trans).len(), 1, "{orig} → {trans}");
        assert!(number_findings(orig, orig).is_empty(), "{orig}");
    }
    // The sign is quoted with the number.
    let sign = number_findings(
        "Prices fell -5 points in May.",
        "Prices fell 5 points in May.",
    );
    assert_eq!(
        (sign[0].expected.as_str(), sign[0].found.as_str()),
        ("-5", "5")
    );
    let sign = number_findings("Prices fell −5% in May.", "Prices fell 5% in May.");
    assert_eq!(
        (sign[0].expected.as_str(), sign[0].found.as_str()),
        ("−5%", "5%")
    );
    let long = format!("1{}", "2".repeat(399));
    let changed = format!("1{}3", "2".repeat(398));
    let found = number_findings(
        &format!("There were five boats and {long} grains."),
        &format!("There were five boats and {changed} grains."),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].expected, long);
    assert_eq!(found[0].found, changed);
}

/// Defect 10: a pair whose sentence holds a 1,000,000-character word is
/// checked in well under 5 s.
#[test]
fn a_million_character_word_is_checked_quickly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let word = "a".repeat(1_000_000);
    let (o, t) = (tmp.path().join("o.txt"), tmp.path().join("t.txt"));
    std::fs::write(
        &o,
        format!("Officials met in Kyiv. The word is {word} here.\n"),
    )
    .expect("o");
    std::fs::write(
        &t,
        format!("Officials met in Kiev. The word is {word}b here.\n"),
    )
    .expect("t");
    let run = run_within(&["check", s(&o), s(&t)], Duration::from_secs(5));
    assert!(run.status.success(), "{}", stderr(&run));
}

/// Defect 11: clear messages.
#[test]
fn bad_input_gets_a_message_that_says_what_is_wrong() {
    let tmp = tempfile::tempdir().expect("tmp");
    // UTF-16 with a BOM is decoded, with a warning.
    let text = "Officials met in Kyiv for three days.\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let wide = tmp.path().join("wide.txt");
    std::fs::write(&wide, utf16).expect("write");
    let plain = tmp.path().join("plain.txt");
    std::fs::write(&plain, text).expect("write");
    let run = backcheck(&["check", s(&wide), s(&plain), "--format", "json"], None);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("UTF-16LE"), "{}", stderr(&run));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(0), "{json}");
    // A manifest with a quote left open names its line and swallows nothing.
    let o = root().join(ORIG);
    let manifest = tmp.path().join("m.csv");
    std::fs::write(
        &manifest,
        format!(
            "ID,Original,Translation\na,\"{o},{o}\nb,{o},{o}\n",
            o = o.display()
        ),
    )
    .expect("manifest");
    let out = tmp.path().join("out");
    let run = backcheck(
        &["batch", "--manifest", s(&manifest), "--out", s(&out)],
        None,
    );
    assert_one_line_error(&run, "line 2");
    assert!(stderr(&run).contains("not closed"), "{}", stderr(&run));
    // Headers in another case are the same columns.
    std::fs::write(
        &manifest,
        format!("ID,Original,Translation\na,{o},{o}\n", o = o.display()),
    )
    .expect("manifest");
    let run = backcheck(
        &["batch", "--manifest", s(&manifest), "--out", s(&out)],
        None,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    // A glossary with a header that is not ours.
    let glossary = tmp.path().join("g.csv");
    std::fs::write(&glossary, "term,translation\nKyiv,Kiev\n").expect("glossary");
    let run = backcheck(
        &["check", s(&plain), s(&plain), "--glossary", s(&glossary)],
        None,
    );
    assert_one_line_error(&run, "header");
    // A JSON array is not a pair; a lone surrogate is named as such.
    let input = tmp.path().join("in.jsonl");
    std::fs::write(
        &input,
        "[\"a\", \"One.\", \"One.\"]\n{\"id\":\"b\",\"original\":\"x \\ud800 y\",\"translation\":\"z\"}\n",
    )
    .expect("write");
    batch_jsonl(&input, &out, &[]);
    let rows = summary_rows(&out);
    assert_eq!((&rows[0][1], &rows[1][1]), ("error", "error"));
    assert!(
        rows[0][22].contains("line 1: not a JSON pair object"),
        "{:?}",
        &rows[0]
    );
    assert!(
        rows[1][22].contains("\\ud800") && rows[1][22].contains("surrogate"),
        "{:?}",
        &rows[1]
    );
}

/// Defect 12: the manifest is trusted (README, "Guarantees"): its paths
/// may lead out of its folder, and are read from there.
#[test]
fn manifest_paths_may_leave_the_manifest_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let sub = tmp.path().join("deep/er");
    std::fs::create_dir_all(&sub).expect("mkdir");
    std::fs::write(tmp.path().join("o.txt"), "Officials met in Kyiv.\n").expect("write");
    let manifest = sub.join("m.csv");
    std::fs::write(
        &manifest,
        "id,original,translation\na,../../o.txt,../../o.txt\n",
    )
    .expect("manifest");
    let out = tmp.path().join("out");
    let run = backcheck(
        &["batch", "--manifest", s(&manifest), "--out", s(&out)],
        None,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    assert!(
        readme.contains("The manifest is trusted"),
        "README says how paths are handled"
    );
}
