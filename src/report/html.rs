//! The pair pages of the HTML report (`report/pairs/<name>.html`, laid
//! out by [`super::site`]): per pair the aligned sentences side by side,
//! the words of each bead that have no counterpart on the other side
//! marked in both texts (the word correspondence the checkers read,
//! [`crate::correspond`], built on the `similar` crate's diff), each
//! finding's spans highlighted by severity, a legend, filters by kind and
//! severity, "only sentences with findings" and a "not an error" tick per
//! finding.
//!
//! A page is made of two parts: its top (`page_top`: the head, the
//! style and the links to the previous and next pairs, which only the
//! writer knows) and its body (`pair_body` or `error_body`, rendered
//! on the thread that checked the pair, with the script and the closing
//! tags). `BODY_MARK` separates them, so a resumed run can give a kept
//! page new neighbours without checking its pair again.
//!
//! Text goes through one escaper, the html-escape crate's encoders.

use std::fmt::Write as _;

use html_escape::encode_double_quoted_attribute as attr;

use super::summary_row::SummaryRow;
use super::OneBased;
use crate::align::BeadKind;
use crate::check::{Finding, Kind, Severity, Span};
use crate::correspond::{Match, WordLink};
use crate::pipeline::PairReport;

/// The line between a page's top and its body.
pub(crate) const BODY_MARK: &str = "\n<!--body-->\n";

/// Appends `s` escaped as HTML text by the html-escape crate. Text with
/// nothing to escape, as most sentences are, is found with one vectorised
/// search and copied whole (the crate's encoder looks at it byte by byte:
/// 2.6% of a batch's instructions).
pub(crate) fn push_text(out: &mut String, s: &str) {
    if memchr::memchr3(b'&', b'<', b'>', s.as_bytes()).is_some() {
        html_escape::encode_text_to_string(s, out);
    } else {
        out.push_str(s);
    }
}

/// The page's text colour, on a white background.
pub(crate) const TEXT_COLOUR: &str = "#1d1d1f";
/// The page's background.
pub(crate) const BACKGROUND: &str = "#ffffff";

/// Per severity: the background of its highlighted spans (text in
/// [`TEXT_COLOUR`] on it) and its ink, for its name in the findings'
/// lists and its bars in the index's chart (on [`BACKGROUND`]). A unit
/// test holds both to WCAG AA contrast (4.5:1).
pub(crate) const SEVERITY_COLOURS: [(Severity, &str, &str); 3] = [
    (Severity::Critical, "#ffc9c9", "#b00020"),
    (Severity::Major, "#ffe08a", "#8a5a00"),
    (Severity::Minor, "#dbe7f7", "#2f5a8a"),
];

/// The colour rules of the severities, shared by the pages and the index.
pub(crate) fn severity_style() -> String {
    let mut css =
        format!("body{{color:{TEXT_COLOUR};background:{BACKGROUND}}}mark{{color:{TEXT_COLOUR}}}");
    for (severity, mark, ink) in SEVERITY_COLOURS {
        let s = severity.as_str();
        let _ = write!(
            css,
            "mark.s-{s}{{background:{mark}}}.ink-{s}{{color:{ink}}}.bar-{s}{{fill:{ink}}}"
        );
    }
    css
}

/// A finding's stable id: its fingerprint ([`crate::review::fingerprint`]),
/// which hashes its kind, the texts in conflict and its sentences' texts,
/// not positions, so it survives edits elsewhere in the document. The
/// page's "not an error" ticks name findings by it (the `data-fp`
/// attribute), as `--ignore` lines do.
pub fn finding_id(report: &PairReport, finding: &Finding) -> String {
    fn texts<'a>(side: &'a [crate::Sentence], indices: &[usize]) -> Vec<&'a str> {
        indices
            .iter()
            .filter_map(|&i| side.get(i).map(|s| &*s.text))
            .collect()
    }
    crate::review::fingerprint(
        finding.kind,
        &finding.expected,
        &finding.found,
        &texts(&report.orig, &finding.orig),
        &texts(&report.trans, &finding.trans),
    )
}

/// A finding with its number in the pair (1, 2, … in document order).
#[derive(Clone, Copy)]
struct Numbered<'a> {
    number: usize,
    finding: &'a Finding,
}

