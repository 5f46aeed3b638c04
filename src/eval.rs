//! Scores pipeline output against a gold annotation.

use std::collections::HashSet;

use serde::Serialize;

use crate::align::{Alignment, BeadKind};
use crate::check::{Finding, Kind};
use crate::gold::{f1, GoldBead, GoldFinding};

/// Strict bead agreement: a bead counts only if both index sets match
/// exactly (for moved beads, the original side is the repeated sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct BeadScore {
    /// Predicted beads that are gold beads.
    pub hits: usize,
    /// Predicted beads.
    pub predicted: usize,
    /// Gold beads.
    pub gold: usize,
    /// F1 of the two.
    pub f1: f64,
    /// Gold moved beads that a predicted moved bead matches.
    pub moved_found: usize,
    /// Gold moved beads.
    pub moved_gold: usize,
    /// Gold beads that were not predicted, as (orig, trans).
    pub missed: Vec<(Vec<usize>, Vec<usize>)>,
    /// Predicted beads not in gold.
    pub spurious: Vec<(Vec<usize>, Vec<usize>)>,
}

fn key(orig: &[usize], trans: &[usize]) -> (Vec<usize>, Vec<usize>) {
    (orig.to_vec(), trans.to_vec())
}

/// Compares an alignment with gold beads (both 0-based).
pub fn score_beads(alignment: &Alignment, gold: &[GoldBead]) -> BeadScore {
    let predicted: Vec<(Vec<usize>, Vec<usize>)> = alignment
        .beads
        .iter()
        .map(|b| {
            if b.kind == BeadKind::Moved {
                key(&b.repeats, &b.trans)
            } else {
                key(&b.orig, &b.trans)
            }
        })
        .collect();
    let gold_keys: Vec<(Vec<usize>, Vec<usize>)> =
        gold.iter().map(|g| key(&g.orig, &g.trans)).collect();
    let gold_set: HashSet<&(Vec<usize>, Vec<usize>)> = gold_keys.iter().collect();
    let pred_set: HashSet<&(Vec<usize>, Vec<usize>)> = predicted.iter().collect();
    let hits = predicted.iter().filter(|p| gold_set.contains(p)).count();
    let moved_gold: Vec<&GoldBead> = gold.iter().filter(|g| g.kind == "moved").collect();
    let moved_found = moved_gold
        .iter()
        .filter(|g| {
            alignment
                .beads
                .iter()
                .any(|b| b.kind == BeadKind::Moved && b.trans == g.trans && b.repeats == g.orig)
        })
        .count();
    BeadScore {
        hits,
        predicted: predicted.len(),
        gold: gold.len(),
        f1: f1(hits, predicted.len(), gold.len()),
        moved_found,
        moved_gold: moved_gold.len(),
        missed: gold_keys
            .iter()
            .filter(|g| !pred_set.contains(g))
            .cloned()
            .collect(),
        spurious: predicted
            .iter()
            .filter(|p| !gold_set.contains(p))
            .cloned()
            .collect(),
    }
}

/// Kinds that answer for each other in precision: a meaning error may be
/// annotated as dropped, polarity or mistranslation; a repeated lead as
/// added or moved.
pub fn kind_family(kind: &str) -> &str {
    match kind {
        "dropped" | "polarity" | "mistranslation" => "meaning",
        "added" | "moved" => "added",
        other => other,
    }
}

/// True when a finding and a gold row point at the same sentences: the
/// original sides intersect, or, where either lacks an original sentence,
/// the translation sides do.
pub fn overlaps(f_orig: &[usize], f_trans: &[usize], g: &GoldFinding) -> bool {
    let meet = |a: &[usize], b: &[usize]| a.iter().any(|x| b.contains(x));
    if !f_orig.is_empty() && !g.orig.is_empty() {
        meet(f_orig, &g.orig)
    } else {
        meet(f_trans, &g.trans)
    }
}

/// Recall and precision of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindScore {
    /// The kind (`name`, …, or `overall`).
    pub kind: String,
    /// Gold rows counted for recall.
    pub gold: usize,
    /// Of those, the rows a finding matched.
    pub recalled: usize,
    /// Findings of this kind.
    pub predicted: usize,
    /// Of those, the findings with a gold row of the same family in an
    /// overlapping sentence.
    pub correct: usize,
}

