//! Object schemas → structs with written-out `Serialize` and `Deserialize` impls (see
//! `serde_impls.rs`), plus `new()` and setters for request bodies.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::builder::{BuilderField, emit_constructor_and_setters};
use super::context::{Context, From, primitive_type};
use super::docs::DocBuilder;
use super::serde_impls::{SerdeField, WhenMissing, emit_serde_impls};
use crate::ident::{Case, NameScope, RustName};
use crate::model::{Field, Primitive, StructDef, TypeDef, TypeKind, TypeRef};

/// One struct field after naming and typing decisions.
struct FieldPlan<'f> {
    field: &'f Field,
    name: RustName,
    /// `T` or `Box<T>`, before any `Option`.
    inner: TokenStream,
    /// Stored as `Option<inner>`.
    optional: bool,
    /// The spec default of a required field, filled in when the field is missing.
    default_value: Option<TokenStream>,
}

/// Emits the struct for `def`. `constructible` adds `new()` and setters (for types that users
/// build: request bodies and what they contain).
pub(crate) fn emit_struct(
    ctx: &Context<'_>,
    def: &TypeDef,
    shape: &StructDef,
    name: &RustName,
    constructible: bool,
) -> TokenStream {
    let (names, mut scope) = field_scope(shape);
    let plans: Vec<FieldPlan<'_>> = shape
        .fields
        .iter()
        .zip(names)
        .map(|(field, name)| plan_field(ctx, def, field, name))
        .collect();
    let extra = shape.additional_properties.as_ref().map(|ty| {
        let value = ctx.member_type(&def.name, ty);
        (scope.claim("additional_properties").ident(), value)
    });

    let ident = name.ident();
    let docs = DocBuilder::from_docs(&def.docs).render_or(format!("The `{}` object.", def.name));
    let derive_default = plans.iter().all(|plan| plan.optional);
    let default = derive_default.then(|| quote!(::core::default::Default,));
    let fields = plans.iter().map(field_tokens);
    let extra_field = extra.as_ref().map(|(ident, value)| {
        quote! {
            /// Properties not listed above.
            pub #ident: ::std::collections::BTreeMap<::std::string::String, #value>,
        }
    });
    let defaults = default_fns(name, &plans);
    let serde_impls = emit_serde_impls(
        &ident,
        &plans.iter().map(FieldPlan::serde_field).collect::<Vec<_>>(),
        extra.as_ref().map(|(ident, value)| (ident, value)),
    );
    let builder = constructible
        .then(|| constructor_and_setters(&ident, &plans, extra.as_ref().map(|e| &e.0)));
    quote! {
        #docs
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            #default
        )]
        pub struct #ident {
            #( #fields )*
            #extra_field
        }
        #serde_impls
        #defaults
        #builder
    }
}

/// The Rust field names of an object type, in spec order (the paging glue needs them too).
pub(crate) fn field_names(shape: &StructDef) -> Vec<RustName> {
    field_scope(shape).0
}

fn field_scope(shape: &StructDef) -> (Vec<RustName>, NameScope) {
    // `new` is the constructor, so no setter may take that name.
    let mut scope = NameScope::with_reserved(Case::Snake, &["new"]);
    let names = shape.fields.iter().map(|field| scope.claim(&field.wire_name)).collect();
    (names, scope)
}

fn plan_field<'f>(
    ctx: &Context<'_>,
    def: &TypeDef,
    field: &'f Field,
    name: RustName,
) -> FieldPlan<'f> {
    let optional = !field.required || field.nullable;
    let default_value = match optional {
        false => field.default.as_ref().and_then(|value| default_literal(ctx, &field.ty, value)),
        true => None,
    };
    FieldPlan { field, name, inner: ctx.member_type(&def.name, &field.ty), optional, default_value }
}

fn field_tokens(plan: &FieldPlan<'_>) -> TokenStream {
    let field = plan.field;
    let mut docs = DocBuilder::from_docs(&field.docs);
    docs.constraints(&field.constraints).default_value(field.default.as_ref());
    if field.read_only {
        docs.paragraph("Set by the server; ignored in requests.");
    }
    if field.deprecated {
        docs.paragraph("Deprecated by the API.");
    }
    if field.required && field.nullable {
        docs.paragraph("Always sent; `None` is sent as `null`.");
    }
    let docs = docs.render_or(format!("`{}`", field.wire_name));
    let ident = plan.name.ident();
    let ty = plan.stored_type();
    quote! {
        #docs
        pub #ident: #ty,
    }
}

fn default_fn_name(plan: &FieldPlan<'_>) -> Ident {
    format_ident!("__default_{}", plan.name.bare())
}

