//! Paging and job waiters worked out from an operation's shape, for specs that carry no
//! `x-specbind-*` keys (API Explorer exports never do). Each rule is a shape that recurs across
//! Huawei Cloud's services; an operation that fits none is left as a plain method, and
//! `x-specbind-infer: false` (written with an overlay) turns inference off for one operation.
//!
//! - Paging by item offset: query `offset`/`start`/`start_number` + `limit`, and a response
//!   object with exactly one top-level array (the items; OpenStack's `<items>_links` arrays of
//!   page links do not count) and perhaps a count (`total_count`, `count`, `total`, …).
//! - Paging by page number: query `page`/`page_no`/`pageNum`/… (or an `offset` documented as a
//!   page number, `页码`) + a page size; the first page is the parameter's default or minimum,
//!   else 1.
//! - Paging by marker: a string query `marker` (or Kubernetes' `continue`) + a page size, with
//!   the next marker in the response as `next_marker`/`nextMarker` or the parameter's own name,
//!   at the top level or in `page_info`/`pageInfo`/`page`/`metadata`; or else the `id` of the
//!   page's last item.
//! - Job waiters: see the `jobs` module.

mod jobs;

use crate::model::*;

/// Names of an item-offset query parameter.
const OFFSET_NAMES: [&str; 3] = ["offset", "start", "start_number"];
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
const TOTAL_NAMES: [&str; 8] = [
    "total_count",
    "totalCount",
    "total",
    "count",
    "total_num",
    "totalNum",
    "total_size",
    "total_number",
];
/// Names of a marker query parameter.
const MARKER_NAMES: [&str; 2] = ["marker", "continue"];
/// Response objects that hold the next marker, tried before the top level.
const MARKER_HOLDERS: [&str; 4] = ["page_info", "pageInfo", "page", "metadata"];

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
            && let Some(waiter) = jobs::infer_job_waiter(api, op)
        {
            jobs.push((op.id.clone(), waiter));
        }
    }
    for (id, pagination) in paging {
        if let Some(op) = api.operations.get_mut(&id) {
            op.pagination = Some(pagination);
        }
    }
    // Waiter names are API-wide. Of inferred waiters that would share a name, the one on the
    // canonical job query keeps it (so a service's `wait_until_job_finished` stays put when
    // another job-like operation appears); the others, and any that a declared waiter already
    // uses, are named after their operation.
    let taken: Vec<String> =
        api.operations.values().flat_map(|op| op.waiters.iter().map(|w| w.name.clone())).collect();
    let keeps_name = |job: &jobs::JobWaiter| {
        let rivals = || jobs.iter().filter(|(_, other)| other.waiter.name == job.waiter.name);
        let alone = rivals().count() == 1;
        let sole_canonical =
            job.canonical && rivals().filter(|(_, other)| other.canonical).count() == 1;
        !taken.contains(&job.waiter.name) && (alone || sole_canonical)
    };
    let kept: Vec<bool> = jobs.iter().map(|(_, job)| keeps_name(job)).collect();
    for ((id, job), keep) in jobs.into_iter().zip(kept) {
        let mut waiter = job.waiter;
        if !keep {
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
    let marker = MARKER_NAMES.iter().find_map(|name| {
        op.params.iter().find(|p| {
            p.location == ParamLocation::Query
                && p.client_param.is_none()
                && p.name == *name
                && matches!(api.resolve(&p.ty), TypeRef::Primitive(Primitive::String))
        })
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
    let arrays: Vec<&Field> =
        body.fields.iter().filter(|f| matches!(api.resolve(&f.ty), TypeRef::Array(_))).collect();
    // OpenStack lists carry `links` or `<items>_links` beside the items: links to pages.
    let is_page_links = |field: &Field| {
        field.wire_name == "links"
            || arrays.iter().any(|other| field.wire_name == format!("{}_links", other.wire_name))
    };
    let mut candidates = arrays.iter().filter(|f| arrays.len() == 1 || !is_page_links(f));
    let items = *candidates.next()?;
    if candidates.next().is_some() {
        return None;
    }
    let total = TOTAL_NAMES.iter().find_map(|name| {
        body.fields
            .iter()
            .find(|f| f.wire_name == *name && is_integer_like(api, &f.ty))
            .map(|f| f.wire_name.clone())
    });
    let next_marker = match marker {
        Some(marker) => Some(next_marker(api, body, items, &marker.name)?),
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

/// Where a marker-paged response names the next page: a `next_marker`, `nextMarker` or
/// `<parameter>` field in a page-information object or at the top level, or else the `id` of
/// the last item.
fn next_marker(api: &Api, body: &StructDef, items: &Field, parameter: &str) -> Option<NextMarker> {
    let field = |shape: &StructDef, name: &str| {
        shape.fields.iter().find(|f| f.wire_name == name).map(|f| api.resolve(&f.ty).clone())
    };
    let is_text = |ty: Option<TypeRef>| {
        matches!(ty, Some(TypeRef::Primitive(Primitive::String | Primitive::I32 | Primitive::I64)))
    };
    let names = ["next_marker", "nextMarker", parameter];
    for holder in MARKER_HOLDERS {
        let Some(info) = body.fields.iter().find(|f| f.wire_name == holder) else { continue };
        let Some(info) = api.struct_of(&info.ty) else { continue };
        if let Some(name) = names.iter().find(|name| is_text(field(info, name))) {
            return Some(NextMarker::At(format!("/{holder}/{name}")));
        }
    }
    if let Some(name) = names.iter().find(|name| is_text(field(body, name))) {
        return Some(NextMarker::At(format!("/{name}")));
    }
    let TypeRef::Array(item) = api.resolve(&items.ty) else { return None };
    let item = api.struct_of(item)?;
    is_text(field(item, "id")).then(|| NextMarker::LastItem("id".into()))
}
