//! Article-level scope: which claims a non-confirmation or denial speaks about.
//!
//! A statement ("Neither the United States nor Russia has officially confirmed the details
//! of the conversation") covers the claims about the same event or content, not the
//! unrelated ones, and never the claims of the party that made it. Its reach:
//! - claims in its own sentence;
//! - earlier claims that share its topic (an event word of the same group, "call" for
//!   "conversation"; or two content words; or, for "reports"/"claims", claims that come
//!   from a report); a statement with no topic of its own ("The claims could not be
//!   verified") covers the claims of the sentence just before it;
//! - later claims that share its topic, if the statement leads the article (a headline or
//!   lead sentence frames the story), or else only in its own paragraph and not past a
//!   sentence that turns to something else ("However, ...").

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::lexicon::WordHash;
use crate::model::{Attribution, SourceType, Span};

use super::lex;
use super::scan::Statement;
use super::Doc;

/// The words a statement or a claim is about.
#[derive(Debug, Default)]
pub struct Bag {
    stems: HashSet<String, WordHash>,
    groups: HashSet<&'static str, WordHash>,
    /// Mentions a report, claim, allegation, book (`status_claim_nouns.txt`).
    reports: bool,
}

/// A statement with what the scope rules need.
#[derive(Debug)]
pub struct Resolved {
    pub statement: Statement,
    /// The parties who made it, as normalised source names.
    actors: Vec<String>,
    bag: Bag,
    lead: bool,
    paragraph: Option<usize>,
}

/// Resolves every statement of the document once.
pub fn resolve(doc: &Doc, statements: &[Statement]) -> Vec<Resolved> {
    if statements.is_empty() {
        return Vec::new();
    }
    let names = source_names(doc.attrs);
    let mut resolved: Vec<Resolved> = statements
        .iter()
        .map(|&statement| {
            let actors = actors(doc, &names, &statement);
            let bag = statement_bag(doc, &statement, &actors);
            let first_start = doc.seg.sentences.first().map_or(0, |s| s.span.start);
            let paragraph = doc
                .seg
                .sentences
                .get(statement.sentence)
                .filter(|s| s.span.contains(statement.hit.start))
                .map(|s| s.paragraph);
            Resolved {
                statement,
                actors,
                lead: statement.sentence <= 1 || statement.hit.start < first_start,
                paragraph,
                bag,
            }
        })
        .collect();
    let common = common_stems(doc, &resolved);
    for r in &mut resolved {
        r.bag.stems.retain(|s| !common.contains(s.as_str()));
    }
    resolved
}

/// Stems that run through the article ("ID cards" in an article about ID cards): they
/// say what the whole article is about, not which claims a statement is about. A stem is
/// common when more than a sixth of the sentences (and at least four) hold it. Only the
/// stems of the statements' bags are counted: no other stem is looked up.
fn common_stems(doc: &Doc, statements: &[Resolved]) -> HashSet<String, WordHash> {
    // Each wanted stem: in how many sentences it stands, and the last sentence seen.
    let mut count: HashMap<&str, (usize, usize), WordHash> = statements
        .iter()
        .flat_map(|r| &r.bag.stems)
        .map(|stem| (stem.as_str(), (0, usize::MAX)))
        .collect();
    for (k, s) in doc.seg.sentences.iter().enumerate() {
        for w in lex::words(doc.text, s.span) {
            if let Some((n, last)) = count.get_mut(&*lex::stem(w.of(doc.text))) {
                if *last != k {
                    *n += 1;
                    *last = k;
                }
            }
        }
    }
    let limit = (doc.seg.sentences.len() / 6).max(3);
    count
        .into_iter()
        .filter(|&(_, (n, _))| n > limit)
        .map(|(stem, _)| stem.to_string())
        .collect()
}

/// A source name for comparisons: lower case, single spaces.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&lex::lower(word));
    }
    out
}

fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Named sources of the article: (normalised full name, its last word).
fn source_names(attrs: &[Attribution]) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = attrs
        .iter()
        .filter(|a| matches!(a.source_type, SourceType::Person | SourceType::Organization))
        .map(|a| {
            let full = normalise(&a.source);
            let last = surname(&full).to_string();
            (full, last)
        })
        .filter(|(full, _)| !full.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Who made the statement: the source of an attribution whose cue it is or whose quote
/// holds it; else a named source after "by" ("was denied by Shepherd"); else the named
/// source nearest before it in the sentence ("Mr Howard denied ..."); else the sources of
/// attributions in the sentence whose cue comes first ("He also denied ...").
fn actors(doc: &Doc, names: &[(String, String)], st: &Statement) -> Vec<String> {
    let overlaps =
        |s: Option<Span>| s.is_some_and(|s| s.start < st.cue.end && st.cue.start < s.end);
    if let Some(a) = doc.attrs.iter().find(|a| overlaps(a.cue_span)) {
        return vec![normalise(&a.source)];
    }
    if let Some(a) = doc
        .attrs
        .iter()
        .find(|a| doc.is_quote(a) && a.text_span.contains(st.hit.start))
    {
        return vec![normalise(&a.source)];
    }
    let name_at = |w: &Span| {
        let word = lex::stem(w.of(doc.text));
        names
            .iter()
            .find(|(_, last)| *last == word)
            .map(|(full, _)| full.clone())
    };
    let after = lex::words(
        doc.text,
        Span::new(st.hit.end, st.sentence_span.end.max(st.hit.end)),
    );
    if let Some(by) = after
        .iter()
        .take(3)
        .position(|w| lex::lower(w.of(doc.text)) == "by")
    {
        if let Some(full) = after.iter().skip(by + 1).take(4).find_map(name_at) {
            return vec![full];
        }
    }
    let start = st.sentence_span.start.min(st.hit.start);
    let prior = lex::words(doc.text, Span::new(start, st.hit.start));
    // The subject is near and in the same clause: "Her agent, Ann Cole, denied", but not
    // "The union said ..., which the company denied".
    let clause: Vec<&Span> = prior
        .iter()
        .rev()
        .take(SUBJECT_WINDOW)
        .take_while(|w| !CLAUSE_WORDS.contains(&&*lex::lower(w.of(doc.text))))
        .collect();
    if let Some(full) = clause.iter().copied().find_map(name_at) {
        return vec![full];
    }
    // "He also denied ...": a pronoun subject is the speaker of the sentence's claim.
    let pronoun = clause
        .iter()
        .take(2)
        .any(|w| PRONOUNS.contains(&&*lex::lower(w.of(doc.text))));
    if !pronoun {
        return Vec::new();
    }
    doc.attrs
        .iter()
        .filter(|a| a.sentences.0 <= st.sentence && st.sentence <= a.sentences.1)
        .filter(|a| a.cue_span.is_some_and(|c| c.start <= st.hit.start))
        .map(|a| normalise(&a.source))
        .collect()
}

/// How many words before a statement its subject may stand.
const SUBJECT_WINDOW: usize = 8;

/// Words that open a subordinate clause: a name before them is not the statement's subject
/// ("..., which the company denied"). "and"/"but" are crossed: "the prime minister said ...
/// and dismissed them" has one subject.
const CLAUSE_WORDS: &[&str] = &["that", "which", "who", "whom"];

const PRONOUNS: &[&str] = &["he", "it", "she", "they", "we"];

/// What the statement is about: the words after the cue (active: "has not confirmed the
/// details of the conversation"), or the whole sentence when the cue is passive ("Bellamy's
/// claim ... was strongly denied by Shepherd"); without the actors' names.
fn statement_bag(doc: &Doc, st: &Statement, actors: &[String]) -> Bag {
    let sentence = st.sentence_span;
    let prior = lex::words(
        doc.text,
        Span::new(sentence.start.min(st.hit.start), st.hit.start),
    );
    let passive = prior.iter().rev().take(2).any(|w| {
        matches!(
            &*lex::lower(w.of(doc.text)),
            "was" | "were" | "been" | "being" | "is" | "are" | "be"
        )
    });
    let region = if passive {
        sentence
    } else {
        Span::new(st.hit.end, sentence.end.max(st.hit.end))
    };
    let actor_words: HashSet<String, WordHash> = actors
        .iter()
        .flat_map(|a| {
            a.split(' ')
                .map(|w| lex::stem(w).into_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut bag = Bag::default();
    for w in lex::words(doc.text, region) {
        if st.cue.contains(w.start) || st.hit.contains(w.start) {
            continue;
        }
        let word = lex::lower(w.of(doc.text));
        if lex::is_negator(&word) || actor_words.contains(&*lex::stem(&word)) {
            continue;
        }
        add_word(&mut bag, &word);
    }
    bag
}

fn add_word(bag: &mut Bag, word: &str) {
    match topic_of(word) {
        Topic::Report => bag.reports = true,
        Topic::Group(group) => {
            bag.groups.insert(group);
        }
        Topic::Stem(stem) => {
            bag.stems.insert(stem.into_owned());
        }
        Topic::None => {}
    }
}

/// What a lower-case word adds to a bag (see [`add_word`]).
enum Topic<'w> {
    Report,
    Group(&'static str),
    Stem(Cow<'w, str>),
    None,
}

fn topic_of(word: &str) -> Topic<'_> {
    let stem = lex::stem(word);
    if lex::CLAIM_NOUN_SET.contains(word) || lex::CLAIM_NOUN_SET.contains(&*stem) {
        Topic::Report
    } else if let Some(group) = lex::TOPIC_GROUP_MAP.get(word) {
        Topic::Group(group)
    } else if stem.chars().count() > 1
        && !stem.chars().all(|c| c.is_ascii_digit())
        && !lex::STOPWORD_SET.contains(&*stem)
        && !lex::STOPWORD_SET.contains(word)
    {
        Topic::Stem(stem)
    } else {
        Topic::None
    }
}

/// The words around a claim: its sentences and its source. `reports` is set only when a
/// report noun frames the claim (outside its content: "according to a new book") or the
/// source is a document, so that "dismissed reports" covers what reports say and not every
/// claim that mentions a report.
fn claim_bag(doc: &Doc, a: &Attribution) -> Bag {
    let mut bag = Bag::default();
    let (first, last) = a.sentences;
    for i in first..=last {
        let Some(s) = doc.seg.sentences.get(i) else {
            break;
        };
        for w in lex::words(doc.text, s.span) {
            let word = lex::lower(w.of(doc.text));
            match topic_of(&word) {
                // A report noun inside the claim's content does not frame it.
                Topic::Report => bag.reports |= !a.text_span.contains(w.start),
                Topic::Group(group) => {
                    bag.groups.insert(group);
                }
                Topic::Stem(stem) => {
                    bag.stems.insert(stem.into_owned());
                }
                Topic::None => {}
            }
        }
    }
    let frame = format!("{} {} {}", a.source, a.source_mention, a.cue);
    for w in lex::words(&frame, Span::new(0, frame.len())) {
        let word = lex::lower(w.of(&frame));
        // The source's words: stems and report nouns, not event groups.
        match topic_of(&word) {
            Topic::Report => bag.reports = true,
            Topic::Stem(stem) => {
                bag.stems.insert(stem.into_owned());
            }
            Topic::Group(_) | Topic::None => {}
        }
    }
    // "The Courier reported that ...": what a report says, even with a verb as cue.
    let cue_reports = lex::words(&a.cue, Span::new(0, a.cue.len()))
        .iter()
        .any(|w| {
            matches!(
                &*lex::lower(w.of(&a.cue)),
                "reported" | "reporting" | "reports"
            )
        });
    bag.reports |= cue_reports || a.source_type == SourceType::Document;
    // "Trump advised Putin against ... . This call comes amid ...": a sentence that opens
    // with "this call" or "the conversation" names the event the claim before it is about.
    if let Some(next) = doc.seg.sentences.get(last + 1) {
        let same_paragraph =
            doc.seg.sentences.get(last).map(|s| s.paragraph) == Some(next.paragraph);
        let opening: Vec<String> = lex::words(doc.text, next.span)
            .iter()
            .take(2)
            .map(|w| lex::lower(w.of(doc.text)).into_owned())
            .collect();
        if let [det, noun] = opening.as_slice() {
            if same_paragraph && matches!(det.as_str(), "this" | "that" | "the") {
                if let Some(group) = lex::TOPIC_GROUP_MAP.get(noun.as_str()) {
                    bag.groups.insert(group);
                }
            }
        }
    }
    bag
}

fn topic_match(st: &Bag, claim: &Bag) -> bool {
    st.groups.iter().any(|g| claim.groups.contains(g))
        || (st.reports && claim.reports)
        || st.stems.intersection(&claim.stems).count() >= 2
}

/// Whether `r` makes the claim `a` (index `i` in the document's attributions) unconfirmed.
/// `bags` holds each attribution's claim bag, built on first use.
pub fn applies(doc: &Doc, r: &Resolved, i: usize, bags: &mut [Option<Bag>]) -> bool {
    let Some(a) = doc.attrs.get(i) else {
        return false;
    };
    if is_actor(r, doc.sources.get(i)) || a.text_span.contains(r.statement.hit.start) {
        return false;
    }
    let s = r.statement.sentence;
    let (first, last) = a.sentences;
    if first <= s && s <= last {
        return true;
    }
    // "The toll could not be independently verified": too few words of its own to
    // find its topic, so it speaks about what was just said.
    let generic = r.bag.stems.len() < 2 && r.bag.groups.is_empty();
    let matched = {
        let bag = bags[i].get_or_insert_with(|| claim_bag(doc, a));
        topic_match(&r.bag, bag)
    };
    if last < s {
        return matched || (generic && is_antecedent(doc, r, i));
    }
    matched && (r.lead || (same_paragraph(doc, r, first) && !turns_away(doc, s + 1, first)))
}

/// Whether `source` (a normalised attribution source) is one of the statement's parties.
fn is_actor(r: &Resolved, source: Option<&String>) -> bool {
    let Some(source) = source else {
        return false;
    };
    r.actors
        .iter()
        .any(|actor| actor == source || (!source.is_empty() && surname(actor) == surname(source)))
}

/// For a statement without a topic of its own: the claims of the nearest earlier sentence
/// with claims, in the same or the previous paragraph.
fn is_antecedent(doc: &Doc, r: &Resolved, i: usize) -> bool {
    let s = r.statement.sentence;
    let nearest = doc
        .attrs
        .iter()
        .zip(&doc.sources)
        .filter(|(a, source)| a.sentences.1 < s && !is_actor(r, Some(source)))
        .map(|(a, _)| a.sentences.1)
        .max();
    let Some(nearest) = nearest else {
        return false;
    };
    let para = |k: usize| doc.seg.sentences.get(k).map(|x| x.paragraph);
    let close = match (para(nearest), r.paragraph) {
        (Some(p), Some(q)) => p == q || p + 1 == q,
        _ => false,
    };
    close && doc.attrs.get(i).is_some_and(|a| a.sentences.1 == nearest)
}

fn same_paragraph(doc: &Doc, r: &Resolved, sentence: usize) -> bool {
    let p = doc.seg.sentences.get(sentence).map(|x| x.paragraph);
    p.is_some() && p == r.paragraph
}

/// Whether a sentence in `from..=to` opens with a contrast marker ("However, ...").
fn turns_away(doc: &Doc, from: usize, to: usize) -> bool {
    (from..=to).any(|k| {
        let Some(s) = doc.seg.sentences.get(k) else {
            return false;
        };
        let opening: Vec<String> = lex::words(doc.text, s.span)
            .iter()
            .take(4)
            .map(|w| lex::lower(w.of(doc.text)).into_owned())
            .collect();
        lex::CONTRAST_MARKERS
            .iter()
            .any(|m| m.len() <= opening.len() && m.iter().zip(&opening).all(|(a, b)| a == b))
    })
}
