//! Rustdoc attributes from spec documentation, constraints and defaults.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Constraints, Docs};

/// Collects doc paragraphs and renders them as `#[doc = "..."]` attributes.
#[derive(Debug, Default)]
pub(crate) struct DocBuilder {
    paragraphs: Vec<String>,
}

impl DocBuilder {
    /// Starts from the summary and description of `docs`.
    pub(crate) fn from_docs(docs: &Docs) -> Self {
        let mut builder = Self::default();
        builder.docs(docs);
        builder
    }

    /// Adds the summary and description (a description equal to the summary is skipped).
    pub(crate) fn docs(&mut self, docs: &Docs) -> &mut Self {
        let summary = docs.summary.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let description = docs.description.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if let Some(summary) = summary {
            self.paragraph(summary);
        }
        if let Some(description) = description.filter(|d| Some(*d) != summary) {
            self.paragraph(description);
        }
        self
    }

    /// Adds one paragraph of text.
    pub(crate) fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.paragraphs.push(text.into());
        self
    }

    /// Adds a line listing the validation limits, if there are any.
    pub(crate) fn constraints(&mut self, constraints: &Constraints) -> &mut Self {
        let limits = constraint_phrases(constraints);
        if !limits.is_empty() {
            self.paragraph(format!("Constraints: {}.", limits.join(", ")));
        }
        self
    }

    /// Adds a line with the spec's default value, if there is one.
    pub(crate) fn default_value(&mut self, default: Option<&serde_json::Value>) -> &mut Self {
        if let Some(value) = default {
            self.paragraph(format!("Default: `{value}`."));
        }
        self
    }

    /// Renders the paragraphs, or `fallback` when the spec documents nothing: generated items
    /// are public API and must satisfy `missing_docs` in crates that deny it.
    pub(crate) fn render_or(&mut self, fallback: impl Into<String>) -> TokenStream {
        if self.paragraphs.is_empty() {
            self.paragraph(fallback);
        }
        self.render()
    }

    /// Renders the paragraphs as doc attributes (nothing when empty).
    pub(crate) fn render(&self) -> TokenStream {
        let lines = self
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(index, paragraph)| {
                let separator = (index > 0).then(String::new);
                separator.into_iter().chain(prose_lines(paragraph))
            })
            .map(|line| format!(" {line}").trim_end().to_owned());
        quote! { #( #[doc = #lines] )* }
    }
}

/// Spec text is prose, not Rust: leading indentation would turn into a code block and a fence
/// into a doctest that rustdoc compiles, so indentation is dropped and opening fences are
/// marked as plain text.
fn prose_lines(paragraph: &str) -> Vec<String> {
    let mut in_fence = false;
    paragraph
        .lines()
        .map(|line| {
            let line = line.trim();
            if !line.starts_with("```") {
                return line.to_owned();
            }
            in_fence = !in_fence;
            if in_fence { "```text".to_owned() } else { "```".to_owned() }
        })
        .collect()
}

fn constraint_phrases(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    push_range(&mut out, "length", c.min_length, c.max_length);
    push_range(&mut out, "items", c.min_items, c.max_items);
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) => out.push(format!("value {min}..={max}")),
        (Some(min), None) => out.push(format!("value >= {min}")),
        (None, Some(max)) => out.push(format!("value <= {max}")),
        (None, None) => {}
    }
    if let Some(pattern) = &c.pattern {
        out.push(format!("pattern `{}`", pattern.replace('`', "'")));
    }
    out
}

fn push_range(out: &mut Vec<String>, what: &str, min: Option<u64>, max: Option<u64>) {
    match (min, max) {
        (Some(min), Some(max)) => out.push(format!("{what} {min}..={max}")),
        (Some(min), None) => out.push(format!("{what} >= {min}")),
        (None, Some(max)) => out.push(format!("{what} <= {max}")),
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_summary_description_constraints_and_default() {
        let docs =
            Docs { summary: Some("Name.".into()), description: Some("Two\n    lines".into()) };
        let constraints =
            Constraints { min_length: Some(1), max_length: Some(64), ..Default::default() };
        let tokens = DocBuilder::from_docs(&docs)
            .constraints(&constraints)
            .default_value(Some(&serde_json::json!(10)))
            .render()
            .to_string();
        assert!(tokens.contains(r#"" Name.""#), "{tokens}");
        assert!(tokens.contains(r#"" lines""#), "{tokens}");
        assert!(tokens.contains("length 1..=64"), "{tokens}");
        assert!(tokens.contains("Default: `10`."), "{tokens}");
    }

    #[test]
    fn fences_become_text_blocks() {
        let docs = Docs { summary: None, description: Some("```\nlet x = 1;\n```".into()) };
        let tokens = DocBuilder::from_docs(&docs).render().to_string();
        let opening = tokens.find("```text").expect("opening fence marked as text");
        assert!(tokens[opening..].contains(r#"" ```""#), "closing fence kept: {tokens}");
    }
}
