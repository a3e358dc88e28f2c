//! Classify stage: each attribution's status (`reported`, `confirmed`, `unconfirmed`)
//! by the rules of CLAIMS.md, with the phrase that decided it.
//!
//! The rules, strongest first:
//! 1. A source that is not named ("sources close to the matter", "analysts", "newspaper
//!    reports") → unconfirmed, also when it "confirmed"; the evidence is the source phrase.
//! 2. The claim is itself a denial ("Shepherd denied that ...") → reported; it is itself a
//!    refusal to confirm ("police declined to confirm that ...") → unconfirmed.
//! 3. A hedge governs the claim: its cue is one ("claimed", "alleged", "accusing") or a hedge
//!    stands in its sentence ("reportedly", "is said to", "on condition of anonymity")
//!    → unconfirmed.
//! 4. A confirmation governs it ("confirmed", "acknowledged", "admitted", "officially
//!    announced"), not negated, not hypothetical, not a question, not another word sense
//!    → confirmed.
//! 5. A non-confirmation or denial elsewhere in the article about the same event or content
//!    (see [`scope`]) → unconfirmed.
//! 6. Otherwise → reported.
//!
//! The document is scanned once (and only if it has attributions); each claim then looks
//! up the signals near it.

mod lex;
mod scan;
mod scope;

use crate::model::{Attribution, Claim, ClaimKind, Document, Segmented, SourceType, Span, Status};

use lex::Cat;
use scan::{LocalHit, StatementKind};

/// What the submodules share about one document.
struct Doc<'a> {
    text: &'a str,
    seg: &'a Segmented,
    attrs: &'a [Attribution],
    /// Each attribution's source, normalised once ([`scope::normalise`]): the scope rules
    /// compare it with every statement's parties. Empty when the article has no statements.
    sources: Vec<String>,
}

impl Doc<'_> {
    /// Direct and partial claims are quotations: a hedge inside one is the speaker's word.
    fn is_quote(&self, a: &Attribution) -> bool {
        matches!(a.kind, ClaimKind::Direct | ClaimKind::Partial)
    }
}

/// Gives every attribution a status. Sees the whole document, because a non-confirmation
/// or denial anywhere in the article can apply to a claim about the same event.
pub fn classify(doc: &Document, seg: &Segmented, attributions: Vec<Attribution>) -> Vec<Claim> {
    if attributions.is_empty() {
        return Vec::new();
    }
    let found = scan::scan(&doc.text, seg);
    // Only the scope rules of statements read the normalised sources.
    let sources = if found.statements.is_empty() {
        Vec::new()
    } else {
        attributions
            .iter()
            .map(|a| scope::normalise(&a.source))
            .collect()
    };
    let d = Doc {
        text: &doc.text,
        seg,
        attrs: &attributions,
        sources,
    };
    let statements = scope::resolve(&d, &found.statements);
    let mut bags = Vec::new();
    bags.resize_with(attributions.len(), || None);
    let decided: Vec<(Status, String)> = (0..attributions.len())
        .map(|i| decide(&d, i, &found.local, &statements, &mut bags))
        .collect();
    attributions
        .into_iter()
        .zip(decided)
        .map(|(attribution, (status, status_cue))| Claim {
            attribution,
            status,
            status_cue,
        })
        .collect()
}

fn decide(
    d: &Doc,
    i: usize,
    local: &[LocalHit],
    statements: &[scope::Resolved],
    bags: &mut [Option<scope::Bag>],
) -> (Status, String) {
    let Some(a) = d.attrs.get(i) else {
        return (Status::Reported, String::new());
    };
    let cue_of = |span: Span| d.text.get(span.start..span.end).unwrap_or("").to_string();
    if let Some(phrase) = unnamed_source(a) {
        return (Status::Unconfirmed, phrase);
    }
    let own = statements.iter().find(|r| {
        a.cue_span
            .is_some_and(|c| c.start < r.statement.cue.end && r.statement.cue.start < c.end)
    });
    if let Some(r) = own {
        return match r.statement.kind {
            StatementKind::Deny => (Status::Reported, String::new()),
            StatementKind::NonConfirm => (Status::Unconfirmed, cue_of(r.statement.cue)),
        };
    }
    let governing: Vec<&LocalHit> = local.iter().filter(|h| governs(d, i, h)).collect();
    if let Some(h) = governing.iter().find(|h| h.cat != Cat::Confirm) {
        return (Status::Unconfirmed, cue_of(h.span));
    }
    if is_hedge_cue(&a.cue) {
        return (Status::Unconfirmed, a.cue.clone());
    }
    if let Some(h) = governing.first() {
        return (Status::Confirmed, cue_of(h.span));
    }
    if let Some(r) = statements.iter().find(|r| scope::applies(d, r, i, bags)) {
        return (Status::Unconfirmed, cue_of(r.statement.cue));
    }
    (Status::Reported, String::new())
}

