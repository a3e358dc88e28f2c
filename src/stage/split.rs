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

use crate::model::{numbered, Document, Record, RecordError};
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
            let input = numbered(&self.name, ':', self.line);
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
    // The strict check first: it reads ASCII a word at a time, the lossy one byte by byte.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), false);
    }
    let text = String::from_utf8_lossy(bytes);
    let lossy = matches!(text, Cow::Owned(_));
    (text, lossy)
}

/// The fields of a JSON line that we read; others are skipped.
#[derive(serde::Deserialize)]
struct JsonFields {
    id: Option<Field>,
    text: Option<Field>,
    title: Option<Field>,
    date: Option<Field>,
}

/// One of our fields: what we need of it, not a whole `serde_json::Value` (building
/// values was most of the JSON work). A JSON `null` is the `None` around it.
enum Field {
    String(String),
    Number(serde_json::Number),
    /// What `Value` reads as `null` without the `Option` seeing a `null` first.
    Null,
    /// A boolean, array or object (parsed as a `Value` would be, so the same lines are
    /// malformed).
    Other,
}

impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

/// Mirrors `serde_json::Value`'s own visitor, keeping only strings and numbers.
struct FieldVisitor;

impl<'de> serde::de::Visitor<'de> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Field, E> {
        Ok(Field::Other)
    }

    fn visit_i64<E>(self, n: i64) -> Result<Field, E> {
        Ok(Field::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Field, E> {
        Ok(Field::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Field, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Field::Null, Field::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Field, E> {
        Ok(Field::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Field, E> {
        Ok(Field::String(s))
    }

    fn visit_unit<E>(self) -> Result<Field, E> {
        Ok(Field::Null)
    }

    fn visit_none<E>(self) -> Result<Field, E> {
        Ok(Field::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Field, A::Error> {
        use serde::de::{value::SeqAccessDeserializer, Deserialize};
        serde_json::Value::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(Field::Other)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Field, A::Error> {
        use serde::de::{value::MapAccessDeserializer, Deserialize};
        serde_json::Value::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Field::Other)
    }
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
    let doc_id = match fields.id {
        Some(Field::String(id)) if !id.trim().is_empty() => id,
        Some(Field::Number(n)) => n.to_string(),
        None | Some(Field::Null) | Some(Field::String(_)) => {
            return error(input, input, "missing id")
        }
        Some(Field::Other) => return error(input, input, "id is not a string or a number"),
    };
    let text = match fields.text {
        Some(Field::String(text)) if !text.trim().is_empty() => text,
        Some(Field::String(_)) => return error(doc_id, input, "empty text"),
        None | Some(Field::Null) => return error(doc_id, input, "missing text"),
        Some(_) => return error(doc_id, input, "text is not a string"),
    };
    let mut warnings = Vec::new();
    if lossy {
        warnings.push(LOSSY.to_owned());
    }
    let title = match fields.title {
        Some(Field::String(title)) if !title.trim().is_empty() => Some(title.trim().to_owned()),
        None | Some(Field::Null) | Some(Field::String(_)) => None,
        Some(_) => {
            warnings.push("warning: title ignored: not a string".to_owned());
            None
        }
    };
    let date = match fields.date {
        Some(Field::String(date)) if !date.trim().is_empty() => {
            let iso = normalise_date(&date);
            if iso.is_none() {
                warnings.push(format!("warning: date not recognised: {date}"));
            }
            iso
        }
        None | Some(Field::Null) | Some(Field::String(_)) => None,
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
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Built by hand: `format!` with `{:02}` costs several times as much, on every record.
    let two_digits = |n: u32| {
        [
            char::from(b'0' + (n / 10) as u8),
            char::from(b'0' + (n % 10) as u8),
        ]
    };
    let mut iso = String::with_capacity(year.len() + 6);
    iso.push_str(year);
    iso.push('-');
    iso.extend(two_digits(month));
    iso.push('-');
    iso.extend(two_digits(day));
    Some(iso)
}

/// A JSON `date` as `YYYY-MM-DD`: from a leading ISO date (`2024-11-11T10:00:00Z`) or a
/// written date anywhere in it.
pub fn normalise_date(date: &str) -> Option<String> {
    let date = date.trim();
    // The usual case, a bare `YYYY-MM-DD`, without the regex (what the regex would find).
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = date.as_bytes() {
        if [y0, y1, y2, y3, m0, m1, d0, d1]
            .iter()
            .all(|b| b.is_ascii_digit())
        {
            return iso_date(&date[..4], date[5..7].parse().ok()?, &date[8..]);
        }
    }
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
mod tests;
