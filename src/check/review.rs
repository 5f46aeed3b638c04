//! What an editor decides about findings, applied after the checkers:
//! per-check settings (on or off, a severity of its own, a confidence
//! floor), a severity floor, the ignore list ("not an error", kept across
//! runs) and a baseline (an earlier run, so each finding is `new` or
//! `unchanged` and the ones gone since are `resolved`).
//!
//! Decisions hold across runs because every finding carries a
//! [`fingerprint`]: a short hash of its kind, its two texts and the
//! normalised sentences it is about, never their positions, so it
//! survives edits elsewhere in the document.
//!
//! ```
//! use backcheck::check::Kind;
//! let a = backcheck::review::fingerprint(Kind::Name, "Kursk", "Kurusk", &["He went to Kursk."], &["He went to Kurusk."]);
//! let b = backcheck::review::fingerprint(Kind::Name, "Kursk", "Kurusk", &["He  went to KURSK."], &["He went to Kurusk."]);
//! assert_eq!(a, b);
//! assert_eq!(a.len(), 12);
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::{Finding, Kind, Severity};

/// FNV-1a, 64 bits (the `fnv` crate's, as the report's page names use):
/// small, stable across versions and platforms.
struct Fnv(fnv::FnvHasher);

impl Fnv {
    fn new() -> Fnv {
        Fnv(fnv::FnvHasher::default())
    }

    fn bytes(&mut self, bytes: &[u8]) {
        std::hash::Hasher::write(&mut self.0, bytes);
    }

    /// The hash so far.
    fn value(&self) -> u64 {
        std::hash::Hasher::finish(&self.0)
    }

    /// A field, then a separator no text holds.
    fn field(&mut self, text: &str) {
        self.bytes(text.as_bytes());
        self.bytes(&[0xff]);
    }

    /// The field of the text in lower case with runs of white space as
    /// one space and none at either end, hashed as it is made, without
    /// building it (findings are many, each hashes its sentences; most
    /// text is ASCII, which is hashed a byte at a time in one pass).
    fn normalised_field(&mut self, text: &str) {
        if text.is_ascii() {
            // Runs of white space (what `split_whitespace` splits on, in
            // ASCII: tab to carriage return, and space) become one space
            // before the next word.
            let mut space = false;
            let mut started = false;
            for &b in text.as_bytes() {
                if matches!(b, b'\t'..=b'\r' | b' ') {
                    space = started;
                    continue;
                }
                if space {
                    self.bytes(b" ");
                    space = false;
                }
                started = true;
                self.bytes(&[b.to_ascii_lowercase()]);
            }
        } else {
            for (i, word) in text.split_whitespace().enumerate() {
                if i > 0 {
                    self.bytes(b" ");
                }
                self.bytes(word.to_lowercase().as_bytes());
            }
        }
        self.bytes(&[0xff]);
    }
}

/// Text as the fingerprint sees it: lower case, runs of white space as
/// one space, no space at either end (what `Fnv::normalised_field`
/// hashes without building it).
#[cfg(test)]
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A finding's fingerprint: 12 hex digits hashing its kind, expected and
/// found texts and the normalised texts of its original and translation
/// sentences. Positions and sentence numbers are left out, so inserting
/// or removing other sentences does not change it.
pub fn fingerprint(
    kind: Kind,
    expected: &str,
    found: &str,
    orig_sentences: &[&str],
    trans_sentences: &[&str],
) -> String {
    let mut h = Fnv::new();
    h.field(kind.as_str());
    h.normalised_field(expected);
    h.normalised_field(found);
    for s in orig_sentences {
        h.normalised_field(s);
    }
    h.bytes(&[0xfe]);
    for s in trans_sentences {
        h.normalised_field(s);
    }
    format!("{:012x}", h.value() >> 16)
}

/// Whether a finding was in the baseline run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Novelty {
    /// Not in the baseline.
    New,
    /// In the baseline too.
    Unchanged,
}

impl Novelty {
    /// The name reports give it.
    pub fn as_str(self) -> &'static str {
        match self {
            Novelty::New => "new",
            Novelty::Unchanged => "unchanged",
        }
    }
}

/// The settings of one check (one finding kind).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckSetting {
    /// Report this kind at all.
    pub enabled: bool,
    /// Report every finding of this kind at this severity.
    pub severity: Option<Severity>,
    /// Drop findings of this kind less sure than this (0–1).
    pub min_confidence: f32,
}

impl Default for CheckSetting {
    fn default() -> CheckSetting {
        CheckSetting {
            enabled: true,
            severity: None,
            min_confidence: 0.0,
        }
    }
}

/// One line of an ignore list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreEntry {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// The pair it applies to; None for every pair.
    pub pair: Option<String>,
    /// Why (for the editor; not used).
    pub note: String,
}

