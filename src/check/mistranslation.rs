//! The mistranslation checker: a 1-1 bead whose similarity is far below
//! the document's typical level, when no more specific finding explains
//! it.

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::align::BeadKind;

pub struct MistranslationChecker;

/// A bead is suspicious below this share of the median 1-1 similarity.
pub const SHARE_OF_MEDIAN: f32 = 0.5;
/// The median needs this many 1-1 beads to mean anything.
const MIN_BEADS: usize = 5;

impl Checker for MistranslationChecker {
    fn name(&self) -> &'static str {
        "mistranslation"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        let mut sims: Vec<f32> = pair
            .beads
            .iter()
            .filter(|b| b.kind == BeadKind::OneOne)
            .map(|b| b.similarity)
            .collect();
        if sims.len() < MIN_BEADS {
            return;
        }
        sims.sort_by(f32::total_cmp);
        let median = sims[sims.len() / 2];
        let limit = median * SHARE_OF_MEDIAN;
        let explained: std::collections::HashSet<usize> =
            out.iter().map(|f| f.position.0).collect();
        for (b, bead) in pair.beads.iter().enumerate() {
            if bead.kind != BeadKind::OneOne || bead.similarity >= limit || explained.contains(&b) {
                continue;
            }
            let (o, t) = (bead.orig[0], bead.trans[0]);
            out.push(Finding {
                kind: Kind::Mistranslation,
                severity: Severity::Major,
                confidence: (1.0 - bead.similarity / limit).clamp(0.3, 0.9),
                orig: vec![o],
                trans: vec![t],
                expected: pair.orig[o].text.to_string(),
                found: pair.trans[t].text.to_string(),
                message: format!(
                    "possible mistranslation: similarity {:.2} is far below this document's typical {:.2}",
                    bead.similarity, median
                ),
                position: (b, 0),
            });
        }
    }
}
