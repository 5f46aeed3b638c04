//! The analysis stage: both sides of a pair tokenised once into one
//! per-pair table that the aligner and every checker read.
//!
//! Each token carries a [`WordId`]; the pair's [`Vocabulary`] holds, per
//! distinct word, its folded key, stem, prefix, spelling and word classes,
//! worked out once per pair. Stems are the one costly part (the Snowball
//! stemmer takes about 3,000 instructions a word, and an article has
//! several hundred distinct words), so an [`Analyzer`] remembers the stems
//! it has worked out: share one across the pairs of a batch. What it
//! remembers never changes a result, only how fast it comes.
//!
//! After the alignment, [`crate::correspond`] finds which words of each
//! bead have a counterpart on the other side.
//!
//! ```
//! use backcheck::analysis::Analyzer;
//! let analyzer = Analyzer::new();
//! let pair = analyzer.analyse_texts(&["Talks ended in Kyiv."], &["The talks ended."]);
//! let words = &pair.vocabulary;
//! let talks = &pair.orig[0].tokens[0];
//! assert_eq!(words.key(talks.word), "talks");
//! assert_eq!(words.stem_of(talks.word), "talk");
//! // Every occurrence of a word has the same id, on both sides.
//! assert_eq!(pair.trans[0].tokens[1].word, talks.word);
//! ```

use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry;
use std::sync::RwLock;

use crate::lexicon::stem;
use crate::text::{
    compact, for_each_token_span, is_capitalized, is_numeric, is_plain_word, prefix, token_key,
};
use crate::{Label, Sentence};

/// A distinct word of a pair: an index into its [`Vocabulary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WordId(u32);

impl WordId {
    /// The index of the word in the vocabulary.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A distinct stem of a pair's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StemId(u32);

impl StemId {
    /// The index of the stem in the vocabulary.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A distinct five-character prefix of a pair's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PrefixId(u32);

impl PrefixId {
    /// The index of the prefix in the vocabulary.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Length in characters of the prefixes the vocabulary keeps: long words
/// sharing one are related ("diplomatic" ~ "diplomacy").
pub const PREFIX_LEN: usize = 5;

/// Words of at least this many characters have a prefix (see
/// [`Word::prefix`]).
pub const LONG_WORD: u32 = 6;

/// What is known of one distinct word (its key is
/// [`Vocabulary::key`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Its Porter2 stem.
    pub stem: StemId,
    /// Its first [`PREFIX_LEN`] characters, for words of at least
    /// [`LONG_WORD`] characters.
    pub prefix: Option<PrefixId>,
    /// Letters and digits only, where that differs from the key
    /// ("zelei-sky" → "zeleisky"); see [`Vocabulary::spelling`].
    spelling: Option<Box<str>>,
    /// A function word (see [`crate::text::is_stopword`]).
    pub stopword: bool,
    /// The key starts with a digit.
    pub numeric: bool,
    /// Length in characters.
    pub chars: u32,
    /// How many of its characters are letters.
    pub letters: u32,
    /// The key holds a comma ("1,000").
    pub comma: bool,
    /// Word classes ([`crate::lexicon::word_classes`]).
    pub classes: u8,
}

impl Word {
    /// True when the word has this word class ([`crate::lexicon::NUMBER_START`]…).
    pub fn is(&self, class: u8) -> bool {
        self.classes & class != 0
    }
}

/// Distinct texts numbered in order of first sight, kept in one buffer
/// (no allocation per text).
#[derive(Debug, Clone, Default)]
struct Interner {
    buffer: String,
    spans: Vec<(u32, u32)>,
    table: hashbrown::HashTable<u32>,
}

fn hash(text: &str) -> u64 {
    std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, text)
}

impl Interner {
    fn reserve(&mut self, texts: usize) {
        self.buffer.reserve(texts * 8);
        self.spans.reserve(texts);
        self.table.reserve(texts, |_| 0);
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn text(&self, id: u32) -> &str {
        let (start, end) = self.spans[id as usize];
        &self.buffer[start as usize..end as usize]
    }

    fn get(&self, text: &str) -> Option<u32> {
        self.table
            .find(hash(text), |&id| self.text(id) == text)
            .copied()
    }

    /// The number of `text`, handed out if it is new; true when it is.
    fn intern(&mut self, text: &str) -> (u32, bool) {
        let h = hash(text);
        let Interner {
            buffer,
            spans,
            table,
        } = self;
        let span_text = |id: u32| {
            let (start, end) = spans[id as usize];
            &buffer[start as usize..end as usize]
        };
        if let Some(&id) = table.find(h, |&id| span_text(id) == text) {
            return (id, false);
        }
        let id = spans.len() as u32;
        let start = buffer.len() as u32;
        buffer.push_str(text);
        spans.push((start, buffer.len() as u32));
        table.insert_unique(h, id, |&id| {
            let (start, end) = spans[id as usize];
            hash(&buffer[start as usize..end as usize])
        });
        (id, true)
    }
}

/// The distinct words, stems and prefixes of one pair.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    words: Vec<Word>,
    /// The words' keys: a word's id is its key's number.
    keys: Interner,
    stems: Interner,
    prefixes: Interner,
}

impl std::ops::Index<WordId> for Vocabulary {
    type Output = Word;
    fn index(&self, id: WordId) -> &Word {
        &self.words[id.index()]
    }
}

impl Vocabulary {
    /// How many distinct words the pair has.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the pair has no word at all.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How many distinct stems the pair's words have.
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }

