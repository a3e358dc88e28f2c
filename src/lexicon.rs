//! Lexicons are data: sorted one-entry-per-line files in `data/lexicon/`, compiled in
//! with `include_str!` by the stage that uses them.
//!
//! A line is an entry; `#` starts a comment line; blank lines are skipped. Entries are
//! sorted (byte order) and unique: a test checks every file in `data/lexicon/`.

use std::hash::{BuildHasherDefault, Hasher};

/// Hash sets and maps of lexicon words use this: std's SipHash resists hash flooding,
/// which a table of fixed, compiled-in entries does not need, and costs several times
/// more per short word (lexicon look-ups were a quarter of the attribute stage).
pub type WordHash = BuildHasherDefault<WordHasher>;

/// The FxHash function (rustc's): rotate, xor and multiply, eight bytes at a time.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

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
