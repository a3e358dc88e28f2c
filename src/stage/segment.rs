//! Segment stage: a document's text → paragraphs and sentences, with byte spans.
//!
//! **Paragraphs** are separated by blank lines (a line of only white space is blank; `\r\n`
//! is fine). Their spans are trimmed of white space.
//!
//! **Sentences** tile each paragraph: between two sentences there is only white space, the
//! first starts where the paragraph starts and the last ends where it ends. A paragraph
//! break always ends a sentence. Inside a paragraph a newline is white space, with one
//! exception for headline, byline and date lines: a newline ends a sentence when the line
//! before it starts the sentence, ends in a letter or digit and is shorter than 80
//! characters, the next line starts with a capital or digit, and the next line's first word
//! would have fitted on the line before it (the two together are no longer than the
//! paragraph's longest line). That last test tells a deliberate line break from
//! hard-wrapped text, where the first word of each line never fits on the line before.
//! (Whether other paragraphs are separated by blank lines does not matter.)
//!
//! A sentence ends after `.`, `?`, `!` or `…` (with any closing quotation marks and
//! brackets after it) that is followed by white space and a word that can start a sentence:
//! never a lowercase word or `,;:`. Then a full stop is judged by the word it ends:
//! - titles and "e.g." (`title_abbreviations.txt`: "Mr.", "Gen.", "vs.") never end one;
//! - abbreviations that may end one (`abbreviations.txt`: "Co.", "Jan.", "St."), dotted
//!   capitals ("U.S.", "U.K.") and times ("a.m.", "P.M.") end one only before a clear
//!   start: a word in `sentence_starters.txt` ("The", "How") or an opening quotation mark
//!   (for times also a title, unless the sentence so far is an opening phrase like
//!   "At 5 a.m.");
//! - a single capital letter is an initial ("J. K. Rowling"), except "I" after a lowercase
//!   word ("you and I. Did");
//! - a list marker at the start of a sentence ("1.", "a.", "• 9.") is not an end;
//! - anything else (words, numbers, e-mail addresses, URLs) ends one.
//!
//! Ellipses: "..." ends a sentence before a capital; ". . ." does not, but ". . . ." does,
//! and "word. . . . The" ends after "word.". "[...]" never does. List items start new
//! sentences: bullets ("•", "⁃") after white space, and a numbered or lettered list
//! ("1.) … 2.) …", "a. … b. …") that starts a sentence splits before the next number.
//!
//! The scan is one pass over the bytes; only `.?!`, newlines and the lead byte of `…` and
//! bullets are looked at closely, and the word lists are hash sets built once.

use crate::lexicon;
use crate::model::{Segmented, Sentence, Span};
use std::collections::HashSet;
use std::sync::LazyLock;

fn lexicon_set(text: &'static str) -> HashSet<&'static str, lexicon::WordHash> {
    lexicon::entries(text).collect()
}

/// Abbreviations that may end a sentence, but only before a clear sentence starter.
static ABBREVIATIONS: LazyLock<HashSet<&'static str, lexicon::WordHash>> =
    LazyLock::new(|| lexicon_set(include_str!("../../data/lexicon/abbreviations.txt")));
/// Abbreviations that stand before a name and never end a sentence.
static TITLES: LazyLock<HashSet<&'static str, lexicon::WordHash>> =
    LazyLock::new(|| lexicon_set(include_str!("../../data/lexicon/title_abbreviations.txt")));
/// Words that clearly start a sentence.
static STARTERS: LazyLock<HashSet<&'static str, lexicon::WordHash>> =
    LazyLock::new(|| lexicon_set(include_str!("../../data/lexicon/sentence_starters.txt")));

/// Words that open a short time phrase at the start of a sentence: after "At 5 a.m." the
/// sentence goes on ("At 5 a.m. Mr. Smith left"). Structural, so kept here.
const TIME_INTRO: &[&str] = &[
    "About", "After", "Around", "At", "Before", "By", "From", "Since", "Shortly", "Until",
];

/// A line longer than this (in characters) is body text, never a headline or byline.
const SHORT_LINE: usize = 80;
/// How far ahead (bytes) to look for the next item of a numbered list: items are short,
/// and the bound keeps a pathological paragraph linear.
const LIST_WINDOW: usize = 2000;
/// Longest word (bytes) worth looking up in the lexicons.
const MAX_TOKEN: usize = 64;
/// Longest sentence (bytes). A longer stretch without a sentence end is no sentence (a
/// list, a table, a scraped page, junk) and is cut at white space into pieces of at most
/// this length: the stages after look at each sentence as a whole, often once per word,
/// so a sentence of a megabyte would cost them hours. The longest sentence of the shared
/// corpus (21,000 articles) is 1,902 bytes.
pub const MAX_SENTENCE: usize = 3000;

/// Where the scan stops next: at a sentence-final mark (`.`, `?`, `!`), a newline, or the
/// lead byte (0xE2) of `…` and of the bullets.
///
/// `.`, newline and 0xE2 are found by one vectorised search (memchr) from each position.
/// `?` and `!`, rarer, by a search to the end that is remembered until the scan passes
/// what it found: a second search before every stop cost more than the first.
struct Stops<'b> {
    bytes: &'b [u8],
    /// The first `?` or `!` at or after `rare_from` (`bytes.len()` if none).
    rare: usize,
    rare_from: usize,
}