    /// How many distinct prefixes the pair's words have.
    pub fn prefix_count(&self) -> usize {
        self.prefixes.len()
    }

    /// Every word id, in order.
    pub fn ids(&self) -> impl Iterator<Item = WordId> {
        (0..self.words.len() as u32).map(WordId)
    }

    /// The stem numbered `index` (below [`Vocabulary::stem_count`]).
    pub fn stem_at(&self, index: usize) -> StemId {
        StemId(index as u32)
    }

    /// The folded key of a word.
    pub fn key(&self, id: WordId) -> &str {
        self.keys.text(id.0)
    }

    /// The stem of a word.
    pub fn stem_of(&self, id: WordId) -> &str {
        self.stem(self.words[id.index()].stem)
    }

    /// The text of a stem.
    pub fn stem(&self, id: StemId) -> &str {
        self.stems.text(id.0)
    }

    /// The text of a prefix.
    pub fn prefix(&self, id: PrefixId) -> &str {
        self.prefixes.text(id.0)
    }

    /// A word's letters and digits, lower-cased: what corrupted
    /// spellings are compared by.
    pub fn spelling(&self, id: WordId) -> &str {
        match &self.words[id.index()].spelling {
            Some(spelling) => spelling,
            None => self.key(id),
        }
    }

    /// The id of the word with this folded key, if the pair has it.
    pub fn id(&self, key: &str) -> Option<WordId> {
        self.keys.get(key).map(WordId)
    }

    /// The id of this stem, if a word of the pair has it.
    pub fn stem_id(&self, stem: &str) -> Option<StemId> {
        self.stems.get(stem).map(StemId)
    }

    /// The id of this prefix, if a word of the pair has it.
    pub fn prefix_id(&self, prefix: &str) -> Option<PrefixId> {
        self.prefixes.get(prefix).map(PrefixId)
    }

    /// Makes room for this many words.
    fn reserve(&mut self, words: usize) {
        self.words.reserve(words);
        self.keys.reserve(words);
        self.stems.reserve(words);
        self.prefixes.reserve(words);
    }

    /// The word with this key, added if it is new (its stem is worked out
    /// later, for all new words at once, by [`Vocabulary::add_stems`]).
    fn word_of(&mut self, key: &str) -> WordId {
        let (id, new) = self.keys.intern(key);
        if !new {
            return WordId(id);
        }
        let (chars, letters, alphanumeric) = if key.is_ascii() {
            let b = key.as_bytes();
            let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
            let alphanumeric = b.iter().all(u8::is_ascii_alphanumeric);
            (b.len() as u32, letters as u32, alphanumeric)
        } else {
            let (mut chars, mut letters, mut alphanumeric) = (0, 0, true);
            for c in key.chars() {
                chars += 1;
                letters += u32::from(c.is_alphabetic());
                alphanumeric &= c.is_alphanumeric();
            }
            (chars, letters, alphanumeric)
        };
        let prefix =
            (chars >= LONG_WORD).then(|| PrefixId(self.prefixes.intern(prefix(key, PREFIX_LEN)).0));
        let classes = crate::lexicon::word_classes(key);
        self.words.push(Word {
            stem: StemId(u32::MAX),
            prefix,
            spelling: (!alphanumeric).then(|| compact(key).into()),
            stopword: classes & crate::lexicon::STOPWORD != 0,
            numeric: key.starts_with(|c: char| c.is_ascii_digit()),
            chars,
            letters,
            comma: key.as_bytes().contains(&b','),
            classes,
        });
        WordId(id)
    }

