//! The monotone alignment path: anchors from rare shared words, a band
//! around them, and a dynamic programme over bead types inside the band.
//! Memory and time are O(n · band), never O(n · m).

use super::features::{dice, FeatureKind, Features, Marker, Weights};
use super::Params;
use std::ops::Range;

/// Bead shapes the programme may use, as (original, translation) counts.
pub const SHAPES: [(usize, usize); 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
];

/// The shapes (1, 1), (1, 0) and (0, 1) in [`SHAPES`].
const ONE_ONE: usize = 0;
const SKIP_ORIG: usize = 1;
const SKIP_TRANS: usize = 2;

const COVERS_TRANS: u8 = 1;
const COVERS_ORIG: u8 = 2;

/// The sides of a bead: masses and lengths (original, translation) and
/// whether either side holds non-article text.
type Sides = ((f32, f32), (u32, u32), bool);

/// Allowed translation positions per original position of the path.
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    row_start: Vec<usize>,
    cells: usize,
}

impl Band {
    fn new(lo: Vec<usize>, hi: Vec<usize>) -> Band {
        let mut row_start = Vec::with_capacity(lo.len());
        let mut cells = 0;
        for (l, h) in lo.iter().zip(&hi) {
            row_start.push(cells);
            cells += h - l + 1;
        }
        Band {
            lo,
            hi,
            row_start,
            cells,
        }
    }

    #[inline]
    fn idx(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.row_start[i] + j - self.lo[i])
    }
}

/// Anchor pairs: mutual best matches through rare words, then the longest
/// chain increasing on both sides (so out-of-order repeats drop out).
///
/// Long stretches without an anchor (words common across a long document
/// may be rare within a stretch) are anchored again with word counts
/// taken inside the stretch, so the band never has to guess a long path.
pub fn anchors(orig: &[Features], trans: &[Features], w: &Weights) -> Vec<(usize, usize)> {
    // One byte per id, read in the inner loops (three arrays would cost
    // three cache misses per feature on a long document).
    let rare_ids: Vec<bool> = (0..w.kinds.len())
        .map(|id| {
            !matches!(w.kinds[id], FeatureKind::Gram | FeatureKind::Synonym)
                && w.df_orig[id] <= 3
                && (1..=3).contains(&w.df_trans[id])
        })
        .collect();
    let rare = |id: u32| rare_ids[id as usize];
    let mut scratch = AnchorScratch::new(w.kinds.len());
    let mut chain = anchors_where(orig, trans, w, (0, 0), rare, &mut scratch);
    // Per id, its counts inside the current stretch (original,
    // translation), saturating: only 0–3 and "more" matter. Reset through
    // the ids touched.
    let mut df = vec![(0u8, 0u8); w.kinds.len()];
    let mut touched: Vec<u32> = Vec::new();
    for _ in 0..3 {
        let mut points = vec![(0usize, 0usize)];
        points.extend(chain.iter().map(|&(i, j)| (i + 1, j + 1)));
        points.push((orig.len() + 1, trans.len() + 1));
        let mut added = Vec::new();
        for seg in points.windows(2) {
            // Sentences strictly between two anchors.
            let ((i1, j1), (i2, j2)) = (seg[0], seg[1]);
            let (rows, cols) = (i2 - i1 - 1, j2.saturating_sub(j1 + 1));
            if rows.min(cols) <= LONG_GAP {
                continue;
            }
            let (o, t) = (&orig[i1..i2 - 1], &trans[j1..j2 - 1]);
            for (side, sentences) in [(0, o), (1, t)] {
                // Trigrams and synonym links never anchor: not counted.
                let ids = sentences.iter().flat_map(|f| &f.ids);
                let anchoring = |id: u32| {
                    !matches!(
                        w.kinds[id as usize],
                        FeatureKind::Gram | FeatureKind::Synonym
                    )
                };
                for &id in ids.filter(|&&id| anchoring(id)) {
                    let entry = &mut df[id as usize];
                    if *entry == (0, 0) {
                        touched.push(id);
                    }
                    if side == 0 {
                        entry.0 = entry.0.saturating_add(1);
                    } else {
                        entry.1 = entry.1.saturating_add(1);
                    }
                }
            }
            let local_rare = |id: u32| {
                let (a, b) = df[id as usize];
                a <= 3 && (1..=3).contains(&b)
            };
            added.extend(anchors_where(o, t, w, (i1, j1), local_rare, &mut scratch));
            for id in touched.drain(..) {
                df[id as usize] = (0, 0);
            }
        }
        if added.is_empty() {
            break;
        }
        added.extend(chain);
        added.sort_unstable();
        chain = longest_increasing_chain(&added);
    }
    chain
}

/// Gaps between anchors with more sentences than this on both sides are
/// anchored again locally.
const LONG_GAP: usize = 64;

/// Buffers of [`anchors_where`], sized by the number of feature ids and
/// reused across the stretches of a document.
struct AnchorScratch {
    /// Postings of rare ids over the translation sentences, as linked
    /// lists: per id the first entry, per entry (sentence, next entry).
    /// No allocation per id.
    head: Vec<u32>,
    entries: Vec<(u32, u32)>,
    heads_used: Vec<u32>,
    marker_weights: Vec<f32>,
}

const NONE: u32 = u32::MAX;

impl AnchorScratch {
    fn new(ids: usize) -> AnchorScratch {
        AnchorScratch {
            head: vec![NONE; ids],
            entries: Vec::new(),
            heads_used: Vec::new(),
            marker_weights: Vec::new(),
        }
    }
}

