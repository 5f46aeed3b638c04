//! Reports: what users read. Every writer consumes pipeline results and
//! never reaches back into a stage.

use serde::Serialize;
use std::io::Write;

use crate::{Document, Sentence};

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
    writeln!(out, "index\tparagraph\tlabel\tstart\tend\ttext")?;
    for r in segment_rows(doc, sentences) {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            r.index,
            r.paragraph,
            r.label,
            r.start,
            r.end,
            tsv_field(r.text)
        )?;
    }
    Ok(())
}

/// Makes text safe for one TSV field.
pub fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}
