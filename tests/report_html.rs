//! The HTML report folder's structure: every index link resolves to a
//! page, every page is valid HTML (parsed by html5ever, which reports
//! every parse error the HTML standard defines), hostile ids and texts
//! stay escaped, and the files are the same for any `--jobs`.

mod common;

use std::path::{Path, PathBuf};

use backcheck::report::site::{page_path, INDEX_HTML, PAIRS_DIR, REPORT_DIR};
use common::*;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::RcDom;

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The parse errors html5ever finds in `page` (with their exact
/// wording).
fn parse_errors(page: &str) -> Vec<String> {
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            exact_errors: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let dom = html5ever::parse_document(RcDom::default(), opts)
        .from_utf8()
        .read_from(&mut page.as_bytes())
        .expect("parse");
    let errors = dom.errors.borrow();
    errors.iter().map(|e| e.to_string()).collect()
}

#[test]
fn the_parser_reports_invalid_html() {
    assert!(parse_errors(
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>ok</p></body></html>"
    )
    .is_empty());
    for bad in [
        "<html><head><title>t</title></head><body></body></html>",
        "<!DOCTYPE html><title>t</title><p><b>x</p></i>",
        "<!DOCTYPE html><title>t</title><table><p>x</table>",
    ] {
        assert!(!parse_errors(bad).is_empty(), "{bad}");
    }
}

/// The index's JSON table.
fn index_rows(out: &Path) -> Vec<serde_json::Value> {
    let index = std::fs::read_to_string(out.join(REPORT_DIR).join(INDEX_HTML)).expect("index");
    let open = "<script type=\"application/json\" id=\"data\">";
    let json = &index[index.find(open).expect("data") + open.len()..];
    let json = &json[..json.find("</script>").expect("end")];
    serde_json::from_str(json).expect("json table")
}

fn pages(out: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(out.join(REPORT_DIR).join(PAIRS_DIR))
        .expect("pairs")
        .map(|e| e.expect("entry").path())
        .collect();
    pages.sort();
    pages
}

/// A JSONL input: the seed pair under hostile ids and with hostile text,
/// a pair that is not JSON, and repeated ids.
fn hostile_input(dir: &Path) -> PathBuf {
    let text = |p: &str| std::fs::read_to_string(root().join(p)).expect("seed");
    let (orig, trans) = (text(ORIG), text(TRANS));
    let line = |id: &str, o: &str, t: &str| {
        serde_json::json!({"id": id, "original": o, "translation": t}).to_string() + "\n"
    };
    let evil = "<script>alert(1)</script> <img src=x onerror=alert(2)> \"q\" & 'a' </textarea>";
    let mut input = String::new();
    input += &line("seed", &orig, &trans);
    input += &line(
        "<script>alert('id')</script>",
        &format!("{evil} Officials met in Kursk for three days."),
        &format!("Officials met in Kurusk for four days. {evil}"),
    );
    input += &line("../../etc/passwd", &orig, &trans);
    input += &line("a\"b' onmouseover=alert(3) x=\"", "One day.", "One day.");
    input += "{not json\n";
    input += &line("dup", "Two days.", "Two days.");
    input += &line("dup", "Three days.", "Four days.");
    input += &line("Dup", "Five days.", "Five days.");
    let path = dir.join("in.jsonl");
    std::fs::write(&path, input).expect("input");
    path
}

fn batch(input: &Path, out: &Path, jobs: &str) {
    let run = backcheck(
        &[
            "batch",
            "--jsonl",
            s(input),
            "--out",
            s(out),
            "--jobs",
            jobs,
        ],
        None,
    );
    assert_eq!(run.status.code(), Some(2), "one line is not JSON");
}

#[test]
fn every_link_resolves_and_every_page_is_valid_html() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = hostile_input(tmp.path());
    let out = tmp.path().join("out");
    batch(&input, &out, "2");
    let rows = index_rows(&out);
    assert_eq!(rows.len(), 8);
    let pages = pages(&out);
    assert_eq!(pages.len(), 8, "one page per pair, repeated ids included");
    for row in &rows {
        let href = row[1].as_str().expect("href");
        assert!(
            href.starts_with("pairs/") && !href[6..].contains(['/', '\\']),
            "{href}"
        );
        assert!(out.join(REPORT_DIR).join(href).is_file(), "{href}");
    }
    let mut links = 0;
    for file in pages.iter().chain([
        &out.join(REPORT_DIR).join(INDEX_HTML),
        &out.join("report.html"),
    ]) {
        let page = std::fs::read_to_string(file).expect("page");
        let errors = parse_errors(&page);
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        // Links between pages resolve too.
        for part in page.split("href=\"").skip(1) {
            let href = &part[..part.find('"').expect("end of href")];
            let target = file.parent().expect("folder").join(href);
            assert!(target.is_file(), "{}: {href}", file.display());
            links += 1;
        }
    }
    assert!(links >= 8 * 2, "index and neighbour links: {links}");
}

