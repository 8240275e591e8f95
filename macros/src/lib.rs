//! `#[specbind::bindings(spec = "...")]`: generates typed API bindings from spec files.
#![deny(missing_docs)]
