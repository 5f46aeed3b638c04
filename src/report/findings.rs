//! Findings as editors read them: one row per finding with 1-based
//! sentence numbers and both texts, written as CSV, JSON lines or one
//! JSON document. The row keeps the finding's types (its kind, severity
//! and sentence indices) until a writer serialises it, and reads back
//! into the same types (`batch --resume` reads findings.jsonl).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::io::Write;

use super::{PairRecord, ReportSink};
use crate::check::{Finding, Kind, Severity, Span};
use crate::pipeline::PairReport;
use crate::summary::Summary;
use crate::Sentence;

/// The CSV header of `check` and `batch` (findings.csv).
pub const FINDING_COLUMNS: [&str; 16] = [
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
    "orig_span",
    "trans_span",
    "fingerprint",
    "status",
];

/// Where a finding's text lies, as reports write it: `SENTENCE:START-END`
/// (the sentence 1-based, byte offsets into its text, end exclusive; empty
/// when there is none), and read back from that form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanText(pub Option<Span>);

impl std::fmt::Display for SpanText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(s) => write!(f, "{}:{}-{}", s.sentence + 1, s.start, s.end),
            None => Ok(()),
        }
    }
}

impl Serialize for SpanText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SpanText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SpanText, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty() {
            return Ok(SpanText(None));
        }
        let bad = || serde::de::Error::custom(format!("{text:?} is not a span"));
        let (sentence, range) = text.split_once(':').ok_or_else(bad)?;
        let (start, end) = range.split_once('-').ok_or_else(bad)?;
        let number = |n: &str| n.parse::<usize>().map_err(|_| bad());
        let sentence = number(sentence)?.checked_sub(1).ok_or_else(bad)?;
        let (start, end) = (number(start)?, number(end)?);
        if start > end {
            return Err(bad());
        }
        Ok(SpanText(Some(Span {
            sentence,
            start,
            end,
        })))
    }
}

/// Sentence indices, 0-based in memory, written 1-based and
/// comma-separated ("3,4" for the fourth and fifth sentences; empty for
/// none), and read back from that form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceNumbers(pub Vec<usize>);

impl std::fmt::Display for SentenceNumbers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        super::OneBased(&self.0).fmt(f)
    }
}

impl Serialize for SentenceNumbers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SentenceNumbers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SentenceNumbers, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty() {
            return Ok(SentenceNumbers::default());
        }
        text.split(',')
            .map(|n| match n.parse::<usize>() {
                Ok(n) if n > 0 => Ok(n - 1),
                _ => Err(serde::de::Error::custom(format!(
                    "{n:?} is not a sentence number"
                ))),
            })
            .collect::<Result<_, _>>()
            .map(SentenceNumbers)
    }
}

/// One finding as a report row: the columns of [`FINDING_COLUMNS`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingRow {
    /// The pair id.
    pub pair: String,
    /// 1, 2, … in document order.
    pub finding: usize,
    /// What the finding is about.
    pub kind: Kind,
    /// How much it matters.
    pub severity: Severity,
    /// 0.00–1.00, rounded to two places.
    pub confidence: f64,
    /// The original's sentences.
    pub orig_sentence: SentenceNumbers,
    /// The translation's sentences.
    pub trans_sentence: SentenceNumbers,
    /// The span of the original in conflict (may be empty).
    pub expected: String,
    /// The span of the translation in conflict (may be empty).
    pub found: String,
    /// The original's sentences, joined by a space.
    pub orig_text: String,
    /// The translation's sentences, joined by a space.
    pub trans_text: String,
    /// One line for the editor.
    pub message: String,
    /// Where `expected` lies in the original.
    pub orig_span: SpanText,
    /// Where `found` lies in the translation.
    pub trans_span: SpanText,
    /// The finding's fingerprint, stable across edits elsewhere (see
    /// [`crate::check::review::fingerprint`]); what an ignore list names.
    #[serde(default)]
    pub fingerprint: String,
    /// With `--baseline`: `new` or `unchanged`; empty without one.
    #[serde(default)]
    pub status: Option<crate::check::review::Novelty>,
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
            kind: f.kind,
            severity: f.severity,
            confidence: super::round2(f.confidence),
            orig_sentence: SentenceNumbers(f.orig.clone()),
            trans_sentence: SentenceNumbers(f.trans.clone()),
            expected: f.expected.clone(),
            found: f.found.clone(),
            orig_text: texts(&report.orig, &f.orig),
            trans_text: texts(&report.trans, &f.trans),
            message: f.message.clone(),
            orig_span: SpanText(f.orig_span),
            trans_span: SpanText(f.trans_span),
            fingerprint: report
                .tracked
                .get(n)
                .map(|t| t.fingerprint.clone())
                .unwrap_or_default(),
            status: report.tracked.get(n).and_then(|t| t.status),
        })
        .collect()
}

