//! Atomic output: a run killed halfway leaves the previous tables whole.

use super::*;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

#[test]
fn a_killed_run_leaves_the_previous_tables_whole() {
    let dir = scratch("kill");
    let out = dir.join("out");
    // The previous run's tables.
    let output = run(&[
        "run".as_ref(),
        "data/sample".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--progress".as_ref(),
        "never".as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let before: Vec<Vec<u8>> = TABLES
        .iter()
        .map(|t| fs::read(out.join(t)).unwrap())
        .collect();

    // A run fed through a pipe that we never close: it writes what it has read, then
    // waits for more, halfway through its tables, until it is killed.
    let mut child = claimtab()
        .args(["run", "-", "--progress", "never", "--out"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let temp = out.join(format!(".documents.csv.tmp-{}", child.id()));
    let mut stdin = child.stdin.take().unwrap();
    let mut written = 0;
    let started = Instant::now();
    // Enough rows to overflow the writer's buffer, so the temporary file holds a partial table.
    while fs::metadata(&temp).map_or(0, |m| m.len()) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no temporary table appeared"
        );
        for _ in 0..500 {
            written += 1;
            let text = format!("Minister Odile Varga said plan {written} was ready. ").repeat(20);
            let line = serde_json::json!({"id": written, "title": "=x".repeat(30), "text": text});
            stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);

    for (name, old) in TABLES.iter().zip(&before) {
        let now = fs::read(out.join(name)).unwrap();
        assert!(
            &now == old,
            "{name} changed: a killed run must leave the previous table whole"
        );
    }
    assert!(
        temp.exists(),
        "the run was killed halfway, with its temporary table in place"
    );
}