impl KindScore {
    /// Recalled gold rows over gold rows (1 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(self.recalled, self.gold)
    }
    /// Correct findings over findings (1 when there are none).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Findings scored against gold rows, per kind and overall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingScore {
    /// One score per kind, in the order of `Kind::ALL`.
    pub kinds: Vec<KindScore>,
    /// All kinds together.
    pub overall: KindScore,
    /// Gold rows counted for recall that no finding matched.
    pub missed: Vec<String>,
    /// Findings with no gold row (kind, orig, trans, expected).
    pub unmatched: Vec<String>,
}

/// Which gold rows count for recall.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RecallRows {
    /// Every row.
    All,
    /// Critical and major rows with an original sentence: what comparing
    /// the pair alone can reveal.
    Revealable,
}

/// Scores findings (0-based sentence indices in the gold's numbering)
/// against gold rows. A gold row is recalled by a finding of the same kind
/// in an overlapping sentence; a polarity row also by a dropped finding
/// where gold marks a dropped span in the same sentence, an added row also
/// by a moved finding.
pub fn score_findings(
    findings: &[Finding],
    gold: &[GoldFinding],
    rows: RecallRows,
) -> FindingScore {
    let counted = |g: &GoldFinding| match rows {
        RecallRows::All => true,
        RecallRows::Revealable => {
            !g.orig.is_empty() && matches!(g.severity.as_str(), "critical" | "major")
        }
    };
    let recalls = |f: &Finding, g: &GoldFinding| {
        if !overlaps(&f.orig, &f.trans, g) {
            return false;
        }
        let kind = f.kind.as_str();
        kind == g.kind
            || (g.kind == "added" && kind == "moved")
            || (g.kind == "polarity"
                && kind == "dropped"
                && gold
                    .iter()
                    .any(|d| d.kind == "dropped" && d.orig.iter().any(|o| g.orig.contains(o))))
    };
    let mut kinds: Vec<KindScore> = Kind::ALL
        .iter()
        .map(|k| KindScore {
            kind: k.as_str().to_string(),
            gold: 0,
            recalled: 0,
            predicted: 0,
            correct: 0,
        })
        .collect();
    let mut missed = Vec::new();
    for g in gold.iter().filter(|g| counted(g)) {
        let Some(row) = kinds.iter_mut().find(|k| k.kind == g.kind) else {
            continue;
        };
        row.gold += 1;
        if findings.iter().any(|f| recalls(f, g)) {
            row.recalled += 1;
        } else {
            missed.push(format!("{} {} {:?}", g.id, g.kind, g.orig_text));
        }
    }
    let mut unmatched = Vec::new();
    for f in findings {
        let row = &mut kinds[Kind::ALL.iter().position(|k| *k == f.kind).unwrap_or(0)];
        row.predicted += 1;
        let family = kind_family(f.kind.as_str());
        if gold
            .iter()
            .any(|g| kind_family(&g.kind) == family && overlaps(&f.orig, &f.trans, g))
        {
            row.correct += 1;
        } else {
            unmatched.push(format!(
                "{} orig {:?} trans {:?} {:?}",
                f.kind.as_str(),
                f.orig,
                f.trans,
                if f.expected.is_empty() {
                    &f.found
                } else {
                    &f.expected
                }
            ));
        }
    }
    let sum = |g: fn(&KindScore) -> usize| kinds.iter().map(g).sum::<usize>();
    let overall = KindScore {
        kind: "overall".to_string(),
        gold: sum(|k| k.gold),
        recalled: sum(|k| k.recalled),
        predicted: sum(|k| k.predicted),
        correct: sum(|k| k.correct),
    };
    FindingScore {
        kinds,
        overall,
        missed,
        unmatched,
    }
}

