//! The figures of one evaluation, the summary table and the per-document error listing.

use std::fmt::{self, Write as _};

use super::{GoldClaim, PredClaim};
use crate::model::{ClaimKind, Status};

/// Counts behind one precision / recall / F1 row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold claims in the row (the recall denominator).
    pub gold: usize,
    /// Predictions in the row (the precision denominator).
    pub pred: usize,
    /// Gold claims of the row that were matched.
    pub gold_hit: usize,
    /// Predictions of the row that were matched.
    pub pred_hit: usize,
}

impl Counts {
    /// `None` when there is no prediction.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.pred_hit, self.pred)
    }
    /// `None` when there is no gold claim.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.gold_hit, self.gold)
    }
    /// `None` when there is neither gold nor prediction; an undefined precision or
    /// recall counts as 0 otherwise (predicting a class the gold never has earns 0).
    pub fn f1(&self) -> Option<f64> {
        if self.gold == 0 && self.pred == 0 {
            return None;
        }
        let p = self.precision().unwrap_or(0.0);
        let r = self.recall().unwrap_or(0.0);
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// A prediction paired with a required gold claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub pred: PredClaim,
    pub gold: GoldClaim,
    pub source_strict: bool,
    pub source_lenient: bool,
}

/// What happened in one gold document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocReport {
    pub doc_id: String,
    pub gold_required: usize,
    pub gold_optional: usize,
    /// Predictions for this document, absorbed ones included.
    pub predicted: usize,
    /// Predictions absorbed by optional gold claims: neither right nor wrong.
    pub absorbed: usize,
    /// Required gold claims no prediction matched, in gold order.
    pub missed: Vec<GoldClaim>,
    /// Predictions that matched nothing, in prediction order.
    pub false_positives: Vec<PredClaim>,
    /// Matched (prediction, required gold) pairs, in gold order.
    pub pairs: Vec<Pair>,
}

/// All the figures of one evaluation. Ratios are methods so that they cannot drift from
/// the counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub docs: Vec<DocReport>,
    /// Predictions for documents that are not in the gold.
    pub ignored: usize,
    /// Gold documents without a single prediction (often a doc_id mismatch).
    pub docs_without_predictions: usize,
    pub gold_required: usize,
    pub gold_optional: usize,
    /// Predictions for gold documents, absorbed ones included.
    pub predicted: usize,
    pub absorbed: usize,
    pub matched: usize,
    pub overall: Counts,
    /// Per kind, in [`ClaimKind::ALL`] order: recall by the gold's kind, precision by the
    /// predicted kind.
    pub by_kind: [Counts; 4],
    /// Matched pairs whose predicted kind equals the gold's.
    pub kind_correct: usize,
    pub source_strict: usize,
    pub source_lenient: usize,
    pub source_type_correct: usize,
    /// Status confusion on matched pairs: rows gold, columns predicted, in [`Status::ALL`]
    /// order.
    pub status_confusion: [[usize; 3]; 3],
}

