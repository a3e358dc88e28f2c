//! The plain data types that flow between the stages.
//!
//! `split` turns inputs into [`Record`]s; `segment` turns a [`Document`] into a
//! [`Segmented`] text; `attribute` finds [`Attribution`]s; `classify` gives each one a
//! [`Status`] and returns [`Claim`]s. No stage reaches into another's internals.
//!
//! All spans are **byte** offsets into [`Document::text`], so they slice directly; the
//! writer converts them to character offsets for the tables.

use serde::Serialize;

/// A half-open byte range `start..end` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, byte: usize) -> bool {
        self.start <= byte && byte < self.end
    }
    /// The text this span covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// One article, ready for segmentation.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// `<path relative to the input folder, without extension>` for `.txt`, `id` for JSON Lines.
    pub doc_id: String,
    /// Where the record came from: a path, with `:line` for JSON Lines.
    pub input: String,
    /// ISO date (`YYYY-MM-DD`) where the input gives one.
    pub date: Option<String>,
    /// The headline: the JSON `title`, or the headline line of a `.txt` file.
    pub title: Option<String>,
    /// The text that offsets refer to: the whole file for `.txt`, the `text` field for JSON Lines.
    pub text: String,
    /// Byte offset where the article proper begins (after scraped header lines of a
    /// `.txt` file; 0 for JSON Lines). Segmentation starts here.
    pub body_start: usize,
    /// Non-fatal problems met while reading this record (lossy decoding, renamed id).
    pub warnings: Vec<String>,
}

/// A record that could not be read. It still gets a row in `documents.csv`.
#[derive(Debug, Clone, Default)]
pub struct RecordError {
    /// The id if it could be read, else a stable stand-in (`<path>:<line>`).
    pub doc_id: String,
    pub input: String,
    pub message: String,
}

/// What the split stage yields, one per input record, in input order.
#[derive(Debug, Clone)]
pub enum Record {
    Doc(Document),
    Error(RecordError),
}

/// One sentence. Sentences tile each paragraph (between them is only white space).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph this sentence is in, from 0, over the document.
    pub paragraph: usize,
}

/// The segmenter's output for one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// Paragraph spans, in text order, trimmed of surrounding white space.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in text order; `sentences[i]` has sentence index `i`.
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    /// Index of the sentence holding `byte`, or of the nearest sentence before it.
    pub fn sentence_at(&self, byte: usize) -> usize {
        match self.sentences.binary_search_by(|s| s.span.start.cmp(&byte)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A verbatim quotation of at least a clause, in quotation marks.
    Direct,
    /// A quoted fragment woven into the narrator's sentence.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
    /// Content attributed with a source phrase: "according to X", "citing X".
    AccordingTo,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 4] = [
        ClaimKind::Direct,
        ClaimKind::Partial,
        ClaimKind::Indirect,
        ClaimKind::AccordingTo,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Partial => "partial",
            ClaimKind::Indirect => "indirect",
            ClaimKind::AccordingTo => "according_to",
        }
    }
    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    Person,
    Organization,
    Anonymous,
    Document,
    Unknown,
}

impl SourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Person => "person",
            SourceType::Organization => "organization",
            SourceType::Anonymous => "anonymous",
            SourceType::Document => "document",
            SourceType::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Reported,
    Confirmed,
    Unconfirmed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Reported, Status::Confirmed, Status::Unconfirmed];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Confirmed => "confirmed",
            Status::Unconfirmed => "unconfirmed",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A (source, cue, content) triple found by the attribute stage, before classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub kind: ClaimKind,
    /// The content. For quotes: the words inside the marks (fragments of an interrupted
    /// quote joined by a space); for indirect: the content clause; for according_to:
    /// the sentence without the attribution phrase.
    pub text: String,
    /// From the first to the last character of `text` in the document.
    pub text_span: Span,
    /// The source's fullest name in the article, or the anonymous phrase.
    pub source: String,
    pub source_type: SourceType,
    /// The source as written where it is attributed ("he", "Putin").
    pub source_mention: String,
    /// Where `source_mention` is, if it is in the text.
    pub source_span: Option<Span>,
    /// The attribution cue as written ("said", "told reporters", "according to").
    pub cue: String,
    pub cue_span: Option<Span>,
    /// First and last sentence index (inclusive) that hold the claim.
    pub sentences: (usize, usize),
}

/// An attribution with its status and the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub attribution: Attribution,
    pub status: Status,
    /// The phrase that decided the status ("has not officially confirmed", "allegedly",
    /// "sources close to the matter"); empty for `reported`.
    pub status_cue: String,
}

/// Everything the pipeline learnt about one document.
#[derive(Debug, Clone)]
pub struct Processed {
    pub doc: Document,
    pub segmented: Segmented,
    pub claims: Vec<Claim>,
}

/// `<prefix><sep><n>`: a claim id (`doc#3`) or an input label (`file.jsonl:12`). Built
/// without `format!`, which costs several times the instructions, once per claim and
/// per line read.
pub fn numbered(prefix: &str, sep: char, n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let n = digits.format(n);
    let mut out = String::with_capacity(prefix.len() + sep.len_utf8() + n.len());
    out.push_str(prefix);
    out.push(sep);
    out.push_str(n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_ids_and_input_labels_are_numbered() {
        assert_eq!(numbered("bbc-tech-001", '#', 12), "bbc-tech-001#12");
        assert_eq!(numbered("corpus/web.jsonl", ':', 3), "corpus/web.jsonl:3");
        assert_eq!(numbered("", ':', 0), ":0");
    }
}