impl FindingScore {
    /// A plain-text table: kind, recall and precision with their counts.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<15} {:>7} {:>8} {:>7} {:>9} {:>9}\n",
            "kind", "recall", "(of)", "found", "precision", "(of)"
        );
        for k in self.kinds.iter().chain(std::iter::once(&self.overall)) {
            out.push_str(&format!(
                "{:<15} {:>7.3} {:>8} {:>7} {:>9.3} {:>9}\n",
                k.kind,
                k.recall(),
                format!("{}/{}", k.recalled, k.gold),
                k.predicted,
                k.precision(),
                format!("{}/{}", k.correct, k.predicted)
            ));
        }
        out
    }
}

/// Maps sentence indices of one segmentation onto another's by exact
/// text, in order (a sentence the gold splits differently maps nowhere).
pub fn sentence_map(ours: &[&str], gold: &[String]) -> Vec<Option<usize>> {
    let mut next = 0;
    ours.iter()
        .map(|s| {
            let found = (next..gold.len()).find(|&g| gold[g].trim() == s.trim());
            if let Some(g) = found {
                next = g + 1;
            }
            found
        })
        .collect()
}

/// Rewrites findings' sentence indices through the maps, dropping
/// indices that map nowhere.
pub fn remap(
    findings: &[Finding],
    orig: &[Option<usize>],
    trans: &[Option<usize>],
) -> Vec<Finding> {
    let map = |idx: &[usize], m: &[Option<usize>]| -> Vec<usize> {
        idx.iter()
            .filter_map(|&i| m.get(i).copied().flatten())
            .collect()
    };
    findings
        .iter()
        .map(|f| {
            let span = |s: Option<crate::check::Span>, m: &[Option<usize>]| {
                s.and_then(|s| {
                    let sentence = m.get(s.sentence).copied().flatten()?;
                    Some(crate::check::Span { sentence, ..s })
                })
            };
            Finding {
                orig: map(&f.orig, orig),
                trans: map(&f.trans, trans),
                orig_span: span(f.orig_span, orig),
                trans_span: span(f.trans_span, trans),
                ..f.clone()
            }
        })
        .collect()
}

/// The report of `backcheck eval`: sentence F1, bead F1 and the findings
/// table, for whatever parts the gold folder holds.
pub fn evaluation_text(
    report: &crate::pipeline::PairReport,
    gold: &crate::gold::Gold,
    all_rows: bool,
) -> String {
    let mut out = format!("{}\n", report.signature);
    let to: Vec<&str> = report.orig.iter().map(|s| s.text.as_str()).collect();
    let tt: Vec<&str> = report.trans.iter().map(|s| s.text.as_str()).collect();
    if !gold.orig_sentences.is_empty() {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        out.push_str(&format!(
            "sentence F1: original {:.3}, translation {:.3}\n",
            crate::gold::sentence_f1(&own(&to), &gold.orig_sentences),
            crate::gold::sentence_f1(&own(&tt), &gold.trans_sentences)
        ));
    }
    let om = sentence_map(&to, &gold.orig_sentences);
    let tm = sentence_map(&tt, &gold.trans_sentences);
    if !gold.alignment.is_empty() {
        let beads = report
            .alignment
            .beads
            .iter()
            .map(|b| crate::align::Bead {
                orig: b.orig.iter().filter_map(|&i| om[i]).collect(),
                trans: b.trans.iter().filter_map(|&i| tm[i]).collect(),
                repeats: b.repeats.iter().filter_map(|&i| om[i]).collect(),
                ..b.clone()
            })
            .collect();
        let s = score_beads(&Alignment { beads }, &gold.alignment);
        out.push_str(&format!(
            "bead F1 (strict): {:.3} ({} of {} gold beads, {} predicted); moved {}/{}\n",
            s.f1, s.hits, s.gold, s.predicted, s.moved_found, s.moved_gold
        ));
    }
    if !gold.findings.is_empty() {
        let rows = if all_rows {
            RecallRows::All
        } else {
            RecallRows::Revealable
        };
        let score = score_findings(&remap(&report.findings, &om, &tm), &gold.findings, rows);
        out.push_str(&format!(
            "findings ({}):\n{}",
            if all_rows {
                "recall over every gold row"
            } else {
                "recall over critical/major gold rows with an original sentence"
            },
            score.table()
        ));
    }
    out
}
