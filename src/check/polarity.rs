//! The polarity checker: negations counted on both sides of a bead, other
//! polarity cues present on one side and not the other, and words
//! replaced by their WordNet antonyms ("despite his own decree banning
//! direct talks" → "Although he promulgated a decree for direct talks";
//! "prices rose" → "prices fell").
//!
//! Negations are counted, not just noticed: an added "not" in a sentence
//! that already has one is a finding. Cues that negate in other words
//! (weak cues: "hardly", "lacks", "declined", a negative prefix WordNet
//! gives as an antonym, "unable") and antonyms answer for a negation of
//! the other side, so "not correct" ~ "incorrect" and "not large" ~
//! "small" are no findings. Other families (prohibition, refusal,
//! improbability) are compared by presence, so "refused" ~ "rejected"
//! is none either; a concession becomes a finding only where a cause
//! takes its place ("despite the rain" → "because of the rain").

use rustc_hash::FxHashSet as HashSet;

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::align::Bead;
use crate::analysis::{AnalysedSentence, StemId, Vocabulary, WordId};
use crate::lexicon::antonyms::{self, Relation};
use crate::lexicon::cues::{
    cue_at, is_neg_raising, is_negation_word, needs_context, negative_prefix, Cue, Family,
};
use crate::lexicon::CUE_START;

/// The checker.
pub struct PolarityChecker;

/// One polarity cue of one side of a bead.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Unit {
    family: Family,
    strong: bool,
    sentence: usize,
    first: usize,
    last: usize,
    /// For a word with a negative prefix, the stem of the word without it
    /// ("correct" for "incorrect"), when the pair has that word.
    base: Option<StemId>,
}

impl Unit {
    fn is_strong_negation(&self) -> bool {
        self.family == Family::Negation && self.strong
    }

    /// A cue of a family that negates in other words.
    fn negates(&self) -> bool {
        matches!(
            self.family,
            Family::Negation | Family::Prohibition | Family::Refusal | Family::Improbability
        )
    }
}

/// Words that open a clause: a cue's scope ends before them.
const CLAUSE_WORDS: [&str; 17] = [
    "but", "and", "or", "while", "whereas", "because", "although", "though", "if", "unless",
    "when", "which", "who", "that", "so", "yet", "since",
];

/// True when token `k` starts a new clause: punctuation before it, or a
/// conjunction.
fn starts_clause(view: &AnalysedSentence, words: &Vocabulary, k: usize) -> bool {
    if k == 0 || k >= view.tokens.len() {
        return true;
    }
    let gap = &view.text[view.tokens[k - 1].end..view.tokens[k].start];
    gap.contains([',', ';', ':', '(', ')', '–', '—', '"'])
        || CLAUSE_WORDS.contains(&words.key(view.tokens[k].word))
}

/// What [`cue_at`] gives at a word wherever it stands, worked out once per
/// pair ([`Scratch::cues`]).
#[derive(Debug, Clone, Copy, PartialEq)]
enum CueMemo {
    Unknown,
    /// It depends on the words around ([`needs_context`]).
    Context,
    Fixed(Option<Cue>),
}

/// The cues of one side of a bead, in order. Negative prefixes are left
/// for [`prefix_units`] (they matter only when the counts differ).
fn units(
    sentences: &[AnalysedSentence],
    words: &Vocabulary,
    indices: &[usize],
    memo: &mut [CueMemo],
) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut keys = Vec::new();
    for &s in indices {
        let Some(view) = sentences.get(s) else {
            continue;
        };
        keys.clear();
        let mut k = 0;
        while k < view.tokens.len() {
            let id = view.tokens[k].word;
            let cue = if words[id].is(CUE_START) {
                let known = &mut memo[id.index()];
                if *known == CueMemo::Unknown {
                    let key = words.key(id);
                    *known = if needs_context(key) {
                        CueMemo::Context
                    } else {
                        CueMemo::Fixed(cue_at(&[key], 0))
                    };
                }
                match *known {
                    CueMemo::Fixed(cue) => cue,
                    // "not" and "nor" look along the sentence; the others
                    // at the next two words only.
                    _ if matches!(words.key(id), "not" | "nor") || words.key(id).contains('_') => {
                        if keys.is_empty() {
                            keys.extend(view.tokens.iter().map(|t| words.key(t.word)));
                        }
                        cue_at(&keys, k)
                    }
                    _ => {
                        let at = |i: usize| view.tokens.get(i).map_or("", |t| words.key(t.word));
                        cue_at(&[at(k), at(k + 1), at(k + 2)], 0)
                    }
                }
            } else {
                None
            };
            match cue {
                Some(c) => {
                    let last = (k + c.len).min(view.tokens.len()) - 1;
                    out.push(Unit {
                        family: c.family,
                        strong: c.strong,
                        sentence: s,
                        first: k,
                        last,
                        base: None,
                    });
                    k = last + 1;
                }
                None => k += 1,
            }
        }
    }
    out
}

/// Words of one side with a negative prefix WordNet gives as an antonym
/// ("unable", "incorrect"): weak negations.
fn prefix_units(
    sentences: &[AnalysedSentence],
    words: &Vocabulary,
    indices: &[usize],
    skip: &HashSet<(usize, usize)>,
) -> Vec<Unit> {
    let mut out = Vec::new();
    for &s in indices {
        let Some(view) = sentences.get(s) else {
            continue;
        };
        for (k, t) in view.tokens.iter().enumerate() {
            let word = &words[t.word];
            if word.stopword || word.is(CUE_START) || word.chars < 5 || skip.contains(&(s, k)) {
                continue;
            }
            let key = words.key(t.word);
            if let Some(p) = negative_prefix(key, words.stem_of(t.word)) {
                let base = key[p..].trim_start_matches('-');
                out.push(Unit {
                    family: Family::Negation,
                    strong: false,
                    sentence: s,
                    first: k,
                    last: k,
                    base: words.stem_id(&crate::lexicon::stem(base)),
                });
            }
        }
    }
    out
}

