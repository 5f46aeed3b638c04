//! The name checker: proper names of the original that the translation
//! corrupts ("Kursk" → "Kurusk"), replaces with another name, shortens,
//! renders as a known variant (Kyiv/Kiev) or loses.
//!
//! The inventory is built from the original: capitalised words that are
//! never written in lower case in the document, taken mid-sentence, or at
//! the start of a sentence when something else says the word is a name
//! (it is capitalised mid-sentence elsewhere on either side, it is an
//! acronym, WordNet knows it only as a name, or it is not an English word
//! at all). Adjacent name words form one name ("Volodymyr Zelensky").
//! Each name word is classed ([`Class`]): a title ("Mr") or a month never
//! has to be there; an ordinary English word ("Board", "Room") may be
//! translated; a proper name may not.
//!
//! In each bead, a name word is looked for in the translation: the same
//! word, a listed rendering, a derived form or the people of a place
//! ("Chinese" for "China"), an acronym for its expansion or a short form
//! ("US" for "USA"), a transliteration ("Dmitri" for "Dmitry"), a
//! synonym of an ordinary word ("Arms" for "Weapons"); else the unused
//! 1–3 word span spelt most like it (a corruption, "Zelei Sky"); else a
//! new name in its place (a replacement); else it is lost.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::align::BeadKind;
use crate::analysis::{AnalysedSentence, Token, Vocabulary, WordId};
use crate::glossary::Rendering;
use crate::lexicon::names::{
    irregular_relatives, is_calendar, is_common_word, is_contraction, is_english, is_proper_noun,
    is_title, place_forms_related, regular_place_forms, same_transliteration, spelling_variant_key,
    transliteration_initial,
};
use crate::text::prefix;
use crate::Label;

/// The checker.
pub struct NameChecker;

/// A candidate spelling must be at least this similar to the name word
/// (capitalised candidates), or `LOWERCASE_MIN` when written in lower case
/// or when the name word is an ordinary English word ("Aeronautics" →
/// "Aerospace" is a translation), or `COMMON_WORD_MIN` when the candidate
/// is made of ordinary English words ("Sportcamp" → "Sports").
const SIMILARITY_MIN: f64 = 0.6;
const LOWERCASE_MIN: f64 = 0.75;
const COMMON_WORD_MIN: f64 = 0.85;

/// How a name word counts when the translation has no counterpart for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A name in every sense: not an English word, a word WordNet knows
    /// only as a name, or an acronym. Its absence is strong evidence.
    Proper,
    /// An ordinary English word ("Board", "Room", "Weapons"), which a
    /// translator may translate: its absence alone is no finding.
    Common,
    /// A title before a name ("Mr", "Governor"): never required.
    Title,
    /// A month or a day of the week: dates are the number checker's.
    Calendar,
}

/// True for a surface of two to five letters, all upper case ("NASA",
/// "U.S.", "COVID"); a longer word in capitals is shouted, not an
/// acronym ("SOLDIERS").
fn is_acronym(surface: &str) -> bool {
    let mut letters = 0;
    for c in surface.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    (2..=5).contains(&letters)
}

/// The class of a word, worked out once per word of a pair (an acronym
/// is known by its surface, so it is asked per token).
struct Classes(Vec<Option<Class>>);

impl Classes {
    fn new(words: &Vocabulary) -> Classes {
        Classes(vec![None; words.len()])
    }

    fn of(&mut self, words: &Vocabulary, word: WordId, surface: &str) -> Class {
        let key = words.key(word);
        let class = *self.0[word.index()].get_or_insert_with(|| {
            if is_title(key) {
                Class::Title
            } else if is_calendar(key) {
                Class::Calendar
            } else if is_common_word(key) {
                Class::Common
            } else {
                Class::Proper
            }
        });
        if class == Class::Common && is_acronym(surface) {
            Class::Proper
        } else {
            class
        }
    }
}

/// One occurrence of a name in an original sentence: tokens first..=last.
#[derive(Debug, Clone)]
struct NameAt {
    first: usize,
    last: usize,
}

fn is_possessive(surface: &str) -> bool {
    surface.ends_with("'s") || surface.ends_with("’s") || surface.ends_with("s'")
}

/// Words whose possessive starts many a sentence without being a name.
const POSSESSIVE_NOT_NAMES: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "nobody",
    "one",
    "other",
    "others",
    "year",
    "week",
    "month",
    "day",
    "night",
    "world",
    "country",
    "nation",
];

/// True when a capitalised word at the start of a sentence (or in a
/// headline), where capitals say nothing, is a name by itself: an
/// acronym, a word WordNet knows only as a name, a word that is not
/// English at all, or a possessive ("Apple's").
fn names_itself(surface: &str, key: &str) -> bool {
    is_acronym(surface)
        || is_proper_noun(key)
        || !is_english(key)
        || (is_possessive(surface) && !POSSESSIVE_NOT_NAMES.contains(&key))
}

/// Every word of some sentences, with how it is written there: built in
/// one pass per side. For the original it serves the inventory and the
/// corrupted-name search; for the translation, the missing-name test and
/// the evidence for names at sentence starts.
struct Keys(Vec<u8>);

/// The word occurs in the sentences.
const PRESENT: u8 = 1;
/// Written in lower case somewhere in the sentences.
const LOWERCASE: u8 = 2;
/// Capitalised somewhere other than the start of a sentence or a headline.
const CAPITALISED_MID: u8 = 4;

impl Keys {
    fn new(sentences: &[AnalysedSentence], words: &Vocabulary) -> Keys {
        let mut flags = vec![0u8; words.len()];
        for s in sentences {
            let headline = matches!(s.label, Label::Title | Label::Chrome);
            for (k, t) in s.tokens.iter().enumerate() {
                let f = &mut flags[t.word.index()];
                *f |= PRESENT;
                if !t.plain {
                    continue;
                }
                if !t.capitalized {
                    *f |= LOWERCASE;
                } else if k > 0 && !headline {
                    *f |= CAPITALISED_MID;
                }
            }
        }
        Keys(flags)
    }

    fn contains(&self, word: WordId) -> bool {
        self.has(word, PRESENT)
    }

    fn has(&self, word: WordId, flag: u8) -> bool {
        self.0[word.index()] & flag != 0
    }
}

/// The names of the original, per sentence.
fn inventory(
    orig: &[AnalysedSentence],
    words: &Vocabulary,
    keys: &Keys,
    trans_keys: &Keys,
) -> Vec<Vec<NameAt>> {
    orig.iter()
        .map(|s| {
            let headline = matches!(s.label, Label::Title | Label::Chrome);
            let is_name = |k: usize| {
                let t = &s.tokens[k];
                let key = words.key(t.word);
                t.capitalized
                    && t.plain
                    // At least two letters or digits.
                    && words.spelling(t.word).chars().nth(1).is_some()
                    && !words[t.word].stopword
                    && !is_contraction(key)
                    && !keys.has(t.word, LOWERCASE)
                    && ((k > 0 && !headline)
                        || keys.has(t.word, CAPITALISED_MID)
                        || trans_keys.has(t.word, CAPITALISED_MID)
                        || names_itself(s.surface(k), key))
            };
            let mut names: Vec<NameAt> = Vec::new();
            for k in 0..s.tokens.len() {
                if !is_name(k) {
                    continue;
                }
                let joined = names.last().is_some_and(|n| {
                    n.last + 1 == k
                        && s.text[s.tokens[n.last].end..s.tokens[k].start]
                            .chars()
                            .all(|c| c == ' ' || c == '-')
                        && !is_possessive(s.surface(n.last))
                });
                match names.last_mut() {
                    Some(n) if joined => n.last = k,
                    _ => names.push(NameAt { first: k, last: k }),
                }
            }
            names
        })
        .collect()
}

