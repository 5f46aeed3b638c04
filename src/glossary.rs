//! Known renderings of names: accepted equivalents (U.S. = United States,
//! silent; exonyms such as Naples = Napoli, from
//! [`crate::lexicon::names::EXONYMS`]), transliteration variants
//! (Kyiv/Kiev, reported as minor) and names to leave alone. A built-in
//! list, extended by `--glossary FILE`.
//!
//! The file is CSV with the columns `name,variants,action`; the header row
//! is optional. `variants` separates renderings with `;`. `action` is
//! `variant` (the default: reported as a minor finding), `accept` (not
//! reported) or `ignore` (the name is never checked).
//!
//! ```
//! use backcheck::check::Glossary;
//! let g = Glossary::builtin().extended_from_csv("Mykolaiv,Nikolaev;Mikolaiv,variant\n".as_bytes()).unwrap();
//! assert!(g.fingerprint().starts_with("builtin+1:"));
//! ```

use rustc_hash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher};
use std::io::Read;

use crate::text::tokenize;

/// How a listed rendering is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rendering {
    /// An equivalent form: no finding.
    Accepted,
    /// A transliteration variant: a minor finding.
    Variant,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Entry {
    /// Token keys of the canonical name.
    canonical: Vec<String>,
    variants: Vec<(Vec<String>, Rendering)>,
    ignore: bool,
}

/// The list of known renderings.
#[derive(Debug, Clone, PartialEq)]
pub struct Glossary {
    entries: Vec<Entry>,
    by_first_key: HashMap<String, Vec<usize>>,
    user_rows: usize,
    user_hash: u64,
}

impl Default for Glossary {
    fn default() -> Glossary {
        Glossary::builtin()
    }
}

const BUILTIN: &[(&str, &str, Rendering)] = &[
    (
        "U.S.",
        "US;USA;United States;America;American;Americans",
        Rendering::Accepted,
    ),
    (
        "U.K.",
        "UK;United Kingdom;Britain;British",
        Rendering::Accepted,
    ),
    (
        "UK",
        "U.K.;United Kingdom;Britain;British",
        Rendering::Accepted,
    ),
    (
        "US",
        "U.S.;USA;United States;America;American",
        Rendering::Accepted,
    ),
    ("EU", "E.U.;European Union", Rendering::Accepted),
    ("UN", "U.N.;United Nations", Rendering::Accepted),
    ("U.N.", "UN;United Nations", Rendering::Accepted),
    (
        "NATO",
        "North Atlantic Treaty Organization",
        Rendering::Accepted,
    ),
    ("United States", "U.S.;US;USA;America", Rendering::Accepted),
    ("Kyiv", "Kiev", Rendering::Variant),
    (
        "Zelensky",
        "Zelenskyy;Zelenskiy;Zelenskii;Zelenski",
        Rendering::Variant,
    ),
    ("Zelenskyy", "Zelensky;Zelenskiy", Rendering::Variant),
    ("Kharkiv", "Kharkov", Rendering::Variant),
    ("Odesa", "Odessa", Rendering::Variant),
    ("Donbas", "Donbass", Rendering::Variant),
    ("Luhansk", "Lugansk", Rendering::Variant),
    ("Mykolaiv", "Nikolaev;Nikolayev", Rendering::Variant),
    ("Zaporizhzhia", "Zaporizhia;Zaporozhye", Rendering::Variant),
    ("Dnipro", "Dnepr;Dnieper", Rendering::Variant),
    ("Lviv", "Lvov;Lwow", Rendering::Variant),
    ("Chernihiv", "Chernigov", Rendering::Variant),
    ("Belarus", "Byelorussia", Rendering::Variant),
    ("Gaddafi", "Qaddafi;Kadhafi", Rendering::Variant),
    ("Al-Qaeda", "Al Qaeda;Al-Qaida;Al Qaida", Rendering::Variant),
    ("Beijing", "Peking", Rendering::Variant),
    ("Mumbai", "Bombay", Rendering::Variant),
];

fn keys(s: &str) -> Vec<String> {
    tokenize(s).into_iter().map(|t| t.key.to_string()).collect()
}

