//! The `new()` constructor and chained setters that request types and body structs share:
//! required values are arguments of `new`, optional ones start as `None` and get a setter.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// One field as the constructor and setters see it.
pub(crate) struct BuilderField<'a> {
    /// The field's Rust name (also the setter's name).
    pub(crate) ident: Ident,
    /// For a field set by `new`, the stored type; for one set later, the type inside the
    /// `Option` (what the setter takes).
    pub(crate) ty: &'a TokenStream,
    /// Starts as `None` and gets a setter, instead of being an argument of `new`.
    pub(crate) set_later: bool,
    /// The setter's one-line doc.
    pub(crate) setter_doc: String,
}

/// `impl #owner { pub fn new(..) -> Self; setters }`. `extra_init` initialises fields that are
/// neither arguments nor optional (a struct's additional-properties map).
pub(crate) fn emit_constructor_and_setters(
    owner: &Ident,
    new_doc: &str,
    fields: &[BuilderField<'_>],
    extra_init: Option<TokenStream>,
) -> TokenStream {
    let args = fields.iter().filter(|f| !f.set_later).map(|field| {
        let (name, ty) = (&field.ident, field.ty);
        quote!(#name: impl ::core::convert::Into<#ty>)
    });
    let inits = fields.iter().map(|field| {
        let name = &field.ident;
        if field.set_later {
            quote!(#name: ::core::option::Option::None)
        } else {
            quote!(#name: #name.into())
        }
    });
    let setters = fields.iter().filter(|f| f.set_later).map(|field| {
        let (name, ty, doc) = (&field.ident, field.ty, &field.setter_doc);
        quote! {
            #[doc = #doc]
            pub fn #name(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                self.#name = ::core::option::Option::Some(value.into());
                self
            }
        }
    });
    let new_doc = format!(" {new_doc}");
    quote! {
        #[allow(clippy::too_many_arguments, clippy::should_implement_trait)]
        impl #owner {
            #[doc = #new_doc]
            pub fn new(#( #args ),*) -> Self {
                Self { #( #inits, )* #extra_init }
            }
            #( #setters )*
        }
    }
}
