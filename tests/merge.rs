//! `backcheck merge`: the JSON lines of `batch --out -` workers, shuffled
//! and split as an engine would return them, give the reports of one
//! batch byte for byte; what cannot be merged is refused with a one-line
//! message and nothing written.

mod common;

use std::path::Path;

use common::*;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The reports a batch writes: `report.html` redirects into the
/// `report` folder, which is compared whole.
const REPORTS: [&str; 5] = [
    "findings.csv",
    "summary.csv",
    "findings.jsonl",
    "report.html",
    "report",
];

/// A report's bytes; for a folder, every file in it (sorted, each
/// preceded by its name).
fn read(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    if !path.is_dir() {
        return std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let mut entries: Vec<_> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for entry in entries {
        out.extend_from_slice(entry.as_bytes());
        out.push(0);
        out.extend(read(&path, &entry));
    }
    out
}

fn ok(args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    let run = backcheck(args, stdin);
    assert!(
        run.status.code().is_some_and(|c| c == 0 || c == 2),
        "backcheck {}: {:?}\n{}",
        args.join(" "),
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    run.stdout
}

/// Generated pairs with some that cannot be checked (an empty
/// translation, a binary original), their ids renamed by `rename`.
fn input(n: usize, rename: impl Fn(usize, &str) -> String) -> Vec<u8> {
    let synth = ok(
        &[
            "synth",
            "seeds/002_742852bff4c18cee.txt",
            "seeds/000_3746ec981e8ff7bf.txt",
            "--jsonl",
            &n.to_string(),
            "--sentences",
            "12",
        ],
        None,
    );
    let mut out = String::new();
    for (i, line) in String::from_utf8(synth).expect("utf-8").lines().enumerate() {
        let mut v: serde_json::Value = serde_json::from_str(line).expect("synth line");
        let id = rename(i, v["id"].as_str().expect("id"));
        v["id"] = id.into();
        if i % 7 == 3 {
            v["translation"] = "".into();
        }
        if i % 11 == 5 {
            v["original"] = "binary\u{0}text".into();
        }
        out += &v.to_string();
        out.push('\n');
    }
    out.into_bytes()
}

/// A deterministic shuffle of lines, split over `parts` files in `dir`.
fn shuffled_parts(lines: &[String], parts: usize, dir: &Path) -> Vec<String> {
    let mut lines: Vec<&String> = lines.iter().collect();
    // Reverse, then interleave: far from any order the pairs came in.
    lines.reverse();
    let (even, odd): (Vec<_>, Vec<_>) = lines.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let lines: Vec<&String> = odd.into_iter().chain(even).map(|(_, l)| *l).collect();
    let mut names = Vec::new();
    for (k, chunk) in lines.chunks(lines.len().div_ceil(parts)).enumerate() {
        let path = dir.join(format!("part-{k:05}"));
        let text: String = chunk.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, text).expect("write part");
        names.push(s(&path).to_string());
    }
    names
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .expect("utf-8")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn merge_of_shuffled_shards_equals_one_batch_byte_for_byte() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pairs = tmp.path().join("pairs.jsonl");
    std::fs::write(&pairs, input(40, |_, id| id.to_string())).expect("write");
    let single = tmp.path().join("single");
    ok(
        &[
            "batch",
            "--jsonl",
            s(&pairs),
            "--out",
            s(&single),
            "--jobs",
            "2",
        ],
        None,
    );
    // Three workers, each its shard, with one thread.
    let mut results = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let out = ok(
            &[
                "batch",
                "--jsonl",
                s(&pairs),
                "--shard",
                shard,
                "--out",
                "-",
                "--sections",
                "--jobs",
                "1",
            ],
            None,
        );
        results.extend(lines(&out));
    }
    assert_eq!(results.len(), 40);
    let parts_dir = tmp.path().join("spark-out");
    std::fs::create_dir(&parts_dir).expect("mkdir");
    let mut parts = shuffled_parts(&results, 4, &parts_dir);
    // What Spark leaves beside its parts is skipped.
    std::fs::write(parts_dir.join("_SUCCESS"), "").expect("write");
    std::fs::write(parts_dir.join(".part-00000.crc"), "x").expect("write");
    let merged = tmp.path().join("merged");
    let run = backcheck(&["merge", s(&parts_dir), "--out", s(&merged)], None);
    // Error pairs were merged: exit 2, as a batch with them exits.
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("merged 40 pairs from 4 files"), "{stderr}");
    for name in REPORTS {
        assert!(
            read(&single, name) == read(&merged, name),
            "{name} differs from one batch's"
        );
    }
    // The same from the part files named one by one, in another order,
    // and from standard input; and by input position.
    parts.reverse();
    let again = tmp.path().join("again");
    let mut args = vec!["merge", "--out", s(&again)];
    args.extend(parts.iter().map(String::as_str));
    ok(&args, None);
    let from_stdin = tmp.path().join("stdin");
    let all: String = results.iter().rev().map(|l| format!("{l}\n")).collect();
    ok(
        &["merge", "-", "--out", s(&from_stdin)],
        Some(all.as_bytes()),
    );
    assert!(!from_stdin.join(".backcheck-merge-stdin.partial").exists());
    let ordered = tmp.path().join("ordered");
    ok(
        &[
            "merge",
            s(&parts_dir),
            "--order",
            s(&pairs),
            "--out",
            s(&ordered),
        ],
        None,
    );
    for dir in [&again, &from_stdin, &ordered] {
        for name in REPORTS {
            assert!(read(&single, name) == read(dir, name), "{name} differs");
        }
    }
}

