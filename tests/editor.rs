//! The editor's workflow (issue 18): the terminal view, fingerprints and
//! the ignore list, the baseline, the config file, Excel, the inputs
//! editors have, and the command line's manners.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn text(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(bytes)
        .records()
        .map(|r| r.expect("csv row"))
        .collect()
}

fn column(header: &csv::StringRecord, name: &str) -> usize {
    header
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// The seed pair's findings as CSV rows, with the header.
fn seed_csv(extra: &[&str]) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut args = vec!["check", ORIG, TRANS, "--format", "csv"];
    args.extend_from_slice(extra);
    let out = run_ok(&args);
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let header = r.headers().expect("header").clone();
    let rows = r.records().map(|r| r.expect("row")).collect();
    (header, rows)
}

#[test]
fn the_text_view_groups_findings_under_sentence_numbers_and_holds_no_csv() {
    let view = text(&run_ok(&["check", ORIG, TRANS, "--format", "text"]));
    let (_, rows) = seed_csv(&[]);
    assert!(
        !view.contains("pair,finding,kind"),
        "CSV header in the view"
    );
    assert!(!view.contains('\x1b'), "colour codes in piped output");
    // Every finding is listed once, under a sentence heading.
    let findings: Vec<&str> = view.lines().filter(|l| l.starts_with("  - ")).collect();
    assert_eq!(findings.len(), rows.len());
    let mut heading = None;
    let mut headings = 0;
    let rank = |l: &str| {
        ["critical", "major", "minor"]
            .iter()
            .position(|s| l[4..].starts_with(s))
            .expect("a severity")
    };
    let mut worst = 0;
    for line in view.lines() {
        if line.starts_with("Sentence ") || line.starts_with("Translation sentence ") {
            let number = line
                .split_whitespace()
                .find_map(|w| w.parse::<usize>().ok())
                .expect("a sentence number");
            assert!(number >= 1);
            heading = Some(line);
            headings += 1;
            worst = 0;
        } else if line.starts_with("  - ") {
            assert!(heading.is_some(), "a finding before any sentence: {line}");
            // Worst first within a sentence.
            assert!(rank(line) >= worst, "not worst first: {line}");
            worst = rank(line);
        }
    }
    assert!(headings > 10, "{headings} sentence groups");
    // Conflicting spans are marked in plain text.
    assert!(view.contains("[Kursk Oblast]"), "spans not marked");
    // The summary speaks of names and passages, not beads.
    let head: Vec<&str> = view.lines().take(3).collect();
    assert!(head[1].starts_with("In short: ") && head[1].contains("names corrupted"));
    assert!(!view.contains("beads"));
}

#[test]
fn the_readme_shows_the_text_view_as_it_is() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    assert!(readme.contains("cargo install --path ."), "no install line");
    let view = text(&run_ok(&["check", ORIG, TRANS, "--format", "text"]));
    let start = readme
        .find("<!-- text-view -->")
        .expect("the README marks its text-view excerpt");
    let excerpt = &readme[start..];
    let excerpt = &excerpt[excerpt.find("```text\n").expect("a text block") + 8..];
    let excerpt = &excerpt[..excerpt.find("```").expect("block end")];
    // The excerpt is the view's shape: a summary in words, sentence
    // headings with findings under them, no CSV.
    assert!(!excerpt.contains("pair,finding,kind"));
    assert!(excerpt
        .lines()
        .nth(1)
        .is_some_and(|l| l.starts_with("In short: ")));
    let sentences = excerpt
        .lines()
        .filter(|l| l.starts_with("Sentence "))
        .count();
    let findings = excerpt.lines().filter(|l| l.starts_with("  - ")).count();
    assert!(sentences >= 2 && findings >= sentences, "{excerpt}");
    // Its first line is the seed pair's, as the view starts.
    let first = excerpt.lines().next().expect("a line");
    let pair = first.split(": score ").next().expect("pair");
    assert!(view.starts_with(&format!("{pair}: score ")), "{first}");
}

