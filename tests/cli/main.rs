//! CLI tests: run the `claimtab` binary as a user would. One test binary (modules below)
//! to keep link time low.

mod bad_input;
mod kill;
mod sample;
mod shard;
mod spreadsheet;
mod stream;
mod usage;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TABLES: [&str; 3] = ["claims.csv", "documents.csv", "sources.csv"];

/// The crate root: inputs like `data/sample` are given relative to it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn claimtab() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimtab"));
    cmd.current_dir(root());
    cmd
}

/// Runs `claimtab` with `args` (no progress bar) and returns its output.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    claimtab().args(args).output().unwrap()
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited, not killed")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Rows of a CSV table, without its header.
pub fn rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader.records().map(|r| r.unwrap()).collect()
}

/// Rows of a CSV table as maps from column name to cell.
pub fn table(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .map(str::to_owned)
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// `../shared/corpus/...`, or `None` with a note when the shared folder is not beside the crate.
pub fn shared(path: &str) -> Option<PathBuf> {
    let full = root().join("../shared").join(path);
    if full.exists() {
        Some(full)
    } else {
        eprintln!(
            "note: {} not found; skipping the part that needs it",
            full.display()
        );
        None
    }
}