impl<'b> Stops<'b> {
    fn new(bytes: &'b [u8]) -> Stops<'b> {
        Stops {
            bytes,
            rare: 0,
            // Nothing searched yet: the first call searches.
            rare_from: usize::MAX,
        }
    }

    /// The first stop in `bytes[i..stop]`, if any.
    fn next(&mut self, i: usize, stop: usize) -> Option<usize> {
        if i < self.rare_from || self.rare < i {
            let rest = &self.bytes[i..];
            self.rare = memchr::memchr2(b'?', b'!', rest).map_or(self.bytes.len(), |k| i + k);
            self.rare_from = i;
        }
        let common =
            memchr::memchr3(b'.', b'\n', 0xE2, &self.bytes[i..stop]).map_or(stop, |k| i + k);
        let next = common.min(self.rare);
        (next < stop).then_some(next)
    }
}

/// Segments `text[start..]` into paragraphs (separated by blank lines) and sentences.
/// Offsets in the result are byte offsets into `text`. A `start` inside a character moves
/// to the next character; a `start` past the end gives an empty result.
pub fn segment(text: &str, start: usize) -> Segmented {
    let mut start = start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut out = Segmented::default();
    for_each_paragraph(text, start, |para| {
        let index = out.paragraphs.len();
        out.paragraphs.push(para);
        Splitter::new(text, para, index, &mut out.sentences).run();
    });
    out
}

/// Calls `f` with each trimmed paragraph span of `text[start..]`, in order.
fn for_each_paragraph(text: &str, start: usize, mut f: impl FnMut(Span)) {
    let bytes = text.as_bytes();
    // The current paragraph: from the start of its first line to the end of its last.
    let mut open: Option<(usize, usize)> = None;
    let mut line_start = start;
    loop {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |k| line_start + k);
        if text[line_start..line_end].chars().all(char::is_whitespace) {
            if let Some((from, to)) = open.take() {
                f(trim(text, from, to));
            }
        } else {
            let from = open.map_or(line_start, |(from, _)| from);
            open = Some((from, line_end));
        }
        if line_end == bytes.len() {
            break;
        }
        line_start = line_end + 1;
    }
    if let Some((from, to)) = open {
        f(trim(text, from, to));
    }
}

/// `text[from..to]` without surrounding white space, as a span.
fn trim(text: &str, from: usize, to: usize) -> Span {
    let s = &text[from..to];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(from, from);
    }
    Span::new(from + lead, to - trail)
}

/// What follows a candidate sentence end, after white space and opening marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// A lowercase letter: the sentence goes on.
    Lower,
    /// `,;:`, a dash or a closing mark: the sentence goes on.
    Punct,
    /// A capital (or a letter without case): the usual start of a sentence.
    Upper,
    Digit,
    /// `$`, `£`, `#` and the like: can start a sentence.
    Symbol,
}

/// A numbered or lettered list marker at the start of a sentence.
#[derive(Debug, Clone, Copy)]
struct ListMark {
    /// The number, or the letter's byte.
    value: u32,
    letter: bool,
    /// `.`, `)` or `.)`.
    delim: &'static [u8],
}

/// Splits one paragraph into sentences.
struct Splitter<'t, 'o> {
    text: &'t str,
    bytes: &'t [u8],
    /// The paragraph's span.
    start: usize,
    end: usize,
    paragraph: usize,
    out: &'o mut Vec<Sentence>,
    /// Where the current sentence starts (maybe before white space).
    sent_start: usize,
    /// The current sentence's first non-white-space byte.
    sent_first: usize,
    /// Where the current line starts.
    line_start: usize,
    /// The paragraph's longest line in characters, once needed.
    longest_line: Option<usize>,
    /// Where the next item of the current numbered list starts, if any.
    list_next: usize,
}

