//! Who said it: the named people and organisations of an article, and the resolution
//! of a mention ("he", "Putin", "Mr Blair", "the company", "a Qantas spokesman") to the
//! source's fullest name and type.

use super::tokens::{
    ascii_lower, is_determiner, is_sentence_adverb, Tok, ANONYMOUS_HEADS, DOCUMENT_HEADS,
    NAMES_FEMALE, NAMES_MALE, ORGANIZATION_NAMES, ORGANIZATION_WORDS, TITLES,
};
use crate::model::SourceType;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// A named person or organisation, with the fullest form of its name in the article.
#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub kind: SourceType,
    pub gender: Option<Gender>,
    /// The title or role word that stood before the name ("president", "chancellor").
    pub role: Option<String>,
}

/// One place where an entity is named.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    pub pos: usize,
    pub sentence: usize,
    pub entity: usize,
    /// Not after a preposition: a likely subject ("Souness" in "in response to
    /// Souness' remarks" is not).
    pub subject: bool,
}

/// The entities of one article and where they are mentioned, in text order.
#[derive(Debug, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    pub mentions: Vec<Mention>,
}

/// A source as the attribute stage keeps it while walking the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub name: String,
    pub kind: SourceType,
    pub gender: Option<Gender>,
    pub sentence: usize,
}

/// The words of `toks` (an initial with its dot: "David M. Holland"), appended to `out`:
/// a name run's words go into one buffer reused for the whole article.
fn push_words<'t>(text: &'t str, toks: &[Tok], out: &mut Vec<&'t str>) {
    for (n, t) in toks.iter().enumerate() {
        if !t.word {
            continue;
        }
        let dotted = toks
            .get(n + 1)
            .is_some_and(|d| d.start == t.end && d.punct(text) == Some('.'));
        if dotted && is_initial(t.text(text)) {
            out.push(&text[t.start..t.end + 1]);
        } else {
            out.push(t.text(text));
        }
    }
}

fn words_of<'t>(text: &'t str, toks: &[Tok]) -> Vec<&'t str> {
    let mut out = Vec::with_capacity(toks.len());
    push_words(text, toks, &mut out);
    out
}

fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

