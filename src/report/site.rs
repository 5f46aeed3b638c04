//! The HTML report of a batch: a folder.
//!
//! ```text
//! report.html              a redirect to report/index.html (old habits)
//! report/index.html        the index: totals, a chart, the pairs' table
//! report/pairs/<name>.html one page per pair (super::html)
//! ```
//!
//! The index is small (a JSON table of one short row per pair, rendered
//! by a little script, sortable and searchable) and opens on the worst
//! pairs: errors first, then the lowest scores. Every file is
//! self-contained: no network, no external assets.
//!
//! Pages are written as pairs come, each under a temporary name and
//! renamed whole; a page's links to its neighbours are written when the
//! next pair is known. The index and report.html are written last, and
//! only then are pages no pair of the run owns removed, so an index on
//! disk (this run's or the last finished run's) never links to a missing
//! page, whenever a run is stopped. A batch run (`backcheck batch`) goes
//! further: it writes its report folder inside its own run folder, syncs
//! it ([`SiteSink::sync`]) and, once the run is complete, moves the old
//! report folder out and the new one in, each whole, by one rename.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::html::{self, push_text, BODY_MARK, SEVERITY_COLOURS};
use super::summary_row::Status;
use super::{temporary_name, PairRecord, ReportSink};
use crate::check::{Kind, Severity};

/// The report's folder, beside report.html.
pub const REPORT_DIR: &str = "report";
/// The pages' folder, inside the report's.
pub const PAIRS_DIR: &str = "pairs";
/// The index's file name, inside the report's folder.
pub const INDEX_HTML: &str = "index.html";

/// Threads that sync the report's files at the end of a run.
const SYNC_THREADS: usize = 8;

/// How every page ends: a page that does not was cut short (a power cut
/// before it reached the disk) and is not kept by a resumed run.
const PAGE_END: &str = "</html>\n";

/// At most this many bytes of a pair id go into its file name.
const NAME_BYTES: usize = 40;

/// The file name of a pair's page: the id's letters, digits, `-` and `_`
/// (anything else becomes `_`, cut to 40 bytes), a `-`, and a 64-bit
/// FNV-1a hash of the whole id in hex. No path separator, no dot but the
/// extension's, and ids differing only in case or in replaced characters
/// still get different names (the hash), on any file system.
pub fn page_name(id: &str) -> String {
    let mut name: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(NAME_BYTES)
        .collect();
    if name.is_empty() {
        name.push_str("pair");
    }
    let mut hash = fnv::FnvHasher::default();
    hash.write(id.as_bytes());
    let _ = write!(name, "-{:016x}.html", hash.finish());
    name
}

/// Where the page of the pair `id` lies in the output folder `out`
/// (the first pair of that id in a run).
pub fn page_path(out: &Path, id: &str) -> PathBuf {
    out.join(REPORT_DIR).join(PAIRS_DIR).join(page_name(id))
}

/// A page waiting for its next neighbour to be known.
struct Pending {
    name: String,
    id: String,
    /// The body rendered for it, or None to keep the body of the page an
    /// earlier run wrote under that name.
    body: Option<String>,
}

/// One row of the index's table, as its JSON array: id, page, status,
/// score, then the findings' count, per severity and per kind (counts
/// absent for a pair that failed).
#[derive(Serialize)]
struct IndexRow(
    String,
    String,
    &'static str,
    Option<f64>,
    Option<Vec<usize>>,
);

/// A run's totals.
#[derive(Default)]
struct Totals {
    pairs: usize,
    errors: usize,
    warned: usize,
    score_sum: f64,
    /// Findings per kind (in [`Kind::ALL`] order) and severity (in
    /// [`Severity::ALL`] order).
    by_kind: [[usize; 3]; 7],
}

/// The report folder of a batch run: one page per pair as it comes, the
/// index and report.html at [`ReportSink::finish`].
pub struct SiteSink {
    /// The output folder (report.html goes there).
    out: PathBuf,
    signature: String,
    pending: Option<Pending>,
    /// The last page written: its name and pair id.
    previous: Option<(String, String)>,
    /// Page names taken by this run.
    names: HashSet<String>,
    /// (position in the input, row) per pair.
    rows: Vec<(usize, IndexRow)>,
    totals: Totals,
    /// Files written since the last [`SiteSink::sync`].
    unsynced: Vec<PathBuf>,
}

