//! What the aligner compares: per sentence, a sorted set of feature ids:
//! stemmed content words, character trigrams of name-like words (so
//! "Kurusk" still meets "Kursk") and numbers. Each id carries a weight:
//! its kind's weight times its inverse document frequency over the pair,
//! so that words every sentence shares ("Ukraine") count for little.

use rustc_hash::FxHashMap as HashMap;

use crate::text::{for_each_token_span, is_stopword, stem, token_key, Key, Token};

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

/// What one word key contributes, in the vocabulary's id space.
#[derive(Clone, Default)]
struct KeyInfo {
    word: Option<u32>,
    prefix: Option<u32>,
    /// Range of the word's trigram ids in `Vocabulary::grams`.
    grams: (u32, u32),
}

/// Per-thread cache of word features: the stem, prefix and trigrams of a
/// word are worked out once per thread, not once per document. A batch
/// meets the same few thousand words in every pair; working them out
/// again was most of the cost of aligning a short article.
struct Vocabulary {
    /// What each surface form (as written) stands for: looking the surface
    /// up directly saves folding it to a key for every token.
    surfaces: HashMap<Box<str>, Surface>,
    keys: HashMap<Box<str>, u32>,
    /// Tells this vocabulary from earlier ones in a key's aligner slot
    /// (see [`Vocabulary::shared_key_info`]); never 0.
    id: u32,
    infos: Vec<KeyInfo>,
    grams: Vec<u32>,
    /// Vocabulary ids of stems and of prefixes.
    stems: HashMap<Box<str>, u32>,
    prefixes: HashMap<Box<str>, u32>,
    gram_ids: HashMap<u32, u32>,
    /// The kind of every vocabulary id.
    kinds: Vec<FeatureKind>,
    /// Per vocabulary id, (stamp, document-local id): the local id is
    /// valid when the stamp matches the current extractor's generation.
    /// Grows with `kinds`, so every id has its slot.
    slots: Vec<(u32, u32)>,
    generation: u32,
}

/// What a token's surface form contributes.
#[derive(Clone, Copy)]
enum Surface {
    Number,
    Acronym(&'static [&'static str]),
    /// A word: its index in `Vocabulary::infos`, and whether it is
    /// capitalised (capitalised words add their trigrams).
    Word(u32, bool),
}

/// Vocabularies beyond this many surface forms are dropped and started
/// again, so a long stream of unique tokens cannot grow one without bound
/// (about 20 MB per thread at the limit).
const VOCABULARY_LIMIT: usize = 200_000;

thread_local! {
    static VOCABULARY: std::cell::Cell<Option<Box<Vocabulary>>> =
        const { std::cell::Cell::new(None) };
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::new()
    }
}

