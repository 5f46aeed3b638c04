//! Finds the article in a decoded file: paragraphs, a tagged metadata
//! header (`<TITLE>`, `<CONTENT>`, …), a plain title/date/URL header, page
//! chrome and photo captions before the body, and non-article tails
//! (editor's notes, copyright lines, author bios) after it.
//!
//! Everything is labelled, nothing is deleted: later stages decide what to
//! skip.

use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

use crate::text::fold_key;

/// What part of a document a paragraph (and its sentences) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// The headline.
    Title,
    /// The article itself.
    Body,
    /// Page furniture before the body: mastheads, captions, bylines.
    Chrome,
    /// Non-article text after the body: notes, copyright, bios.
    Tail,
}

impl Label {
    /// The name reports give it.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Title => "title",
            Label::Body => "body",
            Label::Chrome => "chrome",
            Label::Tail => "tail",
        }
    }
}

/// A paragraph: a byte span of the decoded text and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// Byte offset of its start in the decoded text.
    pub start: usize,
    /// Byte offset of its end in the decoded text.
    pub end: usize,
    /// What part of the document it is.
    pub label: Label,
}

/// A metadata field (tagged header block, or a date/URL header line):
/// exposed to the user, never aligned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetaField {
    /// The field's name (`date`, `url`, a tag's name).
    pub name: String,
    /// Its value.
    pub value: String,
    /// Byte offset of its start in the decoded text.
    pub start: usize,
    /// Byte offset of its end in the decoded text.
    pub end: usize,
}

/// The layout of a document.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The paragraphs, labelled.
    pub paragraphs: Vec<Paragraph>,
    /// The header fields.
    pub metadata: Vec<MetaField>,
}

/// Finds paragraphs, metadata, chrome and tails.
pub fn analyse(text: &str) -> Layout {
    if let Some(layout) = tagged_layout(text) {
        return layout;
    }
    let mut paragraphs: Vec<Paragraph> = split_paragraphs(text, 0, text.len())
        .into_iter()
        .map(|(start, end)| Paragraph {
            start,
            end,
            label: Label::Body,
        })
        .collect();
    let mut metadata = Vec::new();
    label_header(text, &mut paragraphs, &mut metadata);
    label_tails(text, &mut paragraphs);
    Layout {
        paragraphs,
        metadata,
    }
}

/// Line spans (without terminators) of `text[from..to]`; accepts LF, CRLF, CR.
fn lines(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let bytes = &text.as_bytes()[..to];
    let mut out = Vec::new();
    let mut start = from;
    for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[from..]).map(|i| i + from) {
        if i < start {
            // The LF of a CRLF already taken.
            continue;
        }
        out.push((start, i));
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    if start < to {
        out.push((start, to));
    }
    out
}

fn trim_span(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        None
    } else {
        Some((start + lead, start + lead + trimmed.len()))
    }
}

fn ends_mid_sentence(line: &str) -> bool {
    !ends_terminal(line)
}

/// Paragraph spans of `text[from..to]`. Each non-blank line is a paragraph,
/// unless the text is hard-wrapped (blank lines between blocks and most
/// lines ending mid-sentence), in which case blank-line blocks are.
fn split_paragraphs(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let all = lines(text, from, to);
    let nonblank: Vec<(usize, usize)> = all
        .iter()
        .filter_map(|&(s, e)| trim_span(text, s, e))
        .collect();
    let mut adjacent = 0;
    let mut wrapped_like = 0;
    for w in all.windows(2) {
        let (a, b) = (&text[w[0].0..w[0].1], &text[w[1].0..w[1].1]);
        if !a.trim().is_empty() && !b.trim().is_empty() {
            adjacent += 1;
            if ends_mid_sentence(a.trim()) && b.trim_start().starts_with(char::is_lowercase) {
                wrapped_like += 1;
            }
        }
    }
    let has_blank = all.iter().any(|&(s, e)| text[s..e].trim().is_empty());
    if !(has_blank && adjacent >= 3 && wrapped_like * 2 >= adjacent) {
        return nonblank;
    }
    let mut blocks = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for &(s, e) in &all {
        match (trim_span(text, s, e), current) {
            (Some((ts, te)), Some((cs, _))) => current = Some((cs, te.max(ts))),
            (Some(span), None) => current = Some(span),
            (None, Some(block)) => {
                blocks.push(block);
                current = None;
            }
            (None, None) => {}
        }
    }
    blocks.extend(current);
    blocks
}

fn tag_open() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?m)^[ \t]*<([A-Z][A-Z_]*)>").expect("valid regex"))
}

