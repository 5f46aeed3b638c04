//! Synthetic test pairs: an original article and a garbled
//! "back-translation" of it, with a recorded gold annotation in the same
//! layout as the human one (0-based indices).
//!
//! Sentences are deleted, merged, split, inserted from elsewhere, and one
//! is repeated at the front; words are paraphrased, names corrupted
//! (letter changes, splits like "Zelei Sky") and numbers changed. The
//! generator is seeded (ChaCha8) and deterministic.
//!
//! ```
//! use backcheck::synth::{synthesize, SynthConfig};
//! let original: Vec<String> = (0..30)
//!     .map(|i| format!("Officials in Kyiv met Zelensky for talk number {i} about Kursk and Donbas."))
//!     .collect();
//! let pair = synthesize(&original, &SynthConfig { seed: 7, ..SynthConfig::default() });
//! assert_eq!(pair, synthesize(&original, &SynthConfig { seed: 7, ..SynthConfig::default() }));
//! assert!(pair.alignment.iter().any(|b| b.kind == "moved"));
//! ```

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::gold::{GoldBead, GoldFinding};
use crate::ingest::{Document, IngestError};
use crate::text::{is_stopword, tokenize};

/// The sentences of some documents, in order: the pool that
/// [`synthetic_original`] draws from.
pub fn sentence_pool<P: AsRef<std::path::Path>>(paths: &[P]) -> Result<Vec<String>, IngestError> {
    let mut pool = Vec::new();
    for path in paths {
        let doc = Document::from_path(path.as_ref())?;
        pool.extend(crate::segment(&doc).into_iter().map(|s| s.text));
    }
    Ok(pool)
}

/// Rates of each kind of damage.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthConfig {
    /// The random generator's seed: the same seed, the same pair.
    pub seed: u64,
    /// Per original sentence: dropped (1-0).
    pub delete: f64,
    /// Per original sentence: merged with the next (2-1).
    pub merge: f64,
    /// Per original sentence: split in two (1-2).
    pub split: f64,
    /// Per position: an unrelated sentence inserted (0-1).
    pub insert: f64,
    /// Repeat a sentence from the last part of the article at the front.
    pub move_to_front: bool,
    /// Per word with a known synonym: replaced.
    pub synonym: f64,
    /// Per name occurrence: corrupted.
    pub name_corruption: f64,
    /// Per number: changed.
    pub number_change: f64,
}

impl Default for SynthConfig {
    fn default() -> SynthConfig {
        SynthConfig {
            seed: 1,
            delete: 0.05,
            merge: 0.05,
            split: 0.06,
            insert: 0.04,
            move_to_front: true,
            synonym: 0.5,
            name_corruption: 0.2,
            number_change: 0.25,
        }
    }
}

/// A generated pair and its gold.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthPair {
    /// The original's sentences.
    pub original: Vec<String>,
    /// The garbled back-translation's sentences.
    pub translation: Vec<String>,
    /// The true alignment.
    pub alignment: Vec<GoldBead>,
    /// The damage done, as gold findings.
    pub findings: Vec<GoldFinding>,
}

const SYNONYMS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("help", "assist"),
    ("begin", "start"),
    ("began", "started"),
    ("large", "big"),
    ("war", "conflict"),
    ("talks", "negotiations"),
    ("attack", "assault"),
    ("country", "nation"),
    ("leaders", "chiefs"),
    ("officials", "authorities"),
    ("support", "backing"),
    ("quickly", "rapidly"),
    ("however", "but"),
    ("also", "too"),
    ("important", "significant"),
    ("troops", "soldiers"),
    ("end", "finish"),
    ("plan", "scheme"),
    ("weapons", "arms"),
    ("agreement", "deal"),
    ("should", "ought to"),
    ("many", "numerous"),
    ("show", "demonstrate"),
    ("people", "population"),
];

