//! Reports: what users read. Every writer consumes pipeline results and
//! never reaches back into a stage.
//!
//! The per-pair reports go through one small trait, [`ReportSink`]: a
//! pair's [`PairRecord`] (its summary row, its finding rows and the body
//! of its HTML page) is handed to each sink in turn, which serialises
//! it: findings.csv ([`CsvSink`]), summary.csv ([`SummaryCsvSink`]),
//! findings.jsonl ([`JsonLinesSink`]), the HTML report folder
//! ([`site::SiteSink`]: report/index.html and a page per pair) and the
//! JSON lines of `batch --out -` ([`StreamSink`]). `check` and `batch`
//! use the same sinks.
//!
//! ```
//! use backcheck::report::{CsvSink, CsvStyle, PairRecord, ReportSink};
//! use backcheck::{check::CheckOptions, pipeline, Document};
//! let orig = Document::from_bytes("a.txt", b"Officials met in Kyiv for three days.").unwrap();
//! let trans = Document::from_bytes("b.txt", b"Officials met in Kiev for four days.").unwrap();
//! let report = pipeline::check_pair("a", &orig, &trans, &CheckOptions::default());
//! let mut sink = CsvSink::new(Vec::new(), CsvStyle::default()).unwrap();
//! sink.write_pair(&PairRecord::checked(0, &report, false)).unwrap();
//! sink.finish().unwrap();
//! let csv = String::from_utf8(sink.into_inner().unwrap()).unwrap();
//! assert!(csv.starts_with("pair,finding,kind,severity,"));
//! assert_eq!(csv.lines().count(), 1 + report.findings.len());
//! ```

use serde::Serialize;
use std::io::Write;

use crate::pipeline::PairReport;
use crate::{Document, Sentence};

pub mod findings;
pub mod html;
pub mod page;
pub mod site;
pub mod summary_row;
pub mod text;
pub mod xlsx;
pub use findings::{
    finding_rows, is_formula_like, neutralise_cell, CsvSink, CsvStyle, FindingRow, JsonLinesSink,
    SentenceNumbers, StreamSink, SummaryCsvSink, FINDING_COLUMNS,
};
pub use site::SiteSink;
pub use summary_row::{Status, SummaryRow, SUMMARY_COLUMNS};

/// One pair as every report receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRecord {
    /// The pair's position in the input, from 0.
    pub index: usize,
    /// Its summary.csv row.
    pub summary: SummaryRow,
    /// Its findings, numbered in document order.
    pub findings: Vec<FindingRow>,
    /// The body of its HTML page ([`html`]); empty where no HTML is
    /// written, or (for [`SiteSink`]) where the page an earlier run wrote
    /// for the pair is kept.
    pub section: String,
}

impl PairRecord {
    /// The record of a checked pair; `html`: render the body of its
    /// page too.
    pub fn checked(index: usize, report: &PairReport, html: bool) -> PairRecord {
        let summary = SummaryRow::checked(report);
        let section = if html {
            html::pair_body(report, &summary)
        } else {
            String::new()
        };
        PairRecord {
            index,
            summary,
            findings: finding_rows(report),
            section,
        }
    }

    /// The record of a pair that could not be checked, with a one-line
    /// reason.
    pub fn failed(index: usize, pair: &str, error: &str, html: bool) -> PairRecord {
        let summary = SummaryRow::failed(pair, error);
        PairRecord {
            index,
            section: if html {
                html::error_body(&summary)
            } else {
                String::new()
            },
            summary,
            findings: Vec::new(),
        }
    }
}

/// A report that pairs are written to, one at a time, in input order.
pub trait ReportSink {
    /// Writes one pair.
    fn write_pair(&mut self, pair: &PairRecord) -> std::io::Result<()>;
    /// Ends the report after the last pair (an index, a flush).
    fn finish(&mut self) -> std::io::Result<()>;
}

/// A writer that counts the bytes written through it.
pub(crate) struct Counted<W: Write> {
    pub(crate) inner: W,
    pub(crate) written: u64,
}

