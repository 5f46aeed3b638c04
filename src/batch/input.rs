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

/// The ids seen so far in one input, with the line each was first seen
/// on: a later pair with the same id becomes an error row naming both
/// lines, so no two pairs of a run ever share an id (`7` and `"7"` are
/// the same id).
#[derive(Default)]
struct SeenIds(std::collections::HashMap<String, usize>);

impl SeenIds {
    /// `source`, or an error naming both lines if `id` was already used.
    fn check(&mut self, name: &str, line: usize, id: &str, source: PairSource) -> PairSource {
        match self.0.entry(id.to_string()) {
            std::collections::hash_map::Entry::Occupied(first) => PairSource::Invalid(format!(
                "{name}: line {line}: duplicate id {id:?}, already used on line {}",
                first.get()
            )),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(line);
                source
            }
        }
    }
}

/// Refuses an input path that is a folder or a device: reading one would
/// fail on every line, or never end.
fn plain_input(path: &Path) -> Result<(), Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let kind = meta.file_type();
    let what = if kind.is_dir() {
        "is a folder, not a file"
    } else if is_device(&kind) {
        "is a device, not a file"
    } else {
        return Ok(());
    };
    Err(Error::input(path.display().to_string(), what))
}

#[cfg(unix)]
fn is_device(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_block_device() || kind.is_char_device() || kind.is_socket()
}

#[cfg(not(unix))]
fn is_device(_kind: &std::fs::FileType) -> bool {
    false
}

/// Pairs from a CSV manifest with the columns `id,original,translation`
/// in any order and any case (paths relative to the manifest's folder).
/// The manifest is trusted: its paths may point anywhere the user can
/// read. A later row repeating an id is an error row naming both lines; a
/// quote left open, which would swallow the rows after it, rejects the
/// whole manifest.
pub fn manifest(path: &Path) -> Result<Pairs, Error> {
    plain_input(path)?;
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
            .position(|h| h.trim_start_matches('\u{FEFF}').eq_ignore_ascii_case(name))
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
    let mut seen = SeenIds::default();
    let mut rows: Vec<(String, PairSource)> = Vec::new();
    for (n, record) in reader.into_records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(n + 2, |p| p.line() as usize);
        // A field running over a line break is a quote left open: every
        // row after it would vanish into that field.
        if let Ok(r) = &record {
            if r.iter().any(|f| f.contains(['\n', '\r'])) {
                return Err(Error::input(
                    format!("{name}: line {line}"),
                    "a quoted field is not closed on its line (it would swallow the rows after it)",
                ));
            }
        }
        let (pair, source) = match record {
            Err(e) => (
                format!("line-{line}"),
                PairSource::Invalid(format!("{name}: line {line}: {e}")),
            ),
            Ok(record) => {
                let get = |i: usize| record.get(i).unwrap_or("").to_string();
                let pair = if get(id).is_empty() {
                    format!("line-{line}")
                } else {
                    get(id)
                };
                if get(orig).is_empty() || get(trans).is_empty() {
                    let problem = format!("{name}: line {line}: a path is missing");
                    (pair, PairSource::Invalid(problem))
                } else {
                    let source = PairSource::Files {
                        original: base.join(get(orig)),
                        translation: base.join(get(trans)),
                    };
                    (pair, source)
                }
            }
        };
        let source = seen.check(&name, line, &pair, source);
        rows.push((pair, source));
    }
    // A manifest holds paths only: reading it whole gives the progress bar
    // its total.
    Ok(numbered(rows.into_iter()))
}

/// A folder's entry under one stem: a file, or why it cannot be one side
/// of a pair.
enum Entry {
    File(PathBuf),
    Bad(String),
}

/// The entries of `dir` by file stem. Hidden entries and subfolders are
/// skipped; a broken link, a FIFO, a device, or two files that share a
/// stem (`a.txt` and `a.md`) are kept as [`Entry::Bad`] with the reason.
fn files_by_stem(dir: &Path) -> Result<BTreeMap<String, Entry>, Error> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !meta.is_dir() {
        return Err(Error::input(dir.display().to_string(), "is not a folder"));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out: BTreeMap<String, Entry> = BTreeMap::new();
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        paths.push(entry.path());
    }
    // Sorted, so the message naming files that share a stem is the same
    // on every run.
    paths.sort();
    let mut by_stem: BTreeMap<String, Vec<(PathBuf, Option<String>)>> = BTreeMap::new();
    for path in paths {
        let problem = match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => continue,
            Ok(m) if m.is_file() => None,
            Ok(_) => Some("not a regular file (a FIFO or a device)".to_string()),
            Err(_) if std::fs::symlink_metadata(&path).is_ok() => {
                Some("a broken symbolic link".to_string())
            }
            Err(e) => Some(e.to_string()),
        };
        by_stem
            .entry(crate::pipeline::pair_id(&path))
            .or_default()
            .push((path, problem));
    }
    for (stem, mut files) in by_stem {
        let entry = match files.len() {
            1 => match files.remove(0) {
                (path, None) => Entry::File(path),
                (path, Some(problem)) => Entry::Bad(format!("{}: {problem}", path.display())),
            },
            _ => {
                let names: Vec<String> =
                    files.iter().map(|(p, _)| p.display().to_string()).collect();
                Entry::Bad(format!(
                    "{} share the stem {stem:?}; rename one so each pair is clear",
                    names.join(" and ")
                ))
            }
        };
        out.insert(stem, entry);
    }
    Ok(out)
}

