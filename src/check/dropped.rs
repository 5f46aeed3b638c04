//! The dropped-content checker: original sentences with no counterpart
//! (1-0 beads) and, inside a bead, maximal spans of the original whose
//! content words have no counterpart in the translation.
//!
//! Which content words have a counterpart is the analysis stage's word
//! correspondence ([`crate::analysis::correspond`]). A span is reported when it holds at least `MIN_CONTENT_WORDS` unmatched
//! content words with no matched content word between them: a single
//! paraphrased word is not a dropped clause.

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::align::BeadKind;
use crate::Label;

/// The checker.
pub struct DroppedChecker;

/// A span is reported when it holds at least this many unmatched content
/// words with no matched one between them.
pub const MIN_CONTENT_WORDS: usize = 2;

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
            for matches in &pair.correspondence.beads[b] {
                let (o, flags) = (matches.sentence, &matches.tokens);
                let view = &pair.orig[o];
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
