//! Times each stage of the pipeline on generated article pairs (a
//! development aid): `cargo run --release --example stage_times -- 300`.
//!
//! The pairs are those of `backcheck synth seeds/002… seeds/003…
//! seeds/004… --jsonl N`; every stage is called as the pipeline calls it.

use backcheck::check::{self, PairContext};
use backcheck::pipeline::Pipeline;
use backcheck::synth::{sentence_pool, synthesize, synthetic_original, SynthConfig};
use backcheck::{align, correspond, segment, summary, Document};
use std::time::{Duration, Instant};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let pool = sentence_pool(&[
        "seeds/002_742852bff4c18cee.txt",
        "seeds/003_cc95dd6a1261e1bc.txt",
        "seeds/004_c1d1c7b347887001.txt",
    ])
    .expect("run from the project folder: the seeds are read from seeds/");
    let pairs: Vec<(String, String)> = (1..=n)
        .map(|seed| {
            let original = synthetic_original(&pool, 60, seed);
            let pair = synthesize(
                &original,
                &SynthConfig {
                    seed,
                    ..SynthConfig::default()
                },
            );
            (pair.original.join(" "), pair.translation.join(" "))
        })
        .collect();
    let pipeline = Pipeline::default();
    let options = pipeline.options();
    let stages = [
        "ingest",
        "segment",
        "analyse",
        "align",
        "correspond",
        "check",
        "summarise",
    ];
    let mut time = [Duration::ZERO; 7];
    let mut findings = 0;
    for (o, t) in &pairs {
        let mut clock = Instant::now();
        let mut lap = |stage: usize| {
            time[stage] += clock.elapsed();
            clock = Instant::now();
        };
        let (od, td) = (
            Document::from_bytes("o", o.as_bytes()).expect("text"),
            Document::from_bytes("t", t.as_bytes()).expect("text"),
        );
        lap(0);
        let (so, st) = (segment(&od), segment(&td));
        lap(1);
        let pair = pipeline.analyse(&so, &st);
        lap(2);
        let alignment = align::align(&pair, &options.align);
        lap(3);
        let correspondence = correspond::correspond(&pair, &alignment, &options.glossary);
        lap(4);
        let found = check::check(&PairContext {
            orig: &pair.orig,
            trans: &pair.trans,
            vocabulary: &pair.vocabulary,
            beads: &alignment.beads,
            correspondence: &correspondence,
            options,
        });
        lap(5);
        findings += summary::summarize(&pair, &alignment, &correspondence, &found).findings;
        lap(6);
    }
    println!("{n} pairs, {findings} findings; per pair:");
    for (stage, t) in stages.iter().zip(time) {
        println!("  {stage:<10} {:>9.1} µs", t.as_secs_f64() * 1e6 / n as f64);
    }
}