/// How a word is marked in the texts: a content word with no
/// counterpart on the other side, or a word whose counterpart is another
/// word (a spelling, a synonym, a rendering, a shared prefix). Function
/// words left over ("the", "of") are not marked: they would bury the
/// differences that matter.
fn word_class(link: &WordLink) -> Option<&'static str> {
    match link.partner {
        None if link.content => Some("dw"),
        None | Some((_, Match::Same | Match::Stem)) => None,
        Some(_) => Some("vw"),
    }
}

/// Appends `sentence[from..to]` with the marked words in it wrapped in
/// their class's span (clipped to the range). `words` are (start, end,
/// class), sorted and apart; `next` is the first word not yet passed.
fn push_words(
    out: &mut String,
    sentence: &str,
    (from, to): (usize, usize),
    words: &[(usize, usize, &str)],
    next: &mut usize,
) {
    let mut at = from;
    while let Some(&(start, end, class)) = words.get(*next) {
        if start >= to {
            break;
        }
        let (s, e) = (start.max(at), end.min(to));
        if s < e {
            push_text(out, &sentence[at..s]);
            let _ = write!(out, "<span class=\"{class}\">");
            push_text(out, &sentence[s..e]);
            out.push_str("</span>");
            at = e;
        }
        if end > to {
            break;
        }
        *next += 1;
    }
    push_text(out, &sentence[at..to]);
}

/// Appends sentence `index` (text `sentence`): the findings' spans in it
/// highlighted, the narrower first (a span that overlaps one already
/// marked is left out: a name inside a moved sentence keeps its mark), and
/// inside and around them the marked words of `links` (the bead's links
/// of this side).
fn push_sentence(
    out: &mut String,
    index: usize,
    sentence: &str,
    spans: &[(Option<Span>, Numbered)],
    links: &[WordLink],
) {
    let valid = |start: usize, end: usize| {
        start < end
            && end <= sentence.len()
            && sentence.is_char_boundary(start)
            && sentence.is_char_boundary(end)
    };
    let mut candidates: Vec<(usize, usize, Numbered)> = spans
        .iter()
        .filter_map(|&(span, f)| {
            let span = span.filter(|s| s.sentence == index)?;
            let (start, end) = (span.start, span.end.min(sentence.len()));
            valid(start, end).then_some((start, end, f))
        })
        .collect();
    candidates.sort_by_key(|&(start, end, f)| (end - start, f.number));
    let mut marks: Vec<(usize, usize, Numbered)> = Vec::new();
    for (start, end, f) in candidates {
        if marks.iter().all(|(s, e, _)| end <= *s || start >= *e) {
            marks.push((start, end, f));
        }
    }
    marks.sort_by_key(|m| m.0);
    let mut words: Vec<(usize, usize, &str)> = links
        .iter()
        .filter(|l| l.sentence == index && valid(l.start, l.end))
        .filter_map(|l| Some((l.start, l.end, word_class(l)?)))
        .collect();
    words.sort_by_key(|w| w.0);
    words.dedup_by(|b, a| b.0 < a.1);
    let mut next = 0;
    let mut last = 0;
    for (start, end, f) in marks {
        push_words(out, sentence, (last, start), &words, &mut next);
        let (k, s) = (f.finding.kind.as_str(), f.finding.severity.as_str());
        let _ = write!(
            out,
            "<mark class=\"s-{s}\" data-k=\"{k}\" data-s=\"{s}\" title=\"#{} {k}, {s}\">",
            f.number,
        );
        push_words(out, sentence, (start, end), &words, &mut next);
        out.push_str("</mark>");
        last = end;
    }
    push_words(out, sentence, (last, sentence.len()), &words, &mut next);
}

