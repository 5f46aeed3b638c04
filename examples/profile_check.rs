//! Times the stages of checking generated article pairs (a development aid).
use backcheck::check::{self, CheckOptions};
use backcheck::synth::{synthesize, synthetic_original, SynthConfig};
use std::time::{Duration, Instant};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let pool = backcheck::synth::sentence_pool(&[
        "seeds/002_742852bff4c18cee.txt",
        "seeds/003_cc95dd6a1261e1bc.txt",
    ])
    .expect("seeds");
    let pairs: Vec<(String, String)> = (0..n)
        .map(|i| {
            let o = synthetic_original(&pool, 60, i);
            let p = synthesize(
                &o,
                &SynthConfig {
                    seed: i,
                    ..SynthConfig::default()
                },
            );
            (p.original.join(" "), p.translation.join(" "))
        })
        .collect();
    backcheck::lexicon::preload();
    let options = CheckOptions::default();
    let mut t = [Duration::ZERO; 6];
    let mut findings = 0;
    let mut per = [Duration::ZERO; 6];
    for (o, tr) in &pairs {
        let s = Instant::now();
        let od = backcheck::Document::from_bytes("o", o.as_bytes()).expect("o");
        let td = backcheck::Document::from_bytes("t", tr.as_bytes()).expect("t");
        t[0] += s.elapsed();
        let s = Instant::now();
        let (so, st) = (backcheck::segment(&od), backcheck::segment(&td));
        t[1] += s.elapsed();
        // As the pipeline does: tokenise once, align on the tokens.
        let s = Instant::now();
        let (vo, vt) = (check::sentence_views(&so), check::sentence_views(&st));
        t[3] += s.elapsed();
        let s = Instant::now();
        let alignment = backcheck::align::align_tokenized(
            &check::tokenized(&vo),
            &check::tokenized(&vt),
            &options.align,
        );
        t[2] += s.elapsed();
        let ctx = check::PairContext::new(vo, vt, &alignment.beads, &options);
        for (k, c) in check::checkers().iter().enumerate() {
            let s = Instant::now();
            let mut out = Vec::new();
            c.check(&ctx, &mut out);
            findings += out.len();
            per[k] += s.elapsed();
        }
        let s = Instant::now();
        let f = check::check(&ctx);
        let _ = check::summarize(&ctx, &f);
        t[4] += s.elapsed();
    }
    for (k, c) in check::checkers().iter().enumerate() {
        println!("{:>14} {:?} per pair", c.name(), per[k] / n as u32);
    }
    for x in t.iter_mut() {
        *x /= n as u32;
    }
    let _ = findings;
    println!(
        "per pair: ingest {:?} segment {:?} align {:?} views {:?} check+summary {:?}",
        t[0], t[1], t[2], t[3], t[4]
    );
}
