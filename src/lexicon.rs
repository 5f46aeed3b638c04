//! English synonyms from WordNet (the `thesaurus` crate), indexed by stem
//! so that "aid" finds "assistance" and "trial" finds "test".
//!
//! The index is worked out at build time (build.rs) and compiled in; at
//! run time it is only split into lookup tables, on first use (a few
//! milliseconds), and shared by every thread.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

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

/// The stems of the synonyms of a word stem (both directions of WordNet's
/// lists), in sorted order, or nothing.
pub fn synonym_stems(word_stem: &str) -> impl Iterator<Item = &'static str> {
    lexicon()
        .synonyms
        .get(word_stem)
        .into_iter()
        .flat_map(|list| list.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::stem;

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
