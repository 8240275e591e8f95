//! Whitelist records of an endpoint service: who may connect to it.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use vpcep::types as t;

use super::services::owned;
use super::support::{Ctx, known, parse_body, reply};
use crate::clock::{iso, now_ms};
use crate::error::{ApiError, ApiResult};
use crate::store::Fields;
use crate::tenant::resource_id;

/// Most whitelist records one service may hold.
const MAX_PERMISSIONS: usize = 500;

/// `iam:domain::<domain id>` (32 letters or digits), or `*` for everyone; organization paths
/// `organizations:orgPath::…` for the `orgPath` type.
fn check_entry(entry: &str, org_path: bool) -> ApiResult<()> {
    let valid = if org_path {
        entry.starts_with("organizations:orgPath::") && entry.len() > 23
    } else {
        entry == "*"
            || entry
                .strip_prefix("iam:domain::")
                .is_some_and(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    if valid {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "invalid whitelist entry `{entry}`; expected iam:domain::<32-character domain id> or *"
        )))
    }
}

fn check_description(description: &str) -> ApiResult<()> {
    if description.chars().count() > 256 || description.contains(['<', '>']) {
        return Err(ApiError::invalid("description must be at most 256 characters without < or >"));
    }
    Ok(())
}

fn new_record(entry: &str, kind: &str, description: &str) -> Fields {
    let value = json!({
        "id": resource_id(), "permission": entry, "permission_type": kind,
        "description": description, "created_at": iso(now_ms()),
    });
    value.as_object().cloned().unwrap_or_default()
}

fn entry_of(record: &Fields) -> &str {
    record.get("permission").and_then(Value::as_str).unwrap_or_default()
}

/// `GET …/{service_id}/permissions`.
pub async fn list(ctx: Ctx) -> ApiResult<Response> {
    // Whitelist pages hold at most 500 records.
    let listing = ctx.listing_up_to(500)?;
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    let items: Vec<Fields> = record
        .permissions
        .iter()
        .filter(|p| ctx.query("permission").is_none_or(|wanted| entry_of(p).contains(wanted)))
        .cloned()
        .collect();
    let (page, total) = listing.page(items);
    reply::<t::ListServicePermissionsDetailsResponseBody>(
        StatusCode::OK,
        json!({ "permissions": page, "total_count": total }),
    )
}

/// `POST …/{service_id}/permissions/action`: add or remove entries by value.
pub async fn act(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::AddOrRemoveServicePermissionsRequestBody = parse_body(&body)?;
    known(
        "action",
        request.action.as_str(),
        matches!(request.action, t::PermissionAction::Unknown(_)),
        &["add", "remove"],
    )?;
    let kind = request.permission_type.as_ref().map_or("domainId", |k| k.as_str()).to_string();
    known(
        "permission_type",
        &kind,
        !matches!(kind.as_str(), "domainId" | "orgPath"),
        &["domainId", "orgPath"],
    )?;
    for entry in &request.permissions {
        check_entry(entry, kind == "orgPath")?;
    }
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    match request.action {
        t::PermissionAction::Add => {
            // Check the limit against the whole request first, so a refusal changes nothing.
            let mut new: Vec<&String> = Vec::new();
            for entry in &request.permissions {
                if !record.permissions.iter().any(|p| entry_of(p) == entry) && !new.contains(&entry)
                {
                    new.push(entry);
                }
            }
            if record.permissions.len() + new.len() > MAX_PERMISSIONS {
                return Err(ApiError::quota("whitelist record", MAX_PERMISSIONS as u64));
            }
            record.permissions.extend(new.into_iter().map(|entry| new_record(entry, &kind, "")));
        }
        _ => record
            .permissions
            .retain(|p| !request.permissions.iter().any(|entry| entry == entry_of(p))),
    }
    let entries: Vec<&str> = record.permissions.iter().map(entry_of).collect();
    reply::<t::AddOrRemoveServicePermissionsResponseBody>(
        StatusCode::OK,
        json!({ "permissions": entries, "permission_type": kind }),
    )
}

/// `POST …/{service_id}/permissions/batch-create`.
pub async fn batch_create(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::BatchAddEndpointServicePermissionsRequestBody = parse_body(&body)?;
    let kind = request.permission_type.as_ref().map_or("domainId", |k| k.as_str()).to_string();
    for item in &request.permissions {
        check_entry(&item.permission, kind == "orgPath")?;
        check_description(&item.description)?;
    }
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    if record.permissions.len() + request.permissions.len() > MAX_PERMISSIONS {
        return Err(ApiError::quota("whitelist record", MAX_PERMISSIONS as u64));
    }
    let mut created = Vec::new();
    for item in &request.permissions {
        if let Some(existing) = record.permissions.iter().find(|p| entry_of(p) == item.permission) {
            created.push(existing.clone());
            continue;
        }
        let new = new_record(&item.permission, &kind, &item.description);
        record.permissions.push(new.clone());
        created.push(new);
    }
    reply::<t::BatchAddEndpointServicePermissionsResponseBody>(
        StatusCode::OK,
        json!({ "permissions": created }),
    )
}

/// `POST …/{service_id}/permissions/batch-delete`: every id must exist, or nothing is removed.
pub async fn batch_delete(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::BatchRemoveEndpointServicePermissionsRequestBody = parse_body(&body)?;
    let id = ctx.path("service_id").to_string();
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    let id_of = |p: &Fields| p.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
    for item in &request.permissions {
        if !record.permissions.iter().any(|p| id_of(p) == item.id) {
            return Err(ApiError::not_found("whitelist record", &item.id));
        }
    }
    record.permissions.retain(|p| !request.permissions.iter().any(|item| item.id == id_of(p)));
    let remaining = record.permissions.clone();
    reply::<t::BatchRemoveEndpointServicePermissionsResponseBody>(
        StatusCode::OK,
        json!({ "permissions": remaining }),
    )
}

/// `PUT …/{service_id}/permissions/{permission_id}`.
pub async fn describe(ctx: Ctx, body: Bytes) -> ApiResult<Response> {
    let request: t::UpdateEndpointServicePermissionDescRequestBody = parse_body(&body)?;
    check_description(&request.permission.description)?;
    let (id, permission_id) =
        (ctx.path("service_id").to_string(), ctx.path("permission_id").to_string());
    let mut store = ctx.shared.store();
    let record = owned(&mut store, &ctx, &id)?;
    let target = record
        .permissions
        .iter_mut()
        .find(|p| p.get("id").and_then(Value::as_str) == Some(permission_id.as_str()))
        .ok_or_else(|| ApiError::not_found("whitelist record", &permission_id))?;
    target.insert("description".into(), request.permission.description.clone().into());
    let updated = target.clone();
    reply::<t::UpdateEndpointServicePermissionDescResponseBody>(
        StatusCode::OK,
        json!({ "permissions": [updated] }),
    )
}
