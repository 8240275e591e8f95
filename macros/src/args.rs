//! The attribute's arguments: `spec = "path"` and `skip_invalid = bool`.

use proc_macro2::TokenStream;
use syn::LitStr;
use syn::parse::Parser;

/// Parsed `#[bindings(...)]` arguments.
pub struct BindingsArgs {
    /// The spec path literal, kept for its span.
    pub spec: LitStr,
    /// Skip files that are not API documents instead of failing.
    pub skip_invalid: bool,
}

impl BindingsArgs {
    /// Parses the attribute arguments, rejecting unknown or repeated keys.
    pub fn parse(tokens: TokenStream) -> syn::Result<Self> {
        let mut spec: Option<LitStr> = None;
        let mut skip_invalid: Option<bool> = None;
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("spec") {
                if spec.is_some() {
                    return Err(meta.error("`spec` is given twice"));
                }
                spec = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("skip_invalid") {
                if skip_invalid.is_some() {
                    return Err(meta.error("`skip_invalid` is given twice"));
                }
                let value: syn::LitBool = meta.value()?.parse()?;
                skip_invalid = Some(value.value);
                Ok(())
            } else {
                Err(meta
                    .error("unknown argument; expected `spec = \"...\"` or `skip_invalid = true`"))
            }
        });
        parser.parse2(tokens.clone())?;
        let spec = spec.ok_or_else(|| {
            syn::Error::new(
                proc_macro2::Span::call_site(),
                "missing `spec = \"path/to/spec\"` (a JSON file or directory, relative to Cargo.toml)",
            )
        })?;
        Ok(Self { spec, skip_invalid: skip_invalid.unwrap_or(false) })
    }
}
