//! The correspond stage: word correspondence inside the beads of an
//! alignment. Which content words of the original have a counterpart in
//! the translation, allowing inflection, derivation, WordNet synonyms,
//! listed equivalents and corrupted spellings.
//!
//! The dropped-content checker reports runs of words without one, and
//! the summary's coverage is the share of words with one.

use std::borrow::Cow;

use crate::align::{Alignment, BeadKind};
use crate::analysis::{AnalysedSentence, PairAnalysis, Token, Vocabulary, Word, WordId};
use crate::glossary::Glossary;

/// Spellings at least this similar (indel similarity of their letters and
/// digits) count as the same word: a corrupted name is not a dropped word.
pub const FUZZY_MIN: f64 = 0.7;

/// A word that carries content: not a function word, a word of three
/// letters or more (so "de" of "de-escalate" or "re" of "re-election" do
/// not count on their own). Numbers are left to the number checker.
pub fn is_content(word: &Word) -> bool {
    !word.stopword && !word.numeric && !word.is(crate::lexicon::NUMBER_WORD) && word.letters >= 3
}

/// The content-word flags of one original sentence of a bead: per token,
/// None for a word that is not a content word, Some(true) for a content
/// word with a counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceMatches {
    /// The original sentence (0-based).
    pub sentence: usize,
    /// One flag per token of the sentence.
    pub tokens: Vec<Option<bool>>,
}

/// The correspondence of a whole pair: per bead of the alignment, the
/// flags of each of its original sentences (none for moved beads and
/// 0-1 beads).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Correspondence {
    /// Per bead, in the alignment's order.
    pub beads: Vec<Vec<SentenceMatches>>,
}

impl Correspondence {
    /// Share of the original's content words that survive in the
    /// translation (a dropped sentence's words count as lost).
    pub fn coverage(&self) -> f64 {
        let (mut kept, mut total) = (0usize, 0usize);
        for sentence in self.beads.iter().flatten() {
            for m in sentence.tokens.iter().flatten() {
                total += 1;
                kept += usize::from(*m);
            }
        }
        if total == 0 {
            1.0
        } else {
            kept as f64 / total as f64
        }
    }
}

/// Works out the correspondence of every bead.
pub fn correspond(
    pair: &PairAnalysis,
    alignment: &Alignment,
    glossary: &Glossary,
) -> Correspondence {
    // One index, refilled bead after bead.
    let mut index = WordIndex::new(&pair.vocabulary);
    let beads = alignment
        .beads
        .iter()
        .map(|bead| {
            if bead.kind == BeadKind::Moved || bead.orig.is_empty() {
                return Vec::new();
            }
            index.refill(&pair.trans, &bead.trans);
            bead.orig
                .iter()
                .filter_map(|&o| pair.orig.get(o).map(|s| (o, s)))
                .map(|(o, sentence)| SentenceMatches {
                    sentence: o,
                    tokens: sentence
                        .tokens
                        .iter()
                        .map(|t| {
                            is_content(&pair.vocabulary[t.word])
                                .then(|| index.has_counterpart(t.word, glossary))
                        })
                        .collect(),
                })
                .collect()
        })
        .collect();
    Correspondence { beads }
}

/// Marks over the ids of a pair's words, stems or prefixes: a set that is
/// emptied by moving to the next generation, not by clearing.
#[derive(Debug, Default)]
struct Marks {
    stamps: Vec<u32>,
    generation: u32,
}

impl Marks {
    fn with_len(n: usize) -> Marks {
        Marks {
            stamps: vec![0; n],
            generation: 1,
        }
    }

    fn clear(&mut self) {
        self.generation += 1;
    }

    fn insert(&mut self, i: usize) {
        self.stamps[i] = self.generation;
    }

    fn contains(&self, i: usize) -> bool {
        self.stamps[i] == self.generation
    }
}

/// An index of the words of one side of a bead.
///
/// The words themselves are marked at once; their stems, prefixes and
/// spellings only when a word is first looked for that is not there as
/// it is (in many beads, every word is).
struct WordIndex<'a> {
    vocabulary: &'a Vocabulary,
    words: Marks,
    /// The words in order, for phrase searches.
    sequence: Vec<WordId>,
    /// The sentences indexed.
    sentences: Vec<&'a AnalysedSentence<'a>>,
    /// Whether `stems`, `prefixes` and `spellings` are filled.
    extended: bool,
    stems: Marks,
    prefixes: Marks,
    /// Spellings of the longer words, and of capitalised words joined to
    /// the one before ("Zelei Sky"), for fuzzy matching.
    spellings: Vec<Cow<'a, str>>,
}

