//! The aligner against the human gold alignment of the seed pair.

mod common;

use backcheck::align::{align, Params};
use backcheck::analysis::Analyzer;
use backcheck::segment;
use common::*;

#[test]
fn seed_pair_bead_f1_meets_the_bar() {
    let (orig, trans) = (segment(&seed(ORIG)), segment(&seed(TRANS)));
    let alignment = align(&Analyzer::new().analyse(&orig, &trans), &Params::default());
    let score = backcheck::eval::score_beads(&alignment, &gold().alignment);
    println!(
        "seed pair strict bead F1 {:.3} (bar 0.98): {} of {} gold beads, {} predicted; moved {}/{}",
        score.f1, score.hits, score.gold, score.predicted, score.moved_found, score.moved_gold
    );
    println!("missed: {:?}\nspurious: {:?}", score.missed, score.spurious);
    assert!(score.f1 >= 0.98, "bead F1 {:.3}", score.f1);
    assert_eq!(score.moved_found, score.moved_gold);
}

#[test]
fn every_translation_sentence_is_in_exactly_one_bead() {
    let (orig, trans) = (segment(&seed(ORIG)), segment(&seed(TRANS)));
    let alignment = align(&Analyzer::new().analyse(&orig, &trans), &Params::default());
    let mut seen = vec![0; trans.len()];
    for b in &alignment.beads {
        for &t in &b.trans {
            seen[t] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
}
