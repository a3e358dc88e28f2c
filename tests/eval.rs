//! `claimtab eval`: the scoring rules of CLAIMS.md on small hand-made examples, the file
//! readers, and gold scored against itself.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use claimtab::eval::{
    normalize_source, read_gold, read_predictions, run, score, source_matches, texts_match,
    GoldClaim, GoldDoc, PredClaim, Report,
};
use claimtab::model::{ClaimKind, Status};

// ---------------------------------------------------------------- helpers

fn gold(kind: ClaimKind, text: &str, source: &str, status: Status) -> GoldClaim {
    GoldClaim {
        kind,
        text: text.to_string(),
        source: source.to_string(),
        source_type: "person".to_string(),
        cue: "said".to_string(),
        status,
        optional: false,
        aliases: Vec::new(),
    }
}

fn optional(mut g: GoldClaim) -> GoldClaim {
    g.optional = true;
    g
}

fn pred(id: &str, kind: ClaimKind, text: &str, source: &str, status: Status) -> PredClaim {
    PredClaim {
        claim_id: id.to_string(),
        doc_id: "d1".to_string(),
        kind,
        text: text.to_string(),
        source: source.to_string(),
        source_type: "person".to_string(),
        cue: "said".to_string(),
        status,
        status_cue: String::new(),
    }
}

fn doc(claims: Vec<GoldClaim>) -> Vec<GoldDoc> {
    vec![GoldDoc {
        doc_id: "d1".to_string(),
        claims,
    }]
}

use ClaimKind::{Direct, Indirect, Partial};
use Status::{Confirmed, Reported, Unconfirmed};

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// A fresh path under the system temp folder, unique per test and process.
fn temp_path(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("claimtab-eval-{}-{n}-{name}", std::process::id()))
}

const HEADER: [&str; 20] = [
    "claim_id",
    "doc_id",
    "date",
    "title",
    "kind",
    "source",
    "source_type",
    "source_mention",
    "cue",
    "text",
    "status",
    "status_cue",
    "sentence",
    "sentence_index",
    "start",
    "end",
    "source_start",
    "source_end",
    "cue_start",
    "cue_end",
];

