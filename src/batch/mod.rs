//! Batch runs over many document pairs: parallel across pairs (rayon),
//! resumable, safe on bad input, byte-identical output for any thread
//! count.
//!
//! Pairs stream in from a source ([`input`]) and are processed in chunks:
//! each chunk is checked in parallel (each pair becomes a
//! [`PairRecord`], its report.html section rendered on the worker
//! thread) and written in input order through the reports'
//! [`ReportSink`]s, so memory is bounded by
//! the chunk, not the batch. Outputs are written under temporary names
//! and renamed when the run completes (`output.rs`); a state file
//! (`.backcheck-state.jsonl`, one line per finished pair, flushed per
//! chunk) lets `--resume` skip pairs an earlier run finished, even one
//! that was interrupted. The state line records where the pair's findings
//! lie in that run's `findings.jsonl` and where the body of its section
//! lies in that run's `report.html` (both still under their temporary
//! names if the run was interrupted); a resumed run reads the findings
//! back into typed rows and copies the section's body.
//!
//! With `--out -` each pair is a JSON line on stdout instead (the worker
//! contract for GNU parallel, Spark and Hadoop Streaming); [`merge`]
//! turns the lines of many such workers back into the four reports.

pub mod input;
pub mod merge;
mod output;

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::check::{CheckOptions, Severity};
use crate::pipeline::Pipeline;
use crate::report::{
    temporary_name, FindingRow, PairRecord, ReportSink, Status, StreamSink, SummaryRow,
};
use crate::{Document, Error};
pub use input::{PairInput, PairSource, Pairs, Shard};
use output::{Reports, Span, FINDINGS_JSONL, REPORT_HTML};

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The output folder (ignored by [`run_to_writer`]).
    pub out: PathBuf,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Check only this share of the input.
    pub shard: Option<Shard>,
    /// Skip pairs an earlier run into the same folder finished.
    pub resume: bool,
    /// Write the CSVs with a UTF-8 BOM for Excel.
    pub excel: bool,
    /// How each pair is checked.
    pub check: CheckOptions,
    /// Show a progress bar (for a terminal).
    pub progress: bool,
}

/// What happened in a batch run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchOutcome {
    /// Pairs written.
    pub pairs: usize,
    /// Pairs that could not be checked.
    pub errors: usize,
    /// Pairs taken from an earlier run (`--resume`).
    pub resumed: usize,
    /// Findings in all.
    pub findings: usize,
    /// The worst severity found.
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
            self.worst = self.worst.max(Some(f.severity));
        }
        (record.summary.status == Status::Error).then(|| {
            self.errors += 1;
            format!("pair {}: {}", record.summary.pair, record.summary.error)
        })
    }
}

/// A line of the state file: a finished pair's summary and where its
/// findings and the body of its section lie in the run's findings.jsonl
/// and report.html.
#[derive(Debug, Serialize, Deserialize)]
struct StateLine {
    summary: SummaryRow,
    findings_at: Span,
    section_at: Span,
}

/// A pair finished by an earlier run: its record (without its section)
/// and where the body of its section lies in that run's report.html.
#[derive(Debug, Clone)]
struct Stored {
    summary: SummaryRow,
    findings: Vec<FindingRow>,
    section_at: Span,
}

/// A pair as the workers hand it to the writer: its record, and for a
/// pair taken from an earlier run where its section's body lies in that
/// run's report.html (the record's section is read from there).
type Done = (PairRecord, Option<Span>);

const STATE_FILE: &str = ".backcheck-state.jsonl";
/// An interrupted run's partial report, kept aside while a resumed run
/// copies its sections.
const PREVIOUS_REPORT: &str = ".backcheck-previous.html";
/// Where earlier builds kept the sections apart; removed when found.
const OLD_SECTIONS_FILE: &str = ".backcheck-sections.html";

/// Pairs per chunk and thread: enough to keep threads busy (a chunk ends
/// with a worker idle while the last pair finishes; 128 ran 3–5% faster
/// than 32 on 10,000 pairs, docs/performance.md), few enough that a
/// chunk's records stay small.
const CHUNK_PER_JOB: usize = 128;

