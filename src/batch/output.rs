//! The output folder of a batch run: its lock, the four report files,
//! the HTML report folder and the state file, and how a run's outputs
//! become the folder's reports.
//!
//! A run writes everything into a folder of its own,
//! `.backcheck-runs/N/` (N one more than any run folder there): the four
//! reports (report.html being the redirect to the report folder), the
//! report folder `report/` (a page per pair as pairs come, its index
//! last, [`SiteSink`]) and `state.jsonl`, one line per finished pair.
//! When every pair is written, the files are synced, then a `committed`
//! marker is written and synced: from that moment the run is complete.
//! Committing then removes the folder's old state file, removes each old
//! report that a new one replaces, moves the old report folder into the
//! run folder (whole, by one rename) and the new one into the output
//! folder (whole, by one rename), renames the new reports and the state
//! into the output folder, syncs it and removes `.backcheck-runs`. Every step can
//! be done again: a run that finds a committed run folder (a crash
//! interrupted its commit) finishes that commit first. So a crash at any
//! moment leaves either the old reports, or the new ones, or some of the
//! new ones and none of the old, never files of two runs side by side;
//! the report folder is always one run's, whole, or absent, so its index
//! never links a missing page; and the next run into the folder repairs
//! it.
//!
//! The folder is locked (an exclusive lock on `.backcheck.lock`) for the
//! whole run: a second run into it is refused at once.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::report::site::{PAIRS_DIR, REPORT_DIR};
use crate::report::{
    CsvSink, CsvStyle, JsonLinesSink, PairRecord, ReportSink, SiteSink, SummaryCsvSink,
};
use crate::Error;

/// The name of the findings as JSON lines, which `--resume` reads back.
pub(crate) const FINDINGS_JSONL: &str = "findings.jsonl";
/// The name of the HTML report's entry: a redirect to the report folder.
pub(crate) const REPORT_HTML: &str = "report.html";
/// The four reports, in the order they are written and committed.
pub(crate) const REPORT_NAMES: [&str; 4] =
    ["findings.csv", "summary.csv", FINDINGS_JSONL, REPORT_HTML];
