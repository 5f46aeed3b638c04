//! Batch runs over many document pairs: parallel across pairs (rayon),
//! resumable, safe on bad input, byte-identical output for any thread
//! count.
//!
//! Pairs stream in from a source ([`input`]) and are processed in chunks:
//! each chunk is checked in parallel and written in input order, so memory
//! is bounded by the chunk, not the batch. Outputs are written under
//! temporary names and renamed when the run completes; a state file
//! (`.backcheck-state.jsonl`, one line per finished pair, flushed per
//! chunk) lets `--resume` skip pairs an earlier run finished, even one that
//! was interrupted. The state line records where the pair's findings lie
//! in that run's `findings.jsonl` and where its section lies in that run's
//! `report.html` (both still under their temporary names if the run was
//! interrupted); a resumed run reads them back from there. Each section is
//! written once, straight into the report, whose index comes at the end.

pub mod input;

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::check::{CheckOptions, Severity};
use crate::pipeline::check_pair;
use crate::report::findings::{finding_rows, FindingRow, JsonLinesSink, FINDING_COLUMNS};
use crate::report::{html, temporary_name, SummaryRow, SUMMARY_COLUMNS};
use crate::Document;
pub use input::{PairInput, PairSource, Pairs, Shard};

/// A report file being written.
type OutputFile = BufWriter<File>;

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub out: PathBuf,
    /// Worker threads (at least 1).
    pub jobs: usize,
    pub shard: Option<Shard>,
    pub resume: bool,
    /// Write the CSVs with a UTF-8 BOM for Excel.
    pub excel: bool,
    pub check: CheckOptions,
    /// Show a progress bar (for a terminal).
    pub progress: bool,
}

/// What happened in a batch run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchOutcome {
    pub pairs: usize,
    pub errors: usize,
    /// Pairs taken from an earlier run (`--resume`).
    pub resumed: usize,
    pub findings: usize,
    pub worst: Option<Severity>,
}

impl BatchOutcome {
    /// Counts one written pair; returns the one-line message of a pair
    /// that failed.
    fn count(&mut self, record: &PairRecord, resumed: bool) -> Option<String> {
        self.pairs += 1;
        self.resumed += usize::from(resumed);
        self.findings += record.findings.len();
        for f in &record.findings {
            self.worst = self.worst.max(Severity::parse(&f.severity));
        }
        (record.summary.status == "error").then(|| {
            self.errors += 1;
            format!("pair {}: {}", record.summary.pair, record.summary.error)
        })
    }
}

/// Everything written about one pair; also a line of the state file
/// (read here, written by [`state_line`]).
#[derive(Debug, Clone, Deserialize)]
struct PairRecord {
    summary: SummaryRow,
    /// Never in the state: a resumed pair's are read back from
    /// `findings_at`.
    #[serde(default)]
    findings: Vec<FindingRow>,
    /// Where the pair's lines lie in the findings.jsonl of the run that
    /// wrote the state line (offset, length).
    #[serde(default)]
    findings_at: Option<(u64, u64)>,
    /// Where the pair's HTML section lies in the report.html of the run
    /// that wrote the state line (offset, length) and the position it was
    /// anchored at; a state line without it (an older version's) is
    /// checked again.
    #[serde(default)]
    report_at: Option<(u64, u64, usize)>,
    /// The section itself, until it is written there.
    #[serde(skip)]
    html: String,
}

/// A pair's report lines, serialised on the worker threads so that the
/// single writer only copies bytes.
#[derive(Default)]
struct Rendered {
    findings_csv: Vec<u8>,
    findings_jsonl: Vec<u8>,
    summary_csv: Vec<u8>,
    /// The summary as JSON, for the state line.
    summary_json: Vec<u8>,
    /// The `--out -` line.
    stream: Vec<u8>,
}

