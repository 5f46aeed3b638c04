//! `backcheck check` and `eval` end to end, and the score's behaviour.

mod common;

use backcheck::check::{CheckOptions, Kind};
use backcheck::pipeline::check_pair;
use backcheck::Document;
use common::*;

#[test]
fn identical_translation_has_no_findings_and_scores_100() {
    for name in [ORIG, "seeds/002_742852bff4c18cee.txt"] {
        let doc = seed(name);
        let report = check_pair("same", &doc, &doc, &CheckOptions::default());
        assert!(report.findings.is_empty(), "{name}: {:?}", report.findings);
        assert_eq!(report.summary.score, 100.0);
        assert_eq!(report.summary.coverage, 1.0);
    }
}

#[test]
fn clean_paraphrase_has_no_name_or_number_findings() {
    let orig = Document::from_bytes(
        "o",
        "Ukraine’s forces have occupied more than 400 square miles of Russia’s Kursk region since August. \
         President Volodymyr Zelensky said 1,000 soldiers would stay there for three months."
            .as_bytes(),
    )
    .expect("text");
    let trans = Document::from_bytes(
        "t",
        "Since August, Ukrainian troops have held over 400 square miles of the Kursk region of Russia. \
         President Volodymyr Zelensky stated that one thousand soldiers would remain there for three months."
            .as_bytes(),
    )
    .expect("text");
    let report = check_pair("p", &orig, &trans, &CheckOptions::default());
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Name | Kind::Number))
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn perturbing_a_translation_lowers_its_score() {
    let orig = seed("seeds/002_742852bff4c18cee.txt");
    let text = orig.text.clone();
    let clean = check_pair("clean", &orig, &orig, &CheckOptions::default());
    let perturbed_text = text
        .replacen("Ukraine", "Ukriane", 3)
        .replacen("Russia", "Rusia", 2);
    let perturbed = Document::from_bytes("p", perturbed_text.as_bytes()).expect("text");
    let damaged = check_pair("damaged", &orig, &perturbed, &CheckOptions::default());
    assert!(
        damaged.summary.score < clean.summary.score,
        "{} vs {}",
        damaged.summary.score,
        clean.summary.score
    );
    // And the seed back-translation, far more damaged, scores lower still.
    let seed_pair = check_pair("seed", &seed(ORIG), &seed(TRANS), &CheckOptions::default());
    assert!(seed_pair.summary.score < damaged.summary.score);
    println!(
        "scores: clean {}, 5 corrupted names {}, seed back-translation {}",
        clean.summary.score, damaged.summary.score, seed_pair.summary.score
    );
}

#[test]
fn check_writes_csv_with_the_documented_columns() {
    let out = run_ok(&["check", ORIG, TRANS]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, backcheck::report::FINDING_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert!(rows.len() > 50);
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(row[0], *"000_3746ec981e8ff7bf");
        assert_eq!(row[1].parse::<usize>().expect("finding number"), n + 1);
        assert!(Kind::ALL.iter().any(|k| k.as_str() == &row[2]));
    }
    let zelei = rows
        .iter()
        .find(|r| &r[8] == "Zelei Sky")
        .expect("Zelei Sky row");
    assert_eq!(
        (&zelei[2], &zelei[3], &zelei[7]),
        ("name", "critical", "Volodymyr Zelensky")
    );
}

#[test]
fn check_json_output_summary_file_and_fail_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let out_path = dir.path().join("report.json");
    let summary_path = dir.path().join("summary.json");
    let out = backcheck(
        &[
            "check",
            ORIG,
            TRANS,
            "--format",
            "json",
            "-o",
            out_path.to_str().unwrap(),
            "--summary",
            summary_path.to_str().unwrap(),
            "--fail-on",
            "critical",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "critical findings fail the run");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_path).expect("report")).expect("json");
    assert!(report["signature"]
        .as_str()
        .expect("signature")
        .starts_with("backcheck "));
    assert!(report["findings"].as_array().expect("findings").len() > 50);
    let score = report["summary"]["score"].as_f64().expect("score");
    assert!((0.0..100.0).contains(&score));
    assert_eq!(
        report["summary"]["sentence_scores"]
            .as_array()
            .expect("per sentence")
            .len(),
        48
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&summary_path).expect("summary")).expect("json");
    assert_eq!(summary["summary"]["score"].as_f64(), Some(score));
    // The same pair with an identical translation passes --fail-on.
    let same = backcheck(&["check", ORIG, ORIG, "--fail-on", "minor"], None);
    assert_eq!(same.status.code(), Some(0));
}

#[test]
fn check_reports_are_byte_identical_across_runs() {
    let a = run_ok(&["check", ORIG, TRANS]);
    let b = run_ok(&["check", ORIG, TRANS]);
    assert!(a.stdout.starts_with(b"pair,finding,"), "a CSV report");
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn eval_prints_the_findings_table() {
    let out = run_ok(&["eval", "--gold", "fixtures/gold/seed-pair", ORIG, TRANS]);
    let text = String::from_utf8_lossy(&out.stdout);
    let bead_f1: f64 = text
        .split("bead F1 (strict): ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|f| f.parse().ok())
        .unwrap_or_else(|| panic!("no bead F1 in {text}"));
    assert!(bead_f1 >= 0.98, "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("name ") && l.contains("18/18")),
        "{text}"
    );
}

#[test]
fn synth_then_eval_round_trip() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().unwrap();
    run_ok(&[
        "synth",
        "seeds/004_c1d1c7b347887001.txt",
        "--seed",
        "3",
        "--out",
        d,
    ]);
    let orig = format!("{d}/original.txt");
    let trans = format!("{d}/translation.txt");
    let gold = format!("{d}/gold");
    let out = run_ok(&["eval", "--gold", &gold, &orig, &trans, "--all-rows"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("bead F1"), "{text}");
}

#[test]
fn finding_spans_locate_their_texts() {
    let (orig, trans) = (seed(ORIG), seed(TRANS));
    let report = check_pair("seed", &orig, &trans, &CheckOptions::default());
    let (so, st) = (backcheck::segment(&orig), backcheck::segment(&trans));
    let text = |sentences: &[backcheck::Sentence], s: backcheck::check::Span| {
        sentences[s.sentence].text[s.start..s.end].to_string()
    };
    let mut located = 0;
    for f in &report.findings {
        if let Some(s) = f.orig_span {
            assert!(
                f.orig.contains(&s.sentence) || f.kind == Kind::Moved,
                "{f:?}"
            );
            let at = text(&so, s);
            assert!(f.expected.is_empty() || at == f.expected, "{at:?} vs {f:?}");
            located += 1;
        }
        if let Some(s) = f.trans_span {
            assert!(f.trans.contains(&s.sentence), "{f:?}");
            let at = text(&st, s);
            assert!(f.found.is_empty() || at == f.found, "{at:?} vs {f:?}");
            located += 1;
        }
        // A finding that quotes the original or the translation says
        // where.
        assert!(
            f.expected.is_empty() || f.orig_span.is_some() || f.expected.contains('…'),
            "{f:?}"
        );
    }
    assert!(located > report.findings.len(), "{located}");
}
