//! Broken phrases: places in a translation sentence where English grammar
//! says a word is missing ("The of new technologies", "They the tour",
//! "Is the seventh EU country."). A lexical comparison cannot tell a word
//! cut out from a word a translator paraphrased away; a gap in the
//! grammar can, and it costs nothing on fluent paraphrase (on the DEMETR
//! dev split no correct translation shows one: docs/checkers.md).
//!
//! Only closed word classes are used (articles, possessives, pronouns,
//! prepositions, auxiliaries), so no part-of-speech tagger is needed and
//! the rules hold for any English text. A pattern the original itself
//! shows in the same bead is not reported: it is the author's style.

use crate::analysis::AnalysedSentence;
use crate::analysis::Vocabulary;

/// Determiners that always need a noun phrase after them. "this",
/// "that", "these", "those", "his", "her" and "each" also stand alone
/// ("those of the pilot", "told her about"), so they are left out.
fn is_determiner(key: &str) -> bool {
    matches!(
        key,
        "a" | "an" | "every" | "its" | "my" | "our" | "the" | "their" | "your"
    )
}

/// Prepositions that cannot directly follow a determiner.
fn preposition(key: &str) -> bool {
    matches!(
        key,
        "about"
            | "across"
            | "after"
            | "against"
            | "among"
            | "around"
            | "at"
            | "before"
            | "between"
            | "by"
            | "despite"
            | "during"
            | "for"
            | "from"
            | "in"
            | "into"
            | "of"
            | "on"
            | "onto"
            | "over"
            | "per"
            | "than"
            | "through"
            | "to"
            | "toward"
            | "towards"
            | "under"
            | "upon"
            | "via"
            | "with"
            | "within"
            | "without"
    )
}

/// Finite auxiliaries that cannot directly follow a determiner.
fn auxiliary(key: &str) -> bool {
    matches!(
        key,
        "are"
            | "been"
            | "could"
            | "did"
            | "does"
            | "had"
            | "has"
            | "is"
            | "should"
            | "was"
            | "were"
            | "would"
    )
}

/// Subject pronouns: a determiner or preposition cannot follow them.
fn subject_pronoun(key: &str) -> bool {
    matches!(key, "he" | "i" | "she" | "they" | "we")
}

/// Conjunctions and relative words that cannot follow a determiner.
fn joiner(key: &str) -> bool {
    matches!(
        key,
        "and" | "but" | "nor" | "or" | "that" | "which" | "who" | "whom" | "whose"
    )
}

/// Words that, first in a sentence not ending in "?", leave it without a
/// subject ("Is the seventh EU country."). "May", "Will", "Should",
/// "Were" and "Had" are left out: names, months and inverted conditions.
fn subjectless_start(key: &str) -> bool {
    matches!(
        key,
        "are"
            | "can"
            | "could"
            | "did"
            | "does"
            | "is"
            | "might"
            | "must"
            | "was"
            | "who"
            | "whose"
            | "would"
    )
}

/// The broken phrases of a sentence, each with the folded keys of its
/// two words.
pub(super) type Gaps = Vec<(Gap, [String; 2])>;

/// One broken phrase in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Gap {
    /// The token before the gap, or the first token for a sentence
    /// without a subject.
    pub first: usize,
    /// The token after the gap (the same as `first` when the gap ends
    /// the sentence or opens it).
    pub last: usize,
    /// Which rule saw it.
    pub rule: Rule,
}

/// The rules, for the message and for comparing with the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rule {
    /// A determiner followed by a word that cannot start its noun phrase.
    Determiner,
    /// A determiner ending the sentence.
    DeterminerAtEnd,
    /// A subject pronoun followed by a determiner or preposition.
    Subject,
    /// A sentence opening with a verb or relative word.
    NoSubject,
}

impl Rule {
    /// What the editor is told.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Determiner => "a noun seems to be missing after the determiner",
            Rule::DeterminerAtEnd => "the sentence ends on a determiner: its noun seems missing",
            Rule::Subject => "a verb seems to be missing after the subject",
            Rule::NoSubject => "the sentence has no subject: it seems to be missing",
        }
    }
}

