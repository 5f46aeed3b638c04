//! `report.html`: one self-contained file (no network, no external
//! assets). An index of pairs sorted by score, then per pair the aligned
//! sentences side by side with each finding highlighted in both texts,
//! filterable by kind and severity.
//!
//! The page is written in one pass: [`write_head`], each pair's section
//! as it is rendered ([`pair_section`], [`write_section`]), then
//! [`write_index`]. The index is written last (only then are all scores
//! known) and the style shows it first.

use std::fmt::Write as _;
use std::io::Write;

use html_escape::encode_text as text;

use super::findings::FindingRow;
use super::sentence_numbers;
use super::summary_row::{SummaryRow, INDEX_COUNT_COLUMNS};
use crate::align::BeadKind;
use crate::check::{Kind, Severity};
use crate::pipeline::PairReport;

/// The anchor of a pair's section.
pub fn anchor(index: usize) -> String {
    format!("pair-{}", index + 1)
}

/// Appends `s` with `&`, `<` and `>` escaped: what
/// `html_escape::encode_text_to_string` does, but copying the runs between
/// them whole (sentences rarely hold any), which halves the cost of
/// rendering a report's texts.
fn push_escaped(out: &mut String, s: &str) {
    let mut last = 0;
    for at in memchr::memchr3_iter(b'&', b'<', b'>', s.as_bytes()) {
        out.push_str(&s[last..at]);
        out.push_str(match s.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        last = at + 1;
    }
    out.push_str(&s[last..]);
}

/// Appends `sentence` with the given spans highlighted; each span is
/// (text, finding row). The first occurrence of each span is marked.
fn push_highlighted(out: &mut String, sentence: &str, spans: &[(&str, &FindingRow)]) {
    let mut marks: Vec<(usize, usize, &FindingRow)> = Vec::new();
    for (span, row) in spans {
        if span.is_empty() {
            continue;
        }
        if let Some(start) = memchr::memmem::find(sentence.as_bytes(), span.as_bytes()) {
            let end = start + span.len();
            if marks.iter().all(|(s, e, _)| end <= *s || start >= *e) {
                marks.push((start, end, row));
            }
        }
    }
    marks.sort_by_key(|m| m.0);
    let mut last = 0;
    for (start, end, row) in marks {
        push_escaped(out, &sentence[last..start]);
        // The message is in the row's findings list; the mark names the
        // finding it belongs to.
        let _ = write!(
            out,
            "<mark class=\"k-{} s-{}\" title=\"#{} {}\">",
            row.kind, row.severity, row.finding, row.kind,
        );
        push_escaped(out, &sentence[start..end]);
        out.push_str("</mark>");
        last = end;
    }
    push_escaped(out, &sentence[last..]);
}

/// Appends one side of a bead: its sentences, joined by a space, with the
/// span `span_of` each finding highlighted.
fn push_side(
    out: &mut String,
    sentences: &[crate::Sentence],
    indices: &[usize],
    findings: &[&FindingRow],
    span_of: impl Fn(&FindingRow) -> &str,
) {
    let spans: Vec<(&str, &FindingRow)> = findings.iter().map(|r| (span_of(r), *r)).collect();
    for (k, s) in indices.iter().filter_map(|&i| sentences.get(i)).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_highlighted(out, &s.text, &spans);
    }
}

fn parse_numbers(s: &str) -> Vec<usize> {
    s.split(',')
        .filter_map(|n| n.trim().parse::<usize>().ok())
        .map(|n| n - 1)
        .collect()
}

