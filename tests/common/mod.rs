//! Shared by `tests/invariants.rs` and `tests/regressions.rs`: the invariants of a
//! processed document, and the input format of the fuzz target.

// Each test binary compiles this module and uses a part of it.
#![allow(dead_code)]

use claimtab::model::{ClaimKind, Document, Processed, Record, Span, Status};
use claimtab::output::{claim_rows, Cells};
use claimtab::pipeline::process;
use claimtab::stage::attribute::attribute;
use claimtab::stage::split::{parse_json_line, parse_txt};
use proptest::prelude::*;
use std::cell::Cell;

/// Every quotation mark the attribute stage knows, double and single.
pub const QUOTE_MARKS: &[char] = &['"', '“', '”', '„', '«', '»', '\'', '‘', '’'];

pub fn document(text: &str, body_start: usize) -> Document {
    Document {
        doc_id: "doc".into(),
        input: "test".into(),
        text: text.to_owned(),
        body_start,
        ..Document::default()
    }
}

/// How many claims met the strongest check (content = document slice), for the tests to
/// prove that the generator reaches it.
#[derive(Default)]
pub struct Seen {
    pub claims: Cell<usize>,
    pub exact_quotes: Cell<usize>,
}

/// Checks every invariant of one processed document.
pub fn check(p: &Processed, seen: &Seen) -> Result<(), TestCaseError> {
    // classify gives every attribution a status and leaves the attribution as it was.
    let attributions = attribute(&p.doc, &p.segmented);
    prop_assert_eq!(
        attributions.len(),
        p.claims.len(),
        "one claim per attribution"
    );
    for (claim, attribution) in p.claims.iter().zip(&attributions) {
        prop_assert_eq!(
            &claim.attribution,
            attribution,
            "classify keeps the attribution"
        );
    }
    check_claims(p, seen)
}

/// The invariants of the claims alone (also for a record processed in pieces, whose
/// claims come from the attribute stage run on each piece).
pub fn check_claims(p: &Processed, seen: &Seen) -> Result<(), TestCaseError> {
    let text = p.doc.text.as_str();
    let on_text = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for claim in &p.claims {
        let a = &claim.attribution;
        seen.claims.set(seen.claims.get() + 1);

        prop_assert!(on_text(a.text_span), "text span {:?}", a.text_span);
        if let Some(s) = a.source_span {
            prop_assert!(on_text(s), "source span {:?}", s);
            prop_assert_eq!(s.of(text), a.source_mention.as_str(), "mention as written");
        }
        if let Some(s) = a.cue_span {
            prop_assert!(on_text(s), "cue span {:?}", s);
            prop_assert_eq!(s.of(text), a.cue.as_str(), "cue as written");
        }
        let (first, last) = a.sentences;
        prop_assert!(
            first <= last && last < p.segmented.sentences.len(),
            "sentences {:?} of {}",
            a.sentences,
            p.segmented.sentences.len()
        );
        // The first and last sentences are those of the claim's first and last
        // character (content and cue).
        let ends = [Some(a.text_span), a.cue_span].into_iter().flatten();
        let start = ends.clone().map(|s| s.start).min().unwrap_or_default();
        let end = ends.map(|s| s.end).max().unwrap_or_default();
        let at = |byte: usize| p.segmented.sentence_at(byte);
        prop_assert_eq!(
            (at(start), at(end.saturating_sub(1))),
            a.sentences,
            "sentences of {}..{}",
            start,
            end
        );
        prop_assert!(!a.text.trim().is_empty(), "content not empty");
        prop_assert_eq!(
            claim.status == Status::Reported,
            claim.status_cue.is_empty(),
            "a status cue exactly when not reported: {:?} {:?}",
            claim.status,
            claim.status_cue
        );
        if matches!(a.kind, ClaimKind::Direct | ClaimKind::Partial) {
            check_quote(text, &a.text, a.text_span, seen)?;
        }
    }
    check_rows(p)
}

/// The `claims.csv` rows: one per claim, character offsets within the text, in order.
fn check_rows(p: &Processed) -> Result<(), TestCaseError> {
    let chars = p.doc.text.chars().count();
    let mut rows = 0;
    let mut previous = 0;
    for row in claim_rows(p, &Cells::new(false)) {
        rows += 1;
        prop_assert!(
            row.start <= row.end && row.end <= chars,
            "{}..{}",
            row.start,
            row.end
        );
        prop_assert!(previous <= row.start, "rows in text order");
        previous = row.start;
        for (a, b) in [
            (row.source_start, row.source_end),
            (row.cue_start, row.cue_end),
        ] {
            prop_assert_eq!(a.is_some(), b.is_some());
            prop_assert!(a <= b && b.is_none_or(|b| b <= chars), "{:?}..{:?}", a, b);
        }
    }
    prop_assert_eq!(rows, p.claims.len(), "one row per claim");
    Ok(())
}

/// The content of a quotation against its span. The span runs from the first to the last
/// character of the content; an interrupted quotation (`"Yes," he said, "we will."`) or
/// one over several paragraphs joins its pieces with a space, so its span holds
/// quotation marks between them. A span without any quotation mark is one piece: the
/// content is exactly the document slice, which is what the `start`, `end` columns promise.
pub fn check_quote(
    text: &str,
    content: &str,
    span: Span,
    seen: &Seen,
) -> Result<(), TestCaseError> {
    let slice = span.of(text);
    if !slice.contains(QUOTE_MARKS) {
        seen.exact_quotes.set(seen.exact_quotes.get() + 1);
        prop_assert_eq!(content, slice, "quotation = document slice at {:?}", span);
        return Ok(());
    }
    prop_assert_eq!(
        slice.chars().next(),
        content.chars().next(),
        "starts at the content"
    );
    prop_assert_eq!(
        slice.chars().last(),
        content.chars().last(),
        "ends at the content"
    );
    // Every character of the content comes from the slice, in order (the joins aside).
    let mut rest = slice.chars().filter(|c| !c.is_whitespace());
    for c in content.chars().filter(|c| !c.is_whitespace()) {
        prop_assert!(
            rest.any(|r| r == c),
            "content {:?} is not drawn from {:?}",
            content,
            slice
        );
    }
    Ok(())
}

/// A fuzz target input (`fuzz/fuzz_targets/pipeline.rs`) through split and `process`:
/// the first byte chooses the reading (`0 mod 3` a `.txt` file, `1` a JSON line as it is,
/// `2` the text of a well-formed JSON line), the rest is the input. `None` when split
/// makes an error record of it.
pub fn process_fuzz_input(data: &[u8]) -> Option<Processed> {
    let (&mode, rest) = data.split_first()?;
    let record = match mode % 3 {
        0 => parse_txt("fuzz".to_owned(), "fuzz.txt".to_owned(), rest),
        1 => parse_json_line("fuzz.jsonl:1", rest),
        _ => {
            let text = String::from_utf8_lossy(rest);
            let line = serde_json::json!({ "id": "fuzz", "title": "t", "text": text });
            let line = serde_json::to_vec(&line).expect("a JSON value serialises");
            parse_json_line("fuzz.jsonl:1", &line)
        }
    };
    match record {
        Record::Doc(doc) => Some(process(doc)),
        Record::Error(_) => None,
    }
}
