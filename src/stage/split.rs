//! Split stage: input paths → a stream of [`Record`]s (one per article), in input order.
//!
//! Inputs:
//! - a `.txt` file is one article: optional scraped header lines, the headline, the body
//!   (see [`parse_txt`]);
//! - a `.jsonl` file is one article per line (see [`parse_json_line`]); blank lines are
//!   skipped and are not records;
//! - `.txt.gz` and `.jsonl.gz` are the same, gzip-compressed (several gzip members are fine);
//! - a folder: every such file below it, in sorted path order; other files are ignored,
//!   symbolic links to folders are not followed (no loops);
//! - `-`: JSON Lines on standard input.
//!
//! Nothing is held beyond the record being read: folders are walked one level at a time
//! and JSON Lines are read line by line. Every problem becomes an error record (a row in
//! `documents.csv`) or a warning on the document, never a panic or an early stop. Ids are
//! made unique over the run: a repeated id gets a stable suffix `~2`, `~3`, ... and a warning.

use crate::model::{Document, Record, RecordError};
use regex::Regex;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::{self, File};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A record (a `.txt` file or a JSON line) longer than this is an error record: a guard
/// against a file that is not an article at all exhausting memory.
pub const MAX_RECORD_BYTES: usize = 128 << 20;
/// Header lines before the headline of a `.txt` file that are looked at.
const MAX_HEADER_LINES: usize = 4;
const READ_BUFFER: usize = 256 << 10;
const LOSSY: &str = "warning: invalid UTF-8 decoded lossily";

/// Streams the records of every input, in order. `-` is JSON Lines on standard input.
pub fn records(inputs: &[PathBuf]) -> Records {
    Records {
        inputs: inputs.to_vec().into(),
        root: PathBuf::new(),
        folders: Vec::new(),
        jsonl: None,
        pending: VecDeque::new(),
        ids: Ids::default(),
    }
}

/// The kind of input a path holds, from its name: `None` if it is none of ours.
pub fn input_kind(path: &Path) -> Option<InputKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_owned(), true),
        None => (name, false),
    };
    if name.ends_with(".txt") {
        Some(InputKind::Txt { gz })
    } else if name.ends_with(".jsonl") {
        Some(InputKind::Jsonl { gz })
    } else {
        None
    }
}

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One article.
    Txt { gz: bool },
    /// One article per line.
    Jsonl { gz: bool },
}

/// The stream of records returned by [`records`].
pub struct Records {
    inputs: VecDeque<PathBuf>,
    /// The folder input being walked, and its sorted entries, one level per folder.
    root: PathBuf,
    folders: Vec<std::vec::IntoIter<PathBuf>>,
    jsonl: Option<JsonLines>,
    /// Error records met while walking, waiting their turn.
    pending: VecDeque<Record>,
    ids: Ids,
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let record = self.next_raw()?;
        Some(self.ids.make_unique(record))
    }
}

