//! Lexicons are data: sorted one-entry-per-line files in `data/lexicon/`, compiled in
//! with `include_str!` by the stage that uses them.
//!
//! A line is an entry; `#` starts a comment line; blank lines are skipped. Entries are
//! sorted (byte order) and unique: a test checks every file in `data/lexicon/`.

/// The entries of a lexicon file's text, in file order.
pub fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_is_sorted_and_has_no_duplicates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("data/lexicon exists")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let list: Vec<&str> = entries(&text).collect();
            for pair in list.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{}: {:?} should come after {:?} (sorted, no duplicates)",
                    path.display(),
                    pair[0],
                    pair[1]
                );
            }
        }
    }
}