fn read_document(path: &Path) -> Result<Document, String> {
    Document::from_path(path).map_err(|e| e.to_string())
}

/// Checks one pair; a pair that cannot be read becomes an error record.
/// `html`: render its report.html section (not wanted by `--out -`).
fn process(pair: &PairInput, pipeline: &Pipeline, html: bool) -> PairRecord {
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
            let report = pipeline.check_pair(&pair.id, &orig, &trans);
            PairRecord::checked(pair.index, &report, html)
        }
        Err(problem) => PairRecord::failed(pair.index, &pair.id, &problem, html),
    }
}

/// Runs `check` for `pair`; a panic in it (a bug, which some input
/// reached) becomes that pair's error record instead of ending the whole
/// batch. The panic message is printed by the panic hook as well.
fn isolated(pair: &PairInput, html: bool, check: impl FnOnce() -> PairRecord) -> PairRecord {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown panic");
        let problem = format!("internal error while checking this pair ({what}); please report it");
        PairRecord::failed(pair.index, &pair.id, &problem, html)
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
) -> Result<HashMap<String, Stored>, Error> {
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
        let n = reader
            .read_line(&mut line)
            .map_err(|e| Error::io(path, e))?;
        if n == 0 || !line.ends_with('\n') {
            break;
        }
        // A line this version did not write (or a damaged one): the pair
        // is checked again.
        let Ok(state) = serde_json::from_str::<StateLine>(&line) else {
            continue;
        };
        let stored = state.section_at.end().is_some_and(|end| end <= report_len);
        if state.summary.status == Status::Error || !stored {
            continue;
        }
        let Some(findings) = source
            .as_mut()
            .and_then(|(file, len)| read_findings(file, *len, state.findings_at))
        else {
            continue;
        };
        // The findings read back must be this pair's, all of them (the
        // file may have been edited since).
        let pair = &state.summary.pair;
        if state.summary.findings == Some(findings.len())
            && findings.iter().all(|f| &f.pair == pair)
        {
            done.insert(
                pair.clone(),
                Stored {
                    summary: state.summary,
                    findings,
                    section_at: state.section_at,
                },
            );
        }
    }
    Ok(done)
}

/// The finding rows at `at` in a findings.jsonl `file_len` bytes long, or
/// None when they are not all there.
fn read_findings(file: &mut File, file_len: u64, at: Span) -> Option<Vec<FindingRow>> {
    if at.end()? > file_len {
        return None;
    }
    let mut bytes = vec![0u8; usize::try_from(at.len).ok()?];
    file.seek(SeekFrom::Start(at.offset)).ok()?;
    file.read_exact(&mut bytes).ok()?;
    bytes
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).ok())
        .collect()
}

