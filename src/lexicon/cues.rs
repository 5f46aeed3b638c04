//! Polarity cues: words that negate, prohibit, refuse, doubt or concede,
//! grouped in families so that "refused" ~ "rejected" is no difference.
//!
//! Each cue is strong or weak. A strong cue counts: one negation more or
//! fewer in a sentence is a finding. A weak cue ("hardly", "lacks",
//! "declined", "while") only answers for a strong cue of the other side,
//! because it often negates in other words ("barely any money" ~ "next to
//! nothing", "declined funding" ~ "refused to fund") and as often does
//! not ("sales declined").

use std::sync::OnceLock;

use super::antonyms::{relation, Relation};

/// A family of polarity cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// not, no, never, without, instead of…
    Negation,
    /// ban, prohibit, forbid, outlaw
    Prohibition,
    /// refuse, reject, deny
    Refusal,
    /// unlikely, impossible, doubtful…
    Improbability,
    /// despite, although, in spite of…
    Concession,
    /// because, due to, therefore…: what a concession turns into when
    /// its meaning is inverted.
    Cause,
}

impl Family {
    /// Every family, in report order.
    pub const ALL: [Family; 6] = [
        Family::Negation,
        Family::Prohibition,
        Family::Refusal,
        Family::Improbability,
        Family::Concession,
        Family::Cause,
    ];

    /// The family's name in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Negation => "negation",
            Family::Prohibition => "prohibition",
            Family::Refusal => "refusal",
            Family::Improbability => "improbability",
            Family::Concession => "concession",
            Family::Cause => "cause",
        }
    }
}

/// A cue found at some token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Its family.
    pub family: Family,
    /// True for a cue that counts; false for one that only answers for
    /// a cue of the other side (see the module documentation).
    pub strong: bool,
    /// How many tokens it spans.
    pub len: usize,
}

const fn strong(family: Family, len: usize) -> Option<Cue> {
    Some(Cue {
        family,
        strong: true,
        len,
    })
}

const fn weak(family: Family, len: usize) -> Option<Cue> {
    Some(Cue {
        family,
        strong: false,
        len,
    })
}

/// Words that make "not only … but" emphasis rather than negation.
const EMPHASIS: [&str; 5] = ["only", "just", "merely", "simply", "solely"];

/// Comparatives that make "no more than", "not less than" a quantity
/// rather than a negation.
const COMPARATIVES: [&str; 7] = [
    "more", "less", "fewer", "later", "sooner", "earlier", "greater",
];

/// The cue starting at token `k` of a sentence whose folded keys are
/// `keys`, if any. Context decides a few: "not only … but" and "not only
/// …; it also" are emphasis,
/// "no more than" a quantity, "no matter", "no doubt", "whether or not",
/// "not to mention" are idioms, and the "nor" of "neither … nor" is part
/// of its "neither". Every key a cue starts with has [`starts_cue`].
pub fn cue_at(keys: &[&str], k: usize) -> Option<Cue> {
    // An underscore glued to a word by stray punctuation ("didn't_") is
    // not part of it.
    let at = |i: usize| keys.get(i).map_or("", |w| w.trim_matches('_'));
    let (key, next, after) = (at(k), at(k + 1), at(k + 2));
    if k >= keys.len() {
        return None;
    }
    use Family::*;
    match key {
        "not" | "no" if COMPARATIVES.contains(&next) && after == "than" => None,
        "not"
            if EMPHASIS.contains(&next)
                && keys
                    .get(k + 2..)
                    .is_some_and(|rest| rest.iter().any(|w| *w == "but" || *w == "also")) =>
        {
            None
        }
        "not" if next == "to" && after == "mention" => None,
        "no" if next == "matter" || next == "doubt" => None,
        "without" if next == "doubt" || (next == "a" && after == "doubt") => None,
        "not" if k > 0 && keys[k - 1] == "or" => None,
        "nor" if keys[..k].contains(&"neither") => None,
        k if NEGATION_WORDS.contains(&k) => strong(Negation, 1),
        "instead" if next == "of" => strong(Negation, 2),
        "rather" if next == "than" => strong(Negation, 2),
        "hardly" | "barely" | "scarcely" | "seldom" | "rarely" | "lack" | "lacks" | "lacked"
        | "lacking" | "absent" | "absence" | "non" | "fail" | "fails" | "failed" | "failing" => {
            weak(Negation, 1)
        }
        "in" if next == "spite" => strong(Concession, 2),
        "despite" | "although" | "though" | "notwithstanding" => strong(Concession, 1),
        "while" | "whereas" | "but" | "yet" | "however" | "nevertheless" | "nonetheless" => {
            weak(Concession, 1)
        }
        "even" if next == "if" || next == "so" => weak(Concession, 2),
        "because" | "therefore" | "hence" | "consequently" => strong(Cause, 1),
        "due" | "thanks" | "owing" if next == "to" => strong(Cause, 2),
        "as" if next == "a" && after == "result" => strong(Cause, 3),
        "unlikely" | "impossible" | "improbable" | "uncertain" | "doubtful" => {
            strong(Improbability, 1)
        }
        "unclear" | "questionable" | "implausible" | "doubt" | "doubts" | "doubted" => {
            weak(Improbability, 1)
        }
        "turn" | "turns" | "turned" | "turning" if next == "down" => weak(Refusal, 2),
        k if k.ends_with("n't") => strong(Negation, 1),
        k if ["ban", "bans", "banned", "banning", "forbade"].contains(&k)
            || k.starts_with("prohibit")
            || k.starts_with("forbid")
            || k.starts_with("outlaw") =>
        {
            strong(Prohibition, 1)
        }
        k if ["bar", "bars", "barred", "barring"].contains(&k)
            || k.starts_with("embargo")
            || k.starts_with("illegal") =>
        {
            weak(Prohibition, 1)
        }
        k if k.starts_with("refus")
            || k.starts_with("reject")
            || k.starts_with("denied")
            || k.starts_with("deny")
            || k.starts_with("denies") =>
        {
            strong(Refusal, 1)
        }
        k if k.starts_with("declin")
            || k.starts_with("rebuff")
            || k.starts_with("spurn")
            || k.starts_with("veto") =>
        {
            weak(Refusal, 1)
        }
        _ => None,
    }
}

