//! The Excel workbook: `check --xlsx FILE` and `batch --xlsx`
//! (findings.xlsx), written with `rust_xlsxwriter`.
//!
//! The findings sheet has a frozen header row, an autofilter, wrapped
//! texts, the severity cells coloured, and sentence references written
//! as text (so "34,35" is never read as a number). Past Excel's limit of
//! 1,048,576 rows the findings go on in "findings 2", "findings 3", ….
//! A last sheet, "summary", holds the pair's (or every pair's) summary.
//! Rows are written as they come, in constant memory.

use std::path::Path;

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::{FindingRow, SummaryRow, FINDING_COLUMNS, SUMMARY_COLUMNS};
use crate::check::Severity;
use crate::pipeline::PairReport;

/// Data rows per findings sheet: Excel's 1,048,576 rows less the header.
pub const ROWS_PER_SHEET: u32 = 1_048_575;

/// Column widths of the findings sheet, in characters.
fn width(column: &str) -> f64 {
    match column {
        "orig_text" | "trans_text" => 60.0,
        "message" => 50.0,
        "expected" | "found" => 24.0,
        "pair" => 18.0,
        "fingerprint" => 14.0,
        _ => 10.0,
    }
}

struct Formats {
    header: Format,
    wrap: Format,
    severity: [Format; 3],
}

impl Formats {
    fn new() -> Formats {
        let fill = |c: u32| Format::new().set_background_color(Color::RGB(c));
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDDDDD)),
            wrap: Format::new().set_text_wrap(),
            severity: [fill(0xF4B6B6), fill(0xFAD7A0), fill(0xD6EAF8)],
        }
    }

    fn severity(&self, s: Severity) -> &Format {
        match s {
            Severity::Critical => &self.severity[0],
            Severity::Major => &self.severity[1],
            Severity::Minor => &self.severity[2],
        }
    }
}

/// Writes findings into sheets of at most `per_sheet` rows each.
struct FindingSheets {
    per_sheet: u32,
    sheets: usize,
    row: u32,
    formats: Formats,
}

impl FindingSheets {
    fn new_sheet(&mut self, book: &mut Workbook) -> Result<(), XlsxError> {
        self.sheets += 1;
        let name = if self.sheets == 1 {
            "findings".to_string()
        } else {
            format!("findings {}", self.sheets)
        };
        let sheet = book.add_worksheet_with_constant_memory();
        sheet.set_name(name)?;
        for (c, column) in FINDING_COLUMNS.iter().enumerate() {
            let c = c as u16;
            sheet.set_column_width(c, width(column))?;
            sheet.write_string_with_format(0, c, *column, &self.formats.header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, self.per_sheet, FINDING_COLUMNS.len() as u16 - 1)?;
        self.row = 0;
        Ok(())
    }

    fn write(&mut self, book: &mut Workbook, f: &FindingRow) -> Result<(), XlsxError> {
        if self.sheets == 0 || self.row >= self.per_sheet {
            self.new_sheet(book)?;
        }
        self.row += 1;
        let r = self.row;
        let index = book.worksheets_mut().len() - 1;
        let sheet: &mut Worksheet = &mut book.worksheets_mut()[index];
        let text = |s: &mut Worksheet, c: u16, v: &str| s.write_string(r, c, v).map(|_| ());
        text(sheet, 0, &f.pair)?;
        sheet.write_number(r, 1, f.finding as f64)?;
        text(sheet, 2, f.kind.as_str())?;
        sheet.write_string_with_format(
            r,
            3,
            f.severity.as_str(),
            self.formats.severity(f.severity),
        )?;
        sheet.write_number(r, 4, f.confidence)?;
        // Sentence references as text: "34,35" is two sentences.
        text(sheet, 5, &f.orig_sentence.to_string())?;
        text(sheet, 6, &f.trans_sentence.to_string())?;
        text(sheet, 7, &f.expected)?;
        text(sheet, 8, &f.found)?;
        sheet.write_string_with_format(r, 9, &f.orig_text, &self.formats.wrap)?;
        sheet.write_string_with_format(r, 10, &f.trans_text, &self.formats.wrap)?;
        sheet.write_string_with_format(r, 11, &f.message, &self.formats.wrap)?;
        text(sheet, 12, &f.orig_span.to_string())?;
        text(sheet, 13, &f.trans_span.to_string())?;
        text(sheet, 14, &f.fingerprint)?;
        text(sheet, 15, f.status.map_or("", |s| s.as_str()))?;
        Ok(())
    }
}

/// Writes a workbook: the findings (split past `per_sheet` rows a
/// sheet), then a summary sheet of `summary_header` and `summary_rows`
/// (cells that read as numbers are written as numbers).
pub fn write_workbook(
    path: &Path,
    findings: impl Iterator<Item = Result<FindingRow, String>>,
    summary_header: &[&str],
    summary_rows: &[Vec<String>],
    per_sheet: u32,
) -> Result<(), String> {
    let err = |e: XlsxError| e.to_string();
    let mut book = Workbook::new();
    let mut sheets = FindingSheets {
        per_sheet: per_sheet.clamp(1, ROWS_PER_SHEET),
        sheets: 0,
        row: 0,
        formats: Formats::new(),
    };
    for f in findings {
        sheets.write(&mut book, &f?).map_err(err)?;
    }
    if sheets.sheets == 0 {
        sheets.new_sheet(&mut book).map_err(err)?;
    }
    let header = sheets.formats.header.clone();
    let sheet = book.add_worksheet();
    sheet.set_name("summary").map_err(err)?;
    for (c, h) in summary_header.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &header)
            .map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    for (r, row) in summary_rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() => sheet.write_number(r, c, x).map(|_| ()),
                _ => sheet.write_string(r, c, v).map(|_| ()),
            }
            .map_err(err)?;
        }
    }
    book.save(path).map_err(err)
}

