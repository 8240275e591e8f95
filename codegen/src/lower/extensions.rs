//! The `x-specbind-*` extensions on operations: pagination, waiters, idempotency and
//! retryable error codes. Shapes are checked here; whether the names they mention exist is
//! checked later, against the lowered operation (see `check.rs`).

use serde_json::{Map, Value};

use crate::diag::Diagnostics;
use crate::model::{NextMarker, PageParamLocation, Pagination, RegionalField, SpecLoc, Waiter};

/// Extensions found on one operation.
#[derive(Debug, Default)]
pub struct OperationExtensions {
    /// `x-specbind-pagination`.
    pub pagination: Option<Pagination>,
    /// `x-specbind-waiters`.
    pub waiters: Vec<Waiter>,
    /// `x-specbind-idempotent`.
    pub idempotent: bool,
    /// `x-specbind-retryable-codes`.
    pub retryable_codes: Vec<String>,
    /// `x-specbind-throttling-codes`.
    pub throttling_codes: Vec<String>,
    /// `x-specbind-infer` (default `true`).
    pub infer: bool,
    /// `x-specbind-unavailable-in`.
    pub unavailable_in: Vec<String>,
    /// `x-specbind-regional-fields`.
    pub regional_fields: Vec<RegionalField>,
}

/// Reads the extensions of the operation at `loc`.
pub fn operation_extensions(
    loc: &SpecLoc,
    op: &Value,
    diags: &mut Diagnostics,
) -> OperationExtensions {
    let mut ext = OperationExtensions { infer: true, ..OperationExtensions::default() };
    match op.get("x-specbind-infer") {
        None => {}
        Some(Value::Bool(flag)) => ext.infer = *flag,
        Some(_) => diags.error(&loc.join("x-specbind-infer"), "must be `true` or `false`"),
    }
    if let Some(value) = op.get("x-specbind-pagination") {
        ext.pagination = pagination(&loc.join("x-specbind-pagination"), value, diags);
    }
    if let Some(value) = op.get("x-specbind-waiters") {
        ext.waiters = waiters(&loc.join("x-specbind-waiters"), value, diags);
    }
    match op.get("x-specbind-idempotent") {
        None => {}
        Some(Value::Bool(flag)) => ext.idempotent = *flag,
        Some(_) => diags.error(&loc.join("x-specbind-idempotent"), "must be `true` or `false`"),
    }
    if let Some(value) = op.get("x-specbind-retryable-codes") {
        ext.retryable_codes = string_list(&loc.join("x-specbind-retryable-codes"), value, diags);
    }
    if let Some(value) = op.get("x-specbind-unavailable-in") {
        ext.unavailable_in = string_list(&loc.join("x-specbind-unavailable-in"), value, diags);
    }
    if let Some(value) = op.get("x-specbind-regional-fields") {
        ext.regional_fields =
            regional_fields(&loc.join("x-specbind-regional-fields"), value, diags);
    }
    if let Some(value) = op.get("x-specbind-throttling-codes") {
        ext.throttling_codes = string_list(&loc.join("x-specbind-throttling-codes"), value, diags);
    }
    ext
}

/// An array of non-empty strings.
pub fn string_list(loc: &SpecLoc, value: &Value, diags: &mut Diagnostics) -> Vec<String> {
    let Some(items) = value.as_array() else {
        diags.error(loc, "must be an array of strings");
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(text) if !text.is_empty() => out.push(text.to_string()),
            _ => diags.error(&loc.join(i), "must be a non-empty string"),
        }
    }
    out
}

/// `[{ "field": "ip_version", "values": ["ipv6"], "regions": ["cn-east-4"] }, ..]`: request
/// body fields (or some of their values) that only the listed regions offer.
fn regional_fields(loc: &SpecLoc, value: &Value, diags: &mut Diagnostics) -> Vec<RegionalField> {
    let Some(items) = value.as_array() else {
        diags.error(loc, "must be an array of objects");
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = loc.join(i);
        let Some(map) = object(&at, item, diags) else { continue };
        let field = match map.get("field").and_then(Value::as_str) {
            Some(field) if !field.is_empty() => field.to_owned(),
            _ => {
                diags.error(&at.join("field"), "must name a request body field");
                continue;
            }
        };
        let regions = match map.get("regions") {
            Some(regions) => string_list(&at.join("regions"), regions, diags),
            None => {
                diags.error(&at, "`regions` is missing: which regions offer the field?");
                continue;
            }
        };
        let values = map.get("values").map(|v| string_list(&at.join("values"), v, diags));
        for key in map.keys().filter(|k| !["field", "regions", "values"].contains(&k.as_str())) {
            diags.error(&at.join(key), "unknown key (expected `field`, `values`, `regions`)");
        }
        out.push(RegionalField { field, values: values.unwrap_or_default(), regions, loc: at });
    }
    out
}

fn object<'v>(
    loc: &SpecLoc,
    value: &'v Value,
    diags: &mut Diagnostics,
) -> Option<&'v Map<String, Value>> {
    let map = value.as_object();
    if map.is_none() {
        diags.error(loc, "must be a JSON object");
    }
    map
}

fn required_str(
    loc: &SpecLoc,
    map: &Map<String, Value>,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    match map.get(key) {
        Some(Value::String(text)) if !text.is_empty() => Some(text.clone()),
        Some(_) => {
            diags.error(&loc.join(key), format!("`{key}` must be a non-empty string"));
            None
        }
        None => {
            diags.error(loc, format!("missing `{key}`"));
            None
        }
    }
}

