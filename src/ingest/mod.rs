//! Ingestion: file bytes to a labelled, normalised document.
//!
//! ```
//! let doc = backcheck::ingest::Document::from_bytes("note.txt", b"Hello there.\nAll rights reserved.")
//!     .expect("text");
//! assert_eq!(doc.paragraphs.len(), 2);
//! assert_eq!(doc.paragraphs[1].label, backcheck::Label::Tail);
//! ```

mod decode;
mod formats;
mod layout;

pub use decode::{decode, DecodeError, Decoded, OffsetMap};
pub(crate) use layout::ends_terminal;
pub use layout::{Label, MetaField, Paragraph};

use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

use crate::text::tokenize;

/// Something a user should know about a document that did not stop it
/// from being checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// A stable machine-readable code, e.g. `invalid-utf8`.
    pub code: &'static str,
    /// One line for the user, naming the file.
    pub message: String,
}

/// A document that could not be read, with the file it came from.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {problem}")]
pub struct IngestError {
    /// The file (or the id the text was given).
    pub name: String,
    /// What is wrong with it.
    pub problem: String,
}

/// A decoded, normalised and labelled document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path or id the document was read from.
    pub name: String,
    /// NFC text; all spans below index into it.
    pub text: String,
    /// Maps text positions back to byte offsets in the source file.
    pub offsets: OffsetMap,
    /// The paragraphs in order, each labelled.
    pub paragraphs: Vec<Paragraph>,
    /// Header fields (dates, URLs, tagged fields): never aligned.
    pub metadata: Vec<MetaField>,
    /// What the reader should know about the file.
    pub warnings: Vec<Warning>,
    /// The language its body text seems to be in (English name, e.g.
    /// "English", "French"), when that can be told.
    pub language: Option<&'static str>,
}

impl Document {
    /// Reads and ingests a file.
    pub fn from_path(path: &Path) -> Result<Document, IngestError> {
        Document::from_bytes(&path.display().to_string(), &read_file(path)?)
    }

    /// Ingests bytes already in memory; `name` is used in messages and
    /// its extension tells the format: `.html`/`.htm` pages and `.docx`
    /// files have their text taken out; UTF-16 with a byte-order mark is
    /// decoded; anything else is read as UTF-8 text.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Document, IngestError> {
        let bytes = formats::to_text(name, bytes).map_err(|problem| IngestError {
            name: name.to_string(),
            problem,
        })?;
        let decoded = decode(&bytes).map_err(|err| IngestError {
            name: name.to_string(),
            problem: err.to_string(),
        })?;
        let mut warnings = Vec::new();
        if let Some(encoding) = decoded.encoding {
            warnings.push(Warning {
                code: "utf-16",
                message: format!(
                    "{name}: decoded as {encoding} (byte order mark); offsets are bytes of that file"
                ),
            });
        }
        if let Some((first, count)) = decoded.invalid_utf8 {
            let what = match decoded.encoding {
                Some(encoding) => format!("invalid {encoding}"),
                None => "invalid UTF-8".to_string(),
            };
            warnings.push(Warning {
                code: "invalid-utf8",
                message: format!(
                    "{name}: {what} at byte {first} ({count} bad sequence{}), replaced with U+FFFD",
                    if count == 1 { "" } else { "s" }
                ),
            });
        }
        let layout = layout::analyse(&decoded.text);
        if !layout.paragraphs.iter().any(|p| p.label == Label::Body) {
            warnings.push(Warning {
                code: "no-body",
                message: format!("{name}: no article body found"),
            });
        }
        if lost_punctuation(&decoded.text) {
            warnings.push(Warning {
                code: "lost-punctuation",
                message: format!(
                    "{name}: the text seems to have lost its non-ASCII punctuation (apostrophes, dashes); possessives and joined words may be garbled"
                ),
            });
        }
        let language = language(&decoded.text, &layout.paragraphs);
        if let Some(lang) = language.filter(|l| *l != "English") {
            warnings.push(Warning {
                code: "not-english",
                message: format!(
                    "{name}: the text seems to be in {lang}, not English; backcheck compares an English original with an English back-translation"
                ),
            });
        }
        Ok(Document {
            name: name.to_string(),
            text: decoded.text,
            offsets: decoded.offsets,
            paragraphs: layout.paragraphs,
            metadata: layout.metadata,
            warnings,
            language,
        })
    }
}

