//! Checkers: over the aligned beads of a pair, each checker produces
//! findings an editor can act on (what the original says, what the
//! translation says, why it matters).
//!
//! Every checker implements the small [`Checker`] trait and lives in its
//! own module. [`check`] runs them in a fixed order over a [`PairContext`]
//! (the pair's analysis, alignment and word correspondence) and returns
//! the findings in document order.
//!
//! ```
//! use backcheck::check::Kind;
//! use backcheck::pipeline::Pipeline;
//! let orig = ["President Zelensky met Biden in Kyiv for three hours.", "The talks went well."];
//! let trans = ["President Zelei Sky met Biden in Kyiv for five hours.", "The talks went well."];
//! let checked = Pipeline::default().check_texts(&orig, &trans);
//! let kinds: Vec<Kind> = checked.findings.iter().map(|f| f.kind).collect();
//! assert_eq!(kinds, [Kind::Name, Kind::Number]);
//! assert_eq!(checked.findings[0].found, "Zelei Sky");
//! ```

mod additions;
mod dropped;
mod gaps;
mod mistranslation;
mod names;
pub mod numbers;
mod polarity;
pub mod review;

use serde::{Deserialize, Serialize};

use crate::align::{Bead, BeadKind, Params};
use crate::analysis::{AnalysedSentence, Vocabulary};
use crate::correspond::Correspondence;

pub use crate::glossary::Glossary;

/// What a finding is about; reports name it in lower case (`name`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A proper name corrupted, shortened, spelt as a variant or lost.
    Name,
    /// A number, unit or qualifier changed, lost or added.
    Number,
    /// Content of the original with no counterpart in the translation.
    Dropped,
    /// A negation or other polarity cue lost or added.
    Polarity,
    /// A translation sentence with no counterpart in the original.
    Added,
    /// A translation sentence repeating original content out of order.
    Moved,
    /// A sentence whose meaning seems to have shifted.
    Mistranslation,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 7] = [
        Kind::Name,
        Kind::Number,
        Kind::Dropped,
        Kind::Polarity,
        Kind::Added,
        Kind::Moved,
        Kind::Mistranslation,
    ];

    /// The kind's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Number => "number",
            Kind::Dropped => "dropped",
            Kind::Polarity => "polarity",
            Kind::Added => "added",
            Kind::Moved => "moved",
            Kind::Mistranslation => "mistranslation",
        }
    }
}

/// How much a finding matters to an editor (ordered: minor < major <
/// critical); reports name it in lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; often a matter of style.
    Minor,
    /// Probably wrong; the editor should check.
    Major,
    /// Wrong in a way a reader would be misled by.
    Critical,
}

impl Severity {
    /// Worst first.
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Major, Severity::Minor];

    /// The severity's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

/// Where the text a finding is about lies: a byte range of one sentence's
/// text (0-based sentence, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// The sentence (0-based).
    pub sentence: usize,
    /// Byte offset of the first byte in the sentence text.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The span of tokens `first..=last` of a sentence, trimmed of a
    /// possessive as [`AnalysedSentence::span`] trims it.
    pub fn of_tokens(sentence: usize, view: &AnalysedSentence, first: usize, last: usize) -> Span {
        let start = view.tokens[first].start;
        Span {
            sentence,
            start,
            end: start + view.span(first, last).len(),
        }
    }

    /// The span of a whole sentence.
    pub fn whole(sentence: usize, view: &AnalysedSentence) -> Span {
        Span {
            sentence,
            start: 0,
            end: view.text.len(),
        }
    }

    /// Where `text` first occurs in one of `sentences` (those listed),
    /// if it does.
    fn find(text: &str, sentences: &[AnalysedSentence], listed: &[usize]) -> Option<Span> {
        if text.is_empty() {
            return None;
        }
        listed.iter().find_map(|&s| {
            let start = sentences.get(s)?.text.find(text)?;
            Some(Span {
                sentence: s,
                start,
                end: start + text.len(),
            })
        })
    }
}

/// One problem found in a pair. Sentence indices are 0-based here; reports
/// print them 1-based.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: Kind,
    /// How much it matters.
    pub severity: Severity,
    /// 0.0–1.0: how sure the checker is that this is a real problem.
    pub confidence: f32,
    /// The original sentences concerned (0-based).
    pub orig: Vec<usize>,
    /// The translation sentences concerned (0-based).
    pub trans: Vec<usize>,
    /// The span of the original in conflict (may be empty).
    pub expected: String,
    /// The span of the translation in conflict (may be empty).
    pub found: String,
    /// One line for the editor.
    pub message: String,
    /// Where `expected` lies in the original, when it is there.
    pub orig_span: Option<Span>,
    /// Where `found` lies in the translation, when it is there.
    pub trans_span: Option<Span>,
    /// Position for document order: bead index, then byte offset.
    #[serde(skip)]
    pub position: (usize, usize),
}

