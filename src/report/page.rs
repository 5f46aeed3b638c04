//! The one-pair HTML page of `check --html FILE`: the batch report's page
//! with a single pair.

use super::{HtmlSink, PairRecord, ReportSink};
use crate::pipeline::PairReport;

/// The HTML page of one checked pair.
pub fn html_page(report: &PairReport) -> std::io::Result<Vec<u8>> {
    let mut sink = HtmlSink::new(Vec::new(), &report.signature)?;
    sink.write_pair(&PairRecord::checked(0, report, true))?;
    sink.finish()?;
    Ok(sink.into_inner())
}
