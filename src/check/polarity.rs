//! The polarity checker: negation and polarity cues present on one side
//! of a bead and not the other ("despite his own decree banning direct
//! talks" → "Although he promulgated a decree for direct talks").
//!
//! Cues are grouped in families (negation, prohibition, refusal,
//! improbability, concession). Families, not words, are compared, so
//! "refused" ~ "rejected" and "neither … nor" ~ "neither" are not findings.

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::analysis::{AnalysedSentence, Vocabulary};
use crate::lexicon::cues::{cue_of, Family};
use crate::lexicon::CUE_START;

/// The checker.
pub struct PolarityChecker;

/// The family of the cue starting at token `k`, and the tokens it spans.
fn cue(sentence: &AnalysedSentence, words: &Vocabulary, k: usize) -> Option<(Family, usize)> {
    let tokens = &sentence.tokens;
    if !words[tokens[k].word].is(CUE_START) {
        return None;
    }
    let next = tokens.get(k + 1).map_or("", |t| words.key(t.word));
    cue_of(words.key(tokens[k].word), next)
}

/// The cues of some sentences: (family, sentence, first token, last token).
fn cues(
    sentences: &[AnalysedSentence],
    words: &Vocabulary,
    indices: &[usize],
) -> Vec<(Family, usize, usize, usize)> {
    let mut out = Vec::new();
    for &s in indices {
        let Some(v) = sentences.get(s) else { continue };
        let mut k = 0;
        while k < v.tokens.len() {
            match cue(v, words, k) {
                Some((f, n)) => {
                    out.push((f, s, k, k + n - 1));
                    k += n;
                }
                None => k += 1,
            }
        }
    }
    out
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

impl Checker for PolarityChecker {
    fn name(&self) -> &'static str {
        "polarity"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        for (b, bead) in pair.beads.iter().enumerate() {
            if !bead.kind.is_match() {
                continue;
            }
            let orig = cues(pair.orig, pair.vocabulary, &bead.orig);
            let trans = cues(pair.trans, pair.vocabulary, &bead.trans);
            for family in Family::ALL {
                let o = orig.iter().find(|c| c.0 == family);
                let t = trans.iter().find(|c| c.0 == family);
                let (severity, confidence) = if family == Family::Concession {
                    (Severity::Minor, 0.5)
                } else {
                    (Severity::Critical, 0.75)
                };
                let name = family.as_str();
                match (o, t) {
                    (Some(&(_, s, a, z)), None) => {
                        let expected = context(&pair.orig[s], a, z);
                        out.push(Finding {
                            kind: Kind::Polarity,
                            severity,
                            confidence,
                            orig: vec![s],
                            trans: bead.trans.clone(),
                            message: format!(
                                "polarity lost: the {name} in \"{expected}\" has no counterpart in the translation; the meaning may be inverted"
                            ),
                            expected,
                            found: String::new(),
                            orig_span: None,
                            trans_span: None,
                            position: (b, pair.orig[s].tokens[a].start),
                        });
                    }
                    (None, Some(&(_, s, a, z))) => {
                        let found = context(&pair.trans[s], a, z);
                        out.push(Finding {
                            kind: Kind::Polarity,
                            severity,
                            confidence: confidence - 0.1,
                            orig: bead.orig.clone(),
                            trans: vec![s],
                            message: format!(
                                "polarity added: the translation has a {name} (\"{found}\") that the original lacks; the meaning may be inverted"
                            ),
                            expected: String::new(),
                            found,
                            orig_span: None,
                            trans_span: None,
                            position: (b, usize::MAX / 2 + pair.trans[s].tokens[a].start),
                        });
                    }
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_texts, CheckOptions, Kind};
    use crate::lexicon::cues::{cue_of, starts_cue};
    use proptest::prelude::*;

    proptest! {
        /// The word-class prefilter never hides a cue.
        #[test]
        fn every_cue_starts_with_a_cue_word(
            key in "(not|no|instead|rather|in|despite|banning|prohibited|refusing|deny|isn't|can|[a-z']{1,9})",
            next in "(only|of|than|spite|talks|[a-z]{0,6})",
        ) {
            if cue_of(&key, &next).is_some() {
                prop_assert!(starts_cue(&key), "{key} {next}");
                prop_assert!(crate::lexicon::word_classes(&key) & crate::lexicon::CUE_START != 0, "{key}");
            }
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

    #[test]
    fn same_family_in_other_words_is_not_a_finding() {
        assert!(polarity(
            "Most countries have refused to take sides, and neither Russia nor Ukraine can win.",
            "Most countries rejected taking sides, and neither country can win.",
        )
        .is_empty());
    }
}