impl SiteSink {
    /// Starts the report folder in `out` (creating report/pairs/);
    /// `signature` (the run's settings) goes into the index. Nothing an
    /// earlier run wrote is touched yet.
    pub fn new(out: &Path, signature: &str) -> std::io::Result<SiteSink> {
        std::fs::create_dir_all(out.join(REPORT_DIR).join(PAIRS_DIR))?;
        Ok(SiteSink {
            out: out.to_path_buf(),
            signature: signature.to_string(),
            pending: None,
            previous: None,
            names: HashSet::new(),
            rows: Vec::new(),
            totals: Totals::default(),
            unsynced: Vec::new(),
        })
    }

    /// Puts the files written since the last call (pages, and after
    /// [`ReportSink::finish`] the index and report.html) onto the disk,
    /// with the folders that name them: a page on disk is whole after a
    /// power cut too. The files are synced by a few threads at once: a
    /// disk takes concurrent syncs together (2,000 pages: 0.65 s one at
    /// a time, 0.19 s by eight threads; docs/performance.md).
    pub fn sync(&mut self) -> std::io::Result<()> {
        if self.unsynced.is_empty() {
            return Ok(());
        }
        let paths = std::mem::take(&mut self.unsynced);
        let per_thread = paths.len().div_ceil(SYNC_THREADS);
        std::thread::scope(|scope| {
            let syncing: Vec<_> = paths
                .chunks(per_thread)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .try_for_each(|path| std::fs::File::open(path)?.sync_all())
                    })
                })
                .collect();
            syncing.into_iter().try_for_each(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a sync thread panicked")))
            })
        })?;
        #[cfg(unix)]
        for dir in [
            self.pairs_dir(),
            self.out.join(REPORT_DIR),
            self.out.clone(),
        ] {
            std::fs::File::open(&dir)?.sync_all()?;
        }
        Ok(())
    }

    fn pairs_dir(&self) -> PathBuf {
        self.out.join(REPORT_DIR).join(PAIRS_DIR)
    }

    /// A page name no other pair of the run has: [`page_name`], then for
    /// a repeated id `-2`, `-3`, … before the extension.
    fn unique_name(&mut self, id: &str) -> String {
        let base = page_name(id);
        let mut name = base.clone();
        let mut n = 1;
        while self.names.contains(&name) {
            n += 1;
            name = format!("{}-{n}.html", base.trim_end_matches(".html"));
        }
        self.names.insert(name.clone());
        name
    }

    /// Writes the pending page, now that its next neighbour is known.
    fn write_pending(&mut self, next: Option<(&str, &str)>) -> std::io::Result<()> {
        let Some(page) = self.pending.take() else {
            return Ok(());
        };
        let dir = self.pairs_dir();
        let path = dir.join(&page.name);
        let body = match page.body {
            Some(body) => body,
            None => kept_body(&path)?,
        };
        let prev = self
            .previous
            .as_ref()
            .map(|(n, i)| (n.as_str(), i.as_str()));
        let top = html::page_top(&page.id, Some("../index.html"), prev, next);
        write_whole(&path, &[top.as_bytes(), body.as_bytes()])?;
        self.unsynced.push(path);
        self.previous = Some((page.name, page.id));
        Ok(())
    }
}

/// The body of the page an earlier run left at `path`; an error when
/// the page is not one this version wrote whole.
pub(crate) fn kept_body(path: &Path) -> std::io::Result<String> {
    let page = std::fs::read_to_string(path)?;
    match page.find(BODY_MARK) {
        Some(at) if page.ends_with(PAGE_END) => Ok(page[at + BODY_MARK.len()..].to_string()),
        _ => Err(std::io::Error::other(format!(
            "{}: not a whole page this version wrote; run again without --resume",
            path.display()
        ))),
    }
}

/// Writes `parts` to `path` under its temporary name, then renames it:
/// the file is there whole or not changed.
fn write_whole(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    let tmp = temporary_name(path);
    std::fs::write(&tmp, parts.concat())?;
    std::fs::rename(&tmp, path)
}

