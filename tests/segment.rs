//! The segmenter against the English Golden Rules, and its span invariants on any input.

use claimtab::model::Segmented;
use claimtab::stage::segment::{segment, MAX_SENTENCE};
use proptest::prelude::*;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Rules {
    rules: Vec<Rule>,
}

#[derive(serde::Deserialize)]
struct Rule {
    text: String,
    sentences: Vec<String>,
}

fn sentence_texts<'t>(text: &'t str, seg: &Segmented) -> Vec<&'t str> {
    seg.sentences.iter().map(|s| s.span.of(text)).collect()
}

/// The 48 English Golden Rules (the pySBD suite): pySBD passes 47, spaCy's small model 29.
#[test]
fn golden_rules_pass_at_least_44_of_48() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/segmentation/english_golden_rules.json");
    let Ok(json) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is absent", path.display());
        return;
    };
    let rules: Rules = serde_json::from_str(&json).expect("golden rules parse");
    let mut passed = 0;
    for (n, rule) in rules.rules.iter().enumerate() {
        let got = sentence_texts(&rule.text, &segment(&rule.text, 0));
        if got == rule.sentences {
            passed += 1;
        } else {
            println!(
                "rule {} fails:\n  want {:?}\n  got  {:?}",
                n + 1,
                rule.sentences,
                got
            );
        }
    }
    println!("golden rules: {passed} of {} pass", rules.rules.len());
    assert!(
        passed >= 44,
        "only {passed} of {} golden rules pass",
        rules.rules.len()
    );
}

/// Checks every invariant of a segmentation of `text[start..]`.
fn check_invariants(text: &str, start: usize, seg: &Segmented) -> Result<(), TestCaseError> {
    let blank = |a: usize, b: usize| text[a..b].chars().all(char::is_whitespace);
    let mut prev_end = start.min(text.len());
    for p in &seg.paragraphs {
        prop_assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        prop_assert!(
            prev_end <= p.start && p.start < p.end,
            "paragraphs in order, not empty"
        );
        let s = p.of(text);
        prop_assert_eq!(s, s.trim(), "paragraph is trimmed");
        prev_end = p.end;
    }
    let mut cursor: Option<(usize, usize)> = None; // (paragraph, end of previous sentence)
    for s in &seg.sentences {
        let span = s.span;
        prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        prop_assert!(!span.is_empty(), "sentence not empty");
        let st = span.of(text);
        prop_assert_eq!(st, st.trim(), "sentence is trimmed");
        let p = *seg
            .paragraphs
            .get(s.paragraph)
            .ok_or_else(|| TestCaseError::fail("no such paragraph"))?;
        prop_assert!(
            p.start <= span.start && span.end <= p.end,
            "sentence inside its paragraph"
        );
        match cursor {
            Some((para, end)) if para == s.paragraph => {
                prop_assert!(end <= span.start, "sentences in order");
                prop_assert!(blank(end, span.start), "only white space between sentences");
            }
            Some((para, end)) => {
                prop_assert!(s.paragraph == para + 1, "no paragraph without sentences");
                prop_assert_eq!(
                    end,
                    seg.paragraphs[para].end,
                    "last sentence ends its paragraph"
                );
                prop_assert_eq!(span.start, p.start, "first sentence starts its paragraph");
            }
            None => {
                prop_assert_eq!(s.paragraph, 0);
                prop_assert_eq!(span.start, p.start, "first sentence starts its paragraph");
            }
        }
        cursor = Some((s.paragraph, span.end));
    }
    match cursor {
        Some((para, end)) => {
            prop_assert_eq!(para + 1, seg.paragraphs.len());
            prop_assert_eq!(
                end,
                seg.paragraphs[para].end,
                "last sentence ends its paragraph"
            );
        }
        None => prop_assert!(seg.paragraphs.is_empty()),
    }
    Ok(())
}

/// Text made of the pieces that drive the segmenter, with any Unicode mixed in.
fn news_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(". ".to_string()),
        Just(".".to_string()),
        Just("...".to_string()),
        Just(" . . . ".to_string()),
        Just("? ".to_string()),
        Just("!".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n \r\n".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("“".to_string()),
        Just("”.".to_string()),
        Just("’".to_string()),
        Just("(".to_string()),
        Just(") ".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("a.m. ".to_string()),
        Just("1. ".to_string()),
        Just(" 2.) ".to_string()),
        Just("a. ".to_string()),
        Just(" b. ".to_string()),
        Just("• ".to_string()),
        Just("…".to_string()),
        Just("[...]".to_string()),
        Just(" The ".to_string()),
        Just(" I. ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{2028}".to_string()),
        "[a-zA-Z]{1,8}",
        "[ \t]{1,3}",
        "\\PC{1,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn spans_tile_paragraphs_on_news_like_text(text in news_like(), start in 0usize..64) {
        let start = start.min(text.len());
        let seg = segment(&text, start);
        let mut s = start;
        while !text.is_char_boundary(s) {
            s += 1;
        }
        check_invariants(&text, s, &seg)?;
    }

    #[test]
    fn spans_tile_paragraphs_on_any_string(text in any::<String>()) {
        let seg = segment(&text, 0);
        check_invariants(&text, 0, &seg)?;
    }
}

#[test]
fn a_start_inside_a_character_or_past_the_end_is_safe() {
    let text = "Ünïcödé. Wörds here.";
    for start in 0..=text.len() + 3 {
        let seg = segment(text, start);
        let mut s = start.min(text.len());
        while !text.is_char_boundary(s) {
            s += 1;
        }
        check_invariants(text, s, &seg).unwrap();
    }
}

/// A stretch without a sentence end longer than `MAX_SENTENCE` is no sentence: it is cut
/// at white space (or between characters where there is none) into pieces that tile it.
#[test]
fn a_long_paragraph_without_punctuation_is_cut_into_pieces() {
    let text = "word ".repeat(200_000) + &"ü".repeat(1_000_000);
    let seg = segment(&text, 0);
    assert_eq!(seg.paragraphs.len(), 1);
    assert!(seg.sentences.len() > 1_000_000 / MAX_SENTENCE);
    assert!(seg.sentences.iter().all(|s| s.span.len() <= MAX_SENTENCE));
    check_invariants(&text, 0, &seg).unwrap();
    let mut words = seg
        .sentences
        .iter()
        .filter(|s| s.span.of(&text).starts_with('w'));
    assert!(
        words.all(|s| s.span.of(&text).ends_with("word")),
        "cut at spaces"
    );
}

/// Inputs built to make a careless scan quadratic: each must finish at once.
#[test]
fn pathological_paragraphs_stay_linear() {
    let started = std::time::Instant::now();
    for unit in [
        "1. x? ",
        "Mr. ",
        ". ",
        "At 5 a.m. The ",
        "... ",
        "Short line\n",
        "• ",
        "a) b ",
    ] {
        let text = unit.repeat(1_000_000 / unit.len());
        let seg = segment(&text, 0);
        check_invariants(&text, 0, &seg).unwrap();
    }
    // Generous: a linear scan takes well under a second even unoptimised.
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}

/// Real news text, when the shared corpus is present: no panics, invariants hold.
#[test]
fn dev_corpus_segments_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let seg = segment(&text, 0);
        check_invariants(&text, 0, &seg).unwrap();
        assert!(!seg.sentences.is_empty());
    }
}
