//! backcheck: check a translation against its original, article by
//! article, through an English back-translation.
//!
//! The pipeline, one module per stage:
//! [`ingest`] (decode, normalise, label page chrome and tails) →
//! [`segment`] (sentences with spans) → [`align`] (sentence beads) →
//! [`check`] (findings) → [`report`] (CSV, JSON, summaries).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod ingest;
pub mod segment;
// Public items still undocumented (issue 23): drop the allow once documented.
#[allow(missing_docs)]
pub mod text;

pub use error::Error;
pub use ingest::{Document, IngestError, Label, Warning};
pub use segment::{segment, Sentence};
// Public items still undocumented (issue 23): drop the allow once documented.
#[allow(missing_docs)]
pub mod align;
pub mod batch;
// Public items still undocumented (issue 23): drop the allow once documented.
#[allow(missing_docs)]
pub mod check;
pub mod error;
#[cfg(feature = "dev-tools")]
pub mod eval;
#[cfg(feature = "dev-tools")]
pub mod gold;
pub mod lexicon;
// Public items still undocumented (issue 23): drop the allow once documented.
#[allow(missing_docs)]
pub mod pipeline;
pub mod report;
#[cfg(feature = "dev-tools")]
pub mod synth;
