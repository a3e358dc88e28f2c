//! The CSV tables. One `Serialize` row struct per table; its doc comment is the column contract.
//! Each also writes itself ([`CsvRow`], the same bytes, faster): see [`table`].
//!
//! All tables are RFC 4180 CSV in UTF-8 with CRLF record ends and a header row, written
//! atomically: each goes to a temporary file in the output folder (`.claims.csv.tmp-<pid>`),
//! which is flushed, synced and renamed over the table only when the run completes, so a
//! run killed halfway leaves the previous tables whole (it may leave the hidden temporary
//! file behind).
//!
//! Every text cell goes through [`Cells`]: by default a cell that begins with `=`, `+`,
//! `-`, `@`, tab or carriage return is prefixed with `'` so that no spreadsheet evaluates
//! it (CSV injection, OWASP); `raw` turns that off. A cell longer than Excel's limit of
//! 32,767 characters (counted as Excel counts them, in UTF-16 units) is cut to fit and
//! ends with [`CUT_MARKER`], with or without `raw`. Number cells are never touched.

use crate::model::{numbered, Claim, Processed, RecordError, Segmented, SourceType, Status};
use serde::Serialize;
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

mod table;
pub use table::{CsvBuf, CsvRow, TableFile};

/// Excel's limit on the characters in one cell (UTF-16 code units).
pub const CELL_LIMIT: usize = 32_767;
/// Ends a cell that was cut to [`CELL_LIMIT`].
pub const CUT_MARKER: &str = "…[cut]";

/// A table could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {cause}", path.display())]
pub struct OutputError {
    pub path: PathBuf,
    pub cause: io::Error,
}

/// How text cells are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellOptions {
    /// Write cells as they are (no `'` before `= + - @`, tab, CR).
    pub raw: bool,
    /// Start each table with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}

/// Makes text cells spreadsheet-safe, and counts the cells it had to cut.
#[derive(Debug, Default)]
pub struct Cells {
    raw: bool,
    cut: Cell<u64>,
}

impl Cells {
    pub fn new(raw: bool) -> Cells {
        Cells {
            raw,
            cut: Cell::new(0),
        }
    }

    /// Cells cut to [`CELL_LIMIT`] so far.
    pub fn cut_count(&self) -> u64 {
        self.cut.get()
    }

    /// Counts cells cut elsewhere (by another `Cells`, on another thread).
    fn add_cut(&self, cut: u64) {
        self.cut.set(self.cut.get() + cut);
    }

    /// The cell as written: neutralised unless raw, and cut to fit a spreadsheet cell.
    pub fn text<'a>(&self, s: &'a str) -> Cow<'a, str> {
        let prefix = !self.raw && needs_prefix(s);
        let limit = CELL_LIMIT - usize::from(prefix);
        let body = match cut(s, limit) {
            Some(cut) => {
                self.cut.set(self.cut.get() + 1);
                Cow::Owned(cut)
            }
            None => Cow::Borrowed(s),
        };
        if prefix {
            Cow::Owned(format!("'{body}"))
        } else {
            body
        }
    }

    /// Like [`Cells::text`], for a cell made for the row: kept as it is, not copied, when
    /// it needs no change.
    pub fn owned(&self, s: String) -> Cow<'static, str> {
        let changed = match self.text(&s) {
            Cow::Borrowed(_) => None,
            Cow::Owned(changed) => Some(changed),
        };
        Cow::Owned(changed.unwrap_or(s))
    }

    /// Like [`Cells::text`], for an optional cell (empty when `None`).
    pub fn opt<'a>(&self, s: Option<&'a str>) -> Cow<'a, str> {
        self.text(s.unwrap_or(""))
    }
}

/// Whether a spreadsheet could read the cell as a formula (OWASP's list of first characters).
pub fn needs_prefix(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// `s` cut to at most `limit` UTF-16 units including [`CUT_MARKER`], or `None` if it fits.
fn cut(s: &str, limit: usize) -> Option<String> {
    // A UTF-8 string has at least as many bytes as UTF-16 units: most cells stop here.
    if s.len() <= limit || s.encode_utf16().count() <= limit {
        return None;
    }
    let room = limit - CUT_MARKER.encode_utf16().count();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if units + c.len_utf16() > room {
            break;
        }
        units += c.len_utf16();
        end = i + c.len_utf8();
    }
    Some(format!("{}{CUT_MARKER}", &s[..end]))
}

