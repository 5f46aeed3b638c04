//! Builds the synonym lexicon (src/lexicon.rs) from WordNet once, at build
//! time: decompressing and stemming 125,000 entries took about half a
//! second per process, and every `check` and every batch paid it.
//!
//! Output, `$OUT_DIR/lexicon.txt`, two sorted sections split by an empty
//! line: the single-word entries one per line, then one line per stem,
//! `stem<TAB>synonym stems separated by spaces`.

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
    println!(
        "cargo:rustc-env=BACKCHECK_LEXICON=wordnet:{}w/{}s/{:08x}",
        words.len(),
        synonyms.len(),
        hash >> 32
    );
    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = std::path::Path::new(&dir).join("lexicon.txt");
    std::fs::write(&path, out).expect("write the lexicon to OUT_DIR");
}
