//! What the aligner compares: per sentence, a sorted set of feature ids:
//! stemmed content words, character trigrams of name-like words (so
//! "Kurusk" still meets "Kursk") and numbers. Each id carries a weight:
//! its kind's weight times its inverse document frequency over the pair,
//! so that words every sentence shares ("Ukraine") count for little.

use rustc_hash::FxHashMap as HashMap;

use crate::text::{for_each_token, is_stopword, stem};

/// Features of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Distinct feature ids, in order of first occurrence.
    pub ids: Vec<u32>,
    /// Length in bytes of the sentence, for the length prior.
    pub len: u32,
    /// Non-article text (chrome, tails): aligns only on clear evidence.
    pub non_article: bool,
}

/// What a feature id stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeatureKind {
    Word,
    /// The first five letters of a long word: catches irregular forms the
    /// stemmer misses ("understood" / "understand").
    Prefix,
    Gram,
    Number,
}

impl FeatureKind {
    fn weight(self) -> f32 {
        match self {
            FeatureKind::Word => 1.0,
            FeatureKind::Prefix => PREFIX_WEIGHT,
            FeatureKind::Gram => GRAM_WEIGHT,
            FeatureKind::Number => NUMBER_WEIGHT,
        }
    }
}

/// Weight of a character trigram relative to a whole word.
pub const GRAM_WEIGHT: f32 = 0.2;
/// Weight of a long word's prefix relative to a whole word.
pub const PREFIX_WEIGHT: f32 = 0.5;
/// Weight of a number relative to a word: numbers are strong anchors.
pub const NUMBER_WEIGHT: f32 = 1.5;

#[derive(Clone, Default)]
struct KeyInfo {
    word: Option<u32>,
    prefix: Option<u32>,
    grams: Vec<u32>,
}

/// Turns sentences into features. One extractor must serve both sides of
/// a pair so that ids agree; it caches stems per distinct word.
#[derive(Default)]
pub struct Extractor {
    ids: HashMap<(FeatureKind, String), u32>,
    gram_ids: HashMap<u32, u32>,
    keys: HashMap<String, u32>,
    infos: Vec<KeyInfo>,
    number: String,
    numbers: HashMap<String, u32>,
    scratch: Vec<u32>,
    /// Per id, the last sentence that used it: deduplicates without sorting.
    seen: Vec<u32>,
    sentence: u32,
    kinds: Vec<FeatureKind>,
}

impl Extractor {
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// The kind of every id handed out so far, indexed by id.
    pub fn kinds(&self) -> &[FeatureKind] {
        &self.kinds
    }

    fn intern(&mut self, kind: FeatureKind, value: String) -> u32 {
        let next = self.kinds.len() as u32;
        let id = *self.ids.entry((kind, value)).or_insert(next);
        if id == next {
            self.kinds.push(kind);
        }
        id
    }

    fn push_unique(seen: &mut Vec<u32>, sentence: u32, ids: &mut Vec<u32>, id: u32) {
        let slot = id as usize;
        if slot >= seen.len() {
            seen.resize(slot + 1, 0);
        }
        if seen[slot] != sentence {
            seen[slot] = sentence;
            ids.push(id);
        }
    }

    /// Features of one sentence text.
    pub fn features(&mut self, text: &str) -> Features {
        let mut raw = std::mem::take(&mut self.scratch);
        raw.clear();
        for_each_token(text, |token| {
            if token.numeric {
                self.number.clear();
                self.number.extend(token.key.chars().filter(|c| *c != ','));
                let id = match self.numbers.get(self.number.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = self.kinds.len() as u32;
                        self.kinds.push(FeatureKind::Number);
                        self.numbers.insert(self.number.clone(), id);
                        id
                    }
                };
                raw.push(id);
                return;
            }
            if let Some(words) = expand_acronym(token.key).filter(|_| token.capitalized) {
                for word in words {
                    let info = self.key_info(word);
                    raw.extend(self.infos[info].word);
                }
                return;
            }
            let idx = self.key_info(token.key);
            let info = &self.infos[idx];
            if let Some(w) = info.word {
                raw.push(w);
                raw.extend(info.prefix);
                if token.capitalized {
                    raw.extend_from_slice(&info.grams);
                }
            }
        });
        self.sentence += 1;
        let mut ids = Vec::with_capacity(raw.len());
        for &id in &raw {
            Self::push_unique(&mut self.seen, self.sentence, &mut ids, id);
        }
        self.scratch = raw;
        Features {
            ids,
            len: text.len() as u32,
            non_article: false,
        }
    }

    /// The index in `infos` of a key's cached features.
    fn key_info(&mut self, key: &str) -> usize {
        if let Some(&idx) = self.keys.get(key) {
            return idx as usize;
        }
        let letters = key.chars().any(char::is_alphabetic);
        let info = if is_stopword(key) || !letters {
            KeyInfo::default()
        } else {
            let word = self.intern(FeatureKind::Word, stem(key).to_string());
            let prefix = (key.chars().count() >= 7)
                .then(|| self.intern(FeatureKind::Prefix, key.chars().take(5).collect()));
            let grams = trigrams(key)
                .into_iter()
                .map(|h| {
                    let next = self.kinds.len() as u32;
                    let id = *self.gram_ids.entry(h).or_insert(next);
                    if id == next {
                        self.kinds.push(FeatureKind::Gram);
                    }
                    id
                })
                .collect();
            KeyInfo {
                word: Some(word),
                prefix,
                grams,
            }
        };
        self.infos.push(info);
        self.keys
            .insert(key.to_string(), (self.infos.len() - 1) as u32);
        self.infos.len() - 1
    }
}

