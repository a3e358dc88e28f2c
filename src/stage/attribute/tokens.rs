//! Words and punctuation with byte spans, and the lexicons the attribute stage reads.

use crate::lexicon::entries;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A word (letters and digits, with inner apostrophes, hyphens, dots and ampersands:
/// "O'Neill", "ex-minister", "U.S", "AT&T") or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl Tok {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    /// The punctuation character, for punctuation tokens.
    pub fn punct(&self, text: &str) -> Option<char> {
        if self.word {
            None
        } else {
            text[self.start..].chars().next()
        }
    }
    pub fn is_capitalised(&self, text: &str) -> bool {
        self.word
            && text[self.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }
}

/// Splits `text[span]` into tokens. White space is dropped.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let slice = &text[start..end];
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                start: start + i,
                end: start + i + c.len_utf8(),
                word: false,
            });
            continue;
        }
        let mut j = i + c.len_utf8();
        loop {
            let rest = &slice[j..];
            let mut two = rest.chars();
            match (two.next(), two.next()) {
                (Some(a), _) if a.is_alphanumeric() => j += a.len_utf8(),
                (Some(a), Some(b))
                    if matches!(a, '\'' | '’' | '-' | '.' | '&') && b.is_alphanumeric() =>
                {
                    j += a.len_utf8() + b.len_utf8();
                }
                // "55,000": a thousands separator between digits.
                (Some(','), Some(b))
                    if b.is_ascii_digit() && slice[..j].ends_with(|c: char| c.is_ascii_digit()) =>
                {
                    j += 1 + b.len_utf8();
                }
                _ => break,
            }
            while iter.peek().is_some_and(|&(k, _)| k < j) {
                iter.next();
            }
        }
        out.push(Tok {
            start: start + i,
            end: start + j,
            word: true,
        });
    }
}

/// A compiled word list, looked up case-insensitively.
pub struct Lexicon(HashSet<&'static str>);

impl Lexicon {
    fn new(text: &'static str) -> Lexicon {
        Lexicon(entries(text).collect())
    }
    pub fn has(&self, word: &str) -> bool {
        if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
            self.0.contains(word.to_lowercase().as_str())
        } else {
            self.0.contains(word)
        }
    }
}

macro_rules! lexicon {
    ($name:ident, $file:literal) => {
        pub static $name: LazyLock<Lexicon> =
            LazyLock::new(|| Lexicon::new(include_str!(concat!("../../../data/lexicon/", $file))));
    };
}

lexicon!(CUE_VERBS, "cue_verbs.txt");
lexicon!(TITLES, "titles.txt");
lexicon!(ANONYMOUS_HEADS, "anonymous_heads.txt");
lexicon!(ORGANIZATION_WORDS, "organization_words.txt");
lexicon!(ORGANIZATION_NAMES, "organization_names.txt");
lexicon!(DOCUMENT_HEADS, "document_heads.txt");
lexicon!(NAMES_MALE, "names_male.txt");
lexicon!(NAMES_FEMALE, "names_female.txt");

/// Small closed classes of function words, kept in code because they are grammar, not
/// vocabulary.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "a" | "an"
            | "the"
            | "one"
            | "two"
            | "three"
            | "some"
            | "many"
            | "several"
            | "most"
            | "other"
            | "another"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "this"
            | "these"
            | "those"
            | "that"
            | "both"
            | "all"
            | "senior"
            | "no"
    )
}

/// Words that may stand between a subject and its reporting verb ("he *also* said",
/// "Smith *has* said", "they *later* told").
pub fn is_auxiliary(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "previously"
            | "then"
            | "recently"
            | "again"
            | "repeatedly"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "once"
            | "earlier"
            | "further"
            | "publicly"
            | "privately"
            | "already"
            | "reportedly"
            | "allegedly"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has also"
            | "initially"
            | "first"
            | "separately"
            | "yesterday"
            | "today"
            | "always"
            | "often"
            | "openly"
            | "even"
            | "just"
            | "still"
            | "could"
            | "may"
            | "might"
            | "officially"
            | "clearly"
    )
}

pub fn is_pronoun(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i"
    )
}

/// Words that begin a clause: a subject phrase never runs across them.
pub fn is_clause_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "that"
            | "which"
            | "when"
            | "while"
            | "because"
            | "after"
            | "before"
            | "if"
            | "but"
            | "although"
            | "though"
            | "since"
            | "as"
            | "where"
            | "whereas"
            | "so"
            | "then"
            | "however"
            | "meanwhile"
            | "yet"
            | "and"
            | "or"
            | "nor"
            | "than"
            | "until"
            | "unless"
            | "who"
            | "according"
            | "whether"
            | "said"
            | "says"
            | "told"
            | "with"
    )
}

/// Sentence-initial words that are capitalised only because they start the sentence.
pub fn is_sentence_adverb(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "but"
            | "and"
            | "however"
            | "meanwhile"
            | "yesterday"
            | "today"
            | "also"
            | "so"
            | "still"
            | "now"
            | "then"
            | "instead"
            | "indeed"
            | "separately"
            | "later"
            | "earlier"
            | "in"
            | "on"
            | "at"
            | "for"
            | "as"
            | "after"
            | "while"
            | "when"
            | "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "if"
            | "although"
            | "asked"
            | "during"
            | "among"
            | "despite"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        toks.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn words_keep_inner_marks() {
        assert_eq!(
            words("Mr O'Neill, an ex-minister, said: \"U.S. AT&T don’t.\""),
            [
                "Mr",
                "O'Neill",
                ",",
                "an",
                "ex-minister",
                ",",
                "said",
                ":",
                "\"",
                "U.S",
                ".",
                "AT&T",
                "don’t",
                ".",
                "\""
            ]
        );
    }

    #[test]
    fn lexicons_load_and_ignore_case() {
        assert!(CUE_VERBS.has("said"));
        assert!(CUE_VERBS.has("Said"));
        assert!(!CUE_VERBS.has("table"));
        assert!(TITLES.has("President"));
    }
}
