//! Sentence splitting with byte spans, paragraph numbers and labels.
//!
//! Rules (they match the conventions of the human gold annotation):
//! a sentence ends at `.`, `!`, `?` or `…`, after any closing quotes or
//! brackets, when the next character is a capital letter (or an opening
//! quote before one, or a digit after a space). The space may be missing
//! ("battlefield.However"). Abbreviations ("Sept.", "Gen."), dotted
//! acronyms ("U.S.") and single-letter initials ("Charles A.") never end a
//! sentence. A paragraph that stops mid-sentence ("The change of") is
//! joined to the next paragraph of the same label when that one continues
//! it. The scanner works on bytes, so a 50 MB line costs linear time and no
//! per-character buffer.
//!
//! ```
//! let doc = backcheck::Document::from_bytes("x", b"The U.S. won.Then Mr. Smith left.").expect("text");
//! let sentences = backcheck::segment(&doc);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(sentences[1].text, "Then Mr. Smith left.");
//! ```

use serde::Serialize;

use crate::ingest::{ends_terminal, Document, Label};

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// 0-based position among the document's sentences.
    pub index: usize,
    /// 0-based paragraph of the sentence's first character.
    pub paragraph: usize,
    /// The label of its paragraph.
    pub label: Label,
    /// Byte offset of its start in the document's decoded text.
    pub start: usize,
    /// Byte offset of its end in the document's decoded text.
    pub end: usize,
    /// The sentence text; a line break inside it reads as one space.
    pub text: String,
}

/// Splits a document into sentences.
pub fn segment(doc: &Document) -> Vec<Sentence> {
    let text = doc.text.as_str();
    let mut spans: Vec<(usize, usize, usize, Label)> = Vec::new();
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        let pieces = split_spans(&text[para.start..para.end]);
        for (k, (s, e)) in pieces.into_iter().enumerate() {
            let (s, e) = (para.start + s, para.start + e);
            let continues_previous = k == 0
                && spans.last().is_some_and(|&(ps, pe, _, pl)| {
                    pl == para.label && continues(&text[ps..pe], &text[s..e])
                });
            match spans.last_mut() {
                Some(last) if continues_previous => last.1 = e,
                _ => spans.push((s, e, pi, para.label)),
            }
        }
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(index, (start, end, paragraph, label))| Sentence {
            index,
            paragraph,
            label,
            start,
            end,
            text: join_lines(&text[start..end]),
        })
        .collect()
}

/// Whether `next` (the first sentence of a paragraph) continues `prev`
/// (the last sentence of the paragraph before).
fn continues(prev: &str, next: &str) -> bool {
    if next.starts_with(char::is_lowercase) {
        return true;
    }
    if ends_terminal(prev) || prev.ends_with(':') {
        return false;
    }
    let last = prev.split_whitespace().last().unwrap_or("");
    if last.ends_with([',', '-', '–', '—']) {
        return true;
    }
    let word = last
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    JOINING_WORDS.contains(&word.as_str())
}

const JOINING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "nor", "but", "to", "in", "on", "for", "with", "by",
    "from", "at", "as", "that", "which", "who", "his", "her", "its", "their", "our", "your",
    "this", "these", "those", "between", "into", "than", "is", "are", "was", "were", "be", "has",
    "have", "had", "will", "would", "could", "should", "can", "may", "not",
];

