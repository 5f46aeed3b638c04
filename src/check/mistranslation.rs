//! The mistranslation checker: a 1-1 bead whose similarity is far below
//! the document's typical level, when no more specific finding explains
//! it; and a bead whose personal pronouns change gender ("he" → "she").

use super::{Checker, Finding, Kind, PairContext, Severity, Span};
use crate::align::BeadKind;
use crate::analysis::AnalysedSentence;

/// The checker.
pub struct MistranslationChecker;

const MASCULINE: [&str; 4] = ["he", "him", "his", "himself"];
const FEMININE: [&str; 4] = ["she", "her", "hers", "herself"];

/// The masculine and feminine personal pronouns of some sentences, and
/// the first of each (sentence, token).
fn genders(
    pair: &PairContext,
    sentences: &[AnalysedSentence],
    indices: &[usize],
) -> ([usize; 2], [Option<(usize, usize)>; 2]) {
    let (mut counts, mut first) = ([0; 2], [None; 2]);
    for &s in indices {
        let Some(sentence) = sentences.get(s) else {
            continue;
        };
        for (k, t) in sentence.tokens.iter().enumerate() {
            let key = pair.key(t);
            let gender = if MASCULINE.contains(&key) {
                0
            } else if FEMININE.contains(&key) {
                1
            } else {
                continue;
            };
            counts[gender] += 1;
            first[gender].get_or_insert((s, k));
        }
    }
    (counts, first)
}

/// A finding when a bead's pronouns change gender: one gender gains
/// pronouns the original lacks while the other loses some. A translator
/// may put a name for a pronoun, but not the other gender's pronoun.
fn gender_change(pair: &PairContext, b: usize) -> Option<Finding> {
    let bead = &pair.beads[b];
    let (orig, o_first) = genders(pair, pair.orig, &bead.orig);
    let (trans, t_first) = genders(pair, pair.trans, &bead.trans);
    let changed = (0..2).find(|&g| trans[g] > orig[g] && trans[1 - g] < orig[1 - g])?;
    let (ts, tk) = t_first[changed]?;
    let (os, ok) = o_first[1 - changed]?;
    let (expected, found) = (pair.orig[os].surface(ok), pair.trans[ts].surface(tk));
    Some(Finding {
        kind: Kind::Mistranslation,
        severity: Severity::Major,
        confidence: 0.7,
        orig: vec![os],
        trans: vec![ts],
        expected: expected.to_string(),
        found: found.to_string(),
        message: format!("gender changed: the original's \"{expected}\" appears as \"{found}\""),
        orig_span: Some(Span::of_tokens(os, &pair.orig[os], ok, ok)),
        trans_span: Some(Span::of_tokens(ts, &pair.trans[ts], tk, tk)),
        position: (b, pair.orig[os].tokens[ok].start),
    })
}

/// A bead is suspicious below this share of the median 1-1 similarity.
pub const SHARE_OF_MEDIAN: f32 = 0.5;
/// The median needs this many 1-1 beads to mean anything.
const MIN_BEADS: usize = 5;

impl Checker for MistranslationChecker {
    fn name(&self) -> &'static str {
        "mistranslation"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        for (b, bead) in pair.beads.iter().enumerate() {
            if bead.kind.is_match() {
                out.extend(gender_change(pair, b));
            }
        }
        let mut sims: Vec<f32> = pair
            .beads
            .iter()
            .filter(|b| b.kind == BeadKind::OneOne)
            .map(|b| b.similarity)
            .collect();
        if sims.len() < MIN_BEADS {
            return;
        }
        sims.sort_by(f32::total_cmp);
        let median = sims[sims.len() / 2];
        let limit = median * SHARE_OF_MEDIAN;
        let explained: std::collections::HashSet<usize> =
            out.iter().map(|f| f.position.0).collect();
        for (b, bead) in pair.beads.iter().enumerate() {
            if bead.kind != BeadKind::OneOne || bead.similarity >= limit || explained.contains(&b) {
                continue;
            }
            let (o, t) = (bead.orig[0], bead.trans[0]);
            out.push(Finding {
                kind: Kind::Mistranslation,
                severity: Severity::Major,
                confidence: (1.0 - bead.similarity / limit).clamp(0.3, 0.9),
                orig: vec![o],
                trans: vec![t],
                expected: pair.orig[o].text.to_string(),
                found: pair.trans[t].text.to_string(),
                message: format!(
                    "possible mistranslation: similarity {:.2} is far below this document's typical {:.2}",
                    bead.similarity, median
                ),
                orig_span: Some(Span::whole(o, &pair.orig[o])),
                trans_span: Some(Span::whole(t, &pair.trans[t])),
                position: (b, 0),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_texts, CheckOptions, Kind};

    fn changed(orig: &str, trans: &str) -> Vec<(String, String)> {
        check_texts(&[orig], &[trans], &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == Kind::Mistranslation)
            .map(|f| (f.expected, f.found))
            .collect()
    }

    #[test]
    fn a_pronoun_of_the_other_gender_is_a_mistranslation() {
        assert_eq!(
            changed(
                "He said that his talks with the ministers had failed.",
                "She said that her talks with the ministers had failed.",
            ),
            [("He".to_string(), "She".to_string())]
        );
    }

    #[test]
    fn a_name_for_a_pronoun_is_not() {
        assert!(changed(
            "He said that his talks with the ministers had failed.",
            "Smith said that the talks with the ministers had failed.",
        )
        .is_empty());
        assert!(changed(
            "She met him and his ministers.",
            "She met him and the ministers.",
        )
        .is_empty());
    }
}
