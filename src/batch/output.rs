//! The output folder of a batch run: its lock, the four report files and
//! the state file, and how a run's outputs become the folder's reports.
//!
//! A run writes everything into a folder of its own,
//! `.backcheck-runs/N/` (N one more than any run folder there): the four
//! reports and `state.jsonl`, one line per finished pair. When every pair
//! is written, the files are synced, then a `committed` marker is written
//! and synced: from that moment the run is complete. Committing then
//! removes the folder's old state file, removes each old report that a
//! new one replaces, renames the new reports and the state into the
//! output folder, syncs it and removes `.backcheck-runs`. Every step can
//! be done again: a run that finds a committed run folder (a crash
//! interrupted its commit) finishes that commit first. So a crash at any
//! moment leaves either the old reports, or the new ones, or some of the
//! new ones and none of the old, never files of two runs side by side;
//! and the next run into the folder repairs it.
//!
//! The folder is locked (an exclusive lock on `.backcheck.lock`) for the
//! whole run: a second run into it is refused at once.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::report::{CsvSink, HtmlSink, JsonLinesSink, PairRecord, ReportSink, SummaryCsvSink};
use crate::Error;

/// The name of the findings as JSON lines, which `--resume` reads back.
pub(crate) const FINDINGS_JSONL: &str = "findings.jsonl";
/// The name of the HTML report, whose sections `--resume` copies back.
pub(crate) const REPORT_HTML: &str = "report.html";
/// The four reports, in the order they are written and committed.
pub(crate) const REPORT_NAMES: [&str; 4] =
    ["findings.csv", "summary.csv", FINDINGS_JSONL, REPORT_HTML];
/// The committed run's state, in the output folder.
pub(crate) const STATE_FILE: &str = ".backcheck-state.jsonl";
/// The state of a run, in its run folder.
const RUN_STATE: &str = "state.jsonl";
/// Where runs write until they commit.
const RUNS_DIR: &str = ".backcheck-runs";
/// The marker of a run folder whose files are complete and synced.
const COMMITTED: &str = "committed";
/// The file whose lock keeps a second run out of the folder.
pub(crate) const LOCK_FILE: &str = ".backcheck.lock";
/// What earlier versions left in the folder; removed at commit.
const LEGACY: [&str; 6] = [
    ".findings.csv.partial",
    ".summary.csv.partial",
    ".findings.jsonl.partial",
    ".report.html.partial",
    ".backcheck-previous.html",
    ".backcheck-sections.html",
];

type Out = BufWriter<File>;

/// Where a span of bytes lies in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Span {
    pub(crate) offset: u64,
    pub(crate) len: u64,
}

impl Span {
    /// The offset just past the span, or None if it overflows.
    pub(crate) fn end(self) -> Option<u64> {
        self.offset.checked_add(self.len)
    }
}

/// Stops the process at a named step of writing or committing, when a
/// test asks for it (`BACKCHECK_CRASH_AT`, test builds only): a crash
/// that runs no destructor and flushes nothing.
pub(crate) fn crash_point(step: &str) {
    #[cfg(test)]
    if std::env::var("BACKCHECK_CRASH_AT").is_ok_and(|s| s == step) {
        std::process::abort();
    }
    #[cfg(not(test))]
    let _ = step;
}

/// The steps [`crash_point`] names, in the order a run passes them.
#[cfg(test)]
pub(crate) const CRASH_POINTS: [&str; 12] = [
    "created",
    "chunk",
    "finished",
    "committed",
    "old-state-removed",
    "old-reports-removed",
    "renamed-findings.csv",
    "renamed-summary.csv",
    "renamed-findings.jsonl",
    "renamed-report.html",
    "state-renamed",
    "synced",
];

/// The exclusive lock on an output folder, held until dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

