//! The terminal view of `check` (`--format text`, the default on a
//! terminal): a summary in editors' words, then each original sentence
//! with findings, both texts with the conflicting spans marked and the
//! findings under them, worst first.
//!
//! Marks are bold colour where the output takes colour (decided by the
//! caller, through `anstream`, which honours `NO_COLOR` and pipes), and
//! `[brackets]` in plain text.
//!
//! ```
//! use backcheck::{check::CheckOptions, pipeline, Document};
//! let orig = Document::from_bytes("a.txt", b"Officials met in Kyiv for three days.").unwrap();
//! let trans = Document::from_bytes("b.txt", b"Officials met in Kiev for four days.").unwrap();
//! let report = pipeline::check_pair("a", &orig, &trans, &CheckOptions::default());
//! let text = backcheck::report::text::render(&report, false);
//! assert!(text.contains("Sentence 1\n"));
//! assert!(text.contains("1 number changed"));
//! ```

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::check::{Finding, Kind, Severity, Span};
use crate::pipeline::PairReport;
use crate::Sentence;

fn style(severity: Severity) -> Style {
    let colour = match severity {
        Severity::Critical => AnsiColor::Red,
        Severity::Major => AnsiColor::Yellow,
        Severity::Minor => AnsiColor::Cyan,
    };
    Style::new().bold().fg_color(Some(colour.into()))
}

/// `n` and the noun, singular or plural.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a number of findings of one kind means, in editors' words.
pub fn kind_phrase(kind: Kind, n: usize) -> String {
    match kind {
        Kind::Name => count(n, "name corrupted", "names corrupted"),
        Kind::Number => count(n, "number changed", "numbers changed"),
        Kind::Dropped => count(n, "passage missing", "passages missing"),
        Kind::Polarity => count(n, "negation flipped", "negations flipped"),
        Kind::Added => count(n, "sentence added", "sentences added"),
        Kind::Moved => count(n, "sentence out of place", "sentences out of place"),
        Kind::Mistranslation => count(
            n,
            "sentence whose meaning shifted",
            "sentences whose meaning shifted",
        ),
    }
}

