//! `--shard K/N`: which documents a shard processes, by a hash of `doc_id` that never changes.
//!
//! N cron jobs (or N machines) can split one corpus without talking to each other: each
//! reads every record, and keeps the ones whose `doc_id` hashes to its own K. The hash is
//! FNV-1a 64 over the id's UTF-8 bytes, written out here rather than taken from `std`
//! (whose `DefaultHasher` may change between Rust versions), so a document lands in the
//! same shard on every platform and in every claimtab version.
//!
//! The filter looks at the `doc_id` after ids were made unique over the run (`x`, `x~2`),
//! and every shard reads every record, so each shard renames exactly as a single run does
//! and the shards' tables merge into the single run's (see [`crate::merge`]).

use crate::model::Record;
use std::fmt;
use std::str::FromStr;

/// Shard `index` of `count`: keeps the documents whose id hashes to `index` modulo `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

/// A `--shard` value that is not `K/N` with `K < N`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected K/N with whole numbers 0 <= K < N (like 0/3), got {0:?}")]
pub struct ShardError(String);

impl Shard {
    /// Shard `index` of `count`; `None` unless `index < count`.
    pub fn new(index: u64, count: u64) -> Option<Shard> {
        (index < count).then_some(Shard { index, count })
    }

    pub fn index(self) -> u64 {
        self.index
    }

    pub fn count(self) -> u64 {
        self.count
    }

    /// Whether the document with this id belongs to the shard.
    pub fn keeps_id(self, doc_id: &str) -> bool {
        fnv1a64(doc_id.as_bytes()) % self.count == self.index
    }

    /// Whether the record belongs to the shard: by its `doc_id`, for documents and error
    /// records alike (an error record's id may be its `path:line` stand-in).
    pub fn keeps(self, record: &Record) -> bool {
        match record {
            Record::Doc(doc) => self.keeps_id(&doc.doc_id),
            Record::Error(e) => self.keeps_id(&e.doc_id),
        }
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Shard, ShardError> {
        let bad = || ShardError(s.to_owned());
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        // `u64::from_str` takes a leading `+`; a shard number is digits only.
        let number = |t: &str| {
            let digits = !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| t.parse::<u64>().ok()).flatten()
        };
        let (k, n) = (number(k).ok_or_else(bad)?, number(n).ok_or_else(bad)?);
        Shard::new(k, n).ok_or_else(bad)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// FNV-1a, 64 bits (offset basis and prime from the FNV specification).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        // From the FNV reference test suite: "", "a", "foobar".
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_shard_is_k_slash_n_with_k_below_n() {
        assert_eq!("0/1".parse(), Ok(Shard { index: 0, count: 1 }));
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        for bad in [
            "3/3", "1/0", "0/0", "", "1", "/3", "1/", "-1/3", "+1/3", "1/3/5", "a/b",
        ] {
            assert!(bad.parse::<Shard>().is_err(), "{bad:?}");
        }
        assert_eq!(Shard::new(1, 4).map(|s| s.to_string()), Some("1/4".into()));
    }

    #[test]
    fn every_id_is_in_exactly_one_shard() {
        for n in 1..6 {
            for i in 0..200 {
                let id = format!("doc-{i}");
                let owners = (0..n)
                    .filter(|&k| Shard::new(k, n).is_some_and(|s| s.keeps_id(&id)))
                    .count();
                assert_eq!(owners, 1, "{id} in {owners} of {n} shards");
            }
        }
    }

    #[test]
    fn shards_are_fixed_by_the_id_bytes() {
        // Pinned: a change here would move documents between shards of a running job.
        let shard_of = |id: &str| (0..3).find(|&k| Shard::new(k, 3).unwrap().keeps_id(id));
        assert_eq!(shard_of("a"), Some(0xaf63_dc4c_8601_ec8c % 3));
        assert_eq!(shard_of("foobar"), Some(0x8594_4171_f739_67e8 % 3));
    }
}
