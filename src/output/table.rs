//! The bytes of a table and the file they go to: [`CsvBuf`] formats records in the tables'
//! CSV dialect, [`TableFile`] writes them to a temporary file and puts it in place.
//!
//! The dialect is the `csv` crate's with `QuoteStyle::Necessary` and `Terminator::CRLF`;
//! the row structs of `output` are also `Serialize`, and `output::tests` checks that
//! [`CsvRow::write_csv`] and serializing them with the `csv` crate give the same bytes.
//! Rows are formatted by hand rather than through serde because writing was a sixth of
//! all the work of a run, most of it serde's and csv's per-field machinery.

use super::OutputError;
use serde::Serialize;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Bytes written before the header with `--bom`.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";
/// Large buffer: a run writes many small rows.
const BUFFER: usize = 1 << 20;

/// CSV records formatted into memory: fields separated by `,`, each record ended by CRLF.
///
/// A field is written as it is, unless it holds a comma, a double quote, CR or LF: then it
/// goes in double quotes, with each double quote in it doubled (RFC 4180). A record whose
/// only field is empty is written as `""`, so that it does not read as a blank line.
///
/// ```text
/// text("a"); text("b,c"); number(7); opt_number(None); end_record()   =>   a,"b,c",7,\r\n
/// ```
#[derive(Debug, Default)]
pub struct CsvBuf {
    bytes: Vec<u8>,
    /// Where the record being written starts in `bytes`.
    record_start: usize,
    /// Whether that record has a field yet (the next field then needs a comma first).
    has_field: bool,
}

impl CsvBuf {
    pub fn new() -> CsvBuf {
        CsvBuf::default()
    }

    /// An empty buffer with room for `bytes` (no copying as it grows to that).
    pub fn with_capacity(bytes: usize) -> CsvBuf {
        CsvBuf {
            bytes: Vec::with_capacity(bytes),
            ..CsvBuf::default()
        }
    }

    /// The records written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The records written so far, as an owned buffer.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Forgets what was written (and keeps the memory, for the next rows).
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.record_start = 0;
        self.has_field = false;
    }

    /// Appends a text field, in quotes if it needs them.
    pub fn text(&mut self, field: &str) {
        self.separator();
        let field = field.as_bytes();
        if !needs_quotes(field) {
            self.bytes.extend_from_slice(field);
            return;
        }
        self.bytes.push(b'"');
        // Copied in runs up to and including each quote, which is then written again.
        let mut rest = field;
        while let Some(at) = memchr::memchr(b'"', rest) {
            self.bytes.extend_from_slice(&rest[..=at]);
            self.bytes.push(b'"');
            rest = &rest[at + 1..];
        }
        self.bytes.extend_from_slice(rest);
        self.bytes.push(b'"');
    }

    /// Appends a number field (decimal digits, as the `csv` crate writes integers).
    pub fn number(&mut self, n: u64) {
        self.separator();
        // `itoa` is what the `csv` crate itself uses, and much faster than `write!`.
        let mut digits = itoa::Buffer::new();
        self.bytes.extend_from_slice(digits.format(n).as_bytes());
    }

    /// Appends a number field, empty for `None`.
    pub fn opt_number(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.number(n as u64),
            None => self.text(""),
        }
    }

    /// Ends the record (CRLF).
    pub fn end_record(&mut self) {
        if self.bytes.len() == self.record_start {
            self.bytes.extend_from_slice(b"\"\"");
        }
        self.bytes.extend_from_slice(b"\r\n");
        self.record_start = self.bytes.len();
        self.has_field = false;
    }

    /// The comma before every field but a record's first.
    fn separator(&mut self) {
        if self.has_field {
            self.bytes.push(b',');
        }
        self.has_field = true;
    }
}