impl<W: Write> Counted<W> {
    pub(crate) fn new(inner: W) -> Counted<W> {
        Counted { inner, written: 0 }
    }
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(buf)?;
        self.written += buf.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// 0-based sentence indices as the reports print them: 1-based,
/// comma-separated ("3,4").
pub(crate) struct OneBased<'a>(pub(crate) &'a [usize]);

impl std::fmt::Display for OneBased<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (k, i) in self.0.iter().enumerate() {
            if k > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}", i + 1)?;
        }
        Ok(())
    }
}

/// A sentence as users see it: 1-based numbers, byte offsets into the file.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentRow<'a> {
    /// The sentence's number, from 1.
    pub index: usize,
    /// Its paragraph's number, from 1.
    pub paragraph: usize,
    /// `title`, `body`, `chrome` or `tail`.
    pub label: &'static str,
    /// Byte offset of its start in the file.
    pub start: usize,
    /// Byte offset of its end in the file.
    pub end: usize,
    /// The sentence.
    pub text: &'a str,
}

/// The user-facing rows of `segment`.
pub fn segment_rows<'a>(doc: &Document, sentences: &'a [Sentence]) -> Vec<SegmentRow<'a>> {
    sentences
        .iter()
        .map(|s| SegmentRow {
            index: s.index + 1,
            paragraph: s.paragraph + 1,
            label: s.label.as_str(),
            start: doc.offsets.to_file(s.start),
            end: doc.offsets.to_file(s.end),
            text: &s.text,
        })
        .collect()
}

/// Writes `segment` rows as TSV; tabs and line breaks in text become spaces.
pub fn write_segment_tsv(
    out: &mut dyn Write,
    doc: &Document,
    sentences: &[Sentence],
) -> std::io::Result<()> {
    let mut w = tsv_writer(out);
    w.write_record(["index", "paragraph", "label", "start", "end", "text"])?;
    for r in segment_rows(doc, sentences) {
        w.serialize(SegmentRow {
            text: &tsv_field(r.text),
            ..r
        })?;
    }
    w.flush()
}

/// A TSV writer: tab-separated, never quoted, one `\n` per record. Fields
/// go through [`tsv_field`] first, so the bytes are the fields joined by
/// tabs.
pub(crate) fn tsv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Never)
        .has_headers(false)
        .from_writer(out)
}

/// Makes text safe for one TSV field: tabs and line breaks become spaces.
pub(crate) fn tsv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

/// A bead as users see it: 1-based sentence numbers.
#[derive(Debug, Clone, Serialize)]
pub struct BeadRow {
    /// The bead type: `1-1`, `2-1`, `1-0`, `0-1`, `moved`, ….
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Original sentences, from 1.
    pub orig: Vec<usize>,
    /// Translation sentences, from 1.
    pub trans: Vec<usize>,
    /// The aligner's similarity, rounded to two places.
    pub score: f64,
    /// For a moved bead, the original sentences its translation repeats.
    pub repeats: Option<Vec<usize>>,
}

/// The JSON document of `align`.
#[derive(Debug, Clone, Serialize)]
pub struct AlignReport<'a> {
    /// The original's sentences.
    pub orig_sentences: Vec<&'a str>,
    /// The translation's sentences.
    pub trans_sentences: Vec<&'a str>,
    /// The beads in order.
    pub beads: Vec<BeadRow>,
}

fn one_based(v: &[usize]) -> Vec<usize> {
    v.iter().map(|i| i + 1).collect()
}

/// Rounds a score for output so reports are stable and readable.
pub(crate) fn round2(x: f32) -> f64 {
    (f64::from(x) * 100.0).round() / 100.0
}

/// Builds the `align` report.
pub fn align_report<'a>(
    orig: &'a [Sentence],
    trans: &'a [Sentence],
    alignment: &crate::align::Alignment,
) -> AlignReport<'a> {
    AlignReport {
        orig_sentences: orig.iter().map(|s| s.text.as_str()).collect(),
        trans_sentences: trans.iter().map(|s| s.text.as_str()).collect(),
        beads: alignment
            .beads
            .iter()
            .map(|b| BeadRow {
                kind: b.kind.as_str(),
                orig: one_based(&b.orig),
                trans: one_based(&b.trans),
                score: round2(b.similarity),
                repeats: (b.kind == crate::align::BeadKind::Moved).then(|| one_based(&b.repeats)),
            })
            .collect(),
    }
}