/// The rows shown with each bead, in row order. A finding belongs to the
/// bead holding its translation sentence, or for a finding with none (a
/// dropped sentence) to the beads holding its original sentences (not a
/// moved bead: those only repeat them).
fn rows_by_bead(report: &PairReport, rows: &[FindingRow]) -> Vec<Vec<usize>> {
    let beads = &report.alignment.beads;
    // Sentence indices are dense: per translation sentence its first
    // bead, per original sentence its beads.
    let mut of_trans: Vec<Option<usize>> = vec![None; report.trans.len()];
    let mut of_orig: Vec<Vec<usize>> = vec![Vec::new(); report.orig.len()];
    for (b, bead) in beads.iter().enumerate() {
        for &t in &bead.trans {
            if let Some(slot @ None) = of_trans.get_mut(t) {
                *slot = Some(b);
            }
        }
        if bead.kind != BeadKind::Moved {
            for &o in &bead.orig {
                if let Some(list) = of_orig.get_mut(o) {
                    list.push(b);
                }
            }
        }
    }
    let mut out = vec![Vec::new(); beads.len()];
    for (r, row) in rows.iter().enumerate() {
        let trans = parse_numbers(&row.trans_sentence);
        let mut mine: Vec<usize> = match trans.first() {
            Some(&t) => of_trans.get(t).copied().flatten().into_iter().collect(),
            None => parse_numbers(&row.orig_sentence)
                .iter()
                .filter_map(|&o| of_orig.get(o))
                .flatten()
                .copied()
                .collect(),
        };
        mine.sort_unstable();
        mine.dedup();
        for b in mine {
            out[b].push(r);
        }
    }
    out
}

/// Writes a pair's section: `body` from [`pair_section`] or
/// [`error_section`], anchored by the pair's position in this run.
/// Returns the number of bytes written.
pub fn write_section(out: &mut dyn Write, index: usize, body: &[u8]) -> std::io::Result<u64> {
    let open = format!("<section class=\"pair\" id=\"{}\">", anchor(index));
    out.write_all(open.as_bytes())?;
    out.write_all(body)?;
    out.write_all(SECTION_CLOSE.as_bytes())?;
    Ok((open.len() + body.len() + SECTION_CLOSE.len()) as u64)
}

const SECTION_CLOSE: &str = "</section>\n";

/// The body of a section written by [`write_section`] (so a stored
/// section can be anchored again at another position).
pub fn section_body(section: &[u8]) -> &[u8] {
    let start = section.iter().position(|&b| b == b'>').map_or(0, |i| i + 1);
    let end = section.len().saturating_sub(SECTION_CLOSE.len()).max(start);
    &section[start..end]
}

/// The body of one checked pair's section.
pub fn pair_section(report: &PairReport, rows: &[FindingRow], summary: &SummaryRow) -> String {
    // Both texts, the findings' messages and the markup around them.
    let texts: usize = report
        .orig
        .iter()
        .chain(&report.trans)
        .map(|s| s.text.len() + 48)
        .sum();
    let findings: usize = rows.iter().map(|r| r.message.len() + 256).sum();
    let mut out = String::with_capacity(texts + texts / 8 + findings + 1024);
    let _ = write!(
        out,
        "<h2>{} <span class=\"score\">score {:.1}</span></h2>\n<p class=\"meta\">{} findings · {} → {} sentences · coverage {:.1}%{}</p>\n",
        text(&report.pair),
        report.summary.score,
        rows.len(),
        report.orig.len(),
        report.trans.len(),
        report.summary.coverage * 100.0,
        if summary.warnings.is_empty() {
            String::new()
        } else {
            format!(" · <span class=\"warn\">{}</span>", text(&summary.warnings))
        }
    );
    out.push_str("<table class=\"beads\"><thead><tr><th>#</th><th>original</th><th>#</th><th>translation</th><th>findings</th></tr></thead><tbody>\n");
    let by_bead = rows_by_bead(report, rows);
    for (bead, mine) in report.alignment.beads.iter().zip(&by_bead) {
        let orig_side = if bead.kind == BeadKind::Moved {
            &bead.repeats
        } else {
            &bead.orig
        };
        let mine: Vec<&FindingRow> = mine.iter().map(|&r| &rows[r]).collect();
        // Each kind and severity once, in the order the findings name them.
        let mut classes: Vec<(&str, &str)> = Vec::new();
        for r in &mine {
            for class in [("k-", r.kind.as_str()), ("s-", r.severity.as_str())] {
                if !classes.contains(&class) {
                    classes.push(class);
                }
            }
        }
        let _ = write!(
            out,
            "<tr class=\"bead t-{} ",
            bead.kind.as_str().replace('-', "_")
        );
        if mine.is_empty() {
            out.push_str("clean");
        }
        for (k, (prefix, class)) in classes.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(prefix);
            out.push_str(class);
        }
        let _ = write!(
            out,
            "\"><td class=\"n\">{}</td><td>",
            sentence_numbers(orig_side)
        );
        push_side(&mut out, &report.orig, orig_side, &mine, |r| &r.expected);
        let _ = write!(
            out,
            "</td><td class=\"n\">{}</td><td>",
            sentence_numbers(&bead.trans)
        );
        push_side(&mut out, &report.trans, &bead.trans, &mine, |r| &r.found);
        out.push_str("</td><td><ul>");
        for r in &mine {
            let _ = write!(
                out,
                "<li class=\"k-{k} s-{s}\"><b>#{n} {k}</b> <i>{s}</i> ",
                n = r.finding,
                k = r.kind,
                s = r.severity,
            );
            push_escaped(&mut out, &r.message);
            out.push_str("</li>");
        }
        out.push_str("</ul></td></tr>\n");
    }
    out.push_str("</tbody></table>");
    out
}

