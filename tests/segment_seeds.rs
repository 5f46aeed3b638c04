//! Sentence splitting against the human gold, and the tricky spots of the
//! other seeds.

mod common;

use backcheck::{segment, Label};
use common::*;

fn texts(doc: &backcheck::Document) -> Vec<String> {
    segment(doc).into_iter().map(|s| s.text).collect()
}

#[test]
#[cfg(feature = "dev-tools")]
fn seed_pair_sentence_f1_meets_the_bar() {
    let gold = gold();
    let orig = backcheck::gold::sentence_f1(&texts(&seed(ORIG)), &gold.orig_sentences);
    let trans = backcheck::gold::sentence_f1(&texts(&seed(TRANS)), &gold.trans_sentences);
    println!("sentence F1: original {orig:.3} (bar 0.97), back-translation {trans:.3} (bar 0.95)");
    assert!(orig >= 0.97, "original F1 {orig:.3}");
    assert!(trans >= 0.95, "back-translation F1 {trans:.3}");
}

#[test]
fn broken_paragraph_is_one_sentence_and_glued_stops_split() {
    let t = texts(&seed(TRANS));
    assert!(t
        .iter()
        .any(|s| s.starts_with("The change of Zellennki's position")));
    assert!(t
        .iter()
        .any(|s| s == "However, the operation did not completely change the battle."));
    assert!(t.iter().any(|s| s == "Of."));
}

#[test]
fn page_chrome_and_caption_are_not_body() {
    let doc = seed_by_prefix("002");
    let sentences = segment(&doc);
    let first_body = sentences
        .iter()
        .find(|s| s.label == Label::Body)
        .expect("body");
    assert!(
        first_body.text.starts_with("Some of Ukraine’s allies"),
        "{}",
        first_body.text
    );
    let title = sentences
        .iter()
        .find(|s| s.label == Label::Title)
        .expect("title");
    assert_eq!(
        title.text,
        "Ukraine’s allies are starting to look at how a cease-fire could work"
    );
    for s in sentences.iter().filter(|s| s.label == Label::Chrome) {
        assert!(s.index < first_body.index);
    }
    assert!(sentences
        .iter()
        .any(|s| s.label == Label::Chrome && s.text.contains("GETTY IMAGES")));
    assert!(sentences
        .iter()
        .any(|s| s.label == Label::Chrome && s.text.starts_with("By Natalia")));
}

#[test]
fn tagged_metadata_is_separated_and_title_kept() {
    let doc = seed_by_prefix("003");
    let names: Vec<&str> = doc.metadata.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["published_date", "url", "author", "summary", "highlights"]
    );
    let sentences = segment(&doc);
    assert_eq!(sentences[0].label, Label::Title);
    assert!(sentences[0].text.starts_with("Ukraine Must Turn the Tide"));
    assert!(sentences[1]
        .text
        .starts_with("President Volodymyr Zelensky has spent"));
    // Nothing from the metadata blocks leaks into the sentences.
    assert!(!sentences
        .iter()
        .any(|s| s.text.contains("foreignaffairs.com")));
    assert!(!sentences
        .iter()
        .any(|s| s.text.contains("Key to Russia's success")));
    // "ahead of a U.S." / "election where…" is one sentence across the break.
    assert!(sentences.iter().any(|s| s.text.ends_with("ahead of a U.S. election where the candidates have radically different approaches to the conflict.")));
}

#[test]
fn plain_header_and_lost_punctuation_warning() {
    let doc = seed_by_prefix("004");
    assert!(doc.warnings.iter().any(|w| w.code == "lost-punctuation"));
    let names: Vec<&str> = doc.metadata.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["date", "url"]);
    let sentences = segment(&doc);
    assert_eq!(sentences[0].label, Label::Title);
    assert!(sentences[1]
        .text
        .starts_with("U.S. President Joe Biden should"));
    // The clean seeds raise no such warning.
    assert!(seed(ORIG).warnings.is_empty());
}

#[test]
fn no_split_inside_abbreviations_or_dates() {
    let orig = texts(&seed(ORIG));
    assert!(orig
        .iter()
        .any(|s| s.contains("on Sept. 6, 2024, and has been republished")));
    assert!(orig
        .iter()
        .any(|s| s.starts_with("Now that U.S. President Joe Biden")));
    let trans = texts(&seed(TRANS));
    assert!(trans
        .iter()
        .any(|s| s.starts_with("Charles A. Kupchaan is a professor")));
}

#[test]
fn editor_note_and_bios_are_tails() {
    let orig = segment(&seed(ORIG));
    assert_eq!(orig.iter().filter(|s| s.label == Label::Tail).count(), 3);
    let trans = segment(&seed(TRANS));
    let tails: Vec<&str> = trans
        .iter()
        .filter(|s| s.label == Label::Tail)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(tails.len(), 4, "{tails:?}");
}

#[test]
fn spans_point_at_the_file_bytes() {
    let doc = seed(TRANS);
    let bytes = std::fs::read(root().join(TRANS)).expect("read");
    for s in segment(&doc) {
        let (a, b) = (doc.offsets.to_file(s.start), doc.offsets.to_file(s.end));
        let raw = String::from_utf8_lossy(&bytes[a..b]);
        let first_line = raw.lines().next().unwrap_or("");
        assert!(s.text.starts_with(first_line), "{:?} vs {:?}", s.text, raw);
    }
}
