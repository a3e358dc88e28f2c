//! One pass over a document: the status signals in it, sorted into hits that speak about
//! the claim next to them (confirmation, hedge, anonymity) and statements that speak about
//! an event or content anywhere in the article (non-confirmation, denial).
//!
//! Every hit is checked where it stands: word senses ("denied bail"), questions,
//! negation ("has not confirmed", "did not deny") and hypotheticals ("is expected to
//! confirm", "if confirmed").

use crate::model::{Segmented, Span};

use super::lex::{self, Cat};

/// A confirmation, hedge or anonymity phrase, to be given to the claim it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalHit {
    pub cat: Cat,
    pub span: Span,
    pub sentence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// "has not confirmed", "declined to confirm", "could not be independently verified".
    NonConfirm,
    /// "denied", "dismissed reports", "were untrue".
    Deny,
}

/// A non-confirmation or denial. `hit` is the lexicon phrase; `cue` is the evidence as
/// written, with its negation ("Neither the United States nor Russia has officially
/// confirmed").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    pub kind: StatementKind,
    pub hit: Span,
    pub cue: Span,
    pub sentence: usize,
    /// The sentence's span (for a headline before the first sentence: its line).
    pub sentence_span: Span,
}

/// The signals of one document.
#[derive(Debug, Default)]
pub struct Scan {
    pub local: Vec<LocalHit>,
    pub statements: Vec<Statement>,
}

/// Auxiliaries that belong to a negated cue ("has not confirmed", "could not be
/// verified"): closed-class grammar, not vocabulary, so it lives here and not in a lexicon.
const AUXILIARIES: &[&str] = &[
    "are", "been", "can", "could", "did", "do", "does", "had", "has", "have", "is", "may", "might",
    "should", "was", "were", "will", "would",
];

/// Words that start a new clause: a negator or modal before them does not reach a cue
/// after them ("said it had not received the report and confirmed ...").
const CLAUSE_WORDS: &[&str] = &[
    "although", "and", "because", "but", "that", "though", "which", "while", "who",
];

/// Characters between two words that end a clause for the negation window.
fn is_clause_gap(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '"' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}'
        )
    })
}

/// Scans `text` once for status signals.
pub fn scan(text: &str, seg: &Segmented) -> Scan {
    let hits = lex::signal_hits(text);
    let mut out = Scan::default();
    for (cat, span) in hits {
        // Traps only matter where a signal is: they are looked for around it.
        if lex::in_trap(text, span) {
            continue;
        }
        let (sentence, sentence_span) = sentence_of(text, seg, span.start);
        if is_question(text, sentence_span, span) {
            continue;
        }
        let statement = |kind, cue| Statement {
            kind,
            hit: span,
            cue,
            sentence,
            sentence_span,
        };
        match cat {
            Cat::Hedge | Cat::Anonymity => out.local.push(LocalHit {
                cat,
                span,
                sentence,
            }),
            Cat::NonConfirm => out
                .statements
                .push(statement(StatementKind::NonConfirm, span)),
            Cat::Confirm => match before(text, sentence_span, span) {
                Before::Negated(cue_start) => out.statements.push(statement(
                    StatementKind::NonConfirm,
                    Span::new(cue_start, span.end),
                )),
                Before::Hypothetical => {}
                Before::Plain => out.local.push(LocalHit {
                    cat,
                    span,
                    sentence,
                }),
            },
            Cat::Deny | Cat::DenyVerb => {
                if cat == Cat::DenyVerb && !has_claim_object(text, sentence_span, span) {
                    continue;
                }
                // "did not deny", "would deny", "if he denies": no denial.
                if before(text, sentence_span, span) == Before::Plain {
                    out.statements.push(statement(StatementKind::Deny, span));
                }
            }
        }
    }
    out
}

/// The index and span of the sentence holding `byte`. Text before the first sentence (a
/// headline above the body) counts as sentence 0, with its own line as the span.
pub fn sentence_of(text: &str, seg: &Segmented, byte: usize) -> (usize, Span) {
    let i = seg.sentence_at(byte);
    match seg.sentences.get(i) {
        Some(s) if s.span.start <= byte && byte < s.span.end => (i, s.span),
        _ => (i, line_of(text, byte)),
    }
}

fn line_of(text: &str, byte: usize) -> Span {
    let start = text
        .get(..byte)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(byte..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| byte + i);
    Span::new(start, end)
}

/// Whether the clause holding `hit` ends in a question mark ("Did police confirm it?").
fn is_question(text: &str, sentence: Span, hit: Span) -> bool {
    let rest = text.get(hit.end..sentence.end.max(hit.end)).unwrap_or("");
    rest.chars().find(|c| matches!(c, '.' | '?' | '!')) == Some('?')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// Negated; the cue starts at this byte (the negator, or its auxiliary, or "Neither").
    Negated(usize),
    /// Future, modal, conditional or request.
    Hypothetical,
    Plain,
}

/// How many words before a cue a negator or modal still governs it ("Neither the United
/// States nor Russia has officially confirmed": "nor" is three words back).
const WINDOW: usize = 5;

