//! Sentence alignment of an original and its back-translation.
//!
//! Output is an ordered list of beads: 1-1, merges (1-2, 2-1, 2-2, 1-3,
//! 3-1, and 2-3, 3-2 from the crossing pass), 1-0 (original sentence
//! with no counterpart), 0-1 (translation sentence with no counterpart)
//! and `moved` (a translation sentence that repeats or relocates original
//! content out of order). Every translation
//! sentence is in exactly one bead. See docs/alignment.md for the cost
//! function, the band and the moved pass.
//!
//! ```
//! use backcheck::align::{align, BeadKind, Params};
//! use backcheck::analysis::Analyzer;
//! let orig = ["Ukraine entered Kursk in August.", "Russia was surprised.", "Talks may follow."];
//! let trans = ["Ukraine invaded Kurusk in August.", "Russia was shocked.", "Negotiations may follow."];
//! let pair = Analyzer::new().analyse_texts(&orig, &trans);
//! let a = align(&pair, &Params::default());
//! assert!(a.beads.iter().all(|b| b.kind == BeadKind::OneOne));
//! ```

mod features;
mod path;

use serde::Serialize;

use crate::analysis::PairAnalysis;
use features::{containment, dice, Features, Marker, Weights};

/// Tunable weights of the aligner (defaults tuned on the seed gold and
/// synthetic pairs; see docs/alignment.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Similarity a sentence must bring to a bead to beat leaving it out.
    pub threshold: f32,
    /// Cost of a 1-2 or 2-1 bead.
    pub merge_penalty: f32,
    /// Cost of a 2-2 bead.
    pub double_penalty: f32,
    /// Cost of a 1-3 or 3-1 bead.
    pub triple_penalty: f32,
    /// Weight of the character-length prior (Gale–Church): a pairing
    /// bead whose lengths fit exactly gains this much, one whose lengths
    /// are `length_cap` or more (in units of half the squared standard
    /// score) off loses `length_cap - 1` times as much.
    pub length_weight: f32,
    /// Variance of a translation's length per byte of its original
    /// (Gale–Church's s²), calibrated on real pairs.
    pub length_variance: f32,
    /// Most that a length mismatch can cost, in units of `length_weight`
    /// (so that a strong lexical match with a dropped clause still pairs).
    pub length_cap: f32,
    /// The repair pass's bound on length misfit (half the squared
    /// standard score): unpaired sentences on both sides between the
    /// same neighbours become one bead up to this misfit; an unpaired
    /// sentence joins a neighbouring bead of at least this misfit when
    /// the joined bead's misfit is at most a third of it.
    pub repair_fit: f32,
    /// The repair pass joins unpaired sentences on both sides between
    /// the same neighbours into one bead, whatever their lengths, when
    /// their similarity (weighted Dice) is at least this.
    pub repair_similarity: f32,
    /// A sentence at the border of two beads whose half finds this many
    /// times as much of itself in the other bead as in its own runs into
    /// it: the two beads become one 2-3 or 3-2 bead.
    pub cross_ratio: f32,
    /// When both sides have the same number of paragraphs (two or
    /// more), a pairing bead that does not lie inside the paragraphs of
    /// the same rank on both sides loses this much: the paragraphs
    /// correspond, so a bead should not cross from one to another.
    pub paragraph_penalty: f32,
    /// Half-width of the band around the anchor path, in sentences.
    pub band: usize,
    /// Share of its weighted content each member of a merge must find on
    /// the other side for the merge to be considered.
    pub member_coverage: f32,
    /// Extra similarity required of beads that contain non-article text.
    pub non_article_threshold: f32,
    /// Share of an unaligned translation sentence's content that must be
    /// found in one original sentence for it to count as moved.
    pub moved_containment: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            threshold: 0.08,
            merge_penalty: 0.12,
            double_penalty: 0.4,
            triple_penalty: 0.3,
            length_weight: 0.3,
            length_variance: 3.5,
            length_cap: 3.0,
            repair_fit: 8.0,
            repair_similarity: 0.15,
            cross_ratio: 4.0,
            paragraph_penalty: 0.3,
            band: 4,
            moved_containment: 0.45,
            member_coverage: 0.15,
            non_article_threshold: 0.3,
        }
    }
}

