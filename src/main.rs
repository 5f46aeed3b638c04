//! The `backcheck` command line: a thin layer over the library.

#![forbid(unsafe_code)]

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod cli_options;

use backcheck::check::{CheckOptions, Glossary, Severity};
use backcheck::report::{CsvSink, PairRecord, ReportSink};
use backcheck::{pipeline, Document};
use cli_options::{CsvArgs, ReviewArgs};
use std::io::IsTerminal;
use std::path::Path;

#[derive(Parser)]
#[command(
    name = "backcheck",
    version,
    about = "Check a translation against its original through an English back-translation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    /// Tab-separated, one row per line, with a header.
    Tsv,
    /// One pretty-printed JSON document.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Print the sentences of a file with their spans, paragraphs and labels.
    Segment {
        /// The file: plain text, .html/.htm or .docx.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: TableFormat,
    },
    /// Align the sentences of an original and its back-translation and print the beads.
    Align {
        /// The original article: plain text, .html/.htm or .docx.
        original: PathBuf,
        /// Its English back-translation, in the same formats.
        translation: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: TableFormat,
    },
    /// Check a back-translation against its original.
    ///
    /// On a terminal: a text view grouped by original sentence, both texts
    /// with the conflicting spans marked, the findings worst first. When
    /// stdout is not a terminal: CSV, one row per finding (columns: pair,
    /// finding, kind, severity, confidence, orig_sentence, trans_sentence,
    /// expected, found, orig_text, trans_text, message, orig_span,
    /// trans_span, fingerprint, status). --format chooses explicitly.
    ///
    /// A summary (score 0-100, coverage, findings by kind) goes to stderr on
    /// a terminal; --summary FILE writes it as JSON.
    ///
    /// Exit codes: 0 done; 1 a finding at or above --fail-on; 2 an error.
    Check {
        /// The original article: plain text (UTF-8, or UTF-16 with a BOM),
        /// .html/.htm or .docx.
        original: PathBuf,
        /// Its English back-translation, in the same formats.
        translation: PathBuf,
        /// Write the findings here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// text (default on a terminal), csv (default otherwise) or json.
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        #[command(flatten)]
        review: ReviewArgs,
        /// The pair id in the report (default: the original's file stem).
        #[arg(long)]
        pair: Option<String>,
        /// Write the summary as JSON to this file.
        #[arg(long)]
        summary: Option<PathBuf>,
        /// Exit with code 1 if a finding has this severity or worse.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        csv: CsvArgs,
        /// Also write the pair's HTML page (both texts side by side, the
        /// findings highlighted) to this file.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Also write the findings as an Excel workbook (.xlsx) to this file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// Check many document pairs in parallel; write findings.csv, summary.csv,
    /// findings.jsonl and report.html into --out.
    ///
    /// Give exactly one input: --manifest, --pair-dirs or --jsonl. A pair that
    /// cannot be read becomes an error row; the others complete.
    ///
    /// Exit codes: 0 every pair checked, none at or above --fail-on;
    /// 1 a finding at or above --fail-on; 2 a pair failed, or bad arguments.
    #[command(group(clap::ArgGroup::new("input").required(true).args(["manifest", "pair_dirs", "jsonl"])))]
    Batch {
        /// CSV with the columns id,original,translation (paths relative to it).
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Two folders; files are paired by stem, a file without a partner is an error row.
        #[arg(long, num_args = 2, value_names = ["ORIG_DIR", "TRANS_DIR"])]
        pair_dirs: Option<Vec<PathBuf>>,
        /// One {"id","original","translation"} object per line, read as a stream; `-` is stdin.
        #[arg(long)]
        jsonl: Option<PathBuf>,
        /// Output folder, or `-` for one JSON line per pair on stdout
        /// ({"pair","summary","findings"}; nothing written to disk).
        #[arg(long)]
        out: PathBuf,
        /// Worker threads (default: all cores; at most 4 per core). Output is
        /// identical for any value.
        #[arg(long)]
        jobs: Option<usize>,
        /// Take a deterministic share of the input: pairs whose position is K-1 mod N.
        #[arg(long, value_name = "K/N")]
        shard: Option<backcheck::batch::Shard>,
        /// Skip pairs an earlier run into the same --out already finished.
        #[arg(long)]
        resume: bool,
        #[command(flatten)]
        csv: CsvArgs,
        /// Also write findings.xlsx, an Excel workbook of the findings with
        /// a summary sheet.
        #[arg(long)]
        xlsx: bool,
        /// Exit with code 1 if a finding has this severity or worse.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        review: ReviewArgs,
        /// With --out -: put each pair's report.html section in its line
        /// ("section"), so that `backcheck merge` writes the same report.html.
        #[arg(long)]
        sections: bool,
    },
    /// Merge the JSON lines of `batch --out -` workers, in any order, into
    /// the four reports one batch writes (findings.csv, summary.csv,
    /// findings.jsonl, report.html).
    ///
    /// Pairs are written in the order of --order (the batch input), or by
    /// pair id with numbers compared as numbers. A line that is not a
    /// result, a pair that came back twice, or with --order a pair missing
    /// or unknown, stops the merge before anything is written.
    ///
    /// Exit codes as for batch: 0 done; 1 a finding at or above --fail-on;
    /// 2 a merged pair had failed, or the merge could not be done.
    Merge {
        /// Result files, folders of part files (Spark's and Hadoop's
        /// `part-*`; names starting with `.` or `_` are skipped), or `-`.
        #[arg(required = true)]
        parts: Vec<PathBuf>,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
        /// The batch input (JSON lines): write the pairs in its order and
        /// require each of them exactly once.
        #[arg(long, value_name = "INPUT.jsonl")]
        order: Option<PathBuf>,
        #[command(flatten)]
        csv: CsvArgs,
        /// Exit with code 1 if a finding has this severity or worse.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// The settings the workers ran with (named in report.html's
        /// signature).
        #[command(flatten)]
        review: ReviewArgs,
    },
    /// Score findings, alignment and sentences against a gold annotation
    /// (the layout of fixtures/gold/seed-pair, see docs/evaluation.md).
    Eval {
        /// The gold folder (sentences.*.tsv, alignment.tsv, findings.tsv).
        #[arg(long)]
        gold: PathBuf,
        /// The original article.
        original: PathBuf,
        /// Its back-translation.
        translation: PathBuf,
        /// Count every gold row for recall, not only critical/major rows
        /// with an original sentence.
        #[arg(long)]
        all_rows: bool,
        /// Known name renderings: CSV `name,variants,action`.
        #[arg(long)]
        glossary: Option<PathBuf>,
    },
    /// Generate a garbled back-translation of an article with its gold
    /// annotation (for testing and calibration).
    ///
    /// With --jsonl N: write N generated pairs as batch JSON lines to stdout
    /// instead, each an article of --sentences sentences drawn from the
    /// given files (for throughput runs).
    Synth {
        /// Articles whose sentences the generated pairs are made of.
        #[arg(required = true)]
        originals: Vec<PathBuf>,
        /// The random seed: the same seed gives the same pairs.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder for original.txt, translation.txt and gold/.
        #[arg(long, required_unless_present = "jsonl")]
        out: Option<PathBuf>,
        /// Write N pairs as batch JSON lines to stdout instead (seeds
        /// --seed, --seed+1, …).
        #[arg(long, value_name = "N")]
        jsonl: Option<usize>,
        /// Sentences per generated article (with --jsonl).
        #[arg(long, default_value_t = 60)]
        sentences: usize,
    },
}

