//! Reads a gold annotation in the layout of `fixtures/gold/seed-pair/`
//! (documented in docs/gold-format.md): TSV files with a header row, no
//! quoting, 0-based sentence indices.

use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::report::{tsv_field, tsv_writer};
use crate::Error;

/// One row of `alignment.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldBead {
    /// Original sentences, 0-based (for a `moved` row, the one repeated).
    pub orig: Vec<usize>,
    /// Translation sentences, 0-based.
    pub trans: Vec<usize>,
    /// The bead type: `1-1`, `2-1`, `1-0`, `0-1`, `moved`, ….
    pub kind: String,
}

/// One row of `findings.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldFinding {
    /// The row's id (`NAM-01`, `SYN-003`, …).
    pub id: String,
    /// The kind, as the checkers name theirs (`name`, `number`, …).
    pub kind: String,
    /// Original sentences, 0-based.
    pub orig: Vec<usize>,
    /// Translation sentences, 0-based.
    pub trans: Vec<usize>,
    /// The span of the original in question (may be empty).
    pub orig_text: String,
    /// The span of the translation in question (may be empty).
    pub trans_text: String,
    /// `critical`, `major` or `minor`.
    pub severity: String,
}

/// A whole gold annotation.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// The original's sentences as the annotator split them.
    pub orig_sentences: Vec<String>,
    /// The translation's sentences as the annotator split them.
    pub trans_sentences: Vec<String>,
    /// The sentence alignment.
    pub alignment: Vec<GoldBead>,
    /// The problems the annotator found.
    pub findings: Vec<GoldFinding>,
}

/// A gold file's comma-separated 0-based sentence indices ("3,4"; empty
/// for none).
#[derive(Debug, Clone, Default, PartialEq)]
struct Indices(Vec<usize>);

impl Serialize for Indices {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self.0.iter().map(usize::to_string).collect();
        serializer.serialize_str(&text.join(","))
    }
}

impl<'de> Deserialize<'de> for Indices {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Indices, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| {
                n.parse()
                    .map_err(|_| serde::de::Error::custom(format!("{n:?} is not a sentence index")))
            })
            .collect::<Result<_, _>>()
            .map(Indices)
    }
}

/// A row of `sentences.orig.tsv` or `sentences.trans.tsv`.
#[derive(Serialize, Deserialize)]
struct SentenceLine {
    #[serde(default)]
    idx: String,
    #[serde(default)]
    text: String,
}

/// A row of `alignment.tsv`.
#[derive(Serialize, Deserialize)]
struct BeadLine {
    #[serde(default)]
    orig: Indices,
    #[serde(default)]
    trans: Indices,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    note: String,
}

/// A row of `findings.tsv`.
#[derive(Serialize, Deserialize)]
struct FindingLine {
    #[serde(default)]
    id: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    orig_idx: Indices,
    #[serde(default)]
    trans_idx: Indices,
    #[serde(default)]
    orig_text: String,
    #[serde(default)]
    trans_text: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    note: String,
}

/// The rows of one TSV file of the annotation, by its header's column
/// names (unknown columns ignored, missing ones empty).
fn read_rows<T: serde::de::DeserializeOwned>(dir: &Path, file: &str) -> Result<Vec<T>, Error> {
    let path = dir.join(file);
    let reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(&path)
        .map_err(|e| Error::csv(&path, e))?;
    reader
        .into_deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| Error::csv(&path, e))
}

/// Writes `rows` under `header` as one TSV file of the annotation.
fn write_rows<T: Serialize>(
    dir: &Path,
    file: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = T>,
) -> Result<(), Error> {
    let path = dir.join(file);
    let out = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
    let mut writer = tsv_writer(out);
    writer
        .write_record(header)
        .map_err(|e| Error::csv(&path, e))?;
    for row in rows {
        writer.serialize(row).map_err(|e| Error::csv(&path, e))?;
    }
    writer.flush().map_err(|e| Error::io(&path, e))
}

impl Gold {
    /// Loads every file of the annotation that exists in `dir`.
    pub fn load(dir: &Path) -> Result<Gold, Error> {
        let mut gold = Gold::default();
        let sentences = |file: &str| -> Result<Vec<String>, Error> {
            let rows: Vec<SentenceLine> = read_rows(dir, file)?;
            Ok(rows.into_iter().map(|r| r.text).collect())
        };
        if dir.join("sentences.orig.tsv").exists() {
            gold.orig_sentences = sentences("sentences.orig.tsv")?;
            gold.trans_sentences = sentences("sentences.trans.tsv")?;
        }
        if dir.join("alignment.tsv").exists() {
            let rows: Vec<BeadLine> = read_rows(dir, "alignment.tsv")?;
            gold.alignment = rows
                .into_iter()
                .map(|r| GoldBead {
                    orig: r.orig.0,
                    trans: r.trans.0,
                    kind: r.kind,
                })
                .collect();
        }
        if dir.join("findings.tsv").exists() {
            let rows: Vec<FindingLine> = read_rows(dir, "findings.tsv")?;
            gold.findings = rows
                .into_iter()
                .map(|r| GoldFinding {
                    id: r.id,
                    kind: r.kind,
                    orig: r.orig_idx.0,
                    trans: r.trans_idx.0,
                    orig_text: r.orig_text,
                    trans_text: r.trans_text,
                    severity: r.severity,
                })
                .collect();
        }
        Ok(gold)
    }
}

