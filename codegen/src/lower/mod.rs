//! Lowering: parsed spec documents → the format-neutral [`crate::model`].
//!
//! `schema` handles JSON Schema for every input format; `openapi3` walks OpenAPI 3.0
//! documents; `extensions` reads the `x-specbind-*` keys.

pub mod extensions;
pub mod openapi3;
pub mod schema;
