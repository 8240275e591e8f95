//! Model shapes that are valid OpenAPI but that the emitted code cannot express. Each is
//! reported at its spec location instead of producing Rust that fails to compile.

use super::context::Context;
use crate::diag::Diagnostics;
use crate::model::{BodyEncoding, ParamLocation, Parameter, SpecLoc, TypeKind, TypeRef};

/// Reports every unsupported construct in the API.
pub(crate) fn check_emittable(ctx: &Context<'_>, diags: &mut Diagnostics) {
    for def in ctx.api.types.values() {
        match &def.kind {
            TypeKind::Struct(shape) => {
                for field in &shape.fields {
                    check_ref(ctx, &field.ty, &field.loc, diags);
                }
                if let Some(extra) = &shape.additional_properties {
                    check_ref(ctx, extra, &def.loc, diags);
                }
            }
            TypeKind::Union(shape) => {
                for variant in &shape.variants {
                    check_ref(ctx, &variant.ty, &def.loc, diags);
                }
            }
            TypeKind::Alias(target) => {
                check_ref(ctx, target, &def.loc, diags);
                if matches!(ctx.resolve(target), TypeRef::Named(n) if ctx.api.types.get(n).is_some_and(|d| matches!(d.kind, TypeKind::Alias(_))))
                {
                    diags.error(&def.loc, "type alias refers to itself");
                }
            }
            TypeKind::StringEnum(_) => {}
        }
    }
    for op in ctx.api.operations.values() {
        for param in &op.params {
            check_ref(ctx, &param.ty, &param.loc, diags);
            check_param(ctx, param, diags);
        }
        if let Some(body) = &op.body {
            check_ref(ctx, &body.ty, &body.loc, diags);
            if body.encoding == BodyEncoding::Multipart {
                diags.error(&body.loc, "multipart/form-data request bodies are not supported yet");
            }
        }
        for response in &op.responses {
            if let Some(body) = &response.body {
                check_ref(ctx, &body.ty, &response.loc, diags);
            }
        }
        let mut statuses: Vec<u16> = op.responses.iter().map(|r| r.status).collect();
        statuses.dedup();
        if statuses.len() != op.responses.len() {
            diags.error(&op.loc, "the same success status is declared twice");
        }
    }
}

fn check_ref(ctx: &Context<'_>, ty: &TypeRef, loc: &SpecLoc, diags: &mut Diagnostics) {
    match ty {
        TypeRef::Named(name) if ctx.type_name(name).is_none() => {
            diags.error(loc, format!("refers to unknown type `{name}`"));
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) => check_ref(ctx, inner, loc, diags),
        _ => {}
    }
}

/// Parameters are sent as text, so they must be scalars or string enums (lists of them in the
/// query); client parameters are filled into the path only.
fn check_param(ctx: &Context<'_>, param: &Parameter, diags: &mut Diagnostics) {
    if param.client_param.is_some() && param.location != ParamLocation::Path {
        diags.error(
            &param.loc,
            "client parameters (x-specbind-client-param) must be path parameters",
        );
        return;
    }
    let resolved = ctx.resolve(&param.ty);
    let item = match (resolved, param.location) {
        (TypeRef::Array(item), ParamLocation::Query) => ctx.resolve(item),
        _ => resolved,
    };
    if !is_text_value(ctx, item) {
        diags.error(&param.loc, "parameter type must be a string, number, boolean or string enum (or a list of them in the query)");
    }
}

fn is_text_value(ctx: &Context<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(_) => true,
        TypeRef::Named(_) => {
            ctx.definition(ty).is_some_and(|d| matches!(d.kind, TypeKind::StringEnum(_)))
        }
        _ => false,
    }
}