/// `rows` as CSV lines; `capacity` is a size hint.
fn csv_bytes<T: Serialize>(rows: &[T], capacity: usize) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::with_capacity(capacity));
    for row in rows {
        w.serialize(row).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

fn json_line<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let mut out = serde_json::to_vec(value).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

fn render(record: &PairRecord, stream: bool) -> Result<Rendered, String> {
    if stream {
        let line = PairLine {
            pair: &record.summary.pair,
            summary: &record.summary,
            findings: &record.findings,
        };
        return Ok(Rendered {
            stream: json_line(&line)?,
            ..Rendered::default()
        });
    }
    // Room for the rows' text plus their quoting and field names, so the
    // buffers are not grown and copied as they fill.
    let size: usize = record.findings.iter().map(|f| f.text_len() + 256).sum();
    let mut jsonl = JsonLinesSink::new(Vec::with_capacity(size + size / 8));
    jsonl
        .write_rows(&record.findings)
        .map_err(|e| e.to_string())?;
    Ok(Rendered {
        findings_csv: csv_bytes(&record.findings, size)?,
        findings_jsonl: jsonl.into_inner(),
        summary_csv: csv_bytes(std::slice::from_ref(&record.summary), 512)?,
        summary_json: serde_json::to_vec(&record.summary).map_err(|e| e.to_string())?,
        stream: Vec::new(),
    })
}

const STATE_FILE: &str = ".backcheck-state.jsonl";
const FINDINGS_JSONL: &str = "findings.jsonl";
const REPORT_HTML: &str = "report.html";
/// An interrupted run's partial report, kept aside while a resumed run
/// copies its sections.
const PREVIOUS_REPORT: &str = ".backcheck-previous.html";
/// Where earlier builds kept the sections apart; removed when found.
const OLD_SECTIONS_FILE: &str = ".backcheck-sections.html";

/// A state-file line: the summary, where the section lies in report.html
/// and where the findings lie in findings.jsonl.
fn state_line(summary_json: &[u8], section: (u64, u64, usize), findings: (u64, u64)) -> Vec<u8> {
    let mut line = Vec::with_capacity(summary_json.len() + 96);
    line.extend_from_slice(b"{\"summary\":");
    line.extend_from_slice(summary_json);
    line.extend_from_slice(
        format!(
            ",\"report_at\":[{},{},{}],\"findings_at\":[{},{}]}}\n",
            section.0, section.1, section.2, findings.0, findings.1
        )
        .as_bytes(),
    );
    line
}

/// Pairs per chunk and thread: enough to keep threads busy (a chunk ends
/// with a worker idle while the last pair finishes; 128 ran 3–5% faster
/// than 32 on 10,000 pairs, docs/performance.md), few enough that a
/// chunk's reports stay small (about 150 KB per pair).
const CHUNK_PER_JOB: usize = 128;

fn io_err(path: &Path, e: impl std::fmt::Display) -> String {
    format!("{}: {e}", path.display())
}

fn read_document(path: &Path) -> Result<Document, String> {
    Document::from_path(path).map_err(|e| e.to_string())
}

/// Checks one pair; a pair that cannot be read becomes an error record.
/// `html`: render its report.html section (not wanted by `--out -`).
fn process(pair: &PairInput, options: &CheckOptions, html: bool) -> PairRecord {
    let docs = match &pair.source {
        PairSource::Files {
            original,
            translation,
        } => read_document(original).and_then(|o| Ok((o, read_document(translation)?))),
        PairSource::Texts {
            original,
            translation,
        } => {
            let named = |side: &str, text: &str| {
                Document::from_bytes(&format!("{}/{side}", pair.id), text.as_bytes())
                    .map_err(|e| e.to_string())
            };
            named("original", original).and_then(|o| Ok((o, named("translation", translation)?)))
        }
        PairSource::Invalid(problem) => Err(problem.clone()),
    };
    match docs {
        Ok((orig, trans)) => {
            let report = check_pair(&pair.id, &orig, &trans, options);
            let findings = finding_rows(&report);
            let summary = SummaryRow::checked(&report);
            let html = if html {
                html::pair_section(&report, &findings, &summary)
            } else {
                String::new()
            };
            PairRecord {
                summary,
                findings,
                findings_at: None,
                report_at: None,
                html,
            }
        }
        Err(problem) => failed(&pair.id, &problem, html),
    }
}

/// The error record of a pair that could not be checked.
fn failed(id: &str, problem: &str, html: bool) -> PairRecord {
    let summary = SummaryRow::failed(id, problem);
    PairRecord {
        html: if html {
            html::error_section(&summary)
        } else {
            String::new()
        },
        summary,
        findings: Vec::new(),
        findings_at: None,
        report_at: None,
    }
}

/// Runs `check` for pair `id`; a panic in it (a bug, which some input
/// reached) becomes that pair's error record instead of ending the whole
/// batch. The panic message is printed by the panic hook as well.
fn isolated(id: &str, html: bool, check: impl FnOnce() -> PairRecord) -> PairRecord {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown panic");
        let problem = format!("internal error while checking this pair ({what}); please report it");
        failed(id, &problem, html)
    })
}

