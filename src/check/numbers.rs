//! The number checker: numeric mentions on both sides of a bead, compared
//! by value, unit and qualifier.
//!
//! A mention is digits ("1,000", "2.5", "50%"), number words ("three",
//! "two and a half", "a dozen", "one thousand"), an ordinal ("third",
//! "21st"), a year or a date ("Sept. 6, 2024"), with its unit ("square
//! kilometers", "percent", "years") and qualifier ("nearly", "more than").
//! Equal values in other forms are the same mention: 1,000 = 1000 = one
//! thousand.
//!
//! ```
//! use backcheck::check::numbers::{mentions, Qualifier};
//! let m = mentions("despite nearly three years and 1,000 square kilometers (50 percent)");
//! assert_eq!(m.len(), 3);
//! assert_eq!((m[0].value, m[0].unit, m[0].qualifier), (3.0, Some("year"), Qualifier::Nearly));
//! assert_eq!((m[1].value, m[1].unit), (1000.0, Some("square kilometer")));
//! assert_eq!((m[2].value, m[2].unit), (50.0, Some("percent")));
//! ```

use super::{Checker, Finding, Kind, PairContext, Severity};
use crate::analysis::{AnalysedSentence, Analyzer, Vocabulary};
use crate::lexicon::numbers::{fraction, month_number, multiplier, ordinal_value, small_value};
use crate::lexicon::NUMBER_START;

/// What a qualifier says about the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Qualifier {
    /// No qualifier.
    Exact,
    /// about, around, roughly, approximately, some
    About,
    /// nearly, almost, close to, just under
    Nearly,
    /// more than, over, above, at least, upwards of
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

    /// True when the difference matters at all ("about" and "nearly" are
    /// close enough for a back-translation).
    fn differs(self, other: Qualifier) -> bool {
        use Qualifier::*;
        self != other && !matches!((self, other), (About, Nearly) | (Nearly, About))
    }
}

/// One numeric mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The value.
    pub value: f64,
    /// Its unit ("year", "square kilometer", "percent"…), if any.
    pub unit: Option<&'static str>,
    /// What the words before it say of it.
    pub qualifier: Qualifier,
    /// An ordinal ("third", "21st").
    pub ordinal: bool,
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
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::Nearly),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["up", "to"], Qualifier::LessThan),
    (&["at", "most"], Qualifier::LessThan),
];

const UNITS: &[(&str, &str)] = &[
    ("percent", "percent"),
    ("percentage", "percent"),
    ("mile", "mile"),
    ("miles", "mile"),
    ("kilometer", "kilometer"),
    ("kilometers", "kilometer"),
    ("kilometre", "kilometer"),
    ("kilometres", "kilometer"),
    ("km", "kilometer"),
    ("meter", "meter"),
    ("meters", "meter"),
    ("metre", "meter"),
    ("metres", "meter"),
    ("feet", "foot"),
    ("foot", "foot"),
    ("acres", "acre"),
    ("hectares", "hectare"),
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
    ("minutes", "minute"),
    ("dollars", "dollar"),
    ("euros", "euro"),
    ("people", "people"),
    ("soldiers", "people"),
    ("troops", "people"),
    ("tons", "ton"),
    ("tonnes", "ton"),
];

