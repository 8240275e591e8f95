//! Emission: model → Rust tokens for the items of the bindings module.
//!
//! Layout of the output (see docs/ARCHITECTURE.md, "Generated code"): a `types` module with one
//! item per schema, then per operation a `<OperationId>Request` (and an `<OperationId>Output`
//! when bodies differ by status), paging glue, and the `Client`. Every path in the output is
//! fully qualified so it never depends on the caller's imports, and every list is emitted in a
//! sorted order so the output is deterministic.

mod builder;
mod call;
mod client;
mod context;
mod docs;
mod enums;
mod paging;
mod plan;
mod requests;
mod serde_impls;
mod structs;
mod types;
mod unions;
mod waiters;

#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Api;

/// Emits the items of the bindings module for a checked `api`. Emission cannot fail: every
/// rule it relies on was enforced (or repaired) by [`crate::check`].
pub fn emit_api(api: &Api) -> TokenStream {
    let ctx = context::Context::new(api);
    let plans = plan::plan_operations(&ctx);
    let types = types::emit_types_module(&ctx);
    let mut root: Vec<(String, TokenStream)> = Vec::new();
    for plan in &plans {
        root.push((plan.request.as_str().to_owned(), requests::emit_request(plan)));
        if let (Some(output), plan::OutputPlan::ByStatus { name, .. }) =
            (requests::emit_output(plan), &plan.output)
        {
            root.push((name.as_str().to_owned(), output));
        }
    }
    root.sort_by(|a, b| a.0.cmp(&b.0));
    let root = root.into_iter().map(|(_, tokens)| tokens);
    let paging = paging::emit_paging_impls(&ctx, &plans);
    let client = client::emit_client(&ctx, &plans);
    quote! {
        #types
        #( #root )*
        #paging
        #client
    }
}
