//! The `backcheck` command line: a thin layer over the library.

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use backcheck::Document;

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
    Tsv,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Print the sentences of a file with their spans, paragraphs and labels.
    Segment {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "tsv")]
        format: TableFormat,
    },
    /// Align the sentences of an original and its back-translation and print the beads.
    Align {
        original: PathBuf,
        translation: PathBuf,
        #[arg(long, value_enum, default_value = "tsv")]
        format: TableFormat,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("backcheck: {err}");
            ExitCode::from(2)
        }
    }
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
            let alignment = backcheck::align::align(&so, &st, &backcheck::align::Params::default());
            let report = backcheck::report::align_report(&so, &st, &alignment);
            match format {
                TableFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &report)?;
                    writeln!(out)?;
                }
                TableFormat::Tsv => backcheck::report::write_align_tsv(&mut out, &report)?,
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