/// Converts byte offsets into one text to character (Unicode scalar) offsets.
///
/// Offsets asked for are mostly close to the previous one, so it moves from the last
/// position (either way) instead of counting from the start each time. A byte offset
/// inside a character counts the characters that start before it; one past the end is
/// clamped to the end.
#[derive(Debug)]
pub struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
    /// Whether the text is all ASCII (then a character is a byte); found on the first call.
    ascii: Option<bool>,
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
            ascii: None,
        }
    }

    /// The character offset of byte offset `byte`.
    pub fn char_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        // Most news text is ASCII (nearly all of Reuters'): one check, a word at a time,
        // instead of counting characters for every offset.
        if *self.ascii.get_or_insert_with(|| self.text.is_ascii()) {
            return byte;
        }
        if byte >= self.byte {
            self.chars += char_starts(self.text, self.byte..byte);
        } else {
            self.chars -= char_starts(self.text, byte..self.byte);
        }
        self.byte = byte;
        self.chars
    }
}

/// Characters that start in `text[range]`: every byte that is not a UTF-8 continuation
/// byte.
fn char_starts(text: &str, range: Range<usize>) -> usize {
    match text.get(range.clone()) {
        // On character boundaries (nearly always): std counts a word at a time.
        Some(s) => s.chars().count(),
        None => text.as_bytes()[range]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count(),
    }
}

/// The characters in `s`: its length if it is ASCII, as most news text is (the ASCII
/// check takes fewer instructions a byte than counting).
fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Replaces each run of white space that holds a line break with one space.
pub fn one_line(s: &str) -> Cow<'_, str> {
    // memchr: most sentences have no line break, and this runs for every claim.
    if memchr::memchr2(b'\n', b'\r', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    // Runs of white space and of the rest, copied as slices rather than char by char.
    let mut rest = s;
    while !rest.is_empty() {
        let space = rest.len() - rest.trim_start().len();
        let (run, after) = rest.split_at(space);
        if run.contains(['\n', '\r']) {
            out.push(' ');
        } else {
            out.push_str(run);
        }
        let word = after.find(char::is_whitespace).unwrap_or(after.len());
        out.push_str(&after[..word]);
        rest = &after[word..];
    }
    Cow::Owned(out)
}

/// `claims.csv`: one row per claim; documents in input order, claims in text order.
///
/// - `claim_id`: `<doc_id>#<n>`, n from 1 in text order within the document.
/// - `doc_id`, `date` (ISO, may be empty), `title` (may be empty): of the document.
/// - `kind`: `direct`, `partial`, `indirect` or `according_to`.
/// - `source`: the source's fullest name in the article, or the anonymous phrase.
/// - `source_type`: `person`, `organization`, `anonymous`, `document` or `unknown`.
/// - `source_mention`: the source as written where it is attributed ("he", "Putin").
/// - `cue`: the attribution cue as written ("said", "according to").
/// - `text`: the content (quotes without their marks).
/// - `status`: `reported`, `confirmed` or `unconfirmed`; `status_cue`: the phrase that
///   decided it (empty for `reported`).
/// - `sentence`: the sentence(s) holding the claim, from the first one's start to the last
///   one's end, with each line break (and the white space around it) turned into a space.
/// - `sentence_index`: index of the first of those sentences in the document, from 0.
/// - `start`, `end`: character offsets of `text` in the document text, end exclusive
///   (an interrupted quote: from its first to its last quoted character).
/// - `source_start`, `source_end`, `cue_start`, `cue_end`: character offsets of the
///   source mention and the cue; empty when they are not in the text.
#[derive(Debug, Serialize)]
pub struct ClaimRow<'a> {
    pub claim_id: Cow<'a, str>,
    pub doc_id: Cow<'a, str>,
    pub date: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub kind: &'static str,
    pub source: Cow<'a, str>,
    pub source_type: &'static str,
    pub source_mention: Cow<'a, str>,
    pub cue: Cow<'a, str>,
    pub text: Cow<'a, str>,
    pub status: &'static str,
    pub status_cue: Cow<'a, str>,
    pub sentence: Cow<'a, str>,
    pub sentence_index: usize,
    pub start: usize,
    pub end: usize,
    pub source_start: Option<usize>,
    pub source_end: Option<usize>,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
}