/// A content word for scopes and windows: not a function word or a
/// negation.
fn is_content(words: &Vocabulary, id: WordId) -> bool {
    let word = &words[id];
    !word.stopword && word.letters > 0 && !(word.is(CUE_START) && is_negation_word(words.key(id)))
}

/// Up to this many content words after a cue are its scope.
const SCOPE: usize = 3;

/// The tokens of the content words a cue bears on: up to `n` after it in
/// its clause, or, when there are none, up to `n` before it.
fn scope(view: &AnalysedSentence, words: &Vocabulary, u: &Unit, n: usize) -> Vec<usize> {
    let content = |k: &usize| is_content(words, view.tokens[*k].word);
    let after: Vec<usize> = (u.last + 1..view.tokens.len())
        .take_while(|&k| !starts_clause(view, words, k))
        .filter(content)
        .take(n)
        .collect();
    if !after.is_empty() {
        return after;
    }
    (0..u.first)
        .rev()
        .take_while(|&k| !starts_clause(view, words, k + 1))
        .filter(content)
        .take(n)
        .collect()
}

/// The neighbourhood of a cue: the tokens of up to two content words
/// before it and three after it in its clause, and of the cue itself.
fn window(view: &AnalysedSentence, words: &Vocabulary, u: &Unit) -> Vec<usize> {
    let content = |k: &usize| is_content(words, view.tokens[*k].word);
    let mut out: Vec<usize> = (0..u.first)
        .rev()
        .take_while(|&k| !starts_clause(view, words, k + 1))
        .filter(content)
        .take(2)
        .collect();
    out.extend((u.first..=u.last).filter(content));
    out.extend(
        (u.last + 1..view.tokens.len())
            .take_while(|&k| !starts_clause(view, words, k))
            .filter(content)
            .take(3),
    );
    out
}

/// The stems of some tokens of a sentence, with a prefix unit's base.
fn stems(view: &AnalysedSentence, words: &Vocabulary, tokens: &[usize], u: &Unit) -> Vec<StemId> {
    let mut out: Vec<StemId> = tokens
        .iter()
        .map(|&k| words[view.tokens[k].word].stem)
        .collect();
    out.extend(u.base);
    out
}

/// True when two lists of stems share one, or a WordNet synonym.
fn related(words: &Vocabulary, a: &[StemId], b: &[StemId]) -> bool {
    a.iter().any(|s| {
        b.contains(s)
            || crate::lexicon::synonym_stems(words.stem(*s))
                .any(|syn| words.stem_id(syn).is_some_and(|syn| b.contains(&syn)))
    })
}

/// The cue with up to `CONTEXT` words after it, ending at a comma or
/// semicolon: what the editor needs to see.
const CONTEXT: usize = 5;

fn context(view: &AnalysedSentence, first: usize, last: usize) -> String {
    let mut end = last;
    while end + 1 < view.tokens.len() && end < last + CONTEXT {
        let gap = &view.text[view.tokens[end].end..view.tokens[end + 1].start];
        if gap.contains([',', ';', ':', '.', '(', ')', '–', '—']) {
            break;
        }
        end += 1;
    }
    view.span(first, end).to_string()
}

/// Which side of a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    Orig,
    Trans,
}

/// The stems and long-word prefixes of one side of a bead: what a word of
/// the other side is looked for in. Dense over the pair's stem and prefix
/// ids and emptied by moving to the next generation, so one serves every
/// bead of a pair.
struct Index {
    /// Per stem id: (generation, occurrences).
    stems: Vec<(u32, u32)>,
    /// Per prefix id: the generation it was last seen in.
    prefixes: Vec<u32>,
    generation: u32,
}

impl Index {
    fn new(words: &Vocabulary) -> Index {
        Index {
            stems: vec![(0, 0); words.stem_count()],
            prefixes: vec![0; words.prefix_count()],
            generation: 0,
        }
    }

    /// Makes this the index of some sentences.
    fn fill(&mut self, sentences: &[AnalysedSentence], words: &Vocabulary, indices: &[usize]) {
        self.generation += 1;
        let g = self.generation;
        for t in indices
            .iter()
            .filter_map(|&s| sentences.get(s))
            .flat_map(|v| &v.tokens)
        {
            let word = &words[t.word];
            let entry = &mut self.stems[word.stem.index()];
            *entry = if entry.0 == g {
                (g, entry.1 + 1)
            } else {
                (g, 1)
            };
            if let Some(p) = word.prefix {
                self.prefixes[p.index()] = g;
            }
        }
    }

    fn count(&self, stem: StemId) -> u32 {
        match self.stems[stem.index()] {
            (g, n) if g == self.generation => n,
            _ => 0,
        }
    }

    /// True when the word has a counterpart here: the same stem, or,
    /// for a content word, (long words) the same first letters or, with
    /// `synonyms`, a WordNet synonym that is not also an antonym (the
    /// synonym lists hold a few). Spelling similarity is no counterpart
    /// here: "increase" is spelt like "decrease".
    fn has(&self, words: &Vocabulary, id: WordId, synonyms: bool) -> bool {
        let word = &words[id];
        if self.count(word.stem) > 0 {
            return true;
        }
        if word.stopword {
            return false;
        }
        if word
            .prefix
            .is_some_and(|p| self.prefixes[p.index()] == self.generation)
        {
            return true;
        }
        let stem = words.stem(word.stem);
        synonyms
            && crate::lexicon::synonym_stems(stem).any(|s| {
                words.stem_id(s).is_some_and(|s| self.count(s) > 0)
                    && antonyms::relation(stem, s).is_none()
            })
    }
}

/// The indexes of both sides of a bead, reused bead after bead, and what
/// is known of the pair's words.
struct Scratch {
    orig: Index,
    trans: Index,
    may_have_antonyms: AntonymMemo,
    /// Per word id: the cue it starts, where that needs no context.
    cues: Vec<CueMemo>,
}

impl Scratch {
    fn new(words: &Vocabulary) -> Scratch {
        Scratch {
            orig: Index::new(words),
            trans: Index::new(words),
            may_have_antonyms: AntonymMemo(vec![0; words.len()]),
            cues: vec![CueMemo::Unknown; words.len()],
        }
    }
}