fn reject_unknown_keys(
    loc: &SpecLoc,
    map: &Map<String, Value>,
    known: &[&str],
    diags: &mut Diagnostics,
) {
    for key in map.keys().filter(|key| !known.contains(&key.as_str())) {
        diags.error(
            &loc.join(key),
            format!("unknown key `{key}`; expected one of {}", known.join(", ")),
        );
    }
}

fn pagination(loc: &SpecLoc, value: &Value, diags: &mut Diagnostics) -> Option<Pagination> {
    let map = object(loc, value, diags)?;
    let known = [
        "offset",
        "marker",
        "limit",
        "items",
        "total",
        "in",
        "first_page",
        "next_marker",
        "last_item_field",
    ];
    reject_unknown_keys(loc, map, &known, diags);
    let next_marker = match (map.get("next_marker"), map.get("last_item_field")) {
        (Some(Value::String(pointer)), None) if pointer.starts_with('/') => {
            Some(NextMarker::At(pointer.clone()))
        }
        (None, Some(Value::String(field))) if !field.is_empty() => {
            Some(NextMarker::LastItem(field.clone()))
        }
        (None, None) => None,
        _ => {
            diags.error(
                loc,
                "give one of `next_marker` (a JSON pointer such as `/page_info/next_marker`) \
                 or `last_item_field` (a field of the items)",
            );
            None
        }
    };
    if next_marker.is_some() != map.contains_key("marker") {
        diags.error(loc, "marker paging needs `marker` and `next_marker` (or `last_item_field`)");
    }
    let first_page = match map.get("first_page") {
        None => None,
        Some(value) => match value.as_u64() {
            Some(first) => Some(first),
            None => {
                diags.error(&loc.join("first_page"), "`first_page` must be a whole number");
                None
            }
        },
    };
    let offset_key = if map.contains_key("marker") { "marker" } else { "offset" };
    let offset = required_str(loc, map, offset_key, diags);
    let limit = required_str(loc, map, "limit", diags);
    let items = required_str(loc, map, "items", diags);
    let total = match map.get("total") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) if !text.is_empty() => Some(text.clone()),
        Some(_) => {
            diags.error(&loc.join("total"), "`total` must be a field name");
            None
        }
    };
    let location = match map.get("in").map(|v| v.as_str()) {
        None | Some(Some("query")) => PageParamLocation::Query,
        Some(Some("body")) => PageParamLocation::Body,
        Some(_) => {
            diags.error(&loc.join("in"), "`in` must be `query` or `body`");
            PageParamLocation::Query
        }
    };
    Some(Pagination {
        offset: offset?,
        limit: limit?,
        location,
        items: items?,
        total,
        first_page,
        next_marker,
        inferred: false,
        loc: loc.clone(),
    })
}

fn waiters(loc: &SpecLoc, value: &Value, diags: &mut Diagnostics) -> Vec<Waiter> {
    let Some(items) = value.as_array() else {
        diags.error(loc, "must be an array of waiters");
        return Vec::new();
    };
    items.iter().enumerate().filter_map(|(i, item)| waiter(&loc.join(i), item, diags)).collect()
}

fn waiter(loc: &SpecLoc, value: &Value, diags: &mut Diagnostics) -> Option<Waiter> {
    let map = object(loc, value, diags)?;
    let known = [
        "name",
        "field",
        "success",
        "failure",
        "success_on_not_found",
        "delay_seconds",
        "max_wait_seconds",
    ];
    reject_unknown_keys(loc, map, &known, diags);
    let name = required_str(loc, map, "name", diags);
    if let Some(name) = &name {
        let snake = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !snake || name.starts_with(|c: char| c.is_ascii_digit()) {
            diags.error(
                &loc.join("name"),
                "a waiter name must be snake_case, e.g. `service_available`",
            );
        }
    }
    let field = required_str(loc, map, "field", diags);
    if let Some(field) = &field
        && !field.starts_with('/')
    {
        diags.error(&loc.join("field"), "`field` must be a JSON pointer such as `/status`");
    }
    let list = |key: &str, diags: &mut Diagnostics| match map.get(key) {
        Some(value) => string_list(&loc.join(key), value, diags),
        None => Vec::new(),
    };
    let success = list("success", diags);
    let failure = list("failure", diags);
    let success_on_not_found = match map.get("success_on_not_found") {
        None => false,
        Some(Value::Bool(flag)) => *flag,
        Some(_) => {
            diags.error(&loc.join("success_on_not_found"), "must be `true` or `false`");
            false
        }
    };
    if success.is_empty() && !success_on_not_found {
        diags.error(loc, "a waiter needs `success` values or `success_on_not_found: true`");
    }
    let seconds = |key: &str, default: u64, diags: &mut Diagnostics| match map.get(key) {
        None => default,
        Some(value) => match value.as_u64() {
            Some(n) if n > 0 => n,
            _ => {
                diags.error(&loc.join(key), format!("`{key}` must be a positive whole number"));
                default
            }
        },
    };
    let delay_seconds = seconds("delay_seconds", 5, diags);
    let max_wait_seconds = seconds("max_wait_seconds", 600, diags);
    Some(Waiter {
        name: name?,
        field: field?,
        success,
        failure,
        success_on_not_found,
        delay_seconds,
        max_wait_seconds,
        loc: loc.clone(),
    })
}
