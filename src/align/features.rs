//! What the aligner compares: per sentence, a sorted set of feature ids:
//! stemmed content words, character trigrams of name-like words (so
//! "Kurusk" still meets "Kursk") and numbers. Each id carries a weight:
//! its kind's weight times its inverse document frequency over the pair,
//! so that words every sentence shares ("Ukraine") count for little.
//!
//! Features are read off the pair's analysis ([`crate::analysis`]): a
//! word's stem, prefix and trigrams are looked up by its id, once per
//! distinct word of the pair.

use rustc_hash::FxHashMap as HashMap;

use crate::analysis::{AnalysedSentence, PairAnalysis, StemId, WordId};
use crate::lexicon::stem;

/// Features of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Distinct feature ids, in order of first occurrence.
    pub ids: Vec<u32>,
    /// Length in bytes of the sentence, for the length prior.
    pub len: u32,
    /// Non-article text (chrome, tails): aligns only on clear evidence.
    pub non_article: bool,
    /// Its paragraph's rank among its side's paragraphs that hold a
    /// sentence, from 0.
    pub paragraph: u32,
}

/// What a feature id stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeatureKind {
    /// A content word's stem.
    Word,
    /// The first five letters of a long word: catches irregular forms the
    /// stemmer misses ("understood" / "understand").
    Prefix,
    /// A character trigram of a capitalised word.
    Gram,
    /// A number, written in digits.
    Number,
    /// Two stems WordNet lists as synonyms ("aid" ~ "assistance"), both
    /// words of the pair: one id for the two, so a paraphrase that swaps
    /// one for the other still meets.
    Synonym,
}

impl FeatureKind {
    fn weight(self) -> f32 {
        match self {
            FeatureKind::Word => 1.0,
            FeatureKind::Prefix => PREFIX_WEIGHT,
            FeatureKind::Gram => GRAM_WEIGHT,
            FeatureKind::Number => NUMBER_WEIGHT,
            FeatureKind::Synonym => SYNONYM_WEIGHT,
        }
    }
}

/// Weight of a character trigram relative to a whole word.
pub const GRAM_WEIGHT: f32 = 0.2;
/// Weight of a long word's prefix relative to a whole word.
pub const PREFIX_WEIGHT: f32 = 0.5;
/// Weight of a number relative to a word: numbers are strong anchors.
pub const NUMBER_WEIGHT: f32 = 1.5;

/// Weight of a synonym link relative to a whole word.
pub const SYNONYM_WEIGHT: f32 = 0.6;

/// Words of at least this many characters contribute their prefix.
const PREFIX_MIN_CHARS: u32 = 7;

/// No id handed out yet.
const NONE: u32 = u32::MAX;

/// The features of both sides of a pair, with the kind of every id.
#[derive(Debug, Clone, Default)]
pub struct PairFeatures {
    /// Per original sentence.
    pub orig: Vec<Features>,
    /// Per translation sentence.
    pub trans: Vec<Features>,
    /// The kind of every id, indexed by id.
    pub kinds: Vec<FeatureKind>,
}

/// Reads the features of a pair's sentences.
pub fn extract(pair: &PairAnalysis) -> PairFeatures {
    let mut extractor = Extractor::new(pair);
    let mut side = |sentences: &[AnalysedSentence]| -> Vec<Features> {
        let mut rank = 0;
        sentences
            .iter()
            .enumerate()
            .map(|(k, s)| {
                if k > 0 && s.paragraph != sentences[k - 1].paragraph {
                    rank += 1;
                }
                Features {
                    paragraph: rank,
                    ..extractor.features(s)
                }
            })
            .collect()
    };
    let orig = side(&pair.orig);
    let trans = side(&pair.trans);
    PairFeatures {
        orig,
        trans,
        kinds: extractor.kinds,
    }
}

