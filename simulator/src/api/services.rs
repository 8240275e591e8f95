//! Endpoint services: create, list, show, describe, public list, modify, rename, delete,
//! upgrade and server resources.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use vpcep::types as t;

use super::support::{Ctx, check_description, known, no_content, parse_body, reply};
use crate::clock::{iso, now_ms};
use crate::error::{ApiError, ApiResult};
use crate::regions;
use crate::store::{Fields, ServiceRecord, Store, status_of};
use crate::tenant::resource_id;

/// A backend (`port_id`) that does not exist: creating a service on it ends in `failed`, so
/// clients can exercise their failure paths.
pub const FAILING_BACKEND: &str = "00000000-0000-0000-0000-000000000000";
const SERVER_TYPES: &[&str] = &["VM", "VIP", "LB"];
const SERVICE_TYPES: &[&str] = &["interface", "gateway"];
const TCP_PROXY: &[&str] = &["close", "toa_open", "proxy_open", "open", "proxy_vni"];

/// Port mappings must be TCP, in 1–65535, without two mappings for one client or server port.
pub fn check_ports(ports: &[t::PortList]) -> ApiResult<()> {
    if ports.is_empty() || ports.len() > 200 {
        return Err(ApiError::invalid("ports must list 1 to 200 port mappings"));
    }
    let mut seen_client = std::collections::BTreeSet::new();
    let mut seen_server = std::collections::BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        for (name, value) in [("client_port", port.client_port), ("server_port", port.server_port)]
        {
            match value {
                Some(1..=65535) => {}
                Some(other) => {
                    return Err(ApiError::invalid(format!(
                        "ports[{i}].{name} {other} is outside 1-65535"
                    )));
                }
                None => return Err(ApiError::invalid(format!("ports[{i}].{name} is required"))),
            }
        }
        if let Some(protocol) = &port.protocol {
            known(
                &format!("ports[{i}].protocol"),
                protocol.as_str(),
                matches!(protocol, t::PortProtocol::Unknown(_)),
                &["TCP"],
            )?;
        }
        if !seen_client.insert(port.client_port) || !seen_server.insert(port.server_port) {
            return Err(ApiError::invalid(format!("ports[{i}] repeats a port already mapped")));
        }
    }
    Ok(())
}

fn check_short_name(name: &str) -> ApiResult<()> {
    let ok = (1..=16).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "service_name `{name}` must be 1-16 letters, digits, `_` or `-`"
        )))
    }
}

fn full_name(region: &str, short: Option<&str>, id: &str) -> String {
    match short {
        Some(short) => format!("{region}.{short}.{id}"),
        None => format!("{region}.{id}"),
    }
}

/// The service as responses show it, with derived counts.
fn view(store: &Store, id: &str, record: &ServiceRecord) -> Value {
    let mut fields = record.fields.clone();
    let connections = store
        .endpoints
        .values()
        .filter(|e| e.fields.get("endpoint_service_id").and_then(Value::as_str) == Some(id))
        .count();
    fields.insert("connection_count".into(), connections.into());
    Value::Object(fields)
}

/// A service the caller owns.
pub fn owned<'a>(store: &'a mut Store, ctx: &Ctx, id: &str) -> ApiResult<&'a mut ServiceRecord> {
    match store.services.get_mut(id) {
        Some(record) if record.project_id == ctx.caller.project_id => Ok(record),
        _ => Err(ApiError::not_found("endpoint service", id)),
    }
}

/// IPv6 services and their SNAT subnet are professional-edition settings.
fn check_region_fields(
    region: &str,
    request: &t::CreateEndpointServiceRequestBody,
) -> ApiResult<()> {
    if request.ip_version.as_ref().is_some_and(|version| version.as_str() == "ipv6") {
        regions::require_professional(region, "ip_version ipv6")?;
    }
    if request.snat_network_id.is_some() {
        regions::require_professional(region, "snat_network_id")?;
    }
    Ok(())
}