/// The findings an editor marked "not an error": `--ignore FILE`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IgnoreList {
    entries: Vec<IgnoreEntry>,
    everywhere: HashSet<String>,
    per_pair: HashSet<(String, String)>,
}

/// True for what a fingerprint looks like: 12 lower-case hex digits.
fn is_fingerprint(s: &str) -> bool {
    s.len() == 12
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl IgnoreList {
    /// Reads an ignore list: CSV `fingerprint,pair,note` (a header row is
    /// optional; `pair` may be empty so the line applies to every pair;
    /// lines starting with `#` are comments). Errors name the line.
    pub fn parse(text: &str) -> Result<IgnoreList, String> {
        let mut list = IgnoreList::default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record.map_err(|e| e.to_string())?;
            let line = record.position().map_or(0, |p| p.line());
            let first = record.get(0).unwrap_or("");
            if first.is_empty() && record.iter().all(str::is_empty) {
                continue;
            }
            if first == "fingerprint" {
                continue;
            }
            if record.len() > 3 {
                return Err(format!(
                    "line {line}: {} columns, expected fingerprint,pair,note",
                    record.len()
                ));
            }
            let fingerprint = first.to_ascii_lowercase();
            if !is_fingerprint(&fingerprint) {
                return Err(format!(
                    "line {line}: {first:?} is not a fingerprint (12 hex digits, the `fingerprint` column of a report)"
                ));
            }
            let pair = record.get(1).filter(|p| !p.is_empty()).map(str::to_string);
            list.push(IgnoreEntry {
                fingerprint,
                pair,
                note: record.get(2).unwrap_or("").to_string(),
            });
        }
        Ok(list)
    }

    /// Reads the ignore list at `path`; errors name the file.
    pub fn from_path(path: &Path) -> Result<IgnoreList, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        IgnoreList::parse(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Adds a line.
    pub fn push(&mut self, entry: IgnoreEntry) {
        match &entry.pair {
            Some(pair) => {
                self.per_pair
                    .insert((pair.clone(), entry.fingerprint.clone()));
            }
            None => {
                self.everywhere.insert(entry.fingerprint.clone());
            }
        }
        self.entries.push(entry);
    }

    /// The lines, in file order.
    pub fn entries(&self) -> &[IgnoreEntry] {
        &self.entries
    }

    /// True when the finding `fingerprint` of `pair` is to be ignored.
    pub fn covers(&self, pair: &str, fingerprint: &str) -> bool {
        self.everywhere.contains(fingerprint)
            || self
                .per_pair
                .contains(&(pair.to_string(), fingerprint.to_string()))
    }
}

/// A finding of the baseline run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    /// Its fingerprint.
    pub fingerprint: String,
    /// Its kind, as the baseline wrote it.
    pub kind: String,
    /// Its severity, as the baseline wrote it.
    pub severity: String,
    /// What the original said.
    pub expected: String,
    /// What the translation said.
    pub found: String,
    /// Its message.
    pub message: String,
}

/// An earlier run's findings by pair: `--baseline`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    by_pair: HashMap<String, Vec<Resolved>>,
    /// A hash of what was read, for the signature.
    hash: u64,
}

