//! Segment stage: a document's text → paragraphs and sentences, with byte spans.
//!
//! (First cut: paragraphs at blank lines, sentences at `. ` / `? ` / `! `. To be replaced
//! by the news-grade segmenter.)

use crate::model::{Segmented, Sentence, Span};

/// Segments `text[start..]` into paragraphs (separated by blank lines) and sentences.
/// Offsets in the result are byte offsets into `text`.
pub fn segment(text: &str, start: usize) -> Segmented {
    let mut out = Segmented::default();
    let mut pos = start;
    for para in text[start..].split("\n\n") {
        let lead = para.len() - para.trim_start().len();
        let trimmed = para.trim();
        if !trimmed.is_empty() {
            let p = Span::new(pos + lead, pos + lead + trimmed.len());
            let paragraph = out.paragraphs.len();
            out.paragraphs.push(p);
            let mut s0 = p.start;
            let bytes = text.as_bytes();
            for i in p.start..p.end {
                if matches!(bytes[i], b'.' | b'?' | b'!') && i + 1 < p.end && bytes[i + 1] == b' ' {
                    out.sentences.push(Sentence {
                        span: Span::new(s0, i + 1),
                        paragraph,
                    });
                    s0 = i + 2;
                }
            }
            out.sentences.push(Sentence {
                span: Span::new(s0, p.end),
                paragraph,
            });
        }
        pos += para.len() + 2;
    }
    out
}