/// Neutralises a cell the way the spreadsheet-safe writer does.
fn neutralize(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Writes predictions as a claims.csv with the full column contract.
fn write_claims_csv(path: &Path, preds: &[PredClaim], bom: bool) {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    {
        let mut w = csv::Writer::from_writer(&mut bytes);
        w.write_record(HEADER).unwrap();
        for p in preds {
            let row = [
                p.claim_id.as_str(),
                &p.doc_id,
                "2024-01-01",
                "A title",
                p.kind.as_str(),
                &p.source,
                &p.source_type,
                &p.source,
                &p.cue,
                &p.text,
                p.status.as_str(),
                &p.status_cue,
                "The sentence.",
                "0",
                "0",
                "1",
                "",
                "",
                "",
                "",
            ];
            w.write_record(row.iter().map(|c| neutralize(c))).unwrap();
        }
        w.flush().unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

// ---------------------------------------------------------------- matching rule

#[test]
fn texts_match_when_they_share_half_of_the_shorter_ones_words() {
    // 2 of 4 words shared: exactly half matches.
    assert!(texts_match("we are ready now", "we are not here"));
    // 1 of 4: less than half does not.
    assert!(!texts_match("we are ready now", "we were not here"));
    // The shorter text decides: 1 of 2 words.
    assert!(texts_match("brave man", "he is a brave and bold leader"));
    // Odd length: 2 of 3 matches, 1 of 3 does not.
    assert!(texts_match("a brave man", "brave man indeed not"));
    assert!(!texts_match("a brave man", "brave woman indeed not"));
    // Case and punctuation do not matter.
    assert!(texts_match("“Ready, TO talk!”", "ready to talk"));
}

#[test]
fn overlap_counts_each_word_as_often_as_both_texts_have_it() {
    // "the" three times against once: overlap 1 of 3, no match.
    assert!(!texts_match("the the the", "the cat sat"));
    assert!(texts_match("the the cat", "the the dog"));
}

#[test]
fn a_text_without_words_matches_nothing() {
    assert!(!texts_match("", ""));
    assert!(!texts_match("...", "..."));
    assert!(!texts_match("", "ready"));
}

// ---------------------------------------------------------------- pairing

#[test]
fn optional_gold_absorbs_only_predictions_that_match_nothing_else() {
    let g = doc(vec![
        gold(Indirect, "the talks were useful", "Ann Lee", Reported),
        optional(gold(
            Indirect,
            "a wish to meet again soon",
            "Ann Lee",
            Reported,
        )),
    ]);
    let preds = vec![
        pred("p1", Indirect, "the talks were useful", "Ann Lee", Reported),
        pred("p2", Indirect, "a wish to meet again", "Ann Lee", Reported),
        pred("p3", Direct, "nothing to do with anything", "Bo", Reported),
    ];
    let r = score(&preds, &g);
    assert_eq!((r.gold_required, r.gold_optional), (1, 1));
    assert_eq!((r.matched, r.absorbed, r.predicted), (1, 1, 3));
    // The absorbed prediction is neither right nor wrong: precision 1 of 2.
    assert_eq!(r.overall.pred, 2);
    assert!(close(r.overall.precision(), 0.5));
    assert!(close(r.overall.recall(), 1.0));
    let d = &r.docs[0];
    assert_eq!(d.false_positives.len(), 1);
    assert_eq!(d.false_positives[0].claim_id, "p3");
}

#[test]
fn required_gold_is_matched_before_optional_gold() {
    // The prediction matches both; it must go to the required claim.
    let g = doc(vec![
        optional(gold(Indirect, "prices will rise soon", "Ann Lee", Reported)),
        gold(Indirect, "prices will rise next year", "Ann Lee", Reported),
    ]);
    let preds = vec![pred(
        "p1",
        Indirect,
        "prices will rise soon",
        "Ann Lee",
        Reported,
    )];
    let r = score(&preds, &g);
    assert_eq!((r.matched, r.absorbed), (1, 0));
    // An unmatched optional gold claim is not a miss.
    assert!(close(r.overall.recall(), 1.0));
    assert!(r.docs[0].missed.is_empty());
}

#[test]
fn matching_is_one_to_one() {
    let g = doc(vec![gold(
        Direct,
        "we are ready to talk",
        "Ann Lee",
        Reported,
    )]);
    let preds = vec![
        pred("p1", Direct, "we are ready to talk", "Ann Lee", Reported),
        pred("p2", Direct, "we are ready to talk", "Ann Lee", Reported),
    ];
    let r = score(&preds, &g);
    assert_eq!(r.matched, 1);
    assert!(close(r.overall.precision(), 0.5));
    assert!(close(r.overall.recall(), 1.0));
    assert_eq!(r.docs[0].false_positives[0].claim_id, "p2");

    // One prediction, two gold claims it matches: it takes the closer one, the other is missed.
    let g = doc(vec![
        gold(
            Direct,
            "we are ready to talk to them all today",
            "Ann Lee",
            Reported,
        ),
        gold(Direct, "we are ready to talk", "Ann Lee", Reported),
    ]);
    let preds = vec![pred(
        "p1",
        Direct,
        "we are ready to talk",
        "Ann Lee",
        Reported,
    )];
    let r = score(&preds, &g);
    assert_eq!(r.matched, 1);
    assert_eq!(r.docs[0].pairs[0].gold.text, "we are ready to talk");
    assert_eq!(r.docs[0].missed.len(), 1);
    assert!(close(r.overall.recall(), 0.5));
}

#[test]
fn best_pairs_are_taken_first() {
    // p1 matches both gold claims, p2 only the first. Taking p1 with the first gold claim
    // (prediction order) would leave p2 unmatched; taking the closest pairs first finds both.
    let g = doc(vec![
        gold(Indirect, "rates stay low now", "Ann Lee", Reported),
        gold(
            Indirect,
            "rates stay low all year long",
            "Ann Lee",
            Reported,
        ),
    ]);
    let preds = vec![
        pred(
            "p1",
            Indirect,
            "rates stay low all year long",
            "Ann Lee",
            Reported,
        ),
        pred("p2", Indirect, "low now then", "Ann Lee", Reported),
    ];
    let r = score(&preds, &g);
    assert_eq!(r.matched, 2);
    assert_eq!(r.docs[0].pairs[0].pred.claim_id, "p2");
}

#[test]
fn predictions_for_documents_outside_the_gold_are_ignored() {
    let g = vec![
        GoldDoc {
            doc_id: "d1".to_string(),
            claims: vec![gold(Direct, "we are ready", "Ann Lee", Reported)],
        },
        GoldDoc {
            doc_id: "d2".to_string(),
            claims: vec![gold(Direct, "we are not", "Bo Ek", Reported)],
        },
    ];
    let mut other = pred("p9", Direct, "we are ready", "Ann Lee", Reported);
    other.doc_id = "elsewhere".to_string();
    let preds = vec![
        pred("p1", Direct, "we are ready", "Ann Lee", Reported),
        other,
    ];
    let r = score(&preds, &g);
    assert_eq!((r.ignored, r.predicted, r.matched), (1, 1, 1));
    assert_eq!(r.docs_without_predictions, 1);
    assert!(close(r.overall.recall(), 0.5));
    assert!(r
        .to_string()
        .contains("1 predictions for documents not in the gold"));
}

// ---------------------------------------------------------------- per kind

#[test]
fn per_kind_recall_goes_by_gold_kind_and_precision_by_predicted_kind() {
    let g = doc(vec![
        gold(Direct, "we will win the match", "Ann Lee", Reported),
        gold(
            Indirect,
            "the team would win the match",
            "Ann Lee",
            Reported,
        ),
        gold(Indirect, "the coach was leaving soon", "Ann Lee", Reported),
    ]);
    let preds = vec![
        pred("p1", Direct, "we will win the match", "Ann Lee", Reported),
        // Found, but called direct.
        pred(
            "p2",
            Direct,
            "the team would win the match",
            "Ann Lee",
            Reported,
        ),
        pred(
            "p3",
            Indirect,
            "something else entirely here",
            "Ann Lee",
            Reported,
        ),
    ];
    let r = score(&preds, &g);
    let direct = r.kind(Direct);
    assert_eq!((direct.gold, direct.pred), (1, 2));
    assert!(close(direct.recall(), 1.0));
    assert!(close(direct.precision(), 1.0));
    let indirect = r.kind(Indirect);
    assert_eq!((indirect.gold, indirect.pred), (2, 1));
    assert!(close(indirect.recall(), 0.5));
    assert!(close(indirect.precision(), 0.0));
    assert!(close(indirect.f1(), 0.0));
    // A kind with neither gold nor prediction has no figures.
    let partial = r.kind(Partial);
    assert_eq!(
        (partial.precision(), partial.recall(), partial.f1()),
        (None, None, None)
    );
    assert!(close(r.kind_accuracy(), 0.5));
    assert!(close(r.overall.precision(), 2.0 / 3.0));
    assert!(close(r.overall.recall(), 2.0 / 3.0));
    let table = r.to_string();
    assert!(
        table.contains("partial               -       -       -      0      0"),
        "{table}"
    );
    assert!(table.contains("kind accuracy (matched): 0.500"), "{table}");
}

// ---------------------------------------------------------------- source

#[test]
fn source_names_drop_case_titles_and_a_leading_the() {
    assert_eq!(
        normalize_source("President Vladimir Putin"),
        "vladimir putin"
    );
    assert_eq!(normalize_source("Mr. Blair"), "blair");
    assert_eq!(
        normalize_source("Prime Minister  Tony Blair,"),
        "tony blair"
    );
    assert_eq!(normalize_source("The Kremlin"), "kremlin");
    assert_eq!(normalize_source("Brian O’Driscoll"), "brian o'driscoll");
    // A title alone stays: dropping it would leave nothing to compare.
    assert_eq!(normalize_source("the prime minister"), "prime minister");
    assert_eq!(normalize_source("Mr"), "mr");
}

#[test]
fn source_strict_needs_the_name_lenient_accepts_surname_and_aliases() {
    let mut blair = gold(Indirect, "x", "Tony Blair", Reported);
    blair.aliases = vec!["Blair".to_string(), "the prime minister".to_string()];
    assert_eq!(source_matches("Mr Tony Blair", &blair), (true, true));
    assert_eq!(source_matches("Blair", &blair), (false, true));
    assert_eq!(source_matches("Prime Minister", &blair), (false, true));
    assert_eq!(source_matches("Gordon Brown", &blair), (false, false));
    assert_eq!(source_matches("", &blair), (false, false));

    // Surname without an alias: still lenient for a person.
    let ann = gold(Indirect, "x", "Ann Lee", Reported);
    assert_eq!(source_matches("Lee", &ann), (false, true));
    // The last word of an organisation's name is not a surname.
    let mut cairn = gold(Indirect, "x", "Cairn Energy", Reported);
    cairn.source_type = "organization".to_string();
    assert_eq!(source_matches("Energy", &cairn), (false, false));
}

#[test]
fn source_shares_are_over_matched_claims() {
    let g = doc(vec![
        gold(Direct, "we are ready", "Ann Lee", Reported),
        gold(Direct, "we are willing", "Ann Lee", Reported),
        gold(Direct, "we are able", "Ann Lee", Reported),
        gold(Direct, "never found at all", "Ann Lee", Reported),
    ]);
    let mut preds = vec![
        pred("p1", Direct, "we are ready", "Dr Ann Lee", Reported),
        pred("p2", Direct, "we are willing", "Lee", Reported),
        pred("p3", Direct, "we are able", "she", Reported),
    ];
    preds[2].source_type = "organization".to_string();
    let r = score(&preds, &g);
    assert_eq!(r.matched, 3);
    assert!(close(r.source_strict_share(), 1.0 / 3.0));
    assert!(close(r.source_lenient_share(), 2.0 / 3.0));
    assert!(close(r.source_type_accuracy(), 2.0 / 3.0));
    let details = r.details();
    assert!(
        details.contains("SOURCE~  gold \"Ann Lee\" / pred \"Lee\""),
        "{details}"
    );
    assert!(
        details.contains("SOURCE   gold \"Ann Lee\" / pred \"she\""),
        "{details}"
    );
    assert!(
        details.contains("TYPE     gold person / pred organization"),
        "{details}"
    );
    assert!(details.contains("MISSED   direct"), "{details}");
}

// ---------------------------------------------------------------- status

/// Six matched claims with known (gold, predicted) statuses, and no confirmed at all.
fn status_example(extra: &[(Status, Status)]) -> Report {
    let mut pairs = vec![
        (Reported, Reported),
        (Reported, Reported),
        (Reported, Reported),
        (Reported, Unconfirmed),
        (Unconfirmed, Unconfirmed),
        (Unconfirmed, Reported),
    ];
    pairs.extend_from_slice(extra);
    let mut golds = Vec::new();
    let mut preds = Vec::new();
    for (n, (g, p)) in pairs.into_iter().enumerate() {
        let text = format!("claim number w{n} here");
        golds.push(gold(Indirect, &text, "Ann Lee", g));
        preds.push(pred(&format!("p{n}"), Indirect, &text, "Ann Lee", p));
    }
    score(&preds, &doc(golds))
}

#[test]
fn status_accuracy_macro_f1_and_confusion() {
    let r = status_example(&[]);
    assert_eq!(r.matched, 6);
    assert_eq!(r.status_confusion, [[3, 0, 1], [0, 0, 0], [1, 0, 1]]);
    assert!(close(r.status_accuracy(), 4.0 / 6.0));
    assert!(close(r.status(Reported).precision(), 0.75));
    assert!(close(r.status(Reported).recall(), 0.75));
    assert!(close(r.status(Unconfirmed).f1(), 0.5));
    // Confirmed occurs nowhere: left out of the mean, (0.75 + 0.5) / 2.
    assert_eq!(r.status(Confirmed).f1(), None);
    assert!(close(r.status_macro_f1(), 0.625));
    let table = r.to_string();
    assert!(
        table.contains("status accuracy 0.667  macro-F1 0.625"),
        "{table}"
    );
    assert!(
        table.contains("reported                 3           0           1"),
        "{table}"
    );
    assert!(
        table.contains("unconfirmed              1           0           1"),
        "{table}"
    );
    let details = r.details();
    assert!(
        details.contains("STATUS   gold reported / pred unconfirmed"),
        "{details}"
    );
}

#[test]
fn a_status_predicted_but_never_gold_counts_as_zero_in_macro_f1() {
    let r = status_example(&[(Reported, Confirmed)]);
    // reported: P 3/4, R 3/5, F1 2/3; confirmed: F1 0; unconfirmed: F1 1/2.
    assert!(close(r.status(Reported).f1(), 2.0 / 3.0));
    assert!(close(r.status(Confirmed).f1(), 0.0));
    assert!(close(r.status_macro_f1(), (2.0 / 3.0 + 0.0 + 0.5) / 3.0));
}

// ---------------------------------------------------------------- reading files

#[test]
fn claims_csv_with_bom_and_neutralised_cells_reads_back_as_written() {
    let path = temp_path("claims.csv");
    let mut p = pred(
        "c1",
        Partial,
        "-5 per cent, \"at best\"\nor worse",
        "=Evil Corp",
        Reported,
    );
    p.status_cue = "@handle".to_string();
    let plain = pred("c2", Direct, "'quoted' words", "Ann Lee", Unconfirmed);
    write_claims_csv(&path, &[p.clone(), plain.clone()], true);
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(
        raw.contains("'-5 per cent") && raw.contains("'=Evil"),
        "{raw}"
    );
    let read = read_predictions(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(read, vec![p, plain]);
}

#[test]
fn a_bad_row_in_claims_csv_names_file_and_line() {
    let path = temp_path("bad-kind.csv");
    let mut text = String::from("doc_id,kind,text,source,status\n");
    text.push_str("d1,direct,\"two\nlines\",Ann Lee,reported\n");
    text.push_str("d1,quote,words,Ann Lee,reported\n");
    std::fs::write(&path, text).unwrap();
    let err = read_predictions(&path).unwrap_err().to_string();
    std::fs::remove_file(&path).ok();
    assert!(err.contains(&format!("{}:4:", path.display())), "{err}");
    assert!(err.contains("unknown kind \"quote\""), "{err}");

    let path = temp_path("no-status.csv");
    std::fs::write(&path, "doc_id,kind,text,source\nd1,direct,words,Ann\n").unwrap();
    let err = read_predictions(&path).unwrap_err().to_string();
    std::fs::remove_file(&path).ok();
    assert!(
        err.contains(&format!("{}:1: missing column(s) status", path.display())),
        "{err}"
    );
}

#[test]
fn a_malformed_gold_line_names_file_and_line() {
    let path = temp_path("gold.jsonl");
    let good = r#"{"doc_id": "d1", "claims": [{"kind": "direct", "text": "we are ready", "source": "Ann Lee", "source_type": "person", "cue": "said", "status": "reported"}]}"#;
    std::fs::write(
        &path,
        format!("{good}\n\n{{\"doc_id\": \"d2\", \"claims\": [\n"),
    )
    .unwrap();
    let err = read_gold(std::slice::from_ref(&path))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!("{}:3: invalid JSON", path.display())),
        "{err}"
    );

    let bad_status = good.replace("\"reported\"", "\"rumoured\"");
    std::fs::write(
        &path,
        format!("{good}\n{}\n", bad_status.replace("d1", "d2")),
    )
    .unwrap();
    let err = read_gold(std::slice::from_ref(&path))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(":2: claim 1 (from 1): unknown status \"rumoured\""),
        "{err}"
    );

    std::fs::write(&path, format!("{good}\n{good}\n")).unwrap();
    let err = read_gold(std::slice::from_ref(&path))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(":2: doc_id \"d1\" is already given at"),
        "{err}"
    );

    std::fs::write(&path, format!("{good}\n")).unwrap();
    let docs = read_gold(std::slice::from_ref(&path)).unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(docs.len(), 1);
    assert!(!docs[0].claims[0].optional);
    assert_eq!(docs[0].claims[0].status, Reported);
}

