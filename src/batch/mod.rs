//! Batch runs over many document pairs: parallel across pairs (rayon),
//! resumable, safe on bad input, byte-identical output for any thread
//! count.
//!
//! Pairs stream in from a source ([`input`]) and are processed in chunks:
//! each chunk is checked in parallel (each pair becomes a
//! [`PairRecord`], the body of its HTML page rendered on the worker
//! thread) and written in input order through the reports'
//! [`ReportSink`]s, so memory is bounded by the chunk, not the batch.
//!
//! The output folder is locked for the run, and the run writes into a
//! folder of its own that is committed into the output folder when the
//! run completes (`output.rs` describes the steps, each of which a crash
//! may interrupt and the next run finishes). A state file (one line per
//! finished pair, flushed per chunk after the reports it points into are
//! synced) lets `--resume` skip pairs an earlier run finished, even one
//! that was interrupted. Each state line carries the pair's key: a
//! SHA-256 of its id, its two texts (the files' bytes) and the settings'
//! signature; a pair is only taken over when its key is the same, so a
//! changed text, a changed glossary or another pair with the same id is
//! checked afresh. The line records where the pair's findings lie in that
//! run's `findings.jsonl`; a resumed run reads the findings back into
//! typed rows and takes the body of the pair's page from that run's
//! `report/pairs/`, writing it into its own report folder with new links
//! to its neighbours (`report::site`).
//!
//! With `--out -` each pair is a JSON line on stdout instead (the worker
//! contract for GNU parallel, Spark and Hadoop Streaming); [`merge`]
//! turns the lines of many such workers back into the four reports,
//! under the same lock and through the same commit.

pub mod input;
pub mod merge;
mod output;
pub mod progress;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::check::{CheckOptions, Severity};
use crate::pipeline::Pipeline;
use crate::report::{
    site, CsvStyle, FindingRow, PairRecord, ReportSink, Status, StreamSink, SummaryRow,
};
use crate::{Document, Error};
pub use input::{PairInput, PairSource, Pairs, Shard};
use output::{Lock, Reports, Source, Span};

/// The most worker threads a batch starts; more are clamped to this.
pub const MAX_JOBS: usize = 256;

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The output folder (ignored by [`run_to_writer`]).
    pub out: std::path::PathBuf,
    /// Worker threads (at least 1, at most [`MAX_JOBS`]).
    pub jobs: usize,
    /// Check only this share of the input.
    pub shard: Option<Shard>,
    /// Skip pairs an earlier run into the same folder finished.
    pub resume: bool,
    /// How the CSVs are written.
    pub csv: CsvStyle,
    /// How each pair is checked.
    pub check: CheckOptions,
    /// Show a progress bar (for a terminal).
    pub progress: bool,
    /// Without the bar: report a progress line (done, rate, ETA when the
    /// total is known) through `report_error` this often (for a log).
    pub log_every: Option<std::time::Duration>,
}

impl BatchOptions {
    /// The worker threads to start: `jobs` within 1 to [`MAX_JOBS`].
    pub fn threads(&self) -> usize {
        self.jobs.clamp(1, MAX_JOBS)
    }
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
    /// The three checked pairs with the lowest scores, lowest first.
    pub worst_pairs: Vec<(String, f64)>,
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
        if let Some(score) = record.summary.score {
            self.worst_pairs.push((record.summary.pair.clone(), score));
            // Lowest score first; ties in input order.
            self.worst_pairs.sort_by(|a, b| a.1.total_cmp(&b.1));
            self.worst_pairs.truncate(3);
        }
        (record.summary.status == Status::Error).then(|| {
            self.errors += 1;
            format!("pair {}: {}", record.summary.pair, record.summary.error)
        })
    }
}

/// A line of the state file: a finished pair's key, its summary and where
/// its findings lie in the run's findings.jsonl (its page is the run's
/// `report/pairs/` page of its id).
#[derive(Debug, Serialize, Deserialize)]
struct StateLine {
    key: Option<String>,
    summary: SummaryRow,
    findings_at: Span,
}

