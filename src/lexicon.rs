//! English synonyms from WordNet (the `thesaurus` crate), indexed by stem
//! so that "aid" finds "assistance" and "trial" finds "test". Built once,
//! on first use (about 0.3 s), and shared by every thread.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::stem;

type Index = HashMap<String, Vec<String>>;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Index = HashMap::new();
        for (word, synonyms) in thesaurus::dict() {
            if word.contains([' ', '_']) {
                continue;
            }
            let w = stem(&word);
            for s in synonyms.iter().filter(|s| !s.contains([' ', '_'])) {
                let s = stem(s);
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
        index
    })
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
        assert!(synonym_stems(&stem("aid")).contains(&stem("assistance")));
        assert!(synonym_stems(&stem("tests")).contains(&stem("trial")));
        assert!(synonym_stems("qzxv").is_empty());
    }
}