/// Collapses a line break (with the spaces around it) into one space.
fn join_lines(s: &str) -> String {
    if memchr::memchr2(b'\n', b'\r', s.as_bytes()).is_none() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_break = false;
    let mut spaces = String::new();
    for c in s.chars() {
        if c == '\n' || c == '\r' {
            pending_break = true;
        } else if c.is_whitespace() {
            spaces.push(c);
        } else {
            if pending_break {
                out.push(' ');
            } else {
                out.push_str(&spaces);
            }
            spaces.clear();
            pending_break = false;
            out.push(c);
        }
    }
    out
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
    "gov", "sen", "rep", "rev", "st", "jr", "sr", "hon", "pres", "sec", "dept", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v", "approx",
    "inc", "corp", "co", "ltd", "bros", "mt", "ft", "ave", "blvd", "rd", "est", "fig", "vol",
    "gov't",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// True when the dot at `dot` closes an abbreviation, an initial or a
/// dotted acronym rather than a sentence.
fn is_abbreviation(s: &str, dot: usize) -> bool {
    let before = &s[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_uppercase();
    }
    if word.contains('.') {
        // "U.S", "e.g", "p.m": single letters joined by dots.
        return word.split('.').all(|part| part.chars().count() == 1);
    }
    if word.is_ascii() {
        // No lower-cased copy for the usual case.
        return ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Sentence spans (trimmed, relative to `s`) of one paragraph.
fn split_spans(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut stops = Stops::new(bytes);
    while let Some(at) = stops.next_from(i) {
        i = at;
        let c = if bytes[i] == 0xE2 {
            '…'
        } else {
            bytes[i] as char
        };
        let stop = i;
        // The run of stops ("?!", "...").
        let mut j = i;
        while let Some(ch) = s[j..]
            .chars()
            .next()
            .filter(|ch| matches!(ch, '.' | '!' | '?' | '…'))
        {
            j += ch.len_utf8();
        }
        let mut single_dot = c == '.' && j == stop + 1;
        let after_stops = j;
        while let Some(ch) = s[j..].chars().next().filter(|&ch| is_closer(ch)) {
            j += ch.len_utf8();
        }
        // An abbreviation is never followed by a closing quote or bracket.
        single_dot &= j == after_stops;
        let mut k = j;
        while let Some(ch) = s[k..].chars().next().filter(|ch| ch.is_whitespace()) {
            k += ch.len_utf8();
        }
        let mut next = s[k..].chars();
        let starts_sentence = match next.next() {
            Some(o) if is_opener(o) => next.next().is_some_and(char::is_uppercase),
            Some(n) => n.is_uppercase() || (n.is_ascii_digit() && k > j),
            None => false,
        };
        if starts_sentence && !(single_dot && is_abbreviation(s, stop)) {
            push_trimmed(s, start, j, &mut out);
            start = k;
            i = k;
        } else {
            i = j.max(i + 1);
        }
    }
    push_trimmed(s, start, s.len(), &mut out);
    out
}

/// Finds sentence stops ('.', '!', '?', '…') with memchr instead of
/// looking at every byte.
struct Stops<'a> {
    bytes: &'a [u8],
    /// The first '…' at or after the last search start, if any.
    ellipsis: Option<usize>,
}

impl<'a> Stops<'a> {
    fn new(bytes: &'a [u8]) -> Stops<'a> {
        Stops {
            bytes,
            ellipsis: memchr::memmem::find(bytes, "…".as_bytes()),
        }
    }

    /// The first stop at or after byte `from`.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        if self.ellipsis.is_some_and(|e| e < from) {
            self.ellipsis = memchr::memmem::find(rest, "…".as_bytes()).map(|e| from + e);
        }
        let ascii = memchr::memchr3(b'.', b'!', b'?', rest).map(|p| from + p);
        match (ascii, self.ellipsis) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    }
}

fn push_trimmed(s: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &s[start..end];
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let lead = piece.len() - piece.trim_start().len();
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The memchr search finds the stops a byte-by-byte scan finds.
        #[test]
        fn stops_are_found_like_a_scan(text in "[a.!?… ’”A]{0,30}", steps in proptest::collection::vec(0usize..4, 0..12)) {
            let bytes = text.as_bytes();
            let scan = |from: usize| {
                (from..bytes.len()).find(|&p| {
                    matches!(bytes[p], b'.' | b'!' | b'?') || text.get(p..).is_some_and(|r| r.starts_with('…'))
                })
            };
            let mut stops = Stops::new(bytes);
            let mut from = 0;
            for step in steps {
                let found = stops.next_from(from);
                prop_assert_eq!(found, scan(from));
                from = found.map_or(bytes.len(), |p| p + 1 + step);
            }
        }
    }

    fn texts(s: &str) -> Vec<String> {
        let doc = Document::from_bytes("t", s.as_bytes()).expect("text");
        segment(&doc).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_split() {
        let t = texts("On Sept. 6, 2024, U.S. President Joe Biden met Charles A. Kupchan and Gen. Smith. It cost 2.5 or 1,000 dollars.");
        assert_eq!(t.len(), 2, "{t:?}");
    }

    #[test]
    fn glued_stops_and_quotes_split() {
        let t = texts("He won the battle.However, he said \"no.\" Then he left! Why? Because.");
        assert_eq!(
            t,
            [
                "He won the battle.",
                "However, he said \"no.\"",
                "Then he left!",
                "Why?",
                "Because."
            ]
        );
    }

    #[test]
    fn sentence_broken_across_paragraphs_is_joined() {
        let t = texts("It was fine.\n\nThe change of\n\nHis position cleared the way.\n");
        assert_eq!(
            t,
            [
                "It was fine.",
                "The change of His position cleared the way."
            ]
        );
    }

    #[test]
    fn headings_without_punctuation_stand_alone() {
        let t = texts("A Heading Here\nThe body of the text follows in a sentence.\n");
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn spans_index_the_text() {
        let doc = Document::from_bytes("t", "Ukraine’s move.Next one.".as_bytes()).expect("text");
        let s = segment(&doc);
        assert_eq!(&doc.text[s[1].start..s[1].end], "Next one.");
    }
}