fn anchors_where(
    orig: &[Features],
    trans: &[Features],
    w: &Weights,
    offset: (usize, usize),
    rare: impl Fn(u32) -> bool,
    scratch: &mut AnchorScratch,
) -> Vec<(usize, usize)> {
    // Postings: entry e is (translation sentence, next entry); entries
    // are pushed in sentence order, so each list runs from the last
    // sentence back to the first.
    let mut entries = std::mem::take(&mut scratch.entries);
    entries.clear();
    for (j, f) in trans.iter().enumerate() {
        for &id in f.ids.iter().filter(|&&id| rare(id)) {
            let head = &mut scratch.head[id as usize];
            if *head == NONE {
                scratch.heads_used.push(id);
            }
            entries.push((j as u32, *head));
            *head = (entries.len() - 1) as u32;
        }
    }
    let mass_t: Vec<f32> = trans.iter().map(|f| w.mass(f)).collect();
    let mut best_for_trans: Vec<(f32, usize)> = vec![(0.0, usize::MAX); trans.len()];
    let mut proposals: Vec<(usize, usize)> = Vec::new();
    let mut candidates: Vec<u32> = Vec::new();
    let mut marker = Marker::with_buffer(w, std::mem::take(&mut scratch.marker_weights));
    for (i, f) in orig.iter().enumerate() {
        candidates.clear();
        for &id in f.ids.iter().filter(|&&id| rare(id)) {
            let mut e = scratch.head[id as usize];
            while e != NONE {
                let (j, next) = entries[e as usize];
                candidates.push(j);
                e = next;
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mass_o = w.mass(f);
        let (mut best, mut second) = ((0.0f32, 0usize), 0.0f32);
        marker.set(f);
        for &j in &candidates {
            let j = j as usize;
            let s = dice(marker.overlap(&trans[j]), mass_o, mass_t[j]);
            if s > best_for_trans[j].0 {
                best_for_trans[j] = (s, i);
            }
            if s > best.0 {
                second = best.0;
                best = (s, j);
            } else if s > second {
                second = s;
            }
        }
        marker.unset(f);
        if best.0 >= 0.3 && best.0 - second >= 0.05 {
            proposals.push((i, best.1));
        }
    }
    scratch.marker_weights = marker.into_buffer();
    scratch.entries = entries;
    for id in scratch.heads_used.drain(..) {
        scratch.head[id as usize] = NONE;
    }
    let mutual: Vec<(usize, usize)> = proposals
        .into_iter()
        .filter(|&(i, j)| best_for_trans[j].1 == i)
        .map(|(i, j)| (i + offset.0, j + offset.1))
        .collect();
    longest_increasing_chain(&mutual)
}

/// Longest subsequence of `pairs` (sorted by first element, which is
/// unique) whose second elements strictly increase.
fn longest_increasing_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the chain tail per length
    let mut prev: Vec<usize> = vec![usize::MAX; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < j);
        if pos > 0 {
            prev[k] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(pairs[k]);
        k = prev[k];
    }
    chain.reverse();
    chain
}

/// The band: between consecutive anchors, the rectangle they span widened
/// by `params.band`; a gap too large for a rectangle gets a diagonal strip.
fn band(n: usize, m: usize, anchors: &[(usize, usize)], params: &Params) -> Band {
    let w = params.band;
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0usize; n + 1];
    let mut points = Vec::with_capacity(anchors.len() + 2);
    points.push((0, 0));
    points.extend(anchors.iter().copied());
    points.push((n, m));
    for seg in points.windows(2) {
        let ((i1, j1), (i2, j2)) = (seg[0], seg[1]);
        let rows = i2 - i1 + 1;
        let cols = j2.saturating_sub(j1) + 1;
        for i in i1..=i2 {
            // A rectangle only when it stays small or thin; a large
            // square gap as a rectangle would make the programme quadratic.
            let (a, b) = if rows * cols <= 4096 || rows.min(cols) <= 8 * w {
                (j1.saturating_sub(w), j2 + w)
            } else {
                // Large gap: follow the straight line between the anchors.
                let centre = j1 + (i - i1) * (cols - 1) / (rows.max(2) - 1);
                (
                    centre.saturating_sub(4 * w).max(j1.saturating_sub(w)),
                    (centre + 4 * w).min(j2 + w),
                )
            };
            lo[i] = lo[i].min(a);
            hi[i] = hi[i].max(b.min(m));
        }
    }
    // Rows must overlap their neighbours so every transition can be taken.
    for i in 1..=n {
        lo[i] = lo[i].min(hi[i - 1]);
        hi[i] = hi[i].max(lo[i - 1]);
    }
    for i in (0..n).rev() {
        lo[i] = lo[i].min(hi[i + 1]);
    }
    lo[0] = 0;
    hi[n] = m;
    Band::new(lo, hi)
}

/// The character-length prior (Gale–Church): how far a translation's
/// length is from what its original's length predicts.
#[derive(Debug, Clone, Copy)]
pub struct LengthPrior {
    /// Translation bytes per original byte over the whole document.
    ratio: f32,
    variance: f32,
    cap: f32,
}

impl LengthPrior {
    /// The prior of a document pair, its ratio measured on the pair.
    pub fn new(orig: &[Features], trans: &[Features], params: &Params) -> LengthPrior {
        let total = |side: &[Features]| side.iter().map(|f| f.len as f64).sum::<f64>();
        let ratio = if total(orig) > 0.0 && total(trans) > 0.0 {
            (total(trans) / total(orig)).clamp(0.5, 2.0) as f32
        } else {
            1.0
        };
        LengthPrior {
            ratio,
            variance: params.length_variance.max(1e-3),
            cap: params.length_cap,
        }
    }

    /// Half the squared standard score of a translation of `lt` bytes
    /// given an original of `lo` (the variance grows with the mean
    /// length of the two sides), at most the cap.
    #[inline]
    pub fn misfit(&self, lo: u32, lt: u32) -> f32 {
        self.raw_misfit(lo, lt).min(self.cap)
    }

    /// [`LengthPrior::misfit`] without the cap.
    #[inline]
    pub fn raw_misfit(&self, lo: u32, lt: u32) -> f32 {
        let (lo, lt) = (lo as f32, lt as f32);
        let miss = lt - self.ratio * lo;
        miss * miss / (self.variance * (lo + lt / self.ratio).max(1.0))
    }
}

/// One step of the best path: a bead shape ending at (orig end, trans end).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub shape: (usize, usize),
    pub orig_end: usize,
    pub trans_end: usize,
    pub similarity: f32,
}

