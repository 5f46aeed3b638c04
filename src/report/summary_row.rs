//! One summary row per pair (`summary.csv` of a batch).

use serde::{Deserialize, Serialize};

use crate::pipeline::PairReport;

/// The columns of summary.csv, in order.
pub const SUMMARY_COLUMNS: [&str; 25] = [
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
    "ignored",
    "resolved",
];

/// Whether a pair was checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Checked.
    #[default]
    Ok,
    /// Checked, with ingestion warnings.
    Warning,
    /// Could not be checked; `error` says why.
    Error,
}

impl Status {
    /// The name summary.csv gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Error => "error",
        }
    }
}

/// A pair's row: counts for a checked pair, only `pair`, `status` and
/// `error` for a pair that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// The pair id.
    pub pair: String,
    /// Whether it was checked.
    pub status: Status,
    /// Sentences of the original.
    pub orig_sentences: Option<usize>,
    /// Sentences of the translation.
    pub trans_sentences: Option<usize>,
    /// 1-1 beads.
    pub beads_1_1: Option<usize>,
    /// Beads that merge or split sentences (1-2, 2-1, 2-2, 1-3, 3-1, 2-3,
    /// 3-2).
    pub beads_merged: Option<usize>,
    /// Original sentences with no counterpart (1-0 beads).
    pub dropped_sentences: Option<usize>,
    /// Translation sentences with no counterpart (0-1 beads).
    pub added_sentences: Option<usize>,
    /// Translation sentences that repeat an original sentence elsewhere.
    pub moved: Option<usize>,
    /// Share of the original's content words that survive, 0–1.
    pub coverage: Option<f64>,
    /// 0–100; 100 means nothing was found.
    pub score: Option<f64>,
    /// Findings in all.
    pub findings: Option<usize>,
    /// Critical findings.
    pub critical: Option<usize>,
    /// Major findings.
    pub major: Option<usize>,
    /// Minor findings.
    pub minor: Option<usize>,
    /// Name findings.
    pub name: Option<usize>,
    /// Number findings.
    pub number: Option<usize>,
    /// Dropped-content findings.
    pub dropped: Option<usize>,
    /// Polarity findings.
    pub polarity: Option<usize>,
    /// Added-content findings.
    pub added: Option<usize>,
    /// Mistranslation findings.
    pub mistranslation: Option<usize>,
    /// Ingestion warnings, separated by " | ".
    pub warnings: String,
    /// Why the pair could not be checked.
    pub error: String,
    /// Findings dropped by the ignore list.
    #[serde(default)]
    pub ignored: Option<usize>,
    /// With `--baseline`: the baseline's findings gone now.
    #[serde(default)]
    pub resolved: Option<usize>,
}

impl SummaryRow {
    /// The row of a checked pair.
    pub fn checked(report: &PairReport) -> SummaryRow {
        let s = &report.summary;
        let bead = |k: &str| s.beads.get(k).copied().unwrap_or(0);
        let kind = |k: &str| Some(s.by_kind.get(k).copied().unwrap_or(0));
        let severity = |k: &str| Some(s.by_severity.get(k).copied().unwrap_or(0));
        SummaryRow {
            pair: report.pair.clone(),
            status: if report.warnings.is_empty() {
                Status::Ok
            } else {
                Status::Warning
            },
            orig_sentences: Some(s.orig_sentences),
            trans_sentences: Some(s.trans_sentences),
            beads_1_1: Some(bead("1-1")),
            beads_merged: Some(
                ["1-2", "2-1", "2-2", "1-3", "3-1", "2-3", "3-2"]
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
            ignored: Some(s.ignored),
            resolved: s.resolved.as_ref().map(Vec::len),
        }
    }

    /// The row of a pair that could not be checked.
    pub fn failed(pair: &str, error: &str) -> SummaryRow {
        SummaryRow {
            pair: pair.to_string(),
            status: Status::Error,
            error: error.to_string(),
            ..SummaryRow::default()
        }
    }
}