/// Whether a field must be quoted: it holds a comma, a double quote, CR or LF.
fn needs_quotes(field: &[u8]) -> bool {
    let special = |b: u8| matches!(b, b',' | b'"' | b'\r' | b'\n');
    if field.len() < 8 {
        return field.iter().any(|&b| special(b));
    }
    if field.len() <= 16 {
        // Two 8-byte words, overlapping if need be, cover the field: a few instructions
        // for each, where a loop takes a few for each byte (most cells are short).
        let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().expect("8 bytes"));
        let last = field.len() - 8;
        return has_special(word(&field[..8])) | has_special(word(&field[last..]));
    }
    // Long cells (sentences, quotes) are written for the compiler to check 16 bytes per
    // instruction (SIMD): `b ^ special` is 0 exactly when `b` is that byte, and the
    // smallest of those over the field is 0 exactly when one is in it. (A loop of `==`
    // tests, or one that stops early, is compiled a byte at a time.)
    let least = field.iter().fold(u8::MAX, |least, &b| {
        least
            .min(b ^ b',')
            .min(b ^ b'"')
            .min(b ^ b'\r')
            .min(b ^ b'\n')
    });
    least == 0
}

/// Whether one of the eight bytes of `word` is a comma, a double quote, CR or LF.
///
/// `word ^ (b * ONES)` has a zero byte exactly where `word` has byte `b`, and
/// `(x - ONES) & !x & HIGH` is not zero exactly when `x` has a zero byte (the "has zero
/// byte" test of Bit Twiddling Hacks).
fn has_special(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let has = |b: u8| has_zero(word ^ (u64::from(b) * ONES));
    (has(b',') | has(b'"') | has(b'\r') | has(b'\n')) != 0
}

/// A row of a table: writes itself as one CSV record, with the same bytes as the `csv`
/// crate serializing it (`Serialize`: the field names are the table's header).
pub trait CsvRow: Serialize {
    /// Appends the row's fields, in column order, and ends the record.
    fn write_csv(&self, out: &mut CsvBuf);
}

/// A record of text fields (a header, or cells copied as they are).
impl CsvRow for [&str] {
    fn write_csv(&self, out: &mut CsvBuf) {
        for field in self {
            out.text(field);
        }
        out.end_record();
    }
}

/// One CSV table being written to a temporary file beside its final path.
pub struct TableFile {
    file: Option<BufWriter<File>>,
    /// Where [`TableFile::row`] formats a row before it goes to the file (kept for its
    /// capacity).
    scratch: CsvBuf,
    tmp: PathBuf,
    path: PathBuf,
}

impl TableFile {
    /// Creates `.<name>.tmp-<pid>` beside `path` and writes the (optional) BOM and header.
    pub fn create(path: PathBuf, columns: &[&str], bom: bool) -> Result<TableFile, OutputError> {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&tmp).map_err(|cause| OutputError {
            path: tmp.clone(),
            cause,
        })?;
        let mut table = TableFile {
            file: Some(BufWriter::with_capacity(BUFFER, file)),
            scratch: CsvBuf::new(),
            tmp,
            path,
        };
        if bom {
            table.append(BOM)?;
        }
        table.row(columns)?;
        Ok(table)
    }

    /// Appends one row.
    pub fn row<R: CsvRow + ?Sized>(&mut self, row: &R) -> Result<(), OutputError> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        row.write_csv(&mut scratch);
        let result = self.append(scratch.as_bytes());
        self.scratch = scratch;
        result
    }

    /// Appends bytes as they are: whole records formatted elsewhere (see [`CsvBuf`]).
    pub fn append(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        let result = match self.file.as_mut() {
            Some(file) => file.write_all(bytes),
            None => Err(io::Error::other("table already committed")),
        };
        result.map_err(|cause| self.error(cause))
    }

    /// Flushes, syncs and renames the temporary file over the table.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        // `BufWriter` ignores errors when dropped: flush explicitly.
        let result = file
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all());
        if let Err(cause) = result {
            return Err(self.error(cause));
        }
        fs::rename(&self.tmp, &self.path).map_err(|cause| OutputError {
            path: self.path.clone(),
            cause,
        })
    }

    fn error(&self, cause: io::Error) -> OutputError {
        OutputError {
            path: self.tmp.clone(),
            cause,
        }
    }
}

impl Drop for TableFile {
    /// A table that was not committed (an error, a panic) leaves no temporary file.
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}
