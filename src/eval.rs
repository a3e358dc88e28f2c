//! `claimtab eval`: scores a `claims.csv` against gold JSON Lines, by the rules of CLAIMS.md.

// PLACEHOLDER (helper `io`): a stub with the API the binary calls, so that the crate
// compiles until the eval module lands. The lead replaces it with the real module.
use std::fmt;
use std::path::{Path, PathBuf};

/// The scores (placeholder).
#[derive(Debug)]
pub struct Report;

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "no scores")
    }
}

impl Report {
    /// Matches and misses per document (placeholder).
    pub fn details(&self) -> String {
        String::new()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EvalError(String);

/// Scores `claims` (a claims.csv) against the gold JSON Lines files (placeholder).
pub fn run(_claims: &Path, _gold: &[PathBuf]) -> Result<Report, EvalError> {
    Err(EvalError("claimtab eval is not built yet".to_owned()))
}
