//! Tags on services and endpoints: batch add/remove, the project's tag keys and values, and
//! finding resources by tag.

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use vpcep::types as t;

use super::support::{Ctx, no_content, parse_body, reply};
use crate::error::{ApiError, ApiResult};
use crate::store::{Fields, Store};

/// Most tags one resource may carry.
const MAX_TAGS: usize = 20;

/// Tag rules: keys of 1–128 characters, not in the reserved `_sys_` namespace, values of at
/// most 255 characters, no key twice.
pub fn check_tags<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> ApiResult<()> {
    let mut keys = BTreeSet::new();
    for (key, value) in tags {
        if key.is_empty() || key.chars().count() > 128 {
            return Err(ApiError::invalid(format!("tag key `{key}` must be 1-128 characters")));
        }
        if key.starts_with("_sys_") {
            return Err(ApiError::invalid(format!("tag key `{key}` is reserved")));
        }
        if value.chars().count() > 255 {
            return Err(ApiError::invalid(format!(
                "the value of tag `{key}` is longer than 255 characters"
            )));
        }
        if !keys.insert(key.to_string()) {
            return Err(ApiError::invalid(format!("tag key `{key}` is given twice")));
        }
    }
    if keys.len() > MAX_TAGS {
        return Err(ApiError::invalid(format!("a resource carries at most {MAX_TAGS} tags")));
    }
    Ok(())
}

fn resource_kind(ctx: &Ctx) -> ApiResult<&'static str> {
    match ctx.path("resource_type") {
        "endpoint_service" => Ok("endpoint_service"),
        "endpoint" => Ok("endpoint"),
        other => Err(ApiError::invalid(format!(
            "invalid resource_type `{other}`; expected endpoint_service or endpoint"
        ))),
    }
}

/// The caller's resources of one kind: id, name and wire fields.
fn resources<'a>(
    store: &'a mut Store,
    kind: &str,
    project: &'a str,
) -> Vec<(String, String, &'a mut Fields)> {
    match kind {
        "endpoint_service" => store
            .services
            .iter_mut()
            .filter(|(_, s)| s.project_id == project)
            .map(|(id, s)| (id.clone(), name_of(&s.fields, "service_name"), &mut s.fields))
            .collect(),
        _ => store
            .endpoints
            .iter_mut()
            .filter(|(_, e)| e.project_id == project)
            .map(|(id, e)| (id.clone(), name_of(&e.fields, "endpoint_service_name"), &mut e.fields))
            .collect(),
    }
}