impl ClaimRow<'_> {
    pub const COLUMNS: [&'static str; 20] = [
        "claim_id",
        "doc_id",
        "date",
        "title",
        "kind",
        "source",
        "source_type",
        "source_mention",
        "cue",
        "text",
        "status",
        "status_cue",
        "sentence",
        "sentence_index",
        "start",
        "end",
        "source_start",
        "source_end",
        "cue_start",
        "cue_end",
    ];
}

impl CsvRow for ClaimRow<'_> {
    fn write_csv(&self, out: &mut CsvBuf) {
        out.text(&self.claim_id);
        out.text(&self.doc_id);
        out.text(&self.date);
        out.text(&self.title);
        out.text(self.kind);
        out.text(&self.source);
        out.text(self.source_type);
        out.text(&self.source_mention);
        out.text(&self.cue);
        out.text(&self.text);
        out.text(self.status);
        out.text(&self.status_cue);
        out.text(&self.sentence);
        out.number(self.sentence_index as u64);
        out.number(self.start as u64);
        out.number(self.end as u64);
        out.opt_number(self.source_start);
        out.opt_number(self.source_end);
        out.opt_number(self.cue_start);
        out.opt_number(self.cue_end);
        out.end_record();
    }
}

/// `sources.csv`: one row per (`source`, `source_type`) over the whole run; most claims
/// first, ties by `source` then `source_type`.
///
/// - `claims`: claims with this source; `documents`: documents with at least one of them.
/// - `reported`, `confirmed`, `unconfirmed`: those claims by status.
/// - `first_date`, `last_date`: earliest and latest ISO date of those documents that have
///   a date; empty when none has.
#[derive(Debug, Serialize)]
pub struct SourceRow<'a> {
    pub source: Cow<'a, str>,
    pub source_type: &'static str,
    pub claims: u64,
    pub documents: u64,
    pub reported: u64,
    pub confirmed: u64,
    pub unconfirmed: u64,
    pub first_date: Cow<'a, str>,
    pub last_date: Cow<'a, str>,
}

impl SourceRow<'_> {
    pub const COLUMNS: [&'static str; 9] = [
        "source",
        "source_type",
        "claims",
        "documents",
        "reported",
        "confirmed",
        "unconfirmed",
        "first_date",
        "last_date",
    ];
}

impl CsvRow for SourceRow<'_> {
    fn write_csv(&self, out: &mut CsvBuf) {
        out.text(&self.source);
        out.text(self.source_type);
        out.number(self.claims);
        out.number(self.documents);
        out.number(self.reported);
        out.number(self.confirmed);
        out.number(self.unconfirmed);
        out.text(&self.first_date);
        out.text(&self.last_date);
        out.end_record();
    }
}

/// `documents.csv`: one row per input record, in input order, failures included, so that
/// records read = rows.
///
/// - `doc_id`: the document id (unique in the run: a repeated id gets `~2`, `~3`, ...);
///   for a record without a readable id, `<path>:<line>`.
/// - `input`: where the record came from: the file path, with `:<line>` for JSON Lines.
/// - `date`, `title`: as read; empty when absent.
/// - `chars`: characters of text; `sentences`: sentences found; `claims`: rows in
///   `claims.csv` (all three empty for an error row).
/// - `status`: `ok` or `error`.
/// - `error`: for `error`, why the record could not be read; for `ok`, warnings (lossy
///   decoding, renamed id, a cut cell), each starting with `warning:`, joined by `; `.
#[derive(Debug, Serialize)]
pub struct DocumentRow<'a> {
    pub doc_id: Cow<'a, str>,
    pub input: Cow<'a, str>,
    pub date: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub chars: Option<usize>,
    pub sentences: Option<usize>,
    pub claims: Option<usize>,
    pub status: &'static str,
    pub error: Cow<'a, str>,
}

