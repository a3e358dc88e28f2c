//! `claimtab stream`: a filter for cluster engines. JSON Lines articles in (standard input
//! by default), claim rows out on standard output, as soon as each batch is done.
//!
//! Made to be called once per partition by Spark's `RDD.pipe`, Hadoop Streaming or
//! `xargs -P`: it reads until its input closes, writes rows in input order, flushes after
//! every batch, and keeps standard output for rows only (messages go to standard error).
//!
//! - `csv`: the rows of `claims.csv` without its header, the same bytes (CRLF record ends;
//!   a cell may hold a quoted line break, as in `claims.csv`, so a line-based consumer
//!   should use `jsonl`). A record that cannot be read has no row: only its line on
//!   standard error and the exit code say so.
//! - `jsonl`: one JSON object per claim, with the `claims.csv` columns as fields (the same
//!   cells; numbers as numbers, empty offsets as `null`), and one object per record that
//!   could not be read: `{"doc_id", "input", "status": "error", "error"}` (a claim's
//!   `status` is never `error`).
//!
//! Batches are what has arrived, up to [`BATCH_DOCS`] documents or [`BATCH_BYTES`] of text:
//! a reader thread parses records ahead while the batch before is processed, so a slow
//! producer gets its rows back promptly and a fast one gets full batches.

use crate::model::{Processed, Record, RecordError};
use crate::output::{claim_rows, Cells, ClaimRow, CELL_LIMIT, CUT_MARKER};
use crate::pipeline::{process, Summary, BATCH_BYTES, BATCH_DOCS};
use crate::shard::Shard;
use crate::stage::split;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Instant;

/// The form of the rows on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The rows of claims.csv without the header.
    Csv,
    /// One JSON object per claim, with the claims.csv columns.
    Jsonl,
}

/// Settings for `claimtab stream`.
#[derive(Debug, Clone)]
pub struct StreamConfig {
    /// Inputs as for `run`; `-` (standard input) for a filter.
    pub inputs: Vec<PathBuf>,
    pub format: Format,
    /// Worker threads; 0 = one per core.
    pub threads: usize,
    /// Cells as they are, without neutralising spreadsheet formulas.
    pub raw: bool,
    /// Only the documents of this shard.
    pub shard: Option<Shard>,
}

/// A stream that could not complete.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error("cannot write the rows")]
    Output(#[from] io::Error),
    #[error("cannot start worker threads")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

/// The object written for a record that could not be read (`jsonl` only).
#[derive(Debug, Serialize)]
struct ErrorRow<'a> {
    doc_id: Cow<'a, str>,
    input: Cow<'a, str>,
    status: &'static str,
    error: Cow<'a, str>,
}

/// Reads the inputs and writes the claim rows to `out`, flushing after every batch.
pub fn stream<W: Write>(config: &StreamConfig, out: W) -> Result<Summary, StreamError> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()?;
    let (sender, receiver) = mpsc::sync_channel::<Record>(BATCH_DOCS);
    let (inputs, shard) = (config.inputs.clone(), config.shard);
    // Not joined: when writing fails, this thread may be blocked reading standard input;
    // it ends with the process (or at its next record, when the receiver is gone).
    std::thread::spawn(move || {
        let records = split::records(&inputs).filter(|r| shard.is_none_or(|s| s.keeps(r)));
        for record in records {
            if sender.send(record).is_err() {
                break;
            }
        }
    });
    let cells = Cells::new(config.raw);
    let mut rows = Rows::new(config.format, out);
    let mut summary = Summary::default();
    while let Ok(first) = receiver.recv() {
        let mut batch = vec![first];
        let mut bytes = text_bytes(&batch[0]);
        while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            let Ok(record) = receiver.try_recv() else {
                break;
            };
            bytes += text_bytes(&record);
            batch.push(record);
        }
        summary.bytes += bytes as u64;
        batch.iter().for_each(report);
        let outcomes: Vec<Result<Processed, RecordError>> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|record| match record {
                    Record::Doc(doc) => crate::pipeline::guarded(&process, doc),
                    Record::Error(e) => Err(e),
                })
                .collect()
        });
        for outcome in outcomes {
            match outcome {
                Ok(p) => {
                    summary.documents += 1;
                    let claims = claim_rows(&p, &cells);
                    summary.claims += claims.len() as u64;
                    claims.iter().try_for_each(|row| rows.claim(row))?;
                }
                Err(e) => {
                    summary.errors += 1;
                    rows.error(&e, &cells)?;
                }
            }
        }
        rows.flush()?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    let cut = cells.cut_count();
    if cut > 0 {
        eprintln!(
            "claimtab: warning: {cut} cells over {CELL_LIMIT} characters were cut to fit a \
             spreadsheet cell (they end with {CUT_MARKER})"
        );
    }
    Ok(summary)
}

fn text_bytes(record: &Record) -> usize {
    match record {
        Record::Doc(doc) => doc.text.len(),
        Record::Error(_) => 0,
    }
}

/// One line on standard error per bad record and per warning, naming the input line.
fn report(record: &Record) {
    match record {
        Record::Doc(doc) => {
            for warning in &doc.warnings {
                eprintln!("claimtab: {}: {warning}", doc.input);
            }
        }
        Record::Error(e) => eprintln!("claimtab: error: {}: {}", e.input, e.message),
    }
}

/// The rows on their way out, in the chosen format.
enum Rows<W: Write> {
    // Boxed: the CSV writer is large, and there is one `Rows` per stream.
    Csv(Box<csv::Writer<W>>),
    Jsonl(BufWriter<W>),
}

impl<W: Write> Rows<W> {
    fn new(format: Format, out: W) -> Rows<W> {
        match format {
            // The settings of claims.csv, so that the rows are the same bytes.
            Format::Csv => Rows::Csv(Box::new(
                csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(out),
            )),
            Format::Jsonl => Rows::Jsonl(BufWriter::with_capacity(1 << 16, out)),
        }
    }

    fn claim(&mut self, row: &ClaimRow) -> io::Result<()> {
        match self {
            Rows::Csv(w) => w.serialize(row).map_err(csv_io),
            Rows::Jsonl(w) => json_line(w, row),
        }
    }

    fn error(&mut self, e: &RecordError, cells: &Cells) -> io::Result<()> {
        match self {
            Rows::Csv(_) => Ok(()),
            Rows::Jsonl(w) => json_line(
                w,
                &ErrorRow {
                    doc_id: cells.text(&e.doc_id),
                    input: cells.text(&e.input),
                    status: "error",
                    error: cells.text(&e.message),
                },
            ),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Rows::Csv(w) => w.flush(),
            Rows::Jsonl(w) => w.flush(),
        }
    }
}

fn json_line<W: Write, R: Serialize>(w: &mut W, row: &R) -> io::Result<()> {
    serde_json::to_writer(&mut *w, row)?;
    w.write_all(b"\n")
}

fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