/// Pairs from two folders, matched by file stem (sorted by stem). A file
/// with no partner, files that share a stem, a broken link, a FIFO or a
/// device is an invalid pair, not skipped; subfolders and hidden files
/// are not pairs.
pub fn pair_dirs(orig_dir: &Path, trans_dir: &Path) -> Result<Pairs, Error> {
    let orig = files_by_stem(orig_dir)?;
    let mut trans = files_by_stem(trans_dir)?;
    let mut pairs: Vec<(String, PairSource)> = Vec::new();
    for (stem, original) in orig {
        let source = match (original, trans.remove(&stem)) {
            (Entry::Bad(why), _) | (_, Some(Entry::Bad(why))) => PairSource::Invalid(why),
            (Entry::File(original), Some(Entry::File(translation))) => PairSource::Files {
                original,
                translation,
            },
            (Entry::File(original), None) => PairSource::Invalid(format!(
                "{}: no translation with this stem in {}",
                original.display(),
                trans_dir.display()
            )),
        };
        pairs.push((stem, source));
    }
    for (stem, translation) in trans {
        let problem = match translation {
            Entry::Bad(why) => why,
            Entry::File(translation) => format!(
                "{}: no original with this stem in {}",
                translation.display(),
                orig_dir.display()
            ),
        };
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
/// "<text>"}`, read one line at a time (`-` is stdin; a FIFO is read as a
/// stream; a folder or a device is refused). Blank lines are skipped; a
/// line that is not such an object (a JSON array is not) is an invalid
/// pair named by its line number, and so is a later line repeating an
/// id. A read error ends the input with an error row naming its line.
pub fn json_lines(path: &Path) -> Result<Pairs, Error> {
    let name = path.display().to_string();
    let reader: Box<dyn BufRead + Send> = if name == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        plain_input(path)?;
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Box::new(std::io::BufReader::new(file))
    };
    Ok(numbered(JsonLines {
        name,
        reader: Some(reader),
        line_no: 0,
        seen: SeenIds::default(),
    }))
}

/// The pairs of a JSON lines stream, one line at a time.
struct JsonLines {
    name: String,
    /// None once the stream has ended or failed.
    reader: Option<Box<dyn BufRead + Send>>,
    line_no: usize,
    seen: SeenIds,
}

impl Iterator for JsonLines {
    type Item = (String, PairSource);

    fn next(&mut self) -> Option<(String, PairSource)> {
        let mut bytes = Vec::new();
        loop {
            let reader = self.reader.as_mut()?;
            bytes.clear();
            self.line_no += 1;
            let line_no = self.line_no;
            let fallback = format!("line-{line_no}");
            match reader.read_until(b'\n', &mut bytes) {
                Ok(0) => {
                    self.reader = None;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    // A read error is not retried: it would recur on every
                    // call (a folder, a failing disk).
                    self.reader = None;
                    let problem = format!("{}: line {line_no}: {e}; reading stopped", self.name);
                    return Some((fallback, PairSource::Invalid(problem)));
                }
            }
            let Ok(line) = std::str::from_utf8(&bytes) else {
                let problem = format!("{}: line {line_no}: not UTF-8", self.name);
                return Some((fallback, PairSource::Invalid(problem)));
            };
            let line = line.trim_start_matches('\u{FEFF}').trim();
            if line.is_empty() {
                continue;
            }
            let (id, source) = json_pair(line).map_or_else(
                |problem| {
                    let problem = format!("{}: line {line_no}: {problem}", self.name);
                    (fallback.clone(), PairSource::Invalid(problem))
                },
                |(id, source)| (id.unwrap_or_else(|| fallback.clone()), source),
            );
            let source = self.seen.check(&self.name, line_no, &id, source);
            return Some((id, source));
        }
    }
}

/// One JSON line read as a pair: its id (if it has one) and its texts, or
/// a one-line reason.
fn json_pair(line: &str) -> Result<(Option<String>, PairSource), String> {
    // serde would read `["7", "a", "b"]` as the struct's fields in order.
    if !line.starts_with('{') {
        return Err(
            "not a JSON pair object (expected {\"id\", \"original\", \"translation\"})".into(),
        );
    }
    let item = serde_json::from_str::<JsonPair>(line).map_err(|e| match lone_surrogate(line) {
        Some(escape) => format!(
            "not a JSON pair object: {escape} is half of a UTF-16 surrogate pair, not a character"
        ),
        None => format!("not a JSON pair object: {e}"),
    })?;
    let id = match item.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok((
        id,
        PairSource::Texts {
            original: item.original,
            translation: item.translation,
        },
    ))
}

/// The first `\uXXXX` escape in `line` that is a UTF-16 surrogate without
/// its other half, as written.
fn lone_surrogate(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        let hex = line.get(at + 2..at + 6)?;
        (bytes.get(at..at + 2) == Some(b"\\u".as_slice()))
            .then(|| u16::from_str_radix(hex, 16).ok())
            .flatten()
    };
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            if let Some(u) = unit(i) {
                let high = (0xD800..0xDC00).contains(&u);
                let low = (0xDC00..0xE000).contains(&u);
                let paired = high && unit(i + 6).is_some_and(|v| (0xDC00..0xE000).contains(&v));
                if (high && !paired) || low {
                    return line.get(i..i + 6);
                }
                i += if paired { 12 } else { 6 };
                continue;
            }
            // Any other escape: skip the escaped character.
            i += 2;
            continue;
        }
        i += 1;
    }
    None
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
