//! Diagnostics: every spec problem, collected across all stages and reported together.

use std::fmt;

use crate::model::SpecLoc;

/// One problem in the user's spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is (file and JSON pointer).
    pub loc: SpecLoc,
    /// Line and column (1-based) when known, e.g. for JSON syntax errors.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong, in one sentence starting lowercase.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `loc`.
    pub fn new(loc: SpecLoc, message: impl Into<String>) -> Self {
        Self { loc, line_col: None, message: message.into() }
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

    /// Records a problem at `loc`.
    pub fn error(&mut self, loc: &SpecLoc, message: impl Into<String>) {
        self.items.push(Diagnostic::new(loc.clone(), message));
    }

    /// Records a fully built diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True when no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems recorded so far, sorted and without duplicates.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}