impl DocumentRow<'_> {
    pub const COLUMNS: [&'static str; 9] = [
        "doc_id",
        "input",
        "date",
        "title",
        "chars",
        "sentences",
        "claims",
        "status",
        "error",
    ];
}

impl CsvRow for DocumentRow<'_> {
    fn write_csv(&self, out: &mut CsvBuf) {
        out.text(&self.doc_id);
        out.text(&self.input);
        out.text(&self.date);
        out.text(&self.title);
        out.opt_number(self.chars);
        out.opt_number(self.sentences);
        out.opt_number(self.claims);
        out.text(self.status);
        out.text(&self.error);
        out.end_record();
    }
}

/// `sentences.csv` (`claimtab sentences`): one row per sentence, in input and text order.
///
/// - `doc_id`: of the document; `paragraph_index`, `sentence_index`: from 0 over the document.
/// - `start`, `end`: character offsets into the document text, end exclusive.
/// - `text`: the sentence as in the document (line breaks kept).
#[derive(Debug, Serialize)]
pub struct SentenceRow<'a> {
    pub doc_id: Cow<'a, str>,
    pub paragraph_index: usize,
    pub sentence_index: usize,
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
}

impl SentenceRow<'_> {
    pub const COLUMNS: [&'static str; 6] = [
        "doc_id",
        "paragraph_index",
        "sentence_index",
        "start",
        "end",
        "text",
    ];
}

impl CsvRow for SentenceRow<'_> {
    fn write_csv(&self, out: &mut CsvBuf) {
        out.text(&self.doc_id);
        out.number(self.paragraph_index as u64);
        out.number(self.sentence_index as u64);
        out.number(self.start as u64);
        out.number(self.end as u64);
        out.text(&self.text);
        out.end_record();
    }
}

/// The rows of `claims.csv` for one document, in text order.
///
/// Shared by `claimtab run` (its table) and `claimtab stream` (rows on standard output),
/// so that both write the same cells.
pub fn claim_rows<'p>(p: &'p Processed, cells: &Cells) -> Vec<ClaimRow<'p>> {
    let doc = &p.doc;
    let mut claims: Vec<&Claim> = p.claims.iter().collect();
    // The attribute stage gives text order already; a stable sort makes sure.
    claims.sort_by_key(|c| {
        let a = &c.attribution;
        (a.text_span.start, a.cue_span.map(|s| s.start))
    });
    let mut offsets = CharOffsets::new(&doc.text);
    let mut rows = Vec::with_capacity(claims.len());
    for (n, claim) in claims.iter().enumerate() {
        let a = &claim.attribution;
        let sentence = match one_line(sentence_text(&doc.text, &p.segmented, a.sentences)) {
            Cow::Borrowed(sentence) => cells.text(sentence),
            Cow::Owned(sentence) => cells.owned(sentence),
        };
        let mut span = |s: Option<crate::model::Span>| match s {
            Some(s) => (Some(offsets.char_at(s.start)), Some(offsets.char_at(s.end))),
            None => (None, None),
        };
        let (source_start, source_end) = span(a.source_span);
        let (cue_start, cue_end) = span(a.cue_span);
        let (start, end) = span(Some(a.text_span));
        rows.push(ClaimRow {
            claim_id: cells.owned(numbered(&doc.doc_id, '#', n + 1)),
            doc_id: cells.text(&doc.doc_id),
            date: cells.opt(doc.date.as_deref()),
            title: cells.opt(doc.title.as_deref()),
            kind: a.kind.as_str(),
            source: cells.text(&a.source),
            source_type: a.source_type.as_str(),
            source_mention: cells.text(&a.source_mention),
            cue: cells.text(&a.cue),
            text: cells.text(&a.text),
            status: claim.status.as_str(),
            status_cue: cells.text(&claim.status_cue),
            sentence,
            sentence_index: a.sentences.0,
            start: start.unwrap_or_default(),
            end: end.unwrap_or_default(),
            source_start,
            source_end,
            cue_start,
            cue_end,
        });
    }
    rows
}