/// The committed run's state, in the output folder.
pub(crate) const STATE_FILE: &str = ".backcheck-state.jsonl";
/// Where the committed report folder is kept while a commit replaces
/// it, in the run folder (removed with it).
const OLD_REPORT: &str = "old-report";
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
pub(crate) const CRASH_POINTS: [&str; 15] = [
    "created",
    "page",
    "chunk",
    "finished",
    "committed",
    "old-state-removed",
    "old-reports-removed",
    "old-report-folder-moved",
    "renamed-report",
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

/// What a run can resume from: a state file with the findings.jsonl its
/// lines point into and the folder of the pages it wrote.
pub(crate) struct Source {
    pub(crate) state: PathBuf,
    pub(crate) findings: PathBuf,
    pub(crate) pages: PathBuf,
}

/// The resume sources of `dir`, oldest first: the committed run's, then
/// each interrupted run folder's.
pub(crate) fn sources(dir: &Path) -> Result<Vec<Source>, Error> {
    let mut out = Vec::new();
    if dir.join(STATE_FILE).exists() {
        out.push(Source {
            state: dir.join(STATE_FILE),
            findings: dir.join(FINDINGS_JSONL),
            pages: dir.join(REPORT_DIR).join(PAIRS_DIR),
        });
    }
    for (_, run) in run_folders(dir)? {
        if !run.join(COMMITTED).exists() {
            out.push(Source {
                state: run.join(RUN_STATE),
                findings: run.join(FINDINGS_JSONL),
                pages: run.join(REPORT_DIR).join(PAIRS_DIR),
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

/// Moves the reports, the report folder and the state of the complete
/// run folder `run` into `dir` and removes every run folder. Each step
/// can be done again after a crash.
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
    // The old report folder leaves whole, by one rename, into the run
    // folder (removed with it): it is never there in part.
    let new_report = run.join(REPORT_DIR);
    let old_report = dir.join(REPORT_DIR);
    if new_report.exists() && old_report.exists() {
        let aside = run.join(OLD_REPORT);
        if aside.exists() {
            std::fs::remove_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
        }
        std::fs::rename(&old_report, &aside).map_err(|e| Error::io(&old_report, e))?;
    }
    crash_point("old-report-folder-moved");
    // The new one comes in whole at once, by one rename.
    if new_report.exists() {
        std::fs::rename(&new_report, &old_report).map_err(|e| Error::io(&new_report, e))?;
    }
    crash_point("renamed-report");
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

/// findings.csv, summary.csv, findings.jsonl, the report folder (with
/// report.html) and the state of a run, in its run folder.
pub(crate) struct Reports {
    findings_csv: CsvSink<Out>,
    summary_csv: SummaryCsvSink<Out>,
    jsonl: JsonLinesSink<Out>,
    html: SiteSink,
    state: Out,
    /// findings.csv, summary.csv, findings.jsonl, then the state.
    names: [Named; 4],
    /// The output folder.
    dir: PathBuf,
    /// The run folder.
    run: PathBuf,
    /// Pairs written so far.
    pairs: usize,
}

/// Where a pair written by [`Reports::write_pair`] lies in the file that
/// `--resume` reads back.
pub(crate) struct Written {
    /// Its lines in findings.jsonl.
    pub(crate) findings: Span,
}

impl Reports {
    /// Creates a new run folder in `dir` with the three files, the report
    /// folder and the state, and writes the CSVs' headers.
    pub(crate) fn create(dir: &Path, csv: CsvStyle, signature: &str) -> Result<Reports, Error> {
        let number = run_folders(dir)?.last().map_or(1, |(n, _)| n + 1);
        let run = dir.join(RUNS_DIR).join(number.to_string());
        std::fs::create_dir_all(&run).map_err(|e| Error::io(&run, e))?;
        let (findings_names, out) = Named::create(&run, REPORT_NAMES[0])?;
        let findings_csv =
            CsvSink::new(out, csv).map_err(|e| Error::io(&findings_names.path, e))?;
        let (summary_names, out) = Named::create(&run, REPORT_NAMES[1])?;
        let summary_csv =
            SummaryCsvSink::new(out, csv).map_err(|e| Error::io(&summary_names.path, e))?;
        let (jsonl_names, out) = Named::create(&run, FINDINGS_JSONL)?;
        let jsonl = JsonLinesSink::new(out);
        let html =
            SiteSink::new(&run, signature).map_err(|e| Error::io(&run.join(REPORT_DIR), e))?;
        let (state_names, state) = Named::create(&run, RUN_STATE)?;
        crash_point("created");
        Ok(Reports {
            findings_csv,
            summary_csv,
            jsonl,
            html,
            state,
            names: [findings_names, summary_names, jsonl_names, state_names],
            dir: dir.to_path_buf(),
            run,
            pairs: 0,
        })
    }

    /// Writes one pair to every report (its page is written when the
    /// next pair comes, or at [`Reports::finish`]).
    pub(crate) fn write_pair(&mut self, pair: &PairRecord) -> Result<Written, Error> {
        let start = self.jsonl.position();
        let sinks: [&mut dyn ReportSink; 3] = [
            &mut self.findings_csv,
            &mut self.summary_csv,
            &mut self.jsonl,
        ];
        for (sink, name) in sinks.into_iter().zip(&self.names) {
            sink.write_pair(pair)
                .map_err(|e| Error::io(&name.path, e))?;
        }
        self.html
            .write_pair(pair)
            .map_err(|e| Error::io(&self.run.join(REPORT_DIR), e))?;
        self.pairs += 1;
        if self.pairs == 2 {
            // The first page is written, the state not yet.
            crash_point("page");
        }
        Ok(Written {
            findings: Span {
                offset: start,
                len: self.jsonl.position() - start,
            },
        })
    }

    /// Appends a line to the run's state (it reaches the file at the next
    /// [`Reports::flush`]).
    pub(crate) fn write_state(&mut self, line: &impl serde::Serialize) -> Result<(), Error> {
        let path = &self.names[3].path;
        serde_json::to_writer(&mut self.state, line)
            .map_err(std::io::Error::from)
            .and_then(|()| self.state.write_all(b"\n"))
            .map_err(|e| Error::io(path, e))
    }

    /// Puts everything written to findings.jsonl into the file and onto
    /// the disk, then the state lines that point into it: a state line
    /// must never point past what is there. Pages are synced once, at
    /// [`Reports::finish`]: a resumed run checks again a pair whose page
    /// is missing or cut short ([`crate::report::site::kept_body`]).
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        self.jsonl
            .flush()
            .map_err(|e| Error::io(&self.names[2].path, e))?;
        self.names[2].sync()?;
        self.state
            .flush()
            .map_err(|e| Error::io(&self.names[3].path, e))?;
        crash_point("chunk");
        Ok(())
    }

    /// Ends every report (the report folder's last page, its index and
    /// report.html), syncs the files, marks the run complete and commits
    /// it into the output folder.
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
            pairs: _,
        } = self;
        let sinks: [&mut dyn ReportSink; 3] = [&mut findings_csv, &mut summary_csv, &mut jsonl];
        for (sink, name) in sinks.into_iter().zip(&names) {
            sink.finish().map_err(|e| Error::io(&name.path, e))?;
        }
        let report = run.join(REPORT_DIR);
        html.finish().map_err(|e| Error::io(&report, e))?;
        state.flush().map_err(|e| Error::io(&names[3].path, e))?;
        drop((findings_csv, summary_csv, jsonl, state));
        crash_point("finished");
        for name in &names {
            name.sync()?;
        }
        html.sync().map_err(|e| Error::io(&report, e))?;
        drop(html);
        let marker = run.join(COMMITTED);
        File::create(&marker)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(&marker, e))?;
        sync_dir(&run)?;
        crash_point("committed");
        commit(&dir, &run)
    }
}
