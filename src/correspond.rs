//! The correspond stage: the words of each bead aligned with each other.
//!
//! Inside a bead, the two sides' words are first diffed in order (the
//! `similar` crate's Myers diff over stems, so "talks" meets "talk");
//! words left over are then paired regardless of order, by the same stem,
//! a WordNet synonym, a shared long prefix ("diplomatic" ~ "diplomacy"), a
//! listed rendering ("U.S." ~ "United States") or a spelling at least
//! [`FUZZY_MIN`] similar (a corrupted name is still the same word).
//!
//! Every content word without a counterpart is then placed: the matched
//! words around it on its side have partners on the other side, and the
//! stretch between those partners either holds unmatched content words
//! too (a *substitution*: a paraphrase or a changed meaning) or none (a
//! *deletion* on the original's side, an *insertion* on the
//! translation's; see [`Opposite`]). The checkers read the result: dropped content,
//! added content, changed meaning; the summary reads its coverage and a
//! graded similarity per bead.
//!
//! ```
//! use backcheck::align::{align, Params};
//! use backcheck::analysis::Analyzer;
//! use backcheck::correspond::correspond;
//! use backcheck::glossary::Glossary;
//! let orig = ["Many observed rhythms depend on biological clocks."];
//! let trans = ["Many rhythms depend on old biological clocks."];
//! let pair = Analyzer::new().analyse_texts(&orig, &trans);
//! let alignment = align(&pair, &Params::default());
//! let words = correspond(&pair, &alignment, &Glossary::builtin());
//! let bead = &words.beads[0];
//! let key = |side: &[backcheck::correspond::WordLink], k: usize, s: &[backcheck::analysis::AnalysedSentence]| {
//!     pair.vocabulary.key(s[side[k].sentence].tokens[side[k].token].word).to_string()
//! };
//! let deleted: Vec<String> = (0..bead.orig.len())
//!     .filter(|&k| bead.orig[k].is_deleted())
//!     .map(|k| key(&bead.orig, k, &pair.orig))
//!     .collect();
//! let inserted: Vec<String> = (0..bead.trans.len())
//!     .filter(|&k| bead.trans[k].is_deleted())
//!     .map(|k| key(&bead.trans, k, &pair.trans))
//!     .collect();
//! assert_eq!(deleted, ["observed"]);
//! assert_eq!(inserted, ["old"]);
//! ```

use crate::align::{Alignment, BeadKind};
use crate::analysis::{AnalysedSentence, PairAnalysis, Vocabulary, Word, WordId};
use crate::glossary::Glossary;
use crate::lexicon::synonym_list;

/// Spellings at least this similar (indel similarity of their letters and
/// digits) count as the same word: a corrupted name is not a dropped word.
pub const FUZZY_MIN: f64 = 0.7;

/// A word that carries content: not a function word, a word of three
/// letters or more (so "de" of "de-escalate" or "re" of "re-election" do
/// not count on their own). Numbers are left to the number checker.
pub fn is_content(word: &Word) -> bool {
    !word.stopword && !word.numeric && !word.is(crate::lexicon::NUMBER_WORD) && word.letters >= 3
}

/// How a word found its counterpart, from the surest to the least sure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// The same word (or number).
    Same,
    /// Another form of it: the same stem.
    Stem,
    /// A rendering the glossary lists ("United States" for "U.S.").
    Rendering,
    /// A WordNet synonym.
    Synonym,
    /// A long word sharing its first five letters ("diplomacy").
    Prefix,
    /// A spelling at least [`FUZZY_MIN`] similar ("Kurusk" for "Kursk").
    Spelling,
}

impl Match {
    /// How much of the word's meaning the match keeps, 0–1, for the
    /// graded similarity.
    fn credit(self) -> f64 {
        match self {
            Match::Same => 1.0,
            Match::Stem | Match::Rendering => 0.95,
            Match::Synonym => 0.75,
            Match::Prefix => 0.8,
            Match::Spelling => 0.7,
        }
    }
}

