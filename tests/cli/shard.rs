//! `run --shard K/N` and `merge`: N shards hold every document exactly once, and merging
//! them gives the tables of a single run, byte for byte.

use super::*;
use claimtab::shard::Shard;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::Write;
use std::process::{Output, Stdio};

/// Runs `claimtab` with `args`, feeding `stdin` (if any) on standard input.
pub fn run_stdin<S: AsRef<OsStr>>(args: &[S], stdin: Option<&[u8]>) -> Output {
    let mut child = claimtab()
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let writer = child.stdin.take().map(|mut pipe| {
        let bytes = stdin.unwrap_or_default().to_vec();
        // From a thread: the child may fill its stdout before it has read all of stdin.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let output = child.wait_with_output().unwrap();
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    output
}

/// `claimtab run INPUTS --out OUT [extra...]`; exit code 0 or 1 (some bad records) expected.
fn run_tables(inputs: &[&OsStr], out: &Path, extra: &[&str], stdin: Option<&[u8]>) {
    let mut args: Vec<&OsStr> = vec!["run".as_ref()];
    args.extend(inputs);
    args.extend(["--out".as_ref(), out.as_os_str()]);
    args.extend(["--progress", "never", "--threads", "2"].map(OsStr::new));
    args.extend(extra.iter().map(OsStr::new));
    let output = run_stdin(&args, stdin);
    assert!(
        [0, 1].contains(&code(&output)),
        "{args:?}: {}",
        stderr(&output)
    );
}

fn merge_tables(dirs: &[PathBuf], out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&OsStr> = vec!["merge".as_ref()];
    args.extend(dirs.iter().map(|d| d.as_os_str()));
    args.extend(["--out".as_ref(), out.as_os_str()]);
    args.extend(extra.iter().map(OsStr::new));
    run(&args)
}

fn assert_same_tables(expected: &Path, got: &Path) {
    for name in TABLES {
        let (a, b) = (fs::read(expected.join(name)), fs::read(got.join(name)));
        assert!(
            a.unwrap() == b.unwrap(),
            "{name} differs: {} vs {}",
            expected.join(name).display(),
            got.join(name).display()
        );
    }
}

/// Runs `inputs` whole and as `n` shards, merges the shards, and checks the merged tables
/// against the whole run's, byte for byte. Returns the folders of the shards.
fn check_shards_merge(
    name: &str,
    inputs: &[&OsStr],
    n: u64,
    extra: &[&str],
    stdin: Option<&[u8]>,
) -> Vec<PathBuf> {
    let dir = scratch(name);
    run_tables(inputs, &dir.join("whole"), extra, stdin);
    let shards: Vec<PathBuf> = (0..n).map(|k| dir.join(format!("shard{k}"))).collect();
    for (k, out) in shards.iter().enumerate() {
        let mut flags = extra.to_vec();
        let shard = format!("{k}/{n}");
        flags.extend(["--shard", &shard]);
        run_tables(inputs, out, &flags, stdin);
    }
    // The merge's own order of arguments does not matter either.
    let mut reversed = shards.clone();
    reversed.reverse();
    let merged = dir.join("merged");
    let output = merge_tables(&reversed, &merged, extra);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_same_tables(&dir.join("whole"), &merged);
    shards
}

const SAYINGS: [&str; 6] = [
    "Mayor {name} said the bridge would reopen on Monday.",
    "\"We kept our promise,\" {name} told reporters.",
    "According to {name}, the council has not confirmed the budget.",
    "{name} allegedly claimed that the vote was rigged.",
    "Officials confirmed that {name} would resign.",
    "The weather was mild and nobody said anything.",
];
const NAMES: [&str; 5] = [
    "Ilse Brandvold",
    "Tomas Reyl",
    "the Harbour Authority",
    "a senior official",
    "Dr Mina Okafor",
];

/// A small invented article; `i` picks its sentences and speakers.
fn article(i: usize) -> String {
    let mut text = String::new();
    for j in 0..(i % 4 + 1) {
        let saying = SAYINGS[(i + j * 5) % SAYINGS.len()];
        text.push_str(&saying.replace("{name}", NAMES[(i * 3 + j) % NAMES.len()]));
        text.push_str(if j % 2 == 0 { " " } else { "\n\n" });
    }
    text
}

fn json_line(id: &str, i: usize) -> String {
    let date = format!("2031-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
    let line = serde_json::json!({"id": id, "title": format!("Story {i}"), "date": date, "text": article(i)});
    format!("{line}\n")
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// A corpus whose walk order is not byte order (`a/` before `a-b/`, `n10` before `n2`),
/// with `.txt`, `.jsonl` and `.gz` inputs, bad records, ids repeated across files (a run
/// renames them `~2`, `~3`), ids that a spreadsheet would read as formulas, documents
/// without claims; and JSON Lines for standard input that repeat ids of the folder.
fn generated_corpus(dir: &Path) -> (PathBuf, Vec<u8>) {
    let root = dir.join("gen");
    let write = |path: &str, bytes: &[u8]| {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    };
    for (i, name) in ["n2", "n10", "N1", "sub/deep", "ü-umlaut"]
        .iter()
        .enumerate()
    {
        write(
            &format!("a/{name}.txt"),
            format!("Headline {i}\n\n{}", article(i)).as_bytes(),
        );
    }
    write("a/empty.txt", b"");
    write("a/binary.txt", b"\x7fELF\x00\x01");
    write(
        "a/zipped.txt.gz",
        &gzip(format!("Zipped\n\n{}", article(7)).as_bytes()),
    );
    let mut lines = String::new();
    for i in 0..40 {
        lines.push_str(&json_line(&format!("ab{i}"), i));
        match i {
            5 => lines.push_str("{\"id\": \"broken\", \"text\": \n"),
            9 => lines.push_str(&format!("{}\n", serde_json::json!({"text": "No id said."}))),
            12 => lines.push_str("\n   \n"),
            15 => lines.push_str(&json_line("dup", i)),
            20 => lines.push_str(&json_line("-1", i)),
            25 => {
                // Cells with line breaks and quotes: CSV quotes them, merge must copy them.
                let text = "\"We kept\r\nour promise,\" Mayor Ilse Brandvold said.\n";
                let line = serde_json::json!({"id": "ml", "title": "Two\nlines, \"quoted\"", "text": text});
                lines.push_str(&format!("{line}\n"));
            }
            _ => {}
        }
    }
    write("a-b/lines.jsonl", lines.as_bytes());
    let mut lines = String::new();
    for i in 0..30 {
        let id = if i % 10 == 3 {
            "dup".to_owned()
        } else {
            format!("j{i}")
        };
        lines.push_str(&json_line(&id, i + 100));
    }
    write("a.jsonl", lines.as_bytes());
    let zipped: String = (0..25)
        .map(|i| json_line(&format!("z{i}"), i + 200))
        .collect();
    write("b.jsonl.gz", &gzip(zipped.as_bytes()));
    let stdin: String = (0..20)
        .map(|i| {
            json_line(
                &if i % 7 == 0 {
                    "dup".into()
                } else {
                    format!("s{i}")
                },
                i + 300,
            )
        })
        .collect();
    (root, stdin.into_bytes())
}

#[test]
fn every_document_is_in_exactly_one_shard() {
    let dir = scratch("shard-partition");
    let (corpus, stdin) = generated_corpus(&dir);
    let inputs = [corpus.as_os_str(), "-".as_ref()];
    run_tables(&inputs, &dir.join("whole"), &[], Some(&stdin));
    let ids = |out: &Path| -> Vec<String> {
        table(&out.join("documents.csv"))
            .into_iter()
            .map(|d| d["doc_id"].clone())
            .collect()
    };
    let all = ids(&dir.join("whole"));
    assert!(all.len() > 100, "{} documents", all.len());
    assert!(all.iter().any(|id| id == "dup~4"), "ids were renamed");
    let mut union = BTreeSet::new();
    for k in 0..3 {
        let out = dir.join(format!("shard{k}"));
        run_tables(&inputs, &out, &["--shard", &format!("{k}/3")], Some(&stdin));
        let shard = Shard::new(k, 3).unwrap();
        let ids = ids(&out);
        assert!(!ids.is_empty(), "shard {k} is empty");
        for id in ids {
            // The id as a run sees it: without the `'` that keeps a spreadsheet from
            // reading it as a formula.
            let bare = id.strip_prefix('\'').unwrap_or(&id);
            assert!(shard.keeps_id(bare), "{id} is not shard {k}'s");
            assert!(union.insert(id.clone()), "{id} is in two shards");
        }
    }
    let all: BTreeSet<String> = all.into_iter().collect();
    assert_eq!(union, all, "the shards hold every document");
}

#[test]
fn merging_three_shards_gives_the_tables_of_one_run_byte_for_byte() {
    check_shards_merge("merge-sample", &["data/sample".as_ref()], 3, &[], None);
    let dir = scratch("merge-generated-corpus");
    let (corpus, stdin) = generated_corpus(&dir);
    // Standard input last on the command line: the run sorts it as the path `<stdin>`.
    let inputs = [corpus.as_os_str(), "-".as_ref()];
    check_shards_merge("merge-generated", &inputs, 3, &[], Some(&stdin));
    if let (Some(dev), Some(wikinews)) = (shared("corpus/dev"), shared("corpus/wikinews.jsonl")) {
        let inputs = [wikinews.as_os_str(), dev.as_os_str()];
        check_shards_merge("merge-dev", &inputs, 3, &[], None);
    }
}

#[test]
fn tables_written_with_bom_and_raw_merge_with_the_same_options() {
    let dir = scratch("merge-bom-raw-corpus");
    let (corpus, stdin) = generated_corpus(&dir);
    let inputs = [corpus.as_os_str(), "-".as_ref()];
    let shards = check_shards_merge(
        "merge-bom-raw",
        &inputs,
        2,
        &["--bom", "--raw"],
        Some(&stdin),
    );
    let output = merge_tables(&shards, &dir.join("no-bom"), &["--raw"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("give merge --bom too"),
        "{}",
        stderr(&output)
    );
    assert!(
        !dir.join("no-bom/documents.csv").exists(),
        "nothing written"
    );
}

#[test]
fn the_order_of_inputs_on_the_command_line_does_not_matter() {
    let dir = scratch("input-order");
    let (corpus, stdin) = generated_corpus(&dir);
    let (a, ab, b) = (
        corpus.join("a"),
        corpus.join("a-b"),
        corpus.join("b.jsonl.gz"),
    );
    let sorted = [a.as_os_str(), ab.as_os_str(), b.as_os_str(), "-".as_ref()];
    let shuffled = ["-".as_ref(), b.as_os_str(), a.as_os_str(), ab.as_os_str()];
    run_tables(&sorted, &dir.join("sorted"), &[], Some(&stdin));
    run_tables(&shuffled, &dir.join("shuffled"), &[], Some(&stdin));
    assert_same_tables(&dir.join("sorted"), &dir.join("shuffled"));
    // Runs over disjoint inputs (no id in two of them) merge into one run over all.
    let parts = [ab.as_os_str(), b.as_os_str(), a.as_os_str()];
    let dirs: Vec<PathBuf> = parts
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let out = dir.join(format!("part{i}"));
            run_tables(&[input], &out, &[], None);
            out
        })
        .collect();
    run_tables(&parts, &dir.join("together"), &[], None);
    let output = merge_tables(&dirs, &dir.join("merged"), &[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_same_tables(&dir.join("together"), &dir.join("merged"));
}

#[test]
fn overlapping_or_foreign_tables_are_not_merged() {
    let dir = scratch("merge-refused");
    let sample = dir.join("sample");
    run_tables(&["data/sample".as_ref()], &sample, &[], None);
    let output = merge_tables(&[sample.clone(), sample.clone()], &dir.join("twice"), &[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("is in both"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.join("twice/claims.csv").exists(), "nothing written");

    let output = merge_tables(
        &[sample.clone(), root().join("data")],
        &dir.join("foreign"),
        &[],
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("cannot read"),
        "{}",
        stderr(&output)
    );

    // A documents.csv out of input order (not written by one run) is refused.
    let shuffled = dir.join("shuffled");
    fs::create_dir_all(&shuffled).unwrap();
    fs::copy(sample.join("claims.csv"), shuffled.join("claims.csv")).unwrap();
    let documents = fs::read_to_string(sample.join("documents.csv")).unwrap();
    let mut lines: Vec<&str> = documents.split_inclusive("\r\n").collect();
    lines.swap(1, 2);
    fs::write(shuffled.join("documents.csv"), lines.concat()).unwrap();
    let output = merge_tables(&[shuffled], &dir.join("unordered"), &[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("not in input order"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_shard_must_be_k_of_n_with_k_below_n() {
    for shard in ["3/3", "1/0", "one/3", "-1/3", "2"] {
        let output = run(&["run", "data/sample", &format!("--shard={shard}")]);
        assert_eq!(code(&output), 2, "--shard {shard}");
        assert!(stderr(&output).contains("K/N"), "{}", stderr(&output));
    }
}
