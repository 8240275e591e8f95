//! What every handler needs: the caller, path and query parameters, bodies parsed into the
//! generated request types (with the path of the bad field in the error), replies filtered
//! through the generated response types, and list paging. Also the small read-only operations
//! (quotas, versions).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::server::Shared;
use crate::store::Fields;
use crate::tenant::Tenant;

/// The caller and the simulator, plus the request's path and query parameters.
pub struct Ctx {
    /// Shared state.
    pub shared: Arc<Shared>,
    /// The authenticated tenant.
    pub caller: Tenant,
    /// Path parameters by name.
    pub path: BTreeMap<String, String>,
    /// Query parameters in order (repeated keys kept).
    pub query: Vec<(String, String)>,
}

impl FromRequestParts<Arc<Shared>> for Ctx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<Shared>) -> Result<Self, ApiError> {
        let caller = parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ApiError::unauthorized("not authenticated"))?;
        let Path(path) = Path::<BTreeMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::invalid(format!("bad path: {e}")))?;
        let RawQuery(raw) =
            RawQuery::from_request_parts(parts, state).await.unwrap_or(RawQuery(None));
        let query = raw.map(|raw| form_pairs(&raw)).unwrap_or_default();
        let State(shared) = State::<Arc<Shared>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::system("no state"))?;
        let ctx = Self { shared, caller: caller.0, path, query };
        if let Some(project) = ctx.path.get("project_id")
            && project != &ctx.caller.project_id
        {
            return Err(ApiError::forbidden(format!(
                "project {project} does not belong to the caller"
            )));
        }
        Ok(ctx)
    }
}

fn form_pairs(raw: &str) -> Vec<(String, String)> {
    specbind::signing::parse_wire_query(raw)
        .into_iter()
        .filter_map(|(key, value)| match value {
            specbind::http_request::QueryValue::Single(value) => Some((key, value)),
            specbind::http_request::QueryValue::List(values) => {
                values.into_iter().last().map(|v| (key, v))
            }
            specbind::http_request::QueryValue::Integers(values) => {
                values.last().map(|v| (key, v.to_string()))
            }
        })
        .collect()
}

impl Ctx {
    /// A path parameter (routes guarantee presence).
    pub fn path(&self, name: &str) -> &str {
        self.path.get(name).map(String::as_str).unwrap_or_default()
    }

    /// The last value of query parameter `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Query parameter `name` restricted to `allowed` values.
    pub fn query_enum(&self, name: &str, allowed: &[&str]) -> ApiResult<Option<String>> {
        match self.query(name) {
            None => Ok(None),
            Some(value) if allowed.contains(&value) => Ok(Some(value.to_string())),
            Some(value) => Err(ApiError::invalid(format!(
                "invalid {name} `{value}`; expected one of {}",
                allowed.join(", ")
            ))),
        }
    }

    /// Offset/limit/sort parameters of a list call.
    pub fn listing(&self) -> ApiResult<Listing> {
        self.listing_up_to(1000)
    }

    /// Like [`Ctx::listing`], for lists whose `limit` tops out below 1000.
    pub fn listing_up_to(&self, max_limit: u64) -> ApiResult<Listing> {
        let number =
            |name: &str, default: u64, range: std::ops::RangeInclusive<u64>| -> ApiResult<u64> {
                match self.query(name) {
                    None => Ok(default),
                    Some(text) => {
                        text.parse::<u64>().ok().filter(|n| range.contains(n)).ok_or_else(|| {
                            ApiError::invalid(format!(
                                "{name} must be a whole number in {}..={}",
                                range.start(),
                                range.end()
                            ))
                        })
                    }
                }
            };
        let limit = number("limit", 10, 1..=max_limit)?;
        let offset = number("offset", 0, 0..=u64::from(u32::MAX))?;
        let sort_key = self.query_enum("sort_key", &["create_at", "update_at"])?;
        let sort_dir = self.query_enum("sort_dir", &["asc", "desc"])?;
        Ok(Listing { limit, offset, sort_key, descending: sort_dir.as_deref() != Some("asc") })
    }
}

/// Paging and sorting of a list call.
pub struct Listing {
    limit: u64,
    offset: u64,
    sort_key: Option<String>,
    descending: bool,
}

impl Listing {
    /// Sorts, then cuts one page; returns the page and the total before paging. An offset past
    /// the end is an empty page, not an error.
    pub fn page(&self, mut items: Vec<Fields>) -> (Vec<Fields>, usize) {
        let field = match self.sort_key.as_deref() {
            Some("update_at") => "updated_at",
            _ => "created_at",
        };
        let key = |f: &Fields| f.get(field).and_then(Value::as_str).unwrap_or_default().to_string();
        items.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| id_of(a).cmp(id_of(b))));
        if self.descending {
            items.reverse();
        }
        let total = items.len();
        let page = items.into_iter().skip(self.offset as usize).take(self.limit as usize).collect();
        (page, total)
    }
}

