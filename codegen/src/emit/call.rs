//! The body of one operation method: the `Operation` constant, filling a `Call` from the
//! request, and handing it to the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::Context;
use super::plan::{BodyPlan, OperationPlan, ParamPlan};
use super::structs::field_names;
use crate::model::{Api, BodyEncoding, HttpMethod, ParamLocation, Primitive, TypeRef};

/// The async method that calls one operation.
pub(crate) fn emit_method(
    ctx: &Context<'_>,
    plan: &OperationPlan<'_>,
    docs: TokenStream,
) -> TokenStream {
    let method = plan.method.ident();
    let request = plan.request.ident();
    let body_type = plan.output.body_type();
    let decoder = plan.output.erased_decoder();
    let operation = operation_const(ctx.api, plan);
    let client_params = plan.client_params.iter().map(|param| {
        let name = &param.name;
        let key = param.client_param.as_deref().unwrap_or(&param.name);
        quote!(call.client_path_param(#name, #key);)
    });
    let params = plan.params.iter().map(|param| param_statement(ctx, param));
    let body = plan.body.as_ref().map(|body| body_statement(ctx, body));
    let nothing_sent = plan.params.is_empty() && plan.body.is_none();
    let unused = nothing_sent.then(|| quote!(let _ = request;));
    let regional = regional_statements(ctx, plan);
    let regions = &plan.op.unavailable_in;
    let unavailable = (!regions.is_empty()).then(|| quote!(call.unavailable_in(&[#(#regions),*]);));
    let mutable = (!nothing_sent || !plan.client_params.is_empty() || unavailable.is_some())
        .then(|| quote!(mut));
    quote! {
        #docs
        // `#[inline]`: not compiled where the bindings are defined, only where a method is
        // called, so a service's operations cost code generation only when used.
        #[inline]
        pub async fn #method(
            &self,
            request: #request,
        ) -> ::core::result::Result<::specbind::Response<#body_type>, ::specbind::Error> {
            #operation
            let #mutable call = ::specbind::__private::Call::new(&OPERATION);
            #unavailable
            #regional
            #( #client_params )*
            #( #params )*
            #body
            #unused
            ::specbind::__private::call(&self.inner, call, #decoder).await
        }
    }
}

fn operation_const(api: &Api, plan: &OperationPlan<'_>) -> TokenStream {
    let op = plan.op;
    let name = &op.id;
    let path = &op.path;
    let idempotent = op.idempotent;
    let method = match op.method {
        HttpMethod::Get => quote!(Get),
        HttpMethod::Put => quote!(Put),
        HttpMethod::Post => quote!(Post),
        HttpMethod::Delete => quote!(Delete),
        HttpMethod::Patch => quote!(Patch),
        HttpMethod::Head => quote!(Head),
        HttpMethod::Options => quote!(Options),
    };
    let codes = merged_codes(&api.retryable_codes, &op.retryable_codes);
    let throttling_codes = merged_codes(&api.throttling_codes, &op.throttling_codes);
    quote! {
        const OPERATION: ::specbind::__private::Operation = ::specbind::__private::Operation {
            name: #name,
            method: ::specbind::__private::Method::#method,
            path: #path,
            idempotent: #idempotent,
            retryable_codes: &[#( #codes ),*],
            throttling_codes: &[#( #throttling_codes ),*],
        };
    }
}

/// The API-wide codes followed by the operation's own, without repeats.
fn merged_codes<'a>(api: &'a [String], operation: &'a [String]) -> Vec<&'a str> {
    let mut codes: Vec<&str> = Vec::new();
    for code in api.iter().chain(operation) {
        if !codes.contains(&code.as_str()) {
            codes.push(code);
        }
    }
    codes
}

fn param_statement(ctx: &Context<'_>, plan: &ParamPlan<'_>) -> TokenStream {
    let name = &plan.param.name;
    let field = plan.field.ident();
    let is_list = matches!(ctx.resolve(&plan.param.ty), TypeRef::Array(_));
    let explode = plan.param.explode;
    match (plan.param.location, is_list, plan.optional) {
        (ParamLocation::Path, _, _) => quote!(call.path_param(#name, &request.#field);),
        (ParamLocation::Query, true, false) => {
            quote!(call.query_list(#name, &request.#field, #explode);)
        }
        (ParamLocation::Query, true, true) => quote! {
            if let ::core::option::Option::Some(values) = &request.#field {
                call.query_list(#name, values, #explode);
            }
        },
        (ParamLocation::Query, false, false) => quote!(call.query(#name, &request.#field);),
        (ParamLocation::Query, false, true) => quote!(call.query_opt(#name, &request.#field);),
        (ParamLocation::Header, _, false) => quote!(call.header(#name, &request.#field);),
        (ParamLocation::Header, _, true) => quote!(call.header_opt(#name, &request.#field);),
    }
}

/// Records the request body fields only some regions offer (`x-specbind-regional-fields`), so
/// the runtime can refuse them elsewhere before sending. The check stage made sure each names a
/// top-level field of a JSON object body, text-like when values are listed.
fn regional_statements(ctx: &Context<'_>, plan: &OperationPlan<'_>) -> Option<TokenStream> {
    let body = plan.body.as_ref().filter(|_| !plan.op.regional_fields.is_empty())?;
    let shape = ctx.api.struct_of(&body.body.ty)?;
    let names = field_names(shape);
    let checks = plan.op.regional_fields.iter().filter_map(|regional| {
        let index = shape.fields.iter().position(|f| f.wire_name == regional.field)?;
        let field = &shape.fields[index];
        let ident = names[index].ident();
        let (wire, values, regions) = (&regional.field, &regional.values, &regional.regions);
        let optional = !field.required || field.nullable;
        let record = |value: TokenStream| {
            quote!(call.regional_field(#wire, #value, &[#( #values ),*], &[#( #regions ),*]);)
        };
        let none = quote!(::core::option::Option::None);
        let text = |value: TokenStream| {
            quote! {
                ::core::option::Option::Some(&*::specbind::__private::ParamValue::to_param(#value))
            }
        };
        Some(match (values.is_empty(), optional) {
            (true, true) => {
                let record = record(none);
                quote!(if ::core::option::Option::is_some(&body.#ident) { #record })
            }
            (true, false) => record(none),
            (false, true) => {
                let record = record(text(quote!(value)));
                quote!(if let ::core::option::Option::Some(value) = &body.#ident { #record })
            }
            (false, false) => record(text(quote!(&body.#ident))),
        })
    });
    let field = body.field.ident();
    Some(match body.optional {
        true => quote! {
            if let ::core::option::Option::Some(body) = &request.#field { #( #checks )* }
        },
        false => quote!({ let body = &request.#field; #( #checks )* }),
    })
}

fn body_statement(ctx: &Context<'_>, plan: &BodyPlan<'_>) -> TokenStream {
    let content_type = &plan.body.content_type;
    let field = plan.field.ident();
    if plan.body.encoding == BodyEncoding::Multipart {
        return multipart_statement(ctx, plan);
    }
    let (setter, by_reference) = match plan.body.encoding {
        BodyEncoding::Json => (quote!(json_body), true),
        // Multipart bodies returned above; the arm only keeps the match exhaustive.
        BodyEncoding::Form | BodyEncoding::Multipart => (quote!(form_body), true),
        BodyEncoding::Binary => (quote!(bytes_body), false),
        BodyEncoding::Text => (quote!(text_body), false),
    };
    match (plan.optional, by_reference) {
        (false, true) => quote!(call.#setter(#content_type, &request.#field);),
        (false, false) => quote!(call.#setter(#content_type, request.#field);),
        (true, true) => quote! {
            if let ::core::option::Option::Some(body) = &request.#field {
                call.#setter(#content_type, body);
            }
        },
        (true, false) => quote! {
            if let ::core::option::Option::Some(body) = request.#field {
                call.#setter(#content_type, body);
            }
        },
    }
}

/// A multipart body: each field of the body struct becomes one part (a file, or text), in
/// spec order. A body that is not a struct is sent as one text part named `body`.
fn multipart_statement(ctx: &Context<'_>, plan: &BodyPlan<'_>) -> TokenStream {
    let field = plan.field.ident();
    let parts: Vec<TokenStream> = match ctx.api.struct_of(&plan.body.ty) {
        Some(shape) => shape
            .fields
            .iter()
            .zip(super::structs::field_names(shape))
            .map(|(part, name)| {
                let wire = &part.wire_name;
                let member = name.ident();
                let is_file =
                    |ty: &TypeRef| matches!(ctx.resolve(ty), TypeRef::Primitive(Primitive::File));
                let resolved = ctx.resolve(&part.ty);
                let add = match resolved {
                    TypeRef::Primitive(Primitive::File) => quote!(form.file(#wire, value);),
                    TypeRef::Array(item) if is_file(item) => {
                        quote!(for file in value { form.file(#wire, file); })
                    }
                    _ => quote!(form.text(#wire, value);),
                };
                if part.required {
                    quote!({ let value = &body.#member; #add })
                } else {
                    quote!(if let ::core::option::Option::Some(value) = &body.#member { #add })
                }
            })
            .collect(),
        None => vec![quote!(form.text("body", body);)],
    };
    let write = quote! {
        let mut form = ::specbind::__private::MultipartForm::new();
        #( #parts )*
        call.multipart_body(&form);
    };
    if plan.optional {
        quote!(if let ::core::option::Option::Some(body) = &request.#field { #write })
    } else {
        quote!({ let body = &request.#field; #write })
    }
}
