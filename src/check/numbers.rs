//! The number checker: numeric mentions on both sides of a bead, compared
//! by exact value, unit and qualifier.
//!
//! A mention is digits ("1,000", "2.5", "3,5", "−5", "50%"), number words
//! ("three", "two and a half", "a dozen", "one thousand"), an ordinal
//! ("third", "21st", "twenty-first"), a decade ("the 1980s", "the
//! fifties", "the 70's"), a date ("Sept. 6, 2024", "the 10th of
//! October"), a time ("8:30 p.m.", "20:30", "12.00 GMT"), or a number a
//! name carries ("COVID-19", "iPhone6"), with its unit ("square
//! kilometers", "km²", "percent", "years", "$") and qualifier ("nearly",
//! "more than", "older than"). Values are exact decimals with their
//! sign, never floating point: 9,007,199,254,740,993 and −5 % are what
//! they say. Equal values in other forms are the same mention: 1,000 =
//! 1000 = one thousand, 3,5 = 3.5, 12.00 = 12:00, 8:30 p.m. = 20:30, the
//! 80s = the 1980s, 20th century = twentieth century, July 4 = 4th July.
//!
//! ```
//! use backcheck::check::numbers::{mentions, Qualifier};
//! let m = mentions("despite nearly three years and 1,000 square kilometers (−5 percent)");
//! assert_eq!(m.len(), 3);
//! assert_eq!((m[0].value.to_string(), m[0].unit, m[0].qualifier), ("3".into(), Some("year"), Qualifier::Nearly));
//! assert_eq!((m[1].value.to_string(), m[1].unit), ("1000".into(), Some("square kilometer")));
//! assert_eq!((m[2].value.to_string(), m[2].unit), ("-5".into(), Some("percent")));
//! ```

use std::fmt;

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::analysis::{AnalysedSentence, Analyzer, Vocabulary};
use crate::lexicon::numbers::{
    decade_value, fraction, month_number, multiplier, ordinal_value, small_value,
};
use crate::lexicon::NUMBER_START;

/// An exact number: a decimal with its sign, or a number of thirds ("a
/// third", "two thirds", which no decimal writes exactly). Two values are
/// equal when they are the same number, however written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Value {
    negative: bool,
    /// The significant digits, without leading or trailing zeros (empty
    /// for zero).
    digits: String,
    /// The power of ten the digits are multiplied by.
    exponent: i32,
    /// The digits count thirds.
    thirds: bool,
}

impl Value {
    /// The value of an integer part and a fraction part written in ASCII
    /// digits ("12", "50" → 12.50).
    fn from_parts(negative: bool, integer: &str, fraction: &str) -> Value {
        let mut digits = String::with_capacity(integer.len() + fraction.len());
        digits.push_str(integer);
        digits.push_str(fraction);
        Value {
            negative,
            digits,
            exponent: -(fraction.len() as i32),
            thirds: false,
        }
        .normalised()
    }

    /// The value of a whole number.
    pub fn integer(n: u128) -> Value {
        Value::from_parts(false, &n.to_string(), "")
    }

    /// A whole number plus a fraction `numerator / denominator` (thirds,
    /// quarters; anything else is read as halves).
    fn with_fraction(whole: u128, numerator: u32, denominator: u32) -> Value {
        let whole = whole.saturating_add(u128::from(numerator / denominator.max(1)));
        let numerator = numerator % denominator.max(1);
        match denominator {
            3 => Value {
                thirds: true,
                ..Value::integer(whole.saturating_mul(3).saturating_add(numerator.into()))
            },
            4 => Value::from_parts(false, &whole.to_string(), &format!("{:02}", numerator * 25)),
            _ => Value::from_parts(
                false,
                &whole.to_string(),
                &(numerator.min(1) * 5).to_string(),
            ),
        }
    }

    fn normalised(mut self) -> Value {
        let leading = self.digits.bytes().take_while(|&b| b == b'0').count();
        self.digits.drain(..leading);
        let trailing = self.digits.bytes().rev().take_while(|&b| b == b'0').count();
        self.digits.truncate(self.digits.len() - trailing);
        self.exponent = self.exponent.saturating_add(trailing as i32);
        if self.digits.is_empty() {
            self.exponent = 0;
            self.negative = false;
        }
        self
    }

    /// The value times ten to the `power`.
    fn scaled(mut self, power: i32) -> Value {
        if !self.digits.is_empty() {
            self.exponent = self.exponent.saturating_add(power);
        }
        self
    }

    /// The value as a whole number, when it is one and fits.
    pub fn as_integer(&self) -> Option<u128> {
        if self.negative || self.thirds || self.exponent < 0 || self.exponent > 38 {
            return None;
        }
        if self.digits.is_empty() {
            return Some(0);
        }
        let base: u128 = self.digits.parse().ok()?;
        base.checked_mul(10u128.checked_pow(self.exponent as u32)?)
    }

    /// True for a whole number from `low` to `high`.
    fn is_between(&self, low: u128, high: u128) -> bool {
        self.as_integer().is_some_and(|v| (low..=high).contains(&v))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.digits.is_empty() {
            return f.write_str("0");
        }
        if self.negative {
            f.write_str("-")?;
        }
        let n = self.digits.len() as i64;
        let e = i64::from(self.exponent);
        if (0..=40).contains(&e) {
            write!(f, "{}{}", self.digits, "0".repeat(e as usize))?;
        } else if e < 0 && -e < n {
            let point = (n + e) as usize;
            write!(f, "{}.{}", &self.digits[..point], &self.digits[point..])?;
        } else if e < 0 && -e - n <= 40 {
            write!(f, "0.{}{}", "0".repeat((-e - n) as usize), self.digits)?;
        } else {
            write!(f, "{}e{}", self.digits, e)?;
        }
        if self.thirds {
            f.write_str("/3")?;
        }
        Ok(())
    }
}

/// What a qualifier says about the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Qualifier {
    /// No qualifier.
    Exact,
    /// about, around, roughly, approximately, some, in the region of
    About,
    /// nearly, almost, close to, just under
    Nearly,
    /// more than, over, above, at least, older than, or more
    MoreThan,
    /// less than, under, below, fewer than, up to, at most
    LessThan,
}

impl Qualifier {
    /// True when two qualifiers point in opposite directions.
    fn opposes(self, other: Qualifier) -> bool {
        use Qualifier::*;
        matches!(
            (self, other),
            (MoreThan, Nearly) | (Nearly, MoreThan) | (MoreThan, LessThan) | (LessThan, MoreThan)
        )
    }

    /// True when the difference is worth a look at all: "about" and
    /// "nearly" are close enough for a back-translation, and so are a
    /// round figure and one said to be about it ("8 billion" / "around 8
    /// billion").
    fn differs(self, other: Qualifier) -> bool {
        use Qualifier::*;
        self != other
            && !matches!(
                (self, other),
                (About, Nearly) | (Nearly, About) | (Exact, About) | (About, Exact)
            )
    }
}

