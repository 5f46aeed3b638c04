//! `report.html`: one self-contained file (no network, no external
//! assets). An index of pairs sorted by score, then per pair the aligned
//! sentences side by side with each finding highlighted in both texts,
//! filterable by kind and severity.
//!
//! The page is written in one pass by [`HtmlSink`]: the head, each pair's
//! section as it comes (its body rendered beforehand, on the thread that
//! checked the pair, by `pair_section` or `error_section`), then the
//! index. The index is written last (only then are all scores known) and
//! the style shows it first. Text goes through one escaper, the
//! html-escape crate's text encoder.

use std::fmt::Write as _;
use std::io::Write;

use html_escape::encode_text as text;

use super::summary_row::{Status, SummaryRow, INDEX_COUNT_COLUMNS};
use super::{Counted, OneBased, PairRecord, ReportSink};
use crate::align::BeadKind;
use crate::check::{Finding, Kind, Severity, Span};
use crate::pipeline::PairReport;

/// The anchor of a pair's section.
fn anchor(index: usize) -> String {
    format!("pair-{}", index + 1)
}

/// Appends `s` escaped as HTML text by the html-escape crate. Text with
/// nothing to escape, as most sentences are, is found with one vectorised
/// search and copied whole (the crate's encoder looks at it byte by byte:
/// 2.6% of a batch's instructions).
fn push_text(out: &mut String, s: &str) {
    if memchr::memchr3(b'&', b'<', b'>', s.as_bytes()).is_some() {
        html_escape::encode_text_to_string(s, out);
    } else {
        out.push_str(s);
    }
}

/// A finding with its number in the pair (1, 2, … in document order).
#[derive(Clone, Copy)]
struct Numbered<'a> {
    number: usize,
    finding: &'a Finding,
}

/// Appends sentence `index` (text `sentence`) with the findings' spans in
/// it highlighted; a span that overlaps one marked before is left out.
fn push_highlighted(
    out: &mut String,
    index: usize,
    sentence: &str,
    spans: &[(Option<Span>, Numbered)],
) {
    let mut marks: Vec<(usize, usize, Numbered)> = Vec::new();
    for &(span, f) in spans {
        let Some(span) = span.filter(|s| s.sentence == index && s.start < s.end) else {
            continue;
        };
        let (start, end) = (span.start, span.end.min(sentence.len()));
        if !(sentence.is_char_boundary(start) && sentence.is_char_boundary(end)) || start >= end {
            continue;
        }
        if marks.iter().all(|(s, e, _)| end <= *s || start >= *e) {
            marks.push((start, end, f));
        }
    }
    marks.sort_by_key(|m| m.0);
    let mut last = 0;
    for (start, end, f) in marks {
        push_text(out, &sentence[last..start]);
        // The message is in the row's findings list; the mark names the
        // finding it belongs to.
        let kind = f.finding.kind.as_str();
        let _ = write!(
            out,
            "<mark class=\"k-{kind} s-{}\" title=\"#{} {kind}\">",
            f.finding.severity.as_str(),
            f.number,
        );
        push_text(out, &sentence[start..end]);
        out.push_str("</mark>");
        last = end;
    }
    push_text(out, &sentence[last..]);
}

/// Appends one side of a bead: its sentences, joined by a space, with the
/// span `span_of` each finding highlighted.
fn push_side(
    out: &mut String,
    sentences: &[crate::Sentence],
    indices: &[usize],
    findings: &[Numbered],
    span_of: impl Fn(&Finding) -> Option<Span>,
) {
    let spans: Vec<(Option<Span>, Numbered)> =
        findings.iter().map(|f| (span_of(f.finding), *f)).collect();
    for (k, &i) in indices.iter().enumerate() {
        let Some(s) = sentences.get(i) else { continue };
        if k > 0 {
            out.push(' ');
        }
        push_highlighted(out, i, &s.text, &spans);
    }
}