impl Glossary {
    /// The built-in list only.
    pub fn builtin() -> Glossary {
        let mut g = Glossary {
            entries: Vec::new(),
            by_first_key: HashMap::default(),
            user_rows: 0,
            user_hash: 0,
        };
        for (name, variants, rendering) in BUILTIN {
            g.add(name, variants, *rendering, false);
        }
        // Exonyms and local names of one place accept each other
        // ("Naples"/"Napoli").
        for group in crate::lexicon::names::EXONYMS {
            for (i, name) in group.iter().enumerate() {
                let others: Vec<&str> = (0..group.len())
                    .filter(|&j| j != i)
                    .map(|j| group[j])
                    .collect();
                g.add(name, &others.join(";"), Rendering::Accepted, false);
            }
        }
        g
    }

    fn add(&mut self, name: &str, variants: &str, rendering: Rendering, ignore: bool) {
        let canonical = keys(name);
        let Some(first) = canonical.first().cloned() else {
            return;
        };
        let variants = variants
            .split(';')
            .map(keys)
            .filter(|v| !v.is_empty())
            .map(|v| (v, rendering))
            .collect();
        self.by_first_key
            .entry(first)
            .or_default()
            .push(self.entries.len());
        self.entries.push(Entry {
            canonical,
            variants,
            ignore,
        });
    }

    /// The built-in list extended by a user CSV file (see the module docs).
    pub fn extended_from_csv(mut self, reader: impl Read) -> Result<Glossary, String> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for (line, record) in csv.records().enumerate() {
            let record = record.map_err(|e| format!("line {}: {e}", line + 1))?;
            let name = record.get(0).unwrap_or("");
            if line == 0 && looks_like_header(&record) {
                let ours = ["name", "variants", "action"];
                // A prefix of ours, in any case ("name,variants" too).
                let matches = record.len() <= 3
                    && record
                        .iter()
                        .zip(ours)
                        .all(|(c, h)| c.eq_ignore_ascii_case(h));
                if !matches {
                    let header: Vec<&str> = record.iter().collect();
                    return Err(format!(
                        "line 1: the header {:?} is not name,variants,action",
                        header.join(",")
                    ));
                }
                continue;
            }
            if name.is_empty() || name.starts_with('#') {
                continue;
            }
            if record.len() > 3 {
                return Err(format!(
                    "line {}: {} columns, expected name,variants,action",
                    line + 1,
                    record.len()
                ));
            }
            let action = record.get(2).unwrap_or("variant");
            let (rendering, ignore) = match action {
                "" | "variant" => (Rendering::Variant, false),
                "accept" => (Rendering::Accepted, false),
                "ignore" => (Rendering::Variant, true),
                other => {
                    return Err(format!(
                        "line {}: unknown action {other:?} (expected variant, accept or ignore)",
                        line + 1
                    ))
                }
            };
            record.iter().collect::<Vec<_>>().hash(&mut hasher);
            self.add(name, record.get(1).unwrap_or(""), rendering, ignore);
            self.user_rows += 1;
        }
        self.user_hash = hasher.finish();
        Ok(self)
    }

    /// Loads the built-in list extended by the CSV file at `path`.
    pub fn from_path(path: &std::path::Path) -> Result<Glossary, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Glossary::builtin()
            .extended_from_csv(file)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// "builtin", or "builtin+N:HASH" with user rows, for report signatures.
    pub fn fingerprint(&self) -> String {
        if self.user_rows == 0 {
            "builtin".to_string()
        } else {
            format!("builtin+{}:{:016x}", self.user_rows, self.user_hash)
        }
    }

    fn entries_for<'a>(&'a self, name: &'a [String]) -> impl Iterator<Item = &'a Entry> + 'a {
        name.first()
            .and_then(|k| self.by_first_key.get(k))
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
            .filter(move |e| e.canonical == name)
    }

    /// True when some entry starts with this key (a cheap pre-check).
    pub fn has_entry(&self, key: &str) -> bool {
        self.by_first_key.contains_key(key)
    }

    /// True when the user asked never to check this name, or a name it
    /// contains ("Kursk" covers "Kursk Oblast" and "the Kursk region").
    pub fn is_ignored(&self, name: &[String]) -> bool {
        (0..name.len()).any(|i| {
            self.by_first_key
                .get(&name[i])
                .into_iter()
                .flatten()
                .map(|&e| &self.entries[e])
                .any(|e| e.ignore && name[i..].starts_with(&e.canonical))
        })
    }

    /// The listed renderings of a name (token keys), later entries first so
    /// that a user row overrides a built-in one.
    pub fn renderings<'a>(&'a self, name: &'a [String]) -> Vec<(&'a [String], Rendering)> {
        let mut out: Vec<(&[String], Rendering)> = Vec::new();
        let entries: Vec<&Entry> = self.entries_for(name).collect();
        for e in entries.into_iter().rev() {
            for (v, r) in &e.variants {
                if !out.iter().any(|(o, _)| *o == v.as_slice()) {
                    out.push((v, *r));
                }
            }
        }
        out
    }
}