/// Acronyms that translations usually spell out ("U.S." ↔ "United States").
fn expand_acronym(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "u.s" | "us" => &["united", "states"],
        "u.k" | "uk" => &["united", "kingdom"],
        "e.u" | "eu" => &["european", "union"],
        "u.n" | "un" => &["united", "nations"],
        _ => return None,
    })
}

/// Hashed character trigrams of a word padded with boundary marks,
/// letters only ("zelei sky" and "zeleisky" share them).
pub fn trigrams(key: &str) -> Vec<u32> {
    let mut chars: Vec<char> = vec!['^'];
    chars.extend(key.chars().filter(|c| c.is_alphabetic()));
    chars.push('$');
    chars
        .windows(3)
        .map(|w| {
            let mut h: u32 = 0x811c_9dc5;
            for c in w {
                h = (h ^ *c as u32).wrapping_mul(0x0100_0193);
            }
            h
        })
        .collect()
}

/// Feature weights for one document pair: kind weight × idf.
#[derive(Debug, Clone)]
pub struct Weights {
    pub weight: Vec<f32>,
    pub kinds: Vec<FeatureKind>,
    /// In how many original / translation sentences each id occurs.
    pub df_orig: Vec<u32>,
    pub df_trans: Vec<u32>,
}

impl Weights {
    pub fn new(kinds: &[FeatureKind], orig: &[Features], trans: &[Features]) -> Weights {
        let mut df_orig = vec![0u32; kinds.len()];
        let mut df_trans = vec![0u32; kinds.len()];
        for f in orig {
            for &id in &f.ids {
                df_orig[id as usize] += 1;
            }
        }
        for f in trans {
            for &id in &f.ids {
                df_trans[id as usize] += 1;
            }
        }
        // Short documents count as 20 sentences: with two sentences, a
        // shared word (df 2) would weigh nothing against unshared ones.
        let total = (orig.len() + trans.len()).max(20) as f32;
        let weight = kinds
            .iter()
            .enumerate()
            .map(|(id, k)| {
                let df = (df_orig[id] + df_trans[id]).max(1) as f32;
                k.weight() * (total / df).ln().max(0.1)
            })
            .collect();
        Weights {
            weight,
            kinds: kinds.to_vec(),
            df_orig,
            df_trans,
        }
    }

    /// The weighted size of a sentence's features.
    pub fn mass(&self, f: &Features) -> f32 {
        f.ids.iter().map(|&id| self.weight[id as usize]).sum()
    }
}

/// Weighted overlaps of one sentence with many others: the sentence's
/// weights are spread into a dense array, so each overlap costs one lookup
/// per feature of the other sentence.
pub struct Marker<'w> {
    weights: &'w Weights,
    marked: Vec<f32>,
}

impl<'w> Marker<'w> {
    pub fn new(weights: &'w Weights) -> Marker<'w> {
        Marker {
            weights,
            marked: vec![0.0; weights.weight.len()],
        }
    }

    /// Makes `f` the sentence that overlaps are measured against.
    pub fn set(&mut self, f: &Features) {
        for &id in &f.ids {
            self.marked[id as usize] = self.weights.weight[id as usize];
        }
    }

    /// Undoes [`Marker::set`] (cheaper than clearing the whole array).
    pub fn unset(&mut self, f: &Features) {
        for &id in &f.ids {
            self.marked[id as usize] = 0.0;
        }
    }

    /// Weighted size of the intersection of the set sentence and `other`.
    #[inline]
    pub fn overlap(&self, other: &Features) -> f32 {
        other.ids.iter().map(|&id| self.marked[id as usize]).sum()
    }

    /// Weighted overlap of two sentences, leaving the marker as it was.
    pub fn pair(&mut self, a: &Features, b: &Features) -> f32 {
        self.set(a);
        let o = self.overlap(b);
        self.unset(a);
        o
    }
}

/// Weighted Dice similarity from an overlap and two masses; an overlap
/// summed over sentence pairs is clamped to the smaller side.
pub fn dice(overlap: f32, a: f32, b: f32) -> f32 {
    let den = a + b;
    if den <= 0.0 {
        return 0.0;
    }
    2.0 * overlap.min(a).min(b) / den
}

/// Share of `b`'s weighted features found in `a`.
pub fn containment(overlap: f32, a: f32, b: f32) -> f32 {
    if b <= 0.0 {
        return 0.0;
    }
    overlap.min(a).min(b) / b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: &str, b: &str, others: &[&str]) -> f32 {
        let mut x = Extractor::new();
        let fa = x.features(a);
        let fb = x.features(b);
        let rest: Vec<Features> = others.iter().map(|s| x.features(s)).collect();
        let mut orig = vec![fa.clone()];
        orig.extend(rest);
        let w = Weights::new(x.kinds(), &orig, std::slice::from_ref(&fb));
        dice(Marker::new(&w).pair(&fa, &fb), w.mass(&fa), w.mass(&fb))
    }

    #[test]
    fn corrupted_names_still_match() {
        let s = pair(
            "Ukraine entered Kursk.",
            "Ukraine invaded Kurusk.",
            &["Something else entirely."],
        );
        assert!(s > 0.3, "{s}");
    }

    #[test]
    fn paraphrase_scores_above_unrelated() {
        let others = ["The Kremlin rejected offers to de-escalate the conflict."];
        let close = pair(
            "Russia has steadily lost territory over the past 20 months.",
            "It has been constantly losing territories in the past 20 months.",
            &others,
        );
        let far = pair(
            "The Kremlin rejected offers to de-escalate the conflict.",
            "It has been constantly losing territories in the past 20 months.",
            &["Russia has steadily lost territory over the past 20 months."],
        );
        assert!(close > 0.3 && far < 0.1, "{close} {far}");
    }
}
