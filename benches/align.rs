//! Alignment speed on generated pairs of 100 to 100,000 sentences.
//! Segmentation is measured separately (`segment` group); alignment
//! includes the analysis stage it reads (tokens, the pair's vocabulary;
//! stems from an analyzer that has seen the pair before, as in a batch),
//! feature extraction, anchors, the banded
//! programme and the moved pass. Run: `cargo bench --bench align`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::Path;

use backcheck::align::{align, Params};
use backcheck::analysis::Analyzer;
use backcheck::synth::{sentence_pool, synthesize, synthetic_original, SynthConfig};
use backcheck::{segment, Document};

fn seed_sentences() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    names.retain(|p| !p.to_string_lossy().contains("001_"));
    sentence_pool(&names).expect("seeds")
}

fn bench_align(c: &mut Criterion) {
    let pool = seed_sentences();
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [100usize, 1_000, 10_000, 100_000] {
        let original = synthetic_original(&pool, n, 11);
        let pair = synthesize(
            &original,
            &SynthConfig {
                seed: 5,
                ..SynthConfig::default()
            },
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &pair, |b, pair| {
            // The stage as a batch runs it: analysis (with the stems an
            // earlier pair taught the analyzer), then alignment.
            let analyzer = Analyzer::new();
            b.iter(|| {
                let analysis = analyzer.analyse_texts(&pair.original, &pair.translation);
                align(&analysis, &Params::default())
            })
        });
    }
    group.finish();
}

fn bench_segment(c: &mut Criterion) {
    let pool = seed_sentences();
    let text = synthetic_original(&pool, 10_000, 3).join(" ");
    let mut group = c.benchmark_group("segment");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("10000_sentences", |b| {
        b.iter(|| {
            let doc = Document::from_bytes("bench", text.as_bytes()).expect("text");
            segment(&doc).len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_align, bench_segment);
criterion_main!(benches);