impl Baseline {
    /// Reads an earlier run's findings: a batch folder (its findings.jsonl,
    /// or else findings.csv), or a file written by `check` (CSV, or JSON
    /// with `--format json`) or a findings.jsonl. The findings must have
    /// a `fingerprint` (written by this version or later).
    pub fn from_path(path: &Path) -> Result<Baseline, String> {
        let file = if path.is_dir() {
            ["findings.jsonl", "findings.csv", "findings.json"]
                .iter()
                .map(|n| path.join(n))
                .find(|p| p.is_file())
                .ok_or_else(|| {
                    format!(
                        "{}: no findings.jsonl or findings.csv in this folder",
                        path.display()
                    )
                })?
        } else {
            path.to_path_buf()
        };
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}');
        let rows = if text.trim_start().starts_with('{') {
            Baseline::json_rows(text)
        } else {
            Baseline::csv_rows(text)
        }
        .map_err(|e| format!("{}: {e}", file.display()))?;
        let mut baseline = Baseline::default();
        let mut h = Fnv::new();
        for (pair, row) in rows {
            h.field(&pair);
            h.field(&row.fingerprint);
            baseline.by_pair.entry(pair).or_default().push(row);
        }
        baseline.hash = h.value();
        Ok(baseline)
    }

    fn json_rows(text: &str) -> Result<Vec<(String, Resolved)>, String> {
        let mut values: Vec<serde_json::Value> = Vec::new();
        // One document (check --format json) or one object per line.
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => match v.get("findings").and_then(|f| f.as_array()) {
                Some(findings) => values.extend(findings.iter().cloned()),
                None => values.push(v),
            },
            Err(_) => {
                for (n, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let v: serde_json::Value = serde_json::from_str(line)
                        .map_err(|e| format!("line {}: not JSON ({e})", n + 1))?;
                    match v.get("findings").and_then(|f| f.as_array()) {
                        // A line of `batch --out -`.
                        Some(findings) => values.extend(findings.iter().cloned()),
                        None => values.push(v),
                    }
                }
            }
        }
        values
            .iter()
            .enumerate()
            .map(|(n, v)| {
                let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
                let fingerprint = field("fingerprint");
                if !is_fingerprint(&fingerprint) {
                    return Err(format!(
                        "finding {} has no fingerprint (written by an older backcheck?)",
                        n + 1
                    ));
                }
                Ok((
                    field("pair"),
                    Resolved {
                        fingerprint,
                        kind: field("kind"),
                        severity: field("severity"),
                        expected: field("expected"),
                        found: field("found"),
                        message: field("message"),
                    },
                ))
            })
            .collect()
    }

    fn csv_rows(text: &str) -> Result<Vec<(String, Resolved)>, String> {
        // The delimiter of the header line: `,` or `;` (--delimiter).
        let first = text.lines().next().unwrap_or("");
        let delimiter = if first.contains(';') && !first.contains(',') {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| e.to_string())?.clone();
        let at = |name: &str| header.iter().position(|h| h == name);
        let fp =
            at("fingerprint").ok_or("no fingerprint column (written by an older backcheck?)")?;
        let columns = ["pair", "kind", "severity", "expected", "found", "message"].map(at);
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| e.to_string())?;
            let get = |i: Option<usize>| {
                i.and_then(|i| record.get(i))
                    .unwrap_or("")
                    // A cell kept as text for a spreadsheet.
                    .trim_start_matches('\'')
                    .to_string()
            };
            let fingerprint = get(Some(fp));
            if !is_fingerprint(&fingerprint) {
                let line = record.position().map_or(0, |p| p.line());
                return Err(format!("line {line}: {fingerprint:?} is not a fingerprint"));
            }
            rows.push((
                get(columns[0]),
                Resolved {
                    fingerprint,
                    kind: get(columns[1]),
                    severity: get(columns[2]),
                    expected: get(columns[3]),
                    found: get(columns[4]),
                    message: get(columns[5]),
                },
            ));
        }
        Ok(rows)
    }

    /// The baseline's findings of `pair`.
    pub fn pair(&self, pair: &str) -> &[Resolved] {
        self.by_pair.get(pair).map_or(&[], Vec::as_slice)
    }
}

/// Everything decided about findings, applied by the pipeline after the
/// checkers (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Review {
    /// Settings per check; a kind not listed has the defaults.
    pub checks: BTreeMap<Kind, CheckSetting>,
    /// Hide findings less severe than this.
    pub min_severity: Option<Severity>,
    /// Findings marked "not an error".
    pub ignore: IgnoreList,
    /// An earlier run to compare with.
    pub baseline: Option<Baseline>,
    /// Keep only findings that are not in the baseline.
    pub only_new: bool,
    /// The config file's fingerprint and profile, for the signature.
    pub config: Option<String>,
}

/// A kept finding's fingerprint and, with a baseline, its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tracked {
    /// See [`fingerprint`].
    pub fingerprint: String,
    /// `new` or `unchanged` with a baseline; None without one.
    pub status: Option<Novelty>,
}

/// What [`Review::apply`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reviewed {
    /// The kept findings' fingerprints and statuses, in order.
    pub tracked: Vec<Tracked>,
    /// Findings dropped by the ignore list.
    pub ignored: usize,
    /// Findings hidden by the severity floor or `only_new`.
    pub hidden: usize,
    /// With a baseline, its findings of this pair found no more.
    pub resolved: Option<Vec<Resolved>>,
}

impl Review {
    /// True when nothing is set: findings pass unchanged.
    pub fn is_default(&self) -> bool {
        *self == Review::default()
    }

    /// A short stable description for the report signature, empty when
    /// nothing is set.
    pub fn signature(&self) -> String {
        if self.is_default() {
            return String::new();
        }
        let mut h = Fnv::new();
        for (kind, s) in &self.checks {
            h.field(&format!(
                "{}:{}:{:?}:{}",
                kind.as_str(),
                s.enabled,
                s.severity.map(Severity::as_str),
                s.min_confidence
            ));
        }
        h.field(self.min_severity.map_or("", Severity::as_str));
        for e in self.ignore.entries() {
            h.field(&e.fingerprint);
            h.field(e.pair.as_deref().unwrap_or(""));
        }
        if let Some(b) = &self.baseline {
            h.field(&format!("{:x}", b.hash));
        }
        h.field(if self.only_new { "only-new" } else { "" });
        let review = format!("review:{:012x}", h.value() >> 16);
        match &self.config {
            Some(config) => format!("config:{config}|{review}"),
            None => review,
        }
    }

