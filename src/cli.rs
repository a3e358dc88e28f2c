//! The command line: clap derive types only. `main.rs` turns them into validated configs.

use claimtab::config::Progress;
use claimtab::shard::Shard;
use claimtab::stream::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  every input record was processed
  1  some records could not be read or processed: each has a row with status `error` in
     documents.csv and a line on standard error; the rest of the run is complete
  2  usage error (bad option, input not found) or output error (tables not written)";

const STREAM_EXIT_CODES: &str = "\
Exit codes:
  0  every input record was processed
  1  some records could not be read or processed: each has a line on standard error (and
     with --format jsonl an object with \"status\":\"error\"); the other rows are complete
  2  usage error (bad option, input not found), or the rows could not be written";

const MERGE_EXIT_CODES: &str = "\
Exit codes:
  0  the merged tables were written
  2  usage error, an input that is not the output of a claimtab run, inputs that overlap
     (a doc_id in two of them), or the tables could not be written";

const EVAL_EXIT_CODES: &str = "\
Exit codes:
  0  the scores were printed
  2  usage error, or a file could not be read";

/// Claims and quotes from news articles, as spreadsheet-ready CSV tables.
#[derive(Debug, Parser)]
#[command(name = "claimtab", version, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the claims of every article: writes claims.csv, sources.csv and documents.csv.
    #[command(after_help = EXIT_CODES)]
    Run(RunArgs),
    /// Claim rows on stdout for JSON Lines on stdin: a filter for Spark, Hadoop Streaming, xargs.
    ///
    /// Reads until its input closes; writes rows in input order, flushed after every batch.
    #[command(after_help = STREAM_EXIT_CODES)]
    Stream(StreamArgs),
    /// Merge the tables of runs or shards into the tables of one run over all their inputs.
    ///
    /// Documents in input order (by the `input` column: path, then line number); each
    /// document's claims after it; sources.csv recounted from claims.csv.
    #[command(after_help = MERGE_EXIT_CODES)]
    Merge(MergeArgs),
    /// Write the segmenter's sentences as sentences.csv (for debugging and measuring it).
    #[command(after_help = EXIT_CODES)]
    Sentences(SentencesArgs),
    /// Score a claims.csv against gold claims in JSON Lines (see CLAIMS.md).
    #[command(after_help = EVAL_EXIT_CODES)]
    Eval(EvalArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Folders, .txt / .jsonl files (or their .gz forms), or `-` for JSON Lines on stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Folder for the tables (created if missing).
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Process only shard K of N: the documents whose FNV-1a hash of doc_id modulo N is K
    /// (K from 0). The N shards' tables merge into this run's with `claimtab merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct StreamArgs {
    /// JSON Lines on standard input (`-`, the default), or inputs as for `run`.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub inputs: Vec<PathBuf>,
    /// The form of the rows (a bad record: a line on stderr, and in jsonl an object with
    /// "status":"error").
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Worker threads (0 = one per core; 1 when the engine runs a process per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Process only shard K of N (as `run --shard`).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Write cells as they are: no `'` before a cell that starts with = + - @ tab or CR.
    #[arg(long)]
    pub raw: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Output folders of `claimtab run` (claims.csv and documents.csv are read).
    #[arg(required = true, value_name = "DIR")]
    pub inputs: Vec<PathBuf>,
    /// Folder for the merged tables (created if missing).
    #[arg(long, value_name = "DIR", required = true)]
    pub out: PathBuf,
    /// The tables were written with --raw (give the runs' own --raw / --bom).
    #[arg(long)]
    pub raw: bool,
    /// The tables were written with --bom; the merged ones will be too.
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Args)]
pub struct SentencesArgs {
    /// Folders, .txt / .jsonl files (or their .gz forms), or `-` for JSON Lines on stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The CSV file to write (its folder is created if missing).
    #[arg(long, value_name = "FILE", default_value = "out/sentences.csv")]
    pub out: PathBuf,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options shared by `run` and `sentences`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Worker threads (0 = one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Progress bar on stderr: auto = only when stderr is a terminal.
    #[arg(long, value_enum, default_value_t = Progress::Auto)]
    pub progress: Progress,
    /// Write cells as they are: no `'` before a cell that starts with = + - @ tab or CR
    /// (for programs, not spreadsheets).
    #[arg(long)]
    pub raw: bool,
    /// Start each CSV file with a UTF-8 byte-order mark (so Excel shows accents and curly
    /// quotes right).
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The claims.csv written by `claimtab run`.
    #[arg(value_name = "CLAIMS.csv")]
    pub claims: PathBuf,
    /// Gold claims, JSON Lines (one document per line).
    #[arg(required = true, value_name = "GOLD.jsonl")]
    pub gold: Vec<PathBuf>,
    /// Also print the matches and misses, document by document.
    #[arg(long)]
    pub details: bool,
}