/// One token of one side of a bead, as the correspondence places it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordLink {
    /// Its sentence (0-based).
    pub sentence: usize,
    /// Its token in that sentence.
    pub token: usize,
    /// Where the token lies in the sentence text (bytes).
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Whether it is a content word ([`is_content`]); numbers are not.
    pub content: bool,
    /// Its counterpart: the index of the other side's link, and how.
    /// Several words may share one counterpart ("talks … talks" for one
    /// "talks").
    pub partner: Option<(usize, Match)>,
    /// For an unmatched content word: what stands in its place on the
    /// other side.
    pub opposite: Opposite,
}

/// What stands in the place of an unmatched content word on the other
/// side of its bead: in the stretch between the partners of the nearest
/// matched words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Opposite {
    /// Nothing: the words around it are next to each other on the other
    /// side, so it was cut out cleanly (or slipped in).
    Nothing,
    /// Only words matched elsewhere (the words around it were reordered).
    Reordered,
    /// Only unmatched function words ("holds" → "is of").
    FunctionWords,
    /// Unmatched content words: a substitution (a paraphrase, or a
    /// changed meaning).
    ContentWords,
}

impl WordLink {
    /// An unmatched content word with no content word in its place on
    /// the other side: dropped (original side) or added (translation
    /// side).
    pub fn is_deleted(&self) -> bool {
        self.is_unmatched() && self.opposite != Opposite::ContentWords
    }

    /// An unmatched content word.
    pub fn is_unmatched(&self) -> bool {
        self.content && self.partner.is_none()
    }
}

/// The words of one bead, placed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BeadWords {
    /// The original's tokens, sentence by sentence.
    pub orig: Vec<WordLink>,
    /// The translation's tokens, sentence by sentence.
    pub trans: Vec<WordLink>,
    /// A graded similarity of the two sides, 0–1: an F-score (β = 2,
    /// recall first) of the words found on each side, content words
    /// counting four times as much as function words, weighted by how
    /// sure each match is; what is left unmatched earns back part of the
    /// rest by a character n-gram F-score of the two sides' unmatched
    /// words.
    pub similarity: f64,
}

/// The correspondence of a whole pair, one entry per bead of the
/// alignment. A moved bead's original side is the sentences it repeats.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Correspondence {
    /// Per bead, in the alignment's order.
    pub beads: Vec<BeadWords>,
}

impl Correspondence {
    /// Share of the original's content words that survive in the
    /// translation (a dropped sentence's words count as lost; the
    /// sentences a moved bead repeats count where they stand).
    pub fn coverage(&self, alignment: &Alignment) -> f64 {
        let (mut kept, mut total) = (0usize, 0usize);
        for (bead, words) in alignment.beads.iter().zip(&self.beads) {
            if bead.kind == BeadKind::Moved {
                continue;
            }
            for link in words.orig.iter().filter(|l| l.content) {
                total += 1;
                kept += usize::from(link.partner.is_some());
            }
        }
        if total == 0 {
            1.0
        } else {
            kept as f64 / total as f64
        }
    }
}

/// A stretch of one sentence of one side of a bead whose content words
/// have no counterpart: it starts and ends with such a word, and no word
/// between is matched (function words may stand between; a word that
/// only shares the counterpart of another, "talks … talks" for one
/// "talks", neither breaks nor counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// The first link of the run.
    pub first: usize,
    /// The last link of the run.
    pub last: usize,
    /// Unmatched content words in it.
    pub words: usize,
    /// Those with no content word in their place on the other side.
    pub deleted: usize,
    /// Those with nothing at all in their place ([`Opposite::Nothing`]).
    pub alone: usize,
}

