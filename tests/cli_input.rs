//! The command line on bad input: one clear line naming the file, a
//! non-zero exit, never a panic.

mod common;

/// Exit code, stdout and stderr of a run.
fn backcheck(args: &[&str]) -> (i32, String, String) {
    let out = common::backcheck(args, None);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("backcheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

fn assert_one_line_error(code: i32, stderr: &str, file: &str, problem: &str) {
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(file) && stderr.contains(problem),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn missing_file_is_named() {
    let (code, _, err) = backcheck(&["segment", "no/such/file.txt"]);
    assert_one_line_error(code, &err, "no/such/file.txt", "no such file");
}

#[test]
fn empty_and_binary_files_are_errors() {
    let empty = temp_file("empty.txt", b"");
    let (code, _, err) = backcheck(&["segment", &empty]);
    assert_one_line_error(code, &err, &empty, "empty file");
    let binary = temp_file("image.bin", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let (code, _, err) = backcheck(&["segment", &binary]);
    assert_one_line_error(code, &err, &binary, "binary");
}

#[test]
fn invalid_utf8_is_a_warning_and_text_is_kept() {
    let file = temp_file(
        "latin1.txt",
        b"Caf\xe9 owners met in Kyiv. The talks went well.",
    );
    let (code, out, err) = backcheck(&["segment", &file, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&file) && err.contains("invalid UTF-8 at byte 3"),
        "{err}"
    );
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
    assert_eq!(rows[0]["text"], "Caf\u{FFFD} owners met in Kyiv.");
    assert_eq!(rows[1]["start"], 25);
    assert_eq!(rows[1]["index"], 2);
    assert_eq!(rows[1]["paragraph"], 1);
}

#[test]
fn segment_tsv_has_header_and_one_based_numbers() {
    let (code, out, _) = backcheck(&["segment", common::ORIG]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("index\tparagraph\tlabel\tstart\tend\ttext")
    );
    assert!(lines
        .next()
        .is_some_and(|l| l.starts_with("1\t1\tbody\t0\t")));
    assert_eq!(out.lines().count(), 49);
}

/// A 50 MB file with no newline must segment in linear time without
/// running out of memory. Not timed here; run with `--ignored`.
#[test]
#[ignore]
fn huge_line_stress() {
    let sentence = "The quick brown fox jumped over the lazy dog near Kyiv.";
    let mut text = String::with_capacity(50 << 20);
    while text.len() < 50 << 20 {
        text.push_str(sentence);
        text.push(' ');
    }
    let doc = backcheck::Document::from_bytes("huge", text.as_bytes()).expect("text");
    let sentences = backcheck::segment(&doc);
    assert_eq!(sentences.len(), text.len() / (sentence.len() + 1));
}
