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
    /// Leave out what cannot be bound (files that are not API documents, operations with an
    /// error), recording each as a skip, instead of failing.
    pub skip_invalid: bool,
    /// Refuse repairs: every defect the generator would fix is an error instead.
    pub strict: bool,
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

/// Generated tokens, the files they came from, and what was repaired or skipped.
#[derive(Debug)]
pub struct Generated {
    /// Items for the bindings module.
    pub tokens: proc_macro2::TokenStream,
    /// Absolute paths of every spec file read, to track for rebuilds.
    pub files: Vec<PathBuf>,
    /// Every repair and skip, sorted (never an error).
    pub notes: Vec<diag::Diagnostic>,
}

/// Every problem found, the files read, and what could be generated anyway.
#[derive(Debug)]
pub struct Failure {
    /// All diagnostics (errors, repairs, skips), sorted.
    pub diagnostics: Vec<diag::Diagnostic>,
    /// Absolute paths of every spec file read.
    pub files: Vec<PathBuf>,
    /// Items for the operations no error belongs to, emitted beside the errors so that code
    /// using the module sees the real problem instead of a cascade of missing items.
    pub stub: proc_macro2::TokenStream,
}

impl Failure {
    /// The errors alone.
    pub fn errors(&self) -> impl Iterator<Item = &diag::Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == diag::Severity::Error)
    }
}

/// A checked model, ready to emit.
#[derive(Debug)]
pub struct Lowered {
    /// The API after checks and repairs.
    pub api: model::Api,
    /// Absolute paths of every spec file read.
    pub files: Vec<PathBuf>,
    /// Every repair and skip, sorted.
    pub notes: Vec<diag::Diagnostic>,
}

/// Loads, lowers and checks the spec: load → lower → check (with repairs) → skip. The model
/// every emitter works from; on errors, the failure carries what can still be emitted.
pub fn lower_api(input: &GenerateInput<'_>) -> Result<Lowered, Failure> {
    let mut diags = diag::Diagnostics::new();
    let set = load::load(input.spec, input.base_dir, &mut diags);
    let files = set.tracked.clone();
    let mut api = lower::lower(&set, input.options.skip_invalid, &mut diags);
    check::check(&mut api, &mut diags);
    if input.options.strict {
        diags.make_repairs_errors();
    }
    if input.options.skip_invalid {
        check::skip::skip_failing_operations(&mut api, &mut diags);
    }
    if diags.has_errors() {
        let diagnostics = diags.into_sorted();
        let partial = check::skip::without_failing_operations(&api, &diagnostics);
        let stub = emit::emit_api(&partial);
        Err(Failure { diagnostics, files, stub })
    } else {
        Ok(Lowered { api, files, notes: diags.into_sorted() })
    }
}

/// Generates the bindings module's items from a spec: load → lower → check → emit.
pub fn generate(input: &GenerateInput<'_>) -> Result<Generated, Failure> {
    let Lowered { api, files, notes } = lower_api(input)?;
    Ok(Generated { tokens: emit::emit_api(&api), files, notes })
}

/// The generated code, pretty-printed (what `specbind expand` shows), and the notes.
pub fn expand_to_string(
    input: &GenerateInput<'_>,
) -> Result<(String, Vec<diag::Diagnostic>), Failure> {
    let generated = generate(input)?;
    let code = match syn::parse2::<syn::File>(generated.tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        // Unparsable output is a generator bug; show the raw tokens rather than hide them.
        Err(_) => generated.tokens.to_string(),
    };
    Ok((code, generated.notes))
}
