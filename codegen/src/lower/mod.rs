//! Lowering: parsed spec documents → the format-neutral [`crate::model`].
//!
//! `schema` handles JSON Schema for every input format; `openapi3` and `swagger2` walk the two
//! document formats; `explorer` recognises Huawei Cloud API Explorer exports of either;
//! `extensions` reads the `x-specbind-*` keys; `common` holds what the walkers share.

mod common;
pub mod explorer;
pub mod extensions;
pub mod openapi3;
pub mod schema;
pub mod swagger2;