/// The broken phrases of one sentence, with the folded keys of their two
/// words (for comparing with the original).
pub(super) fn gaps(view: &AnalysedSentence, words: &Vocabulary) -> Gaps {
    let tokens = &view.tokens;
    let key = |k: usize| words.key(tokens[k].word);
    let mut out = Vec::new();
    let question = view.text.trim_end().ends_with('?');
    if let Some(first) = tokens.first() {
        let lead = &view.text[..first.start];
        if !question
            && first.capitalized
            && !lead.contains(['"', '“', '(', '\'', '‘', '-', '–', '—'])
            && subjectless_start(key(0))
        {
            out.push((
                Gap {
                    first: 0,
                    last: 0,
                    rule: Rule::NoSubject,
                },
                [key(0).to_string(), String::new()],
            ));
        }
    }
    for k in 0..tokens.len() {
        // Every determiner and pronoun but "every" is a stop word: one
        // flag test skips the other words.
        if !words[tokens[k].word].stopword && words.key(tokens[k].word) != "every" {
            continue;
        }
        let a = key(k);
        let determiner = is_determiner(a);
        let subject = subject_pronoun(a);
        if !determiner && !subject {
            continue;
        }
        let Some(next) = tokens.get(k + 1) else {
            // Last word: only a determiner cannot end a sentence.
            let rest = view.text[tokens[k].end..].trim();
            if determiner && a != "a" && rest.chars().all(|c| ".!;".contains(c)) {
                out.push((
                    Gap {
                        first: k,
                        last: k,
                        rule: Rule::DeterminerAtEnd,
                    },
                    [a.to_string(), String::new()],
                ));
            }
            continue;
        };
        // Punctuation between the two words: a list, an aside or a typo,
        // not a gap.
        if !view.text[tokens[k].end..next.start].trim().is_empty() {
            continue;
        }
        let b = key(k + 1);
        // A capitalised word after "The" is a title ("The Who").
        if next.capitalized {
            continue;
        }
        let rule = if determiner
            && (preposition(b)
                || is_determiner(b)
                || subject_pronoun(b)
                || joiner(b)
                // "its was" is "it's was" misspelt, not a gap.
                || (a != "its" && auxiliary(b)))
        {
            Rule::Determiner
        } else if subject
            && (is_determiner(b) || preposition(b))
            && subject_position(view, words, k)
        {
            Rule::Subject
        } else {
            continue;
        };
        out.push((
            Gap {
                first: k,
                last: k + 1,
                rule,
            },
            [a.to_string(), b.to_string()],
        ));
    }
    out
}

/// Whether the pronoun at `k` stands where a subject stands: first in
/// the sentence or its clause, or after a time phrase ("During the 1980s
/// he …"), not after a verb, where it is an object in the wrong case
/// ("informed they of …").
fn subject_position(view: &AnalysedSentence, words: &Vocabulary, k: usize) -> bool {
    if k == 0 {
        return true;
    }
    let before = &view.tokens[k - 1];
    let between = &view.text[before.end..view.tokens[k].start];
    between.contains([',', ';', ':', '(', '"', '“'])
        || before.numeric
        || joiner(words.key(before.word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn rules(text: &str) -> Vec<(Rule, String)> {
        let (orig, trans) = ([text], [""]);
        let pair = Analyzer::new().analyse_texts(&orig, &trans);
        let view = &pair.orig[0];
        gaps(view, &pair.vocabulary)
            .into_iter()
            .map(|(g, _)| {
                (
                    g.rule,
                    view.text[view.tokens[g.first].start..view.tokens[g.last].end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_missing_noun_verb_or_subject_is_a_gap() {
        assert_eq!(
            rules("The rise of new technologies allows us to see more."),
            []
        );
        assert_eq!(
            rules("The of new technologies allows us to see more."),
            [(Rule::Determiner, "The of".to_string())]
        );
        assert_eq!(
            rules("During the 1980s he on shows such as Taxi."),
            [(Rule::Subject, "he on".to_string())]
        );
        assert_eq!(
            rules("Is the seventh EU country to suffer."),
            [(Rule::NoSubject, "Is".to_string())]
        );
        assert_eq!(
            rules("Their advice is tailored to their."),
            [(Rule::DeterminerAtEnd, "their".to_string())]
        );
    }

    #[test]
    fn fluent_english_has_no_gap() {
        for text in [
            "Is it true?",
            "Those of the pilot were lost, and each of them knew it.",
            "She told her about the plan before they left.",
            "Apple informed them of 34 incidents; the rest were minor.",
            "Should you need help, ask the staff.",
            "Its was a job for which you needed a diploma.",
            "The more, the merrier.",
            "He said that the, um, plan worked.",
        ] {
            assert_eq!(rules(text), [], "{text}");
        }
    }
}