/// A token of one side of a bead: (sentence, token index).
type TokenAt = (usize, usize);

/// A translation token as a possible piece of a corrupted name: its
/// spelling and whether the original uses the word; None for a token that
/// cannot be part of a name.
type Form<'a> = Option<(&'a str, bool)>;

/// What became of one name word in the translation.
#[derive(Debug, Clone, PartialEq)]
enum Fate {
    Present,
    Variant(Vec<TokenAt>),
    Corrupted(Vec<TokenAt>, f64),
    Missing,
}

/// A run of translation tokens that reads as a name the original does
/// not have: what may stand in the place of a lost one.
#[derive(Debug, Clone)]
struct NewName {
    /// Where it lies in the bead's tokens.
    at: Range<usize>,
    /// It holds a proper word ([`Class::Proper`]).
    proper: bool,
    /// Its relative place in its sentence, 0–1.
    place: f64,
}

/// The translation side of a bead with the tokens already accounted for.
struct TransSide<'a> {
    sentences: &'a [AnalysedSentence<'a>],
    words: &'a Vocabulary,
    tokens: Vec<TokenAt>,
    /// The word of each token, side by side: a phrase search scans them
    /// without going through the sentences.
    ids: Vec<WordId>,
    used: Vec<bool>,
    forms: std::cell::OnceCell<Vec<Form<'a>>>,
    /// Where the name being looked for stands in the original side of
    /// the bead, 0–1: of two tokens that fit, the nearer one is taken.
    place: f64,
    /// Per token: its sentence has no capital letter at all (a text
    /// written in lower case, where capitals say nothing).
    caseless: Vec<bool>,
    /// (word, token index) of every token, sorted: where a word occurs
    /// is found without a scan.
    by_word: Vec<(WordId, usize)>,
}

impl<'a> TransSide<'a> {
    fn new(sentences: &'a [AnalysedSentence<'a>], words: &'a Vocabulary) -> TransSide<'a> {
        TransSide {
            sentences,
            words,
            tokens: Vec::new(),
            ids: Vec::new(),
            used: Vec::new(),
            forms: std::cell::OnceCell::new(),
            place: 0.0,
            caseless: Vec::new(),
            by_word: Vec::new(),
        }
    }

    /// How far token i lies from [`TransSide::place`], relatively.
    fn distance(&self, i: usize) -> f64 {
        let len = self.tokens.len().max(1) as f64;
        ((i as f64 + 0.5) / len - self.place).abs()
    }