impl Params {
    fn shape_penalty(&self, a: usize, b: usize) -> f32 {
        match (a, b) {
            (1, 2) | (2, 1) => self.merge_penalty,
            (2, 2) => self.double_penalty,
            (1, 3) | (3, 1) => self.triple_penalty,
            _ => 0.0,
        }
    }
}

/// The type of a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum BeadKind {
    /// One original sentence, one translation sentence.
    #[serde(rename = "1-1")]
    OneOne,
    /// One original sentence rendered as two.
    #[serde(rename = "1-2")]
    OneTwo,
    /// Two original sentences rendered as one.
    #[serde(rename = "2-1")]
    TwoOne,
    /// Two and two, split differently.
    #[serde(rename = "2-2")]
    TwoTwo,
    /// Two and three, split differently.
    #[serde(rename = "2-3")]
    TwoThree,
    /// Three and two, split differently.
    #[serde(rename = "3-2")]
    ThreeTwo,
    /// One original sentence rendered as three.
    #[serde(rename = "1-3")]
    OneThree,
    /// Three original sentences rendered as one.
    #[serde(rename = "3-1")]
    ThreeOne,
    /// An original sentence with no counterpart (1-0).
    #[serde(rename = "1-0")]
    Dropped,
    /// A translation sentence with no counterpart (0-1).
    #[serde(rename = "0-1")]
    Added,
    /// A translation sentence repeating original content out of order.
    #[serde(rename = "moved")]
    Moved,
}

impl BeadKind {
    /// The bead type as reports write it ("1-1", "1-0", "moved", …).
    pub fn as_str(self) -> &'static str {
        match self {
            BeadKind::OneOne => "1-1",
            BeadKind::OneTwo => "1-2",
            BeadKind::TwoOne => "2-1",
            BeadKind::TwoTwo => "2-2",
            BeadKind::TwoThree => "2-3",
            BeadKind::ThreeTwo => "3-2",
            BeadKind::OneThree => "1-3",
            BeadKind::ThreeOne => "3-1",
            BeadKind::Dropped => "1-0",
            BeadKind::Added => "0-1",
            BeadKind::Moved => "moved",
        }
    }

    fn of_shape(a: usize, b: usize) -> BeadKind {
        match (a, b) {
            (1, 1) => BeadKind::OneOne,
            (1, 2) => BeadKind::OneTwo,
            (2, 1) => BeadKind::TwoOne,
            (2, 2) => BeadKind::TwoTwo,
            (2, 3) => BeadKind::TwoThree,
            (3, 2) => BeadKind::ThreeTwo,
            (1, 3) => BeadKind::OneThree,
            (3, 1) => BeadKind::ThreeOne,
            (1, 0) => BeadKind::Dropped,
            _ => BeadKind::Added,
        }
    }

    /// True for beads that pair original and translation sentences.
    pub fn is_match(self) -> bool {
        !matches!(self, BeadKind::Dropped | BeadKind::Added | BeadKind::Moved)
    }
}

/// One bead: 0-based sentence indices on each side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bead {
    /// Its type.
    pub kind: BeadKind,
    /// Its original sentences (none for 0-1 and moved beads).
    pub orig: Vec<usize>,
    /// Its translation sentences (none for 1-0 beads).
    pub trans: Vec<usize>,
    /// Weighted Dice similarity of the two sides (containment for moved).
    pub similarity: f32,
    /// For a moved bead, the original sentences it repeats.
    pub repeats: Vec<usize>,
}

/// The alignment of one document pair.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    /// The beads in document order; every translation sentence is in
    /// exactly one.
    pub beads: Vec<Bead>,
}

/// Aligns the sentences of an analysed pair: the one entry point of the
/// stage.
pub fn align(pair: &PairAnalysis, params: &Params) -> Alignment {
    let features = features::extract(pair);
    let weights = Weights::new(&features.kinds, &features.orig, &features.trans);
    align_features(&features.orig, &features.trans, &weights, params)
}