/// A header of `<TAG>…</TAG>` blocks: TITLE and CONTENT are the article,
/// every other block is metadata. Text outside any block is kept as body.
fn tagged_layout(text: &str) -> Option<Layout> {
    let first = tag_open().find(text)?;
    if !text[..first.start()].trim().is_empty() {
        return None;
    }
    let mut layout = Layout::default();
    let mut pos = 0;
    while pos < text.len() {
        let Some(open) = tag_open().captures_at(text, pos) else {
            push_loose_text(text, pos, text.len(), &mut layout);
            break;
        };
        let whole = open.get(0).map_or(pos..pos, |m| m.range());
        let name = open.get(1).map_or("", |m| m.as_str()).to_string();
        push_loose_text(text, pos, whole.start, &mut layout);
        let content_start = whole.end;
        let close = format!("</{name}>");
        let next_open = tag_open()
            .find_at(text, content_start)
            .map_or(text.len(), |m| m.start());
        let (content_end, after) = match text[content_start..].find(&close) {
            Some(off) if content_start + off <= next_open => {
                (content_start + off, content_start + off + close.len())
            }
            _ => (next_open, next_open),
        };
        match name.as_str() {
            "TITLE" | "HEADLINE" => {
                if let Some((s, e)) = trim_span(text, content_start, content_end) {
                    layout.paragraphs.push(Paragraph {
                        start: s,
                        end: e,
                        label: Label::Title,
                    });
                }
            }
            "CONTENT" | "BODY" | "TEXT" => {
                let mut body: Vec<Paragraph> = split_paragraphs(text, content_start, content_end)
                    .into_iter()
                    .map(|(start, end)| Paragraph {
                        start,
                        end,
                        label: Label::Body,
                    })
                    .collect();
                label_tails(text, &mut body);
                layout.paragraphs.extend(body);
            }
            _ => {
                let (s, e) = trim_span(text, content_start, content_end)
                    .unwrap_or((content_start, content_start));
                layout.metadata.push(MetaField {
                    name: name.to_lowercase(),
                    value: text[s..e].to_string(),
                    start: s,
                    end: e,
                });
            }
        }
        pos = after.max(whole.end);
    }
    Some(layout)
}

/// Stray text between tagged blocks is kept as body, never dropped.
fn push_loose_text(text: &str, from: usize, to: usize, layout: &mut Layout) {
    for (start, end) in split_paragraphs(text, from, to) {
        layout.paragraphs.push(Paragraph {
            start,
            end,
            label: Label::Body,
        });
    }
}

/// True when a line ends like a sentence (closing quotes and brackets aside).
pub fn ends_terminal(s: &str) -> bool {
    let trimmed = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
    });
    trimmed.ends_with(['.', '!', '?', '…'])
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The word count of `s`, counting no further than `cap + 1`: enough to
/// compare it with a threshold up to `cap` without reading a long
/// paragraph to its end.
fn word_count_capped(s: &str, cap: usize) -> usize {
    s.split_whitespace().take(cap + 1).count()
}

fn header_regexes() -> &'static [Regex; 4] {
    static RE: OnceLock<[Regex; 4]> = OnceLock::new();
    RE.get_or_init(|| {
        let month = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
        [
            Regex::new(r"^(https?://|www\.)\S+$").expect("valid regex"),
            Regex::new(&format!(
                r"(?i)^((published|updated|posted|date)\s*:?\s*)?(\d{{8}}|\d{{4}}-\d{{2}}-\d{{2}}(t[\d:.]+z?)?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{month}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{month}\s+\d{{4}})([\s,]+\d{{1,2}}:\d{{2}}.*)?$"
            ))
            .expect("valid regex"),
            // A photo caption ends with a credit in brackets.
            Regex::new(r"(?i)\((photo|[^()]*/[^()]*|[^()]*(getty|reuters|afp|associated press|courtesy|credit|via )[^()]*)\)\s*$")
                .expect("valid regex"),
            Regex::new(r"^(By|BY|From) \p{Lu}").expect("valid regex"),
        ]
    })
}

/// Labels page chrome, photo captions, bylines and a plain title/date/URL
/// header before the first prose paragraph.
fn label_header(text: &str, paragraphs: &mut Vec<Paragraph>, metadata: &mut Vec<MetaField>) {
    let [url, date, caption, byline] = header_regexes();
    let scan = paragraphs.len().min(10);
    let is_furniture =
        |s: &str| caption.is_match(s) || (byline.is_match(s) && word_count_capped(s, 16) <= 16);
    let is_prose = |s: &str| {
        let words = word_count_capped(s, 25);
        !is_furniture(s) && ((ends_terminal(s) && words >= 8) || words >= 25)
    };
    let Some(body_start) =
        (0..scan).find(|&i| is_prose(&text[paragraphs[i].start..paragraphs[i].end]))
    else {
        return;
    };
    let mut keep = Vec::with_capacity(paragraphs.len());
    let mut title: Option<(usize, usize)> = None; // (index in keep, words)
    for (i, p) in paragraphs.drain(..).enumerate() {
        if i >= body_start {
            keep.push(p);
            continue;
        }
        let s = &text[p.start..p.end];
        if url.is_match(s) || date.is_match(s) {
            let name = if url.is_match(s) { "url" } else { "date" };
            metadata.push(MetaField {
                name: name.to_string(),
                value: s.to_string(),
                start: p.start,
                end: p.end,
            });
            continue;
        }
        let words = word_count(s);
        let headline_like = !is_furniture(s) && words >= 3 && !s.trim_end().ends_with('.');
        if headline_like && title.is_none_or(|(_, best)| words >= best) {
            title = Some((keep.len(), words));
        }
        keep.push(Paragraph {
            label: Label::Chrome,
            ..p
        });
    }
    if let Some((idx, _)) = title {
        keep[idx].label = Label::Title;
    }
    *paragraphs = keep;
}

