//! The cloud's own endpoint services (OBS, DNS, API Gateway): present in every simulator,
//! owned by no tenant, open to every account, listed by `…/vpc-endpoint-services/public`,
//! describable like any service and, whitelisting everyone, connectable by every tenant.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use vpcep::types as t;

use super::services::matches_filters;
use super::support::{Ctx, reply};
use crate::error::ApiResult;
use crate::store::{Fields, ServiceRecord, Store};

/// The project the cloud's services belong to; no tenant has it, so nobody can change them.
const CLOUD_PROJECT: &str = "cloud";

/// Short name, type, and the fixed id of each public service.
const PUBLIC: &[(&str, &str, &str)] = &[
    ("obs", "gateway", "00000000-0000-4000-a000-000000000001"),
    ("dns", "interface", "00000000-0000-4000-a000-000000000002"),
    ("apig", "interface", "00000000-0000-4000-a000-000000000003"),
];

/// Adds the public services to `store` unless it already has them (a restored state does).
pub fn seed_public_services(store: &mut Store, region: &str) {
    const CREATED: &str = "2024-01-01T00:00:00Z";
    for (name, kind, id) in PUBLIC {
        let fields = json!({
            "id": id, "service_name": format!("{region}.{name}"), "service_type": kind,
            "status": "available", "owner": "cloud", "approval_enabled": false,
            "is_charge": false, "enable_policy": *kind == "gateway", "server_type": "VIP",
            "tcp_proxy": "close", "ports": [], "tags": [], "project_id": CLOUD_PROJECT,
            "created_at": CREATED, "updated_at": CREATED, "ip_version": "ipv4",
        });
        let everyone = json!({
            "id": id, "permission": "*", "permission_type": "domainId", "description": "",
            "created_at": CREATED,
        });
        let (Value::Object(fields), Value::Object(everyone)) = (fields, everyone) else {
            continue;
        };
        store.services.entry((*id).to_string()).or_insert_with(|| ServiceRecord {
            project_id: CLOUD_PROJECT.into(),
            domain_id: CLOUD_PROJECT.into(),
            fields,
            permissions: vec![everyone],
            ready_at_ms: 0,
            fails: false,
            gone_at_ms: None,
        });
    }
}

/// `GET …/vpc-endpoint-services/public`: the cloud's own services, the same in every project.
pub async fn list(ctx: Ctx) -> ApiResult<Response> {
    let listing = ctx.listing()?;
    let store = ctx.shared.store();
    let items: Vec<Fields> = store
        .services
        .values()
        .filter(|s| s.project_id == CLOUD_PROJECT && matches_filters(&ctx, &s.fields))
        .map(|s| s.fields.clone())
        .collect();
    let (page, total) = listing.page(items);
    reply::<t::ListServicePublicDetailsResponseBody>(
        StatusCode::OK,
        json!({ "endpoint_services": page, "total_count": total }),
    )
}
