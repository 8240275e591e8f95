//! `Deserialize` for generated structs, written out instead of derived.
//!
//! `#[derive(Deserialize)]` emits per struct a field enum with its own visitor, a sequence
//! visitor and a map visitor, roughly 25 lines per field; type-checking and borrow-checking that
//! was half of a bindings crate's compile time. This impl is one map visitor whose key lookup,
//! duplicate check and skipping are non-generic or shared runtime helpers
//! (`::specbind::__private::de`), a few lines per field. It decodes what the derive decoded,
//! with the same error messages, except that a struct is no longer accepted as a JSON array of
//! its field values (never valid for these APIs).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// What happens when a field is missing from the input.
pub(crate) enum WhenMissing {
    /// `missing field` error.
    Fail,
    /// `None` (the field is an `Option`; `null` also reads as `None`).
    IsNone,
    /// The value of the named associated function (the spec's default).
    Default(Ident),
}

/// One field as the decoder sees it.
pub(crate) struct DecodedField<'a> {
    pub(crate) wire_name: &'a str,
    pub(crate) ident: Ident,
    /// The type before any `Option`.
    pub(crate) inner: &'a TokenStream,
    pub(crate) when_missing: WhenMissing,
}

/// `impl Deserialize for #owner`. `extra` is the field that keeps unknown properties, with its
/// value type.
pub(crate) fn emit_deserialize(
    owner: &Ident,
    fields: &[DecodedField<'_>],
    extra: Option<(&Ident, &TokenStream)>,
) -> TokenStream {
    let de = quote!(::specbind::__private::de);
    let serde = quote!(::specbind::__private::serde);
    let owner_name = owner.to_string().trim_start_matches("r#").to_owned();
    let expecting = format!("struct {owner_name}");
    let wire_names = fields.iter().map(|field| field.wire_name);
    let slots: Vec<Ident> = (0..fields.len()).map(|index| format_ident!("field{index}")).collect();
    let declarations = fields.iter().zip(&slots).map(|(field, slot)| {
        let inner = field.inner;
        let ty = match field.when_missing {
            WhenMissing::IsNone => quote!(::core::option::Option<#inner>),
            WhenMissing::Fail | WhenMissing::Default(_) => inner.clone(),
        };
        quote!(let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    let arms = fields.iter().zip(&slots).enumerate().map(|(index, (field, slot))| {
        let wire = field.wire_name;
        let index = Literal::usize_unsuffixed(index);
        let key = match extra {
            Some(_) => quote!(::core::result::Result::Ok(#index)),
            None => quote!(::core::option::Option::Some(#index)),
        };
        quote!(#key => #de::set(&mut map, &mut #slot, #wire)?,)
    });
    let inits = fields.iter().zip(&slots).map(|(field, slot)| {
        let ident = &field.ident;
        let wire = field.wire_name;
        let value = match &field.when_missing {
            WhenMissing::Fail => quote!(#de::required(#slot, #wire)?),
            WhenMissing::IsNone => quote!(::core::option::Option::flatten(#slot)),
            WhenMissing::Default(function) => {
                quote!(::core::option::Option::unwrap_or_else(#slot, #owner::#function))
            }
        };
        quote!(#ident: #value,)
    });
    let (seed, other_key, extra_declaration, extra_init, entry) = match extra {
        Some((ident, value)) => (
            quote!(FieldOrName),
            quote! {
                ::core::result::Result::Err(name) => {
                    extra.insert(name, #serde::de::MapAccess::next_value::<#value>(&mut map)?);
                }
                ::core::result::Result::Ok(_) => #de::skip(&mut map)?,
            },
            quote!(let mut extra = ::std::collections::BTreeMap::new();),
            quote!(#ident: extra,),
            quote!(deserialize_map(deserializer, __Visitor)),
        ),
        None => (
            quote!(FieldIndex),
            quote!(_ => #de::skip(&mut map)?,),
            quote!(),
            quote!(),
            quote!(deserialize_struct(deserializer, #owner_name, FIELDS, __Visitor)),
        ),
    };
    quote! {
        impl<'de> #serde::Deserialize<'de> for #owner {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #serde::Deserializer<'de>,
            {
                const FIELDS: &[&::core::primitive::str] = &[#( #wire_names ),*];
                struct __Visitor;
                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #owner;
                    fn expecting(
                        &self,
                        formatter: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        formatter.write_str(#expecting)
                    }
                    fn visit_map<__A>(
                        self,
                        mut map: __A,
                    ) -> ::core::result::Result<#owner, __A::Error>
                    where
                        __A: #serde::de::MapAccess<'de>,
                    {
                        #( #declarations )*
                        #extra_declaration
                        while let ::core::option::Option::Some(key) =
                            #serde::de::MapAccess::next_key_seed(&mut map, #de::#seed(FIELDS))?
                        {
                            match key {
                                #( #arms )*
                                #other_key
                            }
                        }
                        ::core::result::Result::Ok(#owner { #( #inits )* #extra_init })
                    }
                }
                #serde::Deserializer::#entry
            }
        }
    }
}