/// One numeric mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The value.
    pub value: Value,
    /// Another reading of the same writing: "3.500" is 3.5 or (with
    /// European separators) 3500; "12.00" is twelve or the time 12:00.
    pub alternative: Option<Value>,
    /// Its unit ("year", "square kilometer", "percent", "decade", "time
    /// of day"…), if any.
    pub unit: Option<&'static str>,
    /// What the words around it say of it.
    pub qualifier: Qualifier,
    /// An ordinal ("third", "21st").
    pub ordinal: bool,
    /// The name a number belongs to ("covid" for "COVID-19", "iphone" for
    /// "iPhone6"): part of a name, not a quantity.
    pub code: Option<String>,
    /// Byte offset where the whole mention (qualifier to unit) starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
}

/// Words before a number that qualify it, word by word.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["no", "less", "than"], Qualifier::MoreThan),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::Nearly),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["in", "the", "region", "of"], Qualifier::About),
    (&["on", "the", "order", "of"], Qualifier::About),
    (&["of", "the", "order", "of"], Qualifier::About),
    (&["as", "many", "as"], Qualifier::About),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["up", "to"], Qualifier::LessThan),
    (&["at", "most"], Qualifier::LessThan),
    (&["no", "more", "than"], Qualifier::LessThan),
];

/// Comparatives that make "<word> than N" a lower or upper bound:
/// "older than 100 years" is "at least 100 years".
const MORE_COMPARATIVES: &[&str] = &[
    "older", "larger", "bigger", "greater", "higher", "longer", "taller", "heavier", "wider",
    "farther", "further", "later",
];
const LESS_COMPARATIVES: &[&str] = &[
    "younger", "smaller", "lower", "shorter", "lighter", "narrower", "earlier", "cheaper",
];

/// Prefixes a number may be hyphenated to without being part of a name.
const PREFIXES: &[&str] = &[
    "post", "pre", "mid", "anti", "non", "ex", "top", "sub", "over", "under", "self", "multi",
    "inter", "intra", "semi", "co", "re", "up", "late", "early", "circa", "ca", "approx", "nearly",
    "about", "some", "around", "from", "to", "and", "or", "the", "a", "an", "of", "in", "by",
];

/// Words after a number that qualify it.
const QUALIFIERS_AFTER: &[(&[&str], Qualifier)] = &[
    (&["or", "more"], Qualifier::MoreThan),
    (&["or", "over"], Qualifier::MoreThan),
    (&["plus"], Qualifier::MoreThan),
    (&["or", "so"], Qualifier::About),
    (&["or", "less"], Qualifier::LessThan),
    (&["or", "fewer"], Qualifier::LessThan),
];

const UNITS: &[(&str, &str)] = &[
    ("percent", "percent"),
    ("percentage", "percent"),
    ("pc", "percent"),
    ("mile", "mile"),
    ("miles", "mile"),
    ("mi", "mile"),
    ("kilometer", "kilometer"),
    ("kilometers", "kilometer"),
    ("kilometre", "kilometer"),
    ("kilometres", "kilometer"),
    ("km", "kilometer"),
    ("kms", "kilometer"),
    ("meter", "meter"),
    ("meters", "meter"),
    ("metre", "meter"),
    ("metres", "meter"),
    ("centimeter", "centimeter"),
    ("centimeters", "centimeter"),
    ("centimetre", "centimeter"),
    ("centimetres", "centimeter"),
    ("cm", "centimeter"),
    ("millimeter", "millimeter"),
    ("millimeters", "millimeter"),
    ("millimetre", "millimeter"),
    ("millimetres", "millimeter"),
    ("mm", "millimeter"),
    ("feet", "foot"),
    ("foot", "foot"),
    ("ft", "foot"),
    ("inch", "inch"),
    ("inches", "inch"),
    ("acre", "acre"),
    ("acres", "acre"),
    ("hectare", "hectare"),
    ("hectares", "hectare"),
    ("ha", "hectare"),
    ("kilogram", "kilogram"),
    ("kilograms", "kilogram"),
    ("kilogramme", "kilogram"),
    ("kilogrammes", "kilogram"),
    ("kg", "kilogram"),
    ("kilo", "kilogram"),
    ("kilos", "kilogram"),
    ("gram", "gram"),
    ("grams", "gram"),
    ("gramme", "gram"),
    ("grammes", "gram"),
    ("pound", "pound"),
    ("pounds", "pound"),
    ("lb", "pound"),
    ("lbs", "pound"),
    ("ton", "ton"),
    ("tons", "ton"),
    ("tonne", "ton"),
    ("tonnes", "ton"),
    ("liter", "liter"),
    ("liters", "liter"),
    ("litre", "liter"),
    ("litres", "liter"),
    ("gallon", "gallon"),
    ("gallons", "gallon"),
    ("degree", "degree"),
    ("degrees", "degree"),
    ("mph", "mile per hour"),
    ("kmh", "kilometer per hour"),
    ("kph", "kilometer per hour"),
    ("century", "century"),
    ("centuries", "century"),
    ("decade", "decade span"),
    ("decades", "decade span"),
    ("year", "year"),
    ("years", "year"),
    ("month", "month"),
    ("months", "month"),
    ("week", "week"),
    ("weeks", "week"),
    ("day", "day"),
    ("days", "day"),
    ("hour", "hour"),
    ("hours", "hour"),
    ("hr", "hour"),
    ("hrs", "hour"),
    ("minute", "minute"),
    ("minutes", "minute"),
    ("min", "minute"),
    ("mins", "minute"),
    ("second", "second"),
    ("seconds", "second"),
    ("dollar", "dollar"),
    ("dollars", "dollar"),
    ("usd", "dollar"),
    ("euro", "euro"),
    ("euros", "euro"),
    ("eur", "euro"),
    ("yen", "yen"),
    ("yuan", "yuan"),
    ("rupees", "rupee"),
    ("rupee", "rupee"),
    ("francs", "franc"),
    ("pesos", "peso"),
    ("people", "people"),
    ("persons", "people"),
    ("inhabitants", "people"),
    ("residents", "people"),
    ("soldiers", "people"),
    ("troops", "people"),
    ("dimensional", "dimension"),
];

/// The unit a word names ("kilometres" → "kilometer").
fn unit_of(key: &str) -> Option<&'static str> {
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| UNITS.iter().copied().collect())
        .get(key)
        .copied()
}

/// The unit of an abbreviation glued to digits ("10km", "5kg", "3D").
fn glued_unit(suffix: &str) -> Option<&'static str> {
    match suffix {
        "d" => Some("dimension"),
        "h" | "hr" | "hrs" => Some("hour"),
        "km2" => Some("square kilometer"),
        "m2" => Some("square meter"),
        "mi2" => Some("square mile"),
        _ => unit_of(suffix).filter(|_| suffix.len() <= 3),
    }
}