/// Hands out feature ids for one pair, dense from 0, the same on both
/// sides.
struct Extractor<'p> {
    pair: &'p PairAnalysis<'p>,
    /// Per stem of the vocabulary, its id (or [`NONE`]).
    stem_ids: Vec<u32>,
    /// Stems of spelt-out acronyms that no word of the pair has.
    other_stems: HashMap<String, u32>,
    /// Per prefix of the vocabulary, its id (or [`NONE`]).
    prefix_ids: Vec<u32>,
    gram_ids: HashMap<u32, u32>,
    /// Per pair of synonymous stems (lower id first), its id.
    synonym_ids: HashMap<(u32, u32), u32>,
    /// Per stem, the sides its words occur on (1 original, 2 translation).
    stem_sides: Vec<u8>,
    numbers: HashMap<String, u32>,
    /// Per word, the range in `recipes` of the ids an occurrence stands
    /// for, written in lower case (0) or capitalised (1): worked out on
    /// the first such occurrence.
    recipe: Vec<[Option<(u32, u32)>; 2]>,
    recipes: Vec<u32>,
    /// The kind of every id handed out.
    kinds: Vec<FeatureKind>,
    /// Reused buffer of a sentence's ids before deduplication.
    raw: Vec<u32>,
    /// Per id, the last sentence that used it: deduplicates without
    /// sorting.
    seen: Vec<u32>,
    sentence: u32,
}

