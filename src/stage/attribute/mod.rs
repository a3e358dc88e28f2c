//! Attribute stage: quotes, reported speech and "according to", each with its source.
//!
//! The walk, sentence by sentence:
//! 1. find the reporting cues outside quotations ("said", "told", "according to");
//! 2. for each cue, find its source (the subject before it, or after it when inverted:
//!    `"...," said Mr Smith`) and its content: a quotation next to it (`direct`), the
//!    clause after it with quoted fragments (`partial`) or without (`indirect`), or the
//!    clause before it (`Prices will fall, analysts said.`);
//! 3. quotations left over continue the previous speaker when they stand as sentences
//!    of their own right after an attributed one; short ones with no speaker are scare
//!    quotes and titles, not claims;
//! 4. each source is resolved to the fullest name in the article ([`sources`]).

mod quotes;
mod sources;
mod tokens;

use crate::model::{Attribution, ClaimKind, Document, Segmented, SourceType, Span};
use quotes::Quote;
use sources::{Entities, Resolved};
use std::cell::OnceCell;
use tokens::{
    ascii_lower, is_auxiliary, is_clause_word, is_determiner, is_pronoun, is_sentence_adverb, Tok,
    ANONYMOUS_HEADS, CUE_VERBS, DOCUMENT_HEADS, ORGANIZATION_WORDS,
};

/// Most claims one sentence can hold. News sentences hold up to three (the shared
/// corpus); a run of cues ("according to X according to Y ...") would otherwise give one
/// claim per cue, each holding most of the sentence: memory quadratic in its length.
const MAX_CLAIMS_PER_SENTENCE: usize = 8;

/// Finds every attribution in the document, in text order.
pub fn attribute(doc: &Document, seg: &Segmented) -> Vec<Attribution> {
    if seg.sentences.is_empty() {
        return Vec::new();
    }
    let walk = Walk::new(doc, seg);
    walk.run()
}

/// A claim being built: token ranges and spans, before its source is resolved.
#[derive(Debug, Clone)]
struct Draft {
    kind: ClaimKind,
    /// Text pieces, in order (several for an interrupted or multi-paragraph quote).
    pieces: Vec<Span>,
    cue: Span,
    /// The source mention's tokens, if it is in the text.
    mention: Option<(usize, usize)>,
    /// A source carried over from an earlier claim (floating quotes, participles).
    inherited: Option<(Resolved, String)>,
    /// The sentence the claim ends in, so far: a quotation opening in the next one may
    /// continue it. (The claim's first and last sentences are found from its spans in
    /// [`Walk::finish`].)
    last_sentence: usize,
    /// Indices of the quotations this claim consumed.
    quotes: Vec<usize>,
    /// The quotation came before its cue (`"...," he said`): a following quotation in
    /// the next sentence continues it.
    quote_first: bool,
}

struct Walk<'a> {
    text: &'a str,
    seg: &'a Segmented,
    toks: Vec<Tok>,
    /// Token range of each sentence.
    sent_toks: Vec<(usize, usize)>,
    quotes: Vec<Quote>,
    /// For each token: the quotation it is inside (marks included), if any.
    tok_quote: Vec<Option<usize>>,
    /// The article's named people and organisations, collected when the first source
    /// is resolved: an article without a cue needs none.
    entities: OnceCell<Entities>,
}

