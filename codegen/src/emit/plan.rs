//! Naming and typing decisions for every operation, made once and shared by the request-type
//! emitter and the client emitter so both agree on every identifier.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Context, From};
use crate::ident::{Case, NameScope, RustName};
use crate::model::{BodyEncoding, Operation, Parameter, RequestBody, TypeRef};

/// Methods of the generated `Client` that operations must not shadow.
const CLIENT_METHODS: &[&str] = &["new", "from_config", "runtime", "with_options", "inner"];

/// One parameter that is a field of the request type.
#[derive(Debug)]
pub(crate) struct ParamPlan<'a> {
    pub(crate) param: &'a Parameter,
    pub(crate) field: RustName,
    /// The value type, before any `Option`.
    pub(crate) ty: TokenStream,
    pub(crate) optional: bool,
}

/// The request body as a field of the request type.
#[derive(Debug)]
pub(crate) struct BodyPlan<'a> {
    pub(crate) body: &'a RequestBody,
    pub(crate) field: RustName,
    pub(crate) ty: TokenStream,
    pub(crate) optional: bool,
}

/// How one response body is decoded; the runtime has a function for each.
#[derive(Debug, Clone)]
pub(crate) enum BodyDecoder {
    Json(TokenStream),
    Text,
    Bytes,
    Empty,
}

impl BodyDecoder {
    /// The runtime function returning the typed body.
    pub(crate) fn typed(&self) -> TokenStream {
        match self {
            BodyDecoder::Json(ty) => quote!(::specbind::__private::decode_json::<#ty>),
            BodyDecoder::Text => quote!(::specbind::__private::decode_text),
            BodyDecoder::Bytes => quote!(::specbind::__private::decode_bytes),
            BodyDecoder::Empty => quote!(::specbind::__private::decode_empty),
        }
    }

    /// The runtime function returning the body boxed, for `__private::call`.
    fn erased(&self) -> TokenStream {
        match self {
            BodyDecoder::Json(ty) => quote!(::specbind::__private::erased_json::<#ty>),
            BodyDecoder::Text => quote!(::specbind::__private::erased_text),
            BodyDecoder::Bytes => quote!(::specbind::__private::erased_bytes),
            BodyDecoder::Empty => quote!(::specbind::__private::erased_empty),
        }
    }
}

/// One 2xx outcome.
#[derive(Debug)]
pub(crate) struct OutcomePlan {
    pub(crate) status: u16,
    /// Type and decoder, or `None` for a bodiless status.
    pub(crate) body: Option<(TokenStream, BodyDecoder)>,
}

/// What a successful call returns.
#[derive(Debug)]
pub(crate) enum OutputPlan {
    /// One body type for every 2xx status (`()` when bodiless).
    Single { ty: TokenStream, decoder: BodyDecoder },
    /// Distinct bodies per status: an `<OperationId>Output` enum.
    ByStatus { name: RustName, outcomes: Vec<OutcomePlan> },
}

impl OutputPlan {
    /// The body type of `Response<T>`.
    pub(crate) fn body_type(&self) -> TokenStream {
        match self {
            OutputPlan::Single { ty, .. } => ty.clone(),
            OutputPlan::ByStatus { name, .. } => {
                let ident = name.ident();
                quote!(#ident)
            }
        }
    }

    /// The boxing decoder passed to `__private::call`.
    pub(crate) fn erased_decoder(&self) -> TokenStream {
        match self {
            OutputPlan::Single { decoder, .. } => decoder.erased(),
            OutputPlan::ByStatus { name, .. } => {
                let ident = name.ident();
                quote!(#ident::decode_erased)
            }
        }
    }
}

/// Everything decided about one operation.
#[derive(Debug)]
pub(crate) struct OperationPlan<'a> {
    pub(crate) op: &'a Operation,
    pub(crate) request: RustName,
    pub(crate) method: RustName,
    pub(crate) params: Vec<ParamPlan<'a>>,
    pub(crate) client_params: Vec<&'a Parameter>,
    pub(crate) body: Option<BodyPlan<'a>>,
    pub(crate) output: OutputPlan,
    pub(crate) paginator: Option<RustName>,
    /// Method name for each waiter, in declaration order.
    pub(crate) waiters: Vec<RustName>,
}

/// Plans every operation in `operationId` order (the order collisions are resolved in).
pub(crate) fn plan_operations<'a>(ctx: &Context<'a>) -> Vec<OperationPlan<'a>> {
    let ops: Vec<&Operation> = ctx.api.operations.values().collect();
    let mut root = NameScope::with_reserved(Case::Camel, &["Client"]);
    let requests: Vec<RustName> =
        ops.iter().map(|op| root.claim(&format!("{}Request", op.id))).collect();
    let mut methods = NameScope::with_reserved(Case::Snake, CLIENT_METHODS);
    let method_names: Vec<RustName> = ops.iter().map(|op| methods.claim(&op.id)).collect();
    ops.iter()
        .zip(requests)
        .zip(method_names)
        .map(|((op, request), method)| {
            let paginator = op
                .pagination
                .as_ref()
                .map(|_| methods.claim(&format!("{}_paginator", method.bare())));
            let waiters = op
                .waiters
                .iter()
                .map(|w| methods.claim(&format!("wait_until_{}", w.name)))
                .collect();
            let output = plan_output(ctx, op, &mut root);
            let (params, client_params, body) = plan_fields(ctx, op);
            OperationPlan {
                op,
                request,
                method,
                params,
                client_params,
                body,
                output,
                paginator,
                waiters,
            }
        })
        .collect()
}

type Fields<'a> = (Vec<ParamPlan<'a>>, Vec<&'a Parameter>, Option<BodyPlan<'a>>);