/// A number written with separators: "1,000", "1.234,5", "3,5" (a
/// decimal comma), "3.500" (3.5, or 3500 with European separators: the
/// second reading is the alternative). None for a list or a version
/// ("1.2.3").
fn parse_digits(text: &str, negative: bool) -> Option<(Value, Option<Value>)> {
    if text.is_empty()
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || b",.'".contains(&b))
    {
        return None;
    }
    let groups_of_three = |rest: &[&str]| rest.iter().all(|g| g.len() == 3);
    let plain = |parts: &[&str]| parts.concat();
    let seps: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_digit()).collect();
    if seps.is_empty() {
        return Some((Value::from_parts(negative, text, ""), None));
    }
    let all_same = seps.iter().all(|&b| b == seps[0]);
    if all_same {
        let sep = char::from(seps[0]);
        let parts: Vec<&str> = text.split(sep).collect();
        if parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        let thousands = parts[0].len() <= 3 && groups_of_three(&parts[1..]);
        return match (sep, parts.len()) {
            (',', 2) if !thousands => Some((Value::from_parts(negative, parts[0], parts[1]), None)),
            (',' | '\'', _) if thousands => {
                Some((Value::from_parts(negative, &plain(&parts), ""), None))
            }
            ('.', 2) if thousands && parts[0] != "0" => Some((
                Value::from_parts(negative, parts[0], parts[1]),
                Some(Value::from_parts(negative, &plain(&parts), "")),
            )),
            ('.', 2) => Some((Value::from_parts(negative, parts[0], parts[1]), None)),
            ('.', _) if thousands => Some((Value::from_parts(negative, &plain(&parts), ""), None)),
            _ => None,
        };
    }
    // Two kinds: the last separator is the decimal point, the others
    // group thousands ("1,234.5", "1.234,5").
    let last = text.rfind([',', '.'])?;
    let (whole, fraction) = (&text[..last], &text[last + 1..]);
    let decimal = text.as_bytes()[last];
    let parts: Vec<&str> = whole.split([',', '.', '\'']).collect();
    let whole_ok = whole.bytes().all(|b| b != decimal)
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !parts.iter().any(|p| p.is_empty())
        && parts[0].len() <= 3
        && groups_of_three(&parts[1..]);
    whole_ok.then(|| (Value::from_parts(negative, &plain(&parts), fraction), None))
}

/// A time of day or a clock reading as seconds: "20:30" → 73800.
fn clock(hours: u128, minutes: u128, seconds: u128) -> Value {
    Value::integer(
        hours
            .saturating_mul(3600)
            .saturating_add(minutes.saturating_mul(60))
            .saturating_add(seconds),
    )
}

struct Parser<'a> {
    text: &'a str,
    tokens: &'a [crate::analysis::Token],
    words: &'a Vocabulary,
}

