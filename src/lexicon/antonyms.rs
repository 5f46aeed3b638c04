//! Antonyms from WordNet 3.0: which words are opposites ("rise" ~
//! "fall", "able" ~ "unable", "huge" ~ "small").
//!
//! The pairs are compiled in from `data/antonyms.tsv`, which
//! `scripts/antonyms_from_wordnet.py` writes from WordNet's database files
//! (licence: `data/WORDNET-LICENSE`); the build needs neither WordNet nor
//! the script. On first use they are indexed by stem
//! ([`crate::lexicon::stem`]), so inflections match ("rises" ~ "falling"),
//! and WordNet's irregular forms (`data/inflections.tsv`: "rose" → "rise")
//! find their lemma's antonyms too.
//!
//! ```
//! use backcheck::lexicon::antonyms::{relation, Relation};
//! use backcheck::lexicon::stem;
//! assert_eq!(relation(&stem("rose"), &stem("falling")), Some(Relation::Direct));
//! assert!(backcheck::lexicon::antonyms::satellites("huge", "small"));
//! assert_eq!(relation(&stem("rise"), &stem("grow")), None);
//! ```

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// How directly WordNet states that two words are opposites (ordered:
/// the most direct first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// A direct antonym pointer between the two words ("rise" ! "fall").
    Direct,
    /// An adjective similar to a head adjective, against the head's
    /// antonym ("huge", similar to "large", against "small").
    Satellite,
    /// Other members of two synsets joined by a direct pointer ("start",
    /// a synonym of "begin", against "end").
    Synset,
    /// A word against the direct antonym of one of its synonyms (from the
    /// synonym lexicon: "victory", a synonym of "success", against
    /// "failure"). Not in the data file; see [`via_synonym`].
    Synonym,
}

impl Relation {
    fn from_tag(tag: &str) -> Option<Relation> {
        match tag {
            "d" => Some(Relation::Direct),
            "i" => Some(Relation::Satellite),
            "s" => Some(Relation::Synset),
            _ => None,
        }
    }
}

/// The vendored pairs: `word<TAB>word<TAB>tag`, '#' comments.
static PAIRS: &str = include_str!("../../data/antonyms.tsv");
/// The vendored irregular forms: `form<TAB>lemma`, '#' comments.
static INFLECTIONS: &str = include_str!("../../data/inflections.tsv");

/// How many antonym pairs are compiled in (for report signatures and
/// tests).
pub fn pair_count() -> usize {
    lines(PAIRS).count()
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// build.rs's output: `word<TAB>stem` for every word of the two data
/// files, so that no word is stemmed at run time.
static STEMS: &str = include_str!(concat!(env!("OUT_DIR"), "/antonym_stems.txt"));

/// Antonym stems, each with its most direct relation.
type Opposites = Box<[(&'static str, Relation)]>;

struct Antonyms {
    /// Stem → the stems of its direct and synset antonyms, each with the
    /// most direct relation, sorted by stem.
    by_stem: HashMap<&'static str, Opposites>,
    /// Word → its satellite antonyms, by the words themselves: adjective
    /// satellites stemmed would meet verbs ("wanting" ~ "want").
    by_word: HashMap<&'static str, Box<[&'static str]>>,
    /// Stem of an irregular form → the stems of its lemmas ("rose" →
    /// "rise").
    lemmas: HashMap<&'static str, Box<[&'static str]>>,
    /// Every word of the data → its stem.
    stems: HashMap<&'static str, &'static str>,
}

fn antonyms() -> &'static Antonyms {
    static ANTONYMS: OnceLock<Antonyms> = OnceLock::new();
    ANTONYMS.get_or_init(|| {
        let stems: HashMap<&'static str, &'static str> = STEMS
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .collect();
        let mut by_stem: HashMap<&'static str, Vec<(&'static str, Relation)>> = HashMap::default();
        let mut by_word: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
        for line in lines(PAIRS) {
            let mut fields = line.split('\t');
            let (Some(a), Some(b), Some(relation)) = (
                fields.next(),
                fields.next(),
                fields.next().and_then(Relation::from_tag),
            ) else {
                continue;
            };
            if relation == Relation::Satellite {
                by_word.entry(a).or_default().push(b);
                by_word.entry(b).or_default().push(a);
                continue;
            }
            let (Some(&a), Some(&b)) = (stems.get(a), stems.get(b)) else {
                continue;
            };
            if a == b {
                continue;
            }
            by_stem.entry(a).or_default().push((b, relation));
            by_stem.entry(b).or_default().push((a, relation));
        }
        let mut lemmas: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
        for line in lines(INFLECTIONS) {
            let Some((form, lemma)) = line.split_once('\t') else {
                continue;
            };
            if let (Some(&form), Some(&lemma)) = (stems.get(form), stems.get(lemma)) {
                if form != lemma {
                    lemmas.entry(form).or_default().push(lemma);
                }
            }
        }
        Antonyms {
            stems,
            by_stem: by_stem
                .into_iter()
                .map(|(k, mut list)| {
                    // One entry per antonym stem, with its most direct
                    // relation.
                    list.sort();
                    list.dedup_by(|x, y| x.0 == y.0);
                    (k, list.into_boxed_slice())
                })
                .collect(),
            by_word: by_word
                .into_iter()
                .map(|(k, v)| (k, v.into_boxed_slice()))
                .collect(),
            lemmas: lemmas
                .into_iter()
                .map(|(k, v)| (k, v.into_boxed_slice()))
                .collect(),
        }
    })
}