fn tail_regexes() -> &'static [Regex; 2] {
    static RE: OnceLock<[Regex; 2]> = OnceLock::new();
    RE.get_or_init(|| {
        [
            Regex::new(
                r"^(editor's note|editors note|note:|copyright|\(c\)|©|all rights reserved|english original|original article|original:|translated by|translation:|the opinions expressed|the views expressed|this (article|story|piece|op-ed|commentary) (was|first|originally)|read more|related:|follow us|subscribe)|all rights reserved|republished .* with permission",
            )
            .expect("valid regex"),
            // An author bio: a name, "is a/an/the", and a role.
            Regex::new(
                r"^(author |about the author:? )?(\p{Lu}[\w.'-]*\s+){1,4}(is|was|serves as) (a|an|the) .{0,200}\b(professor|fellow|director|editor|correspondent|researcher|scientist|analyst|journalist|writer|author|columnist|reporter|chair|lecturer|ambassador|minister|adviser|advisor)",
            )
            .expect("valid regex"),
        ]
    })
}

/// Labels non-article paragraphs at the end of the body as tails.
fn label_tails(text: &str, paragraphs: &mut [Paragraph]) {
    let [cue, bio] = tail_regexes();
    let first_body = paragraphs.iter().position(|p| p.label == Label::Body);
    let Some(first_body) = first_body else { return };
    for p in paragraphs[first_body..].iter_mut().rev().take(6) {
        let raw = &text[p.start..p.end];
        let words = word_count_capped(raw, 80);
        if words > 80 {
            break;
        }
        let folded = fold_key(raw);
        let is_bio = bio.is_match(&raw.replace(['’', '‘'], "'")) && words <= 60;
        if cue.is_match(&folded) || is_bio {
            p.label = Label::Tail;
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn lines_split_at_lf_crlf_and_cr(text in "[ab\r\n]{0,30}", cut in 0usize..4) {
            // The line spans of text[from..to], one terminator at a time.
            let (from, to) = (cut.min(text.len()), text.len().saturating_sub(cut).max(cut.min(text.len())));
            let b = text.as_bytes();
            let mut expected = Vec::new();
            let (mut start, mut i) = (from, from);
            while i < to {
                if b[i] == b'\n' || b[i] == b'\r' {
                    expected.push((start, i));
                    if b[i] == b'\r' && i + 1 < to && b[i + 1] == b'\n' {
                        i += 1;
                    }
                    start = i + 1;
                }
                i += 1;
            }
            if start < to {
                expected.push((start, to));
            }
            proptest::prop_assert_eq!(lines(&text, from, to), expected);
        }
    }

    fn labels(text: &str) -> Vec<(Label, String)> {
        analyse(text)
            .paragraphs
            .iter()
            .map(|p| (p.label, text[p.start..p.end].to_string()))
            .collect()
    }

    #[test]
    fn plain_prose_is_all_body() {
        let l = labels("First sentence of the article is long enough here.\nSecond paragraph.\n");
        assert!(l.iter().all(|(label, _)| *label == Label::Body));
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn crlf_and_cr_are_line_breaks() {
        let l = labels("One two three four five six seven eight.\r\nNine.\rTen.");
        assert_eq!(l.len(), 3);
        assert_eq!(l[2].1, "Ten.");
    }

    #[test]
    fn tagged_header_splits_metadata_from_article() {
        let text = "<TITLE>A Title</TITLE>\n<URL>https://x.org/a</URL>\n<CONTENT>\nBody text here.\n\nMore body.\n</CONTENT>\n";
        let layout = analyse(text);
        assert_eq!(layout.metadata.len(), 1);
        assert_eq!(layout.metadata[0].name, "url");
        assert_eq!(layout.metadata[0].value, "https://x.org/a");
        let l = labels(text);
        assert_eq!(l[0], (Label::Title, "A Title".to_string()));
        assert_eq!(l[1], (Label::Body, "Body text here.".to_string()));
        assert_eq!(l.len(), 3);
    }

    #[test]
    fn tails_are_labelled_from_the_end() {
        let text = "The article says a great many things about the war today.\nJane Roe is a professor of history at Some University.\nAll rights reserved: Example, 2024.\n";
        let l = labels(text);
        assert_eq!(l[0].0, Label::Body);
        assert_eq!(l[1].0, Label::Tail);
        assert_eq!(l[2].0, Label::Tail);
    }
}
