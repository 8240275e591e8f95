//! The check stage: every rule the emitter relies on, run once on the lowered model, after
//! lowering and before emission. A rule either repairs the model (one obvious fix, recorded as a
//! repair with its place) or reports an error; emission then cannot fail.
//!
//! - `params`: path templates against path parameters, duplicate and misplaced parameters,
//!   parameter types that cannot travel as text;
//! - `types`: references to missing types, alias cycles, bodies and statuses;
//! - `extensions`: `x-specbind-pagination` and `x-specbind-waiters` against the operation;
//! - [`skip`]: which operation an error belongs to, for `skip_invalid` and for stubs.

mod extensions;
mod params;
pub mod skip;
mod types;

use crate::diag::Diagnostics;
use crate::model::Api;

pub use params::placeholders;

/// Runs every rule on `api`, repairing what has one obvious fix.
pub fn check(api: &mut Api, diags: &mut Diagnostics) {
    // Types first: the other rules follow aliases and read struct fields.
    types::check_types(api, diags);
    params::check_parameters(api, diags);
    types::check_bodies(api, diags);
    extensions::check_extensions(api, diags);
}
