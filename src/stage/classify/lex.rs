//! The classify stage's lexicons (`data/lexicon/status_*.txt`), compiled in and parsed
//! once, and the word-level helpers that read text with them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::ascii::{self, every_byte, TOP_BITS};
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

/// The signal phrases of all categories in one matcher, so that one pass over a
/// document finds them all and the longest phrase wins where two overlap ("has not
/// officially confirmed" is one hit, "neither confirm nor deny" is not a denial).
pub struct Signals {
    phrases: Phrases,
    cats: Vec<Cat>,
}

pub static SIGNALS: LazyLock<Signals> = LazyLock::new(|| {
    let (patterns, cats) = signal_patterns();
    Signals {
        phrases: Phrases::new(&patterns),
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
pub static TRAP_PHRASES: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(&entries(TRAPS).collect::<Vec<_>>()));

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

/// A list of phrases to find as whole words, ASCII case ignored, where the longest phrase
/// wins at each word start: what an Aho-Corasick automaton (leftmost-longest) plus a
/// word-boundary check finds, at a fraction of its cost per byte.
///
/// The automaton reads every byte of the text through its transition table. But a
/// whole-word match can only start at a word start, and every phrase starts with an
/// ASCII letter and is at least four bytes long (a test checks both), so this matcher
/// reads the text eight bytes at a time for its word starts, and looks their first four
/// bytes up: in the news corpus, one word start in fourteen begins like a signal phrase.
pub struct Phrases {
    /// The phrases by their first four bytes ([`first8`] as `u32`), longest first
    /// (equally long ones in list order).
    by_head: HashMap<u32, Vec<Phrase>, WordHash>,
    /// A bit for each phrase's first four bytes, at the place [`head_bit`] says: most
    /// words begin like no phrase ("the", "said"), and a bit test rules them out at a
    /// fraction of the cost of a look-up in `by_head`.
    head_bits: [u64; 512],
}

/// A phrase as [`Phrases::longest_at`] compares it with a text.
struct Phrase {
    /// The index in the list of phrases.
    id: usize,
    text: &'static [u8],
    /// [`first8`] of the phrase, and a mask of the bytes it has (phrases of four to seven
    /// bytes have fewer than eight): equal to `first8` of a text that starts with the
    /// phrase, masked, in one comparison instead of eight.
    first8: u64,
    mask: u64,
}

impl Phrases {
    /// The matcher for `phrases`; a phrase's id is its index in the list.
    ///
    /// Panics if a phrase is shorter than four bytes or does not start with an ASCII
    /// letter: the phrases are compiled-in data, and a test builds every matcher.
    fn new(phrases: &[&'static str]) -> Phrases {
        let mut by_head: HashMap<u32, Vec<Phrase>, WordHash> = HashMap::default();
        let mut head_bits = [0; 512];
        for (id, phrase) in phrases.iter().enumerate() {
            let text = phrase.as_bytes();
            if text.len() < 4 || !text[0].is_ascii_alphabetic() {
                panic!("the phrase {phrase:?} is shorter than four bytes or starts with no letter");
            }
            let mask = u64::MAX >> (8 * 8_usize.saturating_sub(text.len()));
            let first8 = first8(text) & mask;
            let head = first8 as u32;
            let bit = head_bit(head);
            head_bits[bit / 64] |= 1 << (bit % 64);
            by_head.entry(head).or_default().push(Phrase {
                id,
                text,
                first8,
                mask,
            });
        }
        for list in by_head.values_mut() {
            // A stable sort: phrases stay in list order among those of one length.
            list.sort_by_key(|p| std::cmp::Reverse(p.text.len()));
        }
        Phrases { by_head, head_bits }
    }

    /// The id and length of the longest phrase that `window` starts with.
    fn longest_at(&self, window: &[u8]) -> Option<(usize, usize)> {
        // Phrases have four bytes or more: a shorter window holds none.
        let &first4 = window.first_chunk::<4>()?;
        let bit = head_bit(u32::from_le_bytes(first4) | 0x2020_2020);
        if self.head_bits[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.longest_in_table(window)
    }

    /// The rest of [`Phrases::longest_at`], for the few words that pass its bit test. Not
    /// inlined, so that `longest_at` is small enough to be inlined into the loop over the
    /// text: else the compiler calls all of it at every word start, and the search costs a
    /// third more.
    #[inline(never)]
    fn longest_in_table(&self, window: &[u8]) -> Option<(usize, usize)> {
        let first8 = first8(window);
        let phrase = self.by_head.get(&(first8 as u32))?.iter().find(|p| {
            first8 & p.mask == p.first8
                && window
                    .get(..p.text.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(p.text))
        })?;
        Some((phrase.id, phrase.text.len()))
    }
}

/// The first eight bytes of `bytes` (or all, if fewer: then zeros follow) as one number,
/// with ASCII letters in lower case. Setting bit 5 of each byte lower-cases letters and
/// keeps the spaces and apostrophes of phrases as they are; it also turns some other
/// bytes into these (a tab into ')', a control character into a space), so equal numbers
/// only make a candidate, which `eq_ignore_ascii_case` confirms.
fn first8(bytes: &[u8]) -> u64 {
    let x = match bytes.first_chunk::<8>() {
        Some(&eight) => u64::from_le_bytes(eight),
        None => {
            let mut eight = [0; 8];
            eight[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(eight)
        }
    };
    x | every_byte(0x20)
}

/// Where a phrase's first four bytes have their bit in `Phrases::head_bits`: 15 bits of
/// a multiplicative hash, so a few hundred phrases set about one bit in a hundred.
fn head_bit(head: u32) -> usize {
    (head.wrapping_mul(0x9e37_79b1) >> 17) as usize
}

/// Every signal phrase in `text`, whole words only, in text order.
pub fn signal_hits(text: &str) -> Vec<(Cat, Span)> {
    let signals = &*SIGNALS;
    whole_word_matches(&signals.phrases, text, Span::new(0, text.len()))
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
/// in the whole text), as `(phrase id, span)` in text order.
///
/// The rules are those of the Aho-Corasick automaton (leftmost-longest, ASCII case
/// ignored) that this search replaced, with its matches kept only at word boundaries; a
/// test checks that the two agree:
/// - a phrase starts only at a word start: an ASCII letter after a character that is no
///   letter or digit (`char::is_alphanumeric`), or after the start of the text; a match
///   inside a longer word ("confirmed" in "unconfirmed") is none;
/// - at a word start the longest phrase that ends by `range.end` is the match, kept only
///   if no letter or digit follows it: when the longest phrase ends inside a word, a
///   shorter one that would end at a word boundary is not tried;
/// - the search goes on after a kept match, or at the next character.
///
/// The text is read eight ASCII bytes at a time ([`Ascii8`]); where eight ASCII bytes
/// are not to be had (a character beyond ASCII among them, or the end of the range), an
/// ASCII byte at a time, and characters beyond ASCII a run at a time.
fn whole_word_matches(phrases: &Phrases, text: &str, range: Span) -> Vec<(usize, Span)> {
    let end = range.end.min(text.len());
    let bytes = text.as_bytes().get(..end).unwrap_or_default();
    let mut out = Vec::new();
    let mut i = next_char_boundary(text, range.start);
    // Whether the character before `i` is a letter or digit: then no word starts at `i`.
    // It is read only where `i` is at an ASCII letter.
    let mut in_word = text
        .get(..i)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric);
    while i < end {
        if let Some(eight) = Ascii8::at(bytes, i) {
            let mut next = (i + 8, eight.ends_in_word());
            let mut starts = eight.word_starts(in_word);
            while starts != 0 {
                let start = i + starts.trailing_zeros() as usize / 8;
                starts &= starts - 1;
                if let Some((id, len)) = match_at(phrases, text, bytes, start) {
                    out.push((id, Span::new(start, start + len)));
                    // Go on after the match: it may end beyond these bytes, or among them.
                    next = (start + len, bytes[start + len - 1].is_ascii_alphanumeric());
                    break;
                }
            }
            (i, in_word) = next;
        } else if let Some(&b) = bytes.get(i).filter(|b| b.is_ascii()) {
            if b.is_ascii_alphabetic() && !in_word {
                if let Some((id, len)) = match_at(phrases, text, bytes, i) {
                    out.push((id, Span::new(i, i + len)));
                    i += len;
                    in_word = bytes[i - 1].is_ascii_alphanumeric();
                    continue;
                }
            }
            in_word = b.is_ascii_alphanumeric();
            i += 1;
        } else {
            // Characters beyond ASCII ("é", "’", a word in Greek), up to the next ASCII
            // byte: no phrase starts among them, and the last one tells whether a letter
            // after them starts a word. It is looked up only then: Unicode's tables cost
            // more than the rest of the search in a text in Greek. `i` stays on a
            // character boundary: it moves to ASCII bytes only.
            let next_ascii = bytes
                .get(i..)
                .and_then(|rest| rest.iter().position(u8::is_ascii))
                .map_or(end, |k| i + k);
            in_word = bytes.get(next_ascii).is_some_and(u8::is_ascii_alphabetic)
                && text
                    .get(..next_ascii)
                    .and_then(|s| s.chars().next_back())
                    .is_some_and(char::is_alphanumeric);
            i = next_ascii;
        }
    }
    out
}

/// The longest phrase at the word start `start` of `text`, as `(id, length)`, if it ends
/// by the end of `bytes` (the text up to the end of the search) and no letter or digit
/// follows it.
fn match_at(phrases: &Phrases, text: &str, bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let (id, len) = phrases.longest_at(bytes.get(start..)?)?;
    (!starts_with_alnum(text, start + len)).then_some((id, len))
}

/// Eight ASCII bytes of a text, classed all at once ([`ascii::letters_and_digits`]): which
/// are letters, and which are letters or digits, as masks of each byte's top bit.
struct Ascii8 {
    letters: u64,
    letters_and_digits: u64,
}

impl Ascii8 {
    /// The eight bytes at `bytes[i..]`, if there are eight and all are ASCII.
    fn at(bytes: &[u8], i: usize) -> Option<Ascii8> {
        let &eight = bytes.get(i..)?.first_chunk::<8>()?;
        let x = u64::from_le_bytes(eight);
        if x & TOP_BITS != 0 {
            return None;
        }
        let (letters, letters_and_digits) = ascii::letters_and_digits(x);
        Some(Ascii8 {
            letters,
            letters_and_digits,
        })
    }

    /// The word starts among the eight bytes (letters after no letter or digit), as a
    /// mask; `in_word` tells whether the character before them is a letter or digit.
    fn word_starts(&self, in_word: bool) -> u64 {
        // Each byte's bit moved to the byte after it, and the character before in the
        // place of byte 0.
        let after_alnum = (self.letters_and_digits << 8) | (u64::from(in_word) << 7);
        self.letters & !after_alnum
    }

    /// Whether the last byte is a letter or digit.
    fn ends_in_word(&self) -> bool {
        self.letters_and_digits >> 63 == 1
    }
}

fn next_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether the character at byte `i` of `text` is a letter or digit.
fn starts_with_alnum(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// The words of `text[span]`: runs of letters and digits, with apostrophes inside a word
/// kept ("didn't", "Robinson's"); hyphens split ("US-Russia" → "US", "Russia").
pub fn words(text: &str, span: Span) -> Vec<Span> {
    let Some(slice) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let bytes = slice.as_bytes();
    // About one word in six bytes of news text: sized once rather than grown and copied.
    let mut out = Vec::with_capacity(slice.len() / 6 + 1);
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
    fn every_matcher_builds_and_no_phrase_is_in_two_signal_lists() {
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
        // `in_trap` relies on it, and `Phrases` on the first letter and the length.
        let (mut patterns, _) = signal_patterns();
        patterns.extend(entries(TRAPS));
        for p in patterns {
            assert!(p.bytes().all(is_phrase_byte), "{p}");
            assert!(p.starts_with(|c: char| c.is_ascii_alphabetic()), "{p}");
            assert!(p.len() >= 4, "{p}");
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

    /// The matches of `phrases` in `text`, as text.
    fn found<'t>(phrases: &[&'static str], text: &'t str) -> Vec<&'t str> {
        found_in(phrases, text, Span::new(0, text.len()))
    }

    fn found_in<'t>(phrases: &[&'static str], text: &'t str, range: Span) -> Vec<&'t str> {
        whole_word_matches(&Phrases::new(phrases), text, range)
            .iter()
            .map(|(_, span)| span.of(text))
            .collect()
    }

    #[test]
    fn a_phrase_is_found_as_whole_words_in_any_case() {
        let confirmed = ["confirmed"];
        assert!(found(&confirmed, "It was unconfirmed.").is_empty());
        assert_eq!(found(&confirmed, "Confirmed."), ["Confirmed"]);
        assert_eq!(
            found(
                &confirmed,
                "CONFIRMED, reconfirmed, confirmedly, 9confirmed, “confirmed”"
            ),
            ["CONFIRMED", "confirmed"]
        );
        // Letters and digits beyond ASCII are letters and digits too.
        assert!(found(&confirmed, "éconfirmed confirmedß ٣confirmed").is_empty());
        assert_eq!(found(&confirmed, "λέει: confirmed"), ["confirmed"]);
        assert_eq!(found(&confirmed, "re-confirmed"), ["confirmed"]);
    }

    #[test]
    fn the_longest_phrase_at_a_word_start_wins() {
        let phrases = ["not confirmed", "has not confirmed", "confirm", "confirmed"];
        assert_eq!(
            found(&phrases, "He has not confirmed it"),
            ["has not confirmed"]
        );
        assert_eq!(found(&phrases, "not confirmed"), ["not confirmed"]);
        assert_eq!(found(&phrases, "confirmed"), ["confirmed"]);
        // The search goes on after a match: "bail hearing" overlaps "denied bail".
        let phrases = ["denied bail", "bail hearing"];
        assert_eq!(found(&phrases, "denied bail hearing"), ["denied bail"]);
    }

    #[test]
    fn a_longest_phrase_that_ends_inside_a_word_hides_the_shorter_ones() {
        // As the automaton the matcher replaced did: "denied bail" matches the start of
        // "denied bailiffs" and is dropped, and "denied" is not tried in its place.
        let phrases = ["denied", "denied bail"];
        assert!(found(&phrases, "He denied bailiffs entry").is_empty());
        assert_eq!(found(&phrases, "He denied bail"), ["denied bail"]);
        assert_eq!(found(&phrases, "He denied it"), ["denied"]);
    }

    #[test]
    fn a_match_ends_within_the_range_and_its_boundaries_are_read_beyond_it() {
        let phrases = ["denied", "denied bail"];
        let text = "He denied bail. Undenied";
        assert_eq!(found_in(&phrases, text, Span::new(3, 9)), ["denied"]);
        assert_eq!(found_in(&phrases, text, Span::new(3, 14)), ["denied bail"]);
        // "denied" in the range, but "Un" before it: inside a word.
        assert!(found_in(&phrases, text, Span::new(18, 24)).is_empty());
        // The range cuts "bailiffs": "denied bail" fits and is dropped, as above.
        assert!(found_in(&phrases, "denied bailiffs", Span::new(0, 11)).is_empty());
    }

    /// The Aho-Corasick automaton and search loop that `whole_word_matches` replaced,
    /// kept here as the reference it must agree with.
    mod automaton {
        use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

        use crate::model::Span;

        pub fn build(patterns: &[&str]) -> AhoCorasick {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(patterns)
                .expect("the patterns build an automaton")
        }

        /// Leftmost-longest matches in `text[range]` that start and end at word
        /// boundaries (read in the whole text); after a match that does not, the search
        /// resumes one character later.
        pub fn whole_word_matches(ac: &AhoCorasick, text: &str, range: Span) -> Vec<(usize, Span)> {
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
    }

    #[test]
    fn equally_long_phrases_at_one_start_go_to_the_first_in_the_list_as_in_the_automaton() {
        // The lexicons have no such pair (a test keeps them unique), but the rule is
        // the automaton's all the same.
        let phrases = ["abcd", "ABCD", "abcdef", "abcdeF", "abcde"];
        let matcher = Phrases::new(&phrases);
        let ac = automaton::build(&phrases);
        for text in ["abcd", "ABCDEF x", "abcDe", "abcdefg abcdef. Abcd"] {
            let all = Span::new(0, text.len());
            let got = whole_word_matches(&matcher, text, all);
            assert_eq!(got, automaton::whole_word_matches(&ac, text, all), "{text}");
            assert!(got.iter().all(|&(id, _)| id % 2 == 0 || id == 4), "{text}");
        }
    }

    static SIGNAL_AUTOMATON: LazyLock<aho_corasick::AhoCorasick> =
        LazyLock::new(|| automaton::build(&signal_patterns().0));
    static TRAP_AUTOMATON: LazyLock<aho_corasick::AhoCorasick> =
        LazyLock::new(|| automaton::build(&entries(TRAPS).collect::<Vec<_>>()));

    /// Checks both matchers against their automata on `text[range]`.
    fn check_against_the_automata(text: &str, range: Span) -> Result<(), String> {
        for (matcher, ac) in [
            (&SIGNALS.phrases, &*SIGNAL_AUTOMATON),
            (&*TRAP_PHRASES, &*TRAP_AUTOMATON),
        ] {
            let got = whole_word_matches(matcher, text, range);
            let want = automaton::whole_word_matches(ac, text, range);
            if got != want {
                return Err(format!("{text:?} {range:?}: {got:?} != {want:?}"));
            }
        }
        Ok(())
    }

    #[test]
    fn the_matchers_find_what_the_automata_find_in_the_examples() {
        let texts = [
            include_str!("../../../tests/data/status_examples.tsv"),
            include_str!("../../../data/sample/articles.jsonl"),
        ];
        for text in texts {
            check_against_the_automata(text, Span::new(0, text.len())).unwrap();
        }
    }

    mod same_as_the_automata {
        use super::*;
        use proptest::prelude::*;

        /// Pieces of text around phrases: whole phrases, their starts and ends (a match
        /// cut short or running on into a word), words, and characters next to words:
        /// apostrophes, hyphens, punctuation, letters beyond ASCII.
        fn piece() -> impl Strategy<Value = String> {
            let mut phrases = signal_patterns().0;
            phrases.extend(entries(TRAPS));
            let words = [
                "un", "re", "s", "ed", "ly", "the", "a", "it", "bail", "not", "confirm", "deny",
                "9", "x", "é", "ß", "İ", "K", "ǅ", "λέει", "٣",
            ];
            let marks = [
                " ", " ", " ", "'", "’", "-", ".", ",", "\n", "\t", "\"", "“", "”", "(", "—",
            ];
            prop_oneof![
                3 => prop::sample::select(phrases.clone()).prop_map(str::to_string),
                2 => (prop::sample::select(phrases), any::<prop::sample::Index>(), any::<bool>())
                    .prop_map(|(p, i, start)| {
                        let cut = i.index(p.len() + 1);
                        if start { p[..cut].to_string() } else { p[cut..].to_string() }
                    }),
                2 => prop::sample::select(words.to_vec()).prop_map(str::to_string),
                4 => prop::sample::select(marks.to_vec()).prop_map(str::to_string),
            ]
        }

        /// Pieces run together, with letters upper-cased at random (none, all, some).
        fn text() -> impl Strategy<Value = String> {
            let case = prop_oneof![Just(0), Just(u64::MAX), any::<u64>()];
            (prop::collection::vec(piece(), 0..24), case).prop_map(|(pieces, case)| {
                pieces
                    .concat()
                    .chars()
                    .enumerate()
                    .map(|(k, c)| {
                        if case >> (k % 64) & 1 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn in_random_texts_and_ranges(
                text in text(),
                a in any::<prop::sample::Index>(),
                b in any::<prop::sample::Index>(),
            ) {
                // The ends may fall inside a character, or past the end of the text.
                let (a, b) = (a.index(text.len() + 3), b.index(text.len() + 3));
                let all = Span::new(0, text.len());
                check_against_the_automata(&text, all).map_err(TestCaseError::fail)?;
                let range = Span::new(a.min(b), a.max(b));
                check_against_the_automata(&text, range).map_err(TestCaseError::fail)?;
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
