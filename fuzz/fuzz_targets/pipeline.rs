//! One record through the per-document pipeline: split (a `.txt` file or a JSON line) →
//! segment → attribute → classify → the `claims.csv` rows, checking the invariants the
//! tables rely on. A panic anywhere is a finding.
//!
//! The first byte chooses how the rest is read, so that one corpus reaches every path:
//! - `0 mod 3`: the bytes are a `.txt` file ([`parse_txt`]);
//! - `1 mod 3`: the bytes are a JSON line as they are ([`parse_json_line`]);
//! - `2 mod 3`: the bytes (decoded lossily) are the `text` of a well-formed JSON line,
//!   so that mutations explore the article text rather than JSON syntax.

#![no_main]

use claimtab::model::{ClaimKind, Processed, Record, Span, Status};
use claimtab::output::{claim_rows, Cells};
use claimtab::pipeline::process;
use claimtab::stage::split::{parse_json_line, parse_txt};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
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
    let Record::Doc(doc) = record else { return };
    check(&process(doc));
});

/// The invariants of one processed document and of its rows; panics on a violation.
fn check(p: &Processed) {
    let text = &p.doc.text;
    let on_text = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let sentences = p.segmented.sentences.len();
    for claim in &p.claims {
        let a = &claim.attribution;
        assert!(on_text(a.text_span), "text span {:?}", a.text_span);
        if let Some(s) = a.source_span {
            assert!(on_text(s), "source span {s:?}");
            assert_eq!(s.of(text), a.source_mention, "mention as written");
        }
        if let Some(s) = a.cue_span {
            assert!(on_text(s), "cue span {s:?}");
            assert_eq!(s.of(text), a.cue, "cue as written");
        }
        if matches!(a.kind, ClaimKind::Direct | ClaimKind::Partial) {
            check_quote(a.text_span.of(text), &a.text);
        }
        assert!(
            a.sentences.0 <= a.sentences.1 && a.sentences.1 < sentences,
            "sentences {:?} of {sentences}",
            a.sentences
        );
        // The sentences of the claim's first and last character (content and cue).
        let ends = [Some(a.text_span), a.cue_span].into_iter().flatten();
        let start = ends.clone().map(|s| s.start).min().unwrap_or_default();
        let end = ends.map(|s| s.end).max().unwrap_or_default();
        let at = |byte: usize| p.segmented.sentence_at(byte);
        assert_eq!((at(start), at(end.saturating_sub(1))), a.sentences);
        assert_eq!(
            claim.status == Status::Reported,
            claim.status_cue.is_empty(),
            "a status cue exactly when not reported"
        );
    }
    let chars = text.chars().count();
    let cells = Cells::new(false);
    let mut csv = csv::Writer::from_writer(std::io::sink());
    let mut rows = 0;
    for row in claim_rows(p, &cells) {
        assert!(row.start <= row.end && row.end <= chars);
        for (a, b) in [
            (row.source_start, row.source_end),
            (row.cue_start, row.cue_end),
        ] {
            assert_eq!(a.is_some(), b.is_some());
            assert!(a <= b && b.is_none_or(|b| b <= chars));
        }
        csv.serialize(&row).expect("a row serialises");
        rows += 1;
    }
    assert_eq!(rows, p.claims.len());
}

/// A quotation's content against the document slice at its span (as in
/// `tests/invariants.rs`): equal when the slice holds no quotation mark (one piece);
/// otherwise (an interrupted quotation, pieces joined by a space) the same first and last
/// character, and every other character drawn from the slice in order.
fn check_quote(slice: &str, content: &str) {
    const MARKS: &[char] = &['"', '“', '”', '„', '«', '»', '\'', '‘', '’'];
    if !slice.contains(MARKS) {
        assert_eq!(content, slice, "quotation = document slice");
        return;
    }
    assert_eq!(
        slice.chars().next(),
        content.chars().next(),
        "starts at the content"
    );
    assert_eq!(
        slice.chars().last(),
        content.chars().last(),
        "ends at the content"
    );
    let mut rest = slice.chars().filter(|c| !c.is_whitespace());
    for c in content.chars().filter(|c| !c.is_whitespace()) {
        assert!(
            rest.any(|r| r == c),
            "{content:?} is not drawn from {slice:?}"
        );
    }
}
