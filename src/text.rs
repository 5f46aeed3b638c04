//! Word-level text mechanics shared by every stage: token spans, the
//! folded matching key, stop words, stems and spellings.
//!
//! The folded key is what matching compares ("Ukraine’s" and "Ukraine's",
//! "Zelenský" and "Zelensky" fold to the same key) while a token keeps its
//! span into the display text, which is the map back to the original
//! offsets. Everything here is a pure function of its input: the analysis
//! stage ([`crate::analysis`]) numbers the words of a pair and keeps what
//! is worked out of each.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// One word or number of a text with its byte span and folded key, for
/// one-off uses outside a pair (a glossary entry, a page's layout); the
/// pipeline's tokens are [`crate::analysis::Token`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// Folded, lower-cased form with a trailing possessive removed.
    pub key: String,
    /// True when the surface form starts with an upper-case letter.
    pub capitalized: bool,
    /// True when the token starts with a digit.
    pub numeric: bool,
}

/// True for a surface form made of letters (and `.` `'` `’` `-`),
/// starting with a letter: a word that may be a name.
pub fn is_plain_word(surface: &str) -> bool {
    if surface.is_ascii() {
        let b = surface.as_bytes();
        return b.first().is_some_and(u8::is_ascii_alphabetic)
            && b.iter()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, b'.' | b'\'' | b'-'));
    }
    surface.chars().next().is_some_and(char::is_alphabetic)
        && surface
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
}

/// True when a surface form starts with an upper-case letter.
pub fn is_capitalized(surface: &str) -> bool {
    match surface.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => surface.chars().next().is_some_and(char::is_uppercase),
    }
}

/// True when a surface form starts with a digit.
pub fn is_numeric(surface: &str) -> bool {
    surface.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// Folds typographic variants to one plain form: curly quotes to straight
/// ones, every dash to '-', every space (NBSP, em space…) to ' '.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// The folded key of a piece of text: typographic folding, diacritics
/// removed, lower case.
pub fn fold_key(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(fold_char)
        .flat_map(char::to_lowercase)
        .collect()
}

fn strip_possessive(key: &mut String) {
    if key.len() > 2 && (key.ends_with("'s") || key.ends_with("s'")) {
        if key.ends_with("'s") {
            key.truncate(key.len() - 2);
        } else {
            key.truncate(key.len() - 1);
        }
    }
}

/// Splits `text` into word and number tokens (see [`for_each_token_span`]).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token_span(text, |start, end| {
        let surface = &text[start..end];
        let mut key = String::new();
        token_key(surface, &mut key);
        out.push(Token {
            start,
            end,
            key,
            capitalized: is_capitalized(surface),
            numeric: is_numeric(surface),
        });
    });
    out
}

/// Calls `f` with the start and text of every UAX #29 word of `text`
/// that contains a letter or digit, like `unicode_word_indices`.
///
/// Words never span ASCII white space, so the text is cut there and each
/// ASCII-only piece takes a fast path that applies the same rules
/// (WB5–WB13b restricted to ASCII): letters, digits and `_` run together;
/// `.` `'` `:` join two letters; `.` `,` `;` `'` join two digits. Other
/// pieces go through unicode-segmentation. Property tests check the two
/// agree.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, &str)) {
    words_with_dots(text, |start, word, _| f(start, word));
}

/// [`for_each_word`], also telling whether each word holds a '.' (the
/// ASCII path knows it from its joiners, without searching the word).
fn words_with_dots(text: &str, mut f: impl FnMut(usize, &str, bool)) {
    // White space is never a joiner, so a text can be cut at ASCII white
    // space anywhere: each run of pieces without a non-ASCII byte takes
    // the fast path whole, and only a piece holding one (a curly
    // apostrophe, an accented letter) goes through unicode-segmentation.
    let b = text.as_bytes();
    let mut from = 0;
    while from < b.len() {
        let Some(at) = first_non_ascii(&b[from..]).map(|p| from + p) else {
            ascii_words(&text[from..], |s, w, dots| f(from + s, w, dots));
            return;
        };
        let is_space = |c: &u8| BYTE_CLASS[*c as usize] & SPACE != 0;
        let piece_start = b[from..at]
            .iter()
            .rposition(is_space)
            .map_or(from, |p| from + p + 1);
        let piece_end = b[at..]
            .iter()
            .position(is_space)
            .map_or(b.len(), |p| at + p);
        ascii_words(&text[from..piece_start], |s, w, dots| f(from + s, w, dots));
        for (s, w) in text[piece_start..piece_end].unicode_word_indices() {
            f(piece_start + s, w, w.contains('.'));
        }
        from = piece_end;
    }
}