/// Builds the lookup tables now rather than on first use.
pub fn preload() {
    antonyms();
}

/// The stems a word stem stands for: itself, and the lemmas of an
/// irregular form ("rose" → "rise").
fn lemma_stems(word_stem: &str) -> impl Iterator<Item = &str> {
    std::iter::once(word_stem).chain(
        antonyms()
            .lemmas
            .get(word_stem)
            .into_iter()
            .flat_map(|l| l.iter().copied()),
    )
}

/// The antonyms of a word stem: their stems and how directly WordNet
/// states each (an irregular form also gives its lemma's antonyms).
pub fn antonyms_of(word_stem: &str) -> impl Iterator<Item = (&'static str, Relation)> + '_ {
    lemma_stems(word_stem).flat_map(|s| {
        antonyms()
            .by_stem
            .get(s)
            .into_iter()
            .flat_map(|list| list.iter().copied())
    })
}

/// How directly two word stems are antonyms by a direct or synset
/// pointer, if they are (the most direct relation of any of their
/// lemmas).
pub fn relation(a: &str, b: &str) -> Option<Relation> {
    antonyms_of(a)
        .filter(|(s, _)| lemma_stems(b).any(|l| l == *s))
        .map(|(_, r)| r)
        .min()
}

/// True when two words (folded keys, not stems) are satellite antonyms
/// ([`Relation::Satellite`]).
pub fn satellites(a: &str, b: &str) -> bool {
    antonyms()
        .by_word
        .get(a)
        .is_some_and(|list| list.contains(&b))
}

/// Opposite function words WordNet does not pair (it lists only content
/// words' antonyms): treated as direct antonyms.
const FUNCTION_OPPOSITES: [(&str, &str); 3] =
    [("after", "before"), ("above", "below"), ("over", "under")];

/// The plain adjective of a regular comparative or superlative
/// ("smaller" → "small", "larger" → "large", "biggest" → "big",
/// "happier" → "happy"), whose antonyms it shares; WordNet lists few of
/// them and no stemmer removes the ending.
fn positive_forms(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for ending in ["est", "er"] {
        let Some(base) = key.strip_suffix(ending) else {
            continue;
        };
        if base.len() < 2 {
            continue;
        }
        out.push(base.to_string());
        out.push(format!("{base}e"));
        if let Some(b) = base.strip_suffix('i') {
            out.push(format!("{b}y"));
        }
        let bytes = base.as_bytes();
        if bytes.len() >= 3 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2] {
            out.push(base[..base.len() - 1].to_string());
        }
    }
    out
}

