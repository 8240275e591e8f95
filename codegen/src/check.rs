//! Checks on the lowered model: what each rule below guards against would otherwise surface
//! as a confusing error inside generated code, or as a wrong request at run time.

use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::model::*;

/// Runs every check on `api`.
///
/// `types_complete` is false when lowering already reported problems: then only the checks
/// that do not depend on schemas run, so the user still sees every parameter mistake in the
/// same build without follow-on errors caused by a schema that failed to lower.
pub fn check(api: &Api, types_complete: bool, diags: &mut Diagnostics) {
    for op in api.operations.values() {
        path_template_matches_parameters(op, diags);
        parameter_names_are_unique(op, diags);
        if !types_complete {
            continue;
        }
        if let Some(pagination) = &op.pagination {
            pagination_fields_exist(api, op, pagination, diags);
        }
        for waiter in &op.waiters {
            waiter_field_exists(api, op, waiter, diags);
        }
    }
    waiter_names_are_unique(api, diags);
}

/// The placeholders of a path template, e.g. `{project_id}`.
pub fn placeholders(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            return Err("unclosed `{` in the path".into());
        };
        let name = &rest[start + 1..start + end];
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed placeholder `{{{name}}}` in the path"));
        }
        names.push(name.to_string());
        rest = &rest[start + end + 1..];
    }
    if rest.contains('}') {
        return Err("unmatched `}` in the path".into());
    }
    Ok(names)
}

/// Every `{name}` in the path has a path parameter and every path parameter has a `{name}`:
/// otherwise a request would be sent with a literal `{name}` or a value silently dropped.
fn path_template_matches_parameters(op: &Operation, diags: &mut Diagnostics) {
    let in_template = match placeholders(&op.path) {
        Ok(names) => names,
        Err(message) => {
            diags.error(&op.loc, message);
            return;
        }
    };
    let template: BTreeSet<&str> = in_template.iter().map(String::as_str).collect();
    let declared: BTreeSet<&str> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| p.name.as_str())
        .collect();
    for missing in template.difference(&declared) {
        diags.error(
            &op.loc,
            format!("path `{}` has `{{{missing}}}` but no path parameter `{missing}`", op.path),
        );
    }
    for param in op.params.iter().filter(|p| p.location == ParamLocation::Path) {
        if !template.contains(param.name.as_str()) {
            diags.error(
                &param.loc,
                format!("path parameter `{}` does not appear in `{}`", param.name, op.path),
            );
        }
    }
}

/// Two parameters with the same name and place would fight over one wire slot.
fn parameter_names_are_unique(op: &Operation, diags: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    for param in &op.params {
        let key = (param.location, param.name.to_ascii_lowercase());
        if !seen.insert(key) {
            diags.error(&param.loc, format!("parameter `{}` is declared twice", param.name));
        }
    }
}

/// The struct behind a body or response type, following aliases.
fn struct_of<'a>(api: &'a Api, ty: &TypeRef) -> Option<&'a StructDef> {
    let mut ty = ty;
    for _ in 0..32 {
        let TypeRef::Named(name) = ty else { return None };
        match &api.types.get(name)?.kind {
            TypeKind::Struct(def) => return Some(def),
            TypeKind::Alias(target) => ty = target,
            _ => return None,
        }
    }
    None
}

fn success_body(op: &Operation) -> Option<&TypeRef> {
    op.responses.iter().find_map(|response| response.body.as_ref().map(|body| &body.ty))
}

fn is_integer_like(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::String) => true,
        TypeRef::Named(name) => {
            matches!(api.types.get(name).map(|d| &d.kind), Some(TypeKind::Alias(t)) if is_integer_like(api, t))
        }
        _ => false,
    }
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
                .and_then(|body| struct_of(api, &body.ty))
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
            Some(ty) if !is_integer_like(api, ty) => {
                diags.error(
                    &at.join(key),
                    format!("`{name}` must be an integer (or a string holding one)"),
                );
            }
            Some(_) => {}
        }
    }
    let Some(body) = success_body(op).and_then(|ty| struct_of(api, ty)) else {
        diags.error(at, "a paginated operation needs an object response body");
        return;
    };
    match body.fields.iter().find(|f| f.wire_name == pagination.items) {
        Some(field) if matches!(field.ty, TypeRef::Array(_)) => {}
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
    let Some(body) = success_body(op) else {
        diags.error(&waiter.loc, "a waiter needs an operation with a response body to poll");
        return;
    };
    let first = waiter.field.trim_start_matches('/').split('/').next().unwrap_or_default();
    let first = first.replace("~1", "/").replace("~0", "~");
    if let Some(def) = struct_of(api, body)
        && !first.is_empty()
        && !def.fields.iter().any(|f| f.wire_name == first)
    {
        diags.error(&waiter.loc.join("field"), format!("the response has no field `{first}`"));
    }
}

/// Each waiter becomes a `wait_until_<name>` method on one client, so names are API-wide.
fn waiter_names_are_unique(api: &Api, diags: &mut Diagnostics) {
    let mut seen = std::collections::BTreeMap::new();
    for waiter in api.operations.values().flat_map(|op| &op.waiters) {
        if let Some(first) = seen.insert(waiter.name.as_str(), &waiter.loc) {
            diags.error(
                &waiter.loc.join("name"),
                format!("waiter `{}` is also declared at {first}", waiter.name),
            );
        }
    }
}