/// Finished pairs recorded by an earlier run, by pair id. A last line cut
/// short by an interruption is ignored, and so is a pair whose section did
/// not reach that run's report.html (`report_len` bytes long) or whose
/// findings cannot be read back from `findings` (the findings.jsonl of
/// the run that wrote the state).
fn load_state(
    path: &Path,
    report_len: u64,
    findings: Option<&Path>,
) -> Result<HashMap<String, PairRecord>, String> {
    let mut done = HashMap::new();
    let Ok(file) = File::open(path) else {
        return Ok(done);
    };
    let mut source = findings.and_then(|p| {
        let file = File::open(p).ok()?;
        let len = file.metadata().ok()?.len();
        Some((file, len))
    });
    let mut reader = std::io::BufReader::new(file);
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(|e| io_err(path, e))?;
        if n == 0 || !line.ends_with('\n') {
            break;
        }
        let Ok(mut record) = serde_json::from_str::<PairRecord>(&line) else {
            continue;
        };
        let stored = record
            .report_at
            .and_then(|(offset, len, _)| offset.checked_add(len))
            .is_some_and(|end| end <= report_len);
        if record.summary.status == "error" || !stored {
            continue;
        }
        if let Some(at) = record.findings_at.take() {
            match source
                .as_mut()
                .and_then(|(file, len)| read_findings(file, *len, at))
            {
                Some(rows) => record.findings = rows,
                None => continue,
            }
        }
        // The findings read back must be this pair's, all of them (the
        // file may have been edited since).
        let pair = &record.summary.pair;
        if record.summary.findings == Some(record.findings.len())
            && record.findings.iter().all(|f| &f.pair == pair)
        {
            done.insert(pair.clone(), record);
        }
    }
    Ok(done)
}

/// The finding rows at `(offset, length)` of a findings.jsonl
/// `file_len` bytes long, or None when they are not all there.
fn read_findings(
    file: &mut File,
    file_len: u64,
    (offset, len): (u64, u64),
) -> Option<Vec<FindingRow>> {
    if offset.checked_add(len)? > file_len {
        return None;
    }
    let mut bytes = vec![0u8; usize::try_from(len).ok()?];
    file.seek(SeekFrom::Start(offset)).ok()?;
    file.read_exact(&mut bytes).ok()?;
    bytes
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).ok())
        .collect()
}

/// One output file being written under its temporary name.
struct Partial {
    tmp: PathBuf,
    path: PathBuf,
}

impl Partial {
    fn create(dir: &Path, name: &str) -> Result<(Partial, OutputFile), String> {
        let path = dir.join(name);
        let tmp = temporary_name(&path);
        let file = File::create(&tmp).map_err(|e| io_err(&tmp, e))?;
        let file = BufWriter::with_capacity(1 << 20, file);
        Ok((Partial { tmp, path }, file))
    }

    fn commit(&self) -> Result<(), String> {
        std::fs::rename(&self.tmp, &self.path).map_err(|e| io_err(&self.path, e))
    }
}