/// True when the cue [`cue_at`] finds at a key may depend on the words
/// around it; for any other key it is `cue_at(&[key], 0)` wherever the
/// key stands. Of these, only "not", "nor" and keys with an underscore
/// look further than the next two words.
pub fn needs_context(key: &str) -> bool {
    matches!(
        key,
        "not"
            | "no"
            | "without"
            | "nor"
            | "instead"
            | "rather"
            | "in"
            | "even"
            | "due"
            | "thanks"
            | "owing"
            | "as"
            | "turn"
            | "turns"
            | "turned"
            | "turning"
    ) || key.starts_with('_')
        || key.ends_with('_')
}

/// True for a word that negates by itself ("not", "never", "without",
/// "doesn't"): a strong negation wherever no idiom takes it.
pub fn is_negation_word(key: &str) -> bool {
    let key = key.trim_matches('_');
    NEGATION_WORDS.contains(&key) || key.ends_with("n't")
}

/// The strong negations recognised whole.
const NEGATION_WORDS: [&str; 11] = [
    "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
    "cannot",
];

/// True for the stem of a verb a negation moves over without changing
/// the meaning ("I don't think it works" ~ "I think it doesn't work",
/// "appears not to trust" ~ "does not seem to trust"): the neg-raising
/// verbs of opinion, perception and intention.
pub fn is_neg_raising(word_stem: &str) -> bool {
    static STEMS: OnceLock<Vec<String>> = OnceLock::new();
    STEMS
        .get_or_init(|| {
            [
                "think", "believe", "suppose", "expect", "imagine", "reckon", "seem", "appear",
                "want", "intend", "plan", "feel",
            ]
            .iter()
            .map(|w| super::stem(w))
            .collect()
        })
        .iter()
        .any(|s| s == word_stem)
}

/// True for a key that may start a cue (see [`cue_at`]).
pub fn starts_cue(key: &str) -> bool {
    let key = key.trim_matches('_');
    all_words().any(|w| w == key) || may_start_by_affix(key)
}

/// True when [`starts_cue`] may hold for a key outside the word table of
/// [`all_words`]: the cues recognised by their beginning or ending.
pub(super) fn may_start_by_affix(key: &str) -> bool {
    key.starts_with('_')
        || key.ends_with('_')
        || key.ends_with("n't")
        || [
            "prohibit", "forbid", "outlaw", "refus", "reject", "denied", "deny", "denies",
            "embargo", "illegal", "declin", "rebuff", "spurn", "veto",
        ]
        .iter()
        .any(|p| key.starts_with(p))
}

/// The cue words recognised whole.
pub(super) fn all_words() -> impl Iterator<Item = &'static str> {
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "neither",
        "nor",
        "without",
        "cannot",
        "instead",
        "rather",
        "hardly",
        "barely",
        "scarcely",
        "seldom",
        "rarely",
        "lack",
        "lacks",
        "lacked",
        "lacking",
        "absent",
        "absence",
        "non",
        "fail",
        "fails",
        "failed",
        "failing",
        "in",
        "despite",
        "although",
        "though",
        "notwithstanding",
        "while",
        "whereas",
        "but",
        "yet",
        "however",
        "nevertheless",
        "nonetheless",
        "even",
        "because",
        "therefore",
        "hence",
        "consequently",
        "due",
        "thanks",
        "owing",
        "as",
        "unlikely",
        "impossible",
        "improbable",
        "uncertain",
        "doubtful",
        "unclear",
        "questionable",
        "implausible",
        "doubt",
        "doubts",
        "doubted",
        "turn",
        "turns",
        "turned",
        "turning",
        "ban",
        "bans",
        "banned",
        "banning",
        "forbade",
        "bar",
        "bars",
        "barred",
        "barring",
    ]
    .into_iter()
}

