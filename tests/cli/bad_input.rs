//! Every bad input of issue 6 has a defined outcome: processed (maybe with a warning) or
//! an error row naming the file and line; the run goes on; exit code 1.

use super::*;
use std::io::Write;

const GOOD: &str = "Mayor Ilse Brandvold said the bridge would reopen on Monday. \
                    \"We kept our promise,\" she said.\n\nThe council confirmed the date.\n";

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn line(id: &str, text: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"id": id, "title": "T", "text": text})
    )
}

/// What one record should come out as.
struct Expect {
    doc_id: String,
    input: String,
    /// `None`: status ok, no warning; `Some("warning: ...")`: ok with that warning;
    /// `Some(message)`: error whose message contains this.
    note: Option<&'static str>,
}

fn ok(doc_id: &str, input: String) -> Expect {
    Expect {
        doc_id: doc_id.into(),
        input,
        note: None,
    }
}

fn note(doc_id: &str, input: String, note: &'static str) -> Expect {
    Expect {
        doc_id: doc_id.into(),
        input,
        note: Some(note),
    }
}

/// Writes the corpus; returns what every record should become, in input order
/// (the truncated `.gz` is checked apart: how much of it survives depends on deflate).
fn bad_corpus(dir: &Path, big_line: usize) -> (Vec<Expect>, PathBuf) {
    let file = |name: &str, bytes: &[u8]| {
        fs::write(dir.join(name), bytes).unwrap();
        dir.join(name).display().to_string()
    };
    let mut expect = Vec::new();
    let p = file(
        "a-good.txt",
        format!(" date 2031-04-02 Home\nBridge opens\n\n{GOOD}").as_bytes(),
    );
    expect.push(ok("a-good", p));
    let p = file(
        "b-bom-crlf.txt",
        format!("\u{feff}Bridge opens\r\n\r\n{}", GOOD.replace('\n', "\r\n")).as_bytes(),
    );
    expect.push(ok("b-bom-crlf", p));
    let p = file(
        "c-invalid-utf8.txt",
        b"Caf\xe9 opens\n\nThe owner said it was \xff\xfe ready.\n",
    );
    expect.push(note(
        "c-invalid-utf8",
        p,
        "warning: invalid UTF-8 decoded lossily",
    ));
    let p = file("d-binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary");
    expect.push(note("d-binary", p, "binary file"));
    let p = file("e-empty.txt", b"");
    expect.push(note("e-empty", p, "empty file"));
    let p = file(
        "f-control.txt",
        format!("Control\x07 chars\n\n\x1b[31m{GOOD}\x01\x02\x0b\x0c").as_bytes(),
    );
    expect.push(ok("f-control", p));
    let quotes = "He said \"yes and she said “no and ‘then ".repeat(3000);
    let p = file(
        "g-quotes.txt",
        format!("Quotes everywhere\n\n{quotes}\n\n{GOOD}").as_bytes(),
    );
    // Its one 120,000-character paragraph is one quotation: the claim's cells are cut.
    expect.push(note(
        "g-quotes",
        p,
        "warning: a cell over 32767 characters was cut (ends with …[cut])",
    ));
    let sentence = "word ".repeat(200_000);
    let p = file(
        "h-long-sentence.txt",
        format!("A long one\n\n{sentence}\n\n{GOOD}").as_bytes(),
    );
    expect.push(ok("h-long-sentence", p));
    let p = file("i-gz.txt.gz", &gzip(format!("Zipped\n\n{GOOD}").as_bytes()));
    expect.push(ok("i-gz", p));

    let mut jsonl = String::from("\u{feff}");
    jsonl.push_str(&line("j1", GOOD)); // 1: after a BOM
    jsonl.push_str("\n   \n"); // 2, 3: blank lines are not records
    jsonl.push_str("{\"id\": \"j-broken\", \"text\": \"unterminated\n"); // 4
    jsonl.push_str(&format!("{}\n", serde_json::json!({"text": GOOD}))); // 5
    jsonl.push_str(&line("j-empty", "")); // 6
    jsonl.push_str(&format!(
        "{}\n",
        serde_json::json!({"id": "j-notext", "title": "T"})
    )); // 7
    jsonl.push_str(&line("j1", GOOD)); // 8: duplicate id
    jsonl.push_str(&line("j-crlf", &GOOD.replace('\n', "\r\n")).replace('\n', "\r\n")); // 9
    jsonl.push_str(&line("j-ctrl", &format!("\u{0}\u{1}\u{1b}[0m{GOOD}\u{7f}"))); // 10
    let big = format!("{GOOD} ").repeat(big_line / (GOOD.len() + 1) + 1);
    jsonl.push_str(&line("j-big", &big)); // 11: one very long line
    let mut bytes = jsonl.into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"j-latin1\", \"text\": \"Caf\xe9 said.\"}\n"); // 12
    let p = file("j-lines.jsonl", &bytes);
    let at = |n: usize| format!("{p}:{n}");
    expect.push(ok("j1", at(1)));
    expect.push(note(&at(4), at(4), "malformed JSON"));
    expect.push(note(&at(5), at(5), "missing id"));
    expect.push(note("j-empty", at(6), "empty text"));
    expect.push(note("j-notext", at(7), "missing text"));
    expect.push(note(
        "j1~2",
        at(8),
        "warning: duplicate id \"j1\" renamed \"j1~2\"",
    ));
    expect.push(ok("j-crlf", at(9)));
    expect.push(ok("j-ctrl", at(10)));
    expect.push(ok("j-big", at(11)));
    expect.push(note(
        "j-latin1",
        at(12),
        "warning: invalid UTF-8 decoded lossily",
    ));

    let mut lines = String::new();
    for i in 0..400 {
        lines.push_str(&line(
            &format!("k{i}"),
            &format!("Trader {i} said prices rose {}%.", i * 7919 % 97),
        ));
    }
    let full = gzip(lines.as_bytes());
    let truncated = dir.join("k-truncated.jsonl.gz");
    fs::write(&truncated, &full[..full.len() * 2 / 3]).unwrap();
    (expect, truncated)
}

