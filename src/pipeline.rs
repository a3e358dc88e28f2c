//! Runs the stages over batches of documents in parallel and writes the tables in input order.

use crate::model::{Document, Processed};
use crate::stage::{attribute, classify, segment};

/// Runs segment → attribute → classify on one document. Pure: no I/O.
pub fn process(doc: Document) -> Processed {
    let segmented = segment::segment(&doc.text, doc.body_start);
    let attributions = attribute::attribute(&doc, &segmented);
    let claims = classify::classify(&doc, &segmented, attributions);
    Processed {
        doc,
        segmented,
        claims,
    }
}
