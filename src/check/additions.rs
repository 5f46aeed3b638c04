//! Added and moved content: translation sentences with no counterpart
//! (0-1 beads) and sentences that repeat original content out of order
//! (moved beads). Non-article text (bios, copyright lines) is minor.

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::align::BeadKind;
use crate::Label;

pub struct AdditionChecker;

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
                        position: (b, 0),
                    }
                }
                _ => continue,
            };
            out.push(finding);
        }
    }
}
