//! Runs the stages over batches of documents in parallel and writes the tables in input order.
//!
//! Records are read in ordered batches (up to [`BATCH_DOCS`] documents or [`BATCH_BYTES`]
//! of text), processed with `par_iter` on a pool of `--threads` threads, and handed to
//! the writers in input order: the tables are the same bytes whatever the thread count,
//! and memory holds one batch, never the corpus.
//!
//! This module and the writers are the only ones that talk to the user: the progress bar
//! and one line per bad record on standard error.

use crate::config::{Progress, RunConfig, SentencesConfig};
use crate::model::{Claim, Document, Processed, Record, RecordError, Segmented, Sentence, Span};
use crate::output::{DocRows, OutputError, SentenceTable, Tables, CELL_LIMIT, CUT_MARKER};
use crate::shard::Shard;
use crate::stage::{attribute, classify, segment, split};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};
use rayon::prelude::*;
use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Documents per batch: enough to keep every thread busy, few enough to bound memory.
pub const BATCH_DOCS: usize = 512;
/// Text bytes per batch (a batch also ends at [`BATCH_DOCS`]).
pub const BATCH_BYTES: usize = 8 << 20;

/// Text bytes of the longest document processed as one article. Articles run to tens of
/// kilobytes (the longest of the shared corpus: 25 kB); a longer record is a
/// concatenation, a scrape or junk, and is processed in pieces of whole sentences of at
/// most this size (see [`pieces`]), because attribute and classify compare every claim
/// with every other claim, statement and signal of the article: a 50 MB record in one
/// piece would take hours.
pub const ARTICLE_BYTES: usize = 128 << 10;

/// Runs segment → attribute → classify on one document. Pure: no I/O.
pub fn process(doc: Document) -> Processed {
    process_in_pieces(doc, ARTICLE_BYTES)
}

/// [`process`], with a document longer than `article_bytes` processed in pieces of at
/// most that size (tests use small pieces).
pub fn process_in_pieces(doc: Document, article_bytes: usize) -> Processed {
    let segmented = segment::segment(&doc.text, doc.body_start);
    let claims = if doc.text.len() <= article_bytes {
        let attributions = attribute::attribute(&doc, &segmented);
        classify::classify(&doc, &segmented, attributions)
    } else {
        pieces(&segmented, article_bytes)
            .into_iter()
            .flat_map(|range| piece_claims(&doc, &segmented, range))
            .collect()
    };
    Processed {
        doc,
        segmented,
        claims,
    }
}

/// Splits the sentences into runs (index ranges) of at most `max` bytes of text each
/// (a run of one sentence may be longer), ending at a paragraph end where one is in reach,
/// so that a quotation over several sentences of a paragraph stays whole.
pub fn pieces(seg: &Segmented, max: usize) -> Vec<Range<usize>> {
    let sentences = &seg.sentences;
    let mut out = Vec::new();
    let mut first = 0;
    while first < sentences.len() {
        let start = sentences[first].span.start;
        // Sentences that fit from `first`: at least one.
        let fit = sentences[first..]
            .iter()
            .take_while(|s| s.span.end - start <= max)
            .count()
            .max(1);
        let mut end = first + fit;
        if end < sentences.len() {
            // The last paragraph end within reach, if any.
            if let Some(k) = (first + 1..end)
                .rev()
                .find(|&k| sentences[k].paragraph != sentences[k - 1].paragraph)
            {
                end = k;
            }
        }
        out.push(first..end);
        first = end;
    }
    out
}

