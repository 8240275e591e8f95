//! VPC endpoints: create (subject to the target service's whitelist and approval), list, show,
//! delete, whitelist, policy, route tables and upgrade.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use vpcep::types as t;

use super::services::admits;
use super::support::{Ctx, no_content, parse_body, reply};
use crate::clock::{iso, now_ms};
use crate::error::{ApiError, ApiResult};
use crate::store::{EndpointRecord, Fields, Store, status_of};
use crate::tenant::resource_id;

/// An endpoint the caller owns.
fn owned<'a>(store: &'a mut Store, ctx: &Ctx, id: &str) -> ApiResult<&'a mut EndpointRecord> {
    match store.endpoints.get_mut(id) {
        Some(record) if record.project_id == ctx.caller.project_id => Ok(record),
        _ => Err(ApiError::not_found("endpoint", id)),
    }
}

/// Whitelist entries of an endpoint are IPv4 addresses or CIDR blocks.
fn check_whitelist(entries: &[String]) -> ApiResult<()> {
    if entries.len() > 20 {
        return Err(ApiError::invalid("whitelist holds at most 20 entries"));
    }
    for entry in entries {
        let (address, prefix) =
            entry.split_once('/').map_or((entry.as_str(), None), |(a, p)| (a, Some(p)));
        let prefix_ok = prefix.is_none_or(|p| p.parse::<u8>().is_ok_and(|n| n <= 32));
        if address.parse::<std::net::Ipv4Addr>().is_err() || !prefix_ok {
            return Err(ApiError::invalid(format!(
                "whitelist entry `{entry}` is not an IPv4 address or CIDR block"
            )));
        }
    }
    Ok(())
}

fn check_policy(statements: Option<&Vec<t::PolicyStatement>>) -> ApiResult<()> {
    for (i, statement) in statements.into_iter().flatten().enumerate() {
        if matches!(statement.effect, t::PolicyEffect::Unknown(_)) {
            return Err(ApiError::invalid(format!(
                "policy_statement[{i}].Effect must be Allow or Deny"
            )));
        }
        if statement.action.is_empty() || statement.resource.is_empty() {
            return Err(ApiError::invalid(format!(
                "policy_statement[{i}] needs Action and Resource"
            )));
        }
    }
    Ok(())
}

fn random_ip() -> String {
    format!("192.168.{}.{}", fastrand::u8(0..=255), fastrand::u8(2..=254))
}

/// The checks on a create body that need no state but the region.
fn check_create_body(request: &t::CreateEndpointRequestBody, region: &str) -> ApiResult<()> {
    // Dual-stack endpoints and their IPv6 address are professional-edition settings.
    if request.ip_version.as_ref().is_some_and(|version| version.as_str() == "dualstack") {
        crate::regions::require_professional(region, "ip_version dualstack")?;
    }
    if request.ipv6_address.is_some() {
        crate::regions::require_professional(region, "ipv6_address")?;
    }
    if let Some(whitelist) = &request.whitelist {
        check_whitelist(whitelist)?;
    }
    check_policy(request.policy_statement.as_ref())?;
    super::support::check_description(request.description.as_deref(), 512)?;
    if let Some(version) = &request.ip_version {
        super::support::known(
            "ip_version",
            version.as_str(),
            matches!(version, t::EndpointIpVersion::Unknown(_)),
            &["ipv4", "dualstack"],
        )?;
    }
    if let Some(tags) = &request.tags {
        super::tags::check_tags(tags.iter().map(|tag| {
            (tag.key.as_deref().unwrap_or_default(), tag.value.as_deref().unwrap_or_default())
        }))?;
    }
    Ok(())
}