impl<'t, 'o> Splitter<'t, 'o> {
    fn new(text: &'t str, para: Span, paragraph: usize, out: &'o mut Vec<Sentence>) -> Self {
        let mut s = Splitter {
            text,
            bytes: text.as_bytes(),
            start: para.start,
            end: para.end,
            paragraph,
            out,
            sent_start: para.start,
            sent_first: para.start,
            line_start: para.start,
            longest_line: None,
            list_next: usize::MAX,
        };
        s.list_next = s.next_list_item(para.start);
        s
    }

    fn run(mut self) {
        let mut i = self.sent_start;
        let bytes = self.bytes;
        let mut stops = Stops::new(&bytes[..self.end]);
        while i < self.end {
            if i >= self.list_next {
                let at = self.list_next;
                self.list_next = usize::MAX;
                self.cut(at);
                continue;
            }
            // Skip to the next byte of interest in one tight loop.
            let stop = self.end.min(self.list_next);
            let Some(next) = stops.next(i, stop) else {
                i = stop;
                continue;
            };
            i = next;
            i = match self.bytes[i] {
                b'.' | b'?' | b'!' => self.terminal(i),
                b'\n' => self.newline(i),
                _ => self.lead_e2(i),
            };
        }
        let end = self.end;
        self.cut(end);
    }

    /// Ends the current sentence at `at` (trimmed) and starts the next one there.
    fn cut(&mut self, at: usize) {
        if at <= self.sent_start {
            return;
        }
        let mut span = trim(self.text, self.sent_start, at);
        while span.len() > MAX_SENTENCE {
            let head = cut_long(self.text, span);
            self.out.push(Sentence {
                span: head,
                paragraph: self.paragraph,
            });
            span = trim(self.text, head.end, span.end);
        }
        if !span.is_empty() {
            self.out.push(Sentence {
                span,
                paragraph: self.paragraph,
            });
        }
        self.sent_start = at;
        self.sent_first = at + leading_space(&self.text[at..self.end]);
        if at < self.end {
            let next = self.next_list_item(at);
            if next != usize::MAX || self.list_next <= at {
                self.list_next = next;
            }
        }
    }

    /// Handles `.`, `?` or `!` at `i`; returns where to scan on.
    fn terminal(&mut self, i: usize) -> usize {
        let b = self.bytes;
        let mut j = i;
        let (mut dots, mut strong, mut spaced) = (0, false, false);
        loop {
            while j < self.end && matches!(b[j], b'.' | b'?' | b'!') {
                if b[j] == b'.' {
                    dots += 1;
                } else {
                    strong = true;
                }
                j += 1;
            }
            // A spaced ellipsis: ". . .".
            if !strong && j + 1 < self.end && b[j] == b' ' && b[j + 1] == b'.' {
                spaced = true;
                j += 1;
                continue;
            }
            break;
        }
        let k = skip_closers(self.text, j, self.end);
        if k >= self.end {
            return self.end;
        }
        if !starts_with_space(self.text, k) {
            return k;
        }
        let (next, word_at) = self.next_word(k);
        if matches!(next, Next::Lower | Next::Punct) {
            return k;
        }
        let after_bracket = i > 0 && matches!(b[i - 1], b'[' | b'(');
        let at = if strong {
            let key = &self.text[self.token_start(i)..i + 1];
            // "Yahoo! Inc" is a name; "Yahoo! The" is not.
            (!ABBREVIATIONS.contains(key) || self.is_starter(word_at)).then_some(k)
        } else if spaced {
            let attached = i > self.sent_first && !b[i - 1].is_ascii_whitespace();
            if attached && b[i + 1] == b' ' {
                // "compounds. . . . The": the first dot ends the sentence; the ellipsis
                // opens the next.
                (next == Next::Upper).then_some(i + 1)
            } else {
                (dots >= 4 && matches!(next, Next::Upper | Next::Digit)).then_some(k)
            }
        } else if dots >= 3 {
            // "word... The" ends a sentence; " ... " alone marks words left out of a quote.
            let detached = i == self.sent_first || b[i - 1].is_ascii_whitespace();
            (!after_bracket && (!detached || dots >= 4)).then_some(k)
        } else {
            self.full_stop(i, k, next, word_at)
        };
        if let Some(at) = at {
            self.cut(at);
        }
        k
    }