    /// Works out the stems of every word: those `memo` knows under one
    /// read lock, the others by the stemmer, then added to it.
    fn add_stems(&mut self, memo: &StemMemo) {
        let mut missing = Vec::new();
        {
            // A panic elsewhere while the lock was held leaves the map
            // whole (every change is one insert or one clear).
            let known = memo.0.read().unwrap_or_else(|e| e.into_inner());
            for (i, word) in self.words.iter_mut().enumerate() {
                match known.get(self.keys.text(i as u32)) {
                    Some(s) => word.stem = StemId(self.stems.intern(s).0),
                    None => missing.push(i),
                }
            }
        }
        if missing.is_empty() {
            return;
        }
        let mut found = Vec::with_capacity(missing.len());
        for i in missing {
            let key = self.keys.text(i as u32);
            let s = stem(key);
            self.words[i].stem = StemId(self.stems.intern(&s).0);
            found.push((Box::from(key), s.into_boxed_str()));
        }
        let mut memo = memo.0.write().unwrap_or_else(|e| e.into_inner());
        if memo.len() + found.len() > STEM_MEMO_LIMIT {
            memo.clear();
        }
        memo.extend(found);
    }
}

/// One word or number of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of its first byte in the sentence text.
    pub start: usize,
    /// Byte offset just past its last byte.
    pub end: usize,
    /// The word it is an occurrence of.
    pub word: WordId,
    /// The surface form starts with an upper-case letter.
    pub capitalized: bool,
    /// The surface form starts with a digit.
    pub numeric: bool,
    /// The surface form is a plain word: it starts with a letter and
    /// holds only letters, dots, apostrophes and hyphens.
    pub plain: bool,
}

/// One sentence, tokenised.
#[derive(Debug, Clone)]
pub struct AnalysedSentence<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// Where the sentence comes from on the page.
    pub label: Label,
    /// Its paragraph in the document, from 0 (0 for every sentence of
    /// texts analysed as a list).
    pub paragraph: usize,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
}

impl<'a> AnalysedSentence<'a> {
    /// The surface text of token `k`.
    pub fn surface(&self, k: usize) -> &'a str {
        let t = &self.tokens[k];
        &self.text[t.start..t.end]
    }

    /// The surface text of tokens `from..=to`, trimmed of a possessive.
    pub fn span(&self, from: usize, to: usize) -> &'a str {
        let text = &self.text[self.tokens[from].start..self.tokens[to].end];
        text.strip_suffix("'s")
            .or_else(|| text.strip_suffix("’s"))
            .unwrap_or(text)
    }
}

/// Both sides of a pair, tokenised, with their shared vocabulary.
#[derive(Debug, Clone)]
pub struct PairAnalysis<'a> {
    /// The original's sentences.
    pub orig: Vec<AnalysedSentence<'a>>,
    /// The translation's sentences.
    pub trans: Vec<AnalysedSentence<'a>>,
    /// The words of both sides.
    pub vocabulary: Vocabulary,
}

impl PairAnalysis<'_> {
    /// The folded key of a token.
    pub fn key(&self, token: &Token) -> &str {
        self.vocabulary.key(token.word)
    }

    /// What is known of a token's word.
    pub fn word(&self, token: &Token) -> &Word {
        &self.vocabulary[token.word]
    }
}

/// Stems worked out so far, by key, shared by the pairs of a batch (see
/// the module documentation). Bounded: past `STEM_MEMO_LIMIT` keys it
/// starts again, so a stream of unique tokens cannot grow it forever.
#[derive(Debug, Default)]
struct StemMemo(RwLock<HashMap<Box<str>, Box<str>>>);

const STEM_MEMO_LIMIT: usize = 200_000;

/// Analyses pairs; one can serve every pair of a batch, from any thread
/// (see the module documentation).
#[derive(Debug, Default)]
pub struct Analyzer {
    stems: StemMemo,
}

impl Analyzer {
    /// A new analyzer that knows no stems yet.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// Analyses two segmented documents.
    pub fn analyse<'a>(&self, orig: &'a [Sentence], trans: &'a [Sentence]) -> PairAnalysis<'a> {
        let sentences =
            |s: &'a [Sentence]| s.iter().map(|s| (s.text.as_str(), s.label, s.paragraph));
        self.analyse_sides(sentences(orig), sentences(trans))
    }