/// The best monotone path through the band, as beads in order.
pub fn best_path(
    orig: &[Features],
    trans: &[Features],
    w: &Weights,
    anchors: &[(usize, usize)],
    params: &Params,
) -> Vec<Step> {
    let (n, m) = (orig.len(), trans.len());
    let band = band(n, m, anchors, params);
    let mass_o: Vec<f32> = orig.iter().map(|f| w.mass(f)).collect();
    let mass_t: Vec<f32> = trans.iter().map(|f| w.mass(f)).collect();

    // Overlap of sentence pair (i-1, j-1), stored at cell (i, j).
    // Row by row, the original sentence's weights are spread into a dense
    // array so each cell costs one lookup per translation feature instead
    // of a sorted-list merge.
    let mut overlap = vec![0.0f32; band.cells];
    // Per cell, whether the pair covers enough of its translation
    // sentence (COVERS_TRANS) or original sentence (COVERS_ORIG) to be a
    // member of a merge: merges are ruled out from these bits without
    // summing their pairs.
    let mut covers = vec![0u8; band.cells];
    let mut marker = Marker::new(w);
    for i in 1..=n {
        marker.set(&orig[i - 1]);
        for j in band.lo[i].max(1)..=band.hi[i] {
            if let Some(k) = band.idx(i, j) {
                let o = marker.overlap(&trans[j - 1]);
                overlap[k] = o;
                if o >= params.member_coverage * mass_t[j - 1] {
                    covers[k] |= COVERS_TRANS;
                }
                if o >= params.member_coverage * mass_o[i - 1] {
                    covers[k] |= COVERS_ORIG;
                }
            }
        }
        marker.unset(&orig[i - 1]);
    }
    // True when cell (i, j) has the bit, or lies outside the band (then
    // the bead itself decides).
    let covered = |i: usize, j: usize, bit: u8| band.idx(i, j).is_none_or(|k| covers[k] & bit != 0);
    // A cheap necessary condition for a merge of shape (a, b) ending at
    // (i, j): every member covers enough of the other side.
    let may_merge = |a: usize, b: usize, i: usize, j: usize| -> bool {
        match (a, b) {
            (1, _) if b > 1 => (0..b).all(|d| covered(i, j - d, COVERS_TRANS)),
            (_, 1) if a > 1 => (0..a).all(|d| covered(i - d, j, COVERS_ORIG)),
            _ => true,
        }
    };
    // A pair outside the band (only at its edges, for merges) is measured
    // directly from the sorted-free id lists.
    let outside = |x: usize, y: usize| -> f32 {
        let b = &trans[y];
        orig[x]
            .ids
            .iter()
            .filter(|id| b.ids.contains(id))
            .map(|&id| w.weight[id as usize])
            .sum()
    };
    let pair = |x: usize, y: usize| -> f32 {
        band.idx(x + 1, y + 1)
            .map(|k| overlap[k])
            .unwrap_or_else(|| outside(x, y))
    };
    let shape_penalty: [f32; SHAPES.len()] = SHAPES.map(|(a, b)| params.shape_penalty(a, b));
    // Score and similarity of a bead of shape `t` from its overlap, its
    // sides' masses and lengths (original, translation).
    let prior = LengthPrior::new(orig, trans, params);
    // The paragraphs correspond when both sides have as many (two or
    // more): then a pairing bead should lie inside the paragraphs of the
    // same rank on both sides.
    let paragraphs = |side: &[Features]| side.last().map_or(0, |f| f.paragraph + 1);
    let parallel = paragraphs(orig) >= 2 && paragraphs(orig) == paragraphs(trans);
    // The penalty of a pairing bead of sides `xs` and `ys` (not empty).
    let crossing = |xs: std::ops::Range<usize>, ys: std::ops::Range<usize>| -> f32 {
        if !parallel {
            return 0.0;
        }
        let p = orig[xs.start].paragraph;
        if trans[ys.start].paragraph != p
            || orig[xs.end - 1].paragraph != p
            || trans[ys.end - 1].paragraph != p
        {
            params.paragraph_penalty
        } else {
            0.0
        }
    };
    let gain = |t: usize, o: f32, (so, st): (f32, f32), (lo, lt): (u32, u32), non_article: bool| {
        let (a, b) = SHAPES[t];
        let sim = dice(o, so, st);
        let z = prior.misfit(lo, lt);
        let threshold = params.threshold
            + if non_article {
                params.non_article_threshold
            } else {
                0.0
            };
        // Non-article text pairs on its words alone: lengths may only
        // count against it.
        let fit = if non_article { -z } else { 1.0 - z };
        let score =
            (a + b) as f32 * (sim - threshold) - shape_penalty[t] + params.length_weight * fit;
        (score, sim)
    };
    // The masses, lengths and non-article flag of the sides of a bead of
    // shape `t` ending at (i, j), each added up in sentence order.
    let sides = |t: usize, i: usize, j: usize| -> Sides {
        let (a, b) = SHAPES[t];
        let (mut so, mut st, mut lo, mut lt) = (0.0f32, 0.0f32, 0u32, 0u32);
        let mut non_article = false;
        for y in j - b..j {
            st += mass_t[y];
            lt += trans[y].len;
            non_article |= trans[y].non_article;
        }
        for x in i - a..i {
            so += mass_o[x];
            lo += orig[x].len;
            non_article |= orig[x].non_article;
        }
        ((so, st), (lo, lt), non_article)
    };
    // Score and similarity of a bead of shape `t` ending at (i, j) with
    // these sides, or None when a member of a merge finds too little of
    // itself on the other side (a merge must explain every sentence it
    // swallows).
    let bead_with = |t: usize, i: usize, j: usize, (masses, lens, non_article): Sides| {
        let (a, b) = SHAPES[t];
        if a == 0 || b == 0 {
            return Some((0.0, 0.0));
        }
        let mut o = 0.0f32;
        let mut per_orig = [0.0f32; 3];
        for (y, &mass) in (j - b..j).zip(&mass_t[j - b..j]) {
            let mut covered = 0.0;
            for (k, x) in (i - a..i).enumerate() {
                let p = pair(x, y);
                covered += p;
                per_orig[k] += p;
            }
            if b > 1 && covered < params.member_coverage * mass {
                return None;
            }
            o += covered;
        }
        for (k, x) in (i - a..i).enumerate() {
            if a > 1 && per_orig[k] < params.member_coverage * mass_o[x] {
                return None;
            }
        }
        // A 2-2 bead is two sentences split differently: one of its
        // sentences must run into both sentences of the other side, or it
        // is two 1-1 beads.
        if (a, b) == (2, 2) {
            let crosses = |x: usize, y: usize| {
                pair(x, y) >= params.member_coverage * mass_o[x].max(mass_t[y])
            };
            if !crosses(i - 2, j - 1) && !crosses(i - 1, j - 2) {
                return None;
            }
        }
        let (score, sim) = gain(t, o, masses, lens, non_article);
        Some((score - crossing(i - a..i, j - b..j), sim))
    };
    let bead = |t: usize, i: usize, j: usize| bead_with(t, i, j, sides(t, i, j));
    // A 1-1 bead ending at cell (i, j) (k): `bead` for that shape, with
    // the same additions, reading the cell's own overlap.
    let one_one = |i: usize, j: usize, k: usize| -> (f32, f32) {
        let (x, y) = (i - 1, j - 1);
        let o = 0.0 + (0.0 + overlap[k]);
        let masses = (0.0 + mass_o[x], 0.0 + mass_t[y]);
        let non_article = trans[y].non_article || orig[x].non_article;
        let (score, sim) = gain(ONE_ONE, o, masses, (orig[x].len, trans[y].len), non_article);
        (score - crossing(x..x + 1, y..y + 1), sim)
    };

    let best_gain: Vec<f32> = SHAPES
        .iter()
        .map(|&(a, b)| {
            (a + b) as f32 * (1.0 - params.threshold) - params.shape_penalty(a, b)
                + params.length_weight
        })
        .collect();
    let mut score = vec![f32::NEG_INFINITY; band.cells];
    let mut back = vec![u8::MAX; band.cells];
    if let Some(k) = band.idx(0, 0) {
        score[k] = 0.0;
    }
    for i in 0..=n {
        // Per shape, the band row its beads start on (lo, hi, first cell),
        // looked up once per row rather than once per cell.
        let from: [Option<(usize, usize, usize)>; SHAPES.len()] = std::array::from_fn(|t| {
            let r = i.checked_sub(SHAPES[t].0)?;
            Some((band.lo[r], band.hi[r], band.row_start[r]))
        });
        let (lo, start) = (band.lo[i], band.row_start[i]);
        for j in lo..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let k = start + j - lo;
            let (mut best, mut best_shape) = (f32::NEG_INFINITY, u8::MAX);
            for (t, &(a, b)) in SHAPES.iter().enumerate() {
                let Some((from_lo, from_hi, from_start)) = from[t] else {
                    continue;
                };
                let Some(c) = j.checked_sub(b).filter(|c| (from_lo..=from_hi).contains(c)) else {
                    continue;
                };
                let p = from_start + c - from_lo;
                if score[p] == f32::NEG_INFINITY || !may_merge(a, b, i, j) {
                    continue;
                }
                let gain = if a == 0 || b == 0 {
                    // A skip scores nothing (as `bead` says), and there
                    // are two per cell: not worth a call.
                    0.0
                } else if t == ONE_ONE {
                    one_one(i, j, k).0
                } else if score[p] + best_gain[t] <= best {
                    // A merge scores at most its gain at similarity 1 with
                    // no length skew: when even that cannot beat the best
                    // so far, it is not worth measuring (the result is the
                    // same).
                    continue;
                } else {
                    // Nor when even a full overlap of its sides (dice
                    // caps the overlap at the smaller mass) cannot: the
                    // same sums as the bead's, and the gain rises with
                    // the overlap, so the result is the same.
                    let sides = sides(t, i, j);
                    let (masses, lens, non_article) = sides;
                    if score[p] + gain(t, f32::INFINITY, masses, lens, non_article).0 <= best {
                        continue;
                    }
                    let Some((gain, _)) = bead_with(t, i, j, sides) else {
                        continue;
                    };
                    gain
                };
                let v = score[p] + gain;
                if v > best {
                    best = v;
                    best_shape = t as u8;
                }
            }
            score[k] = best;
            back[k] = best_shape;
        }
    }

    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let t = band
            .idx(i, j)
            .map(|k| back[k] as usize)
            .filter(|&t| t < SHAPES.len())
            // Unreachable only if the band is broken; fall back to skips.
            .unwrap_or(if i > 0 { SKIP_ORIG } else { SKIP_TRANS });
        let shape = SHAPES[t];
        let similarity = bead(t, i, j).map_or(0.0, |b| b.1);
        steps.push(Step {
            shape,
            orig_end: i,
            trans_end: j,
            similarity,
        });
        i -= shape.0;
        j -= shape.1;
    }
    steps.reverse();
    steps
}

