//! The four report files of a batch run, written through their
//! [`ReportSink`]s under temporary names and renamed when the run
//! completes, so an interrupted run never leaves a half-written report
//! that looks whole.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::report::{
    temporary_name, CsvSink, HtmlSink, JsonLinesSink, PairRecord, ReportSink, SummaryCsvSink,
};
use crate::Error;

/// The name of the findings as JSON lines, which `--resume` reads back.
pub(crate) const FINDINGS_JSONL: &str = "findings.jsonl";
/// The name of the HTML report, whose sections `--resume` copies back.
pub(crate) const REPORT_HTML: &str = "report.html";

type Out = BufWriter<File>;

/// Where a span of bytes lies in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Span {
    pub(crate) offset: u64,
    pub(crate) len: u64,
}

impl Span {
    /// The offset just past the span, or None if it overflows.
    pub(crate) fn end(self) -> Option<u64> {
        self.offset.checked_add(self.len)
    }
}

/// One report file: its final path and its temporary one.
struct Names {
    path: PathBuf,
    tmp: PathBuf,
}

impl Names {
    fn create(dir: &Path, name: &str) -> Result<(Names, Out), Error> {
        let path = dir.join(name);
        let tmp = temporary_name(&path);
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok((Names { path, tmp }, BufWriter::with_capacity(1 << 20, file)))
    }
}

/// findings.csv, summary.csv, findings.jsonl and report.html of a run.
pub(crate) struct Reports {
    findings_csv: CsvSink<Out>,
    summary_csv: SummaryCsvSink<Out>,
    jsonl: JsonLinesSink<Out>,
    html: HtmlSink<Out>,
    /// The files in that order.
    names: [Names; 4],
}

/// Where a pair written by [`Reports::write_pair`] lies in the files that
/// `--resume` reads back.
pub(crate) struct Written {
    /// Its lines in findings.jsonl.
    pub(crate) findings: Span,
    /// The body of its section in report.html.
    pub(crate) section: Span,
}

impl Reports {
    /// Creates the four files in `dir` under their temporary names and
    /// writes their headers: the CSVs' (after a UTF-8 BOM if `excel`) and
    /// the page's head.
    /// `csv`: (a BOM for Excel, the delimiter).
    pub(crate) fn create(dir: &Path, csv: (bool, u8), signature: &str) -> Result<Reports, Error> {
        let (excel, delimiter) = csv;
        let (findings_names, out) = Names::create(dir, "findings.csv")?;
        let findings_csv = CsvSink::with_delimiter(out, excel, delimiter)
            .map_err(|e| Error::io(&findings_names.tmp, e))?;
        let (summary_names, out) = Names::create(dir, "summary.csv")?;
        let summary_csv = SummaryCsvSink::with_delimiter(out, excel, delimiter)
            .map_err(|e| Error::io(&summary_names.tmp, e))?;
        let (jsonl_names, out) = Names::create(dir, FINDINGS_JSONL)?;
        let jsonl = JsonLinesSink::new(out);
        let (html_names, out) = Names::create(dir, REPORT_HTML)?;
        let html = HtmlSink::new(out, signature).map_err(|e| Error::io(&html_names.tmp, e))?;
        Ok(Reports {
            findings_csv,
            summary_csv,
            jsonl,
            html,
            names: [findings_names, summary_names, jsonl_names, html_names],
        })
    }

    /// Writes one pair to every report.
    pub(crate) fn write_pair(&mut self, pair: &PairRecord) -> Result<Written, Error> {
        let start = self.jsonl.position();
        let sinks: [&mut dyn ReportSink; 4] = [
            &mut self.findings_csv,
            &mut self.summary_csv,
            &mut self.jsonl,
            &mut self.html,
        ];
        for (sink, name) in sinks.into_iter().zip(&self.names) {
            sink.write_pair(pair).map_err(|e| Error::io(&name.tmp, e))?;
        }
        let (offset, len) = self.html.last_body();
        Ok(Written {
            findings: Span {
                offset: start,
                len: self.jsonl.position() - start,
            },
            section: Span { offset, len },
        })
    }

    /// Puts everything written to findings.jsonl and report.html so far
    /// into the files: a state line must never point past them.
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        self.jsonl
            .flush()
            .map_err(|e| Error::io(&self.names[2].tmp, e))?;
        self.html
            .flush()
            .map_err(|e| Error::io(&self.names[3].tmp, e))
    }

    /// Ends every report (the page's index) and renames the files to
    /// their final names.
    pub(crate) fn finish(self) -> Result<(), Error> {
        let Reports {
            mut findings_csv,
            mut summary_csv,
            mut jsonl,
            mut html,
            names,
        } = self;
        let sinks: [&mut dyn ReportSink; 4] =
            [&mut findings_csv, &mut summary_csv, &mut jsonl, &mut html];
        for (sink, name) in sinks.into_iter().zip(&names) {
            sink.finish().map_err(|e| Error::io(&name.tmp, e))?;
        }
        // Closed before they are renamed.
        drop((findings_csv, summary_csv, jsonl, html));
        for name in &names {
            std::fs::rename(&name.tmp, &name.path).map_err(|e| Error::io(&name.path, e))?;
        }
        Ok(())
    }
}
