//! `claimtab merge`: the tables of several runs (or shards) as one set, the same bytes as
//! the tables of a single run over the union of their inputs.
//!
//! **The order of the tables.** A run reads its inputs in sorted order ([`sort_inputs`]):
//! each input is a path, compared component by component (`-`, standard input, counts as
//! the path `<stdin>`); a folder yields its files in the same sorted order, and a JSON Lines
//! file its lines in order. So a run's `documents.csv` is sorted by its `input` column read
//! as (path, line number), and so are a shard's rows, which are a subsequence of the full
//! run's. Merge restores the full order by merging the inputs' `documents.csv` by that key
//! ([`input_key`]); it never holds more than one row per input table, plus the
//! `sources.csv` totals and an 8-byte hash per document id.
//!
//! - `claims.csv`: each document's claim rows follow in its order (their count is the
//!   document's `claims` cell), copied unchanged;
//! - `documents.csv`: rows copied unchanged, in the merged order;
//! - `sources.csv`: recounted from the merged `claims.csv` (the inputs' `sources.csv` are
//!   not read), with the same rules as a run.
//!
//! Cells are copied as the runs wrote them; `raw` and `bom` must be the options the runs
//! were given (`--raw` to read the source names of the claims as written; a byte-order
//! mark present or absent against `bom` is an error). Inputs must be disjoint: a `doc_id`
//! in two of them (the same shard twice, or two runs over the same files) is an error,
//! since a single run would have renamed the second one.

use crate::model::{SourceType, Status};
use crate::output::{
    self, CellOptions, Cells, ClaimRow, DocumentRow, OutputError, SourceRow, SourceTally, TableFile,
};
use crate::shard::fnv1a64;
use crate::stage::split::{self, InputKind};
use csv::StringRecord;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Bytes that start a table written with `--bom`.
const BOM: &[u8] = b"\xEF\xBB\xBF";
/// What standard input is called in the `input` column.
const STDIN: &str = "<stdin>";

// Column positions in the tables (checked against the header of every input).
const DOC_ID: usize = 0;
const DOC_INPUT: usize = 1;
const DOC_DATE: usize = 2;
const DOC_CLAIMS: usize = 6;
const DOC_STATUS: usize = 7;
const CLAIM_DOC_ID: usize = 1;
const CLAIM_SOURCE: usize = 5;
const CLAIM_SOURCE_TYPE: usize = 6;
const CLAIM_STATUS: usize = 10;

/// Settings for `claimtab merge`.
#[derive(Debug, Clone)]
pub struct MergeConfig {
    /// Output folders of earlier runs, each holding `claims.csv` and `documents.csv`.
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    /// The tables were written with `--raw`.
    pub raw: bool,
    /// The tables were written with `--bom` (and the merged ones will be).
    pub bom: bool,
}

impl MergeConfig {
    pub fn cells(&self) -> CellOptions {
        CellOptions {
            raw: self.raw,
            bom: self.bom,
        }
    }
}

/// What a merge did, for the closing line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub inputs: usize,
    /// Rows of `documents.csv`, error rows included.
    pub documents: u64,
    /// Error rows among them.
    pub errors: u64,
    pub claims: u64,
}

impl std::fmt::Display for MergeSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "merged {} table sets: {} documents ({} errors), {} claims",
            self.inputs, self.documents, self.errors, self.claims
        )
    }
}

/// A merge that could not complete: nothing was put in place.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("no input folder given")]
    NoInput,
    #[error("cannot read {}: {cause}", path.display())]
    Read { path: PathBuf, cause: String },
    #[error("{}: {message}", path.display())]
    Format { path: PathBuf, message: String },
    #[error(
        "doc_id {doc_id:?} is in both {} and {}: merge takes the tables of disjoint inputs, \
         such as the shards of one run",
        first.display(), second.display()
    )]
    Overlap {
        doc_id: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("cannot create output folder {}: {cause}", path.display())]
    OutFolder { path: PathBuf, cause: io::Error },
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Sorts the inputs of a run into the order of its tables (see the module doc).
pub fn sort_inputs(inputs: &mut [PathBuf]) {
    let path = |p: &PathBuf| {
        if p.as_os_str() == "-" {
            PathBuf::from(STDIN)
        } else {
            p.clone()
        }
    };
    inputs.sort_by_cached_key(path);
}

