//! `Serialize` and `Deserialize` for generated structs, written out instead of derived.
//!
//! Serde's derives emit, per struct, a branch per field for writing and a field enum with its
//! own visitor plus a map visitor for reading; type- and borrow-checking those bodies was most
//! of a bindings crate's compile time. Here each struct gets a handful of lines: its fields as
//! a tuple for writing (`::specbind::__private::ser`), and its wire names, slot types and a
//! constructor from filled slots for reading (`::specbind::__private::de::StructFields`). The
//! visitor, duplicate, missing and unknown fields are handled once in the runtime, with the
//! same JSON and the same error messages as the derives, except that a struct is no longer
//! accepted as a JSON array of its field values (never valid for these APIs).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// Runtime tuples hold at most this many members; longer field lists nest.
const TUPLE_WIDTH: usize = 12;

/// What happens when a field is missing from the input.
pub(crate) enum WhenMissing {
    /// `missing field` error.
    Fail,
    /// `None` (the field is an `Option`; `null` also reads as `None`).
    IsNone,
    /// The value of the named associated function (the spec's default).
    Default(Ident),
}

/// One field as the encoder and decoder see it.
pub(crate) struct SerdeField<'a> {
    pub(crate) wire_name: &'a str,
    pub(crate) ident: Ident,
    /// The type before any `Option`.
    pub(crate) inner: &'a TokenStream,
    pub(crate) when_missing: WhenMissing,
    /// Left out of the output when `None` (not required); otherwise always written.
    pub(crate) skip_if_none: bool,
}

