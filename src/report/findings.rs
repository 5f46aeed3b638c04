//! Findings as editors read them: one row per finding with 1-based
//! sentence numbers and both texts, written as CSV or JSON through the
//! small [`FindingSink`] trait, so a new output never touches a checker.

use serde::Serialize;
use std::io::Write;

use super::sentence_numbers;
use crate::check::Finding;
use crate::pipeline::PairReport;
use crate::summary::Summary;
use crate::Sentence;

/// The CSV header of `check` and `batch` (findings.csv).
pub const FINDING_COLUMNS: [&str; 12] = [
    "pair",
    "finding",
    "kind",
    "severity",
    "confidence",
    "orig_sentence",
    "trans_sentence",
    "expected",
    "found",
    "orig_text",
    "trans_text",
    "message",
];

/// One finding as a report row.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct FindingRow {
    pub pair: String,
    pub finding: usize,
    pub kind: String,
    pub severity: String,
    pub confidence: f64,
    /// 1-based sentence numbers, comma-separated for merges.
    pub orig_sentence: String,
    pub trans_sentence: String,
    pub expected: String,
    pub found: String,
    pub orig_text: String,
    pub trans_text: String,
    pub message: String,
}

impl FindingRow {
    /// Bytes the row's text takes: a size hint for the buffers its
    /// serialised forms are written to.
    pub fn text_len(&self) -> usize {
        [
            &self.pair,
            &self.orig_sentence,
            &self.trans_sentence,
            &self.expected,
            &self.found,
            &self.orig_text,
            &self.trans_text,
            &self.message,
        ]
        .iter()
        .map(|s| s.len())
        .sum()
    }
}

fn texts(sentences: &[Sentence], idx: &[usize]) -> String {
    idx.iter()
        .filter_map(|&i| sentences.get(i))
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of one pair, numbered in document order.
pub fn finding_rows(report: &PairReport) -> Vec<FindingRow> {
    report
        .findings
        .iter()
        .enumerate()
        .map(|(n, f): (usize, &Finding)| FindingRow {
            pair: report.pair.clone(),
            finding: n + 1,
            kind: f.kind.as_str().to_string(),
            severity: f.severity.as_str().to_string(),
            confidence: super::round2(f.confidence),
            orig_sentence: sentence_numbers(&f.orig),
            trans_sentence: sentence_numbers(&f.trans),
            expected: f.expected.clone(),
            found: f.found.clone(),
            orig_text: texts(&report.orig, &f.orig),
            trans_text: texts(&report.trans, &f.trans),
            message: f.message.clone(),
        })
        .collect()
}

/// The JSON document of `check --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct PairJson<'a> {
    pub pair: &'a str,
    pub signature: &'a str,
    pub summary: &'a Summary,
    pub warnings: &'a [String],
    pub findings: Vec<FindingRow>,
}

pub fn pair_json(report: &PairReport) -> PairJson<'_> {
    PairJson {
        pair: &report.pair,
        signature: &report.signature,
        summary: &report.summary,
        warnings: &report.warnings,
        findings: finding_rows(report),
    }
}

/// Where checked pairs go.
pub trait FindingSink {
    fn write_pair(&mut self, report: &PairReport) -> std::io::Result<()>;
    fn finish(&mut self) -> std::io::Result<()>;
}

/// findings as CSV with a header row (optionally with a UTF-8 BOM, which
/// Excel needs to read accents and curly quotes).
pub struct CsvSink<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    pub fn new(mut out: W, bom: bool) -> std::io::Result<CsvSink<W>> {
        if bom {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        writer.write_record(FINDING_COLUMNS)?;
        Ok(CsvSink { writer })
    }

    pub fn into_inner(self) -> std::io::Result<W> {
        self.writer
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

impl<W: Write> CsvSink<W> {
    pub fn write_rows(&mut self, rows: &[FindingRow]) -> std::io::Result<()> {
        for row in rows {
            self.writer.serialize(row)?;
        }
        Ok(())
    }
}

impl<W: Write> FindingSink for CsvSink<W> {
    fn write_pair(&mut self, report: &PairReport) -> std::io::Result<()> {
        self.write_rows(&finding_rows(report))
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// One JSON finding per line (findings.jsonl).
pub struct JsonLinesSink<W: Write> {
    out: W,
}

impl<W: Write> JsonLinesSink<W> {
    pub fn new(out: W) -> JsonLinesSink<W> {
        JsonLinesSink { out }
    }
}

impl<W: Write> JsonLinesSink<W> {
    pub fn write_rows(&mut self, rows: &[FindingRow]) -> std::io::Result<()> {
        for row in rows {
            serde_json::to_writer(&mut self.out, row)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> FindingSink for JsonLinesSink<W> {
    fn write_pair(&mut self, report: &PairReport) -> std::io::Result<()> {
        self.write_rows(&finding_rows(report))
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A short plain-text summary for a terminal.
pub fn summary_text(report: &PairReport) -> String {
    let s = &report.summary;
    let kinds: Vec<String> = s
        .by_kind
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    let beads: Vec<String> = s.beads.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    format!(
        "{}: score {:.1}/100, {} findings ({} critical, {} major, {} minor){}\n  sentences {} → {}, beads {}, coverage {:.1}%\n  {}\n",
        report.pair,
        s.score,
        s.findings,
        s.by_severity.get("critical").copied().unwrap_or(0),
        s.by_severity.get("major").copied().unwrap_or(0),
        s.by_severity.get("minor").copied().unwrap_or(0),
        if kinds.is_empty() { String::new() } else { format!(": {}", kinds.join(", ")) },
        s.orig_sentences,
        s.trans_sentences,
        beads.join(", "),
        s.coverage * 100.0,
        report.signature
    )
}