/// Per word id of a pair: 0 not worked out, 1 may have antonyms, 2 has
/// none.
struct AntonymMemo(Vec<u8>);

impl AntonymMemo {
    /// [`antonyms::may_have_antonyms`] of a word, once per pair.
    fn may_have_antonyms(&mut self, words: &Vocabulary, id: WordId) -> bool {
        let known = &mut self.0[id.index()];
        if *known == 0 {
            *known = if antonyms::may_have_antonyms(words.key(id), words.stem_of(id)) {
                1
            } else {
                2
            };
        }
        *known == 1
    }
}

/// A word replaced by its antonym: (sentence, token) on each side.
#[derive(Debug, Clone, Copy)]
struct Swap {
    orig: (usize, usize),
    trans: (usize, usize),
    relation: Relation,
    /// A neighbouring word is the same on both sides: the antonym stands
    /// where the original word stood.
    in_place: bool,
}

/// A word that may be half of an antonym pair: a word of at least three
/// letters that is not a number or a negation (negations are counted).
fn antonym_candidate(words: &Vocabulary, id: WordId) -> bool {
    let word = &words[id];
    !word.numeric && word.letters >= 3 && !(word.is(CUE_START) && is_negation_word(words.key(id)))
}

/// The words of one side of a bead without a counterpart on the other (by
/// stem or long prefix), or with fewer occurrences there ("first …
/// first" → "last … first"), every occurrence: (sentence, token, word).
/// A function word counts only if it may have antonyms; a cue word has
/// a counterpart in any cue of its family on the other side.
fn orphans(
    words: &Vocabulary,
    sentences: &[AnalysedSentence],
    indices: &[usize],
    (own, other): (&Index, &Index),
    other_units: &[Unit],
    memo: &mut AntonymMemo,
) -> Vec<(usize, usize, WordId)> {
    let mut out = Vec::new();
    for &s in indices {
        let Some(view) = sentences.get(s) else {
            continue;
        };
        for (k, t) in view.tokens.iter().enumerate() {
            let word = &words[t.word];
            if !antonym_candidate(words, t.word)
                || (own.count(word.stem) <= other.count(word.stem)
                    && other.has(words, t.word, false))
                || (word.stopword && !memo.may_have_antonyms(words, t.word))
            {
                continue;
            }
            if word.is(CUE_START)
                && cue_at(&[words.key(t.word)], 0)
                    .is_some_and(|c| other_units.iter().any(|u| u.family == c.family))
            {
                continue;
            }
            out.push((s, k, t.word));
        }
    }
    out
}

/// The words of the original without a counterpart in the translation
/// whose WordNet antonym stands in the translation without a counterpart
/// in the original (so "not unlike", where the word stays, is none). A
/// cue word has a counterpart in any cue of its family ("lack" ~
/// "absence").
fn swaps(
    pair: &PairContext,
    bead: &Bead,
    indexes: &mut Scratch,
    orig_units: &[Unit],
    trans_units: &[Unit],
) -> Vec<Swap> {
    let words = pair.vocabulary;
    indexes.orig.fill(pair.orig, words, &bead.orig);
    indexes.trans.fill(pair.trans, words, &bead.trans);
    let Scratch {
        orig: orig_index,
        trans: trans_index,
        may_have_antonyms: memo,
        ..
    } = indexes;
    // The original's word is lost unless the translation has it (a
    // synonym may be the antonym's own sense: "rise" ~ "arise"); the
    // translation's word is new unless the original has it or a synonym.
    let lost = orphans(
        words,
        pair.orig,
        &bead.orig,
        (orig_index, trans_index),
        trans_units,
        memo,
    );
    if lost.is_empty() {
        return Vec::new();
    }
    let mut new = orphans(
        words,
        pair.trans,
        &bead.trans,
        (trans_index, orig_index),
        orig_units,
        memo,
    );
    new.retain(|(_, _, t)| memo.may_have_antonyms(words, *t));
    if new.is_empty() {
        return Vec::new();
    }
    let (orig_index, trans_index) = (&*orig_index, &*trans_index);
    // Each word's forms once; new words without antonyms are dropped.
    let mut forms: rustc_hash::FxHashMap<WordId, antonyms::Forms> = Default::default();
    let mut forms_of = |id: WordId| {
        forms
            .entry(id)
            .or_insert_with(|| antonyms::Forms::new(words.key(id), words.stem_of(id)))
            .has_antonyms()
    };
    new.retain(|(_, _, t)| {
        let stem = words[*t].stem;
        forms_of(*t)
            && (!orig_index.has(words, *t, true)
                || trans_index.count(stem) > orig_index.count(stem))
    });
    if new.is_empty() {
        return Vec::new();
    }
    for &(_, _, o) in &lost {
        forms_of(o);
    }
    let mut candidates = Vec::new();
    for &(ts, tk, t) in &new {
        let t_forms = &forms[&t];
        let t_stem = words.stem_of(t);
        for &(os, ok, o) in &lost {
            let o_forms = &forms[&o];
            let Some(relation) = t_forms.relation(o_forms).or_else(|| {
                o_forms
                    .synonym_opposes(t_forms)
                    .then_some(Relation::Synonym)
            }) else {
                continue;
            };
            // A function word ("more", "after") only with a direct
            // pointer; a weaker relation only where the original word has
            // no synonym in the translation either.
            if relation != Relation::Direct
                && (words[o].stopword || words[t].stopword || trans_index.has(words, o, true))
            {
                continue;
            }
            // Words spelt alike are relatives, whatever the stems say
            // ("employs", "employees"); words the synonym lexicon gives as
            // synonyms either way are no opposites, unless WordNet gives
            // them as direct antonyms (the lists hold "father" ~ "mother").
            if (words[o].prefix.is_some() && words[o].prefix == words[t].prefix)
                || (relation != Relation::Direct
                    && (crate::lexicon::synonym_stems(words.stem_of(o)).any(|s| s == t_stem)
                        || crate::lexicon::synonym_stems(t_stem).any(|s| s == words.stem_of(o))))
            {
                continue;
            }
            let (ov, tv) = (&pair.orig[os], &pair.trans[ts]);
            // A word split in two ("International" → "Inter Nation") is
            // the same word, whatever WordNet says of its halves.
            let spelling = |v: &AnalysedSentence, k: usize| {
                v.tokens.get(k).map_or("", |t| words.spelling(t.word))
            };
            let whole = words.spelling(o);
            let half = words.spelling(t);
            if (tk > 0 && whole == [spelling(tv, tk - 1), half].concat())
                || whole == [half, spelling(tv, tk + 1)].concat()
            {
                continue;
            }
            let key = |v: &AnalysedSentence, k: Option<usize>| {
                k.and_then(|k| v.tokens.get(k)).map(|t| t.word)
            };
            let in_place =
                (ok > 0 && tk > 0 && key(ov, ok.checked_sub(1)) == key(tv, tk.checked_sub(1)))
                    || (key(ov, Some(ok + 1)).is_some()
                        && key(ov, Some(ok + 1)) == key(tv, Some(tk + 1)));
            // The antonym of a synonym only where it stands in place: the
            // synonym lists mix senses ("wants" ~ "lacks" ~ "existing").
            if relation == Relation::Synonym && !in_place {
                continue;
            }
            candidates.push(Swap {
                orig: (os, ok),
                trans: (ts, tk),
                relation,
                in_place,
            });
        }
    }
    // Most direct and in place first; each word in one swap only.
    candidates.sort_by_key(|c| (c.relation, !c.in_place, c.orig, c.trans));
    let word_at =
        |sentences: &[AnalysedSentence], (s, k): (usize, usize)| sentences[s].tokens[k].word;
    let mut used = HashSet::default();
    candidates.retain(|c| {
        let (o, t) = (word_at(pair.orig, c.orig), word_at(pair.trans, c.trans));
        !used.contains(&(Side::Orig, o))
            && !used.contains(&(Side::Trans, t))
            && used.insert((Side::Orig, o))
            && used.insert((Side::Trans, t))
    });
    candidates.sort_by_key(|c| (c.orig, c.trans));
    candidates
}

