//! Invariants of the attribute and classify stages on any text, by property test: no
//! panic through `process`, every span on character boundaries within the text, sentence
//! indices in range, and the content of an uninterrupted quotation equal to the document
//! slice at its offsets. (The segmenter's own invariants are in `tests/segment.rs`.)
//!
//! Two kinds of input: arbitrary strings, and news-like text built from quotation marks
//! of every kind, reporting cues, names, abbreviations, line breaks and non-ASCII, mixed
//! with well-formed quotations so that the quotation checks have claims to check.

mod common;

use claimtab::model::Span;
use claimtab::pipeline::{process, process_in_pieces};
use claimtab::stage::segment::segment;
use common::{check, check_claims, check_quote, document, Seen};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn run(strategy: impl Strategy<Value = String>, cases: u32) -> Seen {
    let seen = Seen::default();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |text| {
        let p = process(document(&text, 0));
        check(&p, &seen)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    seen
}

/// News-like text: words, names, cues, quotation marks, punctuation and line breaks in
/// any order, and well-formed quotations with their speakers.
fn news_text() -> impl Strategy<Value = String> {
    let soup = prop::sample::select(vec![
        "said",
        "says",
        "told reporters",
        "added",
        "according to",
        "citing",
        "denied",
        "has not confirmed",
        "reportedly",
        "that",
        "the plan",
        "will",
        "not",
        "work",
        "he",
        "she",
        "they",
        "Marek Solberg",
        "Dr. Lindqvist",
        "the ministry",
        "officials",
        "Mr.",
        "U.S.",
        "3.5",
        "Émile",
        "東京",
        "—",
        "…",
        "\"",
        "“",
        "”",
        "„",
        "«",
        "»",
        "'",
        "‘",
        "’",
        ".",
        ",",
        ":",
        "?",
        "!",
        "\n",
        "\n\n",
        "\r\n",
        " ",
    ]);
    let soup = prop::collection::vec(soup, 0..40).prop_map(|v| v.join(" "));
    let words = prop::collection::vec(
        prop::sample::select(vec![
            "we", "will", "not", "back", "down", "the", "vote", "is", "clear", "prices", "rise",
            "in", "2024", "tired", "naïve", "café", "東京", "and", "never",
        ]),
        1..8,
    )
    .prop_map(|v| v.join(" "));
    let speaker = prop::sample::select(vec![
        "he",
        "she",
        "Marek Solberg",
        "Dr. Anna Lindqvist",
        "a spokesperson",
        "officials",
        "the ministry",
        "Émile Zola",
    ]);
    let (open, close) = (
        prop::sample::select(vec!["\"", "“", "«"]),
        prop::sample::select(vec!["\"", "”", "»"]),
    );
    let quotation = (
        words.clone(),
        words.clone(),
        speaker,
        open,
        close,
        0..5usize,
    )
        .prop_map(|(a, b, who, open, close, form)| match form {
            0 => format!("{open}{a}{close} {who} said."),
            1 => format!("{open}{a},{close} said {who}."),
            2 => format!("{who} said: {open}{a}.{close}"),
            3 => format!("{open}{a},{close} {who} said, {open}{b}.{close}"),
            _ => format!("{who} said the plan was {open}{a}{close} and {b}."),
        });
    let sentence = prop_oneof![2 => quotation, 1 => soup];
    let gap = prop::sample::select(vec![" ", " ", "\n", "\n\n"]);
    prop::collection::vec((sentence, gap), 1..8)
        .prop_map(|v| v.into_iter().flat_map(|(s, g)| [s, g.to_owned()]).collect())
}

#[test]
fn invariants_hold_on_arbitrary_strings() {
    // Any string alone, and news text with any string spliced in at a character boundary.
    let spliced = (news_text(), any::<String>(), any::<usize>()).prop_map(|(text, noise, at)| {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        format!("{}{noise}{}", &text[..at], &text[at..])
    });
    let seen = run(prop_oneof![any::<String>(), spliced], 256);
    println!("{} claims checked", seen.claims.get());
}

#[test]
fn invariants_hold_on_news_like_text() {
    let seen = run(news_text(), 256);
    println!(
        "{} claims checked, {} quotations equal to their slice",
        seen.claims.get(),
        seen.exact_quotes.get()
    );
    // The checks must have had something to check.
    assert!(seen.claims.get() > 256, "the generator yields claims");
    assert!(
        seen.exact_quotes.get() > 100,
        "and uninterrupted quotations"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Segmentation that starts after a header (`body_start` > 0), as for `.txt` files.
    #[test]
    fn invariants_hold_after_a_header(text in news_text(), cut in 0usize..200) {
        let mut start = cut.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let p = process(document(&text, start));
        prop_assert!(p.segmented.sentences.iter().all(|s| s.span.start >= start));
        check(&p, &Seen::default())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A record longer than an article is processed in pieces (here: small ones): the
    /// claims keep every invariant in the whole document (offsets and sentence indices
    /// put back).
    #[test]
    fn invariants_hold_in_a_record_processed_in_pieces(
        parts in prop::collection::vec(news_text(), 1..6),
        article_bytes in 1usize..600,
    ) {
        let text = parts.join("\n\n");
        let p = process_in_pieces(document(&text, 0), article_bytes);
        check_claims(&p, &Seen::default())?;
    }
}

/// The quotation check can fail: a content that is not its slice is caught.
#[test]
fn the_quotation_check_catches_a_wrong_content() {
    let text = "\"We will not back down,\" Marek Solberg said.";
    let span = Span::new(1, 22);
    let seen = Seen::default();
    assert!(check_quote(text, "We will not back down", span, &seen).is_ok());
    assert!(check_quote(text, "We will not back", span, &seen).is_err());
    assert!(check_quote(text, "We will not back down", Span::new(0, 22), &seen).is_err());
    let interrupted = "\"Yes,\" he said, \"we will.\"";
    let span = Span::new(1, 25);
    assert!(check_quote(interrupted, "Yes, we will.", span, &seen).is_ok());
    assert!(check_quote(interrupted, "Yes, we won't.", span, &seen).is_err());
}

#[test]
fn segment_is_reachable_for_the_checks() {
    // A sanity check of the test's own plumbing: a plain quotation is found.
    let text = "\"We will not back down,\" Marek Solberg said on Monday.";
    let p = process(document(text, 0));
    assert_eq!(segment(text, 0).sentences.len(), 1);
    assert_eq!(p.claims.len(), 1, "{:?}", p.claims);
    check(&p, &Seen::default()).expect("invariants hold");
}