/// A line of `synth --jsonl`: the input `batch --jsonl` reads.
#[derive(serde::Serialize)]
struct JsonPair<'a> {
    id: &'a str,
    original: &'a str,
    translation: &'a str,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum ReportFormat {
    /// One row per finding, with a header.
    Csv,
    /// One JSON document: pair, signature, summary, warnings, findings.
    Json,
    /// For reading: grouped by original sentence, spans marked.
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// Any finding.
    Minor,
    /// A major or critical finding.
    Major,
    /// A critical finding.
    Critical,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Minor => Severity::Minor,
            FailOn::Major => Severity::Major,
            FailOn::Critical => Severity::Critical,
        }
    }
}

fn options(glossary: Option<&Path>) -> Result<CheckOptions> {
    let mut options = CheckOptions::default();
    if let Some(path) = glossary {
        options.glossary = Glossary::from_path(path).map_err(anyhow::Error::msg)?;
    }
    Ok(options)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A reader that stopped reading (`| head`) is not an error.
        Err(err) if closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("backcheck: {err}");
            ExitCode::from(2)
        }
    }
}

/// True when `err` comes from writing to a pipe whose reader has gone.
fn closed_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == BrokenPipe)
            // serde_json keeps the I/O error inside, not as its source.
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
    })
}

