//! The classify stage against the rules of CLAIMS.md: a table of example sentences we wrote
//! (`tests/data/status_examples.tsv`), a fictional article shaped like the seed article,
//! the seed article itself, and the status figures on the dev gold with gold attributions.
//!
//! Attributions are built by hand here (cue, source and content located in the text), so
//! these tests do not depend on the attribute stage.

use std::collections::BTreeMap;
use std::path::Path;

use claimtab::model::{
    Attribution, Claim, ClaimKind, Document, Segmented, SourceType, Span, Status,
};
use claimtab::stage::classify::classify;
use claimtab::stage::segment::segment;

// ---------------------------------------------------------------------------------------
// Helpers

fn document(text: &str) -> (Document, Segmented) {
    let doc = Document {
        doc_id: "test".into(),
        text: text.into(),
        ..Document::default()
    };
    let seg = segment(&doc.text, 0);
    (doc, seg)
}

fn source_type(s: &str) -> SourceType {
    match s {
        "person" => SourceType::Person,
        "organization" => SourceType::Organization,
        "anonymous" => SourceType::Anonymous,
        "document" => SourceType::Document,
        _ => SourceType::Unknown,
    }
}

/// The occurrence of `needle` in `text` nearest to byte `pos`.
fn nearest(text: &str, needle: &str, pos: usize) -> Option<Span> {
    text.match_indices(needle)
        .map(|(i, _)| Span::new(i, i + needle.len()))
        .min_by_key(|s| s.start.abs_diff(pos))
}

/// An attribution over `text`: the content is its first occurrence; cue and source are
/// the occurrences nearest to it.
fn attribution(
    text: &str,
    seg: &Segmented,
    kind: &str,
    cue: &str,
    source: &str,
    content: &str,
    typ: &str,
) -> Attribution {
    let start = text
        .find(content)
        .unwrap_or_else(|| panic!("content {content:?} not in {text:?}"));
    let text_span = Span::new(start, start + content.len());
    let cue_span = nearest(text, cue, start).expect("cue in text");
    let source_span = nearest(text, source, start);
    let from = cue_span.start.min(text_span.start);
    let to = cue_span.end.max(text_span.end).saturating_sub(1);
    Attribution {
        kind: ClaimKind::parse(kind).expect("kind"),
        text: content.into(),
        text_span,
        source: source.into(),
        source_type: source_type(typ),
        source_mention: source.into(),
        source_span,
        cue: cue.into(),
        cue_span: Some(cue_span),
        sentences: (seg.sentence_at(from), seg.sentence_at(to)),
    }
}

// ---------------------------------------------------------------------------------------
// The example table

struct Example {
    line: usize,
    sentence: String,
    target: [String; 5],
    others: Vec<[String; 5]>,
    status: Status,
    status_cue: String,
}

fn examples() -> Vec<Example> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/status_examples.tsv");
    let text = std::fs::read_to_string(path).expect("tests/data/status_examples.tsv");
    let five = |parts: &[&str]| -> [String; 5] { std::array::from_fn(|i| parts[i].to_string()) };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(n, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 7, "line {}: 7 to 9 columns", n + 1);
            let others = f
                .get(8)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.split(" ;; ")
                        .map(|o| {
                            let p: Vec<&str> = o.split('~').collect();
                            assert_eq!(p.len(), 5, "line {}: kind~cue~source~content~type", n + 1);
                            five(&p)
                        })
                        .collect()
                })
                .unwrap_or_default();
            Example {
                line: n + 1,
                sentence: f[0].into(),
                target: five(&[f[1], f[2], f[3], f[4], f[5]]),
                others,
                status: Status::parse(f[6]).expect("status"),
                status_cue: f.get(7).copied().unwrap_or("").into(),
            }
        })
        .collect()
}

fn run(example: &Example) -> Claim {
    let (doc, seg) = document(&example.sentence);
    let build = |p: &[String; 5]| attribution(&doc.text, &seg, &p[0], &p[1], &p[2], &p[3], &p[4]);
    let mut attrs: Vec<Attribution> = example.others.iter().map(build).collect();
    attrs.push(build(&example.target));
    attrs.sort_by_key(|a| a.text_span.start);
    let target = build(&example.target);
    classify(&doc, &seg, attrs)
        .into_iter()
        .find(|c| c.attribution == target)
        .expect("the target claim comes back")
}

