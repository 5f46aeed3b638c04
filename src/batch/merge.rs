//! `backcheck merge`: the JSON lines of many workers (`batch --out -`
//! under GNU parallel, Spark or Hadoop Streaming), in any order, made
//! into the four reports one `batch` writes: findings.csv, summary.csv,
//! findings.jsonl and report.html, through the same writers.
//!
//! The pairs are ordered by their position in the batch input when it is
//! given (`--order`), else by pair id, digits compared as numbers
//! (`synth-2` before `synth-10`). Every line is read and checked before
//! anything is written: a line that is not a batch result, a pair that
//! comes back twice, or (with the input given) a pair of the input that
//! did not come back or one that is not in it, stops the merge with a
//! one-line message naming the file. Memory holds the pair ids and where
//! their lines lie, not the lines: each line is read again from its file
//! when its turn comes.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::output::{Lock, Reports};
use super::BatchOutcome;
use crate::report::{CsvStyle, FindingRow, PairRecord, Status, SummaryRow};
use crate::Error;

/// Settings of a merge.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// The output folder.
    pub out: PathBuf,
    /// The batch input (JSON lines): write the pairs in its order and
    /// require each of its pairs exactly once.
    pub order: Option<PathBuf>,
    /// How the CSVs are written.
    pub csv: CsvStyle,
    /// The settings the workers ran with, for report.html
    /// (`CheckOptions::signature`).
    pub signature: String,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeOutcome {
    /// The pairs written, their errors and findings.
    pub batch: BatchOutcome,
    /// Files read (a folder counts its part files).
    pub files: usize,
    /// Pairs whose line carried no report.html section (the worker ran
    /// without `--sections`): their section only lists the findings.
    pub without_section: usize,
}

/// One line of `batch --out -`.
#[derive(Debug, Deserialize)]
struct ResultLine {
    pair: String,
    summary: SummaryRow,
    findings: Vec<FindingRow>,
    #[serde(default)]
    section: Option<String>,
}

/// Where a pair's line lies.
#[derive(Debug)]
struct Entry {
    pair: String,
    /// Its position in `--order`, if given.
    position: usize,
    file: usize,
    line: usize,
    offset: u64,
    len: usize,
}

/// The name of the copy of standard input (`-`) kept while merging.
const STDIN_COPY: &str = ".backcheck-merge-stdin.partial";