/// Aligns the features of a pair.
fn align_features(
    orig: &[Features],
    trans: &[Features],
    weights: &Weights,
    params: &Params,
) -> Alignment {
    let anchors = path::anchors(orig, trans, weights);
    let mut steps = path::best_path(orig, trans, weights, &anchors, params);
    path::reassign(&mut steps, orig, trans, weights);
    path::repair(&mut steps, orig, trans, weights, params);
    path::cross(&mut steps, orig, trans, weights, params);
    let mut beads: Vec<Bead> = steps
        .iter()
        .map(|s| Bead {
            kind: BeadKind::of_shape(s.shape.0, s.shape.1),
            orig: (s.orig_end - s.shape.0..s.orig_end).collect(),
            trans: (s.trans_end - s.shape.1..s.trans_end).collect(),
            similarity: s.similarity,
            repeats: Vec::new(),
        })
        .collect();
    find_moved(orig, trans, weights, params, &mut beads);
    Alignment { beads }
}

/// Labels unaligned translation sentences that repeat an original
/// sentence elsewhere in the document as moved. Candidates come from an
/// inverted index of original words, never from all pairs.
fn find_moved(
    orig: &[Features],
    trans: &[Features],
    w: &Weights,
    params: &Params,
    beads: &mut [Bead],
) {
    // Postings of word ids over the original sentences, in one array:
    // the sentences of id `k` are `entries[start[k]..start[k + 1]]`.
    let is_word = |id: u32| w.kinds[id as usize] == features::FeatureKind::Word;
    let mut start = vec![0u32; w.kinds.len() + 1];
    for &id in orig.iter().flat_map(|f| &f.ids).filter(|&&id| is_word(id)) {
        start[id as usize + 1] += 1;
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    let mut fill = start.clone();
    let mut entries = vec![0u32; start[w.kinds.len()] as usize];
    for (i, f) in orig.iter().enumerate() {
        for &id in f.ids.iter().filter(|&&id| is_word(id)) {
            entries[fill[id as usize] as usize] = i as u32;
            fill[id as usize] += 1;
        }
    }
    let postings = |id: u32| &entries[start[id as usize] as usize..start[id as usize + 1] as usize];
    let mut candidates: Vec<u32> = Vec::new();
    let mut marker = Marker::new(w);
    for k in 0..beads.len() {
        if beads[k].kind != BeadKind::Added {
            continue;
        }
        let y = beads[k].trans[0];
        let ft = &trans[y];
        let mass_t = w.mass(ft);
        let words = ft
            .ids
            .iter()
            .filter(|&&id| w.kinds[id as usize] == features::FeatureKind::Word)
            .count();
        if words < 3 {
            continue;
        }
        candidates.clear();
        for &id in &ft.ids {
            // Very common words would make the candidate list long for nothing.
            let list = postings(id);
            if list.len() <= 64 {
                candidates.extend_from_slice(list);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f32, usize)> = None;
        marker.set(ft);
        for &x in &candidates {
            let x = x as usize;
            let mass_o = w.mass(&orig[x]);
            let o = marker.overlap(&orig[x]);
            let c = containment(o, mass_o, mass_t);
            if dice(o, mass_o, mass_t) >= 0.15 && best.is_none_or(|(b, _)| c > b) {
                best = Some((c, x));
            }
        }
        marker.unset(ft);
        let Some((c, x)) = best else { continue };
        let neighbour = |b: Option<&Bead>| b.is_some_and(|b| b.orig.contains(&x));
        let adjacent =
            neighbour(k.checked_sub(1).and_then(|p| beads.get(p))) || neighbour(beads.get(k + 1));
        let needed = params.moved_containment
            + if ft.non_article {
                params.non_article_threshold
            } else {
                0.0
            };
        if c >= needed && !adjacent {
            let bead = &mut beads[k];
            bead.kind = BeadKind::Moved;
            bead.repeats = vec![x];
            bead.similarity = c;
        }
    }
}