    /// Does the full stop at `i` (closers up to `k`) end the sentence, given what follows?
    fn full_stop(&self, i: usize, k: usize, next: Next, word_at: usize) -> Option<usize> {
        let tok = self.token_start(i);
        let token = &self.text[tok..i];
        let key = &self.text[tok..i + 1];
        if token.is_empty() {
            return Some(k);
        }
        let first = self.sent_first;
        let only_bullets_before = self.text[first..tok]
            .chars()
            .all(|c| c.is_whitespace() || is_bullet(c));
        if only_bullets_before && is_list_label(token) {
            return None;
        }
        if TITLES.contains(key) {
            return None;
        }
        if matches!(key, "a.m." | "p.m." | "A.M." | "P.M.") {
            let ends = next == Next::Upper
                && (self.clear_start(word_at) || self.is_title(word_at))
                && !self.time_intro(tok);
            return ends.then_some(k);
        }
        if ABBREVIATIONS.contains(key) || is_dotted_capitals(key) {
            return (next == Next::Upper && self.clear_start(word_at)).then_some(k);
        }
        let mut chars = token.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_uppercase() {
                // An initial, unless it is the pronoun: "you and I. Did".
                return (c == 'I' && self.previous_word_is_lower(tok)).then_some(k);
            }
        }
        Some(k)
    }

    /// Start of the word that ends at `i`: back to white space or the sentence start, past
    /// opening marks and bullets. Returns `i` if the word is too long to be interesting.
    fn token_start(&self, i: usize) -> usize {
        let mut floor = self.sent_first.max(i.saturating_sub(MAX_TOKEN));
        while !self.text.is_char_boundary(floor) {
            floor += 1;
        }
        if floor >= i {
            return i;
        }
        let before = &self.text[floor..i];
        let mut rest = match before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
        {
            Some((w, c)) => &before[w + c.len_utf8()..],
            None if floor > self.sent_first => return i,
            None => before,
        };
        while let Some(c) = rest.chars().next() {
            if is_opener(c) || is_bullet(c) {
                rest = &rest[c.len_utf8()..];
            } else {
                break;
            }
        }
        i - rest.len()
    }

    /// Classifies what follows white space at `k`; also returns where its word starts.
    fn next_word(&self, k: usize) -> (Next, usize) {
        let rest = &self.text[k..self.end];
        let mut at = k;
        let mut opened = false;
        for c in rest.chars() {
            if c.is_whitespace() && !opened {
                at += c.len_utf8();
                continue;
            }
            if is_opener(c) {
                opened = true;
                at += c.len_utf8();
                continue;
            }
            let kind = if c.is_lowercase() {
                Next::Lower
            } else if c.is_uppercase() {
                Next::Upper
            } else if c.is_ascii_digit() {
                Next::Digit
            } else if c.is_alphabetic() {
                Next::Upper
            } else if matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '.' | '…' | '%')
                || is_closer(c)
                || c.is_whitespace()
            {
                Next::Punct
            } else {
                Next::Symbol
            };
            return (kind, at);
        }
        (Next::Punct, at)
    }

    /// The alphabetic word starting at `at`.
    fn word_at(&self, at: usize) -> &'t str {
        let rest = &self.text[at..self.end];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(rest.len(), |(n, _)| n);
        &rest[..len]
    }

    fn is_starter(&self, at: usize) -> bool {
        STARTERS.contains(self.word_at(at))
    }

    /// Does the word at `at` clearly start a sentence: a starter word, or any word that
    /// opens a quotation ("Inc. \"Consumer spending ...")?
    fn clear_start(&self, at: usize) -> bool {
        let quoted = self.text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '"' | '“' | '\'' | '‘'));
        quoted || self.is_starter(at)
    }

    /// Is the word at `at` a title ("Mr.")?
    fn is_title(&self, at: usize) -> bool {
        let w = self.word_at(at).len();
        let end = at + w;
        end < self.end && self.bytes[end] == b'.' && TITLES.contains(&self.text[at..end + 1])
    }

    /// Is the sentence before `tok` a short opening time phrase ("At 5")?
    fn time_intro(&self, tok: usize) -> bool {
        let before = &self.text[self.sent_start..tok];
        let mut words = before.split_whitespace();
        let first = words.next().unwrap_or("");
        TIME_INTRO.contains(&first) && words.nth(3).is_none()
    }

    /// Does the word before `tok` start with a lowercase letter?
    fn previous_word_is_lower(&self, tok: usize) -> bool {
        let before = self.text[self.sent_start..tok].trim_end();
        let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        word.chars().next().is_some_and(char::is_lowercase)
    }

    /// Handles a newline at `i`: usually white space, but it ends a headline or byline line.
    fn newline(&mut self, i: usize) -> usize {
        let line_start = std::mem::replace(&mut self.line_start, i + 1);
        let line = self.text[line_start..i].trim_end();
        let ends_bare = line.chars().next_back().is_some_and(char::is_alphanumeric);
        // Only a line that is a sentence of its own: one that began mid-line is body text
        // with a stray line break.
        if !ends_bare || self.sent_first < line_start || self.sent_first >= i {
            return i + 1;
        }
        let (next, at) = self.next_word(i + 1);
        if !matches!(next, Next::Upper | Next::Digit) {
            return i + 1;
        }
        let line_chars = line.chars().count();
        if line_chars >= SHORT_LINE {
            return i + 1;
        }
        let rest = &self.text[at..self.end];
        let word_chars = rest
            .split(char::is_whitespace)
            .next()
            .unwrap_or("")
            .chars()
            .count();
        if line_chars + 1 + word_chars <= self.longest_line() {
            self.cut(i);
        }
        i + 1
    }

    /// The paragraph's longest line, in characters.
    fn longest_line(&mut self) -> usize {
        if let Some(n) = self.longest_line {
            return n;
        }
        let n = self.text[self.start..self.end]
            .split('\n')
            .map(|l| l.trim_end().chars().count())
            .max()
            .unwrap_or(0);
        self.longest_line = Some(n);
        n
    }

    /// Handles a byte 0xE2 at `i`: a bullet starts a list item; `…` is an ellipsis.
    fn lead_e2(&mut self, i: usize) -> usize {
        let c = self.text[i..].chars().next().unwrap_or(' ');
        let next_at = i + c.len_utf8();
        if is_bullet(c) {
            if i > self.sent_first && self.bytes[i - 1].is_ascii_whitespace() {
                self.cut(i);
            }
        } else if c == '…' {
            let k = skip_closers(self.text, next_at, self.end);
            if k < self.end && starts_with_space(self.text, k) {
                let after_bracket = i > 0 && matches!(self.bytes[i - 1], b'[' | b'(');
                let detached = i == self.sent_first || self.bytes[i - 1].is_ascii_whitespace();
                let (next, _) = self.next_word(k);
                if !after_bracket
                    && !detached
                    && matches!(next, Next::Upper | Next::Digit | Next::Symbol)
                {
                    self.cut(k);
                }
            }
            return k.max(next_at);
        }
        next_at
    }

    /// If a sentence starting at `at` opens with a list marker ("1.", "2)", "a."), where
    /// the next item of that list starts; else `usize::MAX`.
    fn next_list_item(&self, at: usize) -> usize {
        let first = at + leading_space(&self.text[at..self.end]);
        let Some((mark, len)) = list_mark(&self.bytes[first..self.end]) else {
            return usize::MAX;
        };
        let mut pattern = [0u8; 16];
        let mut n = 0;
        if mark.letter {
            pattern[0] = mark.value as u8 + 1;
            n = 1;
        } else {
            // Labels have at most two digits, so the next one is at most 100.
            let v = mark.value + 1;
            if v >= 100 {
                pattern[n] = b'0' + (v / 100) as u8;
                n += 1;
            }
            if v >= 10 {
                pattern[n] = b'0' + (v / 10 % 10) as u8;
                n += 1;
            }
            pattern[n] = b'0' + (v % 10) as u8;
            n += 1;
        }
        pattern[n..n + mark.delim.len()].copy_from_slice(mark.delim);
        n += mark.delim.len();
        let from = first + len;
        let to = self.end.min(from + LIST_WINDOW);
        let window = &self.bytes[from..to];
        for hit in memchr::memmem::find_iter(window, &pattern[..n]) {
            let pos = from + hit;
            let before_ok = self.bytes[pos - 1].is_ascii_whitespace();
            let after = pos + n;
            let after_ok = after >= self.end || self.bytes[after].is_ascii_whitespace();
            if before_ok && after_ok {
                return pos;
            }
        }
        usize::MAX
    }
}