/// The bytes of a file to check. A folder or a device is refused before
/// it is read (reading `/dev/zero` would never end); a FIFO is read, as
/// `<(command)` gives one.
pub fn read_file(path: &Path) -> Result<Vec<u8>, IngestError> {
    let name = path.display().to_string();
    let refuse = |problem: &str| IngestError {
        name: name.clone(),
        problem: problem.to_string(),
    };
    let io = |err: std::io::Error| IngestError {
        name: name.clone(),
        problem: io_problem(&err),
    };
    let kind = std::fs::metadata(path).map_err(io)?.file_type();
    if kind.is_dir() {
        return Err(refuse("is a folder, not a file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_block_device() || kind.is_char_device() || kind.is_socket() {
            return Err(refuse("is a device, not a file"));
        }
    }
    std::fs::read(path).map_err(io)
}

/// The language of a document's body text (its first 1,000 bytes or so),
/// when `whatlang` is sure of it. Text in Latin script is compared with
/// the languages an English back-translation is mistaken for (a sixth of
/// the cost of all Latin-script languages); another script with all of
/// its languages.
fn language(text: &str, paragraphs: &[Paragraph]) -> Option<&'static str> {
    use whatlang::{Detector, Lang, Script};
    static LATIN: std::sync::OnceLock<Detector> = std::sync::OnceLock::new();
    let mut sample = String::new();
    for p in paragraphs.iter().filter(|p| p.label == Label::Body) {
        if let Some(t) = text.get(p.start..p.end) {
            sample.push_str(t);
            sample.push('\n');
        }
        if sample.len() > 1000 {
            break;
        }
    }
    // A paragraph may be a whole article: the first 200 words will do.
    let words: Vec<&str> = sample.split_whitespace().take(200).collect();
    if words.len() < 8 {
        return None;
    }
    // English text is a quarter or more function words ("the", "of",
    // "and", …): such a sample is English without asking the detector,
    // which costs more than checking the pair.
    let function_words = words
        .iter()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_ascii() && crate::lexicon::is_stopword(&w.to_ascii_lowercase())
        })
        .count();
    if function_words * 4 >= words.len() {
        return Some(whatlang::Lang::Eng.eng_name());
    }
    let mut end = sample.len().min(2000);
    while !sample.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &sample[..end];
    let info = if whatlang::detect_script(sample)? == Script::Latin {
        LATIN
            .get_or_init(|| {
                Detector::with_allowlist(vec![
                    Lang::Eng,
                    Lang::Fra,
                    Lang::Deu,
                    Lang::Spa,
                    Lang::Ita,
                    Lang::Por,
                    Lang::Nld,
                    Lang::Pol,
                    Lang::Swe,
                    Lang::Tur,
                ])
            })
            .detect(sample)?
    } else {
        whatlang::detect(sample)?
    };
    info.is_reliable().then(|| info.lang().eng_name())
}

fn io_problem(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

const APOSTROPHE_LESS: &[&str] = &[
    "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wouldnt",
    "shouldnt", "wont", "youre", "theyre", "weve", "theyve", "ive", "hasnt", "havent",
];

/// Detects an export that dropped apostrophes and dashes: no apostrophe at
/// all, yet possessives written as plain plurals of names seen elsewhere
/// ("Ukraines" beside "Ukraine") or contractions without apostrophes.
fn lost_punctuation(text: &str) -> bool {
    if text.contains(['\'', '’', '‘']) {
        return false;
    }
    let tokens = tokenize(text);
    let capitalized: HashSet<&str> = tokens
        .iter()
        .filter(|t| t.capitalized)
        .map(|t| &text[t.start..t.end])
        .collect();
    let possessive_like = capitalized
        .iter()
        .filter(|w| {
            w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && capitalized.contains(&w[..w.len() - 1])
        })
        .count();
    let contractions = tokens
        .iter()
        .filter(|t| APOSTROPHE_LESS.contains(&t.key.as_str()))
        .count();
    possessive_like >= 2 || contractions >= 2 || (possessive_like + contractions >= 2)
}
