//! The summarise stage: per document, sentence counts, beads by type,
//! coverage, findings by kind and severity, and a damage score.
//!
//! The score is 100 when nothing is found. Each finding adds damage
//! (critical 1.0, major 0.5, minor 0.15, times its confidence); the
//! document score is `100 · exp(−1.5 · damage / original sentences)` and a
//! sentence's score is `100 · exp(−damage of its findings)`. More or worse
//! findings always lower the score, and long documents are not punished
//! for their length.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::align::Alignment;
use crate::analysis::PairAnalysis;
use crate::check::{Finding, Kind, Severity};
use crate::correspond::Correspondence;

/// Damage per finding by severity, before confidence.
pub fn severity_weight(s: Severity) -> f64 {
    match s {
        Severity::Critical => 1.0,
        Severity::Major => 0.5,
        Severity::Minor => 0.15,
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
    let mut per_sentence = vec![0.0f64; pair.orig.len()];
    let mut total = 0.0;
    for f in findings {
        *by_kind.entry(f.kind.as_str()).or_insert(0) += 1;
        *by_severity.entry(f.severity.as_str()).or_insert(0) += 1;
        let d = damage(f);
        total += d;
        for &o in &f.orig {
            if let Some(s) = per_sentence.get_mut(o) {
                *s += d;
            }
        }
    }
    let n = pair.orig.len().max(1) as f64;
    Summary {
        orig_sentences: pair.orig.len(),
        trans_sentences: pair.trans.len(),
        beads,
        coverage: round(correspondence.coverage(), 3),
        findings: findings.len(),
        by_kind,
        by_severity,
        score: round(100.0 * (-1.5 * total / n).exp(), 1),
        sentence_scores: per_sentence
            .iter()
            .enumerate()
            .map(|(i, d)| SentenceScore {
                sentence: i + 1,
                score: round(100.0 * (-d).exp(), 1),
            })
            .collect(),
    }
}
