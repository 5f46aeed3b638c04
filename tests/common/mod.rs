//! Helpers shared by the integration tests: the project's own seeds and
//! gold, and the one way the tests run the binary.
#![allow(dead_code)]

use std::path::PathBuf;
#[cfg(feature = "dev-tools")]
use std::process::{Command, Output, Stdio};

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

/// Runs `backcheck` with `args` in the project's root, with `stdin` piped
/// in (or no standard input), and returns what it did; the caller checks
/// the exit status.
#[cfg(feature = "dev-tools")]
pub fn backcheck(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_backcheck"))
        .current_dir(root())
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("backcheck runs");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("write stdin");
    }
    child.wait_with_output().expect("backcheck output")
}

/// Runs `backcheck` with `args` and no input, and asserts that it
/// succeeded (exit 0).
#[cfg(feature = "dev-tools")]
pub fn run_ok(args: &[&str]) -> Output {
    let out = backcheck(args, None);
    assert!(
        out.status.success(),
        "backcheck {}: {:?}\n{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