/// Runs a batch: checks every pair of `pairs` (or this shard's share) and
/// writes findings.csv, summary.csv, findings.jsonl and report.html into
/// `options.out`. `report_error` is called with a one-line message for
/// every pair that fails.
pub fn run(
    pairs: Pairs,
    options: &BatchOptions,
    report_error: &(dyn Fn(&str) + Sync),
) -> Result<BatchOutcome, Error> {
    let dir = &options.out;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let state_path = dir.join(STATE_FILE);
    let (done, mut previous) = if options.resume {
        // The last run's outputs: still under their temporary names if it
        // was interrupted. Read before this run starts its own.
        let jsonl_path = dir.join(FINDINGS_JSONL);
        let jsonl = [temporary_name(&jsonl_path), jsonl_path]
            .into_iter()
            .find(|p| p.exists());
        let report = previous_report(dir)?;
        let report_len = report.as_ref().map_or(0, |(_, _, len)| *len);
        let done = load_state(&state_path, report_len, jsonl.as_deref())?;
        (done, report.map(|(path, file, _)| (path, file)))
    } else {
        (HashMap::new(), None)
    };
    // The state file starts again: each pair's line is written as its
    // section reaches this run's report, kept pairs included.
    let mut state = BufWriter::with_capacity(
        1 << 20,
        File::create(&state_path).map_err(|e| Error::io(&state_path, e))?,
    );
    let mut reports = Reports::create(dir, options.excel, &options.check.signature())?;

    let total = pairs.size_hint().1.map(|n| match options.shard {
        Some(s) => (0..n).filter(|&i| s.takes(i)).count(),
        None => n,
    });
    let bar = options.progress.then(|| progress_bar(total));

    let mut outcome = BatchOutcome::default();
    pipelined(pairs, options, &done, bar.as_ref(), false, |chunk| {
        for (mut record, stored) in chunk {
            if let Some(at) = stored {
                // Pairs are only taken over from a report that was there.
                let Some((path, file)) = previous.as_mut() else {
                    return Err(Error::input(
                        dir.join(REPORT_HTML).display().to_string(),
                        "the report of the run to resume is gone",
                    ));
                };
                record.section = read_section(file, at).map_err(|e| Error::io(path, e))?;
            }
            let written = reports.write_pair(&record)?;
            let line = StateLine {
                summary: record.summary.clone(),
                findings_at: written.findings,
                section_at: written.section,
            };
            serde_json::to_writer(&mut state, &line)
                .map_err(std::io::Error::from)
                .and_then(|()| state.write_all(b"\n"))
                .map_err(|e| Error::io(&state_path, e))?;
            if let Some(message) = outcome.count(&record, stored.is_some()) {
                match &bar {
                    Some(bar) => bar.println(format!("backcheck: {message}")),
                    None => report_error(&message),
                }
            }
        }
        // Sections and findings first: a state line must never point
        // past them.
        reports.flush()?;
        state.flush().map_err(|e| Error::io(&state_path, e))
    })?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    drop(previous);
    reports.finish()?;
    for leftover in [PREVIOUS_REPORT, OLD_SECTIONS_FILE].map(|name| dir.join(name)) {
        if leftover.exists() {
            std::fs::remove_file(&leftover).map_err(|e| Error::io(&leftover, e))?;
        }
    }
    Ok(outcome)
}

/// The report of the last run in `dir`, its path, opened, with its length: an
/// interrupted run's (under the temporary name, then moved aside, since
/// this run writes there) or a finished run's.
fn previous_report(dir: &Path) -> Result<Option<(PathBuf, File, u64)>, Error> {
    let finished = dir.join(REPORT_HTML);
    let partial = temporary_name(&finished);
    let aside = dir.join(PREVIOUS_REPORT);
    if partial.exists() {
        std::fs::rename(&partial, &aside).map_err(|e| Error::io(&partial, e))?;
    }
    // An aside report is the newer one: a resumed run that was itself
    // interrupted before writing its own left it there.
    let Some(path) = [aside, finished].into_iter().find(|p| p.exists()) else {
        return Ok(None);
    };
    let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
    let len = file.metadata().map_err(|e| Error::io(&path, e))?.len();
    Ok(Some((path, file, len)))
}