fn plan_fields<'a>(ctx: &Context<'a>, op: &'a Operation) -> Fields<'a> {
    // `new` is the request's constructor, so no setter may take that name.
    let mut scope = NameScope::with_reserved(Case::Snake, &["new"]);
    let mut params = Vec::new();
    let mut client_params = Vec::new();
    for param in &op.params {
        if param.client_param.is_some() {
            client_params.push(param);
            continue;
        }
        params.push(ParamPlan {
            param,
            field: scope.claim(&param.name),
            ty: ctx.rust_type(&param.ty, From::Root),
            // Path parameters are always sent, whatever the spec says.
            optional: !param.required && param.location != crate::model::ParamLocation::Path,
        });
    }
    let body = op.body.as_ref().map(|body| BodyPlan {
        body,
        field: scope.claim("body"),
        ty: body_type(ctx, body.encoding, &body.ty),
        optional: !body.required,
    });
    (params, client_params, body)
}

fn body_type(ctx: &Context<'_>, encoding: BodyEncoding, ty: &TypeRef) -> TokenStream {
    match encoding {
        BodyEncoding::Binary => quote!(::specbind::__private::bytes::Bytes),
        BodyEncoding::Text => quote!(::std::string::String),
        BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Multipart => {
            ctx.rust_type(ty, From::Root)
        }
    }
}

/// What a response body decodes into: raw bytes, text, or a model type from JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DecodedAs<'a> {
    Bytes,
    Text,
    Json(&'a TypeRef),
}

impl<'a> DecodedAs<'a> {
    fn of(encoding: BodyEncoding, ty: &'a TypeRef) -> Self {
        match encoding {
            BodyEncoding::Binary => DecodedAs::Bytes,
            BodyEncoding::Text => DecodedAs::Text,
            BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Multipart => {
                DecodedAs::Json(ty)
            }
        }
    }
}

/// Body type and decoder for one response body.
fn decoded(ctx: &Context<'_>, encoding: BodyEncoding, ty: &TypeRef) -> (TokenStream, BodyDecoder) {
    match encoding {
        BodyEncoding::Binary => (quote!(::specbind::__private::bytes::Bytes), BodyDecoder::Bytes),
        BodyEncoding::Text => (quote!(::std::string::String), BodyDecoder::Text),
        BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Multipart => {
            let ty = ctx.rust_type(ty, From::Root);
            (ty.clone(), BodyDecoder::Json(ty))
        }
    }
}

fn plan_output(ctx: &Context<'_>, op: &Operation, root: &mut NameScope) -> OutputPlan {
    let outcomes: Vec<OutcomePlan> = op
        .responses
        .iter()
        .map(|response| OutcomePlan {
            status: response.status,
            body: response.body.as_ref().map(|b| decoded(ctx, b.encoding, &b.ty)),
        })
        .collect();
    // Two statuses share a Rust body type when they decode the same way into the same model
    // type (compared on the model, not on rendered tokens).
    let mut distinct: Vec<Option<DecodedAs<'_>>> = op
        .responses
        .iter()
        .map(|response| response.body.as_ref().map(|b| DecodedAs::of(b.encoding, &b.ty)))
        .collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() > 1 {
        let name = root.claim(&format!("{}Output", op.id));
        return OutputPlan::ByStatus { name, outcomes };
    }
    match outcomes.into_iter().next().and_then(|o| o.body) {
        Some((ty, decoder)) => OutputPlan::Single { ty, decoder },
        None => OutputPlan::Single { ty: quote!(()), decoder: BodyDecoder::Empty },
    }
}
