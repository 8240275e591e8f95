//! Paging glue for operations with `x-specbind-pagination`: `PagedRequest` for the request
//! type, `PagedResponse` for the response body, and the `<method>_paginator` method.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, From, primitive_type};
use super::plan::{OperationPlan, OutcomePlan, OutputPlan};
use super::requests::status_variant;
use super::structs::field_names;
use crate::ident::RustName;
use crate::model::{
    NextMarker, PageParamLocation, Pagination, Primitive, StructDef, TypeKind, TypeRef,
};

/// How a count (offset, limit, total) is stored.
enum CountType {
    /// An integer type such as `i32`.
    Int(TokenStream),
    /// A decimal string.
    DecimalText,
}

/// A count field somewhere in a request or response, as generated code reaches it.
struct IntField {
    /// The field's name relative to its owner, e.g. `offset`.
    ident: proc_macro2::Ident,
    int: CountType,
    optional: bool,
}

/// Emits `PagedRequest` for the request type of every paginated operation and one
/// `PagedResponse` per distinct response body type.
pub(crate) fn emit_paging_impls(ctx: &Context<'_>, plans: &[OperationPlan<'_>]) -> TokenStream {
    let mut responses: BTreeMap<String, TokenStream> = BTreeMap::new();
    let mut out = TokenStream::new();
    for plan in plans {
        let Some(paging) = &plan.op.pagination else { continue };
        // The check stage enforced what these need (fields exist with usable types, one body
        // type, one paging shape per response type), so neither can fail on a checked model.
        if let (Ok(request), Ok(impls)) =
            (paged_request(ctx, plan, paging), paged_response(ctx, plan, paging))
        {
            out.extend(request);
            for (key, response) in impls {
                responses.entry(key).or_insert(response);
            }
        }
    }
    out.extend(responses.into_values());
    out
}

/// The `<method>_paginator` method.
pub(crate) fn emit_paginator(plan: &OperationPlan<'_>) -> Option<TokenStream> {
    let name = plan.paginator.as_ref()?.ident();
    let method = plan.method.ident();
    let request = plan.request.ident();
    let body = plan.output.body_type();
    let doc = format!(
        " Every page of [`Self::{}`], fetched as the stream is polled.",
        plan.method.bare()
    );
    Some(quote! {
        #[doc = #doc]
        #[inline]
        pub fn #name(&self, request: #request) -> ::specbind::Paginator<#body> {
            let client = ::core::clone::Clone::clone(self);
            ::specbind::Paginator::new(request, move |request: #request| {
                let client = ::core::clone::Clone::clone(&client);
                async move { client.#method(request).await }
            })
        }
    })
}