/// Parses digits with separators, decimals and ordinal suffixes.
fn parse_digits(key: &str) -> Option<(f64, bool)> {
    let (digits, ordinal) = match key
        .strip_suffix("st")
        .or_else(|| key.strip_suffix("nd"))
        .or_else(|| key.strip_suffix("rd"))
        .or_else(|| key.strip_suffix("th"))
    {
        Some(d) => (d, true),
        None => (key, false),
    };
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    plain.parse::<f64>().ok().map(|v| (v, ordinal))
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

    fn key(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| self.words.key(t.word))
    }

    /// The text between token i-1 and token i.
    fn gap(&self, i: usize) -> &str {
        match (
            i.checked_sub(1).and_then(|p| self.tokens.get(p)),
            self.tokens.get(i),
        ) {
            (Some(a), Some(b)) => &self.text[a.end..b.start],
            _ => "",
        }
    }

    /// Number words from token i: (value, tokens used).
    fn words(&self, i: usize) -> Option<(f64, usize)> {
        let mut j = i;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        // "a hundred", "a dozen", "a million", "a half"
        if self.key(j) == "a" && {
            let next = self.key(j + 1);
            multiplier(next).is_some() || next == "dozen"
        } {
            current = 1.0;
            j += 1;
        }
        loop {
            let k = self.key(j);
            if let Some(v) = small_value(k) {
                if any && current % 100.0 != 0.0 && v >= 10.0 {
                    break;
                }
                current += v;
            } else if k == "dozen" && (any || current > 0.0) {
                current = current.max(1.0) * 12.0;
            } else if let Some(m) = multiplier(k).filter(|_| any || current > 0.0) {
                if m == 100.0 {
                    current = current.max(1.0) * m;
                } else {
                    total += current.max(1.0) * m;
                    current = 0.0;
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
        let mut value = total + current;
        // "two and a half"
        if self.key(j) == "and" && self.key(j + 1) == "a" {
            if let Some(f) = fraction(self.key(j + 2)) {
                value += f;
                j += 3;
            }
        }
        Some((value, j - i))
    }

    fn qualifier_before(&self, i: usize) -> (Qualifier, usize) {
        for (words, q) in QUALIFIERS {
            if i >= words.len()
                && (0..words.len()).all(|w| self.key(i - words.len() + w) == words[w])
            {
                return (*q, i - words.len());
            }
        }
        (Qualifier::Exact, i)
    }

    /// The unit starting at token i (just after a number): the unit, the
    /// byte where it ends and how many tokens it takes ("%" takes none).
    fn unit_after(&self, i: usize) -> Option<(&'static str, usize, usize)> {
        let prev_end = self.tokens.get(i.checked_sub(1)?)?.end;
        let rest = &self.text[prev_end..];
        if rest.trim_start().starts_with('%') {
            return Some(("percent", prev_end + rest.find('%')? + 1, 0));
        }
        let k = self.key(i);
        if k == "per" && self.key(i + 1) == "cent" {
            return Some(("percent", self.tokens[i + 1].end, 2));
        }
        let square = k == "square";
        let at = i + usize::from(square);
        let &(_, unit) = UNITS.iter().find(|(w, _)| *w == self.key(at))?;
        let unit = if square {
            match unit {
                "mile" => "square mile",
                "kilometer" => "square kilometer",
                "meter" => "square meter",
                "foot" => "square foot",
                _ => return None,
            }
        } else {
            unit
        };
        Some((unit, self.tokens[at].end, at + 1 - i))
    }

    fn parse(&self) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            let t = &self.tokens[i];
            let key = self.key(i);
            if !t.numeric && !self.words[t.word].is(NUMBER_START) {
                i += 1;
                continue;
            }
            let (mut value, mut used, mut ordinal, mut unit) = (0.0, 0, false, None);
            if t.numeric {
                if let Some((v, o)) = parse_digits(key) {
                    value = v;
                    used = 1;
                    ordinal = o;
                }
            } else if let Some(m) = month_number(key).filter(|_| t.capitalized) {
                // "May" is also a verb: only with a day or year after it.
                if key != "may" || self.tokens.get(i + 1).is_some_and(|n| n.numeric) {
                    value = m as f64;
                    used = 1;
                    unit = Some("month of year");
                }
            } else if let Some(o) = ordinal_value(key) {
                value = o as f64;
                used = 1;
                ordinal = true;
            } else if let Some((v, n)) = self.words(i) {
                // A lone "one" is usually a pronoun ("one of them").
                let lone_one = key == "one" && n == 1;
                if !lone_one || self.unit_after(i + 1).is_some() {
                    value = v;
                    used = n;
                }
            } else if matches!(key, "half" | "a")
                && fraction(self.key(i + usize::from(key == "a"))).is_some()
            {
                // "half of", "a third of"
                let n = usize::from(key == "a") + 1;
                value = fraction(self.key(i + n - 1)).unwrap_or(0.5);
                used = n;
            }
            if used == 0 {
                i += 1;
                continue;
            }
            let mut j = i + used;
            if t.numeric {
                if let Some(m) = multiplier(self.key(j)) {
                    value *= m;
                    j += 1;
                }
            }
            // Days after a month name ("Sept. 6") belong to the date.
            let date_day = t.numeric && i > 0 && month_number(self.key(i - 1)).is_some();
            let mut end = self.tokens[j - 1].end;
            if unit.is_none() {
                if let Some((u, e, n)) = self.unit_after(j) {
                    unit = Some(u);
                    end = e;
                    j += n;
                } else if date_day {
                    unit = Some("day of month");
                } else if t.numeric
                    && key.len() == 4
                    && (1000.0..=2200.0).contains(&value)
                    && !self.gap(i + 1).starts_with('-')
                {
                    unit = Some("calendar year");
                }
            }
            let (qualifier, q_at) = self.qualifier_before(i);
            out.push(Mention {
                value,
                unit,
                qualifier,
                ordinal,
                start: self.tokens[q_at].start,
                end,
            });
            i = j.max(i + 1);
        }
        out
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

fn same_value(a: &Mention, b: &Mention) -> bool {
    (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0) && a.ordinal == b.ordinal
}

fn units_agree(a: &Mention, b: &Mention) -> bool {
    a.unit == b.unit || a.unit.is_none() || b.unit.is_none()
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
                    let position =
                        o.map_or_else(|| trans[t.unwrap_or(0)].1.start, |o| orig[o].1.start);
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
                        let severity = if om.qualifier.opposes(tm.qualifier) {
                            Severity::Critical
                        } else {
                            Severity::Minor
                        };
                        emit(
                            Some(oi),
                            Some(ti),
                            severity,
                            0.85,
                            "qualifier changed: \"{expected}\" became \"{found}\"".into(),
                        );
                    }
                }
            }
            // Pass 3: the same unit (or both plain, both ordinal: "third" →
            // "fourth"), another value. Surer with a unit to agree on.
            for (oi, (_, om)) in orig.iter().enumerate() {
                if o_used[oi] {
                    continue;
                }
                let hit = trans.iter().enumerate().position(|(ti, (_, tm))| {
                    !t_used[ti] && tm.unit == om.unit && tm.ordinal == om.ordinal
                });
                let Some(ti) = hit else { continue };
                o_used[oi] = true;
                t_used[ti] = true;
                emit(
                    Some(oi),
                    Some(ti),
                    Severity::Critical,
                    if om.unit.is_some() { 0.9 } else { 0.8 },
                    "number changed: \"{expected}\" became \"{found}\"".into(),
                );
            }
            for oi in 0..orig.len() {
                let (s, m) = &orig[oi];
                let month_named = m.unit == Some("month of year")
                    && named
                        .iter()
                        .any(|n| n.contains(&pair.orig[*s].text[m.start..m.end]));
                if !o_used[oi] && !m.ordinal && !month_named {
                    emit(
                        Some(oi),
                        None,
                        Severity::Major,
                        0.75,
                        "number lost: \"{expected}\" has no counterpart in the translation".into(),
                    );
                }
            }
            for ti in 0..trans.len() {
                let (s, m) = &trans[ti];
                // "the two countries": a small number word the translation
                // adds without a unit is a paraphrase, not a number.
                let small_word = m.unit.is_none()
                    && m.value <= 10.0
                    && !pair.trans[*s].text[m.start..m.end].contains(|c: char| c.is_ascii_digit());
                if t_used[ti] || m.ordinal || small_word {
                    continue;
                }
                // The same quantity again with another qualifier ("nearly
                // three years" … "more than three years"): a drift, not
                // an addition.
                let drifted = orig.iter().position(|(_, om)| {
                    same_value(om, m) && om.unit == m.unit && om.qualifier.differs(m.qualifier)
                });
                match drifted {
                    Some(oi) => emit(
                        Some(oi),
                        Some(ti),
                        if orig[oi].1.qualifier.opposes(m.qualifier) {
                            Severity::Critical
                        } else {
                            Severity::Minor
                        },
                        0.75,
                        "qualifier changed: \"{expected}\" also appears as \"{found}\"".into(),
                    ),
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

    fn values(text: &str) -> Vec<(f64, Option<&'static str>, Qualifier)> {
        mentions(text)
            .into_iter()
            .map(|m| (m.value, m.unit, m.qualifier))
            .collect()
    }

    #[test]
    fn forms_of_the_same_value_agree() {
        for text in [
            "1,000 people",
            "1000 people",
            "one thousand people",
            "a thousand people",
        ] {
            assert_eq!(
                values(text),
                [(1000.0, Some("people"), Qualifier::Exact)],
                "{text}"
            );
        }
        assert_eq!(values("50%")[0].1, Some("percent"));
        assert_eq!(
            values("fifty per cent")[0],
            (50.0, Some("percent"), Qualifier::Exact)
        );
        assert_eq!(
            values("two and a half years")[0],
            (2.5, Some("year"), Qualifier::Exact)
        );
        assert_eq!(values("a dozen")[0].0, 12.0);
        assert_eq!(values("one hundred and twenty")[0].0, 120.0);
        assert_eq!(values("2.5 million")[0].0, 2_500_000.0);
    }

    #[test]
    fn units_qualifiers_and_dates() {
        assert_eq!(
            values("the 600-mile front, more than 400 square miles"),
            [
                (600.0, Some("mile"), Qualifier::Exact),
                (400.0, Some("square mile"), Qualifier::MoreThan)
            ]
        );
        assert_eq!(
            values("published on Sept. 6, 2024"),
            [
                (9.0, Some("month of year"), Qualifier::Exact),
                (6.0, Some("day of month"), Qualifier::Exact),
                (2024.0, Some("calendar year"), Qualifier::Exact)
            ]
        );
    }

    #[test]
    fn pronoun_one_and_may_are_not_numbers() {
        assert!(values("one of them may well agree").is_empty());
        assert_eq!(values("one year")[0].0, 1.0);
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
}