/// Where the first byte of `b` above 0x7F lies: whole blocks are tested
/// at once (`is_ascii` reads a word at a time).
fn first_non_ascii(b: &[u8]) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut start = 0;
    for block in b.chunks(BLOCK) {
        if !block.is_ascii() {
            return block.iter().position(|&c| c >= 0x80).map(|p| start + p);
        }
        start += block.len();
    }
    None
}

const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const UNDERSCORE: u8 = 4;
const SPACE: u8 = 8;
const NON_ASCII: u8 = 16;
const WORD: u8 = LETTER | DIGIT | UNDERSCORE;

/// The class bits of every byte value, for the ASCII fast path.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'_' {
            UNDERSCORE
        } else if c.is_ascii_whitespace() {
            SPACE
        } else if c >= 0x80 {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    table
};

fn ascii_words(text: &str, mut f: impl FnMut(usize, &str, bool)) {
    let b = text.as_bytes();
    let class = |i: usize| BYTE_CLASS[b[i] as usize];
    let mut i = 0;
    while i < b.len() {
        if class(i) & WORD == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut seen = 0;
        let mut dots = false;
        loop {
            while i < b.len() && class(i) & WORD != 0 {
                seen |= class(i);
                i += 1;
            }
            if i + 1 < b.len() && class(i + 1) & WORD != 0 {
                let (before, joiner, after) = (class(i - 1), b[i], class(i + 1));
                let letters =
                    before == LETTER && after == LETTER && matches!(joiner, b'.' | b'\'' | b':');
                let digits = before == DIGIT
                    && after == DIGIT
                    && matches!(joiner, b'.' | b',' | b';' | b'\'');
                if letters || digits {
                    dots |= joiner == b'.';
                    i += 1;
                    continue;
                }
            }
            break;
        }
        if seen & (LETTER | DIGIT) != 0 {
            f(start, &text[start..i], dots);
        }
    }
}

/// Calls `f` with the byte span of every token of `text`, in order: the
/// words of [`for_each_word`], with a word glued across a missing sentence
/// space split at the dot.
pub fn for_each_token_span(text: &str, mut f: impl FnMut(usize, usize)) {
    words_with_dots(text, |start, word, dots| {
        // Most words have no dot: nothing to split.
        if !dots {
            f(start, start + word.len());
            return;
        }
        let mut piece_start = 0;
        let bytes = word.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'.' && i > piece_start + 1 && i + 2 < bytes.len() {
                let before = &word[piece_start..i];
                let after = &word[i + 1..];
                let letters_before = before.chars().all(char::is_alphabetic);
                let next_piece_len = after.find('.').unwrap_or(after.len());
                if letters_before && next_piece_len >= 2 && after.starts_with(char::is_alphabetic) {
                    f(start + piece_start, start + i);
                    piece_start = i + 1;
                }
            }
        }
        f(start + piece_start, start + word.len());
    });
}

/// Writes the folded key of a token's surface into `key` (see [`Token`]).
pub fn token_key(surface: &str, key: &mut String) {
    key.clear();
    if surface.is_ascii() {
        key.push_str(surface);
        key.make_ascii_lowercase();
    } else {
        key.extend(
            surface
                .nfd()
                .filter(|c| !is_combining_mark(*c))
                .map(fold_char)
                .flat_map(char::to_lowercase),
        );
    }
    strip_possessive(key);
}

pub use crate::lexicon::is_stopword;