#[test]
fn ids_out_of_order_need_the_input_to_merge_in_its_order() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pairs = tmp.path().join("pairs.jsonl");
    // Ids that do not sort as the input runs.
    std::fs::write(&pairs, input(12, |i, _| format!("art-{}", (i * 7) % 12))).expect("write");
    let single = tmp.path().join("single");
    ok(&["batch", "--jsonl", s(&pairs), "--out", s(&single)], None);
    let stream = ok(
        &["batch", "--jsonl", s(&pairs), "--out", "-", "--sections"],
        None,
    );
    let parts = shuffled_parts(&lines(&stream), 3, tmp.path());
    let (by_id, by_input) = (tmp.path().join("by-id"), tmp.path().join("by-input"));
    let mut args = vec!["merge", "--out", s(&by_id)];
    args.extend(parts.iter().map(String::as_str));
    ok(&args, None);
    let mut args = vec!["merge", "--order", s(&pairs), "--out", s(&by_input)];
    args.extend(parts.iter().map(String::as_str));
    ok(&args, None);
    for name in REPORTS {
        assert!(read(&single, name) == read(&by_input, name), "{name}");
    }
    let ids = |dir: &Path| -> Vec<String> {
        let mut r = csv::Reader::from_path(dir.join("summary.csv")).expect("summary");
        r.records()
            .map(|x| x.expect("row")[0].to_string())
            .collect()
    };
    let mut sorted = ids(&single);
    assert_ne!(ids(&by_id), sorted);
    sorted.sort_by_key(|id| id[4..].parse::<usize>().expect("number"));
    assert_eq!(ids(&by_id), sorted);
}

#[test]
fn lines_without_sections_merge_with_the_same_csvs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pairs = tmp.path().join("pairs.jsonl");
    std::fs::write(&pairs, input(8, |_, id| id.to_string())).expect("write");
    let single = tmp.path().join("single");
    ok(&["batch", "--jsonl", s(&pairs), "--out", s(&single)], None);
    let stream = ok(&["batch", "--jsonl", s(&pairs), "--out", "-"], None);
    assert!(!String::from_utf8_lossy(&stream).contains("\"section\""));
    let parts = shuffled_parts(&lines(&stream), 2, tmp.path());
    let merged = tmp.path().join("merged");
    let run = backcheck(&["merge", &parts[0], &parts[1], "--out", s(&merged)], None);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("without their report.html section"));
    for name in ["findings.csv", "summary.csv", "findings.jsonl"] {
        assert!(read(&single, name) == read(&merged, name), "{name}");
    }
    let html = String::from_utf8(read(&merged, "report")).expect("utf-8");
    assert!(html.contains("the worker sent no side-by-side view") && html.contains("</html>\n"));
}