impl<'a> Parser<'a> {
    fn new(sentence: &'a AnalysedSentence, words: &'a Vocabulary) -> Parser<'a> {
        Parser {
            text: sentence.text,
            tokens: &sentence.tokens,
            words,
        }
    }

    /// The key of token i, without the underscores a word may carry
    /// ("seven_").
    fn key(&self, i: usize) -> &'a str {
        let key = self.tokens.get(i).map_or("", |t| self.words.key(t.word));
        if key.starts_with('_') || key.ends_with('_') {
            key.trim_matches('_')
        } else {
            key
        }
    }

    fn surface(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    /// The text between token i-1 and token i (from the start of the
    /// sentence for the first token).
    fn gap(&self, i: usize) -> &'a str {
        let Some(b) = self.tokens.get(i) else {
            return "";
        };
        let from = i
            .checked_sub(1)
            .and_then(|p| self.tokens.get(p))
            .map_or(0, |a| a.end);
        &self.text[from..b.start]
    }

    fn capitalised(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.capitalized)
    }

    /// The month a month name at token i names: capitalised, or in lower
    /// case when written in full and no other word ("october"; "march"
    /// and "may" only before a number; never "jan").
    fn month(&self, i: usize) -> Option<usize> {
        let key = self.key(i);
        let month = month_number(key)?;
        let dated = self.tokens.get(i + 1).is_some_and(|t| t.numeric);
        let full_and_only_a_month = key.len() > 3 && (dated || !matches!(key, "march" | "may"));
        (self.capitalised(i) || full_and_only_a_month).then_some(month)
    }

    /// Number words from token i: (whole part, fraction, tokens used).
    fn words(&self, i: usize) -> Option<(u128, (u32, u32), usize)> {
        let mut j = i;
        let mut total: u128 = 0;
        let mut current: u128 = 0;
        let mut any = false;
        // "a hundred", "a dozen", "a million"
        if self.key(j) == "a" && {
            let next = self.key(j + 1);
            multiplier(next).is_some() || next == "dozen"
        } {
            current = 1;
            j += 1;
        }
        loop {
            let k = self.key(j);
            if let Some(v) = small_value(k) {
                let v = u128::from(v);
                if any && !current.is_multiple_of(100) && v >= 10 {
                    break;
                }
                current = current.saturating_add(v);
            } else if k == "dozen" && (any || current > 0) {
                current = current.max(1).saturating_mul(12);
            } else if let Some(m) = multiplier(k).filter(|_| any || current > 0) {
                let scale = 10u128.pow(m);
                if m == 2 {
                    current = current.max(1).saturating_mul(scale);
                } else {
                    total = total.saturating_add(current.max(1).saturating_mul(scale));
                    current = 0;
                }
            } else if k == "and" && any && small_value(self.key(j + 1)).is_some() {
                // "one hundred and twenty"
            } else {
                break;
            }
            any = true;
            j += 1;
        }
        if !any {
            return None;
        }
        let whole = total.saturating_add(current);
        // "one third", "three quarters": a fraction counted.
        if let Some((_, den)) = fraction(self.key(j)).filter(|_| whole <= 10 && whole > 0) {
            let numerator = u32::try_from(whole).unwrap_or(1);
            return Some((0, (numerator, den), j + 1 - i));
        }
        // "two and a half"
        if self.key(j) == "and" && self.key(j + 1) == "a" {
            if let Some(f) = fraction(self.key(j + 2)) {
                return Some((whole, f, j + 3 - i));
            }
        }
        Some((whole, (0, 1), j - i))
    }

    fn qualifier_before(&self, i: usize) -> (Qualifier, usize) {
        let Some(previous) = i.checked_sub(1).map(|p| self.key(p)) else {
            return (Qualifier::Exact, i);
        };
        for (words, q) in QUALIFIERS {
            if words.last() == Some(&previous)
                && i >= words.len()
                && (0..words.len()).all(|w| self.key(i - words.len() + w) == words[w])
            {
                return (*q, i - words.len());
            }
        }
        // "older than 100 years", "fewer than"
        if i >= 2 && self.key(i - 1) == "than" {
            let comparative = self.key(i - 2);
            if MORE_COMPARATIVES.contains(&comparative) {
                return (Qualifier::MoreThan, i - 2);
            }
            if LESS_COMPARATIVES.contains(&comparative) {
                return (Qualifier::LessThan, i - 2);
            }
        }
        (Qualifier::Exact, i)
    }

    /// A qualifier after the mention ending before token j: the
    /// qualifier and the tokens it takes.
    fn qualifier_after(&self, j: usize) -> Option<(Qualifier, usize)> {
        QUALIFIERS_AFTER.iter().find_map(|(words, q)| {
            (0..words.len())
                .all(|w| self.key(j + w) == words[w])
                .then_some((*q, words.len()))
        })
    }

    /// The unit starting at token i (just after a number): the unit, the
    /// byte where it ends and how many tokens it takes ("%" takes none).
    fn unit_after(&self, i: usize) -> Option<(&'static str, usize, usize)> {
        let prev_end = self.tokens.get(i.checked_sub(1)?)?.end;
        let rest = &self.text[prev_end..];
        let trimmed = rest.trim_start();
        if trimmed.starts_with('%') {
            return Some(("percent", prev_end + rest.find('%')? + 1, 0));
        }
        if trimmed.starts_with('°') {
            let at = prev_end + rest.find('°')? + '°'.len_utf8();
            // "5 °C": the scale letter is a token of its own.
            let scale = matches!(self.key(i), "c" | "f") && self.gap(i).trim().is_empty();
            return Some(if scale {
                ("degree", self.tokens[i].end, 1)
            } else {
                ("degree", at, 0)
            });
        }
        let k = self.key(i);
        if k == "per" && self.key(i + 1) == "cent" {
            return Some(("percent", self.tokens[i + 1].end, 2));
        }
        if k == "percentage" && self.key(i + 1) == "points" {
            return Some(("percentage point", self.tokens[i + 1].end, 2));
        }
        let square = matches!(k, "square" | "sq");
        let at = i + usize::from(square);
        let unit = unit_of(self.key(at))?;
        let mut end = self.tokens[at].end;
        let mut used = at + 1 - i;
        // "km²", "km2" written apart.
        let squared = !square && {
            let after = &self.text[end..];
            if after.starts_with('²') {
                end += '²'.len_utf8();
                true
            } else {
                false
            }
        };
        let unit = if square || squared {
            match unit {
                "mile" => "square mile",
                "kilometer" => "square kilometer",
                "meter" => "square meter",
                "foot" => "square foot",
                _ => return None,
            }
        } else if matches!(unit, "kilometer" | "mile")
            && (self.key(at + 1) == "h" && self.gap(at + 1) == "/"
                || self.key(at + 1) == "per" && matches!(self.key(at + 2), "hour" | "h"))
        {
            // "km/h", "kilometres per hour"
            let extra = if self.key(at + 1) == "per" { 2 } else { 1 };
            end = self.tokens[at + extra].end;
            used += extra;
            if unit == "mile" {
                "mile per hour"
            } else {
                "kilometer per hour"
            }
        } else {
            unit
        };
        Some((unit, end, used))
    }

    /// A currency sign just before token i.
    fn currency_before(&self, i: usize) -> Option<&'static str> {
        let gap = self.gap(i);
        let sign = gap.trim_end().chars().last()?;
        match sign {
            '$' => Some("dollar"),
            '€' => Some("euro"),
            '£' => Some("pound sterling"),
            '¥' => Some("yen"),
            _ => None,
        }
    }

    /// True when token i, a number, is negative: a minus sign right
    /// before it that does not join it to a word or number ("−5 %", "a
    /// fall of -3", not "100-300" or "COVID-19"), or the word "minus".
    fn negative(&self, i: usize) -> bool {
        if i > 0 && self.key(i - 1) == "minus" {
            return true;
        }
        let gap = self.gap(i);
        let Some(body) = gap.strip_suffix(['-', '−', '–']) else {
            return false;
        };
        let body = body.trim_end_matches(['$', '€', '£']);
        i == 0 && body.trim().is_empty()
            || body.ends_with(|c: char| c.is_whitespace() || c == '(' || c == '[')
    }

    /// The name a number at token i is glued to by a hyphen: "COVID-19",
    /// "Meteor-2", "F-16", or in lower case "covid-19"; not a prefix
    /// ("mid-2020", "post-9/11", "under-21").
    fn code_before(&self, i: usize) -> Option<String> {
        let prev = i.checked_sub(1)?;
        let t = &self.tokens[prev];
        let key = self.key(prev);
        let name_like = t.capitalized || (key.len() >= 2 && !PREFIXES.contains(&key));
        (self.gap(i) == "-" && t.plain && name_like).then(|| key.to_string())
    }

    fn parse(&self) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            // Most words cannot start a mention: no digit, not a number
            // word (a key with underscores is asked again, trimmed).
            let t = &self.tokens[i];
            let raw = self.words.key(t.word);
            if !t.numeric
                && !self.words[t.word].is(NUMBER_START)
                && !raw.ends_with(|c: char| c.is_ascii_digit() || c == '_')
                && !raw.starts_with('_')
            {
                i += 1;
                continue;
            }
            match self.mention_at(i) {
                Some((mention, next)) => {
                    out.push(mention);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The mention starting at token i, with the token after it.
    fn mention_at(&self, i: usize) -> Option<(Mention, usize)> {
        let t = &self.tokens[i];
        let key = self.key(i);
        let word = &self.words[t.word];
        // A number glued to letters: "iPhone6", "G7", "MH17".
        if !t.numeric {
            let b = key.as_bytes();
            if b.len() >= 2
                && b[0].is_ascii_alphabetic()
                && b[b.len() - 1].is_ascii_digit()
                && b.iter().all(u8::is_ascii_alphanumeric)
            {
                let split = key.find(|c: char| c.is_ascii_digit())?;
                if key[split..].bytes().all(|b| b.is_ascii_digit()) {
                    return Some((
                        Mention {
                            value: Value::from_parts(false, &key[split..], ""),
                            alternative: None,
                            unit: None,
                            qualifier: Qualifier::Exact,
                            ordinal: false,
                            code: Some(key[..split].to_string()),
                            start: t.start,
                            end: t.end,
                        },
                        i + 1,
                    ));
                }
            }
            let starts = if key.len() == self.words.key(t.word).len() {
                word.is(NUMBER_START)
            } else {
                crate::lexicon::word_classes(key) & NUMBER_START != 0
            };
            if !starts {
                return None;
            }
        }
        let mut value;
        let mut alternative = None;
        let mut unit: Option<&'static str> = None;
        let mut ordinal = false;
        let mut code = None;
        let mut j; // the token after the number itself
        let mut end;
        if t.numeric {
            let negative = self.negative(i);
            // Digits, then letters glued on: "1980s", "21st", "10km".
            let split = key.find(|c: char| c.is_alphabetic()).unwrap_or(key.len());
            let (digits, suffix) = key.split_at(split);
            let (v, alt) = parse_digits(digits, negative)?;
            value = v;
            alternative = alt;
            j = i + 1;
            end = t.end;
            match suffix {
                "" => {}
                "st" | "nd" | "rd" | "th" => ordinal = true,
                "s" if value.as_integer().is_some_and(|v| v % 10 == 0) => unit = Some("decade"),
                "am" | "a.m" | "pm" | "p.m" => {
                    let hours = value.as_integer().filter(|h| (1..=12).contains(h))?;
                    let hours = if suffix.starts_with('p') {
                        hours % 12 + 12
                    } else {
                        hours % 12
                    };
                    value = clock(hours, 0, 0);
                    unit = Some("time of day");
                }
                "bn" | "k" | "m" if value.as_integer().is_some() || digits.contains('.') => {
                    let power = match suffix {
                        "bn" => 9,
                        "k" => 3,
                        _ if self.currency_before(i).is_some() => 6,
                        // "100m" without a currency is a distance.
                        _ => {
                            unit = Some("meter");
                            0
                        }
                    };
                    value = value.scaled(power);
                    alternative = None;
                }
                s => match glued_unit(s) {
                    Some(u) => unit = Some(u),
                    None => code = Some(s.to_string()),
                },
            }
            if code.is_none() {
                code = self.code_before(i);
            }
            // "70's", "70’s" (the key has lost its possessive), or "70"
            // and "s" apart.
            let surface = self.surface(i);
            let decade_ending = surface.ends_with("'s") || surface.ends_with("’s");
            let apart = self.key(j) == "s" && matches!(self.gap(j), "'" | "’");
            if (decade_ending || apart)
                && suffix.is_empty()
                && value.as_integer().is_some_and(|v| v % 10 == 0)
            {
                unit = Some("decade");
                if apart {
                    end = self.tokens[j].end;
                    j += 1;
                }
            }
            // A clock: "8:30", "2:03:59", maybe "p.m." after.
            if unit.is_none() && code.is_none() && suffix.is_empty() {
                let mut parts = vec![value.as_integer()];
                let mut k = j;
                while parts.len() < 3
                    && self.gap(k) == ":"
                    && self.tokens.get(k).is_some_and(|t| t.numeric)
                    && self.key(k).len() == 2
                {
                    parts.push(self.key(k).parse::<u128>().ok());
                    k += 1;
                }
                if parts.len() > 1 {
                    let parts: Vec<u128> = parts.into_iter().collect::<Option<_>>()?;
                    let (mut h, m, s) = (parts[0], parts[1], parts.get(2).copied().unwrap_or(0));
                    end = self.tokens[k - 1].end;
                    j = k;
                    match self.key(j) {
                        "pm" | "p.m" if (1..=12).contains(&h) => {
                            h = h % 12 + 12;
                            end = self.tokens[j].end;
                            j += 1;
                        }
                        "am" | "a.m" if (1..=12).contains(&h) => {
                            h %= 12;
                            end = self.tokens[j].end;
                            j += 1;
                        }
                        _ => {}
                    }
                    value = clock(h, m, s);
                    alternative = None;
                    unit = Some(if parts.len() == 3 {
                        "clock"
                    } else {
                        "time of day"
                    });
                } else if matches!(self.key(j), "pm" | "p.m" | "am" | "a.m")
                    && value.is_between(1, 12)
                {
                    // "8 p.m."
                    let h = value.as_integer().unwrap_or(0);
                    let h = if self.key(j).starts_with('p') {
                        h % 12 + 12
                    } else {
                        h % 12
                    };
                    value = clock(h, 0, 0);
                    alternative = None;
                    unit = Some("time of day");
                    end = self.tokens[j].end;
                    j += 1;
                } else if let Some(time) = self.decimal_time(digits) {
                    // "12.00 GMT" may be the time 12:00.
                    alternative = Some(time);
                }
            }
            // "2.5 million"
            if unit.is_none() && code.is_none() {
                if let Some(m) = multiplier(self.key(j)) {
                    value = value.scaled(m as i32);
                    alternative = alternative.map(|a| a.scaled(m as i32));
                    end = self.tokens[j].end;
                    j += 1;
                }
            }
        } else if let Some(m) = self.month(i) {
            // "May" is also a verb: only with a day or year after it.
            if key == "may" && !self.tokens.get(i + 1).is_some_and(|n| n.numeric) {
                return None;
            }
            value = Value::integer(m as u128);
            unit = Some("month of year");
            j = i + 1;
            end = t.end;
        } else if let Some(d) = decade_value(key) {
            value = Value::integer(d as u128);
            unit = Some("decade");
            j = i + 1;
            end = t.end;
        } else if let Some(o) = ordinal_value(key) {
            value = Value::integer(o as u128);
            ordinal = true;
            j = i + 1;
            end = t.end;
        } else if let Some((whole, (num, den), n)) = self.words(i) {
            // "twenty-first"
            if n == 1 && whole % 10 == 0 && whole >= 20 && self.gap(i + 1) == "-" {
                if let Some(o) = ordinal_value(self.key(i + 1)).filter(|o| *o < 10) {
                    let v = Value::integer(whole + o as u128);
                    let end = self.tokens[i + 1].end;
                    return Some(self.finish(i, i + 2, end, v, None, None, true, None));
                }
            }
            value = Value::with_fraction(whole, num, den);
            j = i + n;
            end = self.tokens[j - 1].end;
            // A lone "one" is usually a pronoun ("one of them").
            if key == "one" && n == 1 && self.unit_after(j).is_none() {
                return None;
            }
        } else if matches!(key, "half" | "a")
            && fraction(self.key(i + usize::from(key == "a"))).is_some()
        {
            // "half of", "a third of"
            let n = usize::from(key == "a") + 1;
            let (num, den) = fraction(self.key(i + n - 1)).unwrap_or((1, 2));
            value = Value::with_fraction(0, num, den);
            j = i + n;
            end = self.tokens[j - 1].end;
        } else {
            return None;
        }
        if t.numeric && unit.is_none() && code.is_none() {
            unit = self.currency_before(i);
        }
        Some(self.finish(i, j, end, value, alternative, unit, ordinal, code))
    }

    /// "12.00" read as a time when it can be one: two decimals, hours to
    /// 24 and minutes to 59.
    fn decimal_time(&self, digits: &str) -> Option<Value> {
        let (h, m) = digits.split_once('.')?;
        if m.len() != 2 || h.is_empty() || h.len() > 2 {
            return None;
        }
        let (h, m): (u128, u128) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m <= 59).then(|| clock(h, m, 0))
    }

    /// The rest of a mention from token i to j (exclusive): date parts,
    /// units and qualifiers.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        i: usize,
        mut j: usize,
        mut end: usize,
        value: Value,
        alternative: Option<Value>,
        mut unit: Option<&'static str>,
        mut ordinal: bool,
        code: Option<String>,
    ) -> (Mention, usize) {
        let t = &self.tokens[i];
        if unit.is_none() && code.is_none() {
            // A day next to a month, in either order: "July 4", "4 July",
            // "4th of July", "the 10th of October".
            let small = self.key(i).len() <= 4 && value.is_between(1, 31);
            let month_before = i > 0 && self.month(i - 1).is_some();
            let month_after =
                self.month(j).is_some() || (self.key(j) == "of" && self.month(j + 1).is_some());
            if t.numeric && small && (month_before || month_after) {
                unit = Some("day of month");
                ordinal = false;
            } else if let Some((u, e, n)) = self.unit_after(j) {
                unit = Some(u);
                end = e;
                j += n;
            } else if t.numeric
                && !ordinal
                && self.key(i).len() == 4
                && value.is_between(1000, 2200)
                && !self.gap(i + 1).starts_with('-')
            {
                unit = Some("calendar year");
            }
        }
        let (mut qualifier, q_at) = self.qualifier_before(i);
        if qualifier == Qualifier::Exact {
            if let Some((q, n)) = self.qualifier_after(j) {
                qualifier = q;
                end = self.tokens[j + n - 1].end;
                j += n;
            }
        }
        let mut start = self.tokens[q_at].start;
        // The minus sign is part of what is quoted: "-5" became "5".
        if q_at == i && self.tokens[i].numeric && self.negative(i) {
            if let Some(sign) = self
                .gap(i)
                .chars()
                .last()
                .filter(|c| matches!(c, '-' | '−' | '–'))
            {
                start -= sign.len_utf8();
            }
        }
        let mention = Mention {
            value,
            alternative,
            unit,
            qualifier,
            ordinal,
            code,
            start,
            end,
        };
        (mention, j)
    }
}