/// One side of a bead: its sentences and cues.
struct Cues<'p, 'a> {
    side: Side,
    sentences: &'p [AnalysedSentence<'a>],
    units: Vec<Unit>,
}

impl Cues<'_, '_> {
    fn view(&self, u: &Unit) -> &AnalysedSentence<'_> {
        &self.sentences[u.sentence]
    }

    fn strong_negations(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.is_strong_negation())
    }

    fn has(&self, family: Family, strong_only: bool) -> bool {
        self.units
            .iter()
            .any(|u| u.family == family && (u.strong || !strong_only))
    }

    /// The stems of a cue's window.
    fn window_stems(&self, words: &Vocabulary, u: &Unit) -> Vec<StemId> {
        let view = self.view(u);
        stems(view, words, &window(view, words, u), u)
    }

    /// Tokens (sentence, token) that the strong negations bear on.
    fn negated(&self, words: &Vocabulary) -> HashSet<(usize, usize)> {
        self.strong_negations()
            .flat_map(|u| {
                scope(self.view(u), words, u, 2)
                    .into_iter()
                    .map(|k| (u.sentence, k))
            })
            .collect()
    }

    /// True when some word of `stems` occurs here where no negation bears
    /// on it.
    fn has_unnegated(
        &self,
        words: &Vocabulary,
        indices: &[usize],
        stems: &[StemId],
        negated: &HashSet<(usize, usize)>,
    ) -> bool {
        indices.iter().any(|&s| {
            self.sentences.get(s).is_some_and(|view| {
                view.tokens.iter().enumerate().any(|(k, t)| {
                    is_content(words, t.word)
                        && !negated.contains(&(s, k))
                        && related(words, &[words[t.word].stem], stems)
                })
            })
        })
    }
}

/// The strong negations of two sides paired: by what they bear on (the
/// pairs sharing most scope words first), and, unless `shared_only`,
/// then whatever they bear on, in document order. Returns the pairs
/// (original, translation) and the negations left over with their side.
#[allow(clippy::type_complexity)]
fn pair_negations(
    words: &Vocabulary,
    orig: &Cues,
    trans: &Cues,
    shared_only: bool,
) -> (Vec<(Unit, Unit)>, (Vec<Unit>, Vec<Unit>), Vec<(Unit, Side)>) {
    if orig.strong_negations().next().is_none() || trans.strong_negations().next().is_none() {
        // Nothing to pair.
        let lone_o: Vec<Unit> = orig.strong_negations().copied().collect();
        let lone_t: Vec<Unit> = trans.strong_negations().copied().collect();
        let lone = lone_o
            .iter()
            .map(|u| (*u, Side::Orig))
            .chain(lone_t.iter().map(|u| (*u, Side::Trans)))
            .collect();
        return (Vec::new(), (lone_o, lone_t), lone);
    }
    let negations = |c: &Cues| {
        c.strong_negations()
            .map(|u| {
                let view = c.view(u);
                (*u, stems(view, words, &scope(view, words, u, SCOPE), u))
            })
            .collect::<Vec<_>>()
    };
    let (o, t) = (negations(orig), negations(trans));
    // Where a negation stands in its sentence, 0 to 1000.
    let place = |c: &Cues, u: &Unit| {
        let n = c.view(u).tokens.len().max(1);
        u.first * 1000 / n
    };
    let key = |c: &Cues, u: &Unit| c.view(u).tokens[u.first].word;
    let mut scored = Vec::new();
    for (i, (ou, os)) in o.iter().enumerate() {
        for (j, (tu, ts)) in t.iter().enumerate() {
            let shared = os
                .iter()
                .filter(|s| related(words, std::slice::from_ref(*s), ts))
                .count();
            if shared > 0 || !shared_only {
                let same_word = key(orig, ou) == key(trans, tu);
                let distance = place(orig, ou).abs_diff(place(trans, tu));
                scored.push((shared, same_word, distance, i, j));
            }
        }
    }
    // Best-sharing pairs first, then the same word, then the nearest
    // places.
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });
    let (mut o_used, mut t_used) = (vec![false; o.len()], vec![false; t.len()]);
    let mut pairs = Vec::new();
    for (_, _, _, i, j) in scored {
        if !o_used[i] && !t_used[j] {
            o_used[i] = true;
            t_used[j] = true;
            pairs.push((o[i].0, t[j].0));
        }
    }
    let left = |list: Vec<(Unit, Vec<StemId>)>, used: Vec<bool>| -> Vec<Unit> {
        list.into_iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|((u, _), _)| u)
            .collect()
    };
    let (lone_o, lone_t) = (left(o, o_used), left(t, t_used));
    let lone = lone_o
        .iter()
        .map(|u| (*u, Side::Orig))
        .chain(lone_t.iter().map(|u| (*u, Side::Trans)))
        .collect();
    (pairs, (lone_o, lone_t), lone)
}

