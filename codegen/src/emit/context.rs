//! What every emitter needs to know about the whole API: the Rust name of each model type,
//! which references must be boxed, and how a [`TypeRef`] is spelled in Rust.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::{Case, NameScope, RustName};
use crate::model::{Api, Primitive, TypeDef, TypeKind, TypeRef};

/// From which module a type is referenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum From {
    /// Inside the generated `types` module: named types are referenced bare.
    Types,
    /// The bindings module itself: named types are `types::Name`.
    Root,
}

/// Naming and layout decisions shared by all emitters.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    /// The API being emitted.
    pub(crate) api: &'a Api,
    type_names: BTreeMap<&'a str, RustName>,
    /// For each type, the named types reachable without passing through a `Vec` or map.
    direct_reach: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

impl<'a> Context<'a> {
    /// Names every model type (in sorted model-name order, so collisions resolve the same way
    /// every time) and works out the recursion structure.
    pub(crate) fn new(api: &'a Api) -> Self {
        let mut scope = NameScope::new(Case::Camel);
        let type_names = api.types.keys().map(|name| (name.as_str(), scope.claim(name))).collect();
        let direct_reach =
            api.types.keys().map(|name| (name.as_str(), reachable_directly(api, name))).collect();
        Self { api, type_names, direct_reach }
    }

    /// The Rust name of a model type, if the type exists.
    pub(crate) fn type_name(&self, model_name: &str) -> Option<&RustName> {
        self.type_names.get(model_name)
    }

    /// A reference from type `owner` to `ty` needs a `Box` when `ty` is a named type that leads
    /// back to `owner` without an intervening `Vec` or map (otherwise the type has infinite size).
    pub(crate) fn needs_box(&self, owner: &str, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(target) => {
                target == owner
                    || self.direct_reach.get(target.as_str()).is_some_and(|set| set.contains(owner))
            }
            _ => false,
        }
    }

    /// `ty` spelled in Rust, as seen from module `from`.
    pub(crate) fn rust_type(&self, ty: &TypeRef, from: From) -> TokenStream {
        match ty {
            TypeRef::Named(name) => match (self.type_name(name), from) {
                (Some(ident), From::Types) => {
                    let ident = ident.ident();
                    quote!(#ident)
                }
                (Some(ident), From::Root) => {
                    let ident = ident.ident();
                    quote!(types::#ident)
                }
                // The check stage repairs references to missing types; unreachable here.
                (None, _) => quote!(::specbind::__private::serde_json::Value),
            },
            TypeRef::Primitive(primitive) => primitive_type(*primitive),
            TypeRef::Array(item) => {
                let item = self.rust_type(item, from);
                quote!(::std::vec::Vec<#item>)
            }
            TypeRef::Map(value) => {
                let value = self.rust_type(value, from);
                quote!(::std::collections::BTreeMap<::std::string::String, #value>)
            }
            TypeRef::Any => quote!(::specbind::__private::serde_json::Value),
        }
    }

    /// `ty` from `owner`'s definition, boxed when the reference is recursive.
    pub(crate) fn member_type(&self, owner: &str, ty: &TypeRef) -> TokenStream {
        let inner = self.rust_type(ty, From::Types);
        if self.needs_box(owner, ty) { quote!(::std::boxed::Box<#inner>) } else { inner }
    }

    /// Follows aliases to the type that `ty` finally names.
    pub(crate) fn resolve<'t>(&'t self, ty: &'t TypeRef) -> &'t TypeRef {
        self.api.resolve(ty)
    }

    /// The definition `ty` names after following aliases.
    pub(crate) fn definition(&self, ty: &TypeRef) -> Option<&'a TypeDef> {
        self.api.definition(ty)
    }
}

/// The Rust type of a scalar.
pub(crate) fn primitive_type(primitive: Primitive) -> TokenStream {
    match primitive {
        // JSON carries binary data as (base64) text; raw bodies use bytes instead.
        Primitive::String | Primitive::Bytes => quote!(::std::string::String),
        Primitive::Bool => quote!(::core::primitive::bool),
        Primitive::I32 => quote!(::core::primitive::i32),
        Primitive::I64 => quote!(::core::primitive::i64),
        Primitive::F32 => quote!(::core::primitive::f32),
        Primitive::F64 => quote!(::core::primitive::f64),
        Primitive::File => quote!(::specbind::FilePart),
    }
}

/// Named types that `ty` contains inline (not behind a `Vec` or map).
fn direct_targets(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}

fn direct_edges(def: &TypeDef) -> Vec<&str> {
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| direct_targets(&f.ty)).collect(),
        TypeKind::Union(u) => u.variants.iter().filter_map(|v| direct_targets(&v.ty)).collect(),
        TypeKind::Alias(target) => direct_targets(target).into_iter().collect(),
        TypeKind::StringEnum(_) => Vec::new(),
    }
}

fn reachable_directly<'a>(api: &'a Api, start: &str) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = api.types.get(start).map(direct_edges).unwrap_or_default();
    while let Some(name) = stack.pop() {
        if let Some((key, def)) = api.types.get_key_value(name)
            && seen.insert(key.as_str())
        {
            stack.extend(direct_edges(def));
        }
    }
    seen
}