/// `enable_policy` from the raw body: the generated request type does not declare it (the SDK's
/// model lacks it), yet the Terraform provider's `huaweicloud_vpcep_service` sends it. `true` is
/// refused where the region cannot switch policies on; `false` is the default everywhere.
fn enable_policy(body: &[u8], region: &str) -> ApiResult<bool> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid(format!("invalid request body: {e}")))?;
    match value.get("enable_policy") {
        None | Some(Value::Bool(false)) => Ok(false),
        Some(Value::Bool(true)) => regions::require_policy_support(region).map(|()| true),
        Some(_) => Err(ApiError::invalid("enable_policy must be true or false")),
    }
}

/// `POST /v1/{project_id}/vpc-endpoint-services`.
pub async fn create(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::CreateEndpointServiceRequestBody = parse_body(&body)?;
    known(
        "server_type",
        request.server_type.as_str(),
        matches!(request.server_type, t::ServerType::Unknown(_)),
        SERVER_TYPES,
    )?;
    if let Some(kind) = &request.service_type {
        known(
            "service_type",
            kind.as_str(),
            matches!(kind, t::ServiceType::Unknown(_)),
            SERVICE_TYPES,
        )?;
    }
    if let Some(proxy) = &request.tcp_proxy {
        known("tcp_proxy", proxy.as_str(), matches!(proxy, t::TcpProxy::Unknown(_)), TCP_PROXY)?;
    }
    if let Some(version) = &request.ip_version {
        known(
            "ip_version",
            version.as_str(),
            matches!(version, t::ServiceIpVersion::Unknown(_)),
            &["ipv4", "ipv6"],
        )?;
    }
    check_region_fields(&ctx.shared.region, &request)?;
    let enable_policy = enable_policy(&body, &ctx.shared.region)?;
    check_ports(&request.ports)?;
    check_description(request.description.as_deref(), 512)?;
    if let Some(name) = &request.service_name {
        check_short_name(name)?;
    }
    if let Some(tags) = &request.tags {
        super::tags::check_tags(tags.iter().map(|tag| {
            (tag.key.as_deref().unwrap_or_default(), tag.value.as_deref().unwrap_or_default())
        }))?;
    }
    let mut store = ctx.shared.store();
    let used =
        store.services.values().filter(|s| s.project_id == ctx.caller.project_id).count() as u64;
    if used >= ctx.shared.quotas.endpoint_services {
        return Err(ApiError::quota("endpoint_service", ctx.shared.quotas.endpoint_services));
    }
    let id = resource_id();
    let now = now_ms();
    let mut fields = match serde_json::to_value(&request) {
        Ok(Value::Object(fields)) => fields,
        _ => Fields::new(),
    };
    let defaults = json!({
        "id": id, "service_name": full_name(&ctx.shared.region, request.service_name.as_deref(), &id),
        "status": "creating", "service_type": request.service_type.as_ref().map_or("interface", |k| k.as_str()),
        "approval_enabled": request.approval_enabled.unwrap_or(false),
        "tcp_proxy": request.tcp_proxy.as_ref().map_or("close", |p| p.as_str()),
        "pool_id": resource_id(), "project_id": ctx.caller.project_id, "domain_id": ctx.caller.domain_id,
        "created_at": iso(now), "updated_at": iso(now), "tags": request.tags.clone().unwrap_or_default(),
        "enable_policy": enable_policy, "cidr_type": "internal", "supported_editions": ["default"],
        "public_border_group": "center", "ip_version": request.ip_version.as_ref().map_or("ipv4", |v| v.as_str()),
        "error": [],
    });
    if let Value::Object(defaults) = defaults {
        fields.extend(defaults);
    }
    let record = ServiceRecord {
        project_id: ctx.caller.project_id.clone(),
        domain_id: ctx.caller.domain_id.clone(),
        fields,
        permissions: Vec::new(),
        ready_at_ms: now + ctx.shared.lifecycle_delay.as_millis() as u64,
        fails: request.port_id == FAILING_BACKEND,
        gone_at_ms: None,
    };
    let value = view(&store, &id, &record);
    store.services.insert(id, record);
    reply::<t::CreateEndpointServiceResponseBody>(StatusCode::OK, value)
}