/// A pair finished by an earlier run: its record (without its page's
/// body) and the page that run wrote for it.
#[derive(Debug, Clone)]
struct Stored {
    summary: SummaryRow,
    findings: Vec<FindingRow>,
    page: PathBuf,
}

/// A pair as the workers hand it to the writer: its record, its key, and
/// whether it was taken from an earlier run.
struct Done {
    record: PairRecord,
    key: Option<String>,
    resumed: bool,
}

/// Pairs per chunk and thread: enough to keep threads busy (a chunk ends
/// with a worker idle while the last pair finishes; 128 ran 3–5% faster
/// than 32 on 10,000 pairs, docs/performance.md), few enough that a
/// chunk's records stay small.
const CHUNK_PER_JOB: usize = 128;

/// The key a pair is resumed by: SHA-256 of its id, its two texts and the
/// settings' signature, each preceded by its length, in hex.
fn pair_key(id: &str, original: &[u8], translation: &[u8], signature: &str) -> String {
    let mut hash = Sha256::new();
    for part in [id.as_bytes(), original, translation, signature.as_bytes()] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A pair's two texts as bytes with the names its documents are given,
/// or why they cannot be had.
type Texts<'a> = ((String, Cow<'a, [u8]>), (String, Cow<'a, [u8]>));

fn texts(pair: &PairInput) -> Result<Texts<'_>, String> {
    match &pair.source {
        PairSource::Files {
            original,
            translation,
        } => {
            let read = |path: &Path| {
                crate::ingest::read_file(path)
                    .map(|bytes| (path.display().to_string(), Cow::Owned(bytes)))
                    .map_err(|e| e.to_string())
            };
            Ok((read(original)?, read(translation)?))
        }
        PairSource::Texts {
            original,
            translation,
        } => Ok((
            (
                format!("{}/original", pair.id),
                Cow::Borrowed(original.as_bytes()),
            ),
            (
                format!("{}/translation", pair.id),
                Cow::Borrowed(translation.as_bytes()),
            ),
        )),
        PairSource::Invalid(problem) => Err(problem.clone()),
    }
}