impl Vocabulary {
    fn new() -> Vocabulary {
        // Ids tell vocabularies apart in the keys' aligner slots.
        static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let mut id = 0;
        while id == 0 {
            id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Vocabulary {
            surfaces: HashMap::default(),
            keys: HashMap::default(),
            id,
            infos: Vec::new(),
            grams: Vec::new(),
            stems: HashMap::default(),
            prefixes: HashMap::default(),
            gram_ids: HashMap::default(),
            kinds: Vec::new(),
            slots: Vec::new(),
            generation: 0,
        }
    }

    fn intern(&mut self, kind: FeatureKind, value: &str) -> u32 {
        let map = match kind {
            FeatureKind::Prefix => &mut self.prefixes,
            _ => &mut self.stems,
        };
        if let Some(&id) = map.get(value) {
            return id;
        }
        let id = self.kinds.len() as u32;
        map.insert(value.into(), id);
        self.add_id(kind);
        id
    }

    /// Hands out the next vocabulary id.
    fn add_id(&mut self, kind: FeatureKind) {
        self.kinds.push(kind);
        self.slots.push((0, 0));
    }

    /// What a surface form stands for, worked out on first sight.
    fn surface(&mut self, surface: &str, key: &mut String) -> Surface {
        if let Some(&known) = self.surfaces.get(surface) {
            return known;
        }
        token_key(surface, key);
        let first = surface.chars().next();
        let capitalized = first.is_some_and(char::is_uppercase);
        let meaning = if first.is_some_and(|c| c.is_ascii_digit()) {
            Surface::Number
        } else if let Some(words) = capitalized.then(|| expand_acronym(key)).flatten() {
            Surface::Acronym(words)
        } else {
            Surface::Word(self.key_info(key) as u32, capitalized)
        };
        self.surfaces.insert(surface.into(), meaning);
        meaning
    }

    /// [`Vocabulary::key_info`] of a shared key, noted in the key itself:
    /// no string hashing or comparison after the first sight. A note left
    /// by an earlier vocabulary (a dropped one) carries another id.
    fn shared_key_info(&mut self, key: &Key) -> u32 {
        let slot = key.aligner_slot();
        let note = slot.get();
        if note >> 32 == u64::from(self.id) {
            return note as u32;
        }
        let idx = self.key_info(key) as u32;
        slot.set(u64::from(self.id) << 32 | u64::from(idx));
        idx
    }

    /// The index in `infos` of a key's features.
    fn key_info(&mut self, key: &str) -> usize {
        if let Some(&idx) = self.keys.get(key) {
            return idx as usize;
        }
        let letters = key.chars().any(char::is_alphabetic);
        let info = if is_stopword(key) || !letters {
            KeyInfo::default()
        } else {
            let word = self.intern(FeatureKind::Word, &stem(key));
            let prefix = (key.chars().count() >= 7).then(|| {
                let end = key.char_indices().nth(5).map_or(key.len(), |(i, _)| i);
                self.intern(FeatureKind::Prefix, &key[..end])
            });
            let from = self.grams.len() as u32;
            for h in trigrams(key) {
                let next = self.kinds.len() as u32;
                let id = *self.gram_ids.entry(h).or_insert(next);
                if id == next {
                    self.add_id(FeatureKind::Gram);
                }
                self.grams.push(id);
            }
            KeyInfo {
                word: Some(word),
                prefix,
                grams: (from, self.grams.len() as u32),
            }
        };
        self.infos.push(info);
        self.keys.insert(key.into(), (self.infos.len() - 1) as u32);
        self.infos.len() - 1
    }
}

/// Turns sentences into features. One extractor must serve both sides of
/// a pair so that ids agree. Ids are local to the extractor (dense from
/// 0), so per-document arrays stay small; the words behind them come from
/// the thread's [`Vocabulary`] cache.
pub struct Extractor {
    vocabulary: Box<Vocabulary>,
    numbers: HashMap<String, u32>,
    /// Reused buffer for folded keys.
    key: String,
    scratch: Vec<u32>,
    /// Per local id, the last sentence that used it: deduplicates without
    /// sorting.
    seen: Vec<u32>,
    sentence: u32,
    kinds: Vec<FeatureKind>,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Drop for Extractor {
    fn drop(&mut self) {
        let vocabulary = std::mem::take(&mut self.vocabulary);
        if vocabulary.surfaces.len() + vocabulary.keys.len() <= VOCABULARY_LIMIT {
            // With two extractors alive on one thread, the last dropped wins.
            let _ = VOCABULARY.try_with(|slot| slot.set(Some(vocabulary)));
        }
    }
}

impl Extractor {
    pub fn new() -> Extractor {
        let mut vocabulary = VOCABULARY
            .try_with(|slot| slot.take())
            .ok()
            .flatten()
            .unwrap_or_default();
        vocabulary.generation = vocabulary.generation.wrapping_add(1);
        if vocabulary.generation == 0 {
            // Stamps wrapped around: no stale stamp may match.
            vocabulary.slots.fill((0, 0));
            vocabulary.generation = 1;
        }
        Extractor {
            vocabulary,
            numbers: HashMap::default(),
            key: String::new(),
            scratch: Vec::new(),
            seen: Vec::new(),
            sentence: 0,
            kinds: Vec::new(),
        }
    }

    /// The kind of every id handed out so far, indexed by id.
    pub fn kinds(&self) -> &[FeatureKind] {
        &self.kinds
    }

    /// The local id of a vocabulary id, handing out the next one on first
    /// use.
    #[inline]
    fn local(&mut self, global: u32) -> u32 {
        let v = &mut *self.vocabulary;
        let g = global as usize;
        let slot = &mut v.slots[g];
        if slot.0 != v.generation {
            *slot = (v.generation, self.kinds.len() as u32);
            self.kinds.push(v.kinds[g]);
        }
        slot.1
    }

    /// Features of one sentence text.
    pub fn features(&mut self, text: &str) -> Features {
        let mut raw = std::mem::take(&mut self.scratch);
        raw.clear();
        let mut key = std::mem::take(&mut self.key);
        for_each_token_span(text, |start, end| {
            let surface = &text[start..end];
            if surface.is_empty() {
                return;
            }
            let meaning = self.vocabulary.surface(surface, &mut key);
            if let Surface::Number = meaning {
                token_key(surface, &mut key);
            }
            self.push_features(meaning, &key, &mut raw);
        });
        self.key = key;
        self.finish(raw, text.len())
    }