impl ReportSink for SiteSink {
    /// Writes the page of the pair before (now that its next neighbour is
    /// known) and keeps this one's until the next comes. A record with no
    /// section keeps the body of the page an earlier run wrote for it.
    fn write_pair(&mut self, pair: &PairRecord) -> std::io::Result<()> {
        let id = pair.summary.pair.clone();
        let name = self.unique_name(&id);
        self.write_pending(Some((&name, &id)))?;
        let t = &mut self.totals;
        t.pairs += 1;
        let counts = if pair.summary.status == Status::Error {
            t.errors += 1;
            None
        } else {
            t.warned += usize::from(pair.summary.status == Status::Warning);
            t.score_sum += pair.summary.score.unwrap_or(0.0);
            let mut counts = vec![0usize; 1 + 3 + 7];
            for f in &pair.findings {
                let s = Severity::ALL.iter().position(|&s| s == f.severity);
                let k = Kind::ALL.iter().position(|&k| k == f.kind);
                counts[0] += 1;
                if let Some(s) = s {
                    counts[1 + s] += 1;
                }
                if let Some(k) = k {
                    counts[4 + k] += 1;
                }
                if let (Some(s), Some(k)) = (s, k) {
                    t.by_kind[k][s] += 1;
                }
            }
            Some(counts)
        };
        self.rows.push((
            pair.index,
            IndexRow(
                id.clone(),
                format!("{PAIRS_DIR}/{name}"),
                pair.summary.status.as_str(),
                pair.summary.score,
                counts,
            ),
        ));
        self.pending = Some(Pending {
            name,
            id,
            body: (!pair.section.is_empty()).then(|| pair.section.clone()),
        });
        Ok(())
    }

