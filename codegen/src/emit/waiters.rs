//! `wait_until_<name>` methods for `x-specbind-waiters`: a static `WaiterSpec` and a poll
//! closure handed to the runtime's one generic waiter.

use proc_macro2::TokenStream;
use quote::quote;

use super::plan::OperationPlan;
use crate::ident::RustName;
use crate::model::Waiter;

/// Emits one waiter method.
pub(crate) fn emit_waiter(
    plan: &OperationPlan<'_>,
    waiter: &Waiter,
    name: &RustName,
) -> TokenStream {
    let method = name.ident();
    let polled = plan.method.ident();
    let request = plan.request.ident();
    let body = plan.output.body_type();
    let spec = waiter_spec(waiter);
    let success = waiter.success.join("`, `");
    let doc = format!(
        " Polls [`Self::{}`] until `{}` is `{success}` (waiter `{}`).",
        plan.method.bare(),
        waiter.field,
        waiter.name
    );
    let poll = quote! {
        self.inner
            .wait(&WAITER, options, || self.#polled(::core::clone::Clone::clone(&request)))
            .await
    };
    if waiter.success_on_not_found {
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = " A 404 from the polled operation also ends the wait successfully."]
            #[inline]
            pub async fn #method(
                &self,
                request: #request,
                options: ::specbind::WaitOptions,
            ) -> ::core::result::Result<(), ::specbind::Error> {
                #spec
                #poll.map(|_| ())
            }
        }
    } else {
        quote! {
            #[doc = #doc]
            #[inline]
            pub async fn #method(
                &self,
                request: #request,
                options: ::specbind::WaitOptions,
            ) -> ::core::result::Result<::specbind::Response<#body>, ::specbind::Error> {
                #spec
                #poll.and_then(|outcome| ::specbind::__private::expect_polled(&WAITER, outcome))
            }
        }
    }
}

fn waiter_spec(waiter: &Waiter) -> TokenStream {
    let name = &waiter.name;
    let field = &waiter.field;
    let success = &waiter.success;
    let failure = &waiter.failure;
    let not_found = waiter.success_on_not_found;
    let delay = waiter.delay_seconds;
    let max_wait = waiter.max_wait_seconds;
    quote! {
        const WAITER: ::specbind::__private::WaiterSpec = ::specbind::__private::WaiterSpec {
            name: #name,
            field: #field,
            success: &[#( #success ),*],
            failure: &[#( #failure ),*],
            success_on_not_found: #not_found,
            delay_seconds: #delay,
            max_wait_seconds: #max_wait,
        };
    }
}