/// The summary in editors' words: "3 names corrupted, 1 number changed";
/// "nothing found" when there are no findings.
pub fn editor_summary(findings: &[Finding]) -> String {
    let phrases: Vec<String> = Kind::ALL
        .iter()
        .map(|&k| (k, findings.iter().filter(|f| f.kind == k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| kind_phrase(k, n))
        .collect();
    if phrases.is_empty() {
        "nothing found".to_string()
    } else {
        phrases.join(", ")
    }
}

/// A sentence with the spans marked: bold colour, or `[brackets]`.
fn marked(text: &str, spans: &[(Span, Severity)], colour: bool) -> String {
    let mut spans: Vec<(usize, usize, Severity)> = spans
        .iter()
        // A whole sentence is not marked: the finding says so.
        .filter(|(s, _)| s.start < s.end && !(s.start == 0 && s.end == text.len()))
        .filter(|(s, _)| text.get(s.start..s.end).is_some())
        .map(|(s, sev)| (s.start, s.end, *sev))
        .collect();
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let mut out = String::with_capacity(text.len() + spans.len() * 12);
    let mut at = 0;
    for (start, end, severity) in spans {
        // Overlapping spans: the first (the longest at a start) is shown.
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        let piece = &text[start..end];
        if colour {
            let s = style(severity);
            let _ = write!(out, "{s}{piece}{s:#}");
        } else {
            let _ = write!(out, "[{piece}]");
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The findings of one group: an original sentence, or a translation
/// sentence with none in the original.
struct Group {
    /// (true, original sentence) or (false, translation sentence).
    key: (bool, usize),
    findings: Vec<usize>,
}

/// The groups in reading order: original sentences by number, a
/// translation sentence with none in the original after the original
/// sentence of the finding before it.
fn groups(findings: &[Finding]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut place: Vec<(usize, usize, usize)> = Vec::new();
    let mut last_orig = 0;
    for (i, f) in findings.iter().enumerate() {
        let key = match (f.orig.first(), f.trans.first()) {
            (Some(&o), _) => (true, o),
            (None, Some(&t)) => (false, t),
            (None, None) => (true, usize::MAX),
        };
        match out.iter_mut().find(|g| g.key == key) {
            Some(g) => g.findings.push(i),
            None => {
                place.push(match key {
                    (true, o) => (o, 0, 0),
                    (false, t) => (last_orig, 1, t),
                });
                out.push(Group {
                    key,
                    findings: vec![i],
                });
            }
        }
        if let Some(&o) = f.orig.first() {
            last_orig = o;
        }
    }
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&g| place[g]);
    let mut slots: Vec<Option<Group>> = out.into_iter().map(Some).collect();
    order.into_iter().filter_map(|g| slots[g].take()).collect()
}

fn push_side(
    out: &mut String,
    label: &str,
    sentences: &[Sentence],
    shown: &[usize],
    spans: &[(Span, Severity)],
    colour: bool,
) {
    for &i in shown {
        let Some(s) = sentences.get(i) else { continue };
        let mine: Vec<(Span, Severity)> = spans
            .iter()
            .filter(|(sp, _)| sp.sentence == i)
            .copied()
            .collect();
        let _ = writeln!(
            out,
            "  {label:<11} {:>3}  {}",
            i + 1,
            marked(&s.text, &mine, colour)
        );
    }
}

/// The text view of a checked pair; `colour`: mark with ANSI styles
/// instead of brackets.
pub fn render(report: &PairReport, colour: bool) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let sev = |k: Severity| report.findings.iter().filter(|f| f.severity == k).count();
    let _ = writeln!(
        out,
        "{}: score {:.1} of 100 · {} to review ({} critical, {} major, {} minor)",
        report.pair,
        s.score,
        count(report.findings.len(), "finding", "findings"),
        sev(Severity::Critical),
        sev(Severity::Major),
        sev(Severity::Minor),
    );
    let _ = writeln!(out, "In short: {}.", editor_summary(&report.findings));
    let mut notes = Vec::new();
    if s.ignored > 0 {
        notes.push(format!("{} ignored (--ignore)", s.ignored));
    }
    if s.hidden > 0 {
        notes.push(format!("{} hidden (--min-severity, --only-new)", s.hidden));
    }
    if let Some(resolved) = &s.resolved {
        let new = report
            .tracked
            .iter()
            .filter(|t| t.status == Some(crate::check::review::Novelty::New))
            .count();
        notes.push(format!(
            "since the baseline: {new} new, {} resolved",
            resolved.len()
        ));
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "{}.", notes.join(" · "));
    }
    for w in &report.warnings {
        let _ = writeln!(out, "Warning: {w}");
    }
    let _ = writeln!(
        out,
        "{} original and {} translation sentences; {:.0}% of the original's content words carried over.",
        s.orig_sentences,
        s.trans_sentences,
        s.coverage * 100.0
    );
    for g in groups(&report.findings) {
        let mut members: Vec<&Finding> = g
            .findings
            .iter()
            .filter_map(|&i| report.findings.get(i))
            .collect();
        let mut orig: Vec<usize> = members.iter().flat_map(|f| f.orig.clone()).collect();
        let mut trans: Vec<usize> = members.iter().flat_map(|f| f.trans.clone()).collect();
        orig.sort_unstable();
        orig.dedup();
        trans.sort_unstable();
        trans.dedup();
        let _ = writeln!(out);
        match g.key {
            (true, usize::MAX) => {
                let _ = writeln!(out, "Whole document");
            }
            (true, o) => {
                let _ = writeln!(out, "Sentence {}", o + 1);
            }
            (false, t) => {
                let _ = writeln!(out, "Translation sentence {} (not in the original)", t + 1);
            }
        }
        let orig_spans: Vec<(Span, Severity)> = members
            .iter()
            .filter_map(|f| f.orig_span.map(|s| (s, f.severity)))
            .collect();
        let trans_spans: Vec<(Span, Severity)> = members
            .iter()
            .filter_map(|f| f.trans_span.map(|s| (s, f.severity)))
            .collect();
        push_side(
            &mut out,
            "original",
            &report.orig,
            &orig,
            &orig_spans,
            colour,
        );
        if trans.is_empty() {
            let _ = writeln!(out, "  {:<11}      (nothing)", "translation");
        }
        push_side(
            &mut out,
            "translation",
            &report.trans,
            &trans,
            &trans_spans,
            colour,
        );
        // Worst first; then the surer; then document order.
        let index = |f: &Finding| {
            report
                .findings
                .iter()
                .position(|x| std::ptr::eq(x, f))
                .unwrap_or(0)
        };
        members.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(b.confidence.total_cmp(&a.confidence))
                .then(index(a).cmp(&index(b)))
        });
        for f in members {
            let n = index(f);
            let severity = if colour {
                let st = style(f.severity);
                format!("{st}{:<8}{st:#}", f.severity.as_str())
            } else {
                format!("{:<8}", f.severity.as_str())
            };
            let texts = match (f.expected.is_empty(), f.found.is_empty()) {
                (false, false) => format!("\"{}\" → \"{}\": ", f.expected, f.found),
                (false, true) => format!("\"{}\": ", f.expected),
                (true, false) => format!("\"{}\": ", f.found),
                (true, true) => String::new(),
            };
            let tracked = report.tracked.get(n);
            let status = tracked
                .and_then(|t| t.status)
                .map(|s| format!(" {}", s.as_str()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {severity} {:<14} {texts}{}  [#{} {}{status}]",
                f.kind.as_str(),
                f.message,
                n + 1,
                tracked.map_or("", |t| t.fingerprint.as_str()),
            );
        }
    }
    if report.findings.is_empty() {
        let _ = writeln!(out, "\nNo findings.");
    }
    out
}