    fn token(&self, i: usize) -> &'a Token {
        let (s, k) = self.tokens[i];
        &self.sentences[s].tokens[k]
    }

    fn surface(&self, i: usize) -> &'a str {
        let (s, k) = self.tokens[i];
        self.sentences[s].surface(k)
    }

    /// Makes this the translation side of another bead, keeping the
    /// buffers.
    fn refill(&mut self, sentences: &[usize]) {
        self.tokens.clear();
        self.ids.clear();
        for &s in sentences {
            let Some(sentence) = self.sentences.get(s) else {
                continue;
            };
            for (k, t) in sentence.tokens.iter().enumerate() {
                self.tokens.push((s, k));
                self.ids.push(t.word);
            }
        }
        self.used.clear();
        self.used.resize(self.tokens.len(), false);
        self.forms.take();
        self.by_word.clear();
        self.by_word
            .extend(self.ids.iter().enumerate().map(|(i, &w)| (w, i)));
        self.by_word.sort_unstable();
        self.caseless.clear();
        let mut last: Option<(usize, bool)> = None;
        for &(s, _) in &self.tokens {
            let caseless = match last {
                Some((ls, c)) if ls == s => c,
                _ => !self.sentences[s].text.chars().any(char::is_uppercase),
            };
            last = Some((s, caseless));
            self.caseless.push(caseless);
        }
    }

    /// True when tokens i and i+1 are adjacent words of one sentence,
    /// with only spaces or hyphens between them.
    fn adjacent(&self, i: usize) -> bool {
        let (Some(&(s, k)), Some(&(s2, k2))) = (self.tokens.get(i), self.tokens.get(i + 1)) else {
            return false;
        };
        let sentence = &self.sentences[s];
        s == s2
            && k + 1 == k2
            && sentence.text[sentence.tokens[k].end..sentence.tokens[k2].start]
                .chars()
                .all(|c| c == ' ' || c == '-')
    }

    /// Marks the unused run of tokens with these words nearest to
    /// [`TransSide::place`] and returns where it lies in `tokens`.
    fn take_phrase(&mut self, phrase: &[WordId]) -> Option<Range<usize>> {
        let n = phrase.len();
        let first = *phrase.first()?;
        // "US" as a rendering of "U.S." must not match the pronoun "us".
        let shouting = |i: usize| {
            let (s, k) = self.tokens[i];
            !self.sentences[s].surface(k).chars().any(char::is_lowercase)
        };
        let last_start = self.tokens.len().checked_sub(n)?;
        let fits = |i: usize| {
            i <= last_start
                && (0..n).all(|j| {
                    !self.used[i + j]
                        && self.tokens[i + j].0 == self.tokens[i].0
                        && self.ids[i + j] == phrase[j]
                        && (!self.words[phrase[j]].stopword || shouting(i + j))
                })
        };
        let from = self.by_word.partition_point(|&(w, _)| w < first);
        let start = self.by_word[from..]
            .iter()
            .take_while(|&&(w, _)| w == first)
            .map(|&(_, i)| i)
            .filter(|&i| fits(i))
            .min_by(|&a, &b| self.distance(a).total_cmp(&self.distance(b)))?;
        (start..start + n).for_each(|i| self.used[i] = true);
        Some(start..start + n)
    }

    /// Takes the first of a glossary's renderings the side holds: present
    /// for an accepted one, a variant (with its tokens) for another.
    fn take_rendering(&mut self, renderings: &[(&[String], Rendering)]) -> Option<Fate> {
        renderings.iter().find_map(|&(variant, rendering)| {
            // A rendering with a word the pair lacks cannot be there.
            let ids: Vec<WordId> = variant
                .iter()
                .map(|k| self.words.id(k))
                .collect::<Option<_>>()?;
            let at = self.take_phrase(&ids)?;
            Some(match rendering {
                Rendering::Accepted => Fate::Present,
                Rendering::Variant => Fate::Variant(self.tokens[at].to_vec()),
            })
        })
    }

    /// Marks the unused token nearest to [`TransSide::place`] whose word
    /// and surface satisfy `pred`; the surface is given in capitals when
    /// the token's sentence has none, so that "eu" in a text written in
    /// lower case may be the acronym "EU".
    fn take_where(&mut self, pred: impl Fn(WordId, &str) -> bool) -> bool {
        let nearest = (0..self.ids.len())
            .filter(|&i| {
                !self.used[i]
                    && if self.caseless[i] {
                        pred(self.ids[i], &self.surface(i).to_uppercase())
                    } else {
                        pred(self.ids[i], self.surface(i))
                    }
            })
            .min_by(|&a, &b| self.distance(a).total_cmp(&self.distance(b)));
        if let Some(i) = nearest {
            self.used[i] = true;
        }
        nearest.is_some()
    }

    /// Takes an unused run of capitalised words whose initials spell the
    /// acronym ("European Union" for "EU", "World Health Organization"
    /// for "WHO"); function words inside the run are skipped.
    fn take_expansion(&mut self, acronym: &str) -> bool {
        let letters: Vec<char> = acronym
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        if letters.len() < 2 {
            return false;
        }
        'start: for start in 0..self.tokens.len() {
            let mut i = start;
            let mut matched = 0;
            loop {
                if i >= self.tokens.len() || self.used[i] {
                    continue 'start;
                }
                let t = self.token(i);
                if self.words[t.word].stopword {
                    if matched == 0 {
                        continue 'start;
                    }
                } else {
                    let first = self.words.key(t.word).chars().next();
                    if !t.capitalized || first != Some(letters[matched]) {
                        continue 'start;
                    }
                    matched += 1;
                    if matched == letters.len() {
                        break;
                    }
                }
                if !self.adjacent(i) {
                    continue 'start;
                }
                i += 1;
            }
            (start..=i).for_each(|j| self.used[j] = true);
            return true;
        }
        false
    }

    /// The [`Form`] of every token, worked out once per bead, on the first
    /// corrupted-name search.
    fn forms(&self, known: &Keys) -> &[Form<'a>] {
        self.forms.get_or_init(|| {
            (0..self.tokens.len())
                .map(|i| {
                    let t = self.token(i);
                    (t.plain && !self.words[t.word].stopword)
                        .then(|| (self.words.spelling(t.word), known.contains(t.word)))
                })
                .collect()
        })
    }

    /// The unused span of 1–3 tokens spelt most like the word `name`;
    /// `common`: the name word is itself an ordinary English word.
    fn best_candidate(
        &self,
        name: WordId,
        common: bool,
        known: &Keys,
        classes: &mut Classes,
    ) -> Option<(usize, usize, f64)> {
        let forms = self.forms(known);
        // A span made only of words the original uses elsewhere is a
        // paraphrase, not a corrupted name, and is never scored: only the
        // starts up to two tokens before a word the original lacks are
        // walked, in order (most beads have a handful of such words).
        let unknown = |j: usize| matches!(forms[j], Some((_, false)));
        let first_unknown = (0..self.tokens.len()).find(|&j| unknown(j))?;
        let mut best: Option<(usize, usize, f64)> = None;
        let name_spelling = self.words.spelling(name);
        let name_len = name_spelling.len().max(1) as f64;
        // Same measure as `spelling_similarity`, with the name's side
        // prepared once, on the first span scored.
        let mut scorer = None;
        let mut joined = String::new();
        let mut walked = 0;
        for u in (first_unknown..self.tokens.len()).filter(|&j| unknown(j)) {
            for i in u.saturating_sub(2).max(walked)..=u {
                joined.clear();
                let mut all_known = true;
                for len in 1..=3 {
                    let j = i + len - 1;
                    if j >= self.tokens.len()
                        || self.used[j]
                        || self.tokens[j].0 != self.tokens[i].0
                    {
                        break;
                    }
                    let (s, k) = self.tokens[j];
                    let sentence = &self.sentences[s];
                    let t = &sentence.tokens[k];
                    let Some((form, known_word)) = &forms[j] else {
                        break;
                    };
                    if len > 1
                        && !sentence.text[sentence.tokens[k - 1].end..t.start]
                            .trim()
                            .is_empty()
                    {
                        break;
                    }
                    joined.push_str(form);
                    all_known &= known_word;
                    let ratio = joined.len() as f64 / name_len;
                    if ratio > 2.0 {
                        break;
                    }
                    if all_known || ratio < 0.5 {
                        continue;
                    }
                    let capitalised = self.token(i).capitalized;
                    let scorer = scorer.get_or_insert_with(|| {
                        rapidfuzz::distance::indel::BatchComparator::new(name_spelling.chars())
                    });
                    let score = scorer.normalized_similarity(joined.chars());
                    // Worked out only for spans that get this far.
                    let all_common = (i..=j).all(|k| {
                        let t = self.token(k);
                        classes.of(self.words, t.word, self.surface(k)) == Class::Common
                    });
                    let needed = if all_common {
                        COMMON_WORD_MIN
                    } else if capitalised && !common {
                        SIMILARITY_MIN
                    } else {
                        LOWERCASE_MIN
                    };
                    if score >= needed && best.is_none_or(|(_, _, b)| score > b) {
                        best = Some((i, j, score));
                    }
                }
            }
            walked = u + 1;
        }
        best
    }

    /// The runs of unused tokens that read as names the original lacks
    /// (see [`NewName`]). A word at the start of a sentence counts only
    /// when it names itself ([`names_itself`]), is capitalised
    /// mid-sentence elsewhere in the translation, or starts a run.
    fn new_names(
        &self,
        known: &Keys,
        trans_keys: &Keys,
        orig_words: &[WordId],
        classes: &mut Classes,
    ) -> Vec<NewName> {
        let words = self.words;
        let related = |w: WordId| {
            let key = words.key(w);
            orig_words.iter().any(|&o| {
                let okey = words.key(o);
                words[o].stem == words[w].stem
                    || place_forms_related(okey, key)
                    || (words[o].chars >= 4 && same_transliteration(okey, key))
            })
        };
        // 0: not a name; 1: a name anywhere; 2: a name only when the next
        // word is one (a capitalised word at a sentence start).
        let mut kind = vec![0u8; self.tokens.len()];
        for (i, slot) in kind.iter_mut().enumerate() {
            let (s, k) = self.tokens[i];
            let sentence = &self.sentences[s];
            let t = &sentence.tokens[k];
            let surface = sentence.surface(k);
            let key = words.key(t.word);
            let letters_first = surface.chars().next().is_some_and(char::is_alphabetic);
            let name_like = !self.used[i]
                && t.capitalized
                && letters_first
                && surface
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-'))
                && !known.contains(t.word)
                && words.spelling(t.word).chars().nth(1).is_some()
                && !words[t.word].stopword
                && !is_contraction(key)
                && !matches!(
                    classes.of(words, t.word, surface),
                    Class::Title | Class::Calendar
                )
                && !related(t.word);
            if !name_like {
                continue;
            }
            let headline = matches!(sentence.label, Label::Title | Label::Chrome);
            *slot = if (k > 0 && !headline)
                || trans_keys.has(t.word, CAPITALISED_MID)
                || names_itself(surface, key)
                || !t.plain
            {
                1
            } else {
                2
            };
        }
        let mut out: Vec<NewName> = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            let starts =
                kind[i] == 1 || (kind[i] == 2 && self.adjacent(i) && kind.get(i + 1) == Some(&1));
            if !starts {
                i += 1;
                continue;
            }
            let start = i;
            while kind.get(i + 1) == Some(&1) && self.adjacent(i) && !is_possessive(self.surface(i))
            {
                i += 1;
            }
            let at = start..i + 1;
            let proper = at.clone().any(|j| {
                let t = self.token(j);
                classes.of(words, t.word, self.surface(j)) == Class::Proper
            });
            let (s, k) = self.tokens[start];
            let place = (k as f64 + 0.5) / self.sentences[s].tokens.len().max(1) as f64;
            out.push(NewName { at, proper, place });
            i += 1;
        }
        out
    }

    /// The surface text of the given tokens: one span when they are
    /// adjacent in one sentence, else the pieces joined by " … ".
    fn text(&self, tokens: &[TokenAt]) -> String {
        let mut pieces: Vec<String> = Vec::new();
        let mut run: Option<(usize, usize, usize)> = None;
        let flush = |run: Option<(usize, usize, usize)>, pieces: &mut Vec<String>| {
            if let Some((s, a, b)) = run {
                pieces.push(self.sentences[s].span(a, b).to_string());
            }
        };
        let mut sorted = tokens.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        for (s, k) in sorted {
            run = match run {
                Some((rs, a, b)) if rs == s && b + 1 == k => Some((rs, a, k)),
                other => {
                    flush(other, &mut pieces);
                    Some((s, k, k))
                }
            };
        }
        flush(run, &mut pieces);
        pieces.join(" … ")
    }
}