/// A quick test, without allocating: false when [`Forms::new`] of this
/// word (folded key and stem) cannot have antonyms.
pub fn may_have_antonyms(key: &str, word_stem: &str) -> bool {
    let a = antonyms();
    a.by_stem.contains_key(word_stem)
        || a.lemmas.contains_key(word_stem)
        || a.by_word.contains_key(key)
        || key.ends_with("er")
        || key.ends_with("est")
        || FUNCTION_OPPOSITES
            .iter()
            .any(|(x, y)| *x == key || *y == key)
}

/// What antonym lookups need of one word, worked out once: its keys (the
/// word, and the plain adjective of a comparative) and the stems they
/// stand for (with the lemmas of irregular forms).
#[derive(Debug, Clone, Default)]
pub struct Forms {
    keys: Vec<String>,
    stems: Vec<String>,
}

impl Forms {
    /// The forms of a word (folded key and stem).
    pub fn new(key: &str, word_stem: &str) -> Forms {
        let mut forms = Forms {
            keys: vec![key.to_string()],
            stems: lemma_stems(word_stem).map(str::to_string).collect(),
        };
        for base in positive_forms(key) {
            // Only a plain form that is a word of the data counts.
            if let Some(base_stem) = antonyms().stems.get(base.as_str()) {
                forms
                    .stems
                    .extend(lemma_stems(base_stem).map(str::to_string));
                forms.keys.push(base);
            } else if antonyms().by_word.contains_key(base.as_str()) {
                forms.keys.push(base);
            }
        }
        forms
    }

    /// True when WordNet (or the list of opposite function words) gives
    /// any of the forms an antonym.
    pub fn has_antonyms(&self) -> bool {
        self.stems
            .iter()
            .any(|s| antonyms().by_stem.contains_key(s.as_str()))
            || self.keys.iter().any(|k| {
                antonyms().by_word.contains_key(k.as_str())
                    || FUNCTION_OPPOSITES.iter().any(|(a, b)| a == k || b == k)
            })
    }

    /// The stems of the direct antonyms of any of the forms.
    fn direct_opposites(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.stems.iter().flat_map(|s| {
            antonyms()
                .by_stem
                .get(s.as_str())
                .into_iter()
                .flat_map(|list| list.iter())
                .filter(|(_, r)| *r == Relation::Direct)
                .map(|(a, _)| *a)
        })
    }

    /// How directly two words are antonyms, if they are: by their stems
    /// ([`relation`]), as satellites by the words themselves
    /// ([`satellites`]), as opposite function words ("before" ~
    /// "after"), each also by the plain forms of comparatives ("smaller"
    /// ~ "larger").
    pub fn relation(&self, other: &Forms) -> Option<Relation> {
        let by_stem = self
            .stems
            .iter()
            .filter_map(|s| antonyms().by_stem.get(s.as_str()))
            .flat_map(|list| list.iter())
            .filter(|(a, _)| other.stems.iter().any(|s| **s == **a))
            .map(|(_, r)| *r)
            .min();
        if by_stem.is_some() {
            return by_stem;
        }
        let pairs = || {
            self.keys
                .iter()
                .flat_map(|a| other.keys.iter().map(move |b| (a.as_str(), b.as_str())))
        };
        if pairs().any(|(a, b)| {
            FUNCTION_OPPOSITES.contains(&(a, b)) || FUNCTION_OPPOSITES.contains(&(b, a))
        }) {
            return Some(Relation::Direct);
        }
        pairs()
            .any(|(a, b)| satellites(a, b))
            .then_some(Relation::Satellite)
    }

    /// True when a synonym ([`crate::lexicon::synonym_stems`]) of this
    /// word itself (not of its lemma or plain form: the synonym lists
    /// mix senses enough) is a direct antonym of `other`:
    /// [`Relation::Synonym`].
    pub fn synonym_opposes(&self, other: &Forms) -> bool {
        let Some(own) = self.stems.first() else {
            return false;
        };
        let opposites: Vec<&str> = other.direct_opposites().collect();
        !opposites.is_empty() && super::synonym_stems(own).any(|syn| opposites.contains(&syn))
    }
}

