//! English synonyms from WordNet (the `thesaurus` crate), indexed by stem
//! so that "aid" finds "assistance" and "trial" finds "test". Built once,
//! on first use (about 0.3 s), and shared by every thread.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::text::stem;

type Index = HashMap<String, Vec<String>>;

struct Lexicon {
    synonyms: Index,
    words: HashSet<String>,
}

fn index() -> &'static Index {
    &lexicon().synonyms
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut index: Index = HashMap::default();
        let mut words = HashSet::default();
        for (word, synonyms) in thesaurus::dict() {
            if word.contains([' ', '_']) {
                continue;
            }
            words.insert(word.clone());
            let w = stem(&word).to_string();
            for s in synonyms.iter().filter(|s| !s.contains([' ', '_'])) {
                let s = stem(s).to_string();
                if s != w {
                    index.entry(w.clone()).or_default().push(s.clone());
                    index.entry(s).or_default().push(w.clone());
                }
            }
        }
        for list in index.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Lexicon {
            synonyms: index,
            words,
        }
    })
}

/// True for a lower-case word WordNet lists (an English word, not a
/// corrupted spelling).
pub fn is_word(key: &str) -> bool {
    lexicon().words.contains(key)
}

/// Loads the index now rather than on first use (e.g. before timing).
pub fn preload() {
    index();
}

/// The stems of the synonyms of a word stem (both directions of WordNet's
/// lists), or nothing.
pub fn synonym_stems(word_stem: &str) -> &'static [String] {
    index().get(word_stem).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_synonyms_by_stem() {
        assert!(synonym_stems(&stem("aid")).contains(&stem("assistance").to_string()));
        assert!(synonym_stems(&stem("tests")).contains(&stem("trial").to_string()));
        assert!(synonym_stems("qzxv").is_empty());
        assert!(is_word("southern") && !is_word("ukrain"));
    }
}