// ---------------------------------------------------------------- gold against itself

#[test]
fn gold_scored_against_itself_is_perfect() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is absent; gold self-check skipped", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let gold = read_gold(&files).unwrap();
    let mut preds = Vec::new();
    for d in &gold {
        for (n, g) in d.claims.iter().enumerate() {
            preds.push(PredClaim {
                claim_id: format!("{}:{n}", d.doc_id),
                doc_id: d.doc_id.clone(),
                kind: g.kind,
                text: g.text.clone(),
                source: g.source.clone(),
                source_type: g.source_type.clone(),
                cue: g.cue.clone(),
                status: g.status,
                status_cue: String::new(),
            });
        }
    }
    let path = temp_path("self-claims.csv");
    write_claims_csv(&path, &preds, false);
    let r = run(&path, &files).unwrap();
    std::fs::remove_file(&path).ok();
    eprintln!("{r}");
    assert_eq!(r.predicted, r.gold_required + r.gold_optional);
    assert_eq!((r.matched, r.absorbed), (r.gold_required, r.gold_optional));
    assert!(close(r.overall.precision(), 1.0));
    assert!(close(r.overall.recall(), 1.0));
    assert!(close(r.kind_accuracy(), 1.0));
    assert!(close(r.source_strict_share(), 1.0));
    assert!(close(r.source_type_accuracy(), 1.0));
    assert!(close(r.status_accuracy(), 1.0));
    assert!(close(r.status_macro_f1(), 1.0));
}

// ---------------------------------------------------------------- invariants

mod props {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(prop_oneof!["a", "b", "c", "d", "é", ",", " "], 0..8)
            .prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn every_prediction_is_matched_absorbed_or_false(
            golds in proptest::collection::vec((text(), any::<bool>()), 0..6),
            preds in proptest::collection::vec(text(), 0..6),
        ) {
            let g = doc(golds.iter().map(|(t, opt)| {
                let c = gold(Indirect, t, "Ann Lee", Reported);
                if *opt { optional(c) } else { c }
            }).collect());
            let p: Vec<PredClaim> = preds.iter().enumerate()
                .map(|(i, t)| pred(&format!("p{i}"), Indirect, t, "Lee", Reported))
                .collect();
            let r = score(&p, &g);
            let d = &r.docs[0];
            prop_assert_eq!(d.pairs.len() + d.absorbed + d.false_positives.len(), p.len());
            prop_assert_eq!(d.pairs.len() + d.missed.len(), r.gold_required);
            prop_assert!(r.absorbed <= r.gold_optional);
            for pair in &d.pairs {
                prop_assert!(texts_match(&pair.pred.text, &pair.gold.text));
            }
        }
    }
}
