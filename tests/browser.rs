//! The HTML report in a headless browser: opt-in (`#[ignore]`), run by
//! `.ci/run` when Chromium is installed (Debian: `apt-get install
//! chromium`; another binary through `BACKCHECK_CHROMIUM`).
//!
//! On 10,000 generated pairs and the seed pair (`BACKCHECK_BROWSER_PAIRS`
//! sets how many are generated): the index is under 5 MB and renders in
//! under 5 s, the seed pair's page in under 2 s (timed in the page, from
//! the start of its navigation to the end of its load event with layout
//! done; the wall time of each browser run, start-up included, is
//! printed beside), and the filters hide what they should, read back from the
//! DOM after a scripted click (`--dump-dom`). The screenshots are left in
//! the test's temporary folder (printed) to be looked at.
//!
//! `cargo test --release --test browser -- --ignored --nocapture`

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use backcheck::report::site::{page_path, INDEX_HTML, REPORT_DIR};
use common::*;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("BACKCHECK_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
}

/// Runs headless Chromium on `page` with `args` (a screenshot or
/// `--dump-dom`); returns its stdout and the wall time it took.
fn browse(browser: &Path, profile: &Path, page: &Path, args: &[&str]) -> (String, Duration) {
    let start = Instant::now();
    let run = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--window-size=1280,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let took = start.elapsed();
    assert!(
        run.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    (String::from_utf8_lossy(&run.stdout).into_owned(), took)
}

/// A copy of `page` with `script` run after the page's own, in the same
/// folder (so its links still resolve).
fn scripted(page: &Path, name: &str, script: &str) -> PathBuf {
    let html = std::fs::read_to_string(page).expect("page");
    let at = html.rfind("</body>").expect("end of body");
    let copy = page.with_file_name(name);
    let html = format!("{}<script>{script}</script>{}", &html[..at], &html[at..]);
    std::fs::write(&copy, html).expect("write copy");
    copy
}

/// How long `page` takes to render, measured in the page: from the
/// start of its navigation to the end of its load event (its scripts
/// run), with style and layout forced, in milliseconds; read from the
/// DOM Chromium dumps. And the wall time of the whole browser run,
/// start-up included.
fn render_time(browser: &Path, profile: &Path, page: &Path) -> (f64, Duration) {
    let probe = scripted(
        page,
        &format!(
            "timed-{}",
            page.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("page.html")
        ),
        "window.addEventListener('load',function(){document.body.offsetHeight;\
         document.documentElement.setAttribute('data-rendered-ms',performance.now().toFixed(1))});",
    );
    let (dom, wall) = browse(browser, profile, &probe, &["--dump-dom"]);
    let key = "data-rendered-ms=\"";
    let at = dom.find(key).expect("the probe ran") + key.len();
    let ms = dom[at..at + dom[at..].find('"').expect("end")]
        .parse()
        .expect("milliseconds");
    let _ = std::fs::remove_file(probe);
    (ms, wall)
}

/// A finding in a dumped DOM: kind, severity, whether it is hidden.
type ShownFinding = (String, String, bool);

/// The rows of the beads' table in a dumped DOM: per row whether it is
/// hidden, and its findings.
fn rows(dom: &str) -> Vec<(bool, Vec<ShownFinding>)> {
    let body = &dom[dom.find("<tbody>").expect("tbody")..];
    let body = &body[..body.find("</tbody>").expect("end")];
    let attr = |tag: &str, name: &str| -> String {
        let key = format!("{name}=\"");
        tag.find(&key)
            .map(|at| {
                let rest = &tag[at + key.len()..];
                rest[..rest.find('"').unwrap_or(0)].to_string()
            })
            .unwrap_or_default()
    };
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let tag = &row[..row.find('>').expect("tag")];
            let findings = row
                .split("<li ")
                .skip(1)
                .map(|li| {
                    let tag = &li[..li.find('>').expect("tag")];
                    (
                        attr(tag, "data-k"),
                        attr(tag, "data-s"),
                        tag.contains("hidden"),
                    )
                })
                .collect();
            (tag.contains("hidden"), findings)
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium; run by .ci/run when it is installed"]
fn index_and_pair_pages_render_in_time_and_filters_hide_rows() {
    let Some(browser) = chromium() else {
        panic!("no Chromium: apt-get install chromium, or set BACKCHECK_CHROMIUM");
    };
    let pairs: usize = std::env::var("BACKCHECK_BROWSER_PAIRS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::Builder::new()
        .prefix("backcheck-browser")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("tmp");
    let dir = tmp.path();
    let profile = dir.join("profile");
    // The seed pair, then the generated ones.
    let text = |p: &str| std::fs::read_to_string(root().join(p)).expect("seed");
    let mut input =
        serde_json::json!({"id": "seed", "original": text(ORIG), "translation": text(TRANS)})
            .to_string()
            + "\n";
    let synth = backcheck(
        &[
            "synth",
            "seeds/002_742852bff4c18cee.txt",
            "seeds/003_cc95dd6a1261e1bc.txt",
            "seeds/004_c1d1c7b347887001.txt",
            "--jsonl",
            &pairs.to_string(),
        ],
        None,
    );
    input += &String::from_utf8(synth.stdout).expect("utf-8");
    let jsonl = dir.join("pairs.jsonl");
    std::fs::write(&jsonl, input).expect("input");
    let out = dir.join("out");
    let run = backcheck(
        &[
            "batch",
            "--jsonl",
            jsonl.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ],
        None,
    );
    assert!(run.status.code().is_some_and(|c| c <= 1), "batch failed");

    // The index: small, quick, and it opens on the worst pairs.
    let index = out.join(REPORT_DIR).join(INDEX_HTML);
    let size = std::fs::metadata(&index).expect("index").len();
    let shot = dir.join("index.png");
    let (_, shot_wall) = browse(
        &browser,
        &profile,
        &index,
        &[&format!("--screenshot={}", shot.display())],
    );
    let (ms, wall) = render_time(&browser, &profile, &index);
    println!(
        "index of {} pairs: {size} bytes, rendered in {ms:.0} ms in the page; \
         browser runs (start-up included) {:.2} s to the DOM, {:.2} s to a screenshot ({})",
        pairs + 1,
        wall.as_secs_f64(),
        shot_wall.as_secs_f64(),
        shot.display()
    );
    assert!(size < 5_000_000, "index is {size} bytes");
    assert!(ms < 5000.0, "index took {ms} ms");
    let (dom, _) = browse(&browser, &profile, &index, &["--dump-dom"]);
    let shown = dom.matches("<tr><td><a href=\"pairs/").count();
    assert_eq!(shown, 200.min(pairs + 1), "rows rendered by the script");
    let scores: Vec<f64> = dom
        .split("<tr><td><a href=\"pairs/")
        .skip(1)
        .filter_map(|row| {
            let cells: Vec<&str> = row.split("<td>").collect();
            cells.get(2)?.split('<').next()?.parse().ok()
        })
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] <= w[1]),
        "worst first: {scores:?}"
    );

    // Sorted by a column: its heading clicked once shows the highest
    // counts first, twice the lowest; searched by id.
    let sorted = |name: &str, clicks: usize, then: &str| {
        let click = "document.querySelector('button[data-col=\"4\"]').click();".repeat(clicks);
        let page = scripted(&index, name, &format!("{click}{then}"));
        let (dom, _) = browse(&browser, &profile, &page, &["--dump-dom"]);
        let _ = std::fs::remove_file(page);
        dom.split("<tr><td><a href=\"pairs/")
            .skip(1)
            .map(|row| {
                let cells: Vec<&str> = row.split("<td>").collect();
                let id = row[row.find('>').map_or(0, |i| i + 1)..]
                    .split('<')
                    .next()
                    .unwrap_or("");
                let critical = cells
                    .get(4)
                    .and_then(|c| c.split('<').next()?.parse::<usize>().ok());
                (id.to_string(), critical)
            })
            .collect::<Vec<_>>()
    };
    let down = sorted("sort-1.html", 1, "");
    assert!(down.len() > 1);
    assert!(
        down.windows(2).all(|w| w[0].1 >= w[1].1),
        "critical, highest first: {:?}",
        &down[..5.min(down.len())]
    );
    let up = sorted("sort-2.html", 2, "");
    assert!(up.windows(2).all(|w| w[0].1 <= w[1].1), "lowest first");
    assert!(down[0].1 > up[0].1, "the order turned");
    let found = sorted(
        "search.html",
        0,
        "var q=document.getElementById('q');q.value='SEED';q.dispatchEvent(new Event('input'));",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "seed");

    // The seed pair's page.
    let seed = page_path(&out, "seed");
    let shot = dir.join("seed.png");
    let (_, shot_wall) = browse(
        &browser,
        &profile,
        &seed,
        &[&format!("--screenshot={}", shot.display())],
    );
    let (ms, wall) = render_time(&browser, &profile, &seed);
    println!(
        "seed pair page: {} bytes, rendered in {ms:.0} ms in the page; \
         browser runs (start-up included) {:.2} s to the DOM, {:.2} s to a screenshot ({})",
        std::fs::metadata(&seed).expect("page").len(),
        wall.as_secs_f64(),
        shot_wall.as_secs_f64(),
        shot.display()
    );
    assert!(ms < 2000.0, "seed page took {ms} ms");
    // A blank page, for the browser's own start-up.
    let blank = dir.join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html><title>blank</title><p>blank").expect("blank");
    let (_, wall) = browse(&browser, &profile, &blank, &["--dump-dom"]);
    println!("a blank page: {:.2} s to the DOM", wall.as_secs_f64());

    // Nothing filtered: every row shown, no finding hidden.
    let (dom, _) = browse(&browser, &profile, &seed, &["--dump-dom"]);
    let all = rows(&dom);
    assert!(
        all.len() > 40
            && all
                .iter()
                .all(|(hidden, f)| !hidden && f.iter().all(|x| !x.2))
    );
    // "name" unticked: name findings hidden, rows left with none hidden,
    // rows with another finding or none at all shown.
    let page = scripted(
        &seed,
        "filter-name.html",
        "document.querySelector('input[data-f=\"k-name\"]').click();\
         document.documentElement.setAttribute('data-off-bg',[].map.call(document.querySelectorAll('mark.off'),\
         function(m){return getComputedStyle(m).backgroundColor}).join('|'));",
    );
    let (dom, _) = browse(&browser, &profile, &page, &["--dump-dom"]);
    let filtered = rows(&dom);
    assert_eq!(filtered.len(), all.len());
    let mut hidden_rows = 0;
    for (hidden, findings) in &filtered {
        for (kind, _, h) in findings {
            assert_eq!(*h, kind == "name", "{kind} finding hidden: {h}");
        }
        let expect = !findings.is_empty() && findings.iter().all(|f| f.0 == "name");
        assert_eq!(*hidden, expect, "{findings:?}");
        hidden_rows += usize::from(*hidden);
    }
    assert!(hidden_rows > 0, "some rows had only name findings");
    assert!(dom.contains("mark class=\"s-critical off\" data-k=\"name\""));
    // A filtered finding's mark loses its colour.
    let key = "data-off-bg=\"";
    let at = dom.find(key).expect("probe") + key.len();
    let colours = &dom[at..at + dom[at..].find('"').expect("end")];
    assert!(
        !colours.is_empty() && colours.split('|').all(|c| c == "rgba(0, 0, 0, 0)"),
        "{colours}"
    );
    // Only sentences with findings, and minor unticked: every row shown
    // has a critical or major finding.
    let page = scripted(
        &seed,
        "filter-only.html",
        "document.getElementById('only').click();document.querySelector('input[data-f=\"s-minor\"]').click();",
    );
    let (dom, _) = browse(&browser, &profile, &page, &["--dump-dom"]);
    let filtered = rows(&dom);
    let shown: Vec<_> = filtered.iter().filter(|r| !r.0).collect();
    assert!(!shown.is_empty() && shown.len() < all.len());
    for (_, findings) in &shown {
        assert!(
            findings.iter().any(|f| f.1 != "minor" && !f.2),
            "{findings:?}"
        );
    }
    for (hidden, findings) in &filtered {
        if findings.iter().any(|f| f.1 != "minor") {
            assert!(!hidden, "{findings:?}");
        }
    }
    if std::env::var_os("BACKCHECK_KEEP_SCREENSHOTS").is_some() {
        let keep = tmp.keep();
        println!("kept {}", keep.display());
    }
}
