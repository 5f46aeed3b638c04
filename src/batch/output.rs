//! The reports of a batch run, written through their [`ReportSink`]s:
//! three files under temporary names, renamed when the run completes, so
//! an interrupted run never leaves a half-written report that looks
//! whole, and the HTML report folder ([`SiteSink`]: its pages renamed
//! whole one by one, its index written last).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::report::site::REPORT_DIR;
use crate::report::{
    temporary_name, CsvSink, JsonLinesSink, PairRecord, ReportSink, SiteSink, SummaryCsvSink,
};
use crate::Error;

/// The name of the findings as JSON lines, which `--resume` reads back.
pub(crate) const FINDINGS_JSONL: &str = "findings.jsonl";

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

/// findings.csv, summary.csv, findings.jsonl and the report folder of a
/// run.
pub(crate) struct Reports {
    findings_csv: CsvSink<Out>,
    summary_csv: SummaryCsvSink<Out>,
    jsonl: JsonLinesSink<Out>,
    html: SiteSink,
    /// The files in that order.
    names: [Names; 3],
    /// The output folder.
    dir: PathBuf,
}

/// Where a pair written by [`Reports::write_pair`] lies in the file that
/// `--resume` reads back.
pub(crate) struct Written {
    /// Its lines in findings.jsonl.
    pub(crate) findings: Span,
}

impl Reports {
    /// Creates the three files in `dir` under their temporary names and
    /// writes their headers (the CSVs', after a UTF-8 BOM if `excel`),
    /// and the report folder.
    pub(crate) fn create(dir: &Path, excel: bool, signature: &str) -> Result<Reports, Error> {
        let (findings_names, out) = Names::create(dir, "findings.csv")?;
        let findings_csv =
            CsvSink::new(out, excel).map_err(|e| Error::io(&findings_names.tmp, e))?;
        let (summary_names, out) = Names::create(dir, "summary.csv")?;
        let summary_csv =
            SummaryCsvSink::new(out, excel).map_err(|e| Error::io(&summary_names.tmp, e))?;
        let (jsonl_names, out) = Names::create(dir, FINDINGS_JSONL)?;
        let jsonl = JsonLinesSink::new(out);
        let html = SiteSink::new(dir, signature).map_err(|e| Error::io(dir, e))?;
        Ok(Reports {
            findings_csv,
            summary_csv,
            jsonl,
            html,
            names: [findings_names, summary_names, jsonl_names],
            dir: dir.to_path_buf(),
        })
    }

    /// Writes one pair to every report.
    pub(crate) fn write_pair(&mut self, pair: &PairRecord) -> Result<Written, Error> {
        let start = self.jsonl.position();
        let sinks: [&mut dyn ReportSink; 3] = [
            &mut self.findings_csv,
            &mut self.summary_csv,
            &mut self.jsonl,
        ];
        for (sink, name) in sinks.into_iter().zip(&self.names) {
            sink.write_pair(pair).map_err(|e| Error::io(&name.tmp, e))?;
        }
        self.html
            .write_pair(pair)
            .map_err(|e| Error::io(&self.dir.join(REPORT_DIR), e))?;
        Ok(Written {
            findings: Span {
                offset: start,
                len: self.jsonl.position() - start,
            },
        })
    }

    /// Puts everything written to findings.jsonl so far into the file: a
    /// state line must never point past it. (Pages are written whole.)
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        self.jsonl
            .flush()
            .map_err(|e| Error::io(&self.names[2].tmp, e))
    }

    /// Ends every report and renames the files to their final names, then
    /// writes the report folder's last page, its index and report.html.
    pub(crate) fn finish(self) -> Result<(), Error> {
        let Reports {
            mut findings_csv,
            mut summary_csv,
            mut jsonl,
            mut html,
            names,
            dir,
        } = self;
        let sinks: [&mut dyn ReportSink; 3] = [&mut findings_csv, &mut summary_csv, &mut jsonl];
        for (sink, name) in sinks.into_iter().zip(&names) {
            sink.finish().map_err(|e| Error::io(&name.tmp, e))?;
        }
        // Closed before they are renamed.
        drop((findings_csv, summary_csv, jsonl));
        for name in &names {
            std::fs::rename(&name.tmp, &name.path).map_err(|e| Error::io(&name.path, e))?;
        }
        html.finish()
            .map_err(|e| Error::io(&dir.join(REPORT_DIR), e))
    }
}
