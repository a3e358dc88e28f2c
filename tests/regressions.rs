//! Inputs that once broke the pipeline (found by the fuzz target or the property tests),
//! kept in `tests/data/fuzz/` in the fuzz target's input format (see
//! `common::process_fuzz_input`): each must go through split and `process` without a
//! panic, and its claims must keep every invariant of `tests/invariants.rs`.
//!
//! A new finding: copy the artifact from `fuzz/artifacts/pipeline/` (minimised) into
//! `tests/data/fuzz/` under a name that says what it broke.

mod common;

use common::{check, process_fuzz_input, Seen};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[test]
fn fuzz_findings_stay_fixed() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("tests/data/fuzz exists")
        .map(|entry| entry.expect("readable folder").path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no inputs in {}", folder.display());
    let mut failed = Vec::new();
    for path in &paths {
        let data = std::fs::read(path).expect("readable input");
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            process_fuzz_input(&data).map(|p| check(&p, &Seen::default()))
        }));
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match outcome {
            Ok(None | Some(Ok(()))) => {}
            Ok(Some(Err(e))) => failed.push(format!("{name}: {e}")),
            Err(_) => failed.push(format!("{name}: panicked")),
        }
    }
    assert!(failed.is_empty(), "regressions:\n{}", failed.join("\n"));
}

/// The findings, spelled out.
#[test]
fn a_first_name_before_a_title_is_no_name_start() {
    // `Steve Mr H`: the first name comes before the title word that starts the name.
    let p = process_fuzz_input(b"2David Mr Howard said the plan would work.").expect("a document");
    assert_eq!(p.claims.len(), 1);
    assert_eq!(p.claims[0].attribution.source, "Howard");
}

#[test]
fn a_quotation_before_a_claim_does_not_continue_it() {
    // The first mark is never closed: `" said "` is a quotation before the claim's own.
    let p = process_fuzz_input(b"2\" said \"we\" he said. ").expect("a document");
    let texts: Vec<&str> = p
        .claims
        .iter()
        .map(|c| c.attribution.text.as_str())
        .collect();
    assert_eq!(texts, ["we"]);
}

#[test]
fn a_quotation_opened_in_an_earlier_sentence_counts_that_sentence() {
    // Found by `invariants_hold_after_a_header`: a partial claim whose quotation opens in
    // the sentence before its cue's gave the cue's sentence as its first one, and the
    // `sentence` column held only the end of the quotation.
    let text = "Marek Solberg said the plan was \"back we will clear tired\" and tired. \
                “we 2024\" he said. Marek Solberg said: \"we.\" said 3.5 — said he said ";
    // The body starts after the curly mark, as after a header line.
    let body = text.find("we 2024").expect("in the text");
    let p = claimtab::pipeline::process(common::document(text, body));
    let at = |byte: usize| p.segmented.sentence_at(byte);
    assert!(!p.claims.is_empty());
    for claim in &p.claims {
        let a = &claim.attribution;
        let cue = a.cue_span.unwrap_or(a.text_span);
        let first = at(a.text_span.start.min(cue.start));
        let last = at(a.text_span.end.max(cue.end) - 1);
        assert_eq!(a.sentences, (first, last), "{:?}", a.text);
    }
    assert!(p
        .claims
        .iter()
        .any(|c| c.attribution.sentences.0 < c.attribution.sentences.1));
}