/// Appends one side of a bead: its sentences, joined by a space, with the
/// span `span_of` each finding highlighted and the words marked.
fn push_side(
    out: &mut String,
    sentences: &[crate::Sentence],
    indices: &[usize],
    findings: &[Numbered],
    links: &[WordLink],
    span_of: impl Fn(&Finding) -> Option<Span>,
) {
    let spans: Vec<(Option<Span>, Numbered)> =
        findings.iter().map(|f| (span_of(f.finding), *f)).collect();
    for (k, &i) in indices.iter().enumerate() {
        let Some(s) = sentences.get(i) else { continue };
        if k > 0 {
            out.push(' ');
        }
        push_sentence(out, i, &s.text, &spans, links);
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

/// The kinds whose visible findings tint a bead's row: a dropped
/// sentence's original, an added or moved sentence's translation.
const TINTED: [Kind; 3] = [Kind::Dropped, Kind::Added, Kind::Moved];

/// Appends the page's heading, legend and filters: `counts` per kind and
/// per severity, for the filters' labels.
fn push_controls(out: &mut String, kinds: &[usize; 7], severities: &[usize; 3]) {
    out.push_str("<form class=\"filters\" aria-label=\"filters\"><fieldset><legend>kinds</legend>");
    for (kind, n) in Kind::ALL.iter().zip(kinds) {
        let k = kind.as_str();
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" checked data-f=\"k-{k}\"> {k} ({n})</label> "
        );
    }
    out.push_str("</fieldset><fieldset><legend>severity</legend>");
    for (severity, n) in Severity::ALL.iter().zip(severities) {
        let s = severity.as_str();
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" checked data-f=\"s-{s}\"> <span class=\"ink-{s}\">{s}</span> ({n})</label> "
        );
    }
    out.push_str(
        "</fieldset><fieldset><legend>rows</legend><label><input type=\"checkbox\" id=\"only\"> only sentences with findings</label> <output id=\"shown\"></output></fieldset>\
         <fieldset><legend>not an error</legend><button type=\"button\" id=\"copy\">copy ignore lines</button> <button type=\"button\" id=\"download\">download ignore.csv</button> <output id=\"ticked\"></output></fieldset></form>\n\
         <details class=\"legend\" open><summary>legend</summary><ul>\
         <li><mark class=\"s-critical\">critical</mark> <mark class=\"s-major\">major</mark> <mark class=\"s-minor\">minor</mark>: the text a finding is about, by its severity</li>\
         <li><span class=\"dw\">word</span>: a content word with no counterpart on the other side (left out, added or replaced)</li>\
         <li><span class=\"vw\">word</span>: a word matched by another spelling, a synonym or a rendering</li>\
         <li><span class=\"sw tint-o\"></span> an original sentence the translation drops; <span class=\"sw tint-t\"></span> a translation sentence added, or moved out of order</li>\
         <li>Unticking a kind or severity hides its findings, and the rows left with none; tick \u{201c}not an error\u{201d} on a finding to leave it out, then copy the lines for <code>--ignore</code>. Ticks are kept in this browser.</li>\
         </ul></details>\n",
    );
}

