//! What the checkers ask of every token, worked out once per key.
//!
//! The number checker asks whether a word may start a number written in
//! words, the dropped-content checker whether it is a number word, the
//! polarity checker whether it may start a cue. Asked of every token of
//! every pair, those were string matches and set lookups per token; the
//! answers now travel with the shared [`Key`] (one classification per
//! distinct word and thread).

use crate::text::Key;

const NUMBER_START: u8 = 1;
const NUMBER_WORD: u8 = 2;
const CUE_START: u8 = 4;

fn classify(key: &str) -> u8 {
    let mut classes = 0;
    if super::numbers::may_start_number(key) {
        classes |= NUMBER_START;
    }
    if super::numbers::is_number_word(key) {
        classes |= NUMBER_WORD;
    }
    if super::polarity::starts_cue(key) {
        classes |= CUE_START;
    }
    classes
}

fn of(key: &Key) -> u8 {
    key.classes(classify)
}

/// A word a number written in words can start with ("three", "May").
pub fn may_start_number(key: &Key) -> bool {
    of(key) & NUMBER_START != 0
}

/// A number word ("three", "twenty", "thousand", "dozen").
pub fn is_number_word(key: &Key) -> bool {
    of(key) & NUMBER_WORD != 0
}

/// A word a polarity cue can start with ("not", "banning", "instead").
pub fn may_start_cue(key: &Key) -> bool {
    of(key) & CUE_START != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_match_the_checkers_own_tests() {
        for word in [
            "three", "twenty", "thousand", "dozen", "may", "first", "a", "half", "not", "banning",
            "instead", "in", "refused", "talks", "kursk", "", "1,000",
        ] {
            let key = Key::new(word);
            assert_eq!(
                may_start_number(&key),
                super::super::numbers::may_start_number(word),
                "{word}"
            );
            assert_eq!(
                is_number_word(&key),
                super::super::numbers::is_number_word(word),
                "{word}"
            );
            assert_eq!(
                may_start_cue(&key),
                super::super::polarity::starts_cue(word),
                "{word}"
            );
        }
        assert!(may_start_number(&Key::new("three")) && is_number_word(&Key::new("thousand")));
        assert!(may_start_cue(&Key::new("instead")) && !may_start_cue(&Key::new("talks")));
    }
}