/// Checks one pair, or takes it from `done` when an earlier run finished
/// a pair with the same key (and the body of the page it wrote can be
/// read back); a pair that cannot be read becomes an error record.
/// `html`: render the body of its page (not wanted by `--out -`).
/// `signature`: the settings' signature, when keys are wanted.
fn process(
    pair: &PairInput,
    pipeline: &Pipeline,
    html: bool,
    done: &HashMap<String, Stored>,
    signature: Option<&str>,
) -> Done {
    let ((orig_name, orig), (trans_name, trans)) = match texts(pair) {
        Ok(texts) => texts,
        Err(problem) => {
            return Done {
                record: PairRecord::failed(pair.index, &pair.id, &problem, html),
                key: None,
                resumed: false,
            }
        }
    };
    let key = signature.map(|s| pair_key(&pair.id, &orig, &trans, s));
    let old = key
        .as_ref()
        .and_then(|k| done.get(k))
        .filter(|old| old.summary.pair == pair.id);
    if let Some(old) = old {
        // A page that cannot be read back (gone, damaged or edited since):
        // the pair is checked again.
        let body = if html {
            site::kept_body(&old.page).ok()
        } else {
            Some(String::new())
        };
        if let Some(section) = body {
            return Done {
                record: PairRecord {
                    index: pair.index,
                    summary: old.summary.clone(),
                    findings: old.findings.clone(),
                    section,
                },
                key,
                resumed: true,
            };
        }
    }
    let record = isolated(pair, html, move || {
        let docs = Document::from_bytes(&orig_name, &orig)
            .and_then(|o| Ok((o, Document::from_bytes(&trans_name, &trans)?)));
        // The bytes are not needed while the pair is checked.
        drop((orig, trans));
        match docs {
            Ok((orig, trans)) => {
                let report = pipeline.check_pair(&pair.id, &orig, &trans);
                PairRecord::checked(pair.index, &report, html)
            }
            Err(problem) => PairRecord::failed(pair.index, &pair.id, &problem.to_string(), html),
        }
    });
    Done {
        record,
        key,
        resumed: false,
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

/// Adds to `done` the finished pairs that the resume source `source`
/// recorded, by key. A last line cut short by an interruption is ignored,
/// and so is a line without a key (an earlier version's), a pair whose
/// page is not in the source's `report/pairs/` or whose findings cannot
/// be read back from its findings.jsonl.
fn load_state(source: &Source, done: &mut HashMap<String, Stored>) -> Result<(), Error> {
    let Ok(file) = File::open(&source.state) else {
        return Ok(());
    };
    let mut findings = File::open(&source.findings).ok().and_then(|file| {
        let len = file.metadata().ok()?.len();
        Some((file, len))
    });
    let mut reader = std::io::BufReader::new(file);
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader
            .read_line(&mut line)
            .map_err(|e| Error::io(&source.state, e))?;
        if n == 0 || !line.ends_with('\n') {
            break;
        }
        // A line this version did not write (or a damaged one): the pair
        // is checked again.
        let Ok(StateLine {
            key: Some(key),
            summary,
            findings_at,
        }) = serde_json::from_str::<StateLine>(&line)
        else {
            continue;
        };
        let page = source.pages.join(site::page_name(&summary.pair));
        if summary.status == Status::Error || !page.is_file() {
            continue;
        }
        let Some(rows) = findings
            .as_mut()
            .and_then(|(file, len)| read_findings(file, *len, findings_at))
        else {
            continue;
        };
        // The findings read back must be this pair's, all of them (the
        // file may have been edited since).
        if summary.findings == Some(rows.len()) && rows.iter().all(|f| f.pair == summary.pair) {
            done.insert(
                key,
                Stored {
                    summary,
                    findings: rows,
                    page,
                },
            );
        }
    }
    Ok(())
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

/// Runs `write` with the output folder `dir` locked as a batch run locks
/// it, for a file made from the reports after the run (`--xlsx`): no run
/// can replace them meanwhile. Fails at once with [`Error::Locked`] if a
/// run holds the folder.
pub fn with_lock<T>(dir: &std::path::Path, write: impl FnOnce() -> T) -> Result<T, Error> {
    let _lock = Lock::take(dir)?;
    Ok(write())
}

/// Runs a batch: checks every pair of `pairs` (or this shard's share) and
/// writes findings.csv, summary.csv, findings.jsonl and the HTML report
/// (report.html, report/) into `options.out`. `report_error` is called with a one-line message for
/// every pair that fails. The folder is locked for the run: another run
/// into it fails at once with [`Error::Locked`].
pub fn run(
    pairs: Pairs,
    options: &BatchOptions,
    report_error: &(dyn Fn(&str) + Sync),
) -> Result<BatchOutcome, Error> {
    let dir = &options.out;
    let _lock = Lock::take(dir)?;
    // A run whose commit a crash interrupted is committed first.
    output::recover(dir)?;
    let mut done = HashMap::new();
    if options.resume {
        for source in output::sources(dir)? {
            load_state(&source, &mut done)?;
        }
    }
    let signature = options.check.signature();
    let mut reports = Reports::create(dir, options.csv, &signature)?;

    let total = pairs.size_hint().1.map(|n| match options.shard {
        Some(s) => (0..n).filter(|&i| s.takes(i)).count(),
        None => n,
    });
    let bar = options.progress.then(|| progress_bar(total));

    let mut outcome = BatchOutcome::default();
    let mut log = options
        .log_every
        .filter(|_| bar.is_none())
        .map(|every| progress::Log::new(every, total));
    pipelined(
        pairs,
        options,
        &done,
        bar.as_ref(),
        Output::Folder,
        |chunk| {
            if let Some(log) = log.as_mut() {
                if let Some(line) = log.tick(outcome.pairs) {
                    report_error(&line);
                }
            }
            for Done {
                record,
                key,
                resumed,
            } in chunk
            {
                let written = reports.write_pair(&record)?;
                reports.write_state(&StateLine {
                    key,
                    summary: record.summary.clone(),
                    findings_at: written.findings,
                })?;
                if let Some(message) = outcome.count(&record, resumed) {
                    match &bar {
                        Some(bar) => bar.println(format!("backcheck: {message}")),
                        None => report_error(&message),
                    }
                }
            }
            // Findings and pages first: a state line must never point past
            // them.
            reports.flush()
        },
    )?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    reports.finish()?;
    Ok(outcome)
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
    let output = if sections {
        Output::StreamWithSections
    } else {
        Output::Stream
    };
    pipelined(pairs, options, &HashMap::new(), None, output, |chunk| {
        for done in chunk {
            if let Some(message) = outcome.count(&done.record, false) {
                report_error(&message);
            }
            sink.write_pair(&done.record).map_err(stdout)?;
        }
        sink.flush().map_err(stdout)
    })?;
    sink.finish().map_err(stdout)?;
    Ok(outcome)
}

/// What a batch writes, which decides what each pair needs.
#[derive(Clone, Copy, PartialEq)]
enum Output {
    /// The reports in a folder: pages, and resume keys.
    Folder,
    /// JSON lines on standard output: neither (`--out -`).
    Stream,
    /// JSON lines with each pair's report section: pages but no keys
    /// (`--out - --sections`).
    StreamWithSections,
}

/// Checks this shard's pairs chunk by chunk on a thread pool, in a
/// background thread, and hands each chunk, in input order, to `write` on
/// this thread: the next chunk is being checked while the last is written.
/// Pairs whose key is in `done` are taken from there instead of being
/// checked.
fn pipelined(
    pairs: Pairs,
    options: &BatchOptions,
    done: &HashMap<String, Stored>,
    bar: Option<&indicatif::ProgressBar>,
    output: Output,
    mut write: impl FnMut(Vec<Done>) -> Result<(), Error>,
) -> Result<(), Error> {
    let threads = options.threads();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Threads(e.to_string()))?;
    let shard = options.shard;
    // One pipeline for every pair: what it learns of words is shared.
    let pipeline = Pipeline::new(options.check.clone());
    let pipeline = &pipeline;
    // Only a folder is resumed, so only its pairs need keys.
    let signature = (output == Output::Folder).then(|| options.check.signature());
    let html = output != Output::Stream;
    let signature = signature.as_deref();
    let chunk_size = CHUNK_PER_JOB * threads;
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
                            let done = process(&pair, pipeline, html, done, signature);
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
                "{bar:30} {pos}/{len} pairs  {rate}  elapsed {elapsed}  eta {eta}",
            )
            .map(progress::with_rate)
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} pairs  {rate}  elapsed {elapsed}")
                .map(progress::with_rate)
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

    /// The pairs of the crash test: two checked pairs, an identical one and
    /// one that cannot be read; `reversed` gives them in the other order.
    fn crash_pairs(reversed: bool) -> Pairs {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let seed = |name: &str| std::fs::read_to_string(root.join(name)).expect("seed");
        let (a, b) = (
            seed("seeds/000_3746ec981e8ff7bf.txt"),
            seed("seeds/001_35c44ccd15055131.txt"),
        );
        let same = "Officials met in Kyiv for three days. The talks ended well.".to_string();
        let texts = |original: &String, translation: &String| PairSource::Texts {
            original: original.clone(),
            translation: translation.clone(),
        };
        let mut pairs = vec![
            ("ab".to_string(), texts(&a, &b)),
            ("ba".to_string(), texts(&b, &a)),
            ("same".to_string(), texts(&same, &same)),
            ("bad".to_string(), PairSource::Invalid("unreadable".into())),
        ];
        if reversed {
            pairs.reverse();
        }
        Box::new(
            pairs
                .into_iter()
                .enumerate()
                .map(|(index, (id, source))| PairInput { index, id, source }),
        )
    }

    fn crash_options(out: &Path, resume: bool) -> BatchOptions {
        BatchOptions {
            out: out.to_path_buf(),
            jobs: 2,
            shard: None,
            resume,
            csv: CsvStyle::default(),
            check: CheckOptions::default(),
            progress: false,
            log_every: None,
        }
    }

    /// The files of `out`'s report folder, relative to `out`, sorted.
    fn report_files(out: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![out.join(site::REPORT_DIR)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("report folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path.strip_prefix(out).expect("inside").to_path_buf());
                }
            }
        }
        files.sort();
        assert!(files.len() > 4, "the index and a page per pair");
        files
    }

    /// The child of the crash test: a run into `BACKCHECK_CRASH_OUT` that
    /// aborts at the step named by `BACKCHECK_CRASH_AT`. Does nothing
    /// when not started by that test.
    #[test]
    fn crash_child() {
        let Ok(out) = std::env::var("BACKCHECK_CRASH_OUT") else {
            return;
        };
        let resume = std::env::var("BACKCHECK_CRASH_RESUME").is_ok_and(|r| r == "1");
        let _ = run(
            crash_pairs(false),
            &crash_options(Path::new(&out), resume),
            &|_| {},
        );
    }

    /// Defect 6: a run killed at any step of writing or committing its
    /// reports (a process abort: nothing flushed, no destructor run),
    /// then resumed, gives the reports of a fresh run; and when an earlier
    /// complete run was there, no pair it finished is lost.
    #[test]
    fn a_crash_at_any_step_then_resume_gives_the_reports_of_a_fresh_run() {
        let tmp = tempfile::tempdir().expect("tmp");
        let fresh = tmp.path().join("fresh");
        run(crash_pairs(false), &crash_options(&fresh, false), &|_| {}).expect("fresh run");
        let exe = std::env::current_exe().expect("test binary");
        for step in output::CRASH_POINTS {
            for earlier in [false, true] {
                let out = tmp.path().join(format!("{step}-{earlier}"));
                if earlier {
                    // A complete earlier run with the pairs in another
                    // order: its pages link other neighbours.
                    run(crash_pairs(true), &crash_options(&out, false), &|_| {})
                        .expect("earlier run");
                }
                let status = std::process::Command::new(&exe)
                    .args(["--exact", "batch::tests::crash_child", "--test-threads=1"])
                    .env("BACKCHECK_CRASH_AT", step)
                    .env("BACKCHECK_CRASH_OUT", &out)
                    .env("BACKCHECK_CRASH_RESUME", if earlier { "1" } else { "0" })
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()
                    .expect("child runs");
                assert!(!status.success(), "{step}: the child did not crash");
                let outcome = run(crash_pairs(false), &crash_options(&out, true), &|_| {})
                    .unwrap_or_else(|e| panic!("{step}, earlier run {earlier}: {e}"));
                for name in output::REPORT_NAMES {
                    let got = std::fs::read(out.join(name)).expect("report");
                    let want = std::fs::read(fresh.join(name)).expect("report");
                    assert!(got == want, "{step}, earlier run {earlier}: {name} differs");
                }
                // The report folder: the same files, the same bytes.
                let files = report_files(&fresh);
                assert_eq!(report_files(&out), files, "{step}, earlier run {earlier}");
                for name in &files {
                    let got = std::fs::read(out.join(name)).expect("page");
                    let want = std::fs::read(fresh.join(name)).expect("page");
                    assert!(
                        got == want,
                        "{step}, earlier run {earlier}: {} differs",
                        name.display()
                    );
                }
                assert!(
                    !out.join(".backcheck-runs").exists(),
                    "{step}: run folder left"
                );
                if earlier {
                    assert_eq!(outcome.resumed, 3, "{step}: progress lost");
                }
            }
        }
    }
}