/// The body of a checked pair's page, from its heading to the end of
/// the page.
pub(crate) fn pair_body(report: &PairReport, summary: &SummaryRow) -> String {
    // Both texts, the findings' messages and the markup around them.
    let texts: usize = report
        .orig
        .iter()
        .chain(&report.trans)
        .map(|s| s.text.len() + 48)
        .sum();
    let findings: usize = report.findings.iter().map(|f| f.message.len() + 400).sum();
    let mut out = String::with_capacity(texts + texts / 4 + findings + 6144);
    out.push_str("<main data-pair=\"");
    out.push_str(&attr(&report.pair));
    out.push_str("\"><h1>");
    push_text(&mut out, &report.pair);
    let _ = write!(
        out,
        " <span class=\"score\">score {:.1}</span></h1>\n<p class=\"meta\">{} findings · {} → {} sentences · coverage {:.1}%",
        report.summary.score,
        report.findings.len(),
        report.orig.len(),
        report.trans.len(),
        report.summary.coverage * 100.0,
    );
    out.push_str(&decisions(&report.summary));
    if !summary.warnings.is_empty() {
        out.push_str(" · <span class=\"warn\">");
        push_text(&mut out, &summary.warnings);
        out.push_str("</span>");
    }
    out.push_str("</p>\n");
    let mut kinds = [0usize; 7];
    let mut severities = [0usize; 3];
    for f in &report.findings {
        if let Some(k) = Kind::ALL.iter().position(|&k| k == f.kind) {
            kinds[k] += 1;
        }
        if let Some(s) = Severity::ALL.iter().position(|&s| s == f.severity) {
            severities[s] += 1;
        }
    }
    push_controls(&mut out, &kinds, &severities);
    out.push_str("<table class=\"beads\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">original</th><th scope=\"col\">#</th><th scope=\"col\">translation</th><th scope=\"col\">findings</th></tr></thead><tbody>\n");
    let by_bead = findings_by_bead(report);
    let no_words = crate::correspond::BeadWords::default();
    for (b, (bead, mine)) in report.alignment.beads.iter().zip(&by_bead).enumerate() {
        let words = report.words.beads.get(b).unwrap_or(&no_words);
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
        let _ = write!(
            out,
            "<tr class=\"t-{}",
            bead.kind.as_str().replace('-', "_")
        );
        for kind in TINTED {
            if mine.iter().any(|f| f.finding.kind == kind) {
                let _ = write!(out, " kv-{}", kind.as_str());
            }
        }
        let _ = write!(out, "\"><td class=\"n\">{}</td><td>", OneBased(orig_side));
        push_side(&mut out, &report.orig, orig_side, &mine, &words.orig, |f| {
            f.orig_span
        });
        let _ = write!(
            out,
            "</td><td class=\"n\">{}</td><td>",
            OneBased(&bead.trans)
        );
        push_side(
            &mut out,
            &report.trans,
            &bead.trans,
            &mine,
            &words.trans,
            |f| f.trans_span,
        );
        out.push_str("</td><td>");
        if !mine.is_empty() {
            out.push_str("<ul>");
        }
        for f in &mine {
            let (k, s) = (f.finding.kind.as_str(), f.finding.severity.as_str());
            let _ = write!(
                out,
                "<li id=\"f{n}\" data-k=\"{k}\" data-s=\"{s}\" data-fp=\"{fp}\"><b class=\"ink-{s}\">#{n} {k}</b> <i>{s}</i> ",
                n = f.number,
                // The review stage's fingerprint when the report has it.
                fp = match report.tracked.get(f.number - 1) {
                    Some(t) => t.fingerprint.clone(),
                    None => finding_id(report, f.finding),
                },
            );
            push_text(&mut out, &f.finding.message);
            out.push_str(
                " <label class=\"ne\"><input type=\"checkbox\"> not an error</label></li>",
            );
        }
        if !mine.is_empty() {
            out.push_str("</ul>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n<textarea id=\"lines\" aria-label=\"ignore lines\" readonly hidden></textarea></main>\n");
    push_end(&mut out);
    out
}

/// The body of the page of a pair that could not be checked.
pub(crate) fn error_body(summary: &SummaryRow) -> String {
    let mut out = String::from("<main data-pair=\"");
    out.push_str(&attr(&summary.pair));
    out.push_str("\"><h1>");
    push_text(&mut out, &summary.pair);
    out.push_str(" <span class=\"error\">error</span></h1>\n<p class=\"error\">");
    push_text(&mut out, &summary.error);
    out.push_str("</p></main>\n");
    push_end(&mut out);
    out
}

/// Appends the end of a page: its script and closing tags.
fn push_end(out: &mut String) {
    out.push_str("<script>");
    out.push_str(PAGE_SCRIPT);
    out.push_str("</script></body></html>\n");
}

/// A link to a neighbouring page: its file name and its pair id.
pub(crate) type Neighbour<'a> = Option<(&'a str, &'a str)>;

/// The top of a pair's page: the head with the style, and the links to
/// the index and to the previous and next pairs (in input order), which
/// are file names beside it. Ends with [`BODY_MARK`].
pub(crate) fn page_top(
    pair: &str,
    index: Option<&str>,
    prev: Neighbour,
    next: Neighbour,
) -> String {
    let mut out = String::with_capacity(PAGE_STYLE.len() + 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>");
    push_text(&mut out, pair);
    out.push_str(" · backcheck</title><style>");
    out.push_str(&severity_style());
    out.push_str(PAGE_STYLE);
    out.push_str("</style></head><body>\n<nav class=\"pn\">");
    if let Some(index) = index {
        let _ = write!(out, "<a href=\"{}\">all pairs</a>", attr(index));
    }
    for (link, rel, arrow) in [(prev, "prev", "\u{2190} "), (next, "next", "")] {
        let Some((file, id)) = link else { continue };
        let _ = write!(
            out,
            " <a rel=\"{rel}\" href=\"{}\">{arrow}{rel}: ",
            attr(file)
        );
        push_text(&mut out, id);
        if rel == "next" {
            out.push_str(" \u{2192}");
        }
        out.push_str("</a>");
    }
    out.push_str("</nav>");
    out.push_str(BODY_MARK);
    out
}

/// What the editor's decisions took out, for the page's line:
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

/// One pair's page on its own, with no neighbours and no index: what
/// `check --html` writes for a single pair.
pub fn pair_page(report: &PairReport) -> String {
    let summary = SummaryRow::checked(report);
    page_top(&report.pair, None, None, None) + &pair_body(report, &summary)
}

const PAGE_STYLE: &str = r#"
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0}
nav.pn{padding:6px 16px;background:#f0f0f0;border-bottom:1px solid #ccc;font-size:14px}
nav.pn a{margin-right:18px}
main{padding:0 16px 40px}
h1{font-size:20px;margin:10px 0 2px}
.score{font-weight:400;color:#444;margin-left:8px;font-size:16px}
.meta{color:#444;font-size:13px;margin:0 0 6px}
.warn{color:#8a5a00}.error{color:#b00020}
form.filters{position:sticky;top:0;background:#fff;z-index:2;padding:4px 0;border-bottom:1px solid #ddd}
fieldset{display:inline-block;border:1px solid #ccc;margin:2px 4px 2px 0;padding:2px 8px}
legend{font-size:12px;color:#444}
fieldset label{white-space:nowrap;font-size:13px;margin-right:6px}
input:focus-visible,button:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
output{font-size:12px;color:#444}
details.legend{font-size:13px;margin:6px 0}
details.legend ul{margin:4px 0;padding-left:18px}
.sw{display:inline-block;width:14px;height:12px;border:1px solid #999;vertical-align:middle}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0;font-weight:600}
td.n{color:#555;white-space:nowrap;font-size:12px}
table.beads td:nth-child(2),table.beads td:nth-child(4){width:36%}
table.beads ul{margin:0;padding-left:16px;font-size:13px}
.tint-o,tr.t-1_0.kv-dropped td:nth-child(2){background:#fff0f0}
.tint-t,tr.t-0_1.kv-added td:nth-child(4),tr.t-moved.kv-moved td:nth-child(4){background:#eef3ff}
mark{border-radius:3px;padding:0 2px}
mark.off[data-k]{background:none}
.dw{text-decoration:underline;text-decoration-thickness:2px;text-decoration-color:#6b3fa0;text-underline-offset:2px}
.vw{text-decoration:underline dotted;text-decoration-thickness:2px;text-decoration-color:#555;text-underline-offset:2px}
li.ignored{opacity:.6}li.ignored>b,li.ignored>i{text-decoration:line-through}
label.ne{font-size:12px;color:#444;white-space:nowrap}
textarea#lines{width:100%;height:8em;font:12px monospace}
@media print{nav.pn,form.filters,details.legend,label.ne,textarea{display:none}body{font-size:11px}table.beads td:nth-child(2),table.beads td:nth-child(4){width:33%}table.beads ul{font-size:10px;padding-left:12px}mark,.tint-o,.tint-t,tr td{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
"#;

const PAGE_SCRIPT: &str = r#"
(function(){
var boxes=[].slice.call(document.querySelectorAll('form.filters input[data-f]'));
var only=document.getElementById('only');
var rows=[].slice.call(document.querySelectorAll('table.beads tbody tr'));
var tinted=['dropped','added','moved'];
function apply(){
  var off={};
  boxes.forEach(function(b){if(!b.checked)off[b.dataset.f]=1});
  var hidden=function(e){return !!(off['k-'+e.dataset.k]||off['s-'+e.dataset.s])};
  var shown=0;
  rows.forEach(function(tr){
    var items=tr.querySelectorAll('li[data-k]'),seen={},visible=0;
    for(var i=0;i<items.length;i++){var h=hidden(items[i]);items[i].hidden=h;if(!h){visible++;seen[items[i].dataset.k]=1}}
    var marks=tr.querySelectorAll('mark[data-k]');
    for(var j=0;j<marks.length;j++)marks[j].classList.toggle('off',hidden(marks[j]));
    tinted.forEach(function(k){tr.classList.toggle('kv-'+k,!!seen[k])});
    tr.hidden=items.length?visible===0:only.checked;
    if(!tr.hidden)shown++;
  });
  var out=document.getElementById('shown');
  if(out)out.textContent=shown+' of '+rows.length+' rows shown';
}
boxes.concat(only?[only]:[]).forEach(function(b){b.addEventListener('change',apply)});
if(rows.length)apply();
var main=document.querySelector('main'),pair=main?main.dataset.pair:'',KEY='backcheck-not-an-error';
var store={};
try{store=JSON.parse(localStorage.getItem(KEY)||'{}')||{}}catch(e){}
var ticks=[].slice.call(document.querySelectorAll('li[data-fp] label.ne input'));
function key(li){return pair+'\u0000'+li.dataset.fp}
function csv(s){return '"'+String(s).replace(/"/g,'""')+'"'}
function count(){
  var n=ticks.filter(function(t){return t.checked}).length,o=document.getElementById('ticked');
  if(o)o.textContent=n?n+' ticked':'';
}
ticks.forEach(function(t){
  var li=t.closest('li');
  t.checked=!!store[key(li)];li.classList.toggle('ignored',t.checked);
  t.addEventListener('change',function(){
    li.classList.toggle('ignored',t.checked);
    if(t.checked)store[key(li)]=1;else delete store[key(li)];
    try{localStorage.setItem(KEY,JSON.stringify(store))}catch(e){}
    count();
  });
});
count();
function ignoreLines(){
  var lines=['fingerprint,pair,note'],seen={};
  ticks.forEach(function(t){var fp=t.closest('li').dataset.fp;if(t.checked&&!seen[fp]){seen[fp]=1;lines.push(fp+','+csv(pair)+',not an error')}});
  return lines.join('\n')+'\n';
}
var copy=document.getElementById('copy');
if(copy)copy.addEventListener('click',function(){
  var area=document.getElementById('lines');
  area.value=ignoreLines();area.hidden=false;area.select();
  try{if(navigator.clipboard)navigator.clipboard.writeText(area.value)}catch(e){}
});
var download=document.getElementById('download');
if(download)download.addEventListener('click',function(){
  var a=document.createElement('a');
  a.setAttribute('href',URL.createObjectURL(new Blob([ignoreLines()],{type:'text/csv'})));
  a.download='ignore.csv';document.body.appendChild(a);a.click();a.remove();
});
})();
"#;

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

    /// WCAG 2 relative luminance of a `#rrggbb` colour.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn contrast_is_computed_as_wcag_defines_it() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }

    #[test]
    fn severity_colours_meet_wcag_aa() {
        for (severity, mark, ink) in SEVERITY_COLOURS {
            let on_mark = contrast(TEXT_COLOUR, mark);
            let ink_on_page = contrast(ink, BACKGROUND);
            assert!(
                on_mark >= 4.5,
                "{severity:?}: text on {mark} is {on_mark:.2}:1"
            );
            assert!(
                ink_on_page >= 4.5,
                "{severity:?}: {ink} on the page is {ink_on_page:.2}:1"
            );
        }
        let style = severity_style();
        for (severity, mark, ink) in SEVERITY_COLOURS {
            let s = severity.as_str();
            assert!(style.contains(&format!("mark.s-{s}{{background:{mark}}}")));
            assert!(style.contains(&format!(".ink-{s}{{color:{ink}}}")));
        }
    }

    #[test]
    fn marked_words_nest_inside_finding_spans() {
        let sentence = "The Kurusk plant closed.";
        let words = [(4usize, 10usize, "dw"), (11, 16, "vw")];
        let mut out = String::new();
        let mut next = 0;
        // A span that cuts the second word in two.
        push_words(&mut out, sentence, (0, 13), &words, &mut next);
        out.push('|');
        push_words(&mut out, sentence, (13, sentence.len()), &words, &mut next);
        assert_eq!(
            out,
            "The <span class=\"dw\">Kurusk</span> <span class=\"vw\">pl</span>|<span class=\"vw\">ant</span> closed."
        );
    }

    #[test]
    fn page_top_links_neighbours_escaped() {
        let top = page_top("a<b", Some("../index.html"), Some(("p.html", "x&y")), None);
        assert!(top.contains("<title>a&lt;b · backcheck</title>"));
        assert!(top.contains("rel=\"prev\" href=\"p.html\">\u{2190} prev: x&amp;y</a>"));
        assert!(!top.contains("rel=\"next\""));
        assert!(top.ends_with(BODY_MARK));
        let body = error_body(&SummaryRow::failed("<script>", "gone & \"lost\""));
        assert!(
            body.contains("data-pair=\"&lt;script&gt;\"") && body.contains("gone &amp; \"lost\"")
        );
        assert!(!body.contains("<script>\"") && body.ends_with("</html>\n"));
    }
}
