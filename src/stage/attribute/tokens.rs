//! Words and punctuation with byte spans, and the lexicons the attribute stage reads.

use crate::ascii;
use crate::lexicon::{entries, WordHash};
use std::collections::HashSet;
use std::sync::LazyLock;

/// A word (letters and digits, with inner apostrophes, hyphens, dots and ampersands:
/// "O'Neill", "ex-minister", "U.S", "AT&T") or a single punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
    /// The first character, kept from tokenizing: the rules ask for it (capitalised?
    /// which punctuation?) many times per token.
    first: char,
}

impl Tok {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    /// The punctuation character, for punctuation tokens. (`text` is the tokenized text;
    /// the character is known already.)
    pub fn punct(&self, _text: &str) -> Option<char> {
        (!self.word).then_some(self.first)
    }
    pub fn is_capitalised(&self, _text: &str) -> bool {
        self.word && self.first.is_uppercase()
    }
}

/// Splits `text[span]` into tokens. White space is dropped.
///
/// ASCII, most of news text, is classed byte by byte from a table ([`ASCII_CLASS`])
/// without decoding characters; other characters are decoded and classed by Unicode
/// (`char::is_whitespace`, `char::is_alphanumeric`), which agree with the table on ASCII.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // The token's first character, whether it starts a word, and the byte after it.
        let (c, word, after) = match ASCII_CLASS[usize::from(b)] {
            Class::Space => {
                i += 1;
                continue;
            }
            Class::Word => (char::from(b), true, i + 1),
            Class::Mark => (char::from(b), false, i + 1),
            Class::NotAscii => {
                let Some(c) = slice.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
                (c, c.is_alphanumeric(), i + c.len_utf8())
            }
        };
        let j = if word { word_end(slice, after) } else { after };
        out.push(Tok {
            start: start + i,
            end: start + j,
            word,
            first: c,
        });
        i = j;
    }
}

/// What a byte is to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII white space (as `char::is_whitespace` has it: space, `\t`, `\n`, `\x0b`,
    /// `\x0c`, `\r`).
    Space,
    /// An ASCII letter or digit.
    Word,
    /// Any other ASCII character: punctuation, symbols, control characters.
    Mark,
    /// Part of a multi-byte character: decode it.
    NotAscii,
}

static ASCII_CLASS: [Class; 256] = {
    let mut table = [Class::NotAscii; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() {
            Class::Word
        } else if byte.is_ascii_whitespace() || byte == 0x0b {
            Class::Space
        } else {
            Class::Mark
        };
        b += 1;
    }
    table
};

/// Where the word that goes on at byte `j` of `s` ends: letters and digits, with inner
/// apostrophes, hyphens, dots and ampersands, and thousands separators ("55,000").
fn word_end(s: &str, mut j: usize) -> usize {
    let bytes = s.as_bytes();
    loop {
        // ASCII letters and digits, the bulk of a word, without decoding.
        j += ascii_alnum_run(bytes.get(j..).unwrap_or_default());
        let Some(&b) = bytes.get(j) else { return j };
        if b.is_ascii() {
            match b {
                // "55,000": a thousands separator between digits.
                b',' if j > 0
                    && bytes[j - 1].is_ascii_digit()
                    && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) =>
                {
                    j += 2;
                    continue;
                }
                // An inner mark if a letter or digit follows: see below.
                b'\'' | b'-' | b'.' | b'&' => {}
                // Any other ASCII byte ends the word: no decoding.
                _ => return j,
            }
        }
        let Some(a) = char_at(s, j) else { return j };
        if a.is_alphanumeric() {
            j += a.len_utf8();
        } else if matches!(a, '\'' | '’' | '-' | '.' | '&') {
            match char_at(s, j + a.len_utf8()) {
                Some(b) if b.is_alphanumeric() => j += a.len_utf8() + b.len_utf8(),
                _ => return j,
            }
        } else {
            return j;
        }
    }
}

/// How many bytes at the start of `bytes` are ASCII letters or digits.
///
/// Eight bytes at a time ([`ascii::letters_and_digits`]): a byte loop here was the hottest
/// loop of the attribute stage, a compare and a branch for every letter of every word.
fn ascii_alnum_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let (_, alnum) = ascii::letters_and_digits(word);
        let stops = !alnum & ascii::TOP_BITS;
        if stops != 0 {
            return n + (stops.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let rest = bytes.get(n..).unwrap_or_default();
    n + rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

/// The character at byte `i` (a char boundary) of `s`; ASCII without decoding, since
/// news text is mostly ASCII and this runs for every character of every sentence.
fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        s.get(i..)?.chars().next()
    }
}