/// How directly two words (folded keys and stems) are antonyms, if they
/// are (see [`Forms::relation`]).
pub fn word_relation(a_key: &str, a_stem: &str, b_key: &str, b_stem: &str) -> Option<Relation> {
    Forms::new(a_key, a_stem).relation(&Forms::new(b_key, b_stem))
}

/// True when a synonym of the first word is a direct antonym of the
/// second: [`Relation::Synonym`]. Only this way round: the original
/// word's synonym against the new word.
pub fn via_synonym(a_key: &str, a_stem: &str, b_key: &str, b_stem: &str) -> bool {
    Forms::new(a_key, a_stem).synonym_opposes(&Forms::new(b_key, b_stem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::stem;

    fn rel(a: &str, b: &str) -> Option<Relation> {
        relation(&stem(a), &stem(b))
    }

    #[test]
    fn direct_pairs_in_any_inflection_and_both_directions() {
        assert_eq!(rel("able", "unable"), Some(Relation::Direct));
        assert_eq!(rel("unable", "able"), Some(Relation::Direct));
        assert_eq!(rel("rises", "falling"), Some(Relation::Direct));
        assert_eq!(rel("correct", "incorrect"), Some(Relation::Direct));
        assert_eq!(
            rel("rose", "fell"),
            Some(Relation::Direct),
            "irregular forms"
        );
        assert_eq!(rel("presence", "absence"), Some(Relation::Direct));
    }

    #[test]
    fn comparatives_and_function_words() {
        let w = |a: &str, b: &str| word_relation(a, &stem(a), b, &stem(b));
        assert_eq!(w("smaller", "larger"), Some(Relation::Direct));
        assert_eq!(w("biggest", "smallest"), Some(Relation::Direct));
        assert_eq!(w("highest", "low"), Some(Relation::Direct));
        assert_eq!(w("happier", "unhappy"), Some(Relation::Direct));
        assert_eq!(w("after", "before"), Some(Relation::Direct));
        assert_eq!(w("other", "after"), None);
        assert_eq!(w("water", "after"), None);
    }

    #[test]
    fn indirect_pairs_are_weaker() {
        assert!(satellites("huge", "small") && satellites("small", "huge"));
        assert!(!satellites("want", "existing"), "satellites match as words");
        assert_eq!(rel("wants", "existing"), None);
        assert_eq!(rel("start", "end"), Some(Relation::Synset));
        assert!(Relation::Direct < Relation::Satellite);
    }

    #[test]
    fn the_quick_test_never_hides_antonyms() {
        for w in ["rose", "smaller", "huge", "after", "able", "talks", "qzxv"] {
            let forms = Forms::new(w, &stem(w));
            assert!(
                !forms.has_antonyms() || may_have_antonyms(w, &stem(w)),
                "{w}"
            );
        }
        assert!(!may_have_antonyms("qzxv", "qzxv"));
    }

    #[test]
    fn antonyms_of_synonyms() {
        let v = |a: &str, b: &str| via_synonym(a, &stem(a), b, &stem(b));
        assert!(v("victory", "failure"));
        assert!(!v("victory", "win"));
    }

    #[test]
    fn unrelated_or_equal_words_are_not_antonyms() {
        assert_eq!(rel("rise", "increase"), None);
        assert_eq!(rel("talks", "talks"), None);
        assert_eq!(rel("qzxv", "able"), None);
        assert!(antonyms_of("qzxv").next().is_none());
    }

    #[test]
    fn the_table_is_whole() {
        assert!(pair_count() > 30_000, "{}", pair_count());
        let lines: Vec<&str> = lines(PAIRS).collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        for line in &lines {
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() == 3 && f[0] < f[1], "{line}");
            assert!(Relation::from_tag(f[2]).is_some(), "{line}");
        }
    }
}
