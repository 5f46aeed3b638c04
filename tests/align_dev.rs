//! The aligner on the real-paraphrase dev benchmark (`../shared/dev/align`:
//! 49 Bible chapters in two independent English translations, verse gold),
//! when that folder is present. Prints the figure docs/alignment.md quotes.
//!
//! `cargo test --release --test align_dev -- --ignored --nocapture`

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs ../shared/dev/align (not in the repository) and python3"]
fn dev_bench_line_f1() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("../shared/dev/align/score.sh");
    if !script.exists() {
        println!("skipped: {} not found", script.display());
        return;
    }
    let out = Command::new(&script)
        .arg(env!("CARGO_BIN_EXE_backcheck"))
        .current_dir(root)
        .output()
        .expect("score.sh runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("score.sh prints JSON");
    let number = |key: &str| result[key].as_f64().expect(key);
    let (f1, lines) = (number("F1"), number("lines"));
    // The scorer leaves out a count that is zero.
    let count = |key: &str| result.get(key).map_or(0.0, |v| v.as_f64().expect(key));
    let (orig, trans) = (
        count("unaligned_orig_lines"),
        count("unaligned_trans_lines"),
    );
    println!(
        "dev bench: line recall {:.4}, bead precision {:.4}, F1 {f1:.4}; unpaired verses {orig}/{trans} of {lines}",
        number("line_recall"),
        number("bead_precision"),
    );
    // Issue 21's bar.
    assert!(f1 >= 0.99, "F1 {f1:.4}");
    assert!(orig.max(trans) <= 0.01 * lines, "unpaired {orig}/{trans}");
}
