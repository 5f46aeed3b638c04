//! The inputs editors have, turned into plain text before decoding: HTML
//! pages
//! (markup stripped; paragraphs and headings kept, one per line; scripts,
//! styles and navigation dropped; the page's other chrome is labelled by
//! the layout stage like any text's) and Word `.docx` files (through
//! `zip` and `quick-xml`: the paragraphs of `word/document.xml`).
//!
//! Reports' byte offsets for such a file are offsets into the text taken
//! from it, not into the file. A plain text file in UTF-16 (with a
//! byte-order mark) is left as it is: [`super::decode`] reads it, keeping
//! offsets into the file; an HTML page in UTF-16 is decoded by it too
//! before its markup is stripped.

use std::borrow::Cow;
use std::io::Read;

/// What a file is, by its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Docx,
}

fn kind(name: &str, bytes: &[u8]) -> Kind {
    let ext = std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "docx" => Kind::Docx,
        "html" | "htm" | "xhtml" => Kind::Html,
        _ if bytes.starts_with(b"PK\x03\x04") => Kind::Docx,
        _ => Kind::Text,
    }
}

/// True when decoded text looks like an HTML page whatever its name.
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The bytes to decode as text: the file's own (UTF-8, or UTF-16 that
/// [`super::decode`] reads), or text taken from an HTML or Word file. An
/// error is one line saying what is wrong.
pub(crate) fn to_text<'a>(name: &str, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>, String> {
    if kind(name, bytes) == Kind::Docx {
        return docx_text(bytes).map(|t| Cow::Owned(t.into_bytes()));
    }
    // A UTF-16 page is decoded (by the one UTF-16 decoder) to be looked at.
    let text: Cow<'a, [u8]> = match super::decode::utf16_bom(bytes) {
        Some(_) => match super::decode(bytes) {
            Ok(decoded) => Cow::Owned(decoded.text.into_bytes()),
            // Not text: decoding the file as it is says why.
            Err(_) => return Ok(Cow::Borrowed(bytes)),
        },
        None => Cow::Borrowed(bytes),
    };
    let html = kind(name, bytes) == Kind::Html
        || looks_like_html(&String::from_utf8_lossy(&text[..text.len().min(64)]));
    if html {
        let page = String::from_utf8_lossy(&text).into_owned();
        let body = html_text(&page);
        if body.trim().is_empty() {
            return Err("no text in this HTML page".to_string());
        }
        return Ok(Cow::Owned(body.into_bytes()));
    }
    // Plain text keeps its bytes: UTF-16 offsets stay those of the file.
    Ok(Cow::Borrowed(bytes))
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "head", "iframe", "button", "select",
    "canvas", "object",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "br",
    "hr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "pre",
    "dd",
    "dt",
    "dl",
    "address",
    "title",
    "body",
    "html",
    "form",
];

/// The name of the tag starting at `s` (after `<` and an optional `/`),
/// lower-cased.
fn tag_name(s: &str) -> String {
    s.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The text of an HTML page: one paragraph a line, white space collapsed,
/// entities decoded.
pub(crate) fn html_text(page: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let decoded = html_escape::decode_html_entities(current.as_str()).into_owned();
        let line = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            paragraphs.push(line);
        }
        current.clear();
    };
    let mut rest = page;
    while let Some(lt) = rest.find('<') {
        current.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let name = tag_name(tag);
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        if !closing && !self_closing && SKIPPED.contains(&name.as_str()) {
            // Skip to the matching end tag (case-insensitively).
            let end = rest.match_indices("</").find(|(at, _)| {
                rest.get(at + 2..at + 2 + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(&name))
            });
            rest = match end {
                Some((at, _)) => rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..]),
                None => "",
            };
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            flush(&mut current, &mut paragraphs);
        }
    }
    current.push_str(rest);
    flush(&mut current, &mut paragraphs);
    let mut out = paragraphs.join("\n");
    out.push('\n');
    out
}

/// The text of a Word document: its paragraphs, one a line.
pub(crate) fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let not_word = |e: &dyn std::fmt::Display| format!("not a Word .docx file ({e})");
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_word(&e))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| not_word(&e))?
        .read_to_string(&mut xml)
        .map_err(|e| not_word(&e))?;
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged Word document ({e})"))?;
        match event {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Text(t) if in_text => {
                let raw = std::str::from_utf8(t.as_ref())
                    .map_err(|e| format!("damaged Word document ({e})"))?;
                current.push_str(&html_escape::decode_html_entities(raw));
            }
            Event::GeneralRef(r) if in_text => {
                let entity = format!("&{};", String::from_utf8_lossy(r.as_ref()));
                current.push_str(&html_escape::decode_html_entities(&entity));
            }
            Event::Empty(e) if matches!(e.name().as_ref(), b"w:tab" | b"w:br" | b"w:cr") => {
                current.push(' ');
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                let line = current.split_whitespace().collect::<Vec<_>>().join(" ");
                if !line.is_empty() {
                    paragraphs.push(line);
                }
                current.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if paragraphs.is_empty() {
        return Err("no text in this Word document".to_string());
    }
    let mut out = paragraphs.join("\n");
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_paragraphs_and_drops_scripts_and_navigation() {
        let page = "<!DOCTYPE html><html><head><title>T</title><script>var x = '<p>';</script></head>\
            <body><nav><a href=/>Home</a></nav><h1>Big  news</h1><p>One &amp; two.<br>Three&nbsp;four.</p>\
            <!-- <p>hidden</p> --><SCRIPT>alert(1)</SCRIPT><p>Caf&eacute; <b>open</b>.</p></body></html>";
        assert_eq!(
            html_text(page),
            "Big news\nOne & two.\nThree four.\nCafé open.\n"
        );
    }

    #[test]
    fn utf16_with_a_bom_decodes() {
        for (bom, unit) in [
            (
                &[0xFF, 0xFE][..],
                (|c: u16| c.to_le_bytes()) as fn(u16) -> [u8; 2],
            ),
            (&[0xFE, 0xFF][..], |c: u16| c.to_be_bytes()),
        ] {
            let mut bytes = bom.to_vec();
            for c in "Kyiv’s café.".encode_utf16() {
                bytes.extend(unit(c));
            }
            let text = to_text("a.txt", &bytes).expect("text");
            let decoded = super::super::decode(&text).expect("decodes");
            assert_eq!(decoded.text, "Kyiv’s café.");
            // An HTML page in UTF-16 has its markup stripped too.
            let mut page = bom.to_vec();
            for c in "<html><body><p>Kyiv’s café.</p></body></html>".encode_utf16() {
                page.extend(unit(c));
            }
            let text = to_text("a.html", &page).expect("page");
            assert_eq!(
                std::str::from_utf8(&text).expect("utf-8").trim(),
                "Kyiv’s café."
            );
        }
    }

    #[test]
    fn a_damaged_docx_is_a_one_line_error() {
        let err = to_text("a.docx", b"PK\x03\x04 not really").expect_err("damaged");
        assert!(err.contains("Word") && !err.contains('\n'), "{err}");
    }
}
