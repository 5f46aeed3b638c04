//! The name checker: proper names of the original that the translation
//! corrupts ("Kursk" → "Kurusk"), shortens, renders as a known variant
//! (Kyiv/Kiev) or loses.
//!
//! The inventory is built from the original: capitalised words that are
//! never written in lower case in the document, taken mid-sentence, or at
//! the start of a sentence when the same word is also capitalised
//! mid-sentence elsewhere. Adjacent name words form one name ("Volodymyr
//! Zelensky"). In each bead, a name word with no counterpart is matched
//! against the unused 1–3 word spans of the translation, rejoining split
//! forms ("Zelei Sky"), by spelling similarity.

use std::collections::BTreeMap;

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::align::BeadKind;
use crate::analysis::{AnalysedSentence, Token, Vocabulary, WordId};
use crate::glossary::Rendering;
use crate::text::prefix;
use crate::Label;

/// The checker.
pub struct NameChecker;

/// A candidate spelling must be at least this similar to the name word
/// (capitalised candidates), or `LOWERCASE_MIN` when written in lower case.
const SIMILARITY_MIN: f64 = 0.6;
const LOWERCASE_MIN: f64 = 0.75;

/// One occurrence of a name in an original sentence: tokens first..=last.
#[derive(Debug, Clone)]
struct NameAt {
    first: usize,
    last: usize,
}

fn is_possessive(surface: &str) -> bool {
    surface.ends_with("'s") || surface.ends_with("’s") || surface.ends_with("s'")
}

