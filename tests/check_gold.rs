//! The checkers against the human gold findings of the seed pair.

mod common;

use backcheck::eval::{remap, score_findings, sentence_map, FindingScore, RecallRows};
use backcheck::pipeline::Pipeline;
use backcheck::segment;
use common::*;

fn seed_score(rows: RecallRows) -> FindingScore {
    let (orig, trans) = (segment(&seed(ORIG)), segment(&seed(TRANS)));
    let checked = Pipeline::default().check_sentences(&orig, &trans);
    let gold = gold();
    let texts = |s: &[backcheck::Sentence]| s.iter().map(|s| s.text.clone()).collect::<Vec<_>>();
    let (to, tt) = (texts(&orig), texts(&trans));
    let om = sentence_map(
        &to.iter().map(String::as_str).collect::<Vec<_>>(),
        &gold.orig_sentences,
    );
    let tm = sentence_map(
        &tt.iter().map(String::as_str).collect::<Vec<_>>(),
        &gold.trans_sentences,
    );
    score_findings(&remap(&checked.findings, &om, &tm), &gold.findings, rows)
}

#[test]
fn seed_pair_findings_meet_the_bars() {
    let score = seed_score(RecallRows::Revealable);
    println!(
        "seed pair, gold rows critical/major with an original sentence:\n{}",
        score.table()
    );
    println!(
        "missed: {:#?}\nunmatched: {:#?}",
        score.missed, score.unmatched
    );
    let kind = |k: &str| score.kinds.iter().find(|s| s.kind == k).expect("kind");
    assert!(kind("name").recall() >= 0.90, "name recall");
    assert!(kind("number").recall() >= 0.90, "number recall");
    assert!(kind("dropped").recall() >= 0.80, "dropped recall");
    assert_eq!(kind("polarity").recalled, 3, "every polarity row");
    assert!(score.overall.precision() >= 0.92, "overall precision");
}
