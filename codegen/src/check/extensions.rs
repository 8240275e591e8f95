//! Rules for `x-specbind-pagination`, `x-specbind-waiters` and `x-specbind-regional-fields`:
//! the fields they read and write must exist with usable types, and what the generated glue
//! assumes must hold.

use std::collections::BTreeMap;

use crate::diag::Diagnostics;
use crate::model::*;

/// Runs the extension rules on every operation.
pub(super) fn check_extensions(api: &Api, diags: &mut Diagnostics) {
    // One `PagedResponse` impl per response type: two operations paging one type must agree.
    let mut paged_types: BTreeMap<&TypeRef, &Pagination> = BTreeMap::new();
    for op in api.operations.values() {
        if let Some(pagination) = &op.pagination {
            pagination_fields_exist(api, op, pagination, diags);
            if let Some(body) = op.success_body() {
                match paged_types.get(body) {
                    Some(first)
                        if first.items != pagination.items || first.total != pagination.total =>
                    {
                        diags.error(
                            &pagination.loc,
                            format!(
                                "this response type is paged with different fields at {}",
                                first.loc
                            ),
                        );
                    }
                    Some(_) => {}
                    None => {
                        paged_types.insert(body, pagination);
                    }
                }
            }
        }
        for waiter in &op.waiters {
            waiter_field_exists(api, op, waiter, diags);
        }
        for regional in &op.regional_fields {
            regional_field_exists(api, op, regional, diags);
        }
    }
    waiter_names_are_unique(api, diags);
}

fn is_integer_like(api: &Api, ty: &TypeRef) -> bool {
    matches!(
        api.resolve(ty),
        TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::String)
    )
}

/// Paging reads and writes named fields; each must exist with a usable type.
fn pagination_fields_exist(
    api: &Api,
    op: &Operation,
    pagination: &Pagination,
    diags: &mut Diagnostics,
) {
    let at = &pagination.loc;
    for (key, name) in [("offset", &pagination.offset), ("limit", &pagination.limit)] {
        let found = match pagination.location {
            PageParamLocation::Query => op
                .params
                .iter()
                .find(|p| p.location == ParamLocation::Query && &p.name == name)
                .map(|p| &p.ty),
            PageParamLocation::Body => op
                .body
                .as_ref()
                .and_then(|body| api.struct_of(&body.ty))
                .and_then(|def| def.fields.iter().find(|f| &f.wire_name == name))
                .map(|f| &f.ty),
        };
        match found {
            None => {
                let place = match pagination.location {
                    PageParamLocation::Query => "query parameter",
                    PageParamLocation::Body => "request body field",
                };
                diags.error(&at.join(key), format!("no {place} `{name}` in this operation"));
            }
            Some(ty)
                if key == "offset"
                    && pagination.next_marker.is_some()
                    && api.resolve(ty) != &TypeRef::Primitive(Primitive::String) =>
            {
                diags.error(&at.join("marker"), format!("the marker `{name}` must be a string"));
            }
            Some(ty) if !is_integer_like(api, ty) => {
                diags.error(
                    &at.join(key),
                    format!("`{name}` must be an integer (or a string holding one)"),
                );
            }
            Some(_) => {}
        }
    }
    let raw = op.responses.iter().filter_map(|r| r.body.as_ref());
    if raw.into_iter().any(|b| b.encoding != BodyEncoding::Json) {
        diags.error(at, "a paginated operation needs a JSON response body");
        return;
    }
    let mut bodies: Vec<&TypeRef> =
        op.responses.iter().filter_map(|r| r.body.as_ref().map(|b| &b.ty)).collect();
    bodies.dedup();
    if bodies.len() > 1 {
        diags.error(at, "a paginated operation needs a single success body type");
        return;
    }
    let Some(body) = op.success_body().and_then(|ty| api.struct_of(ty)) else {
        diags.error(at, "a paginated operation needs an object response body");
        return;
    };
    match body.fields.iter().find(|f| f.wire_name == pagination.items) {
        Some(field) if matches!(api.resolve(&field.ty), TypeRef::Array(_)) => {}
        Some(_) => diags.error(
            &at.join("items"),
            format!("response field `{}` is not an array", pagination.items),
        ),
        None => diags
            .error(&at.join("items"), format!("the response has no field `{}`", pagination.items)),
    }
    if let Some(total) = &pagination.total {
        match body.fields.iter().find(|f| &f.wire_name == total) {
            Some(field) if is_integer_like(api, &field.ty) => {}
            Some(_) => diags
                .error(&at.join("total"), format!("response field `{total}` is not an integer")),
            None => diags.error(&at.join("total"), format!("the response has no field `{total}`")),
        }
    }
}

/// A waiter polls a response field; the first step of its pointer must be a real field.
fn waiter_field_exists(api: &Api, op: &Operation, waiter: &Waiter, diags: &mut Diagnostics) {
    let Some(body) = op.success_body() else {
        diags.error(&waiter.loc, "a waiter needs an operation with a response body to poll");
        return;
    };
    let first = waiter.field.trim_start_matches('/').split('/').next().unwrap_or_default();
    let first = first.replace("~1", "/").replace("~0", "~");
    if let Some(def) = api.struct_of(body)
        && !first.is_empty()
        && !def.fields.iter().any(|f| f.wire_name == first)
    {
        diags.error(&waiter.loc.join("field"), format!("the response has no field `{first}`"));
    }
}

/// A regional field is a top-level field of the JSON request body; naming values needs a field
/// whose value reads as text (a string, number, boolean or string enum).
fn regional_field_exists(
    api: &Api,
    op: &Operation,
    regional: &RegionalField,
    diags: &mut Diagnostics,
) {
    let body = op.body.as_ref().filter(|body| body.encoding == BodyEncoding::Json);
    let Some(shape) = body.and_then(|body| api.struct_of(&body.ty)) else {
        diags.error(&regional.loc, "regional fields need a JSON object request body");
        return;
    };
    let Some(field) = shape.fields.iter().find(|f| f.wire_name == regional.field) else {
        let message = format!("the request body has no field `{}`", regional.field);
        diags.error(&regional.loc.join("field"), message);
        return;
    };
    let text_like = match api.resolve(&field.ty) {
        TypeRef::Primitive(primitive) => !matches!(primitive, Primitive::File | Primitive::Bytes),
        ty => api.definition(ty).is_some_and(|def| matches!(def.kind, TypeKind::StringEnum(_))),
    };
    if !regional.values.is_empty() && !text_like {
        diags.error(
            &regional.loc.join("values"),
            format!(
                "`{}` is not a string, number, boolean or enum: its values cannot be compared",
                regional.field
            ),
        );
    }
}

/// Each waiter becomes a `wait_until_<name>` method on one client, so names are API-wide.
fn waiter_names_are_unique(api: &Api, diags: &mut Diagnostics) {
    let mut seen = BTreeMap::new();
    for waiter in api.operations.values().flat_map(|op| &op.waiters) {
        if let Some(first) = seen.insert(waiter.name.as_str(), &waiter.loc) {
            diags.error(
                &waiter.loc.join("name"),
                format!("waiter `{}` is also declared at {first}", waiter.name),
            );
        }
    }
}
