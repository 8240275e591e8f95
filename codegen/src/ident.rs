//! Wire names → Rust identifiers: case conversion, keyword escaping and collisions.
//!
//! Every identifier the emitter writes comes from here, so the rules live in one place:
//! - snake_case for fields, parameters and methods; UpperCamelCase for types and variants
//!   (both via `heck`), after turning every character that cannot appear in an identifier
//!   into a word break;
//! - keywords become raw identifiers (`r#type`); the few that cannot be raw (`self`, `Self`,
//!   `super`, `crate`) get a trailing underscore;
//! - a name that is empty or starts with a digit gets a prefix, so the result is always valid;
//! - within one scope, [`NameScope`] makes names unique deterministically: the first claimant
//!   keeps the name, later ones get `_2`, `_3`, … (snake) or `2`, `3`, … (camel).

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords of Rust 2024 (strict and reserved) that need escaping.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// The case an identifier is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, parameters, methods.
    Snake,
    /// `UpperCamelCase`: types and enum variants.
    Camel,
}

/// A Rust identifier chosen for a wire name, kept as text so it can be compared and extended.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustName(String);

impl RustName {
    /// The identifier as written in source, including any `r#` prefix.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identifier without the `r#` prefix (for building derived names such as
    /// `<name>_paginator`).
    pub fn bare(&self) -> &str {
        self.0.strip_prefix("r#").unwrap_or(&self.0)
    }

    /// The identifier as a token.
    pub fn ident(&self) -> Ident {
        match self.0.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(&self.0, Span::call_site()),
        }
    }
}

impl std::fmt::Display for RustName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Converts a wire name to a valid identifier in `case`, without collision handling.
pub fn convert(wire: &str, case: Case) -> RustName {
    let words = word_breaks(wire);
    let converted = match case {
        Case::Snake => words.to_snake_case(),
        Case::Camel => words.to_upper_camel_case(),
    };
    RustName(make_valid(converted, case))
}

/// `snake_case` identifier for `wire`.
pub fn snake(wire: &str) -> RustName {
    convert(wire, Case::Snake)
}

/// `UpperCamelCase` identifier for `wire`.
pub fn camel(wire: &str) -> RustName {
    convert(wire, Case::Camel)
}

