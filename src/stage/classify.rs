//! Classify stage: each attribution's status (`reported`, `confirmed`, `unconfirmed`)
//! by the rules of CLAIMS.md, with the phrase that decided it.

use crate::model::{Attribution, Claim, Document, Segmented, Status};

/// Gives every attribution a status. Sees the whole document, because a non-confirmation
/// or denial anywhere in the article can apply to a claim about the same event.
pub fn classify(_doc: &Document, _seg: &Segmented, attributions: Vec<Attribution>) -> Vec<Claim> {
    attributions
        .into_iter()
        .map(|attribution| Claim {
            attribution,
            status: Status::Reported,
            status_cue: String::new(),
        })
        .collect()
}
