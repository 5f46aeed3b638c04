//! The whole pipeline for one document pair, its stages called in order:
//! segment → analyse → align → correspond → check → summarise (ingest is
//! the caller's: it turns files into [`Document`]s). Batch runs call it
//! once per pair.
//!
//! ```
//! use backcheck::{pipeline::Pipeline, Document};
//! let orig = Document::from_bytes("a.txt", b"Officials met in Kyiv for three days. The talks ended well.").unwrap();
//! let trans = Document::from_bytes("b.txt", b"Officials met in Kiev for four days. The talks ended well.").unwrap();
//! let report = Pipeline::default().check_pair("a", &orig, &trans);
//! assert_eq!(report.findings.len(), 2);
//! assert!(report.summary.score < 100.0);
//! ```

use crate::align::{self, Alignment};
use crate::analysis::{Analyzer, PairAnalysis};
use crate::check::review::Tracked;
use crate::check::{self, CheckOptions, Finding, PairContext};
use crate::correspond::{correspond, Correspondence};
use crate::summary::{summarize, Summary};
use crate::{segment, Document, Sentence};

/// Everything known about one checked pair.
#[derive(Debug, Clone)]
pub struct PairReport {
    /// The pair id (file stem by default).
    pub pair: String,
    /// Version and settings, so a figure can be reproduced.
    pub signature: String,
    /// The original's sentences.
    pub orig: Vec<Sentence>,
    /// The translation's sentences.
    pub trans: Vec<Sentence>,
    /// How the sentences pair up.
    pub alignment: Alignment,
    /// How the words of each bead pair up.
    pub words: Correspondence,
    /// What the checkers found, in document order.
    pub findings: Vec<Finding>,
    /// Each finding's fingerprint and baseline status, in the same order.
    pub tracked: Vec<Tracked>,
    /// Counts and scores.
    pub summary: Summary,
    /// Ingestion warnings of both documents, each naming its file.
    pub warnings: Vec<String>,
}

/// The result of the stages after segmentation.
#[derive(Debug, Clone)]
pub struct Checked {
    /// How the sentences pair up.
    pub alignment: Alignment,
    /// How the words of each bead pair up.
    pub words: Correspondence,
    /// What the checkers found, in document order.
    pub findings: Vec<Finding>,
    /// Each finding's fingerprint and baseline status, in the same order.
    pub tracked: Vec<Tracked>,
    /// Counts and scores.
    pub summary: Summary,
}

/// Checks document pairs with one set of options. One pipeline can serve
/// every pair of a batch, from any number of threads: it keeps the
/// stems its analyzer has worked out (see [`crate::analysis`]), which
/// makes later pairs cheaper and never changes a result.
#[derive(Debug, Default)]
pub struct Pipeline {
    options: CheckOptions,
    analyzer: Analyzer,
}

impl Pipeline {
    /// A pipeline with these options.
    pub fn new(options: CheckOptions) -> Pipeline {
        Pipeline {
            options,
            analyzer: Analyzer::new(),
        }
    }

    /// The options it checks with.
    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// Segments, analyses, aligns and checks one pair of documents.
    pub fn check_pair(&self, pair: &str, orig: &Document, trans: &Document) -> PairReport {
        let (so, st) = (segment(orig), segment(trans));
        let mut checked = self.check_reviewed(pair, &self.analyzer.analyse(&so, &st));
        for (side, doc) in [("original", orig), ("translation", trans)] {
            if let Some(language) = doc.language {
                checked.summary.languages.insert(side, language);
            }
        }
        let warnings = orig
            .warnings
            .iter()
            .chain(&trans.warnings)
            .map(|w| w.message.clone())
            .collect();
        PairReport {
            pair: pair.to_string(),
            signature: self.options.signature(),
            orig: so,
            trans: st,
            alignment: checked.alignment,
            words: checked.words,
            findings: checked.findings,
            tracked: checked.tracked,
            summary: checked.summary,
            warnings,
        }
    }

    /// Analyses, aligns and checks two segmented documents.
    pub fn check_sentences(&self, orig: &[Sentence], trans: &[Sentence]) -> Checked {
        self.check_analysed(&self.analyzer.analyse(orig, trans))
    }

    /// Analyses, aligns and checks two lists of sentence texts (all
    /// labelled body).
    pub fn check_texts<S: AsRef<str>>(&self, orig: &[S], trans: &[S]) -> Checked {
        self.check_analysed(&self.analyzer.analyse_texts(orig, trans))
    }

    /// Analyses two segmented documents (the first stage after
    /// segmentation, for callers that want the stages one by one).
    pub fn analyse<'a>(&self, orig: &'a [Sentence], trans: &'a [Sentence]) -> PairAnalysis<'a> {
        self.analyzer.analyse(orig, trans)
    }

    /// Analyses two lists of sentence texts (all labelled body).
    pub fn analyse_texts<'a, S: AsRef<str>>(
        &self,
        orig: &'a [S],
        trans: &'a [S],
    ) -> PairAnalysis<'a> {
        self.analyzer.analyse_texts(orig, trans)
    }

    /// The stages after analysis: align, correspond, check, summarise.
    pub fn check_analysed(&self, pair: &PairAnalysis) -> Checked {
        self.check_reviewed("", pair)
    }

    /// [`Pipeline::check_analysed`] for the pair `id` (the ignore list
    /// and the baseline may name it).
    fn check_reviewed(&self, id: &str, pair: &PairAnalysis) -> Checked {
        let alignment = align::align(pair, &self.options.align);
        let correspondence = correspond(pair, &alignment, &self.options.glossary);
        let mut findings = check::check(&PairContext {
            orig: &pair.orig,
            trans: &pair.trans,
            vocabulary: &pair.vocabulary,
            beads: &alignment.beads,
            correspondence: &correspondence,
            options: &self.options,
        });
        let orig: Vec<&str> = pair.orig.iter().map(|s| s.text).collect();
        let trans: Vec<&str> = pair.trans.iter().map(|s| s.text).collect();
        let reviewed = self.options.review.apply(id, &mut findings, &orig, &trans);
        let mut summary = summarize(pair, &alignment, &correspondence, &findings);
        summary.ignored = reviewed.ignored;
        summary.hidden = reviewed.hidden;
        summary.resolved = reviewed.resolved;
        Checked {
            alignment,
            words: correspondence,
            findings,
            tracked: reviewed.tracked,
            summary,
        }
    }
}

/// Checks one pair of documents with a pipeline of its own (see
/// [`Pipeline::check_pair`]; a batch shares one pipeline instead).
pub fn check_pair(
    pair: &str,
    orig: &Document,
    trans: &Document,
    options: &CheckOptions,
) -> PairReport {
    Pipeline::new(options.clone()).check_pair(pair, orig, trans)
}

/// The default pair id of a path: its file stem.
pub fn pair_id(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
