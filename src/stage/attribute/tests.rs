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

fn sources_of(text: &str) -> Vec<(String, crate::model::SourceType)> {
    claims(text)
        .into_iter()
        .map(|a| (a.source, a.source_type))
        .collect()
}

use crate::model::SourceType as Ty;

#[test]
fn inverted_and_appositive_attributions() {
    assert_eq!(
        triples("\"The ward is full every night,\" said Hugh Hill, a doctor."),
        [t(Direct, "Hugh Hill", "The ward is full every night,")]
    );
    assert_eq!(
        triples("Hugh Hill, a doctor, said: \"The ward is full every night.\""),
        [t(Direct, "Hugh Hill", "The ward is full every night.")]
    );
    assert_eq!(
        triples("The plan will fail, said Mr Smith, who replaced Ms Jones as leader in July."),
        [t(Indirect, "Smith", "The plan will fail")]
    );
}

#[test]
fn interrupted_quote_is_one_claim() {
    assert_eq!(
        triples("\"We will win,\" he said. \"We always do.\""),
        [t(Direct, "he", "We will win, We always do.")]
    );
}

#[test]
fn quote_over_paragraphs_with_reopened_marks() {
    let text = "Anna Berg said: \"The harbour will close in May.\n\n\"After that the town has nothing left.\"";
    assert_eq!(
        triples(text),
        [t(
            Direct,
            "Anna Berg",
            "The harbour will close in May. After that the town has nothing left."
        )]
    );
}

#[test]
fn floating_quote_continues_the_last_speaker() {
    let text = "\"The vote was fair,\" Carl Ober said.\n\n\"Nobody has shown me any proof of fraud at all.\"";
    let found = claims(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].source, "Carl Ober");
    assert_eq!(
        found[1].text,
        "Nobody has shown me any proof of fraud at all."
    );
}

#[test]
fn scare_quotes_names_and_titles_are_not_claims() {
    assert!(claims("Police arrested a man who goes by \"Shorty\" in the market.").is_empty());
    assert!(claims("The minister unveiled a new \"Marshall Plan\" for the north.").is_empty());
    assert!(claims("She starred in a film called \"Heat\" last year.").is_empty());
}

#[test]
fn unbalanced_marks_never_swallow_the_article() {
    let text = "He said: \"We will fight on.\n\nThe council meets on Monday. Tom Reed said the budget was too small for the county.";
    let found = claims(text);
    assert_eq!(found[0].text, "We will fight on.");
    assert!(found
        .iter()
        .any(|a| a.source == "Tom Reed" && a.text == "the budget was too small for the county"));
}

#[test]
fn reporting_cues_beyond_said() {
    for (sentence, cue) in [
        (
            "Ana Ruiz told reporters that the mine would reopen soon.",
            "told",
        ),
        ("Ana Ruiz added that the mine would reopen soon.", "added"),
        (
            "Ana Ruiz warned that the mine would close within weeks.",
            "warned",
        ),
        ("Ana Ruiz insisted the mine would reopen soon.", "insisted"),
        ("Ana Ruiz argued that the mine would reopen soon.", "argued"),
        (
            "Ana Ruiz admitted the mine would not reopen this year.",
            "admitted",
        ),
        (
            "Ana Ruiz denied that the mine would close this year.",
            "denied",
        ),
        (
            "Ana Ruiz claimed the mine would reopen within a month.",
            "claimed",
        ),
        ("Ana Ruiz wrote that the mine would reopen soon.", "wrote"),
        (
            "Ana Ruiz tweeted that the mine would reopen soon.",
            "tweeted",
        ),
        ("Ana Ruiz posted that the mine would reopen soon.", "posted"),
        (
            "Ana Ruiz said in a statement that the mine would reopen soon.",
            "said",
        ),
    ] {
        let found = claims(sentence);
        assert_eq!(found.len(), 1, "{sentence}");
        assert_eq!(found[0].cue, cue, "{sentence}");
        assert_eq!(found[0].source, "Ana Ruiz", "{sentence}");
    }
}

