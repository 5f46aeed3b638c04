//! Bytes to text: BOM, invalid UTF-8, binary detection and NFC, with a map
//! from positions in the decoded text back to byte offsets in the file.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized};

/// Maps byte positions of the decoded text to byte offsets in the source
/// file. Stored sparsely: one entry per place where the shift changes
/// (BOM, replaced bytes, re-composed characters), so a clean 50 MB file
/// costs one entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffsetMap {
    /// (text position, file offset minus text position) from that position on.
    shifts: Vec<(usize, i64)>,
}

impl OffsetMap {
    fn push(&mut self, text_pos: usize, file_pos: usize) {
        let shift = file_pos as i64 - text_pos as i64;
        if self.shifts.last().map(|s| s.1) != Some(shift) {
            self.shifts.push((text_pos, shift));
        }
    }

    /// The file byte offset of a text position.
    pub fn to_file(&self, text_pos: usize) -> usize {
        let idx = self.shifts.partition_point(|s| s.0 <= text_pos);
        let shift = if idx == 0 { 0 } else { self.shifts[idx - 1].1 };
        (text_pos as i64 + shift).max(0) as usize
    }
}

/// The decoded text of one file and what decoding had to repair.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The NFC text.
    pub text: String,
    /// Text positions to file offsets.
    pub offsets: OffsetMap,
    /// Byte offset of the first invalid UTF-8 sequence and how many there were.
    pub invalid_utf8: Option<(usize, usize)>,
    /// The encoding, when the file was not UTF-8: `UTF-16LE` or
    /// `UTF-16BE` (found by its byte order mark).
    pub encoding: Option<&'static str>,
}

/// Why a file cannot be read as an article.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    /// No bytes at all.
    #[error("empty file")]
    Empty,
    /// A NUL byte, at this offset.
    #[error("binary file (NUL byte at offset {0})")]
    Binary(usize),
    /// Mostly control characters or invalid bytes (this percentage).
    #[error("not text: {0:.0}% of characters are control or invalid bytes")]
    NotText(f64),
}

/// Decodes file bytes. Never panics; invalid UTF-8 is replaced with U+FFFD
/// and reported, NUL bytes or mostly non-text content are an error. A
/// file that starts with a UTF-16 byte order mark is decoded as UTF-16
/// (little- or big-endian), a lone surrogate or odd last byte replaced
/// and reported like invalid UTF-8.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom)) = utf16_bom(bytes) {
        return utf16(bytes, encoding, bom);
    }
    let mut offsets = OffsetMap::default();
    let mut body = bytes;
    let mut base = 0;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        body = rest;
        base = 3;
        offsets.push(0, 3);
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if let Some(pos) = memchr::memchr(0, body) {
        return Err(DecodeError::Binary(base + pos));
    }

    // Lossy decoding that records where bytes were replaced.
    let mut text = String::with_capacity(body.len());
    let mut invalid: Option<(usize, usize)> = None;
    let mut rest = body;
    let mut consumed = base;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(err) => {
                let good = err.valid_up_to();
                // SAFETY-free: the prefix up to valid_up_to is valid UTF-8.
                text.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad_len = err.error_len().unwrap_or(rest.len() - good);
                let bad_at = consumed + good;
                invalid = Some(match invalid {
                    Some((first, n)) => (first, n + 1),
                    None => (bad_at, 1),
                });
                text.push('\u{FFFD}');
                consumed = bad_at + bad_len;
                offsets.push(text.len(), consumed);
                rest = &rest[good + bad_len..];
            }
        }
    }

    finish(text, offsets, invalid, None)
}

/// The checks and normalisation every decoded text goes through.
fn finish(
    text: String,
    offsets: OffsetMap,
    invalid: Option<(usize, usize)>,
    encoding: Option<&'static str>,
) -> Result<Decoded, DecodeError> {
    let (total, junk) = junk_count(&text);
    let share = junk as f64 / total.max(1) as f64;
    if share > 0.10 {
        return Err(DecodeError::NotText(share * 100.0));
    }

    let (text, offsets) = nfc(text, offsets);
    Ok(Decoded {
        text,
        offsets,
        invalid_utf8: invalid,
        encoding,
    })
}

/// The UTF-16 encoding a file's byte order mark names, and the mark's
/// length (`encoding_rs` reads the mark).
pub(crate) fn utf16_bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, usize)> {
    encoding_rs::Encoding::for_bom(bytes)
        .filter(|(e, _)| *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE)
}