/// The body of the section of a pair that could not be checked.
pub fn error_section(summary: &SummaryRow) -> String {
    format!(
        "<h2>{} <span class=\"error\">error</span></h2><p class=\"error\">{}</p>",
        text(&summary.pair),
        text(&summary.error)
    )
}

const STYLE: &str = r#"
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:8px 16px;z-index:2}
header h1{font-size:18px;margin:0 0 4px}
.filters label{margin-right:10px;white-space:nowrap;font-size:13px}
main{padding:0 16px 40px;display:flex;flex-direction:column}
#index{order:-1}
#index h2{font-size:16px;margin:12px 0 2px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #e3e3e3;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0;font-weight:600}
td.n{color:#888;white-space:nowrap;font-size:12px}
table.index td:nth-child(n+3){text-align:right}
section.pair{margin-top:28px}
section.pair h2{font-size:16px;margin:0 0 2px}
.score{font-weight:400;color:#555;margin-left:8px}
.meta{color:#666;font-size:13px;margin:0 0 6px}
.warn{color:#8a5a00}.error{color:#b00020}
table.beads td:nth-child(2),table.beads td:nth-child(4){width:38%}
table.beads ul{margin:0;padding-left:16px;font-size:13px}
tr.t-1_0 td:nth-child(2){background:#fff0f0}
tr.t-0_1 td:nth-child(4),tr.t-moved td:nth-child(4){background:#f0f4ff}
mark{border-radius:3px;padding:0 2px}
mark.s-critical{background:#ffc9c9}mark.s-major{background:#ffe8a3}mark.s-minor{background:#e4ecf7}
li.s-critical b{color:#b00020}li.s-major b{color:#8a5a00}li.s-minor b{color:#3a5a80}
body.only-findings tr.clean{display:none}
"#;

const SCRIPT: &str = r#"
function applyFilters(){
  var off=[];
  document.querySelectorAll('.filters input[data-class]').forEach(function(b){if(!b.checked)off.push(b.dataset.class)});
  document.querySelectorAll('li[class]').forEach(function(li){
    var hide=off.some(function(c){return li.classList.contains(c)});
    li.style.display=hide?'none':'';
  });
  document.querySelectorAll('mark').forEach(function(m){
    var hide=off.some(function(c){return m.classList.contains(c)});
    m.style.background=hide?'none':'';
  });
  document.body.classList.toggle('only-findings',document.getElementById('only').checked);
}
document.querySelectorAll('.filters input').forEach(function(b){b.addEventListener('change',applyFilters)});
"#;

/// Writes the start of the page: head, style, the filters and the opening
/// of `<main>`, where the sections follow. Returns the bytes written.
pub fn write_head(out: &mut dyn Write) -> std::io::Result<u64> {
    let mut head = String::new();
    let _ = write!(
        head,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>backcheck report</title><style>{STYLE}</style></head><body>\n<header><h1>backcheck report</h1><div class=\"filters\">kinds: "
    );
    for k in Kind::ALL.map(Kind::as_str) {
        let _ = write!(
            head,
            "<label><input type=\"checkbox\" checked data-class=\"k-{k}\"> {k}</label>"
        );
    }
    head.push_str(" severity: ");
    for s in Severity::ALL.map(Severity::as_str) {
        let _ = write!(
            head,
            "<label><input type=\"checkbox\" checked data-class=\"s-{s}\"> {s}</label>"
        );
    }
    head.push_str("<label><input type=\"checkbox\" id=\"only\"> only sentences with findings</label></div></header>\n<main>\n");
    out.write_all(head.as_bytes())?;
    Ok(head.len() as u64)
}

/// Ends the page after the sections: the index (pairs sorted by score,
/// errors first), the script and the closing tags. The index comes last
/// in the file, so the sections can be written as pairs finish, and is
/// shown first (`order` in the style).
pub fn write_index(
    out: &mut dyn Write,
    summaries: &[(usize, SummaryRow)],
    signature: &str,
) -> std::io::Result<()> {
    let mut heading = String::new();
    let _ = write!(
        heading,
        "<div id=\"index\"><h2>{} pairs, worst first (errors, then the lowest scores)</h2><p class=\"meta\">{}</p>\n<table class=\"index\"><thead><tr><th>pair</th><th>status</th><th>score</th>",
        summaries.len(),
        text(signature)
    );
    for column in INDEX_COUNT_COLUMNS {
        let _ = write!(heading, "<th>{column}</th>");
    }
    heading.push_str("</tr></thead><tbody>\n");
    out.write_all(heading.as_bytes())?;
    let mut order: Vec<&(usize, SummaryRow)> = summaries.iter().collect();
    order.sort_by(|a, b| {
        let key = |r: &SummaryRow| r.score.unwrap_or(-1.0);
        key(&a.1).total_cmp(&key(&b.1)).then(a.0.cmp(&b.0))
    });
    for (index, row) in order {
        let mut line = format!(
            "<tr><td><a href=\"#{}\">{}</a></td><td class=\"{}\">{}</td><td>{}</td>",
            anchor(*index),
            text(&row.pair),
            if row.status == "error" { "error" } else { "" },
            text(&row.status),
            row.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
        );
        for count in row.index_counts() {
            match count {
                Some(n) => {
                    let _ = write!(line, "<td>{n}</td>");
                }
                None => line.push_str("<td></td>"),
            }
        }
        line.push_str("</tr>\n");
        out.write_all(line.as_bytes())?;
    }
    out.write_all(
        format!("</tbody></table></div>\n</main><script>{SCRIPT}</script></body></html>\n")
            .as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::push_escaped;
    use proptest::prelude::*;

    #[test]
    fn escapes_markup_characters() {
        let mut out = String::new();
        push_escaped(&mut out, "a<b & c>d “é” 'q\"");
        assert_eq!(out, "a&lt;b &amp; c&gt;d “é” 'q\"");
    }

    proptest! {
        // The same bytes as the html-escape crate's text encoder.
        #[test]
        fn escaping_matches_html_escape(s in "[a-z<>&\"' é€]{0,40}") {
            let mut out = String::from("x");
            push_escaped(&mut out, &s);
            let expected = html_escape::encode_text(&s);
            prop_assert_eq!(&out[1..], expected.as_ref());
        }
    }
}