    /// Features of a sentence already split into tokens (the same ids as
    /// [`Extractor::features`] of its text): the checkers tokenise every
    /// sentence anyway, so the aligner reads their tokens instead of
    /// splitting the text again.
    pub fn features_of_tokens(&mut self, tokens: &[Token], len: usize) -> Features {
        let mut raw = std::mem::take(&mut self.scratch);
        raw.clear();
        for t in tokens {
            let meaning = if t.numeric {
                Surface::Number
            } else if let Some(words) = t.capitalized.then(|| expand_acronym(&t.key)).flatten() {
                Surface::Acronym(words)
            } else {
                Surface::Word(self.vocabulary.shared_key_info(&t.key), t.capitalized)
            };
            self.push_features(meaning, &t.key, &mut raw);
        }
        self.finish(raw, len)
    }

    /// Pushes the ids a token stands for; `key` is its folded key (read
    /// only for numbers).
    fn push_features(&mut self, meaning: Surface, key: &str, raw: &mut Vec<u32>) {
        match meaning {
            Surface::Number => {
                let plain: std::borrow::Cow<str> = if key.contains(',') {
                    key.chars().filter(|&c| c != ',').collect::<String>().into()
                } else {
                    key.into()
                };
                let id = match self.numbers.get(&*plain) {
                    Some(&id) => id,
                    None => {
                        let id = self.kinds.len() as u32;
                        self.kinds.push(FeatureKind::Number);
                        self.numbers.insert(plain.into_owned(), id);
                        id
                    }
                };
                raw.push(id);
            }
            Surface::Acronym(words) => {
                for word in words {
                    let info = self.vocabulary.key_info(word);
                    if let Some(w) = self.vocabulary.infos[info].word {
                        raw.push(self.local(w));
                    }
                }
            }
            Surface::Word(idx, capitalized) => {
                let info = self.vocabulary.infos[idx as usize].clone();
                if let Some(w) = info.word {
                    raw.push(self.local(w));
                    if let Some(p) = info.prefix {
                        raw.push(self.local(p));
                    }
                    if capitalized {
                        for g in info.grams.0..info.grams.1 {
                            let global = self.vocabulary.grams[g as usize];
                            raw.push(self.local(global));
                        }
                    }
                }
            }
        }
    }

    /// The distinct ids of a sentence's raw ids, in order of first
    /// occurrence.
    fn finish(&mut self, raw: Vec<u32>, len: usize) -> Features {
        self.sentence += 1;
        // Every id is below the number handed out so far.
        if self.seen.len() < self.kinds.len() {
            self.seen.resize(self.kinds.len(), 0);
        }
        let mut ids = Vec::with_capacity(raw.len());
        for &id in &raw {
            let seen = &mut self.seen[id as usize];
            if *seen != self.sentence {
                *seen = self.sentence;
                ids.push(id);
            }
        }
        self.scratch = raw;
        Features {
            ids,
            len: len as u32,
            non_article: false,
        }
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
    fn tokens_give_the_ids_of_the_text() {
        let texts = [
            "President Zelensky visited Kursk on 12 August, the U.S. said.",
            "Ukraine’s 1,000 troops and the EU's envoy met in Kyiv.battlefield.However, US aid",
            "Zelei Sky visited Kurusk; Zelenský’s plan – “victory” – failed 3,000 times.",
        ];
        let (mut by_text, mut by_tokens) = (Extractor::new(), Extractor::new());
        for text in texts {
            let tokens = crate::text::tokenize(text);
            let a = by_text.features(text);
            let b = by_tokens.features_of_tokens(&tokens, text.len());
            assert_eq!(a.ids, b.ids, "{text}");
            assert_eq!(a.len, b.len);
        }
        assert_eq!(by_text.kinds(), by_tokens.kinds());
    }

    #[test]
    fn ids_do_not_depend_on_what_the_thread_saw_before() {
        let text = "President Zelensky visited Kursk on 12 August, the U.S. said.";
        let first = Extractor::new().features(text).ids;
        {
            // Another document warms the thread's vocabulary.
            let mut other = Extractor::new();
            other.features("Kharkiv and Donbas saw 3,000 troops; the EU agreed.");
            other.features("Zelei Sky visited Kurusk.");
        }
        let mut again = Extractor::new();
        assert_eq!(again.features(text).ids, first);
        assert_eq!(again.kinds().len(), first.len());
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
