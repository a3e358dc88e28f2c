//! Validated settings for a run, built from the command line before anything runs.

use crate::output::CellOptions;
use crate::shard::Shard;
use crate::stage::split;
use std::path::{Path, PathBuf};

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
    /// Process only the documents of this shard (`--shard K/N`).
    pub shard: Option<Shard>,
}

/// Settings for `claimtab sentences`.
#[derive(Debug, Clone)]
pub struct SentencesConfig {
    pub inputs: Vec<PathBuf>,
    /// The `sentences.csv` file to write.
    pub out_file: PathBuf,
    /// Worker threads; 0 = one per core.
    pub threads: usize,
    pub progress: Progress,
    pub raw: bool,
    pub bom: bool,
}

/// A usage error found before the run starts (exit code 2).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("no input given")]
    NoInput,
    #[error("input not found: {}", .0.display())]
    Missing(PathBuf),
    #[error(
        "unsupported input {}: expected a folder, `-`, or a .txt, .jsonl, .txt.gz or .jsonl.gz file",
        .0.display()
    )]
    Unsupported(PathBuf),
    #[error("standard input (`-`) given more than once")]
    StdinTwice,
    #[error("output folder {} exists and is not a folder", .0.display())]
    OutNotFolder(PathBuf),
    #[error("output file {} is a folder", .0.display())]
    OutIsFolder(PathBuf),
}

impl RunConfig {
    /// Checks inputs and the output folder, and sorts the inputs into the order of the
    /// tables (see [`crate::merge`]); the run starts only with a valid config.
    pub fn validated(mut self) -> Result<RunConfig, ConfigError> {
        check_inputs(&self.inputs)?;
        crate::merge::sort_inputs(&mut self.inputs);
        if self.out_dir.exists() && !self.out_dir.is_dir() {
            return Err(ConfigError::OutNotFolder(self.out_dir));
        }
        Ok(self)
    }

    pub fn cells(&self) -> CellOptions {
        CellOptions {
            raw: self.raw,
            bom: self.bom,
        }
    }
}

impl SentencesConfig {
    pub fn validated(mut self) -> Result<SentencesConfig, ConfigError> {
        check_inputs(&self.inputs)?;
        crate::merge::sort_inputs(&mut self.inputs);
        if self.out_file.is_dir() {
            return Err(ConfigError::OutIsFolder(self.out_file));
        }
        Ok(self)
    }

    pub fn cells(&self) -> CellOptions {
        CellOptions {
            raw: self.raw,
            bom: self.bom,
        }
    }
}

/// Every input must exist and be a folder, `-` (once), or a file of a kind we read.
pub fn check_inputs(inputs: &[PathBuf]) -> Result<(), ConfigError> {
    if inputs.is_empty() {
        return Err(ConfigError::NoInput);
    }
    let stdin = inputs.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin > 1 {
        return Err(ConfigError::StdinTwice);
    }
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        check_input(input)?;
    }
    Ok(())
}

fn check_input(input: &Path) -> Result<(), ConfigError> {
    if !input.exists() {
        return Err(ConfigError::Missing(input.to_owned()));
    }
    if !input.is_dir() && split::input_kind(input).is_none() {
        return Err(ConfigError::Unsupported(input.to_owned()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_checked_before_the_run() {
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(check_inputs(&[]), Err(ConfigError::NoInput));
        let missing = here.join("no/such/file.txt");
        assert_eq!(
            check_inputs(std::slice::from_ref(&missing)),
            Err(ConfigError::Missing(missing))
        );
        let toml = here.join("Cargo.toml");
        assert_eq!(
            check_inputs(std::slice::from_ref(&toml)),
            Err(ConfigError::Unsupported(toml))
        );
        let dash = PathBuf::from("-");
        assert_eq!(
            check_inputs(&[dash.clone(), dash.clone()]),
            Err(ConfigError::StdinTwice)
        );
        assert_eq!(check_inputs(&[here.join("src"), dash]), Ok(()));
    }
}