/// What negates in other words on one side (weak negations, other
/// families), with the stems of its neighbourhood, less what pairs off
/// with a cue of the same family nearby on the other side ("lack of
/// transport" ~ "absence of transport", "declined funding" ~ "refused to
/// fund").
fn answers(words: &Vocabulary, this: &Cues, other: &Cues) -> Vec<(Unit, Vec<StemId>)> {
    let mut out = Vec::new();
    let mut taken = vec![false; other.units.len()];
    for u in this
        .units
        .iter()
        .filter(|u| u.negates() && !u.is_strong_negation())
    {
        let near = this.window_stems(words, u);
        let twin = (0..other.units.len()).find(|&i| {
            let v = &other.units[i];
            !taken[i]
                && v.family == u.family
                && !v.is_strong_negation()
                && other
                    .window_stems(words, v)
                    .iter()
                    .any(|s| near.contains(s))
        });
        match twin {
            Some(i) => taken[i] = true,
            None => out.push((*u, near)),
        }
    }
    out
}

/// True when negation `n` of side `c` is answered nearby on the other
/// side by one of `answers` (each answers once).
fn answered_by_cue(
    words: &Vocabulary,
    c: &Cues,
    n: &Unit,
    answers: &mut Vec<(Unit, Vec<StemId>)>,
) -> bool {
    let near = c.window_stems(words, n);
    match answers.iter().position(|(_, w)| related(words, &near, w)) {
        Some(i) => {
            answers.remove(i);
            true
        }
        None => false,
    }
}

/// True when negation `n` of side `c` bears on a word swapped for its
/// antonym ("not large" ~ "small"); each swap answers once.
fn answered_by_swap(
    words: &Vocabulary,
    c: &Cues,
    n: &Unit,
    swaps: &[Swap],
    swap_used: &mut [bool],
) -> bool {
    let range = window(c.view(n), words, n);
    for (i, swap) in swaps.iter().enumerate() {
        let (s, k) = if c.side == Side::Orig {
            swap.orig
        } else {
            swap.trans
        };
        if !swap_used[i] && s == n.sentence && range.contains(&k) {
            swap_used[i] = true;
            return true;
        }
    }
    false
}

impl Checker for PolarityChecker {
    fn name(&self) -> &'static str {
        "polarity"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        let mut indexes = Scratch::new(pair.vocabulary);
        for (b, bead) in pair.beads.iter().enumerate() {
            if bead.kind.is_match() {
                check_bead(pair, b, bead, &mut indexes, out);
            }
        }
    }
}