fn check_bad_corpus(name: &str, big_line: usize) {
    let dir = scratch(name);
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    let (expect, truncated) = bad_corpus(&corpus, big_line);
    let out = dir.join("out");
    let output = run(&[
        "run".as_ref(),
        corpus.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let err = stderr(&output);
    assert_eq!(code(&output), 1, "some records failed: exit code 1\n{err}");

    let documents = table(&out.join("documents.csv"));
    let (listed, gz) = documents.split_at(expect.len().min(documents.len()));
    for (row, e) in listed.iter().zip(&expect) {
        assert_eq!((&row["doc_id"], &row["input"]), (&e.doc_id, &e.input));
        match e.note {
            None => assert_eq!((&*row["status"], &*row["error"]), ("ok", ""), "{row:?}"),
            Some(warning) if warning.starts_with("warning:") => {
                assert_eq!(
                    (&*row["status"], &*row["error"]),
                    ("ok", warning),
                    "{row:?}"
                )
            }
            Some(message) => {
                assert_eq!(row["status"], "error", "{row:?}");
                assert!(
                    row["error"].contains(message),
                    "{row:?} should say {message:?}"
                );
                assert!(
                    err.contains(&format!("{}: {}", e.input, row["error"])),
                    "stderr names {} and the problem:\n{err}",
                    e.input
                );
            }
        }
    }
    // The truncated .gz: the lines before the break, then one error row for the rest.
    let (last, kept) = gz.split_last().expect("rows for the truncated .gz");
    assert!(
        kept.len() >= 100,
        "only {} lines kept before the break",
        kept.len()
    );
    for (i, row) in kept.iter().enumerate() {
        assert_eq!(
            (&*row["doc_id"], &*row["status"]),
            (&*format!("k{i}"), "ok")
        );
    }
    assert_eq!(last["status"], "error");
    assert!(
        last["error"].contains("truncated or corrupt gzip"),
        "{last:?}"
    );
    assert_eq!(
        last["input"],
        format!("{}:{}", truncated.display(), kept.len() + 1)
    );

    // Every record is accounted for, and the counts reconcile with claims.csv.
    assert_eq!(documents.len(), expect.len() + kept.len() + 1);
    let claims = table(&out.join("claims.csv"));
    for row in &documents {
        let n = claims
            .iter()
            .filter(|c| c["doc_id"] == row["doc_id"])
            .count();
        let listed = if row["status"] == "ok" {
            n.to_string()
        } else {
            String::new()
        };
        assert_eq!(row["claims"], listed, "{row:?}");
    }
    let chars =
        documents.iter().find(|d| d["doc_id"] == "j-big").unwrap()["chars"].parse::<usize>();
    assert!(chars.unwrap() >= big_line);
    // A clean summary line closes the run.
    let errors = expect
        .iter()
        .filter(|e| e.note.is_some_and(|n| !n.starts_with("warning")))
        .count()
        + 1;
    assert!(
        err.contains(&format!(" claims, {errors} errors in ")),
        "{err}"
    );
}

#[test]
fn a_corpus_of_bad_inputs_loses_nothing_and_exits_1() {
    check_bad_corpus("bad-input", 5 << 20);
}

/// The 50 MB line of issue 6 (slow in a debug build): `cargo test -- --ignored`.
#[test]
#[ignore]
fn a_corpus_with_a_50_mb_line() {
    check_bad_corpus("bad-input-50mb", 50 << 20);
}