/// Runs a batch: checks every pair of `pairs` (or this shard's share) and
/// writes findings.csv, summary.csv, findings.jsonl and report.html into
/// `options.out`. `report_error` is called with a one-line message for
/// every pair that fails.
pub fn run(
    pairs: Pairs,
    options: &BatchOptions,
    report_error: &(dyn Fn(&str) + Sync),
) -> Result<BatchOutcome, String> {
    let dir = &options.out;
    std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    let state_path = dir.join(STATE_FILE);
    let (done, mut previous) = if options.resume {
        // The last run's outputs: still under their temporary names if it
        // was interrupted. Read before this run starts its own.
        let jsonl_path = dir.join(FINDINGS_JSONL);
        let jsonl = [temporary_name(&jsonl_path), jsonl_path]
            .into_iter()
            .find(|p| p.exists());
        let report = previous_report(dir)?;
        let report_len = report.as_ref().map_or(0, |(_, len)| *len);
        let done = load_state(&state_path, report_len, jsonl.as_deref())?;
        (done, report.map(|(file, _)| file))
    } else {
        (HashMap::new(), None)
    };
    // The state file starts again: each pair's line is written as its
    // section reaches this run's report, kept pairs included.
    let mut state = BufWriter::with_capacity(
        1 << 20,
        File::create(&state_path).map_err(|e| io_err(&state_path, e))?,
    );

    // Each CSV starts with its header (and a BOM for Excel); the rows come
    // pre-serialised from the workers.
    let csv_file = |name: &str, columns: &[&str]| -> Result<(Partial, OutputFile), String> {
        let (part, mut file) = Partial::create(dir, name)?;
        if options.excel {
            file.write_all("\u{FEFF}".as_bytes())
                .map_err(|e| io_err(&part.tmp, e))?;
        }
        let header = csv_bytes(&[columns], 512)?;
        file.write_all(&header).map_err(|e| io_err(&part.tmp, e))?;
        Ok((part, file))
    };
    let (findings_part, mut findings_csv) = csv_file("findings.csv", &FINDING_COLUMNS)?;
    let (summary_part, mut summary_csv) = csv_file("summary.csv", &SUMMARY_COLUMNS)?;
    let (jsonl_part, mut jsonl) = Partial::create(dir, FINDINGS_JSONL)?;
    let (html_part, mut report) = Partial::create(dir, REPORT_HTML)?;
    // Where the next pair's lines start in findings.jsonl and its section
    // in report.html.
    let mut jsonl_end = 0u64;
    let mut report_end = html::write_head(&mut report).map_err(|e| io_err(&html_part.tmp, e))?;

    let total = pairs.size_hint().1.map(|n| match options.shard {
        Some(s) => (0..n).filter(|&i| s.takes(i)).count(),
        None => n,
    });
    let bar = options.progress.then(|| progress_bar(total));

    let mut outcome = BatchOutcome::default();
    let mut summaries: Vec<(usize, SummaryRow)> = Vec::new();
    let mut stored = Vec::new();
    pipelined(pairs, options, &done, bar.as_ref(), false, |chunk| {
        for (pair, resumed, record, bytes) in chunk {
            let werr = |e: std::io::Error| io_err(dir, e);
            let findings_at = (jsonl_end, bytes.findings_jsonl.len() as u64);
            jsonl_end += findings_at.1;
            let body = match (resumed, record.report_at, previous.as_mut()) {
                (true, Some(at), Some(file)) => {
                    read_section(file, at, &mut stored).map_err(werr)?;
                    html::section_body(&stored)
                }
                _ => record.html.as_bytes(),
            };
            let len = html::write_section(&mut report, pair.index, body).map_err(werr)?;
            let report_at = (report_end, len, pair.index);
            report_end += len;
            state
                .write_all(&state_line(&bytes.summary_json, report_at, findings_at))
                .map_err(werr)?;
            if let Some(message) = outcome.count(&record, resumed) {
                match &bar {
                    Some(bar) => bar.println(format!("backcheck: {message}")),
                    None => report_error(&message),
                }
            }
            findings_csv.write_all(&bytes.findings_csv).map_err(werr)?;
            jsonl.write_all(&bytes.findings_jsonl).map_err(werr)?;
            summary_csv.write_all(&bytes.summary_csv).map_err(werr)?;
            summaries.push((pair.index, record.summary));
        }
        // Sections and findings first: a state line must never point
        // past them.
        report.flush().map_err(|e| io_err(&html_part.tmp, e))?;
        jsonl.flush().map_err(|e| io_err(&jsonl_part.tmp, e))?;
        state.flush().map_err(|e| io_err(&state_path, e))
    })?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }

    html::write_index(&mut report, &summaries, &options.check.signature())
        .map_err(|e| io_err(&html_part.tmp, e))?;
    for file in [&mut findings_csv, &mut summary_csv, &mut jsonl, &mut report] {
        file.flush().map_err(|e| io_err(dir, e))?;
    }
    drop((findings_csv, summary_csv, jsonl, report, previous));
    for part in [&findings_part, &summary_part, &jsonl_part, &html_part] {
        part.commit()?;
    }
    for leftover in [PREVIOUS_REPORT, OLD_SECTIONS_FILE].map(|name| dir.join(name)) {
        if leftover.exists() {
            std::fs::remove_file(&leftover).map_err(|e| io_err(&leftover, e))?;
        }
    }
    Ok(outcome)
}

/// The report of the last run in `dir`, opened with its length: an
/// interrupted run's (under the temporary name, then moved aside, since
/// this run writes there) or a finished run's.
fn previous_report(dir: &Path) -> Result<Option<(File, u64)>, String> {
    let finished = dir.join(REPORT_HTML);
    let partial = temporary_name(&finished);
    let aside = dir.join(PREVIOUS_REPORT);
    if partial.exists() {
        std::fs::rename(&partial, &aside).map_err(|e| io_err(&partial, e))?;
    }
    // An aside report is the newer one: a resumed run that was itself
    // interrupted before writing its own left it there.
    let Some(path) = [aside, finished].into_iter().find(|p| p.exists()) else {
        return Ok(None);
    };
    let file = File::open(&path).map_err(|e| io_err(&path, e))?;
    let len = file.metadata().map_err(|e| io_err(&path, e))?.len();
    Ok(Some((file, len)))
}

/// Reads the section stored at `(offset, length)` into `buffer`.
fn read_section(
    file: &mut File,
    (offset, len, _): (u64, u64, usize),
    buffer: &mut Vec<u8>,
) -> std::io::Result<()> {
    let len = usize::try_from(len).map_err(std::io::Error::other)?;
    buffer.resize(len, 0);
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buffer)
}