const FILLERS: &[&str] = &[
    "Readers can find more coverage of these events on our website.",
    "This article has been edited for length and clarity.",
    "Weather conditions in the region have been unusually mild this season.",
    "The company reported higher quarterly earnings on Tuesday.",
    "Local football clubs have postponed several matches this month.",
    "Subscribers receive a weekly digest of analysis every Friday.",
    "The museum will reopen its east wing after renovation work.",
    "Traffic on the coastal highway was delayed by roadworks.",
    "Our newsroom welcomes letters from readers on every topic.",
    "The festival drew record crowds despite the rain.",
];

const SYLLABLES: &[&str] = &[
    "ka", "lor", "vin", "mer", "ta", "dro", "sel", "ven", "bar", "ni", "os", "tral", "ge", "mon",
    "ri", "zan", "pel", "do", "cor", "ush",
];

/// A made-up capitalised name of two or three syllables.
fn pseudo_name(rng: &mut ChaCha8Rng) -> String {
    let n = rng.random_range(2..=3);
    let mut s: String = (0..n)
        .map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())])
        .collect();
    if let Some(first) = s.get(..1).map(str::to_uppercase) {
        s.replace_range(..1, &first);
    }
    s
}

/// An original of `n` sentences drawn from `pool`, each made unique by an
/// attribution to a made-up person, as real long documents rarely repeat
/// a sentence word for word. Used for large benchmark documents.
pub fn synthetic_original(pool: &[String], n: usize, seed: u64) -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    if pool.is_empty() {
        return Vec::new();
    }
    (0..n)
        .map(|_| {
            let base = pool[rng.random_range(0..pool.len())].trim_end_matches(['.', '!', '?']);
            format!(
                "{base}, according to {} {}.",
                pseudo_name(&mut rng),
                pseudo_name(&mut rng)
            )
        })
        .collect()
}

/// A corrupted spelling of a name that stays recognisable.
fn corrupt_name(word: &str, rng: &mut ChaCha8Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    for _ in 0..8 {
        let mut c = chars.clone();
        match rng.random_range(0..5) {
            0 => {
                // Swap a vowel for another.
                let vowels: Vec<usize> = (1..n).filter(|&i| "aeiou".contains(c[i])).collect();
                if let Some(&i) = vowels.get(rng.random_range(0..vowels.len().max(1))) {
                    let options = ['a', 'e', 'i', 'o', 'u'];
                    c[i] = options[rng.random_range(0..5)];
                }
            }
            1 => {
                let i = rng.random_range(1..n);
                let ch = c[i];
                c.insert(i, ch);
            }
            2 if n > 4 => {
                c.remove(rng.random_range(1..n));
            }
            3 => {
                let i = rng.random_range(1..n);
                c.insert(i, ['u', 'e', 'r', 'k', 'n'][rng.random_range(0..5)]);
            }
            _ if n >= 6 => {
                // Split in two ("Zelensky" → "Zelen Sky").
                let i = rng.random_range(3..n - 2);
                let tail: String = c[i..].iter().collect::<String>();
                let mut head: String = c[..i].iter().collect();
                head.push(' ');
                let mut t = tail.chars();
                if let Some(f) = t.next() {
                    head.extend(f.to_uppercase());
                    head.extend(t);
                }
                return head;
            }
            _ => {}
        }
        let out: String = c.into_iter().collect();
        if out != word {
            return out;
        }
    }
    format!("{word}{}", if word.ends_with('a') { "h" } else { "a" })
}