/// The files to read: each path, or for a folder its files other than
/// hidden ones and those starting with `_` (Spark's and Hadoop's
/// `part-00000`, … but not `_SUCCESS` or `.part-00000.crc`), by name.
fn part_files(parts: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for part in parts {
        if part.as_os_str() == "-" || !part.is_dir() {
            files.push(part.clone());
            continue;
        }
        let mut inside = Vec::new();
        for entry in std::fs::read_dir(part).map_err(|e| Error::io(part, e))? {
            let entry = entry.map_err(|e| Error::io(part, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(['.', '_']) && entry.path().is_file() {
                inside.push(entry.path());
            }
        }
        if inside.is_empty() {
            return Err(Error::input(
                part.display().to_string(),
                "the folder holds no part files",
            ));
        }
        inside.sort();
        files.extend(inside);
    }
    Ok(files)
}

/// Compares pair ids with runs of digits compared as numbers
/// (`synth-2` < `synth-10`), then as bytes, so the order is total.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let digits = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
                let (n, m) = (digits(x), digits(y));
                let strip = |s: &[u8]| {
                    let zeros = s.iter().take_while(|&&c| c == b'0').count();
                    s[zeros..].to_vec()
                };
                let (p, q) = (strip(&x[..n]), strip(&y[..m]));
                let order = p.len().cmp(&q.len()).then_with(|| p.cmp(&q));
                if order != Ordering::Equal {
                    return order;
                }
                x = &x[n..];
                y = &y[m..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

/// The pair ids of a batch input in its order, named as `batch --jsonl`
/// names them, with each id's position.
fn input_order(path: &Path) -> Result<HashMap<String, usize>, Error> {
    let mut order = HashMap::new();
    for pair in super::input::json_lines(path)? {
        if order.insert(pair.id.clone(), pair.index).is_some() {
            return Err(Error::input(
                path.display().to_string(),
                format!(
                    "pair {:?} occurs more than once; merging needs unique ids",
                    pair.id
                ),
            ));
        }
    }
    Ok(order)
}

/// Reads and checks one result line.
fn parse(bytes: &[u8], place: impl Fn() -> String) -> Result<ResultLine, Error> {
    let line: ResultLine = serde_json::from_slice(bytes).map_err(|e| {
        Error::input(
            place(),
            format!("not a result line of `batch --out -`: {e}"),
        )
    })?;
    if line.summary.pair != line.pair {
        return Err(Error::input(
            place(),
            format!(
                "pair {:?} has the summary of pair {:?}",
                line.pair, line.summary.pair
            ),
        ));
    }
    if let Some(f) = line.findings.iter().find(|f| f.pair != line.pair) {
        return Err(Error::input(
            place(),
            format!("pair {:?} holds a finding of pair {:?}", line.pair, f.pair),
        ));
    }
    let counted = line.summary.findings.unwrap_or(0);
    if counted != line.findings.len() {
        return Err(Error::input(
            place(),
            format!(
                "pair {:?}: the summary counts {counted} findings, the line holds {}",
                line.pair,
                line.findings.len()
            ),
        ));
    }
    Ok(line)
}

/// Standard input copied to `path`, so that its lines can be read again.
fn copy_stdin(path: &Path) -> Result<(), Error> {
    let mut file = File::create(path).map_err(|e| Error::io(path, e))?;
    std::io::copy(&mut std::io::stdin().lock(), &mut file)
        .map_err(|e| Error::io(Path::new("-"), e))?;
    file.flush().map_err(|e| Error::io(path, e))
}

/// Merges the result lines of `parts` (files, folders of part files, or
/// `-` for standard input) into the four reports of a batch in
/// `options.out`. `report_error` is called with a one-line message for
/// every pair that had failed.
pub fn merge(
    parts: &[PathBuf],
    options: &MergeOptions,
    report_error: &dyn Fn(&str),
) -> Result<MergeOutcome, Error> {
    let dir = &options.out;
    let mut files = part_files(parts)?;
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(Error::input("-", "standard input can be read only once"));
    }
    let order = options.order.as_deref().map(input_order).transpose()?;
    let created = !dir.exists();
    // The folder is locked as a batch run locks it (made if need be): a
    // merge never writes into a folder a run or another merge is writing.
    let lock = Lock::take(dir)?;
    let stdin_copy = dir.join(STDIN_COPY);
    // The names in messages: `-` stays `-`.
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let run = || {
        if let Some(slot) = files.iter_mut().find(|f| f.as_os_str() == "-") {
            copy_stdin(&stdin_copy)?;
            *slot = stdin_copy.clone();
        }
        // A run whose commit a crash interrupted is committed first.
        super::output::recover(dir)?;
        merge_files(&files, &names, order, options, report_error)
    };
    let result = run();
    if stdin_copy.exists() {
        std::fs::remove_file(&stdin_copy).map_err(|e| Error::io(&stdin_copy, e))?;
    }
    if result.is_err() && created {
        // Nothing was written: the folder this merge made goes too, its
        // lock file with it (only if then empty, so never anything else).
        drop(lock);
        let _ = std::fs::remove_file(dir.join(super::output::LOCK_FILE));
        let _ = std::fs::remove_dir(dir);
    }
    result
}

fn merge_files(
    files: &[PathBuf],
    names: &[String],
    order: Option<HashMap<String, usize>>,
    options: &MergeOptions,
    report_error: &dyn Fn(&str),
) -> Result<MergeOutcome, Error> {
    // Pass 1: every line read and checked, where it lies remembered.
    let mut entries: Vec<Entry> = Vec::new();
    for (file, path) in files.iter().enumerate() {
        let name = &names[file];
        let mut reader = BufReader::new(File::open(path).map_err(|e| Error::io(path, e))?);
        let (mut offset, mut line) = (0u64, 0usize);
        let mut bytes = Vec::new();
        loop {
            bytes.clear();
            let n = reader
                .read_until(b'\n', &mut bytes)
                .map_err(|e| Error::io(path, e))?;
            if n == 0 {
                break;
            }
            line += 1;
            let at = offset;
            offset += n as u64;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let place = || format!("{name}: line {line}");
            let result = parse(&bytes, place)?;
            let position = match (&order, &options.order) {
                (Some(order), Some(input)) => *order.get(&result.pair).ok_or_else(|| {
                    Error::input(
                        place(),
                        format!(
                            "pair {:?} is not in the input {}",
                            result.pair,
                            input.display()
                        ),
                    )
                })?,
                _ => 0,
            };
            entries.push(Entry {
                pair: result.pair,
                position,
                file,
                line,
                offset: at,
                len: n,
            });
        }
    }
    if order.is_some() {
        entries.sort_by_key(|e| e.position);
    } else {
        entries.sort_by(|a, b| natural_cmp(&a.pair, &b.pair));
    }
    if let Some(twice) = entries.windows(2).find(|w| w[0].pair == w[1].pair) {
        let [a, b] = [&twice[0], &twice[1]];
        return Err(Error::input(
            format!("{}: line {}", names[b.file], b.line),
            format!(
                "pair {:?} came back twice (also {}: line {})",
                b.pair, names[a.file], a.line
            ),
        ));
    }
    if let (Some(order), Some(input)) = (&order, &options.order) {
        if entries.len() < order.len() {
            let mut missing: Vec<(usize, &String)> = order
                .iter()
                .filter(|(_, position)| {
                    entries
                        .binary_search_by_key(position, |e| &e.position)
                        .is_err()
                })
                .map(|(id, position)| (*position, id))
                .collect();
            missing.sort();
            let first: Vec<String> = missing
                .iter()
                .take(5)
                .map(|(_, id)| format!("{id:?}"))
                .collect();
            return Err(Error::input(
                input.display().to_string(),
                format!(
                    "{} of its {} pairs did not come back (first: {})",
                    missing.len(),
                    order.len(),
                    first.join(", ")
                ),
            ));
        }
    }

    // Pass 2: each line read again in its turn and written, into a run
    // folder of its own committed as a batch run's is (output.rs). The
    // run's state is empty, so the commit also replaces a batch's state
    // file: a later `--resume` takes no pairs from the replaced reports.
    let mut reports = Reports::create(&options.out, options.csv, &options.signature)?;
    let mut open: Vec<Option<File>> = files.iter().map(|_| None).collect();
    let mut outcome = MergeOutcome {
        files: files.len(),
        ..MergeOutcome::default()
    };
    let mut bytes = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let path = &files[entry.file];
        let file = match &mut open[entry.file] {
            Some(file) => file,
            slot => slot.insert(File::open(path).map_err(|e| Error::io(path, e))?),
        };
        bytes.resize(entry.len, 0);
        file.seek(SeekFrom::Start(entry.offset))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| Error::io(path, e))?;
        let place = || format!("{}: line {}", names[entry.file], entry.line);
        let line = parse(&bytes, place)?;
        if line.pair != entry.pair {
            return Err(Error::input(
                place(),
                "the file changed while it was merged",
            ));
        }
        let section = match line.section {
            Some(section) => section,
            None => {
                outcome.without_section += 1;
                findings_section(&line.summary, &line.findings)
            }
        };
        let record = PairRecord {
            index,
            summary: line.summary,
            findings: line.findings,
            section,
        };
        reports.write_pair(&record)?;
        if let Some(message) = outcome.batch.count(&record, false) {
            report_error(&message);
        }
    }
    reports.finish()?;
    // The committed state is empty (a merge resumes nothing): the folder
    // keeps no state file, as after a batch's state was dropped.
    let state = options.out.join(super::output::STATE_FILE);
    if state.exists() {
        std::fs::remove_file(&state).map_err(|e| Error::io(&state, e))?;
    }
    Ok(outcome)
}