/// Every word of some sentences, with how it is written there: built in
/// one pass. For the original it serves the inventory and the
/// corrupted-name search; for the translation, the missing-name test.
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
fn inventory(orig: &[AnalysedSentence], words: &Vocabulary, keys: &Keys) -> Vec<Vec<NameAt>> {
    orig.iter()
        .map(|s| {
            let headline = matches!(s.label, Label::Title | Label::Chrome);
            let is_name = |k: usize| {
                let t = &s.tokens[k];
                t.capitalized
                    && t.plain
                    // At least two letters or digits.
                    && words.spelling(t.word).chars().nth(1).is_some()
                    && !words[t.word].stopword
                    && !keys.has(t.word, LOWERCASE)
                    && ((k > 0 && !headline) || keys.has(t.word, CAPITALISED_MID))
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
/// spelling and whether the original uses the word; None for a token
/// that cannot be part of a name.
type Form<'a> = Option<(&'a str, bool)>;

/// What became of one name word in the translation.
#[derive(Debug, Clone, PartialEq)]
enum Fate {
    Present,
    Variant(Vec<TokenAt>),
    Corrupted(Vec<TokenAt>, f64),
    Missing,
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
        }
    }

    fn token(&self, i: usize) -> &'a Token {
        let (s, k) = self.tokens[i];
        &self.sentences[s].tokens[k]
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
    }

    /// Marks the first unused run of tokens with these words and returns
    /// where it lies in `tokens`.
    fn take_phrase(&mut self, phrase: &[WordId]) -> Option<std::ops::Range<usize>> {
        let n = phrase.len();
        let first = *phrase.first()?;
        // "US" as a rendering of "U.S." must not match the pronoun "us".
        let shouting = |i: usize| {
            let (s, k) = self.tokens[i];
            !self.sentences[s].surface(k).chars().any(char::is_lowercase)
        };
        let last_start = self.tokens.len().checked_sub(n)?;
        let fits = |i: usize| {
            (0..n).all(|j| {
                !self.used[i + j]
                    && self.tokens[i + j].0 == self.tokens[i].0
                    && self.ids[i + j] == phrase[j]
                    && (!self.words[phrase[j]].stopword || shouting(i + j))
            })
        };
        let start = (0..=last_start).find(|&i| self.ids[i] == first && fits(i))?;
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

    /// Marks the first unused token whose word satisfies `pred`.
    fn take_where(&mut self, pred: impl Fn(WordId) -> bool) -> bool {
        for (i, &word) in self.ids.iter().enumerate() {
            if !self.used[i] && pred(word) {
                self.used[i] = true;
                return true;
            }
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

    /// The unused span of 1–3 tokens spelt most like the word `name`.
    fn best_candidate(&self, name: WordId, known: &Keys) -> Option<(usize, usize, f64)> {
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
                    let needed = if capitalised {
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

/// Decides the fate of each word of one name occurrence, into `out`
/// (a buffer reused from name to name).
/// `listed`: the name's keys as strings when the glossary lists its first
/// word (the glossary is asked about no other name).
fn fates(
    name: &[Token],
    listed: Option<&[String]>,
    trans: &mut TransSide,
    known: &Keys,
    pair: &PairContext,
    out: &mut Vec<Fate>,
) {
    out.clear();
    let glossary = &pair.options.glossary;
    // The whole name as a listed rendering ("United States" for "U.S.").
    if let Some(fate) = listed.and_then(|name| trans.take_rendering(&glossary.renderings(name))) {
        out.resize(name.len(), fate);
        return;
    }
    out.resize(name.len(), Fate::Missing);
    let words = pair.vocabulary;
    for (j, id) in name.iter().map(|t| t.word).enumerate() {
        if trans.take_phrase(&[id]).is_some() {
            out[j] = Fate::Present;
            continue;
        }
        let word = &words[id];
        if glossary.has_entry(words.key(id)) {
            let listed = [words.key(id).to_string()];
            if let Some(fate) = trans.take_rendering(&glossary.renderings(&listed)) {
                out[j] = fate;
                continue;
            }
        }
        // A derived form: "Ukrainian" for "Ukraine", "southern" for
        // "South". It must be a real word (in the original or in WordNet),
        // or a corruption that keeps the stem ("Ukrain") would pass.
        if trans.take_where(|k| {
            let other = &words[k];
            (other.stem == word.stem
                || (other.chars.min(word.chars) >= 5
                    && prefix(words.key(k), 5) == prefix(words.key(id), 5)))
                && (known.contains(k) || crate::lexicon::is_word(words.key(k)))
        }) {
            out[j] = Fate::Present;
        }
    }
    for j in 0..name.len() {
        if out[j] != Fate::Missing {
            continue;
        }
        if let Some((a, b, score)) = trans.best_candidate(name[j].word, known) {
            (a..=b).for_each(|i| trans.used[i] = true);
            out[j] = Fate::Corrupted(trans.tokens[a..=b].to_vec(), score);
        }
    }
}

impl Checker for NameChecker {
    fn name(&self) -> &'static str {
        "name"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        let words = pair.vocabulary;
        let known = Keys::new(pair.orig, words);
        let names = inventory(pair.orig, words, &known);
        let glossary = &pair.options.glossary;
        // Needed only for a name missing from its bead: built on first use.
        let translation_keys = std::cell::OnceCell::new();
        // Corrupted renderings of each name word, for the consistency note.
        let mut renderings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut corrupted_word: Vec<(usize, String)> = Vec::new();
        // One translation side, refilled for each bead with names.
        let mut trans = TransSide::new(pair.trans, words);
        let mut fates_of_name: Vec<Fate> = Vec::new();

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
            for &o in orig_idx {
                let Some(sentence_names) = names.get(o) else {
                    continue;
                };
                let view = &pair.orig[o];
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
                    fates(
                        name_tokens,
                        listed.as_deref(),
                        &mut trans,
                        &known,
                        pair,
                        &mut fates_of_name,
                    );
                    let fates = &fates_of_name;
                    let expected = view.span(name.first, name.last);
                    let finding =
                        |severity, confidence: f64, found: String, message: String| Finding {
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
                    let missing = fates.iter().filter(|f| **f == Fate::Missing).count();
                    let present = fates.iter().filter(|f| **f == Fate::Present).count();
                    if !corrupted.is_empty() {
                        let at: Vec<TokenAt> = corrupted
                            .iter()
                            .flat_map(|(_, at, _)| at.iter().copied())
                            .collect();
                        let found = trans.text(&at);
                        let score =
                            corrupted.iter().map(|c| c.2).sum::<f64>() / corrupted.len() as f64;
                        for (j, at, _) in &corrupted {
                            let word = view.surface(name.first + j).to_string();
                            *renderings
                                .entry(word.clone())
                                .or_default()
                                .entry(trans.text(at))
                                .or_default() += 1;
                            corrupted_word.push((out.len(), word));
                        }
                        let note = if missing > 0 {
                            " (part of the name is missing)"
                        } else {
                            ""
                        };
                        out.push(finding(
                            Severity::Critical,
                            (0.5 + score / 2.0).min(0.99),
                            found.clone(),
                            format!("name corrupted: \"{expected}\" appears as \"{found}\"{note}"),
                        ));
                    } else if let Some(Fate::Variant(at)) =
                        fates.iter().find(|f| matches!(f, Fate::Variant(_)))
                    {
                        let found = trans.text(at);
                        out.push(finding(
                            Severity::Minor,
                            0.9,
                            found.clone(),
                            format!(
                                "name spelt as the variant \"{found}\" instead of \"{expected}\""
                            ),
                        ));
                    } else if moved || missing == 0 {
                        continue;
                    } else if present > 0 {
                        let kept: Vec<&str> = (0..fates.len())
                            .filter(|&j| fates[j] == Fate::Present)
                            .map(|j| view.surface(name.first + j))
                            .collect();
                        let kept = kept.join(" ");
                        out.push(finding(
                            Severity::Minor,
                            0.6,
                            kept.clone(),
                            format!("name shortened: \"{expected}\" appears only as \"{kept}\""),
                        ));
                    } else if view.label == Label::Body
                        && (name.first..=name.last).all(|k| {
                            !translation_keys
                                .get_or_init(|| Keys::new(pair.trans, words))
                                .contains(view.tokens[k].word)
                        })
                    {
                        // Reported only when the name is absent from the
                        // whole translation: a name used elsewhere and
                        // missing here is usually a pronoun or "the two
                        // countries", not a lost name.
                        out.push(finding(
                            Severity::Major,
                            0.5,
                            String::new(),
                            format!(
                                "name missing: \"{expected}\" does not appear in the translation"
                            ),
                        ));
                    }
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
                (Severity::Critical, "Kursk".into(), "Kurusk".into()),
                (Severity::Minor, "Kyiv".into(), "Kiev".into()),
            ]
        );
    }

    #[test]
    fn paraphrase_and_derived_forms_are_not_findings() {
        let found = names(
            &["Ukrainian forces entered Russia’s Kursk region, the U.S. said."],
            &["The troops of Ukraine entered the Kursk region of Russia, the United States said."],
        );
        assert!(found.is_empty(), "{found:?}");
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