fn kind_index(kind: ClaimKind) -> usize {
    ClaimKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn status_index(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

impl Report {
    /// Adds up the per-document results.
    pub fn from_docs(docs: Vec<DocReport>, ignored: usize) -> Report {
        let mut r = Report {
            docs: Vec::new(),
            ignored,
            docs_without_predictions: 0,
            gold_required: 0,
            gold_optional: 0,
            predicted: 0,
            absorbed: 0,
            matched: 0,
            overall: Counts::default(),
            by_kind: [Counts::default(); 4],
            kind_correct: 0,
            source_strict: 0,
            source_lenient: 0,
            source_type_correct: 0,
            status_confusion: [[0; 3]; 3],
        };
        for d in &docs {
            r.docs_without_predictions += usize::from(d.predicted == 0);
            r.gold_required += d.gold_required;
            r.gold_optional += d.gold_optional;
            r.predicted += d.predicted;
            r.absorbed += d.absorbed;
            r.matched += d.pairs.len();
            for g in &d.missed {
                r.by_kind[kind_index(g.kind)].gold += 1;
            }
            for p in &d.false_positives {
                r.by_kind[kind_index(p.kind)].pred += 1;
            }
            for pair in &d.pairs {
                let g = &mut r.by_kind[kind_index(pair.gold.kind)];
                g.gold += 1;
                g.gold_hit += 1;
                let p = &mut r.by_kind[kind_index(pair.pred.kind)];
                p.pred += 1;
                p.pred_hit += 1;
                r.kind_correct += usize::from(pair.pred.kind == pair.gold.kind);
                r.source_strict += usize::from(pair.source_strict);
                r.source_lenient += usize::from(pair.source_lenient);
                r.source_type_correct += usize::from(
                    pair.pred
                        .source_type
                        .trim()
                        .eq_ignore_ascii_case(&pair.gold.source_type),
                );
                r.status_confusion[status_index(pair.gold.status)]
                    [status_index(pair.pred.status)] += 1;
            }
        }
        r.overall = Counts {
            gold: r.gold_required,
            pred: r.predicted - r.absorbed,
            gold_hit: r.matched,
            pred_hit: r.matched,
        };
        r.docs = docs;
        r
    }

    /// Precision / recall counts of one kind.
    pub fn kind(&self, kind: ClaimKind) -> Counts {
        self.by_kind[kind_index(kind)]
    }

    /// Share of matched pairs with the right kind.
    pub fn kind_accuracy(&self) -> Option<f64> {
        ratio(self.kind_correct, self.matched)
    }
    pub fn source_strict_share(&self) -> Option<f64> {
        ratio(self.source_strict, self.matched)
    }
    pub fn source_lenient_share(&self) -> Option<f64> {
        ratio(self.source_lenient, self.matched)
    }
    pub fn source_type_accuracy(&self) -> Option<f64> {
        ratio(self.source_type_correct, self.matched)
    }

    /// Share of matched pairs with the right status.
    pub fn status_accuracy(&self) -> Option<f64> {
        let right: usize = (0..3).map(|i| self.status_confusion[i][i]).sum();
        ratio(right, self.matched)
    }

    /// Precision / recall counts of one status class, over matched pairs.
    pub fn status(&self, status: Status) -> Counts {
        let c = status_index(status);
        let m = &self.status_confusion;
        Counts {
            gold: m[c].iter().sum(),
            pred: m.iter().map(|row| row[c]).sum(),
            gold_hit: m[c][c],
            pred_hit: m[c][c],
        }
    }

    /// Mean F1 of the status classes that occur in the gold or the predictions.
    pub fn status_macro_f1(&self) -> Option<f64> {
        let f1s: Vec<f64> = Status::ALL
            .iter()
            .filter_map(|s| self.status(*s).f1())
            .collect();
        (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64)
    }

    /// Per document: missed required claims, false positives, and matched claims with a
    /// wrong kind, source, source type or status. Meant for finding error types.
    pub fn details(&self) -> String {
        let mut out = String::new();
        for d in &self.docs {
            let _ = writeln!(
                out,
                "== {}  gold {} (+{} optional)  predicted {}  matched {}  absorbed {}  missed {}  false {}",
                d.doc_id,
                d.gold_required,
                d.gold_optional,
                d.predicted,
                d.pairs.len(),
                d.absorbed,
                d.missed.len(),
                d.false_positives.len()
            );
            for g in &d.missed {
                let _ = writeln!(
                    out,
                    "  MISSED   {:<12} {:<24} | {}",
                    g.kind.as_str(),
                    cut(&g.source, 24),
                    cut(&g.text, 80)
                );
            }
            for p in &d.false_positives {
                let _ = writeln!(
                    out,
                    "  FALSE    {:<12} {:<24} | {}  [{}]",
                    p.kind.as_str(),
                    cut(&p.source, 24),
                    cut(&p.text, 80),
                    p.claim_id
                );
            }
            for pair in &d.pairs {
                let (p, g) = (&pair.pred, &pair.gold);
                let text = cut(&g.text, 80);
                if p.kind != g.kind {
                    let _ = writeln!(
                        out,
                        "  KIND     gold {} / pred {}  | {text}  [{}]",
                        g.kind.as_str(),
                        p.kind.as_str(),
                        p.claim_id
                    );
                }
                if !pair.source_strict {
                    // Lenient-only matches are marked, they are often fine.
                    let tag = if pair.source_lenient {
                        "SOURCE~ "
                    } else {
                        "SOURCE  "
                    };
                    let _ = writeln!(
                        out,
                        "  {tag} gold {:?} / pred {:?}  | {text}  [{}]",
                        g.source, p.source, p.claim_id
                    );
                }
                if !p.source_type.trim().eq_ignore_ascii_case(&g.source_type) {
                    let _ = writeln!(
                        out,
                        "  TYPE     gold {} / pred {}  ({})  | {text}  [{}]",
                        g.source_type,
                        p.source_type,
                        cut(&g.source, 24),
                        p.claim_id
                    );
                }
                if p.status != g.status {
                    let cue = if p.status_cue.is_empty() {
                        String::new()
                    } else {
                        format!(" (cue {:?})", cut(&p.status_cue, 40))
                    };
                    let _ = writeln!(
                        out,
                        "  STATUS   gold {} / pred {}{cue}  | {text}  [{}]",
                        g.status.as_str(),
                        p.status.as_str(),
                        p.claim_id
                    );
                }
            }
        }
        out
    }
}

/// One line of at most `max` characters: white space collapsed, `…` where cut.
fn cut(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut short: String = flat.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |x| format!("{x:.3}"))
}

fn prf_header(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    writeln!(
        f,
        "{:<14}{:>9} {:>7} {:>7} {:>6} {:>6}",
        "", "precision", "recall", "f1", "gold", "pred"
    )
}

fn prf_row(f: &mut fmt::Formatter<'_>, name: &str, c: Counts) -> fmt::Result {
    writeln!(
        f,
        "{:<14}{:>9} {:>7} {:>7} {:>6} {:>6}",
        name,
        num(c.precision()),
        num(c.recall()),
        num(c.f1()),
        c.gold,
        c.pred
    )
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "claims: {} documents, gold {} required (+{} optional), predicted {}, matched {}, absorbed by optional {}",
            self.docs.len(),
            self.gold_required,
            self.gold_optional,
            self.predicted,
            self.matched,
            self.absorbed
        )?;
        if self.ignored > 0 {
            writeln!(
                f,
                "note: {} predictions for documents not in the gold were ignored",
                self.ignored
            )?;
        }
        if self.docs_without_predictions > 0 {
            writeln!(
                f,
                "note: {} gold documents have no predictions (check that the doc_ids agree)",
                self.docs_without_predictions
            )?;
        }
        prf_header(f)?;
        prf_row(f, "overall", self.overall)?;
        for kind in ClaimKind::ALL {
            prf_row(f, kind.as_str(), self.kind(kind))?;
        }
        writeln!(f, "kind accuracy (matched): {}", num(self.kind_accuracy()))?;
        writeln!(
            f,
            "source strict {}  lenient {}  type accuracy {}  (n={})",
            num(self.source_strict_share()),
            num(self.source_lenient_share()),
            num(self.source_type_accuracy()),
            self.matched
        )?;
        writeln!(
            f,
            "status accuracy {}  macro-F1 {}",
            num(self.status_accuracy()),
            num(self.status_macro_f1())
        )?;
        prf_header(f)?;
        for s in Status::ALL {
            prf_row(f, s.as_str(), self.status(s))?;
        }
        writeln!(f, "confusion (rows gold, columns predicted)")?;
        write!(f, "{:<14}", "")?;
        for s in Status::ALL {
            write!(f, "{:>12}", s.as_str())?;
        }
        writeln!(f)?;
        for (s, row) in Status::ALL.iter().zip(&self.status_confusion) {
            write!(f, "{:<14}", s.as_str())?;
            for n in row {
                write!(f, "{n:>12}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}
