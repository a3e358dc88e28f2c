//! Validated settings for a run, built from the command line before anything runs.

use std::path::PathBuf;

/// When to draw the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Progress {
    /// Only when standard error is a terminal.
    Auto,
    Always,
    Never,
}

/// Settings for `claimtab run`.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub inputs: Vec<PathBuf>,
    pub out_dir: PathBuf,
    /// Worker threads; 0 = one per core.
    pub threads: usize,
    pub progress: Progress,
    /// Write cells as they are, without neutralising spreadsheet formulas.
    pub raw: bool,
    /// Start each CSV with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}