impl Records {
    fn next_raw(&mut self) -> Option<Record> {
        loop {
            if let Some(record) = self.pending.pop_front() {
                return Some(record);
            }
            if let Some(lines) = &mut self.jsonl {
                match lines.next_record() {
                    Some(record) => return Some(record),
                    None => self.jsonl = None,
                }
            }
            if let Some(level) = self.folders.last_mut() {
                match level.next() {
                    None => {
                        self.folders.pop();
                    }
                    // Not `metadata`: a link to a folder is not followed, so a walk cannot loop.
                    Some(path) => match fs::symlink_metadata(&path) {
                        Ok(meta) if meta.is_dir() => self.enter(&path),
                        Ok(_) => {
                            if let Some(kind) = input_kind(&path) {
                                let doc_id = relative_id(&self.root, &path);
                                if let Some(record) = self.start_file(path, kind, doc_id) {
                                    return Some(record);
                                }
                            }
                        }
                        Err(e) => return Some(file_error(&path, format!("cannot read: {e}"))),
                    },
                }
                continue;
            }
            let path = self.inputs.pop_front()?;
            if path.as_os_str() == "-" {
                let stdin = Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin()));
                self.jsonl = Some(JsonLines::new("<stdin>".into(), stdin));
            } else if path.is_dir() {
                self.root = path.clone();
                self.enter(&path);
            } else {
                let Some(kind) = input_kind(&path) else {
                    let message = "not a .txt, .jsonl, .txt.gz or .jsonl.gz file".to_owned();
                    return Some(file_error(&path, message));
                };
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let doc_id = strip_kind_suffix(&name).to_owned();
                if let Some(record) = self.start_file(path, kind, doc_id) {
                    return Some(record);
                }
            }
        }
    }

    /// Reads a `.txt` file's record, or opens a JSON Lines file (`None`: its lines follow).
    fn start_file(&mut self, path: PathBuf, kind: InputKind, doc_id: String) -> Option<Record> {
        match kind {
            InputKind::Txt { gz } => Some(read_txt(&path, gz, doc_id)),
            InputKind::Jsonl { gz } => match open(&path, gz) {
                Ok(reader) => {
                    self.jsonl = Some(JsonLines::new(display(&path), reader));
                    None
                }
                Err(e) => Some(file_error(&path, format!("cannot open: {e}"))),
            },
        }
    }

    /// Pushes a folder's entries, sorted, as the next level of the walk.
    fn enter(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                let message = format!("cannot read folder: {e}");
                self.pending.push_back(file_error(dir, message));
                return;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(e) => {
                    let message = format!("cannot read folder: {e}");
                    self.pending.push_back(file_error(dir, message));
                }
            }
        }
        paths.sort();
        self.folders.push(paths.into_iter());
    }
}

/// Opens a file for reading, through a gzip decoder if `gz`.
fn open(path: &Path, gz: bool) -> io::Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)?;
    Ok(if gz {
        let decoder = flate2::read::MultiGzDecoder::new(file);
        Box::new(BufReader::with_capacity(READ_BUFFER, decoder))
    } else {
        Box::new(BufReader::with_capacity(READ_BUFFER, file))
    })
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// An error record for a whole file: its id and input are the path.
fn file_error(path: &Path, message: String) -> Record {
    let path = display(path);
    Record::Error(RecordError {
        doc_id: path.clone(),
        input: path,
        message,
    })
}

fn error(doc_id: impl Into<String>, input: &str, message: impl Into<String>) -> Record {
    Record::Error(RecordError {
        doc_id: doc_id.into(),
        input: input.to_owned(),
        message: message.into(),
    })
}

/// `name` without `.txt`, `.jsonl` or their `.gz` forms.
fn strip_kind_suffix(name: &str) -> &str {
    let lower = name.to_ascii_lowercase();
    for suffix in [".txt.gz", ".jsonl.gz", ".txt", ".jsonl"] {
        if lower.ends_with(suffix) {
            // ASCII lower-casing keeps byte lengths, so this cut is on a char boundary.
            return &name[..name.len() - suffix.len()];
        }
    }
    name
}

/// A `.txt` file's doc id in a folder: its path below the folder, `/`-separated, without
/// the extension.
fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    strip_kind_suffix(&parts.join("/")).to_owned()
}

fn read_txt(path: &Path, gz: bool, doc_id: String) -> Record {
    let input = display(path);
    let mut bytes = Vec::new();
    let result = open(path, gz).and_then(|reader| {
        let limit = MAX_RECORD_BYTES as u64 + 1;
        reader.take(limit).read_to_end(&mut bytes)
    });
    match result {
        Err(e) if gz => error(
            doc_id,
            &input,
            format!("cannot read (truncated or corrupt gzip?): {e}"),
        ),
        Err(e) => error(doc_id, &input, format!("cannot read: {e}")),
        Ok(_) if bytes.len() > MAX_RECORD_BYTES => error(
            doc_id,
            &input,
            format!("file larger than {MAX_RECORD_BYTES} bytes"),
        ),
        Ok(_) => parse_txt(doc_id, input, &bytes),
    }
}

/// Reads one JSON Lines input line by line.
struct JsonLines {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    buf: Vec<u8>,
    gz: bool,
    done: bool,
}

