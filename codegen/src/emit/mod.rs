//! Emission: model → Rust tokens. (Being written; see docs/ARCHITECTURE.md.)

use proc_macro2::TokenStream;

use crate::diag::Diagnostics;
use crate::model::Api;

/// Emits the items of the bindings module for `api`.
pub fn emit_api(api: &Api, diags: &mut Diagnostics) -> TokenStream {
    let _ = (api, diags);
    TokenStream::new()
}
