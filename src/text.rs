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
    pub key: Key,
    /// True when the surface form starts with an upper-case letter.
    pub capitalized: bool,
    /// True when the token starts with a digit.
    pub numeric: bool,
    /// True when the surface form is a plain word: it starts with a
    /// letter and holds only letters, dots, apostrophes and hyphens.
    pub word: bool,
}

/// True for a surface form made of letters (and `.` `'` `’` `-`),
/// starting with a letter: a word that may be a name.
pub fn is_plain_word(surface: &str) -> bool {
    surface.chars().next().is_some_and(char::is_alphabetic)
        && surface
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
}

/// What the tokeniser knows of a surface form: its key and the tests
/// made on the surface, worked out once per thread.
#[derive(Clone)]
struct SurfaceInfo {
    key: Key,
    capitalized: bool,
    numeric: bool,
    word: bool,
}

impl SurfaceInfo {
    fn new(surface: &str) -> SurfaceInfo {
        let mut key = String::new();
        token_key(surface, &mut key);
        let first = surface.chars().next();
        SurfaceInfo {
            key: Key::new(&key),
            capitalized: first.is_some_and(char::is_uppercase),
            numeric: first.is_some_and(|c| c.is_ascii_digit()),
            word: is_plain_word(surface),
        }
    }
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

/// A token's folded key. Keys are shared: every occurrence of a surface
/// form on one thread points at one copy, so tokenising a sentence neither
/// folds nor allocates for a word seen before (a batch meets the same few
/// thousand words in every pair), and what the checkers ask of a word (is
/// it a stop word, its stem, its length) is worked out once per thread.
#[derive(Clone)]
pub struct Key(std::rc::Rc<KeyData>);

struct KeyData {
    text: Box<str>,
    stopword: bool,
    chars: usize,
    letters: usize,
    /// Every character is a letter or digit.
    alphanumeric: bool,
    /// The key holds a comma ("1,000").
    comma: bool,
    stem: std::cell::OnceCell<std::rc::Rc<str>>,
    /// Word classes a checker asks about (see [`Key::classes`]).
    classes: std::cell::OnceCell<u8>,
    /// Hash of `text`, worked out once: maps keyed by keys hash a word,
    /// not its letters, on every lookup.
    hash: u64,
    /// Where the aligner's vocabulary keeps this key's features (see
    /// [`Key::aligner_slot`]).
    aligner_slot: std::cell::Cell<u64>,
}

impl Key {
    /// A key from text already folded (see [`token_key`]).
    pub fn new(folded: &str) -> Key {
        let (mut chars, mut letters, mut alphanumeric) = (0, 0, true);
        for c in folded.chars() {
            chars += 1;
            letters += usize::from(c.is_alphabetic());
            alphanumeric &= c.is_alphanumeric();
        }
        Key(std::rc::Rc::new(KeyData {
            text: folded.into(),
            stopword: is_stopword(folded),
            chars,
            letters,
            alphanumeric,
            comma: folded.contains(','),
            stem: std::cell::OnceCell::new(),
            classes: std::cell::OnceCell::new(),
            hash: text_hash(folded),
            aligner_slot: std::cell::Cell::new(0),
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    pub fn is_stopword(&self) -> bool {
        self.0.stopword
    }

    /// Length in characters.
    pub fn char_count(&self) -> usize {
        self.0.chars
    }

    /// How many of its characters are letters.
    pub fn letter_count(&self) -> usize {
        self.0.letters
    }

    /// True when every character is a letter or digit.
    pub fn is_alphanumeric(&self) -> bool {
        self.0.alphanumeric
    }

    /// True when the key holds a comma (a number such as "1,000").
    pub fn has_comma(&self) -> bool {
        self.0.comma
    }

    /// Bit flags of word classes, worked out by `classify` on first use
    /// and kept with the key, so a class test costs a load, not a lookup.
    /// Every caller must pass the same function: the crate has one,
    /// `check::word_class::of`.
    pub(crate) fn classes(&self, classify: fn(&str) -> u8) -> u8 {
        *self.0.classes.get_or_init(|| classify(&self.0.text))
    }

    /// A slot for the aligner's vocabulary to note where this key's
    /// features are (0: nowhere yet), so a token's features cost a load
    /// instead of a lookup. Only `align::features` uses it.
    pub(crate) fn aligner_slot(&self) -> &std::cell::Cell<u64> {
        &self.0.aligner_slot
    }

    /// True when the key's text is `text`, whose [`text_hash`] is `hash`:
    /// most other words are told apart by the hash alone.
    #[inline]
    pub fn is(&self, text: &str, hash: u64) -> bool {
        self.0.hash == hash && &*self.0.text == text
    }

    /// The key's [`stem`], worked out on first use.
    pub fn stem(&self) -> &std::rc::Rc<str> {
        self.0.stem.get_or_init(|| stem(&self.0.text))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
            || (self.0.hash == other.0.hash && self.0.text == other.0.text)
    }
}

impl Eq for Key {}

/// The hash a [`Key`] keeps of its text.
pub fn text_hash(text: &str) -> u64 {
    std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, text)
}

// Equal keys have equal texts, so equal hashes.
impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.hash)
    }
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Surface forms beyond this many are dropped from a thread's key cache
/// and it starts again: a stream of unique tokens must not grow it forever.
const KEY_CACHE_LIMIT: usize = 200_000;

/// A thread's surface forms and what they stand for. Forms of up to 15
/// bytes (nearly every word) are looked up packed in one integer: hashing
/// and comparing a number, not a string, for every token.
#[derive(Default)]
struct KeyCache {
    short: rustc_hash::FxHashMap<u128, SurfaceInfo>,
    long: rustc_hash::FxHashMap<Box<str>, SurfaceInfo>,
}

/// A surface of up to 15 bytes as one number: its bytes, then its length
/// in the last byte (so no two surfaces share a number).
fn packed(surface: &str) -> Option<u128> {
    let b = surface.as_bytes();
    let n = b.len();
    // Little-endian loads of the first and last bytes (overlapping when
    // short), shifted so that each byte lands at its own position.
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
    let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default());
    let bytes: u128 = match n {
        16.. => return None,
        8.. => u128::from(u64_at(0)) | u128::from(u64_at(n - 8)) << (8 * (n - 8)),
        4.. => u128::from(u32_at(0)) | u128::from(u32_at(n - 4)) << (8 * (n - 4)),
        _ => b
            .iter()
            .enumerate()
            .fold(0, |acc, (i, &x)| acc | u128::from(x) << (8 * i)),
    };
    Some(bytes | (n as u128) << 120)
}

thread_local! {
    static KEYS: std::cell::RefCell<KeyCache> = std::cell::RefCell::new(KeyCache::default());
}

/// What a surface form stands for (see [`Key`]), from `cache` when it
/// is there (None: the thread's cache is gone, at thread exit).
fn surface_info(cache: Option<&mut KeyCache>, surface: &str) -> SurfaceInfo {
    let Some(cache) = cache else {
        return SurfaceInfo::new(surface);
    };
    let code = packed(surface);
    let known = match code {
        Some(code) => cache.short.get(&code),
        None => cache.long.get(surface),
    };
    if let Some(info) = known {
        return info.clone();
    }
    let info = SurfaceInfo::new(surface);
    if cache.short.len() + cache.long.len() >= KEY_CACHE_LIMIT {
        cache.short.clear();
        cache.long.clear();
    }
    match code {
        Some(code) => cache.short.insert(code, info.clone()),
        None => cache.long.insert(surface.into(), info.clone()),
    };
    info
}

/// Splits `text` into word and number tokens.
///
/// Words come from Unicode word boundaries (UAX #29), then a word glued
/// across a missing sentence space ("battlefield.However") is split at the
/// dot; dotted abbreviations ("U.S", "e.g") stay whole.
pub fn tokenize(text: &str) -> Vec<Token> {
    // About one token per six bytes of English: one allocation for most
    // sentences.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut split = |mut cache: Option<&mut KeyCache>| {
        for_each_token_span(text, |start, end| {
            let surface = &text[start..end];
            if surface.is_empty() {
                return;
            }
            let info = surface_info(cache.as_deref_mut(), surface);
            out.push(Token {
                start,
                end,
                key: info.key,
                capitalized: info.capitalized,
                numeric: info.numeric,
                word: info.word,
            })
        })
    };
    // The thread's key cache is borrowed once per text, not per token.
    if KEYS
        .try_with(|keys| split(Some(&mut keys.borrow_mut())))
        .is_err()
    {
        split(None);
    }
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

/// Function words that carry no content for matching.
pub fn is_stopword(key: &str) -> bool {
    static WORDS: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
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

/// Stems an English word key (Porter2 / Snowball). Results are cached per
/// thread and shared (`Rc<str>`): a batch stems the same few thousand
/// words over and over, and a cached stem costs no allocation.
pub fn stem(key: &str) -> std::rc::Rc<str> {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    thread_local! {
        static CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, std::rc::Rc<str>>> =
            std::cell::RefCell::new(rustc_hash::FxHashMap::default());
    }
    CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(key) {
            return s.clone();
        }
        let s: std::rc::Rc<str> = STEMMER
            .get_or_init(|| Stemmer::create(Algorithm::English))
            .stem(key)
            .into();
        let mut cache = cache.borrow_mut();
        // Bounded: a stream of unique tokens must not grow it forever.
        if cache.len() > 200_000 {
            cache.clear();
        }
        cache.insert(key.into(), s.clone());
        s
    })
}