impl JsonLines {
    fn new(name: String, reader: Box<dyn BufRead + Send>) -> JsonLines {
        let gz = name.to_ascii_lowercase().ends_with(".gz");
        JsonLines {
            name,
            reader,
            line: 0,
            buf: Vec::new(),
            gz,
            done: false,
        }
    }

    /// The next record; blank lines are skipped. A read error (a truncated `.gz`) ends
    /// the file with one error record for the line that could not be read.
    fn next_record(&mut self) -> Option<Record> {
        while !self.done {
            self.line += 1;
            self.buf.clear();
            // A huge line should not pin its buffer for the rest of the file.
            self.buf.shrink_to(READ_BUFFER);
            let input = format!("{}:{}", self.name, self.line);
            match read_line(&mut *self.reader, &mut self.buf, MAX_RECORD_BYTES) {
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong) => {
                    let message = format!("line longer than {MAX_RECORD_BYTES} bytes");
                    return Some(error(input.clone(), &input, message));
                }
                Ok(Line::Read) if self.buf.trim_ascii().is_empty() => {}
                Ok(Line::Read) => return Some(parse_json_line(&input, &self.buf)),
                Err(e) => {
                    self.done = true;
                    let what = if self.gz {
                        " (truncated or corrupt gzip?)"
                    } else {
                        ""
                    };
                    let message = format!("cannot read from this line on{what}: {e}");
                    return Some(error(input.clone(), &input, message));
                }
            }
        }
        None
    }
}

enum Line {
    Eof,
    /// A line (with its `\n`, if any) is in the buffer.
    Read,
    /// The line was longer than the limit and was skipped.
    TooLong,
}

/// Reads one line into `buf`, keeping no more than `max` bytes of it.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    let mut total = 0;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => Line::Eof,
                (_, true) => Line::TooLong,
                _ => Line::Read,
            });
        }
        let (used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        total += used;
        if !too_long {
            if buf.len() + used > max {
                too_long = true;
                *buf = Vec::new();
            } else {
                buf.extend_from_slice(&available[..used]);
            }
        }
        reader.consume(used);
        if done {
            return Ok(if too_long { Line::TooLong } else { Line::Read });
        }
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences; `true` if any were.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    let text = String::from_utf8_lossy(bytes);
    let lossy = matches!(text, Cow::Owned(_));
    (text, lossy)
}

/// The fields of a JSON line that we read; others are skipped.
#[derive(serde::Deserialize)]
struct JsonFields {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    title: Option<serde_json::Value>,
    date: Option<serde_json::Value>,
}

/// One JSON Lines record. `input` is `<path>:<line>`; `line` the line's bytes (a trailing
/// `\r\n` and a leading UTF-8 BOM are fine).
///
/// `id` (a string or a number) and `text` (a string with more than white space) are
/// required: without them the record is an error. A record with no usable id gets the
/// stand-in id `input`. `title` and `date` are optional (absent, `null`, or a string;
/// anything else is ignored with a warning); `date` is normalised to `YYYY-MM-DD` from an
/// ISO date or a written one ("November 11, 2024"). Invalid UTF-8 is decoded lossily with
/// a warning. The text is kept as it is (line ends included): offsets refer to it.
/// A blank line is an error here; a JSON Lines reader skips blank lines before this.
pub fn parse_json_line(input: &str, line: &[u8]) -> Record {
    let (json, lossy) = decode(line);
    let json = json.strip_prefix('\u{feff}').unwrap_or(&json);
    if json.trim().is_empty() {
        return error(input, input, "blank line");
    }
    let fields: JsonFields = match serde_json::from_str(json) {
        Ok(fields) => fields,
        Err(e) => return error(input, input, format!("malformed JSON: {e}")),
    };
    use serde_json::Value;
    let doc_id = match fields.id {
        Some(Value::String(id)) if !id.trim().is_empty() => id,
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            return error(input, input, "missing id")
        }
        Some(_) => return error(input, input, "id is not a string or a number"),
    };
    let text = match fields.text {
        Some(Value::String(text)) if !text.trim().is_empty() => text,
        Some(Value::String(_)) => return error(doc_id, input, "empty text"),
        None | Some(Value::Null) => return error(doc_id, input, "missing text"),
        Some(_) => return error(doc_id, input, "text is not a string"),
    };
    let mut warnings = Vec::new();
    if lossy {
        warnings.push(LOSSY.to_owned());
    }
    let title = match fields.title {
        Some(Value::String(title)) if !title.trim().is_empty() => Some(title.trim().to_owned()),
        None | Some(Value::Null) | Some(Value::String(_)) => None,
        Some(_) => {
            warnings.push("warning: title ignored: not a string".to_owned());
            None
        }
    };
    let date = match fields.date {
        Some(Value::String(date)) if !date.trim().is_empty() => {
            let iso = normalise_date(&date);
            if iso.is_none() {
                warnings.push(format!("warning: date not recognised: {date}"));
            }
            iso
        }
        None | Some(Value::Null) | Some(Value::String(_)) => None,
        Some(_) => {
            warnings.push("warning: date ignored: not a string".to_owned());
            None
        }
    };
    Record::Doc(Document {
        doc_id,
        input: input.to_owned(),
        date,
        title,
        text,
        body_start: 0,
        warnings,
    })
}