#[test]
fn hostile_ids_and_texts_stay_escaped() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = hostile_input(tmp.path());
    let out = tmp.path().join("out");
    batch(&input, &out, "1");
    for file in pages(&out)
        .iter()
        .chain([&out.join(REPORT_DIR).join(INDEX_HTML)])
    {
        let page = std::fs::read_to_string(file).expect("page");
        for raw in ["<script>alert", "<img src=x", "onmouseover=alert(3) x=\"\""] {
            assert!(!page.contains(raw), "{}: {raw}", file.display());
        }
        // The page's own text area only.
        assert!(
            page.matches("</textarea>").count() <= 1,
            "{}",
            file.display()
        );
        // Two scripts at most: the page's own (and the index's data).
        assert!(page.matches("<script").count() <= 2, "{}", file.display());
    }
    // The index keeps the real ids (in its JSON, which the script puts in
    // the page as text).
    let ids: Vec<String> = index_rows(&out)
        .iter()
        .map(|r| r[0].as_str().expect("id").to_string())
        .collect();
    for id in [
        "<script>alert('id')</script>",
        "../../etc/passwd",
        "a\"b' onmouseover=alert(3) x=\"",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
    let page =
        std::fs::read_to_string(page_path(&out, "<script>alert('id')</script>")).expect("page");
    assert!(page.contains("<h1>&lt;script&gt;alert('id')&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt;"));
    // The path id's page is inside the pages' folder.
    assert!(page_path(&out, "../../etc/passwd").starts_with(out.join(REPORT_DIR).join(PAIRS_DIR)));
    assert!(!tmp.path().join("etc").exists());
}

#[test]
fn the_report_folder_is_the_same_for_any_jobs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = hostile_input(tmp.path());
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    batch(&input, &one, "1");
    batch(&input, &two, "2");
    let (a, b) = (pages(&one), pages(&two));
    assert_eq!(
        a.iter().map(|p| p.file_name()).collect::<Vec<_>>(),
        b.iter().map(|p| p.file_name()).collect::<Vec<_>>()
    );
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(std::fs::read(x).expect("x"), std::fs::read(y).expect("y"));
    }
    let index = |d: &Path| std::fs::read(d.join(REPORT_DIR).join(INDEX_HTML)).expect("index");
    assert_eq!(index(&one), index(&two));
}

#[test]
fn a_killed_run_never_leaves_an_index_linking_a_missing_page() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("pairs.jsonl");
    let synth = backcheck(
        &["synth", "seeds/002_742852bff4c18cee.txt", "--jsonl", "400"],
        None,
    );
    std::fs::write(&input, &synth.stdout).expect("pairs");
    // An earlier finished run of other ids: its index is on disk.
    let out = tmp.path().join("out");
    batch(&hostile_input(tmp.path()), &out, "1");
    for (k, delay_ms) in [30u64, 120, 250, 400, 700].into_iter().enumerate() {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_backcheck"))
            .args(["batch", "--jsonl", s(&input), "--out", s(&out)])
            .args(if k % 2 == 1 {
                &["--resume"][..]
            } else {
                &[][..]
            })
            .current_dir(root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // The report folder is replaced whole at commit: between the old
        // one leaving and the new one coming in (two renames) there is
        // none, and only then, with a complete run waiting to be
        // committed by the next run.
        if !out.join(REPORT_DIR).join(INDEX_HTML).exists() {
            let runs = out.join(".backcheck-runs");
            let committed = std::fs::read_dir(&runs)
                .map(|d| d.flatten().any(|e| e.path().join("committed").is_file()))
                .unwrap_or(false);
            assert!(
                committed,
                "killed after {delay_ms} ms: no index and no run to commit"
            );
            continue;
        }
        for row in index_rows(&out) {
            let href = row[1].as_str().expect("href");
            assert!(
                out.join(REPORT_DIR).join(href).is_file(),
                "killed after {delay_ms} ms: {href} is missing"
            );
        }
    }
    // And a run to the end, resumed, links every pair.
    let run = backcheck(
        &["batch", "--jsonl", s(&input), "--out", s(&out), "--resume"],
        None,
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let rows = index_rows(&out);
    assert_eq!(rows.len(), 400);
    assert_eq!(pages(&out).len(), 400, "the earlier run's pages are gone");
}

#[test]
fn one_pairs_page_on_its_own_is_valid_and_links_nowhere() {
    let report = backcheck::pipeline::check_pair(
        "seed <1>",
        &seed(ORIG),
        &seed(TRANS),
        &backcheck::check::CheckOptions::default(),
    );
    let page = backcheck::report::html::pair_page(&report);
    assert!(parse_errors(&page).is_empty(), "{:?}", parse_errors(&page));
    assert!(!page.contains("href="), "no neighbours, no index");
    assert!(page.contains("<h1>seed &lt;1&gt;"));
    // One tick per finding, each with the finding's stable id.
    assert_eq!(page.matches("class=\"ne\"").count(), report.findings.len());
    for f in &report.findings {
        let id = backcheck::report::html::finding_id(&report, f);
        assert_eq!(id.len(), 12, "the fingerprint of --ignore lines");
        assert!(page.contains(&format!("data-fp=\"{id}\"")));
    }
}

#[test]
fn finding_ids_survive_a_sentence_inserted_before() {
    let options = backcheck::check::CheckOptions::default();
    let ids = |orig: &backcheck::Document, trans: &backcheck::Document| {
        let report = backcheck::pipeline::check_pair("p", orig, trans, &options);
        let ids: std::collections::HashSet<String> = report
            .findings
            .iter()
            .map(|f| backcheck::report::html::finding_id(&report, f))
            .collect();
        ids
    };
    let before = ids(&seed(ORIG), &seed(TRANS));
    let prefixed = |name: &str| {
        let text = std::fs::read_to_string(root().join(name)).expect("seed");
        let text = format!("The weather in the capital was mild that week.\n\n{text}");
        backcheck::Document::from_bytes(name, text.as_bytes()).expect("document")
    };
    let after = ids(&prefixed(ORIG), &prefixed(TRANS));
    let kept = before.intersection(&after).count();
    assert!(
        kept * 10 >= before.len() * 9,
        "{kept} of {} ids kept",
        before.len()
    );
}
