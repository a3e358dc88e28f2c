//! Unit tests of the writers: cell safety, char offsets, table rows.

use super::table::BOM;
use super::*;
use crate::model::{Attribution, ClaimKind, Document, Sentence, Span};
use std::fs;

#[test]
fn formula_cells_get_a_quote_unless_raw() {
    let safe = Cells::new(false);
    for s in ["=1+1", "+1", "-5%", "@SUM(A1)", "\tx", "\rx"] {
        assert_eq!(safe.text(s), format!("'{s}"), "{s:?}");
    }
    for s in ["He said", "", "'quoted", " =1", "1-2"] {
        assert_eq!(safe.text(s), s, "{s:?}");
    }
    assert_eq!(Cells::new(true).text("=1+1"), "=1+1");
    assert_eq!(safe.owned("=1+1".to_owned()), "'=1+1");
    assert_eq!(safe.owned("d#1".to_owned()), "d#1");
}

#[test]
fn long_cells_are_cut_to_the_excel_limit_with_a_marker() {
    let cells = Cells::new(false);
    let long = "é".repeat(40_000);
    let cut = cells.text(&long);
    assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
    assert!(cut.ends_with(CUT_MARKER));
    assert_eq!(cells.cut_count(), 1);
    // Astral characters count twice, as Excel counts them; the prefix counts too.
    let emoji = format!("={}", "😀".repeat(20_000));
    let cut = cells.text(&emoji);
    assert!(cut.starts_with("'="));
    assert!(cut.encode_utf16().count() <= CELL_LIMIT);
    assert!(cut.ends_with(CUT_MARKER));
    let fits = "x".repeat(CELL_LIMIT);
    assert_eq!(cells.text(&fits).len(), CELL_LIMIT);
    assert_eq!(cells.cut_count(), 2);
}

#[test]
fn char_offsets_move_both_ways_and_never_panic() {
    let text = "aé😀b\nc";
    let mut offsets = CharOffsets::new(text);
    let expect = |byte: usize| text[..byte].chars().count();
    for byte in [0, 1, 3, 7, 8, 3, 0, 9, 10, 1] {
        assert_eq!(offsets.char_at(byte), expect(byte), "byte {byte}");
    }
    // Inside a character: the characters that start before it. Past the end: clamped.
    assert_eq!(offsets.char_at(2), 2);
    assert_eq!(offsets.char_at(99), 6);
    // ASCII text: offsets are bytes, clamped the same way.
    let mut offsets = CharOffsets::new("ab\ncd");
    assert_eq!([3, 1, 5, 99].map(|b| offsets.char_at(b)), [3, 1, 5, 5]);
}

#[test]
fn quoting_finds_special_bytes_at_every_position() {
    for len in 1..40 {
        let plain = "x".repeat(len);
        let mut out = CsvBuf::new();
        out.text(&plain);
        assert_eq!(out.as_bytes(), plain.as_bytes());
        for at in 0..len {
            for special in [',', '"', '\r', '\n'] {
                let mut field = plain.clone().into_bytes();
                field[at] = special as u8;
                let field = String::from_utf8(field).unwrap();
                let mut out = CsvBuf::new();
                out.text(&field);
                let quoted = format!("\"{}\"", field.replace('"', "\"\""));
                assert_eq!(out.as_bytes(), quoted.as_bytes(), "{field:?}");
            }
        }
    }
}

#[test]
fn line_breaks_collapse_to_one_space() {
    assert_eq!(one_line("a\r\n\r\n  b c\nd"), "a b c d");
    assert_eq!(one_line("no  breaks"), "no  breaks");
}

fn claim(text: &str, start: usize, cue: Span, source: &str, status: Status) -> Claim {
    Claim {
        attribution: Attribution {
            kind: ClaimKind::Direct,
            text: text.to_owned(),
            text_span: Span::new(start, start + text.len()),
            source: source.to_owned(),
            source_type: SourceType::Person,
            source_mention: source.to_owned(),
            source_span: None,
            cue: "said".to_owned(),
            cue_span: Some(cue),
            sentences: (0, 1),
        },
        status,
        status_cue: String::new(),
    }
}

