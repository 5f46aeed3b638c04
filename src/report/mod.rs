//! Reports: what users read. Every writer consumes pipeline results and
//! never reaches back into a stage.

use serde::Serialize;
use std::io::Write;

use crate::{Document, Sentence};

pub mod findings;
pub mod html;
pub mod summary_row;
pub use findings::{
    finding_rows, CsvSink, FindingRow, FindingSink, JsonLinesSink, FINDING_COLUMNS,
};
pub use summary_row::{SummaryRow, SUMMARY_COLUMNS};

/// A sentence as users see it: 1-based numbers, byte offsets into the file.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentRow<'a> {
    pub index: usize,
    pub paragraph: usize,
    pub label: &'static str,
    pub start: usize,
    pub end: usize,
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
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub orig: Vec<usize>,
    pub trans: Vec<usize>,
    pub score: f64,
    pub repeats: Option<Vec<usize>>,
}

/// The JSON document of `align`.
#[derive(Debug, Clone, Serialize)]
pub struct AlignReport<'a> {
    pub orig_sentences: Vec<&'a str>,
    pub trans_sentences: Vec<&'a str>,
    pub beads: Vec<BeadRow>,
}

fn one_based(v: &[usize]) -> Vec<usize> {
    v.iter().map(|i| i + 1).collect()
}

/// Rounds a score for output so reports are stable and readable.
pub fn round2(x: f32) -> f64 {
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

/// 0-based sentence indices as the reports print them: 1-based,
/// comma-separated ("3,4").
pub(crate) fn sentence_numbers(indices: &[usize]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(indices.len() * 4);
    for (k, i) in indices.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", i + 1);
    }
    out
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
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let special = std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file());
    if special {
        return std::fs::write(path, bytes);
    }
    let tmp = temporary_name(path);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// The temporary name used while `path` is being written.
pub fn temporary_name(path: &std::path::Path) -> std::path::PathBuf {
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
