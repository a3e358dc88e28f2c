//! The classify stage's lexicons (`data/lexicon/status_*.txt`), compiled in and parsed
//! once, and the word-level helpers that read text with them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::lexicon::{entries, WordHash};
use crate::model::Span;

/// What a phrase from the signal lexicons says about the claims around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cat {
    /// confirmed, acknowledged, admitted, officially announced (`status_confirm.txt`).
    Confirm,
    /// reportedly, allegedly, is said to (`status_hedge.txt`).
    Hedge,
    /// on condition of anonymity, familiar with the matter (`status_anonymity.txt`).
    Anonymity,
    /// no official confirmation, neither confirm nor deny (`status_nonconfirm.txt`).
    NonConfirm,
    /// denied, refuted, "were untrue" (`status_deny.txt`).
    Deny,
    /// dismissed, rejected: a denial only with a claim noun after it (`status_deny_verbs.txt`).
    DenyVerb,
}

const CONFIRM: &str = include_str!("../../../data/lexicon/status_confirm.txt");
const HEDGE: &str = include_str!("../../../data/lexicon/status_hedge.txt");
const ANONYMITY: &str = include_str!("../../../data/lexicon/status_anonymity.txt");
const NONCONFIRM: &str = include_str!("../../../data/lexicon/status_nonconfirm.txt");
const DENY: &str = include_str!("../../../data/lexicon/status_deny.txt");
const DENY_VERBS: &str = include_str!("../../../data/lexicon/status_deny_verbs.txt");
const TRAPS: &str = include_str!("../../../data/lexicon/status_traps.txt");
const CLAIM_NOUNS: &str = include_str!("../../../data/lexicon/status_claim_nouns.txt");
const NEGATORS: &str = include_str!("../../../data/lexicon/status_negators.txt");
const BLOCKERS: &str = include_str!("../../../data/lexicon/status_blockers.txt");
const HEDGE_CUES: &str = include_str!("../../../data/lexicon/status_hedge_cues.txt");
const CONTRAST: &str = include_str!("../../../data/lexicon/status_contrast.txt");
const UNNAMED_HEADS: &str = include_str!("../../../data/lexicon/status_unnamed_heads.txt");
const TOPIC_GROUPS: &str = include_str!("../../../data/lexicon/status_topic_groups.txt");
const STOPWORDS: &str = include_str!("../../../data/lexicon/status_topic_stopwords.txt");

/// The signal phrases of all categories in one automaton, so that one pass over a
/// document finds them all and the longest phrase wins where two overlap ("has not
/// officially confirmed" is one hit, "neither confirm nor deny" is not a denial).
pub struct Signals {
    ac: AhoCorasick,
    cats: Vec<Cat>,
}

pub static SIGNALS: LazyLock<Signals> = LazyLock::new(|| {
    let (patterns, cats) = signal_patterns();
    Signals {
        ac: automaton(&patterns),
        cats,
    }
});

/// The phrases of the signal lexicons, each with its category.
fn signal_patterns() -> (Vec<&'static str>, Vec<Cat>) {
    let files = [
        (CONFIRM, Cat::Confirm),
        (HEDGE, Cat::Hedge),
        (ANONYMITY, Cat::Anonymity),
        (NONCONFIRM, Cat::NonConfirm),
        (DENY, Cat::Deny),
        (DENY_VERBS, Cat::DenyVerb),
    ];
    let mut patterns = Vec::new();
    let mut cats = Vec::new();
    for (text, cat) in files {
        for entry in entries(text) {
            patterns.push(entry);
            cats.push(cat);
        }
    }
    (patterns, cats)
}

/// Word senses that are no signal ("confirmation hearing", "denied bail").
pub static TRAP_PHRASES: LazyLock<AhoCorasick> =
    LazyLock::new(|| automaton(&entries(TRAPS).collect::<Vec<_>>()));

pub static CLAIM_NOUN_SET: LazyLock<HashSet<&'static str, WordHash>> =
    LazyLock::new(|| set(CLAIM_NOUNS));
pub static NEGATOR_SET: LazyLock<HashSet<&'static str, WordHash>> = LazyLock::new(|| set(NEGATORS));
pub static BLOCKER_SET: LazyLock<HashSet<&'static str, WordHash>> = LazyLock::new(|| set(BLOCKERS));
pub static HEDGE_CUE_SET: LazyLock<HashSet<&'static str, WordHash>> =
    LazyLock::new(|| set(HEDGE_CUES));
