//! backcheck: check a translation against its original, article by
//! article, through an English back-translation.
//!
//! The pipeline, one module per stage, called in this order:
//! [`ingest`] (decode, normalise, label page chrome and tails) →
//! [`segment`](mod@segment) (sentences with spans) → [`analysis`] (tokens and the
//! pair's vocabulary) → [`align`] (sentence beads) → [`correspond`] (word
//! correspondence inside beads) →
//! [`check`] (findings) → [`summary`] (counts and scores) → [`report`]
//! (CSV, JSON, HTML). [`pipeline`] runs them for one pair, [`batch`] for
//! many.
//!
//! ```
//! use backcheck::{pipeline::Pipeline, Document};
//! let orig = Document::from_bytes("a.txt", b"President Zelensky visited Kursk for three days.").unwrap();
//! let trans = Document::from_bytes("b.txt", b"President Zelei Sky visited Kurusk for four days.").unwrap();
//! let report = Pipeline::default().check_pair("a", &orig, &trans);
//! for f in &report.findings {
//!     println!("{} {}: {} → {}", f.severity.as_str(), f.kind.as_str(), f.expected, f.found);
//! }
//! assert_eq!(report.findings.len(), 3);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod align;
pub mod analysis;
pub mod batch;
pub mod check;
pub mod config;
pub mod correspond;
pub mod error;
#[cfg(feature = "dev-tools")]
pub mod eval;
pub mod glossary;
#[cfg(feature = "dev-tools")]
pub mod gold;
pub mod ingest;
pub mod lexicon;
pub mod pipeline;
pub mod report;
pub use check::review;
pub mod segment;
pub mod summary;
#[cfg(feature = "dev-tools")]
pub mod synth;
pub mod text;

pub use error::Error;
pub use ingest::{Document, IngestError, Label, Warning};
pub use pipeline::{PairReport, Pipeline};
pub use segment::{segment, Sentence};