/// The claims of sentences `range`, found in a document of their text alone, with their
/// offsets and sentence indices put back into the whole document's.
fn piece_claims(doc: &Document, seg: &Segmented, range: Range<usize>) -> Vec<Claim> {
    let sentences = &seg.sentences[range.clone()];
    let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
        return Vec::new();
    };
    let (start, end) = (first.span.start, last.span.end);
    let shift = |s: Span| Span::new(s.start - start, s.end - start);
    let piece = Segmented {
        paragraphs: seg.paragraphs[first.paragraph..=last.paragraph]
            .iter()
            .map(|p| shift(Span::new(p.start.max(start), p.end.min(end))))
            .collect(),
        sentences: sentences
            .iter()
            .map(|s| Sentence {
                span: shift(s.span),
                paragraph: s.paragraph - first.paragraph,
            })
            .collect(),
    };
    let piece_doc = Document {
        doc_id: doc.doc_id.clone(),
        input: doc.input.clone(),
        date: doc.date.clone(),
        title: doc.title.clone(),
        text: doc.text[start..end].to_owned(),
        body_start: 0,
        warnings: Vec::new(),
    };
    let attributions = attribute::attribute(&piece_doc, &piece);
    let mut claims = classify::classify(&piece_doc, &piece, attributions);
    let back = |s: Span| Span::new(s.start + start, s.end + start);
    for claim in &mut claims {
        let a = &mut claim.attribution;
        a.text_span = back(a.text_span);
        a.source_span = a.source_span.map(back);
        a.cue_span = a.cue_span.map(back);
        a.sentences = (a.sentences.0 + range.start, a.sentences.1 + range.start);
    }
    claims
}

/// What a run did, for the closing line and the exit code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Records read and processed.
    pub documents: u64,
    /// Records that could not be read or processed (rows with `status` = `error`).
    pub errors: u64,
    pub claims: u64,
    /// Bytes of document text processed.
    pub bytes: u64,
    pub seconds: f64,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = self.bytes as f64 / 1e6;
        write!(
            f,
            "{} documents, {} claims, {} errors in {:.2} s ({:.1} MB/s)",
            self.documents,
            self.claims,
            self.errors,
            self.seconds,
            mb / self.seconds.max(1e-9)
        )
    }
}

/// A run that could not complete: its tables were not put in place.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("cannot create output folder {}: {cause}", path.display())]
    OutFolder { path: PathBuf, cause: io::Error },
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

/// `claimtab run`: writes `claims.csv`, `sources.csv` and `documents.csv` to the output folder.
pub fn run(config: &RunConfig) -> Result<Summary, RunError> {
    create_folder(&config.out_dir)?;
    let options = config.cells();
    let mut tables = Tables::create(&config.out_dir, options)?;
    // The rows are formatted on the worker that processed the document (which also frees
    // it there): the writing thread, the sequential part, only appends bytes in input
    // order and counts sources.
    let work = |doc: Document| DocRows::format(process(doc), options);
    let sink = |outcome: Result<DocRows, RecordError>| match outcome {
        Ok(rows) => {
            let claims = rows.claims() as u64;
            tables.put(rows)?;
            Ok(claims)
        }
        Err(e) => tables.write_error(&e).map(|()| 0),
    };
    let summary = drive(
        &config.inputs,
        config.shard,
        config.threads,
        config.progress,
        work,
        sink,
    )?;
    warn_cut(tables.cut_count());
    tables.commit()?;
    Ok(summary)
}

/// `claimtab sentences`: writes the segmenter's output as `sentences.csv`.
pub fn sentences(config: &SentencesConfig) -> Result<Summary, RunError> {
    if let Some(parent) = config.out_file.parent() {
        create_folder(parent)?;
    }
    let mut table = SentenceTable::create(config.out_file.clone(), config.cells())?;
    let work = |doc: Document| {
        let segmented = segment::segment(&doc.text, doc.body_start);
        (doc, segmented)
    };
    let sink = |outcome: Result<(Document, crate::model::Segmented), RecordError>| {
        if let Ok((doc, segmented)) = outcome {
            table.write(&doc.doc_id, &doc.text, &segmented)?;
        }
        Ok(0)
    };
    let summary = drive(
        &config.inputs,
        None,
        config.threads,
        config.progress,
        work,
        sink,
    )?;
    warn_cut(table.cut_count());
    table.commit()?;
    Ok(summary)
}

