//! Connections: the endpoints attached to a service, seen and approved by its owner.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use vpcep::types as t;

use super::services::owned;
use super::support::{Ctx, parse_body, reply};
use crate::clock::{iso, now_ms};
use crate::error::{ApiError, ApiResult};
use crate::store::{EndpointRecord, Fields, Store, status_of};

fn connection(record: &EndpointRecord) -> Fields {
    let field = |key: &str| record.fields.get(key).cloned().unwrap_or(Value::Null);
    let value = json!({
        "id": field("id"), "marker_id": field("marker_id"), "created_at": field("created_at"),
        "updated_at": field("updated_at"), "domain_id": record.domain_id, "status": field("status"),
        "description": record.connection_description.clone().unwrap_or_default(), "error": [],
    });
    value.as_object().cloned().unwrap_or_default()
}

fn connected<'a>(
    store: &'a mut Store,
    service_id: &'a str,
) -> impl Iterator<Item = (&'a String, &'a mut EndpointRecord)> {
    store.endpoints.iter_mut().filter(move |(_, e)| {
        e.fields.get("endpoint_service_id").and_then(Value::as_str) == Some(service_id)
    })
}

/// `GET …/{service_id}/connections`.
pub async fn list(ctx: Ctx) -> ApiResult<Response> {
    let listing = ctx.listing()?;
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    owned(&mut store, &ctx, &id)?;
    let items: Vec<Fields> = connected(&mut store, &id)
        .map(|(_, e)| connection(e))
        .filter(|c| {
            let text = |k: &str| {
                c.get(k)
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .unwrap_or_default()
            };
            ctx.query("id").is_none_or(|v| text("id") == v)
                && ctx.query("marker_id").is_none_or(|v| text("marker_id") == v)
                && ctx.query("status").is_none_or(|v| text("status") == v)
        })
        .collect();
    let (page, total) = listing.page(items);
    reply::<t::ListServiceConnectionsResponseBody>(
        StatusCode::OK,
        json!({ "connections": page, "total_count": total }),
    )
}

/// Connection states an owner may accept or reject from.
const DECIDABLE: &[&str] = &["pendingAcceptance", "accepted", "rejected"];

/// `POST …/{service_id}/connections/action`: accept (`receive`) or reject endpoints.
pub async fn act(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::AcceptOrRejectEndpointRequestBody = parse_body(&body)?;
    let status = match &request.action {
        t::ConnectionAction::Receive => "accepted",
        t::ConnectionAction::Reject => "rejected",
        other => {
            return Err(ApiError::invalid(format!(
                "invalid action `{}`; expected receive or reject",
                other.as_str()
            )));
        }
    };
    if request.endpoints.is_empty() {
        return Err(ApiError::invalid("endpoints must list at least one endpoint id"));
    }
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    owned(&mut store, &ctx, &id)?;
    let known: Vec<(String, String)> = connected(&mut store, &id)
        .map(|(eid, endpoint)| (eid.clone(), status_of(&endpoint.fields).to_string()))
        .collect();
    for wanted in &request.endpoints {
        match known.iter().find(|(eid, _)| eid == wanted) {
            None => {
                return Err(ApiError::conflict(format!(
                    "The endpoint {wanted} does not belong to the endpoint service."
                )));
            }
            // Only a settled connection can be decided; refuse before changing anything.
            Some((_, current)) if !DECIDABLE.contains(&current.as_str()) => {
                return Err(ApiError::conflict(format!(
                    "The endpoint {wanted} is {current} and cannot be accepted or rejected."
                )));
            }
            Some(_) => {}
        }
    }
    let now = iso(now_ms());
    let mut changed = Vec::new();
    for (eid, endpoint) in connected(&mut store, &id) {
        if request.endpoints.contains(eid) {
            endpoint.fields.insert("status".into(), status.into());
            endpoint.settled_status = status.into();
            endpoint.fields.insert("updated_at".into(), now.clone().into());
            changed.push(connection(endpoint));
        }
    }
    reply::<t::AcceptOrRejectEndpointResponseBody>(
        StatusCode::OK,
        json!({ "connections": changed }),
    )
}

/// `PUT …/{service_id}/connections/description`.
pub async fn describe(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::UpdateEndpointConnectionsDescRequestBody = parse_body(&body)?;
    if request.connections.is_empty() {
        return Err(ApiError::invalid("connections must list at least one connection"));
    }
    for item in &request.connections {
        if item.description.chars().count() > 512 || item.description.contains(['<', '>']) {
            return Err(ApiError::invalid(
                "description must be at most 512 characters without < or >",
            ));
        }
    }
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    owned(&mut store, &ctx, &id)?;
    let known_ids: Vec<String> = connected(&mut store, &id).map(|(eid, _)| eid.clone()).collect();
    if let Some(stranger) = request.connections.iter().find(|c| !known_ids.contains(&c.id)) {
        return Err(ApiError::not_found("connection", &stranger.id));
    }
    let mut changed = Vec::new();
    for (eid, endpoint) in connected(&mut store, &id) {
        if let Some(item) = request.connections.iter().find(|c| &c.id == eid) {
            endpoint.connection_description = Some(item.description.clone());
            changed.push(connection(endpoint));
        }
    }
    reply::<t::UpdateEndpointConnectionsDescResponseBody>(
        StatusCode::OK,
        json!({ "connections": changed }),
    )
}
