//! Attribute stage: quotes, reported speech and "according to", each with its source.

use crate::model::{Attribution, Document, Segmented};

/// Finds every attribution in the document, in text order.
pub fn attribute(_doc: &Document, _seg: &Segmented) -> Vec<Attribution> {
    Vec::new()
}
