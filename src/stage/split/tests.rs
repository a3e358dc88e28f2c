//! Unit and property tests of the split stage on inputs we write here.

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
    let text =
        " date 2031-04-02 Home\nWednesday, April 2, 2031\nMayor opens bridge\n\nThe mayor said.";
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

/// The four fields are read without building a `serde_json::Value`: ids as numbers keep
/// `Value`'s spelling, and arrays or objects in them are checked as `Value` checked them.
#[test]
fn json_fields_read_as_serde_json_values_would_be() {
    let id = |json: &str| match parse_json_line("f:1", json.as_bytes()) {
        Record::Doc(d) => d.doc_id,
        Record::Error(e) => e.message,
    };
    assert_eq!(id(r#"{"id": -7, "text": "x"}"#), "-7");
    assert_eq!(
        id(r#"{"id": 18446744073709551615, "text": "x"}"#),
        "18446744073709551615"
    );
    assert_eq!(id(r#"{"id": 1.50, "text": "x"}"#), "1.5");
    assert_eq!(id(r#"{"id": 1e3, "text": "x"}"#), "1000.0");
    assert_eq!(
        id(r#"{"id": [1], "text": "x"}"#),
        "id is not a string or a number"
    );
    assert_eq!(id(r#"{"id": null, "text": "x"}"#), "missing id");
    let d = doc(parse_json_line(
        "f:1",
        br#"{"id": "a", "text": "x", "title": {"k": [true, null]}, "date": false}"#,
    ));
    assert_eq!(
        d.warnings,
        [
            "warning: title ignored: not a string",
            "warning: date ignored: not a string"
        ]
    );
    // A lone surrogate is an error in a value that is read, even one that is ignored.
    let e = err(parse_json_line(
        "f:1",
        br#"{"id": "a", "text": "x", "title": ["\ud800"]}"#,
    ));
    assert!(e.message.starts_with("malformed JSON"), "{e:?}");
}
