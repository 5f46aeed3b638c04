//! Batch throughput on the pairs of the documented 10,000-pair run
//! (docs/performance.md): generated 60-sentence articles drawn from seeds
//! 002–004, the same pairs `backcheck synth … --jsonl N` writes.
//!
//! - `pair/check`: one pair through the whole pipeline on one thread
//!   (ingest, segment, align, check, summary): the CPU a pair costs.
//! - `batch/stream`: 400 pairs through `batch::run_to_writer` with
//!   `--jobs 2`, output discarded: checking and rendering, no disk.
//! - `batch/reports`: the same 400 pairs through `batch::run` with
//!   `--jobs 2`, writing all four reports into a temporary folder.
//!
//! The batch groups report pairs per second (criterion's "elem/s"); the
//! issue's bar is 2,000. Run: `cargo bench --bench batch`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};

use backcheck::batch::{self, BatchOptions, PairInput, PairSource, Pairs};
use backcheck::check::CheckOptions;
use backcheck::synth::{sentence_pool, synthesize, synthetic_original, SynthConfig};
use backcheck::{pipeline, Document};

const PAIRS: usize = 400;

/// The first `n` pairs of `backcheck synth seeds/002… seeds/003…
/// seeds/004… --jsonl n` (seed 1, 60 sentences).
fn generated_pairs(n: usize) -> Vec<PairInput> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let seeds = [
        "002_742852bff4c18cee.txt",
        "003_cc95dd6a1261e1bc.txt",
        "004_c1d1c7b347887001.txt",
    ];
    let paths: Vec<PathBuf> = seeds.iter().map(|s| dir.join(s)).collect();
    let pool = sentence_pool(&paths).expect("seed articles");
    (0..n)
        .map(|i| {
            let seed = 1 + i as u64;
            let original = synthetic_original(&pool, 60, seed);
            let pair = synthesize(
                &original,
                &SynthConfig {
                    seed,
                    ..Default::default()
                },
            );
            PairInput {
                index: i,
                id: format!("synth-{seed}"),
                source: PairSource::Texts {
                    original: pair.original.join(" "),
                    translation: pair.translation.join(" "),
                },
            }
        })
        .collect()
}

fn options(out: PathBuf) -> BatchOptions {
    BatchOptions {
        out,
        jobs: 2,
        shard: None,
        resume: false,
        csv: Default::default(),
        check: CheckOptions::default(),
        progress: false,
        log_every: None,
    }
}

/// A fresh stream of the pairs (a batch consumes its input, which must
/// own its pairs).
fn as_pairs(pairs: &[PairInput]) -> Pairs {
    let owned: Vec<PairInput> = pairs.to_vec();
    Box::new(owned.into_iter())
}

fn bench_pair(c: &mut Criterion) {
    let pairs = generated_pairs(1);
    let PairSource::Texts {
        original,
        translation,
    } = &pairs[0].source
    else {
        unreachable!("generated pairs are texts")
    };
    let options = CheckOptions::default();
    let mut group = c.benchmark_group("pair");
    group.throughput(Throughput::Elements(1));
    group.bench_function("check", |b| {
        b.iter(|| {
            let orig = Document::from_bytes("original", original.as_bytes()).expect("text");
            let trans = Document::from_bytes("translation", translation.as_bytes()).expect("text");
            pipeline::check_pair("synth-1", &orig, &trans, &options)
        })
    });
    group.finish();
}

fn bench_batch(c: &mut Criterion) {
    let pairs = generated_pairs(PAIRS);
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PAIRS as u64));
    let quiet = |_: &str| {};
    group.bench_function("stream", |b| {
        let options = options(PathBuf::new());
        b.iter(|| {
            let outcome =
                batch::run_to_writer(as_pairs(&pairs), &options, &mut std::io::sink(), &quiet)
                    .expect("batch");
            assert_eq!(outcome.pairs, PAIRS);
        })
    });
    let dir = tempfile::tempdir().expect("temporary folder");
    group.bench_function("reports", |b| {
        let options = options(dir.path().join("reports"));
        b.iter(|| {
            let outcome = batch::run(as_pairs(&pairs), &options, &quiet).expect("batch");
            assert_eq!(outcome.pairs, PAIRS);
        })
    });
    group.finish();
}

criterion_group!(benches, bench_pair, bench_batch);
criterion_main!(benches);
