//! Spreadsheet safety at the command line: formula cells neutralised unless `--raw`,
//! `--bom`, long cells cut to Excel's limit. (The writer's unit tests cover claim cells.)

use super::*;

fn run_with(corpus: &Path, out: &Path, flags: &[&str]) -> String {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "run".as_ref(),
        corpus.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(flags.iter().map(std::ffi::OsStr::new));
    let output = run(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    stderr(&output)
}

fn corpus(dir: &Path) -> PathBuf {
    let path = dir.join("cells.jsonl");
    let long = "x".repeat(40_000);
    let lines = [
        serde_json::json!({"id": "-1", "title": "=HYPERLINK(\"http://example.invalid\")", "text": "@A said \"=1+1\" today."}),
        serde_json::json!({"id": "plain", "title": "+tax cuts", "text": "Ann said so."}),
        serde_json::json!({"id": "long", "title": long, "text": "Bo said so."}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn formula_cells_are_neutralised_by_default_and_raw_with_raw() {
    let dir = scratch("cells");
    let corpus = corpus(&dir);
    let err = run_with(&corpus, &dir.join("safe"), &["--progress", "never"]);
    let safe = table(&dir.join("safe/documents.csv"));
    assert_eq!(safe[0]["doc_id"], "'-1");
    assert_eq!(safe[0]["title"], "'=HYPERLINK(\"http://example.invalid\")");
    assert_eq!(safe[1]["title"], "'+tax cuts");
    // Numbers are never prefixed.
    assert!(safe.iter().all(|d| d["chars"].parse::<u64>().is_ok()));
    // Claims, where the attribute stage finds any: no text cell starts with a formula character.
    for claim in table(&dir.join("safe/claims.csv")) {
        for (column, cell) in &claim {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{column}: {cell:?}"
            );
        }
    }
    // A cell over Excel's limit is cut with a marker, noted on the row and once on stderr.
    let long = &safe[2];
    assert_eq!(long["title"].encode_utf16().count(), 32_767);
    assert!(long["title"].ends_with("…[cut]"));
    assert!(long["error"].contains("was cut"), "{long:?}");
    assert_eq!(err.matches("were cut").count(), 1, "{err}");

    run_with(&corpus, &dir.join("raw"), &["--raw", "--progress", "never"]);
    let raw = table(&dir.join("raw/documents.csv"));
    assert_eq!(raw[0]["doc_id"], "-1");
    assert_eq!(raw[0]["title"], "=HYPERLINK(\"http://example.invalid\")");
    assert!(
        raw[2]["title"].ends_with("…[cut]"),
        "cells are cut with --raw too"
    );
}

#[test]
fn bom_starts_every_table_with_the_utf8_byte_order_mark() {
    let dir = scratch("bom");
    let corpus = corpus(&dir);
    run_with(&corpus, &dir.join("bom"), &["--bom", "--progress", "never"]);
    run_with(&corpus, &dir.join("plain"), &["--progress", "never"]);
    for name in TABLES {
        let bom = fs::read(dir.join("bom").join(name)).unwrap();
        let plain = fs::read(dir.join("plain").join(name)).unwrap();
        assert_eq!(&bom[..3], b"\xEF\xBB\xBF", "{name}");
        assert_eq!(
            &bom[3..],
            &plain[..],
            "{name}: the BOM is the only difference"
        );
    }
}
