//! The dropped-content checker: original sentences with no counterpart
//! (1-0 beads) and, inside a bead, maximal spans of the original whose
//! content words have no counterpart in the translation.
//!
//! Which content words have a counterpart, and which have nothing in
//! their place, is the correspond stage's ([`crate::correspond`]). A run
//! of unmatched content words (function words may stand between them) is
//! reported when it is long (three words or more) or when nothing stands
//! in its place in the translation: one or two words the translator
//! replaced by others are a paraphrase, not a drop. See `judge` for the
//! severities.

use super::gaps;
use super::{Checker, Finding, Kind, PairContext, Severity, Span};
use crate::align::BeadKind;
use crate::correspond::{runs, Run};
use crate::Label;

/// The checker.
pub struct DroppedChecker;

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
                    orig_span: Some(Span::whole(o, view)),
                    trans_span: None,
                    position: (b, 0),
                });
                continue;
            }
            if !bead.kind.is_match() {
                continue;
            }
            let words = &pair.correspondence.beads[b];
            let links = &words.orig;
            let before = out.len();
            for run in runs(links, &words.trans) {
                let Run {
                    first,
                    last,
                    words: count,
                    deleted,
                    alone,
                } = run;
                let o = links[first].sentence;
                let view = &pair.orig[o];
                // A lone capitalised word inside a sentence is a name: the
                // name checker's.
                let name = count == 1 && first > 0 && view.tokens[links[first].token].capitalized;
                let Some((severity, confidence)) =
                    judge(count, deleted, alone, words.similarity).filter(|_| !name)
                else {
                    continue;
                };
                let (from, to) = (links[first].token, links[last].token);
                let expected = view.span(from, to).to_string();
                let what = if deleted == count {
                    "has no counterpart in the translation"
                } else {
                    "has no counterpart in the translation, which says something else there"
                };
                out.push(Finding {
                    kind: Kind::Dropped,
                    severity,
                    confidence,
                    orig: vec![o],
                    trans: bead.trans.clone(),
                    message: format!(
                        "content dropped: \"{expected}\" ({count} content word{}) {what}",
                        if count == 1 { "" } else { "s" }
                    ),
                    expected,
                    found: String::new(),
                    orig_span: Some(Span::of_tokens(o, view, from, to)),
                    trans_span: None,
                    position: (b, view.tokens[from].start),
                });
            }
            report_gaps(pair, b, before, out);
        }
    }
}

/// Reports the broken phrases of a bead's translation that its original
/// does not share. A lexical drop of one or two words found in the same
/// bead (from `before` on in `out`) is the same loss seen from the other
/// side: it is made major and told of the gap instead.
fn report_gaps(pair: &PairContext, b: usize, before: usize, out: &mut Vec<Finding>) {
    let bead = &pair.beads[b];
    let found: Vec<(usize, gaps::Gaps)> = bead
        .trans
        .iter()
        .map(|&t| (t, gaps::gaps(&pair.trans[t], pair.vocabulary)))
        .filter(|(_, g)| !g.is_empty())
        .collect();
    if found.is_empty() {
        return;
    }
    let mut seen: Vec<[String; 2]> = Vec::new();
    for &o in pair.orig_of(bead) {
        if let Some(view) = pair.orig.get(o) {
            seen.extend(
                gaps::gaps(view, pair.vocabulary)
                    .into_iter()
                    .map(|(_, keys)| keys),
            );
        }
    }
    let mut lexical: Vec<usize> = (before..out.len())
        .filter(|&i| out[i].severity == Severity::Minor && out[i].confidence < 0.7)
        .collect();
    for (t, gaps) in found {
        let view = &pair.trans[t];
        for (gap, keys) in gaps {
            if seen.contains(&keys) {
                continue;
            }
            let span = Span::of_tokens(t, view, gap.first, gap.last);
            let found = view.text[span.start..span.end].to_string();
            let told = format!(
                "the translation reads \"{found}\" there: {}",
                gap.rule.describe()
            );
            if lexical.len() == 1 {
                let f = &mut out[lexical[0]];
                f.severity = Severity::Major;
                f.confidence = 0.8;
                f.message = format!("{}; {told}", f.message);
                f.found = found;
                f.trans_span = Some(span);
                lexical.clear();
                continue;
            }
            out.push(Finding {
                kind: Kind::Dropped,
                severity: Severity::Major,
                confidence: 0.6,
                orig: pair.orig_of(bead).to_vec(),
                trans: vec![t],
                expected: String::new(),
                message: format!("word missing: {told}"),
                found,
                orig_span: None,
                trans_span: Some(span),
                position: (b, usize::MAX),
            });
        }
    }
}

/// Below this graded similarity a bead is far from its original: two
/// words with others in their place are then more likely lost than
/// paraphrased (measured on the seed pair and the DEMETR dev split:
/// docs/checkers.md).
const FAR: f64 = 0.7;

/// Whether a run of `words` unmatched content words is reported, and how:
/// `deleted` of them have no content word in their place in the
/// translation, `alone` no word at all.
///
/// A single word is reported only when nothing at all stands in its
/// place, and as minor: on the DEMETR dev split, one-word removals and
/// the words correct paraphrases leave out look alike to a lexical
/// comparison (docs/checkers.md has the measured trade-off).
fn judge(words: usize, deleted: usize, alone: usize, similarity: f64) -> Option<(Severity, f32)> {
    let all_deleted = deleted == words;
    let far = similarity < FAR;
    match words {
        2 if far => Some((Severity::Minor, 0.5)),
        0 => None,
        1 if alone == 1 => Some((Severity::Minor, 0.3)),
        1 => None,
        // Two words: when no content word stands in their place (a
        // paraphrase puts others there).
        2 if all_deleted => Some((Severity::Minor, 0.6)),
        2 => None,
        3 | 4 => Some((
            if all_deleted {
                Severity::Major
            } else {
                Severity::Minor
            },
            0.7,
        )),
        // Five words or more: a clause lost, or (with other words in its
        // place) rewritten, which is minor: most rewrites keep the
        // meaning.
        _ => Some((
            if all_deleted {
                Severity::Critical
            } else {
                Severity::Minor
            },
            0.85,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_texts, CheckOptions, Kind, Severity};

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
            // The first "forces" keeps a counterpart through "forced"
            // (same stem); the second only shares it, so the clause
            // around it is lost whole.
            ["Russian forces could make additional gains in Donbas"]
        );
    }

    #[test]
    fn paraphrase_and_inflection_are_not_dropped() {
        assert!(dropped(
            &["Ukraine’s tentative pivot to diplomacy is understandable, officials said."],
            &["Officials say the Ukrainian cautious pivot toward diplomatic talks is understandable."],
        )
        .is_empty());
    }

    #[test]
    fn one_word_cut_out_cleanly_is_a_minor_drop() {
        let found = check_texts(
            &["Ukraine’s tentative pivot to diplomacy is understandable."],
            &["The Ukrainian pivot toward diplomacy is understandable."],
            &CheckOptions::default(),
        )
        .findings;
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].kind, found[0].severity),
            (Kind::Dropped, Severity::Minor)
        );
        assert_eq!(found[0].expected, "tentative");
        // Replaced by another word, it is a paraphrase.
        assert!(dropped(
            &["Ukraine’s tentative pivot to diplomacy is understandable."],
            &["The Ukrainian hesitant pivot toward diplomacy is understandable."],
        )
        .is_empty());
    }
}
