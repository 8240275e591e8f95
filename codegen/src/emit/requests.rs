//! Per-operation types in the bindings module: `<OperationId>Request` (with `new()` taking the
//! required values and a setter per optional one) and, when 2xx bodies differ by status,
//! `<OperationId>Output`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::builder::{BuilderField, emit_constructor_and_setters};
use super::docs::DocBuilder;
use super::plan::{OperationPlan, OutcomePlan, OutputPlan};
use crate::ident::RustName;
use crate::model::ParamLocation;

/// One request field, whatever it carries.
struct RequestField<'p> {
    name: &'p RustName,
    /// What the setter's documentation calls it: the wire name, or "the request body".
    about: String,
    ty: &'p TokenStream,
    optional: bool,
    docs: TokenStream,
}

/// Emits the request type of one operation.
pub(crate) fn emit_request(plan: &OperationPlan<'_>) -> TokenStream {
    let fields = request_fields(plan);
    let ident = plan.request.ident();
    let doc = format!(" Input of [`Client::{}`].", plan.method.bare());
    let default = fields.iter().all(|f| f.optional).then(|| quote!(::core::default::Default,));
    let declarations = fields.iter().map(|field| {
        let name = field.name.ident();
        let ty = stored_type(field);
        let docs = &field.docs;
        quote!(#docs pub #name: #ty,)
    });
    let builder_fields: Vec<BuilderField<'_>> = fields
        .iter()
        .map(|field| BuilderField {
            ident: field.name.ident(),
            ty: field.ty,
            set_later: field.optional,
            setter_doc: format!(" Sets {}.", field.about),
        })
        .collect();
    let builder = emit_constructor_and_setters(
        &ident,
        "Creates a request from its required values; optional ones start unset.",
        &builder_fields,
        None,
    );
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #default)]
        pub struct #ident {
            #( #declarations )*
        }
        #builder
    }
}

fn stored_type(field: &RequestField<'_>) -> TokenStream {
    let ty = field.ty;
    if field.optional { quote!(::core::option::Option<#ty>) } else { ty.clone() }
}

fn request_fields<'p>(plan: &'p OperationPlan<'_>) -> Vec<RequestField<'p>> {
    let params = plan.params.iter().map(|p| {
        let mut docs = DocBuilder::from_docs(&p.param.docs);
        let place = match p.param.location {
            ParamLocation::Path => "Path",
            ParamLocation::Query => "Query",
            ParamLocation::Header => "Header",
        };
        docs.paragraph(format!("{place} parameter `{}`.", p.param.name));
        docs.constraints(&p.param.constraints).default_value(p.param.default.as_ref());
        let about = format!("`{}`", p.param.name);
        RequestField { name: &p.field, about, ty: &p.ty, optional: p.optional, docs: docs.render() }
    });
    let body = plan.body.iter().map(|b| {
        let mut docs = DocBuilder::from_docs(&b.body.docs);
        docs.paragraph(format!("Request body, sent as `{}`.", b.body.content_type));
        let about = "the request body".to_owned();
        RequestField { name: &b.field, about, ty: &b.ty, optional: b.optional, docs: docs.render() }
    });
    params.chain(body).collect()
}

/// Emits `<OperationId>Output` and its decoder when the operation has one.
pub(crate) fn emit_output(plan: &OperationPlan<'_>) -> Option<TokenStream> {
    let OutputPlan::ByStatus { name, outcomes } = &plan.output else { return None };
    let ident = name.ident();
    let doc = format!(" Success outcomes of [`Client::{}`], by HTTP status.", plan.method.bare());
    let variants = outcomes.iter().map(|outcome| {
        let variant = status_variant(outcome);
        let doc = format!(" HTTP {}.", outcome.status);
        match &outcome.body {
            Some((ty, _)) => quote!(#[doc = #doc] #variant(#ty),),
            None => quote!(#[doc = #doc] #variant,),
        }
    });
    let arms = outcomes.iter().map(|outcome| {
        let variant = status_variant(outcome);
        let status = outcome.status;
        match &outcome.body {
            Some((_, decoder)) => {
                let decoder = decoder.typed();
                quote!(#status => #decoder(status, body).map(Self::#variant),)
            }
            None => quote! {
                #status => ::specbind::__private::decode_empty(status, body).map(|()| Self::#variant),
            },
        }
    });
    Some(quote! {
        #[doc = #doc]
        #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
        #[derive(
            ::core::fmt::Debug,
            ::core::clone::Clone,
            ::core::cmp::PartialEq,
            ::specbind::__private::serde::Serialize,
        )]
        #[serde(crate = "::specbind::__private::serde", untagged)]
        pub enum #ident {
            #( #variants )*
            /// A 2xx status the spec does not declare, with its body as text.
            Other {
                /// The HTTP status.
                status: ::core::primitive::u16,
                /// The response body.
                body: ::std::string::String,
            },
        }
        impl #ident {
            fn decode(
                status: ::core::primitive::u16,
                body: &[::core::primitive::u8],
            ) -> ::core::result::Result<Self, ::specbind::__private::DecodeFailure> {
                match status {
                    #( #arms )*
                    _ => ::specbind::__private::decode_text(status, body)
                        .map(|body| Self::Other { status, body }),
                }
            }
            fn decode_erased(
                status: ::core::primitive::u16,
                body: &[::core::primitive::u8],
            ) -> ::core::result::Result<
                ::specbind::__private::ErasedBody,
                ::specbind::__private::DecodeFailure,
            > {
                Self::decode(status, body)
                    .map(|body| ::std::boxed::Box::new(body) as ::specbind::__private::ErasedBody)
            }
        }
    })
}

pub(crate) fn status_variant(outcome: &OutcomePlan) -> proc_macro2::Ident {
    format_ident!("Status{}", outcome.status)
}