/// The similarity of a bead the repair pass made, until it is measured.
const UNMEASURED: f32 = f32::NAN;

/// Whether a bead holds a sentence that is not article text (chrome or
/// a tail), which the passes after the programme leave alone.
fn has_non_article(s: &Step, orig: &[Features], trans: &[Features]) -> bool {
    orig[s.orig_end - s.shape.0..s.orig_end]
        .iter()
        .any(|f| f.non_article)
        || trans[s.trans_end - s.shape.1..s.trans_end]
            .iter()
            .any(|f| f.non_article)
}

/// Weighted overlap and Dice similarity of original sentences `xs` and
/// translation sentences `ys` taken as one bead.
fn bead_overlap(
    marker: &mut Marker,
    orig: &[Features],
    trans: &[Features],
    w: &Weights,
    xs: std::ops::Range<usize>,
    ys: std::ops::Range<usize>,
) -> (f32, f32) {
    let mut o = 0.0;
    for x in xs.clone() {
        marker.set(&orig[x]);
        o += ys.clone().map(|y| marker.overlap(&trans[y])).sum::<f32>();
        marker.unset(&orig[x]);
    }
    let so: f32 = xs.map(|x| w.mass(&orig[x])).sum();
    let st: f32 = ys.map(|y| w.mass(&trans[y])).sum();
    (o, dice(o, so, st))
}