#[test]
fn status_examples_get_their_status_and_evidence() {
    let all = examples();
    let mut failures = Vec::new();
    for ex in &all {
        let claim = run(ex);
        let cue_ok = if ex.status == Status::Reported {
            claim.status_cue.is_empty()
        } else {
            ex.status_cue.is_empty() || claim.status_cue == ex.status_cue
        };
        if claim.status != ex.status || !cue_ok {
            failures.push(format!(
                "line {}: {:?}\n  expected {} {:?}, got {} {:?}",
                ex.line,
                ex.sentence,
                ex.status.as_str(),
                ex.status_cue,
                claim.status.as_str(),
                claim.status_cue
            ));
        }
    }
    println!(
        "{} of {} status examples pass",
        all.len() - failures.len(),
        all.len()
    );
    assert!(all.len() >= 80, "at least 80 examples, have {}", all.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_status_class_and_lexicon_has_examples() {
    let all = examples();
    for status in Status::ALL {
        assert!(
            all.iter().filter(|e| e.status == status).count() >= 10,
            "at least ten {} examples",
            status.as_str()
        );
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon");
    // Lexicons of single words that steer the rules rather than name a signal.
    let structural = ["status_topic_stopwords.txt", "status_topic_groups.txt"];
    for entry in std::fs::read_dir(dir).expect("data/lexicon") {
        let path = entry.expect("dir entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if !name.starts_with("status_") || structural.contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("lexicon");
        let used = claimtab::lexicon::entries(&text).any(|entry| {
            let entry = entry.to_lowercase();
            all.iter().any(|e| {
                let s = e.sentence.to_lowercase();
                s.split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .any(|w| w == entry)
                    || s.contains(&format!(" {entry} "))
                    || s.starts_with(&format!("{entry} "))
            })
        });
        assert!(used, "{name}: no example sentence uses any of its entries");
    }
}

// ---------------------------------------------------------------------------------------
// An article shaped like the seed: a call reported by a newspaper and unnamed sources,
// a non-confirmation of "the details of the conversation", then on-the-record remarks
// and a second, different call.

const FICTIONAL: &str = "Lind Calls Brand, Urges Calm Over Fishing Dispute: Report

Prime Minister Ada Lind spoke with Chancellor Otto Brand on Tuesday, a day after the vote. The discussion, according to the Daily Ledger, centred on the fishing dispute, with Lind urging Brand to keep the fleets apart.

People familiar with the matter said Lind took the call from her country house, replying to a message from Brand.

Lind warned Brand against sending patrol boats, while reminding him of the coastguard's strength. This call comes amid worries about the dispute.

Neither Norland nor Estria has officially confirmed the details of the conversation. However, Brand had said at a rally last week that dialogue with Lind was welcome. \u{201C}We are ready to work with her,\u{201D} Brand said.

In addition to her call with Brand, Lind also spoke with President Mara Vos on Monday. During the call with Vos, businessman Karl Ruud also took part, saying the ferry link would stay open. \u{201C}We agreed to keep talking,\u{201D} Ruud said.
";

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

fn check_article(text: &str, rows: &[(Row, Status, &str)]) {
    let (doc, seg) = document(text);
    let attrs: Vec<Attribution> = rows
        .iter()
        .map(|((kind, cue, source, content, typ), _, _)| {
            attribution(text, &seg, kind, cue, source, content, typ)
        })
        .collect();
    let claims = classify(&doc, &seg, attrs.clone());
    assert_eq!(claims.len(), rows.len());
    let mut failures = Vec::new();
    for ((claim, attr), (row, status, cue)) in claims.iter().zip(&attrs).zip(rows) {
        assert_eq!(&claim.attribution, attr, "order is kept");
        if claim.status != *status || claim.status_cue != *cue {
            failures.push(format!(
                "{:?}: expected {} {:?}, got {} {:?}",
                row.3,
                status.as_str(),
                cue,
                claim.status.as_str(),
                claim.status_cue
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fictional_article_non_confirmation_covers_the_call_and_nothing_else() {
    use Status::*;
    let neither = "Neither Norland nor Estria has officially confirmed";
    check_article(
        FICTIONAL,
        &[
            (("according_to", ": Report", "Report", "Lind Calls Brand, Urges Calm Over Fishing Dispute", "document"), Unconfirmed, "Report"),
            (("according_to", "according to", "Daily Ledger", "centred on the fishing dispute, with Lind urging Brand to keep the fleets apart", "organization"), Unconfirmed, neither),
            (("indirect", "said", "People familiar with the matter", "Lind took the call from her country house, replying to a message from Brand", "anonymous"), Unconfirmed, "People familiar with the matter"),
            (("indirect", "warned", "Ada Lind", "against sending patrol boats, while reminding him of the coastguard's strength", "person"), Unconfirmed, neither),
            (("indirect", "said", "Otto Brand", "dialogue with Lind was welcome", "person"), Reported, ""),
            (("direct", "said", "Otto Brand", "We are ready to work with her,", "person"), Reported, ""),
            (("indirect", "saying", "Karl Ruud", "the ferry link would stay open", "person"), Reported, ""),
            (("direct", "said", "Karl Ruud", "We agreed to keep talking,", "person"), Reported, ""),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// The seed article, read from ../shared when it is there.

#[test]
fn seed_article_claims_get_the_gold_status_with_evidence() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev/000_325c0eea4893e8c8.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} is absent, seed test skipped", path.display());
        return;
    };
    use Status::*;
    let neither = "Neither the United States nor Russia has officially confirmed";
    let rows: Vec<(Row, Status, &str)> = vec![
        (("according_to", ": Report", "Report", "Donald Trump Speaks To Putin, Urges Not To escalate War", "document"), Unconfirmed, "Report"),
        (("according_to", "according to", "Reuters", "centered around the ongoing conflict in Ukraine, with Trump urging Putin to avoid further escalation in the war", "organization"), Unconfirmed, neither),
        (("indirect", "reported", "Sources close to the matter", "Trump took the call from his resort in Florida, responding to a congratulatory message from Putin", "anonymous"), Unconfirmed, "Sources close to the matter"),
        (("indirect", "expressed", "Vladimir Putin", "readiness to engage in talks with Trump", "person"), Reported, ""),
        (("indirect", "highlighted", "Vladimir Putin", "the importance of improving US-Russia relations, especially in the context of the war in Ukraine", "person"), Reported, ""),
        (("indirect", "advised", "Donald Trump", "against escalating the conflict, while reminding him of the substantial US military presence in Europe", "person"), Unconfirmed, neither),
        (("indirect", "indicated", "Vladimir Putin", "a desire to restore relations with the US", "person"), Reported, ""),
        (("indirect", "saying", "Vladimir Putin", "engaging in talks with Trump was not wrong", "person"), Reported, ""),
        (("direct", "stated", "Vladimir Putin", "We are ready to speak to Trump", "person"), Reported, ""),
        (("indirect", "emphasizing", "Vladimir Putin", "improving relations with the US and helping to end the Ukrainian crisis was a priority", "person"), Reported, ""),
        (("partial", "praised", "Vladimir Putin", "brave man", "person"), Reported, ""),
        (("indirect", "noting", "Vladimir Putin", "the Republican leader\u{2019}s resilience in the face of adversity", "person"), Reported, ""),
        (("indirect", "expressed", "Donald Trump", "criticism over the extent of US military and financial aid to Ukraine", "person"), Reported, ""),
        (("indirect", "pledged", "Donald Trump", "to bring an end to the war swiftly", "person"), Reported, ""),
        (("indirect", "reassuring", "Elon Musk", "the Starlink satellite internet service would continue to operate in the country", "person"), Reported, ""),
        (("direct", "said", "Elon Musk", "We agreed to maintain close dialogue and advance our cooperation. Strong and unwavering US leadership is vital for the world and for a just peace", "person"), Reported, ""),
        (("indirect", "signaled", "Donald Trump", "a shift in US foreign policy, with an emphasis on resolving the conflict in Ukraine and improving relations with Russia", "person"), Reported, ""),
    ];
    let present = |r: &&(Row, Status, &str)| text.contains(r.0 .1) && text.contains(r.0 .3);
    let rows: Vec<(Row, Status, &str)> = rows.iter().filter(present).cloned().collect();
    assert!(rows.len() >= 15, "the seed text has changed");
    check_article(&text, &rows);
}

// ---------------------------------------------------------------------------------------
// Robustness

#[test]
fn spans_out_of_range_or_inside_a_character_do_not_panic() {
    let (doc, seg) = document("Él dijo — “sí”. Police confirmed it.");
    let bad = Attribution {
        kind: ClaimKind::Indirect,
        text: "x".into(),
        text_span: Span::new(1, 400),
        source: String::new(),
        source_type: SourceType::Unknown,
        source_mention: String::new(),
        source_span: Some(Span::new(300, 500)),
        cue: "said".into(),
        cue_span: Some(Span::new(1, 2)),
        sentences: (7, 3),
    };
    let claims = classify(&doc, &seg, vec![bad.clone(), bad]);
    assert_eq!(claims.len(), 2);
    assert!(classify(&doc, &seg, Vec::new()).is_empty());
}

// ---------------------------------------------------------------------------------------
// Measurement on the dev gold, with attributions built from the gold claims themselves.

fn locate(text: &str, content: &str) -> Option<Span> {
    if let Some(i) = text.find(content) {
        return Some(Span::new(i, i + content.len()));
    }
    // Content with an attribution phrase removed, or quote fragments joined: find a head
    // and a tail of it.
    let chars: Vec<(usize, char)> = content.char_indices().collect();
    for n in [40usize, 25, 15] {
        if chars.len() < 2 * n {
            continue;
        }
        let head = &content[..chars[n].0];
        let tail = &content[chars[chars.len() - n].0..];
        if let Some(i) = text.find(head) {
            if let Some(j) = text[i..].find(tail) {
                return Some(Span::new(i, i + j + tail.len()));
            }
        }
    }
    None
}

#[test]
fn dev_gold_status_confusion_with_gold_attributions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let Ok(gold) = std::fs::read_to_string(root.join("gold/dev.jsonl")) else {
        eprintln!("note: ../shared/gold is absent, dev measurement skipped");
        return;
    };
    let seed = std::fs::read_to_string(root.join("gold/seed.jsonl")).unwrap_or_default();
    // (gold, predicted) → count, for required and all claims.
    let mut required: BTreeMap<(Status, Status), usize> = BTreeMap::new();
    let mut all: BTreeMap<(Status, Status), usize> = BTreeMap::new();
    let mut missing = 0;
    for line in gold
        .lines()
        .chain(seed.lines())
        .filter(|l| !l.trim().is_empty())
    {
        let record: serde_json::Value = serde_json::from_str(line).expect("gold json");
        let id = record["doc_id"].as_str().unwrap_or("");
        let Ok(text) = std::fs::read_to_string(root.join(format!("corpus/dev/{id}.txt"))) else {
            continue;
        };
        let (doc, seg) = document(&text);
        let mut attrs = Vec::new();
        let mut expected = Vec::new();
        for c in record["claims"].as_array().into_iter().flatten() {
            let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
            let Some(text_span) = locate(&text, &s("text")) else {
                missing += 1;
                continue;
            };
            let cue = s("cue");
            let cue_span = nearest(&text, &cue, text_span.start)
                .filter(|c| c.start.abs_diff(text_span.start) < 600);
            let source = s("source");
            let from = cue_span.map_or(text_span.start, |c| c.start.min(text_span.start));
            let to = cue_span.map_or(text_span.end, |c| c.end.max(text_span.end));
            attrs.push(Attribution {
                kind: ClaimKind::parse(&s("kind")).unwrap_or(ClaimKind::Indirect),
                text: s("text"),
                text_span,
                source: source.clone(),
                source_type: source_type(&s("source_type")),
                source_mention: source.clone(),
                source_span: nearest(&text, &source, text_span.start),
                cue,
                cue_span,
                sentences: (seg.sentence_at(from), seg.sentence_at(to.saturating_sub(1))),
            });
            let optional = c["optional"].as_bool().unwrap_or(false);
            expected.push((Status::parse(&s("status")).unwrap_or_default(), optional));
        }
        for (claim, (gold_status, optional)) in classify(&doc, &seg, attrs).iter().zip(expected) {
            *all.entry((gold_status, claim.status)).or_default() += 1;
            if !optional {
                *required.entry((gold_status, claim.status)).or_default() += 1;
            }
            if claim.status != gold_status && std::env::var_os("CLASSIFY_DEBUG").is_some() {
                eprintln!(
                    "{id}: gold {} got {} ({:?}) opt={optional} :: {} | {} | {}",
                    gold_status.as_str(),
                    claim.status.as_str(),
                    claim.status_cue,
                    claim.attribution.source,
                    claim.attribution.cue,
                    claim.attribution.text.chars().take(90).collect::<String>()
                );
            }
        }
    }
    for (name, m) in [("required", &required), ("all", &all)] {
        println!(
            "dev+seed status, {name} claims (rows gold, columns predicted); {missing} not located"
        );
        println!(
            "{:>12} {:>9} {:>9} {:>11}",
            "", "reported", "confirmed", "unconfirmed"
        );
        for g in Status::ALL {
            let row: Vec<usize> = Status::ALL
                .iter()
                .map(|p| m.get(&(g, *p)).copied().unwrap_or(0))
                .collect();
            println!(
                "{:>12} {:>9} {:>9} {:>11}",
                g.as_str(),
                row[0],
                row[1],
                row[2]
            );
        }
        let f1: Vec<f64> = Status::ALL
            .iter()
            .map(|&s| {
                let tp = m.get(&(s, s)).copied().unwrap_or(0) as f64;
                let pred: usize = Status::ALL
                    .iter()
                    .map(|&g| m.get(&(g, s)).copied().unwrap_or(0))
                    .sum();
                let gold: usize = Status::ALL
                    .iter()
                    .map(|&p| m.get(&(s, p)).copied().unwrap_or(0))
                    .sum();
                if pred + gold == 0 {
                    0.0
                } else {
                    2.0 * tp / (pred + gold) as f64
                }
            })
            .collect();
        println!(
            "F1 reported {:.3} confirmed {:.3} unconfirmed {:.3}; macro-F1 {:.3}",
            f1[0],
            f1[1],
            f1[2],
            f1.iter().sum::<f64>() / 3.0
        );
    }
    assert!(!all.is_empty(), "gold claims were located");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Text made of signal words, quotes, multi-byte characters and punctuation.
    fn article() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "confirmed",
            "has not confirmed",
            "denied",
            "reportedly",
            "Neither",
            "nor",
            "the call",
            "said",
            "“",
            "”",
            "\"",
            "é",
            "—",
            ". ",
            "? ",
            ", ",
            "\n\n",
            "However, ",
            "by",
            "Smith",
            "dismissed reports",
            "if",
            "would",
            "on condition of anonymity",
            "which",
            "’s",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn classify_never_panics(
            text in article(),
            spans in prop::collection::vec((0usize..400, 0usize..400, 0usize..400, 0usize..8, 0usize..8), 0..6),
        ) {
            let (doc, seg) = document(&text);
            let attrs: Vec<Attribution> = spans
                .iter()
                .map(|&(a, b, c, s, t)| Attribution {
                    kind: ClaimKind::ALL[a % 4],
                    text: String::new(),
                    text_span: Span::new(a.min(b), a.max(b)),
                    source: ["Smith", "sources", ""][c % 3].into(),
                    source_type: [SourceType::Person, SourceType::Unknown, SourceType::Document][c % 3],
                    source_mention: "he".into(),
                    source_span: None,
                    cue: "said".into(),
                    cue_span: Some(Span::new(c, c + 4)),
                    sentences: (s, t),
                })
                .collect();
            let n = attrs.len();
            let claims = classify(&doc, &seg, attrs);
            prop_assert_eq!(claims.len(), n);
        }
    }
}
