//! Paging and job waiters worked out from an operation's shape, for specs that carry no
//! `x-specbind-*` keys (API Explorer exports never do). Each rule is a shape that recurs across
//! Huawei Cloud's services; an operation that fits none is left as a plain method, and
//! `x-specbind-infer: false` (written with an overlay) turns inference off for one operation.
//!
//! - Paging by item offset: query `offset` + `limit`, and a response object with exactly one
//!   top-level array (the items) and perhaps a count (`total_count`, `count`, `total`, …).
//! - Paging by page number: query `page`/`page_no`/`pageNum`/… (or an `offset` documented as a
//!   page number, `页码`) + a page size; the first page is the parameter's default or minimum,
//!   else 1.
//! - Paging by marker: a string query `marker` + a page size, with the next marker at
//!   `page_info.next_marker` or `next_marker` in the response, or else the `id` of the page's
//!   last item.
//! - Job waiters: a `GET …/jobs/{job_id}` whose response has a `status` enum (or a `status`
//!   object with a `phase`/`status` enum) listing a success and a failure value.

use crate::model::*;

/// Names of an item-offset query parameter.
const OFFSET_NAMES: [&str; 2] = ["offset", "start"];
/// Names of a page-number query parameter.
const PAGE_NAMES: [&str; 10] = [
    "page",
    "page_no",
    "pageNo",
    "page_num",
    "pageNum",
    "page_number",
    "pageNumber",
    "page_index",
    "pageIndex",
    "current_page",
];
/// Names of a page-size query parameter.
const LIMIT_NAMES: [&str; 6] = ["limit", "page_size", "pageSize", "pagesize", "per_page", "size"];
/// Names of a total-count response field, most specific first.
const TOTAL_NAMES: [&str; 7] =
    ["total_count", "totalCount", "total", "count", "total_num", "totalNum", "total_size"];

/// Adds inferred paging and waiters to every operation that has none of its own.
pub fn infer(api: &mut Api) {
    let mut paging = Vec::new();
    let mut jobs = Vec::new();
    for op in api.operations.values().filter(|op| op.infer) {
        if op.pagination.is_none()
            && let Some(pagination) = infer_paging(api, op)
        {
            paging.push((op.id.clone(), pagination));
        }
        if op.waiters.is_empty()
            && let Some(waiter) = infer_job_waiter(api, op)
        {
            jobs.push((op.id.clone(), waiter));
        }
    }
    for (id, pagination) in paging {
        if let Some(op) = api.operations.get_mut(&id) {
            op.pagination = Some(pagination);
        }
    }
    // Waiter names are API-wide: one job operation gets `job_finished`, several get their own.
    let several = jobs.len() > 1;
    let taken: Vec<String> =
        api.operations.values().flat_map(|op| op.waiters.iter().map(|w| w.name.clone())).collect();
    for (id, mut waiter) in jobs {
        if several || taken.contains(&waiter.name) {
            waiter.name = format!("{}_finished", heck::ToSnakeCase::to_snake_case(id.as_str()));
        }
        if let Some(op) = api.operations.get_mut(&id) {
            op.waiters.push(waiter);
        }
    }
}

/// Every success body is decoded from JSON (a body served as bytes or text has no fields).
fn json_bodies(op: &Operation) -> bool {
    op.responses.iter().filter_map(|r| r.body.as_ref()).all(|b| b.encoding == BodyEncoding::Json)
}

fn is_integer_like(api: &Api, ty: &TypeRef) -> bool {
    matches!(
        api.resolve(ty),
        TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::String)
    )
}

fn query_param<'a>(api: &Api, op: &'a Operation, names: &[&str]) -> Option<&'a Parameter> {
    names.iter().find_map(|name| {
        op.params.iter().find(|p| {
            p.location == ParamLocation::Query
                && p.client_param.is_none()
                && p.name == *name
                && is_integer_like(api, &p.ty)
        })
    })
}

/// Whether a parameter's documentation says it counts pages, not items.
fn documented_as_page_number(param: &Parameter) -> bool {
    let text = [&param.docs.summary, &param.docs.description]
        .into_iter()
        .flatten()
        .map(|text| text.to_lowercase())
        .collect::<String>();
    text.contains("页码") || text.contains("page number") || text.contains("页数")
}

/// The first page of a page-number parameter: its default, else its minimum, else 1.
fn first_page(param: &Parameter) -> u64 {
    let default = param.default.as_ref().and_then(|value| {
        value.as_u64().or_else(|| value.as_str().and_then(|text| text.parse().ok()))
    });
    let minimum = param.constraints.minimum.filter(|m| *m >= 0.0).map(|m| m as u64);
    default.or(minimum).map_or(1, |first| first.min(1))
}

