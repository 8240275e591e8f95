//! Diagnostics: every spec problem, collected across all stages and reported together.
//!
//! A problem is an error (nothing sensible can be bound), a repair (the spec had a defect with
//! one obvious fix, which was applied) or a skip (under `skip_invalid`, an operation or file that
//! could not be bound was left out). Repairs and skips never stop a build, but they are never
//! silent either: `specbind check` lists them, and `strict` turns repairs into errors.

use std::fmt;

use crate::model::SpecLoc;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec cannot be bound as written.
    Error,
    /// A defect with one obvious fix; the fix was applied.
    Repair,
    /// Something that could not be bound was left out (`skip_invalid`).
    Skip,
}

impl Severity {
    /// `error`, `repaired` or `skipped`, as the CLI prints it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Repair => "repaired",
            Severity::Skip => "skipped",
        }
    }
}

/// One problem in the user's spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is (file and JSON pointer).
    pub loc: SpecLoc,
    /// Line and column (1-based) when known, e.g. for JSON syntax errors.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong (and for a repair, what was done), in one sentence starting lowercase.
    pub message: String,
    /// Error, repair or skip.
    pub severity: Severity,
}

impl Diagnostic {
    /// An error at `loc`.
    pub fn new(loc: SpecLoc, message: impl Into<String>) -> Self {
        Self { loc, line_col: None, message: message.into(), severity: Severity::Error }
    }
}

impl fmt::Display for Diagnostic {
    /// Renders `<file>#<pointer>: <message>`, or `<file>:<line>:<col>: <message>` for syntax errors.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col {
            Some((line, col)) => write!(f, "{}:{}:{}: {}", self.loc.file, line, col, self.message),
            None => write!(f, "{}: {}", self.loc, self.message),
        }
    }
}

/// Collects diagnostics from every stage so a user sees all problems in one build.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error at `loc`.
    pub fn error(&mut self, loc: &SpecLoc, message: impl Into<String>) {
        self.items.push(Diagnostic::new(loc.clone(), message));
    }

    /// Records a repair at `loc`: `message` says what was wrong and what was done instead.
    pub fn repair(&mut self, loc: &SpecLoc, message: impl Into<String>) {
        let mut diagnostic = Diagnostic::new(loc.clone(), message);
        diagnostic.severity = Severity::Repair;
        self.items.push(diagnostic);
    }

    /// Records that what is at `loc` was left out.
    pub fn skip(&mut self, loc: &SpecLoc, message: impl Into<String>) {
        let mut diagnostic = Diagnostic::new(loc.clone(), message);
        diagnostic.severity = Severity::Skip;
        self.items.push(diagnostic);
    }

    /// Records a fully built diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True when an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Every diagnostic recorded so far, in the order recorded.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Turns repairs into errors (the `strict` setting).
    pub fn make_repairs_errors(&mut self) {
        for diagnostic in &mut self.items {
            if diagnostic.severity == Severity::Repair {
                diagnostic.severity = Severity::Error;
                diagnostic.message =
                    format!("{} (a repair; `strict` refuses it)", diagnostic.message);
            }
        }
    }

    /// Removes the errors that `owned` claims and records each as a skip instead, prefixed by
    /// what was left out. Used by `skip_invalid` to drop what cannot be bound.
    pub fn errors_to_skips(&mut self, mut owned: impl FnMut(&Diagnostic) -> Option<String>) {
        for diagnostic in &mut self.items {
            if diagnostic.severity != Severity::Error {
                continue;
            }
            if let Some(what) = owned(diagnostic) {
                diagnostic.severity = Severity::Skip;
                diagnostic.message = format!("{what} left out: {}", diagnostic.message);
            }
        }
    }

    /// The diagnostics, sorted and without duplicates.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}