/// One pair's result as a JSON line (the streaming output of `--out -`).
#[derive(Serialize)]
struct PairLine<'a> {
    pair: &'a str,
    summary: &'a SummaryRow,
    findings: &'a [FindingRow],
}

/// Runs a batch as a stream filter: one JSON line per pair on `out`, in
/// input order, nothing on disk. This is the worker contract for GNU
/// parallel, Spark `RDD.pipe` and Hadoop Streaming (docs/scaling.md).
pub fn run_to_writer(
    pairs: Pairs,
    options: &BatchOptions,
    out: &mut dyn Write,
    report_error: &(dyn Fn(&str) + Sync),
) -> Result<BatchOutcome, String> {
    let mut outcome = BatchOutcome::default();
    pipelined(pairs, options, &HashMap::new(), None, true, |chunk| {
        for (_, _, record, bytes) in chunk {
            if let Some(message) = outcome.count(&record, false) {
                report_error(&message);
            }
            out.write_all(&bytes.stream).map_err(|e| e.to_string())?;
        }
        out.flush().map_err(|e| e.to_string())
    })?;
    Ok(outcome)
}

/// A checked chunk: each pair, whether it was resumed, its record and its
/// rendered report lines.
type Chunk = Vec<(PairInput, bool, PairRecord, Rendered)>;

/// Checks this shard's pairs chunk by chunk on a thread pool, in a
/// background thread, and hands each chunk, in input order, to `write` on
/// this thread: the next chunk is being checked while the last is written.
/// Pairs in `done` are taken from there instead of being checked.
fn pipelined(
    pairs: Pairs,
    options: &BatchOptions,
    done: &HashMap<String, PairRecord>,
    bar: Option<&indicatif::ProgressBar>,
    stream: bool,
    mut write: impl FnMut(Chunk) -> Result<(), String>,
) -> Result<(), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let shard = options.shard;
    let chunk_size = CHUNK_PER_JOB * options.jobs.max(1);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Result<Chunk, String>>(1);
    // Input is read (and JSON parsed) on its own thread, a chunk ahead, so
    // the workers never wait for it.
    let (input_sender, input) = std::sync::mpsc::sync_channel::<Vec<PairInput>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut pairs = pairs.filter(move |p| shard.is_none_or(|s| s.takes(p.index)));
            loop {
                let chunk: Vec<PairInput> = pairs.by_ref().take(chunk_size).collect();
                if chunk.is_empty() || input_sender.send(chunk).is_err() {
                    break;
                }
            }
        });
        scope.spawn(move || {
            for chunk in input {
                let records: Result<Chunk, String> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|pair| {
                            let (resumed, record) = match done.get(&pair.id) {
                                Some(old) => (true, old.clone()),
                                None => (
                                    false,
                                    isolated(&pair.id, !stream, || {
                                        process(&pair, &options.check, !stream)
                                    }),
                                ),
                            };
                            let rendered = render(&record, stream)?;
                            if let Some(bar) = bar {
                                bar.inc(1);
                            }
                            Ok((pair, resumed, record, rendered))
                        })
                        .collect()
                });
                // The writer stopped (an output error): stop checking.
                if sender.send(records).is_err() {
                    break;
                }
            }
        });
        for chunk in receiver {
            write(chunk?)?;
        }
        Ok(())
    })
}

fn progress_bar(total: Option<usize>) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = match total {
        Some(n) => ProgressBar::new(n as u64).with_style(
            ProgressStyle::with_template(
                "{bar:30} {pos}/{len} pairs  {per_sec}  elapsed {elapsed}  eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} pairs  {per_sec}  elapsed {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_pair_becomes_an_error_record() {
        let record = isolated("p7", true, || panic!("index out of bounds"));
        assert_eq!(record.summary.pair, "p7");
        assert_eq!(record.summary.status, "error");
        assert!(
            record.summary.error.contains("internal error")
                && record.summary.error.contains("index out of bounds"),
            "{}",
            record.summary.error
        );
        assert!(record.html.contains("internal error"));
        let message = format!("{} of {}", "slice", "len");
        let record = isolated("p8", false, move || panic!("{message}"));
        assert!(record.summary.error.contains("slice of len"));
        assert!(record.html.is_empty());
    }

    #[test]
    fn a_pair_that_does_not_panic_keeps_its_record() {
        let record = isolated("p1", false, || failed("p1", "no such file", false));
        assert_eq!(record.summary.error, "no such file");
    }
}