fn create_folder(path: &Path) -> Result<(), RunError> {
    if path.as_os_str().is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(path).map_err(|cause| RunError::OutFolder {
        path: path.to_owned(),
        cause,
    })
}

fn warn_cut(cut: u64) {
    if cut > 0 {
        eprintln!(
            "claimtab: warning: {cut} cells over {CELL_LIMIT} characters were cut to fit a \
             spreadsheet cell (they end with {CUT_MARKER})"
        );
    }
}

/// Reads the inputs in batches, runs `work` on each document in parallel, and gives each
/// outcome to `sink` in input order (`sink` returns the claims it wrote).
///
/// With a `shard`, the records of other shards are dropped as they are read: no row, no
/// line on standard error, not counted.
/// Reading, processing and writing overlap: while the pool works on batch n, one task
/// reads batch n+1 and another writes the outcomes of batch n-1, and a thread that is done
/// with its task joins the work on batch n. Reading and writing are sequential, and with
/// them outside the parallel part two threads would be far from twice as fast as one.
/// Order is kept (the sink sees batch n-1 whole before batch n), so the tables are the
/// same bytes for any thread count; with one thread the three simply run in turn. At most
/// three batches are held at a time.
///
/// A bad record or a warning prints one line on standard error as it is read. A document
/// on which `work` panics (a bug, never expected) becomes an error record instead of
/// ending the run: a nightly job should lose one article, not the night.
fn drive<T, W, S>(
    inputs: &[PathBuf],
    shard: Option<Shard>,
    threads: usize,
    progress: Progress,
    work: W,
    mut sink: S,
) -> Result<Summary, RunError>
where
    T: Send,
    W: Fn(Document) -> T + Sync,
    S: FnMut(Result<T, RecordError>) -> Result<u64, OutputError> + Send,
{
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let bar = progress_bar(progress);
    let mut summary = Summary::default();
    let mut records =
        split::records(inputs).filter(|record| shard.is_none_or(|shard| shard.keeps(record)));
    let mut written = Written::default();
    pool.install(|| -> Result<(), OutputError> {
        let (mut batch, bytes) = read_batch(&mut records, &bar);
        summary.bytes += bytes;
        let mut done: Vec<Result<T, RecordError>> = Vec::new();
        while !batch.is_empty() || !done.is_empty() {
            let ((outcomes, (next, bytes)), wrote) = rayon::join(
                || {
                    rayon::join(
                        || process_batch(&work, batch, &bar),
                        || read_batch(&mut records, &bar),
                    )
                },
                || written.add(done, &mut sink),
            );
            wrote?;
            summary.bytes += bytes;
            (batch, done) = (next, outcomes);
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    summary.documents = written.documents;
    summary.errors = written.errors;
    summary.claims = written.claims;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The next batch of records (up to [`BATCH_DOCS`] documents or [`BATCH_BYTES`] of text)
/// and its text bytes; empty at the end of the inputs. Prints warnings and bad records.
fn read_batch(records: &mut impl Iterator<Item = Record>, bar: &ProgressBar) -> (Vec<Record>, u64) {
    let mut batch = Vec::with_capacity(BATCH_DOCS);
    let mut bytes = 0;
    while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
        let Some(record) = records.next() else { break };
        match &record {
            Record::Doc(doc) => {
                bytes += doc.text.len();
                for warning in &doc.warnings {
                    bar.suspend(|| eprintln!("claimtab: {}: {warning}", doc.input));
                }
            }
            Record::Error(e) => {
                bar.suspend(|| eprintln!("claimtab: error: {}: {}", e.input, e.message));
            }
        }
        batch.push(record);
    }
    (batch, bytes as u64)
}

/// Runs `work` on every document of a batch in parallel; outcomes in batch order.
fn process_batch<T, W>(
    work: &W,
    batch: Vec<Record>,
    bar: &ProgressBar,
) -> Vec<Result<T, RecordError>>
where
    T: Send,
    W: Fn(Document) -> T + Sync,
{
    let outcomes: Vec<Result<T, RecordError>> = batch
        .into_par_iter()
        .map(|record| match record {
            Record::Doc(doc) => guarded(work, doc),
            Record::Error(e) => Err(e),
        })
        .collect();
    bar.inc(outcomes.len() as u64);
    outcomes
}

/// What the sink has been given so far.
#[derive(Debug, Default)]
struct Written {
    documents: u64,
    errors: u64,
    claims: u64,
}

impl Written {
    /// Gives a batch's outcomes to the sink, in order.
    fn add<T, S>(
        &mut self,
        outcomes: Vec<Result<T, RecordError>>,
        sink: &mut S,
    ) -> Result<(), OutputError>
    where
        S: FnMut(Result<T, RecordError>) -> Result<u64, OutputError>,
    {
        for outcome in outcomes {
            match &outcome {
                Ok(_) => self.documents += 1,
                Err(_) => self.errors += 1,
            }
            self.claims += sink(outcome)?;
        }
        Ok(())
    }
}

/// Runs `work`, turning a panic into an error record (the panic hook has printed it).
pub(crate) fn guarded<T>(work: &impl Fn(Document) -> T, doc: Document) -> Result<T, RecordError> {
    let (doc_id, input) = (doc.doc_id.clone(), doc.input.clone());
    panic::catch_unwind(AssertUnwindSafe(|| work(doc))).map_err(|_| {
        let message = "internal error: processing panicked (a bug: please report it)".to_owned();
        eprintln!("claimtab: error: {input}: {message}");
        RecordError {
            doc_id,
            input,
            message,
        }
    })
}

fn progress_bar(mode: Progress) -> ProgressBar {
    let terminal = io::stderr().is_terminal();
    let target = match mode {
        Progress::Never => ProgressDrawTarget::hidden(),
        Progress::Auto if !terminal => ProgressDrawTarget::hidden(),
        Progress::Always if !terminal => ProgressDrawTarget::term_like(Box::new(PlainStderr)),
        Progress::Auto | Progress::Always => ProgressDrawTarget::stderr(),
    };
    let bar = ProgressBar::with_draw_target(None, target);
    if !bar.is_hidden() {
        let style =
            ProgressStyle::with_template("{spinner} {human_pos} documents, {per_sec}, {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
    }
    bar
}

/// Standard error as a plain terminal, for `--progress always` when it is not one
/// (indicatif hides bars on non-terminals by itself).
#[derive(Debug)]
struct PlainStderr;

impl PlainStderr {
    fn put(&self, s: &str) -> io::Result<()> {
        io::stderr().write_all(s.as_bytes())
    }

    /// A cursor move; none for 0, which terminals would read as 1.
    fn step(&self, n: usize, code: char) -> io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.put(&format!("\x1b[{n}{code}"))
    }
}

impl TermLike for PlainStderr {
    fn width(&self) -> u16 {
        80
    }
    fn move_cursor_up(&self, n: usize) -> io::Result<()> {
        self.step(n, 'A')
    }
    fn move_cursor_down(&self, n: usize) -> io::Result<()> {
        self.step(n, 'B')
    }
    fn move_cursor_right(&self, n: usize) -> io::Result<()> {
        self.step(n, 'C')
    }
    fn move_cursor_left(&self, n: usize) -> io::Result<()> {
        self.step(n, 'D')
    }
    fn write_line(&self, s: &str) -> io::Result<()> {
        self.put(&format!("{s}\n"))
    }
    fn write_str(&self, s: &str) -> io::Result<()> {
        self.put(s)
    }
    fn clear_line(&self) -> io::Result<()> {
        self.put("\r\x1b[2K")
    }
    fn flush(&self) -> io::Result<()> {
        io::stderr().flush()
    }
}