/// `impl Serialize` and `impl Deserialize` for `owner`. `extra` is the field that keeps
/// unknown properties, with its value type.
pub(crate) fn emit_serde_impls(
    owner: &Ident,
    fields: &[SerdeField<'_>],
    extra: Option<(&Ident, &TokenStream)>,
) -> TokenStream {
    let serialize = emit_serialize(owner, fields, extra.map(|(ident, _)| ident));
    let deserialize = emit_deserialize(owner, fields, extra);
    quote!(#serialize #deserialize)
}

fn emit_serialize(owner: &Ident, fields: &[SerdeField<'_>], extra: Option<&Ident>) -> TokenStream {
    let ser = quote!(::specbind::__private::ser);
    let serde = quote!(::specbind::__private::serde);
    let members: Vec<TokenStream> = fields
        .iter()
        .map(|field| {
            let (wire, ident) = (field.wire_name, &field.ident);
            match field.skip_if_none {
                true => quote!(#ser::Opt(#wire, &self.#ident)),
                false => quote!(#ser::Req(#wire, &self.#ident)),
            }
        })
        .collect();
    let tuple = nest(&members);
    let body = match extra {
        Some(extra) => quote!(#ser::structure_with_extra(serializer, #tuple, &self.#extra)),
        None => {
            let name = owner_name(owner);
            quote!(#ser::structure(serializer, #name, #tuple))
        }
    };
    quote! {
        impl #serde::Serialize for #owner {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #serde::Serializer,
            {
                #body
            }
        }
    }
}

fn emit_deserialize(
    owner: &Ident,
    fields: &[SerdeField<'_>],
    extra: Option<(&Ident, &TokenStream)>,
) -> TokenStream {
    let de = quote!(::specbind::__private::de);
    let serde = quote!(::specbind::__private::serde);
    let name = owner_name(owner);
    let wire_names = fields.iter().map(|field| field.wire_name);
    let slot_types: Vec<TokenStream> = fields
        .iter()
        .map(|field| {
            let inner = field.inner;
            match field.when_missing {
                WhenMissing::IsNone => {
                    quote!(::core::option::Option<::core::option::Option<#inner>>)
                }
                WhenMissing::Fail | WhenMissing::Default(_) => {
                    quote!(::core::option::Option<#inner>)
                }
            }
        })
        .collect();
    let slots = nest(&slot_types);
    let inits = fields.iter().enumerate().map(|(index, field)| {
        let ident = &field.ident;
        let wire = field.wire_name;
        let slot = slot_path(index, fields.len());
        let value = match &field.when_missing {
            WhenMissing::Fail => quote!(#de::required(slots #slot, #wire)?),
            WhenMissing::IsNone => quote!(::core::option::Option::flatten(slots #slot)),
            WhenMissing::Default(function) => {
                quote!(::core::option::Option::unwrap_or_else(slots #slot, #owner::#function))
            }
        };
        quote!(#ident: #value,)
    });
    let (extra_type, keeps_extra, extra_init) = match extra {
        Some((ident, value)) => (value.clone(), true, quote!(#ident: extra,)),
        None => (quote!(#serde::de::IgnoredAny), false, quote!()),
    };
    let unused_slots = fields.is_empty().then(|| quote!(let _ = slots;));
    let unused_extra = extra.is_none().then(|| quote!(let _ = extra;));
    quote! {
        impl<'de> #serde::Deserialize<'de> for #owner {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #serde::Deserializer<'de>,
            {
                #de::structure(deserializer)
            }
        }
        impl<'de> #de::StructFields<'de> for #owner {
            type Slots = #slots;
            type Extra = #extra_type;
            const NAME: &'static ::core::primitive::str = #name;
            const FIELDS: &'static [&'static ::core::primitive::str] = &[#( #wire_names ),*];
            const KEEPS_EXTRA: ::core::primitive::bool = #keeps_extra;
            fn finish<__E: #serde::de::Error>(
                slots: Self::Slots,
                extra: ::std::collections::BTreeMap<::std::string::String, Self::Extra>,
            ) -> ::core::result::Result<Self, __E> {
                #unused_slots
                #unused_extra
                ::core::result::Result::Ok(Self { #( #inits )* #extra_init })
            }
        }
    }
}

/// The struct's name as serde reports it (without a raw-identifier prefix).
fn owner_name(owner: &Ident) -> String {
    owner.to_string().trim_start_matches("r#").to_owned()
}

/// How many tuple levels `len` members need.
fn depth(len: usize) -> u32 {
    let mut depth = 1;
    while TUPLE_WIDTH.pow(depth) < len {
        depth += 1;
    }
    depth
}

/// `members` as a tuple of at most [`TUPLE_WIDTH`] members, nested for more (`()` for none).
fn nest(members: &[TokenStream]) -> TokenStream {
    fn level(members: &[TokenStream], depth: u32) -> TokenStream {
        if depth == 1 {
            return quote!(( #( #members, )* ));
        }
        let chunk = TUPLE_WIDTH.pow(depth - 1);
        let parts = members.chunks(chunk).map(|part| level(part, depth - 1));
        quote!(( #( #parts, )* ))
    }
    if members.is_empty() {
        return quote!(());
    }
    level(members, depth(members.len()))
}

/// The tuple path (`.1.4`) of member `index` of `len` in [`nest`]'s layout.
fn slot_path(index: usize, len: usize) -> TokenStream {
    let mut path = TokenStream::new();
    for level in (0..depth(len)).rev() {
        let step = Literal::usize_unsuffixed(index / TUPLE_WIDTH.pow(level) % TUPLE_WIDTH);
        path.extend(quote!(.#step));
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_field_lists_nest_and_every_path_reaches_its_member() {
        for len in [1, 11, 12, 13, 144, 145] {
            let members: Vec<TokenStream> = (0..len)
                .map(|index| {
                    let id = quote::format_ident!("m{index}");
                    quote!(#id)
                })
                .collect();
            let tuple: syn::Expr = syn::parse2(nest(&members)).expect("a tuple expression");
            for (index, member) in members.iter().enumerate() {
                let path = slot_path(index, len);
                let mut at = &tuple;
                for step in path.to_string().split('.').map(str::trim).filter(|s| !s.is_empty()) {
                    let syn::Expr::Tuple(parts) = at else {
                        panic!("{len}: not a tuple at {path}")
                    };
                    assert!(parts.elems.len() <= TUPLE_WIDTH, "{len}: a tuple too wide");
                    at = &parts.elems[step.parse::<usize>().unwrap()];
                }
                assert_eq!(quote!(#at).to_string(), member.to_string(), "{len}: member {index}");
            }
        }
    }
}