/// One name occurrence of a bead and what became of its words.
struct Occurrence {
    /// The original sentence.
    o: usize,
    name: NameAt,
    /// The name's keys as strings when the glossary lists its first word
    /// (the glossary is asked about no other name).
    listed: Option<Vec<String>>,
    fates: Vec<Fate>,
    /// Where it stands in the original side of the bead, 0–1.
    place: f64,
}

/// The first pass over a bead's names: each word's own spelling or a
/// listed rendering. Runs for every name of the bead before the looser
/// passes, so that "Albanians" takes "Albanians" before "Greater
/// Albania" takes it as a derived form.
fn exact_matches(
    view: &AnalysedSentence,
    occurrence: &mut Occurrence,
    trans: &mut TransSide,
    pair: &PairContext,
) {
    let Occurrence {
        name,
        listed,
        fates,
        ..
    } = occurrence;
    let tokens = &view.tokens[name.first..=name.last];
    fates.clear();
    fates.resize(tokens.len(), Fate::Missing);
    let glossary = &pair.options.glossary;
    // The whole name as a listed rendering ("United States" for "U.S.").
    if let Some(fate) = listed
        .as_deref()
        .and_then(|name| trans.take_rendering(&glossary.renderings(name)))
    {
        fates.fill(fate);
        return;
    }
    let words = pair.vocabulary;
    // The whole name as its acronym ("EU" for "European Union").
    if tokens.len() >= 2 {
        let initials: String = tokens
            .iter()
            .filter(|t| !words[t.word].stopword)
            .filter_map(|t| words.key(t.word).chars().next())
            .collect();
        // Asked only when the pair has the acronym, with or without dots.
        let dotted: String = {
            let mut d = String::with_capacity(initials.len() * 2);
            for (n, c) in initials.chars().enumerate() {
                if n > 0 {
                    d.push('.');
                }
                d.push(c);
            }
            d
        };
        let spelt = words.id(&initials).is_some() || words.id(&dotted).is_some();
        if initials.chars().count() >= 2
            && spelt
            && trans.take_where(|w, surface| words.spelling(w) == initials && is_acronym(surface))
        {
            fates.fill(Fate::Present);
            return;
        }
    }
    for (j, t) in tokens.iter().enumerate() {
        if trans.take_phrase(&[t.word]).is_some() {
            fates[j] = Fate::Present;
            continue;
        }
        let key = words.key(t.word);
        if glossary.has_entry(key) {
            let listed = [key.to_string()];
            if let Some(fate) = trans.take_rendering(&glossary.renderings(&listed)) {
                fates[j] = fate;
            }
        }
    }
}

/// The second pass: a word the translation has in another form.
fn related_matches(
    view: &AnalysedSentence,
    occurrence: &mut Occurrence,
    trans: &mut TransSide,
    known: &Keys,
    classes: &mut Classes,
    pair: &PairContext,
) {
    let Occurrence { name, fates, .. } = occurrence;
    let words = pair.vocabulary;
    let glossary = &pair.options.glossary;
    for (j, fate) in fates.iter_mut().enumerate() {
        if *fate != Fate::Missing {
            continue;
        }
        let k = name.first + j;
        let id = view.tokens[k].word;
        let key = words.key(id);
        let surface = view.surface(k);
        let word = &words[id];
        let acronym = is_acronym(surface);
        let class = classes.of(words, id, surface);
        let spelling = words.spelling(id);
        let translit = word.chars >= 4 && !acronym;
        // Transliterations and spelling variants are of about the same
        // length and start alike: only such words are folded.
        let initial = transliteration_initial(key);
        let akin = |other_key: &str, other: &crate::analysis::Word| {
            other.chars.abs_diff(word.chars) <= 3 && transliteration_initial(other_key) == initial
        };
        let synonyms: Vec<&str> = if class == Class::Common {
            crate::lexicon::synonym_stems(words.stem_of(id)).collect()
        } else {
            Vec::new()
        };
        let irregular = irregular_relatives(key);
        let variant =
            (class == Class::Common && word.chars >= 4).then(|| spelling_variant_key(key));
        if trans.take_where(|k, other_surface| {
            let other = &words[k];
            let other_key = words.key(k);
            // Every test below but three needs the same first letter: most
            // words are let go here.
            let same_start = other_key.as_bytes().first() == key.as_bytes().first();
            let capital_synonym =
                !synonyms.is_empty() && other_surface.starts_with(char::is_uppercase);
            if !same_start
                && irregular.is_empty()
                && !capital_synonym
                && (!translit || transliteration_initial(other_key) != initial)
            {
                return false;
            }
            // A derived form must be a real word (in the original or in
            // English), or a corruption that keeps the stem ("Ukrain")
            // would pass.
            let real = || known.contains(k) || is_english(other_key);
            // "Ukrainian" for "Ukraine", "southern" for "South".
            ((other.stem == word.stem
                || (other.chars.min(word.chars) >= 5
                    && prefix(other_key, 5) == prefix(key, 5)))
                && real())
                // "Chinese" for "China", "Norway" for "Norwegians".
                || ((irregular.contains(&other_key) || regular_place_forms(key, other_key))
                    && real())
                // A short form of an acronym: "US" for "USA", "BC" for "BCE".
                || (acronym && is_acronym(other_surface) && {
                    let other = words.spelling(k);
                    let (short, long) = if other.len() < spelling.len() {
                        (other, spelling)
                    } else {
                        (spelling, other)
                    };
                    short.len() >= 2 && long.len() == short.len() + 1 && long.starts_with(short)
                })
                // A transliteration: "Dmitri" for "Dmitry".
                || (translit
                    && other.chars >= 4
                    && akin(other_key, other)
                    && same_transliteration(key, other_key))
                // An ordinary word translated, keeping its capital: "Arms"
                // for "Weapons" (a synonym in lower case is no name).
                || (capital_synonym && other.letters > 2 && synonyms.contains(&words.stem_of(k)))
                // Another spelling of an ordinary word: "Labor" for
                // "Labour".
                || variant
                    .as_ref()
                    .is_some_and(|v| akin(other_key, other) && *v == spelling_variant_key(other_key))
        }) {
            *fate = Fate::Present;
            continue;
        }
        // An acronym written out ("European Union" for "EU"), or an
        // acronym that is an English word read as its word ("ID" →
        // "identification").
        if acronym
            && (trans.take_expansion(surface)
                || (is_english(key)
                    && !glossary.has_entry(key)
                    && trans.take_where(|k, _| {
                        let other = words.key(k);
                        other.len() >= key.len() + 4 && other.starts_with(key) && is_english(other)
                    })))
        {
            *fate = Fate::Present;
        }
    }
}

