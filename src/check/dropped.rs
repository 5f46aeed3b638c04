//! The dropped-content checker: original sentences with no counterpart
//! (1-0 beads) and, inside a bead, maximal spans of the original whose
//! content words have no counterpart in the translation.
//!
//! A content word has a counterpart when the translation has the same
//! word, stem, a shared long prefix, a listed equivalent or a spelling at
//! least `FUZZY_MIN` similar (a corrupted name is not a dropped word). A
//! span is reported when it holds at least `MIN_CONTENT_WORDS` unmatched
//! content words with no matched content word between them: a single
//! paraphrased word is not a dropped clause.

use super::matching::WordIndex;
use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::align::BeadKind;
use crate::text::Key;
use crate::Label;

pub struct DroppedChecker;

pub const MIN_CONTENT_WORDS: usize = 2;
pub const FUZZY_MIN: f64 = 0.7;

/// A word that carries content: not a function word, a word of three
/// letters or more (so "de" of "de-escalate" or "re" of
/// "re-election" do not count on their own).
/// Numbers are left to the number checker.
fn is_content(key: &Key) -> bool {
    !key.is_stopword()
        && !key.starts_with(|c: char| c.is_ascii_digit())
        && !super::word_class::is_number_word(key)
        && key.letter_count() >= 3
}

/// For each token of original sentence `o`: None for a function word,
/// Some(true) for a content word with a counterpart in `index`.
fn matched(pair: &PairContext, o: usize, index: &mut WordIndex) -> Vec<Option<bool>> {
    pair.orig[o]
        .tokens
        .iter()
        .map(|t| {
            is_content(&t.key)
                .then(|| index.has_counterpart(&t.key, &pair.options.glossary, FUZZY_MIN))
        })
        .collect()
}

/// The content-word flags of each original sentence of one bead.
pub type BeadMatches = Vec<(usize, Vec<Option<bool>>)>;

/// Content-word flags for every bead (empty for beads without both sides
/// aligned in order: moved beads and 0-1).
pub fn bead_matches<'p>(pair: &'p PairContext) -> &'p [BeadMatches] {
    pair.content_matches.get_or_init(|| {
        // One index, refilled bead after bead.
        let mut index = WordIndex::new(&pair.trans, &[]);
        pair.beads
            .iter()
            .map(|bead| {
                if bead.kind == BeadKind::Moved || bead.orig.is_empty() {
                    return Vec::new();
                }
                index.refill(&pair.trans, &bead.trans);
                bead.orig
                    .iter()
                    .map(|&o| (o, matched(pair, o, &mut index)))
                    .collect()
            })
            .collect()
    })
}

/// Share of the original's content words that survive in the translation
/// (a dropped sentence's words count as lost).
pub fn content_coverage(pair: &PairContext) -> f64 {
    let (mut kept, mut total) = (0usize, 0usize);
    for bead in bead_matches(pair) {
        for (_, flags) in bead {
            for m in flags.iter().flatten() {
                total += 1;
                kept += usize::from(*m);
            }
        }
    }
    if total == 0 {
        1.0
    } else {
        kept as f64 / total as f64
    }
}

impl Checker for DroppedChecker {
    fn name(&self) -> &'static str {
        "dropped"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        for (b, bead) in pair.beads.iter().enumerate() {
            if bead.kind == BeadKind::Dropped {
                let o = bead.orig[0];
                let view = &pair.orig[o];
                let article = matches!(view.label, Label::Body | Label::Title);
                out.push(Finding {
                    kind: Kind::Dropped,
                    severity: if article {
                        Severity::Major
                    } else {
                        Severity::Minor
                    },
                    confidence: 0.9,
                    orig: vec![o],
                    trans: Vec::new(),
                    expected: view.text.to_string(),
                    found: String::new(),
                    message: if article {
                        "sentence dropped: it has no counterpart in the translation".into()
                    } else {
                        format!(
                            "{} sentence dropped (not article text)",
                            view.label.as_str()
                        )
                    },
                    position: (b, 0),
                });
                continue;
            }
            if !bead.kind.is_match() {
                continue;
            }
            for (o, flags) in &bead_matches(pair)[b] {
                let (o, view) = (*o, &pair.orig[*o]);
                let mut k = 0;
                while k < flags.len() {
                    if flags[k] != Some(false) {
                        k += 1;
                        continue;
                    }
                    // A run of unmatched content words and function words.
                    let (first, mut last, mut words) = (k, k, 0);
                    while k < flags.len() && flags[k] != Some(true) {
                        if flags[k] == Some(false) {
                            last = k;
                            words += 1;
                        }
                        k += 1;
                    }
                    if words < MIN_CONTENT_WORDS {
                        continue;
                    }
                    let severity = match words {
                        0..=2 => Severity::Minor,
                        3..=4 => Severity::Major,
                        _ => Severity::Critical,
                    };
                    let expected = view.span(first, last).to_string();
                    out.push(Finding {
                        kind: Kind::Dropped,
                        severity,
                        confidence: (0.45 + 0.1 * words as f32).min(0.95),
                        orig: vec![o],
                        trans: bead.trans.clone(),
                        message: format!(
                            "content dropped: \"{expected}\" ({words} content words) has no counterpart in the translation"
                        ),
                        expected,
                        found: String::new(),
                        position: (b, view.tokens[first].start),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_texts, CheckOptions, Kind};

    fn dropped(orig: &[&str], trans: &[&str]) -> Vec<String> {
        check_texts(orig, trans, &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == Kind::Dropped)
            .map(|f| f.expected)
            .collect()
    }

    #[test]
    fn dropped_clause_is_reported_with_its_span() {
        assert_eq!(
            dropped(
                &["Its forces in Kursk could be forced to retreat, Russian forces could make additional gains in Donbas, or both."],
                &["Its troops in Kurusk may be forced to retreat. Of."],
            ),
            // "forces" keeps a counterpart through "forced" (same stem).
            ["make additional gains in Donbas"]
        );
    }

    #[test]
    fn paraphrase_and_inflection_are_not_dropped() {
        assert!(dropped(
            &["Ukraine’s tentative pivot to diplomacy is understandable, officials said."],
            &["Officials say the Ukrainian pivot toward diplomatic talks is understandable."],
        )
        .is_empty());
    }
}