fn gender_of_first_name(first: &str) -> Option<Gender> {
    if NAMES_MALE.has(first) {
        Some(Gender::Male)
    } else if NAMES_FEMALE.has(first) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// The first word that is a known first name, with its gender.
fn first_name_in(words: &[&str]) -> Option<(usize, Gender)> {
    words
        .iter()
        .enumerate()
        .find_map(|(k, w)| gender_of_first_name(w).map(|gender| (k, gender)))
}

/// The words joined by single spaces: `words.join(" ")` built by hand and sized once,
/// which costs about half as much (it runs for every new entity and named source).
fn join_words(words: &[&str]) -> String {
    let mut joined = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for (n, w) in words.iter().enumerate() {
        if n > 0 {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    joined
}

/// The name that name words spell: joined by spaces, without a possessive "'s".
fn spell(words: &[&str]) -> String {
    let mut name = join_words(words);
    name.truncate(strip_possessive(&name).len());
    name
}

/// Whether `name` is `spell(words)`, without building that string: it is asked of every
/// organisation's name run against every entity so far.
fn spells(name: &str, words: &[&str]) -> bool {
    let Some((last, before)) = words.split_last() else {
        return name.is_empty();
    };
    let mut rest = name;
    for w in before {
        match rest.strip_prefix(w).and_then(|r| r.strip_prefix(' ')) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest == strip_possessive(last)
}

/// The number of space-separated words in a name (`name.split(' ').count()`).
fn word_count(name: &str) -> usize {
    1 + name.bytes().filter(|&b| b == b' ').count()
}

fn gender_of_title(title: &str) -> Option<Gender> {
    match ascii_lower(title).trim_end_matches('.') {
        "mr" | "sir" | "lord" | "king" | "prince" | "congressman" | "chairman" => {
            Some(Gender::Male)
        }
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "madam" | "chairwoman"
        | "congresswoman" => Some(Gender::Female),
        _ => None,
    }
}

fn is_org_name(words: &[&str]) -> bool {
    words.iter().any(|w| ORGANIZATION_WORDS.has(w)) || ORGANIZATION_NAMES.has_joined(words)
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "and"
            | "for"
            | "&"
            | "de"
            | "van"
            | "von"
            | "al"
            | "bin"
            | "da"
            | "del"
            | "du"
            | "la"
            | "le"
    )
}

/// Whether a sentence is in title case, as headlines are: four words or more, three in
/// four of them capitalised.
///
/// This runs over every sentence of the article, and most are told apart after a few
/// words: a title-case sentence has at least three capitalised words for each word in
/// lower case, so once lower-case words are more than a quarter of all its tokens, it is
/// none. (Both counts in one pass.)
fn is_title_case(text: &str, toks: &[Tok]) -> bool {
    let (mut words, mut caps) = (0, 0);
    for t in toks {
        words += usize::from(t.word);
        caps += usize::from(t.is_capitalised(text));
        if 4 * (words - caps) > toks.len() {
            return false;
        }
    }
    words >= 4 && caps * 4 >= words * 3
}

impl Entities {
    /// Collects capitalised name runs from every sentence (outside quotations).
    pub fn collect(
        text: &str,
        toks: &[Tok],
        sentences: &[(usize, usize)],
        in_quote: &[bool],
    ) -> Entities {
        // Sized for a typical article, so that the lists seldom grow and copy.
        let mut ents = Entities {
            list: Vec::with_capacity(16),
            mentions: Vec::with_capacity(32),
        };
        // The words of the current name run: one buffer for the article, not a Vec a run.
        let mut words: Vec<&str> = Vec::with_capacity(8);
        for (si, &(s, e)) in sentences.iter().enumerate() {
            // A headline in title case names everything: skip it.
            if is_title_case(text, &toks[s..e]) {
                continue;
            }
            let mut i = s;
            while i < e {
                // On to the next capitalised word: most tokens are none, and a search
                // over the slice is the tightest loop.
                match toks[i..e].iter().position(|t| t.is_capitalised(text)) {
                    Some(k) => i += k,
                    None => break,
                }
                if in_quote[i] {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < e && !in_quote[j] {
                    let t = toks[j];
                    if is_possessive(text, &toks[j - 1]) {
                        break; // "Entertainment Weekly's Dave Karger": two names
                    }
                    // "David M. Holland": an initial's dot stays inside the name.
                    let initial_dot = t.punct(text) == Some('.')
                        && is_initial(toks[j - 1].text(text))
                        && j + 1 < e
                        && toks[j + 1].is_capitalised(text);
                    let connector = || t.word && is_connector(t.text(text));
                    if t.is_capitalised(text) || initial_dot {
                        j += 1;
                    } else if j + 1 < e && toks[j + 1].is_capitalised(text) && connector() {
                        j += 2;
                    } else if j + 2 < e
                        && t.word
                        && t.text(text) == "of"
                        && toks[j + 1].text(text) == "the"
                        && toks[j + 2].is_capitalised(text)
                    {
                        // "Chancellor of the Exchequer"
                        j += 3;
                    } else {
                        break;
                    }
                }
                let start = if i == s && is_sentence_adverb(toks[i].text(text)) {
                    i + 1
                } else {
                    i
                };
                if start < j {
                    let run = &toks[start..j];
                    let pos = run[0].start;
                    let subject = start == s
                        || !(toks[start - 1].word && is_preposition(toks[start - 1].text(text)));
                    words.clear();
                    match run {
                        // Most runs are one word ("Putin", "He").
                        [t] if t.word => words.push(t.text(text)),
                        _ => push_words(text, run, &mut words),
                    }
                    // "Trump and Putin" are two names; "Smith Barney and Co" is one.
                    match words.iter().position(|w| *w == "and") {
                        Some(and) if !is_org_name(&words) => {
                            // The second name starts at the token after "and" (there is
                            // one: "and" joins a run only before a capitalised word).
                            let after_and = run
                                .iter()
                                .position(|t| t.text(text) == "and")
                                .and_then(|k| run.get(k + 1));
                            ents.add_run(&words[..and], pos, si, subject);
                            if let Some(t) = after_and {
                                ents.add_run(&words[and + 1..], t.start, si, false);
                            }
                        }
                        _ => ents.add_run(&words, pos, si, subject),
                    }
                }
                i = j;
            }
        }
        ents
    }

    /// Adds the person or organisation that the words of one name run name, or a mention
    /// of one named before; `pos` is where the run starts.
    fn add_run(&mut self, words: &[&str], pos: usize, sentence: usize, subject: bool) {
        let Some((_, before_last)) = words.split_last() else {
            return;
        };
        // The name starts after the last title word, or at a known first name.
        let mut start = 0;
        let mut title: Option<&str> = None;
        for (k, &w) in before_last.iter().enumerate() {
            if TITLES.has(w.trim_end_matches('.')) {
                start = k + 1;
                title = Some(w);
            }
        }
        // A first name before the title ("David Mr Howard") is no start after it.
        // (With no word after `start`, as in most one-word runs, there is none to find.)
        // Its gender is kept: the name often starts with it, and needs no second look-up.
        let first_name = (start + 1 < words.len())
            .then(|| first_name_in(words))
            .flatten();
        if let Some((k, _)) = first_name.filter(|&(k, _)| k > start) {
            // "Chancellor of the Exchequer Nigel Lawson": a first name after a title
            // phrase starts the name ("Lena Paul" keeps both words).
            // A first name before the last title word starts nothing: only one after the
            // title can (and a word run can hold both, so k < start happens).
            let titled = words[start..k]
                .iter()
                .any(|w| is_connector(w) || TITLES.has(w));
            if titled && !is_org_name(&words[k..]) {
                start = k;
            }
        }
        while start < words.len() && is_connector(words[start]) {
            start += 1;
        }
        let mut name_words = &words[start..];
        if let Some(of) = name_words.iter().position(|w| *w == "of") {
            if of >= 2 && !is_org_name(&name_words[..of]) {
                name_words = &name_words[..of];
            }
        }
        // Post-nominal letters are no part of the name: "Guy Mansfield QC", "Frank Field MP".
        while name_words.len() > 1 && is_post_nominal(name_words[name_words.len() - 1]) {
            name_words = &name_words[..name_words.len() - 1];
        }
        let (Some(&first), Some(&last)) = (name_words.first(), name_words.last()) else {
            return;
        };
        // The gender of the name's first word (`words[start]`) as a first name: known
        // already when the search above reached it, as the first first name or as a word
        // before it.
        let first_gender = || match first_name {
            Some((k, gender)) if k == start => Some(gender),
            Some((k, _)) if k > start => None,
            _ => gender_of_first_name(first),
        };
        // The acronym test first: it reads bytes, the organisation test looks words up.
        let org = name_words.iter().any(|w| is_acronym(w)) || is_org_name(name_words);
        let personal_title = title.and_then(gender_of_title);
        let (kind, gender, found) = if org {
            let found = self.list.iter().position(|e| spells(&e.name, name_words));
            (
                SourceType::Organization,
                personal_title.or_else(first_gender),
                found,
            )
        } else if name_words.len() >= 2 || title.is_some() {
            let found = self
                .person_by_surname(last)
                .or_else(|| self.person_by_first_name(first));
            (
                SourceType::Person,
                personal_title.or_else(first_gender),
                found,
            )
        } else if let Some(known) = self.person_by_surname(first) {
            // A lone capitalised word: a surname seen before.
            self.mentions.push(Mention {
                pos,
                sentence,
                entity: known,
                subject,
            });
            return;
        } else if let Some(gender) = first_gender() {
            // A first name alone ("Fran worried that ..."): a person, named in full later.
            let found = self.person_by_first_name(first);
            (SourceType::Person, Some(gender), found)
        } else {
            // Not an entity we can type yet (a country, a place): resolution decides later.
            return;
        };
        let role = || title.map(str::to_ascii_lowercase);
        let entity = match found {
            Some(e) => {
                let ent = &mut self.list[e];
                if name_words.len() > word_count(&ent.name) {
                    ent.name = spell(name_words);
                }
                ent.gender = ent.gender.or(gender);
                if ent.role.is_none() {
                    ent.role = role();
                }
                e
            }
            None => {
                self.list.push(Entity {
                    name: spell(name_words),
                    kind,
                    gender,
                    role: role(),
                });
                self.list.len() - 1
            }
        };
        self.mentions.push(Mention {
            pos,
            sentence,
            entity,
            subject,
        });
    }

    /// A person known so far by a first name alone ("Fran" before "Fran Finney").
    fn person_by_first_name(&self, first: &str) -> Option<usize> {
        self.list
            .iter()
            .position(|e| e.kind == SourceType::Person && e.name == first)
    }

    fn person_by_surname(&self, surname: &str) -> Option<usize> {
        // The name's last space-separated word is `surname` (one word, not empty); said
        // without splitting the name, as this runs for every name run against every
        // entity so far. The last bytes are compared first: most names end otherwise,
        // and that saves a call to compare the rest.
        let last_byte = surname.as_bytes().last();
        let last_word_is = |name: &str| {
            name.as_bytes().last() == last_byte
                && name
                    .strip_suffix(surname)
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
        };
        // A byte loop, not `contains`: the surname is a short word.
        if surname.bytes().any(|b| b == b' ') {
            return None;
        }
        self.list
            .iter()
            .position(|e| e.kind == SourceType::Person && last_word_is(&e.name))
    }

    fn resolved(&self, e: usize, sentence: usize) -> Resolved {
        let ent = &self.list[e];
        Resolved {
            name: ent.name.clone(),
            kind: ent.kind,
            gender: ent.gender,
            sentence,
        }
    }

    /// The person a role noun names ("the chancellor" → the entity first called "Chancellor ...").
    fn by_role(&self, role: &str) -> Option<usize> {
        self.list
            .iter()
            .position(|e| e.role.as_deref() == Some(role))
    }

    /// The most recent mention before `pos` that passes `keep`.
    fn last_before(&self, pos: usize, keep: impl Fn(&Entity) -> bool) -> Option<&Mention> {
        let end = self.mentions.partition_point(|m| m.pos < pos);
        self.mentions[..end]
            .iter()
            .rev()
            .find(|m| keep(&self.list[m.entity]))
    }

    /// The first mention in sentence `sentence` before `pos` that passes `keep`
    /// (only likely subjects when `subjects` is set).
    fn first_in_sentence(
        &self,
        sentence: usize,
        pos: usize,
        subjects: bool,
        keep: impl Fn(&Entity) -> bool,
    ) -> Option<&Mention> {
        // Mentions are in text order: those of `sentence` are one stretch.
        let first = self.mentions.partition_point(|m| m.sentence < sentence);
        self.mentions[first..]
            .iter()
            .take_while(|m| m.sentence == sentence)
            .filter(|m| m.pos < pos && (m.subject || !subjects))
            .find(|m| keep(&self.list[m.entity]))
    }
}

/// The last run of capitalised words of a mention that names someone: titles, a
/// possessor ("Weekly's") and suffixes ("QC", "MP") left out; common nouns that are
/// capitalised only because they start the sentence ("Sources", "Analysts") are no name.
fn last_name_run<'a, 'w>(words: &'a [&'w str]) -> Option<&'a [&'w str]> {
    let mut end = words.len();
    while end > 0 && !is_cap(words[end - 1]) {
        end -= 1;
    }
    while end > 0 && is_post_nominal(words[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 {
        let w = words[start - 1];
        let possessive = w.ends_with("'s") || w.ends_with("’s");
        let name_word = is_cap(w) && !possessive && !TITLES.has(w.trim_end_matches('.'));
        let inner_connector = start >= 2 && is_connector(w) && is_cap(words[start - 2]);
        if name_word || inner_connector {
            start -= 1;
        } else {
            break;
        }
    }
    while start < end && (is_connector(words[start]) || is_determiner(words[start])) {
        start += 1;
    }
    // "Jose Melicias from the research department of Drexel Burnham": the person named
    // first, not the employer named last. (That run is two words at least and ends
    // before `start`: there is none to look for when `start` is under three.)
    if start >= 3 {
        if let Some((a, b)) = first_person_run(words).filter(|&(_, b)| b < start) {
            return Some(&words[a..b]);
        }
    }
    let mut run = &words[start..end];
    // "Allan Leslie of Discount Corp": the person, not the employer.
    let of = run.iter().position(|w| *w == "of");
    if let Some(of) = of {
        if of >= 2 && !is_org_name(&run[..of]) {
            run = &run[..of];
        }
    }
    // "University of Texas Arlington Amneh Jafari": a long run that ends in two words
    // that name no organisation, after words that do, is a person with an affiliation.
    if run.len() >= 3 {
        let (head, tail) = run.split_at(run.len() - 2);
        let tail_is_name =
            !is_org_name(tail) && tail.iter().all(|w| !is_acronym(w) && !is_connector(w));
        if tail_is_name && (is_org_name(head) || (head.len() >= 2 && !is_org_name(run))) {
            run = tail;
        }
    }
    if run.is_empty() {
        return None;
    }
    // A lone sentence-initial common noun: "Sources close to the matter", "Analysts".
    if run.len() == 1 && start == 0 {
        let w = run[0];
        if ANONYMOUS_HEADS.has(w)
            || DOCUMENT_HEADS.has(w)
            || ORGANIZATION_WORDS.has(w)
            || is_sentence_adverb(w)
            || is_determiner(w)
        {
            return None;
        }
    }
    Some(run)
}

/// The first run of two or three capitalised words that looks like a person's name and
/// is followed by "of", "from" or "at" (an affiliation).
fn first_person_run(words: &[&str]) -> Option<(usize, usize)> {
    let mut i = 0;
    while i < words.len() {
        if !is_cap(words[i]) {
            i += 1;
            continue;
        }
        // A stretch of capitalised words, `words[i..j]`. Whether an affiliation follows
        // is asked first: it needs no look-up, and most stretches have none.
        let mut j = i;
        while j < words.len() && is_cap(words[j]) {
            j += 1;
        }
        let followed = words
            .get(j)
            .is_some_and(|w| matches!(*w, "of" | "from" | "at"));
        // The run starts after any title or sentence adverb ("Mr", "But").
        let start = || (i..j).find(|&k| !TITLES.has(words[k]) && !is_sentence_adverb(words[k]));
        if let Some(a) = followed.then(start).flatten() {
            let run = &words[a..j];
            if (2..=3).contains(&run.len())
                && !is_org_name(run)
                && !run.iter().any(|w| is_acronym(w))
            {
                return Some((a, j));
            }
        }
        i = j;
    }
    None
}

/// Whether a word starts with a capital letter; an ASCII first byte, as in most news
/// text, is read without decoding a character.
fn is_cap(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.starts_with(char::is_uppercase),
    }
}

/// Whether `w` starts with `prefix` (lower case) in any ASCII case: what
/// `ascii_lower(w).starts_with(prefix)` says, without lower-casing the word.
fn starts_with_ignore_case(w: &str, prefix: &str) -> bool {
    w.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

fn is_post_nominal(w: &str) -> bool {
    matches!(
        w,
        "QC" | "KC" | "MP" | "MEP" | "MSP" | "Jr" | "Sr" | "II" | "III" | "OBE" | "MBE" | "CBE"
    )
}

pub(super) fn is_preposition(w: &str) -> bool {
    matches!(
        ascii_lower(w).as_bytes(),
        b"with"
            | b"to"
            | b"of"
            | b"for"
            | b"by"
            | b"from"
            | b"on"
            | b"at"
            | b"in"
            | b"against"
            | b"about"
            | b"over"
            | b"than"
            | b"like"
    )
}

/// Whether a token ends in "'s" or "’s"; its text read as bytes, without char-boundary
/// checks, as this runs for every word of every name run.
fn is_possessive(text: &str, t: &Tok) -> bool {
    let w = text.as_bytes().get(t.start..t.end).unwrap_or_default();
    w.ends_with(b"'s") || w.ends_with("’s".as_bytes())
}

/// Two or more capitals and nothing but capitals, dots and ampersands: "BBC", "U.S", "AT&T".
/// One pass over the bytes (a byte of a multi-byte character is none of these).
fn is_acronym(w: &str) -> bool {
    let mut capitals = 0;
    for b in w.bytes() {
        if b.is_ascii_uppercase() {
            capitals += 1;
        } else if b != b'.' && b != b'&' {
            return false;
        }
    }
    capitals >= 2
}

/// What the attribute stage knows when it resolves one mention.
pub struct Context<'a> {
    pub text: &'a str,
    pub entities: &'a Entities,
    /// Sources of the claims found so far, in text order.
    pub previous: &'a [Resolved],
    pub sentence: usize,
    pub pos: usize,
}

fn compatible(g: Option<Gender>, want: Option<Gender>) -> bool {
    want.is_none() || g.is_none() || g == want
}

/// Resolves a source mention (the words of its tokens) to its fullest name and type.
pub fn resolve(ctx: &Context, mention_toks: &[Tok]) -> Resolved {
    let mut r = resolve_mention(ctx, mention_toks);
    // A spokeswoman speaks for her organisation, and "she" in the next sentence is her.
    if r.kind == SourceType::Organization && r.gender.is_none() {
        r.gender = mention_toks.iter().find_map(|t| {
            let w = t.text(ctx.text);
            if w.eq_ignore_ascii_case("spokeswoman") {
                Some(Gender::Female)
            } else if w.eq_ignore_ascii_case("spokesman") {
                Some(Gender::Male)
            } else {
                None
            }
        });
    }
    r
}

fn resolve_mention(ctx: &Context, mention_toks: &[Tok]) -> Resolved {
    let words = words_of(ctx.text, mention_toks);
    // The mention as written names most sources that are not named: built only for them.
    let as_written = || mention_text(ctx.text, mention_toks);
    let here = |name: String, kind: SourceType| Resolved {
        name,
        kind,
        gender: None,
        sentence: ctx.sentence,
    };
    let Some(&last) = words.last() else {
        return here(as_written(), SourceType::Unknown);
    };
    let lower = ascii_lower(last);
    let recent = |max_back: usize, keep: &dyn Fn(&Resolved) -> bool| -> Option<Resolved> {
        ctx.previous
            .iter()
            .rev()
            .take_while(|r| ctx.sentence.saturating_sub(r.sentence) <= max_back)
            .find(|r| keep(r))
            .cloned()
    };

    // Pronouns.
    if words.len() == 1 {
        let want = match lower.as_bytes() {
            b"he" => Some(Some(Gender::Male)),
            b"she" => Some(Some(Gender::Female)),
            _ => None,
        };
        if let Some(want) = want {
            let person = |e: &Entity| e.kind == SourceType::Person && compatible(e.gender, want);
            // The subject earlier in this sentence ("In addition to his call with Putin,
            // Trump also spoke with X, where he ..." → Trump, not Putin).
            let here_first = ctx
                .entities
                .first_in_sentence(ctx.sentence, ctx.pos, true, person);
            let here_any = || {
                ctx.entities
                    .first_in_sentence(ctx.sentence, ctx.pos, false, person)
            };
            if let Some(m) = here_first.or_else(here_any) {
                return ctx.entities.resolved(m.entity, ctx.sentence);
            }
            let speaker = |r: &Resolved| {
                let spokesperson = r.kind == SourceType::Organization && r.gender.is_some();
                (matches!(r.kind, SourceType::Person | SourceType::Anonymous) || spokesperson)
                    && compatible(r.gender, want)
            };
            // The speaker of the last sentence or two goes on speaking.
            if let Some(r) = recent(2, &speaker) {
                return Resolved {
                    sentence: ctx.sentence,
                    ..r
                };
            }
            // Else the subject (first person named) of one of the two sentences before.
            for back in 1..=2 {
                let Some(prev) = ctx.sentence.checked_sub(back) else {
                    break;
                };
                if let Some(m) = ctx.entities.first_in_sentence(prev, ctx.pos, true, person) {
                    return ctx.entities.resolved(m.entity, ctx.sentence);
                }
            }
            if let Some(r) = recent(3, &speaker) {
                return Resolved {
                    sentence: ctx.sentence,
                    ..r
                };
            }
            if let Some(m) = ctx.entities.last_before(ctx.pos, person) {
                return ctx.entities.resolved(m.entity, ctx.sentence);
            }
            return Resolved {
                name: as_written(),
                kind: SourceType::Person,
                gender: want,
                sentence: ctx.sentence,
            };
        }
        if matches!(lower.as_bytes(), b"they" | b"it" | b"we") {
            let group = |r: &Resolved| {
                matches!(
                    r.kind,
                    SourceType::Organization | SourceType::Anonymous | SourceType::Document
                )
            };
            if let Some(r) = recent(3, &group) {
                return Resolved {
                    sentence: ctx.sentence,
                    ..r
                };
            }
            let org = |e: &Entity| e.kind == SourceType::Organization;
            if let Some(m) = ctx.entities.last_before(ctx.pos, org) {
                return ctx.entities.resolved(m.entity, ctx.sentence);
            }
            return here(as_written(), SourceType::Unknown);
        }
        if lower.as_bytes() == b"i" {
            return here(as_written(), SourceType::Person);
        }
    }

    // A name: the last run of capitalised words, after any title or possessor
    // ("Lib Dem home affairs spokesman Mark Oaten", "Entertainment Weekly's Dave Karger").
    let spokes_at = words
        .iter()
        .position(|w| starts_with_ignore_case(w, "spokes"));
    let spokes = spokes_at.is_some()
        || words
            .iter()
            .any(|w| w.eq_ignore_ascii_case("representative"));
    // "analysts at Goldman Sachs", "a new poll conducted for the BBC": the source is the
    // unnamed head, described by the name after it.
    let head_first = words
        .iter()
        .position(|w| !is_cap(w) && (ANONYMOUS_HEADS.has(w) || DOCUMENT_HEADS.has(w)));
    if let Some(h) = head_first {
        let named_after = words[h + 1..].iter().any(|w| is_cap(w));
        let described = words.get(h + 1).is_some_and(|w| !is_cap(w));
        let person_first = || first_person_run(&words).is_some_and(|(a, _)| a < h);
        if named_after && described && !spokes && !person_first() {
            let kind = if ANONYMOUS_HEADS.has(words[h]) {
                SourceType::Anonymous
            } else {
                SourceType::Document
            };
            return here(as_written(), kind);
        }
    }
    let ends_with_name = is_cap(last);
    let name_run = (ends_with_name || spokes)
        .then(|| last_name_run(&words))
        .flatten();
    if let Some(name_words) = name_run {
        let surname = name_words[name_words.len() - 1];
        // "a spokeswoman for Harbour Mall", "a Qantas spokesman": the organisation; but
        // "Spokesman Alan Jones" is a person.
        let name_at = words.iter().position(|w| *w == name_words[0]).unwrap_or(0);
        let for_org = spokes_at.is_some_and(|p| {
            p > name_at
                || (name_at > 0 && matches!(words[name_at - 1], "for" | "of" | "at" | "from"))
        });
        let org = for_org || is_org_name(name_words);
        if !org {
            if let Some(e) = ctx.entities.person_by_surname(surname) {
                return ctx.entities.resolved(e, ctx.sentence);
            }
        }
        let name = join_words(name_words);
        // The entity named `name`, or "... {name}", or an organisation "{name} ...";
        // tested without building those strings, against every entity.
        let name_then_space = |rest: &str| rest.starts_with(' ');
        let space_then_name = |rest: &str| rest.ends_with(' ');
        if let Some(e) = ctx.entities.list.iter().position(|e| {
            e.name == name
                || e.name.strip_suffix(&*name).is_some_and(space_then_name)
                || (e.kind == SourceType::Organization
                    && e.name.strip_prefix(&*name).is_some_and(name_then_space))
        }) {
            let mut r = ctx.entities.resolved(e, ctx.sentence);
            if for_org {
                r.kind = SourceType::Organization;
            }
            return r;
        }
        let title = words
            .iter()
            .rev()
            .find(|w| TITLES.has(w.trim_end_matches('.')))
            .copied();
        let kind = if org || is_acronym(&name) {
            SourceType::Organization
        } else if name_words.len() >= 2 || title.is_some_and(|t| gender_of_title(t).is_some()) {
            SourceType::Person
        } else {
            // One capitalised word that names no person here: a country, a company.
            SourceType::Organization
        };
        let gender = title.and_then(gender_of_title);
        return Resolved {
            name,
            kind,
            gender,
            sentence: ctx.sentence,
        };
    }

    // A spokesperson with no organisation named speaks for the last one in play.
    if spokes {
        let org = |r: &Resolved| r.kind == SourceType::Organization;
        if let Some(r) = recent(6, &org) {
            return Resolved {
                sentence: ctx.sentence,
                ..r
            };
        }
        let org_entity = |e: &Entity| e.kind == SourceType::Organization;
        if let Some(m) = ctx.entities.last_before(ctx.pos, org_entity) {
            return ctx.entities.resolved(m.entity, ctx.sentence);
        }
        return here(as_written(), SourceType::Anonymous);
    }

    let definite = words.first().is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let singular_the = definite && words.len() <= 3;
    // "the dealer" after "one senior coffee dealer said": the same source.
    if singular_the && ANONYMOUS_HEADS.has(last) {
        let same_head = |r: &Resolved| {
            r.name
                .rsplit(' ')
                .next()
                .is_some_and(|h| h.eq_ignore_ascii_case(last))
        };
        if let Some(r) = recent(12, &same_head) {
            return Resolved {
                sentence: ctx.sentence,
                ..r
            };
        }
        // "The Chase economist also said": a definite description of someone already
        // introduced, most likely the person last quoted.
        if !last.ends_with('s') {
            let person = |r: &Resolved| r.kind == SourceType::Person;
            if let Some(r) = recent(3, &person) {
                return Resolved {
                    sentence: ctx.sentence,
                    ..r
                };
            }
        }
    }
    if ANONYMOUS_HEADS.has(last) || words.iter().any(|w| ANONYMOUS_HEADS.has(w)) {
        return here(as_written(), SourceType::Anonymous);
    }
    if DOCUMENT_HEADS.has(last) {
        return here(as_written(), SourceType::Document);
    }
    // "a US research think-tank", "one Western bank": a group that is not named.
    let indefinite = words.first().is_some_and(|w| {
        matches!(
            ascii_lower(w).as_bytes(),
            b"a" | b"an" | b"one" | b"another" | b"some" | b"several"
        )
    });
    if indefinite && !is_cap(last) {
        return here(as_written(), SourceType::Anonymous);
    }
    if ORGANIZATION_WORDS.has(last) {
        // "the company", "the ministry": the organisation last named, if any.
        if singular_the
            && matches!(
                lower.as_bytes(),
                b"company" | b"firm" | b"group" | b"bank" | b"airline" | b"club" | b"studio"
            )
        {
            // Not "UK" or "US": a company is named by more than a short acronym.
            let org = |e: &Entity| {
                e.kind == SourceType::Organization && !(is_acronym(&e.name) && e.name.len() <= 3)
            };
            if let Some(m) = ctx.entities.last_before(ctx.pos, org) {
                return ctx.entities.resolved(m.entity, ctx.sentence);
            }
        }
        let name = if definite {
            words[1..].join(" ")
        } else {
            as_written()
        };
        return here(name, SourceType::Organization);
    }
    // "the prime minister", "the Tory leader": the person with that role, or the
    // person the article is following.
    if definite
        && (TITLES.has(last)
            || matches!(
                lower.as_bytes(),
                b"leader"
                    | b"boss"
                    | b"star"
                    | b"singer"
                    | b"actor"
                    | b"actress"
                    | b"player"
                    | b"striker"
                    | b"captain"
                    | b"founder"
                    | b"owner"
            ))
    {
        if let Some(e) = ctx.entities.by_role(&lower) {
            return ctx.entities.resolved(e, ctx.sentence);
        }
        let person = |r: &Resolved| r.kind == SourceType::Person;
        if let Some(r) = recent(3, &person) {
            return Resolved {
                sentence: ctx.sentence,
                ..r
            };
        }
        return here(as_written(), SourceType::Person);
    }
    here(as_written(), SourceType::Unknown)
}

/// The mention as written, without a leading sentence adverb ("But Mr Howard" → "Mr Howard").
pub fn mention_text(text: &str, toks: &[Tok]) -> String {
    let mut start = 0;
    while start + 1 < toks.len()
        && toks[start].word
        && is_sentence_adverb(toks[start].text(text))
        && !is_the(toks[start].text(text))
    {
        start += 1;
    }
    match (toks.get(start), toks.last()) {
        (Some(a), Some(b)) => text[a.start..b.end].to_string(),
        _ => String::new(),
    }
}

fn is_the(w: &str) -> bool {
    matches!(ascii_lower(w).as_bytes(), b"the" | b"a" | b"an")
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out
    }

    /// The definition, counted over the whole sentence.
    fn title_case_by_counting(text: &str, toks: &[Tok]) -> bool {
        let words = toks.iter().filter(|t| t.word).count();
        let caps = toks.iter().filter(|t| t.is_capitalised(text)).count();
        words >= 4 && caps * 4 >= words * 3
    }

    #[test]
    fn headlines_are_in_title_case_and_sentences_are_not() {
        let cases = [
            ("Blair Wins Third Term As Labour Leader", true),
            ("Blair Wins a Third Term", true),
            ("UK Economy Grows By 0.5%, Says ONS", true),
            ("UK Economy Grows by 0.5%, Says ONS", false), // "by" and "0.5": two in seven
            ("Tony Blair Wins", false),                    // three words: too short to tell
            ("Blair won a third term on Thursday, his aides said.", false),
            ("\"We are ready,\" Maria Lopez of Acme Corp said.", false),
            ("Blair Wins a third term", false),
            ("", false),
        ];
        for (sentence, title_case) in cases {
            let toks = toks(sentence);
            assert_eq!(is_title_case(sentence, &toks), title_case, "{sentence}");
            assert_eq!(
                title_case_by_counting(sentence, &toks),
                title_case,
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_name_is_spelled_without_its_possessive() {
        assert_eq!(spell(&["Acme", "Corp's"]), "Acme Corp");
        assert_eq!(spell(&["Reuters’s"]), "Reuters");
        assert_eq!(spell(&["David", "M.", "Holland"]), "David M. Holland");
        assert!(spells("Acme Corp", &["Acme", "Corp's"]));
        assert!(spells("David M. Holland", &["David", "M.", "Holland"]));
        assert!(!spells("Acme", &["Acme", "Corp"]));
        assert!(!spells("Acme Corp", &["Acme"]));
        assert!(!spells("AcmeCorp", &["Acme", "Corp"]));
        assert_eq!(word_count("David M. Holland"), 3);
        assert_eq!(word_count("Putin"), 1);
    }

    fn words(text: &str) -> Vec<&str> {
        words_of(text, &toks(text))
    }

    #[test]
    fn a_person_with_an_affiliation_is_found_after_titles() {
        let run = |text| first_person_run(&words(text));
        let jose = "Jose Melicias from the research department of Drexel Burnham";
        assert_eq!(run(jose), Some((0, 2)));
        assert_eq!(run("Mr John Smith of Acme"), Some((1, 3)));
        assert_eq!(run("But Tom Jones at the club"), Some((1, 3)));
        assert_eq!(run("analysts at Goldman Sachs"), None);
        assert_eq!(run("Smith of Acme"), None); // one word
        assert_eq!(run("BBC News at Ten"), None); // an acronym: no person
        assert_eq!(run("Anna Lee said"), None); // no affiliation
    }

    #[test]
    fn the_name_of_a_mention_is_its_last_capitalised_run() {
        let name = |text| last_name_run(&words(text)).map(|run| run.join(" "));
        let oaten = "Lib Dem home affairs spokesman Mark Oaten";
        assert_eq!(name(oaten).as_deref(), Some("Mark Oaten"));
        let jose = "Jose Melicias from the research department of Drexel Burnham";
        assert_eq!(name(jose).as_deref(), Some("Jose Melicias"));
        assert_eq!(
            name("Allan Leslie of Discount Corp").as_deref(),
            Some("Allan Leslie")
        );
        assert_eq!(name("Sources").as_deref(), None);
    }

    #[test]
    fn capitals_and_prefixes_are_read_like_the_lower_cased_word() {
        for w in ["Putin", "putin", "Élysée", "élysée", "1990s", "", "O'Neill"] {
            assert_eq!(is_cap(w), w.starts_with(char::is_uppercase), "{w}");
            for prefix in ["spokes", "o'", ""] {
                let lower = ascii_lower(w).starts_with(prefix);
                assert_eq!(starts_with_ignore_case(w, prefix), lower, "{w} {prefix}");
            }
        }
        assert!(starts_with_ignore_case("Spokeswoman", "spokes"));
        assert!(!starts_with_ignore_case("spoke", "spokes"));
    }
}