/// Whether a service matches the list filters `endpoint_service_name`, `id` and `status`.
pub fn matches_filters(ctx: &Ctx, fields: &Fields) -> bool {
    let text = |key: &str| fields.get(key).and_then(Value::as_str).unwrap_or_default();
    ctx.query("endpoint_service_name").is_none_or(|name| text("service_name").contains(name))
        && ctx.query("id").is_none_or(|id| text("id") == id)
        && ctx.query("status").is_none_or(|status| text("status") == status)
        && ctx.query("public_border_group").is_none_or(|group| text("public_border_group") == group)
}

/// `GET /v1/{project_id}/vpc-endpoint-services`.
pub async fn list(ctx: Ctx) -> ApiResult<Response> {
    let listing = ctx.listing()?;
    ctx.query_enum("status", &["creating", "available", "failed", "deleting"])?;
    let store = ctx.shared.store();
    let items: Vec<Fields> = store
        .services
        .iter()
        .filter(|(_, s)| s.project_id == ctx.caller.project_id && matches_filters(&ctx, &s.fields))
        .filter_map(|(id, s)| view(&store, id, s).as_object().cloned())
        .collect();
    let (page, total) = listing.page(items);
    reply::<t::ListEndpointServiceResponseBody>(
        StatusCode::OK,
        json!({ "endpoint_services": page, "total_count": total }),
    )
}

/// `GET /v1/{project_id}/vpc-endpoint-services/{service_id}`.
pub async fn show(ctx: Ctx) -> ApiResult<Response> {
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?.clone();
    reply::<t::ListServiceDetailsResponseBody>(StatusCode::OK, view(&store, &id, &record))
}

/// Whether `domain_id` may connect endpoints to `record`: the owner always may (VPCEP puts the
/// owner on its own whitelist), anyone else through a whitelist entry for them or `*`.
pub fn admits(record: &ServiceRecord, domain_id: &str) -> bool {
    record.domain_id == domain_id
        || record.permissions.iter().any(|p| {
            let entry = p.get("permission").and_then(Value::as_str).unwrap_or_default();
            entry == "*" || entry == format!("iam:domain::{domain_id}")
        })
}

/// The fields `describe` shows: what a consumer needs to pick and connect to a service. Nothing
/// about the owner's side (backend port, VPC, ports, project, whitelist) is among them.
fn summary(record: &ServiceRecord) -> Value {
    let field = |key: &str| record.fields.get(key).cloned().unwrap_or(Value::Null);
    json!({
        "id": field("id"), "service_name": field("service_name"),
        "service_type": field("service_type"), "created_at": field("created_at"),
        "is_charge": record.fields.get("is_charge").and_then(Value::as_bool).unwrap_or(false),
        "public_border_group": field("public_border_group"), "enable_policy": field("enable_policy"),
    })
}

/// `GET …/vpc-endpoint-services/describe`: the basic facts of any tenant's service.
///
/// This is how a consumer finds a service before it is whitelisted (VPCEP documents it as open
/// to other users, without exposing the owner's servers), so neither ownership nor the
/// whitelist limits it; [`summary`] limits what it shows instead.
pub async fn describe(ctx: Ctx) -> ApiResult<Response> {
    let given = |key: &str| ctx.query(key).filter(|value| !value.is_empty());
    let (name, id) = (given("endpoint_service_name"), given("id"));
    if name.is_none() && id.is_none() {
        return Err(ApiError::invalid("give endpoint_service_name or id"));
    }
    let store = ctx.shared.store();
    let found = store.services.iter().find(|(sid, s)| {
        id.is_none_or(|id| id == sid.as_str())
            && name.is_none_or(|name| {
                s.fields.get("service_name").and_then(Value::as_str) == Some(name)
            })
    });
    let Some((_, record)) = found else {
        return Err(ApiError::not_found("endpoint service", name.or(id).unwrap_or_default()));
    };
    reply::<t::ListServiceDescribeDetailsResponseBody>(StatusCode::OK, summary(record))
}