pub static UNNAMED_HEAD_SET: LazyLock<HashSet<&'static str, WordHash>> =
    LazyLock::new(|| set(UNNAMED_HEADS));
pub static STOPWORD_SET: LazyLock<HashSet<&'static str, WordHash>> =
    LazyLock::new(|| set(STOPWORDS));

/// Contrast markers as word sequences ("on the other hand" → 4 words).
pub static CONTRAST_MARKERS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    entries(CONTRAST)
        .map(|e| e.split_whitespace().collect())
        .collect()
});

/// Event word → its group ("call" → "conversation").
pub static TOPIC_GROUP_MAP: LazyLock<HashMap<&'static str, &'static str, WordHash>> =
    LazyLock::new(|| {
        entries(TOPIC_GROUPS)
            .filter_map(|e| e.split_once(char::is_whitespace))
            .map(|(word, group)| (word, group.trim()))
            .collect()
    });

fn set(text: &'static str) -> HashSet<&'static str, WordHash> {
    entries(text).collect()
}

fn automaton(patterns: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        // A DFA: a few hundred short phrases make a small one, and it scans every
        // article with attributions about twice as fast as the default (an NFA here).
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns)
        // The patterns are compiled-in data, never input; a test builds every automaton.
        .expect("status lexicons build an automaton")
}

/// Every signal phrase in `text`, whole words only, in text order.
pub fn signal_hits(text: &str) -> Vec<(Cat, Span)> {
    let signals = &*SIGNALS;
    whole_word_matches(&signals.ac, text, Span::new(0, text.len()))
        .into_iter()
        .filter_map(|(id, span)| signals.cats.get(id).map(|&cat| (cat, span)))
        .collect()
}

/// Whether `hit` overlaps a trap phrase ("denied bail" for the hit "denied"): one of the
/// whole-word matches of the trap phrases in `text`.
///
/// A phrase holds only ASCII letters, spaces and apostrophes (a test checks), so no match
/// crosses any other character (a comma, a full stop, a line break): a search that starts
/// after the last such character before the hit finds the same matches around it as a
/// search through the whole article, at a fraction of the cost.
pub fn in_trap(text: &str, hit: Span) -> bool {
    let bytes = text.as_bytes();
    let start = bytes
        .get(..hit.start)
        .and_then(|b| b.iter().rposition(|&b| !is_phrase_byte(b)))
        .map_or(0, |i| i + 1);
    let end = bytes
        .get(hit.end..)
        .and_then(|b| b.iter().position(|&b| !is_phrase_byte(b)))
        .map_or(bytes.len(), |i| hit.end + i);
    whole_word_matches(&TRAP_PHRASES, text, Span::new(start, end))
        .iter()
        .any(|(_, t)| t.start < hit.end && hit.start < t.end)
}

/// The bytes that phrases are made of.
fn is_phrase_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b' ' || b == b'\''
}

/// Leftmost-longest matches in `text[range]` that start and end at word boundaries (read
/// in the whole text). A match inside a longer word ("confirmed" in "unconfirmed") is
/// skipped and the search resumes one character later, so a whole-word match that
/// overlaps it is still found.
fn whole_word_matches(ac: &AhoCorasick, text: &str, range: Span) -> Vec<(usize, Span)> {
    let end = range.end.min(text.len());
    let mut out = Vec::new();
    let mut pos = range.start;
    while pos < end {
        let Some(m) = ac.find(Input::new(text).span(pos..end)) else {
            break;
        };
        if at_word_boundary(text, m.start(), m.end()) {
            out.push((m.pattern().as_usize(), Span::new(m.start(), m.end())));
            pos = m.end();
        } else {
            pos = next_char_boundary(text, m.start() + 1);
        }
    }
    out
}

fn next_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The words of `text[span]`: runs of letters and digits, with apostrophes inside a word
/// kept ("didn't", "Robinson's"); hyphens split ("US-Russia" → "US", "Russia").
pub fn words(text: &str, span: Span) -> Vec<Span> {
    let Some(slice) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let bytes = slice.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII letters and digits, most of the text, without decoding.
        if b.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            i += 1;
            last_end = i;
            continue;
        }
        // Other ASCII characters but the apostrophe (spaces, punctuation) end a word.
        if b.is_ascii() && b != b'\'' {
            if let Some(s) = start.take() {
                out.push(Span::new(span.start + s, span.start + last_end));
            }
            i += 1;
            continue;
        }
        let Some(c) = slice.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let next_is_alnum = slice
            .get(i + len..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || (is_apostrophe(c) && start.is_some() && next_is_alnum) {
            start.get_or_insert(i);
            last_end = i + len;
        } else if let Some(s) = start.take() {
            out.push(Span::new(span.start + s, span.start + last_end));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Span::new(span.start + s, span.start + last_end));
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// A word in lower case with a typographic apostrophe made plain; the word itself when
/// it is so already (most are: no allocation).
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(word.to_ascii_lowercase());
        }
        return Cow::Borrowed(word);
    }
    Cow::Owned(word.to_lowercase().replace('\u{2019}', "'"))
}