/// One `.txt` article from the file's bytes.
///
/// `text` is the whole file, decoded as UTF-8 (invalid sequences replaced, with a
/// warning), with a leading UTF-8 byte-order mark dropped: the BOM marks the encoding and
/// is not text, so character offsets count from the first character after it. Line ends
/// (`\n` or `\r\n`) are kept as they are, so offsets match the file.
///
/// Scraped header lines before the headline (up to four lines directly followed by
/// another line, each a date with at most three other words, like ` date 2024-11-11 Home`
/// or `Monday, November 11, 2024`) give the date and are skipped: the headline is the
/// first other non-blank line, `title` is that line trimmed and `body_start` is where it
/// starts. Without a header date, a line right after the headline that is a date alone
/// (`Tuesday, September 22, 2015`) gives it; that line stays in the body.
///
/// Errors: a NUL byte (a binary file, or UTF-16), an empty or blank file, a file with
/// header lines only.
pub fn parse_txt(doc_id: String, input: String, bytes: &[u8]) -> Record {
    if let Some(at) = memchr::memchr(0, bytes) {
        let message = format!("binary file (NUL byte at byte {at}); expected UTF-8 text");
        return error(doc_id, &input, message);
    }
    let (text, lossy) = decode(bytes);
    let mut text = text.into_owned();
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        let message = if bytes.is_empty() {
            "empty file"
        } else {
            "no text (white space only)"
        };
        return error(doc_id, &input, message);
    }
    let header = read_header(&text);
    let Some(title) = header.title else {
        return error(doc_id, &input, "no headline or body after the header lines");
    };
    Record::Doc(Document {
        doc_id,
        input,
        date: header.date,
        title: Some(title),
        body_start: header.body_start,
        text,
        warnings: if lossy {
            vec![LOSSY.to_owned()]
        } else {
            Vec::new()
        },
    })
}

struct Header {
    body_start: usize,
    title: Option<String>,
    date: Option<String>,
}

/// The first lines of a `.txt` article: scraped header lines, headline, date line.
fn read_header(text: &str) -> Header {
    // (start, line without its line end), for the first few lines that matter.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n').take(MAX_HEADER_LINES + 8) {
        lines.push((start, line.trim_end_matches(['\n', '\r'])));
        start += line.len();
    }
    let blank = |i: usize| lines.get(i).is_none_or(|(_, l)| l.trim().is_empty());
    let next_text = |from: usize| (from..lines.len()).find(|&i| !blank(i));
    let mut date = None;
    let mut at = next_text(0);
    let mut skipped = 0;
    while let Some(i) = at {
        let header = (skipped < MAX_HEADER_LINES && !blank(i + 1))
            .then(|| header_date(lines[i].1))
            .flatten();
        let Some(d) = header else { break };
        date.get_or_insert(d);
        skipped += 1;
        at = next_text(i + 1);
    }
    let Some(headline) = at else {
        return Header {
            body_start: text.len(),
            title: None,
            date,
        };
    };
    if date.is_none() {
        date = next_text(headline + 1).and_then(|i| date_alone(lines[i].1));
    }
    Header {
        body_start: lines[headline].0,
        title: Some(lines[headline].1.trim().to_owned()),
        date,
    }
}

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|\
                      november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