/// `PUT …/vpc-endpoint-services/{service_id}`.
pub async fn update(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::UpdateEndpointServiceRequestBody = parse_body(&body)?;
    if let Some(ports) = &request.ports {
        check_ports(ports)?;
    }
    if let Some(proxy) = &request.tcp_proxy {
        known("tcp_proxy", proxy.as_str(), matches!(proxy, t::TcpProxy::Unknown(_)), TCP_PROXY)?;
    }
    check_description(request.description.as_deref(), 512)?;
    if let Some(name) = &request.service_name {
        check_short_name(name)?;
    }
    let id = ctx.path("service_id").to_string();
    let region = ctx.shared.region.clone();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    if let Ok(Value::Object(changes)) = serde_json::to_value(&request) {
        record.fields.extend(changes);
    }
    if let Some(name) = &request.service_name {
        record.fields.insert("service_name".into(), full_name(&region, Some(name), &id).into());
    }
    record.fields.insert("updated_at".into(), iso(now_ms()).into());
    let record = record.clone();
    reply::<t::UpdateEndpointServiceResponseBody>(StatusCode::OK, view(&store, &id, &record))
}

/// `PUT …/vpc-endpoint-services/{service_id}/name`.
pub async fn rename(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::UpdateEndpointServiceNameRequestBody = parse_body(&body)?;
    let name = request
        .endpoint_service_name
        .ok_or_else(|| ApiError::invalid("endpoint_service_name is required"))?;
    check_short_name(&name)?;
    let id = ctx.path("service_id").to_string();
    let full = full_name(&ctx.shared.region, Some(&name), &id);
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    record.fields.insert("service_name".into(), full.clone().into());
    record.fields.insert("updated_at".into(), iso(now_ms()).into());
    reply::<t::UpdateEndpointServiceNameResponseBody>(
        StatusCode::OK,
        json!({ "endpoint_service_name": full }),
    )
}

/// `DELETE …/vpc-endpoint-services/{service_id}`: refused while endpoints are connected.
pub async fn delete(ctx: Ctx) -> ApiResult<Response> {
    let id = ctx.path("service_id").to_string();
    let delay = ctx.shared.lifecycle_delay.as_millis() as u64;
    let mut store = ctx.shared.store();
    owned(&mut store, &ctx, &id)?;
    let connected = store.endpoints.values().any(|e| {
        e.fields.get("endpoint_service_id").and_then(Value::as_str) == Some(id.as_str())
            && matches!(status_of(&e.fields), "accepted" | "pendingAcceptance" | "creating")
    });
    if connected {
        return Err(ApiError::conflict("the endpoint service still has endpoints connected"));
    }
    let record = owned(&mut store, &ctx, &id)?;
    record.fields.insert("status".into(), "deleting".into());
    record.gone_at_ms = Some(now_ms() + delay);
    drop(store);
    no_content(StatusCode::NO_CONTENT)
}

/// `POST /v2/…/vpc-endpoint-services/{service_id}/upgrade`.
pub async fn upgrade(ctx: Ctx) -> ApiResult<Response> {
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    if status_of(&record.fields) != "available" {
        return Err(ApiError::conflict("only an available endpoint service can be upgraded"));
    }
    record.fields.insert("supported_editions".into(), json!(["default", "ipv6"]));
    no_content(StatusCode::NO_CONTENT)
}

/// `POST /v2/…/vpc-endpoint-services/{service_id}/add-server-resources`.
pub async fn add_server_resources(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::AddEndpointServiceServerResourceRequestBody = parse_body(&body)?;
    if request.server_resources.is_empty() || request.server_resources.len() > 20 {
        return Err(ApiError::invalid("server_resources must list 1 to 20 resources"));
    }
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    let resources = record.fields.entry("server_resources").or_insert_with(|| json!([]));
    if let (Value::Array(list), Ok(Value::Array(new))) =
        (resources, serde_json::to_value(&request.server_resources))
    {
        list.extend(new);
    }
    no_content(StatusCode::NO_CONTENT)
}