/// The JSON document of `check --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct PairJson<'a> {
    /// The pair id.
    pub pair: &'a str,
    /// Version and settings.
    pub signature: &'a str,
    /// The pair's summary and score.
    pub summary: &'a Summary,
    /// Ingestion warnings.
    pub warnings: &'a [String],
    /// One row per finding.
    pub findings: Vec<FindingRow>,
}

/// The JSON document of `check --format json` for `report`.
pub fn pair_json(report: &PairReport) -> PairJson<'_> {
    PairJson {
        pair: &report.pair,
        signature: &report.signature,
        summary: &report.summary,
        warnings: &report.warnings,
        findings: finding_rows(report),
    }
}

/// The summary file of `check --summary FILE`.
#[derive(Serialize)]
struct SummaryFile<'a> {
    pair: &'a str,
    signature: &'a str,
    summary: &'a Summary,
    warnings: &'a [String],
}

/// The summary file of `check --summary FILE`: pretty JSON with a final
/// line break. Keys are sorted alphabetically at every level (the summary
/// goes through a `serde_json` map), as the file has always been written.
pub fn summary_json(report: &PairReport) -> serde_json::Result<Vec<u8>> {
    let value = serde_json::to_value(SummaryFile {
        pair: &report.pair,
        signature: &report.signature,
        summary: &report.summary,
        warnings: &report.warnings,
    })?;
    let mut out = serde_json::to_vec_pretty(&value)?;
    out.push(b'\n');
    Ok(out)
}

/// How the CSV reports are written (`--excel`, `--raw-csv`,
/// `--delimiter`).
///
/// ```
/// use backcheck::report::CsvStyle;
/// let excel_de = CsvStyle { bom: true, delimiter: b';', ..CsvStyle::default() };
/// assert!(!excel_de.raw);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// A UTF-8 BOM first, so that Excel reads accents and curly quotes.
    pub bom: bool,
    /// Cells as they are: no `'` before a cell that a spreadsheet would
    /// run as a formula ([`neutralise_cell`]); for pipelines, not
    /// spreadsheets.
    pub raw: bool,
    /// The field delimiter: `b','`, `b';'` (Excel set to a European
    /// language) or `b'\t'`.
    pub delimiter: u8,
}

impl Default for CsvStyle {
    /// Comma-separated, no BOM, formula-like cells neutralised.
    fn default() -> CsvStyle {
        CsvStyle {
            bom: false,
            raw: false,
            delimiter: b',',
        }
    }
}

/// A CSV writer with a header row, the header preceded by a UTF-8 BOM
/// where asked (Excel needs it to read accents and curly quotes).
fn csv_with_header<W: Write>(
    mut out: W,
    bom: bool,
    header: &[&str],
    delimiter: u8,
) -> std::io::Result<csv::Writer<W>> {
    if bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_writer(out);
    writer.write_record(header)?;
    Ok(writer)
}

/// Whether a spreadsheet would read `cell` as a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return and is not a plain
/// number (`-5`, `+3.25`).
pub fn is_formula_like(cell: &str) -> bool {
    let Some(first) = cell.chars().next() else {
        return false;
    };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') {
        return false;
    }
    let number = cell.strip_prefix(['+', '-']).is_some_and(|rest| {
        let (whole, fraction) = rest.split_once('.').unwrap_or((rest, "0"));
        !whole.is_empty()
            && !fraction.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
    });
    !number
}