/// `POST /v1/{project_id}/vpc-endpoints`.
pub async fn create(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::CreateEndpointRequestBody = parse_body(&body)?;
    check_create_body(&request, &ctx.shared.region)?;
    let mut store = ctx.shared.store();
    let service = store
        .services
        .get(&request.endpoint_service_id)
        .filter(|s| admits(s, &ctx.caller.domain_id) || s.project_id == ctx.caller.project_id);
    let Some(service) = service else {
        // A service that exists but does not whitelist the caller is a permission error.
        if store.services.contains_key(&request.endpoint_service_id) {
            return Err(ApiError::forbidden(
                "the endpoint service's whitelist does not admit your account",
            ));
        }
        return Err(ApiError::not_found("endpoint service", &request.endpoint_service_id));
    };
    if status_of(&service.fields) != "available" {
        return Err(ApiError::conflict("the endpoint service is not available"));
    }
    let service_type = service
        .fields
        .get("service_type")
        .and_then(Value::as_str)
        .unwrap_or("interface")
        .to_string();
    if service_type == "interface" && request.subnet_id.is_none() {
        return Err(ApiError::invalid("subnet_id is required for an interface endpoint service"));
    }
    if service_type == "interface" && request.routetables.is_some() {
        return Err(ApiError::invalid("routetables only apply to gateway endpoint services"));
    }
    let approval = service.fields.get("approval_enabled").and_then(Value::as_bool).unwrap_or(false);
    let service_name = service.fields.get("service_name").cloned().unwrap_or(Value::Null);
    let used =
        store.endpoints.values().filter(|e| e.project_id == ctx.caller.project_id).count() as u64;
    if used >= ctx.shared.quotas.endpoints {
        return Err(ApiError::quota("endpoint", ctx.shared.quotas.endpoints));
    }
    store.last_marker_id += 1;
    let marker_id = store.last_marker_id;
    let (id, now) = (resource_id(), now_ms());
    let mut fields: Fields = match serde_json::to_value(&request) {
        Ok(Value::Object(fields)) => fields,
        _ => Fields::new(),
    };
    let enable_dns = request.enable_dns.unwrap_or(false);
    let defaults = json!({
        "id": id, "service_type": service_type, "status": "creating", "active_status": ["active"],
        "endpoint_service_name": service_name, "marker_id": marker_id, "enable_dns": enable_dns,
        "dns_names": if enable_dns { json!([format!("{id}.vpcep.{}.simulated", ctx.shared.region)]) } else { json!([]) },
        "ip": request.port_ip.clone().unwrap_or_else(random_ip), "created_at": iso(now), "updated_at": iso(now),
        "project_id": ctx.caller.project_id, "tags": request.tags.clone().unwrap_or_default(),
        "whitelist": request.whitelist.clone().unwrap_or_default(),
        "enable_whitelist": request.enable_whitelist.unwrap_or(false),
        "routetables": request.routetables.clone().unwrap_or_default(), "specification_name": "default",
        "enable_status": "enable", "endpoint_pool_id": resource_id(), "public_border_group": "center",
        "error": [],
    });
    if let Value::Object(defaults) = defaults {
        fields.extend(defaults);
    }
    let record = EndpointRecord {
        project_id: ctx.caller.project_id.clone(),
        domain_id: ctx.caller.domain_id.clone(),
        fields,
        settled_status: if approval { "pendingAcceptance" } else { "accepted" }.into(),
        ready_at_ms: now + ctx.shared.lifecycle_delay.as_millis() as u64,
        gone_at_ms: None,
        connection_description: None,
    };
    let value = Value::Object(record.fields.clone());
    store.endpoints.insert(id, record);
    reply::<t::CreateEndpointResponseBody>(StatusCode::OK, value)
}

/// `GET /v1/{project_id}/vpc-endpoints`.
pub async fn list(ctx: Ctx) -> ApiResult<Response> {
    let listing = ctx.listing()?;
    let store = ctx.shared.store();
    let items: Vec<Fields> = store
        .endpoints
        .values()
        .filter(|e| e.project_id == ctx.caller.project_id)
        .map(|e| e.fields.clone())
        .filter(|f| {
            let text = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            ctx.query("endpoint_service_name")
                .is_none_or(|v| text("endpoint_service_name").contains(v))
                && ctx.query("vpc_id").is_none_or(|v| text("vpc_id") == v)
                && ctx.query("id").is_none_or(|v| text("id") == v)
        })
        .collect();
    let (page, total) = listing.page(items);
    reply::<t::ListEndpointsResponseBody>(
        StatusCode::OK,
        json!({ "endpoints": page, "total_count": total }),
    )
}