/// The summary sheet's row of one pair: summary.csv's columns.
fn summary_cells(row: &SummaryRow) -> Result<Vec<String>, String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.serialize(row).map_err(|e| e.to_string())?;
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let record = r
        .records()
        .next()
        .ok_or("no summary row")?
        .map_err(|e| e.to_string())?;
    Ok(record.iter().map(str::to_string).collect())
}

/// The delimiter a batch wrote its CSVs with (`--delimiter`): the one
/// its header line holds most of.
fn delimiter_of(path: &Path) -> u8 {
    use std::io::BufRead;
    let mut first = String::new();
    if let Ok(file) = std::fs::File::open(path) {
        let _ = std::io::BufReader::new(file).read_line(&mut first);
    }
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (first.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

/// `check --xlsx FILE`: the pair's findings and its summary row.
pub fn write_pair(path: &Path, report: &PairReport) -> Result<(), String> {
    let rows = super::finding_rows(report);
    let summary = summary_cells(&SummaryRow::checked(report))?;
    write_workbook(
        path,
        rows.into_iter().map(Ok),
        &SUMMARY_COLUMNS,
        &[summary],
        ROWS_PER_SHEET,
    )
}

/// `batch --xlsx`: the workbook of a finished batch folder, read from its
/// findings.jsonl and summary.csv.
pub fn write_batch(dir: &Path, path: &Path) -> Result<(), String> {
    write_batch_split(dir, path, ROWS_PER_SHEET)
}

/// [`write_batch`] with `per_sheet` finding rows a sheet.
pub fn write_batch_split(dir: &Path, path: &Path, per_sheet: u32) -> Result<(), String> {
    use std::io::BufRead;
    let jsonl = dir.join("findings.jsonl");
    let file = std::fs::File::open(&jsonl).map_err(|e| format!("{}: {e}", jsonl.display()))?;
    let summary_path = dir.join("summary.csv");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(&summary_path))
        .from_path(&summary_path)
        .map_err(|e| format!("{}: {e}", summary_path.display()))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", summary_path.display()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.map(|r| r.iter().map(str::to_string).collect())
                .map_err(|e| format!("{}: {e}", summary_path.display()))
        })
        .collect::<Result<Vec<Vec<String>>, String>>()?;
    let findings = std::io::BufReader::new(file)
        .lines()
        .enumerate()
        .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(|(n, line)| {
            let line = line.map_err(|e| format!("{}: {e}", jsonl.display()))?;
            serde_json::from_str::<FindingRow>(&line)
                .map_err(|e| format!("{}: line {}: {e}", jsonl.display(), n + 1))
        });
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write_workbook(path, findings, &header, &rows, per_sheet)
}