/// Everything the checkers read: both sides' sentences and words, the
/// beads, the word correspondence inside them and the options.
pub struct PairContext<'a> {
    /// The original's sentences.
    pub orig: &'a [AnalysedSentence<'a>],
    /// The translation's sentences.
    pub trans: &'a [AnalysedSentence<'a>],
    /// The words of both sides.
    pub vocabulary: &'a Vocabulary,
    /// The alignment's beads.
    pub beads: &'a [Bead],
    /// Which original words have a counterpart, per bead.
    pub correspondence: &'a Correspondence,
    /// The settings of the run.
    pub options: &'a CheckOptions,
}

impl<'a> PairContext<'a> {
    /// The original sentences a bead compares: its own, or for a moved
    /// bead the sentences it repeats.
    pub fn orig_of<'b>(&self, bead: &'b Bead) -> &'b [usize] {
        if bead.kind == BeadKind::Moved {
            &bead.repeats
        } else {
            &bead.orig
        }
    }

    /// The folded key of a token.
    pub fn key(&self, token: &crate::analysis::Token) -> &'a str {
        self.vocabulary.key(token.word)
    }
}

/// Options for a check run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The aligner's weights.
    pub align: Params,
    /// Known renderings of names.
    pub glossary: Glossary,
    /// The editor's decisions applied after the checkers (per-check
    /// settings, ignore list, baseline; see [`crate::review`]).
    pub review: crate::check::review::Review,
}

impl CheckOptions {
    /// A short, stable description of the version and every setting,
    /// printed in every report so a figure can be reproduced (as
    /// sacreBLEU's signatures are).
    pub fn signature(&self) -> String {
        let p = &self.align;
        format!(
            "backcheck {}|align:t={},merge={},double={},triple={},len={},lenvar={},lencap={},repair={},repairsim={},cross={},para={},band={},cover={},nonarticle={},moved={}|lexicon:{}|glossary:{}",
            env!("CARGO_PKG_VERSION"),
            p.threshold,
            p.merge_penalty,
            p.double_penalty,
            p.triple_penalty,
            p.length_weight,
            p.length_variance,
            p.length_cap,
            p.repair_fit,
            p.repair_similarity,
            p.cross_ratio,
            p.paragraph_penalty,
            p.band,
            p.member_coverage,
            p.non_article_threshold,
            p.moved_containment,
            crate::lexicon::VERSION,
            self.glossary.fingerprint()
        ) + &match self.review.signature() {
            r if r.is_empty() => r,
            r => format!("|{r}"),
        }
    }
}

/// A checker: reads a pair, appends findings. Checkers run in a fixed
/// order and may read the findings of those before them (`out`).
pub trait Checker: Sync {
    /// A short name for the checker.
    fn name(&self) -> &'static str;
    /// Appends the checker's findings for the pair to `out`.
    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>);
}

/// The checkers, in the order they run.
pub fn checkers() -> Vec<Box<dyn Checker>> {
    vec![
        Box::new(additions::AdditionChecker),
        Box::new(names::NameChecker),
        Box::new(numbers::NumberChecker),
        Box::new(dropped::DroppedChecker),
        Box::new(polarity::PolarityChecker),
        Box::new(mistranslation::MistranslationChecker),
    ]
}

/// Runs every checker and returns the findings in document order.
pub fn check(pair: &PairContext) -> Vec<Finding> {
    let mut findings = Vec::new();
    for checker in checkers() {
        checker.check(pair, &mut findings);
    }
    // A checker that does not say where its texts lie: the first place
    // they occur in the finding's sentences.
    for f in &mut findings {
        if f.orig_span.is_none() {
            f.orig_span = Span::find(&f.expected, pair.orig, &f.orig);
        }
        if f.trans_span.is_none() {
            f.trans_span = Span::find(&f.found, pair.trans, &f.trans);
        }
    }
    findings.sort_by(|a, b| {
        a.position
            .cmp(&b.position)
            .then(a.kind.cmp(&b.kind))
            .then(a.expected.cmp(&b.expected))
            .then(a.found.cmp(&b.found))
    });
    findings
}

/// The findings of two lists of sentence texts, through the stages
/// before this one, for the checkers' unit tests.
#[cfg(test)]
pub(crate) struct Checked {
    pub findings: Vec<Finding>,
}

#[cfg(test)]
pub(crate) fn check_texts<S: AsRef<str>>(
    orig: &[S],
    trans: &[S],
    options: &CheckOptions,
) -> Checked {
    let pair = crate::analysis::Analyzer::new().analyse_texts(orig, trans);
    let alignment = crate::align::align(&pair, &options.align);
    let correspondence = crate::correspond::correspond(&pair, &alignment, &options.glossary);
    let findings = check(&PairContext {
        orig: &pair.orig,
        trans: &pair.trans,
        vocabulary: &pair.vocabulary,
        beads: &alignment.beads,
        correspondence: &correspondence,
        options,
    });
    Checked { findings }
}
