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
fn active_quoted_as_saying_names_the_object() {
    let text = "\"We must cut costs,\" the newspaper quoted chief executive Ray Dunn as saying.";
    assert_eq!(triples(text), [t(Direct, "Ray Dunn", "We must cut costs,")]);
}

#[test]
fn coordinated_verbs_share_their_subject() {
    let found =
        claims("The party leader said the vote was fair but admitted it was \"not an easy call\".");
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].source, found[0].source);
    assert_eq!(found[1].cue, "admitted");
    assert_eq!(found[1].text, "not an easy call");
}

#[test]
fn multi_sentence_quote_before_an_appositive_speaker() {
    let text = "\"That is a fair plan. But it will not work this year,\" Rosa Lind, head of trade at Nordbank, said.";
    assert_eq!(
        triples(text),
        [t(
            Direct,
            "Rosa Lind",
            "That is a fair plan. But it will not work this year,"
        )]
    );
}

#[test]
fn definite_description_refers_back_to_the_person_last_quoted() {
    let text =
        "Rosa Lind said prices would rise. The Nordbank economist also said wages would lag.";
    let found = claims(text);
    assert_eq!(found[1].source, "Rosa Lind");
}

#[test]
fn unnamed_groups_are_anonymous() {
    assert_eq!(
        sources_of("Prices will rise, according to a London research group."),
        [("a London research group".to_string(), Ty::Anonymous)]
    );
}

#[test]
fn she_after_a_spokeswoman_is_the_spokeswoman() {
    let text = "A spokeswoman for Harbour Mall said the car parks were full. She said the tills had never been busier.";
    let found = claims(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].source, "Harbour Mall");
    assert_eq!(found[1].source, "Harbour Mall");
    assert_eq!(found[1].source_type, Ty::Organization);
}

#[test]
fn a_first_name_before_a_title_does_not_panic() {
    // Found on real text: a first name ahead of a title word in one capitalised run.
    let found = claims(
        "Lucy Minister Smith said the plan was fine. Paul Secretary of State Jones said so too.",
    );
    assert!(found.iter().any(|a| a.text == "the plan was fine"));
}

#[test]
fn according_to_x_then_y_said_is_the_speakers_claim() {
    let text = "Prime Minister Ana Holm met the mayor. According to Mr Berg the prime minister said: \"Give me a year and I will go.\"";
    let found = claims(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, Direct);
    assert_eq!(found[0].source, "Ana Holm");
}

#[test]
fn a_participle_takes_the_clause_subject() {
    let found =
        claims("Union leader Carl Ober attacked the plans for pensioners saying they were unfair.");
    assert_eq!(found[0].source, "Carl Ober");
    let found =
        claims("The party is keen to stress trust, with Carl Ober claiming voters had lost faith.");
    assert_eq!(found[0].source, "Carl Ober");
}

#[test]
fn the_object_of_accused_is_no_inverted_speaker() {
    let found = claims(
        "On Monday inspection chief Dan Bell, accused some schools of failing their pupils.",
    );
    assert!(found.iter().all(|a| !a.source.contains("schools")));
}

#[test]
fn according_to_a_name_ends_with_the_name() {
    let found = claims("According to Ofcom there were four million broadband users in April.");
    assert_eq!(found[0].source, "Ofcom");
    assert_eq!(
        found[0].text,
        "there were four million broadband users in April"
    );
}

#[test]
fn relative_who_takes_its_antecedent() {
    let found = claims(
        "The claim was denied by Tom Reed, who accused the player of \"cheating\" the club.",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].source, "Tom Reed");
    assert_eq!(found[0].text, "cheating");
}

#[test]
fn a_negation_in_an_earlier_clause_does_not_cancel_a_second_verb() {
    let found = claims(
        "She said she did not trust them, but suggested the \"three-way deal\" could still work.",
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].cue, "suggested");
    assert_eq!(found[1].text, "three-way deal");
}

#[test]
fn admitted_to_and_hailed_as() {
    assert_eq!(
        triples("He admitted to a \"sense of defeat\" on Monday.")[0].2,
        "sense of defeat"
    );
    assert_eq!(
        triples("Coach Ana Ruiz hailed the win as a \"special\" day.")[0],
        t(Partial, "Ana Ruiz", "special")
    );
}

#[test]
fn real_text_patterns_from_wire_copy() {
    // A dateline is no part of the subject.
    let found = claims("LONDON, March 18 - An internal report said growth would slow.");
    assert_eq!(found[0].source, "An internal report");
    // Business verbs are no speech without a marked content.
    assert!(claims("Commodities posted solid gains today as the dollar fell.").is_empty());
    assert!(claims("The bank reported a net loss of 12 mln dlrs for the year.").is_empty());
    assert_eq!(
        claims("The bank reported that its losses had narrowed.")[0].text,
        "its losses had narrowed"
    );
    // Adverbs and time phrases between the subject and the verb.
    assert_eq!(
        claims("Ada Crane firmly believes the deal is dead.")[0].source,
        "Ada Crane"
    );
    assert_eq!(
        claims("Fannie Mae last month warned that records were wrong.")[0].source,
        "Fannie Mae"
    );
    // "member states" is no verb; "55,000" is one number.
    assert!(claims("EU member states are failing to report fraud.").is_empty());
    let found = claims("About 55,000 oil workers said they would strike.");
    assert_eq!(found[0].source_mention, "About 55,000 oil workers");
    // Wal-Mart keeps its name before a descriptive appositive.
    let found = claims("Wal-Mart, the largest US retailer, has said its sales would rise.");
    assert_eq!(found[0].source, "Wal-Mart");
    // A relative clause with its own reporting verb is a claim of its antecedent.
    let found =
        claims("Leo Hart said he had met Ida Moss, who had told him that the plan was dead.");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].text, "he had met Ida Moss");
    assert_eq!(found[1].source, "Ida Moss");
}

#[test]
fn according_to_at_the_end_of_a_sentence_has_no_source() {
    assert!(claims("Prices rose, according to").is_empty());
}

#[test]
fn a_first_name_before_a_title_in_one_run_is_no_crash() {
    // The run "Adam Chancellor Brown" has a first name (k = 0) before the title word
    // (start = 2): the name is what follows the title.
    let found = claims("Adam Chancellor Brown said the plan would fail.");
    assert_eq!(found.len(), 1);
    assert!(found[0].source.ends_with("Brown"), "{:?}", found[0].source);
}
