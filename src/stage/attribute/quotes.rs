//! Quotation marks → quotations, per paragraph.
//!
//! Straight marks (`"`) toggle within a paragraph; curly and angled marks say which side
//! they are on, though real text mixes them. A quotation never runs past its paragraph,
//! except that a paragraph that opens a quotation without closing it continues into the
//! next paragraph when that one opens with a quotation mark (the news habit), so a stray
//! mark can never swallow the rest of the article.
//!
//! Single marks (`‘…’`, `'…'`) are mostly headline quotes and double as apostrophes, so
//! they count only at word edges and only outside double quotations.

use crate::model::Span;

/// One quotation: the words between a pair of marks, within one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// The quoted words, trimmed, without the marks.
    pub content: Span,
    /// Byte offset just past the closing mark, or the paragraph end if unclosed.
    pub end: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Whether this quotation continues an unclosed one of the previous paragraph.
    pub continues: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Open,
    Close,
    Either,
}

fn double_mark(c: char) -> Option<Side> {
    match c {
        '"' => Some(Side::Either),
        '“' | '„' | '«' => Some(Side::Open),
        '”' | '»' => Some(Side::Close),
        _ => None,
    }
}

fn is_single_mark(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’')
}

/// Finds the quotations of each paragraph, in text order.
pub fn find_quotes(text: &str, paragraphs: &[Span]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut carried = false; // the previous paragraph ended inside a quotation
    for para in paragraphs {
        let before = quotes.len();
        let unclosed = scan_paragraph(text, *para, &mut quotes);
        if carried {
            // Only a paragraph that *opens* with a quotation continues the last one.
            if let Some(first) = quotes.get_mut(before) {
                if first.open == para.start {
                    first.continues = true;
                }
            }
        }
        carried = unclosed;
    }
    quotes
}

/// Scans one paragraph; returns whether it ended inside an open double quotation.
fn scan_paragraph(text: &str, para: Span, out: &mut Vec<Quote>) -> bool {
    let slice = &text[para.start..para.end];
    let mut open: Option<usize> = None; // byte offset of the open mark
                                        // Opening marks that cut short an open quotation: their quotations continue it.
    let mut reopening: Vec<usize> = Vec::new();
    let first_new = out.len();
    let mut from = 0;
    while let Some((i, c)) = next_mark(slice, from) {
        // The characters on either side of the mark (after a single-quoted phrase, the
        // one before is its closing mark: not white space, as the rules need).
        let prev = slice.get(..i).and_then(|s| s.chars().next_back());
        let next = slice.get(i + c.len_utf8()..).and_then(|s| s.chars().next());
        let at = para.start + i;
        from = i + c.len_utf8();
        if let Some(side) = double_mark(c) {
            let opens_here = opening_context(prev, next);
            match (open, side) {
                (None, Side::Close) if !opens_here => {}
                (None, _) => open = Some(at),
                (Some(o), Side::Open | Side::Either)
                    if o + 1 < at && opens_here && prev.is_some_and(char::is_whitespace) =>
                {
                    // A new opening mark while one is open: the first was never closed.
                    // Wire text does this at every sentence of a long quotation
                    // (`... this club. "No individual is ..."`), so the new one continues it.
                    push(text, out, o, at, at, false);
                    open = Some(at);
                    reopening.push(at);
                }
                (Some(o), _) => {
                    push(text, out, o, at, at + c.len_utf8(), true);
                    open = None;
                }
            }
        } else if open.is_none() && is_single_mark(c) && c != '’' && opening_context(prev, next) {
            if let Some(close) = single_close(slice, i + c.len_utf8()) {
                push(
                    text,
                    out,
                    at,
                    para.start + close.0,
                    para.start + close.1,
                    true,
                );
                // Go on after the closing mark.
                from = close.1;
            }
        }
    }
    let result = match open {
        Some(o) => {
            push(text, out, o, para.end, para.end, false);
            true
        }
        None => false,
    };
    for q in &mut out[first_new..] {
        if reopening.contains(&q.open) {
            q.continues = true;
        }
    }
    result
}

/// The next quotation mark (double or single) at or after byte `from` of `slice`, with its
/// offset. Only marks matter to the scan, so it jumps from one to the next over the bytes
/// that can start one: `"`, `'`, 0xC2 (« ») and 0xE2 (the curly marks).
fn next_mark(slice: &str, mut from: usize) -> Option<(usize, char)> {
    loop {
        let rest = slice.as_bytes().get(from..)?;
        let k = mark_lead(rest)?;
        let i = from + k;
        let c = slice.get(i..)?.chars().next()?;
        if double_mark(c).is_some() || is_single_mark(c) {
            return Some((i, c));
        }
        from = i + c.len_utf8();
    }
}

/// Where the first byte that can start a mark is: `"`, `'`, or the lead byte of `«»`
/// (0xC2) or of the curly marks (0xE2). Vectorised searches (memchr): the common three
/// at once, then 0xC2 before the one found.
fn mark_lead(bytes: &[u8]) -> Option<usize> {
    let common = memchr::memchr3(b'"', b'\'', 0xE2, bytes);
    let upto = common.unwrap_or(bytes.len());
    memchr::memchr(0xC2, &bytes[..upto]).or(common)
}