/// Letters and digits of a text, lower-cased ("Zelei Sky" → "zeleisky"):
/// the spelling that corrupted names are compared by.
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        out.extend(
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// Similarity of two spellings, 0–1: the normalised indel similarity
/// (2·LCS / total length) of their compact forms. Measured on the seed
/// pair's corrupted names, it separates true from false matches with a
/// wider margin than Jaro-Winkler or Levenshtein (docs/design.md).
pub fn spelling_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (compact(a), compact(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    rapidfuzz::distance::indel::normalized_similarity(a.chars(), b.chars())
}

/// The first `n` characters of a key.
pub fn prefix(key: &str, n: usize) -> &str {
    if key.len() <= n {
        return key;
    }
    // With n ASCII bytes first, the n-th character starts at byte n.
    if key.as_bytes()[..n].is_ascii() {
        return &key[..n];
    }
    key.char_indices().nth(n).map_or(key, |(i, _)| &key[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words with their start offsets.
    type Words = Vec<(usize, String)>;

    /// The words of `text` by [`for_each_word`] and by unicode-segmentation.
    fn both_ways(text: &str) -> (Words, Words) {
        let mut fast = Vec::new();
        for_each_word(text, |start, word| fast.push((start, word.to_string())));
        let reference = text
            .unicode_word_indices()
            .map(|(s, w)| (s, w.to_string()))
            .collect();
        (fast, reference)
    }

    proptest! {
        /// The dot flag is what a search of the word would say.
        #[test]
        fn dot_flags_match_the_words(text in "[aZé09_.,;:' %\"-]{0,40}") {
            words_with_dots(&text, |_, word, dots| {
                assert_eq!(dots, word.contains('.'), "{word:?} in {text:?}");
            });
        }

        /// The ASCII paths of the surface tests agree with the general ones.
        #[test]
        fn surface_tests_match_their_general_forms(surface in "[aZé’.'09-]{0,8}") {
            let general = surface.chars().next().is_some_and(char::is_alphabetic)
                && surface.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'));
            prop_assert_eq!(is_plain_word(&surface), general);
            prop_assert_eq!(is_capitalized(&surface), surface.chars().next().is_some_and(char::is_uppercase));
        }

        #[test]
        fn ascii_fast_path_matches_uax29(text in "[aZq09_.,;:' %\"-]{0,40}") {
            let (fast, reference) = both_ways(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn mixed_text_matches_uax29(text in "[aZ09_.,;:' \t\n’é–“”%-]{0,40}") {
            let (fast, reference) = both_ways(&text);
            prop_assert_eq!(fast, reference);
        }

        /// Long texts with a few non-ASCII characters among ASCII words:
        /// several fast runs and slow pieces in one text, and blocks of
        /// the non-ASCII search on both sides of them.
        #[test]
        fn sparse_non_ascii_matches_uax29(
            text in "([a-z0-9.,' ]{0,40}[’é“”– \u{a0}]?){0,6}"
        ) {
            let (fast, reference) = both_ways(&text);
            prop_assert_eq!(fast, reference);
            let mut dots = Vec::new();
            words_with_dots(&text, |_, word, d| dots.push((word.to_string(), d)));
            prop_assert!(dots.iter().all(|(w, d)| *d == w.contains('.')));
        }
    }

    fn keys(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn folds_quotes_dashes_and_diacritics() {
        assert_eq!(fold_key("Ukraine’s — Zelenský"), "ukraine's - zelensky");
    }

    #[test]
    fn splits_glued_sentences_but_not_abbreviations() {
        assert_eq!(
            keys("battlefield.However, the U.S. won"),
            ["battlefield", "however", "the", "u.s", "won"]
        );
    }

    #[test]
    fn prefixes_count_characters() {
        assert_eq!(prefix("ukrainian", 5), "ukrai");
        assert_eq!(prefix("zelenský", 7), "zelensk");
        assert_eq!(prefix("zélenský", 5), "zélen");
        assert_eq!(prefix("kyiv", 5), "kyiv");
        assert_eq!(compact("Zelei-Sky"), "zeleisky");
    }

    #[test]
    fn measured_name_pairs_separate() {
        for (a, b) in [
            ("Zelensky", "Zelei Sky"),
            ("Kursk", "Kurusk"),
            ("Kharkiv", "Halkov"),
        ] {
            assert!(spelling_similarity(a, b) >= 0.6, "{a}/{b}");
        }
        for (a, b) in [
            ("Kharkiv", "Kremlin"),
            ("Zelensky", "Kremlin"),
            ("Biden", "Putin"),
        ] {
            assert!(spelling_similarity(a, b) < 0.5, "{a}/{b}");
        }
    }

    #[test]
    fn strips_possessives_and_keeps_spans() {
        let text = "Russia’s 1,000 km";
        let toks = tokenize(text);
        assert_eq!(toks[0].key, "russia");
        assert_eq!(&text[toks[1].start..toks[1].end], "1,000");
        assert!(toks[1].numeric);
    }
}