/// `2024-11-11`, also in `2024-11-11T10:00Z`; not `12024-11-11` nor `2024-11-111`.
/// The day and month are checked after the match.
static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d-])(\d{4})-(\d{2})-(\d{2})(?:$|[^\d-])").expect("valid regex")
});

/// `Monday, November 11, 2024`, `Nov. 11 2024`, `11 November 2024`, `Tue 3rd Sept 2019`;
/// not `November 2024` (no day) nor `11/11/2024` (ambiguous order).
static WRITTEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let weekday = "(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?";
    let day = "(\\d{1,2})(?:st|nd|rd|th)?";
    let pattern = format!(
        r"(?i)\b{weekday}(?:({MONTHS})\.?\s+{day},?\s+(\d{{4}})|{day}\s+({MONTHS})\.?,?\s+(\d{{4}}))\b"
    );
    Regex::new(&pattern).expect("valid regex")
});

/// The ISO date in `line`, and how many other words the line has.
fn find_date(line: &str) -> Option<(String, usize)> {
    let (iso, range) = if let Some(c) = ISO_DATE.captures(line) {
        let (y, m, d) = (&c[1], &c[2], &c[3]);
        (
            iso_date(y, m.parse().ok()?, d)?,
            c.get(1)?.start()..c.get(3)?.end(),
        )
    } else {
        let c = WRITTEN_DATE.captures(line)?;
        let (month, day, year) = match (c.get(1), c.get(2), c.get(3)) {
            (Some(m), Some(d), Some(y)) => (m, d, y),
            _ => (c.get(5)?, c.get(4)?, c.get(6)?),
        };
        let month = month_number(month.as_str())?;
        (
            iso_date(year.as_str(), month, day.as_str())?,
            c.get(0)?.range(),
        )
    };
    let rest = [&line[..range.start], &line[range.end..]];
    let words = rest
        .iter()
        .flat_map(|part| part.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .count();
    Some((iso, words))
}

/// A scraped header line: a date with at most three other words, in a short line.
fn header_date(line: &str) -> Option<String> {
    if line.chars().count() > 80 {
        return None;
    }
    find_date(line).and_then(|(iso, words)| (words <= 3).then_some(iso))
}

/// A line that is a date and nothing else.
fn date_alone(line: &str) -> Option<String> {
    if line.chars().count() > 40 {
        return None;
    }
    find_date(line).and_then(|(iso, words)| (words == 0).then_some(iso))
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_ascii_lowercase();
    let index = MONTHS.split('|').map(str::trim).position(|m| m == name)?;
    // The list holds the twelve full names, then the abbreviations (Sept before Sep).
    let abbreviations = [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12];
    match index {
        0..=11 => Some(index as u32 + 1),
        _ => abbreviations.get(index - 12).copied(),
    }
}

fn iso_date(year: &str, month: u32, day: &str) -> Option<String> {
    let day: u32 = day.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year}-{month:02}-{day:02}"))
}

/// A JSON `date` as `YYYY-MM-DD`: from a leading ISO date (`2024-11-11T10:00:00Z`) or a
/// written date anywhere in it.
pub fn normalise_date(date: &str) -> Option<String> {
    let date = date.trim();
    if let Some(c) = ISO_DATE.captures(date) {
        if c.get(1)?.start() == 0 {
            return iso_date(&c[1], c[2].parse().ok()?, &c[3]);
        }
    }
    find_date(date).map(|(iso, _)| iso)
}

/// Keeps doc ids unique over a run: the second `x` becomes `x~2`, the third `x~3`.
///
/// Remembers 64-bit hashes rather than the ids, so that memory stays small on a large
/// corpus; two different ids sharing a hash (odds about n²/2⁶⁵) would give a needless,
/// still deterministic, suffix.
#[derive(Default)]
struct Ids {
    seen: HashSet<u64>,
    /// The next suffix to try for an id that was repeated.
    next_suffix: HashMap<u64, u32>,
}