fn load(path: &std::path::Path) -> Result<Document> {
    let doc = Document::from_path(path)?;
    for w in &doc.warnings {
        eprintln!("warning: {}", w.message);
    }
    Ok(doc)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Segment { file, format } => {
            let doc = load(&file)?;
            let sentences = backcheck::segment(&doc);
            match format {
                TableFormat::Json => {
                    let rows = backcheck::report::segment_rows(&doc, &sentences);
                    serde_json::to_writer_pretty(&mut out, &rows)?;
                    writeln!(out)?;
                }
                TableFormat::Tsv => {
                    backcheck::report::write_segment_tsv(&mut out, &doc, &sentences)?
                }
            }
        }
        Command::Align {
            original,
            translation,
            format,
        } => {
            let (orig, trans) = (load(&original)?, load(&translation)?);
            let (so, st) = (backcheck::segment(&orig), backcheck::segment(&trans));
            let pipeline = pipeline::Pipeline::default();
            let analysis = pipeline.analyse(&so, &st);
            let alignment = backcheck::align::align(&analysis, &pipeline.options().align);
            let report = backcheck::report::align_report(&so, &st, &alignment);
            match format {
                TableFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &report)?;
                    writeln!(out)?;
                }
                TableFormat::Tsv => backcheck::report::write_align_tsv(&mut out, &report)?,
            }
        }
        Command::Check {
            original,
            translation,
            output,
            format,
            review,
            pair,
            summary,
            fail_on,
            csv,
            html,
            xlsx,
        } => {
            let options = review.options()?;
            let (orig, trans) = (load(&original)?, load(&translation)?);
            let id = pair.unwrap_or_else(|| pipeline::pair_id(&original));
            let report = pipeline::check_pair(&id, &orig, &trans, &options);
            let terminal = output.is_none() && std::io::stdout().is_terminal();
            let format = format.unwrap_or(if terminal {
                ReportFormat::Text
            } else {
                ReportFormat::Csv
            });
            let bytes = match format {
                ReportFormat::Csv => {
                    let mut sink = CsvSink::new(Vec::new(), csv.style())?;
                    sink.write_pair(&PairRecord::checked(0, &report, false))?;
                    sink.finish()?;
                    sink.into_inner()?
                }
                ReportFormat::Json => {
                    let mut v = serde_json::to_vec_pretty(
                        &backcheck::report::findings::pair_json(&report),
                    )?;
                    v.push(b'\n');
                    v
                }
                ReportFormat::Text => {
                    // Colour only where stdout takes it (a terminal, no
                    // NO_COLOR); brackets mark the spans otherwise.
                    let colour = output.is_none()
                        && anstream::AutoStream::choice(&std::io::stdout())
                            != anstream::ColorChoice::Never;
                    backcheck::report::text::render(&report, colour).into_bytes()
                }
            };
            let write = |path: &Path, bytes: &[u8]| {
                backcheck::report::write_atomic(path, bytes)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
            };
            match &output {
                Some(path) => write(path, &bytes)?,
                None => out.write_all(&bytes)?,
            }
            if let Some(path) = &summary {
                write(path, &backcheck::report::findings::summary_json(&report)?)?;
            }
            if let Some(path) = &html {
                write(path, &backcheck::report::page::html_page(&report)?)?;
            }
            if let Some(path) = &xlsx {
                backcheck::report::xlsx::write_pair(path, &report)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            }
            if std::io::stderr().is_terminal() && format != ReportFormat::Text {
                eprint!("{}", backcheck::report::findings::summary_text(&report));
            }
            out.flush()?;
            if let Some(level) = fail_on {
                if report
                    .findings
                    .iter()
                    .any(|f| f.severity >= level.severity())
                {
                    return Ok(ExitCode::from(1));
                }
            }
        }
        Command::Batch {
            manifest,
            pair_dirs,
            jsonl,
            out: dir,
            jobs,
            shard,
            resume,
            csv,
            xlsx,
            fail_on,
            review,
            sections,
        } => {
            use backcheck::batch::{self, input};
            if sections && dir.as_os_str() != "-" {
                anyhow::bail!("--sections goes with --out - (a folder gets report.html anyway)");
            }
            let pairs = match (manifest, pair_dirs, jsonl) {
                (Some(m), _, _) => input::manifest(&m),
                (_, Some(d), _) => input::pair_dirs(&d[0], &d[1]),
                // A regular file (not stdin, not a FIFO, which counting
                // would use up) is counted first, so progress shows the
                // total and the time left. Folders and devices are
                // refused by `json_lines` before that.
                (_, _, Some(j)) if j.as_os_str() != "-" => {
                    let pairs = input::json_lines(&j)?;
                    if std::fs::metadata(&j).is_ok_and(|m| m.is_file()) {
                        let total = batch::progress::count_lines(&j)
                            .map_err(|e| anyhow::anyhow!("{}: {e}", j.display()))?;
                        Ok(batch::progress::with_total(pairs, total))
                    } else {
                        Ok(pairs)
                    }
                }
                (_, _, Some(j)) => input::json_lines(&j),
                _ => anyhow::bail!("give --manifest, --pair-dirs or --jsonl"),
            }?;
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let most = (4 * cores).min(batch::MAX_JOBS);
            let jobs = match jobs {
                None => cores.min(most),
                Some(0) => anyhow::bail!("--jobs 0: give at least 1 worker thread"),
                Some(n) if n > most => {
                    eprintln!(
                        "warning: --jobs {n} is more than 4 per core; using {most} worker threads"
                    );
                    most
                }
                Some(n) => n,
            };
            let options = batch::BatchOptions {
                out: dir.clone(),
                jobs,
                shard,
                resume,
                csv: csv.style(),
                check: review.options()?,
                progress: std::io::stderr().is_terminal() && dir.as_os_str() != "-",
                // A log (stderr not a terminal): a progress line every 10 s.
                log_every: (!std::io::stderr().is_terminal())
                    .then_some(std::time::Duration::from_secs(10)),
            };
            let report_error = |message: &str| eprintln!("backcheck: {message}");
            let outcome = if dir.as_os_str() == "-" && sections {
                batch::run_to_writer_with_sections(pairs, &options, &mut out, &report_error)
            } else if dir.as_os_str() == "-" {
                batch::run_to_writer(pairs, &options, &mut out, &report_error)
            } else {
                batch::run(pairs, &options, &report_error)
            }?;
            if xlsx && dir.as_os_str() != "-" {
                // Under the folder's lock, and renamed into place whole.
                let path = dir.join("findings.xlsx");
                let tmp = dir.join(".findings.xlsx.tmp");
                batch::with_lock(&dir, || {
                    backcheck::report::xlsx::write_batch(&dir, &tmp)?;
                    std::fs::rename(&tmp, &path).map_err(|e| e.to_string())
                })?
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            }
            // The end line names the pairs an editor should open first.
            let worst: Vec<String> = outcome
                .worst_pairs
                .iter()
                .map(|(pair, score)| format!("{pair} ({score:.1})"))
                .collect();
            eprintln!(
                "backcheck: {} pairs ({} resumed), {} findings, {} failed; reports in {}{}",
                outcome.pairs,
                outcome.resumed,
                outcome.findings,
                outcome.errors,
                dir.display(),
                if worst.is_empty() {
                    String::new()
                } else {
                    format!("; lowest scores: {}", worst.join(", "))
                }
            );
            if outcome.errors > 0 {
                return Ok(ExitCode::from(2));
            }
            if let Some(level) = fail_on {
                if outcome.worst.is_some_and(|w| w >= level.severity()) {
                    return Ok(ExitCode::from(1));
                }
            }
        }
        Command::Merge {
            parts,
            out: dir,
            order,
            csv,
            fail_on,
            review,
        } => {
            let options = backcheck::batch::merge::MergeOptions {
                out: dir,
                order,
                csv: csv.style(),
                signature: review.options()?.signature(),
            };
            return merge(&parts, &options, fail_on);
        }
        Command::Eval {
            gold,
            original,
            translation,
            all_rows,
            glossary,
        } => {
            let options = options(glossary.as_deref())?;
            let gold = backcheck::gold::Gold::load(&gold)?;
            let (orig, trans) = (load(&original)?, load(&translation)?);
            let report =
                pipeline::check_pair(&pipeline::pair_id(&original), &orig, &trans, &options);
            write!(
                out,
                "{}",
                backcheck::eval::evaluation_text(&report, &gold, all_rows)
            )?;
        }
        Command::Synth {
            originals,
            seed,
            out: dir,
            jsonl,
            sentences: per_article,
        } => {
            let mut pool: Vec<String> = Vec::new();
            for path in &originals {
                pool.extend(backcheck::segment(&load(path)?).into_iter().map(|s| s.text));
            }
            if let Some(n) = jsonl {
                for i in 0..n as u64 {
                    let original =
                        backcheck::synth::synthetic_original(&pool, per_article, seed + i);
                    let pair = backcheck::synth::synthesize(
                        &original,
                        &backcheck::synth::SynthConfig {
                            seed: seed + i,
                            ..Default::default()
                        },
                    );
                    serde_json::to_writer(
                        &mut out,
                        &JsonPair {
                            id: &format!("synth-{}", seed + i),
                            original: &pair.original.join(" "),
                            translation: &pair.translation.join(" "),
                        },
                    )?;
                    writeln!(out)?;
                }
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            let dir = dir.unwrap_or_default();
            let pair = backcheck::synth::synthesize(
                &pool,
                &backcheck::synth::SynthConfig {
                    seed,
                    ..Default::default()
                },
            );
            let write = |name: &str, lines: &[String]| -> Result<()> {
                let path = dir.join(name);
                backcheck::report::write_atomic(&path, (lines.join("\n\n") + "\n").as_bytes())
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
            };
            std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
            write("original.txt", &pair.original)?;
            write("translation.txt", &pair.translation)?;
            let gold = backcheck::gold::Gold {
                orig_sentences: pair.original.clone(),
                trans_sentences: pair.translation.clone(),
                alignment: pair.alignment.clone(),
                findings: pair.findings.clone(),
            };
            gold.write(&dir.join("gold"))?;
            writeln!(
                out,
                "wrote {} original and {} translation sentences, {} gold findings to {}",
                pair.original.len(),
                pair.translation.len(),
                pair.findings.len(),
                dir.display()
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `backcheck merge`: the reports, a line on stderr, the exit code.
fn merge(
    parts: &[PathBuf],
    options: &backcheck::batch::merge::MergeOptions,
    fail_on: Option<FailOn>,
) -> Result<ExitCode> {
    let report_error = |message: &str| eprintln!("backcheck: {message}");
    let outcome = backcheck::batch::merge::merge(parts, options, &report_error)?;
    let batch = &outcome.batch;
    eprintln!(
        "backcheck: merged {} pairs from {} file{}, {} findings, {} failed; reports in {}",
        batch.pairs,
        outcome.files,
        if outcome.files == 1 { "" } else { "s" },
        batch.findings,
        batch.errors,
        options.out.display()
    );
    if outcome.without_section > 0 {
        eprintln!(
            "backcheck: {} pairs came without their report.html section (run batch --out - with --sections); their sections list the findings only",
            outcome.without_section
        );
    }
    if batch.errors > 0 {
        return Ok(ExitCode::from(2));
    }
    if fail_on.is_some_and(|level| batch.worst.is_some_and(|w| w >= level.severity())) {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

// The checkers make many small allocations; the binary (never the
// library) uses mimalloc for them where the `mimalloc` feature is on, as
// it is by default (docs/performance.md has the measurement).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every argument of every command says what it is for.
    #[test]
    fn every_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "backcheck", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:?}");
        Cli::command().debug_assert();
    }

    #[test]
    fn a_closed_pipe_is_told_from_other_errors() {
        let pipe = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(closed_pipe(&pipe));
        let wrapped = anyhow::Error::new(backcheck::Error::io(
            Path::new("-"),
            std::io::Error::from(std::io::ErrorKind::BrokenPipe),
        ));
        assert!(closed_pipe(&wrapped));
        assert!(!closed_pipe(&anyhow::anyhow!("a.txt: no such file")));
        let json = serde_json::Error::io(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(closed_pipe(&anyhow::Error::new(json)));
    }
}
