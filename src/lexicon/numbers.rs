//! Number words: cardinals, tens, multipliers, fractions, ordinals and
//! month names, as the number checker reads them.

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
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth",
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

/// The value of an ordinal word ("third" → 3).
pub fn ordinal_value(key: &str) -> Option<usize> {
    ORDINALS.iter().position(|w| !w.is_empty() && *w == key)
}

/// True for the words a mention written in words can start with: a
/// small number or a ten ("three", "twenty"), an ordinal, a month, "a"
/// ("a dozen") or "half".
pub fn may_start_number(key: &str) -> bool {
    !key.is_empty()
        && (SMALL.contains(&key)
            || TENS.contains(&key)
            || ORDINALS.contains(&key)
            || month_number(key).is_some()
            || matches!(key, "a" | "half"))
}

/// True for a number word ("three", "twenty", "thousand", "dozen").
pub fn is_number_word(key: &str) -> bool {
    small_value(key).is_some() || multiplier(key).is_some() || key == "dozen"
}

/// The value of a multiplier word ("thousand" → 1000).
pub fn multiplier(key: &str) -> Option<f64> {
    match key {
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// The value of a fraction word ("half" → 0.5).
pub fn fraction(key: &str) -> Option<f64> {
    match key {
        "half" => Some(0.5),
        "third" | "thirds" => Some(1.0 / 3.0),
        "quarter" | "quarters" => Some(0.25),
        _ => None,
    }
}

/// The value of a cardinal below a hundred written as one word.
pub fn small_value(key: &str) -> Option<f64> {
    if let Some(i) = SMALL.iter().position(|w| *w == key) {
        return Some(i as f64);
    }
    TENS.iter()
        .position(|w| !w.is_empty() && *w == key)
        .map(|i| (i * 10) as f64)
}

/// Every word [`may_start_number`] or [`is_number_word`] accepts: they are
/// finite lists, so a word's classes can be read from one table.
pub(super) fn all_words() -> impl Iterator<Item = &'static str> {
    SMALL
        .iter()
        .chain(TENS)
        .chain(ORDINALS)
        .chain(MONTHS.iter().flat_map(|m| m.iter()))
        .chain(&[
            "a", "half", "hundred", "thousand", "million", "billion", "trillion", "dozen",
        ])
        .copied()
        .filter(|w| !w.is_empty())
}