/// Reads the words before `hit` in its clause: is the cue negated or hypothetical?
fn before(text: &str, sentence: Span, hit: Span) -> Before {
    let start = sentence.start.min(hit.start);
    let ws = lex::words(text, Span::new(start, hit.start));
    let lowered: Vec<String> = ws
        .iter()
        .map(|w| lex::lower(w.of(text)).into_owned())
        .collect();
    // Walk back from the cue until the window is full or a clause boundary is crossed.
    let mut first = ws.len();
    let mut next_start = hit.start;
    for (i, w) in ws.iter().enumerate().rev() {
        let gap = text.get(w.end..next_start).unwrap_or("");
        if ws.len() - i > WINDOW || is_clause_gap(gap) || CLAUSE_WORDS.contains(&&*lowered[i]) {
            break;
        }
        first = i;
        next_start = w.start;
    }
    let window = first..ws.len();
    let negator = window.clone().rev().find(|&i| {
        let w = &lowered[i];
        if w == "yet" {
            return lowered.get(i + 1).is_some_and(|n| n == "to");
        }
        lex::is_negator(w)
    });
    if let Some(i) = negator {
        let mut cue_start = ws[i].start;
        if lowered[i] == "nor" {
            if let Some(j) = (0..i).rev().find(|&j| lowered[j] == "neither") {
                cue_start = ws[j].start;
            }
        } else if i > first && AUXILIARIES.contains(&&*lowered[i - 1]) {
            cue_start = ws[i - 1].start;
        }
        return Before::Negated(cue_start);
    }
    if window
        .clone()
        .any(|i| lex::BLOCKER_SET.contains(&*lowered[i]))
    {
        return Before::Hypothetical;
    }
    Before::Plain
}

/// For verbs that deny only with a claim as object: a claim noun within four words after
/// the verb ("dismissed reports", "rejected Robinson's contention"), "as" soon after
/// ("dismissed them as nonsense"), or a passive with a claim noun as subject ("the claims
/// were dismissed").
fn has_claim_object(text: &str, sentence: Span, hit: Span) -> bool {
    let end = sentence.end.max(hit.end);
    let after = lex::words(text, Span::new(hit.end, end));
    let mut prev_end = hit.end;
    for (i, w) in after.iter().take(4).enumerate() {
        let gap = text.get(prev_end..w.start).unwrap_or("");
        if is_clause_gap(gap) {
            break;
        }
        prev_end = w.end;
        let word = lex::lower(w.of(text));
        if lex::CLAIM_NOUN_SET.contains(&*lex::stem(&word)) || lex::CLAIM_NOUN_SET.contains(&*word)
        {
            return true;
        }
        if word == "as" && i < 3 {
            return true;
        }
    }
    let start = sentence.start.min(hit.start);
    let prior = lex::words(text, Span::new(start, hit.start));
    let n = prior.len();
    let last: Vec<String> = prior[n.saturating_sub(4)..]
        .iter()
        .map(|w| lex::lower(w.of(text)).into_owned())
        .collect();
    let passive = last
        .iter()
        .rev()
        .take(2)
        .any(|w| matches!(w.as_str(), "was" | "were" | "been" | "being" | "is" | "are"));
    passive
        && last.iter().any(|w| {
            lex::CLAIM_NOUN_SET.contains(w.as_str()) || lex::CLAIM_NOUN_SET.contains(&*lex::stem(w))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stage::segment::segment;

    fn kinds(text: &str) -> (Vec<Cat>, Vec<(StatementKind, String)>) {
        let seg = segment(text, 0);
        let scan = scan(text, &seg);
        (
            scan.local.iter().map(|h| h.cat).collect(),
            scan.statements
                .iter()
                .map(|s| (s.kind, s.cue.of(text).to_string()))
                .collect(),
        )
    }

    #[test]
    fn negation_makes_a_statement_with_its_auxiliary() {
        let (local, st) = kinds("The ministry has not officially confirmed the visit.");
        assert!(local.is_empty());
        assert_eq!(
            st,
            vec![(
                StatementKind::NonConfirm,
                "has not officially confirmed".into()
            )]
        );
    }

    #[test]
    fn neither_nor_reaches_back_to_neither() {
        let (_, st) = kinds("Neither Paris nor Rome has confirmed the meeting.");
        assert_eq!(
            st,
            vec![(
                StatementKind::NonConfirm,
                "Neither Paris nor Rome has confirmed".into()
            )]
        );
    }

    #[test]
    fn a_negator_in_another_clause_does_not_reach() {
        let (local, st) = kinds("He did not attend, but the club confirmed the fee.");
        assert_eq!(local, vec![Cat::Confirm]);
        assert!(st.is_empty());
    }

    #[test]
    fn hypotheticals_questions_and_traps_are_dropped() {
        for text in [
            "The firm is expected to confirm the deal.",
            "Will the club confirm the fee?",
            "He was denied bail.",
            "She faces a confirmation hearing.",
            "He did not deny the report.",
            "He was dismissed by the club.",
        ] {
            let (local, st) = kinds(text);
            assert!(
                local.is_empty() && st.is_empty(),
                "{text}: {local:?} {st:?}"
            );
        }
    }

    #[test]
    fn deny_verbs_need_a_claim_object() {
        let (_, st) = kinds("Jones rejected Smith's contention that the deal was dead.");
        assert_eq!(st.len(), 1);
        let (_, st) = kinds("Jones rejected the offer.");
        assert!(st.is_empty());
        let (_, st) = kinds("The claims were dismissed by the board.");
        assert_eq!(st.len(), 1);
    }
}
