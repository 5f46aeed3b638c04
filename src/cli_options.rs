//! The command line's settings shared by `check`, `batch` and `merge`:
//! the config file and its profile, the glossary, the ignore list, the
//! baseline and per-check settings (each setting of backcheck.toml is a
//! flag here, and the flag wins); and how CSVs are written.

use anyhow::Result;
use std::path::{Path, PathBuf};

use backcheck::check::{CheckOptions, Glossary, Kind, Severity};
use backcheck::config::Config;
use backcheck::report::CsvStyle;
use backcheck::review::{Baseline, IgnoreList};

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| {
            let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            format!("no check {s:?} (one of {})", all.join(", "))
        })
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| format!("no severity {s:?} (minor, major or critical)"))
}

fn parse_kind_severity(s: &str) -> Result<(Kind, Severity), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?}: expected KIND=SEVERITY, e.g. name=critical"))?;
    Ok((parse_kind(k.trim())?, parse_severity(v.trim())?))
}

/// A CSV delimiter: `,`, `;` (for Excel set to a European language) or
/// `tab`.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\\t" | "tab" | "\t" => Ok(b'\t'),
        other => Err(format!("{other:?}: use ',', ';' or tab")),
    }
}

/// How the CSVs are written.
#[derive(clap::Args, Debug, Clone)]
pub struct CsvArgs {
    /// Write the CSVs with a UTF-8 BOM so Excel reads accents and curly quotes.
    #[arg(long)]
    pub excel: bool,
    /// Write CSV cells as they are: no `'` before a cell starting with
    /// = + - @ tab or CR (for pipelines, not spreadsheets).
    #[arg(long)]
    pub raw_csv: bool,
    /// The CSVs' delimiter: `,` (default), `;` (Excel set to a European
    /// language) or `tab`.
    #[arg(long, value_name = "CHAR", default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: u8,
}

impl CsvArgs {
    /// The CSV style these flags ask for.
    pub fn style(&self) -> CsvStyle {
        CsvStyle {
            bom: self.excel,
            raw: self.raw_csv,
            delimiter: self.delimiter,
        }
    }
}

/// How findings are chosen and judged (flags over backcheck.toml).
#[derive(clap::Args, Debug, Default, Clone)]
pub struct ReviewArgs {
    /// Settings file (TOML: per-check `enabled`, `severity`,
    /// `min_confidence`, `min_severity`, `glossary`, `ignore`, profiles).
    /// Default: backcheck.toml in the working folder, if there is one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use the config file's [profiles.NAME] on top of its other settings.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Known name renderings: CSV `name,variants,action` (variants separated
    /// by `;`, action variant|accept|ignore).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Findings marked "not an error": CSV `fingerprint,pair,note` (`pair`
    /// empty: every pair). They leave every report and are counted as
    /// `ignored` in the summary.
    #[arg(long, value_name = "FILE")]
    pub ignore: Option<PathBuf>,
    /// Hide findings less severe than this (counted as `hidden`).
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub min_severity: Option<Severity>,
    /// Turn a check off: name, number, dropped, polarity, added, moved or
    /// mistranslation (repeat for more).
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub disable: Vec<Kind>,
    /// Report every finding of a kind at one severity, e.g.
    /// `--severity name=critical` (repeat for more).
    #[arg(long, value_name = "KIND=SEVERITY", value_parser = parse_kind_severity)]
    pub severity: Vec<(Kind, Severity)>,
    /// An earlier run to compare with: a batch folder, or a file written by
    /// `check` (CSV or JSON). Each finding gets the status `new` or
    /// `unchanged`; those gone since are listed as `resolved`.
    #[arg(long, value_name = "DIR|FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: report only the findings that are new.
    #[arg(long, requires = "baseline")]
    pub only_new: bool,
}

impl ReviewArgs {
    /// The check options these flags (and the config file) give.
    pub fn options(&self) -> Result<CheckOptions> {
        let config_path = match &self.config {
            Some(p) => Some(p.clone()),
            None => Config::find(Path::new(".")),
        };
        let config = config_path
            .as_deref()
            .map(Config::load)
            .transpose()
            .map_err(anyhow::Error::msg)?;
        let settings = match &config {
            Some(c) => c
                .settings(self.profile.as_deref())
                .map_err(|e| anyhow::anyhow!("{}: {e}", path_text(config_path.as_deref())))?,
            None if self.profile.is_some() => {
                anyhow::bail!("--profile needs a config file (--config FILE or ./backcheck.toml)")
            }
            None => Default::default(),
        };
        let mut options = CheckOptions::default();
        if let Some(path) = self.glossary.as_ref().or(settings.glossary.as_ref()) {
            options.glossary = Glossary::from_path(path).map_err(anyhow::Error::msg)?;
        }
        let review = &mut options.review;
        if let Some(path) = self.ignore.as_ref().or(settings.ignore.as_ref()) {
            review.ignore = IgnoreList::from_path(path).map_err(anyhow::Error::msg)?;
        }
        if let Some(path) = &self.baseline {
            review.baseline = Some(Baseline::from_path(path).map_err(anyhow::Error::msg)?);
        }
        review.only_new = self.only_new;
        review.min_severity = self.min_severity.or(settings.min_severity);
        review.checks = settings.checks;
        for kind in &self.disable {
            review.checks.entry(*kind).or_default().enabled = false;
        }
        for (kind, severity) in &self.severity {
            review.checks.entry(*kind).or_default().severity = Some(*severity);
        }
        review.config = config.map(|c| match &self.profile {
            Some(p) => format!("{}/{p}", c.fingerprint()),
            None => c.fingerprint().to_string(),
        });
        Ok(options)
    }
}

fn path_text(p: Option<&Path>) -> String {
    p.map(|p| p.display().to_string()).unwrap_or_default()
}