impl<'a> WordIndex<'a> {
    fn new(vocabulary: &'a Vocabulary) -> WordIndex<'a> {
        WordIndex {
            vocabulary,
            words: Marks::with_len(vocabulary.len()),
            sequence: Vec::new(),
            sentences: Vec::new(),
            extended: false,
            stems: Marks::with_len(vocabulary.stem_count()),
            prefixes: Marks::with_len(vocabulary.prefix_count()),
            spellings: Vec::new(),
        }
    }

    /// Makes this the index of other sentences.
    fn refill(&mut self, sentences: &'a [AnalysedSentence<'a>], indices: &[usize]) {
        self.words.clear();
        self.sequence.clear();
        self.sentences.clear();
        self.extended = false;
        for sentence in indices.iter().filter_map(|&s| sentences.get(s)) {
            self.sentences.push(sentence);
            for t in &sentence.tokens {
                self.words.insert(t.word.index());
                self.sequence.push(t.word);
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
        self.stems.clear();
        self.prefixes.clear();
        self.spellings.clear();
        let v = self.vocabulary;
        for sentence in &self.sentences {
            let mut previous: Option<&Token> = None;
            for t in &sentence.tokens {
                // Split names rejoin for fuzzy matching ("Zelei Sky").
                if let Some(p) = previous {
                    if p.capitalized && t.capitalized {
                        let joined = [v.spelling(p.word), v.spelling(t.word)].concat();
                        self.spellings.push(Cow::Owned(joined));
                    }
                }
                previous = Some(t);
                let word = &v[t.word];
                if word.stopword {
                    continue;
                }
                self.stems.insert(word.stem.index());
                // Long words match by their first letters ("diplomatic" ~
                // "diplomacy", "Ukrainian" ~ "Ukraine").
                if let Some(prefix) = word.prefix {
                    self.prefixes.insert(prefix.index());
                }
                if word.chars >= 4 {
                    self.spellings.push(Cow::Borrowed(v.spelling(t.word)));
                }
            }
        }
    }

    /// True when the words `phrase` (folded keys) occur in order.
    fn contains_phrase(&self, phrase: &[String]) -> bool {
        let Some(ids) = phrase
            .iter()
            .map(|k| self.vocabulary.id(k))
            .collect::<Option<Vec<WordId>>>()
        else {
            return false;
        };
        !ids.is_empty() && self.sequence.windows(ids.len()).any(|w| w == ids)
    }

    /// True when `word` has a counterpart: the same word, the same stem,
    /// a WordNet synonym, a shared long prefix, a listed rendering (the
    /// name checker reports variants), or (for words of five letters or
    /// more) a spelling at least [`FUZZY_MIN`] similar.
    fn has_counterpart(&mut self, id: WordId, glossary: &Glossary) -> bool {
        if self.words.contains(id.index()) {
            return true;
        }
        self.extend();
        let v = self.vocabulary;
        let word = &v[id];
        if self.stems.contains(word.stem.index()) {
            return true;
        }
        if crate::lexicon::synonym_stems(v.stem(word.stem))
            .any(|s| v.stem_id(s).is_some_and(|s| self.stems.contains(s.index())))
        {
            return true;
        }
        if word
            .prefix
            .is_some_and(|p| self.prefixes.contains(p.index()))
        {
            return true;
        }
        if glossary.has_entry(v.key(id)) {
            let name = [v.key(id).to_string()];
            if glossary
                .renderings(&name)
                .iter()
                .any(|(r, _)| self.contains_phrase(r))
            {
                return true;
            }
        }
        word.chars >= 5 && {
            let spelling = v.spelling(id);
            let n = spelling.chars().count();
            let scorer = rapidfuzz::distance::indel::BatchComparator::new(spelling.chars());
            self.spellings.iter().any(|w| {
                // 2·LCS/(a+b) ≥ FUZZY_MIN needs min/max length ≥ f/(2−f).
                let m = w.chars().count();
                (n.min(m) as f64) >= FUZZY_MIN / (2.0 - FUZZY_MIN) * n.max(m) as f64
                    && scorer.normalized_similarity(w.chars()) >= FUZZY_MIN
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    /// Whether each content word of `orig` has a counterpart in `trans`.
    fn matched(orig: &str, trans: &str) -> Vec<(String, bool)> {
        let (orig, trans) = ([orig], [trans]);
        let pair = Analyzer::new().analyse_texts(&orig, &trans);
        let mut index = WordIndex::new(&pair.vocabulary);
        index.refill(&pair.trans, &[0]);
        let glossary = Glossary::builtin();
        pair.orig[0]
            .tokens
            .iter()
            .filter(|t| is_content(&pair.vocabulary[t.word]))
            .map(|t| {
                let key = pair.vocabulary.key(t.word).to_string();
                (key, index.has_counterpart(t.word, &glossary))
            })
            .collect()
    }

    #[test]
    fn counterparts_allow_inflection_and_equivalents() {
        let found = matched(
            "The U.S. diplomatic effort helped Ukrainian negotiators; offers banning talks.",
            "The United States offered diplomacy to Ukraine's negotiator and talks.",
        );
        let has = |k: &str| found.iter().find(|(w, _)| w == k).map(|(_, m)| *m);
        for key in ["diplomatic", "ukrainian", "negotiators", "offers", "talks"] {
            assert_eq!(has(key), Some(true), "{key}: {found:?}");
        }
        assert_eq!(has("banning"), Some(false), "{found:?}");
        assert_eq!(has("effort"), Some(false), "{found:?}");
    }

    #[test]
    fn synonyms_and_corrupted_spellings_are_counterparts() {
        let found = matched("Aid reached Zelensky.", "Assistance reached Zelei Sky.");
        assert!(found.iter().all(|(_, m)| *m), "{found:?}");
    }
}
