//! Times the phases of alignment on a generated pair (a development aid).
use backcheck::align::features::{Extractor, Weights};
use backcheck::synth::{synthesize, synthetic_original, SynthConfig};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let pool = backcheck::synth::sentence_pool(&[
        "seeds/000_3746ec981e8ff7bf.txt",
        "seeds/002_742852bff4c18cee.txt",
    ])
    .expect("seeds");
    let original = synthetic_original(&pool, n, 11);
    let pair = synthesize(&original, &SynthConfig::default());
    let t = Instant::now();
    let toks: usize = pair
        .original
        .iter()
        .map(|s| backcheck::text::tokenize(s).len())
        .sum();
    println!("tokenize orig: {:?} ({toks} tokens)", t.elapsed());
    // PROFILE_REPEAT=N repeats feature extraction, for a profiler.
    let repeat: usize = std::env::var("PROFILE_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    for _ in 1..repeat {
        let mut x = Extractor::new();
        let fo: Vec<_> = pair.original.iter().map(|s| x.features(s)).collect();
        std::hint::black_box(fo);
    }
    let t = Instant::now();
    let mut x = Extractor::new();
    let fo: Vec<_> = pair.original.iter().map(|s| x.features(s)).collect();
    let ft: Vec<_> = pair.translation.iter().map(|s| x.features(s)).collect();
    println!("features: {:?}", t.elapsed());
    let t = Instant::now();
    let w = Weights::new(x.kinds(), &fo, &ft);
    println!("weights: {:?} ({} ids)", t.elapsed(), x.kinds().len());
    let t = Instant::now();
    let a = backcheck::align::align_features(&fo, &ft, &w, &backcheck::align::Params::default());
    println!(
        "align_features: {:?} ({} beads)",
        t.elapsed(),
        a.beads.len()
    );
}
