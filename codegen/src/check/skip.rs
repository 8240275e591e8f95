//! Which operation an error belongs to. `skip_invalid` leaves such operations out (recording
//! each as a skip), and a failed build still emits the operations that had no error, so the
//! user's code sees the real error and not a cascade of missing items.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::Api;

/// What an error makes unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owner {
    /// A lowered operation, by id.
    Operation(String),
    /// Something under `paths` that did not even lower into an operation.
    Path,
}

/// The operation `diagnostic` belongs to: the one whose subtree holds it, else the only
/// operation of its file (an API Explorer export is one operation per file, so a broken
/// definition there breaks just that operation). Errors in files shared by several operations
/// (`components` of a whole API) belong to none: they stay errors.
fn owner(api: &Api, by_file: &BTreeMap<&str, Vec<&str>>, diagnostic: &Diagnostic) -> Option<Owner> {
    let loc = &diagnostic.loc;
    let inside = |op_pointer: &str| {
        loc.pointer == op_pointer
            || loc.pointer.strip_prefix(op_pointer).is_some_and(|rest| rest.starts_with('/'))
    };
    if let Some(op) =
        api.operations.values().find(|op| op.loc.file == loc.file && inside(&op.loc.pointer))
    {
        return Some(Owner::Operation(op.id.clone()));
    }
    match by_file.get(&*loc.file).map(Vec::as_slice) {
        Some([only]) => Some(Owner::Operation((*only).to_string())),
        _ if loc.pointer.starts_with("/paths/") => Some(Owner::Path),
        _ => None,
    }
}

fn operations_by_file(api: &Api) -> BTreeMap<&str, Vec<&str>> {
    let mut by_file: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for op in api.operations.values() {
        by_file.entry(&*op.loc.file).or_default().push(&op.id);
    }
    by_file
}

/// Leaves out every operation that an error belongs to, turning those errors into skips.
pub fn skip_failing_operations(api: &mut Api, diags: &mut Diagnostics) {
    let mut failing = BTreeSet::new();
    {
        let by_file = operations_by_file(api);
        diags.errors_to_skips(|diagnostic| match owner(api, &by_file, diagnostic)? {
            Owner::Operation(id) => {
                let what = format!("operation `{id}`");
                failing.insert(id);
                Some(what)
            }
            Owner::Path => Some("operation".to_string()),
        });
    }
    api.operations.retain(|id, _| !failing.contains(id));
}

/// `api` without the operations that errors in `diagnostics` belong to: what can still be
/// emitted next to the errors.
pub fn without_failing_operations(api: &Api, diagnostics: &[Diagnostic]) -> Api {
    let by_file = operations_by_file(api);
    let failing: BTreeSet<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| match owner(api, &by_file, d)? {
            Owner::Operation(id) => Some(id),
            Owner::Path => None,
        })
        .collect();
    let mut partial = api.clone();
    partial.operations.retain(|id, _| !failing.contains(id));
    partial
}
