//! What backcheck knows of English words: number words and months
//! ([`numbers`]), polarity cues ([`cues`]), the word classes the analysis
//! stage notes for every word, and synonyms from WordNet (the `thesaurus`
//! crate), indexed by stem so that "aid" finds "assistance" and "trial"
//! finds "test".
//!
//! The WordNet index is worked out at build time (build.rs) and compiled
//! in; at run time it is only split into lookup tables, on first use (a
//! few milliseconds), and shared by every thread.

pub mod antonyms;
pub mod cues;
pub mod names;
pub mod numbers;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// Stems an English word key (Porter2 / Snowball).
pub fn stem(key: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::English))
        .stem(key)
        .into_owned()
}

/// Function words that carry no content for matching.
pub fn is_stopword(key: &str) -> bool {
    word_classes(key) & STOPWORD != 0
}

const STOPWORDS: &str = "a about above after again against all also am an and any are as at be \
because been before being below between both but by can could did do does doing down during each \
few for from further had has have having he her here hers herself him himself his how however i if \
in into is it its itself just me more most my myself nor of off on once only or other our ours \
ourselves out over own same she should so some such than that the their theirs them themselves then \
there these they this those through to too under until up very was we were what when where which \
while who whom why will with would you your yours yourself yourselves may might must shall s t \
yet even still already now whether though although upon onto within without per via whose \
it's that's there's he's she's let's i'm we're they're you're";

/// Word class: a number written in words can start with it ("three", "May").
pub const NUMBER_START: u8 = 1;
/// Word class: a number word ("three", "twenty", "thousand", "dozen").
pub const NUMBER_WORD: u8 = 2;
/// Word class: a polarity cue can start with it ("not", "banning", "instead").
pub const CUE_START: u8 = 4;

/// What the compiled-in word knowledge is, for report signatures: the
/// WordNet entries and synonym lists and a hash of their text.
pub const VERSION: &str = env!("BACKCHECK_LEXICON");

/// Word class: a function word, which carries no content for matching.
pub const STOPWORD: u8 = 8;

/// The word classes of a key ([`STOPWORD`], [`NUMBER_START`],
/// [`NUMBER_WORD`], [`CUE_START`]) as bit flags: one table lookup for the
/// listed words, plus the cues recognised by their affixes.
pub fn word_classes(key: &str) -> u8 {
    static TABLE: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        numbers::all_words()
            .chain(cues::all_words())
            .chain(STOPWORDS.split_whitespace())
            .map(|w| (w, slow_word_classes(w)))
            .filter(|(_, c)| *c != 0)
            .collect()
    });
    match table.get(key) {
        Some(&classes) => classes,
        None if cues::may_start_by_affix(key) => slow_word_classes(key),
        None => 0,
    }
}

/// [`word_classes`] from the lists' own tests, word by word.
fn slow_word_classes(key: &str) -> u8 {
    let mut classes = 0;
    if STOPWORDS.split_whitespace().any(|w| w == key) {
        classes |= STOPWORD;
    }
    if numbers::may_start_number(key) {
        classes |= NUMBER_START;
    }
    if numbers::is_number_word(key) {
        classes |= NUMBER_WORD;
    }
    if cues::starts_cue(key) {
        classes |= CUE_START;
    }
    classes
}

/// build.rs's output: the words, an empty line, then `stem<TAB>stems`.
static LEXICON_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.txt"));

struct Lexicon {
    /// Stem → its synonyms' stems.
    synonyms: HashMap<&'static str, Box<[&'static str]>>,
    words: HashSet<&'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let (words, synonyms) = LEXICON_TEXT
            .split_once("\n\n")
            .unwrap_or((LEXICON_TEXT, ""));
        Lexicon {
            words: words.lines().collect(),
            synonyms: synonyms
                .lines()
                .filter_map(|line| line.split_once('\t'))
                // Split once here, not on every lookup.
                .map(|(stem, list)| (stem, list.split(' ').collect()))
                .collect(),
        }
    })
}

/// True for a lower-case word WordNet lists (an English word, not a
/// corrupted spelling).
pub fn is_word(key: &str) -> bool {
    lexicon().words.contains(key)
}

