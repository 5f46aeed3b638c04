//! The checkers on seeded synthetic back-translations of seeds 002–004,
//! whose damage the generator recorded: corrupted names, changed numbers,
//! dropped sentences.

mod common;

use backcheck::check::Kind;
use backcheck::eval::{score_findings, RecallRows};
use backcheck::pipeline::Pipeline;
use backcheck::synth::{synthesize, SynthConfig};
use common::*;

#[test]
fn synthetic_name_number_and_dropped_sentence_bars() {
    let mut totals: Vec<(&str, usize, usize, usize, usize)> = vec![
        ("name", 0, 0, 0, 0),
        ("number", 0, 0, 0, 0),
        ("dropped", 0, 0, 0, 0),
    ];
    let mut pairs = 0;
    let pipeline = Pipeline::default();
    for (k, prefix) in ["002", "003", "004"].iter().enumerate() {
        let original: Vec<String> = backcheck::segment(&seed_by_prefix(prefix))
            .into_iter()
            .map(|s| s.text)
            .collect();
        for seed in 0..8u64 {
            let cfg = SynthConfig {
                seed: seed * 31 + k as u64,
                ..SynthConfig::default()
            };
            let pair = synthesize(&original, &cfg);
            let checked = pipeline.check_texts(&pair.original, &pair.translation);
            // Dropped sentences only: the generator never drops a clause.
            let findings: Vec<_> = checked
                .findings
                .into_iter()
                .filter(|f| f.kind != Kind::Dropped || f.trans.is_empty())
                .collect();
            let score = score_findings(&findings, &pair.findings, RecallRows::All);
            for row in score.kinds.iter() {
                if let Some(t) = totals.iter_mut().find(|t| t.0 == row.kind) {
                    t.1 += row.recalled;
                    t.2 += row.gold;
                    t.3 += row.correct;
                    t.4 += row.predicted;
                }
            }
            if score
                .unmatched
                .iter()
                .chain(&score.missed)
                .any(|s| !s.starts_with("added") && !s.contains(" added "))
            {
                println!(
                    "seed {} doc {prefix}: missed {:?}\n  unmatched {:?}",
                    cfg.seed, score.missed, score.unmatched
                );
            }
            pairs += 1;
        }
    }
    println!("synthetic findings over {pairs} pairs (bar 0.90):");
    for (kind, recalled, gold, correct, predicted) in &totals {
        let (r, p) = (
            *recalled as f64 / *gold as f64,
            *correct as f64 / *predicted as f64,
        );
        println!("  {kind:<8} recall {r:.3} ({recalled}/{gold})  precision {p:.3} ({correct}/{predicted})");
    }
    for (kind, recalled, gold, correct, predicted) in totals {
        // A kind with no gold rows or no findings would pass vacuously.
        assert!(gold > 0 && predicted > 0, "{kind}: nothing measured");
        assert!(recalled as f64 >= 0.9 * gold as f64, "{kind} recall");
        assert!(correct as f64 >= 0.9 * predicted as f64, "{kind} precision");
    }
}