/// A compiled word list, looked up case-insensitively.
pub struct Lexicon {
    /// Entries of up to [`PACKED`] bytes, packed with their length into one number: a
    /// look-up hashes two machine words and compares one number, no bytes.
    short: HashSet<u128, WordHash>,
    /// The longer entries, as bytes.
    long: HashSet<&'static [u8], WordHash>,
    /// The longest entry in bytes: a longer ASCII word (or phrase) is in no entry.
    longest: usize,
    /// One bit per (length, first byte, last byte) of the entries, lower case: most
    /// words looked up are in no lexicon, and this turns them away without hashing.
    sketch: [u64; SKETCH_WORDS],
}

const SKETCH_WORDS: usize = 64;

/// Keys of up to this many bytes are packed into a `u128` (the 16th byte holds the length).
const PACKED: usize = 15;

/// Lower-cases the ASCII letters of a packed key, all sixteen bytes at once: a byte gets
/// its 0x20 bit when it is from `A` to `Z`. Every byte is below 0x80 (ASCII, and a length
/// of at most 15), so adding to one never carries into the next.
#[inline]
fn ascii_lowercase_packed(key: u128) -> u128 {
    const EACH: u128 = u128::MAX / 255; // 0x0101...01
    let from_a = key + EACH * (0x80 - u128::from(b'A')); // high bit set from 'A' up
    let past_z = key + EACH * (0x80 - u128::from(b'Z') - 1); // high bit set past 'Z'
    let upper = from_a & !past_z & (EACH * 0x80);
    key | (upper >> 2)
}

/// `bytes.is_ascii()` for a key of at most 16 bytes, in two overlapping reads of 8 (or 4)
/// bytes rather than a byte loop: most look-ups are of short words.
#[inline]
fn short_is_ascii(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if (8..=16).contains(&n) {
        let (mut head, mut tail) = ([0u8; 8], [0u8; 8]);
        head.copy_from_slice(&bytes[..8]);
        tail.copy_from_slice(&bytes[n - 8..]);
        (u64::from_le_bytes(head) | u64::from_le_bytes(tail)) & 0x8080_8080_8080_8080 == 0
    } else if (4..8).contains(&n) {
        let (mut head, mut tail) = ([0u8; 4], [0u8; 4]);
        head.copy_from_slice(&bytes[..4]);
        tail.copy_from_slice(&bytes[n - 4..]);
        (u32::from_le_bytes(head) | u32::from_le_bytes(tail)) & 0x8080_8080 == 0
    } else {
        bytes.is_ascii()
    }
}

/// `key` as one number (its bytes, then zeros, and its length in the 16th byte), if it
/// has at most [`PACKED`] bytes. Read in two overlapping loads of 8 (or 4) bytes rather
/// than copied: a copy whose length is known only at run time is a call to `memcpy`, and
/// this runs for every word that the sketch lets through.
#[inline]
fn pack(key: &[u8]) -> Option<u128> {
    let n = key.len();
    let load8 = |at: usize| key.get(at..at + 8)?.try_into().ok().map(u64::from_le_bytes);
    let load4 = |at: usize| key.get(at..at + 4)?.try_into().ok().map(u32::from_le_bytes);
    let body = match n {
        // Bytes 8..n are the last n - 8 bytes of the second load (none when n is 8).
        8..=PACKED => u128::from(load8(0)?) | (u128::from(load8(n - 8)?) >> ((16 - n) * 8)) << 64,
        4..=7 => {
            u128::from(u64::from(load4(0)?) | (u64::from(load4(n - 4)?) >> ((8 - n) * 8)) << 32)
        }
        0..=3 => key
            .iter()
            .rev()
            .fold(0, |body, &b| body << 8 | u128::from(b)),
        _ => return None,
    };
    Some(body | (n as u128) << 120)
}

/// The sketch bit of an ASCII key, whatever its case (see [`Lexicon`]).
#[inline]
fn sketch_bit(key: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (key.first(), key.last()) else {
        return 0;
    };
    sketch_bit_of(key.len(), first, last)
}

/// The sketch bit of a key of `len` bytes that begins with `first` and ends with `last`.
#[inline]
fn sketch_bit_of(len: usize, first: u8, last: u8) -> usize {
    let (first, last) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
    let mix = (len as u32) | u32::from(first) << 8 | u32::from(last) << 16;
    // Fibonacci hashing: the top bits of the product, as many as the sketch has.
    (mix.wrapping_mul(0x9e37_79b9) >> (32 - 12)) as usize % (SKETCH_WORDS * 64)
}