/// A list marker at the start of `b`: 1-2 digits or one lowercase letter, then `.`, `)`
/// or `.)`, then white space. Returns the marker and its length.
fn list_mark(b: &[u8]) -> Option<(ListMark, usize)> {
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (value, letter, n) = match digits {
        1 | 2 => {
            let v = b[..digits]
                .iter()
                .fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
            (v, false, digits)
        }
        0 if b
            .first()
            .is_some_and(|c| c.is_ascii_lowercase() && *c != b'z') =>
        {
            (u32::from(b[0]), true, 1)
        }
        _ => return None,
    };
    let rest = &b[n..];
    let delim: &'static [u8] = if rest.starts_with(b".)") {
        b".)"
    } else if rest.starts_with(b".") {
        b"."
    } else if rest.starts_with(b")") {
        b")"
    } else {
        return None;
    };
    let after = n + delim.len();
    if !b.get(after).is_some_and(|c| c.is_ascii_whitespace()) {
        return None;
    }
    Some((
        ListMark {
            value,
            letter,
            delim,
        },
        after,
    ))
}

/// Is `token` (without its dot) a list label: 1-2 digits or one ASCII lowercase letter?
fn is_list_label(token: &str) -> bool {
    let b = token.as_bytes();
    match b.len() {
        1 => b[0].is_ascii_digit() || b[0].is_ascii_lowercase(),
        2 => b.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// "U.S.", "U.K.", "U.S.A.": single capitals each followed by a dot, at least two.
fn is_dotted_capitals(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() >= 4
        && b.len().is_multiple_of(2)
        && b.chunks(2)
            .all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '<' | '“' | '‘' | '«' | '‹' | '¿' | '¡'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '>' | '”' | '’' | '»' | '›'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '‣' | '◦' | '▪' | '●')
}

/// Skips closing marks from `k`; returns the position after them.
fn skip_closers(text: &str, k: usize, end: usize) -> usize {
    let mut k = k;
    for c in text[k..end].chars() {
        if !is_closer(c) {
            break;
        }
        k += c.len_utf8();
    }
    k
}

/// The first piece of an over-long (trimmed) sentence `span`: up to the last white space
/// within [`MAX_SENTENCE`] bytes, or, in a stretch without any, to the last character
/// that fits. Never empty, trimmed.
fn cut_long(text: &str, span: Span) -> Span {
    let mut limit = span.start + MAX_SENTENCE;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[span.start..limit];
    // The span is trimmed, so white space is never at its first byte.
    let end = match window.rfind(char::is_whitespace) {
        Some(k) if k > 0 => span.start + k,
        _ => limit,
    };
    trim(text, span.start, end)
}

/// Length of the white space at the start of `s`.
fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

fn starts_with_space(text: &str, k: usize) -> bool {
    text[k..].chars().next().is_some_and(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_stops_at_the_first_mark_newline_or_e2_byte() {
        let plain = |b: &[u8]| b.iter().position(|b| b"\n.?!\xE2".contains(b));
        let texts: [&[u8]; 8] = [
            b"",
            b"no stop here",
            b"Really? Yes.",
            b"Wow! Then. More",
            b"one line\nnext. line",
            "a … b".as_bytes(),
            "• item".as_bytes(),
            b"a?b.c!d\ne",
        ];
        for text in texts {
            for from in 0..text.len() {
                let expect = plain(&text[from..]).map(|k| from + k);
                assert_eq!(Stops::new(text).next(from, text.len()), expect);
            }
            // One `Stops` along the whole text, as the scan uses it, with and without a
            // limit before the end.
            let mut stops = Stops::new(text);
            let mut limited = Stops::new(text);
            for from in 0..text.len() {
                let expect = plain(&text[from..]).map(|k| from + k);
                assert_eq!(stops.next(from, text.len()), expect);
                let stop = (from + 2).min(text.len());
                let expect = expect.filter(|&k| k < stop);
                assert_eq!(limited.next(from, stop), expect, "{from}");
            }
        }
    }

    /// The sentences of `text`, as strings.
    fn sentences(text: &str) -> Vec<&str> {
        segment(text, 0)
            .sentences
            .iter()
            .map(|s| s.span.of(text))
            .collect()
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        segment(text, 0)
            .paragraphs
            .iter()
            .map(|p| p.of(text))
            .collect()
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines_and_trimmed() {
        let text = "  First one.\nStill first.\r\n \t\r\nSecond one.\n\n\n  Third.  \n";
        assert_eq!(
            paragraphs(text),
            ["First one.\nStill first.", "Second one.", "Third."]
        );
        let seg = segment(text, 0);
        let paras: Vec<usize> = seg.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, [0, 0, 1, 2]);
    }

    #[test]
    fn a_paragraph_break_ends_a_sentence_even_without_punctuation() {
        assert_eq!(
            sentences("No full stop here\n\nand here"),
            ["No full stop here", "and here"]
        );
    }

    #[test]
    fn segmentation_starts_at_the_given_offset() {
        let text = "Scraped header. Junk\n\nBody starts. Here.";
        let start = text.find("Body").unwrap();
        let seg = segment(text, start);
        assert_eq!(seg.paragraphs.len(), 1);
        assert_eq!(seg.sentences[0].span.start, start);
        assert_eq!(sentences(&text[start..]), ["Body starts.", "Here."]);
    }

    #[test]
    fn an_over_long_sentence_is_cut_at_white_space() {
        let text = "word ".repeat(2000);
        let got = sentences(&text);
        assert!(got.len() >= 4, "{} pieces", got.len());
        assert!(got
            .iter()
            .all(|s| s.len() <= MAX_SENTENCE && s.ends_with("word")));
        assert_eq!(got.concat().len() + got.len() - 1, text.trim_end().len());
        // No white space at all: cut between characters.
        let text = "é".repeat(4000);
        let got = sentences(&text);
        assert_eq!(got.concat(), text);
        assert!(got.iter().all(|s| s.len() <= MAX_SENTENCE));
    }

    #[test]
    fn a_single_newline_is_a_space() {
        assert_eq!(
            sentences("The minister said the plan\nwould go ahead. It did."),
            ["The minister said the plan\nwould go ahead.", "It did."]
        );
    }

    #[test]
    fn short_lines_without_punctuation_are_headlines() {
        let text = "Minister Quits Over Plan\nMonday, 3 March 2025\nThe minister resigned on Monday after a long row over the budget plan, aides said.";
        assert_eq!(
            sentences(text),
            [
                "Minister Quits Over Plan",
                "Monday, 3 March 2025",
                "The minister resigned on Monday after a long row over the budget plan, aides said."
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_stay_one_sentence() {
        let text = "The committee said on Tuesday that the\nGovernment would publish the report\nbefore the end of the month.";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Blair said. Then Dr. Jones and Gov. Smith left with Sen. Brown."),
            [
                "Mr. Blair said.",
                "Then Dr. Jones and Gov. Smith left with Sen. Brown."
            ]
        );
        assert_eq!(
            sentences("Lt. Col. Green met Gen. Ross vs. the rest, e.g. Prof. White."),
            ["Lt. Col. Green met Gen. Ross vs. the rest, e.g. Prof. White."]
        );
    }

    #[test]
    fn company_suffixes_end_a_sentence_only_before_a_clear_start() {
        assert_eq!(
            sentences("Shares of Acme Inc. Holdings rose. They bought Acme Corp. The deal closed."),
            [
                "Shares of Acme Inc. Holdings rose.",
                "They bought Acme Corp.",
                "The deal closed."
            ]
        );
        assert_eq!(
            sentences("said Ann Lee of Big Bank Inc. \"Rates will fall.\""),
            ["said Ann Lee of Big Bank Inc.", "\"Rates will fall.\""]
        );
    }

    #[test]
    fn dotted_capitals_end_a_sentence_only_before_a_clear_start() {
        assert_eq!(
            sentences("WASHINGTON, March 3 - The U.S. Senate voted. It was close."),
            [
                "WASHINGTON, March 3 - The U.S. Senate voted.",
                "It was close."
            ]
        );
        assert_eq!(
            sentences("Exports to the U.K. fell. Imports from the U.K. The figures were weak."),
            [
                "Exports to the U.K. fell.",
                "Imports from the U.K.",
                "The figures were weak."
            ]
        );
    }

    #[test]
    fn datelines_are_part_of_the_first_sentence() {
        assert_eq!(
            sentences("LONDON, Feb. 26 - Output rose 2 pct in 1987/88, it said. Prices fell."),
            [
                "LONDON, Feb. 26 - Output rose 2 pct in 1987/88, it said.",
                "Prices fell."
            ]
        );
    }

    #[test]
    fn numbers_and_money_do_not_split() {
        assert_eq!(
            sentences("Shares rose 3.5% to $1.2bn. Analysts were surprised by the 0.7 pct rise."),
            [
                "Shares rose 3.5% to $1.2bn.",
                "Analysts were surprised by the 0.7 pct rise."
            ]
        );
        assert_eq!(
            sentences("It cost 40 dlrs. 1988 will be better, No. 2 said."),
            ["It cost 40 dlrs.", "1988 will be better, No. 2 said."]
        );
    }

    #[test]
    fn initials_are_not_sentence_ends() {
        assert_eq!(
            sentences("George W. Bush met J. K. Rowling. She smiled."),
            ["George W. Bush met J. K. Rowling.", "She smiled."]
        );
        assert_eq!(
            sentences("It was up to you and I. Nobody else came."),
            ["It was up to you and I.", "Nobody else came."]
        );
    }

    #[test]
    fn times_end_a_sentence_before_a_clear_start() {
        assert_eq!(
            sentences(
                "Polls close at 9 p.m. Sunday. Counting starts at 10 p.m. The result follows."
            ),
            [
                "Polls close at 9 p.m. Sunday.",
                "Counting starts at 10 p.m.",
                "The result follows."
            ]
        );
        assert_eq!(
            sentences("By 6 a.m. Mr. Jones was gone."),
            ["By 6 a.m. Mr. Jones was gone."]
        );
    }

    #[test]
    fn a_full_stop_inside_quotes_ends_only_before_a_new_sentence() {
        assert_eq!(
            sentences("\"It's over,\" he said. \"We lost.\""),
            ["\"It's over,\" he said.", "\"We lost.\""]
        );
        assert_eq!(
            sentences("\"We lost.\" he said. “We lost.” She wept. 'Go.' they said."),
            [
                "\"We lost.\" he said.",
                "“We lost.”",
                "She wept.",
                "'Go.' they said."
            ]
        );
        assert_eq!(
            sentences("\"We will win. We always do,\" he said."),
            ["\"We will win.", "We always do,\" he said."]
        );
    }

    #[test]
    fn questions_and_exclamations() {
        assert_eq!(
            sentences("Why now?! Nobody knows!! \"Why?\" she asked. Ask Yahoo! about it."),
            [
                "Why now?!",
                "Nobody knows!!",
                "\"Why?\" she asked.",
                "Ask Yahoo! about it."
            ]
        );
    }

    #[test]
    fn brackets_with_a_full_stop_inside_stay_in_the_sentence() {
        assert_eq!(
            sentences("The vote (held on Monday. Again.) passed easily. Then what?"),
            [
                "The vote (held on Monday.",
                "Again.) passed easily.",
                "Then what?"
            ]
        );
        assert_eq!(
            sentences("The vote (see below.) passed. (It was close.) Then what?"),
            [
                "The vote (see below.) passed.",
                "(It was close.)",
                "Then what?"
            ]
        );
    }

    #[test]
    fn addresses_and_urls_end_sentences_only_at_their_end() {
        assert_eq!(
            sentences("Write to news.desk@example.org. Or see www.example.co.uk/a.html. Thanks."),
            [
                "Write to news.desk@example.org.",
                "Or see www.example.co.uk/a.html.",
                "Thanks."
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences("He paused... Then he left. \"We will ... Fight on,\" she said."),
            [
                "He paused...",
                "Then he left.",
                "\"We will ... Fight on,\" she said."
            ]
        );
        assert_eq!(
            sentences("He said [...] Nothing."),
            ["He said [...] Nothing."]
        );
        assert_eq!(
            sentences("It ended… Or did it?"),
            ["It ended…", "Or did it?"]
        );
    }

    #[test]
    fn list_items_start_sentences() {
        assert_eq!(
            sentences("1) Cut taxes 2) Raise spending 3) Win"),
            ["1) Cut taxes", "2) Raise spending", "3) Win"]
        );
        assert_eq!(
            sentences("The plan: • Cut taxes • Raise spending"),
            ["The plan:", "• Cut taxes", "• Raise spending"]
        );
    }

    #[test]
    fn unicode_is_safe_everywhere() {
        let text = "Ça va? Élan… Ünïcode. “Quoted.” 東京. Ω!\n\n…";
        let seg = segment(text, 0);
        for s in &seg.sentences {
            assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
        assert_eq!(sentences(text).first(), Some(&"Ça va?"));
    }
}