/// The runs of unmatched content words of one side of a bead, in order.
pub fn runs(side: &[WordLink], other: &[WordLink]) -> Vec<Run> {
    // A link matched to a word that is matched back to another link is
    // a shared match.
    let shared = |k: usize| {
        side[k].partner.is_some_and(|(j, _)| {
            other
                .get(j)
                .and_then(|o| o.partner)
                .is_none_or(|(back, _)| back != k)
        })
    };
    let breaks = |k: usize| side[k].content && side[k].partner.is_some() && !shared(k);
    let mut out = Vec::new();
    let mut k = 0;
    while k < side.len() {
        if !side[k].is_unmatched() {
            k += 1;
            continue;
        }
        let mut run = Run {
            first: k,
            last: k,
            words: 0,
            deleted: 0,
            alone: 0,
        };
        while k < side.len() && side[k].sentence == side[run.first].sentence && !breaks(k) {
            if side[k].is_unmatched() {
                run.last = k;
                run.words += 1;
                run.deleted += usize::from(side[k].is_deleted());
                run.alone += usize::from(side[k].opposite == Opposite::Nothing);
            }
            k += 1;
        }
        out.push(run);
    }
    out
}

/// Aligns the words of every bead.
pub fn correspond(
    pair: &PairAnalysis,
    alignment: &Alignment,
    glossary: &Glossary,
) -> Correspondence {
    let mut matcher = Matcher::new(pair, glossary);
    let beads = alignment
        .beads
        .iter()
        .map(|bead| {
            let orig = if bead.kind == BeadKind::Moved {
                &bead.repeats
            } else {
                &bead.orig
            };
            matcher.bead(orig, &bead.trans)
        })
        .collect();
    Correspondence { beads }
}

struct Matcher<'a> {
    pair: &'a PairAnalysis<'a>,
    words: &'a Vocabulary,
    glossary: &'a Glossary,
    /// Per word, what the ordered diff compares it by: its `StemId`, or
    /// for a number its digits without separators, numbered after the
    /// stems.
    keys: Vec<u32>,
    /// Per word, the stem of its base form when that is not its own
    /// stem: a comparative's base ("broader" → "broad"); worked out on
    /// first use.
    base: Vec<std::cell::OnceCell<Option<Box<str>>>>,
    /// Per word, the stems of its base form's synonyms (sorted), looked
    /// up on first use.
    synonyms: Vec<std::cell::OnceCell<&'static [&'static str]>>,
}

/// What an unmatched content word with other content words in its place
/// earns in the graded similarity (a match earns at least 0.7).
const SUBSTITUTE_CREDIT: f64 = 0.15;

/// How much of what the words leave unmatched the residues' letters can
/// make up for in the graded similarity.
const RESIDUE_CREDIT: f64 = 0.5;

/// The F-score with recall weighing four times as much as precision
/// (β = 2, as in chrF): what the original says must be there; words a
/// paraphrase adds cost less than words it loses.
fn f_score(precision: f64, recall: f64) -> f64 {
    let b2 = 4.0;
    if precision + recall == 0.0 {
        0.0
    } else {
        (1.0 + b2) * precision * recall / (b2 * precision + recall)
    }
}

