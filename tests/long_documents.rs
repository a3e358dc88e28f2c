//! Records far longer than an article (concatenations, scrapes, a 50 MB JSON line) are
//! processed in pieces of whole sentences, so that the article-wide comparisons of
//! attribute and classify stay linear in the record's length; the claims keep their
//! offsets and sentence indices in the whole document.

use claimtab::model::{Document, Segmented, Sentence, Span};
use claimtab::pipeline::{pieces, process, ARTICLE_BYTES};

/// One paragraph, three claims' worth of cues.
const ARTICLE: &str = "Mayor Ilse Brandvold said the bridge would reopen on Monday. \
                       \"We kept our promise,\" she said. The council confirmed the date.";

fn document(text: String) -> Document {
    Document {
        doc_id: "long".into(),
        text,
        ..Document::default()
    }
}

#[test]
fn a_record_longer_than_an_article_gives_the_claims_of_each_part() {
    let one = process(document(ARTICLE.to_owned()));
    assert!(!one.claims.is_empty());
    let unit = ARTICLE.len() + 2;
    let copies = 2 * ARTICLE_BYTES / unit + 3;
    let text = format!("{ARTICLE}\n\n").repeat(copies);
    let all = process(document(text.clone()));
    assert!(text.len() > ARTICLE_BYTES);
    assert_eq!(all.claims.len(), copies * one.claims.len());
    let per = one.segmented.sentences.len();
    for (n, claim) in all.claims.iter().enumerate() {
        let (k, single) = (n / one.claims.len(), &one.claims[n % one.claims.len()]);
        let (a, b) = (&claim.attribution, &single.attribution);
        let at = |s: Span| Span::new(s.start + k * unit, s.end + k * unit);
        assert_eq!((a.kind, &a.text, &a.source), (b.kind, &b.text, &b.source));
        assert_eq!(claim.status, single.status);
        assert_eq!(
            a.text_span,
            at(b.text_span),
            "offsets in the whole document"
        );
        assert_eq!(a.cue_span, b.cue_span.map(at));
        assert_eq!(a.source_span, b.source_span.map(at));
        assert_eq!(
            a.sentences,
            (b.sentences.0 + k * per, b.sentences.1 + k * per)
        );
        assert_eq!(a.text_span.of(&text), b.text_span.of(ARTICLE));
    }
}

fn segmented(sentences: &[(usize, usize, usize)]) -> Segmented {
    Segmented {
        paragraphs: Vec::new(),
        sentences: sentences
            .iter()
            .map(|&(start, end, paragraph)| Sentence {
                span: Span::new(start, end),
                paragraph,
            })
            .collect(),
    }
}

#[test]
fn pieces_are_whole_sentences_ending_at_a_paragraph_end_in_reach() {
    // Sentences of 10 bytes; paragraphs: [0, 1], [2, 3, 4], [5].
    let seg = segmented(&[
        (0, 10, 0),
        (11, 21, 0),
        (23, 33, 1),
        (34, 44, 1),
        (45, 55, 1),
        (57, 67, 2),
    ]);
    // Room for four sentences: cut at the paragraph end after the second.
    assert_eq!(pieces(&seg, 45), [0..2, 2..6]);
    // No paragraph end in reach: cut between sentences.
    assert_eq!(pieces(&seg, 22), [0..2, 2..4, 4..6]);
    // A sentence longer than the limit is a piece of its own.
    assert_eq!(pieces(&seg, 5), [0..1, 1..2, 2..3, 3..4, 4..5, 5..6]);
    let whole = pieces(&seg, 1000);
    assert_eq!((whole.len(), whole.first()), (1, Some(&(0..6))));
    assert!(pieces(&segmented(&[]), 10).is_empty());
}