/// The numeric mentions of a text, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    let texts = [text];
    let pair = Analyzer::new().analyse_texts(&texts, &[]);
    Parser::new(&pair.orig[0], &pair.vocabulary).parse()
}

/// Mentions with the sentence they come from.
fn side_mentions(
    sentences: &[AnalysedSentence],
    words: &Vocabulary,
    indices: &[usize],
) -> Vec<(usize, Mention)> {
    indices
        .iter()
        .filter_map(|&s| sentences.get(s).map(|v| (s, v)))
        .flat_map(|(s, v)| {
            Parser::new(v, words)
                .parse()
                .into_iter()
                .map(move |m| (s, m))
        })
        .collect()
}

/// True when two mentions say the same number: the same value (or one's
/// other reading), both ordinals or neither (a day of the month is a day
/// either way), the same code; a decade of two digits is any century's
/// ("the 80s" = "the 1980s").
fn same_value(a: &Mention, b: &Mention) -> bool {
    if a.code != b.code {
        return false;
    }
    let days = a.unit == Some("day of month") || b.unit == Some("day of month");
    if a.ordinal != b.ordinal && !days {
        return false;
    }
    fn readings(m: &Mention) -> impl Iterator<Item = &Value> {
        std::iter::once(&m.value).chain(m.alternative.as_ref())
    }
    if readings(a).any(|x| readings(b).any(|y| x == y)) {
        return true;
    }
    a.unit == Some("decade") && b.unit == Some("decade") && {
        match (a.value.as_integer(), b.value.as_integer()) {
            (Some(x), Some(y)) => x.min(y) < 100 && x.max(y) % 100 == x.min(y),
            _ => false,
        }
    }
}

