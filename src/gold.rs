//! Reads a gold annotation in the layout of `fixtures/gold/seed-pair/`
//! (documented in docs/gold-format.md): TSV files with a header row, no
//! quoting, 0-based sentence indices.

use std::path::Path;

/// One row of `alignment.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldBead {
    pub orig: Vec<usize>,
    pub trans: Vec<usize>,
    pub kind: String,
}

/// One row of `findings.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldFinding {
    pub id: String,
    pub kind: String,
    pub orig: Vec<usize>,
    pub trans: Vec<usize>,
    pub orig_text: String,
    pub trans_text: String,
    pub severity: String,
}

/// A whole gold annotation.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    pub orig_sentences: Vec<String>,
    pub trans_sentences: Vec<String>,
    pub alignment: Vec<GoldBead>,
    pub findings: Vec<GoldFinding>,
}

fn read_rows(dir: &Path, file: &str) -> anyhow::Result<Vec<Vec<String>>> {
    let path = dir.join(file);
    let text =
        std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

fn indices(field: &str) -> Vec<usize> {
    field
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn field(row: &[String], i: usize) -> String {
    row.get(i).cloned().unwrap_or_default()
}

impl Gold {
    /// Loads every file of the annotation that exists in `dir`.
    pub fn load(dir: &Path) -> anyhow::Result<Gold> {
        let mut gold = Gold::default();
        let sentences = |file: &str| -> anyhow::Result<Vec<String>> {
            Ok(read_rows(dir, file)?.iter().map(|r| field(r, 1)).collect())
        };
        if dir.join("sentences.orig.tsv").exists() {
            gold.orig_sentences = sentences("sentences.orig.tsv")?;
            gold.trans_sentences = sentences("sentences.trans.tsv")?;
        }
        if dir.join("alignment.tsv").exists() {
            gold.alignment = read_rows(dir, "alignment.tsv")?
                .iter()
                .map(|r| GoldBead {
                    orig: indices(&field(r, 0)),
                    trans: indices(&field(r, 1)),
                    kind: field(r, 2),
                })
                .collect();
        }
        if dir.join("findings.tsv").exists() {
            gold.findings = read_rows(dir, "findings.tsv")?
                .iter()
                .map(|r| GoldFinding {
                    id: field(r, 0),
                    kind: field(r, 1),
                    orig: indices(&field(r, 2)),
                    trans: indices(&field(r, 3)),
                    orig_text: field(r, 4),
                    trans_text: field(r, 5),
                    severity: field(r, 6),
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
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let join = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
        let sentences = |list: &[String]| {
            let mut out = String::from("idx\ttext\n");
            for (i, s) in list.iter().enumerate() {
                out.push_str(&format!("{i}\t{}\n", clean(s)));
            }
            out
        };
        std::fs::write(
            dir.join("sentences.orig.tsv"),
            sentences(&self.orig_sentences),
        )?;
        std::fs::write(
            dir.join("sentences.trans.tsv"),
            sentences(&self.trans_sentences),
        )?;
        let mut alignment = String::from("orig\ttrans\ttype\tnote\n");
        for b in &self.alignment {
            alignment.push_str(&format!(
                "{}\t{}\t{}\t\n",
                join(&b.orig),
                join(&b.trans),
                b.kind
            ));
        }
        std::fs::write(dir.join("alignment.tsv"), alignment)?;
        let mut findings =
            String::from("id\tkind\torig_idx\ttrans_idx\torig_text\ttrans_text\tseverity\tnote\n");
        for (n, f) in self.findings.iter().enumerate() {
            let id = if f.id.is_empty() {
                format!("SYN-{:03}", n + 1)
            } else {
                f.id.clone()
            };
            findings.push_str(&format!(
                "{id}\t{}\t{}\t{}\t{}\t{}\t{}\t\n",
                f.kind,
                join(&f.orig),
                join(&f.trans),
                clean(&f.orig_text),
                clean(&f.trans_text),
                f.severity
            ));
        }
        std::fs::write(dir.join("findings.tsv"), findings)
    }
}