fn join_numbers(v: &[usize]) -> String {
    v.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

/// Writes the `align` report as TSV, both texts side by side.
pub fn write_align_tsv(out: &mut dyn Write, report: &AlignReport) -> std::io::Result<()> {
    let mut w = tsv_writer(out);
    w.write_record([
        "type",
        "orig",
        "trans",
        "score",
        "repeats",
        "orig_text",
        "trans_text",
    ])?;
    let texts = |side: &[&str], idx: &[usize]| -> String {
        idx.iter()
            .filter_map(|i| i.checked_sub(1).and_then(|i| side.get(i)))
            .map(|s| tsv_field(s))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for b in &report.beads {
        let orig_idx = b.repeats.as_deref().unwrap_or(&b.orig);
        w.write_record([
            b.kind,
            &join_numbers(&b.orig),
            &join_numbers(&b.trans),
            &format!("{:.2}", b.score),
            &b.repeats.as_deref().map(join_numbers).unwrap_or_default(),
            &texts(&report.orig_sentences, orig_idx),
            &texts(&report.trans_sentences, &b.trans),
        ])?;
    }
    w.flush()
}

/// Writes a file under a temporary name in the same folder and renames it
/// when complete, so an interrupted run never leaves a half-written
/// report that looks whole. A path that exists and is not a plain file (a
/// device such as `/dev/null`, a pipe, a symbolic link) is written in
/// place: renaming over it would replace it with a file.
///
/// The file is synced before it is renamed, and a write that fails (a
/// full disk) removes the temporary file: it never leaves a partial file
/// behind.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the writing done by `write`.
fn write_atomic_with(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let special = std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file());
    if special {
        let mut file = std::fs::File::create(path)?;
        return write(&mut file);
    }
    let tmp = temporary_name(path);
    let written = std::fs::File::create(&tmp).and_then(|mut file| {
        write(&mut file)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    });
    if written.is_err() {
        // Whatever was written is removed; the first error is the one told.
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The temporary name used while `path` is being written.
pub(crate) fn temporary_name(path: &std::path::Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_partial_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("findings.csv");
        let full = || std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left");
        let err = write_atomic_with(&path, |file| {
            file.write_all(b"half")?;
            Err(full())
        })
        .expect_err("the write fails");
        assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
        assert!(!path.exists());
        assert!(!temporary_name(&path).exists(), "partial file left");
        // An earlier complete file is kept as it was.
        write_atomic(&path, b"whole").expect("write");
        write_atomic_with(&path, |_| Err(full())).expect_err("fails");
        assert_eq!(std::fs::read(&path).expect("read"), b"whole");
        assert!(!temporary_name(&path).exists());
        #[cfg(target_os = "linux")]
        {
            let err = write_atomic(std::path::Path::new("/dev/full"), b"x").expect_err("full");
            assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
        }
    }

    #[test]
    fn writes_plain_files_whole_and_links_in_place() {
        let dir = tempfile::tempdir().expect("tmp");
        let plain = dir.path().join("report.csv");
        write_atomic(&plain, b"first").expect("write");
        write_atomic(&plain, b"second").expect("write again");
        assert_eq!(std::fs::read(&plain).expect("read"), b"second");
        assert!(!temporary_name(&plain).exists());
        #[cfg(unix)]
        {
            // Renaming over a link (or a device such as /dev/null) would
            // replace it: the link must stay and its target get the bytes.
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&plain, &link).expect("symlink");
            write_atomic(&link, b"through the link").expect("write link");
            let kind = std::fs::symlink_metadata(&link).expect("link").file_type();
            assert!(kind.is_symlink());
            assert_eq!(std::fs::read(&plain).expect("read"), b"through the link");
        }
    }
}