/// `GET /v1/{project_id}/vpc-endpoints/{endpoint_id}`.
pub async fn show(ctx: Ctx) -> ApiResult<Response> {
    let id = ctx.path("endpoint_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    reply::<t::ListEndpointInfoDetailsResponseBody>(
        StatusCode::OK,
        Value::Object(record.fields.clone()),
    )
}

/// `DELETE /v1/{project_id}/vpc-endpoints/{endpoint_id}`.
pub async fn delete(ctx: Ctx) -> ApiResult<Response> {
    let id = ctx.path("endpoint_id").to_string();
    let delay = ctx.shared.lifecycle_delay.as_millis() as u64;
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    record.fields.insert("status".into(), "deleting".into());
    record.gone_at_ms = Some(now_ms() + delay);
    drop(store);
    no_content(StatusCode::NO_CONTENT)
}

/// `PUT /v1/{project_id}/vpc-endpoints/{endpoint_id}`: the IP whitelist.
pub async fn whitelist(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::UpdateEndpointWhiteRequestBody = parse_body(&body)?;
    if let Some(entries) = &request.whitelist {
        check_whitelist(entries)?;
    }
    let id = ctx.path("endpoint_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    if let Some(entries) = request.whitelist {
        record.fields.insert("whitelist".into(), json!(entries));
    }
    if let Some(enable) = request.enable_whitelist {
        record.fields.insert("enable_whitelist".into(), enable.into());
    }
    record.fields.insert("updated_at".into(), iso(now_ms()).into());
    reply::<t::UpdateEndpointWhiteResponseBody>(
        StatusCode::OK,
        Value::Object(record.fields.clone()),
    )
}

/// `PUT …/{endpoint_id}/policy`.
pub async fn set_policy(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::UpdateEndpointPolicyRequestBody = parse_body(&body)?;
    check_policy(request.policy_statement.as_ref())?;
    if request.policy_statement.is_none() && request.policy_document.is_none() {
        return Err(ApiError::invalid("give policy_statement or policy_document"));
    }
    let id = ctx.path("endpoint_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    if let Ok(Value::Object(changes)) = serde_json::to_value(&request) {
        record.fields.extend(changes);
    }
    reply::<t::UpdateEndpointPolicyResponseBody>(
        StatusCode::OK,
        Value::Object(record.fields.clone()),
    )
}

/// `DELETE …/{endpoint_id}/policy`.
pub async fn delete_policy(ctx: Ctx) -> ApiResult<Response> {
    let id = ctx.path("endpoint_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    record.fields.remove("policy_document");
    record.fields.insert("policy_statement".into(), json!([]));
    reply::<t::DeleteEndpointPolicyResponseBody>(
        StatusCode::OK,
        Value::Object(record.fields.clone()),
    )
}

/// `PUT …/{endpoint_id}/routetables`: gateway endpoints only.
pub async fn routetables(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::UpdateEndpointRoutetableRequestBody = parse_body(&body)?;
    if request.routetables.len() > 20 {
        return Err(ApiError::invalid("routetables holds at most 20 route tables"));
    }
    let id = ctx.path("endpoint_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    if record.fields.get("service_type").and_then(Value::as_str) != Some("gateway") {
        return Err(ApiError::conflict("route tables only apply to gateway endpoints"));
    }
    record.fields.insert("routetables".into(), json!(request.routetables));
    reply::<t::UpdateEndpointRoutetableResponseBody>(
        StatusCode::OK,
        json!({ "routetables": request.routetables, "error": [] }),
    )
}

/// `POST /v2/{project_id}/vpc-endpoints/{endpoint_id}/upgrade`.
pub async fn upgrade(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::UpgradeEndpointRequestBody = parse_body(&body)?;
    if matches!(request.action, t::UpgradeAction::Unknown(_)) {
        return Err(ApiError::invalid("action must be `start`"));
    }
    let id = ctx.path("endpoint_id").to_string();
    let mut store = ctx.shared.store();
    owned(&mut store, &ctx, &id)?;
    no_content(StatusCode::ACCEPTED)
}
