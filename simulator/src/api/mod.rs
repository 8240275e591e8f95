//! The VPCEP routes and the helpers every handler shares: body parsing through the generated
//! `vpcep` types, responses filtered through them, ownership checks and list paging.

mod connections;
mod endpoints;
mod permissions;
mod public;
mod services;
mod support;
mod tags;

pub use public::seed_public_services;
pub use services::FAILING_BACKEND;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post, put};

use crate::server::Shared;

/// Every VPCEP operation (the 33 of the official `VpcepClient`).
pub fn router() -> Router<Arc<Shared>> {
    let svc = "/v1/{project_id}/vpc-endpoint-services";
    let one = "/v1/{project_id}/vpc-endpoint-services/{service_id}";
    let ep = "/v1/{project_id}/vpc-endpoints";
    Router::new()
        .route("/", get(support::list_versions))
        .route("/{version}", get(support::show_version))
        .route(svc, post(services::create).get(services::list))
        .route(&format!("{svc}/describe"), get(services::describe))
        .route(&format!("{svc}/public"), get(public::list))
        .route(one, get(services::show).put(services::update).delete(services::delete))
        .route(&format!("{one}/name"), put(services::rename))
        .route(
            "/v2/{project_id}/vpc-endpoint-services/{service_id}/upgrade",
            post(services::upgrade),
        )
        .route(
            "/v2/{project_id}/vpc-endpoint-services/{service_id}/add-server-resources",
            post(services::add_server_resources),
        )
        .route(&format!("{one}/connections"), get(connections::list))
        .route(&format!("{one}/connections/action"), post(connections::act))
        .route(&format!("{one}/connections/description"), put(connections::describe))
        .route(&format!("{one}/permissions"), get(permissions::list))
        .route(&format!("{one}/permissions/action"), post(permissions::act))
        .route(&format!("{one}/permissions/batch-create"), post(permissions::batch_create))
        .route(&format!("{one}/permissions/batch-delete"), post(permissions::batch_delete))
        .route(&format!("{one}/permissions/{{permission_id}}"), put(permissions::describe))
        .route(ep, post(endpoints::create).get(endpoints::list))
        .route(
            &format!("{ep}/{{endpoint_id}}"),
            get(endpoints::show).put(endpoints::whitelist).delete(endpoints::delete),
        )
        .route(
            &format!("{ep}/{{endpoint_id}}/policy"),
            put(endpoints::set_policy).delete(endpoints::delete_policy),
        )
        .route(&format!("{ep}/{{endpoint_id}}/routetables"), put(endpoints::routetables))
        .route("/v2/{project_id}/vpc-endpoints/{endpoint_id}/upgrade", post(endpoints::upgrade))
        .route("/v1/{project_id}/quotas", get(support::quotas))
        .route("/v1/{project_id}/{resource_type}/{resource_id}/tags/action", post(tags::act))
        .route("/v1/{project_id}/{resource_type}/tags", get(tags::project_tags))
        .route("/v1/{project_id}/{resource_type}/resource_instances/action", post(tags::find))
        .fallback(support::no_route)
}