/// A text cell made safe for a spreadsheet, as OWASP recommends against
/// CSV injection: a `'` before a cell that [`is_formula_like`], which
/// the spreadsheet then shows as text. Other cells are unchanged.
pub fn neutralise_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if is_formula_like(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// `cell` neutralised in place.
fn neutralise_in_place(cell: &mut String) {
    if is_formula_like(cell) {
        cell.insert(0, '\'');
    }
}

fn into_inner<W: Write>(writer: csv::Writer<W>) -> std::io::Result<W> {
    writer.into_inner().map_err(|e| e.into_error())
}

/// findings.csv: the header row, then every pair's findings. Text cells
/// that a spreadsheet would run as a formula get a `'` first
/// ([`neutralise_cell`]) unless the sink is [`CsvSink::raw`].
pub struct CsvSink<W: Write> {
    writer: csv::Writer<W>,
    raw: bool,
}

impl<W: Write> CsvSink<W> {
    /// Writes the header in this style (after a UTF-8 BOM if
    /// `style.bom`).
    pub fn new(out: W, style: CsvStyle) -> std::io::Result<CsvSink<W>> {
        Ok(CsvSink {
            writer: csv_with_header(out, style.bom, &FINDING_COLUMNS, style.delimiter)?,
            raw: style.raw,
        })
    }

    /// The writer, after what was written has been flushed into it.
    pub fn into_inner(self) -> std::io::Result<W> {
        into_inner(self.writer)
    }
}

impl<W: Write> ReportSink for CsvSink<W> {
    fn write_pair(&mut self, pair: &PairRecord) -> std::io::Result<()> {
        for row in &pair.findings {
            let text_cells = [
                &row.pair,
                &row.expected,
                &row.found,
                &row.orig_text,
                &row.trans_text,
                &row.message,
            ];
            // Nearly every row is safe as it is: copied only to change it.
            if self.raw || !text_cells.iter().any(|cell| is_formula_like(cell)) {
                self.writer.serialize(row)?;
                continue;
            }
            let mut row = row.clone();
            for cell in [
                &mut row.pair,
                &mut row.expected,
                &mut row.found,
                &mut row.orig_text,
                &mut row.trans_text,
                &mut row.message,
            ] {
                neutralise_in_place(cell);
            }
            self.writer.serialize(&row)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// summary.csv: the header row ([`super::SUMMARY_COLUMNS`]), then one row
/// per pair; text cells neutralised as in [`CsvSink`] unless
/// [`SummaryCsvSink::raw`].
pub struct SummaryCsvSink<W: Write> {
    writer: csv::Writer<W>,
    raw: bool,
}

impl<W: Write> SummaryCsvSink<W> {
    /// Writes the header in this style (after a UTF-8 BOM if
    /// `style.bom`).
    pub fn new(out: W, style: CsvStyle) -> std::io::Result<SummaryCsvSink<W>> {
        Ok(SummaryCsvSink {
            writer: csv_with_header(out, style.bom, &super::SUMMARY_COLUMNS, style.delimiter)?,
            raw: style.raw,
        })
    }

    /// The writer, after what was written has been flushed into it.
    pub fn into_inner(self) -> std::io::Result<W> {
        into_inner(self.writer)
    }
}

impl<W: Write> ReportSink for SummaryCsvSink<W> {
    fn write_pair(&mut self, pair: &PairRecord) -> std::io::Result<()> {
        if self.raw {
            self.writer.serialize(&pair.summary)?;
            return Ok(());
        }
        let mut row = pair.summary.clone();
        for cell in [&mut row.pair, &mut row.warnings, &mut row.error] {
            neutralise_in_place(cell);
        }
        self.writer.serialize(&row)?;
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// findings.jsonl: one JSON finding row per line. Counts the bytes it has
/// written, so a batch can record where a pair's lines lie.
pub struct JsonLinesSink<W: Write> {
    out: super::Counted<W>,
}

impl<W: Write> JsonLinesSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> JsonLinesSink<W> {
        JsonLinesSink {
            out: super::Counted::new(out),
        }
    }

    /// Bytes written so far.
    pub fn position(&self) -> u64 {
        self.out.written
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

impl<W: Write> ReportSink for JsonLinesSink<W> {
    fn write_pair(&mut self, pair: &PairRecord) -> std::io::Result<()> {
        for row in &pair.findings {
            serde_json::to_writer(&mut self.out, row)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// One pair's result as a JSON line (the `--out -` stream).
#[derive(Serialize)]
struct PairLine<'a> {
    pair: &'a str,
    summary: &'a super::SummaryRow,
    findings: &'a [FindingRow],
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
}

/// The stream of `batch --out -`: one JSON line per pair,
/// `{"pair", "summary", "findings"}` (and `"section"`, the body of the
/// pair's report.html section, where asked), flushed at
/// [`ReportSink::finish`].
pub struct StreamSink<W: Write> {
    out: W,
    sections: bool,
}

impl<W: Write> StreamSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> StreamSink<W> {
        StreamSink {
            out,
            sections: false,
        }
    }

    /// A sink writing to `out` that puts each record's report.html
    /// section into its line, so that `backcheck merge` can write the
    /// same report.html as one batch.
    pub fn with_sections(out: W) -> StreamSink<W> {
        StreamSink {
            out,
            sections: true,
        }
    }

    /// Flushes what was written into the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> ReportSink for StreamSink<W> {
    fn write_pair(&mut self, pair: &PairRecord) -> std::io::Result<()> {
        let line = PairLine {
            pair: &pair.summary.pair,
            summary: &pair.summary,
            findings: &pair.findings,
            section: self.sections.then_some(pair.section.as_str()),
        };
        serde_json::to_writer(&mut self.out, &line)?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A short plain-text summary for a terminal, in editors' words.
pub fn summary_text(report: &PairReport) -> String {
    let s = &report.summary;
    let mut notes = String::new();
    if s.ignored > 0 {
        notes.push_str(&format!(", {} ignored", s.ignored));
    }
    if s.hidden > 0 {
        notes.push_str(&format!(", {} hidden", s.hidden));
    }
    if let Some(resolved) = &s.resolved {
        notes.push_str(&format!(", {} resolved since the baseline", resolved.len()));
    }
    format!(
        "{}: score {:.1}/100, {} findings ({} critical, {} major, {} minor{notes}): {}\n  sentences {} → {}, coverage {:.1}%\n  {}\n",
        report.pair,
        s.score,
        s.findings,
        s.by_severity.get("critical").copied().unwrap_or(0),
        s.by_severity.get("major").copied().unwrap_or(0),
        s.by_severity.get("minor").copied().unwrap_or(0),
        super::text::editor_summary(&report.findings),
        s.orig_sentences,
        s.trans_sentences,
        s.coverage * 100.0,
        report.signature
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> FindingRow {
        FindingRow {
            pair: "p".into(),
            finding: 1,
            kind: Kind::Mistranslation,
            severity: Severity::Critical,
            confidence: 0.75,
            orig_sentence: SentenceNumbers(vec![2, 3]),
            trans_sentence: SentenceNumbers(vec![]),
            expected: "a \"b\", c".into(),
            found: String::new(),
            orig_text: "x".into(),
            trans_text: String::new(),
            message: "m".into(),
            orig_span: SpanText(Some(Span {
                sentence: 2,
                start: 4,
                end: 11,
            })),
            trans_span: SpanText(None),
            fingerprint: "0123456789ab".into(),
            status: None,
        }
    }

    #[test]
    fn rows_write_names_and_one_based_numbers_and_read_back() {
        let json = serde_json::to_string(&row()).expect("json");
        assert!(
            json.contains(r#""kind":"mistranslation","severity":"critical""#)
                && json.contains(r#""orig_sentence":"3,4","trans_sentence":"""#),
            "{json}"
        );
        assert!(
            json.contains(r#""orig_span":"3:4-11","trans_span":"""#),
            "{json}"
        );
        let back: FindingRow = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, row());
        for bad in ["3", "0:1-2", "3:5-4", "x:1-2", "3:1"] {
            let text = json.replace("3:4-11", bad);
            assert!(serde_json::from_str::<FindingRow>(&text).is_err(), "{bad}");
        }
        let mut csv = CsvSink::new(Vec::new(), CsvStyle::default()).expect("csv");
        let record = PairRecord {
            index: 0,
            summary: super::super::SummaryRow::failed("p", "x"),
            findings: vec![row()],
            section: String::new(),
        };
        csv.write_pair(&record).expect("row");
        let bytes = csv.into_inner().expect("bytes");
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(
            text.ends_with(
                "p,1,mistranslation,critical,0.75,\"3,4\",,\"a \"\"b\"\", c\",,x,,m,3:4-11,,0123456789ab,\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn sentence_numbers_refuse_what_no_report_writes() {
        for bad in ["\"0\"", "\"3,\"", "\"x\"", "\"2, 3\"", "\"-1\""] {
            assert!(
                serde_json::from_str::<SentenceNumbers>(bad).is_err(),
                "{bad} was accepted"
            );
        }
        let ok: SentenceNumbers = serde_json::from_str("\"12\"").expect("one number");
        assert_eq!(ok, SentenceNumbers(vec![11]));
    }
}