fn id_of(fields: &Fields) -> &str {
    fields.get("id").and_then(Value::as_str).unwrap_or_default()
}

/// Parses a JSON body into a generated request type; the error names the bad field.
pub fn parse_body<T: DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(ApiError::invalid("the request body is missing")),
        // Every VPCEP body is an object; serde would otherwise read `[...]` as a struct's
        // fields in order.
        Some(b'{') => {}
        Some(_) => return Err(ApiError::invalid("invalid request body: expected a JSON object")),
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if path == "." {
            ApiError::invalid(format!("invalid request body: {inner}"))
        } else {
            ApiError::invalid(format!("invalid request body at `{path}`: {inner}"))
        }
    })
}

/// Checks a free-text `description`: at most `max` characters and no `<` or `>`.
pub fn check_description(description: Option<&str>, max: usize) -> ApiResult<()> {
    match description {
        Some(text) if text.chars().count() > max || text.contains(['<', '>']) => {
            Err(ApiError::invalid(format!(
                "description must be at most {max} characters without < or >"
            )))
        }
        _ => Ok(()),
    }
}

/// Rejects an enum value the API does not define.
pub fn known(field: &str, value: &str, is_unknown: bool, allowed: &[&str]) -> ApiResult<()> {
    if is_unknown {
        return Err(ApiError::invalid(format!(
            "invalid {field} `{value}`; expected one of {}",
            allowed.join(", ")
        )));
    }
    Ok(())
}

/// Answers with `value` read through the generated response type `T`: fields `T` does not
/// declare are dropped, and a shape `T` rejects is a simulator bug reported as a 500.
pub fn reply<T: DeserializeOwned + Serialize>(
    status: StatusCode,
    value: Value,
) -> ApiResult<Response> {
    let typed: T = serde_json::from_value(value)
        .map_err(|e| ApiError::system(format!("simulator built an invalid response: {e}")))?;
    Ok((status, axum::Json(typed)).into_response())
}

/// Answers with no body.
pub fn no_content(status: StatusCode) -> ApiResult<Response> {
    Ok(status.into_response())
}

/// Unknown routes.
pub async fn no_route() -> ApiError {
    crate::regions::no_such_api("no API has this method and path")
}

fn version(id: &str) -> Value {
    serde_json::json!({
        "id": id, "status": if id == "v2" { "CURRENT" } else { "SUPPORTED" },
        "version": "", "min_version": "", "updated": "2025-01-01T00:00:00Z",
        "links": [{ "href": format!("https://vpcep.example/{id}/"), "rel": "self" }]
    })
}

/// `GET /`.
pub async fn list_versions(_ctx: Ctx) -> ApiResult<Response> {
    reply::<vpcep::types::ListVersionDetailsResponseBody>(
        StatusCode::OK,
        serde_json::json!({ "versions": [version("v1"), version("v2")] }),
    )
}

/// `GET /{version}`.
pub async fn show_version(ctx: Ctx) -> ApiResult<Response> {
    let id = ctx.path("version");
    if id != "v1" && id != "v2" {
        return Err(ApiError::not_found("API version", id));
    }
    reply::<vpcep::types::ListSpecifiedVersionDetailsResponseBody>(
        StatusCode::OK,
        serde_json::json!({ "version": version(id) }),
    )
}

/// `GET /v1/{project_id}/quotas`.
pub async fn quotas(ctx: Ctx) -> ApiResult<Response> {
    let wanted = ctx.query_enum("type", &["endpoint_service", "endpoint"])?;
    let store = ctx.shared.store();
    let project = &ctx.caller.project_id;
    let used_services = store.services.values().filter(|s| &s.project_id == project).count();
    let used_endpoints = store.endpoints.values().filter(|e| &e.project_id == project).count();
    let quotas = ctx.shared.quotas;
    let resources: Vec<Value> = [
        ("endpoint_service", used_services, quotas.endpoint_services),
        ("endpoint", used_endpoints, quotas.endpoints),
    ]
    .into_iter()
    .filter(|(kind, _, _)| wanted.as_deref().is_none_or(|w| w == *kind))
    .map(|(kind, used, quota)| serde_json::json!({ "type": kind, "used": used, "quota": quota }))
    .collect();
    reply::<vpcep::types::ListQuotaDetailsResponseBody>(
        StatusCode::OK,
        serde_json::json!({ "quotas": { "resources": resources } }),
    )
}