/// The sort key of a `documents.csv` row: its `input` read as (path, JSON Lines line).
///
/// `input` is `<path>:<line>` for a JSON Lines record (of a `.jsonl`, `.jsonl.gz` or
/// standard input) and the path alone otherwise (a `.txt` file, or a file or folder that
/// could not be read, which sorts before its lines or files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputKey {
    path: String,
    line: Option<u64>,
}

impl Ord for InputKey {
    fn cmp(&self, other: &InputKey) -> Ordering {
        // Component by component, as a run sorts its inputs and walks its folders.
        Path::new(&self.path)
            .cmp(Path::new(&other.path))
            .then(self.line.cmp(&other.line))
    }
}

impl PartialOrd for InputKey {
    fn partial_cmp(&self, other: &InputKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The key of an `input` cell as written (`raw`: without a spreadsheet `'`).
pub fn input_key(cell: &str, raw: bool) -> InputKey {
    let input = original(cell, raw);
    if let Some((path, line)) = input.rsplit_once(':') {
        let jsonl = path == STDIN
            || matches!(
                split::input_kind(Path::new(path)),
                Some(InputKind::Jsonl { .. })
            );
        let digits = !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit());
        if let (true, true, Ok(line)) = (jsonl, digits, line.parse()) {
            return InputKey {
                path: path.to_owned(),
                line: Some(line),
            };
        }
    }
    InputKey {
        path: input.to_owned(),
        line: None,
    }
}

/// A text cell as it was before the writer made it spreadsheet-safe: without the `'` put
/// before `= + - @`, tab or CR (unless the tables are raw). A text that really began with
/// `'=` reads back as `=`: only the sort of such names can differ from a run's.
fn original(cell: &str, raw: bool) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if !raw && output::needs_prefix(rest) => rest,
        _ => cell,
    }
}

fn source_type(s: &str) -> Option<SourceType> {
    [
        SourceType::Person,
        SourceType::Organization,
        SourceType::Anonymous,
        SourceType::Document,
        SourceType::Unknown,
    ]
    .into_iter()
    .find(|t| t.as_str() == s)
}

/// `claimtab merge`: writes the merged `claims.csv`, `sources.csv` and `documents.csv`.
pub fn merge(config: &MergeConfig) -> Result<MergeSummary, MergeError> {
    if config.inputs.is_empty() {
        return Err(MergeError::NoInput);
    }
    let mut parts = config
        .inputs
        .iter()
        .map(|dir| Part::open(dir, config))
        .collect::<Result<Vec<_>, _>>()?;
    if !config.out_dir.as_os_str().is_empty() {
        std::fs::create_dir_all(&config.out_dir).map_err(|cause| MergeError::OutFolder {
            path: config.out_dir.clone(),
            cause,
        })?;
    }
    let options = config.cells();
    let out = &config.out_dir;
    let mut claims = TableFile::create(out.join("claims.csv"), &ClaimRow::COLUMNS, options.bom)?;
    let mut documents = TableFile::create(
        out.join("documents.csv"),
        &DocumentRow::COLUMNS,
        options.bom,
    )?;
    let mut tally = SourceTally::default();
    let mut summary = MergeSummary {
        inputs: parts.len(),
        ..MergeSummary::default()
    };
    // Hash of each doc_id -> the input it came from, to find overlapping inputs.
    let mut ids: HashMap<u64, usize> = HashMap::new();
    while let Some(i) = next_part(&parts) {
        let part = &mut parts[i];
        let doc = part.take_document()?;
        let doc_id = &doc[DOC_ID];
        if let Some(&first) = ids.get(&fnv1a64(doc_id.as_bytes())) {
            return Err(MergeError::Overlap {
                doc_id: original(doc_id, config.raw).to_owned(),
                first: config.inputs[first].clone(),
                second: config.inputs[i].clone(),
            });
        }
        ids.insert(fnv1a64(doc_id.as_bytes()), i);
        documents.row(fields(&doc).as_slice())?;
        summary.documents += 1;
        if doc.get(DOC_STATUS) == Some("error") {
            summary.errors += 1;
        }
        let rows = part.take_claims(&doc)?;
        for row in &rows {
            claims.row(fields(row).as_slice())?;
        }
        summary.claims += rows.len() as u64;
        let mut counted = Vec::with_capacity(rows.len());
        for row in &rows {
            let (Some(kind), Some(status)) = (
                source_type(&row[CLAIM_SOURCE_TYPE]),
                Status::parse(&row[CLAIM_STATUS]),
            ) else {
                return Err(part.format_error(
                    "claims.csv",
                    format!("a row of {doc_id:?} has an unknown source_type or status"),
                ));
            };
            counted.push((original(&row[CLAIM_SOURCE], config.raw), kind, status));
        }
        let date = original(&doc[DOC_DATE], config.raw);
        tally.add_document((!date.is_empty()).then_some(date), counted);
    }
    for part in &mut parts {
        part.check_claims_done()?;
    }
    let mut sources = TableFile::create(out.join("sources.csv"), &SourceRow::COLUMNS, options.bom)?;
    tally.write(&mut sources, &Cells::new(options.raw))?;
    claims.commit()?;
    sources.commit()?;
    // Last, as in a run: a complete documents.csv means the tables are complete.
    documents.commit()?;
    Ok(summary)
}