impl Lock {
    /// Creates `dir` if need be and locks it; fails at once if another
    /// run holds the lock.
    pub(crate) fn take(dir: &Path) -> Result<Lock, Error> {
        match std::fs::metadata(dir) {
            Ok(m) if !m.is_dir() => {
                return Err(Error::input(
                    dir.display().to_string(),
                    "is not a folder (--out needs a folder, or - for standard output)",
                ))
            }
            Ok(_) => {}
            Err(_) => std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?,
        }
        let path = dir.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked(dir.to_path_buf())),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

/// What a run can resume from: a state file with the findings.jsonl and
/// report.html its lines point into.
pub(crate) struct Source {
    pub(crate) state: PathBuf,
    pub(crate) findings: PathBuf,
    pub(crate) report: PathBuf,
}

/// The resume sources of `dir`, oldest first: the committed run's, then
/// each interrupted run folder's.
pub(crate) fn sources(dir: &Path) -> Result<Vec<Source>, Error> {
    let mut out = Vec::new();
    if dir.join(STATE_FILE).exists() {
        out.push(Source {
            state: dir.join(STATE_FILE),
            findings: dir.join(FINDINGS_JSONL),
            report: dir.join(REPORT_HTML),
        });
    }
    for (_, run) in run_folders(dir)? {
        if !run.join(COMMITTED).exists() {
            out.push(Source {
                state: run.join(RUN_STATE),
                findings: run.join(FINDINGS_JSONL),
                report: run.join(REPORT_HTML),
            });
        }
    }
    Ok(out)
}

/// The run folders of `dir` by number, ascending.
fn run_folders(dir: &Path) -> Result<Vec<(u64, PathBuf)>, Error> {
    let runs = dir.join(RUNS_DIR);
    let entries = match std::fs::read_dir(&runs) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&runs, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&runs, e))?;
        if let Some(n) = entry.file_name().to_str().and_then(|n| n.parse().ok()) {
            out.push((n, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Finishes the commit of a run that a crash interrupted after it was
/// complete, if there is one.
pub(crate) fn recover(dir: &Path) -> Result<(), Error> {
    for (_, run) in run_folders(dir)? {
        if run.join(COMMITTED).exists() {
            return commit(dir, &run);
        }
    }
    Ok(())
}

/// Syncs a folder, so the renames and removals in it are on disk.
fn sync_dir(dir: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn remove_if_there(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Moves the reports and state of the complete run folder `run` into
/// `dir` and removes every run folder. Each step can be done again after
/// a crash.
fn commit(dir: &Path, run: &Path) -> Result<(), Error> {
    let state = run.join(RUN_STATE);
    // Once the new state has been moved in, the one there is the new one.
    if state.exists() {
        remove_if_there(&dir.join(STATE_FILE))?;
    }
    crash_point("old-state-removed");
    // The old reports go before any new one comes in: never files of two
    // runs side by side.
    for name in REPORT_NAMES {
        if run.join(name).exists() {
            remove_if_there(&dir.join(name))?;
        }
    }
    crash_point("old-reports-removed");
    for name in REPORT_NAMES {
        let from = run.join(name);
        if from.exists() {
            std::fs::rename(&from, dir.join(name)).map_err(|e| Error::io(&from, e))?;
        }
        crash_point(&format!("renamed-{name}"));
    }
    if state.exists() {
        std::fs::rename(&state, dir.join(STATE_FILE)).map_err(|e| Error::io(&state, e))?;
    }
    crash_point("state-renamed");
    sync_dir(dir)?;
    crash_point("synced");
    let runs = dir.join(RUNS_DIR);
    std::fs::remove_dir_all(&runs).map_err(|e| Error::io(&runs, e))?;
    for name in LEGACY {
        remove_if_there(&dir.join(name))?;
    }
    sync_dir(dir)
}

/// One file of a run: its path, and a second handle to sync it by.
struct Named {
    path: PathBuf,
    sync: File,
}

impl Named {
    fn create(dir: &Path, name: &str) -> Result<(Named, Out), Error> {
        let path = dir.join(name);
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let sync = file.try_clone().map_err(|e| Error::io(&path, e))?;
        Ok((
            Named { path, sync },
            BufWriter::with_capacity(1 << 20, file),
        ))
    }

    fn sync(&self) -> Result<(), Error> {
        self.sync.sync_all().map_err(|e| Error::io(&self.path, e))
    }
}

/// findings.csv, summary.csv, findings.jsonl, report.html and the state
/// of a run, in its run folder.
pub(crate) struct Reports {
    findings_csv: CsvSink<Out>,
    summary_csv: SummaryCsvSink<Out>,
    jsonl: JsonLinesSink<Out>,
    html: HtmlSink<Out>,
    state: Out,
    /// The report files in the order of [`REPORT_NAMES`], then the state.
    names: [Named; 5],
    /// The output folder.
    dir: PathBuf,
    /// The run folder.
    run: PathBuf,
}

/// Where a pair written by [`Reports::write_pair`] lies in the files that
/// `--resume` reads back.
pub(crate) struct Written {
    /// Its lines in findings.jsonl.
    pub(crate) findings: Span,
    /// The body of its section in report.html.
    pub(crate) section: Span,
}

/// How the CSVs are written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CsvStyle {
    /// A UTF-8 BOM first (Excel).
    pub(crate) bom: bool,
    /// Cells as they are, formulas not neutralised.
    pub(crate) raw: bool,
    /// The field delimiter (`b','`, `b';'` or `b'\t'`).
    pub(crate) delimiter: u8,
}

impl Reports {
    /// Creates a new run folder in `dir` with the four files and the
    /// state, and writes the reports' headers: the CSVs' and the page's
    /// head.
    pub(crate) fn create(dir: &Path, csv: CsvStyle, signature: &str) -> Result<Reports, Error> {
        let number = run_folders(dir)?.last().map_or(1, |(n, _)| n + 1);
        let run = dir.join(RUNS_DIR).join(number.to_string());
        std::fs::create_dir_all(&run).map_err(|e| Error::io(&run, e))?;
        let (findings_names, out) = Named::create(&run, REPORT_NAMES[0])?;
        let findings_csv = CsvSink::with_delimiter(out, csv.bom, csv.delimiter)
            .map(|s| s.raw(csv.raw))
            .map_err(|e| Error::io(&findings_names.path, e))?;
        let (summary_names, out) = Named::create(&run, REPORT_NAMES[1])?;
        let summary_csv = SummaryCsvSink::with_delimiter(out, csv.bom, csv.delimiter)
            .map(|s| s.raw(csv.raw))
            .map_err(|e| Error::io(&summary_names.path, e))?;
        let (jsonl_names, out) = Named::create(&run, FINDINGS_JSONL)?;
        let jsonl = JsonLinesSink::new(out);
        let (html_names, out) = Named::create(&run, REPORT_HTML)?;
        let html = HtmlSink::new(out, signature).map_err(|e| Error::io(&html_names.path, e))?;
        let (state_names, state) = Named::create(&run, RUN_STATE)?;
        crash_point("created");
        Ok(Reports {
            findings_csv,
            summary_csv,
            jsonl,
            html,
            state,
            names: [
                findings_names,
                summary_names,
                jsonl_names,
                html_names,
                state_names,
            ],
            dir: dir.to_path_buf(),
            run,
        })
    }

    /// Writes one pair to every report.
    pub(crate) fn write_pair(&mut self, pair: &PairRecord) -> Result<Written, Error> {
        let start = self.jsonl.position();
        let sinks: [&mut dyn ReportSink; 4] = [
            &mut self.findings_csv,
            &mut self.summary_csv,
            &mut self.jsonl,
            &mut self.html,
        ];
        for (sink, name) in sinks.into_iter().zip(&self.names) {
            sink.write_pair(pair)
                .map_err(|e| Error::io(&name.path, e))?;
        }
        let (offset, len) = self.html.last_body();
        Ok(Written {
            findings: Span {
                offset: start,
                len: self.jsonl.position() - start,
            },
            section: Span { offset, len },
        })
    }

    /// Appends a line to the run's state (it reaches the file at the next
    /// [`Reports::flush`]).
    pub(crate) fn write_state(&mut self, line: &impl serde::Serialize) -> Result<(), Error> {
        let path = &self.names[4].path;
        serde_json::to_writer(&mut self.state, line)
            .map_err(std::io::Error::from)
            .and_then(|()| self.state.write_all(b"\n"))
            .map_err(|e| Error::io(path, e))
    }

    /// Puts everything written to findings.jsonl and report.html so far
    /// into the files and onto the disk, then the state lines that point
    /// into them: a state line must never point past what is there.
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        self.jsonl
            .flush()
            .map_err(|e| Error::io(&self.names[2].path, e))?;
        self.html
            .flush()
            .map_err(|e| Error::io(&self.names[3].path, e))?;
        self.names[2].sync()?;
        self.names[3].sync()?;
        self.state
            .flush()
            .map_err(|e| Error::io(&self.names[4].path, e))?;
        crash_point("chunk");
        Ok(())
    }

    /// Ends every report (the page's index), syncs the files, marks the
    /// run complete and commits it into the output folder.
    pub(crate) fn finish(self) -> Result<(), Error> {
        let Reports {
            mut findings_csv,
            mut summary_csv,
            mut jsonl,
            mut html,
            mut state,
            names,
            dir,
            run,
        } = self;
        let sinks: [&mut dyn ReportSink; 4] =
            [&mut findings_csv, &mut summary_csv, &mut jsonl, &mut html];
        for (sink, name) in sinks.into_iter().zip(&names) {
            sink.finish().map_err(|e| Error::io(&name.path, e))?;
        }
        state.flush().map_err(|e| Error::io(&names[4].path, e))?;
        drop((findings_csv, summary_csv, jsonl, html, state));
        crash_point("finished");
        for name in &names {
            name.sync()?;
        }
        let marker = run.join(COMMITTED);
        File::create(&marker)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(&marker, e))?;
        sync_dir(&run)?;
        crash_point("committed");
        commit(&dir, &run)
    }
}