/// A character n-gram F-score (n = 1–4, [`f_score`]) of two strings,
/// 0–1; 0 when either is empty. Linear-logarithmic in their length.
fn residue_similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let grams = |s: &[char], n: usize| -> Vec<u64> {
        let mut out: Vec<u64> = s
            .windows(n)
            .map(|w| {
                w.iter()
                    .fold(0u64, |h, &c| h.wrapping_mul(0x0100_0000_01b3) ^ c as u64)
            })
            .collect();
        out.sort_unstable();
        out
    };
    let (mut precision, mut recall, mut orders) = (0.0, 0.0, 0);
    for n in 1..=4 {
        let (ga, gb) = (grams(&a, n), grams(&b, n));
        if ga.is_empty() || gb.is_empty() {
            break;
        }
        // The size of the multiset intersection of two sorted lists.
        let (mut i, mut j, mut common) = (0, 0, 0);
        while i < ga.len() && j < gb.len() {
            match ga[i].cmp(&gb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        recall += common as f64 / ga.len() as f64;
        precision += common as f64 / gb.len() as f64;
        orders += 1;
    }
    f_score(precision / orders as f64, recall / orders as f64)
}

/// Weight of a function word in the graded similarity, against 1 for a
/// content word: "he" → "she" or a lost "not" still count a little.
const FUNCTION_WEIGHT: f64 = 0.25;

impl<'a> Matcher<'a> {
    fn new(pair: &'a PairAnalysis<'a>, glossary: &'a Glossary) -> Matcher<'a> {
        let words = &pair.vocabulary;
        let stems = words.stem_count() as u32;
        let mut numbers: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        let keys: Vec<u32> = words
            .ids()
            .map(|id| {
                let word = &words[id];
                if !word.numeric {
                    return word.stem.index() as u32;
                }
                let digits = words.key(id).replace(',', "");
                let next = stems + numbers.len() as u32;
                *numbers.entry(digits).or_insert(next)
            })
            .collect();
        Matcher {
            pair,
            words,
            glossary,
            keys,
            base: words.ids().map(|_| std::cell::OnceCell::new()).collect(),
            synonyms: words.ids().map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// The stem of a word's base form (see `base`).
    fn base(&self, id: WordId) -> &str {
        let other = self.base[id.index()].get_or_init(|| {
            let key = self.words.key(id);
            if !(key.ends_with("er") || key.ends_with("est")) {
                return None;
            }
            crate::lexicon::comparative_base(key).map(|b| crate::lexicon::stem(&b).into())
        });
        match other {
            Some(stem) => stem,
            None => self.words.stem(self.words[id].stem),
        }
    }

    /// The stems of the synonyms of a word's base form.
    fn synonyms_of(&self, id: WordId) -> &'static [&'static str] {
        self.synonyms[id.index()].get_or_init(|| synonym_list(self.base(id)))
    }

    fn links(&self, sentences: &[AnalysedSentence], indices: &[usize]) -> Vec<WordLink> {
        let mut out = Vec::new();
        for &s in indices {
            let Some(sentence) = sentences.get(s) else {
                continue;
            };
            for (k, t) in sentence.tokens.iter().enumerate() {
                out.push(WordLink {
                    sentence: s,
                    token: k,
                    start: t.start,
                    end: t.end,
                    content: is_content(&self.words[t.word]),
                    partner: None,
                    opposite: Opposite::Nothing,
                });
            }
        }
        out
    }

    fn word(&self, sentences: &[AnalysedSentence], link: &WordLink) -> WordId {
        sentences[link.sentence].tokens[link.token].word
    }

    fn bead(&mut self, orig_idx: &[usize], trans_idx: &[usize]) -> BeadWords {
        let (po, pt) = (&self.pair.orig, &self.pair.trans);
        let mut orig = self.links(po, orig_idx);
        let mut trans = self.links(pt, trans_idx);
        let o_ids: Vec<WordId> = orig.iter().map(|l| self.word(po, l)).collect();
        let t_ids: Vec<WordId> = trans.iter().map(|l| self.word(pt, l)).collect();
        // 1. In order: the longest common subsequence of stems.
        let o_keys: Vec<u32> = o_ids.iter().map(|&id| self.keys[id.index()]).collect();
        let t_keys: Vec<u32> = t_ids.iter().map(|&id| self.keys[id.index()]).collect();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &o_keys, &t_keys) {
            if let similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            {
                for d in 0..len {
                    let (i, j) = (old_index + d, new_index + d);
                    let how = if o_ids[i] == t_ids[j] {
                        Match::Same
                    } else {
                        Match::Stem
                    };
                    orig[i].partner = Some((j, how));
                    trans[j].partner = Some((i, how));
                }
            }
        }
        // 2. Out of order, surest kind first.
        let kinds = [
            Match::Stem,
            Match::Rendering,
            Match::Synonym,
            Match::Prefix,
            Match::Spelling,
        ];
        // Candidates: for the same stem, the tokens with the word's key
        // (found in a sorted list); for the other kinds, the content
        // words.
        let mut by_key: Vec<(u32, usize)> = t_keys.iter().copied().zip(0..).collect();
        by_key.sort_unstable();
        let content_t: Vec<usize> = (0..trans.len()).filter(|&j| trans[j].content).collect();
        let mut candidates: Vec<usize> = Vec::new();
        for how in kinds {
            for i in 0..orig.len() {
                let listed =
                    how == Match::Rendering && self.glossary.has_entry(self.words.key(o_ids[i]));
                if orig[i].partner.is_some() || !(orig[i].content || how == Match::Stem || listed) {
                    continue;
                }
                if how == Match::Rendering {
                    self.take_rendering(i, &o_ids, &t_ids, &mut orig, &mut trans);
                    continue;
                }
                candidates.clear();
                if how == Match::Stem {
                    let from = by_key.partition_point(|&(k, _)| k < o_keys[i]);
                    candidates.extend(
                        by_key[from..]
                            .iter()
                            .take_while(|&&(k, _)| k == o_keys[i])
                            .map(|&(_, j)| j),
                    );
                } else if self.may_fit(how, o_ids[i]) {
                    // Unmatched words first: the others are looked at
                    // only if none fits.
                    candidates.extend(content_t.iter().copied().filter(|&j| {
                        trans[j].partner.is_none() && self.fits(how, o_ids[i], t_ids[j])
                    }));
                    if candidates.is_empty() && orig[i].content {
                        candidates.extend(content_t.iter().copied().filter(|&j| {
                            trans[j].partner.is_some() && self.fits(how, o_ids[i], t_ids[j])
                        }));
                    }
                }
                // The nearest unmatched candidate, by relative position;
                // else one already matched (shared).
                let centre = if orig.len() > 1 {
                    i * trans.len().saturating_sub(1) / (orig.len() - 1)
                } else {
                    0
                };
                let free = candidates
                    .iter()
                    .copied()
                    .filter(|&j| trans[j].partner.is_none())
                    .min_by_key(|&j| j.abs_diff(centre));
                if let Some(j) = free {
                    let how = if how == Match::Stem && o_ids[i] == t_ids[j] {
                        Match::Same
                    } else {
                        how
                    };
                    orig[i].partner = Some((j, how));
                    trans[j].partner = Some((i, how));
                } else if orig[i].content {
                    if let Some(&j) = candidates.iter().min() {
                        orig[i].partner = Some((j, how));
                    }
                }
            }
        }
        // A corrupted name split in two ("Zelei Sky"): one word of the
        // original for two capitalised words of the translation.
        self.join_split_spellings(&o_ids, &mut orig, &mut trans);
        place(&mut orig, &trans);
        place(&mut trans, &orig);
        let similarity = self.similarity(&orig, &trans, &o_ids, &t_ids);
        BeadWords {
            orig,
            trans,
            similarity,
        }
    }

    /// Whether original word `o` can have a counterpart of this kind at
    /// all: what [`Matcher::fits`] asks of `o` alone, asked once before
    /// the translation's words are scanned.
    fn may_fit(&self, how: Match, o: WordId) -> bool {
        let wo = &self.words[o];
        match how {
            Match::Prefix => wo.prefix.is_some(),
            Match::Spelling => wo.chars >= 5,
            Match::Same | Match::Stem | Match::Synonym | Match::Rendering => true,
        }
    }

    /// Whether translation word `t` is a counterpart of original word `o`
    /// of this kind.
    fn fits(&self, how: Match, o: WordId, t: WordId) -> bool {
        let v = self.words;
        let (wo, wt) = (&v[o], &v[t]);
        match how {
            Match::Same | Match::Stem => self.keys[o.index()] == self.keys[t.index()],
            Match::Synonym => {
                // The same base ("broader" ~ "broad"), or synonyms of
                // the bases ("broader" ~ "wider").
                is_content(wt) && {
                    let bt = self.base(t);
                    self.base(o) == bt || self.synonyms_of(o).binary_search(&bt).is_ok()
                }
            }
            Match::Prefix => wo.prefix.is_some() && wo.prefix == wt.prefix,
            Match::Spelling => {
                wo.chars >= 5 && is_content(wt) && spelling_fits(v.spelling(o), v.spelling(t))
            }
            Match::Rendering => false,
        }
    }

    /// Matches original word `i` to a rendering of it the glossary lists,
    /// if the translation holds one among its unmatched words.
    fn take_rendering(
        &self,
        i: usize,
        o_ids: &[WordId],
        t_ids: &[WordId],
        orig: &mut [WordLink],
        trans: &mut [WordLink],
    ) {
        let key = self.words.key(o_ids[i]);
        if !self.glossary.has_entry(key) {
            return;
        }
        let name = [key.to_string()];
        for (rendering, _) in self.glossary.renderings(&name) {
            let Some(ids) = rendering
                .iter()
                .map(|k| self.words.id(k))
                .collect::<Option<Vec<WordId>>>()
            else {
                continue;
            };
            let found = (0..t_ids.len().saturating_sub(ids.len() - 1)).find(|&j| {
                ids.iter()
                    .enumerate()
                    .all(|(d, id)| t_ids[j + d] == *id && trans[j + d].partner.is_none())
            });
            if let Some(j) = found {
                orig[i].partner = Some((j, Match::Rendering));
                for link in &mut trans[j..j + ids.len()] {
                    link.partner = Some((i, Match::Rendering));
                }
                return;
            }
        }
    }

    /// Pairs an unmatched original word with two adjacent unmatched
    /// capitalised translation words whose joined spelling is close.
    fn join_split_spellings(
        &self,
        o_ids: &[WordId],
        orig: &mut [WordLink],
        trans: &mut [WordLink],
    ) {
        let pt = &self.pair.trans;
        for i in 0..orig.len() {
            if orig[i].partner.is_some() || !orig[i].content || self.words[o_ids[i]].chars < 5 {
                continue;
            }
            let spelling = self.words.spelling(o_ids[i]);
            let found = (1..trans.len()).find(|&j| {
                let (a, b) = (&trans[j - 1], &trans[j]);
                let (ta, tb) = (
                    &pt[a.sentence].tokens[a.token],
                    &pt[b.sentence].tokens[b.token],
                );
                a.sentence == b.sentence
                    && ta.capitalized
                    && tb.capitalized
                    && a.partner.is_none()
                    && b.partner.is_none()
                    && spelling_fits(
                        spelling,
                        &[self.words.spelling(ta.word), self.words.spelling(tb.word)].concat(),
                    )
            });
            if let Some(j) = found {
                orig[i].partner = Some((j - 1, Match::Spelling));
                trans[j - 1].partner = Some((i, Match::Spelling));
                trans[j].partner = Some((i, Match::Spelling));
            }
        }
    }

    /// The graded similarity of a bead's two sides (see
    /// [`BeadWords::similarity`]).
    fn similarity(
        &self,
        orig: &[WordLink],
        trans: &[WordLink],
        o_ids: &[WordId],
        t_ids: &[WordId],
    ) -> f64 {
        let weight = |link: &WordLink, id: WordId| {
            if link.content {
                1.0
            } else if self.words[id].numeric {
                // Numbers are content too, for the score.
                1.0
            } else {
                FUNCTION_WEIGHT
            }
        };
        let side = |links: &[WordLink], ids: &[WordId]| -> (f64, f64) {
            let (mut found, mut total) = (0.0, 0.0);
            for (link, &id) in links.iter().zip(ids) {
                let w = weight(link, id);
                total += w;
                if let Some((_, how)) = link.partner {
                    found += w * how.credit();
                } else if link.content && link.opposite == Opposite::ContentWords {
                    // Something stands in its place: a paraphrase keeps
                    // part of the meaning, a deletion keeps none.
                    found += w * SUBSTITUTE_CREDIT;
                }
            }
            (found, total)
        };
        let (ro, to) = side(orig, o_ids);
        let (pt, tt) = side(trans, t_ids);
        if to == 0.0 && tt == 0.0 {
            return 1.0;
        }
        let recall = if to > 0.0 { ro / to } else { 0.0 };
        let precision = if tt > 0.0 { pt / tt } else { 0.0 };
        // Recall weighs four times as much as precision (β = 2, as in
        // chrF): what the original says must be there; words a
        // paraphrase adds cost less than words it loses.
        let words = f_score(precision, recall);
        // What the words leave unmatched is compared letter by letter (a
        // character n-gram F-score of the two residues, as chrF does for
        // whole sentences): a misspelt word, or a paraphrase that keeps
        // some of the original's letters, is nearer than an unrelated
        // one, and a residue that loses words loses letters too.
        let residue = |links: &[WordLink], ids: &[WordId]| -> String {
            links
                .iter()
                .zip(ids)
                .filter(|(l, _)| l.partner.is_none())
                .map(|(_, &id)| self.words.spelling(id))
                .collect()
        };
        let letters = residue_similarity(&residue(orig, o_ids), &residue(trans, t_ids));
        words + (1.0 - words) * RESIDUE_CREDIT * letters
    }
}

/// Spellings longer than this (in bytes) are not compared.
const MAX_SPELLING: usize = 64;

/// Whether two spellings are at least [`FUZZY_MIN`] similar.
fn spelling_fits(a: &str, b: &str) -> bool {
    use rapidfuzz::distance::indel::normalized_similarity;
    // No name is this long; the comparison is quadratic.
    if a.len().max(b.len()) > MAX_SPELLING {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        // 2·LCS/(a+b) ≥ FUZZY_MIN needs min/max length ≥ f/(2−f).
        let (n, m) = (a.len(), b.len());
        return (n.min(m) as f64) >= FUZZY_MIN / (2.0 - FUZZY_MIN) * n.max(m) as f64
            && normalized_similarity(a.bytes(), b.bytes()) >= FUZZY_MIN;
    }
    let (n, m) = (a.chars().count(), b.chars().count());
    (n.min(m) as f64) >= FUZZY_MIN / (2.0 - FUZZY_MIN) * n.max(m) as f64
        && normalized_similarity(a.chars(), b.chars()) >= FUZZY_MIN
}

/// Places the unmatched content words of `side` (see [`Opposite`]): the
/// stretch of `other` between the partners of the nearest matched words
/// before and after each one.
fn place(side: &mut [WordLink], other: &[WordLink]) {
    // Per position, the partner of the nearest matched word before it
    // (or none), and after it.
    let mut before: Vec<Option<usize>> = Vec::with_capacity(side.len());
    let mut last = None;
    for link in side.iter() {
        before.push(last);
        if let Some((j, _)) = link.partner {
            last = Some(j);
        }
    }
    let mut after: Vec<Option<usize>> = vec![None; side.len()];
    let mut next = None;
    for (k, link) in side.iter().enumerate().rev() {
        after[k] = next;
        if let Some((j, _)) = link.partner {
            next = Some(j);
        }
    }
    for k in 0..side.len() {
        if !side[k].is_unmatched() {
            continue;
        }
        let (from, to) = match (before[k], after[k]) {
            (Some(a), Some(b)) if a < b => (a + 1, b),
            // Anchors crossed (the words around it were reordered): the
            // stretch between them, either way.
            (Some(a), Some(b)) => (b + 1, a),
            (Some(a), None) => (a + 1, other.len()),
            (None, Some(b)) => (0, b),
            (None, None) => (0, other.len()),
        };
        let stretch = &other[from.min(other.len())..to.min(other.len()).max(from.min(other.len()))];
        side[k].opposite = if stretch.iter().any(WordLink::is_unmatched) {
            Opposite::ContentWords
        } else if stretch.iter().any(|l| l.partner.is_none()) {
            Opposite::FunctionWords
        } else if stretch.is_empty() && before[k].is_some() && after[k].is_some() {
            Opposite::Nothing
        } else {
            Opposite::Reordered
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{align, Params};
    use crate::analysis::Analyzer;

    /// The keys of one side's words that are deleted (no counterpart,
    /// nothing in their place), and those that are unmatched.
    fn placed(orig: &str, trans: &str) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
        let (orig, trans) = ([orig], [trans]);
        let pair = Analyzer::new().analyse_texts(&orig, &trans);
        let alignment = align(&pair, &Params::default());
        let c = correspond(&pair, &alignment, &Glossary::builtin());
        let b = &c.beads[0];
        let key = |s: &[AnalysedSentence], l: &WordLink| {
            pair.vocabulary
                .key(s[l.sentence].tokens[l.token].word)
                .to_string()
        };
        let pick = |links: &[WordLink], s: &[AnalysedSentence], f: fn(&WordLink) -> bool| {
            links
                .iter()
                .filter(|l| f(l))
                .map(|l| key(s, l))
                .collect::<Vec<_>>()
        };
        (
            pick(&b.orig, &pair.orig, WordLink::is_deleted),
            pick(&b.orig, &pair.orig, WordLink::is_unmatched),
            pick(&b.trans, &pair.trans, WordLink::is_deleted),
            pick(&b.trans, &pair.trans, WordLink::is_unmatched),
        )
    }

    #[test]
    fn reordered_inflected_and_synonymous_words_match() {
        let (_, lost, _, new) = placed(
            "Many observed rhythms depend on the presence of cycles, officials say; aid reached Zelensky.",
            "Officials say that many rhythms observed depend on cycles being present; assistance reached Zelei Sky.",
        );
        assert!(lost.is_empty(), "{lost:?}");
        assert!(new.is_empty(), "{new:?}");
    }

    #[test]
    fn a_removed_word_leaves_a_deletion_and_a_paraphrase_a_substitution() {
        let (deleted, lost, _, _) = placed(
            "You may wish to consult the advice of governments.",
            "You may the advice of governments.",
        );
        assert_eq!(deleted, ["wish", "consult"]);
        assert_eq!(lost, ["wish", "consult"]);
        let (deleted, lost, inserted, new) = placed(
            "You may wish to consult the advice of governments.",
            "You may seek the advice of governments.",
        );
        assert!(
            deleted.is_empty() && inserted.is_empty(),
            "{deleted:?} {inserted:?}"
        );
        assert_eq!(lost, ["wish", "consult"]);
        assert_eq!(new, ["seek"]);
    }

    #[test]
    fn an_added_word_is_an_insertion() {
        let (_, _, inserted, _) = placed(
            "They depend on biological clocks in physiology.",
            "They depend on biological clocks in classical physiology.",
        );
        assert_eq!(inserted, ["classical"]);
    }

    #[test]
    fn similarity_is_graded() {
        let sim = |o: &str, t: &str| {
            let (o, t) = ([o], [t]);
            let pair = Analyzer::new().analyse_texts(&o, &t);
            let alignment = align(&pair, &Params::default());
            correspond(&pair, &alignment, &Glossary::builtin()).beads[0].similarity
        };
        let text = "The talks between the two countries ended on Monday.";
        assert_eq!(sim(text, text), 1.0);
        let paraphrase = sim(
            text,
            "The negotiations of the two countries finished on Monday.",
        );
        let inflected = sim(text, "The talk between the two countries ended on Monday.");
        let damaged = sim(text, "The talks between the two countries ended.");
        assert!(
            inflected < 1.0 && inflected > damaged,
            "{inflected} {damaged}"
        );
        assert!(paraphrase < inflected, "{paraphrase}");
    }
}
