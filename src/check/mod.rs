//! Checkers: over the aligned beads of a pair, each checker produces
//! findings an editor can act on (what the original says, what the
//! translation says, why it matters).
//!
//! Every checker implements the small [`Checker`] trait and lives in its
//! own module. [`check`] runs them in a fixed order over a [`PairContext`]
//! and returns the findings in document order.
//!
//! ```
//! use backcheck::check::{check_texts, CheckOptions, Kind};
//! let orig = ["President Zelensky met Biden in Kyiv for three hours.", "The talks went well."];
//! let trans = ["President Zelei Sky met Biden in Kyiv for five hours.", "The talks went well."];
//! let checked = check_texts(&orig, &trans, &CheckOptions::default());
//! let kinds: Vec<Kind> = checked.findings.iter().map(|f| f.kind).collect();
//! assert_eq!(kinds, [Kind::Name, Kind::Number]);
//! assert_eq!(checked.findings[0].found, "Zelei Sky");
//! ```

mod additions;
mod dropped;
pub mod glossary;
pub mod matching;
mod mistranslation;
mod names;
pub mod numbers;
mod polarity;
pub mod summary;
mod word_class;

use serde::Serialize;

use crate::align::{self, Alignment, Bead, BeadKind, Params};
use crate::text::{tokenize, Token};
use crate::{Label, Sentence};

pub use glossary::Glossary;
pub use summary::{summarize, Summary};

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Name,
    Number,
    Dropped,
    Polarity,
    Added,
    Moved,
    Mistranslation,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Name,
        Kind::Number,
        Kind::Dropped,
        Kind::Polarity,
        Kind::Added,
        Kind::Moved,
        Kind::Mistranslation,
    ];

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

/// How much a finding matters to an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    /// Worst first.
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Major, Severity::Minor];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One problem found in a pair. Sentence indices are 0-based here; reports
/// print them 1-based.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    /// 0.0–1.0: how sure the checker is that this is a real problem.
    pub confidence: f32,
    pub orig: Vec<usize>,
    pub trans: Vec<usize>,
    /// The span of the original in conflict (may be empty).
    pub expected: String,
    /// The span of the translation in conflict (may be empty).
    pub found: String,
    pub message: String,
    /// Position for document order: bead index, then byte offset.
    #[serde(skip)]
    pub position: (usize, usize),
}

/// One sentence as the checkers see it.
#[derive(Debug, Clone)]
pub struct SentenceView<'a> {
    pub text: &'a str,
    pub label: Label,
    pub tokens: Vec<Token>,
}

impl<'a> SentenceView<'a> {
    pub fn new(text: &'a str, label: Label) -> SentenceView<'a> {
        SentenceView {
            text,
            label,
            tokens: tokenize(text),
        }
    }

    /// The surface text of token `k`.
    pub fn surface(&self, k: usize) -> &'a str {
        let t = &self.tokens[k];
        &self.text[t.start..t.end]
    }

    /// The surface text of tokens `from..=to`, trimmed of a possessive.
    pub fn span(&self, from: usize, to: usize) -> &'a str {
        let text = &self.text[self.tokens[from].start..self.tokens[to].end];
        text.strip_suffix("'s")
            .or_else(|| text.strip_suffix("’s"))
            .unwrap_or(text)
    }
}

/// Everything the checkers read: both sides' sentences, the beads and the
/// options.
pub struct PairContext<'a> {
    pub orig: Vec<SentenceView<'a>>,
    pub trans: Vec<SentenceView<'a>>,
    pub beads: &'a [Bead],
    pub options: &'a CheckOptions,
    /// Which original words have a counterpart, per bead: computed once,
    /// read by the dropped checker and the coverage figure.
    content_matches: std::sync::OnceLock<Vec<dropped::BeadMatches>>,
}

impl<'a> PairContext<'a> {
    pub fn new(
        orig: Vec<SentenceView<'a>>,
        trans: Vec<SentenceView<'a>>,
        beads: &'a [Bead],
        options: &'a CheckOptions,
    ) -> PairContext<'a> {
        PairContext {
            orig,
            trans,
            beads,
            options,
            content_matches: std::sync::OnceLock::new(),
        }
    }

    /// The original sentences a bead compares: its own, or for a moved
    /// bead the sentences it repeats.
    pub fn orig_of<'b>(&self, bead: &'b Bead) -> &'b [usize] {
        if bead.kind == BeadKind::Moved {
            &bead.repeats
        } else {
            &bead.orig
        }
    }
}

/// Options for a check run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub align: Params,
    pub glossary: Glossary,
}

impl CheckOptions {
    /// A short, stable description of the settings, printed in every
    /// report so a figure can be reproduced.
    pub fn signature(&self) -> String {
        let p = &self.align;
        format!(
            "backcheck {}|align:t={},merge={},band={},moved={}|glossary:{}",
            env!("CARGO_PKG_VERSION"),
            p.threshold,
            p.merge_penalty,
            p.band,
            p.moved_containment,
            self.glossary.fingerprint()
        )
    }
}

/// A checker: reads a pair, appends findings. Checkers run in a fixed
/// order and may read the findings of those before them (`out`).
pub trait Checker: Sync {
    fn name(&self) -> &'static str;
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
    findings.sort_by(|a, b| {
        a.position
            .cmp(&b.position)
            .then(a.kind.cmp(&b.kind))
            .then(a.expected.cmp(&b.expected))
            .then(a.found.cmp(&b.found))
    });
    findings
}

/// A checked pair: alignment, findings and summary.
#[derive(Debug, Clone)]
pub struct Checked {
    pub alignment: Alignment,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

/// Aligns and checks a pair through one context: the views are
/// tokenised once, for the aligner, the checkers and the summary.
fn checked(orig: Vec<SentenceView>, trans: Vec<SentenceView>, options: &CheckOptions) -> Checked {
    let alignment = align::align_tokenized(&tokenized(&orig), &tokenized(&trans), &options.align);
    let context = PairContext::new(orig, trans, &alignment.beads, options);
    let findings = check(&context);
    let summary = summarize(&context, &findings);
    drop(context);
    Checked {
        alignment,
        findings,
        summary,
    }
}

/// Aligns and checks two segmented documents.
pub fn check_sentences(orig: &[Sentence], trans: &[Sentence], options: &CheckOptions) -> Checked {
    checked(sentence_views(orig), sentence_views(trans), options)
}

/// The aligner's view of checker views (see [`align::align_tokenized`]).
pub fn tokenized<'v>(views: &'v [SentenceView<'_>]) -> Vec<align::TokenizedSentence<'v>> {
    views
        .iter()
        .map(|v| align::TokenizedSentence {
            tokens: &v.tokens,
            len: v.text.len(),
            label: v.label,
        })
        .collect()
}

/// Checker views of segmented sentences.
pub fn sentence_views(sentences: &[Sentence]) -> Vec<SentenceView<'_>> {
    sentences
        .iter()
        .map(|s| SentenceView::new(&s.text, s.label))
        .collect()
}

/// Checker views of plain texts, all labelled body.
pub fn text_views<S: AsRef<str>>(texts: &[S]) -> Vec<SentenceView<'_>> {
    texts
        .iter()
        .map(|s| SentenceView::new(s.as_ref(), Label::Body))
        .collect()
}

/// Aligns and checks two lists of sentence texts (all labelled body).
pub fn check_texts<S: AsRef<str>>(orig: &[S], trans: &[S], options: &CheckOptions) -> Checked {
    checked(text_views(orig), text_views(trans), options)
}