impl<'p> Extractor<'p> {
    fn new(pair: &'p PairAnalysis<'p>) -> Extractor<'p> {
        let v = &pair.vocabulary;
        Extractor {
            pair,
            stem_ids: vec![NONE; v.stem_count()],
            other_stems: HashMap::default(),
            prefix_ids: vec![NONE; v.prefix_count()],
            gram_ids: HashMap::default(),
            synonym_ids: HashMap::default(),
            stem_sides: {
                let mut sides = vec![0u8; v.stem_count()];
                for (bit, side) in [(1u8, &pair.orig), (2u8, &pair.trans)] {
                    for t in side.iter().flat_map(|s| &s.tokens) {
                        sides[v[t.word].stem.index()] |= bit;
                    }
                }
                sides
            },
            numbers: HashMap::default(),
            recipe: vec![[None; 2]; v.len()],
            recipes: Vec::new(),
            kinds: Vec::new(),
            raw: Vec::new(),
            seen: Vec::new(),
            sentence: 0,
        }
    }

    fn next_id(&mut self, kind: FeatureKind) -> u32 {
        self.kinds.push(kind);
        (self.kinds.len() - 1) as u32
    }

    fn stem_id(&mut self, stem: StemId) -> u32 {
        if self.stem_ids[stem.index()] == NONE {
            self.stem_ids[stem.index()] = self.next_id(FeatureKind::Word);
        }
        self.stem_ids[stem.index()]
    }

    /// The id of a stem given as text (a spelt-out acronym's word).
    fn stem_text_id(&mut self, text: &str) -> u32 {
        if let Some(stem) = self.pair.vocabulary.stem_id(text) {
            return self.stem_id(stem);
        }
        if let Some(&id) = self.other_stems.get(text) {
            return id;
        }
        let id = self.next_id(FeatureKind::Word);
        self.other_stems.insert(text.to_string(), id);
        id
    }

    /// Features of one sentence.
    fn features(&mut self, sentence: &AnalysedSentence) -> Features {
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        for t in &sentence.tokens {
            let (from, to) = self.recipe(t.word, t.capitalized);
            raw.extend_from_slice(&self.recipes[from as usize..to as usize]);
        }
        self.raw = raw;
        Features {
            ids: self.distinct(),
            len: sentence.text.len() as u32,
            non_article: matches!(sentence.label, crate::Label::Chrome | crate::Label::Tail),
            paragraph: 0,
        }
    }

    /// Where in `recipes` the ids of an occurrence of `word` lie.
    fn recipe(&mut self, word: WordId, capitalized: bool) -> (u32, u32) {
        let slot = usize::from(capitalized);
        if let Some(range) = self.recipe[word.index()][slot] {
            return range;
        }
        let mut ids = std::mem::take(&mut self.recipes);
        let from = ids.len() as u32;
        self.push_features(word, capitalized, &mut ids);
        let range = (from, ids.len() as u32);
        self.recipes = ids;
        self.recipe[word.index()][slot] = Some(range);
        range
    }

    /// Pushes the ids an occurrence of `word` stands for, handing out
    /// new ones in order of first use.
    fn push_features(&mut self, id: WordId, capitalized: bool, raw: &mut Vec<u32>) {
        let v = &self.pair.vocabulary;
        let (word, key) = (&v[id], v.key(id));
        if word.numeric {
            let plain: String = key.chars().filter(|&c| c != ',').collect();
            let id = match self.numbers.get(&plain) {
                Some(&id) => id,
                None => {
                    let id = self.next_id(FeatureKind::Number);
                    self.numbers.insert(plain, id);
                    id
                }
            };
            raw.push(id);
            return;
        }
        if let Some(words) = capitalized.then(|| expand_acronym(key)).flatten() {
            for w in words {
                raw.push(self.stem_text_id(&stem(w)));
            }
            return;
        }
        if word.stopword || word.letters == 0 {
            return;
        }
        let (stem, prefix, chars) = (word.stem, word.prefix, word.chars);
        raw.push(self.stem_id(stem));
        // A link to every synonym that only the other side has, when
        // this stem is found on one side only: a word rendered by a
        // synonym throughout. (Words found on both sides meet directly;
        // links to them would only dilute.)
        let side = self.stem_sides[stem.index()];
        let synonyms = if side == 3 {
            &[][..]
        } else {
            crate::lexicon::synonym_list(v.stem(stem))
        };
        for other in synonyms {
            let Some(other) = v
                .stem_id(other)
                .filter(|&o| o != stem && self.stem_sides[o.index()] == 3 - side)
            else {
                continue;
            };
            let key = (
                stem.index().min(other.index()) as u32,
                stem.index().max(other.index()) as u32,
            );
            let id = match self.synonym_ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = self.next_id(FeatureKind::Synonym);
                    self.synonym_ids.insert(key, id);
                    id
                }
            };
            raw.push(id);
        }
        if let Some(prefix) = prefix.filter(|_| chars >= PREFIX_MIN_CHARS) {
            if self.prefix_ids[prefix.index()] == NONE {
                self.prefix_ids[prefix.index()] = self.next_id(FeatureKind::Prefix);
            }
            raw.push(self.prefix_ids[prefix.index()]);
        }
        if capitalized {
            for h in trigrams(self.pair.vocabulary.key(id)) {
                let gram = match self.gram_ids.get(&h) {
                    Some(&gram) => gram,
                    None => {
                        let gram = self.next_id(FeatureKind::Gram);
                        self.gram_ids.insert(h, gram);
                        gram
                    }
                };
                raw.push(gram);
            }
        }
    }

    /// The distinct ids of the sentence's raw ids, in order of first
    /// occurrence.
    fn distinct(&mut self) -> Vec<u32> {
        self.sentence += 1;
        // Every id is below the number handed out so far.
        if self.seen.len() < self.kinds.len() {
            self.seen.resize(self.kinds.len(), 0);
        }
        let mut ids = Vec::with_capacity(self.raw.len());
        for &id in &self.raw {
            let seen = &mut self.seen[id as usize];
            if *seen != self.sentence {
                *seen = self.sentence;
                ids.push(id);
            }
        }
        ids
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
        // Document frequencies are small integers: each idf is worked out
        // once per pair, not once per id.
        let mut idf: Vec<f32> = Vec::new();
        let weight = kinds
            .iter()
            .enumerate()
            .map(|(id, k)| {
                let df = (df_orig[id] + df_trans[id]).max(1) as usize;
                if df >= idf.len() {
                    idf.extend((idf.len()..=df).map(|d| (total / d as f32).ln().max(0.1)));
                }
                k.weight() * idf[df]
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
        Marker::with_buffer(weights, Vec::new())
    }

    /// A marker reusing the buffer of an earlier one ([`Marker::into_buffer`]):
    /// a document anchored in many stretches allocates it once.
    pub fn with_buffer(weights: &'w Weights, mut buffer: Vec<f32>) -> Marker<'w> {
        buffer.resize(weights.weight.len(), 0.0);
        Marker {
            weights,
            marked: buffer,
        }
    }

    /// The buffer, all zero again when every `set` was undone.
    pub fn into_buffer(self) -> Vec<f32> {
        self.marked
    }

    /// Makes `f` the sentence that overlaps are measured against.
    pub fn set(&mut self, f: &Features) {
        self.set_ids(&f.ids);
    }

    /// Undoes [`Marker::set`] (cheaper than clearing the whole array).
    pub fn unset(&mut self, f: &Features) {
        self.unset_ids(&f.ids);
    }

    /// Makes these ids (part of a sentence) what overlaps are measured
    /// against.
    pub fn set_ids(&mut self, ids: &[u32]) {
        for &id in ids {
            self.marked[id as usize] = self.weights.weight[id as usize];
        }
    }

    /// Undoes [`Marker::set_ids`].
    pub fn unset_ids(&mut self, ids: &[u32]) {
        for &id in ids {
            self.marked[id as usize] = 0.0;
        }
    }

    /// Weighted size of the intersection of the set sentence and `other`.
    #[inline]
    pub fn overlap(&self, other: &Features) -> f32 {
        other.ids.iter().map(|&id| self.marked[id as usize]).sum()
    }

    /// Weighted overlap of two sentences, leaving the marker as it was.
    #[cfg(test)]
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
    use crate::analysis::Analyzer;

    /// Dice similarity of `a` and `b` in a pair whose original also has
    /// the sentences `others`.
    fn pair(a: &str, b: &str, others: &[&str]) -> f32 {
        let mut orig = vec![a];
        orig.extend_from_slice(others);
        let trans = [b];
        let analysis = Analyzer::new().analyse_texts(&orig, &trans);
        let f = extract(&analysis);
        let w = Weights::new(&f.kinds, &f.orig, &f.trans);
        let (fa, fb) = (&f.orig[0], &f.trans[0]);
        dice(Marker::new(&w).pair(fa, fb), w.mass(fa), w.mass(fb))
    }

    #[test]
    fn features_are_words_prefixes_trigrams_and_numbers() {
        let analysis = Analyzer::new().analyse_texts(
            &["President Zelensky visited the U.S. on 12 August with 1,000 troops."],
            &["Zelenskyy went to the United States with 1000 soldiers."],
        );
        let f = extract(&analysis);
        let count = |side: &Features, kind| {
            side.ids
                .iter()
                .filter(|&&id| f.kinds[id as usize] == kind)
                .count()
        };
        let (o, t) = (&f.orig[0], &f.trans[0]);
        // president, zelensky, visit, unit+state, august, troop; the
        // prefixes of president, zelensky, visited.
        assert_eq!(count(o, FeatureKind::Word), 7);
        assert_eq!(count(o, FeatureKind::Prefix), 3);
        assert_eq!(count(o, FeatureKind::Number), 2);
        assert!(count(o, FeatureKind::Gram) > 10);
        // "1,000" and "1000" are one number; "U.S." and "United States"
        // share their stems.
        let shared: Vec<FeatureKind> = o
            .ids
            .iter()
            .filter(|id| t.ids.contains(id))
            .map(|&id| f.kinds[id as usize])
            .collect();
        assert_eq!(
            shared.iter().filter(|k| **k == FeatureKind::Number).count(),
            1
        );
        assert!(
            shared.iter().filter(|k| **k == FeatureKind::Word).count() >= 2,
            "{shared:?}"
        );
        assert!(o.ids.windows(2).all(|w| w[0] != w[1]));
    }

    #[test]
    fn synonyms_found_on_one_side_each_meet() {
        // "aid" only in the original, "assistance" only in the
        // translation: one synonym link. "arrived" is on both sides and
        // links to nothing.
        let analysis = Analyzer::new().analyse_texts(
            &["The aid arrived late."],
            &["The assistance arrived late."],
        );
        let f = extract(&analysis);
        let links = |side: &Features| -> Vec<u32> {
            side.ids
                .iter()
                .copied()
                .filter(|&id| f.kinds[id as usize] == FeatureKind::Synonym)
                .collect()
        };
        assert_eq!(links(&f.orig[0]).len(), 1, "{:?}", f.orig[0]);
        assert_eq!(links(&f.orig[0]), links(&f.trans[0]));
        let with_aid_on_both = Analyzer::new()
            .analyse_texts(&["The aid arrived."], &["The aid and assistance arrived."]);
        let g = extract(&with_aid_on_both);
        assert!(g.orig[0]
            .ids
            .iter()
            .all(|&id| g.kinds[id as usize] != FeatureKind::Synonym));
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
