//! `oneOf` / `anyOf` → enums. Without a discriminator the enum is untagged (first alternative
//! that decodes wins, in spec order). With one, decoding dispatches on the tag property.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::context::Context;
use super::docs::DocBuilder;
use crate::ident::{Case, NameScope, RustName};
use crate::model::{Discriminator, TypeDef, TypeKind, TypeRef, UnionDef};

/// Emits the enum for a union type.
pub(crate) fn emit_union(
    ctx: &Context<'_>,
    def: &TypeDef,
    shape: &UnionDef,
    name: &RustName,
) -> TokenStream {
    let ident = name.ident();
    let mut scope = NameScope::new(Case::Camel);
    let variants: Vec<(Ident, TokenStream)> = shape
        .variants
        .iter()
        .map(|variant| {
            (scope.claim(&variant.name).ident(), ctx.member_type(&def.name, &variant.ty))
        })
        .collect();
    let docs_of = |index: usize| format!(" The `{}` alternative.", shape.variants[index].name);
    let docs = DocBuilder::from_docs(&def.docs)
        .render_or(format!("One of the `{}` alternatives.", def.name));
    let derives = quote! {
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::specbind::__private::serde::Serialize,
        )]
    };
    let Some(discriminator) = &shape.discriminator else {
        let declarations = variants.iter().enumerate().map(|(index, (variant, ty))| {
            let doc = docs_of(index);
            quote!(#[doc = #doc] #variant(#ty),)
        });
        return quote! {
            #docs
            #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
            #derives
            #[derive(::specbind::__private::serde::Deserialize)]
            #[serde(crate = "::specbind::__private::serde", untagged)]
            pub enum #ident { #( #declarations )* }
        };
    };
    let tags: Vec<&str> = shape
        .variants
        .iter()
        .enumerate()
        .map(|(index, variant)| {
            discriminator.tags.get(index).map(String::as_str).unwrap_or(variant.name.as_str())
        })
        .collect();
    if variants_carry_tag(ctx, shape, discriminator) {
        let declarations = variants.iter().enumerate().map(|(index, (variant, ty))| {
            let doc = docs_of(index);
            quote!(#[doc = #doc] #variant(#ty),)
        });
        let decode = tag_dispatch(&ident, &variants, &tags, &discriminator.property);
        quote! {
            #docs
            #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
            #derives
            #[serde(crate = "::specbind::__private::serde", untagged)]
            pub enum #ident { #( #declarations )* }
            #decode
        }
    } else {
        let property = &discriminator.property;
        let declarations =
            variants.iter().zip(&tags).enumerate().map(|(index, ((variant, ty), tag))| {
                let doc = docs_of(index);
                quote!(#[doc = #doc] #[serde(rename = #tag)] #variant(#ty),)
            });
        quote! {
            #docs
            #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
            #derives
            #[derive(::specbind::__private::serde::Deserialize)]
            #[serde(crate = "::specbind::__private::serde", tag = #property)]
            pub enum #ident { #( #declarations )* }
        }
    }
}

/// When every alternative is an object that declares the tag property itself, serde's internal
/// tagging would write the tag twice and hide it from the alternative while decoding; such
/// unions serialize untagged and decode by looking at the tag first.
fn variants_carry_tag(ctx: &Context<'_>, shape: &UnionDef, discriminator: &Discriminator) -> bool {
    shape.variants.iter().all(|variant| {
        let Some(def) = ctx.definition(&variant.ty) else { return false };
        matches!(&def.kind, TypeKind::Struct(s)
            if s.fields.iter().any(|f| f.wire_name == discriminator.property))
            && matches!(variant.ty, TypeRef::Named(_))
    })
}

fn tag_dispatch(
    ident: &Ident,
    variants: &[(Ident, TokenStream)],
    tags: &[&str],
    property: &str,
) -> TokenStream {
    let mut seen = std::collections::BTreeSet::new();
    // A repeated tag could never be reached; the first alternative with it wins.
    let arms = variants.iter().zip(tags).filter(|(_, tag)| seen.insert(**tag)).map(|((variant, _), tag)| {
        quote! {
            ::core::option::Option::Some(#tag) => ::specbind::__private::serde_json::from_value(value)
                .map(Self::#variant)
                .map_err(D::Error::custom),
        }
    });
    let escaped = property.replace('{', "{{").replace('}', "}}");
    let unknown = format!("unknown `{escaped}` value `{{}}`");
    quote! {
        impl<'de> ::specbind::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: ::specbind::__private::serde::Deserializer<'de>,
            {
                use ::specbind::__private::serde::de::Error as _;
                let value = <::specbind::__private::serde_json::Value
                    as ::specbind::__private::serde::Deserialize<'de>>::deserialize(deserializer)?;
                let tag = value
                    .get(#property)
                    .and_then(::specbind::__private::serde_json::Value::as_str)
                    .map(::std::borrow::ToOwned::to_owned);
                match tag.as_deref() {
                    #( #arms )*
                    ::core::option::Option::Some(other) => {
                        ::core::result::Result::Err(D::Error::custom(::std::format!(#unknown, other)))
                    }
                    ::core::option::Option::None => ::core::result::Result::Err(D::Error::missing_field(#property)),
                }
            }
        }
    }
}