/// Words are lower-cased here, on the stack, for a look-up: the hot path allocates nothing.
const LOOKUP_BUFFER: usize = 64;

impl Lexicon {
    fn new(text: &'static str) -> Lexicon {
        let mut lexicon = Lexicon {
            short: HashSet::default(),
            long: HashSet::default(),
            longest: 0,
            sketch: [0; SKETCH_WORDS],
        };
        for entry in entries(text).map(str::as_bytes) {
            match pack(entry) {
                Some(packed) => lexicon.short.insert(packed),
                None => lexicon.long.insert(entry),
            };
            lexicon.longest = lexicon.longest.max(entry.len());
            let bit = sketch_bit(entry);
            lexicon.sketch[bit / 64] |= 1 << (bit % 64);
        }
        lexicon
    }

    /// Whether an ASCII key may be an entry, in any case (false: it is none).
    #[inline]
    fn may_have(&self, key: &[u8]) -> bool {
        let bit = sketch_bit(key);
        self.sketch[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// [`Lexicon::may_have`] from a key's length and end bytes.
    #[inline]
    fn sketch_has(&self, len: usize, first: u8, last: u8) -> bool {
        let bit = sketch_bit_of(len, first, last);
        self.sketch[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Whether a lower-case key is an entry.
    #[inline]
    fn contains(&self, key: &[u8]) -> bool {
        match pack(key) {
            Some(packed) => self.short.contains(&packed),
            None => self.long.contains(key),
        }
    }

    /// Inlined into every caller, so that the common answer (a short ASCII word that
    /// the sketch turns away) costs a few instructions and no call.
    #[inline(always)]
    pub fn has(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if bytes.len() <= PACKED && short_is_ascii(bytes) {
            self.may_have(bytes) && self.has_short(bytes)
        } else {
            self.look_up(word)
        }
    }

    /// [`Lexicon::has`] for a short ASCII word that passed the sketch: the word is
    /// lower-cased into one number on the stack.
    #[inline(never)]
    fn has_short(&self, bytes: &[u8]) -> bool {
        pack(bytes).is_some_and(|key| self.short.contains(&ascii_lowercase_packed(key)))
    }

    fn look_up(&self, word: &str) -> bool {
        if !word.is_ascii() {
            // Unicode lower-casing can change byte lengths: the plain way.
            return self.contains(word.to_lowercase().as_bytes());
        }
        if word.len() > self.longest {
            return false;
        }
        let mut buf = [0u8; LOOKUP_BUFFER];
        match buf.get_mut(..word.len()) {
            Some(key) => {
                key.copy_from_slice(word.as_bytes());
                key.make_ascii_lowercase();
                self.contains(key)
            }
            None => self.contains(word.to_ascii_lowercase().as_bytes()),
        }
    }

    /// Whether the words joined by single spaces are an entry: `has(&words.join(" "))`
    /// without building the string.
    pub fn has_joined(&self, words: &[&str]) -> bool {
        if let [word] = words {
            return self.has(word);
        }
        let len = words.iter().map(|w| w.len()).sum::<usize>() + words.len().saturating_sub(1);
        let ascii = words.iter().all(|w| w.is_ascii());
        if ascii && len > self.longest {
            return false;
        }
        // The sketch reads the key's length and first and last bytes: known without
        // joining, when the first and last words are not empty.
        if let (true, Some(&first), Some(&last)) = (
            ascii,
            words.first().and_then(|w| w.as_bytes().first()),
            words.last().and_then(|w| w.as_bytes().last()),
        ) {
            if !self.sketch_has(len, first, last) {
                return false;
            }
        }
        let mut buf = [0u8; LOOKUP_BUFFER];
        let Some(key) = buf.get_mut(..len).filter(|_| ascii) else {
            return self.has(&words.join(" "));
        };
        let mut at = 0;
        for (n, w) in words.iter().enumerate() {
            if n > 0 {
                key[at] = b' ';
                at += 1;
            }
            key[at..at + w.len()].copy_from_slice(w.as_bytes());
            at += w.len();
        }
        key.make_ascii_lowercase();
        self.may_have(key) && self.contains(key)
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

/// A word in ASCII lower case: `w.to_ascii_lowercase()` without the allocation, the word
/// itself when it has no upper-case letter. The closed-class tests run on most words of
/// every article, and an allocation each was a tenth of the attribute stage.
pub enum Lower<'a> {
    Same(&'a str),
    Short([u8; SHORT_WORD], usize),
    Long(String),
}

const SHORT_WORD: usize = 32;

pub fn ascii_lower(w: &str) -> Lower<'_> {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return Lower::Same(w);
    }
    if w.len() > SHORT_WORD {
        return Lower::Long(w.to_ascii_lowercase());
    }
    // Lower-cased byte by byte as it is copied: a word is a few bytes, and a copy of a
    // length known only at run time would be a call.
    let mut short = [0; SHORT_WORD];
    for (to, from) in short.iter_mut().zip(w.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    Lower::Short(short, w.len())
}

impl Lower<'_> {
    /// The lower-case word as bytes: what the closed classes below match on, as they run
    /// on most words of every article and [`Lower::as_str`] checks its bytes for UTF-8.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Lower::Same(w) => w.as_bytes(),
            Lower::Short(bytes, len) => bytes.get(..*len).unwrap_or_default(),
            Lower::Long(w) => w.as_bytes(),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Lower::Same(w) => w,
            // ASCII lower-casing keeps UTF-8 valid, so this never falls back.
            Lower::Short(bytes, len) => {
                std::str::from_utf8(bytes.get(..*len).unwrap_or_default()).unwrap_or_default()
            }
            Lower::Long(w) => w,
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Small closed classes of function words, kept in code because they are grammar, not
/// vocabulary.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"a" | b"an"
            | b"the"
            | b"one"
            | b"two"
            | b"three"
            | b"some"
            | b"many"
            | b"several"
            | b"most"
            | b"other"
            | b"another"
            | b"his"
            | b"her"
            | b"its"
            | b"their"
            | b"our"
            | b"this"
            | b"these"
            | b"those"
            | b"that"
            | b"both"
            | b"all"
            | b"senior"
            | b"no"
    )
}

/// Words that may stand between a subject and its reporting verb ("he *also* said",
/// "Smith *has* said", "they *later* told").
pub fn is_auxiliary(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"has"
            | b"have"
            | b"had"
            | b"also"
            | b"later"
            | b"previously"
            | b"then"
            | b"recently"
            | b"again"
            | b"repeatedly"
            | b"would"
            | b"will"
            | b"did"
            | b"does"
            | b"do"
            | b"once"
            | b"earlier"
            | b"further"
            | b"publicly"
            | b"privately"
            | b"already"
            | b"reportedly"
            | b"allegedly"
            | b"is"
            | b"are"
            | b"was"
            | b"were"
            | b"be"
            | b"been"
            | b"has also"
            | b"initially"
            | b"first"
            | b"separately"
            | b"yesterday"
            | b"today"
            | b"always"
            | b"often"
            | b"openly"
            | b"even"
            | b"just"
            | b"still"
            | b"could"
            | b"may"
            | b"might"
            | b"officially"
            | b"clearly"
    )
}

pub fn is_pronoun(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"he" | b"she" | b"they" | b"it" | b"we" | b"i"
    )
}

/// Words that begin a clause: a subject phrase never runs across them.
pub fn is_clause_word(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"that"
            | b"which"
            | b"when"
            | b"while"
            | b"because"
            | b"after"
            | b"before"
            | b"if"
            | b"but"
            | b"although"
            | b"though"
            | b"since"
            | b"as"
            | b"where"
            | b"whereas"
            | b"so"
            | b"then"
            | b"however"
            | b"meanwhile"
            | b"yet"
            | b"and"
            | b"or"
            | b"nor"
            | b"than"
            | b"until"
            | b"unless"
            | b"who"
            | b"according"
            | b"whether"
            | b"said"
            | b"says"
            | b"told"
            | b"with"
    )
}