/// The source phrase when the source is not named: typed anonymous by the attribute
/// stage, or a document or unknown source whose head is an unnamed one ("newspaper
/// reports", "a report") with no capitalised name in it.
fn unnamed_source(a: &Attribution) -> Option<String> {
    // The evidence is the phrase as written: the mention where it is the source itself
    // ("Sources close to the matter"), not a pronoun standing for it.
    let mention = a.source_mention.trim();
    let phrase = if a.source.trim().is_empty() || mention.eq_ignore_ascii_case(a.source.trim()) {
        mention
    } else {
        a.source.trim()
    };
    match a.source_type {
        SourceType::Anonymous => Some(phrase.to_string()),
        SourceType::Document | SourceType::Unknown => {
            let words = lex::words(phrase, Span::new(0, phrase.len()));
            let head = words.last().map(|w| lex::lower(w.of(phrase)))?;
            let named = words
                .iter()
                .skip(1)
                .any(|w| w.of(phrase).chars().next().is_some_and(char::is_uppercase));
            (lex::UNNAMED_HEAD_SET.contains(&*head) && !named).then(|| phrase.to_string())
        }
        SourceType::Person | SourceType::Organization => None,
    }
}

/// Whether the cue is a hedge in itself ("claimed", "alleging", "accused").
fn is_hedge_cue(cue: &str) -> bool {
    lex::words(cue, Span::new(0, cue.len()))
        .iter()
        .any(|w| lex::HEDGE_CUE_SET.contains(&*lex::lower(w.of(cue))))
}

/// Whether hit `h` speaks about claim `i`: it is in the claim's sentences; not inside a
/// quotation (a speaker's own words), except a first-person confirmation in the claim's
/// own quote ("We can confirm ..."); inside the claim's content, or nearer to its cue than
/// to any other claim's cue in that sentence; and a hedge not in a relative clause about
/// somebody else ("the minister, who is said to be furious, said ...").
fn governs(d: &Doc, i: usize, h: &LocalHit) -> bool {
    let Some(a) = d.attrs.get(i) else {
        return false;
    };
    let in_claim = |x: &Attribution| x.sentences.0 <= h.sentence && h.sentence <= x.sentences.1;
    if !in_claim(a) {
        return false;
    }
    let at = h.span.start;
    if let Some(q) = d
        .attrs
        .iter()
        .find(|x| d.is_quote(x) && x.text_span.contains(at))
    {
        return std::ptr::eq(q, a) && h.cat == Cat::Confirm && first_person_before(d.text, a, h);
    }
    if a.text_span.contains(at) {
        return true;
    }
    let inside_other = d
        .attrs
        .iter()
        .enumerate()
        .any(|(j, x)| j != i && x.text_span.contains(at));
    if inside_other {
        return false;
    }
    if h.cat == Cat::Hedge && in_relative_clause(d.text, a, h) {
        return false;
    }
    let distance = |x: &Attribution| {
        let anchor = x.cue_span.unwrap_or(x.text_span);
        if anchor.end <= h.span.start {
            h.span.start - anchor.end
        } else {
            anchor.start.saturating_sub(h.span.end)
        }
    };
    let mine = distance(a);
    d.attrs
        .iter()
        .filter(|x| in_claim(x))
        .all(|x| distance(x) >= mine)
}

/// "I" or "we" among the three words before the hit, inside the claim's quote.
fn first_person_before(text: &str, a: &Attribution, h: &LocalHit) -> bool {
    let start = a.text_span.start.min(h.span.start);
    let ws = lex::words(text, Span::new(start, h.span.start));
    ws.iter()
        .rev()
        .take(3)
        .any(|w| matches!(&*lex::lower(w.of(text)), "i" | "we"))
}

/// Whether the hit sits in a comma-delimited clause that opens with who/which/whose and
/// holds neither the claim's cue nor the start of its content.
fn in_relative_clause(text: &str, a: &Attribution, h: &LocalHit) -> bool {
    let before = text.get(..h.span.start).unwrap_or("");
    let Some(comma) = before.rfind(',') else {
        return false;
    };
    let after = text.get(h.span.end..).unwrap_or("");
    let end = after
        .find([',', '.', ';'])
        .map_or(text.len(), |k| h.span.end + k);
    let clause = Span::new(comma + 1, end);
    let opener = lex::words(text, clause)
        .first()
        .map(|w| lex::lower(w.of(text)));
    let relative = matches!(opener.as_deref(), Some("who" | "which" | "whose" | "whom"));
    let holds = |s: Span| clause.contains(s.start);
    relative && !a.cue_span.is_some_and(holds) && !holds(a.text_span)
}
