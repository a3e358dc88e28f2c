//! claimtab: claims and quotes from news articles, as spreadsheet-ready CSV tables.
//!
//! The pipeline is a chain of stages, one module each, with plain data types
//! ([`model`]) flowing between them:
//! `split` (inputs → documents) → `segment` (paragraphs, sentences) → `attribute`
//! (quotes, reported speech, sources) → `classify` (status) → `output` (CSV tables).
//! [`pipeline`] runs them over batches of documents in parallel and keeps output order.

pub mod ascii;
pub mod config;
pub mod eval;
pub mod lexicon;
pub mod merge;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod shard;
pub mod stage;
pub mod stream;
