//! The cases that users of other quote extractors report as broken, each with
//! sentences written by us.

use super::attribute;
use crate::model::{Attribution, ClaimKind, Document};
use crate::stage::segment::segment;

fn claims(text: &str) -> Vec<Attribution> {
    let doc = Document {
        doc_id: "t".into(),
        text: text.into(),
        ..Document::default()
    };
    let seg = segment(&doc.text, 0);
    attribute(&doc, &seg)
}

/// (kind, source, text) of every claim, for compact assertions.
fn triples(text: &str) -> Vec<(ClaimKind, String, String)> {
    claims(text)
        .into_iter()
        .map(|a| (a.kind, a.source, a.text))
        .collect()
}

fn t(kind: ClaimKind, source: &str, text: &str) -> (ClaimKind, String, String) {
    (kind, source.to_string(), text.to_string())
}

use ClaimKind::*;

#[test]
fn direct_quote_with_speaker_after() {
    assert_eq!(
        triples("\"We are ready to talk to anyone,\" Maria Lopez said."),
        [t(Direct, "Maria Lopez", "We are ready to talk to anyone,")]
    );
}

#[test]
fn direct_quote_with_speaker_before_and_colon() {
    assert_eq!(
        triples("Mr Peston told BBC News: \"The bank has run out of options.\""),
        [t(Direct, "Peston", "The bank has run out of options.")]
    );
}

#[test]
fn appositive_after_the_quote() {
    assert_eq!(
        triples("\"That sounds like a plan for the year,\" Aldo Ruiz, vice president for trade at Chase Bank, said."),
        [t(Direct, "Aldo Ruiz", "That sounds like a plan for the year,")]
    );
    assert_eq!(
        triples("Jane Holt, president of Acme Corp's western division, told Reuters in an interview that sales would rise."),
        [t(Indirect, "Jane Holt", "sales would rise")]
    );
}

#[test]
fn reopened_mark_at_each_sentence_continues_the_quote() {
    let text = "Jo Marsh told the Daily Post: \"It is not about money. It is about pride. \"Nobody is bigger than the club.\" The club meets on Monday.";
    assert_eq!(
        triples(text),
        [t(
            Direct,
            "Jo Marsh",
            "It is not about money. It is about pride. Nobody is bigger than the club."
        )]
    );
}

#[test]
fn role_noun_subject_is_the_source() {
    let text = "The chairman told the Daily Post: \"It is not about money at all.\"";
    assert_eq!(
        triples(text),
        [t(Direct, "The chairman", "It is not about money at all.")]
    );
}