/// The findings shown with each bead, by their position in the pair's
/// list. A finding belongs to the bead holding its (first) translation
/// sentence, or for a finding with none (a dropped sentence) to the beads
/// holding its original sentences (not a moved bead: those only repeat
/// them).
fn findings_by_bead(report: &PairReport) -> Vec<Vec<usize>> {
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
    for (r, finding) in report.findings.iter().enumerate() {
        let mut mine: Vec<usize> = match finding.trans.first() {
            Some(&t) => of_trans.get(t).copied().flatten().into_iter().collect(),
            None => finding
                .orig
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

const SECTION_CLOSE: &str = "</section>\n";

/// The body of one checked pair's section.
/// What the editor's decisions took out, for the section's line:
/// " (3 ignored, 2 resolved since the baseline)", or nothing.
fn decisions(s: &crate::summary::Summary) -> String {
    let mut parts = Vec::new();
    if s.ignored > 0 {
        parts.push(format!("{} ignored", s.ignored));
    }
    if s.hidden > 0 {
        parts.push(format!("{} hidden", s.hidden));
    }
    if let Some(r) = s.resolved.as_ref().filter(|r| !r.is_empty()) {
        parts.push(format!("{} resolved since the baseline", r.len()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

pub(crate) fn pair_section(report: &PairReport, summary: &SummaryRow) -> String {
    // Both texts, the findings' messages and the markup around them.
    let texts: usize = report
        .orig
        .iter()
        .chain(&report.trans)
        .map(|s| s.text.len() + 48)
        .sum();
    let findings: usize = report.findings.iter().map(|f| f.message.len() + 256).sum();
    let mut out = String::with_capacity(texts + texts / 8 + findings + 1024);
    let _ = write!(
        out,
        "<h2>{} <span class=\"score\">score {:.1}</span></h2>\n<p class=\"meta\">{} findings{} · {} → {} sentences · coverage {:.1}%{}</p>\n",
        text(&report.pair),
        report.summary.score,
        report.findings.len(),
        decisions(&report.summary),
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
    let by_bead = findings_by_bead(report);
    for (bead, mine) in report.alignment.beads.iter().zip(&by_bead) {
        let orig_side = if bead.kind == BeadKind::Moved {
            &bead.repeats
        } else {
            &bead.orig
        };
        let mine: Vec<Numbered> = mine
            .iter()
            .filter_map(|&r| {
                let finding = report.findings.get(r)?;
                Some(Numbered {
                    number: r + 1,
                    finding,
                })
            })
            .collect();
        // Each kind and severity once, in the order the findings name them.
        let mut classes: Vec<(&str, &str)> = Vec::new();
        for f in &mine {
            for class in [
                ("k-", f.finding.kind.as_str()),
                ("s-", f.finding.severity.as_str()),
            ] {
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
        let _ = write!(out, "\"><td class=\"n\">{}</td><td>", OneBased(orig_side));
        push_side(&mut out, &report.orig, orig_side, &mine, |f| f.orig_span);
        let _ = write!(
            out,
            "</td><td class=\"n\">{}</td><td>",
            OneBased(&bead.trans)
        );
        push_side(&mut out, &report.trans, &bead.trans, &mine, |f| {
            f.trans_span
        });
        out.push_str("</td><td><ul>");
        for f in &mine {
            let _ = write!(
                out,
                "<li class=\"k-{k} s-{s}\"><b>#{n} {k}</b> <i>{s}</i> ",
                n = f.number,
                k = f.finding.kind.as_str(),
                s = f.finding.severity.as_str(),
            );
            push_text(&mut out, &f.finding.message);
            // The editor's "not an error": ticked findings become ignore
            // lines (the page's script, no server).
            if let Some(t) = f.number.checked_sub(1).and_then(|i| report.tracked.get(i)) {
                let _ = write!(
                    out,
                    " <label class=\"ne\"><input type=\"checkbox\" class=\"ignore\" data-fp=\"{fp}\" data-pair=\"{pair}\"> not an error <code>{fp}</code></label>",
                    fp = html_escape::encode_double_quoted_attribute(&t.fingerprint),
                    pair = html_escape::encode_double_quoted_attribute(&report.pair),
                );
            }
            out.push_str("</li>");
        }
        out.push_str("</ul></td></tr>\n");
    }
    out.push_str("</tbody></table>");
    out
}

/// The body of the section of a pair that could not be checked.
pub(crate) fn error_section(summary: &SummaryRow) -> String {
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
label.ne{font-size:12px;color:#666;white-space:nowrap}label.ne code{font-size:11px}
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
function csvField(s){return /[",\n]/.test(s)?'"'+s.replace(/"/g,'""')+'"':s}
function ignoreLines(){
  var seen={},out=['fingerprint,pair,note'];
  document.querySelectorAll('input.ignore:checked').forEach(function(b){
    var l=b.dataset.fp+','+csvField(b.dataset.pair)+',not an error';
    if(!seen[l]){seen[l]=1;out.push(l)}
  });
  return out.join('\n')+'\n';
}
document.addEventListener('change',function(e){
  if(e.target.classList.contains('ignore'))document.getElementById('ign-n').textContent=document.querySelectorAll('input.ignore:checked').length;
});
document.getElementById('ign-copy').addEventListener('click',function(){navigator.clipboard.writeText(ignoreLines())});
document.getElementById('ign-save').addEventListener('click',function(){
  var a=document.createElement('a');a.href=URL.createObjectURL(new Blob([ignoreLines()],{type:'text/csv'}));a.download='ignore.csv';a.click();
});
"#;

/// Writes the start of the page: head, style, the filters and the opening
/// of `<main>`, where the sections follow.
fn write_head(out: &mut dyn Write) -> std::io::Result<()> {
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
    head.push_str("<label><input type=\"checkbox\" id=\"only\"> only sentences with findings</label> not an error: <span id=\"ign-n\">0</span> <button id=\"ign-copy\">copy ignore lines</button> <button id=\"ign-save\">download ignore.csv</button></div></header>\n<main>\n");
    out.write_all(head.as_bytes())
}

/// Ends the page after the sections: the index (pairs sorted by score,
/// errors first), the script and the closing tags. The index comes last
/// in the file, so the sections can be written as pairs finish, and is
/// shown first (`order` in the style).
fn write_index(
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
            if row.status == Status::Error {
                "error"
            } else {
                ""
            },
            row.status.as_str(),
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

/// report.html: the head, one section per pair as it comes, and at
/// [`ReportSink::finish`] the index of all pairs. Counts the bytes it has
/// written, and tells where the last section's body lies
/// ([`HtmlSink::last_body`]), so that a later run can copy it back.
pub struct HtmlSink<W: Write> {
    out: Counted<W>,
    signature: String,
    /// Each pair's position in the input and summary row, for the index.
    summaries: Vec<(usize, SummaryRow)>,
    last_body: (u64, u64),
}

impl<W: Write> HtmlSink<W> {
    /// Writes the head of the page; `signature` (the run's settings) goes
    /// into the index.
    pub fn new(out: W, signature: &str) -> std::io::Result<HtmlSink<W>> {
        let mut out = Counted::new(out);
        write_head(&mut out)?;
        Ok(HtmlSink {
            out,
            signature: signature.to_string(),
            summaries: Vec::new(),
            last_body: (0, 0),
        })
    }

    /// Where the body of the last section written lies: (offset, length)
    /// in bytes.
    pub fn last_body(&self) -> (u64, u64) {
        self.last_body
    }

    /// Flushes what was written into the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    /// The writer.
    pub fn into_inner(self) -> W {
        self.out.inner
    }
}

impl<W: Write> ReportSink for HtmlSink<W> {
    /// Writes the pair's section: its body anchored at its position.
    fn write_pair(&mut self, pair: &PairRecord) -> std::io::Result<()> {
        let open = format!("<section class=\"pair\" id=\"{}\">", anchor(pair.index));
        self.out.write_all(open.as_bytes())?;
        self.last_body = (self.out.written, pair.section.len() as u64);
        self.out.write_all(pair.section.as_bytes())?;
        self.out.write_all(SECTION_CLOSE.as_bytes())?;
        self.summaries.push((pair.index, pair.summary.clone()));
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        write_index(&mut self.out, &self.summaries, &self.signature)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_by_the_crate_and_clean_text_copied() {
        for s in ["a<b & c>d “é” 'q\"", "plain text, “quoted”", ""] {
            let mut out = String::from("x");
            push_text(&mut out, s);
            assert_eq!(out[1..], *html_escape::encode_text(s));
        }
    }

    #[test]
    fn sections_are_anchored_and_their_bodies_located() {
        let mut sink = HtmlSink::new(Vec::new(), "sig <1>").expect("head");
        let mut record = PairRecord::failed(4, "p<5>", "gone & lost", true);
        sink.write_pair(&record).expect("section");
        let (offset, len) = sink.last_body();
        record.index = 0;
        sink.write_pair(&record).expect("again");
        sink.finish().expect("index");
        let page = String::from_utf8(sink.into_inner()).expect("utf-8");
        let body = &page[offset as usize..(offset + len) as usize];
        assert_eq!(body, record.section);
        assert!(body.contains("p&lt;5&gt;") && body.contains("gone &amp; lost"));
        assert!(page[..offset as usize].ends_with("<section class=\"pair\" id=\"pair-5\">"));
        assert!(page.contains("<section class=\"pair\" id=\"pair-1\">"));
        assert!(
            page.contains("<a href=\"#pair-5\">p&lt;5&gt;</a>") && page.contains("sig &lt;1&gt;")
        );
        assert!(page.ends_with("</html>\n"));
    }
}