/// The section body stored at `at`.
fn read_section(file: &mut File, at: Span) -> std::io::Result<String> {
    let len = usize::try_from(at.len).map_err(std::io::Error::other)?;
    let mut bytes = vec![0u8; len];
    file.seek(SeekFrom::Start(at.offset))?;
    file.read_exact(&mut bytes)?;
    // The run wrote it from a String; a file edited since gets its bad
    // bytes replaced.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Runs a batch as a stream filter: one JSON line per pair on `out`, in
/// input order, nothing on disk. This is the worker contract for GNU
/// parallel, Spark `RDD.pipe` and Hadoop Streaming (docs/scaling.md).
pub fn run_to_writer(
    pairs: Pairs,
    options: &BatchOptions,
    out: &mut dyn Write,
    report_error: &(dyn Fn(&str) + Sync),
) -> Result<BatchOutcome, Error> {
    stream(pairs, options, StreamSink::new(out), false, report_error)
}

/// As [`run_to_writer`], with each pair's report.html section in its
/// line (`"section"`, rendered by the worker), so that
/// `backcheck merge` of the lines gives the same report.html as one
/// batch (`batch --out - --sections`).
pub fn run_to_writer_with_sections(
    pairs: Pairs,
    options: &BatchOptions,
    out: &mut dyn Write,
    report_error: &(dyn Fn(&str) + Sync),
) -> Result<BatchOutcome, Error> {
    stream(
        pairs,
        options,
        StreamSink::with_sections(out),
        true,
        report_error,
    )
}

fn stream(
    pairs: Pairs,
    options: &BatchOptions,
    mut sink: StreamSink<&mut dyn Write>,
    sections: bool,
    report_error: &(dyn Fn(&str) + Sync),
) -> Result<BatchOutcome, Error> {
    let mut outcome = BatchOutcome::default();
    let stdout = |e| Error::io(Path::new("-"), e);
    pipelined(pairs, options, &HashMap::new(), None, !sections, |chunk| {
        for (record, _) in chunk {
            if let Some(message) = outcome.count(&record, false) {
                report_error(&message);
            }
            sink.write_pair(&record).map_err(stdout)?;
        }
        sink.flush().map_err(stdout)
    })?;
    sink.finish().map_err(stdout)?;
    Ok(outcome)
}

/// Checks this shard's pairs chunk by chunk on a thread pool, in a
/// background thread, and hands each chunk, in input order, to `write` on
/// this thread: the next chunk is being checked while the last is written.
/// Pairs in `done` are taken from there instead of being checked.
fn pipelined(
    pairs: Pairs,
    options: &BatchOptions,
    done: &HashMap<String, Stored>,
    bar: Option<&indicatif::ProgressBar>,
    stream: bool,
    mut write: impl FnMut(Vec<Done>) -> Result<(), Error>,
) -> Result<(), Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(|e| Error::Threads(e.to_string()))?;
    let shard = options.shard;
    // One pipeline for every pair: what it learns of words is shared.
    let pipeline = Pipeline::new(options.check.clone());
    let pipeline = &pipeline;
    let chunk_size = CHUNK_PER_JOB * options.jobs.max(1);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Done>>(1);
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
                let records: Vec<Done> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|pair| {
                            let done = match done.get(&pair.id) {
                                Some(old) => (
                                    PairRecord {
                                        index: pair.index,
                                        summary: old.summary.clone(),
                                        findings: old.findings.clone(),
                                        section: String::new(),
                                    },
                                    Some(old.section_at),
                                ),
                                None => (
                                    isolated(&pair, !stream, || process(&pair, pipeline, !stream)),
                                    None,
                                ),
                            };
                            if let Some(bar) = bar {
                                bar.inc(1);
                            }
                            done
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
            write(chunk)?;
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

    fn pair(id: &str) -> PairInput {
        PairInput {
            index: 6,
            id: id.to_string(),
            source: PairSource::Invalid(String::new()),
        }
    }

    #[test]
    fn a_panicking_pair_becomes_an_error_record() {
        let record = isolated(&pair("p7"), true, || panic!("index out of bounds"));
        assert_eq!(record.summary.pair, "p7");
        assert_eq!(record.summary.status, Status::Error);
        assert_eq!(record.index, 6);
        assert!(
            record.summary.error.contains("internal error")
                && record.summary.error.contains("index out of bounds"),
            "{}",
            record.summary.error
        );
        assert!(record.section.contains("internal error"));
        let message = format!("{} of {}", "slice", "len");
        let record = isolated(&pair("p8"), false, move || panic!("{message}"));
        assert!(record.summary.error.contains("slice of len"));
        assert!(record.section.is_empty());
    }

    #[test]
    fn a_pair_that_does_not_panic_keeps_its_record() {
        let record = isolated(&pair("p1"), false, || {
            PairRecord::failed(0, "p1", "no such file", false)
        });
        assert_eq!(record.summary.error, "no such file");
    }
}