fn name_of(fields: &Fields, key: &str) -> String {
    fields.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

fn tags_of(fields: &Fields) -> Vec<(String, String)> {
    let text = |tag: &Value, key: &str| {
        tag.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
    };
    let tags = fields.get("tags").and_then(Value::as_array).into_iter().flatten();
    tags.map(|tag| (text(tag, "key"), text(tag, "value"))).collect()
}

fn set_tags(fields: &mut Fields, tags: &[(String, String)]) {
    let list: Vec<Value> =
        tags.iter().map(|(key, value)| json!({ "key": key, "value": value })).collect();
    fields.insert("tags".into(), Value::Array(list));
}

/// `POST /v1/{project_id}/{resource_type}/{resource_id}/tags/action`.
pub async fn act(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let kind = resource_kind(&ctx)?;
    let request: t::BatchAddOrRemoveResourceInstanceRequestBody = parse_body(&body)?;
    // Deleting with a value removes only that key/value pair; without one, the key.
    let incoming: Vec<(String, Option<String>)> =
        request.tags.iter().flatten().map(|tag| (tag.key.clone(), tag.value.clone())).collect();
    let resource_id = ctx.path("resource_id").to_string();
    let project = ctx.caller.project_id.clone();
    let mut store = ctx.shared.store();
    let mut found = resources(&mut store, kind, &project);
    let Some((_, _, fields)) = found.iter_mut().find(|(id, _, _)| id == &resource_id) else {
        return Err(ApiError::not_found(kind, &resource_id));
    };
    let mut tags = tags_of(fields);
    match request.action {
        t::TagAction::Create => {
            check_tags(
                incoming.iter().map(|(k, v)| (k.as_str(), v.as_deref().unwrap_or_default())),
            )?;
            for (key, value) in incoming {
                tags.retain(|(k, _)| k != &key);
                tags.push((key, value.unwrap_or_default()));
            }
            check_tags(tags.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        }
        t::TagAction::Delete => tags.retain(|(k, v)| {
            !incoming
                .iter()
                .any(|(key, value)| key == k && value.as_ref().is_none_or(|value| value == v))
        }),
        ref other => {
            return Err(ApiError::invalid(format!(
                "invalid action `{}`; expected create or delete",
                other.as_str()
            )));
        }
    }
    set_tags(fields, &tags);
    drop(store);
    no_content(StatusCode::NO_CONTENT)
}

/// `GET /v1/{project_id}/{resource_type}/tags`: every key in use with its values.
pub async fn project_tags(ctx: Ctx) -> ApiResult<Response> {
    let kind = resource_kind(&ctx)?;
    let project = ctx.caller.project_id.clone();
    let mut store = ctx.shared.store();
    let mut keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, _, fields) in resources(&mut store, kind, &project) {
        for (key, value) in tags_of(fields) {
            keys.entry(key).or_default().insert(value);
        }
    }
    let tags: Vec<Value> =
        keys.into_iter().map(|(key, values)| json!({ "key": key, "values": values })).collect();
    reply::<t::ListQueryProjectResourceTagsResponseBody>(StatusCode::OK, json!({ "tags": tags }))
}

/// Whether `tags` has key `filter.key` with one of `filter.values` (any value when empty).
fn has(tags: &[(String, String)], filter: &t::TagValuesList) -> bool {
    tags.iter()
        .any(|(k, v)| k == &filter.key && (filter.values.is_empty() || filter.values.contains(v)))
}

fn selected(
    tags: &[(String, String)],
    name: &str,
    query: &t::QueryResourceInstanceTagsBody,
) -> bool {
    let all = |list: &Option<Vec<t::TagValuesList>>| list.iter().flatten().all(|f| has(tags, f));
    let any = |list: &Option<Vec<t::TagValuesList>>| {
        list.as_ref().is_none_or(|l| l.is_empty() || l.iter().any(|f| has(tags, f)))
    };
    // `not_tags` drops resources carrying all of its tags; `not_tags_any`, any of them.
    let not_all = |list: &Option<Vec<t::TagValuesList>>| {
        list.as_ref().is_none_or(|l| l.is_empty() || !l.iter().all(|f| has(tags, f)))
    };
    let not_any =
        |list: &Option<Vec<t::TagValuesList>>| list.iter().flatten().all(|f| !has(tags, f));
    let matches =
        query.matches.iter().flatten().all(|m| m.key != "resource_name" || name.contains(&m.value));
    // `without_any_tag` asks for untagged resources only; tag conditions are then ignored.
    if query.without_any_tag == Some(true) {
        return tags.is_empty() && matches;
    }
    all(&query.tags)
        && any(&query.tags_any)
        && not_all(&query.not_tags)
        && not_any(&query.not_tags_any)
        && matches
}

fn page_number(text: Option<&String>, name: &str, default: usize, max: usize) -> ApiResult<usize> {
    match text {
        None => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= max && (name != "limit" || *n >= 1))
            .ok_or_else(|| ApiError::invalid(format!("{name} must be a whole number up to {max}"))),
    }
}

/// `POST /v1/{project_id}/{resource_type}/resource_instances/action`: filter or count by tag.
pub async fn find(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let kind = resource_kind(&ctx)?;
    let query: t::QueryResourceInstanceTagsBody = parse_body(&body)?;
    let limit = page_number(query.limit.as_ref(), "limit", 1000, 1000)?;
    let offset = page_number(query.offset.as_ref(), "offset", 0, usize::MAX)?;
    let project = ctx.caller.project_id.clone();
    let mut store = ctx.shared.store();
    let mut hits: Vec<Value> = resources(&mut store, kind, &project)
        .into_iter()
        .filter_map(|(id, name, fields)| {
            let tags = tags_of(fields);
            selected(&tags, &name, &query).then(|| {
                let tags: Vec<Value> =
                    tags.iter().map(|(k, v)| json!({ "key": k, "value": v })).collect();
                json!({ "resource_id": id, "resource_name": name, "tags": tags })
            })
        })
        .collect();
    hits.sort_by(|a, b| a["resource_id"].as_str().cmp(&b["resource_id"].as_str()));
    let total = hits.len();
    match query.action {
        t::ResourceInstanceAction::Count => reply::<t::ListResourceInstancesResponseBody>(
            StatusCode::OK,
            json!({ "total_count": total }),
        ),
        t::ResourceInstanceAction::Filter => {
            let page: Vec<Value> = hits.into_iter().skip(offset).take(limit).collect();
            reply::<t::ListResourceInstancesResponseBody>(
                StatusCode::OK,
                json!({ "resources": page, "total_count": total }),
            )
        }
        ref other => Err(ApiError::invalid(format!(
            "invalid action `{}`; expected filter or count",
            other.as_str()
        ))),
    }
}