#[test]
fn according_to_before_and_after_and_citing() {
    assert_eq!(
        triples("According to the ministry, the dam holds enough water for a year."),
        [t(
            AccordingTo,
            "ministry",
            "the dam holds enough water for a year"
        )]
    );
    let found = claims("The dam holds enough water for a year, according to Lena Paul.");
    assert_eq!(found[0].kind, AccordingTo);
    assert_eq!(found[0].source, "Lena Paul");
    assert_eq!(found[0].text, "The dam holds enough water for a year");
    let found =
        claims("Prices will rise again in spring, the agency reported, citing industry officials.");
    assert!(found
        .iter()
        .any(|a| a.cue == "citing" && a.source_type == Ty::Anonymous));
}

#[test]
fn quoted_as_saying() {
    let found = claims("Chief executive Tom Hale was quoted by the Daily Post as saying the airline would cut jobs.");
    assert_eq!(found[0].source, "Tom Hale");
    assert_eq!(found[0].text, "the airline would cut jobs");
}

#[test]
fn indirect_speech_with_and_without_that_and_partial_fragments() {
    assert_eq!(
        triples("Mr Blair said that the claims were false."),
        [t(Indirect, "Blair", "the claims were false")]
    );
    assert_eq!(
        triples("Mr Blair said the claims were false."),
        [t(Indirect, "Blair", "the claims were false")]
    );
    assert_eq!(
        triples("Mr Blair said the claims were \"reheated\"."),
        [t(Partial, "Blair", "reheated")]
    );
}

#[test]
fn organisations_documents_and_anonymous_sources() {
    assert_eq!(
        sources_of("The company said sales had fallen by a third."),
        [("company".to_string(), Ty::Organization)]
    );
    assert_eq!(
        sources_of("A report said sales had fallen by a third."),
        [("A report".to_string(), Ty::Document)]
    );
    assert_eq!(
        sources_of("A source close to the matter said the deal was off."),
        [("A source close to the matter".to_string(), Ty::Anonymous)]
    );
    assert_eq!(
        sources_of("Officials who spoke on condition of anonymity said the deal was off."),
        [(
            "Officials who spoke on condition of anonymity".to_string(),
            Ty::Anonymous
        )]
    );
    assert_eq!(
        sources_of("A Qantas spokesman said the flights would resume."),
        [("Qantas".to_string(), Ty::Organization)]
    );
}

#[test]
fn two_claims_in_one_sentence() {
    let found = claims("\"It is over,\" Ed Marsh said, adding that the team would rebuild.");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].text, "It is over,");
    assert_eq!(found[1].source, "Ed Marsh");
    assert_eq!(found[1].text, "the team would rebuild");
}

#[test]
fn sources_resolve_to_the_fullest_name() {
    let text = "Chancellor of the Exchequer Nigel Lawson spoke in Leeds. Lawson said rates would stay low. He added that growth was strong. Mr Lawson said the pound was stable.";
    let found = claims(text);
    assert_eq!(found.len(), 3);
    for a in &found {
        assert_eq!(a.source, "Nigel Lawson", "{}", a.source_mention);
        assert_eq!(a.source_type, Ty::Person);
    }
    assert_eq!(found[1].source_mention, "He");
}

#[test]
fn she_skips_a_male_antecedent() {
    let text = "Maria Costa met Peter Lund in Oslo. She said the talks had gone well.";
    assert_eq!(claims(text)[0].source, "Maria Costa");
}

#[test]
fn a_first_name_before_a_title_in_one_run_is_no_crash() {
    // The run "Adam Chancellor Brown" has a first name (k = 0) before the title word
    // (start = 2): the name is what follows the title.
    let found = claims("Adam Chancellor Brown said the plan would fail.");
    assert_eq!(found.len(), 1);
    assert!(found[0].source.ends_with("Brown"), "{:?}", found[0].source);
}
