//! The generated `Client`: construction, one async method per operation, paginators and
//! waiters, all thin calls into `::specbind::Client`.

use proc_macro2::TokenStream;
use quote::quote;

use super::call::emit_method;
use super::context::Context;
use super::docs::DocBuilder;
use super::paging::emit_paginator;
use super::plan::OperationPlan;
use super::waiters::emit_waiter;
use crate::model::CredentialScope;

/// Emits `Client` and its `impl` with every operation method, ordered by method name.
pub(crate) fn emit_client(ctx: &Context<'_>, plans: &[OperationPlan<'_>]) -> TokenStream {
    let service = ctx.api.service.clone().unwrap_or_default();
    let host = match (&ctx.api.host, service.is_empty()) {
        (Some(host), _) => host.clone(),
        (None, false) => format!("{service}.{{region}}.myhuaweicloud.com"),
        // Nothing says where the service lives: the caller sets an endpoint.
        (None, true) => String::new(),
    };
    let scope = match ctx.api.scope {
        CredentialScope::Project => quote!(Project),
        CredentialScope::Domain => quote!(Domain),
    };
    let mut methods: Vec<(String, TokenStream)> = Vec::new();
    for plan in plans {
        methods.push((plan.method.bare().to_owned(), emit_method(ctx, plan, method_docs(plan))));
        if let Some(paginator) = emit_paginator(plan) {
            let name = plan.paginator.as_ref().map(|n| n.bare().to_owned()).unwrap_or_default();
            methods.push((name, paginator));
        }
        for (waiter, name) in plan.op.waiters.iter().zip(&plan.waiters) {
            methods.push((name.bare().to_owned(), emit_waiter(plan, waiter, name)));
        }
    }
    methods.sort_by(|a, b| a.0.cmp(&b.0));
    let methods = methods.into_iter().map(|(_, tokens)| tokens);
    let mut docs = DocBuilder::default();
    match &ctx.api.title {
        Some(title) => docs.paragraph(format!("Client for {}.", title.trim())),
        None => docs.paragraph("Client for this API."),
    };
    let docs = docs.docs(&ctx.api.docs).render();
    quote! {
        #docs
        #[derive(::core::clone::Clone, ::core::fmt::Debug)]
        pub struct Client {
            inner: ::specbind::Client,
        }
        impl Client {
            /// Service name used to pick the endpoint.
            pub const SERVICE: &'static ::core::primitive::str = #service;

            /// Where the service lives and whose id scopes its credentials.
            pub const SERVICE_INFO: ::specbind::ServiceInfo = ::specbind::ServiceInfo::new(
                #service,
                #host,
                ::specbind::CredentialScope::#scope,
            );

            /// Wraps a runtime client.
            pub fn new(inner: ::specbind::Client) -> Self {
                Self { inner }
            }

            /// Builds the runtime client for this service from `config`.
            pub fn from_config(
                config: ::specbind::Config,
            ) -> ::core::result::Result<Self, ::specbind::Error> {
                ::specbind::Client::for_service(&Self::SERVICE_INFO, config).map(Self::new)
            }

            /// The runtime client underneath.
            pub fn runtime(&self) -> &::specbind::Client {
                &self.inner
            }

            /// A client whose calls use `options` (timeouts, retries).
            pub fn with_options(&self, options: ::specbind::CallOptions) -> Self {
                Self { inner: self.inner.with_options(options) }
            }

            #( #methods )*
        }
    }
}

fn method_docs(plan: &OperationPlan<'_>) -> TokenStream {
    let op = plan.op;
    let mut docs = DocBuilder::from_docs(&op.docs);
    docs.paragraph(format!("`{} {}` (`{}`).", op.method.as_str(), op.path, op.id));
    if op.deprecated {
        docs.paragraph("Deprecated by the API.");
    }
    let headers: Vec<String> = op
        .responses
        .iter()
        .flat_map(|response| {
            response.headers.iter().map(move |header| {
                let about = header.docs.summary.as_deref().or(header.docs.description.as_deref());
                let about = about.map(|text| format!(": {}", text.trim())).unwrap_or_default();
                format!("- `{}` (HTTP {}){about}", header.name, response.status)
            })
        })
        .collect();
    if !headers.is_empty() {
        docs.paragraph(format!(
            "Response headers (read them with `Response::header`):\n{}",
            headers.join("\n")
        ));
    }
    docs.render()
}
