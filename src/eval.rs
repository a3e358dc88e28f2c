//! `claimtab eval`: scores a `claims.csv` against gold JSON Lines, by the rules of CLAIMS.md.
//!
//! Only documents that appear in the gold are scored; predictions for other documents are
//! counted as ignored. Choices the guide leaves open, fixed here:
//! - **Words** are lower-cased runs of alphanumeric characters; everything else (spaces,
//!   punctuation, apostrophes) separates words, so "don't" is `don` + `t` on both sides and
//!   straight and curly apostrophes cannot make two texts differ.
//! - **Match**: two texts match when the multiset of shared words covers at least half of
//!   the shorter text's words (`2 * overlap >= min_len`, and neither text is empty).
//! - **Pairing** is one-to-one and greedy per document: candidate pairs are taken by
//!   descending `overlap / max_len`, then larger overlap, then prediction order, then gold
//!   order. Required gold claims are paired first; predictions left over may then be
//!   absorbed by optional gold claims (also one-to-one) and count neither way.
//! - **Undefined ratios** (no predictions, no gold) print as `-`. A status class with no
//!   gold and no prediction is left out of the macro-F1 mean.
//! - **Source**: see [`normalize_source`] and [`source_matches`]. The surname rule applies
//!   to gold sources of type `person` only ("Energy" is not the surname of Cairn Energy).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{ClaimKind, Status};

mod report;

pub use report::{Counts, DocReport, Pair, Report};

/// One row of a predicted `claims.csv`: the columns the scorer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredClaim {
    pub claim_id: String,
    pub doc_id: String,
    pub kind: ClaimKind,
    pub text: String,
    pub source: String,
    pub source_type: String,
    pub cue: String,
    pub status: Status,
    pub status_cue: String,
}

/// One gold claim, as annotated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldClaim {
    pub kind: ClaimKind,
    pub text: String,
    pub source: String,
    pub source_type: String,
    pub cue: String,
    pub status: Status,
    /// A borderline claim: finding it is neither rewarded nor punished.
    pub optional: bool,
    /// Other names of the source that count for the lenient source score.
    pub aliases: Vec<String>,
}

/// One gold document: its id and every claim in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    pub doc_id: String,
    pub claims: Vec<GoldClaim>,
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{}: cannot read: {source}; check that the file exists and is readable", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}; the predictions must be a claims.csv written by `claimtab run` (header row with doc_id, kind, text, source, source_type, status)", path.display())]
    Predictions {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{}:{line}: {message}; each gold line must be one JSON object {{\"doc_id\": ..., \"claims\": [{{\"kind\", \"text\", \"source\", \"source_type\", \"cue\", \"status\", \"optional\"?, \"aliases\"?}}]}}", path.display())]
    Gold {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("no gold documents to score; pass one or more gold JSON Lines files with one document per line")]
    NoGold,
}

/// Reads predictions and gold, then scores.
pub fn run(claims: &Path, gold: &[PathBuf]) -> Result<Report, EvalError> {
    let gold = read_gold(gold)?;
    let predicted = read_predictions(claims)?;
    Ok(score(&predicted, &gold))
}

/// The columns the scorer needs, by header name; the others are ignored.
#[derive(Deserialize)]
struct PredRow {
    #[serde(default)]
    claim_id: String,
    doc_id: String,
    kind: String,
    text: String,
    source: String,
    #[serde(default)]
    source_type: String,
    #[serde(default)]
    cue: String,
    status: String,
    #[serde(default)]
    status_cue: String,
}

const REQUIRED_COLUMNS: [&str; 5] = ["doc_id", "kind", "text", "source", "status"];

