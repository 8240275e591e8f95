//! The `types` module: one item per named schema, sorted by Rust name.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::context::Context;
use super::enums::emit_string_enum;
use super::structs::{emit_alias, emit_struct};
use super::unions::emit_union;
use crate::model::{TypeKind, TypeRef};

/// Emits `pub mod types { ... }`.
pub(crate) fn emit_types_module(ctx: &Context<'_>) -> TokenStream {
    let constructible = request_body_types(ctx);
    let mut items: Vec<(String, TokenStream)> = ctx
        .api
        .types
        .values()
        .filter_map(|def| {
            let name = ctx.type_name(&def.name)?;
            let tokens = match &def.kind {
                TypeKind::Struct(shape) => {
                    let build = constructible.contains(def.name.as_str());
                    emit_struct(ctx, def, shape, name, build)
                }
                TypeKind::StringEnum(shape) => emit_string_enum(def, shape, name),
                TypeKind::Union(shape) => emit_union(ctx, def, shape, name),
                TypeKind::Alias(target) => emit_alias(ctx, def, target, name),
            };
            Some((name.as_str().to_owned(), tokens))
        })
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let items = items.into_iter().map(|(_, tokens)| tokens);
    quote! {
        /// Schemas from the spec: structs, enums, unions and aliases.
        pub mod types {
            #( #items )*
        }
    }
}

/// Types a caller builds: request bodies and every type they contain. These get `new()` and
/// setters; response-only types stay plain data to keep large APIs quick to compile.
fn request_body_types<'a>(ctx: &Context<'a>) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&'a TypeRef> =
        ctx.api.operations.values().filter_map(|op| op.body.as_ref().map(|b| &b.ty)).collect();
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Named(name) => {
                let Some((key, def)) = ctx.api.types.get_key_value(name) else { continue };
                if !seen.insert(key.as_str()) {
                    continue;
                }
                match &def.kind {
                    TypeKind::Struct(s) => {
                        stack.extend(s.fields.iter().map(|f| &f.ty));
                        stack.extend(s.additional_properties.iter());
                    }
                    TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| &v.ty)),
                    TypeKind::Alias(target) => stack.push(target),
                    TypeKind::StringEnum(_) => {}
                }
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) => stack.push(inner),
            TypeRef::Primitive(_) | TypeRef::Any => {}
        }
    }
    seen
}
