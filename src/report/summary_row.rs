//! One summary row per pair (`summary.csv` of a batch).

use serde::{Deserialize, Serialize};

use crate::pipeline::PairReport;

/// The columns of summary.csv, in order.
pub const SUMMARY_COLUMNS: [&str; 23] = [
    "pair",
    "status",
    "orig_sentences",
    "trans_sentences",
    "beads_1_1",
    "beads_merged",
    "dropped_sentences",
    "added_sentences",
    "moved",
    "coverage",
    "score",
    "findings",
    "critical",
    "major",
    "minor",
    "name",
    "number",
    "dropped",
    "polarity",
    "added",
    "mistranslation",
    "warnings",
    "error",
];

/// A pair's row: counts for a checked pair, only `pair`, `status` and
/// `error` for a pair that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    pub pair: String,
    /// `ok`, `warning` (checked, with ingestion warnings) or `error`.
    pub status: String,
    pub orig_sentences: Option<usize>,
    pub trans_sentences: Option<usize>,
    pub beads_1_1: Option<usize>,
    pub beads_merged: Option<usize>,
    pub dropped_sentences: Option<usize>,
    pub added_sentences: Option<usize>,
    pub moved: Option<usize>,
    pub coverage: Option<f64>,
    pub score: Option<f64>,
    pub findings: Option<usize>,
    pub critical: Option<usize>,
    pub major: Option<usize>,
    pub minor: Option<usize>,
    pub name: Option<usize>,
    pub number: Option<usize>,
    pub dropped: Option<usize>,
    pub polarity: Option<usize>,
    pub added: Option<usize>,
    pub mistranslation: Option<usize>,
    /// Ingestion warnings, separated by " | ".
    pub warnings: String,
    pub error: String,
}

/// The count columns of report.html's index: `findings` to
/// `mistranslation` of [`SUMMARY_COLUMNS`], in the order of
/// [`SummaryRow::index_counts`].
pub const INDEX_COUNT_COLUMNS: &[&str] = SUMMARY_COLUMNS.split_at(11).1.split_at(10).0;

impl SummaryRow {
    /// The row's values for [`INDEX_COUNT_COLUMNS`].
    pub fn index_counts(&self) -> [Option<usize>; 10] {
        [
            self.findings,
            self.critical,
            self.major,
            self.minor,
            self.name,
            self.number,
            self.dropped,
            self.polarity,
            self.added,
            self.mistranslation,
        ]
    }

    pub fn checked(report: &PairReport) -> SummaryRow {
        let s = &report.summary;
        let bead = |k: &str| s.beads.get(k).copied().unwrap_or(0);
        let kind = |k: &str| Some(s.by_kind.get(k).copied().unwrap_or(0));
        let severity = |k: &str| Some(s.by_severity.get(k).copied().unwrap_or(0));
        SummaryRow {
            pair: report.pair.clone(),
            status: if report.warnings.is_empty() {
                "ok"
            } else {
                "warning"
            }
            .to_string(),
            orig_sentences: Some(s.orig_sentences),
            trans_sentences: Some(s.trans_sentences),
            beads_1_1: Some(bead("1-1")),
            beads_merged: Some(
                ["1-2", "2-1", "2-2", "1-3", "3-1"]
                    .iter()
                    .map(|k| bead(k))
                    .sum(),
            ),
            dropped_sentences: Some(bead("1-0")),
            added_sentences: Some(bead("0-1")),
            moved: Some(bead("moved")),
            coverage: Some(s.coverage),
            score: Some(s.score),
            findings: Some(s.findings),
            critical: severity("critical"),
            major: severity("major"),
            minor: severity("minor"),
            name: kind("name"),
            number: kind("number"),
            dropped: kind("dropped"),
            polarity: kind("polarity"),
            added: kind("added"),
            mistranslation: kind("mistranslation"),
            warnings: report.warnings.join(" | "),
            error: String::new(),
        }
    }

    pub fn failed(pair: &str, error: &str) -> SummaryRow {
        SummaryRow {
            pair: pair.to_string(),
            status: "error".to_string(),
            error: error.to_string(),
            ..SummaryRow::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_columns_are_the_count_columns() {
        assert_eq!(INDEX_COUNT_COLUMNS.first(), Some(&"findings"));
        assert_eq!(INDEX_COUNT_COLUMNS.last(), Some(&"mistranslation"));
        let row = SummaryRow::failed("p", "gone");
        assert_eq!(row.index_counts().len(), INDEX_COUNT_COLUMNS.len());
    }
}