/// Spec defaults as functions: a missing required field with a spec default decodes to that
/// default instead of failing.
fn default_fns(owner: &RustName, plans: &[FieldPlan<'_>]) -> Option<TokenStream> {
    let fns: Vec<TokenStream> = plans
        .iter()
        .filter_map(|plan| {
            let value = plan.default_value.as_ref()?;
            let name = default_fn_name(plan);
            let ty = &plan.inner;
            Some(quote! {
                #[doc(hidden)]
                fn #name() -> #ty { #value }
            })
        })
        .collect();
    if fns.is_empty() {
        return None;
    }
    let owner = owner.ident();
    Some(quote! { impl #owner { #( #fns )* } })
}

/// A Rust expression for a spec default, when the type has an obvious literal form.
fn default_literal(
    ctx: &Context<'_>,
    ty: &TypeRef,
    value: &serde_json::Value,
) -> Option<TokenStream> {
    let resolved = ctx.resolve(ty);
    if let TypeRef::Primitive(primitive) = resolved {
        return primitive_literal(*primitive, value);
    }
    let def = ctx.definition(ty)?;
    match (&def.kind, value.as_str()) {
        (TypeKind::StringEnum(_), Some(text)) => {
            let ident = ctx.type_name(&def.name)?.ident();
            Some(quote!(<#ident as ::core::convert::From<&::core::primitive::str>>::from(#text)))
        }
        _ => None,
    }
}

fn primitive_literal(primitive: Primitive, value: &serde_json::Value) -> Option<TokenStream> {
    let ty = primitive_type(primitive);
    match primitive {
        Primitive::Bool => value.as_bool().map(|b| quote!(#b)),
        Primitive::I32 => value.as_i64().and_then(|n| i32::try_from(n).ok()).map(|n| quote!(#n)),
        Primitive::I64 => value.as_i64().map(|n| quote!(#n)),
        Primitive::F32 => value.as_f64().map(|n| {
            let n = n as f32;
            quote!(#n)
        }),
        Primitive::F64 => value.as_f64().map(|n| quote!(#n)),
        Primitive::File => None,
        Primitive::String | Primitive::Bytes => value
            .as_str()
            .map(|s| quote!(<#ty as ::core::convert::From<&::core::primitive::str>>::from(#s))),
    }
}

fn constructor_and_setters(
    ident: &Ident,
    plans: &[FieldPlan<'_>],
    extra: Option<&Ident>,
) -> TokenStream {
    let stored: Vec<TokenStream> = plans.iter().map(FieldPlan::stored_type).collect();
    let fields: Vec<BuilderField<'_>> = plans
        .iter()
        .zip(&stored)
        .map(|(plan, stored)| BuilderField {
            ident: plan.name.ident(),
            ty: if plan.field_is_set_later() { &plan.inner } else { stored },
            set_later: plan.field_is_set_later(),
            setter_doc: format!(" Sets `{}`.", plan.field.wire_name),
        })
        .collect();
    let extra_init = extra.map(|name| quote!(#name: ::core::default::Default::default(),));
    emit_constructor_and_setters(
        ident,
        "Creates a value from its required fields; optional fields start unset.",
        &fields,
        extra_init,
    )
}

impl FieldPlan<'_> {
    fn serde_field(&self) -> SerdeField<'_> {
        let when_missing = match (self.optional, &self.default_value) {
            (true, _) => WhenMissing::IsNone,
            (false, Some(_)) => WhenMissing::Default(default_fn_name(self)),
            (false, None) => WhenMissing::Fail,
        };
        SerdeField {
            wire_name: &self.field.wire_name,
            ident: self.name.ident(),
            inner: &self.inner,
            when_missing,
            skip_if_none: !self.field.required,
        }
    }

    /// Optional (not required) fields start as `None` and get a setter; required ones, even
    /// nullable, are constructor arguments.
    fn field_is_set_later(&self) -> bool {
        !self.field.required
    }

    fn stored_type(&self) -> TokenStream {
        let inner = &self.inner;
        if self.optional { quote!(::core::option::Option<#inner>) } else { inner.clone() }
    }
}

/// Emits `pub type Name = Target;` for a named non-object schema.
pub(crate) fn emit_alias(
    ctx: &Context<'_>,
    def: &TypeDef,
    target: &TypeRef,
    name: &RustName,
) -> TokenStream {
    let ident = name.ident();
    let docs = DocBuilder::from_docs(&def.docs).render_or(format!("The `{}` schema.", def.name));
    let target = ctx.rust_type(target, From::Types);
    quote! {
        #docs
        pub type #ident = #target;
    }
}
