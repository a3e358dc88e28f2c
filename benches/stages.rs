//! Per-stage benchmarks over the repo's own sample articles (`data/sample/`), repeated to
//! about 2 MB, so that a regression in one stage shows as that stage's throughput:
//! split (JSON Lines parsing), segment, attribute, classify, write (the CSV tables), and
//! the whole of `pipeline::process`.
//!
//! `cargo bench --bench stages` runs them (about a minute); CI only builds them
//! (`cargo bench --no-run`). End-to-end figures over the shared corpus: `make bench`.

use claimtab::model::{Document, Processed, Record, Segmented};
use claimtab::output::{CellOptions, Tables};
use claimtab::pipeline;
use claimtab::stage::{attribute, classify, segment, split};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Copies of the sample articles in the benchmark input.
const COPIES: usize = 300;

/// The sample articles as JSON Lines, `COPIES` times over with unique ids.
fn sample_lines() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let mut articles: Vec<serde_json::Value> = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("data/sample exists")
        .map(|entry| entry.expect("data/sample is readable").path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("sample files are UTF-8");
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    articles.push(serde_json::from_str(line).expect("sample JSON is valid"));
                }
            }
            Some("txt") => {
                // Headline, blank line, body: as JSON Lines, like the nightly input.
                let (title, body) = text.split_once("\n\n").unwrap_or(("", &text));
                let id = path.file_stem().unwrap_or_default().to_string_lossy();
                articles.push(serde_json::json!({"id": id, "title": title, "text": body}));
            }
            _ => {}
        }
    }
    let mut lines = Vec::with_capacity(articles.len() * COPIES);
    for copy in 0..COPIES {
        for article in &articles {
            let mut article = article.clone();
            let id = article["id"].as_str().unwrap_or("doc").to_owned();
            article["id"] = format!("c{copy}-{id}").into();
            lines.push(article.to_string());
        }
    }
    lines
}

fn documents(lines: &[String]) -> Vec<Document> {
    lines
        .iter()
        .enumerate()
        .filter_map(
            |(n, line)| match split::parse_json_line(&n.to_string(), line.as_bytes()) {
                Record::Doc(doc) => Some(doc),
                Record::Error(_) => None,
            },
        )
        .collect()
}

fn stages(c: &mut Criterion) {
    let lines = sample_lines();
    let docs = documents(&lines);
    let segmented: Vec<Segmented> = docs
        .iter()
        .map(|d| segment::segment(&d.text, d.body_start))
        .collect();
    let attributions: Vec<_> = docs
        .iter()
        .zip(&segmented)
        .map(|(d, s)| attribute::attribute(d, s))
        .collect();
    let processed: Vec<Processed> = docs.iter().cloned().map(pipeline::process).collect();
    let line_bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let scratch = std::env::temp_dir().join(format!("claimtab-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch folder for the write benchmark");

    let mut group = c.benchmark_group("stages");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));

    group.throughput(Throughput::Bytes(line_bytes as u64));
    group.bench_function("split", |b| {
        b.iter(|| {
            for (n, line) in lines.iter().enumerate() {
                black_box(split::parse_json_line(&n.to_string(), line.as_bytes()));
            }
        })
    });

    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("segment", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(segment::segment(&d.text, d.body_start));
            }
        })
    });
    group.bench_function("attribute", |b| {
        b.iter(|| {
            for (d, s) in docs.iter().zip(&segmented) {
                black_box(attribute::attribute(d, s));
            }
        })
    });
    // Classify and process take their input by value: copies are made outside the timing.
    group.bench_function("classify", |b| {
        b.iter_batched(
            || attributions.clone(),
            |attributions| {
                for ((d, s), a) in docs.iter().zip(&segmented).zip(attributions) {
                    black_box(classify::classify(d, s, a));
                }
            },
            BatchSize::LargeInput,
        )
    });
    // The tables go to temporary files in a scratch folder (the page cache, through a
    // 1 MB buffer), never committed: what is measured is building and formatting rows.
    group.bench_function("write", |b| {
        b.iter_batched(
            || processed.clone(),
            |processed| {
                let mut tables =
                    Tables::create(&scratch, CellOptions::default()).expect("scratch tables");
                for p in processed {
                    tables.write(p).expect("rows are written");
                }
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("process", |b| {
        b.iter_batched(
            || docs.clone(),
            |docs| {
                for d in docs {
                    black_box(pipeline::process(d));
                }
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&scratch);
}

criterion_group!(benches, stages);
criterion_main!(benches);
