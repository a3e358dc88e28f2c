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
use std::sync::mpsc;
use std::thread;

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
///
/// The file is synced to disk before it is renamed into place, so that a crash never
/// leaves a table that looks complete but is not. Syncing a big table all at the end
/// made the run wait for the disk (a twentieth of a 70 MB run): every [`WRITEBACK`] bytes,
/// a [`Writeback`] thread syncs what has been written so far while the run goes on, and
/// the last sync only has the rest to write.
pub struct TableFile {
    file: Option<BufWriter<File>>,
    /// Where [`TableFile::row`] formats a row before it goes to the file (kept for its
    /// capacity).
    scratch: CsvBuf,
    tmp: PathBuf,
    path: PathBuf,
    /// Bytes appended since the last writeback request.
    unsynced: usize,
    /// Started with the first request: a small table never has one.
    writeback: Option<Writeback>,
}

/// Bytes between two requests to sync the written part of a table.
const WRITEBACK: usize = 8 << 20;

/// A thread that syncs a table's file whenever asked ([`Writeback::request`]); it keeps
/// the first error for [`Writeback::finish`], since a failed sync's error is reported
/// only once by the system.
struct Writeback {
    requests: mpsc::SyncSender<()>,
    thread: thread::JoinHandle<io::Result<()>>,
}

impl Writeback {
    fn start(file: File) -> Writeback {
        // One pending request at most: when the thread is still syncing, the next request
        // would find the same pages to write.
        let (requests, pending) = mpsc::sync_channel::<()>(1);
        let thread = thread::spawn(move || {
            let mut result = Ok(());
            for () in pending {
                if result.is_ok() {
                    result = file.sync_data();
                }
            }
            result
        });
        Writeback { requests, thread }
    }

    fn request(&self) {
        // Full: a request is pending already. Disconnected: the thread has ended, which
        // only `finish` does.
        let _ = self.requests.try_send(());
    }

    /// Waits for the thread; the first error of its syncs, if any.
    fn finish(self) -> io::Result<()> {
        drop(self.requests);
        self.thread
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writeback thread panicked")))
    }
}

/// A table whose bytes are on disk, not yet in place: see [`TableFile::sync`].
pub struct SyncedTable {
    tmp: PathBuf,
    path: PathBuf,
    renamed: bool,
}

impl SyncedTable {
    /// Renames the temporary file over the table.
    pub fn rename(mut self) -> Result<(), OutputError> {
        fs::rename(&self.tmp, &self.path).map_err(|cause| OutputError {
            path: self.path.clone(),
            cause,
        })?;
        self.renamed = true;
        Ok(())
    }
}

impl Drop for SyncedTable {
    /// A table that was not put in place (an error in another table) leaves no
    /// temporary file.
    fn drop(&mut self) {
        if !self.renamed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
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
            unsynced: 0,
            writeback: None,
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
        result.map_err(|cause| self.error(cause))?;
        self.unsynced += bytes.len();
        if self.unsynced >= WRITEBACK {
            self.unsynced = 0;
            self.request_writeback()?;
        }
        Ok(())
    }

    fn request_writeback(&mut self) -> Result<(), OutputError> {
        if self.writeback.is_none() {
            let clone = match self.file.as_ref() {
                Some(file) => file.get_ref().try_clone(),
                None => return Ok(()),
            };
            self.writeback = Some(Writeback::start(clone.map_err(|e| self.error(e))?));
        }
        if let Some(writeback) = &self.writeback {
            writeback.request();
        }
        Ok(())
    }

    /// Flushes and syncs the temporary file: then only [`SyncedTable::rename`] is left.
    pub fn sync(mut self) -> Result<SyncedTable, OutputError> {
        let writeback = self.writeback.take().map_or(Ok(()), Writeback::finish);
        let Some(file) = self.file.take() else {
            return Err(self.error(io::Error::other("table already committed")));
        };
        // `BufWriter` ignores errors when dropped: flush explicitly.
        let result = writeback.and_then(|()| {
            file.into_inner()
                .map_err(|e| e.into_error())
                .and_then(|file| file.sync_all())
        });
        let synced = SyncedTable {
            tmp: self.tmp.clone(),
            path: self.path.clone(),
            renamed: false,
        };
        match result {
            Ok(()) => Ok(synced),
            Err(cause) => Err(self.error(cause)),
        }
    }

    /// Flushes, syncs and renames the temporary file over the table.
    pub fn commit(self) -> Result<(), OutputError> {
        self.sync()?.rename()
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
