//! Word-level text utilities shared by every stage: tokens with byte spans,
//! a folded matching key, stop words and stemming.
//!
//! The folded key is what matching compares ("Ukraine’s" and "Ukraine's",
//! "Zelenský" and "Zelensky" fold to the same key) while the token keeps its
//! span into the display text, which is the map back to the original offsets.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// One word or number of a text, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Folded, lower-cased form with a trailing possessive removed.
    pub key: String,
    /// True when the surface form starts with an upper-case letter.
    pub capitalized: bool,
    /// True when the token starts with a digit.
    pub numeric: bool,
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

/// Splits `text` into word and number tokens.
///
/// Words come from Unicode word boundaries (UAX #29), then a word glued
/// across a missing sentence space ("battlefield.However") is split at the
/// dot; dotted abbreviations ("U.S", "e.g") stay whole.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (start, word) in text.unicode_word_indices() {
        let mut piece_start = 0;
        let bytes = word.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'.' && i > piece_start + 1 && i + 2 < bytes.len() {
                let before = &word[piece_start..i];
                let after = &word[i + 1..];
                let letters_before = before.chars().all(char::is_alphabetic);
                let next_piece_len = after.find('.').unwrap_or(after.len());
                if letters_before && next_piece_len >= 2 && after.starts_with(char::is_alphabetic) {
                    push_token(&mut out, text, start + piece_start, start + i);
                    piece_start = i + 1;
                }
            }
        }
        push_token(&mut out, text, start + piece_start, start + word.len());
    }
    out
}

fn push_token(out: &mut Vec<Token>, text: &str, start: usize, end: usize) {
    let surface = &text[start..end];
    let Some(first) = surface.chars().next() else {
        return;
    };
    let mut key = fold_key(surface);
    strip_possessive(&mut key);
    out.push(Token {
        start,
        end,
        key,
        capitalized: first.is_uppercase(),
        numeric: first.is_ascii_digit(),
    });
}

/// Function words that carry no content for matching.
pub fn is_stopword(key: &str) -> bool {
    static WORDS: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| STOPWORDS.split_whitespace().collect())
        .contains(key)
}

const STOPWORDS: &str = "a about above after again against all also am an and any are as at be \
because been before being below between both but by can could did do does doing down during each \
few for from further had has have having he her here hers herself him himself his how however i if \
in into is it its itself just me more most my myself nor of off on once only or other our ours \
ourselves out over own same she should so some such than that the their theirs them themselves then \
there these they this those through to too under until up very was we were what when where which \
while who whom why will with would you your yours yourself yourselves may might must shall s t \
yet even still already now whether though although upon onto within without per via whose \
it's that's there's he's she's let's i'm we're they're you're";

/// Stems an English word key (Porter2 / Snowball).
pub fn stem(key: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::English))
        .stem(key)
        .into_owned()
}

/// True for letters-only keys that are worth comparing (content words).
pub fn is_content(token: &Token) -> bool {
    !token.numeric && !is_stopword(&token.key) && token.key.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn strips_possessives_and_keeps_spans() {
        let text = "Russia’s 1,000 km";
        let toks = tokenize(text);
        assert_eq!(toks[0].key, "russia");
        assert_eq!(&text[toks[1].start..toks[1].end], "1,000");
        assert!(toks[1].numeric);
    }
}