fn check_bead(
    pair: &PairContext,
    b: usize,
    bead: &Bead,
    indexes: &mut Scratch,
    out: &mut Vec<Finding>,
) {
    let words = pair.vocabulary;
    let mut orig = Cues {
        side: Side::Orig,
        sentences: pair.orig,
        units: units(pair.orig, words, &bead.orig, &mut indexes.cues),
    };
    let mut trans = Cues {
        side: Side::Trans,
        sentences: pair.trans,
        units: units(pair.trans, words, &bead.trans, &mut indexes.cues),
    };
    let swaps = swaps(pair, bead, indexes, &orig.units, &trans.units);
    // A cue word that is half of a swap ("impossible" for "possible") is
    // accounted for by the swap.
    let skip_o: HashSet<(usize, usize)> = swaps.iter().map(|s| s.orig).collect();
    let skip_t: HashSet<(usize, usize)> = swaps.iter().map(|s| s.trans).collect();
    orig.units
        .retain(|u| !skip_o.contains(&(u.sentence, u.first)));
    trans
        .units
        .retain(|u| !skip_t.contains(&(u.sentence, u.first)));
    let strong_o = orig.strong_negations().count();
    let strong_t = trans.strong_negations().count();
    let families = [Family::Prohibition, Family::Refusal, Family::Improbability];
    let family_mismatch = families
        .iter()
        .any(|&f| orig.has(f, true) != trans.has(f, true));
    let (lone_o, lone_t) = pair_negations(words, &orig, &trans, true).1;
    if !lone_o.is_empty() || !lone_t.is_empty() || family_mismatch {
        // Weak negations by prefix, outside the swaps: they matter only
        // where something is left to answer.
        orig.units
            .extend(prefix_units(pair.orig, words, &bead.orig, &skip_o));
        trans
            .units
            .extend(prefix_units(pair.trans, words, &bead.trans, &skip_t));
    }
    let mut swap_used = vec![false; swaps.len()];

    // Negations counted. First the negations of the two sides that bear
    // on the same words pair off; a negation left over is answered by a
    // word that negates in other words nearby on the other side
    // ("cannot fold" ~ "unable to fold", "not large" ~ "small"); the rest
    // pair off whatever they bear on, and those still left over are
    // findings.
    if !lone_o.is_empty() || !lone_t.is_empty() {
        let (mut lone_o, mut lone_t) = (lone_o, lone_t);
        let mut answers_o = answers(words, &orig, &trans);
        let mut answers_t = answers(words, &trans, &orig);
        let any_answer = !answers_o.is_empty() || !answers_t.is_empty() || !swaps.is_empty();
        lone_o.retain(|n| !answered_by_cue(words, &orig, n, &mut answers_t));
        lone_t.retain(|n| !answered_by_cue(words, &trans, n, &mut answers_o));
        let left_o = Cues {
            side: Side::Orig,
            sentences: pair.orig,
            units: lone_o,
        };
        let left_t = Cues {
            side: Side::Trans,
            sentences: pair.trans,
            units: lone_t,
        };
        let (pairs, _, lone) = pair_negations(words, &left_o, &left_t, false);
        for (n, side) in lone {
            let c = if side == Side::Orig { &orig } else { &trans };
            if answered_by_swap(words, c, &n, &swaps, &mut swap_used) {
                continue;
            }
            out.push(negation_finding(
                pair,
                b,
                bead,
                side,
                n,
                !any_answer,
                strong_o,
                strong_t,
            ));
        }
        // Two negations bearing on different words, each word standing
        // without negation on the other side: the negation moved ("did not
        // attend …, but was represented" → "was present …, but was not
        // represented").
        if !pairs.is_empty() {
            let (negated_o, negated_t) = (orig.negated(words), trans.negated(words));
            for (o, t) in pairs {
                // The first content word after the negation in its
                // clause: what it negates.
                let head = |c: &Cues, u: &Unit| {
                    let view = c.view(u);
                    (u.last + 1..view.tokens.len())
                        .take_while(|&k| !starts_clause(view, words, k))
                        .find(|&k| is_content(words, view.tokens[k].word))
                        .map(|k| vec![words[view.tokens[k].word].stem])
                        .unwrap_or_default()
                };
                let (head_o, head_t) = (head(&orig, &o), head(&trans, &t));
                if head_o.is_empty() || head_t.is_empty() || related(words, &head_o, &head_t) {
                    continue;
                }
                // "appears not to trust" ~ "does not seem to trust": a
                // negation moves over these verbs without changing the
                // meaning.
                if [&head_o, &head_t]
                    .iter()
                    .any(|h| h.iter().any(|s| is_neg_raising(words.stem(*s))))
                {
                    continue;
                }
                if orig.has_unnegated(words, &bead.orig, &head_t, &negated_o)
                    && trans.has_unnegated(words, &bead.trans, &head_o, &negated_t)
                {
                    out.push(moved_finding(pair, b, o, t));
                }
            }
        }
    }

    // Other families by presence; a family one side lacks is answered by
    // a negation nearby on that side ("refused to fund" ~ "did not
    // fund").
    for family in families {
        let (o, t) = (orig.has(family, true), trans.has(family, true));
        if o == t {
            continue;
        }
        let (this, other) = if o { (&orig, &trans) } else { (&trans, &orig) };
        if other.has(family, false) {
            continue;
        }
        let Some(u) = this.units.iter().find(|u| u.family == family && u.strong) else {
            continue;
        };
        let near = this.window_stems(words, u);
        if other
            .units
            .iter()
            .filter(|v| v.negates())
            .any(|v| related(words, &near, &other.window_stems(words, v)))
        {
            continue;
        }
        let severity = if family == Family::Prohibition {
            Severity::Critical
        } else {
            Severity::Major
        };
        out.push(cue_finding(pair, b, bead, this.side, *u, severity, 0.7));
    }

    // A concession that becomes a cause.
    for (this, other) in [(&orig, &trans), (&trans, &orig)] {
        if this.has(Family::Concession, true)
            && !other.has(Family::Concession, false)
            && other.has(Family::Cause, true)
            && !this.has(Family::Cause, true)
        {
            if let Some(u) = this.units.iter().find(|u| u.family == Family::Concession) {
                out.push(cue_finding(
                    pair,
                    b,
                    bead,
                    this.side,
                    *u,
                    Severity::Major,
                    0.6,
                ));
            }
        }
    }

    // Antonyms no negation answers.
    for (swap, used) in swaps.iter().zip(swap_used) {
        if !used {
            out.push(antonym_finding(pair, b, swap));
        }
    }
}

fn moved_finding(pair: &PairContext, b: usize, o: Unit, t: Unit) -> Finding {
    let (ov, tv) = (&pair.orig[o.sentence], &pair.trans[t.sentence]);
    let expected = context(ov, o.first, o.last);
    let found = context(tv, t.first, t.last);
    Finding {
        kind: Kind::Polarity,
        severity: Severity::Minor,
        confidence: 0.5,
        orig: vec![o.sentence],
        trans: vec![t.sentence],
        message: format!(
            "polarity moved: the original negates \"{expected}\", the translation \"{found}\"; what is negated may have changed"
        ),
        expected,
        found,
        orig_span: None,
        trans_span: None,
        position: (b, ov.tokens[o.first].start),
    }
}

#[allow(clippy::too_many_arguments)]
fn negation_finding(
    pair: &PairContext,
    b: usize,
    bead: &Bead,
    side: Side,
    u: Unit,
    strongest: bool,
    strong_o: usize,
    strong_t: usize,
) -> Finding {
    let (severity, confidence) = if strongest {
        (Severity::Critical, 0.8)
    } else {
        (Severity::Major, 0.6)
    };
    let fewer = strong_o.min(strong_t);
    match side {
        Side::Orig => {
            let view = &pair.orig[u.sentence];
            let expected = context(view, u.first, u.last);
            let message = if fewer == 0 {
                format!("polarity lost: the negation in \"{expected}\" has no counterpart in the translation; the meaning may be inverted")
            } else {
                format!("polarity lost: the original negates {strong_o} times, the translation {strong_t}; the negation in \"{expected}\" has no counterpart, so the meaning may be inverted")
            };
            Finding {
                kind: Kind::Polarity,
                severity,
                confidence,
                orig: vec![u.sentence],
                trans: bead.trans.clone(),
                message,
                expected,
                found: String::new(),
                orig_span: None,
                trans_span: None,
                position: (b, view.tokens[u.first].start),
            }
        }
        Side::Trans => {
            let view = &pair.trans[u.sentence];
            let found = context(view, u.first, u.last);
            let message = if fewer == 0 {
                format!("polarity added: the translation has a negation (\"{found}\") that the original lacks; the meaning may be inverted")
            } else {
                format!("polarity added: the translation negates {strong_t} times, the original {strong_o}; the negation in \"{found}\" has no counterpart, so the meaning may be inverted")
            };
            Finding {
                kind: Kind::Polarity,
                severity,
                confidence: confidence - 0.1,
                orig: bead.orig.clone(),
                trans: vec![u.sentence],
                message,
                expected: String::new(),
                found,
                orig_span: None,
                trans_span: None,
                position: (b, usize::MAX / 2 + view.tokens[u.first].start),
            }
        }
    }
}

