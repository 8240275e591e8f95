//! specbind's generator as a plain library: spec files → model → checks → Rust tokens.
//!
//! The proc-macro (`specbind-macros`), the `specbind expand` CLI and the tests all call
//! [`generate`]; nothing here depends on `proc_macro`, so every stage is testable directly.
#![deny(missing_docs)]

pub mod diag;
pub mod model;
pub mod emit;
pub mod ident;