impl Ids {
    fn hash(id: &str) -> u64 {
        // SipHash with fixed keys: the same ids get the same suffixes in every run.
        BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
    }

    /// `Some(new id)` if `id` was seen before in this run.
    fn rename(&mut self, id: &str) -> Option<String> {
        let hash = Ids::hash(id);
        if self.seen.insert(hash) {
            return None;
        }
        let next = self.next_suffix.entry(hash).or_insert(2);
        loop {
            let candidate = format!("{id}~{next}");
            *next += 1;
            if self.seen.insert(Ids::hash(&candidate)) {
                return Some(candidate);
            }
        }
    }

    fn make_unique(&mut self, mut record: Record) -> Record {
        match &mut record {
            Record::Doc(doc) => {
                if let Some(new) = self.rename(&doc.doc_id) {
                    doc.warnings.push(format!(
                        "warning: duplicate id {:?} renamed {new:?}",
                        doc.doc_id
                    ));
                    doc.doc_id = new;
                }
            }
            Record::Error(e) => {
                if let Some(new) = self.rename(&e.doc_id) {
                    e.message
                        .push_str(&format!(" (duplicate id {:?} renamed {new:?})", e.doc_id));
                    e.doc_id = new;
                }
            }
        }
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn doc(record: Record) -> Document {
        match record {
            Record::Doc(doc) => doc,
            Record::Error(e) => panic!("expected a document, got error {e:?}"),
        }
    }

    fn err(record: Record) -> RecordError {
        match record {
            Record::Error(e) => e,
            Record::Doc(d) => panic!("expected an error, got document {d:?}"),
        }
    }

    fn txt(text: &str) -> Record {
        parse_txt("a".into(), "a.txt".into(), text.as_bytes())
    }

    #[test]
    fn scraped_header_lines_give_the_date_and_are_skipped() {
        let text = " date 2031-04-02 Home\nWednesday, April 2, 2031\nMayor opens bridge\n\nThe mayor said.";
        let d = doc(txt(text));
        assert_eq!(d.date.as_deref(), Some("2031-04-02"));
        assert_eq!(d.title.as_deref(), Some("Mayor opens bridge"));
        assert_eq!(
            &d.text[d.body_start..],
            "Mayor opens bridge\n\nThe mayor said."
        );
        assert_eq!(d.text, text, "the text is the whole file");
    }

    #[test]
    fn without_header_lines_the_first_line_is_the_headline() {
        let d = doc(txt(
            "\nMayor opens bridge\n\nThe mayor said on 2031-04-02 that it was done.",
        ));
        assert_eq!(d.title.as_deref(), Some("Mayor opens bridge"));
        assert_eq!(d.body_start, 1);
        assert_eq!(d.date, None);
    }

    #[test]
    fn a_headline_with_a_date_is_not_a_header_line() {
        // Followed by a blank line: it is the headline, not scraped header.
        let d = doc(txt("Markets fall on 2031-04-02\n\nShares fell."));
        assert_eq!(d.title.as_deref(), Some("Markets fall on 2031-04-02"));
        assert_eq!(d.body_start, 0);
    }

    #[test]
    fn a_date_line_after_the_headline_gives_the_date_and_stays_in_the_body() {
        let d = doc(txt(
            "Mayor opens bridge\n\nTuesday, 3rd Sept 2019\n\nThe mayor said.",
        ));
        assert_eq!(d.date.as_deref(), Some("2019-09-03"));
        assert_eq!(d.body_start, 0);
    }

    #[test]
    fn bom_is_dropped_and_crlf_kept() {
        let d = doc(txt("\u{feff}Mayor opens bridge\r\n\r\nThe mayor said.\r\n"));
        assert_eq!(d.title.as_deref(), Some("Mayor opens bridge"));
        assert_eq!(d.text, "Mayor opens bridge\r\n\r\nThe mayor said.\r\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn bad_txt_files_are_error_records_or_warnings() {
        let binary = err(parse_txt("b".into(), "b.txt".into(), b"PK\x03\x04\x00\x00"));
        assert!(binary.message.contains("binary"), "{binary:?}");
        assert_eq!(err(txt("")).message, "empty file");
        assert!(err(txt(" \n\r\n")).message.contains("white space"));
        let lossy = doc(parse_txt(
            "c".into(),
            "c.txt".into(),
            b"Caf\xe9 opens\n\nIt did.",
        ));
        assert_eq!(lossy.title.as_deref(), Some("Caf\u{fffd} opens"));
        assert_eq!(lossy.warnings, [LOSSY]);
    }

    #[test]
    fn json_lines_read_id_text_title_date_and_ignore_other_fields() {
        let line = br#"{"id": 42, "text": "A said.", "title": " T ", "date": "2031-04-02T10:00:00Z", "x": [1, {"y": 2}]}"#;
        let d = doc(parse_json_line("f.jsonl:3", line));
        assert_eq!(d.doc_id, "42");
        assert_eq!(d.input, "f.jsonl:3");
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.date.as_deref(), Some("2031-04-02"));
        assert_eq!((d.text.as_str(), d.body_start), ("A said.", 0));
        let d = doc(parse_json_line(
            "f:1",
            b"\xef\xbb\xbf{\"id\":\"a\",\"text\":\"x\",\"title\":null,\"date\":null}\r\n",
        ));
        assert_eq!((d.doc_id.as_str(), d.title, d.date), ("a", None, None));
        let d = doc(parse_json_line(
            "f:1",
            br#"{"id":"a","text":"x","date":"April 2, 2031","title":7}"#,
        ));
        assert_eq!(d.date.as_deref(), Some("2031-04-02"));
        assert_eq!(d.warnings, ["warning: title ignored: not a string"]);
    }

    #[test]
    fn bad_json_lines_are_error_records_naming_the_line() {
        let cases: [(&[u8], &str, &str); 7] = [
            (br#"{"id": "a", "text": "#, "f:2", "malformed JSON"),
            (br#"["a", "b"]"#, "f:2", "malformed JSON"),
            (br#"{"text": "x"}"#, "f:2", "missing id"),
            (br#"{"id": "", "text": "x"}"#, "f:2", "missing id"),
            (br#"{"id": true, "text": "x"}"#, "f:2", "id is not"),
            (br#"{"id": "a", "text": "  "}"#, "a", "empty text"),
            (br#"{"id": "a"}"#, "a", "missing text"),
        ];
        for (line, doc_id, message) in cases {
            let e = err(parse_json_line("f:2", line));
            assert_eq!(e.doc_id, doc_id, "{e:?}");
            assert_eq!(e.input, "f:2");
            assert!(e.message.starts_with(message), "{e:?}");
        }
        let d = doc(parse_json_line(
            "f:1",
            b"{\"id\":\"a\",\"text\":\"caf\xe9\"}",
        ));
        assert_eq!(d.warnings, [LOSSY]);
    }

    #[test]
    fn dates_are_normalised_to_iso() {
        for (written, iso) in [
            ("2031-04-02", Some("2031-04-02")),
            ("Mon. Nov 3, 2031", Some("2031-11-03")),
            ("3 November 2031", Some("2031-11-03")),
            ("November 2031", None),
            ("2031-13-02", None),
            ("yesterday", None),
        ] {
            assert_eq!(normalise_date(written).as_deref(), iso, "{written}");
        }
    }

    #[test]
    fn duplicate_ids_get_stable_suffixes() {
        let mut ids = Ids::default();
        let names: Vec<_> = ["a", "a", "b", "a~3", "a"]
            .into_iter()
            .map(|id| ids.rename(id).unwrap_or_else(|| id.to_owned()))
            .collect();
        // The third "a" skips a~3, which a record already holds.
        assert_eq!(names, ["a", "a~2", "b", "a~3", "a~4"]);
    }

    #[test]
    fn long_lines_are_skipped_whole() {
        let mut reader: &[u8] = b"0123456789\nabc\n";
        let mut buf = Vec::new();
        assert!(matches!(
            read_line(&mut reader, &mut buf, 5),
            Ok(Line::TooLong)
        ));
        buf.clear();
        assert!(matches!(
            read_line(&mut reader, &mut buf, 5),
            Ok(Line::Read)
        ));
        assert_eq!(buf, b"abc\n");
        assert!(matches!(read_line(&mut reader, &mut buf, 5), Ok(Line::Eof)));
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn a_folder_is_read_in_sorted_order_with_gz_and_stdin_free() {
        let dir = std::env::temp_dir().join(format!("claimtab-split-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b/c")).unwrap();
        fs::write(dir.join("b/c/z.txt"), "Z head\n\nZ body.").unwrap();
        fs::write(dir.join("a.txt.gz"), gzip(b"A head\n\nA body.")).unwrap();
        fs::write(dir.join("notes.md"), "ignored").unwrap();
        let lines = b"{\"id\":\"j1\",\"text\":\"one\"}\n\n{\"id\":\"a\",\"text\":\"two\"}\n";
        fs::write(dir.join("b/j.jsonl"), lines).unwrap();
        let got: Vec<(String, String)> = records(std::slice::from_ref(&dir))
            .map(|r| match r {
                Record::Doc(d) => (d.doc_id, d.input),
                Record::Error(e) => (e.doc_id, e.message),
            })
            .collect();
        let path = |p: &str| dir.join(p).display().to_string();
        assert_eq!(
            got,
            [
                ("a".to_owned(), path("a.txt.gz")),
                ("b/c/z".to_owned(), path("b/c/z.txt")),
                ("j1".to_owned(), format!("{}:1", path("b/j.jsonl"))),
                // Line 2 is blank; the id "a" is taken by a.txt.gz.
                ("a~2".to_owned(), format!("{}:3", path("b/j.jsonl"))),
            ]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_truncated_gz_keeps_the_lines_read_before_the_break() {
        let dir = std::env::temp_dir().join(format!("claimtab-split-gz-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let mut lines = String::new();
        for i in 0..2000 {
            lines.push_str(&format!(
                "{{\"id\":\"n{i}\",\"text\":\"Line {i} of {}.\"}}\n",
                i * 7919 % 1000
            ));
        }
        let full = gzip(lines.as_bytes());
        let path = dir.join("cut.jsonl.gz");
        fs::write(&path, &full[..full.len() / 2]).unwrap();
        let got: Vec<Record> = records(std::slice::from_ref(&path)).collect();
        let (last, read) = got.split_last().unwrap();
        assert!(
            read.len() > 100,
            "{} records read before the break",
            read.len()
        );
        assert!(read.iter().all(|r| matches!(r, Record::Doc(_))));
        let e = err(last.clone());
        assert!(e.message.contains("truncated or corrupt gzip"), "{e:?}");
        assert!(
            e.input
                .ends_with(&format!("cut.jsonl.gz:{}", read.len() + 1)),
            "{e:?}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    proptest::proptest! {
        #[test]
        fn parse_txt_never_panics_and_the_headline_starts_the_body(
            text in "\u{feff}?( date 2031-04-02 Home\r?\n|Monday, April 2, 2031\r?\n|[a-zé \"“\u{0}\t]{0,12}\r?\n|\r?\n){0,8}",
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
        ) {
            for input in [text.as_bytes(), &bytes] {
                if let Record::Doc(d) = parse_txt("a".into(), "a.txt".into(), input) {
                    let title = d.title.expect("a document has a headline");
                    proptest::prop_assert!(d.text.is_char_boundary(d.body_start));
                    proptest::prop_assert!(d.text[d.body_start..].trim_start().starts_with(&title));
                    proptest::prop_assert!(!title.trim().is_empty());
                }
            }
        }

        #[test]
        fn parse_json_line_never_panics(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
            text in "[a-z \"\\\\\u{1}é]{0,10}",
            id in "[0-9a-z\"]{0,4}",
        ) {
            parse_json_line("f:1", &bytes);
            let line = format!("{{\"id\": \"{id}\", \"text\": \"{text}\", \"date\": \"{text}\"}}");
            if let Record::Doc(d) = parse_json_line("f:1", line.as_bytes()) {
                proptest::prop_assert!(!d.doc_id.is_empty());
                proptest::prop_assert!(!d.text.trim().is_empty());
            }
        }
    }
}