/// Decodes a UTF-16 file (`encoding` as its `bom`-byte byte order mark
/// says) with `encoding_rs`. Offsets map each character to its first
/// byte in the file; a malformed sequence (a lone surrogate, an odd last
/// byte) is replaced with U+FFFD and counted at its byte offset.
fn utf16(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    bom: usize,
) -> Result<Decoded, DecodeError> {
    use encoding_rs::DecoderResult;
    let body = &bytes[bom..];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len());
    let mut offsets = OffsetMap::default();
    let mut invalid: Option<(usize, usize)> = None;
    let mut file_pos = bom;
    let mut read = 0;
    let mut segment = String::new();
    loop {
        let rest = &body[read..];
        segment.clear();
        segment.reserve(
            decoder
                .max_utf8_buffer_length_without_replacement(rest.len())
                .unwrap_or(rest.len() * 3 + 16),
        );
        let (result, n) = decoder.decode_to_string_without_replacement(rest, &mut segment, true);
        read += n;
        // Every character decoded took its UTF-16 length in the file.
        for c in segment.chars() {
            offsets.push(text.len(), file_pos);
            if c == '\0' {
                return Err(DecodeError::Binary(file_pos));
            }
            text.push(c);
            file_pos += 2 * c.len_utf16();
        }
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, _) => {
                // The malformed bytes start where the last character ended.
                invalid = Some(match invalid {
                    Some((first, count)) => (first, count + 1),
                    None => (file_pos, 1),
                });
                offsets.push(text.len(), file_pos);
                text.push('\u{FFFD}');
                file_pos += usize::from(bad);
            }
        }
    }
    offsets.push(text.len(), file_pos);
    if text.chars().all(char::is_whitespace) {
        return Err(DecodeError::Empty);
    }
    finish(text, offsets, invalid, Some(encoding.name()))
}

/// Characters in `text`, and how many are junk: U+FFFD or a control
/// character that is not white space. Counted on the bytes:
/// a character starts at every byte that is not a continuation byte;
/// the only multi-byte junk is C1 controls (C2 80–9F, except NEL, C2 85)
/// and U+FFFD (EF BF BD).
fn junk_count(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    // One pass without branches, counted in u8 lanes per block of 255
    // bytes, which the compiler vectorises.
    let (mut total, mut junk) = (0usize, 0usize);
    for block in b.chunks(255) {
        let (mut starts, mut controls) = (0u8, 0u8);
        for &c in block {
            starts += u8::from(c & 0xC0 != 0x80);
            controls += u8::from(c <= 0x08 || (0x0E..=0x1F).contains(&c) || c == 0x7F);
        }
        total += usize::from(starts);
        junk += usize::from(controls);
    }
    for i in memchr::memchr2_iter(0xC2, 0xEF, b) {
        let bad = match b[i] {
            0xC2 => matches!(b.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9F)),
            _ => b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD]),
        };
        junk += usize::from(bad);
    }
    (total, junk)
}

/// True when `text` is certainly NFC. ASCII characters are NFC, start no
/// composition and reset the canonical ordering, so only the runs of
/// non-ASCII characters between them need the Unicode quick check (an
/// article is mostly ASCII).
fn is_nfc_quick_runs(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Skip ASCII a block at a time (slice `is_ascii` reads words).
        let block = &b[i..(i + 64).min(b.len())];
        if block.is_ascii() {
            i += block.len();
            continue;
        }
        if b[i].is_ascii() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii() {
            i += 1;
        }
        // A run of non-ASCII bytes is whole characters: ASCII bytes never
        // occur inside a multi-byte sequence.
        if is_nfc_quick(text[start..i].chars()) != IsNormalized::Yes {
            return false;
        }
    }
    true
}