/// A mark opens when it stands at a word's start: after nothing, space or an opening
/// bracket or dash, and before a non-space.
fn opening_context(prev: Option<char>, next: Option<char>) -> bool {
    let before_ok =
        prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':'));
    let after_ok = next.is_some_and(|n| !n.is_whitespace() && !matches!(n, ',' | '.' | ';' | ')'));
    before_ok && after_ok
}

/// Finds the closing single mark of a single-quoted phrase starting at `from` (bytes into
/// `slice`): a `'` or `’` followed by a non-letter, within one short stretch of text.
/// Returns (offset of the mark, offset past it).
fn single_close(slice: &str, from: usize) -> Option<(usize, usize)> {
    const LONGEST: usize = 200;
    let rest = slice.get(from..)?;
    let mut iter = rest.char_indices().peekable();
    while let Some((j, c)) = iter.next() {
        if j > LONGEST || c == '\n' || double_mark(c).is_some() {
            return None;
        }
        if matches!(c, '\'' | '’') {
            let next = iter.peek().map(|&(_, n)| n);
            let prev_ok = j > 0 && !rest[..j].ends_with(char::is_whitespace);
            if prev_ok && next.is_none_or(|n| !n.is_alphanumeric()) {
                // "rock 'n' roll", "the '80s": one letter or digits only is no quotation.
                let inner = &rest[..j];
                if inner.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                    return None;
                }
                return Some((from + j, from + j + c.len_utf8()));
            }
        }
    }
    None
}

fn push(
    text: &str,
    out: &mut Vec<Quote>,
    open: usize,
    content_end: usize,
    end: usize,
    closed: bool,
) {
    let mark_len = text[open..].chars().next().map_or(1, char::len_utf8);
    let start = open + mark_len;
    let inner = &text[start..content_end.max(start)];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return;
    }
    let content = Span::new(start + lead, start + lead + trimmed.len());
    out.push(Quote {
        open,
        content,
        end,
        closed,
        continues: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_leads_are_found_like_a_byte_scan() {
        let plain = |b: &[u8]| b.iter().position(|b| b"\"'\xC2\xE2".contains(b));
        let texts = [
            "",
            "plain",
            "it's",
            "say \"x\"",
            "«non»",
            "“curly”",
            "£5 'a'",
            "a’b",
        ];
        for text in texts.map(str::as_bytes) {
            for from in 0..text.len() {
                assert_eq!(mark_lead(&text[from..]), plain(&text[from..]));
            }
        }
    }

    fn quotes_of(text: &str) -> Vec<String> {
        let paras: Vec<Span> = paragraphs(text);
        find_quotes(text, &paras)
            .iter()
            .map(|q| q.content.of(text).to_string())
            .collect()
    }

    fn paragraphs(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut pos = 0;
        for p in text.split("\n\n") {
            out.push(Span::new(pos, pos + p.len()));
            pos += p.len() + 2;
        }
        out
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        assert_eq!(quotes_of(r#""We will win," he said."#), ["We will win,"]);
        assert_eq!(quotes_of("“We will win,” he said."), ["We will win,"]);
        assert_eq!(quotes_of("He called it «absurd» twice."), ["absurd"]);
    }

    #[test]
    fn interrupted_quote_gives_two_quotations() {
        let q = quotes_of(r#""We will win," he said. "We always do.""#);
        assert_eq!(q, ["We will win,", "We always do."]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes_of("Don't stop the boys' club, it's Mr O'Neill's.").is_empty());
        assert!(quotes_of("They play rock 'n' roll from the '80s.").is_empty());
    }

    #[test]
    fn single_quotes_in_headlines() {
        assert_eq!(
            quotes_of("Minister 'will not resign' over row"),
            ["will not resign"]
        );
        assert_eq!(
            quotes_of("Minister ‘will not resign’ over row"),
            ["will not resign"]
        );
    }

    #[test]
    fn unclosed_quote_stops_at_the_paragraph_end() {
        let text = "He said: \"We will fight on\n\nThe vote is on Monday. \"Nothing else";
        let paras = paragraphs(text);
        let q = find_quotes(text, &paras);
        assert_eq!(q[0].content.of(text), "We will fight on");
        assert!(!q[0].closed);
        // The next paragraph does not open with a mark, so it does not continue.
        assert!(q.iter().all(|q| !q.continues));
    }

    #[test]
    fn reopened_paragraph_continues_the_quotation() {
        let text = "\"First part of the speech.\n\n\"Second part,\" she said.";
        let paras = paragraphs(text);
        let q = find_quotes(text, &paras);
        assert_eq!(q.len(), 2);
        assert!(!q[0].closed);
        assert!(q[1].continues);
    }

    #[test]
    fn thousands_of_stray_marks_do_not_panic() {
        let text = "\"“”'‘’«»„".repeat(2000);
        let paras = paragraphs(&text);
        let _ = find_quotes(&text, &paras);
    }
}
