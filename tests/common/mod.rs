//! Helpers shared by the integration tests: the project's own seeds and gold.
#![allow(dead_code)]

use std::path::PathBuf;

use backcheck::Document;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub const ORIG: &str = "seeds/000_3746ec981e8ff7bf.txt";
pub const TRANS: &str = "seeds/001_35c44ccd15055131.txt";

pub fn seed(name: &str) -> Document {
    let path = root().join(name);
    Document::from_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

pub fn seed_by_prefix(prefix: &str) -> Document {
    let dir = root().join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    seed(&format!("seeds/{}", names[0]))
}

#[cfg(feature = "dev-tools")]
pub fn gold() -> backcheck::gold::Gold {
    backcheck::gold::Gold::load(&root().join("fixtures/gold/seed-pair")).expect("gold fixture")
}