impl<'a> Walk<'a> {
    fn new(doc: &'a Document, seg: &'a Segmented) -> Walk<'a> {
        let text = doc.text.as_str();
        // About one token per five bytes of news text: sized once, not grown and copied.
        let sentence_bytes: usize = seg.sentences.iter().map(|s| s.span.len()).sum();
        let mut toks = Vec::with_capacity(sentence_bytes / 4 + 16);
        let mut sent_toks = Vec::with_capacity(seg.sentences.len());
        for s in &seg.sentences {
            let a = toks.len();
            tokens::tokenize(text, s.span.start, s.span.end, &mut toks);
            sent_toks.push((a, toks.len()));
        }
        let quotes = quotes::find_quotes(text, &seg.paragraphs);
        let mut qi = 0;
        let tok_quote = toks
            .iter()
            .map(|t| {
                while qi < quotes.len() && quotes[qi].end <= t.start {
                    qi += 1;
                }
                (qi < quotes.len() && quotes[qi].open <= t.start).then_some(qi)
            })
            .collect();
        Walk {
            text,
            seg,
            toks,
            sent_toks,
            quotes,
            tok_quote,
            entities: OnceCell::new(),
        }
    }

    fn entities(&self) -> &Entities {
        self.entities.get_or_init(|| {
            let in_quote: Vec<bool> = self.tok_quote.iter().map(Option::is_some).collect();
            Entities::collect(self.text, &self.toks, &self.sent_toks, &in_quote)
        })
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    /// Whether token `i` is the word `w`, in any case. Runs millions of times a run:
    /// the length is compared before the bytes.
    fn is_word(&self, i: usize, w: &str) -> bool {
        let t = &self.toks[i];
        t.word
            && t.end - t.start == w.len()
            && self.text.as_bytes()[t.start..t.end].eq_ignore_ascii_case(w.as_bytes())
    }

    /// Whether quotation `q` holds four words or more: a quoted statement rather than a
    /// phrase, a title or a scare quote. (Counted only as far as four: a quotation can
    /// run for paragraphs.)
    fn has_four_words(&self, q: usize) -> bool {
        let content = self.quotes[q].content.of(self.text);
        content.split_whitespace().nth(3).is_some()
    }

    fn punct(&self, i: usize) -> Option<char> {
        self.toks[i].punct(self.text)
    }

    fn is_quote_mark(&self, i: usize) -> bool {
        matches!(
            self.punct(i),
            Some('"' | '“' | '”' | '„' | '«' | '»' | '\'' | '‘' | '’')
        )
    }

    fn run(self) -> Vec<Attribution> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut resolved: Vec<Resolved> = Vec::new();
        let mut used = vec![false; self.quotes.len()];
        for si in 0..self.sent_toks.len() {
            let first_new = drafts.len();
            self.cue_claims(si, &mut drafts, &mut used);
            for d in &drafts[first_new..] {
                // Resolve in text order, so that "he" can look back at earlier sources.
                let r = self.resolve(d, si, &resolved);
                resolved.push(r);
            }
            self.leftover_quotes(si, &mut drafts, &mut resolved, &mut used);
        }
        drafts
            .into_iter()
            .zip(resolved)
            .filter_map(|(d, r)| self.finish(d, r))
            .collect()
    }

    fn resolve(&self, d: &Draft, si: usize, previous: &[Resolved]) -> Resolved {
        if let Some((r, _)) = &d.inherited {
            return Resolved {
                sentence: si,
                ..r.clone()
            };
        }
        let Some((a, b)) = d.mention else {
            return Resolved {
                name: "unknown".into(),
                kind: SourceType::Unknown,
                gender: None,
                sentence: si,
            };
        };
        let ctx = sources::Context {
            text: self.text,
            entities: self.entities(),
            previous,
            sentence: si,
            pos: self.toks[a].start,
        };
        sources::resolve(&ctx, &self.toks[a..b])
    }

    /// Claims signalled by a cue in sentence `si`.
    fn cue_claims(&self, si: usize, drafts: &mut Vec<Draft>, used: &mut [bool]) {
        let (s, e) = self.sent_toks[si];
        let mut k = s;
        // This sentence's claims are `drafts[first..]`.
        let first = drafts.len();
        while k < e && drafts.len() - first < MAX_CLAIMS_PER_SENTENCE {
            if self.tok_quote[k].is_some() || !self.toks[k].word {
                k += 1;
                continue;
            }
            // Every word outside quotations comes here: it is read once.
            let word = self.word(k);
            let draft = if word.eq_ignore_ascii_case("according")
                && k + 1 < e
                && self.is_word(k + 1, "to")
            {
                self.according_to(si, k, k + 2)
            } else if word.eq_ignore_ascii_case("citing") || word.eq_ignore_ascii_case("quoting") {
                self.according_to(si, k, k + 1)
            } else if (k == s || !self.toks[k].is_capitalised(self.text))
                && CUE_VERBS.has(word)
                && self.is_verb_use(s, e, k)
            {
                self.verb_claim(si, k, &drafts[first..])
            } else {
                None
            };
            if let Some(mut d) = draft {
                // "According to Mr Peston, the prime minister said: ...": the speaker's
                // own claim replaces the according-to claim that holds it.
                let (st, _) = self.sent_toks[si];
                let opening = drafts[first..].iter().position(|o| {
                    o.kind == ClaimKind::AccordingTo && self.toks[st].start == o.cue.start
                });
                if let Some(o) = opening {
                    let (_, src_end) = drafts[first + o].mention.unwrap_or((st, st));
                    let speaker_after = d.inherited.is_none()
                        && d.mention
                            .is_some_and(|(m, b)| m <= src_end + 2 && b > src_end + 1);
                    if speaker_after {
                        let mut from = src_end;
                        while from < k && !self.toks[from].word {
                            from += 1;
                        }
                        d.mention = d.mention.map(|(m, b)| (m.max(from), b));
                        drafts.remove(first + o);
                    }
                }
                // A cue inside another claim's reported content is part of that claim
                // ("Mr Cook said Zoe Ball had told him that ...").
                let nested = drafts[first..].iter().any(|o| {
                    matches!(o.kind, ClaimKind::Indirect | ClaimKind::AccordingTo)
                        && o.pieces.iter().any(|p| p.contains(d.cue.start))
                });
                let overlaps_quote = d.quotes.iter().any(|&q| used[q]);
                if !nested && !overlaps_quote {
                    for &q in &d.quotes {
                        used[q] = true;
                    }
                    k = self.token_at(d.cue.end).max(k + 1);
                    drafts.push(d);
                    continue;
                }
            }
            k += 1;
        }
    }

    fn token_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.start < byte)
    }

    /// Whether cue word `k` is used as a verb: not after a determiner or adjective
    /// ("the claims", "his warning"), not followed by "of" ("reports of"), not passive
    /// ("is said to", "was reported").
    fn is_verb_use(&self, s: usize, e: usize, k: usize) -> bool {
        if k > s && self.toks[k - 1].word {
            let prev = self.word(k - 1);
            if is_determiner(prev) || prev.ends_with("'s") || prev.ends_with("’s") {
                return false;
            }
            // "after reports that ...", "amid claims": a noun after a preposition.
            let preposition = matches!(
                ascii_lower(prev).as_bytes(),
                b"after"
                    | b"amid"
                    | b"in"
                    | b"on"
                    | b"for"
                    | b"from"
                    | b"despite"
                    | b"following"
                    | b"of"
                    | b"over"
                    | b"with"
                    | b"about"
                    | b"denying"
                    | b"against"
            );
            if preposition {
                return false;
            }
            // "is said to", "are already estimated", "was widely reported": passive.
            let mut b = k - 1;
            while b > s && self.toks[b].word && is_auxiliary(self.word(b)) && !is_be(self.word(b)) {
                b -= 1;
            }
            if self.toks[b].word && is_be(self.word(b)) {
                return false;
            }
            // "to believe", "to say": an infinitive is no report of what was said.
            if prev.eq_ignore_ascii_case("to") {
                return false;
            }
            // "its own report", "his latest statement": a noun after a determiner and an
            // adjective.
            if k >= s + 2
                && self.toks[k - 2].word
                && !self.toks[k - 1].is_capitalised(self.text)
                && (is_determiner(self.word(k - 2)) || is_possessive_word(self.word(k - 2)))
                && (prev.contains('-') || is_noun_adjective(prev))
            {
                return false;
            }
        }
        if k + 1 < e && (self.is_word(k + 1, "of") || self.is_word(k + 1, "by")) {
            return false;
        }
        // "posted solid gains", "reported a net loss": these verbs report speech only with
        // a marked content ("reported that", "posted:", a quotation) or at a clause end.
        if needs_marked_content(self.word(k)) && k + 1 < e && self.toks[k + 1].word {
            let next = self.word(k + 1);
            let marked = matches!(
                ascii_lower(next).as_bytes(),
                b"that"
                    | b"on"
                    | b"yesterday"
                    | b"today"
                    | b"earlier"
                    | b"last"
                    | b"this"
                    | b"late"
                    | b"in"
            );
            if !marked {
                return false;
            }
        }
        // "responding to a message", "reported to police": no content follows. Verbs of
        // promising take a to-infinitive as their content ("pledged to oppose").
        if k + 1 < e && self.is_word(k + 1, "to") {
            let w = ascii_lower(self.word(k));
            let takes_infinitive = [
                "pledge", "vow", "promis", "threat", "urg", "agree", "demand", "propos", "refus",
                "admit", "confess",
            ]
            .iter()
            .any(|stem| w.starts_with(stem));
            if !takes_infinitive {
                return false;
            }
        }
        true
    }

    /// The source mention left of `k`: a pronoun, a name, or a phrase with a source head
    /// noun ("one senior coffee dealer", "sources close to the matter").
    fn source_left(&self, s: usize, k: usize) -> Option<(usize, usize)> {
        let mut i = k;
        loop {
            if i <= s || !self.toks[i - 1].word {
                break;
            }
            let w = self.word(i - 1);
            // "also", "has", "firmly", "not"; "last month", "on Monday".
            let adverb =
                w.len() > 3 && w.ends_with("ly") && !self.toks[i - 1].is_capitalised(self.text);
            if is_auxiliary(w) || self.is_word(i - 1, "not") || adverb {
                i -= 1;
            } else if is_time_word(w)
                && i >= s + 2
                && self.toks[i - 2].word
                && matches!(
                    ascii_lower(self.word(i - 2)).as_bytes(),
                    b"last" | b"this" | b"next" | b"on" | b"earlier" | b"late" | b"early"
                )
            {
                i -= 2;
            } else {
                break;
            }
        }
        if i > s && self.punct(i - 1) == Some(',') {
            return self.appositive_subject(s, i - 1);
        }
        if i == s || !self.toks[i - 1].word || self.tok_quote[i - 1].is_some() {
            return None;
        }
        let end = i;
        let last = i - 1;
        if is_pronoun(self.word(last)) {
            return Some((last, end));
        }
        // "Shane Byrne echoed the comments but said ...": the subject of both verbs.
        if self.is_word(last, "but") || self.is_word(last, "and") {
            return self.sentence_subject(s, last);
        }
        // "... was denied by Shepherd, who accused ...": the name before the relative.
        if self.is_word(last, "who") && last > s {
            if self.punct(last - 1) == Some(',') {
                return self.source_left(s, last - 1);
            }
            if self.toks[last - 1].is_capitalised(self.text) {
                return self.source_left(s, last);
            }
        }
        // Walk left to a clause boundary, at most 10 tokens.
        let mut left = last;
        while left > s && end - left < 10 {
            let t = self.toks[left - 1];
            if self.tok_quote[left - 1].is_some() {
                break;
            }
            if !t.word && !matches!(t.punct(self.text), Some('&' | '.' | '\'' | '’')) {
                break;
            }
            if t.word
                && (is_clause_word(t.text(self.text))
                    || CUE_VERBS.has(t.text(self.text)) && !t.is_capitalised(self.text))
            {
                // "economists and analysts": keep coordinated source heads together.
                let coordinated = self.is_word(left - 1, "and")
                    && left >= s + 2
                    && (ANONYMOUS_HEADS.has(self.word(left - 2))
                        || self.toks[left - 2].is_capitalised(self.text));
                // "officials who spoke on condition of anonymity said"
                let described = self.is_word(left - 1, "who")
                    && left >= s + 2
                    && ANONYMOUS_HEADS.has(self.word(left - 2));
                if !coordinated && !described {
                    break;
                }
            }
            left -= 1;
        }
        while left < last
            && self.toks[left].word
            && is_sentence_adverb(self.word(left))
            && !is_determiner(self.word(left))
        {
            left += 1;
        }
        let words: Vec<&str> = (left..end)
            .filter(|&j| self.toks[j].word)
            .map(|j| self.word(j))
            .collect();
        let has_head = words.iter().enumerate().any(|(n, w)| {
            ANONYMOUS_HEADS.has(w)
                || DOCUMENT_HEADS.has(w)
                || ORGANIZATION_WORDS.has(w)
                || ascii_lower(w).starts_with("spokes")
                || tokens::TITLES.has(w)
                || (w.starts_with(char::is_uppercase)
                    && !(n == 0 && left == s && is_sentence_adverb(w)))
        });
        if !has_head {
            return None;
        }
        // A long phrase keeps only its tail from the first source-like word.
        if end - left > 8 {
            left = (left..end)
                .find(|&j| {
                    let w = self.word(j);
                    self.toks[j].word
                        && (ANONYMOUS_HEADS.has(w) || self.toks[j].is_capitalised(self.text))
                })
                .unwrap_or(last);
            while left > s && self.toks[left - 1].word && is_determiner(self.word(left - 1)) {
                left -= 1;
            }
        }
        Some((left, end))
    }

    /// `David Holland, president of US Sprint, told ...` / `The dealer, who declined to be
    /// named, said ...`: the subject before an appositive or relative clause that ends
    /// with the comma at `comma`.
    fn appositive_subject(&self, s: usize, comma: usize) -> Option<(usize, usize)> {
        let open = (s..comma)
            .rev()
            .take(25)
            .find(|&j| self.punct(j) == Some(',') && self.tok_quote[j].is_none())?;
        let first = open + 1;
        if first >= comma || !self.toks[first].word || open == s {
            return None;
        }
        let w = self.word(first);
        // "The transport minister, Odile Varga, said": the appositive is the name.
        let name_inside = (first..comma).all(|j| {
            self.toks[j].is_capitalised(self.text)
                || (self.toks[j].word && matches!(self.word(j), "of" | "the" | "for" | "and"))
                || self.punct(j) == Some('.')
        });
        let subject = (self.toks[open - 1].word && self.tok_quote[open - 1].is_none())
            .then(|| self.source_left(s, open))
            .flatten();
        if name_inside {
            let named_subject = subject
                .is_some_and(|(a, b)| (a..b).all(|j| self.toks[j].is_capitalised(self.text)));
            return if named_subject {
                subject
            } else {
                Some((first, comma))
            };
        }
        let describes = !self.toks[first].is_capitalised(self.text)
            || is_determiner(w)
            || tokens::TITLES.has(w)
            || matches!(ascii_lower(w).as_bytes(), b"who" | b"which");
        if !describes {
            return None;
        }
        // "The drivers' union, the Guild of Locomotive Staff, said": the name, not the noun
        // ("Wal-Mart, the largest US retailer, said" keeps Wal-Mart).
        let appositive_name = is_determiner(w)
            && self.toks[comma - 1].is_capitalised(self.text)
            && subject.is_some_and(|(a, b)| {
                b - a >= 2
                    && is_determiner(self.word(a))
                    && (a + 1..b).all(|j| !self.toks[j].is_capitalised(self.text))
            });
        if appositive_name {
            return Some((first, comma));
        }
        // "Alain Terzian, president of Cesar, the Academie ..., said": appositives in a row.
        if let Some((a, _)) = subject {
            let described =
                !self.toks[a].is_capitalised(self.text) || tokens::TITLES.has(self.word(a));
            if a > s && self.punct(a - 1) == Some(',') && described {
                return self.appositive_subject(s, a - 1).or(subject);
            }
        }
        subject
    }

    /// The source mention right of token `k` (inverted: `said Mr Smith`, `said the company`).
    fn source_right(&self, k: usize, e: usize) -> Option<(usize, usize)> {
        let start = k;
        if start >= e || !self.toks[start].word || self.tok_quote[start].is_some() {
            return None;
        }
        if is_pronoun(self.word(start)) {
            return Some((start, start + 1));
        }
        let mut end = start;
        while end < e && end - start < 8 {
            let t = self.toks[end];
            if !t.word && !matches!(t.punct(self.text), Some('&' | '.' | '\'' | '’')) {
                break;
            }
            // "said analyst Jo Kenney at ING": the employer is not the source.
            if end > start && t.word && matches!(t.text(self.text), "at" | "from" | "in" | "on") {
                break;
            }
            if self.tok_quote[end].is_some()
                || (t.word && is_clause_word(t.text(self.text)) && end > start)
            {
                break;
            }
            end += 1;
        }
        let words: Vec<&str> = (start..end)
            .filter(|&j| self.toks[j].word)
            .map(|j| self.word(j))
            .collect();
        let head = words.iter().any(|w| {
            ANONYMOUS_HEADS.has(w)
                || DOCUMENT_HEADS.has(w)
                || ORGANIZATION_WORDS.has(w)
                || ascii_lower(w).starts_with("spokes")
                || w.starts_with(char::is_uppercase)
        });
        (head && end > start).then_some((start, end))
    }

    /// A claim around reporting verb `k`.
    fn verb_claim(&self, si: usize, k: usize, earlier: &[Draft]) -> Option<Draft> {
        let (s, e) = self.sent_toks[si];
        let verb = ascii_lower(self.word(k));
        let participle = verb.ends_with("ing");
        let after_comma = k > s && matches!(self.punct(k - 1), Some(',' | '—' | '–'));
        let mut cue_start = k;
        while cue_start > s
            && self.toks[cue_start - 1].word
            && matches!(
                ascii_lower(self.word(cue_start - 1)).as_bytes(),
                b"has" | b"have" | b"had"
            )
        {
            cue_start -= 1;
        }
        let mut draft = Draft {
            kind: ClaimKind::Indirect,
            pieces: Vec::new(),
            cue: Span::new(self.toks[cue_start].start, self.toks[k].end),
            mention: None,
            inherited: None,
            last_sentence: si,
            quotes: Vec::new(),
            quote_first: false,
        };
        // The source: left, or right when inverted, or the earlier claim's for a
        // participle ("..., adding that ...").
        let mut after = k + 1;
        // "X was quoted by The Times as saying": the subject of "quoted".
        let quoted_as = verb == "saying" && k > s && self.is_word(k - 1, "as");
        let left = if quoted_as {
            (s..k)
                .rev()
                .take(12)
                .find(|&j| self.is_word(j, "quoted"))
                .and_then(|q| {
                    let passive = q > s
                        && self.toks[q - 1].word
                        && matches!(
                            ascii_lower(self.word(q - 1)).as_bytes(),
                            b"was" | b"is" | b"were" | b"are" | b"been" | b"being"
                        );
                    if passive {
                        // "Y was quoted by the Times as saying": the subject (source_left
                        // steps over "was" itself).
                        self.source_left(s, q)
                    } else {
                        // "the newspaper quoted Y as saying": the object.
                        (q + 1 < k - 1).then_some((q + 1, k - 1))
                    }
                })
        } else if participle {
            // "Unions criticised the move, saying ...", "X attacked the plans saying ...":
            // the subject of the clause, not the words before the participle; unless a
            // name stands right before it ("with Charles Kennedy claiming ...").
            self.source_left(s, cue_start).filter(|&(a, b)| {
                !after_comma
                    && b - a <= 3
                    && (a..b)
                        .all(|j| self.toks[j].is_capitalised(self.text) || is_pronoun(self.word(j)))
            })
        } else {
            self.source_left(s, cue_start)
        };
        let mut inverted = false;
        // "The Tory leader said ... but admitted ...": the subject of the first verb.
        let mut before_cue = cue_start;
        while before_cue > s
            && self.toks[before_cue - 1].word
            && is_auxiliary(self.word(before_cue - 1))
        {
            before_cue -= 1;
        }
        let coordinated = before_cue > s
            && (self.is_word(before_cue - 1, "but") || self.is_word(before_cue - 1, "and"))
            && !earlier.is_empty();
        if let (true, Some(prev)) = (coordinated, earlier.last()) {
            draft.mention = prev.mention;
            draft.inherited = prev.inherited.clone();
        } else if let Some(m) = left {
            draft.mention = Some(m);
        } else if participle {
            if let Some(prev) = earlier.last() {
                draft.mention = prev.mention;
                draft.inherited = prev.inherited.clone();
            } else {
                draft.mention = self.sentence_subject(s, k);
            }
            draft.mention?;
        } else {
            // Only verbs of saying invert (`"...," said Mr Smith`); after "accused" or
            // "urged" the words on the right are its object.
            if !invertible(&verb) {
                return None;
            }
            let m = self.source_right(k + 1, e)?;
            draft.mention = Some(m);
            after = m.1;
            inverted = true;
        }

        // "has not confirmed", "Neither X nor Y has said": no attribution, only its absence.
        if let Some((a, b)) = draft.mention.filter(|_| !inverted) {
            // Between the subject and the verb only: a subject carried over from an
            // earlier verb has the earlier content in between.
            let from = if b + 4 < cue_start {
                cue_start.saturating_sub(3)
            } else {
                a.saturating_sub(3)
            };
            let negated = (from.max(s)..k).any(|j| {
                self.toks[j].word
                    && matches!(
                        ascii_lower(self.word(j)).as_bytes(),
                        b"not"
                            | b"never"
                            | b"neither"
                            | b"nor"
                            | b"no"
                            | b"nobody"
                            | b"didn't"
                            | b"hasn't"
                            | b"haven't"
                            | b"wouldn't"
                            | b"won't"
                    )
            });
            if negated {
                return None;
            }
        }
        // "told reporters", "told the BBC", "said in a statement": skip the verb's object
        // and adjuncts up to the content.
        let content_start = self.content_start(after, e, &verb);

        // A quotation right before the source and cue: `"...," he said`.
        let before = if quoted_as {
            // `"...," the newspaper quoted Y as saying`: before the whole clause.
            let q = (s..k)
                .rev()
                .find(|&j| self.is_word(j, "quoted"))
                .unwrap_or(k);
            self.source_left(s, q).map_or(q, |m| m.0)
        } else if inverted || draft.inherited.is_some() || (participle && after_comma) {
            cue_start
        } else {
            draft.mention.map_or(cue_start, |m| m.0)
        };
        if let Some(q) = self.quote_ending_before(s, before) {
            draft.kind = ClaimKind::Direct;
            draft.pieces.push(self.quotes[q].content);
            draft.quotes.push(q);
            draft.quote_first = true;
            // `"...," he said, "..."`: the quotation goes on after the cue.
            if let Some(q2) = self.quote_starting_at(content_start, e) {
                draft.pieces.push(self.quotes[q2].content);
                draft.quotes.push(q2);
                draft.last_sentence = self
                    .seg
                    .sentence_at(self.quotes[q2].content.end.saturating_sub(1));
            }
            return Some(draft);
        }
        // A quotation right after the cue: `he said: "..."`.
        if let Some(q) = self.quote_starting_at(content_start, e) {
            let quote = self.quotes[q];
            let ends_sentence = self.quote_ends_sentence(q, e);
            draft.kind = if self.has_four_words(q) || ends_sentence {
                ClaimKind::Direct
            } else {
                ClaimKind::Partial
            };
            if draft.kind == ClaimKind::Direct || ends_sentence {
                draft.pieces.push(quote.content);
                draft.quotes.push(q);
                draft.last_sentence = self.seg.sentence_at(quote.content.end.saturating_sub(1));
                return Some(draft);
            }
        }
        // The content clause after the cue; an inverted cue has its content before it
        // (`The plan will fail, said Mr Smith, who ...`).
        let after_ok = !inverted
            && content_start < e
            && (self.toks[content_start].word || self.is_quote_mark(content_start));
        // A cue inside a relative clause ("Weitz, who admitted he ..., said ...") ends
        // its content where the main verb comes.
        let relative = (cue_start.saturating_sub(4).max(s)..cue_start)
            .any(|j| self.is_word(j, "who") || self.is_word(j, "which"));
        let mut content_end = self.content_end(content_start, e, relative);
        let after_words = (content_start..content_end)
            .filter(|&j| self.toks[j].word)
            .count();
        if after_ok && after_words >= 3 {
            let inner: Vec<usize> = (content_start..content_end)
                .filter_map(|j| self.tok_quote[j])
                .collect();
            if let (Some(&first), Some(&last)) = (inner.first(), inner.last()) {
                draft.kind = ClaimKind::Partial;
                let (a, b) = (
                    self.quotes[first].content.start,
                    self.quotes[last].content.end,
                );
                draft.pieces.push(Span::new(a, b));
                let mut qs: Vec<usize> = inner;
                qs.dedup();
                draft.quotes = qs;
                let last_sentence = self.seg.sentence_at(b.saturating_sub(1));
                draft.last_sentence = last_sentence.max(si);
            } else {
                // The clause is the content, without its closing punctuation.
                while content_end > content_start && !self.toks[content_end - 1].word {
                    content_end -= 1;
                }
                draft.pieces.push(Span::new(
                    self.toks[content_start].start,
                    self.toks[content_end - 1].end,
                ));
            }
            return Some(draft);
        }
        // A trailing cue: `Prices will fall, analysts said.`
        let mention_start = if inverted {
            cue_start
        } else {
            draft.mention.map_or(cue_start, |m| m.0)
        };
        if mention_start > s + 3 && matches!(self.punct(mention_start - 1), Some(',' | '—' | '–'))
        {
            let mut a = s;
            while a < mention_start && !self.toks[a].word && self.tok_quote[a].is_none() {
                a += 1;
            }
            let mut b = mention_start - 1;
            while b > a && !self.toks[b - 1].word {
                b -= 1;
            }
            // Begin after an earlier claim's cue in this sentence.
            if let Some(prev) = earlier.last() {
                let p = self.token_at(prev.cue.end);
                if p > a {
                    return None;
                }
            }
            if b > a && (a..b).filter(|&j| self.toks[j].word).count() >= 3 {
                let inner: Vec<usize> = (a..b).filter_map(|j| self.tok_quote[j]).collect();
                if let (Some(&first), Some(&last)) = (inner.first(), inner.last()) {
                    draft.kind = ClaimKind::Partial;
                    draft.pieces.push(Span::new(
                        self.quotes[first].content.start,
                        self.quotes[last].content.end,
                    ));
                    let mut qs = inner;
                    qs.dedup();
                    draft.quotes = qs;
                } else {
                    draft
                        .pieces
                        .push(Span::new(self.toks[a].start, self.toks[b - 1].end));
                }
                return Some(draft);
            }
        }
        None
    }

    /// The subject of the sentence before token `k`: its first name or pronoun.
    fn sentence_subject(&self, s: usize, k: usize) -> Option<(usize, usize)> {
        // The first name (or pronoun) before `k` that does not follow a preposition,
        // with the role words before its name: "During the call with Zelenskyy, tech
        // billionaire Elon Musk also took part, reassuring ..." → Elon Musk.
        let mut j = s;
        while j < k {
            let t = self.toks[j];
            let usable = t.word && self.tok_quote[j].is_none();
            let pronoun = usable && is_pronoun(t.text(self.text));
            let name =
                usable && t.is_capitalised(self.text) && !is_sentence_adverb(t.text(self.text));
            let after_preposition =
                j > s && self.toks[j - 1].word && sources::is_preposition(self.word(j - 1));
            if pronoun && !after_preposition {
                return Some((j, j + 1));
            }
            if name && !after_preposition {
                // Extend over role words to the end of the name: "Ireland hooker Shane Byrne".
                let mut end = j + 1;
                let mut caps = 1;
                while end < k && self.toks[end].word && self.tok_quote[end].is_none() && end - j < 6
                {
                    if self.toks[end].is_capitalised(self.text) {
                        caps += 1;
                    } else if caps >= 2
                        || is_clause_word(self.word(end))
                        || CUE_VERBS.has(self.word(end))
                    {
                        break;
                    }
                    end += 1;
                }
                while end > j + 1 && !self.toks[end - 1].is_capitalised(self.text) {
                    end -= 1;
                }
                return Some((j, end));
            }
            j += 1;
        }
        None
    }

    /// Where the content begins after the verb (or after an inverted source).
    fn content_start(&self, mut i: usize, e: usize, verb: &str) -> usize {
        // Up to a nearby "that" through adjuncts ("said in a statement on Monday that").
        let mut j = i;
        while j < e && j - i < 14 {
            let t = self.toks[j];
            if self.tok_quote[j].is_some() {
                break;
            }
            if t.word && t.text(self.text).eq_ignore_ascii_case("that") {
                return j + 1;
            }
            let ok = if t.word {
                is_adjunct(t.text(self.text))
                    || t.is_capitalised(self.text)
                    || t.text(self.text).chars().all(|c| c.is_ascii_digit())
            } else {
                matches!(t.punct(self.text), Some(','))
            };
            if !ok {
                break;
            }
            j += 1;
        }
        // "told reporters", "told the BBC", "told him": skip the listener.
        if matches!(
            verb,
            "told"
                | "tell"
                | "tells"
                | "telling"
                | "assured"
                | "warned"
                | "urged"
                | "reassuring"
                | "reminded"
        ) {
            if i < e
                && self.toks[i].word
                && matches!(
                    ascii_lower(self.word(i)).as_bytes(),
                    b"him"
                        | b"her"
                        | b"them"
                        | b"us"
                        | b"me"
                        | b"reporters"
                        | b"journalists"
                        | b"parliament"
                        | b"mps"
                        | b"investors"
                        | b"delegates"
                        | b"lawmakers"
                )
            {
                i += 1;
            } else if i < e && self.toks[i].word && (self.is_word(i, "the") || self.is_word(i, "a"))
            {
                let mut j = i + 1;
                while j < e
                    && j - i <= 3
                    && self.toks[j].word
                    && (self.toks[j].is_capitalised(self.text)
                        || matches!(
                            self.word(j),
                            "press"
                                | "news"
                                | "conference"
                                | "briefing"
                                | "newspaper"
                                | "committee"
                                | "agency"
                                | "paper"
                        ))
                {
                    j += 1;
                }
                if j > i + 1 {
                    i = j;
                }
            } else {
                while i < e && self.toks[i].is_capitalised(self.text) && self.tok_quote[i].is_none()
                {
                    i += 1;
                }
            }
        }
        // Adjuncts right after the verb: "yesterday", "on Monday", "in a statement".
        loop {
            if i >= e || !self.toks[i].word {
                break;
            }
            let w = ascii_lower(self.word(i));
            if matches!(
                w.as_str(),
                "yesterday"
                    | "today"
                    | "tonight"
                    | "earlier"
                    | "later"
                    | "also"
                    | "again"
                    | "repeatedly"
                    | "publicly"
            ) {
                i += 1;
            } else if matches!(w.as_str(), "on" | "last" | "this" | "late" | "early")
                && i + 1 < e
                && is_time_word(self.word(i + 1))
            {
                i += 2;
            } else if w == "in"
                && i + 2 < e
                && matches!(
                    self.word(i + 1),
                    "a" | "an" | "the" | "his" | "her" | "its" | "their"
                )
                && matches!(
                    ascii_lower(self.word(i + 2)).as_bytes(),
                    b"statement"
                        | b"interview"
                        | b"letter"
                        | b"speech"
                        | b"report"
                        | b"note"
                        | b"message"
                        | b"post"
                        | b"tweet"
                        | b"blog"
                        | b"memo"
                        | b"filing"
                )
            {
                i += 3;
            } else {
                break;
            }
        }
        // `said: ...`, and `said, "..."` with a quotation after the comma.
        let colon = i < e && self.punct(i) == Some(':');
        let comma_quote = i + 1 < e && self.punct(i) == Some(',') && self.is_quote_mark(i + 1);
        if colon || comma_quote {
            i += 1;
        }
        i
    }

    /// Where a content clause that starts at `i` ends: the sentence end, or a following
    /// participle cue (", adding that"), "according to" or a semicolon.
    fn content_end(&self, i: usize, e: usize, relative: bool) -> usize {
        let mut j = i;
        while j < e {
            if self.tok_quote[j].is_none() {
                if matches!(self.punct(j), Some(';')) {
                    return j;
                }
                // "said the vote was fair but admitted ...": a second verb of the subject.
                if j > i && (self.is_word(j, "but") || self.is_word(j, "and")) {
                    let mut v = j + 1;
                    while v < e && self.toks[v].word && is_auxiliary(self.word(v)) {
                        v += 1;
                    }
                    if v < e
                        && self.toks[v].word
                        && CUE_VERBS.has(self.word(v))
                        && self.tok_quote[v].is_none()
                    {
                        return j;
                    }
                }
                if matches!(self.punct(j), Some(',')) && j + 1 < e && self.toks[j + 1].word {
                    let w = ascii_lower(self.word(j + 1));
                    // ", adding that", ", according to", and the main verb after a
                    // relative clause: "Weitz, who admitted he ..., said he ...".
                    let main_verb = relative || w.ends_with("ing");
                    if (CUE_VERBS.has(&w) && main_verb) || w == "according" || w == "citing" {
                        return j;
                    }
                    // ", Bellamy insisted ...", ", but said ...": a new attribution.
                    if self.new_attribution_at(j + 1, e) {
                        return j;
                    }
                }
            }
            j += 1;
        }
        e
    }

    /// Whether a new subject and reporting verb start at token `i` ("Bellamy insisted",
    /// "but said", "and the club said"): up to five words, then a cue verb.
    fn new_attribution_at(&self, i: usize, e: usize) -> bool {
        let mut j = i;
        while j < e && j - i < 5 && self.toks[j].word && self.tok_quote[j].is_none() {
            let w = self.word(j);
            if CUE_VERBS.has(w) && !self.toks[j].is_capitalised(self.text) {
                let first = self.word(i);
                let subject = j > i
                    && (self.toks[i].is_capitalised(self.text)
                        || is_pronoun(first)
                        || is_determiner(first));
                // ", but said", ", and added", ", who had told him that".
                let coordinated = matches!(ascii_lower(first).as_bytes(), b"but" | b"and" | b"who");
                return subject || coordinated;
            }
            if is_clause_word(w) && j > i {
                return false;
            }
            j += 1;
        }
        false
    }

    /// A quotation whose closing mark is right before token `before` (a comma between allowed).
    fn quote_ending_before(&self, s: usize, before: usize) -> Option<usize> {
        let mut i = before;
        while i > s
            && matches!(self.punct(i - 1), Some(',' | '—' | '–' | '-'))
            && self.tok_quote[i - 1].is_none()
        {
            i -= 1;
        }
        if i == s {
            return None;
        }
        let q = self.tok_quote[i - 1]?;
        let quote = self.quotes[q];
        (quote.closed && self.is_quote_mark(i - 1) && self.toks[i - 1].end == quote.end)
            .then_some(q)
    }

    /// A quotation whose opening mark is token `i`.
    fn quote_starting_at(&self, i: usize, e: usize) -> Option<usize> {
        if i >= e {
            return None;
        }
        let q = self.tok_quote[i]?;
        (self.quotes[q].open == self.toks[i].start).then_some(q)
    }

    /// Whether quotation `q` runs to the end of the sentence (only punctuation after it).
    fn quote_ends_sentence(&self, q: usize, e: usize) -> bool {
        let end = self.quotes[q].end;
        let after = self.token_at(end);
        (after..e).all(|j| !self.toks[j].word) || after >= e
    }

    /// An "according to X" / "citing X" claim: the source is the phrase after the cue, the
    /// content is the rest of the sentence.
    fn according_to(&self, si: usize, k: usize, src: usize) -> Option<Draft> {
        let (s, e) = self.sent_toks[si];
        if src >= e {
            return None; // "according to" at the very end: no source
        }
        let mut src_end = src;
        let named = self.toks[src].is_capitalised(self.text);
        while src_end < e
            && self.toks[src_end].word
            && self.tok_quote[src_end].is_none()
            && src_end - src < 10
        {
            let w = self.word(src_end);
            if src_end > src && is_clause_word(w) {
                break;
            }
            // "According to Ofcom there were ...": a name ends at its last capital
            // (connectors inside it allowed); a new determiner starts the content.
            let after_connector =
                matches!(self.word(src_end - 1), "of" | "for" | "at" | "in" | "and");
            let lower = !self.toks[src_end].is_capitalised(self.text);
            if src_end > src
                && named
                && lower
                && !matches!(w, "of" | "the" | "for" | "and" | "at" | "to")
            {
                break;
            }
            if src_end > src
                && !after_connector
                && (is_pronoun(w) || w == "there" || (is_determiner(w) && w != "the"))
            {
                break;
            }
            src_end += 1;
        }
        while src_end > src + 1
            && matches!(self.word(src_end - 1), "of" | "the" | "for" | "and" | "at")
        {
            src_end -= 1;
        }
        if src_end == src {
            return None;
        }
        let cue = Span::new(self.toks[k].start, self.toks[src - 1].end);
        let mut draft = Draft {
            kind: ClaimKind::AccordingTo,
            pieces: Vec::new(),
            cue,
            mention: Some((src, src_end)),
            inherited: None,
            last_sentence: si,
            quotes: Vec::new(),
            quote_first: false,
        };
        // A quotation in the sentence is the content: `"...," according to X.`
        if let Some(q) = self.quote_ending_before(s, k) {
            draft.kind = ClaimKind::Direct;
            draft.pieces.push(self.quotes[q].content);
            draft.quotes.push(q);
            draft.quote_first = true;
            return Some(draft);
        }
        // Content: the sentence without "according to X" and its commas.
        let mut before_end = k;
        while before_end > s
            && !self.toks[before_end - 1].word
            && self.tok_quote[before_end - 1].is_none()
        {
            before_end -= 1;
        }
        let mut after_start = src_end;
        while after_start < e
            && !self.toks[after_start].word
            && self.tok_quote[after_start].is_none()
        {
            after_start += 1;
        }
        let mut after_end = e;
        while after_end > after_start && !self.toks[after_end - 1].word {
            after_end -= 1;
        }
        let mut text = String::new();
        let mut span: Option<Span> = None;
        for (a, b) in [(s, before_end), (after_start, after_end)] {
            if a < b {
                let piece = Span::new(self.toks[a].start, self.toks[b - 1].end);
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(piece.of(self.text));
                span = Some(match span {
                    Some(sp) => Span::new(sp.start, piece.end),
                    None => piece,
                });
            }
        }
        let span = span?;
        if text.split_whitespace().take(3).count() < 3 {
            return None;
        }
        if k > s && self.is_word(k, "citing") {
            // "..., Reuters reported, citing officials": the content is what comes before.
            draft.pieces.push(Span::new(
                self.toks[s].start,
                self.toks[before_end.max(s + 1) - 1].end,
            ));
        } else if before_end > s && after_start < after_end {
            draft
                .pieces
                .push(Span::new(self.toks[s].start, self.toks[before_end - 1].end));
            draft.pieces.push(Span::new(
                self.toks[after_start].start,
                self.toks[after_end - 1].end,
            ));
        } else {
            draft.pieces.push(span);
        }
        Some(draft)
    }

    /// Quotations of sentence `si` that no cue claimed: continuations of the previous
    /// claim, floating quotes of the last speaker, or scare quotes (dropped).
    fn leftover_quotes(
        &self,
        si: usize,
        drafts: &mut Vec<Draft>,
        resolved: &mut Vec<Resolved>,
        used: &mut [bool],
    ) {
        // Quotations are taken up in the sentence where they end, so that a cue after a
        // quotation of several sentences (`"A. B," she said.`) has claimed it first.
        let span = self.seg.sentences[si].span;
        let first = self.quotes.partition_point(|q| q.content.end <= span.start);
        for (q, &quote) in self.quotes.iter().enumerate().skip(first) {
            if quote.content.end > span.end {
                break;
            }
            if used[q] {
                continue;
            }
            used[q] = true;
            let open_sentence = self.seg.sentence_at(quote.open);
            let (s, _) = self.sent_toks[open_sentence];
            let i = self.token_at(quote.open);
            let Some(prev) = drafts.last_mut() else {
                continue;
            };
            let prev_para = self.seg.sentences[prev.last_sentence].paragraph;
            let this_para = self.seg.sentences[open_sentence].paragraph;
            let last_quote_end = prev.quotes.last().map(|&pq| self.quotes[pq].end);
            // A paragraph that reopens an unclosed quotation continues it.
            if quote.continues
                && last_quote_end.is_some_and(|end| {
                    !self.quotes[prev.quotes[prev.quotes.len() - 1]].closed && end <= quote.open
                })
            {
                prev.pieces.push(quote.content);
                prev.quotes.push(q);
                prev.last_sentence = self.seg.sentence_at(quote.content.end.saturating_sub(1));
                continue;
            }
            let starts_sentence = i == s || (s..i).all(|j| !self.toks[j].word);
            if !starts_sentence {
                continue; // a scare quote, a title or a nickname
            }
            let next_sentence = prev.last_sentence + 1 >= open_sentence;
            // A quotation before the claim's own (`" said "we" he said.`: the first mark
            // was never closed) cannot continue it: pieces stay in text order.
            let after_prev = last_quote_end.is_some_and(|end| end <= quote.open);
            // `"We will win," he said. "We always do."`: one claim.
            if prev.kind == ClaimKind::Direct
                && prev.quote_first
                && this_para == prev_para
                && next_sentence
                && after_prev
            {
                prev.pieces.push(quote.content);
                prev.quotes.push(q);
                prev.last_sentence = self.seg.sentence_at(quote.content.end.saturating_sub(1));
                continue;
            }
            // A floating quotation continues the last speaker.
            if self.has_four_words(q)
                && this_para <= prev_para + 1
                && open_sentence <= prev.last_sentence + 3
            {
                let Some(source) = resolved.last().cloned() else {
                    continue;
                };
                let cue = prev.cue;
                let mention_text = prev
                    .mention
                    .map(|(a, b)| sources::mention_text(self.text, &self.toks[a..b]))
                    .unwrap_or_default();
                let last_sentence = self.seg.sentence_at(quote.content.end.saturating_sub(1));
                drafts.push(Draft {
                    kind: ClaimKind::Direct,
                    pieces: vec![quote.content],
                    cue,
                    mention: None,
                    inherited: Some((source.clone(), mention_text)),
                    last_sentence: last_sentence.max(open_sentence),
                    quotes: vec![q],
                    quote_first: false,
                });
                resolved.push(Resolved {
                    sentence: si,
                    ..source
                });
            }
        }
    }

    /// Turns a draft and its resolved source into the stage's output type.
    fn finish(&self, d: Draft, r: Resolved) -> Option<Attribution> {
        let first = *d.pieces.first()?;
        let last = *d.pieces.last()?;
        let text = d
            .pieces
            .iter()
            .map(|p| p.of(self.text).trim())
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            return None;
        }
        let (source_mention, source_span) = match (&d.inherited, d.mention) {
            (Some((_, m)), _) => (m.clone(), None),
            (None, Some((a, b))) => {
                let m = sources::mention_text(self.text, &self.toks[a..b]);
                let end = self.toks[b - 1].end;
                (m.clone(), Some(Span::new(end - m.len(), end)))
            }
            (None, None) => (String::new(), None),
        };
        let source = if r.name.is_empty() {
            "unknown".to_string()
        } else {
            r.name
        };
        let text_span = Span::new(first.start, last.end.max(first.start));
        let cue_span = d.inherited.is_none().then_some(d.cue);
        // The sentences of the claim's first and last character, content and cue: a
        // quotation can open a sentence or more before its cue's.
        let start = cue_span.map_or(text_span.start, |c| c.start.min(text_span.start));
        let end = cue_span.map_or(text_span.end, |c| c.end.max(text_span.end));
        let sentences = (
            self.seg.sentence_at(start),
            self.seg.sentence_at(end.saturating_sub(1)),
        );
        Some(Attribution {
            kind: d.kind,
            text,
            text_span,
            source,
            source_type: r.kind,
            source_mention,
            source_span,
            cue: d.cue.of(self.text).to_string(),
            cue_span,
            sentences,
        })
    }
}