/// Gives each sentence left out beside a merge or a 1-1 bead its local
/// partner back (runs before [`repair`]).
///
/// 1. A merge beside an unpaired sentence of the other side gives up its
///    member at that edge when the member is more like the unpaired
///    sentence (weighted Dice) than like the rest of the merge's other
///    side: the member is the unpaired sentence's own counterpart, pulled
///    in by lengths.
/// 2. A 1-1 bead between an unpaired sentence of each side (a 0-1 before
///    and a 1-0 after, or the reverse) is shifted to pair both when the
///    two new pairs share words and together are more alike than the
///    bead.
pub fn reassign(steps: &mut Vec<Step>, orig: &[Features], trans: &[Features], w: &Weights) {
    let mut marker = Marker::new(w);
    let mut sim = |xs: std::ops::Range<usize>, ys: std::ops::Range<usize>| {
        bead_overlap(&mut marker, orig, trans, w, xs, ys)
    };
    let non_article = |s: &Step| has_non_article(s, orig, trans);
    let step = |shape: (usize, usize), orig_end: usize, trans_end: usize| Step {
        shape,
        orig_end,
        trans_end,
        similarity: UNMEASURED,
    };
    let mut k = 0;
    while k + 1 < steps.len() {
        let (l, r) = (steps[k], steps[k + 1]);
        if non_article(&l) || non_article(&r) {
            k += 1;
            continue;
        }
        let merge = |s: &Step| s.shape.0 + s.shape.1 >= 3 && s.shape.0 > 0 && s.shape.1 > 0;
        // 1. A merge, then an unpaired sentence (or the reverse).
        let replaced: Option<[Step; 2]> = match (l.shape, r.shape) {
            // [merge][1-0 O]: the merge's last translation sentence.
            ((a, b), (1, 0)) if merge(&l) && b >= 2 => {
                let (x, y) = (r.orig_end - 1, l.trans_end - 1);
                let (o, d) = sim(x..x + 1, y..y + 1);
                let (_, inside) = sim(l.orig_end - a..l.orig_end, y..y + 1);
                (o > 0.0 && d > inside)
                    .then(|| [step((a, b - 1), l.orig_end, y), step((1, 1), x + 1, y + 1)])
            }
            // [merge][0-1 T]: the merge's last original sentence.
            ((a, b), (0, 1)) if merge(&l) && a >= 2 => {
                let (x, y) = (l.orig_end - 1, r.trans_end - 1);
                let (o, d) = sim(x..x + 1, y..y + 1);
                let (_, inside) = sim(x..x + 1, l.trans_end - b..l.trans_end);
                (o > 0.0 && d > inside)
                    .then(|| [step((a - 1, b), x, l.trans_end), step((1, 1), x + 1, y + 1)])
            }
            // [1-0 O][merge]: the merge's first translation sentence.
            ((1, 0), (a, b)) if merge(&r) && b >= 2 => {
                let (x, y) = (l.orig_end - 1, r.trans_end - b);
                let (o, d) = sim(x..x + 1, y..y + 1);
                let (_, inside) = sim(r.orig_end - a..r.orig_end, y..y + 1);
                (o > 0.0 && d > inside).then(|| {
                    [
                        step((1, 1), x + 1, y + 1),
                        step((a, b - 1), r.orig_end, r.trans_end),
                    ]
                })
            }
            // [0-1 T][merge]: the merge's first original sentence.
            ((0, 1), (a, b)) if merge(&r) && a >= 2 => {
                let (x, y) = (r.orig_end - a, l.trans_end - 1);
                let (o, d) = sim(x..x + 1, y..y + 1);
                let (_, inside) = sim(x..x + 1, r.trans_end - b..r.trans_end);
                (o > 0.0 && d > inside).then(|| {
                    [
                        step((1, 1), x + 1, y + 1),
                        step((a - 1, b), r.orig_end, r.trans_end),
                    ]
                })
            }
            _ => None,
        };
        if let Some([p, q]) = replaced {
            steps[k] = p;
            steps[k + 1] = q;
            k = k.saturating_sub(1);
            continue;
        }
        // 2. [0-1][1-1][1-0] or [1-0][1-1][0-1].
        if k + 2 < steps.len() && l.shape.0 + l.shape.1 == 1 && r.shape == (1, 1) {
            let z = steps[k + 2];
            if z.shape.0 + z.shape.1 == 1 && z.shape != l.shape && !non_article(&z) {
                let (_, old) = sim(r.orig_end - 1..r.orig_end, r.trans_end - 1..r.trans_end);
                // Original and translation sentences of the three beads, in order.
                let (x0, y0) = (l.orig_end - l.shape.0, l.trans_end - l.shape.1);
                let (p1, d1) = sim(x0..x0 + 1, y0..y0 + 1);
                let (p2, d2) = sim(x0 + 1..x0 + 2, y0 + 1..y0 + 2);
                if p1 > 0.0 && p2 > 0.0 && d1 + d2 > old {
                    steps[k] = step((1, 1), x0 + 1, y0 + 1);
                    steps[k + 1] = step((1, 1), x0 + 2, y0 + 2);
                    steps.remove(k + 2);
                    k = k.saturating_sub(1);
                    continue;
                }
            }
        }
        k += 1;
    }
}

