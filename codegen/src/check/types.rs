//! Rules for types: every reference names a type, no alias chain runs in a circle, and each
//! operation has one body per success status.

use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::model::*;

/// Repairs references to types that do not exist and alias cycles (both become any JSON value,
/// which is what an unresolvable schema can hold).
pub(super) fn check_types(api: &mut Api, diags: &mut Diagnostics) {
    let known: BTreeSet<String> = api.types.keys().cloned().collect();
    for def in api.types.values_mut() {
        let loc = def.loc.clone();
        match &mut def.kind {
            TypeKind::Struct(shape) => {
                for field in &mut shape.fields {
                    known_or_any(&known, &mut field.ty, &field.loc, diags);
                }
                if let Some(extra) = &mut shape.additional_properties {
                    known_or_any(&known, extra, &loc, diags);
                }
            }
            TypeKind::Union(shape) => {
                for variant in &mut shape.variants {
                    known_or_any(&known, &mut variant.ty, &loc, diags);
                }
            }
            TypeKind::Alias(target) => known_or_any(&known, target, &loc, diags),
            TypeKind::StringEnum(_) => {}
        }
    }
    for op in api.operations.values_mut() {
        for param in &mut op.params {
            known_or_any(&known, &mut param.ty, &param.loc, diags);
        }
        if let Some(body) = &mut op.body {
            known_or_any(&known, &mut body.ty, &body.loc, diags);
        }
        for response in &mut op.responses {
            if let Some(body) = &mut response.body {
                known_or_any(&known, &mut body.ty, &response.loc, diags);
            }
        }
    }
    break_alias_cycles(api, diags);
}

fn known_or_any(
    known: &BTreeSet<String>,
    ty: &mut TypeRef,
    loc: &SpecLoc,
    diags: &mut Diagnostics,
) {
    match ty {
        TypeRef::Named(name) if !known.contains(name.as_str()) => {
            diags.repair(loc, format!("refers to unknown type `{name}`; read as any JSON value"));
            *ty = TypeRef::Any;
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) => known_or_any(known, inner, loc, diags),
        _ => {}
    }
}

/// An alias whose chain comes back to itself names no type at all: Rust would reject the
/// recursive `type` item, and every resolver would have to stop somewhere arbitrary.
fn break_alias_cycles(api: &mut Api, diags: &mut Diagnostics) {
    let names: Vec<String> = api.types.keys().cloned().collect();
    // Breaking a cycle at its first member (in name order) frees the others.
    for name in names {
        if is_cycle(api, &name)
            && let Some(def) = api.types.get_mut(&name)
        {
            diags.repair(&def.loc, "type alias refers back to itself; read as any JSON value");
            def.kind = TypeKind::Alias(TypeRef::Any);
        }
    }
}

/// Whether the alias chain starting at `name` comes back to it.
fn is_cycle(api: &Api, name: &str) -> bool {
    let mut seen = BTreeSet::from([name]);
    let mut current = match api.types.get(name).map(|d| &d.kind) {
        Some(TypeKind::Alias(target)) => target,
        _ => return false,
    };
    while let TypeRef::Named(next) = current {
        if next == name {
            return true;
        }
        if !seen.insert(next.as_str()) {
            return false;
        }
        match api.types.get(next).map(|d| &d.kind) {
            Some(TypeKind::Alias(target)) => current = target,
            _ => return false,
        }
    }
    false
}

/// One body per success status: a status declared twice (`200` and `2XX`) keeps its first body.
pub(super) fn check_bodies(api: &mut Api, diags: &mut Diagnostics) {
    for op in api.operations.values_mut() {
        let mut seen = BTreeSet::new();
        op.responses.retain(|response| {
            let fresh = seen.insert(response.status);
            if !fresh {
                diags.repair(
                    &response.loc,
                    format!(
                        "success status {} is declared twice; the first is kept",
                        response.status
                    ),
                );
            }
            fresh
        });
    }
}