/// True for letters-only keys that are worth comparing (content words).
pub fn is_content(token: &Token) -> bool {
    !token.numeric && !is_stopword(&token.key) && token.key.chars().any(char::is_alphabetic)
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
        /// Packing keeps every byte and the length: two surfaces share a
        /// number only when they are the same.
        #[test]
        fn packed_surfaces_are_distinct(a in "[a-zé’.']{0,17}", b in "[a-zé’.']{0,17}") {
            match (packed(&a), packed(&b)) {
                (Some(x), Some(y)) => prop_assert_eq!(x == y, a == b),
                (x, y) => {
                    prop_assert_eq!(x.is_none(), a.len() > 15);
                    prop_assert_eq!(y.is_none(), b.len() > 15);
                }
            }
            if let Some(x) = packed(&a) {
                let mut bytes = x.to_le_bytes();
                prop_assert_eq!(usize::from(bytes[15]), a.len());
                bytes[15] = 0;
                prop_assert_eq!(&bytes[..a.len()], a.as_bytes());
                prop_assert!(bytes[a.len()..].iter().all(|&b| b == 0));
            }
        }

        /// The dot flag is what a search of the word would say.
        #[test]
        fn dot_flags_match_the_words(text in "[aZé09_.,;:' %\"-]{0,40}") {
            words_with_dots(&text, |_, word, dots| {
                assert_eq!(dots, word.contains('.'), "{word:?} in {text:?}");
            });
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
        tokenize(s).into_iter().map(|t| t.key.to_string()).collect()
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