/// Keeps ASCII letters and digits; every other character becomes a word break. Non-ASCII
/// letters are dropped too, because non-ASCII identifiers trip lints in user crates.
fn word_breaks(wire: &str) -> String {
    wire.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

fn make_valid(name: String, case: Case) -> String {
    let name = match (name.is_empty(), name.starts_with(|c: char| c.is_ascii_digit()), case) {
        (true, _, Case::Snake) => "empty".to_owned(),
        (true, _, Case::Camel) => "Empty".to_owned(),
        (false, true, Case::Snake) => format!("n{name}"),
        (false, true, Case::Camel) => format!("N{name}"),
        (false, false, _) => name,
    };
    escape_keyword(name)
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// One namespace (a module, a struct's fields, an enum's variants, an impl's methods) in which
/// identifiers must be unique. Claims are resolved in call order, so callers claim in a
/// deterministic order (spec order or sorted).
#[derive(Debug, Clone)]
pub struct NameScope {
    case: Case,
    taken: BTreeSet<String>,
}

impl NameScope {
    /// An empty scope for identifiers in `case`.
    pub fn new(case: Case) -> Self {
        Self { case, taken: BTreeSet::new() }
    }

    /// A scope where `reserved` names (already valid identifiers) are taken up front.
    pub fn with_reserved(case: Case, reserved: &[&str]) -> Self {
        let mut scope = Self::new(case);
        scope.taken.extend(reserved.iter().map(|name| (*name).to_owned()));
        scope
    }

    /// Converts `wire` and makes the result unique in this scope.
    pub fn claim(&mut self, wire: &str) -> RustName {
        let base = convert(wire, self.case);
        self.claim_name(base)
    }

    /// Makes an already converted name unique in this scope.
    pub fn claim_name(&mut self, base: RustName) -> RustName {
        if self.taken.insert(base.bare().to_owned()) {
            return base;
        }
        let stem = base.bare().trim_end_matches('_');
        let separator = match self.case {
            Case::Snake => "_",
            Case::Camel => "",
        };
        (2u32..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .map(RustName)
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_handles_separators_and_acronyms() {
        assert_eq!(snake("vpc_endpoint_id").as_str(), "vpc_endpoint_id");
        assert_eq!(snake("a-b").as_str(), "a_b");
        assert_eq!(snake("a.b").as_str(), "a_b");
        assert_eq!(snake("X-Request-Id").as_str(), "x_request_id");
        assert_eq!(snake("HTTPServer").as_str(), "http_server");
        assert_eq!(snake("ListEndpoints").as_str(), "list_endpoints");
        assert_eq!(snake("petType").as_str(), "pet_type");
        assert_eq!(snake("tags[0].key").as_str(), "tags_0_key");
    }

    #[test]
    fn camel_handles_separators() {
        assert_eq!(camel("service_detail").as_str(), "ServiceDetail");
        assert_eq!(camel("a-b").as_str(), "AB");
        assert_eq!(camel("pending acceptance").as_str(), "PendingAcceptance");
        assert_eq!(camel("TCP").as_str(), "Tcp");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(snake("type").as_str(), "r#type");
        assert_eq!(snake("async").as_str(), "r#async");
        assert_eq!(snake("gen").as_str(), "r#gen");
        assert_eq!(snake("self").as_str(), "self_");
        assert_eq!(snake("super").as_str(), "super_");
        assert_eq!(snake("crate").as_str(), "crate_");
        assert_eq!(camel("Self").as_str(), "Self_");
        assert_eq!(camel("self").as_str(), "Self_");
        assert_eq!(camel("Action").as_str(), "Action");
        assert_eq!(snake("Action").as_str(), "action");
        // `Type` is a fine type name; only the snake form is a keyword.
        assert_eq!(camel("type").as_str(), "Type");
    }

    #[test]
    fn empty_and_leading_digits_become_valid() {
        assert_eq!(snake("").as_str(), "empty");
        assert_eq!(camel("").as_str(), "Empty");
        assert_eq!(snake("---").as_str(), "empty");
        assert_eq!(snake("1st").as_str(), "n1st");
        assert_eq!(camel("1st").as_str(), "N1st");
        assert_eq!(camel("404").as_str(), "N404");
        assert_eq!(snake("ñandú").as_str(), "and");
    }

    #[test]
    fn every_result_parses_as_an_identifier() {
        let awkward = ["type", "self", "Self", "a-b", "a.b", "9", "", "é", "__x__", "in", "r#x"];
        for wire in awkward {
            for case in [Case::Snake, Case::Camel] {
                let name = convert(wire, case);
                let parsed: syn::Ident = syn::parse_str(name.as_str())
                    .unwrap_or_else(|e| panic!("{wire:?} → {name}: {e}"));
                assert_eq!(name.ident(), parsed);
            }
        }
    }

    #[test]
    fn collisions_get_numbered_suffixes_in_claim_order() {
        let mut fields = NameScope::new(Case::Snake);
        assert_eq!(fields.claim("name").as_str(), "name");
        assert_eq!(fields.claim("Name").as_str(), "name_2");
        assert_eq!(fields.claim("NAME").as_str(), "name_3");
        assert_eq!(fields.claim("a-b").as_str(), "a_b");
        assert_eq!(fields.claim("a.b").as_str(), "a_b_2");
        assert_eq!(fields.claim("a_b_2").as_str(), "a_b_2_2");

        let mut types = NameScope::new(Case::Camel);
        assert_eq!(types.claim("pet").as_str(), "Pet");
        assert_eq!(types.claim("Pet").as_str(), "Pet2");
        assert_eq!(types.claim("PET").as_str(), "Pet3");
    }

    #[test]
    fn escaped_names_collide_on_their_bare_form() {
        let mut fields = NameScope::with_reserved(Case::Snake, &["new"]);
        assert_eq!(fields.claim("new").as_str(), "new_2");
        assert_eq!(fields.claim("type").as_str(), "r#type");
        assert_eq!(fields.claim("Type").as_str(), "type_2");
        assert_eq!(fields.claim("self").as_str(), "self_");
        assert_eq!(fields.claim("self_").as_str(), "self_2");
        let mut variants = NameScope::with_reserved(Case::Camel, &["Unknown"]);
        assert_eq!(variants.claim("unknown").as_str(), "Unknown2");
    }
}
