//! `claimtab stream`: the rows of a run on standard output, for engines that pipe
//! partitions through a program.

use super::shard::run_stdin;
use super::*;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

/// The sample articles as JSON Lines, and the tables of a run over them.
fn sample_run(name: &str) -> (PathBuf, Vec<u8>) {
    let dir = scratch(name);
    let jsonl = fs::read(root().join("data/sample/articles.jsonl")).unwrap();
    let out = dir.join("out");
    let output = run_stdin(
        &[
            "run".as_ref(),
            "-".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
        Some(&jsonl),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    (out, jsonl)
}

#[test]
fn stream_csv_rows_are_the_rows_of_claims_csv() {
    let (out, jsonl) = sample_run("stream-csv");
    let output = run_stdin(&["stream", "--threads", "2"], Some(&jsonl));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let claims = fs::read(out.join("claims.csv")).unwrap();
    let header_end = claims.windows(2).position(|w| w == b"\r\n").unwrap() + 2;
    assert!(claims.len() > header_end, "the sample has claims");
    assert!(
        output.stdout == claims[header_end..],
        "stream rows differ from claims.csv without its header"
    );
}

#[test]
fn stream_jsonl_objects_carry_the_claims_csv_columns() {
    let (out, jsonl) = sample_run("stream-jsonl");
    let output = run_stdin(&["stream", "--format", "jsonl"], Some(&jsonl));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = output
        .stdout
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).unwrap())
        .collect();
    let rows = table(&out.join("claims.csv"));
    assert_eq!(objects.len(), rows.len());
    for (object, row) in objects.iter().zip(&rows) {
        let cells: std::collections::BTreeMap<String, String> = object
            .iter()
            .map(|(k, v)| {
                let cell = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                };
                (k.clone(), cell)
            })
            .collect();
        assert_eq!(&cells, row);
    }
}

#[test]
fn bad_lines_in_a_stream_are_reported_and_the_rest_goes_on() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Ann Vole said the dam held.\"}\n",
        "{\"id\": \"b\", \"text\": \n",
        "\n",
        "{\"text\": \"Nobody said anything.\"}\n",
        "{\"id\": \"c\", \"text\": \"Bo Lind said the road was open.\"}\n",
    );
    let output = run_stdin(&["stream", "--format", "jsonl"], Some(input.as_bytes()));
    assert_eq!(code(&output), 1, "bad records: exit code 1");
    let err = stderr(&output);
    assert!(err.contains("error: <stdin>:2: malformed JSON"), "{err}");
    assert!(err.contains("error: <stdin>:4: missing id"), "{err}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    // The Spark example tells errors from claims by these first fields.
    for line in stdout.lines() {
        assert!(
            line.starts_with("{\"claim_id\":") || line.starts_with("{\"doc_id\":"),
            "{line}"
        );
    }
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let summary: Vec<(&str, &str)> = objects
        .iter()
        .map(|o| (o["doc_id"].as_str().unwrap(), o["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            ("a", "reported"),
            ("<stdin>:2", "error"),
            ("<stdin>:4", "error"),
            ("c", "reported")
        ]
    );
    assert_eq!(objects[1]["input"], "<stdin>:2");
    assert!(objects[2]["error"].as_str().unwrap().contains("missing id"));

    // CSV has no room for errors: the good rows only, the errors on standard error.
    let output = run_stdin(&["stream"], Some(input.as_bytes()));
    assert_eq!(code(&output), 1);
    let csv = String::from_utf8_lossy(&output.stdout);
    let ids: Vec<&str> = csv.lines().map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ids, ["a#1", "c#1"]);
    assert!(stderr(&output).contains("<stdin>:4"));
}

#[test]
fn rows_come_out_before_the_input_ends() {
    // A partition that arrives slowly: the first row must not wait for the end of input.
    let mut child = claimtab()
        .args(["stream", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"id\": \"first\", \"text\": \"Ann Vole said the dam held.\"}\n")
        .unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver.recv_timeout(Duration::from_secs(60));
    drop(stdin);
    let _ = child.wait();
    let line = line.expect("a row before standard input was closed");
    assert!(line.contains("\"claim_id\":\"first#1\""), "{line}");
}

#[test]
fn a_stream_runs_only_its_shard() {
    let (_, jsonl) = sample_run("stream-shard");
    let mut seen = std::collections::BTreeSet::new();
    for k in 0..2 {
        let shard = format!("{k}/2");
        let output = run_stdin(&["stream", "--shard", &shard], Some(&jsonl));
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&output.stdout[..]);
        let ids: std::collections::BTreeSet<String> =
            reader.records().map(|r| r.unwrap()[1].to_owned()).collect();
        for id in ids {
            assert!(seen.insert(id.clone()), "{id} in both shards");
        }
    }
    assert_eq!(seen.len(), 3, "the three sample articles: {seen:?}");
}
