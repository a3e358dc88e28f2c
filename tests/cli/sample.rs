//! Whole runs over the sample data: golden tables, and the same bytes for any thread count.

use super::*;

/// Compares the tables of a sample run with `tests/golden/`. `BLESS=1 cargo test` rewrites
/// the golden files from the current output (review the diff before committing it).
#[test]
fn sample_run_matches_the_golden_tables() {
    let out = scratch("golden");
    let output = run(&[
        "run".as_ref(),
        "data/sample".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--progress".as_ref(),
        "never".as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let golden = root().join("tests/golden");
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for name in TABLES {
        let got = fs::read(out.join(name)).unwrap();
        if bless {
            fs::write(golden.join(name), &got).unwrap();
        } else if fs::read(golden.join(name)).ok().as_deref() != Some(&got[..]) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from tests/golden/ (output in {}); if the change is intended, \
         rerun with BLESS=1 and review the diff",
        out.display()
    );
}

fn run_threads(inputs: &[&Path], threads: usize, out: &Path) -> Vec<Vec<u8>> {
    let mut args: Vec<&std::ffi::OsStr> = vec!["run".as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    let threads = threads.to_string();
    args.extend([
        "--out".as_ref(),
        out.as_os_str(),
        "--threads".as_ref(),
        threads.as_ref(),
        "--progress".as_ref(),
        "never".as_ref(),
    ]);
    let output = run(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    TABLES
        .iter()
        .map(|t| fs::read(out.join(t)).unwrap())
        .collect()
}

/// A corpus of several batches, with articles of very different lengths so that threads
/// finish out of order.
fn many_articles(dir: &Path) -> PathBuf {
    let path = dir.join("many.jsonl");
    let mut lines = String::new();
    for i in 0..1500 {
        let mut text = String::new();
        for j in 0..(i * 37 % 60 + 1) {
            text.push_str(&format!(
                "Councillor Vera Holm said that plan {i}-{j} would go ahead. \"It is ready,\" she said.\n\n"
            ));
        }
        let line =
            serde_json::json!({"id": format!("a{i}"), "title": format!("Plan {i}"), "text": text});
        lines.push_str(&format!("{line}\n"));
    }
    fs::write(&path, lines).unwrap();
    path
}

#[test]
fn one_thread_and_four_threads_write_the_same_bytes() {
    let dir = scratch("threads");
    let many = many_articles(&dir);
    let sample = root().join("data/sample");
    let mut inputs = vec![sample.as_path(), many.as_path()];
    let dev = shared("corpus/dev");
    if let Some(dev) = &dev {
        inputs.push(dev);
    }
    let one = run_threads(&inputs, 1, &dir.join("one"));
    let four = run_threads(&inputs, 4, &dir.join("four"));
    for (i, name) in TABLES.iter().enumerate() {
        assert!(
            one[i] == four[i],
            "{name} differs between --threads 1 and --threads 4"
        );
    }
    let documents = rows(&dir.join("one/documents.csv"));
    assert_eq!(
        documents.len(),
        6 + 1500 + if dev.is_some() { 25 } else { 0 }
    );
}

#[test]
fn the_dev_corpus_is_processed_whole() {
    let Some(dev) = shared("corpus/dev") else {
        return;
    };
    let out = scratch("dev");
    let output = run(&[
        "run".as_ref(),
        dev.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--progress".as_ref(),
        "never".as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let documents = table(&out.join("documents.csv"));
    assert_eq!(documents.len(), 25);
    assert!(documents.iter().all(|d| d["status"] == "ok"));
    let seed = documents
        .iter()
        .find(|d| d["doc_id"] == "000_325c0eea4893e8c8")
        .unwrap();
    assert_eq!(seed["date"], "2024-11-11");
    assert_eq!(
        seed["title"],
        "Donald Trump Speaks To Putin, Urges Not To escalate War: Report"
    );
}

#[test]
fn sentences_writes_one_row_per_sentence_with_char_offsets() {
    let dir = scratch("sentences");
    let file = dir.join("s.csv");
    let output = run(&[
        "sentences".as_ref(),
        "data/sample/marrowby-bridge.txt".as_ref(),
        "--out".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = fs::read_to_string(root().join("data/sample/marrowby-bridge.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let sentences = table(&file);
    assert!(sentences.len() > 5);
    for s in &sentences {
        assert_eq!(s["doc_id"], "marrowby-bridge");
        let (start, end): (usize, usize) = (s["start"].parse().unwrap(), s["end"].parse().unwrap());
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(
            s["text"], slice,
            "text is the document's characters start..end"
        );
    }
    assert_eq!(
        sentences[0]["text"],
        "Marrowby bridge to reopen after two-year repair"
    );
}

#[test]
fn standard_input_is_read_as_json_lines() {
    use std::io::Write;
    let out = scratch("stdin");
    let mut child = claimtab()
        .args(["run", "-", "--progress", "never", "--out"])
        .arg(&out)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"id\": \"s1\", \"text\": \"Ann said it.\"}\n{\"id\": 2, \"text\": \"Bo said so.\"}\n")
        .unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let documents = table(&out.join("documents.csv"));
    let ids: Vec<_> = documents
        .iter()
        .map(|d| (d["doc_id"].as_str(), d["input"].as_str()))
        .collect();
    assert_eq!(ids, [("s1", "<stdin>:1"), ("2", "<stdin>:2")]);
}