fn sample() -> Processed {
    let text = "“=1+1 é,” Ann said.\nShe said: “-2 now.”";
    let second = text.find("-2").unwrap();
    let first = text.find("=1").unwrap();
    let said2 = text.rfind("said").unwrap();
    let said1 = text.find("said").unwrap();
    let newline = text.find('\n').unwrap();
    Processed {
        doc: Document {
            doc_id: "d".into(),
            input: "in.jsonl:1".into(),
            date: Some("2024-01-02".into()),
            title: Some("T".into()),
            text: text.into(),
            body_start: 0,
            warnings: vec!["warning: x".into()],
        },
        segmented: Segmented {
            paragraphs: vec![Span::new(0, text.len())],
            sentences: vec![
                Sentence {
                    span: Span::new(0, newline),
                    paragraph: 0,
                },
                Sentence {
                    span: Span::new(newline + 1, text.len()),
                    paragraph: 0,
                },
            ],
        },
        // Out of text order on purpose: the writer sorts.
        claims: vec![
            claim(
                "-2 now.",
                second,
                Span::new(said2, said2 + 4),
                "Ann",
                Status::Confirmed,
            ),
            claim(
                "=1+1 é",
                first,
                Span::new(said1, said1 + 4),
                "Ann",
                Status::Reported,
            ),
        ],
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn a_run_writes_neutralised_claims_in_text_order_with_char_offsets() {
    let dir = std::env::temp_dir().join(format!("claimtab-output-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let mut tables = Tables::create(&dir, CellOptions::default()).unwrap();
    tables.write(sample()).unwrap();
    tables
        .write_error(&RecordError {
            doc_id: "x.jsonl:2".into(),
            input: "x.jsonl:2".into(),
            message: "malformed JSON".into(),
        })
        .unwrap();
    tables.commit().unwrap();
    let claims = read(&dir.join("claims.csv"));
    let lines: Vec<&str> = claims.split("\r\n").collect();
    assert_eq!(lines[0], ClaimRow::COLUMNS.join(","));
    assert_eq!(
        lines[1],
        "d#1,d,2024-01-02,T,direct,Ann,person,Ann,said,'=1+1 é,reported,,\
         \"“=1+1 é,” Ann said. She said: “-2 now.”\",0,1,7,,,14,18"
    );
    assert!(
        lines[2].starts_with("d#2,d,2024-01-02,T,direct,Ann,person,Ann,said,'-2 now.,confirmed,")
    );
    let sources = read(&dir.join("sources.csv"));
    assert_eq!(sources, "source,source_type,claims,documents,reported,confirmed,unconfirmed,first_date,last_date\r\n\
         Ann,person,2,1,1,1,0,2024-01-02,2024-01-02\r\n");
    let documents = read(&dir.join("documents.csv"));
    assert!(
        documents.contains("\r\nd,in.jsonl:1,2024-01-02,T,39,2,2,ok,warning: x\r\n"),
        "{documents}"
    );
    assert!(documents.ends_with("x.jsonl:2,x.jsonl:2,,,,,,error,malformed JSON\r\n"));
    // No temporary file is left behind.
    let left: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn raw_and_bom_options() {
    let dir = std::env::temp_dir().join(format!("claimtab-output-raw-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let mut tables = Tables::create(
        &dir,
        CellOptions {
            raw: true,
            bom: true,
        },
    )
    .unwrap();
    tables.write(sample()).unwrap();
    tables.commit().unwrap();
    for table in ["claims.csv", "documents.csv", "sources.csv"] {
        assert!(
            fs::read(dir.join(table)).unwrap().starts_with(BOM),
            "{table}"
        );
    }
    let claims = read(&dir.join("claims.csv"));
    assert!(
        claims.contains(",=1+1 é,") && claims.contains(",-2 now.,"),
        "{claims}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_uncommitted_table_leaves_the_old_one_and_no_temporary_file() {
    let dir = std::env::temp_dir().join(format!("claimtab-output-drop-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("claims.csv"), "old").unwrap();
    let mut tables = Tables::create(&dir, CellOptions::default()).unwrap();
    tables.write(sample()).unwrap();
    drop(tables);
    assert_eq!(read(&dir.join("claims.csv")), "old");
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_table_synced_while_written_is_complete_when_committed() {
    let dir = std::env::temp_dir().join(format!("claimtab-output-big-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.csv");
    let mut table = TableFile::create(path.clone(), &["n", "text"], false).unwrap();
    // Past the writeback interval three times: the writeback thread syncs as rows come.
    let text = "x".repeat(1000);
    let rows = 3 * (8 << 20) / text.len();
    for n in 0..rows {
        table
            .row(&[n.to_string().as_str(), text.as_str()][..])
            .unwrap();
    }
    table.commit().unwrap();
    let written = read(&path);
    assert_eq!(written.lines().count(), rows + 1);
    assert!(written.ends_with(&format!("{},{text}\r\n", rows - 1)));
    // Only the table: no temporary file left.
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn column_lists_match_the_row_structs() {
    fn header<R: Serialize>(row: &R) -> String {
        let mut w = csv::Writer::from_writer(vec![]);
        w.serialize(row).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        out.lines().next().unwrap().to_owned()
    }
    let c = Cow::Borrowed("");
    let claim = ClaimRow {
        claim_id: c.clone(),
        doc_id: c.clone(),
        date: c.clone(),
        title: c.clone(),
        kind: "",
        source: c.clone(),
        source_type: "",
        source_mention: c.clone(),
        cue: c.clone(),
        text: c.clone(),
        status: "",
        status_cue: c.clone(),
        sentence: c.clone(),
        sentence_index: 0,
        start: 0,
        end: 0,
        source_start: None,
        source_end: None,
        cue_start: None,
        cue_end: None,
    };
    assert_eq!(header(&claim), ClaimRow::COLUMNS.join(","));
    let source = SourceRow {
        source: c.clone(),
        source_type: "",
        claims: 0,
        documents: 0,
        reported: 0,
        confirmed: 0,
        unconfirmed: 0,
        first_date: c.clone(),
        last_date: c.clone(),
    };
    assert_eq!(header(&source), SourceRow::COLUMNS.join(","));
    let doc = DocumentRow {
        doc_id: c.clone(),
        input: c.clone(),
        date: c.clone(),
        title: c.clone(),
        chars: None,
        sentences: None,
        claims: None,
        status: "",
        error: c.clone(),
    };
    assert_eq!(header(&doc), DocumentRow::COLUMNS.join(","));
    let sentence = SentenceRow {
        doc_id: c.clone(),
        paragraph_index: 0,
        sentence_index: 0,
        start: 0,
        end: 0,
        text: c,
    };
    assert_eq!(header(&sentence), SentenceRow::COLUMNS.join(","));
}

#[test]
fn spans_that_do_not_fit_the_text_never_panic() {
    let dir = std::env::temp_dir().join(format!("claimtab-output-bad-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let mut p = sample();
    let a = &mut p.claims[0].attribution;
    // Past the end, inside a character, and sentence indices that do not exist.
    a.text_span = Span::new(1, 999);
    a.source_span = Some(Span::new(2, 3));
    a.sentences = (5, 9);
    let mut tables = Tables::create(&dir, CellOptions::default()).unwrap();
    tables.write(p).unwrap();
    tables.commit().unwrap();
    let claims = read(&dir.join("claims.csv"));
    assert!(
        claims.contains("'-2 now.,confirmed,,,5,1,39,1,1,24,28\r\n"),
        "{claims}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// The bytes of `row` as the `csv` crate serializes it with the tables' settings.
fn serialized<R: Serialize + ?Sized>(row: &R) -> String {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![]);
    w.serialize(row).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// The bytes of `row` as [`CsvRow::write_csv`] writes it.
fn written<R: CsvRow + ?Sized>(row: &R) -> String {
    let mut out = CsvBuf::new();
    row.write_csv(&mut out);
    String::from_utf8(out.into_bytes()).unwrap()
}

/// Cells that CSV quoting, spreadsheets or UTF-8 could get wrong.
const TRICKY: [&str; 17] = [
    "",
    "plain",
    "a,b",
    "say \"hi\"",
    "\"",
    "\"\"",
    "two\nlines",
    "cr\ronly",
    "crlf\r\n",
    "'=1+1",
    "-5%",
    "é ü 😀 “quoted”",
    " spaces ",
    "tab\there",
    "#hash",
    "back\\slash",
    ",",
];

#[test]
fn rows_write_the_same_bytes_as_serde_through_the_csv_crate() {
    for (i, &t) in TRICKY.iter().enumerate() {
        let c = Cow::Borrowed(t);
        let n = (i * 997) as u64;
        let some = (i % 2 == 0).then_some(i * 31);
        let claim = ClaimRow {
            claim_id: c.clone(),
            doc_id: c.clone(),
            date: c.clone(),
            title: c.clone(),
            kind: t,
            source: c.clone(),
            source_type: t,
            source_mention: c.clone(),
            cue: c.clone(),
            text: c.clone(),
            status: t,
            status_cue: c.clone(),
            sentence: c.clone(),
            sentence_index: i,
            start: 0,
            end: usize::MAX,
            source_start: some,
            source_end: some,
            cue_start: None,
            cue_end: Some(10),
        };
        assert_eq!(written(&claim), serialized(&claim), "{t:?}");
        let source = SourceRow {
            source: c.clone(),
            source_type: t,
            claims: n,
            documents: 1,
            reported: u64::MAX,
            confirmed: 0,
            unconfirmed: 10,
            first_date: c.clone(),
            last_date: c.clone(),
        };
        assert_eq!(written(&source), serialized(&source), "{t:?}");
        let doc = DocumentRow {
            doc_id: c.clone(),
            input: c.clone(),
            date: c.clone(),
            title: c.clone(),
            chars: some,
            sentences: None,
            claims: Some(0),
            status: t,
            error: c.clone(),
        };
        assert_eq!(written(&doc), serialized(&doc), "{t:?}");
        let sentence = SentenceRow {
            doc_id: c.clone(),
            paragraph_index: i,
            sentence_index: 0,
            start: 7,
            end: 12345,
            text: c,
        };
        assert_eq!(written(&sentence), serialized(&sentence), "{t:?}");
    }
}

#[test]
fn records_of_text_fields_write_the_same_bytes_as_the_csv_crate() {
    // One empty field, and no field at all, are written `""` so as not to be blank lines.
    for record in [
        &[][..],
        &[""],
        &["", ""],
        &["a"],
        &TRICKY[..],
        &TRICKY[2..5],
    ] {
        assert_eq!(written(record), serialized(record), "{record:?}");
    }
}

proptest::proptest! {
    #[test]
    fn any_text_fields_write_the_same_bytes_as_the_csv_crate(
        fields in proptest::collection::vec("[a ,\"\r\n'=é😀\t#]{0,8}", 0..6)
    ) {
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        proptest::prop_assert_eq!(written(fields.as_slice()), serialized(fields.as_slice()));
    }
}