    /// Analyses two lists of sentence texts, all labelled body.
    pub fn analyse_texts<'a, S: AsRef<str>>(
        &self,
        orig: &'a [S],
        trans: &'a [S],
    ) -> PairAnalysis<'a> {
        let texts = |s: &'a [S]| s.iter().map(|s| (s.as_ref(), Label::Body, 0));
        self.analyse_sides(texts(orig), texts(trans))
    }

    fn analyse_sides<'a>(
        &self,
        orig: impl Iterator<Item = (&'a str, Label, usize)>,
        trans: impl Iterator<Item = (&'a str, Label, usize)>,
    ) -> PairAnalysis<'a> {
        let orig: Vec<(&'a str, Label, usize)> = orig.collect();
        let trans: Vec<(&'a str, Label, usize)> = trans.collect();
        // About one token per six bytes of English, one distinct surface
        // per three or four tokens: room enough that the tables rarely
        // grow.
        let bytes: usize = orig.iter().chain(&trans).map(|(t, ..)| t.len()).sum();
        let mut tokeniser = Tokeniser::with_capacity(bytes / 20);
        let orig: Vec<_> = orig
            .into_iter()
            .map(|(text, label, paragraph)| tokeniser.sentence(text, label, paragraph))
            .collect();
        let trans = trans
            .into_iter()
            .map(|(text, label, paragraph)| tokeniser.sentence(text, label, paragraph))
            .collect();
        let mut vocabulary = tokeniser.vocabulary;
        vocabulary.add_stems(&self.stems);
        PairAnalysis {
            orig,
            trans,
            vocabulary,
        }
    }
}

/// Splits the sentences of a pair into tokens, numbering their words.
#[derive(Default)]
struct Tokeniser<'a> {
    vocabulary: Vocabulary,
    /// What each surface form stands for: its word and the token flags
    /// read off the surface. A document repeats its words, so most tokens
    /// cost one lookup.
    surfaces: HashMap<&'a str, SurfaceForm>,
    /// A reused buffer for folded keys.
    key: String,
}

#[derive(Clone, Copy)]
struct SurfaceForm {
    word: WordId,
    capitalized: bool,
    numeric: bool,
    plain: bool,
}

impl<'a> Tokeniser<'a> {
    fn with_capacity(surfaces: usize) -> Tokeniser<'a> {
        let mut tokeniser = Tokeniser::default();
        tokeniser.surfaces.reserve(surfaces);
        tokeniser.vocabulary.reserve(surfaces);
        tokeniser
    }

    fn sentence(&mut self, text: &'a str, label: Label, paragraph: usize) -> AnalysedSentence<'a> {
        // About one token per six bytes of English.
        let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
        for_each_token_span(text, |start, end| {
            let surface = &text[start..end];
            let form = match self.surfaces.entry(surface) {
                Entry::Occupied(known) => *known.get(),
                Entry::Vacant(new) => {
                    token_key(surface, &mut self.key);
                    *new.insert(SurfaceForm {
                        word: self.vocabulary.word_of(&self.key),
                        capitalized: is_capitalized(surface),
                        numeric: is_numeric(surface),
                        plain: is_plain_word(surface),
                    })
                }
            };
            tokens.push(Token {
                start,
                end,
                word: form.word,
                capitalized: form.capitalized,
                numeric: form.numeric,
                plain: form.plain,
            });
        });
        AnalysedSentence {
            text,
            label,
            paragraph,
            tokens,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_id_per_key_on_both_sides() {
        let analyzer = Analyzer::new();
        let pair = analyzer.analyse_texts(
            &["Russia’s forces and Russia's 1,000 troops."],
            &["RUSSIA forces"],
        );
        let v = &pair.vocabulary;
        let o = &pair.orig[0].tokens;
        assert_eq!(o[0].word, o[3].word);
        assert_eq!(v.key(o[0].word), "russia");
        assert!(o[0].capitalized && o[0].plain && !o[0].numeric);
        assert!(o[4].numeric && v[o[4].word].comma);
        assert_eq!(pair.trans[0].tokens[0].word, o[0].word);
        assert_eq!(v.stem_of(o[1].word), "forc");
        assert!(v[o[2].word].stopword);
        assert_eq!(v.id("troops"), Some(o[5].word));
        assert_eq!(v.id("tanks"), None);
    }

    #[test]
    fn remembered_stems_give_the_same_analysis() {
        let analyzer = Analyzer::new();
        let texts = ["Negotiations between the two countries resumed on Monday."];
        let first = analyzer.analyse_texts(&texts, &texts);
        let again = analyzer.analyse_texts(&texts, &texts);
        assert_eq!(first.vocabulary.words, again.vocabulary.words);
        assert_eq!(first.vocabulary.keys.buffer, again.vocabulary.keys.buffer);
        let fresh = Analyzer::new().analyse_texts(&texts, &texts);
        assert_eq!(first.vocabulary.words, fresh.vocabulary.words);
        assert_eq!(
            first.vocabulary.stem_of(first.orig[0].tokens[0].word),
            "negoti"
        );
    }

    #[test]
    fn spellings_keep_letters_and_digits() {
        let pair = Analyzer::new().analyse_texts(&["The U.S. and Kyiv"], &[""]);
        let t = &pair.orig[0].tokens;
        assert_eq!(pair.vocabulary.key(t[1].word), "u.s");
        assert_eq!(pair.vocabulary.spelling(t[1].word), "us");
        assert_eq!(pair.vocabulary.spelling(t[3].word), "kyiv");
    }

    #[test]
    fn tokens_are_send() {
        fn send<T: Send + Sync>() {}
        send::<Token>();
        send::<PairAnalysis<'static>>();
        send::<Analyzer>();
    }
}