    /// Writes the last page, the index and report.html, then removes
    /// pages no pair of this run owns.
    fn finish(&mut self) -> std::io::Result<()> {
        self.write_pending(None)?;
        let report = self.out.join(REPORT_DIR);
        let index = index_page(&mut self.rows, &self.totals, &self.signature);
        write_whole(&report.join(INDEX_HTML), &[index.as_bytes()])?;
        self.unsynced.push(report.join(INDEX_HTML));
        write_whole(&self.out.join("report.html"), &[REDIRECT.as_bytes()])?;
        self.unsynced.push(self.out.join("report.html"));
        let dir = self.pairs_dir();
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !self.names.contains(&name) && entry.file_type()?.is_file() {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

/// report.html: the way to the index.
const REDIRECT: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url=report/index.html\"><title>backcheck report</title></head><body><p>The report is in <a href=\"report/index.html\">report/index.html</a>.</p></body></html>\n";

/// The index: totals, the chart and the table's rows as JSON, sorted
/// worst first (errors, then the lowest scores, then input order).
fn index_page(rows: &mut [(usize, IndexRow)], totals: &Totals, signature: &str) -> String {
    rows.sort_by(|a, b| {
        let key = |r: &IndexRow| r.3.unwrap_or(-1.0);
        key(&a.1).total_cmp(&key(&b.1)).then(a.0.cmp(&b.0))
    });
    let table: Vec<&IndexRow> = rows.iter().map(|(_, r)| r).collect();
    // In a script element: no "<" may close it, in JSON only ever in a
    // string, where \u003c reads the same.
    let json = serde_json::to_string(&table)
        .unwrap_or_else(|_| "[]".to_string())
        .replace('<', "\\u003c");
    let mut out = String::with_capacity(json.len() + 16384);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>backcheck report</title><style>");
    out.push_str(INDEX_STYLE);
    out.push_str(&html::severity_style());
    out.push_str("</style></head><body><main><h1>backcheck report</h1><p class=\"meta\">");
    push_text(&mut out, signature);
    out.push_str("</p>\n");
    push_totals(&mut out, totals);
    push_chart(&mut out, totals);
    let _ = write!(
        out,
        "<h2 id=\"pairs\">Pairs, worst first</h2>\n<form class=\"find\" role=\"search\"><label>find a pair <input type=\"search\" id=\"q\" autocomplete=\"off\"></label> <output id=\"count\"></output> <button type=\"button\" id=\"all\" hidden>show all</button></form>\n<table class=\"index\"><thead><tr>"
    );
    let columns = ["pair", "status", "score", "findings"]
        .into_iter()
        .chain(Severity::ALL.map(Severity::as_str))
        .chain(Kind::ALL.map(Kind::as_str));
    for (c, name) in columns.enumerate() {
        let _ = write!(
            out,
            "<th scope=\"col\"><button type=\"button\" data-col=\"{c}\">{name}</button></th>"
        );
    }
    out.push_str("</tr></thead><tbody id=\"rows\"></tbody></table>\n<noscript><p>The table of pairs needs JavaScript; every pair's page is in the folder pairs/.</p></noscript>\n<script type=\"application/json\" id=\"data\">");
    out.push_str(&json);
    out.push_str("</script>\n<script>");
    out.push_str(INDEX_SCRIPT);
    out.push_str("</script></main></body></html>\n");
    out
}

/// Appends the batch's totals.
fn push_totals(out: &mut String, t: &Totals) {
    let checked = t.pairs - t.errors;
    let findings: usize = t.by_kind.iter().flatten().sum();
    let _ = write!(
        out,
        "<dl class=\"totals\"><div><dt>pairs</dt><dd>{}</dd></div><div><dt>checked</dt><dd>{checked}</dd></div><div><dt>errors</dt><dd>{}</dd></div><div><dt>with warnings</dt><dd>{}</dd></div><div><dt>mean score</dt><dd>{}</dd></div><div><dt>findings</dt><dd>{findings}</dd></div>",
        t.pairs,
        t.errors,
        t.warned,
        if checked > 0 {
            format!("{:.1}", t.score_sum / checked as f64)
        } else {
            "–".to_string()
        },
    );
    for (s, severity) in Severity::ALL.iter().enumerate() {
        let n: usize = t.by_kind.iter().map(|k| k[s]).sum();
        let name = severity.as_str();
        let _ = write!(
            out,
            "<div><dt class=\"ink-{name}\">{name}</dt><dd>{n}</dd></div>"
        );
    }
    out.push_str("</dl>\n");
}

/// Appends the chart of findings by kind and severity: one bar per
/// kind, its severities stacked, as inline SVG.
fn push_chart(out: &mut String, t: &Totals) {
    const LABEL: usize = 120;
    const BAR: usize = 420;
    const ROW: usize = 24;
    let most = t
        .by_kind
        .iter()
        .map(|k| k.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * (Kind::ALL.len() + 1) + 8;
    let width = LABEL + BAR + 70;
    let _ = write!(
        out,
        "<figure class=\"chart\"><svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">Findings by kind and severity</title>"
    );
    for (k, kind) in Kind::ALL.iter().enumerate() {
        let y = ROW * k + 4;
        let name = kind.as_str();
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{name}</text>",
            LABEL - 8,
            y + 15
        );
        let mut x = LABEL;
        for (s, severity) in Severity::ALL.iter().enumerate() {
            let n = t.by_kind[k][s];
            if n == 0 {
                continue;
            }
            let w = (n * BAR).div_ceil(most).max(1);
            let sev = severity.as_str();
            let _ = write!(
                out,
                "<rect class=\"bar-{sev}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"18\"><title>{name}, {sev}: {n}</title></rect>"
            );
            x += w;
        }
        let total: usize = t.by_kind[k].iter().sum();
        let _ = write!(out, "<text x=\"{}\" y=\"{}\">{total}</text>", x + 6, y + 15);
    }
    // The key of the colours.
    let y = ROW * Kind::ALL.len() + 4;
    let mut x = LABEL;
    for (severity, _, _) in SEVERITY_COLOURS {
        let s = severity.as_str();
        let _ = write!(
            out,
            "<rect class=\"bar-{s}\" x=\"{x}\" y=\"{}\" width=\"14\" height=\"14\"/><text x=\"{}\" y=\"{}\">{s}</text>",
            y + 3,
            x + 20,
            y + 15
        );
        x += 100;
    }
    out.push_str("</svg></figure>\n");
}

const INDEX_STYLE: &str = r#"
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0}
main{padding:8px 16px 40px}
h1{font-size:20px;margin:4px 0}
h2{font-size:17px;margin:16px 0 4px}
.meta{color:#444;font-size:13px;margin:0 0 8px;overflow-wrap:anywhere}
dl.totals{display:flex;flex-wrap:wrap;gap:6px 22px;margin:8px 0}
dl.totals div{display:flex;flex-direction:column}
dt{font-size:12px;color:#444}dd{margin:0;font-size:18px;font-weight:600}
figure.chart{margin:8px 0}
figure.chart text{font-size:13px;fill:#1d1d1f}
form.find{margin:6px 0}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:right}
th{background:#f0f0f0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:#1d1d1f}
th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
td:first-child,th:first-child,td:nth-child(2){text-align:left}
td.error{color:#b00020}
@media print{form.find,th button::after{display:none}body{font-size:11px}a{color:inherit;text-decoration:none}.bar-critical,.bar-major,.bar-minor{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

const INDEX_SCRIPT: &str = r#"
(function(){
var data=JSON.parse(document.getElementById('data').textContent);
data.forEach(function(r,i){r.rank=i});
var body=document.getElementById('rows'),q=document.getElementById('q'),count=document.getElementById('count'),all=document.getElementById('all');
var heads=[].slice.call(document.querySelectorAll('th button[data-col]'));
var LIMIT=200,limit=LIMIT,col=-1,dir=1,rows=data;
// Column c of the table: id, status, score, then the counts.
function value(r,c){if(c<3)return r[[0,2,3][c]];return r[4]?r[4][c-3]:null}
function cmp(a,b){
  if(col<0)return a.rank-b.rank;
  var x=value(a,col),y=value(b,col);
  if(x===y)return a.rank-b.rank;
  if(x===null)return 1;if(y===null)return -1;
  return (x<y?-1:1)*dir;
}
function cell(tr,text,cls){var td=document.createElement('td');td.textContent=text;if(cls)td.className=cls;tr.appendChild(td);return td}
function render(){
  var needle=q.value.trim().toLowerCase();
  rows=data.filter(function(r){return !needle||r[0].toLowerCase().indexOf(needle)>=0||r[2]===needle});
  rows.sort(cmp);
  var frag=document.createDocumentFragment();
  rows.slice(0,limit).forEach(function(r){
    var tr=document.createElement('tr'),td=document.createElement('td'),a=document.createElement('a');
    a.href=r[1];a.textContent=r[0];td.appendChild(a);tr.appendChild(td);
    cell(tr,r[2],r[2]==='error'?'error':'');
    cell(tr,r[3]===null?'':r[3].toFixed(1));
    for(var c=3;c<heads.length;c++){var v=value(r,c);cell(tr,v===null?'':String(v))}
    frag.appendChild(tr);
  });
  body.textContent='';body.appendChild(frag);
  var shown=Math.min(limit,rows.length);
  count.textContent=shown<rows.length?shown+' of '+rows.length+' pairs shown':rows.length+' pairs';
  all.hidden=shown>=rows.length;
}
heads.forEach(function(b){b.addEventListener('click',function(){
  var c=+b.dataset.col;
  if(col===c)dir=-dir;else{col=c;dir=c===0||c===1||c===2?1:-1}
  heads.forEach(function(h){h.parentNode.removeAttribute('aria-sort')});
  b.parentNode.setAttribute('aria-sort',dir>0?'ascending':'descending');
  render();
})});
q.addEventListener('input',function(){limit=LIMIT;render()});
all.addEventListener('click',function(){limit=Infinity;render()});
render();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_must_be_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.html");
        let body = "<main>x</main><script></script></body></html>\n";
        let page = format!("{}{body}", html::page_top("p", None, None, None));
        std::fs::write(&path, &page).unwrap();
        assert_eq!(kept_body(&path).unwrap(), body);
        // Cut short anywhere (a power cut before the page reached the
        // disk), or emptied: not kept.
        for len in [
            0,
            page.len() / 2,
            page.len() - body.len() / 2,
            page.len() - 1,
        ] {
            std::fs::write(&path, &page[..len]).unwrap();
            assert!(kept_body(&path).is_err(), "{len}");
        }
    }

    #[test]
    fn page_names_are_safe_and_distinct() {
        let ids = [
            "a",
            "A",
            "a/b",
            "a_b",
            "../../etc/passwd",
            "",
            ".",
            "..",
            "CON",
            "con",
            "x\\y",
            "é",
            "e",
            "a b",
            "a<b>",
        ];
        let names: Vec<String> = ids.iter().map(|id| page_name(id)).collect();
        for name in &names {
            assert!(name.ends_with(".html"));
            let stem = name.trim_end_matches(".html");
            assert!(
                stem.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{name}"
            );
            assert!(!stem.is_empty() && !name.starts_with('.') && name.len() <= NAME_BYTES + 22);
        }
        let lower: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(lower.len(), ids.len(), "{names:?}");
        assert_eq!(page_name("a/b"), page_name("a/b"));
        assert!(page_name(&"x".repeat(500)).len() <= NAME_BYTES + 22);
    }

    #[test]
    fn a_repeated_id_gets_a_name_of_its_own() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut sink = SiteSink::new(dir.path(), "sig").expect("sink");
        let first = sink.unique_name("p");
        let second = sink.unique_name("p");
        let third = sink.unique_name("p");
        assert_eq!(first, page_name("p"));
        assert_ne!(first, second);
        assert_ne!(second, third);
        assert!(second.ends_with("-2.html"), "{second}");
    }

    #[test]
    fn the_index_json_cannot_close_its_script() {
        let mut rows = vec![(
            0,
            IndexRow(
                "</script><b>".into(),
                "pairs/x.html".into(),
                "ok",
                Some(50.0),
                None,
            ),
        )];
        let page = index_page(&mut rows, &Totals::default(), "sig <i>");
        assert_eq!(
            page.matches("</script>").count(),
            2,
            "only the two scripts end"
        );
        assert!(page.contains("\\u003c/script>\\u003cb>") && page.contains("sig &lt;i&gt;"));
    }
}
