//! Word matching shared by the checkers: which words of one side have a
//! counterpart on the other, allowing inflection, derivation, listed
//! equivalents and corrupted spellings.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

use super::glossary::Glossary;
use super::SentenceView;
use crate::text::Key;

/// Letters and digits of a key, lower-cased ("Zelei Sky" → "zeleisky").
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        out.extend(
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// Similarity of two spellings, 0–1: the normalised indel similarity
/// (2·LCS / total length) of their compact forms. Measured on the seed
/// pair's corrupted names, it separates true from false matches with a
/// wider margin than Jaro-Winkler or Levenshtein (docs/checkers.md).
pub fn spelling_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (compact(a), compact(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    rapidfuzz::distance::indel::normalized_similarity(a.chars(), b.chars())
}

fn without_commas(key: &str) -> String {
    key.chars().filter(|c| *c != ',').collect()
}

/// The first `n` characters of a key.
pub fn prefix(key: &str, n: usize) -> &str {
    if key.len() <= n {
        return key;
    }
    // With n ASCII bytes first, the n-th character starts at byte n.
    if key.as_bytes()[..n].is_ascii() {
        return &key[..n];
    }
    key.char_indices().nth(n).map_or(key, |(i, _)| &key[..i])
}

/// A token of one side of a bead: (sentence, token index).
pub type TokenAt = (usize, usize);

/// An index of the words of one side of a bead (borrowing the tokens'
/// keys: a batch fills one per bead, so it must not allocate per word).
///
/// The words themselves are indexed at once; their stems, prefixes and
/// spellings only when a word is first looked for that is not there as
/// it is (in many beads, every word is).
#[derive(Default)]
pub struct WordIndex<'a> {
    keys: HashSet<&'a Key>,
    /// Keys with commas, without them ("1,000" → "1000").
    comma_free: HashSet<String>,
    sequence: Vec<&'a str>,
    /// The sentences indexed: `views[indices]`.
    views: &'a [SentenceView<'a>],
    indices: Vec<usize>,
    /// Whether `stems`, `prefixes` and `words` are filled.
    extended: bool,
    stems: HashSet<&'a str>,
    prefixes: HashSet<&'a str>,
    /// Compact spellings of the longer words, for fuzzy matching.
    words: Vec<Cow<'a, str>>,
}

/// The compact form of a key, borrowed when it is already compact.
pub fn compact_key(key: &Key) -> Cow<'_, str> {
    if key.is_alphanumeric() {
        Cow::Borrowed(key.as_str())
    } else {
        Cow::Owned(compact(key))
    }
}

/// Words of at least this many letters may match by their first
/// `PREFIX_LEN` letters ("diplomatic" ~ "diplomacy", "Ukrainian" ~ "Ukraine").
const PREFIX_MIN: usize = 6;
const PREFIX_LEN: usize = 5;

