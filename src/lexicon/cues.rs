//! Polarity cues: words that negate, prohibit, refuse, doubt or concede,
//! grouped in families so that "refused" ~ "rejected" is no difference.

/// A family of polarity cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

impl Family {
    /// Every family, in report order.
    pub const ALL: [Family; 5] = [
        Family::Negation,
        Family::Prohibition,
        Family::Refusal,
        Family::Improbability,
        Family::Concession,
    ];

    /// The family's name in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Negation => "negation",
            Family::Prohibition => "prohibition",
            Family::Refusal => "refusal",
            Family::Improbability => "improbability",
            Family::Concession => "concession",
        }
    }
}

/// True for a key that starts a cue before some next word.
pub fn starts_cue(key: &str) -> bool {
    // The two-word cues; every other cue is a cue whatever follows.
    matches!(key, "instead" | "rather" | "in") || cue_of(key, "").is_some()
}

/// The family of a cue word followed by `next`, and the tokens it spans.
pub fn cue_of(key: &str, next: &str) -> Option<(Family, usize)> {
    let family = match key {
        // "not only … but also" is emphasis, not negation.
        "not" if next == "only" => return None,
        "not" | "no" | "never" | "none" | "nobody" | "nothing" | "neither" | "nor" | "without"
        | "cannot" | "lack" | "lacks" | "lacking" => Family::Negation,
        "instead" if next == "of" => return Some((Family::Negation, 2)),
        "rather" if next == "than" => return Some((Family::Negation, 2)),
        "in" if next == "spite" => return Some((Family::Concession, 2)),
        "despite" | "although" | "though" | "notwithstanding" => Family::Concession,
        "unlikely" | "impossible" | "improbable" | "uncertain" | "doubtful" => {
            Family::Improbability
        }
        k if k.ends_with("n't") => Family::Negation,
        k if ["ban", "bans", "banned", "banning"].contains(&k)
            || k.starts_with("prohibit")
            || k.starts_with("forbid")
            || k == "forbade"
            || k.starts_with("outlaw") =>
        {
            Family::Prohibition
        }
        k if k.starts_with("refus")
            || k.starts_with("reject")
            || k.starts_with("denied")
            || k.starts_with("deny")
            || k.starts_with("denies") =>
        {
            Family::Refusal
        }
        _ => return None,
    };
    Some((family, 1))
}

/// True when [`starts_cue`] may hold for a key outside the word table of
/// [`all_words`]: the cues recognised by their beginning or ending.
pub(super) fn may_start_by_affix(key: &str) -> bool {
    key.ends_with("n't")
        || [
            "prohibit", "forbid", "outlaw", "refus", "reject", "denied", "deny", "denies",
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
        "neither",
        "nor",
        "without",
        "cannot",
        "lack",
        "lacks",
        "lacking",
        "instead",
        "rather",
        "in",
        "despite",
        "although",
        "though",
        "notwithstanding",
        "unlikely",
        "impossible",
        "improbable",
        "uncertain",
        "doubtful",
        "ban",
        "bans",
        "banned",
        "banning",
        "forbade",
    ]
    .into_iter()
}