/// Running totals for one (source, source type) in `sources.csv`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct SourceTotals {
    claims: u64,
    documents: u64,
    by_status: [u64; 3],
    first_date: Option<String>,
    last_date: Option<String>,
}

/// The totals behind `sources.csv`, counted one document at a time.
///
/// Shared by `claimtab run` and `claimtab merge` (which recounts them from `claims.csv`),
/// so that both write the same table.
#[derive(Debug, Default)]
pub struct SourceTally {
    /// Totals by source, then by source type (a source has one or two: a list will do).
    /// Hashed, not sorted: a run looks a source up for every claim, and sorts them once,
    /// in [`SourceTally::write`].
    totals: HashMap<String, Vec<(SourceType, SourceTotals)>>,
}

impl SourceTally {
    /// Counts one document's claims, each as (source, source type, status); `date` is the
    /// document's.
    pub fn add_document<'a>(
        &mut self,
        date: Option<&str>,
        claims: impl IntoIterator<Item = (&'a str, SourceType, Status)>,
    ) {
        // The document's sources so far: a handful, so a list will do.
        let mut seen: Vec<(&str, SourceType)> = Vec::new();
        for (source, source_type, status) in claims {
            // The name is copied only the first time it is seen.
            let by_type = match self.totals.get_mut(source) {
                Some(by_type) => by_type,
                None => self.totals.entry(source.to_owned()).or_default(),
            };
            let at = match by_type.iter().position(|(t, _)| *t == source_type) {
                Some(at) => at,
                None => {
                    by_type.push((source_type, SourceTotals::default()));
                    by_type.len() - 1
                }
            };
            let totals = &mut by_type[at].1;
            totals.claims += 1;
            totals.by_status[status_index(status)] += 1;
            if !seen.contains(&(source, source_type)) {
                seen.push((source, source_type));
                totals.documents += 1;
                if let Some(date) = date {
                    widen_dates(totals, date);
                }
            }
        }
    }

    /// Writes the `sources.csv` rows: most claims first, ties by source, then type.
    pub fn write(&self, table: &mut TableFile, cells: &Cells) -> Result<(), OutputError> {
        let mut rows: Vec<(&str, SourceType, &SourceTotals)> = self
            .totals
            .iter()
            .flat_map(|(source, by_type)| {
                by_type
                    .iter()
                    .map(move |(source_type, totals)| (source.as_str(), *source_type, totals))
            })
            .collect();
        // (source, type) is unique, so this order is total: it does not depend on the map's.
        rows.sort_unstable_by_key(|&(source, source_type, t)| {
            (std::cmp::Reverse(t.claims), source, source_type)
        });
        for (source, source_type, t) in rows {
            table.row(&SourceRow {
                source: cells.text(source),
                source_type: source_type.as_str(),
                claims: t.claims,
                documents: t.documents,
                reported: t.by_status[status_index(Status::Reported)],
                confirmed: t.by_status[status_index(Status::Confirmed)],
                unconfirmed: t.by_status[status_index(Status::Unconfirmed)],
                first_date: cells.opt(t.first_date.as_deref()),
                last_date: cells.opt(t.last_date.as_deref()),
            })?;
        }
        Ok(())
    }
}

/// Room made for a `claims.csv` row before formatting it (they average 460 bytes on the
/// shared corpus): a buffer that grows copies what it holds.
const CLAIM_ROW_BYTES: usize = 512;
/// Room made for a `documents.csv` row (they average 120 bytes).
const DOCUMENT_ROW_BYTES: usize = 256;

/// A document's rows of `claims.csv` and `documents.csv`, formatted, and what
/// `sources.csv` needs from it.
///
/// Writing is the sequential part of a run, so `claimtab run` formats the rows on the
/// worker thread that processed the document ([`DocRows::format`], any thread, any order)
/// and the writing thread only appends bytes and counts sources ([`Tables::put`], in input
/// order). The bytes are those [`Tables::write`] writes.
#[derive(Debug)]
pub struct DocRows {
    /// The `claims.csv` rows, as CSV bytes.
    claims: Vec<u8>,
    /// The `documents.csv` row, as CSV bytes.
    document: Vec<u8>,
    /// (source, source type, status) of each claim, for `sources.csv`.
    sources: Vec<(String, SourceType, Status)>,
    /// The document's date, for `sources.csv`.
    date: Option<String>,
    /// Cells cut to fit a spreadsheet.
    cut: u64,
}