fn paged_request(
    ctx: &Context<'_>,
    plan: &OperationPlan<'_>,
    paging: &Pagination,
) -> Result<TokenStream, String> {
    let (offset, limit, bind, bind_mut) = match paging.location {
        PageParamLocation::Query => {
            let find = |name: &str| {
                let param = plan.params.iter().find(|p| p.param.name == name);
                let param = param
                    .ok_or_else(|| format!("paging parameter `{name}` is not a query parameter"))?;
                let int = int_type(ctx, &param.param.ty).ok_or_else(|| {
                    format!("paging parameter `{name}` is not an integer or string")
                })?;
                Ok::<_, String>(IntField {
                    ident: param.field.ident(),
                    int,
                    optional: param.optional,
                })
            };
            (
                find(&paging.offset)?,
                find(&paging.limit)?,
                quote!(let page = self;),
                quote!(let page = self;),
            )
        }
        PageParamLocation::Body => {
            let body = plan.body.as_ref().ok_or("paging in the body needs a request body")?;
            let shape = struct_shape(ctx, &body.body.ty)
                .ok_or("paging in the body needs an object body")?;
            let find = |name: &str| struct_int_field(ctx, shape, name);
            let field = body.field.ident();
            let (bind, bind_mut) = if body.optional {
                (
                    quote!(let ::core::option::Option::Some(page) = &self.#field else { return ::core::option::Option::None };),
                    quote!(let ::core::option::Option::Some(page) = &mut self.#field else { return };),
                )
            } else {
                (quote!(let page = &self.#field;), quote!(let page = &mut self.#field;))
            };
            (find(&paging.offset)?, find(&paging.limit)?, bind, bind_mut)
        }
    };
    let request = plan.request.ident();
    let by_marker = paging.next_marker.as_ref().map(|_| {
        let marker = &offset.ident;
        // The check stage makes sure a marker parameter is a string.
        let store = if offset.optional {
            quote!(page.#marker = ::core::option::Option::Some(marker);)
        } else {
            quote!(page.#marker = marker;)
        };
        quote! {
            fn pages_by_marker() -> ::core::primitive::bool { true }
            fn set_marker(&mut self, marker: ::std::string::String) {
                #bind_mut
                #store
            }
        }
    });
    let numbering = paging.first_page.map(|first| {
        quote! {
            fn page_numbering() -> ::core::option::Option<::core::primitive::u64> {
                ::core::option::Option::Some(#first)
            }
        }
    });
    let read_offset = read_u64(&offset);
    let read_limit = read_u64(&limit);
    // Under marker paging the offset slot is the marker: only the limit is written as a number.
    let write_offset = match paging.next_marker {
        Some(_) => quote!(let _ = offset;),
        None => write_int(&offset, quote!(offset)),
    };
    let write_limit = write_int(&limit, quote!(limit));
    Ok(quote! {
        impl ::specbind::pagination::PagedRequest for #request {
            fn page_offset(&self) -> ::core::option::Option<::core::primitive::u64> {
                #bind
                #read_offset
            }
            fn page_limit(&self) -> ::core::option::Option<::core::primitive::u64> {
                #bind
                #read_limit
            }
            fn set_page(
                &mut self,
                offset: ::core::primitive::u64,
                limit: ::core::option::Option<::core::primitive::u64>,
            ) {
                #bind_mut
                #write_offset
                if let ::core::option::Option::Some(limit) = limit {
                    #write_limit
                }
            }
            #numbering
            #by_marker
        }
    })
}

/// `PagedResponse` for the body type and, when some success statuses have no body (DCS answers
/// "no records" with a bare 204), for the `<OperationId>Output` enum too: a bodiless outcome is
/// an empty last page. Each impl comes with the key that makes it unique in the module.
fn paged_response(
    ctx: &Context<'_>,
    plan: &OperationPlan<'_>,
    paging: &Pagination,
) -> Result<Vec<(String, TokenStream)>, String> {
    let (ty, by_status) = match &plan.output {
        OutputPlan::Single { ty, .. } => (ty, None),
        OutputPlan::ByStatus { name, outcomes } => {
            let mut bodies = outcomes.iter().filter_map(|outcome| outcome.body.as_ref());
            let (ty, _) = bodies.next().ok_or("a paginated operation needs a response body")?;
            (ty, Some((name, outcomes)))
        }
    };
    let body_ty = plan.op.responses.iter().find_map(|r| r.body.as_ref()).map(|b| &b.ty);
    let body_ty = body_ty.ok_or("a paginated operation needs a response body")?;
    let shape = struct_shape(ctx, body_ty).ok_or("a paginated response must be an object")?;
    let names = field_names(shape);
    let items_index = shape.fields.iter().position(|f| f.wire_name == paging.items);
    let items_index =
        items_index.ok_or_else(|| format!("response has no field `{}`", paging.items))?;
    let items_field = &shape.fields[items_index];
    let TypeRef::Array(item) = ctx.resolve(&items_field.ty) else {
        return Err(format!("response field `{}` is not an array", paging.items));
    };
    let item = ctx.rust_type(item, From::Root);
    let items = names[items_index].ident();
    let items_optional = !items_field.required || items_field.nullable;
    let (len, into_items) = if items_optional {
        (
            quote!(self.#items.as_ref().map_or(0, |items| items.len())),
            quote!(self.#items.unwrap_or_default()),
        )
    } else {
        (quote!(self.#items.len()), quote!(self.#items))
    };
    let total = match &paging.total {
        Some(total) => {
            let field = struct_int_field(ctx, shape, total)?;
            let page = quote!(let page = self;);
            let read = read_u64(&field);
            quote!(#page #read)
        }
        None => quote!(::core::option::Option::None),
    };
    let next_marker = paging.next_marker.as_ref().map(|next| {
        let read = match next {
            NextMarker::At(pointer) => quote!(::specbind::__private::marker_at(self, #pointer)),
            NextMarker::LastItem(field) => {
                let items = &paging.items;
                quote!(::specbind::__private::last_item_marker(self, #items, #field))
            }
        };
        quote! {
            fn next_marker(&self) -> ::core::option::Option<::std::string::String> { #read }
        }
    });
    let key = match body_ty {
        TypeRef::Named(name) => name.clone(),
        other => format!("{other:?}"),
    };
    let mut impls = vec![(
        key,
        quote! {
            impl ::specbind::pagination::PagedResponse for #ty {
                type Item = #item;
                fn page_len(&self) -> ::core::primitive::usize { #len }
                fn total_count(&self) -> ::core::option::Option<::core::primitive::u64> {
                    #total
                }
                fn into_page_items(self) -> ::std::vec::Vec<Self::Item> { #into_items }
                #next_marker
            }
        },
    )];
    if let Some((name, outcomes)) = by_status {
        impls.push((
            format!("output enum {}", name.as_str()),
            paged_output_enum(name, outcomes, ty),
        ));
    }
    Ok(impls)
}

/// `PagedResponse` for an output enum whose statuses share one body type `ty`: statuses with
/// that body delegate to it, the others (bodiless, or undeclared) are empty pages.
fn paged_output_enum(name: &RustName, outcomes: &[OutcomePlan], ty: &TokenStream) -> TokenStream {
    let ident = name.ident();
    let paged = quote!(::specbind::pagination::PagedResponse);
    let pages: Vec<_> = outcomes
        .iter()
        .filter(|outcome| outcome.body.is_some())
        .map(|outcome| {
            let variant = status_variant(outcome);
            quote!(Self::#variant(page))
        })
        .collect();
    quote! {
        impl #paged for #ident {
            type Item = <#ty as #paged>::Item;
            fn page_len(&self) -> ::core::primitive::usize {
                match self { #( #pages => #paged::page_len(page), )* _ => 0 }
            }
            fn total_count(&self) -> ::core::option::Option<::core::primitive::u64> {
                match self {
                    #( #pages => #paged::total_count(page), )*
                    _ => ::core::option::Option::None,
                }
            }
            fn into_page_items(self) -> ::std::vec::Vec<Self::Item> {
                match self { #( #pages => #paged::into_page_items(page), )* _ => ::std::vec::Vec::new() }
            }
            fn next_marker(&self) -> ::core::option::Option<::std::string::String> {
                match self {
                    #( #pages => #paged::next_marker(page), )*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}

fn struct_shape<'a>(ctx: &Context<'a>, ty: &TypeRef) -> Option<&'a StructDef> {
    match &ctx.definition(ty)?.kind {
        TypeKind::Struct(shape) => Some(shape),
        _ => None,
    }
}

fn struct_int_field(ctx: &Context<'_>, shape: &StructDef, name: &str) -> Result<IntField, String> {
    let index = shape.fields.iter().position(|f| f.wire_name == name);
    let index = index.ok_or_else(|| format!("paging field `{name}` is not in the object"))?;
    let field = &shape.fields[index];
    let int = int_type(ctx, &field.ty)
        .ok_or_else(|| format!("paging field `{name}` is not an integer or string"))?;
    let ident = field_names(shape)[index].ident();
    Ok(IntField { ident, int, optional: !field.required || field.nullable })
}

/// Offsets and limits are integers, or decimal strings in some APIs (e.g. VPCEP's
/// resources-by-tag body); `None` for any other type.
fn int_type(ctx: &Context<'_>, ty: &TypeRef) -> Option<CountType> {
    match ctx.resolve(ty) {
        TypeRef::Primitive(primitive @ (Primitive::I32 | Primitive::I64)) => {
            Some(CountType::Int(primitive_type(*primitive)))
        }
        TypeRef::Primitive(Primitive::String) => Some(CountType::DecimalText),
        _ => None,
    }
}

// `TryFrom` is spelled out because it is not in the prelude of editions before 2021.

/// Reads `page.<field>` as a `u64`; negative or unparsable values read as absent.
fn read_u64(field: &IntField) -> TokenStream {
    let ident = &field.ident;
    let u64 = quote!(::core::primitive::u64);
    match (matches!(field.int, CountType::DecimalText), field.optional) {
        (true, true) => quote!(page.#ident.as_deref().and_then(|value| value.parse::<#u64>().ok())),
        (true, false) => quote!(page.#ident.parse::<#u64>().ok()),
        (false, true) => {
            quote!(page.#ident.and_then(|value| <#u64 as ::core::convert::TryFrom<_>>::try_from(value).ok()))
        }
        (false, false) => quote!(<#u64 as ::core::convert::TryFrom<_>>::try_from(page.#ident).ok()),
    }
}

fn write_int(field: &IntField, value: TokenStream) -> TokenStream {
    let ident = &field.ident;
    let converted = match &field.int {
        CountType::DecimalText => quote!(::std::string::ToString::to_string(&#value)),
        CountType::Int(int) => quote! {
            <#int as ::core::convert::TryFrom<::core::primitive::u64>>::try_from(#value)
                .unwrap_or(#int::MAX)
        },
    };
    if field.optional {
        quote!(page.#ident = ::core::option::Option::Some(#converted);)
    } else {
        quote!(page.#ident = #converted;)
    }
}
