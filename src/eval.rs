//! Scores pipeline output against a gold annotation.

use std::collections::HashSet;

use crate::align::{Alignment, BeadKind};
use crate::gold::{f1, GoldBead};

/// Strict bead agreement: a bead counts only if both index sets match
/// exactly (for moved beads, the original side is the repeated sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct BeadScore {
    pub hits: usize,
    pub predicted: usize,
    pub gold: usize,
    pub f1: f64,
    pub moved_found: usize,
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
