//! String enumerations → Rust enums with a catch-all `Unknown(String)` variant, so a value the
//! spec did not list still decodes and is sent back unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::DocBuilder;
use crate::ident::{Case, NameScope, RustName};
use crate::model::{StringEnumDef, TypeDef};

/// Emits the enum for `def` with `as_str`, `Display`, `From<&str>`, `From<String>`, serde via
/// the string, and `ParamValue` so it can be a path, query or header parameter.
pub(crate) fn emit_string_enum(
    def: &TypeDef,
    shape: &StringEnumDef,
    name: &RustName,
) -> TokenStream {
    let ident = name.ident();
    let mut scope = NameScope::with_reserved(Case::Camel, &["Unknown"]);
    let variants: Vec<_> =
        shape.values.iter().map(|value| (scope.claim(value).ident(), value)).collect();
    let mut docs = DocBuilder::from_docs(&def.docs);
    docs.paragraph("Values the spec does not list are kept in `Unknown` and sent back unchanged.");
    let docs = docs.render();
    let declarations = variants.iter().map(|(variant, value)| {
        let doc = format!(" `{value}`");
        quote!(#[doc = #doc] #variant,)
    });
    let to_str = variants.iter().map(|(variant, value)| quote!(Self::#variant => #value,));
    let from_str = variants.iter().map(|(variant, value)| quote!(#value => Self::#variant,));
    quote! {
        #docs
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
        )]
        pub enum #ident {
            #( #declarations )*
            /// A value not listed in the spec, kept as received.
            Unknown(::std::string::String),
        }
        impl #ident {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &::core::primitive::str {
                match self {
                    #( #to_str )*
                    Self::Unknown(value) => value,
                }
            }
        }
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::convert::From<&::core::primitive::str> for #ident {
            fn from(value: &::core::primitive::str) -> Self {
                match value {
                    #( #from_str )*
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }
        impl ::core::convert::From<::std::string::String> for #ident {
            fn from(value: ::std::string::String) -> Self {
                match <Self as ::core::convert::From<&::core::primitive::str>>::from(&value) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }
        impl ::specbind::__private::serde::Serialize for #ident {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: ::specbind::__private::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::specbind::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: ::specbind::__private::serde::Deserializer<'de>,
            {
                <::std::string::String as ::specbind::__private::serde::Deserialize<'de>>::deserialize(
                    deserializer,
                )
                .map(<Self as ::core::convert::From<::std::string::String>>::from)
            }
        }
        impl ::specbind::__private::ParamValue for #ident {
            fn to_param(&self) -> ::std::borrow::Cow<'_, ::core::primitive::str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    }
}
