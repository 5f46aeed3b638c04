//! A property-based stress test of the whole pipeline (issue 17): from
//! bytes to findings, on arbitrary Unicode, mutated seed text, long
//! tokens and deep punctuation runs. It asserts that nothing panics, that
//! every sentence span maps back to the input, that every finding names
//! sentences that exist, and that a batch gives the same bytes with one
//! worker thread or two. The number of cases is fixed, so its time is
//! bounded (a few seconds in a release build).

mod common;

use backcheck::batch::{self, BatchOptions, PairInput, PairSource};
use backcheck::check::CheckOptions;
use backcheck::{pipeline, Document};
use proptest::prelude::*;

/// Text for one side of a pair: arbitrary Unicode, a mutated slice of a
/// seed, a long token, a punctuation run, or a mix of them.
fn side() -> impl Strategy<Value = String> {
    let seed = std::fs::read_to_string(common::root().join(common::ORIG)).expect("seed");
    let chars: Vec<char> = seed.chars().collect();
    let mutated = (
        0..chars.len(),
        200usize..3000,
        proptest::collection::vec((any::<prop::sample::Index>(), any::<char>(), 0u8..3), 0..40),
    )
        .prop_map(move |(start, len, edits)| {
            let mut text: Vec<char> = chars[start..(start + len).min(chars.len())].to_vec();
            for (at, c, op) in edits {
                if text.is_empty() {
                    text.push(c);
                    continue;
                }
                let i = at.index(text.len());
                match op {
                    0 => text.insert(i, c),
                    1 => {
                        text.remove(i);
                    }
                    _ => text[i] = c,
                }
            }
            text.into_iter().collect::<String>()
        });
    let unicode = "(?s).{0,400}";
    let long_token = ("[A-Za-z]{0,20}", 1000usize..30_000, "[a-zé0-9]")
        .prop_map(|(head, n, c)| format!("Officials met. {head}{} ended.", c.repeat(n)));
    let punctuation = "[.!?…\"'“”()\\[\\]—–\\-,;: \n]{50,3000}";
    let parts = prop_oneof![
        mutated.boxed(),
        unicode.boxed(),
        long_token.boxed(),
        punctuation.boxed()
    ];
    proptest::collection::vec(parts, 1..4).prop_map(|parts| parts.join(" "))
}

/// Every sentence's span lies in the decoded text on character
/// boundaries, reads as the sentence's text, and maps to a byte offset
/// in the input.
fn check_spans(doc: &Document, input_len: usize) -> Result<usize, TestCaseError> {
    let sentences = backcheck::segment(doc);
    for s in &sentences {
        let span = doc.text.get(s.start..s.end);
        prop_assert!(
            span.is_some(),
            "span {}..{} not in the text",
            s.start,
            s.end
        );
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(words(span.unwrap_or_default()), words(&s.text));
        let (start, end) = (doc.offsets.to_file(s.start), doc.offsets.to_file(s.end));
        prop_assert!(
            start <= end && end <= input_len,
            "{start}..{end} of {input_len}"
        );
    }
    Ok(sentences.len())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_pipeline_holds_on_hostile_text(orig in side(), trans in side()) {
        let docs = (
            Document::from_bytes("o", orig.as_bytes()),
            Document::from_bytes("t", trans.as_bytes()),
        );
        if let (Ok(o), Ok(t)) = &docs {
            let (no, nt) = (check_spans(o, orig.len())?, check_spans(t, trans.len())?);
            let report = pipeline::check_pair("p", o, t, &CheckOptions::default());
            prop_assert_eq!(report.orig.len(), no);
            prop_assert_eq!(report.trans.len(), nt);
            for f in &report.findings {
                prop_assert!(f.orig.iter().all(|&i| i < no), "{f:?}");
                prop_assert!(f.trans.iter().all(|&i| i < nt), "{f:?}");
                for (span, sentences) in [(f.orig_span, &report.orig), (f.trans_span, &report.trans)] {
                    if let Some(span) = span {
                        let sentence = sentences.get(span.sentence);
                        prop_assert!(sentence.is_some(), "{f:?}");
                        let text = &sentence.map(|s| s.text.as_str()).unwrap_or_default();
                        prop_assert!(text.get(span.start..span.end).is_some(), "{f:?}");
                    }
                }
            }
        }
        // A batch of this pair, its mirror and a copy: the same bytes for
        // one worker thread or two.
        let pairs = || -> batch::Pairs {
            let texts = [(&orig, &trans), (&trans, &orig), (&orig, &orig)];
            Box::new(
                texts
                    .into_iter()
                    .enumerate()
                    .map(|(index, (o, t))| PairInput {
                        index,
                        id: format!("p{index}"),
                        source: PairSource::Texts {
                            original: o.clone(),
                            translation: t.clone(),
                        },
                    })
                    .collect::<Vec<_>>()
                    .into_iter(),
            )
        };
        let stream = |jobs: usize| -> Result<Vec<u8>, TestCaseError> {
            let options = BatchOptions {
                out: "-".into(),
                jobs,
                shard: None,
                resume: false,
                csv: Default::default(),
                check: CheckOptions::default(),
                progress: false,
                log_every: None,
            };
            let mut out = Vec::new();
            let ran = batch::run_to_writer(pairs(), &options, &mut out, &|_| {});
            prop_assert!(ran.is_ok(), "{ran:?}");
            Ok(out)
        };
        let (one, two) = (stream(1)?, stream(2)?);
        prop_assert!(one == two, "--jobs 1 and 2 differ");
    }
}