/// Verbs that are as often about business results as about speech ("reported a loss",
/// "posted gains", "estimated at").
fn needs_marked_content(verb: &str) -> bool {
    matches!(
        ascii_lower(verb).as_bytes(),
        b"report"
            | b"reports"
            | b"reported"
            | b"reporting"
            | b"post"
            | b"posts"
            | b"posted"
            | b"posting"
            | b"estimate"
            | b"estimates"
            | b"estimated"
            | b"estimating"
            | b"forecast"
            | b"forecasts"
            | b"forecasting"
            | b"record"
            | b"indicated"
            | b"indicates"
            | b"indicate"
    )
}

/// Verbs of saying that can stand before their subject (`"...," said Mr Smith`).
fn invertible(verb: &str) -> bool {
    matches!(
        verb,
        "said"
            | "says"
            | "added"
            | "adds"
            | "explained"
            | "explains"
            | "noted"
            | "notes"
            | "continued"
            | "warned"
            | "warns"
            | "insisted"
            | "insists"
            | "argued"
            | "argues"
            | "wrote"
            | "writes"
            | "recalled"
            | "recalls"
            | "admitted"
            | "agreed"
            | "agrees"
            | "observed"
            | "stated"
            | "suggested"
            | "suggests"
            | "commented"
            | "remarked"
            | "concluded"
            | "claimed"
            | "claims"
            | "replied"
            | "replies"
            | "declared"
            | "confirmed"
            | "acknowledged"
            | "conceded"
            | "predicted"
            | "predicts"
            | "reported"
            | "reports"
            | "stressed"
            | "asserted"
            | "maintained"
            | "tweeted"
            | "posted"
            | "estimated"
            | "believes"
            | "thinks"
    )
}