fn cue_finding(
    pair: &PairContext,
    b: usize,
    bead: &Bead,
    side: Side,
    u: Unit,
    severity: Severity,
    confidence: f32,
) -> Finding {
    let name = u.family.as_str();
    match side {
        Side::Orig => {
            let view = &pair.orig[u.sentence];
            let expected = context(view, u.first, u.last);
            Finding {
                kind: Kind::Polarity,
                severity,
                confidence,
                orig: vec![u.sentence],
                trans: bead.trans.clone(),
                message: format!(
                    "polarity lost: the {name} in \"{expected}\" has no counterpart in the translation; the meaning may be inverted"
                ),
                expected,
                found: String::new(),
                orig_span: None,
                trans_span: None,
                position: (b, view.tokens[u.first].start),
            }
        }
        Side::Trans => {
            let view = &pair.trans[u.sentence];
            let found = context(view, u.first, u.last);
            Finding {
                kind: Kind::Polarity,
                severity,
                confidence: confidence - 0.1,
                orig: bead.orig.clone(),
                trans: vec![u.sentence],
                message: format!(
                    "polarity added: the translation has a {name} (\"{found}\") that the original lacks; the meaning may be inverted"
                ),
                expected: String::new(),
                found,
                orig_span: None,
                trans_span: None,
                position: (b, usize::MAX / 2 + view.tokens[u.first].start),
            }
        }
    }
}