impl DocRows {
    /// Formats a document's claim rows and its `documents.csv` row. Takes the document:
    /// its claims' source names move to the tally's list, not copied.
    pub fn format(p: Processed, options: CellOptions) -> DocRows {
        let cells = Cells::new(options.raw);
        let doc = &p.doc;
        let mut claims = CsvBuf::with_capacity(p.claims.len() * CLAIM_ROW_BYTES);
        for row in claim_rows(&p, &cells) {
            row.write_csv(&mut claims);
        }
        let mut notes = doc.warnings.join("; ");
        let title = cells.opt(doc.title.as_deref());
        if cells.cut_count() > 0 {
            if !notes.is_empty() {
                notes.push_str("; ");
            }
            notes.push_str(&format!(
                "warning: a cell over {CELL_LIMIT} characters was cut (ends with {CUT_MARKER})"
            ));
        }
        let mut document = CsvBuf::with_capacity(DOCUMENT_ROW_BYTES);
        DocumentRow {
            doc_id: cells.text(&doc.doc_id),
            input: cells.text(&doc.input),
            date: cells.opt(doc.date.as_deref()),
            title,
            chars: Some(char_count(&doc.text)),
            sentences: Some(p.segmented.sentences.len()),
            claims: Some(p.claims.len()),
            status: "ok",
            error: cells.text(&notes),
        }
        .write_csv(&mut document);
        let cut = cells.cut_count();
        let sources = p
            .claims
            .into_iter()
            .map(|c| {
                let a = c.attribution;
                (a.source, a.source_type, c.status)
            })
            .collect();
        DocRows {
            claims: claims.into_bytes(),
            document: document.into_bytes(),
            sources,
            date: p.doc.date,
            cut,
        }
    }

    /// The document's claims (rows in `claims.csv`).
    pub fn claims(&self) -> usize {
        self.sources.len()
    }
}

/// The three tables of `claimtab run`, written as documents arrive.
///
/// Holds no claims: `claims.csv` and `documents.csv` stream to disk and `sources.csv` is
/// an aggregate map, written at [`Tables::commit`].
pub struct Tables {
    claims: TableFile,
    documents: TableFile,
    sources_path: PathBuf,
    sources: SourceTally,
    bom: bool,
    cells: Cells,
}

impl Tables {
    /// Starts `claims.csv`, `documents.csv` and `sources.csv` in `dir` (which must exist).
    pub fn create(dir: &Path, options: CellOptions) -> Result<Tables, OutputError> {
        Ok(Tables {
            claims: TableFile::create(dir.join("claims.csv"), &ClaimRow::COLUMNS, options.bom)?,
            documents: TableFile::create(
                dir.join("documents.csv"),
                &DocumentRow::COLUMNS,
                options.bom,
            )?,
            sources_path: dir.join("sources.csv"),
            sources: SourceTally::default(),
            bom: options.bom,
            cells: Cells::new(options.raw),
        })
    }

    /// Cells cut to fit a spreadsheet so far.
    pub fn cut_count(&self) -> u64 {
        self.cells.cut_count()
    }

    /// Writes a document's claims and its `documents.csv` row, and counts its sources.
    pub fn write(&mut self, p: Processed) -> Result<(), OutputError> {
        let options = CellOptions {
            raw: self.cells.raw,
            bom: self.bom,
        };
        self.put(DocRows::format(p, options))
    }

    /// Writes rows made by [`DocRows::format`] and counts the document's sources.
    /// Documents must come in input order.
    pub fn put(&mut self, rows: DocRows) -> Result<(), OutputError> {
        self.claims.append(&rows.claims)?;
        self.sources.add_document(
            rows.date.as_deref(),
            rows.sources
                .iter()
                .map(|(source, source_type, status)| (source.as_str(), *source_type, *status)),
        );
        self.cells.add_cut(rows.cut);
        self.documents.append(&rows.document)
    }