/// Whether a first row is meant as a header: its first or second cell
/// names a column (`name`, `variants`, or what other glossaries call
/// theirs). The third is not looked at: `variant` is also an action.
fn looks_like_header(record: &csv::StringRecord) -> bool {
    const WORDS: [&str; 14] = [
        "name",
        "names",
        "variant",
        "variants",
        "action",
        "actions",
        "term",
        "terms",
        "source",
        "target",
        "original",
        "translation",
        "rendering",
        "renderings",
    ];
    record
        .iter()
        .take(2)
        .any(|c| WORDS.iter().any(|w| c.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_knows_kiev_and_united_states() {
        let g = Glossary::builtin();
        let kyiv = keys("Kyiv");
        assert!(g
            .renderings(&kyiv)
            .contains(&(&["kiev".to_string()][..], Rendering::Variant)));
        let us = keys("U.S.");
        let united = keys("United States");
        assert!(g
            .renderings(&us)
            .iter()
            .any(|(v, r)| *v == united.as_slice() && *r == Rendering::Accepted));
    }

    #[test]
    fn exonyms_accept_each_other() {
        let g = Glossary::builtin();
        for (a, b) in [
            ("Naples", "Napoli"),
            ("Napoli", "Naples"),
            ("Mideast", "Middle East"),
        ] {
            let want = keys(b);
            assert!(
                g.renderings(&keys(a))
                    .iter()
                    .any(|(v, r)| *v == want.as_slice() && *r == Rendering::Accepted),
                "{a}/{b}"
            );
        }
    }

    #[test]
    fn user_rows_override_and_ignore() {
        let g = Glossary::builtin()
            .extended_from_csv("name,variants,action\nKyiv,Kiev,accept\nKursk,,ignore\n".as_bytes())
            .expect("valid");
        let kyiv = keys("Kyiv");
        assert_eq!(g.renderings(&kyiv)[0].1, Rendering::Accepted);
        assert!(g.is_ignored(&keys("Kursk")));
        assert!(!g.is_ignored(&kyiv));
        assert_eq!(g.user_rows, 2);
    }

    #[test]
    fn a_header_that_is_not_ours_is_refused() {
        for bad in [
            "term,translation\nKyiv,Kiev\n",
            "name,action,variants\nKyiv,accept,Kiev\n",
        ] {
            let err = Glossary::builtin()
                .extended_from_csv(bad.as_bytes())
                .expect_err(bad);
            assert!(err.contains("line 1") && err.contains("header"), "{err}");
        }
        let g = Glossary::builtin()
            .extended_from_csv("Name,Variants,Action\nKyiv,Kiev,accept\n".as_bytes())
            .expect("our header in any case");
        assert_eq!(g.user_rows, 1);
    }

    #[test]
    fn an_ignored_name_covers_longer_names_holding_it() {
        let g = Glossary::builtin()
            .extended_from_csv("Kursk,,ignore\n".as_bytes())
            .expect("valid");
        assert!(g.is_ignored(&keys("Kursk Oblast")));
        assert!(g.is_ignored(&keys("Southern Kursk")));
        assert!(!g.is_ignored(&keys("Kurskaya")));
        assert!(!g.is_ignored(&keys("Oblast")));
    }

    #[test]
    fn a_wrong_header_or_extra_columns_are_errors_naming_the_line() {
        for (text, want) in [
            ("source,target\nKyiv,Kiev\n", "line 1"),
            ("name,variant,action\n", "line 1"),
            ("name,variants,action\nKyiv,Kiev,variant,extra\n", "line 2"),
        ] {
            let err = Glossary::builtin()
                .extended_from_csv(text.as_bytes())
                .expect_err(text);
            assert!(err.starts_with(want), "{text}: {err}");
        }
        for good in [
            "name,variants,action\nKyiv,Kiev\n",
            "name,variants\n",
            "Kyiv,Kiev\n",
        ] {
            assert!(
                Glossary::builtin()
                    .extended_from_csv(good.as_bytes())
                    .is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn bad_action_names_the_line() {
        let err = Glossary::builtin()
            .extended_from_csv("Kyiv,Kiev,maybe\n".as_bytes())
            .expect_err("invalid");
        assert!(err.contains("line 1"), "{err}");
    }
}