fn infer_paging(api: &Api, op: &Operation) -> Option<Pagination> {
    let limit = query_param(api, op, &LIMIT_NAMES)?;
    let marker = op.params.iter().find(|p| {
        p.location == ParamLocation::Query
            && p.name == "marker"
            && matches!(api.resolve(&p.ty), TypeRef::Primitive(Primitive::String))
    });
    let (position, first_page) = match (marker, query_param(api, op, &PAGE_NAMES)) {
        (Some(marker), _) => (marker, None),
        (None, Some(page)) => (page, Some(first_page(page))),
        (None, None) => {
            let offset = query_param(api, op, &OFFSET_NAMES)?;
            let first = documented_as_page_number(offset).then(|| first_page(offset));
            (offset, first)
        }
    };
    if position.name == limit.name {
        return None;
    }
    if !json_bodies(op) {
        return None;
    }
    let mut bodies = op.responses.iter().filter_map(|r| r.body.as_ref().map(|b| &b.ty));
    let body_ty = bodies.next()?;
    if bodies.any(|other| other != body_ty) {
        return None;
    }
    let body = api.struct_of(body_ty)?;
    let mut arrays = body.fields.iter().filter(|f| matches!(api.resolve(&f.ty), TypeRef::Array(_)));
    let items = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    let total = TOTAL_NAMES.iter().find_map(|name| {
        body.fields
            .iter()
            .find(|f| f.wire_name == *name && is_integer_like(api, &f.ty))
            .map(|f| f.wire_name.clone())
    });
    let next_marker = match marker {
        Some(_) => Some(next_marker(api, body, items)?),
        None => None,
    };
    Some(Pagination {
        next_marker,
        offset: position.name.clone(),
        limit: limit.name.clone(),
        location: PageParamLocation::Query,
        items: items.wire_name.clone(),
        total,
        first_page,
        inferred: true,
        loc: op.loc.clone(),
    })
}

/// Where a marker-paged response names the next page: `page_info.next_marker`, a top-level
/// `next_marker`, or the `id` of the last item.
fn next_marker(api: &Api, body: &StructDef, items: &Field) -> Option<NextMarker> {
    let field = |shape: &StructDef, name: &str| {
        shape.fields.iter().find(|f| f.wire_name == name).map(|f| api.resolve(&f.ty).clone())
    };
    let is_text = |ty: Option<TypeRef>| {
        matches!(ty, Some(TypeRef::Primitive(Primitive::String | Primitive::I32 | Primitive::I64)))
    };
    if let Some(page_info) = body.fields.iter().find(|f| f.wire_name == "page_info")
        && let Some(info) = api.struct_of(&page_info.ty)
        && is_text(field(info, "next_marker"))
    {
        return Some(NextMarker::At("/page_info/next_marker".into()));
    }
    if is_text(field(body, "next_marker")) {
        return Some(NextMarker::At("/next_marker".into()));
    }
    let TypeRef::Array(item) = api.resolve(&items.ty) else { return None };
    let item = api.struct_of(item)?;
    is_text(field(item, "id")).then(|| NextMarker::LastItem("id".into()))
}

/// The success and failure values of a job status enum, compared without case.
fn job_outcomes(values: &[String]) -> Option<(Vec<String>, Vec<String>)> {
    let pick = |words: &[&str]| -> Vec<String> {
        values
            .iter()
            .filter(|v| words.contains(&v.to_ascii_lowercase().as_str()))
            .cloned()
            .collect()
    };
    let success = pick(&["success", "succeeded", "successful", "completed", "complete"]);
    let failure = pick(&["fail", "failed", "failure", "error"]);
    (!success.is_empty() && !failure.is_empty()).then_some((success, failure))
}

fn enum_values<'a>(api: &'a Api, ty: &TypeRef) -> Option<&'a [String]> {
    match &api.definition(ty)?.kind {
        TypeKind::StringEnum(def) => Some(&def.values),
        _ => None,
    }
}

fn infer_job_waiter(api: &Api, op: &Operation) -> Option<Waiter> {
    let segments: Vec<&str> = op.path.trim_end_matches('/').rsplit('/').take(2).collect();
    let is_job_path = matches!(segments.as_slice(), [id, "jobs"] if id.starts_with('{'));
    if op.method != HttpMethod::Get || !is_job_path || !json_bodies(op) {
        return None;
    }
    let body = api.struct_of(op.success_body()?)?;
    let status = body.fields.iter().find(|f| f.wire_name == "status")?;
    let (field, values) = match enum_values(api, &status.ty) {
        Some(values) => ("/status".to_string(), values),
        None => {
            let inner = api.struct_of(&status.ty)?;
            inner.fields.iter().find_map(|f| {
                let values = enum_values(api, &f.ty)?;
                matches!(f.wire_name.as_str(), "phase" | "status")
                    .then(|| (format!("/status/{}", f.wire_name), values))
            })?
        }
    };
    let (success, failure) = job_outcomes(values)?;
    Some(Waiter {
        name: "job_finished".to_string(),
        field,
        success,
        failure,
        success_on_not_found: false,
        delay_seconds: 5,
        max_wait_seconds: 1800,
        loc: op.loc.clone(),
    })
}