/// A changed number in the same written style.
fn change_number(surface: &str, rng: &mut ChaCha8Rng) -> Option<String> {
    let digits: String = surface.chars().filter(|c| *c != ',').collect();
    let value: u64 = digits.parse().ok()?;
    let new = match rng.random_range(0..3) {
        0 => value + rng.random_range(1..=9),
        1 => value * 2 + 1,
        _ => (value / 2).max(1) + if value < 3 { 2 } else { 0 },
    };
    if new == value {
        return None;
    }
    let plain = new.to_string();
    if !surface.contains(',') {
        return Some(plain);
    }
    let mut out = String::new();
    for (i, ch) in plain.chars().enumerate() {
        if i > 0 && (plain.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    Some(out)
}

/// One damage made to a sentence: (kind, original span, damaged span).
type Damage = (&'static str, String, String);

fn garble(text: &str, rng: &mut ChaCha8Rng, cfg: &SynthConfig) -> (String, Vec<Damage>) {
    let tokens = tokenize(text);
    let mut out = String::with_capacity(text.len() + 16);
    let mut damage = Vec::new();
    let mut last = 0;
    for (k, t) in tokens.iter().enumerate() {
        let surface = &text[t.start..t.end];
        out.push_str(&text[last..t.start]);
        last = t.end;
        let alphabetic = surface.chars().all(char::is_alphabetic);
        let replacement = if t.numeric && surface.chars().all(|c| c.is_ascii_digit() || c == ',') {
            rng.random_bool(cfg.number_change)
                .then(|| change_number(surface, rng))
                .flatten()
                .map(|n| ("number", n))
        } else if k > 0 && t.capitalized && alphabetic && surface.len() >= 4 && !is_stopword(&t.key)
        {
            rng.random_bool(cfg.name_corruption)
                .then(|| ("name", corrupt_name(surface, rng)))
        } else if let Some((_, syn)) = SYNONYMS.iter().find(|(w, _)| *w == surface) {
            rng.random_bool(cfg.synonym).then(|| ("", syn.to_string()))
        } else {
            None
        };
        match replacement {
            Some((kind, new)) => {
                if !kind.is_empty() {
                    damage.push((kind, surface.to_string(), new.clone()));
                }
                out.push_str(&new);
            }
            None => out.push_str(surface),
        }
    }
    out.push_str(&text[last..]);
    (out, damage)
}

/// Splits a sentence at a comma or semicolon near its middle.
fn split_sentence(text: &str) -> Option<(String, String)> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .scan(0, |pos, w| {
            let start = text[*pos..].find(w).map(|o| *pos + o).unwrap_or(*pos);
            *pos = start + w.len();
            Some((start, w))
        })
        .collect();
    let n = words.len();
    let (lo, hi) = (n * 3 / 10, n * 7 / 10);
    let k = (lo.max(4)..hi.min(n.saturating_sub(4))).find(|&k| words[k].1.ends_with([',', ';']))?;
    let cut = words[k].0 + words[k].1.len() - 1;
    let first = format!("{}.", text[..cut].trim_end());
    let rest = text[cut + 1..].trim_start();
    let mut second = String::new();
    let mut chars = rest.chars();
    let head = chars.next()?;
    second.extend(head.to_uppercase());
    second.push_str(chars.as_str());
    Some((first, second))
}

fn merge_sentences(a: &str, b: &str) -> String {
    let a = a.trim_end_matches(['.', '!', '?']);
    let first_word = b.split_whitespace().next().unwrap_or("");
    let b = if is_stopword(&first_word.to_lowercase()) {
        let mut chars = b.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        b.to_string()
    };
    format!("{a}, and {b}")
}

/// A translation sentence under construction: its text, the original
/// sentences behind it and the damage it carries.
struct Piece {
    text: String,
    damage: Vec<(usize, Damage)>,
}

/// Generates a garbled back-translation of `original` with its gold.
pub fn synthesize(original: &[String], cfg: &SynthConfig) -> SynthPair {
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut translation: Vec<String> = Vec::new();
    let mut alignment: Vec<GoldBead> = Vec::new();
    let mut findings: Vec<GoldFinding> = Vec::new();
    let bead = |orig: Vec<usize>, trans: Vec<usize>, kind: &str| GoldBead {
        orig,
        trans,
        kind: kind.to_string(),
    };
    let emit = |pieces: Vec<Piece>,
                orig: Vec<usize>,
                translation: &mut Vec<String>,
                findings: &mut Vec<GoldFinding>| {
        let mut trans_idx = Vec::new();
        for p in pieces {
            let t = translation.len();
            for (o, (kind, expected, found)) in p.damage {
                findings.push(finding(kind, Some(o), Some(t), expected, found));
            }
            translation.push(p.text);
            trans_idx.push(t);
        }
        let kind = match (orig.len(), trans_idx.len()) {
            (1, 1) => "1-1",
            (1, 2) => "1-2",
            (2, 1) => "2-1",
            _ => "other",
        };
        (bead(orig, trans_idx.clone(), kind), trans_idx)
    };

    // The lead: a sentence from the last part repeated at the front.
    let n = original.len();
    if cfg.move_to_front && n >= 10 {
        let i = rng.random_range(n * 6 / 10..n);
        let (text, damage) = garble(&original[i], &mut rng, cfg);
        let piece = Piece {
            text,
            damage: damage.into_iter().map(|d| (i, d)).collect(),
        };
        let (mut b, _) = emit(vec![piece], vec![i], &mut translation, &mut findings);
        b.kind = "moved".to_string();
        alignment.push(b);
    }

    let mut i = 0;
    while i < n {
        if rng.random_bool(cfg.insert) {
            let t = translation.len();
            let text = FILLERS[rng.random_range(0..FILLERS.len())].to_string();
            findings.push(finding("added", None, Some(t), String::new(), text.clone()));
            translation.push(text);
            alignment.push(bead(vec![], vec![t], "0-1"));
        }
        let roll: f64 = rng.random();
        if roll < cfg.delete {
            findings.push(finding(
                "dropped",
                Some(i),
                None,
                original[i].clone(),
                String::new(),
            ));
            alignment.push(bead(vec![i], vec![], "1-0"));
            i += 1;
            continue;
        }
        let (text, damage) = garble(&original[i], &mut rng, cfg);
        let mut damage: Vec<(usize, Damage)> = damage.into_iter().map(|d| (i, d)).collect();
        if roll < cfg.delete + cfg.merge && i + 1 < n {
            let (next, next_damage) = garble(&original[i + 1], &mut rng, cfg);
            damage.extend(next_damage.into_iter().map(|d| (i + 1, d)));
            let piece = Piece {
                text: merge_sentences(&text, &next),
                damage,
            };
            let (b, _) = emit(vec![piece], vec![i, i + 1], &mut translation, &mut findings);
            alignment.push(b);
            i += 2;
            continue;
        }
        let pieces =
            match split_sentence(&text).filter(|_| roll < cfg.delete + cfg.merge + cfg.split) {
                Some((a, b)) => {
                    let (in_a, in_b): (Vec<_>, Vec<_>) =
                        damage.into_iter().partition(|(_, d)| a.contains(&d.2));
                    vec![
                        Piece {
                            text: a,
                            damage: in_a,
                        },
                        Piece {
                            text: b,
                            damage: in_b,
                        },
                    ]
                }
                None => vec![Piece { text, damage }],
            };
        let (b, _) = emit(pieces, vec![i], &mut translation, &mut findings);
        alignment.push(b);
        i += 1;
    }
    SynthPair {
        original: original.to_vec(),
        translation,
        alignment,
        findings,
    }
}

fn finding(
    kind: &str,
    orig: Option<usize>,
    trans: Option<usize>,
    expected: String,
    found: String,
) -> GoldFinding {
    GoldFinding {
        id: String::new(),
        kind: kind.to_string(),
        orig: orig.into_iter().collect(),
        trans: trans.into_iter().collect(),
        orig_text: expected,
        trans_text: found,
        severity: if kind == "added" || kind == "dropped" {
            "major"
        } else {
            "critical"
        }
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corruptions_differ_and_stay_close() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..50 {
            let c = corrupt_name("Zelensky", &mut rng);
            assert_ne!(c, "Zelensky");
            assert!(
                crate::text::spelling_similarity(&c, "Zelensky") >= 0.6,
                "{c}"
            );
        }
    }

    #[test]
    fn numbers_change_in_style() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let c = change_number("1,000", &mut rng).expect("changes");
        assert!(c.contains(',') && c != "1,000", "{c}");
    }

    #[test]
    fn split_at_middle_comma() {
        let (a, b) = split_sentence("The war began in the east of the country, and the talks stalled after many weeks of trying.").expect("splits");
        assert_eq!(a, "The war began in the east of the country.");
        assert!(b.starts_with("And the talks"));
    }
}
