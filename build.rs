//! Builds the synonym lexicon (src/lexicon.rs) from WordNet once, at build
//! time: decompressing and stemming 125,000 entries took about half a
//! second per process, and every `check` and every batch paid it.
//!
//! Output, `$OUT_DIR/lexicon.txt`, two sorted sections split by an empty
//! line: the single-word entries one per line, then one line per stem,
//! `stem<TAB>synonym stems separated by spaces`.
//!
//! It also stems the words of the vendored antonym data (`data/`, see
//! src/lexicon/antonyms.rs) once, into `$OUT_DIR/antonym_stems.txt`,
//! `word<TAB>stem` sorted, so that loading the antonyms stems nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let stem = |w: &str| stemmer.stem(w).into_owned();
    let mut words = BTreeSet::new();
    let mut synonyms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (word, list) in thesaurus::dict() {
        // Multi-word entries never match a token; nor does an empty one.
        if word.is_empty() || word.contains([' ', '_']) {
            continue;
        }
        let word_stem = stem(&word);
        words.insert(word);
        for s in list
            .iter()
            .filter(|s| !s.is_empty() && !s.contains([' ', '_']))
        {
            let s = stem(s);
            if s != word_stem {
                synonyms
                    .entry(word_stem.clone())
                    .or_default()
                    .insert(s.clone());
                synonyms.entry(s).or_default().insert(word_stem.clone());
            }
        }
    }
    let mut out = Vec::new();
    for word in &words {
        writeln!(out, "{word}").expect("write to memory");
    }
    writeln!(out).expect("write to memory");
    for (word_stem, list) in &synonyms {
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        writeln!(out, "{word_stem}\t{}", list.join(" ")).expect("write to memory");
    }
    // Reports name the lexicon they were made with (its size and a hash
    // of its text), so a figure can be reproduced.
    let hash = out.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let (antonym_stems, antonyms) = antonym_stems(&stem);
    println!(
        "cargo:rustc-env=BACKCHECK_LEXICON=wordnet:{}w/{}s/{:08x}+antonyms:{}",
        words.len(),
        synonyms.len(),
        hash >> 32,
        antonyms
    );
    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = std::path::Path::new(&dir).join("lexicon.txt");
    std::fs::write(&path, out).expect("write the lexicon to OUT_DIR");
    let path = std::path::Path::new(&dir).join("antonym_stems.txt");
    std::fs::write(&path, antonym_stems).expect("write the antonym stems to OUT_DIR");
}

/// `word<TAB>stem` for every word of data/antonyms.tsv and
/// data/inflections.tsv, sorted, and the pairs' description for report
/// signatures: their count and a hash of both files.
fn antonym_stems(stem: &dyn Fn(&str) -> String) -> (String, String) {
    let mut words = BTreeSet::new();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut pairs = 0;
    for file in ["data/antonyms.tsv", "data/inflections.tsv"] {
        println!("cargo:rerun-if-changed={file}");
        let root = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
        let text = std::fs::read_to_string(std::path::Path::new(&root).join(file))
            .expect("the vendored antonym data (data/)");
        hash = text.bytes().fold(hash, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let fields: Vec<&str> = line.split('\t').collect();
            if file.ends_with("antonyms.tsv") {
                pairs += 1;
                words.extend(fields.iter().take(2).map(|w| w.to_string()));
            } else {
                words.extend(fields.iter().map(|w| w.to_string()));
            }
        }
    }
    let mut out = String::new();
    for word in &words {
        out.push_str(&format!("{word}\t{}\n", stem(word)));
    }
    (out, format!("{pairs}p/{:08x}", hash >> 32))
}
