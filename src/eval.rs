//! `claimtab eval`: scores a `claims.csv` against gold JSON Lines, by the rules of CLAIMS.md.