/// Reads a `claims.csv` (with or without a UTF-8 BOM, cells possibly neutralised for
/// spreadsheets).
pub fn read_predictions(path: &Path) -> Result<Vec<PredClaim>, EvalError> {
    let io_err = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let bad = |line: u64, message: String| EvalError::Predictions {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut input = BufReader::new(std::fs::File::open(path).map_err(io_err)?);
    // The csv crate does not strip a byte-order mark, and Excel-friendly writers add one;
    // left in place it would rename the first column.
    if input
        .fill_buf()
        .map_err(io_err)?
        .starts_with(b"\xEF\xBB\xBF")
    {
        input.consume(3);
    }
    let mut reader = csv::ReaderBuilder::new().from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| bad(1, csv_message(&e)))?
        .clone();
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .into_iter()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .collect();
    if !missing.is_empty() {
        return Err(bad(1, format!("missing column(s) {}", missing.join(", "))));
    }
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(bad(line, csv_message(&e)));
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let row: PredRow = record
            .deserialize(Some(&headers))
            .map_err(|e| bad(line, csv_message(&e)))?;
        let kind = unneutralize(row.kind);
        let kind = ClaimKind::parse(kind.trim()).ok_or_else(|| {
            bad(
                line,
                format!(
                    "unknown kind {kind:?} (expected direct, partial, indirect or according_to)"
                ),
            )
        })?;
        let status = unneutralize(row.status);
        let status = Status::parse(status.trim()).ok_or_else(|| {
            bad(
                line,
                format!("unknown status {status:?} (expected reported, confirmed or unconfirmed)"),
            )
        })?;
        out.push(PredClaim {
            claim_id: unneutralize(row.claim_id),
            doc_id: unneutralize(row.doc_id),
            kind,
            text: unneutralize(row.text),
            source: unneutralize(row.source),
            source_type: unneutralize(row.source_type),
            cue: unneutralize(row.cue),
            status,
            status_cue: unneutralize(row.status_cue),
        });
    }
    Ok(out)
}

/// The csv error without its own position prefix (the caller names file and line).
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => format!("not UTF-8 ({err})"),
        _ => e.to_string(),
    }
}

/// Undoes the writer's spreadsheet neutralisation: a cell that would start with
/// `= + - @`, a tab or a carriage return was written with a `'` in front.
pub fn unneutralize(cell: String) -> String {
    let mut chars = cell.chars();
    if chars.next() == Some('\'')
        && matches!(chars.next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
    {
        cell[1..].to_string()
    } else {
        cell
    }
}

#[derive(Deserialize)]
struct GoldDocRow {
    doc_id: String,
    claims: Vec<GoldClaimRow>,
}

#[derive(Deserialize)]
struct GoldClaimRow {
    kind: String,
    text: String,
    source: String,
    source_type: String,
    #[serde(default)]
    cue: String,
    status: String,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    aliases: Vec<String>,
}

const SOURCE_TYPES: [&str; 5] = ["person", "organization", "anonymous", "document", "unknown"];

/// Reads gold JSON Lines files, in order. Blank lines are skipped; a `doc_id` may appear
/// only once over all files.
pub fn read_gold(paths: &[PathBuf]) -> Result<Vec<GoldDoc>, EvalError> {
    let mut docs = Vec::new();
    let mut seen: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let bad = |message: String| EvalError::Gold {
                path: path.clone(),
                line: line_no,
                message,
            };
            let row: GoldDocRow =
                serde_json::from_str(line).map_err(|e| bad(format!("invalid JSON ({e})")))?;
            if let Some((first, first_line)) = seen.get(&row.doc_id) {
                return Err(bad(format!(
                    "doc_id {:?} is already given at {}:{first_line}; give each document once",
                    row.doc_id,
                    first.display()
                )));
            }
            seen.insert(row.doc_id.clone(), (path.clone(), line_no));
            let mut claims = Vec::with_capacity(row.claims.len());
            for (n, c) in row.claims.into_iter().enumerate() {
                let at = |what: String| bad(format!("claim {} (from 1): {what}", n + 1));
                let kind = ClaimKind::parse(&c.kind).ok_or_else(|| {
                    at(format!(
                        "unknown kind {:?} (expected direct, partial, indirect or according_to)",
                        c.kind
                    ))
                })?;
                let status = Status::parse(&c.status).ok_or_else(|| {
                    at(format!(
                        "unknown status {:?} (expected reported, confirmed or unconfirmed)",
                        c.status
                    ))
                })?;
                if !SOURCE_TYPES.contains(&c.source_type.as_str()) {
                    return Err(at(format!(
                        "unknown source_type {:?} (expected one of {})",
                        c.source_type,
                        SOURCE_TYPES.join(", ")
                    )));
                }
                // A text without words can never be matched, so it would be a silent miss.
                if words(&c.text).is_empty() {
                    return Err(at("text has no words".to_string()));
                }
                claims.push(GoldClaim {
                    kind,
                    text: c.text,
                    source: c.source,
                    source_type: c.source_type,
                    cue: c.cue,
                    status,
                    optional: c.optional,
                    aliases: c.aliases,
                });
            }
            docs.push(GoldDoc {
                doc_id: row.doc_id,
                claims,
            });
        }
    }
    if docs.is_empty() {
        return Err(EvalError::NoGold);
    }
    Ok(docs)
}