#[test]
fn colour_marks_spans_in_the_library_view_and_csv_stays_the_default_when_piped() {
    let report = backcheck::pipeline::check_pair(
        "p",
        &seed(ORIG),
        &seed(TRANS),
        &backcheck::check::CheckOptions::default(),
    );
    let coloured = backcheck::report::text::render(&report, true);
    assert!(coloured.contains("\x1b[1m") && !coloured.contains("[Kursk Oblast]"));
    let plain = backcheck::report::text::render(&report, false);
    assert!(!plain.contains('\x1b'));
    let piped = text(&run_ok(&["check", ORIG, TRANS]));
    assert!(piped.starts_with("pair,finding,kind,"), "{}", &piped[..40]);
    let json = text(&run_ok(&["check", ORIG, TRANS, "--format", "json"]));
    assert!(json.contains("\"fingerprint\": \""));
}

#[test]
fn a_fingerprint_is_unchanged_when_an_unrelated_sentence_is_inserted_before_it() {
    let options = backcheck::check::CheckOptions::default();
    let check = |o: &str, t: &str| {
        let o = backcheck::Document::from_bytes("o.txt", o.as_bytes()).expect("o");
        let t = backcheck::Document::from_bytes("t.txt", t.as_bytes()).expect("t");
        backcheck::pipeline::check_pair("p", &o, &t, &options)
    };
    let orig = "The mayor of Kharkiv met the governor on Monday.\nThey spoke for three hours about the bridge.\n";
    let trans = "The mayor of Kharkiv met the governor on Monday.\nThey spoke for five hours about the bridge.\n";
    let before = check(orig, trans);
    let insert = "Rain fell across the region all week long.\n";
    let after = check(&format!("{insert}{orig}"), &format!("{insert}{trans}"));
    let number = |r: &backcheck::PairReport| {
        r.findings
            .iter()
            .position(|f| f.kind == backcheck::check::Kind::Number)
            .expect("the number finding")
    };
    let (a, b) = (number(&before), number(&after));
    assert_ne!(
        before.findings[a].orig, after.findings[b].orig,
        "positions moved"
    );
    assert_eq!(before.tracked[a].fingerprint, after.tracked[b].fingerprint);
    // The sentence it is about does change it.
    let edited = check(orig, &trans.replace("about the bridge", "about a bridge"));
    assert_ne!(
        before.tracked[a].fingerprint,
        edited.tracked[number(&edited)].fingerprint
    );
}

fn seed_manifest(dir: &Path) -> std::path::PathBuf {
    let manifest = dir.join("m.csv");
    std::fs::write(
        &manifest,
        format!(
            "id,original,translation\nseed,{},{}\n",
            root().join(ORIG).display(),
            root().join(TRANS).display()
        ),
    )
    .expect("manifest");
    manifest
}

#[test]
fn an_ignored_fingerprint_disappears_from_all_four_batch_reports_and_is_counted() {
    let tmp = tempfile::tempdir().expect("tmp");
    let manifest = seed_manifest(tmp.path());
    let plain = tmp.path().join("plain");
    run_ok(&["batch", "--manifest", s(&manifest), "--out", s(&plain)]);
    let rows = csv_rows(&std::fs::read(plain.join("findings.csv")).expect("csv"));
    let header = csv::Reader::from_path(plain.join("findings.csv"))
        .expect("csv")
        .headers()
        .expect("header")
        .clone();
    let fp = rows[0][column(&header, "fingerprint")].to_string();
    let same = rows
        .iter()
        .filter(|r| r[column(&header, "fingerprint")] == *fp)
        .count();
    let reports = ["findings.csv", "findings.jsonl", "report/pairs"];
    for name in reports {
        let body = read_report(&plain.join(name));
        assert!(body.contains(&fp), "{name} lacks the fingerprint");
    }
    // One line for this pair, one (the second finding's) for every pair.
    let fp2 = rows
        .iter()
        .map(|r| r[column(&header, "fingerprint")].to_string())
        .find(|f| *f != fp)
        .expect("another finding");
    let same2 = rows
        .iter()
        .filter(|r| r[column(&header, "fingerprint")] == *fp2)
        .count();
    let ignore = tmp.path().join("ignore.csv");
    std::fs::write(
        &ignore,
        format!("fingerprint,pair,note\n{fp},seed,not an error\n{fp2},,house style\n"),
    )
    .expect("ignore");
    let out = tmp.path().join("ignored");
    run_ok(&[
        "batch",
        "--manifest",
        s(&manifest),
        "--out",
        s(&out),
        "--ignore",
        s(&ignore),
    ]);
    for name in reports {
        let body = read_report(&out.join(name));
        assert!(
            !body.contains(&fp) && !body.contains(&fp2),
            "{name} still has it"
        );
    }
    let page = read_report(&out.join("report/pairs"));
    assert!(
        page.contains(&format!("({} ignored)", same + same2)),
        "the page counts them"
    );
    let summary = std::fs::read(out.join("summary.csv")).expect("summary");
    let mut r = csv::Reader::from_reader(summary.as_slice());
    let h = r.headers().expect("header").clone();
    let row = r.records().next().expect("row").expect("row");
    assert_eq!(row[column(&h, "ignored")], (same + same2).to_string());
    assert_eq!(
        row[column(&h, "findings")],
        (rows.len() - same - same2).to_string()
    );
    // An ignore line for another pair ignores nothing here.
    std::fs::write(&ignore, format!("{fp},other-pair,\n")).expect("ignore");
    let (_, kept) = seed_csv(&["--ignore", s(&ignore)]);
    assert_eq!(kept.len(), rows.len());
}