    /// Writes the `documents.csv` row of a record that could not be read.
    pub fn write_error(&mut self, e: &RecordError) -> Result<(), OutputError> {
        let cells = &self.cells;
        self.documents.row(&DocumentRow {
            doc_id: cells.text(&e.doc_id),
            input: cells.text(&e.input),
            date: Cow::Borrowed(""),
            title: Cow::Borrowed(""),
            chars: None,
            sentences: None,
            claims: None,
            status: "error",
            error: cells.text(&e.message),
        })
    }

    /// Writes `sources.csv` and puts all three tables in place.
    ///
    /// The sequential end of a run: while another thread flushes and syncs `claims.csv`
    /// and `documents.csv`, this one sorts and writes `sources.csv` and frees the tally.
    pub fn commit(self) -> Result<(), OutputError> {
        let Tables {
            claims,
            documents,
            sources_path,
            sources: tally,
            bom,
            cells,
        } = self;
        let (synced, sources) = std::thread::scope(|scope| {
            let synced = scope.spawn(|| Ok((claims.sync()?, documents.sync()?)));
            let sources =
                TableFile::create(sources_path, &SourceRow::COLUMNS, bom).and_then(|mut table| {
                    tally.write(&mut table, &cells)?;
                    table.sync()
                });
            drop(tally);
            let synced = synced
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (synced, sources)
        });
        let (claims, documents) = synced?;
        let sources = sources?;
        claims.rename()?;
        sources.rename()?;
        // Last, so that a complete documents.csv means the run completed.
        documents.rename()
    }
}

fn status_index(status: Status) -> usize {
    match status {
        Status::Reported => 0,
        Status::Confirmed => 1,
        Status::Unconfirmed => 2,
    }
}

fn widen_dates(totals: &mut SourceTotals, date: &str) {
    if totals.first_date.as_deref().is_none_or(|d| date < d) {
        totals.first_date = Some(date.to_owned());
    }
    if totals.last_date.as_deref().is_none_or(|d| date > d) {
        totals.last_date = Some(date.to_owned());
    }
}

/// The text from the start of sentence `first` to the end of sentence `last` (empty if
/// the indices or spans do not fit the text).
fn sentence_text<'t>(text: &'t str, seg: &Segmented, (first, last): (usize, usize)) -> &'t str {
    let (Some(a), Some(b)) = (seg.sentences.get(first), seg.sentences.get(last)) else {
        return "";
    };
    text.get(a.span.start..b.span.end).unwrap_or("")
}

/// `sentences.csv` of `claimtab sentences`.
pub struct SentenceTable {
    file: TableFile,
    cells: Cells,
}

impl SentenceTable {
    pub fn create(path: PathBuf, options: CellOptions) -> Result<SentenceTable, OutputError> {
        Ok(SentenceTable {
            file: TableFile::create(path, &SentenceRow::COLUMNS, options.bom)?,
            cells: Cells::new(options.raw),
        })
    }

    /// Writes one row per sentence of the document.
    pub fn write(&mut self, doc_id: &str, text: &str, seg: &Segmented) -> Result<(), OutputError> {
        let mut offsets = CharOffsets::new(text);
        let doc_id = self.cells.text(doc_id);
        for (i, s) in seg.sentences.iter().enumerate() {
            let start = offsets.char_at(s.span.start);
            let end = offsets.char_at(s.span.end);
            self.file.row(&SentenceRow {
                doc_id: Cow::Borrowed(&doc_id),
                paragraph_index: s.paragraph,
                sentence_index: i,
                start,
                end,
                text: self
                    .cells
                    .text(text.get(s.span.start..s.span.end).unwrap_or("")),
            })?;
        }
        Ok(())
    }

    pub fn cut_count(&self) -> u64 {
        self.cells.cut_count()
    }

    pub fn commit(self) -> Result<(), OutputError> {
        self.file.commit()
    }
}

#[cfg(test)]
mod tests;