fn is_be(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"is" | b"are" | b"was" | b"were" | b"be" | b"been" | b"being"
    )
}

/// Adjectives that stand between a determiner and a cue word used as a noun
/// ("its own report", "the latest statement", "his earlier comments").
fn is_noun_adjective(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"own"
            | b"new"
            | b"latest"
            | b"final"
            | b"annual"
            | b"first"
            | b"second"
            | b"previous"
            | b"recent"
            | b"further"
            | b"separate"
            | b"official"
            | b"full"
            | b"interim"
            | b"detailed"
            | b"special"
            | b"earlier"
            | b"initial"
            | b"public"
            | b"written"
            | b"joint"
            | b"brief"
            | b"short"
            | b"long"
            | b"formal"
            | b"strong"
            | b"similar"
            | b"repeated"
    )
}

fn is_possessive_word(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'")
}

/// Words that can stand between a reporting verb and "that" without being its content:
/// "said in a statement on Monday that", "told reporters at a news conference that".
fn is_adjunct(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"in"
            | b"on"
            | b"at"
            | b"a"
            | b"an"
            | b"the"
            | b"last"
            | b"this"
            | b"next"
            | b"week"
            | b"month"
            | b"year"
            | b"night"
            | b"morning"
            | b"afternoon"
            | b"evening"
            | b"yesterday"
            | b"today"
            | b"statement"
            | b"interview"
            | b"conference"
            | b"press"
            | b"news"
            | b"briefing"
            | b"reporters"
            | b"journalists"
            | b"him"
            | b"her"
            | b"them"
            | b"us"
            | b"me"
            | b"also"
            | b"later"
            | b"earlier"
            | b"repeatedly"
            | b"public"
            | b"event"
            | b"written"
            | b"speech"
            | b"television"
            | b"radio"
            | b"its"
            | b"his"
            | b"their"
            | b"weekly"
            | b"monthly"
            | b"annual"
            | b"report"
            | b"letter"
            | b"to"
            | b"parliament"
            | b"recently"
            | b"separately"
    )
}

fn is_time_word(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
            | b"week"
            | b"month"
            | b"year"
            | b"night"
            | b"weekend"
            | b"morning"
            | b"evening"
            | b"afternoon"
    )
}

#[cfg(test)]
mod tests;