/// The last pass: a word still missing, spelt like an unused span of the
/// translation (a corruption).
fn corrupted_matches(
    view: &AnalysedSentence,
    occurrence: &mut Occurrence,
    trans: &mut TransSide,
    known: &Keys,
    classes: &mut Classes,
    pair: &PairContext,
) {
    let Occurrence { name, fates, .. } = occurrence;
    let words = pair.vocabulary;
    for (j, fate) in fates.iter_mut().enumerate() {
        if *fate != Fate::Missing {
            continue;
        }
        let k = name.first + j;
        let word = view.tokens[k].word;
        let common = classes.of(words, word, view.surface(k)) == Class::Common;
        if let Some((a, b, score)) = trans.best_candidate(word, common, known, classes) {
            (a..=b).for_each(|i| trans.used[i] = true);
            *fate = Fate::Corrupted(trans.tokens[a..=b].to_vec(), score);
        }
    }
}

/// True when the translation has the words on both sides of the name
/// side by side, with nothing between them ("bought Apple because" →
/// "bought because"), or starts or ends a sentence where the name did,
/// or keeps the title without the name ("Dr. Moll thinks" → "Dr.
/// believes"): the name was removed, not translated. `absent`: the
/// translation never uses the name, so function words around it may be
/// looked past too. Titles before the
/// name are looked past ("ago, Ms. Locklear was" → "ago, was"), and so is
/// a possessive ending left alone ("of Microsoft's staff" → "of 's
/// staff").
fn removed_without_trace(
    view: &AnalysedSentence,
    name: &NameAt,
    trans: &TransSide,
    words: &Vocabulary,
    absent: bool,
) -> bool {
    let title = |t: &Token| is_title(words.key(t.word));
    let stray = |t: &Token| words.key(t.word) == "s";
    let mut first = name.first;
    while first > 0 && title(&view.tokens[first - 1]) {
        first -= 1;
    }
    // The title kept, the name after it gone.
    if first < name.first {
        let kept_title = view.tokens[name.first - 1].word;
        let orphan = trans.tokens.windows(2).any(|w| {
            let (a, b) = (trans_token(trans, w[0]), trans_token(trans, w[1]));
            w[0].0 == w[1].0 && a.word == kept_title && !b.capitalized
        });
        if orphan {
            return true;
        }
    }
    // Word for word, then, for a name the translation never uses, with
    // the function words around it left out ("conducted the Guildford
    // Philharmonic from 1962" → "conducted from 1962"; a name used
    // elsewhere may stand as a pronoun: "the U.S. envoy" → "its envoy").
    let every = |t: &Token| !stray(t);
    let content = |t: &Token| !stray(t) && !words[t.word].stopword;
    neighbours_meet(view, first, name.last, trans, &every)
        || (absent && neighbours_meet(view, first, name.last, trans, &content))
}

fn trans_token<'a>(trans: &TransSide<'a>, (s, k): TokenAt) -> &'a Token {
    &trans.sentences[s].tokens[k]
}

/// True when the nearest words `keep` accepts on each side of tokens
/// first..=last of the original stand side by side in a translation
/// sentence (or start or end it where the name did), and not in the
/// original.
fn neighbours_meet(
    view: &AnalysedSentence,
    first: usize,
    last: usize,
    trans: &TransSide,
    keep: &dyn Fn(&Token) -> bool,
) -> bool {
    let before = view.tokens[..first]
        .iter()
        .rev()
        .find(|t| keep(t))
        .map(|t| t.word);
    let after = view.tokens[last + 1..]
        .iter()
        .find(|t| keep(t))
        .map(|t| t.word);
    let mut sentences: Vec<Vec<WordId>> = Vec::new();
    let mut current = None;
    for &at in &trans.tokens {
        if current != Some(at.0) {
            sentences.push(Vec::new());
            current = Some(at.0);
        }
        let t = trans_token(trans, at);
        if let Some(words) = sentences.last_mut().filter(|_| keep(t)) {
            words.push(t.word);
        }
    }
    match (before, after) {
        (None, None) => false,
        (None, Some(after)) => sentences.iter().any(|s| s.first() == Some(&after)),
        (Some(before), None) => sentences.iter().any(|s| s.last() == Some(&before)),
        (Some(before), Some(after)) => {
            let pair = |w: &[WordId]| w[0] == before && w[1] == after;
            // The two words side by side in the original too say nothing.
            let original: Vec<WordId> = view
                .tokens
                .iter()
                .filter(|t| keep(t))
                .map(|t| t.word)
                .collect();
            !original.windows(2).any(pair) && sentences.iter().any(|s| s.windows(2).any(pair))
        }
    }
}

/// True for a short word just before a number: a currency or unit
/// ("Nu 150", "Rs 500"), not a name.
fn is_unit_before_number(view: &AnalysedSentence, name: &NameAt) -> bool {
    let surface = view.surface(name.first);
    name.first == name.last
        && !is_acronym(surface)
        && surface.chars().count() <= 3
        && view.tokens.get(name.last + 1).is_some_and(|t| t.numeric)
}

impl Checker for NameChecker {
    fn name(&self) -> &'static str {
        "name"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        let words = pair.vocabulary;
        let known = Keys::new(pair.orig, words);
        let translation_keys = Keys::new(pair.trans, words);
        let names = inventory(pair.orig, words, &known, &translation_keys);
        let glossary = &pair.options.glossary;
        let mut classes = Classes::new(words);
        // Corrupted renderings of each name word, for the consistency note.
        let mut renderings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut corrupted_word: Vec<(usize, String)> = Vec::new();
        // One translation side, refilled for each bead with names.
        let mut trans = TransSide::new(pair.trans, words);
        let mut occurrences: Vec<Occurrence> = Vec::new();