/// Exact-match F1 between two sentence lists (as multisets of trimmed text).
pub fn sentence_f1(predicted: &[String], gold: &[String]) -> f64 {
    let mut pool: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for g in gold {
        *pool.entry(g.trim()).or_default() += 1;
    }
    let mut hits = 0;
    for p in predicted {
        if let Some(n) = pool.get_mut(p.trim()).filter(|n| **n > 0) {
            *n -= 1;
            hits += 1;
        }
    }
    f1(hits, predicted.len(), gold.len())
}

/// F1 from a hit count and the sizes of the predicted and gold sets.
pub fn f1(hits: usize, predicted: usize, gold: usize) -> f64 {
    if predicted + gold == 0 {
        return 1.0;
    }
    2.0 * hits as f64 / (predicted + gold) as f64
}

impl Gold {
    /// Writes the annotation in the layout `load` reads (TSV with a header
    /// row; tabs and newlines in text replaced by spaces).
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let sentences = |list: &[String]| {
            list.iter()
                .enumerate()
                .map(|(i, s)| SentenceLine {
                    idx: i.to_string(),
                    text: tsv_field(s).into_owned(),
                })
                .collect::<Vec<_>>()
        };
        let header = ["idx", "text"];
        write_rows(
            dir,
            "sentences.orig.tsv",
            &header,
            sentences(&self.orig_sentences),
        )?;
        write_rows(
            dir,
            "sentences.trans.tsv",
            &header,
            sentences(&self.trans_sentences),
        )?;
        let beads = self.alignment.iter().map(|b| BeadLine {
            orig: Indices(b.orig.clone()),
            trans: Indices(b.trans.clone()),
            kind: b.kind.clone(),
            note: String::new(),
        });
        write_rows(
            dir,
            "alignment.tsv",
            &["orig", "trans", "type", "note"],
            beads,
        )?;
        let findings = self.findings.iter().enumerate().map(|(n, f)| FindingLine {
            id: if f.id.is_empty() {
                format!("SYN-{:03}", n + 1)
            } else {
                f.id.clone()
            },
            kind: f.kind.clone(),
            orig_idx: Indices(f.orig.clone()),
            trans_idx: Indices(f.trans.clone()),
            orig_text: tsv_field(&f.orig_text).into_owned(),
            trans_text: tsv_field(&f.trans_text).into_owned(),
            severity: f.severity.clone(),
            note: String::new(),
        });
        write_rows(
            dir,
            "findings.tsv",
            &[
                "id",
                "kind",
                "orig_idx",
                "trans_idx",
                "orig_text",
                "trans_text",
                "severity",
                "note",
            ],
            findings,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_annotation_reads_back_as_written() {
        let dir = tempfile::tempdir().expect("tmp");
        let gold = Gold {
            orig_sentences: vec!["One\ttwo.".into(), "Three \"four\".".into()],
            trans_sentences: vec!["One two.".into()],
            alignment: vec![GoldBead {
                orig: vec![0, 1],
                trans: vec![0],
                kind: "2-1".into(),
            }],
            findings: vec![GoldFinding {
                id: String::new(),
                kind: "name".into(),
                orig: vec![1],
                trans: vec![],
                orig_text: "Three\nfour".into(),
                trans_text: String::new(),
                severity: "minor".into(),
            }],
        };
        gold.write(dir.path()).expect("write");
        let findings = std::fs::read_to_string(dir.path().join("findings.tsv")).expect("read");
        assert_eq!(
            findings,
            "id\tkind\torig_idx\ttrans_idx\torig_text\ttrans_text\tseverity\tnote\n\
             SYN-001\tname\t1\t\tThree four\t\tminor\t\n"
        );
        let back = Gold::load(dir.path()).expect("load");
        assert_eq!(back.orig_sentences, ["One two.", "Three \"four\"."]);
        assert_eq!(back.alignment, gold.alignment);
        assert_eq!(back.findings[0].id, "SYN-001");
        assert_eq!(back.findings[0].orig, [1]);
        assert!(back.findings[0].trans.is_empty());
        assert_eq!(back.findings[0].orig_text, "Three four");
    }

    #[test]
    fn a_bad_index_is_an_error_naming_the_file_and_line() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(
            dir.path().join("alignment.tsv"),
            "orig\ttrans\ttype\tnote\n0\t0\t1-1\t\n1,x\t1\t2-1\t\n",
        )
        .expect("write");
        let err = Gold::load(dir.path()).expect_err("bad index").to_string();
        assert!(
            err.contains("alignment.tsv: line 3") && err.contains("\"x\" is not a sentence index"),
            "{err}"
        );
    }
}