/// Builds the lookup tables now rather than on first use (e.g. before
/// timing).
pub fn preload() {
    lexicon();
}

/// The base of a comparative or superlative WordNet does not list
/// ("broader" → "broad", "wider" → "wide", "happier" → "happy",
/// "bigger" → "big"), if one of the candidates is a WordNet word; the
/// stemmer leaves these forms alone.
pub fn comparative_base(key: &str) -> Option<String> {
    if key.len() < 5 || !key.is_ascii() || is_word(key) {
        return None;
    }
    let stem = key.strip_suffix("est").or_else(|| key.strip_suffix("er"))?;
    let b = stem.as_bytes();
    let mut candidates = vec![stem.to_string(), format!("{stem}e")];
    if let Some(y) = stem.strip_suffix('i') {
        candidates.insert(0, format!("{y}y"));
    }
    // "bigger" → "big": a doubled final consonant.
    if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
        candidates.push(stem[..stem.len() - 1].to_string());
    }
    candidates.into_iter().find(|c| c.len() >= 3 && is_word(c))
}

/// The stems of the synonyms of a word stem (both directions of WordNet's
/// lists), in sorted order, or nothing.
pub fn synonym_stems(word_stem: &str) -> impl Iterator<Item = &'static str> {
    synonym_list(word_stem).iter().copied()
}

/// [`synonym_stems`] as a sorted slice, for binary search.
pub fn synonym_list(word_stem: &str) -> &'static [&'static str] {
    lexicon().synonyms.get(word_stem).map_or(&[], |list| list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The table gives every key the classes of the lists' own tests.
        #[test]
        fn word_classes_match_the_lists(
            key in "(three|twenty|thousand|dozen|may|first|a|half|not|banning|prohibited|refusing|deny|isn't|instead|in|the|it's|talks|kursk|1,000|[a-z']{0,9})",
        ) {
            prop_assert_eq!(word_classes(&key), slow_word_classes(&key), "{}", key);
        }
    }

    #[test]
    fn comparatives_have_their_base() {
        for (form, base) in [
            ("broader", "broad"),
            ("wider", "wide"),
            ("widest", "wide"),
            ("happier", "happy"),
            ("sadder", "sad"),
        ] {
            assert_eq!(comparative_base(form).as_deref(), Some(base), "{form}");
        }
        // Words in their own right, and non-words, have none.
        for word in ["water", "number", "forest", "zzzzer"] {
            assert_eq!(comparative_base(word), None, "{word}");
        }
    }

    #[test]
    fn classes_of_some_words() {
        assert_eq!(word_classes("three"), NUMBER_START | NUMBER_WORD);
        assert_eq!(word_classes("thousand"), NUMBER_WORD);
        assert_eq!(word_classes("may"), NUMBER_START | STOPWORD);
        assert_eq!(word_classes("instead"), CUE_START);
        assert_eq!(word_classes("outlawed"), CUE_START);
        assert_eq!(word_classes("talks"), 0);
        assert_eq!(word_classes("the"), STOPWORD);
        assert!(is_stopword("whether") && !is_stopword("kursk"));
    }

    fn synonyms_of(word: &str) -> Vec<&'static str> {
        synonym_stems(&stem(word)).collect()
    }

    #[test]
    fn finds_synonyms_by_stem() {
        assert!(synonyms_of("aid").contains(&&*stem("assistance")));
        assert!(synonyms_of("tests").contains(&&*stem("trial")));
        assert!(synonyms_of("qzxv").is_empty());
        assert!(is_word("southern") && !is_word("ukrain"));
    }

    #[test]
    fn tables_are_sorted_and_symmetric() {
        let lexicon = lexicon();
        assert!(lexicon.words.len() > 50_000, "{}", lexicon.words.len());
        assert!(lexicon.synonyms.len() > 10_000);
        let aid = synonyms_of("aid");
        assert!(aid.windows(2).all(|w| w[0] < w[1]), "{aid:?}");
        for s in aid {
            assert!(synonym_stems(s).any(|back| back == &*stem("aid")), "{s}");
        }
    }
}
