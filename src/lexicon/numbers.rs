//! Number words: cardinals, tens, multipliers, fractions, ordinals,
//! decades ("the fifties") and month names, as the number checker reads
//! them.

/// Cardinals below twenty, by value.
pub const SMALL: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Tens by value / 10 (the first two empty).
pub const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Ordinals by value (the first empty).
pub const ORDINALS: &[&str] = &[
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// Ordinals of the tens by value / 10 (the first two empty).
pub const TENS_ORDINALS: &[&str] = &[
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// Decades by value / 10 (the first two empty): "the fifties".
pub const DECADES: &[&str] = &[
    "",
    "",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

const MONTHS: &[&[&str]] = &[
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sept", "sep"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// The month number of a month name or abbreviation key.
pub fn month_number(key: &str) -> Option<usize> {
    MONTHS.iter().position(|m| m.contains(&key)).map(|i| i + 1)
}

/// The value of an ordinal word ("third" → 3, "twentieth" → 20,
/// "hundredth" → 100).
pub fn ordinal_value(key: &str) -> Option<usize> {
    if key.is_empty() {
        return None;
    }
    if let Some(v) = ORDINALS.iter().position(|w| *w == key) {
        return Some(v);
    }
    if let Some(v) = TENS_ORDINALS.iter().position(|w| *w == key) {
        return Some(v * 10);
    }
    match key {
        "hundredth" => Some(100),
        "thousandth" => Some(1000),
        "millionth" => Some(1_000_000),
        _ => None,
    }
}

/// The decade a word names ("fifties" → 50).
pub fn decade_value(key: &str) -> Option<usize> {
    DECADES
        .iter()
        .position(|w| !w.is_empty() && *w == key)
        .map(|v| v * 10)
}

/// True for the words a mention written in words can start with: a
/// small number or a ten ("three", "twenty"), an ordinal, a decade
/// ("fifties"), a month, "a" ("a dozen") or "half".
pub fn may_start_number(key: &str) -> bool {
    !key.is_empty()
        && (SMALL.contains(&key)
            || TENS.contains(&key)
            || ordinal_value(key).is_some()
            || decade_value(key).is_some()
            || month_number(key).is_some()
            || matches!(key, "a" | "half"))
}

/// True for a number word ("three", "twenty", "thousand", "dozen").
pub fn is_number_word(key: &str) -> bool {
    small_value(key).is_some() || multiplier(key).is_some() || key == "dozen"
}

/// The power of ten of a multiplier word ("thousand" → 3); "bn" is
/// the abbreviation of "billion".
pub fn multiplier(key: &str) -> Option<u32> {
    match key {
        "hundred" => Some(2),
        "thousand" => Some(3),
        "million" => Some(6),
        "billion" | "bn" => Some(9),
        "trillion" => Some(12),
        _ => None,
    }
}

/// A fraction word as (numerator, denominator): "half" → 1/2,
/// "third" → 1/3, "quarters" → 1/4.
pub fn fraction(key: &str) -> Option<(u32, u32)> {
    match key {
        "half" => Some((1, 2)),
        "third" | "thirds" => Some((1, 3)),
        "quarter" | "quarters" => Some((1, 4)),
        _ => None,
    }
}

/// The value of a cardinal below a hundred written as one word.
pub fn small_value(key: &str) -> Option<u32> {
    if let Some(i) = SMALL.iter().position(|w| *w == key) {
        return Some(i as u32);
    }
    TENS.iter()
        .position(|w| !w.is_empty() && *w == key)
        .map(|i| (i * 10) as u32)
}

/// Every word [`may_start_number`] or [`is_number_word`] accepts: they are
/// finite lists, so a word's classes can be read from one table.
pub(super) fn all_words() -> impl Iterator<Item = &'static str> {
    SMALL
        .iter()
        .chain(TENS)
        .chain(ORDINALS)
        .chain(TENS_ORDINALS)
        .chain(DECADES)
        .chain(MONTHS.iter().flat_map(|m| m.iter()))
        .chain(&[
            "a",
            "half",
            "hundred",
            "thousand",
            "million",
            "billion",
            "bn",
            "trillion",
            "dozen",
            "hundredth",
            "thousandth",
            "millionth",
        ])
        .copied()
        .filter(|w| !w.is_empty())
}