fn units_agree(a: &Mention, b: &Mention) -> bool {
    a.unit == b.unit || a.unit.is_none() || b.unit.is_none()
}

/// True for a number the translation may add without a finding: a small
/// number in words, alone ("the two countries") or "one" with a unit
/// ("one day I will"), an ordinal, or a number that is part of a name.
fn is_incidental(m: &Mention, text: &str) -> bool {
    let in_words = !text[m.start..m.end].contains(|c: char| c.is_ascii_digit());
    let small = m.value.is_between(0, 10);
    m.ordinal
        || m.code.is_some()
        || (in_words && small && (m.unit.is_none() || m.value == Value::integer(1)))
}

/// The checker.
pub struct NumberChecker;

impl Checker for NumberChecker {
    fn name(&self) -> &'static str {
        "number"
    }

    fn check(&self, pair: &PairContext, out: &mut Vec<Finding>) {
        for (b, bead) in pair.beads.iter().enumerate() {
            if !bead.kind.is_match() {
                continue;
            }
            // A month name the name checker found corrupted is its finding.
            let named: Vec<String> = out
                .iter()
                .filter(|f| f.kind == Kind::Name && f.position.0 == b)
                .map(|f| f.expected.clone())
                .collect();
            let orig = side_mentions(pair.orig, pair.vocabulary, &bead.orig);
            let trans = side_mentions(pair.trans, pair.vocabulary, &bead.trans);
            let mut o_used = vec![false; orig.len()];
            let mut t_used = vec![false; trans.len()];
            let text = |views: &[AnalysedSentence], (s, m): &(usize, Mention)| {
                views[*s].text[m.start..m.end].to_string()
            };
            let mut emit =
                |o: Option<usize>, t: Option<usize>, severity, confidence, message: String| {
                    let expected = o.map(|o| text(pair.orig, &orig[o])).unwrap_or_default();
                    let found = t.map(|t| text(pair.trans, &trans[t])).unwrap_or_default();
                    let position = match (o, t) {
                        (Some(o), _) => orig[o].1.start,
                        (None, Some(t)) => trans[t].1.start,
                        (None, None) => 0,
                    };
                    out.push(Finding {
                        kind: Kind::Number,
                        severity,
                        confidence,
                        orig: o.map_or_else(|| bead.orig.clone(), |o| vec![orig[o].0]),
                        trans: t.map_or_else(|| bead.trans.clone(), |t| vec![trans[t].0]),
                        message: message
                            .replace("{expected}", &expected)
                            .replace("{found}", &found),
                        expected,
                        found,
                        orig_span: None,
                        trans_span: None,
                        position: (b, position),
                    });
                };
            let qualifier_finding = |a: Qualifier, b: Qualifier| {
                if a.opposes(b) {
                    (Severity::Critical, 0.85)
                } else {
                    (Severity::Minor, 0.5)
                }
            };
            // Pass 1: same value, unit and qualifier; pass 2: same value.
            for strict in [true, false] {
                for (oi, (_, om)) in orig.iter().enumerate() {
                    if o_used[oi] {
                        continue;
                    }
                    let hit = trans.iter().enumerate().position(|(ti, (_, tm))| {
                        !t_used[ti]
                            && same_value(om, tm)
                            && if strict {
                                om.unit == tm.unit && om.qualifier == tm.qualifier
                            } else {
                                units_agree(om, tm)
                            }
                    });
                    let Some(ti) = hit else { continue };
                    o_used[oi] = true;
                    t_used[ti] = true;
                    let tm = &trans[ti].1;
                    if om.qualifier.differs(tm.qualifier) {
                        let (severity, confidence) = qualifier_finding(om.qualifier, tm.qualifier);
                        emit(
                            Some(oi),
                            Some(ti),
                            severity,
                            confidence,
                            "qualifier changed: \"{expected}\" became \"{found}\"".into(),
                        );
                    }
                }
            }
            // Pass 3: the same unit (or both plain, both ordinal: "third" →
            // "fourth"; the same name: "iPhone6" → "iPhone7"), another
            // value. Surer with a unit to agree on.
            for (oi, (_, om)) in orig.iter().enumerate() {
                if o_used[oi] {
                    continue;
                }
                let hit = trans.iter().enumerate().position(|(ti, (_, tm))| {
                    !t_used[ti]
                        && tm.unit == om.unit
                        && tm.ordinal == om.ordinal
                        && tm.code == om.code
                });
                let Some(ti) = hit else { continue };
                o_used[oi] = true;
                t_used[ti] = true;
                emit(
                    Some(oi),
                    Some(ti),
                    Severity::Critical,
                    if om.unit.is_some() || om.code.is_some() {
                        0.9
                    } else {
                        0.8
                    },
                    "number changed: \"{expected}\" became \"{found}\"".into(),
                );
            }
            for oi in 0..orig.len() {
                let (s, m) = &orig[oi];
                let month_named = m.unit == Some("month of year")
                    && named
                        .iter()
                        .any(|n| n.contains(&pair.orig[*s].text[m.start..m.end]));
                // A number that is part of a name may go with its short
                // form ("COVID-19" → "COVID").
                if o_used[oi] || m.ordinal || month_named || m.code.is_some() {
                    continue;
                }
                let written = &pair.orig[*s].text[m.start..m.end];
                let in_words = !written.contains(|c: char| c.is_ascii_digit());
                let (severity, confidence) = if in_words && m.unit.is_none() {
                    (Severity::Minor, 0.45)
                } else {
                    (Severity::Major, 0.75)
                };
                emit(
                    Some(oi),
                    None,
                    severity,
                    confidence,
                    "number lost: \"{expected}\" has no counterpart in the translation".into(),
                );
            }
            for ti in 0..trans.len() {
                let (s, m) = &trans[ti];
                if t_used[ti] || is_incidental(m, pair.trans[*s].text) {
                    continue;
                }
                // The same quantity again with another qualifier ("nearly
                // three years" … "more than three years"): a drift, not
                // an addition.
                let drifted = orig.iter().position(|(_, om)| {
                    same_value(om, m) && om.unit == m.unit && om.qualifier.differs(m.qualifier)
                });
                match drifted {
                    Some(oi) => {
                        let (severity, _) = qualifier_finding(orig[oi].1.qualifier, m.qualifier);
                        emit(
                            Some(oi),
                            Some(ti),
                            severity,
                            0.75,
                            "qualifier changed: \"{expected}\" also appears as \"{found}\"".into(),
                        )
                    }
                    None => emit(
                        None,
                        Some(ti),
                        Severity::Major,
                        0.7,
                        "number added: \"{found}\" is not in the original".into(),
                    ),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text, however odd its numbers, gives mentions without a
        /// panic, and each lies inside the text.
        #[test]
        fn any_text_parses(text in "([0-9]{1,30}|[,.:'’−%$°²-]|[ ]|pm|a\\.m\\.|km|th|s|bn|dozen|one|third|and|a|half|May|October|twenty|-first|COVID|iPhone9|than|older){0,14}") {
            for m in mentions(&text) {
                prop_assert!(m.start <= m.end && m.end <= text.len());
                let _ = m.value.to_string();
            }
        }
    }

    fn values(text: &str) -> Vec<(String, Option<&'static str>, Qualifier)> {
        mentions(text)
            .into_iter()
            .map(|m| (m.value.to_string(), m.unit, m.qualifier))
            .collect()
    }

    fn v(value: &str, unit: Option<&'static str>) -> (String, Option<&'static str>, Qualifier) {
        (value.to_string(), unit, Qualifier::Exact)
    }

    #[test]
    fn forms_of_the_same_value_agree() {
        for text in [
            "1,000 people",
            "1000 people",
            "one thousand people",
            "a thousand people",
        ] {
            assert_eq!(values(text), [v("1000", Some("people"))], "{text}");
        }
        assert_eq!(values("50%")[0].1, Some("percent"));
        assert_eq!(values("fifty per cent")[0], v("50", Some("percent")));
        assert_eq!(values("two and a half years")[0], v("2.5", Some("year")));
        assert_eq!(values("a dozen")[0].0, "12");
        assert_eq!(values("one hundred and twenty")[0].0, "120");
        assert_eq!(values("2.5 million")[0].0, "2500000");
        assert_eq!(values("a third of them")[0].0, "1/3");
        assert_eq!(values("one third more")[0].0, "1/3");
        assert_eq!(values("three quarters of them")[0].0, "0.75");
        assert_eq!(values("two and a half")[0].0, "2.5");
    }

    #[test]
    fn values_are_exact_and_keep_their_sign() {
        // Past 2^53 a float cannot tell these apart.
        let big = values("9,007,199,254,740,993 and 9007199254740992");
        assert_eq!(big[0].0, "9007199254740993");
        assert_eq!(big[1].0, "9007199254740992");
        assert_ne!(big[0].0, big[1].0);
        assert_eq!(values("a change of −5 %")[0], v("-5", Some("percent")));
        assert_eq!(values("a change of -5%")[0].0, "-5");
        assert_eq!(values("minus 3 degrees")[0], v("-3", Some("degree")));
        // A range is not a sign.
        assert_eq!(values("for 100-300 dollars")[0].0, "100");
        assert_eq!(values("for 100-300 dollars")[1].0, "300");
    }

    #[test]
    fn separators_decimal_commas_and_glued_units() {
        assert_eq!(values("3,5 million")[0].0, "3500000");
        assert_eq!(values("3.5 million")[0].0, "3500000");
        assert_eq!(values("1.234.567")[0].0, "1234567");
        assert_eq!(values("1,234.5")[0].0, "1234.5");
        assert_eq!(values("1.234,5")[0].0, "1234.5");
        let ambiguous = mentions("3.500 visitors");
        assert_eq!(ambiguous[0].value.to_string(), "3.5");
        assert_eq!(
            ambiguous[0].alternative.as_ref().map(ToString::to_string),
            Some("3500".into())
        );
        assert_eq!(values("nearly 10km")[0].1, Some("kilometer"));
        assert_eq!(values("5 km²")[0], v("5", Some("square kilometer")));
        assert_eq!(
            values("5 square kilometres")[0],
            v("5", Some("square kilometer"))
        );
        assert_eq!(values("a 3D film")[0], v("3", Some("dimension")));
        assert_eq!(
            values("a three-dimensional film")[0],
            v("3", Some("dimension"))
        );
        assert_eq!(values("$700 billion")[0], v("700000000000", Some("dollar")));
    }

    #[test]
    fn units_qualifiers_and_dates() {
        assert_eq!(
            values("the 600-mile front, more than 400 square miles"),
            [
                v("600", Some("mile")),
                ("400".into(), Some("square mile"), Qualifier::MoreThan)
            ]
        );
        assert_eq!(
            values("published on Sept. 6, 2024"),
            [
                v("9", Some("month of year")),
                v("6", Some("day of month")),
                v("2024", Some("calendar year"))
            ]
        );
        // Dates in either order.
        for text in [
            "on 15 August 1940",
            "on August 15, 1940",
            "on the 15th of August 1940",
        ] {
            let m = values(text);
            assert!(m.contains(&v("15", Some("day of month"))), "{text}: {m:?}");
            assert!(
                m.contains(&v("1940", Some("calendar year"))),
                "{text}: {m:?}"
            );
        }
        assert_eq!(
            values("goods older than 100 years")[0].2,
            Qualifier::MoreThan
        );
        assert_eq!(values("in the region of 8 billion")[0].2, Qualifier::About);
        assert_eq!(values("100 years or more")[0].2, Qualifier::MoreThan);
    }

    #[test]
    fn decades_ordinals_centuries_times_and_codes() {
        assert_eq!(values("during the 1980s")[0], v("1980", Some("decade")));
        assert_eq!(values("in the late 70's")[0], v("70", Some("decade")));
        assert_eq!(values("in the fifties")[0], v("50", Some("decade")));
        assert_eq!(values("the twentieth century")[0], v("20", Some("century")));
        assert_eq!(values("the 20th century")[0], v("20", Some("century")));
        assert_eq!(
            values("the twenty-first century")[0],
            v("21", Some("century"))
        );
        let time = |text: &str| mentions(text)[0].value.clone();
        assert_eq!(time("at 8:30 p.m. local time"), time("at 20:30 local time"));
        assert_eq!(time("at 8 pm"), time("at 20:00"));
        let noon = mentions("at 12.00 GMT");
        assert_eq!(noon[0].alternative, Some(time("at 12:00 GMT")));
        let covid = mentions("cases of COVID-19 rose");
        assert_eq!(covid[0].code.as_deref(), Some("covid"));
        assert_eq!(
            mentions("cases of covid-19 rose")[0].code.as_deref(),
            Some("covid")
        );
        assert_eq!(values("in mid-2020")[0], v("2020", Some("calendar year")));
        // A text in lower case keeps its months.
        assert_eq!(
            values("on october 10, 1958")[0],
            v("10", Some("month of year"))
        );
        assert!(values("they march on").is_empty());
        assert_eq!(values("until march 2017")[0], v("3", Some("month of year")));
        assert_eq!(values("after seven_ days")[0], v("7", Some("day")));
        let phone = mentions("the iPhone6 launch");
        assert_eq!(
            (phone[0].code.as_deref(), phone[0].value.to_string()),
            (Some("iphone"), "6".into())
        );
    }

    #[test]
    fn pronoun_one_and_may_are_not_numbers() {
        assert!(values("one of them may well agree").is_empty());
        assert_eq!(values("one year")[0].0, "1");
    }

    fn number_findings(orig: &str, trans: &str) -> Vec<(Severity, String, String)> {
        super::super::check_texts(&[orig], &[trans], &Default::default())
            .findings
            .into_iter()
            .filter(|f| f.kind == Kind::Number)
            .map(|f| (f.severity, f.expected, f.found))
            .collect()
    }

    #[test]
    fn drift_loss_and_equal_forms() {
        assert_eq!(
            number_findings(
                "The war has lasted nearly three years in the east of the country.",
                "The war has lasted more than three years in the east of the country."
            ),
            [(
                Severity::Critical,
                "nearly three years".into(),
                "more than three years".into()
            )]
        );
        assert_eq!(
            number_findings(
                "Despite nearly three years of aggression, it would be a success.",
                "It suffered more than three years of aggression that is nearly three years older."
            ),
            [(
                Severity::Critical,
                "nearly three years".into(),
                "more than three years".into()
            )]
        );
        assert_eq!(
            number_findings(
                "It was the third attack on the city this month.",
                "It was the fourth attack on the city this month."
            ),
            [(Severity::Critical, "third".into(), "fourth".into())]
        );
        assert!(number_findings(
            "They took 1,000 prisoners and 50% of the land in June.",
            "They captured one thousand prisoners and 50 percent of the land in June."
        )
        .is_empty());
        assert_eq!(
            number_findings(
                "They held 400 square miles (over 1,000 square kilometers) of land.",
                "They held 400 square miles of land."
            ),
            [(
                Severity::Major,
                "over 1,000 square kilometers".into(),
                String::new()
            )]
        );
    }

    #[test]
    fn the_same_number_written_another_way_is_no_finding() {
        for (orig, trans) in [
            ("On 4th July 1976 they met.", "On July 4, 1976 they met."),
            (
                "The program started at 8:30 p.m. (15.00 UTC).",
                "The program started at 20:30 (15:00 UTC).",
            ),
            (
                "In the late 70's he lived there.",
                "In the late 1970s he lived there.",
            ),
            ("It grew 3,5 percent.", "It grew 3.5 percent."),
            (
                "The lake covers 5 km².",
                "The lake covers 5 square kilometres.",
            ),
            ("It is a 3D film.", "It is a three-dimensional film."),
            ("Cases of COVID-19 rose.", "Cases of COVID rose."),
            (
                "Goods older than 100 years are antiques.",
                "Goods at least 100 years old are antiques.",
            ),
            (
                "A claim in the region of 8 billion euros.",
                "A claim of around 8 billion euros.",
            ),
            (
                "If I ever start to feel guilty, I read this.",
                "If one day I start to feel guilty, I read this.",
            ),
            (
                "Twentieth century research showed it.",
                "Research of the 20th century showed it.",
            ),
        ] {
            assert!(
                number_findings(orig, trans).is_empty(),
                "{orig} / {trans}: {:?}",
                number_findings(orig, trans)
            );
        }
    }

    #[test]
    fn a_changed_number_in_any_form_is_found() {
        for (orig, trans) in [
            (
                "During the 1980s he worked on shows.",
                "During the 1960s he worked on shows.",
            ),
            (
                "In the 1970s and 80s it launched stars.",
                "In the 1970s and 1990s it launched stars.",
            ),
            (
                "It has not adopted the iPhone6 yet.",
                "It has not adopted the iPhone7 yet.",
            ),
            (
                "Twentieth century research showed it.",
                "Research of the 21st century showed it.",
            ),
            ("Prices fell −5 % last year.", "Prices fell 5 % last year."),
            (
                "It holds 9007199254740993 bytes.",
                "It holds 9007199254740992 bytes.",
            ),
            (
                "The race ended at 2:04:26 in Berlin.",
                "The race ended at 2:03:26 in Berlin.",
            ),
        ] {
            let found = number_findings(orig, trans);
            assert!(
                found.iter().any(|f| f.0 == Severity::Critical),
                "{orig} / {trans}: {found:?}"
            );
        }
    }
}