/// Negative prefixes, longest first.
const NEGATIVE_PREFIXES: [&str; 7] = ["non", "dis", "un", "in", "im", "il", "ir"];

/// For a word made of a negative prefix and a word WordNet gives as its
/// direct antonym ("unable" ~ "able", "incorrect" ~ "correct"), the
/// length of the prefix: such a word negates in other words ("not
/// correct" ~ "incorrect"). `word_stem` is the word's stem.
pub fn negative_prefix(key: &str, word_stem: &str) -> Option<usize> {
    NEGATIVE_PREFIXES.iter().find_map(|p| {
        let base = key.strip_prefix(p)?.trim_start_matches('-');
        (base.len() >= 3 && relation(word_stem, &super::stem(base)) == Some(Relation::Direct))
            .then_some(p.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(sentence: &str) -> Vec<(Family, bool, usize)> {
        let keys: Vec<String> = sentence.split_whitespace().map(str::to_lowercase).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        (0..keys.len())
            .filter_map(|k| cue_at(&keys, k).map(|c| (c.family, c.strong, k)))
            .collect()
    }

    #[test]
    fn emphasis_quantities_and_idioms_are_not_negations() {
        assert_eq!(
            cues("not only in Europe but in the world"),
            [(Family::Concession, false, 4)],
            "only the weak concession of \"but\""
        );
        assert!(cues("no less than 20 percent").is_empty());
        assert!(cues("whether or not it rains").is_empty());
        assert!(cues("no matter how long").is_empty());
        assert!(cues("not to mention the cost").is_empty());
        assert!(cues("it would not only help ; it also could pull").is_empty());
        // Without a "but" or "also", "not only" negates.
        assert_eq!(cues("I did not only see it"), [(Family::Negation, true, 2)]);
    }

    proptest::proptest! {
        /// Outside [`needs_context`], the words around a key change
        /// nothing.
        #[test]
        fn context_free_cues_ignore_their_neighbours(
            before in "(neither|or|the|[a-z]{0,5})",
            key in "(not|no|nor|neither|in|as|due|turned|never|nothing|despite|banned|refused|declined|hardly|isn't|[a-z']{1,8})",
            next in "(only|than|of|spite|down|to|a|if|matter|doubt|[a-z]{0,5})",
            after in "(than|result|mention|but|also|doubt|[a-z]{0,4})",
        ) {
            let keys = [before.as_str(), key.as_str(), next.as_str(), after.as_str()];
            if !needs_context(&key) {
                proptest::prop_assert_eq!(cue_at(&keys, 1), cue_at(&[key.as_str()], 0));
            } else if !matches!(key.as_str(), "not" | "nor") && !key.contains('_') {
                let window = [key.as_str(), next.as_str(), after.as_str()];
                proptest::prop_assert_eq!(cue_at(&keys, 1), cue_at(&window, 0));
            }
        }
    }

    #[test]
    fn negation_words_are_the_strong_negations() {
        for key in all_words().chain(["isn't", "didn't_", "can't", "notion", "knot"]) {
            let strong_negation =
                cue_at(&[key], 0).is_some_and(|c| c.family == Family::Negation && c.strong);
            assert_eq!(is_negation_word(key), strong_negation, "{key}");
        }
    }

    #[test]
    fn neither_nor_is_one_negation() {
        assert_eq!(
            cues("neither Russia nor Ukraine"),
            [(Family::Negation, true, 0)]
        );
        assert_eq!(cues("he came nor stayed"), [(Family::Negation, true, 2)]);
    }

    #[test]
    fn contractions_and_weak_cues() {
        assert_eq!(cues("it doesn't"), [(Family::Negation, true, 1)]);
        assert_eq!(cues("we didn't_ add"), [(Family::Negation, true, 1)]);
        assert!(crate::lexicon::word_classes("didn't_") & crate::lexicon::CUE_START != 0);
        assert_eq!(cues("barely any"), [(Family::Negation, false, 0)]);
        assert_eq!(
            cues("they turned down visas"),
            [(Family::Refusal, false, 1)]
        );
    }

    #[test]
    fn negative_prefixes_need_a_wordnet_antonym() {
        let p = |k: &str| negative_prefix(k, &crate::lexicon::stem(k));
        assert_eq!(p("unable"), Some(2));
        assert_eq!(p("incorrect"), Some(2));
        assert_eq!(p("impossible"), Some(2));
        assert_eq!(p("dishonest"), Some(3));
        assert_eq!(p("discover"), None);
        assert_eq!(p("information"), None);
        assert_eq!(p("union"), None);
    }
}