fn antonym_finding(pair: &PairContext, b: usize, swap: &Swap) -> Finding {
    let (ov, tv) = (&pair.orig[swap.orig.0], &pair.trans[swap.trans.0]);
    let expected = ov.span(swap.orig.1, swap.orig.1).to_string();
    let found = tv.span(swap.trans.1, swap.trans.1).to_string();
    let (severity, confidence) = match (swap.relation, swap.in_place) {
        (Relation::Direct, true) => (Severity::Critical, 0.8),
        (Relation::Direct, false) => (Severity::Major, 0.6),
        // The synonym lists mix senses ("previously" ~ "late", the
        // antonym of "earlier").
        (Relation::Synonym, _) => (Severity::Minor, 0.4),
        (_, true) => (Severity::Major, 0.5),
        (_, false) => (Severity::Minor, 0.35),
    };
    let how = match swap.relation {
        Relation::Direct => "its antonym in WordNet",
        Relation::Satellite => "the antonym of a word WordNet gives as similar",
        Relation::Synset => "a word of the WordNet synset opposite to it",
        Relation::Synonym => "the antonym of one of its synonyms",
    };
    Finding {
        kind: Kind::Polarity,
        severity,
        confidence,
        orig: vec![swap.orig.0],
        trans: vec![swap.trans.0],
        message: format!(
            "opposite meaning: \"{expected}\" became \"{found}\", {how}; the meaning may be inverted"
        ),
        expected,
        found,
        orig_span: None,
        trans_span: None,
        position: (b, ov.tokens[swap.orig.1].start),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_texts, CheckOptions, Kind, Severity};
    use crate::lexicon::cues::{cue_at, starts_cue};
    use proptest::prelude::*;

    proptest! {
        /// The word-class prefilter never hides a cue.
        #[test]
        fn every_cue_starts_with_a_cue_word(
            key in "(not|no|instead|rather|in|despite|banning|prohibited|refusing|deny|isn't|can|declined|turned|due|as|even|[a-z']{1,9})",
            next in "(only|of|than|spite|talks|down|to|a|if|[a-z]{0,6})",
            after in "(than|result|mention|doubt|[a-z]{0,4})",
        ) {
            let keys = [key.as_str(), next.as_str(), after.as_str()];
            if cue_at(&keys, 0).is_some() {
                prop_assert!(starts_cue(&key), "{key} {next}");
                prop_assert!(crate::lexicon::word_classes(&key) & crate::lexicon::CUE_START != 0, "{key}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any text of cue words, antonyms, punctuation and stray
        /// underscores is checked without a panic.
        #[test]
        fn odd_text_never_panics(
            orig in proptest::collection::vec("(not|no|nor|neither|only|but|also|never|than|more|less|larger|smaller|rose|fell|unable|able|refused|declined|despite|because|in|spite|,|;|_|didn't_|[a-z]{1,6})", 0..24),
            trans in proptest::collection::vec("(not|no|nor|neither|only|but|also|never|than|more|less|larger|smaller|rose|fell|unable|able|refused|declined|despite|because|in|spite|,|;|_|didn't_|[a-z]{1,6})", 0..24),
        ) {
            let (o, t) = (orig.join(" ") + ".", trans.join(" ") + ".");
            let _ = check_texts(&[o.as_str()], &[t.as_str()], &CheckOptions::default());
        }
    }

    fn polarity(orig: &str, trans: &str) -> Vec<(String, String)> {
        check_texts(&[orig], &[trans], &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == Kind::Polarity)
            .map(|f| (f.expected, f.found))
            .collect()
    }

    #[test]
    fn lost_prohibition_is_found() {
        let f = polarity(
            "And despite his own decree banning direct talks with Putin, he was open to engaging.",
            "Although he promulgated a decree for direct talks with Putin, he was willing to engage.",
        );
        assert_eq!(
            f,
            [("banning direct talks with Putin".to_string(), String::new())]
        );
    }

    /// The polarity findings of a pair: (severity, expected, found).
    fn findings(orig: &str, trans: &str) -> Vec<(Severity, String, String)> {
        check_texts(&[orig], &[trans], &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == Kind::Polarity)
            .map(|f| (f.severity, f.expected, f.found))
            .collect()
    }

    fn quiet(orig: &str, trans: &str) {
        let f = findings(orig, trans);
        assert!(f.is_empty(), "{orig} / {trans}: {f:?}");
    }

    #[test]
    fn a_negation_added_where_one_already_is_counts() {
        let f = findings(
            "We didn't add the year so we always have the option of running the course again.",
            "We didn't add the year so we always have the option to not teach the course again.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].2.starts_with("not teach"), "{f:?}");
        // And one lost from a sentence with two.
        let f = findings(
            "If the FOM chose not to show these images, it is only to protect its interests and on no account the driver's.",
            "If the FOM has chosen to show these images, it is only to protect its interests and in no way those of the pilot.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.starts_with("not to show"), "{f:?}");
        assert_eq!(f[0].0, Severity::Critical);
    }

    #[test]
    fn negative_prefixes_answer_a_negation_nearby() {
        quiet(
            "This follows from the author's note, but it is not correct.",
            "This follows from the author's note, but it is incorrect.",
        );
        quiet(
            "Today, the only insects that cannot fold back their wings are dragon flies.",
            "Of all insects today, the only ones that are unable to fold their wings are dragonflies.",
        );
        // Double negation is one more negation.
        assert_eq!(
            findings(
                "This follows from the author's note, but it is not correct.",
                "This follows from the author's note, but it is not incorrect.",
            )
            .len(),
            1
        );
    }

    #[test]
    fn weak_cues_answer_only_nearby() {
        quiet(
            "Minor cultures vanish and fail to be recognized as proper civilizations.",
            "Minority cultures disappear and are not recognized as true civilizations.",
        );
        quiet(
            "My first job was in sales, earning barely any money.",
            "My first job was in sales, earning next to nothing.",
        );
        // An "indecent" assault answers no "not" about the prison term.
        let f = findings(
            "Trerise was jailed for six years after he admitted eight counts of indecent assault.",
            "Trerise was not in prison for 6 years after admitting eight cases of sexual assault.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn emphasis_and_idioms_are_no_negation() {
        quiet(
            "Norway's people enjoy one of the highest standards of living, not just in Europe, but in the world.",
            "The people of Norway enjoy one of the highest standards of living, not only in Europe but in the world.",
        );
        quiet(
            "No less than 20 percent of the water comes from the Amazon.",
            "At least 20% of the water comes from the Amazon.",
        );
        quiet(
            "He will come whether or not it rains.",
            "He will come whatever the weather.",
        );
        // Without "but" or "also", "not only" negates.
        assert_eq!(
            findings(
                "In the late 70's I only saw it from a distance.",
                "In the late 70s I did not only see this from afar.",
            )
            .len(),
            1
        );
    }

    #[test]
    fn other_families_answer_for_each_other_and_for_negation() {
        quiet(
            "The panel declined funding the startup.",
            "The panel refused to fund the startup.",
        );
        quiet(
            "The panel refused to fund the startup.",
            "The panel did not fund the startup.",
        );
        quiet(
            "We now have mice that are non-diabetic that used to be diabetic.",
            "We have mice that used to be diabetic and are no longer diabetic.",
        );
        // The refusal negated is a finding.
        assert_eq!(
            findings(
                "The representatives denied having issued the bills.",
                "The representatives did not deny having issued the invoices.",
            )
            .len(),
            1
        );
    }

    #[test]
    fn antonyms_are_found_unless_a_negation_answers() {
        let f = findings(
            "Prices rose sharply in the spring.",
            "Prices fell sharply in the spring.",
        );
        assert_eq!(
            f,
            [(Severity::Critical, "rose".to_string(), "fell".to_string())]
        );
        assert_eq!(
            findings(
                "Smaller tournaments are also held here.",
                "Larger tournaments are also held here.",
            )
            .len(),
            1,
            "comparatives"
        );
        // "not large" ~ "small"; "not unlike" keeps the word itself.
        quiet("The boat is not large.", "The boat is small.");
        quiet(
            "Her style is similar to his.",
            "Her style is not dissimilar to his.",
        );
        quiet("The result is possible.", "The result is not impossible.");
    }

    #[test]
    fn a_word_split_in_two_is_no_antonym() {
        // "national" is WordNet's antonym of "international".
        quiet(
            "The poll was released by the Kyiv International Institute.",
            "The poll was released by the Kyiv Inter National Institute.",
        );
        assert_eq!(
            findings(
                "The poll was run by an international institute.",
                "The poll was run by a national institute.",
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_negation_moved_to_another_word_is_minor() {
        let f = findings(
            "Glitter did not attend the hearing in Kent but he was represented by his lawyers.",
            "Glitter was present at the hearing in Kent but was not represented by his attorneys.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, Severity::Minor);
        // Over a verb of opinion a negation moves without changing the
        // meaning.
        quiet(
            "Barrick Gold appears not to trust public opinion.",
            "Barrick Gold does not seem to have much faith in public opinion.",
        );
    }

    #[test]
    fn a_concession_is_a_finding_only_where_a_cause_replaces_it() {
        assert_eq!(
            findings(
                "Despite the rain, the match went ahead.",
                "Because of the rain, the match went ahead.",
            )
            .len(),
            1
        );
        quiet(
            "Although Del Potro led early, the set needed a tie break.",
            "Del Potro led early, but the set needed a tie break.",
        );
    }

    #[test]
    fn same_family_in_other_words_is_not_a_finding() {
        assert!(polarity(
            "Most countries have refused to take sides, and neither Russia nor Ukraine can win.",
            "Most countries rejected taking sides, and neither country can win.",
        )
        .is_empty());
    }
}