/// Normalises to NFC, cluster by cluster (a starter and its combining
/// marks), so that offsets stay exact at every cluster boundary.
fn nfc(text: String, offsets: OffsetMap) -> (String, OffsetMap) {
    if is_nfc_quick_runs(&text) {
        return (text, offsets);
    }
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut cluster_start = 0;
    let flush = |out: &mut String, map: &mut OffsetMap, from: usize, to: usize| {
        if from == to {
            return;
        }
        map.push(out.len(), offsets.to_file(from));
        let cluster = &text[from..to];
        out.extend(cluster.nfc());
        map.push(out.len(), offsets.to_file(to));
    };
    for (i, c) in text.char_indices() {
        if i > cluster_start && canonical_combining_class(c) == 0 {
            flush(&mut out, &mut map, cluster_start, i);
            cluster_start = i;
        }
    }
    flush(&mut out, &mut map, cluster_start, text.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn junk_count_agrees_with_chars(text in "\\PC*|[\u{0}-\u{a0}\u{FFFD}’é]{0,40}") {
            let expected = text
                .chars()
                .filter(|c| *c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()))
                .count();
            proptest::prop_assert_eq!(junk_count(&text), (text.chars().count(), expected));
        }
    }

    proptest::proptest! {
        #[test]
        fn nfc_run_check_agrees_with_the_whole_text(text in "[a-e \u{300}\u{301}\u{327}éç’Å\u{212B}]{0,150}") {
            let whole = is_nfc_quick(text.chars()) == IsNormalized::Yes;
            proptest::prop_assert_eq!(is_nfc_quick_runs(&text), whole);
        }
    }

    #[test]
    fn junk_count_matches_the_char_definition() {
        let text = "ok\t\u{0}\u{7f}\u{85}\u{80}\u{9f}\u{a0}é\u{FFFD}\u{FFFC}’\r\n";
        let expected = text
            .chars()
            .filter(|c| *c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()))
            .count();
        assert_eq!(junk_count(text), (text.chars().count(), expected));
        assert_eq!(expected, 5);
    }

    #[test]
    fn strips_bom_and_maps_offsets() {
        let d = decode(b"\xEF\xBB\xBFHello.").expect("decodes");
        assert_eq!(d.text, "Hello.");
        assert_eq!(d.offsets.to_file(0), 3);
        assert_eq!(d.offsets.to_file(5), 8);
    }

    #[test]
    fn replaces_invalid_utf8_and_reports_first_offset() {
        let d = decode(b"ab\xFFcd\xC3(ef and then some more plain text").expect("decodes");
        assert!(d.text.starts_with("ab\u{FFFD}cd\u{FFFD}(ef and"));
        assert_eq!(d.invalid_utf8, Some((2, 2)));
        // "c" is at file offset 3 and text offset 5 (U+FFFD is 3 bytes).
        assert_eq!(d.offsets.to_file(5), 3);
        assert_eq!(d.offsets.to_file(d.text.len() - 2), 37);
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\t").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"abc\0def").unwrap_err(), DecodeError::Binary(3));
        assert!(matches!(
            decode(&[0xFF; 100]).unwrap_err(),
            DecodeError::NotText(_)
        ));
    }

    #[test]
    fn decodes_utf16_with_either_byte_order_and_maps_offsets() {
        let text = "Café talks in Kyiv \u{1F600} ended.";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(&bytes).expect("decodes");
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, Some(name));
            assert_eq!(d.invalid_utf8, None);
            // "talks" is the 6th character: 2 (BOM) + 5 * 2 bytes.
            assert_eq!(d.offsets.to_file(d.text.find("talks").expect("word")), 12);
            let after_emoji = d.text.find(" ended").expect("word");
            let units_before = text[..after_emoji].encode_utf16().count();
            assert_eq!(d.offsets.to_file(after_emoji), 2 + 2 * units_before);
        }
        // A lone surrogate is replaced and reported at its byte offset.
        let mut bytes = vec![0xFF, 0xFE, b'o', 0, b'k', 0, 0x00, 0xD8];
        bytes.extend(" and more text".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&bytes).expect("decodes");
        assert_eq!(d.text, "ok\u{FFFD} and more text");
        assert_eq!(d.invalid_utf8, Some((6, 1)));
        assert_eq!(
            decode(&[0xFF, 0xFE, b' ', 0]).unwrap_err(),
            DecodeError::Empty
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, 0, 0]).unwrap_err(),
            DecodeError::Binary(4)
        );
    }

    #[test]
    fn composes_to_nfc_keeping_offsets() {
        let d = decode("Zelenske\u{301} said.".as_bytes()).expect("decodes");
        assert_eq!(d.text, "Zelensk\u{E9} said.");
        let said = d.text.find("said").expect("present");
        assert_eq!(d.offsets.to_file(said), "Zelenske\u{301} ".len());
    }
}
