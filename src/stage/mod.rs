//! The NLP stages. Each is a set of pure functions over [`crate::model`] types: no stage
//! prints, reads files or writes files.

pub mod attribute;
pub mod classify;
pub mod segment;
pub mod split;