/// A crude stem for topic overlap: lower case, no possessive, no plural -s
/// ("conversations" → "conversation", "Bellamy's" → "bellamy").
pub fn stem(word: &str) -> Cow<'_, str> {
    match lower(word) {
        Cow::Borrowed(w) => Cow::Borrowed(stem_cut(w)),
        Cow::Owned(mut w) => {
            w.truncate(stem_cut(&w).len());
            Cow::Owned(w)
        }
    }
}

/// A lower-case word without its possessive and plural -s: a prefix of it.
fn stem_cut(w: &str) -> &str {
    let w = w.strip_suffix("'s").unwrap_or(w);
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        // `s` is one byte: the cut is on a char boundary.
        &w[..w.len() - 1]
    } else {
        w
    }
}

/// Whether a lower-case word negates what follows ("not", "declined", "didn't"). "yet"
/// only negates as "yet to" ("has yet to confirm"), which the caller checks.
pub fn is_negator(word: &str) -> bool {
    NEGATOR_SET.contains(word) || word.ends_with("n't")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_automaton_builds_and_no_phrase_is_in_two_signal_lists() {
        assert!(!SIGNALS.cats.is_empty());
        let text = "a confirmation hearing";
        assert!(in_trap(text, Span::new(2, 14)));
        let lists = [CONFIRM, HEDGE, ANONYMITY, NONCONFIRM, DENY, DENY_VERBS];
        let mut seen = HashSet::new();
        for list in lists {
            for entry in entries(list) {
                assert!(seen.insert(entry.to_ascii_lowercase()), "{entry} twice");
            }
        }
    }

    #[test]
    fn every_phrase_is_letters_spaces_and_apostrophes() {
        // `in_trap` relies on it.
        let (mut patterns, _) = signal_patterns();
        patterns.extend(entries(TRAPS));
        for p in patterns {
            assert!(p.bytes().all(is_phrase_byte), "{p}");
        }
    }

    #[test]
    fn the_trap_search_around_a_hit_finds_what_a_whole_text_search_finds() {
        let mut texts = vec![
            "He was denied bail, then denied it. Denied access; denied. Denied bail".to_string(),
            "He'd been admitted to hospital. She was admitted to the bar and admitted it.".into(),
            "A confirmation hearing confirmed it: confirmed cases (confirmed) 9confirmed".into(),
            "é denied bail é; the accused denied; they were confirmed as the denied entry".into(),
        ];
        texts.extend(
            include_str!("../../../tests/data/status_examples.tsv")
                .lines()
                .map(str::to_string),
        );
        texts.push(include_str!("../../../data/sample/articles.jsonl").to_string());
        for text in &texts {
            let all = Span::new(0, text.len());
            let traps = whole_word_matches(&TRAP_PHRASES, text, all);
            for (_, hit) in signal_hits(text) {
                let overlaps = traps
                    .iter()
                    .any(|(_, t)| t.start < hit.end && hit.start < t.end);
                assert_eq!(in_trap(text, hit), overlaps, "{text}");
            }
        }
    }

    #[test]
    fn whole_words_only() {
        let hits = signal_hits("It was unconfirmed, then confirmed.");
        let cats: Vec<Cat> = hits.iter().map(|h| h.0).collect();
        assert_eq!(cats, vec![Cat::Hedge, Cat::Confirm]);
    }

    #[test]
    fn words_keep_inner_apostrophes_and_split_hyphens() {
        let text = "He didn't see US-Russia talks’ end, Robinson’s view.";
        let got: Vec<&str> = words(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.of(text))
            .collect();
        assert_eq!(
            got,
            vec![
                "He",
                "didn't",
                "see",
                "US",
                "Russia",
                "talks",
                "end",
                "Robinson’s",
                "view"
            ]
        );
    }

    #[test]
    fn stems_drop_possessives_and_plurals() {
        assert_eq!(stem("Conversations"), "conversation");
        assert_eq!(stem("Bellamy’s"), "bellamy");
        assert_eq!(stem("press"), "press");
        assert_eq!(stem("has"), "has");
    }
}
