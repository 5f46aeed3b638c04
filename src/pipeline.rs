//! The whole pipeline for one document pair: segment, align, check,
//! summarise. Batch runs call this once per pair.
//!
//! ```
//! use backcheck::{pipeline, Document};
//! use backcheck::check::CheckOptions;
//! let orig = Document::from_bytes("a.txt", b"Officials met in Kyiv for three days. The talks ended well.").unwrap();
//! let trans = Document::from_bytes("b.txt", b"Officials met in Kiev for four days. The talks ended well.").unwrap();
//! let report = pipeline::check_pair("a", &orig, &trans, &CheckOptions::default());
//! assert_eq!(report.findings.len(), 2);
//! assert!(report.summary.score < 100.0);
//! ```

use crate::align::Alignment;
use crate::check::{self, CheckOptions, Finding, Summary};
use crate::{segment, Document, Sentence};

/// Everything known about one checked pair.
#[derive(Debug, Clone)]
pub struct PairReport {
    /// The pair id (file stem by default).
    pub pair: String,
    /// Version and settings, so a figure can be reproduced.
    pub signature: String,
    pub orig: Vec<Sentence>,
    pub trans: Vec<Sentence>,
    pub alignment: Alignment,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Ingestion warnings of both documents, each naming its file.
    pub warnings: Vec<String>,
}

/// Segments, aligns and checks one pair of documents.
pub fn check_pair(
    pair: &str,
    orig: &Document,
    trans: &Document,
    options: &CheckOptions,
) -> PairReport {
    let (so, st) = (segment(orig), segment(trans));
    let checked = check::check_sentences(&so, &st, options);
    let warnings = orig
        .warnings
        .iter()
        .chain(&trans.warnings)
        .map(|w| w.message.clone())
        .collect();
    PairReport {
        pair: pair.to_string(),
        signature: options.signature(),
        orig: so,
        trans: st,
        alignment: checked.alignment,
        findings: checked.findings,
        summary: checked.summary,
        warnings,
    }
}

/// The default pair id of a path: its file stem.
pub fn pair_id(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
