//! The summarise stage: per document, sentence counts, beads by type,
//! coverage, findings by kind and severity, and a graded score.
//!
//! Each bead scores `100 · similarity · exp(−damage)`: the correspond
//! stage's graded similarity of its two sides (0 for a sentence with no
//! counterpart) and its findings' damage (critical 1.0, major 0.5, minor
//! 0.1, each times its confidence). An identical translation scores 100,
//! a faithful paraphrase less (typically 70–95, for the words it puts
//! differently), and two translations tie only when they are equally
//! close and equally damaged. A sentence's score is its bead's; the
//! document's is the beads' scores weighted by their length in bytes, so
//! a dropped or added sentence weighs what it holds and long documents
//! are not punished for their length.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::align::{Alignment, BeadKind};
use crate::analysis::PairAnalysis;
use crate::check::{Finding, Kind, Severity};
use crate::correspond::Correspondence;

/// Damage per finding by severity, before confidence.
pub fn severity_weight(s: Severity) -> f64 {
    match s {
        Severity::Critical => 1.0,
        Severity::Major => 0.5,
        Severity::Minor => 0.1,
    }
}

fn damage(f: &Finding) -> f64 {
    severity_weight(f.severity) * f64::from(f.confidence)
}

/// The score of one original sentence (1-based number).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceScore {
    /// The original sentence, 1-based.
    pub sentence: usize,
    /// 0–100; 100 when nothing was found in it.
    pub score: f64,
}

/// A checked pair in figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Sentences of the original.
    pub orig_sentences: usize,
    /// Sentences of the translation.
    pub trans_sentences: usize,
    /// Beads by type ("1-1", "2-1", "1-0", …).
    pub beads: BTreeMap<&'static str, usize>,
    /// Share of the original's content words that survive, 0–1.
    pub coverage: f64,
    /// How many findings there are.
    pub findings: usize,
    /// Findings by kind (every kind, zero or more).
    pub by_kind: BTreeMap<&'static str, usize>,
    /// Findings by severity (every severity, zero or more).
    pub by_severity: BTreeMap<&'static str, usize>,
    /// 0–100; 100 means no problems found.
    pub score: f64,
    /// The score of every original sentence.
    pub sentence_scores: Vec<SentenceScore>,
    /// Findings dropped by the ignore list (`--ignore`).
    pub ignored: usize,
    /// Findings hidden by `--min-severity` or `--only-new`.
    pub hidden: usize,
    /// With `--baseline`: the baseline's findings of this pair that are
    /// gone now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Vec<crate::check::review::Resolved>>,
    /// The languages detected, by side (`original`, `translation`).
    pub languages: BTreeMap<&'static str, &'static str>,
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Summarises a checked pair.
pub fn summarize(
    pair: &PairAnalysis,
    alignment: &Alignment,
    correspondence: &Correspondence,
    findings: &[Finding],
) -> Summary {
    let mut beads = BTreeMap::new();
    for b in &alignment.beads {
        *beads.entry(b.kind.as_str()).or_insert(0) += 1;
    }
    let mut by_kind: BTreeMap<&'static str, usize> =
        Kind::ALL.iter().map(|k| (k.as_str(), 0)).collect();
    let mut by_severity: BTreeMap<&'static str, usize> =
        [Severity::Critical, Severity::Major, Severity::Minor]
            .iter()
            .map(|s| (s.as_str(), 0))
            .collect();
    let mut bead_damage = vec![0.0f64; alignment.beads.len()];
    for f in findings {
        *by_kind.entry(f.kind.as_str()).or_insert(0) += 1;
        *by_severity.entry(f.severity.as_str()).or_insert(0) += 1;
        if let Some(d) = bead_damage.get_mut(f.position.0) {
            *d += damage(f);
        }
    }
    let (mut weighted, mut weights) = (0.0, 0.0);
    let mut sentence_scores: Vec<f64> = vec![100.0; pair.orig.len()];
    for (b, bead) in alignment.beads.iter().enumerate() {
        let similarity = correspondence.beads.get(b).map_or(0.0, |w| w.similarity);
        // A sentence with no counterpart at all keeps nothing.
        let kept = if bead.kind.is_match() {
            similarity
        } else {
            0.0
        };
        let score = 100.0 * (-bead_damage[b]).exp() * kept;
        let length = |side: &[crate::analysis::AnalysedSentence], idx: &[usize]| {
            idx.iter()
                .filter_map(|&i| side.get(i))
                .map(|s| s.text.len())
                .sum::<usize>()
        };
        // A moved bead's original sentences have their own bead.
        let orig = if bead.kind == BeadKind::Moved {
            &[][..]
        } else {
            &bead.orig[..]
        };
        let weight = (length(&pair.orig, orig) + length(&pair.trans, &bead.trans)) as f64;
        weighted += weight * score;
        weights += weight;
        for &o in orig {
            if let Some(s) = sentence_scores.get_mut(o) {
                *s = score;
            }
        }
    }
    let document = if weights > 0.0 {
        weighted / weights
    } else {
        100.0
    };
    Summary {
        orig_sentences: pair.orig.len(),
        trans_sentences: pair.trans.len(),
        beads,
        coverage: round(correspondence.coverage(alignment), 3),
        findings: findings.len(),
        by_kind,
        by_severity,
        score: round(document, 2),
        sentence_scores: sentence_scores
            .iter()
            .enumerate()
            .map(|(i, &score)| SentenceScore {
                sentence: i + 1,
                score: round(score, 2),
            })
            .collect(),
        ignored: 0,
        hidden: 0,
        resolved: None,
        languages: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::Pipeline;

    fn score(orig: &[&str], trans: &[&str]) -> f64 {
        let pipeline = Pipeline::default();
        pipeline.check_texts(orig, trans).summary.score
    }

    #[test]
    fn the_score_is_graded() {
        let orig = [
            "The talks between the two countries ended on Monday without an agreement.",
            "Officials said new talks could begin in the spring.",
        ];
        let identical = score(&orig, &orig);
        let paraphrase = score(
            &orig,
            &[
                "The negotiations between the two countries finished on Monday without an agreement.",
                "Officials said new talks could begin in the spring.",
            ],
        );
        let damaged = score(
            &orig,
            &[
                "The negotiations between the two countries finished on Monday with an agreement.",
                "Officials said new talks could begin in the spring.",
            ],
        );
        let dropped = score(&orig, &[orig[0]]);
        assert_eq!(identical, 100.0);
        assert!(paraphrase < identical && paraphrase > 80.0, "{paraphrase}");
        assert!(damaged < paraphrase, "{damaged} {paraphrase}");
        assert!(dropped < paraphrase && dropped > 0.0, "{dropped}");
    }
}