/// The words of a text, lower-cased and sorted (a bag, ready for [`overlap`]).
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    out.sort_unstable();
    out
}

/// Size of the multiset intersection of two sorted bags of words.
fn overlap(a: &[String], b: &[String]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The matching rule of CLAIMS.md: the texts share at least half of the shorter one's words.
pub fn texts_match(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    matches(overlap(&a, &b), a.len().min(b.len()))
}

fn matches(overlap: usize, min_len: usize) -> bool {
    min_len > 0 && overlap * 2 >= min_len
}

/// Titles dropped from the front of a source name before comparing, as word sequences.
/// This is part of the scoring rule, not a pipeline lexicon: changing it changes what
/// every past score meant.
const TITLES: &[&[&str]] = &[
    &["chancellor"],
    &["dr"],
    &["gov"],
    &["governor"],
    &["miss"],
    &["mr"],
    &["mrs"],
    &["ms"],
    &["president"],
    &["prime", "minister"],
    &["prof"],
    &["professor"],
    &["sen"],
    &["senator"],
    &["sir"],
];

/// A source name for comparison: lower-cased, curly apostrophes made straight, leading
/// "the" and titles ("President", "Mr.", "Prime Minister") dropped while a name remains,
/// spaces collapsed, punctuation at both ends stripped.
pub fn normalize_source(source: &str) -> String {
    let lower = source.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let mut words: Vec<&str> = trim_punct(&lower).split_whitespace().collect();
    loop {
        let first = words.first().map(|w| w.trim_end_matches('.'));
        let drop = if first == Some("the") {
            1
        } else {
            TITLES
                .iter()
                .find(|t| {
                    t.iter()
                        .enumerate()
                        .all(|(i, w)| words.get(i).map(|x| x.trim_end_matches('.')) == Some(w))
                })
                .map_or(0, |t| t.len())
        };
        if drop == 0 || drop >= words.len() {
            break;
        }
        words.drain(..drop);
    }
    trim_punct(&words.join(" ")).to_string()
}

fn trim_punct(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether a predicted source names the gold source: `(strict, lenient)`.
/// Strict: equal after [`normalize_source`]. Lenient: strict, or the prediction equals the
/// gold source's last word (for persons: the surname) or any of the gold's aliases.
pub fn source_matches(pred: &str, gold: &GoldClaim) -> (bool, bool) {
    let pred = normalize_source(pred);
    if pred.is_empty() {
        return (false, false);
    }
    let norm_gold = normalize_source(&gold.source);
    let strict = pred == norm_gold;
    let surname =
        gold.source_type == "person" && norm_gold.split(' ').next_back() == Some(pred.as_str());
    let alias = gold.aliases.iter().any(|a| normalize_source(a) == pred);
    (strict, strict || surname || alias)
}

/// Scores predictions against gold. Pure. Gold documents sharing a `doc_id` are scored
/// as one ([`read_gold`] refuses them anyway).
pub fn score(predicted: &[PredClaim], gold: &[GoldDoc]) -> Report {
    let mut gold_by_id: Vec<(&str, Vec<&GoldClaim>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for doc in gold {
        let slot = *index.entry(&doc.doc_id).or_insert_with(|| {
            gold_by_id.push((&doc.doc_id, Vec::new()));
            gold_by_id.len() - 1
        });
        if let Some((_, claims)) = gold_by_id.get_mut(slot) {
            claims.extend(&doc.claims);
        }
    }
    let mut preds_by_id: HashMap<&str, Vec<&PredClaim>> = HashMap::new();
    let mut ignored = 0;
    for p in predicted {
        if index.contains_key(p.doc_id.as_str()) {
            preds_by_id.entry(&p.doc_id).or_default().push(p);
        } else {
            ignored += 1;
        }
    }
    let docs = gold_by_id
        .into_iter()
        .map(|(id, claims)| {
            let preds = preds_by_id.remove(id).unwrap_or_default();
            score_doc(id, &preds, &claims)
        })
        .collect();
    Report::from_docs(docs, ignored)
}

/// Pairs one document's predictions with its gold claims and keeps what the report needs.
fn score_doc(doc_id: &str, preds: &[&PredClaim], gold: &[&GoldClaim]) -> DocReport {
    let pred_words: Vec<Vec<String>> = preds.iter().map(|p| words(&p.text)).collect();
    let gold_words: Vec<Vec<String>> = gold.iter().map(|g| words(&g.text)).collect();
    let mut pred_used = vec![false; preds.len()];
    let mut gold_used = vec![false; gold.len()];
    let required: Vec<usize> = (0..gold.len()).filter(|&j| !gold[j].optional).collect();
    let optional: Vec<usize> = (0..gold.len()).filter(|&j| gold[j].optional).collect();

    let mut main_pairs = pair_greedy(
        &pred_words,
        &gold_words,
        &required,
        &mut pred_used,
        &mut gold_used,
    );
    let absorbed = pair_greedy(
        &pred_words,
        &gold_words,
        &optional,
        &mut pred_used,
        &mut gold_used,
    );

    // Gold order reads best in the details listing.
    main_pairs.sort_by_key(|&(_, j)| j);
    let pairs: Vec<Pair> = main_pairs
        .iter()
        .map(|&(i, j)| {
            let (strict, lenient) = source_matches(&preds[i].source, gold[j]);
            Pair {
                pred: preds[i].clone(),
                gold: gold[j].clone(),
                source_strict: strict,
                source_lenient: lenient,
            }
        })
        .collect();
    DocReport {
        doc_id: doc_id.to_string(),
        gold_required: required.len(),
        gold_optional: optional.len(),
        predicted: preds.len(),
        absorbed: absorbed.len(),
        missed: required
            .iter()
            .filter(|&&j| !gold_used[j])
            .map(|&j| gold[j].clone())
            .collect(),
        false_positives: (0..preds.len())
            .filter(|&i| !pred_used[i])
            .map(|i| preds[i].clone())
            .collect(),
        pairs,
    }
}

/// One-to-one greedy pairing of unused predictions with the unused gold claims in `among`,
/// best pairs first. Marks what it pairs and returns `(pred, gold)` index pairs.
fn pair_greedy(
    pred_words: &[Vec<String>],
    gold_words: &[Vec<String>],
    among: &[usize],
    pred_used: &mut [bool],
    gold_used: &mut [bool],
) -> Vec<(usize, usize)> {
    // (overlap, max_len, pred, gold)
    let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (i, pw) in pred_words.iter().enumerate() {
        if pred_used.get(i) == Some(&true) {
            continue;
        }
        for &j in among {
            let Some(gw) = gold_words.get(j) else {
                continue;
            };
            if gold_used.get(j) == Some(&true) {
                continue;
            }
            let ov = overlap(pw, gw);
            if matches(ov, pw.len().min(gw.len())) {
                candidates.push((ov, pw.len().max(gw.len()), i, j));
            }
        }
    }
    // Descending overlap / max_len, compared exactly by cross-multiplying.
    candidates.sort_by(|a, b| {
        (b.0 * a.1)
            .cmp(&(a.0 * b.1))
            .then(b.0.cmp(&a.0))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut out = Vec::new();
    for (_, _, i, j) in candidates {
        if pred_used[i] || gold_used[j] {
            continue;
        }
        pred_used[i] = true;
        gold_used[j] = true;
        out.push((i, j));
    }
    out
}