/// Second pass over the path. A sentence left out next to one of the
/// other side left out at the same place (a 1-0 beside a 0-1) is paired
/// with it when their lengths fit: translators paraphrase, and two
/// unpaired sentences between the same neighbours are most often a pair
/// whose words differ. A sentence left out next to a bead whose lengths
/// fit badly joins it when that makes them fit well (the rest of a
/// sentence split in two). Non-article text is never repaired.
pub fn repair(
    steps: &mut Vec<Step>,
    orig: &[Features],
    trans: &[Features],
    w: &Weights,
    params: &Params,
) {
    let prior = LengthPrior::new(orig, trans, params);
    let mut marker = Marker::new(w);
    let side_len = |s: &Step| -> (u32, u32) {
        let lo = orig[s.orig_end - s.shape.0..s.orig_end]
            .iter()
            .map(|f| f.len)
            .sum();
        let lt = trans[s.trans_end - s.shape.1..s.trans_end]
            .iter()
            .map(|f| f.len)
            .sum();
        (lo, lt)
    };
    let non_article = |s: &Step| has_non_article(s, orig, trans);
    let is_skip = |s: &Step| s.shape.0 == 0 || s.shape.1 == 0;
    // First, each run of unpaired sentences with some on both sides
    // becomes one bead when its shape is allowed and its lengths fit.
    let mut runs: Vec<Step> = Vec::with_capacity(steps.len());
    let mut k = 0;
    while k < steps.len() {
        let mut end = k;
        while end < steps.len() && is_skip(&steps[end]) && !non_article(&steps[end]) {
            end += 1;
        }
        if end > k + 1 {
            let last = steps[end - 1];
            let shape = steps[k..end]
                .iter()
                .fold((0, 0), |(a, b), s| (a + s.shape.0, b + s.shape.1));
            let bead = Step {
                shape,
                orig_end: last.orig_end,
                trans_end: last.trans_end,
                similarity: UNMEASURED,
            };
            let (lo, lt) = side_len(&bead);
            // Or when the two sides share words (a clause left out of a
            // paraphrase upsets the lengths).
            let alike = |marker: &mut Marker| {
                let xs = bead.orig_end - shape.0..bead.orig_end;
                let ys = bead.trans_end - shape.1..bead.trans_end;
                bead_overlap(marker, orig, trans, w, xs, ys).1 >= params.repair_similarity
            };
            if shape.0 > 0
                && shape.1 > 0
                && SHAPES.contains(&shape)
                && (prior.raw_misfit(lo, lt) <= params.repair_fit || alike(&mut marker))
            {
                runs.push(bead);
                k = end;
                continue;
            }
        }
        runs.push(steps[k]);
        k += 1;
    }
    let mut out: Vec<Step> = Vec::with_capacity(runs.len());
    for &step in runs.iter() {
        let Some(&last) = out.last() else {
            out.push(step);
            continue;
        };
        let merged = Step {
            shape: (last.shape.0 + step.shape.0, last.shape.1 + step.shape.1),
            orig_end: step.orig_end,
            trans_end: step.trans_end,
            similarity: UNMEASURED,
        };
        let joinable = SHAPES.contains(&merged.shape)
            && !non_article(&last)
            && !non_article(&step)
            && (is_skip(&last) || is_skip(&step));
        let (lo, lt) = side_len(&merged);
        let ok = joinable
            && if is_skip(&last) && is_skip(&step) {
                // A 1-0 beside a 0-1.
                merged.shape == (1, 1) && prior.raw_misfit(lo, lt) <= params.repair_fit
            } else {
                // An unpaired sentence beside a bead.
                let bead = if is_skip(&last) { step } else { last };
                let (blo, blt) = side_len(&bead);
                prior.raw_misfit(blo, blt) >= params.repair_fit
                    && prior.raw_misfit(lo, lt) <= params.repair_fit / 3.0
            };
        if ok {
            *out.last_mut().expect("non-empty") = merged;
        } else {
            out.push(step);
        }
    }
    // Only beads the pass made need measuring again.
    for s in &mut out {
        if s.similarity.is_nan() {
            let xs = s.orig_end - s.shape.0..s.orig_end;
            let ys = s.trans_end - s.shape.1..s.trans_end;
            s.similarity = bead_overlap(&mut marker, orig, trans, w, xs, ys).1;
        }
    }
    *steps = out;
}

