//! specbind's generator as a plain library: spec files → model → checks → Rust tokens.
//!
//! The proc-macro (`specbind-macros`), the `specbind expand` CLI and the tests all call
//! [`generate`]; nothing here depends on `proc_macro`, so every stage is testable directly.
#![deny(missing_docs)]

pub mod check;
pub mod diag;
pub mod emit;
pub mod ident;
pub mod load;
pub mod lower;
pub mod model;

use std::path::{Path, PathBuf};

/// Generator options set on the macro.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Skip spec files that are not API documents instead of failing.
    pub skip_invalid: bool,
}

/// What to generate from.
#[derive(Debug, Clone, Copy)]
pub struct GenerateInput<'a> {
    /// The spec path as written in the attribute.
    pub spec: &'a Path,
    /// The directory `spec` is relative to (the crate's `CARGO_MANIFEST_DIR`).
    pub base_dir: &'a Path,
    /// Options.
    pub options: Options,
}

/// Generated tokens and the files they came from.
#[derive(Debug)]
pub struct Generated {
    /// Items for the bindings module.
    pub tokens: proc_macro2::TokenStream,
    /// Absolute paths of every spec file read, to track for rebuilds.
    pub files: Vec<PathBuf>,
}

/// Every problem found, and the files read.
#[derive(Debug)]
pub struct Failure {
    /// All diagnostics, sorted.
    pub diagnostics: Vec<diag::Diagnostic>,
    /// Absolute paths of every spec file read.
    pub files: Vec<PathBuf>,
}

/// Loads, lowers and checks the spec: the model every emitter works from.
pub fn lower_api(input: &GenerateInput<'_>) -> Result<(model::Api, Vec<PathBuf>), Failure> {
    let mut diags = diag::Diagnostics::new();
    let set = load::load(input.spec, input.base_dir, &mut diags);
    let files = set.tracked.clone();
    let api = lower::openapi3::lower(&set, input.options.skip_invalid, &mut diags);
    let lowered_cleanly = diags.is_empty();
    check::check(&api, lowered_cleanly, &mut diags);
    if diags.is_empty() {
        Ok((api, files))
    } else {
        Err(Failure { diagnostics: diags.into_sorted(), files })
    }
}

/// Generates the bindings module's items from a spec: load → lower → check → emit.
pub fn generate(input: &GenerateInput<'_>) -> Result<Generated, Failure> {
    let (api, files) = lower_api(input)?;
    let mut diags = diag::Diagnostics::new();
    let tokens = emit::emit_api(&api, &mut diags);
    if diags.is_empty() {
        Ok(Generated { tokens, files })
    } else {
        Err(Failure { diagnostics: diags.into_sorted(), files })
    }
}

/// The generated code, pretty-printed (what `specbind expand` shows).
pub fn expand_to_string(input: &GenerateInput<'_>) -> Result<String, Failure> {
    let generated = generate(input)?;
    match syn::parse2::<syn::File>(generated.tokens.clone()) {
        Ok(file) => Ok(prettyplease::unparse(&file)),
        // Unparsable output is a generator bug; show the raw tokens rather than hide them.
        Err(_) => Ok(generated.tokens.to_string()),
    }
}