/// Sentence-initial words that are capitalised only because they start the sentence.
pub fn is_sentence_adverb(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"but"
            | b"and"
            | b"however"
            | b"meanwhile"
            | b"yesterday"
            | b"today"
            | b"also"
            | b"so"
            | b"still"
            | b"now"
            | b"then"
            | b"instead"
            | b"indeed"
            | b"separately"
            | b"later"
            | b"earlier"
            | b"in"
            | b"on"
            | b"at"
            | b"for"
            | b"as"
            | b"after"
            | b"while"
            | b"when"
            | b"the"
            | b"a"
            | b"an"
            | b"this"
            | b"that"
            | b"if"
            | b"although"
            | b"asked"
            | b"during"
            | b"among"
            | b"despite"
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
    fn the_byte_table_classes_ascii_like_unicode() {
        for b in 0u8..128 {
            let c = char::from(b);
            let want = if c.is_whitespace() {
                Class::Space
            } else if c.is_alphanumeric() {
                Class::Word
            } else {
                Class::Mark
            };
            assert_eq!(ASCII_CLASS[usize::from(b)], want, "{b:#x}");
        }
    }

    #[test]
    fn packed_keys_lower_case_like_std() {
        for b in 0u8..128 {
            for at in 0..15 {
                let mut bytes = *b"Ab-Zz@[`{0123XY";
                bytes[at] = b;
                let mut buf = [0u8; 16];
                buf[..15].copy_from_slice(&bytes);
                buf[15] = 15;
                let mut want = buf;
                want[..15].make_ascii_lowercase();
                let got = ascii_lowercase_packed(u128::from_le_bytes(buf)).to_le_bytes();
                assert_eq!(got, want, "byte {b:#x} at {at}");
            }
        }
    }

    #[test]
    fn short_keys_are_ascii_like_std() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcdefg",
            "abcdefgh",
            "abcdefghijklmnop",
        ];
        for w in words {
            assert!(short_is_ascii(w.as_bytes()), "{w}");
            // One non-ASCII byte anywhere.
            for at in 0..w.len() {
                let mut bytes = w.as_bytes().to_vec();
                bytes[at] = 0xc3;
                assert!(!short_is_ascii(&bytes), "{w} {at}");
            }
        }
    }

    #[test]
    fn alnum_runs_are_counted_like_a_byte_loop() {
        let naive = |b: &[u8]| b.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        // Every byte value at every place of a word of letters and digits.
        let word = *b"aZ09zA9a0Mq7bY3xKk";
        for at in 0..word.len() {
            for b in 0..=255u8 {
                let mut bytes = word;
                bytes[at] = b;
                for len in 0..=bytes.len() {
                    assert_eq!(
                        ascii_alnum_run(&bytes[..len]),
                        naive(&bytes[..len]),
                        "{b:#x} at {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn short_keys_are_read_like_copied_ones() {
        // The plain way: the bytes copied into sixteen, the length in the last.
        let copied = |key: &[u8]| {
            let mut buf = [0u8; 16];
            buf.get_mut(..key.len())
                .filter(|_| key.len() <= PACKED)?
                .copy_from_slice(key);
            buf[15] = key.len() as u8;
            Some(u128::from_le_bytes(buf))
        };
        let word = b"AbcdefghIjklmnopq";
        for len in 0..=word.len() {
            assert_eq!(pack(&word[..len]), copied(&word[..len]), "{len} bytes");
        }
    }

    #[test]
    fn lexicons_are_read_in_any_case_and_length() {
        assert!(CUE_VERBS.has("said") && CUE_VERBS.has("SAID") && CUE_VERBS.has("Said"));
        assert!(!CUE_VERBS.has("sai") && !CUE_VERBS.has("saidd") && !CUE_VERBS.has(""));
        assert!(!CUE_VERBS.has("said\0"));
        // Longer than a packed key (15 bytes): the byte table.
        assert!(ORGANIZATION_NAMES.has("Drexel Burnham Lambert"));
        assert!(ORGANIZATION_NAMES.has_joined(&["Drexel", "Burnham", "Lambert"]));
        assert!(ORGANIZATION_NAMES.has_joined(&["Goldman", "SACHS"]));
        assert!(!ORGANIZATION_NAMES.has_joined(&["Goldman", "Sach"]));
    }

    #[test]
    fn function_words_are_read_in_any_case() {
        assert!(is_pronoun("He") && is_pronoun("SHE") && !is_pronoun("Hé"));
        assert!(is_auxiliary("Has Also") && is_sentence_adverb("SEPARATELY"));
        assert!(!is_determiner("") && !is_determiner(&"the".repeat(10)));
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
        assert!(ORGANIZATION_NAMES.has("BBC"));
    }

    #[test]
    fn joined_lookups_are_lookups_of_the_joined_words() {
        let cases: [&[&str]; 5] = [
            &["Lib", "Dems"],
            &["lib", "dems"],
            &["Lib", "Dems", "Party"],
            &["Libé", "Dems"],
            &[],
        ];
        for words in cases {
            assert_eq!(
                ORGANIZATION_NAMES.has_joined(words),
                ORGANIZATION_NAMES.has(&words.join(" ")),
                "{words:?}"
            );
        }
        assert!(ORGANIZATION_NAMES.has_joined(&["Lib", "Dems"]));
        assert!(!CUE_VERBS.has(&"said".repeat(40)));
    }
}