    /// Applies the decisions to the findings of `pair` in place, given
    /// the texts of both sides' sentences (for the fingerprints).
    pub fn apply(
        &self,
        pair: &str,
        findings: &mut Vec<Finding>,
        orig: &[&str],
        trans: &[&str],
    ) -> Reviewed {
        let texts = |side: &[&str], idx: &[usize]| -> Vec<String> {
            idx.iter()
                .filter_map(|&i| side.get(i))
                .map(|s| s.to_string())
                .collect()
        };
        // Per-check settings first: a check turned off finds nothing.
        findings.retain_mut(|f| {
            let setting = self.checks.get(&f.kind).copied().unwrap_or_default();
            if let Some(s) = setting.severity {
                f.severity = s;
            }
            setting.enabled && f.confidence >= setting.min_confidence
        });
        let prints: Vec<String> = findings
            .iter()
            .map(|f| {
                let o = texts(orig, &f.orig);
                let t = texts(trans, &f.trans);
                let o: Vec<&str> = o.iter().map(String::as_str).collect();
                let t: Vec<&str> = t.iter().map(String::as_str).collect();
                fingerprint(f.kind, &f.expected, &f.found, &o, &t)
            })
            .collect();
        let earlier = self.baseline.as_ref().map(|b| b.pair(pair));
        let resolved = earlier.map(|earlier| {
            let now: HashSet<&str> = prints.iter().map(String::as_str).collect();
            earlier
                .iter()
                .filter(|r| !now.contains(r.fingerprint.as_str()))
                .cloned()
                .collect()
        });
        let before: Option<HashSet<&str>> =
            earlier.map(|e| e.iter().map(|r| r.fingerprint.as_str()).collect());
        let mut out = Reviewed {
            resolved,
            ..Reviewed::default()
        };
        let mut kept = Vec::with_capacity(findings.len());
        for (f, print) in std::mem::take(findings).into_iter().zip(prints) {
            if self.ignore.covers(pair, &print) {
                out.ignored += 1;
                continue;
            }
            let status = before.as_ref().map(|b| {
                if b.contains(print.as_str()) {
                    Novelty::Unchanged
                } else {
                    Novelty::New
                }
            });
            let below = self.min_severity.is_some_and(|m| f.severity < m);
            if below || (self.only_new && status == Some(Novelty::Unchanged)) {
                out.hidden += 1;
                continue;
            }
            out.tracked.push(Tracked {
                fingerprint: print,
                status,
            });
            kept.push(f);
        }
        *findings = kept;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_fields_hash_the_normalised_text() {
        for text in [
            "",
            "  Kursk  Oblast ",
            "ΟΔΟΣ Σ",
            "Straße\tGROSS",
            "a\u{a0}b",
            "\t Mixed\x0b\x0cCase \r\n words\x1f  ",
            "one",
            " \n ",
        ] {
            let (mut streamed, mut built) = (Fnv::new(), Fnv::new());
            streamed.normalised_field(text);
            built.field(&normalised(text));
            assert_eq!(streamed.value(), built.value(), "{text:?}");
        }
    }

    #[test]
    fn fingerprints_ignore_case_and_spacing_but_not_content() {
        let a = fingerprint(Kind::Number, "3", "4", &["Three days."], &["Four days."]);
        assert_eq!(
            a,
            fingerprint(Kind::Number, "3", "4", &[" three  DAYS."], &["Four days."])
        );
        assert_ne!(
            a,
            fingerprint(Kind::Number, "3", "5", &["Three days."], &["Four days."])
        );
        assert_ne!(
            a,
            fingerprint(Kind::Name, "3", "4", &["Three days."], &["Four days."])
        );
        // The sides are kept apart.
        assert_ne!(
            fingerprint(Kind::Dropped, "", "", &["a", "b"], &[]),
            fingerprint(Kind::Dropped, "", "", &["a"], &["b"])
        );
        assert!(is_fingerprint(&a), "{a}");
    }

    #[test]
    fn ignore_lists_apply_per_pair_or_everywhere_and_name_bad_lines() {
        let list = IgnoreList::parse(
            "fingerprint,pair,note\n# a comment\n0123456789ab,,everywhere\nABCDEF012345,p1,just here\n",
        )
        .expect("valid");
        assert!(list.covers("p9", "0123456789ab"));
        assert!(list.covers("p1", "abcdef012345"));
        assert!(!list.covers("p2", "abcdef012345"));
        let err = IgnoreList::parse("0123456789ab\nKursk,p1\n").expect_err("not a fingerprint");
        assert!(err.starts_with("line 2:"), "{err}");
        let err = IgnoreList::parse("0123456789ab,a,b,c\n").expect_err("columns");
        assert!(err.contains("4 columns"), "{err}");
    }
}