/// The section of a pair whose line carried none: its score and its
/// findings' messages (the side-by-side view needs the texts, which only
/// the worker had).
fn findings_section(summary: &SummaryRow, findings: &[FindingRow]) -> String {
    use html_escape::encode_text as text;
    use std::fmt::Write as _;
    if summary.status == Status::Error {
        return crate::report::html::error_body(summary);
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "<h2>{} <span class=\"score\">score {:.1}</span></h2>\n<p class=\"meta\">{} findings · the worker sent no side-by-side view (run it with --sections)</p>\n<ul>",
        text(&summary.pair),
        summary.score.unwrap_or(0.0),
        findings.len(),
    );
    for f in findings {
        let _ = write!(
            out,
            "<li class=\"k-{k} s-{s}\"><b>#{n} {k}</b> <i>{s}</i> {m}</li>",
            n = f.finding,
            k = f.kind.as_str(),
            s = f.severity.as_str(),
            m = text(&f.message),
        );
    }
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_with_numbers_as_numbers() {
        let mut ids = vec![
            "synth-10", "synth-2", "synth-1", "b", "a10b", "a9c", "synth-02", "", "a",
        ];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            ids,
            ["", "a", "a9c", "a10b", "b", "synth-1", "synth-02", "synth-2", "synth-10"]
        );
        assert_eq!(natural_cmp("x2", "x2"), Ordering::Equal);
        assert_ne!(natural_cmp("x02", "x2"), Ordering::Equal);
    }
}