#[test]
fn a_bad_ignore_file_is_a_one_line_error_naming_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let ignore = tmp.path().join("ignore.csv");
    std::fs::write(&ignore, "fingerprint,pair,note\nKursk,,\n").expect("ignore");
    let out = backcheck(&["check", ORIG, TRANS, "--ignore", s(&ignore)], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ignore.csv: line 2") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn a_baseline_lists_the_fixed_finding_as_resolved() {
    let tmp = tempfile::tempdir().expect("tmp");
    let orig = tmp.path().join("article.txt");
    let trans = tmp.path().join("back.txt");
    std::fs::write(&orig, "The mayor of Kharkiv met the governor on Monday.\nThey spoke for three hours about the bridge.\nThe bridge will reopen in 12 days.\n").expect("orig");
    std::fs::write(&trans, "The mayor of Kharkov met the governor on Monday.\nThey spoke for five hours about the bridge.\nThe bridge will reopen in 12 days.\n").expect("trans");
    let base = tmp.path().join("base.csv");
    run_ok(&["check", s(&orig), s(&trans), "-o", s(&base)]);
    let before = csv_rows(&std::fs::read(&base).expect("base"));
    assert!(before.len() >= 2, "{before:?}");
    // The editor fixes the number.
    std::fs::write(&trans, "The mayor of Kharkov met the governor on Monday.\nThey spoke for three hours about the bridge.\nThe bridge will reopen in 12 days.\n").expect("fixed");
    let summary = tmp.path().join("summary.json");
    let out = run_ok(&[
        "check",
        s(&orig),
        s(&trans),
        "--baseline",
        s(&base),
        "--summary",
        s(&summary),
    ]);
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&summary).expect("summary")).expect("json");
    let resolved = summary["summary"]["resolved"].as_array().expect("resolved");
    assert_eq!(resolved.len(), 1, "{resolved:?}");
    assert_eq!(resolved[0]["kind"], "number");
    let expected = resolved[0]["expected"].as_str().expect("expected");
    assert!(expected.contains("three"), "{expected}");
    // What is left was there before.
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let h = r.headers().expect("header").clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), before.len() - 1);
    assert!(rows.iter().all(|r| &r[column(&h, "status")] == "unchanged"));
    // Only new: none.
    let only = run_ok(&[
        "check",
        s(&orig),
        s(&trans),
        "--baseline",
        s(&base),
        "--only-new",
    ]);
    assert_eq!(csv_rows(&only.stdout).len(), 0);
    // A batch folder as the baseline: a new finding is `new`.
    let manifest = tmp.path().join("m.csv");
    std::fs::write(
        &manifest,
        "id,original,translation\narticle,article.txt,back.txt\n",
    )
    .expect("m");
    let first = tmp.path().join("first");
    run_ok(&["batch", "--manifest", s(&manifest), "--out", s(&first)]);
    std::fs::write(&trans, "The mayor of Kharkov met the governor on Monday.\nThey spoke for three hours about the bridge.\nThe bridge will reopen in 15 days.\n").expect("worse");
    let second = tmp.path().join("second");
    run_ok(&[
        "batch",
        "--manifest",
        s(&manifest),
        "--out",
        s(&second),
        "--baseline",
        s(&first),
    ]);
    let rows = csv_rows(&std::fs::read(second.join("findings.csv")).expect("csv"));
    let h = csv::Reader::from_path(second.join("findings.csv"))
        .expect("csv")
        .headers()
        .expect("h")
        .clone();
    let statuses: Vec<&str> = rows.iter().map(|r| &r[column(&h, "status")]).collect();
    assert!(
        statuses.contains(&"new") && statuses.contains(&"unchanged"),
        "{statuses:?}"
    );
}

