//! Where batch pairs come from: a CSV manifest, two folders paired by file
//! stem, or JSON lines (a file or stdin, read as a stream).
//!
//! Every source yields [`PairInput`]s in a deterministic order. A pair
//! that cannot even be formed (a manifest row without a path, a file with
//! no partner, a JSON line that is not JSON) is yielded as
//! [`PairSource::Invalid`] with a one-line reason, so it becomes an error
//! row instead of vanishing.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

/// One pair to check.
#[derive(Debug, Clone, PartialEq)]
pub struct PairInput {
    /// Position in the input, from 0: the order of every output.
    pub index: usize,
    /// The pair id in the reports.
    pub id: String,
    /// Where its two texts come from.
    pub source: PairSource,
}

/// Where a pair's two texts come from.
#[derive(Debug, Clone, PartialEq)]
pub enum PairSource {
    /// Two files.
    Files {
        /// The original's path.
        original: PathBuf,
        /// The translation's path.
        translation: PathBuf,
    },
    /// Two texts in memory (a JSON line).
    Texts {
        /// The original.
        original: String,
        /// The translation.
        translation: String,
    },
    /// A pair that could not be formed, with a one-line reason: it becomes
    /// an error row.
    Invalid(String),
}

/// A stream of pairs.
pub type Pairs = Box<dyn Iterator<Item = PairInput> + Send>;

fn numbered(iter: impl Iterator<Item = (String, PairSource)> + Send + 'static) -> Pairs {
    Box::new(
        iter.enumerate()
            .map(|(index, (id, source))| PairInput { index, id, source }),
    )
}

/// Pairs from a CSV manifest with the columns `id,original,translation`
/// (paths relative to the manifest's folder).
pub fn manifest(path: &Path) -> Result<Pairs, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(std::io::BufReader::new(file));
    let headers = reader.headers().map_err(|e| Error::csv(path, e))?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{FEFF}') == name)
    };
    let (Some(id), Some(orig), Some(trans)) =
        (column("id"), column("original"), column("translation"))
    else {
        return Err(Error::input(
            path.display().to_string(),
            "the header must name the columns id, original and translation",
        ));
    };
    let name = path.display().to_string();
    let rows = reader.into_records().enumerate().map(move |(n, record)| {
        let line = n + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                return (
                    format!("line-{line}"),
                    PairSource::Invalid(format!("{name}: line {line}: {e}")),
                )
            }
        };
        let get = |i: usize| record.get(i).unwrap_or("").to_string();
        let pair = if get(id).is_empty() {
            format!("line-{line}")
        } else {
            get(id)
        };
        if get(orig).is_empty() || get(trans).is_empty() {
            let problem = format!("{name}: line {line}: a path is missing");
            return (pair, PairSource::Invalid(problem));
        }
        let source = PairSource::Files {
            original: base.join(get(orig)),
            translation: base.join(get(trans)),
        };
        (pair, source)
    });
    // A manifest holds paths only: reading it whole gives the progress bar
    // its total.
    let rows: Vec<(String, PairSource)> = rows.collect();
    Ok(numbered(rows.into_iter()))
}

fn files_by_stem(dir: &Path) -> Result<BTreeMap<String, PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = BTreeMap::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if path.is_file() && !hidden {
            out.insert(crate::pipeline::pair_id(&path), path);
        }
    }
    Ok(out)
}

/// Pairs from two folders, matched by file stem (sorted by stem). A file
/// with no partner is an invalid pair, not skipped.
pub fn pair_dirs(orig_dir: &Path, trans_dir: &Path) -> Result<Pairs, Error> {
    let orig = files_by_stem(orig_dir)?;
    let mut trans = files_by_stem(trans_dir)?;
    let mut pairs: Vec<(String, PairSource)> = Vec::new();
    for (stem, original) in orig {
        let source = match trans.remove(&stem) {
            Some(translation) => PairSource::Files {
                original,
                translation,
            },
            None => PairSource::Invalid(format!(
                "{}: no translation with this stem in {}",
                original.display(),
                trans_dir.display()
            )),
        };
        pairs.push((stem, source));
    }
    for (stem, translation) in trans {
        let problem = format!(
            "{}: no original with this stem in {}",
            translation.display(),
            orig_dir.display()
        );
        pairs.push((stem, PairSource::Invalid(problem)));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(numbered(pairs.into_iter()))
}

#[derive(Deserialize)]
struct JsonPair {
    id: Option<serde_json::Value>,
    original: String,
    translation: String,
}

/// Pairs from JSON lines, `{"id": …, "original": "<text>", "translation":
/// "<text>"}`, read one line at a time (`-` is stdin). Blank lines are
/// skipped; a line that is not such an object is an invalid pair named
/// by its line number.
pub fn json_lines(path: &Path) -> Result<Pairs, Error> {
    let name = path.display().to_string();
    let reader: Box<dyn BufRead + Send> = if name == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Box::new(std::io::BufReader::new(file))
    };
    let lines = reader.lines().enumerate().filter_map(move |(n, line)| {
        let line_no = n + 1;
        let fallback = format!("line-{line_no}");
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                let problem = format!("{name}: line {line_no}: {e}");
                return Some((fallback, PairSource::Invalid(problem)));
            }
        };
        if line.trim().is_empty() {
            return None;
        }
        let item = match serde_json::from_str::<JsonPair>(line.trim_start_matches('\u{FEFF}')) {
            Ok(p) => p,
            Err(e) => {
                let problem = format!("{name}: line {line_no}: not a JSON pair object: {e}");
                return Some((fallback, PairSource::Invalid(problem)));
            }
        };
        let id = match item.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => fallback,
        };
        Some((
            id,
            PairSource::Texts {
                original: item.original,
                translation: item.translation,
            },
        ))
    });
    Ok(numbered(lines))
}

/// `--shard K/N`: keep the pairs whose input position is K-1 modulo N.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shard {
    /// Which share, from 1.
    pub k: usize,
    /// How many shares.
    pub n: usize,
}

impl std::str::FromStr for Shard {
    type Err = Error;
    fn from_str(s: &str) -> Result<Shard, Error> {
        let bad = |problem: &str| Error::input(format!("shard {s:?}"), problem);
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| bad("expected K/N, e.g. 1/4"))?;
        let (k, n): (usize, usize) = (
            k.trim().parse().map_err(|_| bad("K is not a number"))?,
            n.trim().parse().map_err(|_| bad("N is not a number"))?,
        );
        if n == 0 || k == 0 || k > n {
            return Err(bad("need 1 <= K <= N"));
        }
        Ok(Shard { k, n })
    }
}

impl Shard {
    /// Whether this shard takes the pair at input position `index`.
    pub fn takes(&self, index: usize) -> bool {
        index % self.n == self.k - 1
    }
}