        for (b, bead) in pair.beads.iter().enumerate() {
            let moved = bead.kind == BeadKind::Moved;
            if !(bead.kind.is_match() || moved) {
                continue;
            }
            let orig_idx = pair.orig_of(bead);
            if orig_idx
                .iter()
                .all(|&o| names.get(o).is_none_or(Vec::is_empty))
            {
                continue;
            }
            trans.refill(&bead.trans);
            occurrences.clear();
            let mut offset = 0;
            for &o in orig_idx {
                let Some(sentence_names) = names.get(o) else {
                    continue;
                };
                let view = &pair.orig[o];
                offset += view.tokens.len();
                let offset = offset - view.tokens.len();
                for name in sentence_names {
                    let name_tokens = &view.tokens[name.first..=name.last];
                    // The glossary is asked by strings, and only about
                    // names whose first word it lists.
                    let listed: Option<Vec<String>> =
                        glossary.has_entry(words.key(name_tokens[0].word)).then(|| {
                            name_tokens
                                .iter()
                                .map(|t| words.key(t.word).to_string())
                                .collect()
                        });
                    if listed
                        .as_ref()
                        .is_some_and(|keys| glossary.is_ignored(keys))
                    {
                        continue;
                    }
                    occurrences.push(Occurrence {
                        o,
                        name: name.clone(),
                        listed,
                        fates: Vec::new(),
                        place: (offset + name.first) as f64 + 0.5,
                    });
                }
            }
            let orig_len = offset.max(1) as f64;
            for occurrence in occurrences.iter_mut() {
                occurrence.place /= orig_len;
                trans.place = occurrence.place;
                exact_matches(&pair.orig[occurrence.o], occurrence, &mut trans, pair);
            }
            // Most beads have every name word in place: nothing more to
            // look for.
            let missing = |occurrences: &[Occurrence]| {
                occurrences.iter().any(|o| o.fates.contains(&Fate::Missing))
            };
            if missing(&occurrences) {
                // The other words of the original take their own
                // counterparts first: a translation word the original also
                // has elsewhere ("Korean peninsula") is not another form of
                // a name ("Korea").
                let mut offset = 0;
                for &o in orig_idx {
                    let Some(view) = pair.orig.get(o) else {
                        continue;
                    };
                    let names_here: Vec<&NameAt> = occurrences
                        .iter()
                        .filter(|n| n.o == o)
                        .map(|n| &n.name)
                        .collect();
                    for (k, t) in view.tokens.iter().enumerate() {
                        let in_name = names_here.iter().any(|n| (n.first..=n.last).contains(&k));
                        if !in_name && !words[t.word].stopword {
                            trans.place = (offset + k) as f64 / orig_len;
                            trans.take_phrase(&[t.word]);
                        }
                    }
                    offset += view.tokens.len();
                }
                for occurrence in occurrences.iter_mut() {
                    let view = &pair.orig[occurrence.o];
                    trans.place = occurrence.place;
                    related_matches(view, occurrence, &mut trans, &known, &mut classes, pair);
                }
                for occurrence in occurrences.iter_mut() {
                    let view = &pair.orig[occurrence.o];
                    trans.place = occurrence.place;
                    corrupted_matches(view, occurrence, &mut trans, &known, &mut classes, pair);
                }
            }
            // Names the translation has and the original lacks, once every
            // name of the bead has taken its own words: only when a name is
            // still missing.
            let mut new_names = if moved || !missing(&occurrences) {
                Vec::new()
            } else {
                // The words of the original side, which new names must not
                // be forms of.
                let orig_words: Vec<WordId> = orig_idx
                    .iter()
                    .filter_map(|&o| pair.orig.get(o))
                    .flat_map(|s| s.tokens.iter().map(|t| t.word))
                    .collect();
                trans.new_names(&known, &translation_keys, &orig_words, &mut classes)
            };

            for occurrence in &occurrences {
                let Occurrence {
                    o,
                    name,
                    listed,
                    fates,
                    ..
                } = occurrence;
                if fates.iter().all(|f| *f == Fate::Present) {
                    continue;
                }
                let o = *o;
                let view = &pair.orig[o];
                let expected = view.span(name.first, name.last);
                let finding = |severity, confidence: f64, found: String, message: String| Finding {
                    kind: Kind::Name,
                    severity,
                    confidence: confidence as f32,
                    orig: vec![o],
                    trans: bead.trans.clone(),
                    expected: expected.to_string(),
                    found,
                    message,
                    orig_span: None,
                    trans_span: None,
                    position: (b, view.tokens[name.first].start),
                };
                let corrupted: Vec<(usize, &Vec<TokenAt>, f64)> = fates
                    .iter()
                    .enumerate()
                    .filter_map(|(j, f)| match f {
                        Fate::Corrupted(at, s) => Some((j, at, *s)),
                        _ => None,
                    })
                    .collect();
                let class = |j: usize, classes: &mut Classes| {
                    let k = name.first + j;
                    classes.of(words, view.tokens[k].word, view.surface(k))
                };
                // The words that are lost and had to be there (not titles
                // or dates), and whether one of them is a proper name.
                let lost: Vec<usize> = (0..fates.len())
                    .filter(|&j| {
                        fates[j] == Fate::Missing
                            && !matches!(class(j, &mut classes), Class::Title | Class::Calendar)
                    })
                    .collect();
                // A name the glossary lists is a name, whatever its words
                // ("United States").
                let lost_proper = listed.is_some()
                    || lost
                        .iter()
                        .any(|&j| class(j, &mut classes) == Class::Proper);
                let kept: Vec<usize> = (0..fates.len())
                    .filter(|&j| {
                        fates[j] == Fate::Present
                            && !matches!(class(j, &mut classes), Class::Title | Class::Calendar)
                    })
                    .collect();
                if !corrupted.is_empty() {
                    let at: Vec<TokenAt> = corrupted
                        .iter()
                        .flat_map(|(_, at, _)| at.iter().copied())
                        .collect();
                    let found = trans.text(&at);
                    let score = corrupted.iter().map(|c| c.2).sum::<f64>() / corrupted.len() as f64;
                    for (j, at, _) in &corrupted {
                        let word = view.surface(name.first + j).to_string();
                        *renderings
                            .entry(word.clone())
                            .or_default()
                            .entry(trans.text(at))
                            .or_default() += 1;
                        corrupted_word.push((out.len(), word));
                    }
                    let note = if lost.is_empty() {
                        ""
                    } else {
                        " (part of the name is missing)"
                    };
                    // One letter added, dropped or changed in a word of
                    // five or more, the rest of the name intact
                    // ("Kurusk", "Kupchaan"): a misspelling the reader
                    // still recognises, major. A name split, shortened or
                    // spelt beyond recognition ("Zelei Sky", "Halkov") is
                    // critical.
                    let misspelt = lost.is_empty()
                        && corrupted.iter().all(|(j, at, _)| {
                            let name_word = words.spelling(view.tokens[name.first + j].word);
                            let [(s, k)] = at.as_slice() else {
                                return false;
                            };
                            let found = words.spelling(trans.sentences[*s].tokens[*k].word);
                            name_word.chars().count() >= 5
                                && rapidfuzz::distance::indel::distance(
                                    name_word.chars(),
                                    found.chars(),
                                ) <= 2
                        });
                    let (severity, what) = if misspelt {
                        (Severity::Major, "misspelt")
                    } else {
                        (Severity::Critical, "corrupted")
                    };
                    out.push(finding(
                        severity,
                        (0.5 + score / 2.0).min(0.99),
                        found.clone(),
                        format!("name {what}: \"{expected}\" appears as \"{found}\"{note}"),
                    ));
                    continue;
                }
                if let Some(Fate::Variant(at)) =
                    fates.iter().find(|f| matches!(f, Fate::Variant(_)))
                {
                    let found = trans.text(at);
                    out.push(finding(
                        Severity::Minor,
                        0.9,
                        found.clone(),
                        format!("name spelt as the variant \"{found}\" instead of \"{expected}\""),
                    ));
                    continue;
                }
                if moved || lost.is_empty() || is_unit_before_number(view, name) {
                    continue;
                }
                // Ordinary words for ordinary words ("the Room of the
                // Three Windows" → "the Hall of Three Windows") are a
                // translation, however capitalised: a replacement needs a
                // proper word on one side.
                // Another name in its place: the new name of the bead
                // nearest to where the lost one stood.
                let place = (name.first as f64 + 0.5) / view.tokens.len().max(1) as f64;
                let replacement = new_names
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| lost_proper || n.proper)
                    .min_by(|(_, x), (_, y)| {
                        (x.place - place).abs().total_cmp(&(y.place - place).abs())
                    })
                    .map(|(i, _)| i);
                if let Some(i) = replacement {
                    let new = new_names.remove(i);
                    let found = trans.text(&trans.tokens[new.at.clone()]);
                    // The same name translated another way ("Sportcamp" →
                    // "Sports Field", "Aeronautics" → "Aerospace"): a lost
                    // word starts like a word of the new name. Between two
                    // proper names that is chance ("Austria", "Australia").
                    let translated = !(lost_proper && new.proper)
                        && lost.iter().any(|&j| {
                            let key = words.key(view.tokens[name.first + j].word);
                            new.at.clone().any(|i| {
                                let other = words.key(trans.ids[i]);
                                other.chars().count() >= 4 && prefix(key, 4) == prefix(other, 4)
                            })
                        });
                    if translated {
                        continue;
                    }
                    let (severity, confidence) = if lost_proper && new.proper {
                        (Severity::Critical, 0.85)
                    } else {
                        (Severity::Major, 0.55)
                    };
                    out.push(finding(
                        severity,
                        confidence,
                        found.clone(),
                        format!(
                            "name replaced: \"{expected}\" appears to be replaced by \"{found}\""
                        ),
                    ));
                    continue;
                }
                // Absent from the whole translation, in every listed
                // rendering ("U.S." as "United States"): a name used
                // elsewhere and missing here, with no other name in its
                // place, is usually a pronoun or "the two countries".
                let absent = view.label == Label::Body
                    && lost
                        .iter()
                        .all(|&j| !translation_keys.contains(view.tokens[name.first + j].word))
                    && !listed.as_deref().is_some_and(|keys| {
                        glossary.renderings(keys).iter().any(|(variant, _)| {
                            variant.iter().all(|k| {
                                words.id(k).is_some_and(|id| translation_keys.contains(id))
                            })
                        })
                    });
                if kept.is_empty() && removed_without_trace(view, name, &trans, words, absent) {
                    out.push(finding(
                        Severity::Major,
                        0.7,
                        String::new(),
                        format!(
                            "name missing: \"{expected}\" was removed, nothing stands in its place"
                        ),
                    ));
                    continue;
                }
                if !lost_proper {
                    // Ordinary words of a name ("the Board") with nothing
                    // in their place were translated or paraphrased.
                    continue;
                }
                if !kept.is_empty() {
                    let kept: Vec<&str> =
                        kept.iter().map(|&j| view.surface(name.first + j)).collect();
                    let kept = kept.join(" ");
                    out.push(finding(
                        Severity::Minor,
                        0.6,
                        kept.clone(),
                        format!("name shortened: \"{expected}\" appears only as \"{kept}\""),
                    ));
                } else if absent {
                    out.push(finding(
                        Severity::Major,
                        0.6,
                        String::new(),
                        format!("name missing: \"{expected}\" does not appear in the translation"),
                    ));
                }
            }
        }

        // A name corrupted in more than one way is also inconsistent.
        for (index, word) in corrupted_word {
            let Some(forms) = renderings.get(&word).filter(|f| f.len() > 1) else {
                continue;
            };
            let list: Vec<String> = forms.iter().map(|(f, n)| format!("{f} ×{n}")).collect();
            let f = &mut out[index];
            f.message.push_str(&format!(
                "; rendered inconsistently in this document: {}",
                list.join(", ")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_texts, CheckOptions, Kind, Severity};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any pair of texts is checked without a panic.
        #[test]
        fn any_pair_is_checked(
            orig in "(Kursk|KYIV|U.S.|Mr.|Apple's|European|Union|EU|eu|the|of|said|[A-Z][a-z]{0,6}|[a-z]{1,6}|[.,'’-]|[ ]|19|s){0,16}",
            trans in "(Kurusk|Kiev|US|USA|Dr.|'s|Union|EU|eu|the|of|said|[A-Z][a-z]{0,6}|[a-z]{1,6}|[.,'’-]|[ ]|19|s){0,16}",
        ) {
            let _ = names(&[orig.as_str()], &[trans.as_str()]);
        }
    }

    fn names(orig: &[&str], trans: &[&str]) -> Vec<(Severity, String, String)> {
        check_texts(orig, trans, &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == Kind::Name)
            .map(|f| (f.severity, f.expected, f.found))
            .collect()
    }

    #[test]
    fn corrupted_split_and_variant_names() {
        let found = names(
            &["President Volodymyr Zelensky visited Kursk and Kyiv with officials."],
            &["President Zelei Sky visited Kurusk and Kiev with officials."],
        );
        assert_eq!(
            found,
            [
                (
                    Severity::Critical,
                    "Volodymyr Zelensky".into(),
                    "Zelei Sky".into()
                ),
                (Severity::Major, "Kursk".into(), "Kurusk".into()),
                (Severity::Minor, "Kyiv".into(), "Kiev".into()),
            ]
        );
    }

    #[test]
    fn a_misspelling_is_major_a_name_beyond_recognition_critical() {
        let found = one(
            "Samuel Charap and Charles Kupchan met Kharkiv officials.",
            "Samuel Characle and Charles Kupchaan met Halkov officials.",
        );
        let severity = |name: &str| {
            found
                .iter()
                .find(|f| f.1 == name)
                .map(|f| f.0)
                .unwrap_or_else(|| panic!("{name}: {found:?}"))
        };
        assert_eq!(severity("Charles Kupchan"), Severity::Major);
        assert_eq!(severity("Samuel Charap"), Severity::Critical);
        assert_eq!(severity("Kharkiv"), Severity::Critical);
    }

    #[test]
    fn paraphrase_and_derived_forms_are_not_findings() {
        let found = names(
            &["Ukrainian forces entered Russia’s Kursk region, the U.S. said."],
            &["The troops of Ukraine entered the Kursk region of Russia, the United States said."],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    /// The names found for one-sentence pairs, as (severity, expected,
    /// found).
    fn one(orig: &str, trans: &str) -> Vec<(Severity, String, String)> {
        names(&[orig], &[trans])
    }

    #[test]
    fn names_at_the_start_of_a_sentence() {
        // Not an English word, a word WordNet knows only as a name, an
        // acronym: names even where every word is capitalised.
        for (orig, trans, expected, found) in [
            (
                "Siminoff said sales grew after the show.",
                "Amelia Pawlak said sales grew after the show.",
                "Siminoff",
                "Amelia Pawlak",
            ),
            (
                "Singapore is considered a very safe place.",
                "Philippines is considered a very safe place.",
                "Singapore",
                "Philippines",
            ),
            (
                "NASA's shuttle chief said the foam had fallen.",
                "The shuttle chief of Fenton said the foam had fallen.",
                "NASA",
                "Fenton",
            ),
        ] {
            let found_names = one(orig, trans);
            assert_eq!(
                found_names,
                [(Severity::Critical, expected.into(), found.into())],
                "{orig}"
            );
        }
        // An English word starting a sentence is not a name.
        assert!(one(
            "Searches at checkpoints became more intrusive.",
            "Inspections at checkpoints became more intrusive."
        )
        .is_empty());
    }

    #[test]
    fn a_name_replaced_is_found_even_when_used_elsewhere() {
        let found = names(
            &[
                "Putin met Biden in Moscow for talks.",
                "Later Biden flew home from Moscow.",
            ],
            &[
                "Putin met Macron in Moscow for talks.",
                "Later Biden flew home from Moscow.",
            ],
        );
        assert_eq!(
            found,
            [(Severity::Critical, "Biden".into(), "Macron".into())]
        );
    }

    #[test]
    fn a_name_used_elsewhere_in_another_rendering_is_not_missing() {
        let found = names(
            &[
                "The U.S. said the talks would go on.",
                "Later that week the U.S. envoy flew home.",
            ],
            &[
                "The United States said the talks would go on.",
                "Later that week its envoy flew home.",
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_name_removed_without_trace_is_missing() {
        let found = one(
            "For myself, I tend to buy Apple, because I like the design.",
            "For me, I tend to buy, because I like the design.",
        );
        assert_eq!(found, [(Severity::Major, "Apple".into(), String::new())]);
        // A title left without its name.
        let found = one(
            "Some patients caught the virus in the hospital, Dr. Moll thinks.",
            "Dr. believes that some patients caught the virus in the hospital.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn acronyms_expansions_and_short_forms_are_the_same_name() {
        for (orig, trans) in [
            (
                "France is the seventh country in the European Union to suffer it.",
                "France is the seventh EU country to suffer it.",
            ),
            (
                "The WHO said the outbreak was the worst on record.",
                "The World Health Organization said the outbreak was the worst on record.",
            ),
            (
                "The USA and Canada signed the deal in Ottawa.",
                "The US and Canada signed the deal in Ottawa.",
            ),
            (
                "The temple was built in 300 BCE by the Romans.",
                "The temple was built in 300 BC by the Romans.",
            ),
            (
                "Cases of COVID-19 rose again in Lisbon last week.",
                "Cases of COVID rose again in Lisbon last week.",
            ),
            (
                "No US State required voters to show a photo ID card.",
                "No US state required voters to present photo identification.",
            ),
        ] {
            assert!(one(orig, trans).is_empty(), "{orig} / {trans}");
        }
    }

    #[test]
    fn peoples_exonyms_transliterations_and_titles() {
        for (orig, trans) in [
            (
                "Long before Turkey sought to join, powers eyed Turkey's hinterland.",
                "Long before Turkey tried to join, powers eyed the Turkish hinterland.",
            ),
            (
                "Researchers heard of people living long in Central Asia.",
                "Researchers heard of long-lived Central Asian people.",
            ),
            (
                "Exports from China rose sharply last year.",
                "Chinese exports rose sharply last year.",
            ),
            (
                "The ferry to Naples was cancelled on Friday.",
                "The ferry to Napoli was cancelled on Friday.",
            ),
            (
                "The office is on the Hauptstraße in Berlin.",
                "The office is on the Hauptstrasse in Berlin.",
            ),
            (
                "According to Dmitry Kislov, a gun costs 100 dollars.",
                "According to Dmitri Kislov, a gun costs 100 dollars.",
            ),
            (
                "The list was drawn up by Mr. Charest and Ms. Locklear.",
                "The list was drawn up by Charest and Locklear.",
            ),
            (
                "At Temple, Associate Professor Barry Vacker gives the course.",
                "At Temple, Professor Barry Vacker gives the course.",
            ),
        ] {
            assert!(one(orig, trans).is_empty(), "{orig} / {trans}");
        }
    }

    #[test]
    fn capitalised_words_that_are_not_names() {
        for (orig, trans) in [
            (
                "The band was due to tour Canada until September 16.",
                "The band was due to tour Canada until Sept. 16.",
            ),
            (
                "No one came to the meeting on Monday in Ottawa.",
                "Nobody came to the meeting in Ottawa at the start of the week.",
            ),
            (
                "The Board was appointed in 1937 in Ottawa.",
                "The committee was founded in 1937 in Ottawa.",
            ),
            (
                "It has the Temple of the Sun and the Room of the Three Windows.",
                "It has the Temple of the Sun and the Hall of Three Windows.",
            ),
            (
                "I've always progressed rapidly at Clairefontaine.",
                "I have always advanced quickly at Clairefontaine.",
            ),
            (
                "Taxis go to Paro (Nu 150) and Punakha (Nu 200).",
                "Taxis go to Paro (150 ngultrums) and Punakha (200 ngultrums).",
            ),
        ] {
            assert!(one(orig, trans).is_empty(), "{orig} / {trans}");
        }
    }

    #[test]
    fn a_translation_in_lower_case_keeps_its_names() {
        for (orig, trans) in [
            (
                "France is the seventh country in the European Union to suffer it.",
                "france is the seventh eu country to suffer it.",
            ),
            (
                "Examples include Agremex and Commercial Mexicana in Monterrey.",
                "examples include agremex and commercial mexicana in monterrey.",
            ),
        ] {
            assert!(one(orig, trans).is_empty(), "{orig} / {trans}");
        }
    }

    #[test]
    fn shortened_and_missing_names() {
        let found = names(
            &["Officials said Vladimir Putin met envoys in Donbas on Monday."],
            &["Officials said Putin met envoys in the east on Monday."],
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, Severity::Minor);
        assert_eq!(found[1], (Severity::Major, "Donbas".into(), String::new()));
    }
}