/// Joins two neighbouring beads into one 2-3 or 3-2 bead when a sentence
/// at their border runs into the other bead: the two sides put a
/// sentence boundary in different places (a line that ends in a comma),
/// so neither bead stands alone.
///
/// A sentence runs into the next bead when the second half of its
/// content words (ids keep the order of first occurrence) finds at
/// least `member_coverage` of its weight on the other side of the next
/// bead and `cross_ratio` times as much as on the other side of its own
/// bead; the same for the first half of the next bead's first sentence
/// and the previous bead. Halves, not whole sentences: neighbours in a
/// real document share their topic's words, but only a sentence that
/// crosses matches the next bead with its end.
pub fn cross(
    steps: &mut Vec<Step>,
    orig: &[Features],
    trans: &[Features],
    w: &Weights,
    params: &Params,
) {
    let mut marker = Marker::new(w);
    let non_article = |s: &Step| has_non_article(s, orig, trans);
    let pairing = |s: &Step| s.shape.0 > 0 && s.shape.1 > 0 && !non_article(s);
    // Whether half of sentence `x` (of the original when `is_orig`)
    // runs from the bead whose other side is `own` into the bead whose
    // other side is `other`.
    let mut runs = |is_orig: bool, x: usize, tail: bool, own: Range<usize>, other: Range<usize>| {
        let (f, side) = if is_orig {
            (&orig[x], trans)
        } else {
            (&trans[x], orig)
        };
        let half = f.ids.len() / 2;
        let part = if tail { &f.ids[half..] } else { &f.ids[..half] };
        marker.set_ids(part);
        let found = |ys: Range<usize>| ys.map(|y| marker.overlap(&side[y])).sum::<f32>();
        let theirs = found(other);
        let mass: f32 = part.iter().map(|&id| w.weight[id as usize]).sum();
        let crosses = theirs > 0.0
            && theirs >= params.member_coverage * mass
            && theirs >= params.cross_ratio * found(own);
        marker.unset_ids(part);
        crosses
    };
    let mut measure = Marker::new(w);
    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    for &r in steps.iter() {
        let Some(&l) = out.last() else {
            out.push(r);
            continue;
        };
        let shape = (l.shape.0 + r.shape.0, l.shape.1 + r.shape.1);
        let join = matches!(shape, (2, 3) | (3, 2)) && pairing(&l) && pairing(&r) && {
            let (lo, lt) = (
                l.orig_end - l.shape.0..l.orig_end,
                l.trans_end - l.shape.1..l.trans_end,
            );
            let (ro, rt) = (
                r.orig_end - r.shape.0..r.orig_end,
                r.trans_end - r.shape.1..r.trans_end,
            );
            runs(true, lo.end - 1, true, lt.clone(), rt.clone())
                || runs(false, lt.end - 1, true, lo.clone(), ro.clone())
                || runs(true, ro.start, false, rt.clone(), lt.clone())
                || runs(false, rt.start, false, ro.clone(), lo.clone())
        };
        if join {
            let xs = l.orig_end - l.shape.0..r.orig_end;
            let ys = l.trans_end - l.shape.1..r.trans_end;
            *out.last_mut().expect("non-empty") = Step {
                shape,
                orig_end: r.orig_end,
                trans_end: r.trans_end,
                similarity: bead_overlap(&mut measure, orig, trans, w, xs, ys).1,
            };
        } else {
            out.push(r);
        }
    }
    *steps = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences with one distinct word each (none shared) and these
    /// lengths, with their weights.
    fn sentences(orig: &[u32], trans: &[u32]) -> (Vec<Features>, Vec<Features>, Weights) {
        let mut next = 0u32;
        let mut side = |lens: &[u32]| -> Vec<Features> {
            lens.iter()
                .map(|&len| {
                    next += 1;
                    Features {
                        ids: vec![next - 1],
                        len,
                        non_article: false,
                        paragraph: 0,
                    }
                })
                .collect()
        };
        let (o, t) = (side(orig), side(trans));
        let kinds = vec![FeatureKind::Word; next as usize];
        let w = Weights::new(&kinds, &o, &t);
        (o, t, w)
    }

    fn step(shape: (usize, usize), orig_end: usize, trans_end: usize) -> Step {
        Step {
            shape,
            orig_end,
            trans_end,
            similarity: 0.0,
        }
    }

    fn shapes(steps: &[Step]) -> Vec<(usize, usize)> {
        steps.iter().map(|s| s.shape).collect()
    }

    /// A 1-0 beside a 0-1, between two 1-1 beads (three sentences a side).
    fn unpaired_between_pairs() -> Vec<Step> {
        vec![
            step((1, 1), 1, 1),
            step((1, 0), 2, 1),
            step((0, 1), 2, 2),
            step((1, 1), 3, 3),
        ]
    }

    #[test]
    fn repair_pairs_a_1_0_beside_a_0_1_when_lengths_fit() {
        let (o, t, w) = sentences(&[100, 120, 90], &[105, 118, 95]);
        let mut steps = unpaired_between_pairs();
        repair(&mut steps, &o, &t, &w, &Params::default());
        assert_eq!(shapes(&steps), [(1, 1), (1, 1), (1, 1)]);
        assert_eq!((steps[1].orig_end, steps[1].trans_end), (2, 2));
    }

    #[test]
    fn repair_leaves_unpaired_sentences_whose_lengths_differ() {
        // A long sentence dropped, a short one added: not a pair.
        let (o, t, w) = sentences(&[100, 400, 90], &[105, 30, 95]);
        let mut steps = unpaired_between_pairs();
        repair(&mut steps, &o, &t, &w, &Params::default());
        assert_eq!(shapes(&steps), [(1, 1), (1, 0), (0, 1), (1, 1)]);
    }

    #[test]
    fn repair_pairs_unpaired_sentences_that_share_words_whatever_their_lengths() {
        // A long sentence dropped, a short one added, sharing two words:
        // the short one is the long one with a clause left out.
        let (mut o, mut t, _) = with_ids(&[&[0], &[1, 2, 3, 4], &[5]], &[&[0], &[1, 2, 9], &[5]]);
        (o[1].len, t[1].len) = (400, 30);
        let kinds = vec![FeatureKind::Word; 10];
        let w = Weights::new(&kinds, &o, &t);
        let mut steps = unpaired_between_pairs();
        repair(&mut steps, &o, &t, &w, &Params::default());
        assert_eq!(shapes(&steps), [(1, 1), (1, 1), (1, 1)]);
    }

    /// Three 1-1 beads with a 0-1 after the second (four translation
    /// sentences).
    fn added_after_a_pair() -> Vec<Step> {
        vec![
            step((1, 1), 1, 1),
            step((1, 1), 2, 2),
            step((0, 1), 2, 3),
            step((1, 1), 3, 4),
        ]
    }

    #[test]
    fn repair_joins_the_rest_of_a_split_sentence() {
        // Original 2 was rendered as two sentences; the path paired it
        // with the first only.
        let (o, t, w) = sentences(&[100, 240, 90], &[100, 120, 115, 90]);
        let mut steps = added_after_a_pair();
        repair(&mut steps, &o, &t, &w, &Params::default());
        assert_eq!(shapes(&steps), [(1, 1), (1, 2), (1, 1)]);
        // An added sentence beside a bead that already fits stays out.
        let (o, t, w) = sentences(&[100, 120, 90], &[100, 120, 115, 90]);
        let mut steps = added_after_a_pair();
        repair(&mut steps, &o, &t, &w, &Params::default());
        assert_eq!(shapes(&steps), [(1, 1), (1, 1), (0, 1), (1, 1)]);
    }

    /// Sentences with these feature ids (all words, length 100 each).
    fn with_ids(orig: &[&[u32]], trans: &[&[u32]]) -> (Vec<Features>, Vec<Features>, Weights) {
        let side = |s: &[&[u32]]| -> Vec<Features> {
            s.iter()
                .map(|ids| Features {
                    ids: ids.to_vec(),
                    len: 100,
                    non_article: false,
                    paragraph: 0,
                })
                .collect()
        };
        let (o, t) = (side(orig), side(trans));
        let n = o
            .iter()
            .chain(&t)
            .flat_map(|f| &f.ids)
            .max()
            .map_or(0, |&m| m + 1);
        let kinds = vec![FeatureKind::Word; n as usize];
        let w = Weights::new(&kinds, &o, &t);
        (o, t, w)
    }

    #[test]
    fn reassign_gives_a_pulled_in_sentence_back_to_its_partner() {
        // Original 0 belongs with translation 0 (left out), not with the
        // merge it was pulled into.
        let (o, t, w) = with_ids(&[&[0, 1], &[2, 3, 4]], &[&[0, 1], &[1, 2, 3, 4]]);
        let mut steps = vec![step((0, 1), 0, 1), step((2, 1), 2, 2)];
        reassign(&mut steps, &o, &t, &w);
        assert_eq!(shapes(&steps), [(1, 1), (1, 1)]);
        assert_eq!((steps[0].orig_end, steps[0].trans_end), (1, 1));
        // The same at the merge's end, translation side.
        let (o, t, w) = with_ids(&[&[0, 1, 2, 3], &[5, 6]], &[&[0, 1], &[2, 5, 6]]);
        let mut steps = vec![step((1, 2), 1, 2), step((1, 0), 2, 2)];
        reassign(&mut steps, &o, &t, &w);
        assert_eq!(shapes(&steps), [(1, 1), (1, 1)]);
        // A member more like its own merge stays.
        let (o, t, w) = with_ids(&[&[0, 1], &[2, 3, 4]], &[&[0, 9], &[0, 1, 2, 3, 4]]);
        let mut steps = vec![step((0, 1), 0, 1), step((2, 1), 2, 2)];
        reassign(&mut steps, &o, &t, &w);
        assert_eq!(shapes(&steps), [(0, 1), (2, 1)]);
    }

    #[test]
    fn reassign_shifts_a_1_1_between_two_unpaired_sentences() {
        let (o, t, w) = with_ids(&[&[0, 1], &[2, 3]], &[&[0, 1], &[2, 3, 1]]);
        let mut steps = vec![step((0, 1), 0, 1), step((1, 1), 1, 2), step((1, 0), 2, 2)];
        reassign(&mut steps, &o, &t, &w);
        assert_eq!(shapes(&steps), [(1, 1), (1, 1)]);
        assert_eq!((steps[1].orig_end, steps[1].trans_end), (2, 2));
        // Not when a new pair would share nothing.
        let (o, t, w) = with_ids(&[&[0, 1], &[2, 3]], &[&[7, 8], &[0, 1]]);
        let mut steps = vec![step((0, 1), 0, 1), step((1, 1), 1, 2), step((1, 0), 2, 2)];
        reassign(&mut steps, &o, &t, &w);
        assert_eq!(shapes(&steps), [(0, 1), (1, 1), (1, 0)]);
    }

    #[test]
    fn cross_joins_beads_when_a_sentence_runs_into_the_next() {
        // Original 0 ends with what translation 1 begins with: the two
        // sides break the sentences in different places.
        let (o, t, w) = with_ids(&[&[0, 1, 2, 3], &[4], &[5]], &[&[0, 1], &[2, 3, 4, 5]]);
        let mut steps = vec![step((1, 1), 1, 1), step((2, 1), 3, 2)];
        cross(&mut steps, &o, &t, &w, &Params::default());
        assert_eq!(shapes(&steps), [(3, 2)]);
        // Not when the sentence's end is in its own bead.
        let (o, t, w) = with_ids(&[&[0, 1, 2, 3], &[4], &[5]], &[&[0, 1, 2, 3], &[4, 5]]);
        let mut steps = vec![step((1, 1), 1, 1), step((2, 1), 3, 2)];
        cross(&mut steps, &o, &t, &w, &Params::default());
        assert_eq!(shapes(&steps), [(1, 1), (2, 1)]);
    }

    #[test]
    fn corresponding_paragraphs_keep_beads_inside_them() {
        // Original 0 shares a word with each translation sentence; the
        // second sentence of each side starts the second paragraph.
        let (mut o, mut t, _) = with_ids(&[&[0, 1], &[2, 3]], &[&[0], &[1, 2, 3]]);
        let kinds = vec![FeatureKind::Word; 4];
        let path = |o: &[Features], t: &[Features], params: &Params| {
            let w = Weights::new(&kinds, o, t);
            shapes(&best_path(o, t, &w, &anchors(o, t, &w), params))
        };
        let off = Params {
            paragraph_penalty: 0.0,
            ..Params::default()
        };
        // A penalty that outweighs the 2-2 bead's better overlap here.
        let on = Params {
            paragraph_penalty: 1.0,
            ..Params::default()
        };
        let without = path(&o, &t, &off);
        assert_ne!(without, [(1, 1), (1, 1)], "the case needs the prior");
        (o[1].paragraph, t[1].paragraph) = (1, 1);
        assert_eq!(path(&o, &t, &on), [(1, 1), (1, 1)]);
        // Not when the sides have different numbers of paragraphs.
        o[1].paragraph = 0;
        assert_eq!(path(&o, &t, &on), without);
    }

    #[test]
    fn length_prior_measures_against_the_document_ratio() {
        // Translations here run 1.5 times their originals.
        let (o, t, _) = sentences(&[100, 200], &[150, 300]);
        let prior = LengthPrior::new(&o, &t, &Params::default());
        assert!(prior.misfit(100, 150) < 1e-6);
        assert!(prior.misfit(100, 100) > prior.raw_misfit(100, 140));
        assert!(prior.misfit(100, 1000) <= Params::default().length_cap);
    }

    #[test]
    fn chain_keeps_the_longest_increasing_run() {
        let pairs = [(0, 5), (1, 1), (2, 2), (3, 0), (4, 3)];
        assert_eq!(longest_increasing_chain(&pairs), [(1, 1), (2, 2), (4, 3)]);
    }
}