/// The input whose next document comes first (the earlier input on a tie).
fn next_part(parts: &[Part]) -> Option<usize> {
    let mut best: Option<(usize, &InputKey)> = None;
    for (i, part) in parts.iter().enumerate() {
        if let Some((key, _)) = &part.next {
            if best.is_none_or(|(_, b)| key < b) {
                best = Some((i, key));
            }
        }
    }
    best.map(|(i, _)| i)
}

fn fields(record: &StringRecord) -> Vec<&str> {
    record.iter().collect()
}

/// One input folder: its two tables, read row by row, and its next document.
struct Part {
    dir: PathBuf,
    raw: bool,
    documents: csv::Reader<File>,
    claims: csv::Reader<File>,
    next: Option<(InputKey, StringRecord)>,
}

impl Part {
    fn open(dir: &Path, config: &MergeConfig) -> Result<Part, MergeError> {
        let documents = open_table(&dir.join("documents.csv"), &DocumentRow::COLUMNS, config)?;
        let claims = open_table(&dir.join("claims.csv"), &ClaimRow::COLUMNS, config)?;
        let mut part = Part {
            dir: dir.to_owned(),
            raw: config.raw,
            documents,
            claims,
            next: None,
        };
        part.next = part.read_document()?;
        Ok(part)
    }

    fn read_document(&mut self) -> Result<Option<(InputKey, StringRecord)>, MergeError> {
        let mut record = StringRecord::new();
        match self.documents.read_record(&mut record) {
            Ok(false) => Ok(None),
            Ok(true) => Ok(Some((input_key(&record[DOC_INPUT], self.raw), record))),
            Err(e) => Err(self.format_error("documents.csv", e.to_string())),
        }
    }

    /// The next document row; checks that the rows are in the order of a run.
    fn take_document(&mut self) -> Result<StringRecord, MergeError> {
        let Some((key, record)) = self.next.take() else {
            return Err(self.format_error("documents.csv", "no more rows".into()));
        };
        self.next = self.read_document()?;
        if let Some((next, _)) = &self.next {
            if *next < key {
                let message = format!(
                    "rows are not in input order ({:?} after {:?}): these tables were not \
                     written by one claimtab run over inputs that do not overlap",
                    next.path, key.path
                );
                return Err(self.format_error("documents.csv", message));
            }
        }
        Ok(record)
    }

    /// The claim rows of document `doc` (as many as its `claims` cell says).
    fn take_claims(&mut self, doc: &StringRecord) -> Result<Vec<StringRecord>, MergeError> {
        let count = match &doc[DOC_CLAIMS] {
            "" => 0,
            n => n.parse::<usize>().map_err(|_| {
                self.format_error("documents.csv", format!("claims is not a number: {n:?}"))
            })?,
        };
        let mut rows = Vec::with_capacity(count);
        for _ in 0..count {
            let mut row = StringRecord::new();
            match self.claims.read_record(&mut row) {
                Ok(true) if row[CLAIM_DOC_ID] == doc[DOC_ID] => rows.push(row),
                Ok(_) => {
                    let message = format!(
                        "has fewer claim rows for {:?} than documents.csv says ({count})",
                        &doc[DOC_ID]
                    );
                    return Err(self.format_error("claims.csv", message));
                }
                Err(e) => return Err(self.format_error("claims.csv", e.to_string())),
            }
        }
        Ok(rows)
    }

