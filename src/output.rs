//! The CSV tables. One `Serialize` row struct per table; its doc comment is the column contract.