impl<'a> WordIndex<'a> {
    pub fn new(views: &'a [SentenceView<'a>], indices: &[usize]) -> WordIndex<'a> {
        let mut index = WordIndex::default();
        index.refill(views, indices);
        index
    }

    /// Makes this the index of other sentences, keeping its buffers: a
    /// checker that indexes bead after bead allocates once, not per bead.
    pub fn refill(&mut self, views: &'a [SentenceView<'a>], indices: &[usize]) {
        let n: usize = indices
            .iter()
            .filter_map(|&s| views.get(s))
            .map(|v| v.tokens.len())
            .sum();
        self.views = views;
        self.indices.clear();
        self.indices.extend_from_slice(indices);
        self.extended = false;
        self.keys.clear();
        self.keys.reserve(n);
        self.comma_free.clear();
        self.sequence.clear();
        self.sequence.reserve(n);
        for view in indices.iter().filter_map(|&s| views.get(s)) {
            for t in &view.tokens {
                self.sequence.push(t.key.as_str());
                self.keys.insert(&t.key);
                if t.key.has_comma() {
                    self.comma_free.insert(without_commas(&t.key));
                }
            }
        }
    }

    /// Indexes the stems, prefixes and spellings of the words, once per
    /// refill.
    fn extend(&mut self) {
        if self.extended {
            return;
        }
        self.extended = true;
        let n = self.sequence.len();
        self.stems.clear();
        self.stems.reserve(n);
        self.prefixes.clear();
        self.prefixes.reserve(n / 2);
        self.words.clear();
        self.words.reserve(n);
        let views = self.views;
        for view in self.indices.iter().filter_map(|&s| views.get(s)) {
            let mut previous: Option<&'a crate::text::Token> = None;
            for t in &view.tokens {
                let token_key = &t.key;
                // Split names rejoin for fuzzy matching ("Zelei Sky").
                if let Some(p) = previous {
                    if p.capitalized && t.capitalized {
                        let (a, b) = (compact_key(&p.key), compact_key(token_key));
                        let mut joined = String::with_capacity(a.len() + b.len());
                        joined.push_str(&a);
                        joined.push_str(&b);
                        self.words.push(Cow::Owned(joined));
                    }
                }
                previous = Some(t);
                if token_key.is_stopword() {
                    continue;
                }
                self.stems.insert(token_key.stem());
                let chars = token_key.char_count();
                if chars >= PREFIX_MIN {
                    self.prefixes.insert(prefix(token_key, PREFIX_LEN));
                }
                if chars >= 4 {
                    self.words.push(compact_key(token_key));
                }
            }
        }
    }

    /// True when a word of the index is `key`, commas aside.
    pub fn contains_key(&self, key: &Key) -> bool {
        if key.has_comma() {
            // Rare (numbers with separators): a scan of the words.
            let bare = without_commas(key);
            return self
                .sequence
                .iter()
                .any(|w| w.chars().filter(|&c| c != ',').eq(bare.chars()));
        }
        self.keys.contains(key) || self.comma_free.contains(key.as_str())
    }

    /// True when the key sequence `phrase` occurs in order.
    pub fn contains_phrase(&self, phrase: &[String]) -> bool {
        !phrase.is_empty()
            && self
                .sequence
                .windows(phrase.len())
                .any(|w| w.iter().zip(phrase).all(|(a, b)| *a == b.as_str()))
    }

    /// True when `key` has a counterpart: the same word, the same stem, a
    /// shared long prefix, a listed rendering (the name checker reports
    /// variants), or (for words of
    /// five letters or more) a spelling at least `fuzzy` similar.
    pub fn has_counterpart(&mut self, key: &Key, glossary: &Glossary, fuzzy: f64) -> bool {
        if self.contains_key(key) {
            return true;
        }
        self.extend();
        let key_stem: &str = key.stem();
        if self.stems.contains(key_stem) {
            return true;
        }
        if crate::lexicon::synonym_stems(key_stem).any(|s| self.stems.contains(s)) {
            return true;
        }
        let len = key.char_count();
        if len >= PREFIX_MIN && self.prefixes.contains(prefix(key, PREFIX_LEN)) {
            return true;
        }
        if glossary.has_entry(key) {
            let name = [key.to_string()];
            if glossary
                .renderings(&name)
                .iter()
                .any(|(v, _)| self.contains_phrase(v))
            {
                return true;
            }
        }
        len >= 5 && {
            let c = compact_key(key);
            let n = c.chars().count();
            let scorer = rapidfuzz::distance::indel::BatchComparator::new(c.chars());
            self.words.iter().any(|w| {
                // 2·LCS/(a+b) ≥ fuzzy needs min/max length ≥ fuzzy/(2−fuzzy).
                let m = w.chars().count();
                (n.min(m) as f64) >= fuzzy / (2.0 - fuzzy) * n.max(m) as f64
                    && scorer.normalized_similarity(w.chars()) >= fuzzy
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measured_name_pairs_separate() {
        for (a, b) in [
            ("Zelensky", "Zelei Sky"),
            ("Kursk", "Kurusk"),
            ("Kharkiv", "Halkov"),
        ] {
            assert!(spelling_similarity(a, b) >= 0.6, "{a}/{b}");
        }
        for (a, b) in [
            ("Kharkiv", "Kremlin"),
            ("Zelensky", "Kremlin"),
            ("Biden", "Putin"),
        ] {
            assert!(spelling_similarity(a, b) < 0.5, "{a}/{b}");
        }
    }

    #[test]
    fn prefixes_count_characters() {
        assert_eq!(prefix("ukrainian", 5), "ukrai");
        assert_eq!(prefix("zelenský", 7), "zelensk");
        assert_eq!(prefix("zélenský", 5), "zélen");
        assert_eq!(prefix("kyiv", 5), "kyiv");
        assert_eq!(prefix("kyivé", 5), "kyivé");
        assert_eq!(compact_key(&Key::new("zelei-sky")), "zeleisky");
        assert!(matches!(
            compact_key(&Key::new("zelenský")),
            Cow::Borrowed("zelenský")
        ));
    }

    #[test]
    fn counterparts_allow_inflection_and_equivalents() {
        let views = [SentenceView::new(
            "The United States offered diplomacy to Ukraine's negotiators.",
            crate::Label::Body,
        )];
        let mut index = WordIndex::new(&views, &[0]);
        let g = Glossary::builtin();
        for key in ["u.s", "diplomatic", "ukrainian", "negotiator", "offers"] {
            assert!(index.has_counterpart(&Key::new(key), &g, 0.75), "{key}");
        }
        assert!(!index.has_counterpart(&Key::new("banning"), &g, 0.75));
    }

    #[test]
    fn keys_match_with_or_without_thousands_commas() {
        let views = [SentenceView::new(
            "They sent 1,000 troops and 2500 tanks to Kursk.",
            crate::Label::Body,
        )];
        let index = WordIndex::new(&views, &[0]);
        for key in ["1,000", "1000", "2500", "2,500", "kursk"] {
            assert!(index.contains_key(&Key::new(key)), "{key}");
        }
        for key in ["100", "1,0000", "25,000", "kurs"] {
            assert!(!index.contains_key(&Key::new(key)), "{key}");
        }
    }
}