#[test]
fn a_config_that_disables_dropped_yields_none_and_is_in_the_signature() {
    let (h, rows) = seed_csv(&[]);
    let kind = column(&h, "kind");
    assert!(
        rows.iter().any(|r| &r[kind] == "dropped"),
        "the seed pair has dropped findings"
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let config = tmp.path().join("backcheck.toml");
    std::fs::write(
        &config,
        "min_severity = \"major\"\n[checks.dropped]\nenabled = false\n[profiles.all]\nmin_severity = \"minor\"\n",
    )
    .expect("config");
    let fingerprint = backcheck::config::Config::load(&config)
        .expect("valid")
        .fingerprint()
        .to_string();
    let json = run_ok(&[
        "check",
        ORIG,
        TRANS,
        "--format",
        "json",
        "--config",
        s(&config),
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let findings = doc["findings"].as_array().expect("findings");
    assert!(findings.iter().all(|f| f["kind"] != "dropped"));
    assert!(
        findings.iter().all(|f| f["severity"] != "minor"),
        "min_severity"
    );
    assert!(doc["summary"]["hidden"].as_u64().expect("hidden") > 0);
    let signature = doc["signature"].as_str().expect("signature");
    assert!(
        signature.contains(&format!("config:{fingerprint}")),
        "{signature}"
    );
    // Found in the working folder; the flag wins over the file; a profile
    // layers over it.
    let bin = env!("CARGO_BIN_EXE_backcheck");
    let run = |args: &[&str]| {
        let out = Command::new(bin)
            .current_dir(tmp.path())
            .args([
                "check",
                s(&root().join(ORIG)),
                s(&root().join(TRANS)),
                "--format",
                "csv",
            ])
            .args(args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        csv_rows(&out.stdout)
    };
    let found = run(&[]);
    assert!(found
        .iter()
        .all(|r| &r[kind] != "dropped" && &r[3] != "minor"));
    assert!(run(&["--min-severity", "minor"])
        .iter()
        .any(|r| &r[3] == "minor"));
    assert!(run(&["--profile", "all"]).iter().any(|r| &r[3] == "minor"));
    // Flags alone: a check off, a severity changed.
    let (_, rows) = seed_csv(&["--disable", "name", "--severity", "number=critical"]);
    assert!(rows.iter().all(|r| &r[kind] != "name"));
    assert!(rows
        .iter()
        .filter(|r| &r[kind] == "number")
        .all(|r| &r[3] == "critical"));
    // A mistake in the file is one line naming it.
    std::fs::write(&config, "[checks.dropped]\nenabled = \"no\"\n").expect("bad");
    let out = backcheck(&["check", ORIG, TRANS, "--config", s(&config)], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("backcheck.toml") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn the_xlsx_opens_with_calamine_and_holds_every_finding() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let tmp = tempfile::tempdir().expect("tmp");
    let book = tmp.path().join("seed.xlsx");
    run_ok(&[
        "check",
        ORIG,
        TRANS,
        "--xlsx",
        s(&book),
        "-o",
        s(&tmp.path().join("x.csv")),
    ]);
    let (_, rows) = seed_csv(&[]);
    let mut xlsx: Xlsx<_> = open_workbook(&book).expect("opens");
    assert_eq!(xlsx.sheet_names(), ["findings", "summary"]);
    let sheet = xlsx.worksheet_range("findings").expect("findings");
    assert_eq!(sheet.height(), rows.len() + 1);
    for (cells, row) in sheet.rows().skip(1).zip(&rows) {
        // Sentence references are text, never numbers.
        for c in [5, 6] {
            assert!(
                matches!(cells[c], Data::String(_) | Data::Empty),
                "{:?}",
                cells[c]
            );
            assert_eq!(cells[c].to_string(), row[c]);
        }
        assert_eq!(cells[14].to_string(), row[14], "fingerprint");
        assert_eq!(cells[11].to_string(), row[11], "message");
    }
    assert!(
        rows.iter()
            .any(|r| r[5].contains(',') || r[6].contains(',')),
        "a multi-sentence reference"
    );
    let summary = xlsx.worksheet_range("summary").expect("summary");
    assert_eq!(summary.height(), 2);
    // A batch folder's workbook splits past the row limit (here 10).
    let manifest = seed_manifest(tmp.path());
    let out = tmp.path().join("out");
    run_ok(&[
        "batch",
        "--manifest",
        s(&manifest),
        "--out",
        s(&out),
        "--xlsx",
    ]);
    assert!(out.join("findings.xlsx").is_file());
    let split = tmp.path().join("split.xlsx");
    backcheck::report::xlsx::write_batch_split(&out, &split, 10).expect("split");
    let mut xlsx: Xlsx<_> = open_workbook(&split).expect("opens");
    let names = xlsx.sheet_names();
    let finding_sheets: Vec<&String> = names.iter().filter(|n| n.starts_with("findings")).collect();
    assert_eq!(finding_sheets.len(), rows.len().div_ceil(10));
    let total: usize = finding_sheets
        .iter()
        .map(|n| xlsx.worksheet_range(n).expect("sheet").height() - 1)
        .sum();
    assert_eq!(total, rows.len());
}

#[test]
fn excel_csv_has_a_bom_and_the_semicolon_delimiter() {
    let out = run_ok(&["check", ORIG, TRANS, "--excel", "--delimiter", ";"]);
    assert!(out
        .stdout
        .starts_with("\u{feff}pair;finding;kind;".as_bytes()));
    let html = tempfile::NamedTempFile::new().expect("tmp");
    run_ok(&["check", ORIG, TRANS, "--html", s(html.path())]);
    let page = std::fs::read_to_string(html.path()).expect("page");
    let (h, rows) = seed_csv(&[]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(&format!(
        "data-fp=\"{}\"",
        &rows[0][column(&h, "fingerprint")]
    )));
    assert!(page.contains("download ignore.csv"));
}

/// The seed original's body sentences, read from `name` holding `bytes`.
fn sentences(name: &str, bytes: &[u8]) -> Vec<String> {
    let doc = backcheck::Document::from_bytes(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    backcheck::segment(&doc)
        .into_iter()
        .filter(|s| s.label == backcheck::Label::Body)
        .map(|s| s.text)
        .collect()
}

fn seed_paragraphs() -> Vec<String> {
    std::fs::read_to_string(root().join(ORIG))
        .expect("seed")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn html_and_docx_versions_of_the_seed_give_the_same_sentences_as_the_txt() {
    let txt = std::fs::read(root().join(ORIG)).expect("seed");
    let want = sentences("seed.txt", &txt);
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('’', "&rsquo;")
    };
    let mut page = String::from("<!DOCTYPE html>\n<html><head><title>Site</title><script>var a = 1 < 2;</script><style>p{color:red}</style></head><body>\n<nav><ul><li><a href=\"/\">Home</a></li><li>World</li></ul></nav>\n<article>\n");
    for p in seed_paragraphs() {
        page.push_str(&format!("<p>\n  {}\n</p>\n", escape(&p)));
    }
    page.push_str("</article><script>track();</script></body></html>\n");
    assert_eq!(sentences("seed.html", page.as_bytes()), want);

    // A Word file: paragraphs of runs, as Word splits them.
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for p in seed_paragraphs() {
        let cut = p
            .char_indices()
            .nth(p.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        let (a, b) = p.split_at(cut);
        let x = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
        xml.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            x(a),
            x(b)
        ));
    }
    xml.push_str("<w:sectPr/></w:body></w:document>");
    let mut docx = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut docx));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options).expect("zip");
        std::io::Write::write_all(&mut zip, br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).expect("zip");
        zip.start_file("word/document.xml", options).expect("zip");
        std::io::Write::write_all(&mut zip, xml.as_bytes()).expect("zip");
        zip.finish().expect("zip");
    }
    assert_eq!(sentences("seed.docx", &docx), want);
    // Through the command line too, by extension.
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("seed.docx");
    std::fs::write(&path, &docx).expect("docx");
    let out = run_ok(&["segment", s(&path)]);
    assert!(text(&out).contains(&want[0]));
}

#[test]
fn utf16_with_a_bom_decodes_to_the_same_sentences() {
    let txt = std::fs::read_to_string(root().join(ORIG)).expect("seed");
    let want = sentences("seed.txt", txt.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    le.extend(txt.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(sentences("seed.txt", &le), want);
    let mut be = vec![0xFE, 0xFF];
    be.extend(txt.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(sentences("seed.txt", &be), want);
}

#[test]
fn a_french_translation_draws_the_language_warning() {
    let tmp = tempfile::tempdir().expect("tmp");
    let french = tmp.path().join("fr.txt");
    std::fs::write(&french, "L'incursion audacieuse de l'Ukraine dans la région russe de Koursk offre au pays une percée bien nécessaire sur le champ de bataille, et représente un nouveau revers pour le Kremlin.\nPourtant, l'opération ne change pas la donne sur le plan militaire.\nAucun des deux pays n'est en mesure de remporter une victoire militaire absolue; cette guerre se terminera à la table des négociations.\n").expect("fr");
    let summary = tmp.path().join("s.json");
    let out = run_ok(&["check", ORIG, s(&french), "--summary", s(&summary)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fr.txt: the text seems to be in French, not English"),
        "{err}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&summary).expect("summary")).expect("json");
    assert_eq!(json["summary"]["languages"]["translation"], "French");
    assert_eq!(json["summary"]["languages"]["original"], "English");
    // The real back-translation draws none.
    let out = run_ok(&["check", ORIG, TRANS]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not English"));
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backcheck"))
        .current_dir(root())
        .args(["synth", ORIG, "--jsonl", "5000", "--sentences", "20"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("ends");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_glossary_with_a_wrong_header_is_rejected_and_an_ignore_covers_longer_names() {
    let tmp = tempfile::tempdir().expect("tmp");
    let glossary = tmp.path().join("g.csv");
    std::fs::write(&glossary, "source,target\nKyiv,Kiev\n").expect("g");
    let out = backcheck(&["check", ORIG, TRANS, "--glossary", s(&glossary)], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("g.csv: line 1:") && err.lines().count() == 1,
        "{err}"
    );
    // "Kursk" ignored: "Kursk Oblast" is left alone too.
    let (h, rows) = seed_csv(&[]);
    let expected = column(&h, "expected");
    let kind = column(&h, "kind");
    let kursk = |rows: &[csv::StringRecord]| {
        rows.iter()
            .filter(|r| &r[kind] == "name" && r[expected].contains("Kursk"))
            .map(|r| r[expected].to_string())
            .collect::<Vec<_>>()
    };
    assert!(kursk(&rows).contains(&"Kursk Oblast".to_string()));
    std::fs::write(&glossary, "name,variants,action\nKursk,,ignore\n").expect("g");
    let (_, rows) = seed_csv(&["--glossary", s(&glossary)]);
    assert_eq!(kursk(&rows), Vec::<String>::new());
}

#[test]
fn the_batch_end_line_names_the_worst_pairs_and_a_log_gets_rounded_rates() {
    let tmp = tempfile::tempdir().expect("tmp");
    let manifest = seed_manifest(tmp.path());
    let out = run_ok(&[
        "batch",
        "--manifest",
        s(&manifest),
        "--out",
        s(&tmp.path().join("o")),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lowest scores: seed ("), "{err}");
}

/// A report file's text, or for a folder (the report's pair pages) the
/// text of every file in it.
fn read_report(path: &std::path::Path) -> String {
    if !path.is_dir() {
        return std::fs::read_to_string(path).expect("report");
    }
    let mut names: Vec<_> = std::fs::read_dir(path)
        .expect("pages")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no page in {}", path.display());
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("page"))
        .collect()
}
