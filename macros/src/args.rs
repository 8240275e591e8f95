//! The attribute's arguments: `spec = "path"`, `spec_crate = "name"`, `skip_invalid = bool`
//! and `strict = bool`.

use proc_macro2::{Span, TokenStream};
use syn::LitStr;
use syn::parse::Parser;

/// Parsed `#[bindings(...)]` arguments.
pub struct BindingsArgs {
    /// The spec path literal, kept for its span: relative to the crate, or with `spec_crate`
    /// relative to that dependency's root.
    pub spec: Option<LitStr>,
    /// A dependency whose files are the spec (`spec` defaults to its `src` directory).
    pub spec_crate: Option<LitStr>,
    /// Leave out what cannot be bound instead of failing.
    pub skip_invalid: bool,
    /// Refuse repairs of spec defects.
    pub strict: bool,
}

impl BindingsArgs {
    /// Parses the attribute arguments, rejecting unknown or repeated keys.
    pub fn parse(tokens: TokenStream) -> syn::Result<Self> {
        let mut spec: Option<LitStr> = None;
        let mut spec_crate: Option<LitStr> = None;
        let mut skip_invalid: Option<bool> = None;
        let mut strict: Option<bool> = None;
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("spec") {
                if spec.is_some() {
                    return Err(meta.error("`spec` is given twice"));
                }
                spec = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("spec_crate") {
                if spec_crate.is_some() {
                    return Err(meta.error("`spec_crate` is given twice"));
                }
                spec_crate = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("skip_invalid") || meta.path.is_ident("strict") {
                let (slot, key) = if meta.path.is_ident("strict") {
                    (&mut strict, "strict")
                } else {
                    (&mut skip_invalid, "skip_invalid")
                };
                if slot.is_some() {
                    return Err(meta.error(format!("`{key}` is given twice")));
                }
                let value: syn::LitBool = meta.value()?.parse()?;
                *slot = Some(value.value);
                Ok(())
            } else {
                Err(meta.error(
                    "unknown argument; expected `spec = \"...\"`, `spec_crate = \"...\"`, \
                     `skip_invalid = true` or `strict = true`",
                ))
            }
        });
        parser.parse2(tokens.clone())?;
        if spec.is_none() && spec_crate.is_none() {
            return Err(syn::Error::new(
                Span::call_site(),
                "missing `spec = \"path/to/spec\"` (a JSON or YAML file or directory, relative to \
                 Cargo.toml) or `spec_crate = \"dependency-name\"`",
            ));
        }
        Ok(Self {
            spec,
            spec_crate,
            skip_invalid: skip_invalid.unwrap_or(false),
            strict: strict.unwrap_or(false),
        })
    }

    /// The span errors about the spec point at.
    pub fn span(&self) -> Span {
        self.spec.as_ref().or(self.spec_crate.as_ref()).map_or_else(Span::call_site, LitStr::span)
    }
}