    /// After the last document: no claim rows may be left over.
    fn check_claims_done(&mut self) -> Result<(), MergeError> {
        let mut row = StringRecord::new();
        match self.claims.read_record(&mut row) {
            Ok(false) => Ok(()),
            Ok(true) => Err(self.format_error(
                "claims.csv",
                format!(
                    "has claim rows of {:?} that documents.csv does not count",
                    &row[CLAIM_DOC_ID]
                ),
            )),
            Err(e) => Err(self.format_error("claims.csv", e.to_string())),
        }
    }

    fn format_error(&self, table: &str, message: String) -> MergeError {
        MergeError::Format {
            path: self.dir.join(table),
            message,
        }
    }
}

/// Opens a table, checks its byte-order mark against `--bom` and its header against the
/// columns a run writes, and leaves the reader at the first row.
fn open_table(
    path: &Path,
    columns: &[&str],
    config: &MergeConfig,
) -> Result<csv::Reader<File>, MergeError> {
    let read_error = |cause: String| MergeError::Read {
        path: path.to_owned(),
        cause,
    };
    let format_error = |message: String| MergeError::Format {
        path: path.to_owned(),
        message,
    };
    let mut file = File::open(path).map_err(|e| read_error(e.to_string()))?;
    let mut start = Vec::with_capacity(BOM.len());
    (&mut file)
        .take(BOM.len() as u64)
        .read_to_end(&mut start)
        .map_err(|e| read_error(e.to_string()))?;
    let has_bom = start == BOM;
    if !has_bom {
        file.seek(SeekFrom::Start(0))
            .map_err(|e| read_error(e.to_string()))?;
    }
    match (has_bom, config.bom) {
        (true, false) => {
            return Err(format_error(
                "starts with a byte-order mark: it was written with --bom; give merge --bom too"
                    .into(),
            ))
        }
        (false, true) => {
            return Err(format_error(
                "has no byte-order mark: it was written without --bom; merge it without --bom"
                    .into(),
            ))
        }
        _ => {}
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(file);
    let header = reader
        .headers()
        .map_err(|e| format_error(format!("not a claimtab table: {e}")))?;
    if header.iter().ne(columns.iter().copied()) {
        return Err(format_error(format!(
            "not a claimtab table: expected the columns {}",
            columns.join(",")
        )));
    }
    Ok(reader)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(cell: &str) -> InputKey {
        input_key(cell, false)
    }

    #[test]
    fn json_lines_inputs_sort_by_path_then_line_number() {
        assert_eq!(
            key("c/a.jsonl:12"),
            InputKey {
                path: "c/a.jsonl".into(),
                line: Some(12)
            }
        );
        assert!(key("a.jsonl:9") < key("a.jsonl:10"), "numerically");
        assert!(key("<stdin>:2") < key("<stdin>:10"));
        assert!(key("a.jsonl.gz:3").line.is_some());
        // A `.txt` path keeps its colon: it is no line number.
        assert_eq!(key("c/x:3.txt").line, None);
        assert_eq!(key("c/odd:3").line, None, "not a JSON Lines file");
    }

    #[test]
    fn paths_compare_component_by_component_like_a_folder_walk() {
        // Byte order would put `a-b/...` ('-' < '/') before `a/...`; a walk enters `a` first.
        assert!(key("d/a/z.txt") < key("d/a-b/c.txt"));
        assert!(key("d/b/x.txt") < key("d/b.jsonl:1"));
        assert!(
            key("d/sub") < key("d/sub/x.txt"),
            "a folder's error row first"
        );
    }

    #[test]
    fn a_spreadsheet_quote_is_not_part_of_the_key() {
        assert_eq!(key("'-in.jsonl:3"), key("-in.jsonl:3").clone());
        assert_eq!(key("'-in.jsonl:3").path, "-in.jsonl");
        assert_eq!(input_key("'-in.jsonl:3", true).path, "'-in.jsonl");
        assert_eq!(original("'x", false), "'x", "not a quote the writer put");
    }

    #[test]
    fn run_inputs_sort_like_the_keys_of_their_rows() {
        let mut inputs: Vec<PathBuf> = ["z.jsonl", "-", "a-b", "a", "/abs/x.txt"]
            .iter()
            .map(PathBuf::from)
            .collect();
        sort_inputs(&mut inputs);
        let order: Vec<_> = inputs.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(order, ["/abs/x.txt", "-", "a", "a-b", "z.jsonl"]);
        assert!(key("/abs/x.txt") < key("<stdin>:1"));
        assert!(key("<stdin>:1") < key("a/x.txt"));
    }
}