#[test]
fn what_cannot_be_merged_is_refused_and_nothing_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pairs = tmp.path().join("pairs.jsonl");
    std::fs::write(&pairs, input(6, |_, id| id.to_string())).expect("write");
    let stream = lines(&ok(&["batch", "--jsonl", s(&pairs), "--out", "-"], None));
    let write = |name: &str, lines: &[String]| {
        let path = tmp.path().join(name);
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, text).expect("write");
        s(&path).to_string()
    };
    let whole = write("whole.jsonl", &stream);
    let first = write("first.jsonl", &stream[..1]);
    let short = write("short.jsonl", &stream[1..]);
    let mut bad = stream.clone();
    bad[2] = "{\"pair\": \"x\"".into();
    let bad = write("bad.jsonl", &bad);
    let mut lying = stream.clone();
    lying[0] = lying[0].replacen("\"pair\":\"synth-1\"", "\"pair\":\"synth-99\"", 1);
    let lying = write("lying.jsonl", &lying);
    let mut unknown = stream.clone();
    unknown[0] = unknown[0].replace("synth-1\"", "synth-99\"");
    let unknown = write("unknown.jsonl", &unknown);
    let refused = |args: &[&str], expect: &[&str]| {
        let out = tmp.path().join("out");
        let mut all = args.to_vec();
        all.extend(["--out", s(&out)]);
        let run = backcheck(&all, None);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        for e in expect {
            assert!(stderr.contains(e), "{e:?} not in {stderr}");
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!out.exists(), "the output folder was made");
    };
    refused(
        &["merge", &bad],
        &["bad.jsonl: line 3", "not a result line"],
    );
    refused(&["merge", &whole, &first], &["came back twice", "synth-1"]);
    refused(
        &["merge", &short, "--order", s(&pairs)],
        &[
            "pairs.jsonl",
            "1 of its 6 pairs did not come back",
            "synth-1",
        ],
    );
    refused(
        &["merge", &lying, "--order", s(&pairs)],
        &["lying.jsonl: line 1"],
    );
    refused(&["merge", &lying], &["lying.jsonl: line 1", "synth-99"]);
    refused(
        &["merge", &unknown, "--order", s(&pairs)],
        &["unknown.jsonl: line 1", "\"synth-99\" is not in the input"],
    );
    // Without the input, a renamed pair merges: the ids are all there is.
    ok(
        &["merge", &unknown, "--out", s(&tmp.path().join("u"))],
        None,
    );
    refused(&["merge", "/nonexistent/parts"], &["/nonexistent/parts"]);
    let empty = tmp.path().join("empty-dir");
    std::fs::create_dir(&empty).expect("mkdir");
    refused(&["merge", s(&empty)], &["no part files"]);
    let out = tmp.path().join("out");
    let run = backcheck(
        &[
            "batch",
            "--jsonl",
            s(&pairs),
            "--sections",
            "--out",
            s(&out),
        ],
        None,
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--sections goes with --out -"));
}

#[test]
fn merge_exit_codes_follow_batch() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pairs = tmp.path().join("pairs.jsonl");
    // Three pairs, none made an error (those are the 4th and 6th).
    let all = input(3, |_, id| id.to_string());
    std::fs::write(&pairs, &all).expect("write");
    let stream = ok(&["batch", "--jsonl", s(&pairs), "--out", "-"], None);
    let out = tmp.path().join("out");
    let merge = |fail_on: &[&str]| {
        let mut args = vec!["merge", "-", "--out", s(&out)];
        args.extend_from_slice(fail_on);
        backcheck(&args, Some(&stream)).status.code()
    };
    assert_eq!(merge(&[]), Some(0));
    assert_eq!(merge(&["--fail-on", "minor"]), Some(1));
    assert_eq!(merge(&["--excel"]), Some(0));
    assert!(read(&out, "summary.csv").starts_with("\u{FEFF}pair,".as_bytes()));
}

#[test]
fn merging_over_a_batch_folder_drops_its_resume_state() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pairs = tmp.path().join("pairs.jsonl");
    std::fs::write(&pairs, input(4, |_, id| id.to_string())).expect("write");
    let dir = tmp.path().join("reports");
    ok(&["batch", "--jsonl", s(&pairs), "--out", s(&dir)], None);
    let state = dir.join(".backcheck-state.jsonl");
    assert!(state.exists());
    // Results in another order of ids: merged, the reports change.
    let stream = ok(&["batch", "--jsonl", s(&pairs), "--out", "-"], None);
    let renamed = String::from_utf8(stream)
        .expect("utf-8")
        .replace("synth-1\"", "synth-9\"");
    ok(&["merge", "-", "--out", s(&dir)], Some(renamed.as_bytes()));
    assert!(
        !state.exists(),
        "a stale state file would resume from the wrong reports"
    );
    let summary = String::from_utf8(read(&dir, "summary.csv")).expect("utf-8");
    assert!(summary
        .lines()
        .last()
        .is_some_and(|l| l.starts_with("synth-9,")));
}
