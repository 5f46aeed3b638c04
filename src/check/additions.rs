//! Added and moved content: translation sentences with no counterpart
//! (0-1 beads), sentences that repeat original content out of order
//! (moved beads), and inside a bead, words the translation adds where the
//! original has nothing (the correspond stage's insertions). Non-article
//! text (bios, copyright lines) is minor.

use super::{Checker, Finding, Kind, PairContext, Severity, Span};
use crate::align::BeadKind;
use crate::correspond::{runs, Run};
use crate::Label;

/// The checker.
pub struct AdditionChecker;

/// Word-level additions are reported only in beads at least this close to
/// their original (graded similarity): in a bead further off, inserted
/// words are part of a rewrite, not additions to a faithful sentence
/// (measured on the seed pair and the DEMETR dev split: docs/checkers.md).
const CLOSE: f64 = 0.8;

/// Whether a run of `words` unmatched content words of the translation is
/// reported as added, and how: `inserted` of them have no content word of
/// the original in their place, `alone` no word at all.
fn judge(words: usize, inserted: usize, alone: usize) -> Option<(Severity, f32)> {
    match words {
        0 => None,
        1 if alone == 1 => Some((Severity::Minor, 0.3)),
        2 if inserted == 2 => Some((Severity::Minor, 0.5)),
        3.. if inserted == words => Some((Severity::Major, 0.7)),
        _ => None,
    }
}

impl Checker for AdditionChecker {
    fn name(&self) -> &'static str {
        "added"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        for (b, bead) in pair.beads.iter().enumerate() {
            let Some(&t) = bead.trans.first() else {
                continue;
            };
            let view = &pair.trans[t];
            let finding = match bead.kind {
                BeadKind::Added => {
                    let article = view.label == Label::Body;
                    Finding {
                        kind: Kind::Added,
                        severity: if article {
                            Severity::Major
                        } else {
                            Severity::Minor
                        },
                        confidence: if article { 0.8 } else { 0.6 },
                        orig: Vec::new(),
                        trans: vec![t],
                        expected: String::new(),
                        found: view.text.to_string(),
                        message: if article {
                            "sentence added: it has no counterpart in the original".into()
                        } else {
                            format!("{} text added (not article text)", view.label.as_str())
                        },
                        orig_span: None,
                        trans_span: Some(Span::whole(t, view)),
                        position: (b, 0),
                    }
                }
                BeadKind::Moved => {
                    let repeats: Vec<String> =
                        bead.repeats.iter().map(|r| (r + 1).to_string()).collect();
                    Finding {
                        kind: Kind::Moved,
                        severity: Severity::Minor,
                        confidence: bead.similarity.clamp(0.0, 1.0),
                        orig: bead.repeats.clone(),
                        trans: vec![t],
                        expected: String::new(),
                        found: view.text.to_string(),
                        message: format!(
                            "moved or repeated: this sentence repeats original sentence {} out of order",
                            repeats.join(", ")
                        ),
                        orig_span: bead.repeats.first().map(|&r| Span::whole(r, &pair.orig[r])),
                        trans_span: Some(Span::whole(t, view)),
                        position: (b, 0),
                    }
                }
                _ => {
                    added_words(pair, b, out);
                    continue;
                }
            };
            out.push(finding);
        }
    }
}

/// Runs of translation words with nothing in the original in their place,
/// in bead `b` (when it is [`CLOSE`] to its original).
fn added_words(pair: &PairContext, b: usize, out: &mut Vec<Finding>) {
    let bead = &pair.beads[b];
    if !bead.kind.is_match() {
        return;
    }
    let words = &pair.correspondence.beads[b];
    if words.similarity < CLOSE {
        return;
    }
    let links = &words.trans;
    for run in runs(links, &words.orig) {
        let Run {
            first,
            last,
            words: count,
            deleted: inserted,
            alone,
        } = run;
        let Some((severity, confidence)) = judge(count, inserted, alone) else {
            continue;
        };
        let t = links[first].sentence;
        let view = &pair.trans[t];
        let (from, to) = (links[first].token, links[last].token);
        let found = view.span(from, to).to_string();
        out.push(Finding {
            kind: Kind::Added,
            severity,
            confidence,
            orig: bead.orig.clone(),
            trans: vec![t],
            message: format!(
                "content added: \"{found}\" ({count} content word{}) has no counterpart in the original",
                if count == 1 { "" } else { "s" }
            ),
            expected: String::new(),
            found,
            orig_span: None,
            trans_span: Some(Span::of_tokens(t, view, from, to)),
            position: (b, usize::MAX / 2 + view.tokens[from].start),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_texts, CheckOptions, Kind, Severity};

    fn added(orig: &str, trans: &str) -> Vec<(Severity, String)> {
        check_texts(&[orig], &[trans], &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == Kind::Added)
            .map(|f| (f.severity, f.found))
            .collect()
    }

    #[test]
    fn a_word_slipped_into_a_faithful_sentence_is_added() {
        assert_eq!(
            added(
                "Their rhythms depend on biological clocks in physiology and behaviour.",
                "Their rhythms depend on biological clocks in classical physiology and behaviour.",
            ),
            [(Severity::Minor, "classical".to_string())]
        );
    }

    #[test]
    fn words_of_a_rewrite_or_a_substitution_are_not_added() {
        // In place of another word: a paraphrase.
        assert!(added(
            "Their rhythms depend on biological clocks in physiology and behaviour.",
            "Their rhythms hinge on biological clocks in physiology and behaviour.",
        )
        .is_empty());
        // A sentence far from its original: inserted words are part of
        // the rewrite.
        assert!(added(
            "Their rhythms depend on biological clocks in physiology and behaviour.",
            "Behaviour follows clocks, researchers believe, in many living creatures.",
        )
        .is_empty());
    }
}
